"""The core's messages in the user's language: English in the code, translations in a catalog.

Every message a user reads from the core or the command line is written as an English
template with named placeholders and passed through `tr`, which looks it up in the language
set by `set_language` and fills in the values::

    raise LibraryMissing(tr("No library at {path}; create one with 'consult init'", path=path))

Values (paths, ids, titles, numbers) are always placeholders, never joined to the template,
so that a translation can put them where its grammar wants them. A template kept for later
(in a table) is marked with `N_` so that tests find it, and translated where it is shown.

The catalogs are gettext `.po` files, `resources/translations/core_<language>.po` (one entry
per template; no build step). English needs none and reads none: a catalog is read the first
time a message in its language is asked for. tests/core/test_i18n.py checks that every
template in the code has a translation with the same placeholders, and that no entry is stale.

The window calls `set_language` with the language the user chose; the command line follows
the environment (`CONSULT_LANG`, then the locale: LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
"""

from __future__ import annotations

import errno
import os
import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES = (ENGLISH, CHINESE)  # the languages the core speaks: English, Simplified Chinese

# Messages of Python's argparse (its errors, for `consult` with bad arguments) are translated
# from entries with this context in the same catalog.
ARGPARSE_CONTEXT = "argparse"

_language: str | None = None  # None: not chosen yet, taken from the environment when needed
_catalogs: dict[str, dict[tuple[str | None, str], str]] = {}


def set_language(code: str | None) -> str:
    """Speak `code` ("zh_CN", "zh-Hans-CN", "en_US.UTF-8" …) from now on; None: the language
    of the environment. Any Chinese becomes Simplified Chinese, anything else English.
    Returns the language chosen ("zh_CN" or "en")."""
    global _language
    _language = normalize(code) if code is not None else environment_language()
    return _language


def language() -> str:
    """The language messages are given in: "en" or "zh_CN"."""
    if _language is None:
        return set_language(None)
    return _language


def normalize(code: str) -> str:
    """ "zh_CN.UTF-8", "zh-Hans", "ZH" → "zh_CN"; every other code → "en"."""
    primary = re.split(r"[-_.@]", code.strip(), maxsplit=1)[0].lower()
    return CHINESE if primary == "zh" else ENGLISH


