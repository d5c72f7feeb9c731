"""The history panel as a user meets it: versions newest first; restore, label, compare."""

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QItemSelectionModel, QLocale, Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QPushButton, QTableView

from consult import clock
from consult.errors import InvalidInput
from ui.history import Column, HistoryModel, HistoryPanel

Yes = QMessageBox.StandardButton.Yes
Cancel = QMessageBox.StandardButton.Cancel


@pytest.fixture
def motion(demo_library):
    """The demo proposal with the longest history."""
    return max(demo_library.list_proposals(), key=lambda p: p.versions)


@pytest.fixture
def panel(qtbot, demo_library, motion):
    widget = HistoryPanel()
    qtbot.addWidget(widget)
    widget.load(demo_library, motion.id)
    widget.show()
    return widget


@pytest.fixture
def answers(monkeypatch):
    """Record the dialogs the panel opens and answer them as the test says."""
    asked: dict[str, list] = {"question": [], "warning": [], "information": [], "text": []}
    reply = {"question": Yes, "text": ("", True)}

    def question(*args, **kwargs):
        asked["question"].append(args)
        return reply["question"]

    def get_text(*args, **kwargs):
        asked["text"].append(args)
        return reply["text"]

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: asked["warning"].append(a))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: asked["information"].append(a))
    monkeypatch.setattr(QInputDialog, "getText", get_text)
    return asked, reply


def cell(panel, row, column):
    return panel.model.index(row, column).data()


def numbers_shown(panel):
    return [int(cell(panel, row, Column.NUMBER)) for row in range(panel.model.rowCount())]


def button(panel, name):
    found = panel.findChild(QPushButton, name)
    assert found is not None, name
    return found


def select_rows(panel, *rows):
    selection = panel.view.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        selection.select(panel.model.index(row, 0), flags)


def test_the_model_passes_qtmodeltester(qtmodeltester, demo_library, motion):
    versions = demo_library.versions(motion.id)
    model = HistoryModel()
    model.set_versions(motion.id, versions[:2])
    qtmodeltester.check(model)  # keeps watching the signals below
    model.set_versions(motion.id, versions)  # grows: rows inserted on top
    assert model.version(0) == versions[-1] and model.version(len(versions) - 1) == versions[0]
    model.set_versions("another", versions[:1])  # another proposal: reset
    assert model.rowCount() == 1
    model.set_versions(None, [])
    qtmodeltester.check(model)


def test_versions_are_listed_newest_first_with_time_label_and_sizes(
    panel, demo_library, motion, window_language
):
    window_language("en")  # with English's plurals, as the app starts
    assert panel.findChild(QTableView, "historyList") is panel.view
    versions = demo_library.versions(motion.id)
    assert numbers_shown(panel) == [v.number for v in reversed(versions)]
    latest = versions[-1]
    assert cell(panel, 0, Column.TIME) == clock.local(latest.created).strftime("%Y-%m-%d %H:%M")
    assert cell(panel, 0, Column.LABEL) == latest.label
    assert cell(panel, 0, Column.SIZE) == f"{QLocale().toString(latest.size)} chars"
    assert cell(panel, 0, Column.CHANGE) == f"{QLocale().toString(latest.change)} chars"
    assert latest.change > 0
    assert cell(panel, len(versions) - 1, Column.CHANGE) == "new"  # the first version


def test_restore_creates_a_new_version_with_the_old_text_listed_first(
    qtbot, panel, demo_library, motion, answers
):
    asked, _ = answers
    before = demo_library.versions(motion.id)
    old = demo_library.version(motion.id, 1).content
    select_rows(panel, panel.model.row_of(1))
    assert button(panel, "restoreVersionButton").isEnabled()
    with qtbot.waitSignal(panel.versionRestored) as signal:
        qtbot.mouseClick(button(panel, "restoreVersionButton"), Qt.MouseButton.LeftButton)
    new_number = len(before) + 1
    assert signal.args == [motion.id, new_number]
    assert len(asked["question"]) == 1
    restored = demo_library.version(motion.id)
    assert restored.number == new_number and restored.content == old
    # History is kept, not rewritten: every earlier version is still there, unchanged.
    assert demo_library.versions(motion.id)[: len(before)] == before
    assert numbers_shown(panel)[0] == new_number
    assert panel.selected_numbers() == [new_number]
    assert cell(panel, 0, Column.LABEL) == "Restored from version 1"


