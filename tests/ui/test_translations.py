"""The window in Chinese and in English, with nothing left in the other language.

(a) resources/translations/consult_zh_CN.ts holds every string of ui/ (pyside6-lupdate run
again into a temporary file finds no other), each translated, with its placeholders and its
shortcut letter; (b) with the window in Chinese, every text the window and its dialogs and
messages show is Chinese but for what the user wrote and a few names (Markdown, HTML …);
(c) in English, no Chinese character outside what the user wrote. Also: the `.qm` is built
from the `.ts` into the cache (again when the `.ts` changes), English with a notice when it
cannot be built, the language follows the system or the user's choice, the demo library and
new proposals follow the window's language.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox
from window_walk import open_everything, shown_texts

from consult.library import Library
from ui import app as app_module
from ui import translations

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "resources" / "translations" / "consult_zh_CN.ts"

# Latin words a Chinese window may show: names of formats and programs, units, keys.
ALLOWED_IN_CHINESE = {
    "Consult",
    "Markdown",
    "HTML",
    "SQLite",
    "ID",
    "PID",
    "KB",
    "MB",
    "English",  # the Language menu names each language in its own language
}
ALLOWED_IN_ENGLISH = {"中文"}
_MNEMONIC = re.compile(r"\s*[(（]&[^)）][)）]|&(?=[^&])")
_PATH = re.compile(r"(?:[A-Za-z]:)?[/\\][^\s，。；：“”\"'（）()]+")
_KEYS = re.compile(r"\b(?:(?:Ctrl|Shift|Alt|Meta)\+)+\w+\b|\bF\d{1,2}\b")
_PATTERNS = re.compile(r"\*\.\w+|-wal\b|-shm\b|\.consult\b")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3040-\u30ff]")


def ts_messages(path: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [
        (context.findtext("name") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def translation_texts(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


def placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%(?:\d|L?n)", text))


_COUNT = re.compile(
    r"%L?n"
)  # a text with a count: %n, or %Ln (the number as the language writes it)


def lupdate() -> Path:
    import PySide6

    tool = Path(PySide6.__file__).parent / "lupdate"
    if tool.is_file():
        return tool
    found = shutil.which("pyside6-lupdate")
    if found is None:
        pytest.skip("pyside6-lupdate is not installed")
    return Path(found)


# -- (a) the .ts file -------------------------------------------------------------------------


def test_every_string_of_the_ts_is_translated_with_its_placeholders_and_shortcut():
    messages = ts_messages(TS)
    assert len(messages) > 300
    problems = []
    for context, message in messages:
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        kind = translation.get("type")
        texts = translation_texts(message)
        where = f"{context}: {source!r}"
        if kind in ("unfinished", "obsolete", "vanished"):
            problems.append(f"{where} is {kind}")
        if not all(t.strip() for t in texts):
            problems.append(f"{where} has an empty translation")
        for text in texts:
            if placeholders(text) != placeholders(source):
                problems.append(f"{where}: placeholders differ in {text!r}")
            if ("&" in _MNEMONIC.sub("", source)) != ("&" in _MNEMONIC.sub("", text)):
                problems.append(f"{where}: a stray & in {text!r}")
            if bool(_MNEMONIC.search(source)) != bool(_MNEMONIC.search(text)):
                problems.append(f"{where}: the shortcut letter is lost in {text!r}")
    assert not problems, "\n".join(problems)


def test_the_ts_holds_every_string_of_the_window_and_no_other(tmp_path):
    fresh = tmp_path / "fresh.ts"
    done = subprocess.run(
        [str(lupdate()), "-extensions", "py", "-locations", "none", str(REPO / "ui"), "-ts", fresh],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found = {(c, m.findtext("source")) for c, m in ts_messages(fresh)}
    shipped = {(c, m.findtext("source")) for c, m in ts_messages(TS)}
    assert len(found) > 300
    assert not found - shipped, f"not in {TS.name} (run pyside6-lupdate): {found - shipped}"
    assert not shipped - found, f"no longer in ui/: {shipped - found}"


def test_english_has_a_singular_and_a_plural_for_every_text_with_a_count():
    """consult_en.ts: the texts with %n of the window (those of the Chinese .ts), each with
    English's two forms, none of them "(s)"; the Chinese forms have no "(s)" either."""
    counted = {
        (c, m.findtext("source"))
        for c, m in ts_messages(TS)
        if _COUNT.search(m.findtext("source") or "")
    }
    english = ts_messages(TS.with_name("consult_en.ts"))
    assert len(counted) >= 5 and {(c, m.findtext("source")) for c, m in english} == counted
    for _, message in english:
        one, other = translation_texts(message)
        assert one and other and "(s)" not in one + other
        assert message.find("translation").get("type") is None
    for context, message in ts_messages(TS):
        if (context, message.findtext("source")) in counted:
            assert not any("(s)" in text for text in translation_texts(message))


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("en", "The selected proposal", "The 2 selected proposals"),
        ("zh_CN", "选中的 1 份文稿", "选中的 2 份文稿"),
    ],
)
def test_a_count_in_the_window_reads_right_for_one_and_for_two(
    qtbot, demo_library, window_language, language, one, two
):
    from ui.dialogs.export_dialog import ExportDialog

    window_language(language)
    ids = [p.id for p in demo_library.list_proposals()]
    for chosen, expected in ((ids[:1], one), (ids[:2], two)):
        dialog = ExportDialog(demo_library, chosen)
        qtbot.addWidget(dialog)
        assert dialog.selected_radio.text() == expected


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        (
            "en",
            ["1 co-signer", "1 word · 1 character", "Imported 0 of 1 file…", "1 char"],
            ["2 co-signers", "2 words · 2 characters", "Imported 1 of 2 files…", "2 chars"],
        ),
        (
            "zh_CN",
            ["联名 1 人", "字数 1 · 字符数 1", "已导入 0 / 1 个文件…", "1 字符"],
            ["联名 2 人", "字数 2 · 字符数 2", "已导入 1 / 2 个文件…", "2 字符"],
        ),
    ],
)
def test_the_editor_s_import_s_and_history_s_counts_read_right_for_one_and_two(
    qtbot, demo_library, window_language, language, one, two
):
    from consult.model import VersionInfo
    from ui.dialogs.import_dialog import ImportDialog
    from ui.editor import ProposalEditor
    from ui.history import Column, HistoryModel

    window_language(language)
    editor = ProposalEditor(demo_library)
    qtbot.addWidget(editor)
    imports = ImportDialog(demo_library, [])
    qtbot.addWidget(imports)
    history = HistoryModel()
    for n, expected in ((1, one), (2, two)):
        editor.cosignersEdit.setPlainText("\n".join(["王某", "李某"][:n]))
        editor._update_cosigners()  # as when the field is edited
        editor.bodyEditor.setPlainText("字" * n if language == "zh_CN" else " ".join("a" * n))
        imports._progressed(n - 1, n, "")
        size = VersionInfo("p", 1, "2026-01-01T00:00:00Z", 0, "", "0" * 64, n, n, "T")
        history.set_versions("p", [size])
        qtbot.waitUntil(lambda e=expected: editor.countsLabel.text() == e[1])
        shown = [
            editor.cosignersCount.text(),
            editor.countsLabel.text(),
            imports.status.text(),
            history.index(0, Column.SIZE).data(),
        ]
        assert shown == expected


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_core_names_kinds_and_statuses_as_the_window_does(qapp, window_language, language):
    """consult list / show and the before/after report use the core's VALUE_NAMES: the same
    names as the window's list and form."""
    from consult.model import Kind, Status, value_name
    from ui.library_model import kind_label, status_label

    window_language(language)
    assert [kind_label(k) for k in Kind] == [value_name("kind", k, language) for k in Kind]
    assert [status_label(s) for s in Status] == [value_name("status", s, language) for s in Status]


