"""What `consult diff` compares: a file, or a stored version named `ID` or `ID@N`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from consult.errors import InvalidInput, LibraryMissing, NotFound
from consult.i18n import tr
from consult.library import Library
from consult.markdown_io.text_file import read_document


@dataclass(frozen=True)
class Side:
    name: str  # shown in reports: the file name, or "Title (v3)"
    text: str
    metadata: dict[str, Any] | None = None  # title, kind, status … of a stored version


def load_sides(old: str, new: str, open_library: Callable[[], Any]) -> tuple[Side, Side]:
    """Both sides; the library is opened only if one of them names a stored version."""
    old_side, new_side = _load_all([(old, "OLD"), (new, "NEW")], open_library)
    return old_side, new_side


def load_side(ref: str, which: str, open_library: Callable[[], Any]) -> Side:
    """One text (`which` names it in messages: "BASE"); the library is opened only if `ref`
    names a stored version, and closed again."""
    (side,) = _load_all([(ref, which)], open_library)
    return side


def _load_all(refs: list[tuple[str, str]], open_library: Callable[[], Any]) -> list[Side]:
    library = None

    def get_library():
        nonlocal library
        if library is None:
            library = open_library()
        return library

    try:
        return [_load(ref, which, get_library) for ref, which in refs]
    finally:
        if library is not None:
            library.close()


def _load(ref: str, which: str, get_library: Callable[[], Any]) -> Side:
    path = Path(ref)
    if path.exists():
        # UTF-16 with a BOM and GB18030 (GBK) too: law texts are often saved so.
        return Side(path.name, read_document(path).text)
    try:
        head, number = Library.split_ref(ref)
    except InvalidInput as e:
        raise InvalidInput(tr("{argument} {reason}", argument=which, reason=e)) from e
    try:
        library = get_library()
        proposal_id = library.resolve(head)
    except (NotFound, LibraryMissing) as e:
        raise NotFound(
            tr(
                "{argument} “{ref}” is neither a file nor a stored proposal ({reason})",
                argument=which,
                ref=ref,
                reason=e,
            )
        ) from e
    version = library.version(proposal_id, number)
    proposal = library.get(proposal_id)
    meta = version.content.metadata_json()
    meta["tags"] = list(proposal.tags)
    meta.pop("base", None)
    return Side(f"{version.content.title} (v{version.number})", version.content.body, meta)
