"""Helpers shared by the Markdown export / import tests (imported as a plain module)."""

from __future__ import annotations

import os
from pathlib import Path

from consult.library import Library


def snapshot(library: Library) -> dict[str, tuple]:
    """Every proposal as a user sees it, by title: metadata, tags and body of its latest
    version (titles are unique in the libraries these tests compare)."""
    seen: dict[str, tuple] = {}
    for p in library.list_proposals():
        c = library.version(p.id).content
        assert c.title not in seen, f"two proposals titled {c.title!r}"
        seen[c.title] = (
            c.kind, c.status, c.sponsors, c.cosigners, c.session, p.tags, c.body,
        )  # fmt: skip
    return seen


def files_under(folder: Path) -> set[str]:
    """Every entry under `folder` (hidden ones included), as paths relative to it."""
    found = set()
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            found.add(str((Path(root) / name).relative_to(folder)))
    return found


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path