def test_restore_cancelled_changes_nothing(panel, demo_library, motion, answers):
    asked, reply = answers
    reply["question"] = Cancel
    before = demo_library.versions(motion.id)
    select_rows(panel, panel.model.row_of(1))
    panel.restore_selected()
    assert len(asked["question"]) == 1
    assert demo_library.versions(motion.id) == before
    assert panel.model.rowCount() == len(before)


def test_the_latest_version_cannot_be_restored(panel):
    select_rows(panel, 0)
    assert not button(panel, "restoreVersionButton").isEnabled()
    assert button(panel, "labelVersionButton").isEnabled()


def test_a_failed_restore_is_shown_and_changes_nothing(
    panel, demo_library, motion, answers, monkeypatch
):
    asked, _ = answers
    before = demo_library.versions(motion.id)

    def refuse(*args, **kwargs):
        raise InvalidInput("The disk is full")

    monkeypatch.setattr(demo_library, "restore_version", refuse)
    select_rows(panel, panel.model.row_of(2))
    panel.restore_selected()
    assert [str(a[2]) for a in asked["warning"]] == ["The disk is full"]
    assert numbers_shown(panel) == [v.number for v in reversed(before)]


def test_labelling_shows_the_label(qtbot, panel, demo_library, motion, answers):
    _, reply = answers
    reply["text"] = ("  after committee comments ", True)
    row = panel.model.row_of(2)
    select_rows(panel, row)
    with qtbot.waitSignal(panel.versionLabelled) as signal:
        qtbot.mouseClick(button(panel, "labelVersionButton"), Qt.MouseButton.LeftButton)
    assert signal.args == [motion.id, 2]
    assert cell(panel, row, Column.LABEL) == "after committee comments"
    assert demo_library.versions(motion.id)[1].label == "after committee comments"
    assert panel.selected_numbers() == [2]  # the selection stays


def test_labelling_offers_the_current_label_and_cancel_keeps_it(
    panel, demo_library, motion, answers
):
    asked, reply = answers
    reply["text"] = ("something else", False)
    current = demo_library.versions(motion.id)[0].label
    select_rows(panel, panel.model.row_of(1))
    panel.label_selected()
    assert asked["text"][0][4] == current  # the dialog starts from the current label
    assert demo_library.versions(motion.id)[0].label == current


def test_two_selected_rows_ask_to_compare_older_with_newer(qtbot, panel, motion):
    select_rows(panel, panel.model.row_of(1), panel.model.row_of(3))  # newer row first
    compare = button(panel, "compareVersionsButton")
    assert compare.isEnabled()
    assert not button(panel, "restoreVersionButton").isEnabled()
    with qtbot.waitSignal(panel.compareRequested) as signal:
        qtbot.mouseClick(compare, Qt.MouseButton.LeftButton)
    assert signal.args == [motion.id, 1, 3]


def test_one_selected_row_is_compared_with_the_latest(qtbot, panel, motion):
    latest = numbers_shown(panel)[0]
    select_rows(panel, panel.model.row_of(2))
    with qtbot.waitSignal(panel.compareRequested) as signal:
        panel.compare_selected()
    assert signal.args == [motion.id, 2, latest]
    select_rows(panel, 0)  # the latest itself: what its save changed
    with qtbot.waitSignal(panel.compareRequested) as signal:
        panel.compare_selected()
    assert signal.args == [motion.id, latest - 1, latest]


