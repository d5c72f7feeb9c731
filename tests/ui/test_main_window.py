"""The main window as a user meets it: the library listed, a proposal's text shown read-only."""

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPlainTextEdit, QTableView

from consult.library import Library
from ui import app as app_module
from ui.library_model import Column, ProposalListModel
from ui.main_window import MainWindow


def make_window(qtbot, library):
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    return window


def test_window_lists_every_proposal_and_shows_the_first(qtbot, demo_library):
    window = make_window(qtbot, demo_library)
    assert window.objectName() == "mainWindow"
    table = window.findChild(QTableView, "proposalList")
    body = window.findChild(QPlainTextEdit, "bodyEditor")
    assert table is not None and body is not None
    titles = {table.model().index(r, Column.TITLE).data() for r in range(table.model().rowCount())}
    assert titles == {p.title for p in demo_library.list_proposals()}
    first = demo_library.list_proposals()[0]  # most recently updated, the default order
    assert body.toPlainText() == demo_library.version(first.id).content.body
    assert window.findChild(QLabel, "proposalTitle").text() == first.title
    assert f"Proposals: {len(titles)}" in window.statusBar().currentMessage()


def test_selecting_a_row_shows_its_latest_text_read_only(qtbot, demo_library):
    window = make_window(qtbot, demo_library)
    table = window.list_view
    motion = next(p for p in demo_library.list_proposals() if len(p.cosigners) >= 30)
    row = next(
        r for r in range(window.model.rowCount()) if window.model.proposal(r).id == motion.id
    )
    table.selectRow(row)
    assert window.body_view.toPlainText() == demo_library.version(motion.id).content.body
    assert window.body_view.isReadOnly()
    meta = window.meta_label.text()
    assert f"Co-signers ({len(motion.cosigners)})" in meta
    assert motion.cosigners[0] in meta
    # Typing does not change the text: the view is read-only until the editor arrives.
    qtbot.keyClicks(window.body_view, "XYZ")
    assert "XYZ" not in window.body_view.toPlainText()


def test_selecting_several_rows_says_how_many(qtbot, demo_library):
    window = make_window(qtbot, demo_library)
    selection = window.list_view.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    selection.select(window.model.index(1, 0), flags)
    selection.select(window.model.index(2, 0), flags)
    assert window.title_label.text() == "Selected: 3 proposals"
    assert window.body_view.toPlainText() == ""
    assert "selected: 3" in window.statusBar().currentMessage()


def test_sorting_by_title_keeps_the_selected_proposal(qtbot, demo_library):
    window = make_window(qtbot, demo_library)
    window.list_view.selectRow(3)
    chosen = window.model.proposal(3).id
    window.list_view.sortByColumn(Column.TITLE, Qt.SortOrder.AscendingOrder)
    titles = [window.model.proposal(r).title for r in range(window.model.rowCount())]
    assert titles == sorted(titles, key=str.casefold)
    selected = window.list_view.selectionModel().selectedRows()
    assert [window.model.proposal(i.row()).id for i in selected] == [chosen]


def test_list_model_passes_qt_model_checks(qtmodeltester, demo_library):
    model = ProposalListModel(demo_library)
    qtmodeltester.check(model)
    assert model.rowCount() == demo_library.count()


def test_list_model_hands_rows_to_the_view_in_pages(qtbot, tmp_path, monkeypatch):
    import ui.library_model as library_model

    monkeypatch.setattr(library_model, "PAGE", 3)
    with Library.open(tmp_path / "l.consult", create=True) as lib:
        with lib.batch():
            for i in range(7):
                lib.create_proposal(f"Proposal {i}", "note", f"Body {i}")
        model = ProposalListModel(lib)
        assert model.rowCount() == 3 and model.canFetchMore()
        model.fetchMore()
        model.fetchMore()
        assert model.rowCount() == 7 and not model.canFetchMore()


def test_empty_library_says_so(qtbot, tmp_path):
    with Library.open(tmp_path / "empty.consult", create=True) as lib:
        window = make_window(qtbot, lib)
        assert window.title_label.text() == "The library is empty."
        assert window.model.rowCount() == 0


def test_first_run_creates_the_demo_library(tmp_path):
    path = tmp_path / "new" / "library.consult"
    lib = app_module.open_or_create(path)
    try:
        first = lib.count()
        assert first >= 6
    finally:
        lib.close()
    again = app_module.open_or_create(path)  # the second start opens it and adds nothing
    try:
        assert again.count() == first
    finally:
        again.close()


def test_a_file_that_is_not_a_library_gets_a_message_and_is_left_alone(
    qtbot, tmp_path, monkeypatch
):
    bogus = tmp_path / "notes.md"
    bogus.write_text("# Not a library\n", encoding="utf-8")
    before = bogus.read_bytes()
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    assert app_module.run(["consult", "--db", str(bogus)]) == 1
    assert shown and "not a Consult library" in shown[0]
    assert bogus.read_bytes() == before
    assert not Path(str(bogus) + "-wal").exists()


def test_consult_without_a_command_starts_the_app(monkeypatch, tmp_path):
    from consult import cli

    started = []
    monkeypatch.setattr(app_module, "run", lambda argv: started.append(argv) or 0)
    assert cli.main(["--db", str(tmp_path / "mine.consult")]) == 0
    assert started and started[0][1:] == ["--db", str(tmp_path / "mine.consult")]
