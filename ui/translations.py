"""The window's language: English (the source texts) or Simplified Chinese.

The translation source is `resources/translations/consult_zh_CN.ts` (and `consult_en.ts`, which
holds only English's singular and plural forms of the texts with a count); the `.qm` file Qt loads is
not shipped but built from it with `lrelease` (PySide6 ships one in its package folder) on the
first start, into the user's cache folder under a name that carries the `.ts` file's hash, so
that an updated `.ts` is built again and an old `.qm` is never used. Qt's own translations
(`qtbase_zh_CN.qm`: the standard buttons and dialogs) are loaded from Qt's folder.

The language follows the system locale unless the user chose one (Language menu, stored in
QSettings under `language`: "en" or "zh_CN"; absent means "system"); a choice applies at the
next start.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from consult.paths import APP_NAME, resources_dir

ENGLISH, CHINESE = "en", "zh_CN"
SYSTEM = "system"
LANGUAGES = (ENGLISH, CHINESE)  # what the window can be shown in
SETTINGS_KEY = "language"
LRELEASE_TIMEOUT_S = 60

_installed: list[QTranslator] = []
_language = ENGLISH  # the language installed (English until `install` says otherwise)
_default_locale: QLocale | None = None  # QLocale's default before `install` changed it


@dataclass
class Installed:
    """What `install` did: the language the window is shown in, and a one-line notice when the
    wanted translation could not be loaded (the window is then in English)."""

    language: str
    notice: str = ""
    files: list[Path] = field(default_factory=list)


# -- which language -------------------------------------------------------------------------


def preferred_language() -> str:
    """The user's choice: "system" (the default), "en" or "zh_CN"."""
    value = QSettings().value(SETTINGS_KEY, SYSTEM)
    return value if value in LANGUAGES else SYSTEM


def set_preferred_language(choice: str) -> None:
    """Store the user's choice ("system", "en" or "zh_CN"); it applies at the next start."""
    settings = QSettings()
    if choice in LANGUAGES:
        settings.setValue(SETTINGS_KEY, choice)
    else:
        settings.remove(SETTINGS_KEY)  # settings keep only what differs from the defaults


def resolve(choice: str, system: QLocale | None = None) -> str:
    """The language to show for a choice: "system" follows the system locale (any Chinese
    locale gets Simplified Chinese, any other English)."""
    if choice in LANGUAGES:
        return choice
    locale = system if system is not None else QLocale.system()
    return CHINESE if locale.language() == QLocale.Language.Chinese else ENGLISH


def current_language() -> str:
    """The language the window is shown in ("en" or "zh_CN")."""
    return _language


def primary_language() -> str:
    """The window's language as templates, the demo library and reports name it ("zh" or
    "en"): new proposals start in it."""
    return "zh" if _language == CHINESE else "en"


# -- installing -----------------------------------------------------------------------------


def install(language: str | None = None, *, cache: Path | None = None) -> Installed:
    """Load the translations for `language` (default: the user's choice, else the system's)
    into the running QCoreApplication, replacing any loaded before."""
    global _language, _default_locale
    uninstall()
    wanted = resolve(language if language is not None else preferred_language())
    if wanted == ENGLISH:
        return Installed(ENGLISH, files=_install_english_plurals(cache))
    qm, notice = compiled_translation(wanted, cache=cache)
    if qm is None:
        print(f"Consult: {notice}", file=sys.stderr)
        return Installed(ENGLISH, notice)
    loaded = []
    ours = QTranslator()
    if not ours.load(str(qm)):
        notice = f"the translation {qm} could not be loaded; the window is in English"
        print(f"Consult: {notice}", file=sys.stderr)
        return Installed(ENGLISH, notice)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator()
    # Qt's own texts (standard buttons, file dialogs); without them those stay in English.
    if qt.load(f"qtbase_{wanted}", qt_folder):
        _add(qt)
        loaded.append(Path(qt.filePath()))
    _add(ours)  # installed last: looked up first
    loaded.insert(0, qm)
    _language = wanted
    if resolve(SYSTEM, QLocale()) != wanted:
        _default_locale = QLocale()
        QLocale.setDefault(QLocale(wanted))  # numbers and dates as the language writes them
    return Installed(wanted, files=loaded)


def _install_english_plurals(cache: Path | None) -> list[Path]:
    """English needs a translation only for its plurals: the texts with a count (%n) are
    written "%n proposal(s)" in the code, and consult_en.ts gives "1 proposal" / "2
    proposals". Without it (no lrelease) the window shows the "(s)" forms."""
    qm, _ = compiled_translation(ENGLISH, cache=cache)
    plurals = QTranslator()
    if qm is None or not plurals.load(str(qm)):
        return []
    _add(plurals)
    return [qm]


def uninstall() -> None:
    """Remove the translations `install` loaded: the window is in English again."""
    global _language, _default_locale
    app = QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            QCoreApplication.removeTranslator(translator)
    _language = ENGLISH
    if _default_locale is not None:
        QLocale.setDefault(_default_locale)
        _default_locale = None


def _add(translator: QTranslator) -> None:
    QCoreApplication.installTranslator(translator)
    _installed.append(translator)


# -- building the .qm -----------------------------------------------------------------------


def ts_file(language: str) -> Path:
    """The translation source shipped for `language`."""
    return resources_dir() / "translations" / f"consult_{language}.ts"


def cache_folder() -> Path:
    return platformdirs.user_cache_path(APP_NAME, appauthor=False) / "translations"


def compiled_translation(language: str, *, cache: Path | None = None) -> tuple[Path | None, str]:
    """The `.qm` built from the `.ts` of `language` (built now if it is not in the cache yet),
    or None and why not."""
    source = ts_file(language)
    try:
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    except OSError as e:
        return None, f"no translation for {language} ({e.strerror}: {source})"
    folder = cache if cache is not None else cache_folder()
    qm = folder / f"consult_{language}-{digest}.qm"
    if qm.is_file():
        return qm, ""
    tool = lrelease()
    if tool is None:
        return None, "lrelease (from PySide6) was not found: the window is in English"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(suffix=".qm", dir=folder)
        os.close(handle)
        try:
            done = subprocess.run(
                [*tool, "-silent", str(source), "-qm", temporary],
                capture_output=True,
                text=True,
                timeout=LRELEASE_TIMEOUT_S,
            )
            if done.returncode != 0 or os.path.getsize(temporary) == 0:
                reason = (done.stderr or done.stdout).strip().splitlines()
                return None, "lrelease failed ({}): the window is in English".format(
                    reason[-1] if reason else f"exit status {done.returncode}"
                )
            os.replace(temporary, qm)  # whole or not at all: a second start may be reading
        finally:
            if os.path.exists(temporary):
                os.remove(temporary)
    except (OSError, subprocess.SubprocessError) as e:
        return None, f"the translation could not be built ({e}): the window is in English"
    return qm, ""


def lrelease() -> list[str] | None:
    """The command that runs lrelease: PySide6's own binary, else one on the PATH."""
    import PySide6

    package = Path(PySide6.__file__).parent
    for name in ("lrelease", "lrelease.exe"):
        candidate = package / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return [str(candidate)]
    for name in ("pyside6-lrelease", "lrelease-qt6", "lrelease"):
        found = shutil.which(name)
        if found:
            return [found]
    return None
