"""The library list: a table model over the proposals, loaded lazily.

What the model holds is the order (the ids of the matching proposals, in the sort order) and a
cache of the rows someone looked at. The order is read only when it is needed (a sort without
a selection to keep just marks it out of date) and, for the unfiltered list in its default
order, only its first page is read (the index on `updated` hands it over in a millisecond).
Rows are read in blocks of ids as the view paints them, and handed to the view in pages of
`PAGE` through `canFetchMore` / `fetchMore`. Queries live in `consult.listing`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from consult import clock
from consult.errors import NotFound
from consult.library import Library
from consult.listing import ListFilter, SortKey, proposal_ids, proposals_by_id
from consult.model import Kind, Proposal, Status
from consult.search import SearchHit

PAGE = 500  # rows handed to the view at a time (fetchMore)
BLOCK = 40  # rows read at a time when the view asks for one: a screenful, not more

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
_ROLES = frozenset((_DISPLAY, _TOOLTIP, _ALIGNMENT, _ID_ROLE))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class Column(IntEnum):
    TITLE = 0
    KIND = 1
    STATUS = 2
    TAGS = 3
    SESSION = 4
    UPDATED = 5
    VERSIONS = 6
    MATCH = 7  # where the full-text search found the words (shown while searching)


_SORT_BY = {
    Column.TITLE: SortKey.TITLE,
    Column.KIND: SortKey.KIND,
    Column.STATUS: SortKey.STATUS,
    Column.TAGS: SortKey.TAGS,
    Column.SESSION: SortKey.SESSION,
    Column.UPDATED: SortKey.UPDATED,
    Column.VERSIONS: SortKey.VERSIONS,
}


_HORIZONTAL = Qt.Orientation.Horizontal


@dataclass(frozen=True)
class _Row:
    proposal: Proposal
    display: tuple[Any, ...]  # one value per Column, formatted once


class ProposalListModel(QAbstractTableModel):
    """Proposals not in the trash that match the filter; most recently updated first until
    the view sorts it (every column sorts, in SQL, over all matching proposals)."""

    ProposalIdRole = _ID_ROLE

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers: tuple[str, ...] | None = None  # column titles, translated once
        self._library = library
        self._filter = ListFilter()
        self._sort = SortKey.UPDATED
        self._descending = True
        self._ids: list[str] = []  # the order, or its first part when not `_complete`
        self._complete = False
        self._stale = True  # the order must be read again before anyone uses it
        self._total = 0  # proposals matching the filter
        self._shown = 0  # rows handed to the view so far
        self._rows: dict[str, _Row] = {}
        self._snippets: dict[str, str] = {}  # full-text hits: id → the text around the words
        self._stamp = self._data_stamp()
        self._requery()

    # -- what others call --------------------------------------------------------------------

    def set_filter(
        self,
        text: str = "",
        tag: str | None = None,
        kind: Kind | str | None = None,
        status: Status | str | None = None,
        session: str | None = None,
    ) -> None:
        """Show only the proposals that match (every argument left out matches anything).

        `text` is searched, case-insensitively, in titles, tags, sponsors, co-signers and
        sessions; each word separately, all required. `tag` includes the tags below it.
        Calling it again with the same filter after the library changed shows the changes.
        """
        text = text.strip()
        found = self._filter.found if text and text == self._filter.text else frozenset()
        wanted = ListFilter(
            text=text, tag=tag, kind=kind, status=status, session=session, found=found
        )
        stamp = self._data_stamp()
        if wanted == self._filter and stamp == self._stamp:
            return
        if not found:
            self._snippets = {}
        self.beginResetModel()
        if stamp != self._stamp:
            self._rows.clear()
            self._stamp = stamp
        self._filter = wanted
        self._requery()
        self.endResetModel()

    def show_search_hits(self, text: str, hits: Sequence[SearchHit]) -> None:
        """List, besides what matches `text` by title, tags, people or session, the proposals
        the full-text search found for it (in their bodies too), each with the text around the
        words found (the Match column). Ignored when the filter's text is no longer `text`."""
        if text.strip() != self._filter.text or not self._filter.text:
            return
        self._snippets = {hit.id: hit.snippet for hit in hits}
        found = frozenset(self._snippets)
        if found == self._filter.found:
            if self._shown:
                last = self.index(self._shown - 1, Column.MATCH)
                self.dataChanged.emit(self.index(0, Column.MATCH), last)
            return
        self.beginResetModel()
        self._filter = replace(self._filter, found=found)
        self._requery()
        self.endResetModel()

    def snippet(self, proposal_id: str) -> str:
        """Where the full-text search found the words in this proposal ("" when it did not)."""
        return self._snippets.get(proposal_id, "")

    def current_filter(self) -> ListFilter:
        """The filter applied now (see `set_filter`)."""
        return self._filter

    def reload(self) -> None:
        """Read everything again (after the library changed), keeping filter and sort order."""
        self.beginResetModel()
        self._rows.clear()
        self._stamp = self._data_stamp()
        self._requery()
        self.endResetModel()

    def total(self) -> int:
        """How many proposals match the filter (handed to the view yet or not)."""
        return self._total

    def proposal(self, row: int) -> Proposal:
        """The proposal at `row` (any row below `total()`, read from the library if need be)."""
        found = self._row(row)
        if found is None:
            raise NotFound(f"No proposal at row {row}")
        return found.proposal

    def proposal_id(self, row: int) -> str:
        """The id of the proposal at `row` (reads no row from the library)."""
        self._ensure_order(row + 1)
        if not 0 <= row < len(self._ids):
            raise NotFound(f"No proposal at row {row}")
        return self._ids[row]

    def row_of(self, proposal_id: str) -> int | None:
        """The row of a proposal (handing the view rows up to it), or None when not listed."""
        self._ensure_order(self._shown)
        try:
            row = self._ids.index(proposal_id)
        except ValueError:
            if self._complete:
                return None
            self._complete_order()
            if proposal_id not in self._ids:
                return None
            row = self._ids.index(proposal_id)
        if row >= self._shown:
            self._show_up_to(row + 1)
        return row

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort every matching proposal (not only the rows fetched so far); the selection and
        the current row follow their proposals."""
        if column not in _SORT_BY:
            return
        key = _SORT_BY[Column(column)]
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort, self._descending):
            return
        if not self.persistentIndexList():
            # Nothing to carry over: read the new order only when someone looks at it (a view
            # that turns sorting on sorts twice before it paints).
            self.layoutAboutToBeChanged.emit()
            self._sort, self._descending = key, descending
            self._stale = True
            self.layoutChanged.emit()
            return
        self._complete_order()
        before = list(self._ids)
        new_ids = proposal_ids(self._library.db, self._filter, sort=key, descending=descending)
        new_rows = {pid: row for row, pid in enumerate(new_ids)}
        if set(before) != set(new_rows):  # the library changed under us: start afresh
            self._sort, self._descending = key, descending
            self.reload()
            return
        # Rows that sort beyond what the view has are handed over first, so that a selected
        # proposal stays selected wherever it goes.
        needed = max(
            (new_rows[before[i.row()]] + 1 for i in self.persistentIndexList() if i.isValid()),
            default=0,
        )
        if needed > self._shown:
            self._show_up_to(needed)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        moved = [
            self.index(new_rows[before[i.row()]], i.column()) if i.isValid() else QModelIndex()
            for i in old
        ]
        self._sort, self._descending = key, descending
        self._ids = new_ids
        self.changePersistentIndexList(old, moved)
        self.layoutChanged.emit()

    # -- Qt model API --------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._shown < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:
        if parent.isValid() or self._shown >= self._total:
            return
        self._show_up_to(self._shown + PAGE)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        # Called hundreds of times as a view sets up: no enum construction here.
        if role != _DISPLAY or orientation != _HORIZONTAL or not 0 <= section < len(Column):
            return None
        if self._headers is None:
            self._headers = (
                self.tr("Title"),
                self.tr("Kind"),
                self.tr("Status"),
                self.tr("Tags"),
                self.tr("Session"),
                self.tr("Updated"),
                self.tr("Versions"),
                self.tr("Found"),
            )
        return self._headers[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Views call this for every role of every visible cell at every paint: plain ints and
        # one dict lookup, no enum construction, nothing read unless a row is not cached yet.
        if role not in _ROLES:
            return None
        row = index.row()
        if not 0 <= row < self._shown:
            return None
        column = index.column()
        if role == _ALIGNMENT:
            return _RIGHT if column == Column.VERSIONS else None
        if role == _ID_ROLE:
            return self.proposal_id(row)
        if column == Column.MATCH:
            if role != _DISPLAY and role != _TOOLTIP:
                return None
            return self._snippets.get(self.proposal_id(row)) or None
        found = self._row(row)
        if found is None:
            return None
        if role == _DISPLAY:
            return found.display[column]
        if column == Column.TITLE or column == Column.TAGS:  # what a narrow column cuts off
            return found.display[column] or None
        return None

    # -- internals -----------------------------------------------------------------------------

    def _requery(self) -> None:
        """Count what matches; read the order now unless it can be read later page by page."""
        db = self._library.db
        if self._pages_cheaply():
            self._total = self._library.count()
            self._ids, self._complete, self._stale = [], False, True
        else:
            self._ids = proposal_ids(db, self._filter, sort=self._sort, descending=self._descending)
            self._total, self._complete, self._stale = len(self._ids), True, False
        self._shown = min(PAGE, self._total)

    def _pages_cheaply(self) -> bool:
        # The index on `updated` gives the first page of the unfiltered list at once; any
        # other list costs a scan, which might as well read every id.
        return self._filter == ListFilter() and self._sort == SortKey.UPDATED

    def _ensure_order(self, at_least: int) -> None:
        """Make sure the first `at_least` ids of the order are known."""
        if self._stale:
            self._ids, self._complete = [], False
            self._stale = False
            if self._pages_cheaply() and at_least <= PAGE:
                self._ids = proposal_ids(
                    self._library.db, sort=self._sort, descending=self._descending, limit=PAGE
                )
                self._complete = len(self._ids) < PAGE
                return
            self._complete_order()
            return
        if len(self._ids) < at_least and not self._complete:
            self._complete_order()

    def _complete_order(self) -> None:
        if self._complete and not self._stale:
            return
        full = proposal_ids(
            self._library.db, self._filter, sort=self._sort, descending=self._descending
        )
        known = self._ids if not self._stale else []
        if full[: len(known)] != known:
            # Another program changed the library since the first page was read: the rows the
            # view already has keep their places, the others follow in order.
            seen = set(known)
            full = known + [pid for pid in full if pid not in seen]
        self._ids, self._complete, self._stale = full, True, False
        self._total = max(len(full), self._shown)

    def _show_up_to(self, count: int) -> None:
        self._ensure_order(count)
        count = min(count, len(self._ids), max(self._total, len(self._ids)))
        if count <= self._shown:
            return
        self.beginInsertRows(QModelIndex(), self._shown, count - 1)
        self._shown = count
        self.endInsertRows()

    def _row(self, row: int) -> _Row | None:
        if not self._stale and row < len(self._ids):
            found = self._rows.get(self._ids[row])
            if found is not None:
                return found
        self._ensure_order(row + 1)
        if not 0 <= row < len(self._ids):
            return None
        found = self._rows.get(self._ids[row])
        if found is None:
            self._read_block(row)
            found = self._rows.get(self._ids[row])
        return found

    def _read_block(self, row: int) -> None:
        start = row - row % BLOCK
        wanted = [pid for pid in self._ids[start : start + BLOCK] if pid not in self._rows]
        for pid, proposal in proposals_by_id(self._library.db, wanted).items():
            self._rows[pid] = _Row(proposal, _display(proposal))

    def _data_stamp(self) -> tuple[int, int]:
        # Writes through this connection move total_changes; other programs' commits move
        # data_version. Either means the cached rows may be out of date.
        conn = self._library.db.conn
        return conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0]


def _display(p: Proposal) -> tuple[Any, ...]:
    return (
        p.title,
        kind_label(p.kind.value),
        status_label(p.status.value),
        ", ".join(p.tags),
        p.session,
        clock.local(p.updated).strftime("%Y-%m-%d %H:%M"),
        p.versions,
    )


def kind_label(kind: str) -> str:
    # Spelled out in full each time: pyside6-lupdate finds only literal translate() calls.
    labels = {
        "motion": QCoreApplication.translate("Kind", "Motion"),
        "suggestion": QCoreApplication.translate("Kind", "Suggestion"),
        "proposal": QCoreApplication.translate("Kind", "Proposal"),
        "amendment": QCoreApplication.translate("Kind", "Amendment"),
        "plan": QCoreApplication.translate("Kind", "Plan"),
        "reference": QCoreApplication.translate("Kind", "Reference"),
        "note": QCoreApplication.translate("Kind", "Note"),
    }
    return labels.get(kind, kind)


def status_label(status: str) -> str:
    labels = {
        "draft": QCoreApplication.translate("Status", "Draft"),
        "ready": QCoreApplication.translate("Status", "Ready"),
        "submitted": QCoreApplication.translate("Status", "Submitted"),
        "accepted": QCoreApplication.translate("Status", "Accepted"),
        "withdrawn": QCoreApplication.translate("Status", "Withdrawn"),
        "archived": QCoreApplication.translate("Status", "Archived"),
    }
    return labels.get(status, status)