# -- building and loading -------------------------------------------------------------------


def test_the_qm_is_built_into_the_cache_once_and_again_when_the_ts_changes(tmp_path, monkeypatch):
    ts = tmp_path / "consult_zh_CN.ts"
    shutil.copy(TS, ts)
    monkeypatch.setattr(translations, "ts_file", lambda language: ts)
    cache = tmp_path / "cache"
    qm, notice = translations.compiled_translation("zh_CN", cache=cache)
    assert qm is not None and notice == "" and qm.parent == cache and qm.stat().st_size > 1000
    built = qm.stat().st_mtime_ns
    again, _ = translations.compiled_translation("zh_CN", cache=cache)
    assert again == qm and qm.stat().st_mtime_ns == built  # taken from the cache
    ts.write_text(
        ts.read_text(encoding="utf-8").replace(
            "<translation>文件(&amp;F)", "<translation>档案(&amp;F)"
        ),
        encoding="utf-8",
    )
    updated, _ = translations.compiled_translation("zh_CN", cache=cache)
    assert updated is not None and updated != qm  # a changed .ts is built again
    assert [p.suffix for p in cache.iterdir()] == [".qm", ".qm"]  # no temporary file left


def test_without_lrelease_the_window_is_in_english_and_says_why(
    tmp_path, monkeypatch, capsys, qapp
):
    monkeypatch.setattr(translations, "lrelease", lambda: None)
    installed = translations.install("zh_CN", cache=tmp_path)
    try:
        assert installed.language == "en" and translations.current_language() == "en"
        assert "lrelease" in installed.notice
        err = capsys.readouterr().err
        assert "lrelease" in err and err.count("\n") == 1  # one line
        assert QMessageBox().tr("Cancel") == "Cancel"
    finally:
        translations.uninstall()


def test_qt_s_own_buttons_are_translated_too(qapp, window_language):
    window_language("zh_CN")
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel)
    assert {b.text() for b in box.buttons()} == {"保存", "取消"}


