"""The library list model: Qt's model checks, sorting by every column, rows handed over in pages,
the filter as the user types, and a selection that survives sorting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QTableView

import ui.library_model as library_model
from consult.library import Library
from consult.listing import SortKey, proposal_ids
from ui.library_model import Column, ProposalListModel, kind_label, status_label

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def ids_of(model: ProposalListModel) -> list[str]:
    return [model.proposal(r).id for r in range(model.rowCount())]


def fetch_all(model: ProposalListModel) -> None:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())


@pytest.fixture(scope="module")
def big_library_path(tmp_path_factory):
    """1,200 proposals: more than two pages of 500."""
    path = tmp_path_factory.mktemp("big") / "big.consult"
    with Library.open(path, create=True) as lib, lib.batch():
        for n in range(1200):
            lib.create_proposal(
                f"Proposal {n:04d}" if n % 2 else f"提案 {n:04d}",
                ["motion", "note", "plan"][n % 3],
                "",
                tags=[f"group/{n % 7}"],
            )
    return path


@pytest.fixture
def big_library(big_library_path):
    with Library.open(big_library_path) as lib:
        yield lib


def test_model_passes_qt_checks(qtmodeltester, demo_library):
    model = ProposalListModel(demo_library)
    qtmodeltester.check(model)
    assert model.rowCount() == demo_library.count()


def test_model_passes_qt_checks_filtered_and_sorted(qtmodeltester, demo_library):
    model = ProposalListModel(demo_library)
    model.set_filter(text="声音")
    model.sort(Column.TITLE, ASC)
    qtmodeltester.check(model)
    assert 0 < model.rowCount() < demo_library.count()


def test_model_passes_qt_checks_while_paging(qtmodeltester, big_library):
    model = ProposalListModel(big_library)
    qtmodeltester.check(model)


def test_rows_show_each_proposal_as_it_is(demo_library):
    model = ProposalListModel(demo_library)
    for row in range(model.rowCount()):
        p = model.proposal(row)
        assert model.index(row, Column.TITLE).data() == p.title
        assert model.index(row, Column.KIND).data() == kind_label(p.kind.value)
        assert model.index(row, Column.STATUS).data() == status_label(p.status.value)
        assert model.index(row, Column.TAGS).data() == ", ".join(p.tags)
        assert model.index(row, Column.SESSION).data() == p.session
        assert model.index(row, Column.VERSIONS).data() == p.versions
        assert model.index(row, 0).data(ProposalListModel.ProposalIdRole) == p.id
    assert ids_of(model) == [p.id for p in demo_library.list_proposals()]


@pytest.mark.parametrize("column", [c for c in Column if c != Column.MATCH])
@pytest.mark.parametrize("order", [ASC, DESC])
def test_sorting_by_each_column_sorts_every_row_consistently(demo_library, column, order):
    model = ProposalListModel(demo_library)
    model.sort(column, order)
    rows = ids_of(model)
    assert sorted(rows) == sorted(p.id for p in demo_library.list_proposals())
    assert rows == proposal_ids(
        demo_library.db, sort=SortKey(column.name.lower()), descending=order == DESC
    )
    for row in range(model.rowCount()):  # what is shown is the proposal of that row
        assert model.index(row, Column.TITLE).data() == model.proposal(row).title
    shown = [model.index(r, column).data() for r in range(model.rowCount())]
    if column in (Column.TITLE, Column.SESSION, Column.UPDATED, Column.VERSIONS):
        key = (lambda v: v.casefold()) if isinstance(shown[0], str) else (lambda v: v)
        assert shown == sorted(shown, key=key, reverse=order == DESC)


def test_the_list_is_handed_to_the_view_in_pages(big_library):
    model = ProposalListModel(big_library)
    assert model.total() == 1200
    assert model.rowCount() == library_model.PAGE < model.total()
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * library_model.PAGE
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 1200 and not model.canFetchMore(QModelIndex())
    assert ids_of(model) == [p.id for p in big_library.list_proposals()]


def test_a_view_fetches_more_as_it_scrolls(qtbot, big_library):
    model = ProposalListModel(big_library)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    assert model.rowCount() < 1200
    for _ in range(10):
        view.scrollToBottom()
        qtbot.wait(1)
    assert model.rowCount() == 1200


def test_rows_are_read_only_when_looked_at(big_library, monkeypatch):
    reads: list[int] = []
    real = library_model.proposals_by_id
    monkeypatch.setattr(
        library_model, "proposals_by_id", lambda db, ids: reads.append(len(ids)) or real(db, ids)
    )
    model = ProposalListModel(big_library)
    assert reads == []
    assert model.index(3, Column.TITLE).data()
    assert reads == [library_model.BLOCK]
    model.index(7, Column.TITLE).data()  # same block: nothing read again
    assert reads == [library_model.BLOCK]


def test_text_filter_finds_chinese_and_english_in_any_case(demo_library):
    model = ProposalListModel(demo_library)
    chinese = next(p for p in demo_library.list_proposals() if p.title.startswith("关于"))
    model.set_filter(text=chinese.title[3:9])
    assert chinese.id in ids_of(model)
    assert all(chinese.title[3:9] in model.proposal(r).title for r in range(model.rowCount()))
    english = next(p for p in demo_library.list_proposals() if p.title.isascii())
    word = english.title.split()[1]
    model.set_filter(text=word.upper())
    assert english.id in ids_of(model)
    assert model.total() == model.rowCount()
    model.set_filter()
    assert model.rowCount() == demo_library.count()


def test_percent_and_underscore_are_plain_characters(tmp_path):
    with Library.open(tmp_path / "l.consult", create=True) as lib:
        for title in ("100% sure", "100 sure", "snake_case", "snakeXcase"):
            lib.create_proposal(title, "note")
        model = ProposalListModel(lib)
        model.set_filter(text="%")
        assert [model.proposal(r).title for r in range(model.rowCount())] == ["100% sure"]
        model.set_filter(text="e_c")
        assert [model.proposal(r).title for r in range(model.rowCount())] == ["snake_case"]


def test_filter_by_tag_is_exactly_list_proposals(demo_library):
    model = ProposalListModel(demo_library)
    for tag in demo_library.tags():
        model.set_filter(tag=tag.name)
        assert ids_of(model) == [p.id for p in demo_library.list_proposals(tag=tag.name)]


def test_filter_on_a_large_library_goes_through_pages(big_library):
    model = ProposalListModel(big_library)
    model.set_filter(text="proposal", kind="note")
    expected = [
        p.id for p in big_library.list_proposals(kind="note") if "proposal" in p.title.casefold()
    ]
    fetch_all(model)
    assert ids_of(model) == expected and model.total() == len(expected) == 200


def test_setting_the_filter_again_shows_what_changed(qtbot, demo_library):
    model = ProposalListModel(demo_library)
    first = model.proposal(0)
    assert model.index(0, Column.TITLE).data() == first.title
    with qtbot.assertNotEmitted(model.modelReset):
        model.set_filter()  # nothing changed: the view is left alone
    demo_library.edit(first.id, title="A new title")
    with qtbot.waitSignal(model.modelReset, timeout=1000):
        model.set_filter()
    assert model.index(model.row_of(first.id), Column.TITLE).data() == "A new title"


def test_row_of_hands_the_view_rows_up_to_a_proposal(big_library):
    model = ProposalListModel(big_library)
    last = big_library.list_proposals()[-1]
    assert model.row_of(last.id) == 1199
    assert model.rowCount() == 1200
    model.set_filter(kind="motion")
    row = model.row_of(last.id)  # the oldest, a motion
    assert row is not None and model.proposal(row).id == last.id
    assert model.row_of(big_library.list_proposals(kind="note")[0].id) is None


def test_sorting_keeps_a_selection_even_beyond_the_rows_fetched(qtbot, big_library):
    model = ProposalListModel(big_library)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    chosen = [model.proposal(r).id for r in (0, 5, 499)]
    for row in (0, 5, 499):
        view.selectionModel().select(model.index(row, 0), flags)
    model.sort(Column.TITLE, ASC)
    model.sort(Column.TITLE, DESC)  # the first rows go to the end, beyond the first page
    selected = {model.proposal(i.row()).id for i in view.selectionModel().selectedRows()}
    assert selected == set(chosen)
    assert (
        ids_of(model)[: model.rowCount()]
        == proposal_ids(big_library.db, sort=SortKey.TITLE, descending=True)[: model.rowCount()]
    )
