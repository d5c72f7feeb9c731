"""The window's part of RELIABILITY 9, 11 and 14: a read-only library, a library found damaged
while open, backups made on open and when something changed, restore from the window."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from ui_helpers import make_window

import ui.dialogs.open_problem as open_problem
from consult import backups
from consult.errors import BackupFailedCheck
from consult.library import Library
from ui.main_window import MainWindow


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def boxes(monkeypatch):
    """Every QMessageBox call recorded as (kind, title, text); answered from `answers`."""
    shown: list[tuple[str, str, str]] = []
    answers: dict[str, QMessageBox.StandardButton] = {}

    def box(kind):
        def answer(_parent, title, text, *_args):
            shown.append((kind, title, text))
            return answers.get(kind, QMessageBox.StandardButton.Ok)

        return answer

    for kind in ("warning", "question", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, box(kind))
    shown_answers = answers
    return shown, shown_answers


def test_case09_a_read_only_library_shows_why_and_offers_no_change(qtbot, demo_library, boxes):
    path = demo_library.path
    demo_library.close()
    digest = file_hash(path)
    library = Library.open(path, read_only=True)
    library.read_only_reason = "Opened read-only: the file is not writable"
    window = make_window(qtbot, library)

    banner = window.findChild(QLabel, "readOnlyBanner")
    assert banner is not None and banner.isVisible()
    assert "the file is not writable" in banner.text()
    for name in ("actionNewProposal", "actionSaveVersion", "actionImport"):
        assert not window.findChild(type(window.action_save), name).isEnabled(), name
    assert window.action_export.isEnabled() and window.action_compare.isEnabled()
    assert window.editor.bodyEditor.isReadOnly() and window.editor.titleEdit.isReadOnly()
    assert not window.editor.kindCombo.isEnabled()
    window.history.load(library, window.editor.proposal_id)
    window.history.view.selectRow(1)
    assert not window.history.restore_button.isEnabled()

    window.editor.bodyEditor.setFocus()
    qtbot.keyClicks(window.editor.bodyEditor, "typed")
    assert "typed" not in window.editor.bodyEditor.toPlainText()
    assert window.editor.save_version() is False
    window.close()
    library.close()
    assert file_hash(path) == digest
    assert not [kind for kind, *_ in boxes[0] if kind != "information"]


def test_case14_the_window_backs_up_on_open_and_again_only_when_something_changed(
    qtbot, demo_library
):
    window = make_window(qtbot, demo_library)
    made: list[str] = []
    window.backups.backedUp.connect(made.append)

    window.backups.start()
    qtbot.waitUntil(lambda: len(made) == 1, timeout=10_000)
    assert [b.reason for b in backups.list_backups(demo_library.path)] == ["open"]

    window.backups.back_up_if_changed()  # nothing changed since: no new backup
    assert not window.backups.is_running()
    pid = window.editor.proposal_id
    demo_library.save_version(pid, replace(demo_library.version(pid).content, body="changed"))
    window.backups.back_up_if_changed()
    qtbot.waitUntil(lambda: len(made) == 2, timeout=10_000)
    found = backups.list_backups(demo_library.path)
    assert [b.reason for b in found] == ["periodic", "open"]
    with Library.open(found[0].path) as copy:
        assert copy.version(pid).content.body == "changed"
    window.backups.stop()


def test_case11_a_backup_that_fails_its_check_turns_the_window_read_only(
    qtbot, demo_library, boxes, monkeypatch
):
    window = make_window(qtbot, demo_library)

    def damaged(*_args, **_kwargs):
        raise BackupFailedCheck("备份未通过完整性检查（Page 12: btree damaged）")

    monkeypatch.setattr(backups, "make_backup", damaged)
    window.backups.start()
    qtbot.waitUntil(lambda: demo_library.read_only, timeout=10_000)
    window.backups.stop()

    kind, title, text = boxes[0][-1]
    assert kind == "critical" and "damaged" in title and "Page 12" in text
    assert "damaged" in window.findChild(QLabel, "readOnlyBanner").text()
    assert not window.action_save.isEnabled() and window.action_restore_backup.isEnabled()
    assert window.editor.bodyEditor.isReadOnly()


def test_case14_restore_from_the_window_brings_back_the_backup_and_can_be_undone(
    qtbot, demo_library, boxes, monkeypatch
):
    window = make_window(qtbot, demo_library)
    pid = window.editor.proposal_id
    before = demo_library.version(pid).content.body
    made = backups.make_backup(demo_library.path, "manual")
    window.editor.bodyEditor.setPlainText("written after the backup")
    assert window.editor.save_version()
    window.editor.bodyEditor.setPlainText("unsaved typing")  # asked about before restoring

    chosen = []
    monkeypatch.setattr(
        open_problem, "choose_backup", lambda found, parent: chosen.append(found) or found[0]
    )
    _shown, answers = boxes
    answers["question"] = QMessageBox.StandardButton.Yes  # Save the typing? Yes; Restore? Yes
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _p, title, text, *_a: (
            boxes[0].append(("question", title, text))
            or (
                QMessageBox.StandardButton.Discard
                if "Unsaved" in title
                else QMessageBox.StandardButton.Yes
            )
        ),
    )

    assert window.restore_backup()

    assert [b.path for b in chosen[0]] == [made.path]
    assert window.editor.proposal_id == pid
    assert window.editor.bodyEditor.toPlainText() == before
    assert demo_library.version(pid).content.body == before
    assert not window.editor.is_dirty()
    kept = backups.list_backups(demo_library.path)[0]
    assert kept.reason == "before-restore"
    with Library.open(kept.path) as old:
        assert old.version(pid).content.body == "written after the backup"
    titles = [title for kind, title, _ in boxes[0] if kind == "question"]
    assert titles[0] == "Unsaved changes" and "Restore" in titles[1]
    assert boxes[0][-1][0] == "information" and "restored" in boxes[0][-1][2]


def test_restore_with_no_backups_says_where_they_will_be(qtbot, demo_library, boxes):
    window = make_window(qtbot, demo_library)
    assert window.restore_backup() is False
    kind, _title, text = boxes[0][-1]
    assert kind == "information" and str(backups.backup_folder(demo_library.path)) in text


def test_the_restore_action_is_in_the_file_menu(qtbot, demo_library):
    window = make_window(qtbot, demo_library)
    file_menu = window.menuBar().actions()[0].menu()
    assert window.action_restore_backup in file_menu.actions()


def test_case14_the_app_backs_up_the_library_it_opens(qtbot, demo_library, boxes, monkeypatch):
    import ui.app as app_module

    # Any question on the way would wait for a click that never comes: fail instead.
    monkeypatch.setattr(open_problem, "ask", lambda *a, **k: pytest.fail(f"asked: {a[2:4]}"))

    path = demo_library.path
    demo_library.close()
    seen = []

    def exec_until_backed_up(_app=None):
        qtbot.waitUntil(lambda: bool(backups.list_backups(path)), timeout=10_000)
        seen.extend(backups.list_backups(path))
        for window in QApplication.topLevelWidgets():
            if isinstance(window, MainWindow):
                window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_until_backed_up)
    assert app_module.run(["consult", "--db", str(path)]) == 0
    assert [b.reason for b in seen] == ["open"]
    assert boxes[0] == []
    with Library.open(seen[0].path) as copy:
        assert copy.count() >= 6
