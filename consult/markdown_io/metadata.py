"""The front matter of an exported proposal, both ways: what export writes, what import reads.

Written (in this order): id, title, kind, status, sponsors, cosigners, session, tags, created,
updated, version, sha256, then base (`{id, version}`) when the proposal has one and label when
the version has one. `created` is the proposal's; `updated` is the proposal's for its latest
version and the version's own time in a history file; `version` and `sha256` are the exported
version's number and content hash.

Read: every key is optional in a file written by hand. The title falls back to the first
`# heading` of the body, then to the file name; kind to note; status to draft. Lists may be
written as one string (tags as "a, b"). A value that cannot be used (a kind Consult does not
know, a title that is a list …) is replaced by its default and reported; the import then keeps
the whole front matter in the text, as it does for keys Consult has no place for, so that
nothing in the file is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from consult.errors import InvalidInput
from consult.i18n import tr
from consult.library import Library
from consult.model import Content, Kind, Proposal, Status, Version, parse_choice
from consult.tags import normalize_tag

INDEX_MARK = "export index"  # `consult: export index` marks the index.md an export writes
# Every key an export writes; any other key in a file's front matter is one Consult cannot keep.
KNOWN_KEYS = frozenset(
    "id title kind status sponsors cosigners session tags created updated version sha256 "
    "base label".split()
)
T = TypeVar("T")


@dataclass(frozen=True)
class FileFields:
    """What an imported file says: content (its base not yet resolved), tags and origin."""

    id: str | None  # the id in the library it was exported from
    content: Content
    tags: tuple[str, ...]
    base: tuple[str, int | None] | None  # (proposal id, version) in the exporting library
    version: int | None
    label: str
    problems: tuple[str, ...] = ()  # values that could not be used (their defaults taken)
    unknown: tuple[str, ...] = ()  # keys Consult has no place for


def front_matter(proposal: Proposal, version: Version, *, latest: bool = True) -> dict[str, Any]:
    """The front matter of one exported version of `proposal`."""
    c = version.content
    meta: dict[str, Any] = {
        "id": proposal.id,
        "title": c.title,
        "kind": c.kind.value,
        "status": c.status.value,
        "sponsors": list(c.sponsors),
        "cosigners": list(c.cosigners),
        "session": c.session,
        "tags": list(proposal.tags),
        "created": proposal.created,
        "updated": proposal.updated if latest else version.info.created,
        "version": version.number,
        "sha256": version.info.sha256,
    }
    if c.base is not None:
        meta["base"] = {"id": c.base.proposal_id, "version": c.base.version}
    if version.info.label:
        meta["label"] = version.info.label
    return meta


def read_fields(meta: dict[str, Any], body: str, fallback_title: str) -> FileFields:
    """The proposal a file describes. A value that cannot be used is left out (its default
    taken) and named in `problems`; keys Consult has no place for are listed in `unknown`."""
    problems: list[str] = []
    no_names: tuple[str, ...] = ()

    def attempt(read: Callable[[], T], default: T) -> T:
        try:
            return read()
        except InvalidInput as e:
            problems.append(str(e))
            return default

    title = attempt(lambda: _text(meta, "title"), "") or _heading(body) or fallback_title
    kind = attempt(lambda: parse_choice(Kind, _text(meta, "kind") or "note", "kind"), Kind.NOTE)
    status = attempt(
        lambda: parse_choice(Status, _text(meta, "status") or "draft", "status"), Status.DRAFT
    )
    content = Content(
        title=" ".join(title.split()),
        kind=kind,
        status=status,
        body=body,
        sponsors=attempt(lambda: _names(meta, "sponsors"), no_names),
        cosigners=attempt(lambda: _names(meta, "cosigners"), no_names),
        session=" ".join(attempt(lambda: _text(meta, "session"), "").split()),
    )
    tags = []
    for name in attempt(lambda: _names(meta, "tags", split_commas=True), no_names):
        tag = attempt(lambda name=name: normalize_tag(name), "")  # type: ignore[misc]
        if tag:
            tags.append(tag)
    version = meta.get("version")
    return FileFields(
        id=attempt(lambda: _text(meta, "id"), "").lower() or None,
        content=content,
        tags=tuple(tags),
        base=attempt(lambda: _base(meta.get("base")), None),
        version=version if type(version) is int and version >= 1 else None,
        label=attempt(lambda: _text(meta, "label"), ""),
        problems=tuple(problems),
        unknown=tuple(str(key) for key in meta if key not in KNOWN_KEYS),
    )


def _text(meta: dict[str, Any], key: str) -> str:
    value = meta.get(key)
    if value is None:
        return ""
    if isinstance(value, bool | dict | list):
        raise InvalidInput(tr("“{key}” must be text", key=key))
    return str(value).strip()


def _names(meta: dict[str, Any], key: str, *, split_commas: bool = False) -> tuple[str, ...]:
    value = meta.get(key)
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        items = value.split(",") if split_commas else [value]
    elif isinstance(value, list):
        items = value
    else:
        raise InvalidInput(tr("“{key}” must be a list of names", key=key))
    names: dict[str, None] = {}
    for item in items:
        if isinstance(item, bool | dict | list) or item is None:
            raise InvalidInput(tr("“{key}” must be a list of names", key=key))
        name = " ".join(str(item).split())
        if name:
            names.setdefault(name, None)
    return tuple(names)


def _base(value: Any) -> tuple[str, int | None] | None:
    """`{id: X, version: N}` (as exported), or "X" / "X@N" written by hand."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        head, number = Library.split_ref(value.strip())
        return head.lower(), number
    if isinstance(value, dict):
        ref = value.get("id", value.get("proposal_id"))
        number = value.get("version")
        if isinstance(ref, str | int) and not isinstance(ref, bool) and str(ref).strip():
            if number is None or (type(number) is int and number >= 1):
                return str(ref).strip().lower(), number
    raise InvalidInput(tr("“base” must be a proposal id, or {{id: …, version: N}}"))


def _heading(body: str) -> str:
    first = body.lstrip("\n").split("\n", 1)[0]
    if first.startswith("# "):
        return first[2:].strip().strip("#").strip()
    return ""