def test_three_selected_rows_or_none_cannot_be_compared(panel):
    select_rows(panel, 0, 1, 2)
    assert not button(panel, "compareVersionsButton").isEnabled()
    select_rows(panel)
    assert not button(panel, "compareVersionsButton").isEnabled()
    assert not button(panel, "labelVersionButton").isEnabled()


def test_double_click_compares_with_the_previous_version(qtbot, panel, motion):
    row = panel.model.row_of(3)
    rect = panel.view.visualRect(panel.model.index(row, Column.LABEL))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(panel.compareRequested) as signal:
        qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [motion.id, 2, 3]


def test_case27_a_version_saved_with_the_clock_set_back_keeps_its_place_with_a_hint(
    qtbot, demo_library
):
    def at(year):
        return clock.pinned(datetime(year, 3, 1, 9, 30, tzinfo=UTC))

    with at(2026):
        p = demo_library.create_proposal("Clock", "note", "one")
    with at(2024):
        demo_library.edit(p.id, body="two")
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.load(demo_library, p.id)
    assert numbers_shown(panel) == [2, 1]
    assert panel.model.latest().number == 2  # the last saved, though its time is earlier
    select_rows(panel, 0)
    with qtbot.waitSignal(panel.compareRequested) as latest_with_previous:
        panel.compare_selected()
    assert latest_with_previous.args == [p.id, 1, 2]
    with at(2030):
        demo_library.edit(p.id, body="three")
    panel.load(demo_library, p.id)
    assert numbers_shown(panel) == [3, 2, 1]
    tips = [
        panel.model.index(row, Column.TIME).data(Qt.ItemDataRole.ToolTipRole) for row in range(3)
    ]
    assert "clock was changed" in tips[1]
    assert "clock was changed" not in tips[0] and "clock was changed" not in tips[2]
    assert panel.model.is_skewed(2) and not panel.model.is_skewed(3)
    shown = [cell(panel, row, Column.TIME)[:4] for row in range(3)]
    assert shown == ["2030", "2024", "2026"]  # the odd times are shown as they are
    # "Latest" is the highest number, and "previous" is the number before, whatever the times.
    assert panel.model.latest().number == 3
    select_rows(panel, 0)
    with qtbot.waitSignal(panel.compareRequested) as latest_with_previous:
        panel.compare_selected()
    assert latest_with_previous.args == [p.id, 2, 3]
    select_rows(panel, panel.model.row_of(1))
    with qtbot.waitSignal(panel.compareRequested) as first_with_latest:
        panel.compare_selected()
    assert first_with_latest.args == [p.id, 1, 3]
    panel.show()
    rect = panel.view.visualRect(panel.model.index(panel.model.row_of(2), Column.LABEL))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(panel.compareRequested) as with_previous:
        qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert with_previous.args == [p.id, 1, 2]


def test_loading_another_proposal_replaces_the_list(panel, demo_library, motion):
    other = next(p for p in demo_library.list_proposals() if p.id != motion.id)
    select_rows(panel, 0)
    panel.load(demo_library, other.id)
    assert numbers_shown(panel) == list(range(other.versions, 0, -1))
    assert panel.selected_numbers() == []
    panel.clear()
    assert panel.model.rowCount() == 0
    assert not button(panel, "compareVersionsButton").isEnabled()


def test_a_missing_proposal_shows_an_error_and_an_empty_list(qtbot, demo_library, answers):
    asked, _ = answers
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.load(demo_library, "nosuchid")
    assert panel.model.rowCount() == 0
    assert len(asked["warning"]) == 1 and "nosuchid" in asked["warning"][0][2]


def test_refresh_after_a_save_elsewhere_adds_the_new_version_on_top(panel, demo_library, motion):
    select_rows(panel, panel.model.row_of(2))
    result = demo_library.edit(motion.id, body="rewritten")
    panel.refresh()
    assert numbers_shown(panel)[0] == result.version.number
    assert panel.selected_numbers() == [2]