def environment_language() -> str:
    """The language the environment asks for: `CONSULT_LANG` when set; else as gettext reads
    it: English in the C / POSIX locale, else the first entry of LANGUAGE, else the locale
    (the first of LC_ALL, LC_MESSAGES, LANG that is set); on Windows without any of these,
    the user's display language."""
    override = os.environ.get("CONSULT_LANG", "").strip()
    if override:
        return normalize(override)
    locale_name = next(
        (os.environ[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG") if os.environ.get(v)), ""
    )
    if locale_name.split(".")[0] in ("C", "POSIX"):
        return ENGLISH
    for entry in os.environ.get("LANGUAGE", "").split(":"):
        if entry.strip():
            return normalize(entry)
    if locale_name:
        return normalize(locale_name)
    if sys.platform == "win32":
        return _windows_language()
    return ENGLISH


def _windows_language() -> str:
    import ctypes

    try:
        langid = int(ctypes.windll.kernel32.GetUserDefaultUILanguage())  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return ENGLISH
    return CHINESE if langid & 0x3FF == 0x04 else ENGLISH  # LANG_CHINESE


def tr(template: str, /, **values: object) -> str:
    """`template` in the current language, its `{placeholders}` filled in from `values`
    (always formatted: a literal brace is written `{{` / `}}`)."""
    lang = language()
    if lang == ENGLISH:
        return template.format(**values)
    text = _catalog(lang).get((None, template), template)
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        # A translation whose placeholders do not match (tests/core/test_i18n.py catches
        # this; an edited catalog might not): the English text rather than no message at all.
        return template.format(**values)


def ntr(singular: str, plural: str, /, count: int, **values: object) -> str:
    """`tr` of the template that fits `count`: `singular` for 1, else `plural` ("{count}
    file saved" / "{count} files saved"); `count` is one of the values. Chinese translates
    both alike."""
    template = singular if count == 1 else plural
    return tr(template, count=count, **values)


def translated(text: str) -> str:
    """`text` in the current language as the catalog has it, nothing filled in (for texts
    that are not templates: the command's help, which argparse formats itself)."""
    lang = language()
    if lang == ENGLISH:
        return text
    return _catalog(lang).get((None, text), text)


def N_(template: str) -> str:
    """Mark a template kept to be translated later by `tr(template)`; returns it unchanged."""
    return template


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: two for each wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """`text` padded with spaces to `width` terminal columns (right-aligned when `width` is
    negative), for column headings that may be Chinese; never cut."""
    room = max(0, abs(width) - display_width(text))
    return " " * room + text if width < 0 else text + " " * room


def join(items: Iterable[str]) -> str:
    """Items of a list on one line: "a, b, c" in English, "a、b、c" in Chinese."""
    return tr(", ").join(items)


def join_clauses(items: Iterable[str]) -> str:
    """Clauses of one sentence: "a; b" in English, "a；b" in Chinese."""
    return tr("; ").join(items)


# The system's reasons for a failed file operation, for `os_reason`: the words Python gives
# in English (its strerror), translated when the language is not English.
_OS_REASONS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EDQUOT: N_("Disk quota exceeded"),
    errno.EROFS: N_("Read-only file system"),
    errno.EEXIST: N_("File exists"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.EFBIG: N_("File too large"),
    errno.EIO: N_("Input/output error"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.EBUSY: N_("Device or resource busy"),
    errno.EMFILE: N_("Too many open files"),
    errno.ENOTEMPTY: N_("Directory not empty"),
    errno.EXDEV: N_("Invalid cross-device link"),
}


def os_reason(error: OSError) -> str:
    """Why a file operation failed, in words for the user: the system's reason (strerror),
    translated for the common errors when the language is not English."""
    text = error.strerror or str(error)
    if language() == ENGLISH or error.errno not in _OS_REASONS:
        return text
    if error.strerror and error.strerror != os.strerror(error.errno):
        return text  # our own words, already translated where they were raised
    return tr(_OS_REASONS[error.errno])


# -- argparse ------------------------------------------------------------------------------------


def install_argparse() -> None:
    """Have argparse's own messages (its errors, and its words in help: "usage: ",
    "options" …) translated from the catalog.

    argparse looks its texts up through module-level `_` / `ngettext` (gettext's); they are
    replaced by functions that answer from the `argparse` entries of our catalog, so that
    `consult new --kind x` says why in the user's language. Idempotent.
    """
    import argparse

    argparse._ = _argparse_gettext  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_ngettext  # type: ignore[attr-defined]


def _argparse_gettext(message: str) -> str:
    lang = language()
    if lang == ENGLISH:
        return message
    return _catalog(lang).get((ARGPARSE_CONTEXT, message), message)


def _argparse_ngettext(singular: str, plural: str, n: int) -> str:
    # Chinese has one form; the catalog translates the singular for both.
    return _argparse_gettext(singular if n == 1 else plural)


# -- the catalog -------------------------------------------------------------------------------


def catalog_path(lang: str) -> Path:
    """The catalog file of a language (`resources/translations/core_<lang>.po`)."""
    from consult.paths import resources_dir

    return resources_dir() / "translations" / f"core_{lang}.po"


def _catalog(lang: str) -> dict[tuple[str | None, str], str]:
    if lang not in _catalogs:
        _catalogs[lang] = load_catalog(lang)
    return _catalogs[lang]


def load_catalog(lang: str) -> dict[tuple[str | None, str], str]:
    """(context, template) → translation, from the language's catalog; fuzzy and empty
    translations left out (the English text is shown for them). Empty when there is no
    catalog: messages are then English, never an error."""
    try:
        text = catalog_path(lang).read_text(encoding="utf-8")
    except OSError:
        return {}
    return {
        (entry.context, entry.msgid): entry.msgstr
        for entry in parse_po(text)
        if entry.msgid and entry.msgstr and not entry.fuzzy
    }


class PoEntry:
    """One entry of a `.po` file."""

    __slots__ = ("comments", "context", "fuzzy", "line", "msgid", "msgstr")

    def __init__(self, line: int) -> None:
        self.line = line  # where it starts (1-based), for messages about it
        self.context: str | None = None
        self.msgid = ""
        self.msgstr = ""
        self.fuzzy = False
        self.comments: list[str] = []


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"\s*$')


def parse_po(text: str) -> list[PoEntry]:
    """The entries of a gettext `.po` file: msgctxt / msgid / msgstr, strings continued on
    the following lines, `#, fuzzy` flags and comments. ValueError for what it cannot read
    (plural forms among it: the core's messages have none)."""
    entries: list[PoEntry] = []
    entry: PoEntry | None = None
    field: str | None = None  # the keyword whose string the next quoted line continues
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            entry, field = None, None
            continue
        if line.startswith("#"):
            if entry is None or field is not None:
                entry, field = PoEntry(number), None
                entries.append(entry)
            if line.startswith("#,") and "fuzzy" in re.split(r"[,\s]+", line[2:]):
                entry.fuzzy = True
            entry.comments.append(line)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid", "msgstr"):
            if entry is None or (keyword != "msgstr" and field in ("msgid", "msgstr")):
                entry = PoEntry(number)
                entries.append(entry)
            field, line = keyword, rest.strip()
        match = _STRING.match(line)
        if entry is None or field is None or match is None:
            raise ValueError(f"line {number}: not part of a .po entry this reader knows: {raw!r}")
        value = re.sub(r"\\(.)", lambda m: _ESCAPES.get(m[1], m[0]), match[1])
        if field == "msgctxt":
            entry.context = (entry.context or "") + value
        elif field == "msgid":
            entry.msgid += value
        else:
            entry.msgstr += value
    return [e for e in entries if e.msgid or e.msgstr or e.context is not None]
