"""File names for exported proposals: readable, valid on Windows, macOS and Linux, unique.

A title becomes a name by replacing what no system allows (`<>:"/\\|?*`, control characters)
with `_`, removing bidirectional override marks (they can disguise an extension), trimming
spaces and dots at both ends (Windows drops trailing ones; a leading dot hides a file), and
prefixing `_` to the names Windows reserves for devices (CON, PRN, AUX, NUL, COM1–9, LPT1–9,
with any extension: `aux.txt.md` is as reserved as `aux`). Names are NFC, at most 255 bytes
of UTF-8 cut on a character boundary, and "untitled" when nothing is left. Chinese and every
other script are kept as they are.

`FolderNames` hands out names unique in one folder, comparing them as case-insensitive
systems do (casefolded, NFC), against what is already there and what it gave before.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from consult.i18n import tr

MAX_NAME_BYTES = 255
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f\x80-\x9f]')
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{port}{n}" for port in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]
}
_SUFFIX_ROOM = 8  # bytes kept free for a " (9999)" suffix


def safe_stem(title: str, extension: str = ".md") -> str:
    """A file name stem for `title`: portable, readable, short enough for `extension` and a
    collision suffix to fit in 255 bytes."""
    name = unicodedata.normalize("NFC", title)
    name = _BIDI_CONTROLS.sub("", name)
    name = " ".join(name.split())  # tabs, line breaks and runs of spaces → one space
    name = _FORBIDDEN.sub("_", name)
    name = name.strip(" .")
    room = MAX_NAME_BYTES - len(extension.encode("utf-8")) - _SUFFIX_ROOM
    name = _cut(name, room).rstrip(" .")
    if not name:
        return tr("untitled")
    if name.split(".")[0].rstrip(" ").upper() in _RESERVED:
        name = "_" + name
    return name


def name_key(name: str) -> str:
    """What makes two names the same file on a case-insensitive, normalising system."""
    return unicodedata.normalize("NFC", name).casefold()


class FolderNames:
    """Unique names in one folder: never one that exists there, nor one handed out before."""

    def __init__(self, folder: Path, *, keep_existing: bool = True) -> None:
        """`keep_existing=False` lets names of files already in the folder be handed out
        (the caller overwrites them on purpose); names handed out stay unique either way."""
        self.folder = folder
        self.root = folder.resolve()
        self.taken: set[str] = set()
        self.existing: set[str] = set()
        if folder.is_dir():
            self.existing = {name_key(entry) for entry in os.listdir(folder)}
        self.keep_existing = keep_existing

    def claim(self, stem: str, extension: str, *, also: str | None = None) -> str:
        """A free name `stem + extension`, else `stem (2) + extension`, `stem (3)` …

        `also`: a second name built from the same stem that must be free too (the folder of
        a proposal's history beside its file); it is claimed along with it.
        """
        n = 1
        while True:
            candidate = stem if n == 1 else f"{stem} ({n})"
            names = [candidate + extension] + ([candidate + also] if also is not None else [])
            if all(self._free(name) for name in names):
                self.taken.update(name_key(name) for name in names)
                return candidate + extension
            n += 1

    def is_existing(self, name: str) -> bool:
        return name_key(name) in self.existing

    def _free(self, name: str) -> bool:
        key = name_key(name)
        if key in self.taken:
            return False
        return not (self.keep_existing and key in self.existing)


def inside(folder: Path, path: Path, *, root: Path | None = None) -> bool:
    """Whether `path`, with links resolved, lies inside `folder` (with links resolved);
    `root`: `folder` already resolved, when checking many paths."""
    root = root or folder.resolve()
    try:
        path.resolve().relative_to(root)
    except ValueError:
        return False
    return True


def _cut(text: str, max_bytes: int) -> str:
    """`text` shortened to at most `max_bytes` of UTF-8, never inside a character, and not
    leaving a combining mark without the letter it belongs to."""
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    cut = data[:max_bytes].decode("utf-8", errors="ignore")
    # A mark right after the cut belongs to the last letter kept: drop that letter too.
    while cut and unicodedata.combining(text[len(cut)]):
        cut = cut[:-1]
    return cut