def test_the_language_follows_the_system_unless_the_user_chose_one(qapp, monkeypatch):
    assert translations.resolve("system", QLocale(QLocale.Language.Chinese)) == "zh_CN"
    assert translations.resolve("system", QLocale("zh_TW")) == "zh_CN"
    assert translations.resolve("system", QLocale(QLocale.Language.French)) == "en"
    monkeypatch.setattr(QLocale, "system", lambda: QLocale("zh_CN"))
    assert translations.preferred_language() == "system"
    assert translations.resolve(translations.preferred_language()) == "zh_CN"
    translations.set_preferred_language("en")
    assert translations.resolve(translations.preferred_language()) == "en"
    translations.set_preferred_language("system")
    assert translations.resolve(translations.preferred_language()) == "zh_CN"


def test_choosing_a_language_in_the_menu_keeps_it_for_the_next_start(
    qtbot, demo_library, monkeypatch
):
    from ui_helpers import make_window

    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[1:]))
    window = make_window(qtbot, demo_library)
    assert window.findChild(QAction, "language_system").isChecked()
    window.findChild(QAction, "language_zh_CN").trigger()
    assert translations.preferred_language() == "zh_CN"
    assert len(told) == 1 and "next time" in told[0][1]
    window.findChild(QAction, "language_system").trigger()
    assert translations.preferred_language() == "system"


def test_the_app_starts_in_the_chosen_language_with_the_demo_in_it(
    tmp_path, monkeypatch, qapp, translations_cache
):
    monkeypatch.setattr(translations, "cache_folder", lambda: translations_cache)
    for choice, tag, label in (
        ("zh_CN", "人工智能/著作权", "初稿"),
        ("en", "copyright", "first draft"),
    ):
        translations.set_preferred_language(choice)
        try:
            installed = translations.install()
            assert installed.language == choice == translations.current_language()
            path = tmp_path / f"{choice}.consult"
            library = app_module.open_or_create(path)
        finally:
            translations.uninstall()
        with library:
            tags = {t.name for t in library.tags()}
            labels = {v.label for p in library.list_proposals() for v in library.versions(p.id)}
            assert tag in tags and label in labels
            if choice == "zh_CN":
                assert not {t for t in tags if re.search("[A-Za-z]", t)}  # AI/… too
            else:
                assert not {t for t in tags if _HAN.search(t)}


# -- (b) and (c): the running window ----------------------------------------------------------


def leftovers(texts, content: set[str], language: str) -> list[str]:
    """The texts (with where they are) that are not in `language`, once what the user wrote,
    paths, keys and the allowed names are taken out."""
    ordered = sorted(content, key=len, reverse=True)
    found = []
    for where, text in texts:
        rest = _MNEMONIC.sub("", text)
        for piece in ordered:
            if piece in rest:
                rest = rest.replace(piece, " ")
        rest = _PATTERNS.sub(" ", _KEYS.sub(" ", _PATH.sub(" ", rest)))
        if language == "zh_CN":
            words = set(_LATIN_WORD.findall(rest)) - ALLOWED_IN_CHINESE
        else:
            for allowed in ALLOWED_IN_ENGLISH:
                rest = rest.replace(allowed, " ")
            words = set(_HAN.findall(rest))
        if words:
            found.append(f"{where}: {text!r} ({', '.join(sorted(words))})")
    return found


@pytest.fixture
def library_in(tmp_path):
    """A library with the demo in the window's language, as the app creates it at first run."""
    opened = []

    def make(language: str) -> Library:
        library = app_module.open_or_create(tmp_path / f"library-{language}.consult")
        opened.append(library)
        return library

    yield make
    for library in opened:
        library.close()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_window_dialogs_and_messages_speak_one_language(
    qtbot, tmp_path, monkeypatch, window_language, library_in, language
):
    window_language(language)
    library = library_in(language)
    everything = open_everything(qtbot, library, tmp_path, monkeypatch)
    texts = [text for widget in everything.widgets() for text in shown_texts(widget)]
    texts += [("message box", text) for box in everything.messages for text in box if text]
    assert len(everything.messages) >= 20 and len(texts) > 600
    wrong = leftovers(texts, everything.content, language)
    assert not wrong, f"{len(wrong)} texts not in {language}:\n" + "\n".join(wrong)


def test_the_walk_finds_a_string_left_untranslated(
    qtbot, tmp_path, monkeypatch, window_language, library_in
):
    """The check above is not blind: an English tool tip in the Chinese window is found."""
    window_language("zh_CN")
    everything = open_everything(qtbot, library_in("zh_CN"), tmp_path, monkeypatch)
    everything.window.search_box.setToolTip("Search the library")
    texts = shown_texts(everything.window)
    wrong = leftovers(texts, everything.content, "zh_CN")
    assert wrong == ["searchBox tool tip: 'Search the library' (Search, library, the)"]
