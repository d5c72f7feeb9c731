"""The demo library: proposals written for this project, in `resources/demo/`.

Each folder is one proposal; `v1.md`, `v2.md`, … are its versions in full, each with YAML
front matter (title, kind, status, sponsors, cosigners, session, tags, label, and for an
amendment `base` naming the folder of its reference text and `base_version`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from consult import clock
from consult.errors import InvalidInput
from consult.i18n import tr
from consult.library import Library
from consult.markdown_io.front_matter import split_front_matter
from consult.model import Base, Content, Kind, Status
from consult.paths import resources_dir

_VERSION_FILE = re.compile(r"^v(\d+)\.md$")


@dataclass
class DemoVersion:
    meta: dict[str, Any]
    body: str


def demo_dir() -> Path:
    return resources_dir() / "demo"


def read_demo(folder: Path | None = None) -> dict[str, list[DemoVersion]]:
    """Every demo proposal's versions, by folder name, in the order their files are numbered."""
    folder = folder or demo_dir()
    proposals: dict[str, list[DemoVersion]] = {}
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        numbered = sorted(
            (int(m.group(1)), f) for f in sub.iterdir() if (m := _VERSION_FILE.match(f.name))
        )
        versions = []
        for _number, path in numbered:
            parsed = split_front_matter(path.read_text(encoding="utf-8"))
            if parsed.problem or not parsed.meta:
                raise InvalidInput(
                    tr(
                        "Demo file {path} has no usable front matter: {problem}",
                        path=path,
                        problem=parsed.problem,
                    )
                )
            versions.append(DemoVersion(parsed.meta, parsed.body.lstrip("\n")))
        if versions:
            proposals[sub.name] = versions
    return proposals


def load_demo(
    library: Library, folder: Path | None = None, lang: str | None = None
) -> dict[str, str]:
    """Add the demo proposals to `library` in one transaction; returns folder name → id.

    Versions are dated over the past weeks so that the history reads like real work. With
    `lang` ("zh" or "en"), version labels and tag names are given in that language where
    `resources/translations/demo.json` has them; the texts stay as written.
    """
    proposals = read_demo(folder)
    labels, tags = demo_names(lang)
    order = sorted(proposals, key=lambda name: (_has_base(proposals[name]), name))
    ids: dict[str, str] = {}
    start = (clock.now() - timedelta(days=40)).replace(hour=0, minute=0, second=0, microsecond=0)
    with library.batch():
        for index, name in enumerate(order):
            moment = start + timedelta(days=index, hours=9)
            for number, version in enumerate(proposals[name], start=1):
                meta = version.meta
                content = _content(meta, version.body, ids)
                label = str(meta.get("label") or "")
                with clock.pinned(moment):
                    if number == 1:
                        created = library.create_proposal(
                            content.title,
                            content.kind,
                            content.body,
                            status=content.status,
                            sponsors=content.sponsors,
                            cosigners=content.cosigners,
                            session=content.session,
                            base=content.base,
                            tags=[tags.get(t, t) for t in meta.get("tags") or []],
                            label=labels.get(label, label),
                        )
                        ids[name] = created.id
                    else:
                        library.save_version(ids[name], content, label=labels.get(label, label))
                        library.set_tags(
                            ids[name], [tags.get(t, t) for t in meta.get("tags") or []]
                        )
                moment += timedelta(days=4, hours=3, minutes=17 * number)
    return ids


def demo_names(lang: str | None) -> tuple[dict[str, str], dict[str, str]]:
    """(labels, tags): the demo's version labels and tag names in `lang`, each mapped from
    the name the demo files use (what `resources/translations/demo.json` does not list is
    kept as written)."""
    path = resources_dir() / "translations" / "demo.json"
    if lang is None or not path.is_file():
        return {}, {}
    table = json.loads(path.read_text(encoding="utf-8"))
    names = table.get(lang) or {}
    return dict(names.get("labels") or {}), dict(names.get("tags") or {})


def _has_base(versions: list[DemoVersion]) -> bool:
    return any(v.meta.get("base") for v in versions)


def _content(meta: dict[str, Any], body: str, ids: dict[str, str]) -> Content:
    base = None
    if meta.get("base"):
        base = Base(ids[str(meta["base"])], meta.get("base_version"))
    return Content(
        title=str(meta["title"]),
        kind=Kind(meta["kind"]),
        status=Status(meta.get("status", "draft")),
        body=body,
        sponsors=tuple(str(s) for s in meta.get("sponsors") or ()),
        cosigners=tuple(str(s) for s in meta.get("cosigners") or ()),
        session=str(meta.get("session") or ""),
        base=base,
    )
