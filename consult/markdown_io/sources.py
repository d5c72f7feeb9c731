"""The files an import reads: found in the paths given, decoded, their front matter parsed.

Folders are walked recursively for `.md`, `.markdown` and `.txt` files, in name order; hidden
files and folders (`.git`, `.obsidian`, our own temporary files) are left out, links to folders
are not followed, and a link to a file is followed only when the file lies inside the folder
given. A file named explicitly is read whatever its extension (its content decides). The
`index.md` an export writes is recognised by its front matter and skipped.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from consult.errors import InvalidInput
from consult.i18n import join, tr
from consult.markdown_io.front_matter import split_front_matter
from consult.markdown_io.metadata import INDEX_MARK, FileFields, read_fields
from consult.markdown_io.names import inside
from consult.markdown_io.text_file import MAX_TEXT_BYTES, read_document

EXTENSIONS = (".md", ".markdown", ".txt")
PREVIEW_CHARS = 400
# Parsed files are kept for the import that follows the scan up to this many characters in
# all; beyond it they are read again (an import of many large files stays within memory).
KEEP_CHARS = 64 * 1024 * 1024


@dataclass
class ScannedFile:
    """One file found by `scan`: how it decodes and what its front matter says, or why not."""

    path: Path
    encoding: str | None = None  # "UTF-8", "UTF-8 (BOM)", "UTF-16 LE", "GB18030" …
    encoding_guessed: bool = False  # the bytes did not say: ask "Detected GB18030 — correct?"
    preview: str = ""  # the first few hundred characters, to show with that question
    error: str | None = None  # why it cannot be imported
    skip: str | None = None  # why it is left out on purpose
    notes: list[str] = field(default_factory=list)  # e.g. "Front matter ignored: …"
    fields: FileFields | None = None  # None when read again at import (memory) or on error
    # From the front matter, for ordering the import even when `fields` is not kept:
    id: str | None = None
    version: int | None = None
    base_id: str | None = None


def scan(
    paths: Iterable[str | Path],
    *,
    encoding: str | None = None,
    encodings: Mapping[Path, str] | None = None,
    limit: int = MAX_TEXT_BYTES,
    cancel: Callable[[], bool] | None = None,
) -> list[ScannedFile]:
    """Every file under `paths`, read and parsed, in order; nothing is written.

    `encodings` gives the encoding a user chose for a file; `encoding` is used for every other
    file that is neither UTF-8 nor marked by a BOM (None: recognise GB18030, refuse the rest).
    Stops early, returning what it has, when `cancel()` answers True.
    """
    found = find_files(paths)
    kept = 0
    for item in found:
        if cancel is not None and cancel():
            break
        if item.error or item.skip:
            continue
        chosen = (encodings or {}).get(item.path, encoding)
        read(item, encoding=chosen, limit=limit)
        if item.fields is not None:
            kept += len(item.fields.content.body)
            if kept > KEEP_CHARS:
                item.fields = None  # read again when imported
    return found


def find_files(paths: Iterable[str | Path]) -> list[ScannedFile]:
    """The files named and those inside the folders named (see the module's docstring)."""
    found: list[ScannedFile] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            entries: Iterable[tuple[Path, str | None]] = _walk(path)
        elif path.is_file():
            entries = [(path, None)]
        elif os.path.lexists(path):
            found.append(ScannedFile(path, error=tr("{path} is not a file or a folder", path=path)))
            continue
        else:
            found.append(ScannedFile(path, error=tr("{path}: no such file or folder", path=path)))
            continue
        for file, skip in entries:
            real = file.resolve()
            if skip is None and real in seen:
                continue  # the same file named twice, or reached through a link
            seen.add(real)
            found.append(ScannedFile(file, skip=skip))
    return found


def read(item: ScannedFile, *, encoding: str | None, limit: int = MAX_TEXT_BYTES) -> None:
    """Decode and parse `item`'s file, filling in its encoding, preview, notes and fields."""
    item.notes = []
    try:
        decoded = read_document(item.path, encoding=encoding, limit=limit)
    except InvalidInput as e:
        item.error = str(e)
        return
    item.encoding, item.encoding_guessed = decoded.encoding, decoded.guessed
    item.preview = decoded.text[:PREVIEW_CHARS]
    if decoded.guessed:
        item.notes.append(tr("Encoding detected as {encoding}", encoding=decoded.encoding))
    parsed = split_front_matter(decoded.text)
    if parsed.problem:
        item.notes.append(tr("Front matter ignored: {problem}", problem=parsed.problem))
    elif parsed.meta.get("consult") == INDEX_MARK:
        item.skip = tr("the index of an export (not a proposal)")
        return
    # The blank line `join_front_matter` puts after the closing `---` is not part of the body.
    body = parsed.body.removeprefix("\n") if parsed.meta else parsed.body
    fields = read_fields(parsed.meta, body, item.path.stem)
    if fields.problems or fields.unknown:
        # Front matter that Consult cannot hold entirely stays in the text: nothing is lost.
        fields = replace(fields, content=replace(fields.content, body=decoded.text))
        item.notes += [
            tr("Front matter value ignored: {problem}", problem=p) for p in fields.problems
        ]
        if fields.unknown:
            keys = join(fields.unknown[:5]) + (" …" if len(fields.unknown) > 5 else "")
            item.notes.append(
                tr("Front matter kept at the top of the text (it also holds {keys})", keys=keys)
            )
    item.fields = fields
    item.id, item.version = fields.id, fields.version
    item.base_id = fields.base[0] if fields.base else None


def _walk(root: Path) -> Iterable[tuple[Path, str | None]]:
    """(file, None) for each file to import under `root`; (path, why) for links not followed."""
    outside = tr("a link leading outside the folder; not followed")
    for folder, dirnames, filenames in os.walk(root):  # never descends into linked folders
        here = Path(folder)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in dirnames:
            if (here / name).is_symlink() and not inside(root, here / name):
                yield here / name, outside
        for name in sorted(filenames):
            path = here / name
            if name.startswith(".") or path.suffix.lower() not in EXTENSIONS:
                continue
            if path.is_symlink() and not inside(root, path):
                yield path, outside
            elif path.is_file():
                yield path, None
