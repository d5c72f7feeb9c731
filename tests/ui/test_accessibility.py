"""The window for someone who does not use a mouse, or does not see the screen.

Every widget Tab can reach, in the window and its dialogs, has an accessible name and an
accessible description; Tab goes through the window in the order it is seen; and the main
flows — new proposal, type, save, another proposal, history, compare two versions, next and
previous change, export — are done with the keyboard alone.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from ui_helpers import make_window
from window_walk import focus_widgets, open_everything

from ui.dialogs.export_dialog import ExportDialog

EDITOR_ORDER = [
    "searchBox",
    "facetTree",
    "proposalList",
    "qt_tabwidget_tabbar",
    "titleEdit",
    "kindCombo",
    "statusCombo",
    "sponsorsEdit",
    "cosignersEdit",
    "sessionEdit",
    "tagsEdit",
    "bodyEditor",
]


@pytest.fixture(autouse=True)
def _no_message_box_waits(monkeypatch):
    """A test that goes wrong (a Tab typed into a text) must fail, not wait for a click."""
    for name, answer in (
        ("question", QMessageBox.StandardButton.Discard),
        ("warning", QMessageBox.StandardButton.Ok),
        ("information", QMessageBox.StandardButton.Ok),
    ):
        monkeypatch.setattr(
            QMessageBox, name, staticmethod(lambda *a, _answer=answer, **k: _answer)
        )


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def name_of(widget: QWidget) -> str:
    # An editable combo box's line edit stands for its combo box.
    parent = widget.parentWidget()
    if not widget.objectName() and parent is not None and parent.focusProxy() is widget:
        return parent.objectName()
    return widget.objectName() or type(widget).__name__


def activate(qtbot, window) -> None:
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def test_every_widget_tab_reaches_has_an_accessible_name_and_description(
    qtbot, demo_library, tmp_path, monkeypatch
):
    everything = open_everything(qtbot, demo_library, tmp_path, monkeypatch)
    missing, seen = [], 0
    for root in everything.widgets():
        for widget in focus_widgets(root):
            seen += 1
            where = f"{root.objectName()}/{name_of(widget)} ({type(widget).__name__})"
            if not widget.accessibleName().strip():
                missing.append(f"{where}: no accessible name")
            if not widget.accessibleDescription().strip():
                missing.append(f"{where}: no accessible description")
    assert seen > 60
    assert not missing, "\n".join(missing)


def test_tab_goes_through_the_window_in_the_order_it_is_seen(qtbot, demo_library):
    window = make_window(qtbot, demo_library)
    activate(qtbot, window)
    window.search_box.setFocus()
    order = [name_of(focused())]
    while len(order) < len(EDITOR_ORDER):
        press(qtbot, Qt.Key.Key_Tab)
        order.append(name_of(focused()))
    assert order == EDITOR_ORDER
    # The text takes Tab as a character; Ctrl+Tab goes on, to the preview.
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert name_of(focused()) == "previewBrowser"
    # Shift+Tab goes back the same way.
    window.editor.tagsEdit.setFocus()
    back = []
    for _ in range(4):
        press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        back.append(name_of(focused()))
    assert back == ["sessionEdit", "cosignersEdit", "sponsorsEdit", "statusCombo"]
    # On the History page, Tab goes from the tabs into the versions, then back to the search.
    window.tabs.setCurrentIndex(1)
    window.tabs.tabBar().setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert name_of(focused()) == "historyList"
    press(qtbot, Qt.Key.Key_Tab)
    assert name_of(focused()) == "searchBox"


def test_the_main_flows_work_from_the_keyboard_alone(qtbot, demo_library, tmp_path):
    window = make_window(qtbot, demo_library)
    activate(qtbot, window)
    before = set(p.id for p in demo_library.list_proposals())

    # New proposal (Ctrl+N): the dialog opens on the title; type it, Enter creates.
    seen_in_dialog = []

    def fill_in_the_dialog():
        dialog = QApplication.activeModalWidget()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        seen_in_dialog.append((dialog.objectName() if dialog else None, name_of(focused())))
        try:
            qtbot.keyClicks(focused(), "Keyboard bill")
            press(qtbot, Qt.Key.Key_Return)
        finally:
            if dialog is not None and dialog.isVisible():  # never left waiting for a click
                dialog.reject()

    QTimer.singleShot(0, fill_in_the_dialog)
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert seen_in_dialog == [("newProposalDialog", "newTitleEdit")]
    [created] = set(p.id for p in demo_library.list_proposals()) - before
    assert demo_library.get(created).title == "Keyboard bill"
    # The cursor is in the text: type, save with Ctrl+S.
    activate(qtbot, window)  # the window system's part (offscreen has none)
    assert focused() is window.editor.bodyEditor and window.editor.proposal_id == created
    qtbot.keyClicks(focused(), "Typed here.")
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert demo_library.get(created).versions == 2
    assert demo_library.version(created).content.body.startswith("Typed here.")

    # Another proposal: Ctrl+F to the search, Down to the list, Down to the next one.
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() is window.search_box
    press(qtbot, Qt.Key.Key_Down)
    assert focused() is window.list_view
    press(qtbot, Qt.Key.Key_Down)
    other = window.editor.proposal_id
    assert other is not None and other != created

    # History (Alt+H), Tab into the versions, select the two newest, Enter compares them.
    press(qtbot, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentIndex() == 1
    for _ in range(6):
        if focused() is window.history.view:
            break
        press(qtbot, Qt.Key.Key_Tab)
    assert focused() is window.history.view
    press(qtbot, Qt.Key.Key_Home)
    press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    newest = demo_library.get(other).versions
    assert window.history.selected_numbers() == [newest - 1, newest]
    press(qtbot, Qt.Key.Key_Return)
    view = window.compare_view
    assert window.tabs.currentIndex() == 2
    qtbot.waitUntil(lambda: not view.is_busy(), timeout=10_000)
    assert view.left_title.text().endswith(str(newest - 1))
    assert focused() in (view.left, view.right)  # the keyboard went along to the texts

    # Next and previous change: F7, Shift+F7.
    assert len(view.change_rows()) >= 1
    press(qtbot, Qt.Key.Key_F7)
    assert view.current_change() == 0
    if len(view.change_rows()) > 1:
        press(qtbot, Qt.Key.Key_F7)
        assert view.current_change() == 1
        press(qtbot, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
        assert view.current_change() == 0

    # Export (Ctrl+E) the proposal selected: Alt+F to the folder, type it, Enter exports,
    # Escape closes.
    press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert focused() is dialog.folder_edit
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    out = tmp_path / "exported"
    qtbot.keyClicks(focused(), str(out))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert dialog.report.ok and len(dialog.report.files) == 1  # the proposal selected
    title = demo_library.get(other).title
    assert any(path.read_text(encoding="utf-8").count(title) for path in out.glob("*.md"))
    press(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
