"""The main window's left side: the search box, the facets' filter and the proposals' list.

`ListMixin` is part of `ui.main_window.MainWindow`: it makes the list view and the search box,
filters the list (`model`) by what is typed and the facet chosen, searches the proposals' texts
once typing pauses, and selects proposals in the list. What it uses of the window is declared at
the top of the class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView

from consult.errors import ConsultError
from consult.search import search, search_notice
from ui.accessibility import describe
from ui.library_model import Column

FULLTEXT_DELAY_MS = 250  # the bodies are searched once typing pauses this long
FULLTEXT_HITS = 500


if TYPE_CHECKING:  # checked as a part of the window (MainWindow)
    from collections.abc import Callable

    from PySide6.QtWidgets import QMainWindow

    from consult.library import Library
    from ui.facets import FacetTree
    from ui.library_model import ProposalListModel

    class _Window(QMainWindow):
        """What this part uses of the window (MainWindow and its other parts)."""

        library: Library
        model: ProposalListModel
        facets: FacetTree
        list_view: QTableView
        search_box: SearchBox
        _filters: dict
        _update_status: Callable[..., None]

else:
    _Window = object


class ListMixin(_Window):
    """The list, the facets' filter and the search (see the module's docstring)."""

    def _make_list(self) -> QTableView:
        view = QTableView(self)
        view.setObjectName("proposalList")
        view.verticalHeader().hide()  # before the model: no header queries for its rows
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setSortingEnabled(True)
        view.horizontalHeader().setSortIndicator(Column.UPDATED, Qt.SortOrder.DescendingOrder)
        view.setWordWrap(False)
        view.setAlternatingRowColors(True)
        view.setTabKeyNavigation(False)  # Tab goes on to the next pane; arrows move in the list
        describe(
            view,
            self.tr("Proposals"),
            self.tr(
                "The proposals in the library. The one chosen opens on the right; choose two to "
                "compare them, or several to export them."
            ),
        )
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        widths = {Column.TITLE: 280, Column.TAGS: 150, Column.SESSION: 130, Column.MATCH: 360}
        for column in Column:
            header.resizeSection(column, widths.get(column, 90))
        view.setColumnHidden(Column.MATCH, True)  # shown while a search finds text
        self._sorted_by = (int(Column.UPDATED), Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        return view

    def _make_search_box(self) -> SearchBox:
        box = SearchBox(self)
        box.setObjectName("searchBox")
        box.setPlaceholderText(self.tr("Search titles, tags, people…"))
        box.setClearButtonEnabled(True)
        describe(
            box,
            self.tr("Search"),
            self.tr(
                "Shows only the proposals whose title, tags, people or session contain what is "
                "typed; their texts are searched when typing pauses. Down or Enter goes to the "
                "list."
            ),
        )
        box.textChanged.connect(self._search_changed)
        box.leaveRequested.connect(self._leave_search)
        self._fulltext_timer = QTimer(self)
        self._fulltext_timer.setSingleShot(True)
        self._fulltext_timer.setInterval(FULLTEXT_DELAY_MS)
        self._fulltext_timer.timeout.connect(self.search_full_text)
        return box

    def _search_changed(self, text: str) -> None:
        self._apply_filter()
        # Titles, tags and people filter at each key; the bodies are searched (full text,
        # with the words shown in the Found column) once typing pauses.
        if text.strip():
            self._fulltext_timer.start()
        else:
            self._fulltext_timer.stop()
            self.list_view.setColumnHidden(Column.MATCH, True)

    def search_full_text(self) -> None:
        """Add the proposals whose text contains what is typed in the search box."""
        text = self.search_box.text().strip()
        if not text:
            return
        try:
            hits = search(self.library, text, limit=FULLTEXT_HITS)
        except ConsultError as e:
            self.statusBar().showMessage(str(e), 6000)
            return
        self.model.show_search_hits(text, hits)
        self.list_view.setColumnHidden(Column.MATCH, not hits)
        self._update_status()

    def _notice_slow_search(self) -> None:
        # Without FTS5's trigram tokenizer (SQLite before 3.34) search reads every proposal:
        # said once, in the status bar (RELIABILITY case 28).
        notice = search_notice(self.library)
        if notice:
            self.statusBar().showMessage(notice)

    def _facet_changed(self, filters: dict) -> None:
        self._filters = dict(filters)
        self._apply_filter()

    def _sort_indicator_changed(self, section: int, order: Qt.SortOrder) -> None:
        # The Found column shows where the words are; it does not sort the list.
        if section == Column.MATCH:
            header = self.list_view.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(*self._sorted_by)
            header.blockSignals(False)
        else:
            self._sorted_by = (section, order)

    def _apply_filter(self) -> None:
        self.model.set_filter(text=self.search_box.text().strip(), **self._filters)
        self._update_status()

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _leave_search(self) -> None:
        if self._fulltext_timer.isActive():  # the texts too, without waiting for the pause
            self._fulltext_timer.stop()
            self.search_full_text()
        self.focus_list()

    def focus_list(self) -> None:
        """Put the keyboard in the list (from the search box: Down or Enter)."""
        self.list_view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.list_view.selectionModel().hasSelection() and self.model.rowCount():
            self.list_view.selectRow(0)

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.list_view.selectionModel().selectedRows()})
        return [self.model.proposal(row).id for row in rows]

    def _refresh_lists(self) -> None:
        keep = self.selected_ids()
        self.model.set_filter(text=self.search_box.text().strip(), **self._filters)
        self.facets.refresh()
        if keep:
            self._select(keep[0])
        self._update_status()

    def _select(self, proposal_id: str) -> None:
        row = self.model.row_of(proposal_id)
        if row is not None:
            self.list_view.selectRow(row)


class SearchBox(QLineEdit):
    """The search field; Down and Enter ask to go on to the list (`leaveRequested`)."""

    leaveRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.leaveRequested.emit()
            return
        super().keyPressEvent(event)
