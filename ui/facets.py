"""The facets beside the library list: all proposals, tags (nested), kinds, statuses, sessions.

Each row carries the filter it stands for (`{"tag": "AI/copyright"}`, `{"kind": "motion"}`,
`{}` for all proposals) and the number of proposals it holds; choosing one emits
`filterChanged` with that filter, which `ProposalListModel.set_filter(**filter)` takes as is.
A QStandardItemModel holds the rows (QTreeWidget's own model fails Qt's model checks).

Counting takes ~15 ms on 10,000 proposals, so the tree fills itself right after its first
paint (the window, list included, appears without waiting for the counts) instead of while the
window is being built; `refresh()` and `select()` fill it at once.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QIcon,
    QPainter,
    QPaintEvent,
    QPixmap,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from consult.library import Library
from consult.listing import facet_counts, tag_counts
from consult.model import Kind, Status
from ui.accessibility import describe
from ui.library_model import kind_label, status_label

_SWATCH = 12  # pixels: the colour square in front of a tag
Filters = dict[str, str]


class FacetTree(QTreeView):
    """The facet tree (objectName `facetTree`): one row per filter, with its count.

    Signals: `filterChanged(dict)` when the user (or `select`) picks another row. Call
    `refresh()` after the library changed; it keeps the chosen row when it still exists. The
    rows appear once the tree has been painted and the event loop has run (or on `refresh()`).
    """

    FilterRole = Qt.ItemDataRole.UserRole + 1  # the row's filter dict (None on group headings)
    CountRole = Qt.ItemDataRole.UserRole + 2  # proposals under the row
    GroupRole = Qt.ItemDataRole.UserRole + 3  # "tags", "kinds", "statuses", "sessions" on headings

    filterChanged = Signal(dict)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._current: Filters = {}
        self._swatches: dict[str | None, QIcon] = {}
        self._filled = False
        self._fill_pending = False
        self._model = QStandardItemModel(0, 2, self)
        self.setModel(self._model)
        self.setObjectName("facetTree")
        describe(
            self,
            self.tr("Filters"),
            self.tr(
                "Tags, kinds, statuses and sessions, with how many proposals each holds; "
                "choose one to list only those"
            ),
        )
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.selectionModel().selectionChanged.connect(self._chosen)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._filled and not self._fill_pending:
            # A zero timer started when shown would run before the window's first paint.
            self._fill_pending = True
            QTimer.singleShot(0, self._fill)

    # -- what others call --------------------------------------------------------------------

    def current(self) -> Filters:
        """The filter of the chosen row ({} for all proposals)."""
        return dict(self._current)

    def select(self, filters: Filters) -> bool:
        """Choose the row for `filters` (emitting `filterChanged`); False when there is none."""
        self._fill()
        item = self._find(filters)
        if item is None:
            return False
        self.setCurrentIndex(item.index())
        return True

    def refresh(self) -> None:
        """Read the counts again and rebuild the tree, keeping the chosen and open rows."""
        first = not self._filled
        self._filled = True
        expanded = {self._identity(i) for i in self._items() if self.isExpanded(i.index())}
        selection = self.selectionModel()
        selection.blockSignals(True)
        try:
            self._model.removeRows(0, self._model.rowCount())
            self._build()
            for item in self._items():
                if first:
                    # Groups open, tags with tags below them closed: the tree fits at a glance.
                    open_ = item.data(self.GroupRole) is not None
                else:
                    open_ = self._identity(item) in expanded
                if item.hasChildren():
                    self.setExpanded(item.index(), open_)
            chosen = self._find(self._current) or self._find({})
            if chosen is not None:
                self.setCurrentIndex(chosen.index())
        finally:
            selection.blockSignals(False)
        self.viewport().update()
        now = self._filters_at(self.currentIndex())
        if now is not None and now != self._current:
            # The chosen tag or session is gone: everything is shown again.
            self._current = now
            self.filterChanged.emit(dict(now))

    # -- building ------------------------------------------------------------------------------

    def _fill(self) -> None:
        if self._filled:
            return
        try:
            self.refresh()
        except sqlite3.ProgrammingError:
            # Deferred work can come after the window's owner closed the library (a window
            # closed right after it opened): there is nothing left to count.
            self._filled = False

    def _build(self) -> None:
        db = self._library.db
        counts = facet_counts(db)
        root = self._model.invisibleRootItem()
        self._row(root, self.tr("All proposals"), {}, counts.total)

        tags = tag_counts(db)
        if tags:
            group = self._group("tags", self.tr("Tags"))
            rows: dict[str, QStandardItem] = {}
            for tag in tags:  # parents come before their children
                parent = rows.get(tag.parent or "", group)
                item = self._row(parent, tag.leaf, {"tag": tag.name}, tag.count)
                item.setIcon(self._swatch(tag.color))
                item.setToolTip(tag.name)
                rows[tag.name] = item

        group = self._group("kinds", self.tr("Kinds"))
        for kind in Kind:
            self._row(
                group, kind_label(kind.value), {"kind": kind.value}, counts.kinds.get(kind, 0)
            )
        group = self._group("statuses", self.tr("Statuses"))
        for status in Status:
            self._row(
                group,
                status_label(status.value),
                {"status": status.value},
                counts.statuses.get(status, 0),
            )
        if counts.sessions:
            group = self._group("sessions", self.tr("Sessions"))
            for session, n in sorted(counts.sessions.items(), key=lambda s: s[0].casefold()):
                self._row(group, session, {"session": session}, n)

    def _group(self, name: str, text: str) -> QStandardItem:
        item = QStandardItem(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: opens and closes, not chosen
        item.setData(name, self.GroupRole)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        blank = QStandardItem()
        blank.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self._model.appendRow([item, blank])
        return item

    def _row(self, parent: QStandardItem, text: str, filters: Filters, count: int) -> QStandardItem:
        item = QStandardItem(text)
        item.setData(filters, self.FilterRole)
        item.setData(count, self.CountRole)
        number = QStandardItem(self.locale().toString(count))
        number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        number.setToolTip(self.tr("%n proposal(s)", "", count))
        for cell in (item, number):
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            if count == 0:
                cell.setForeground(self.palette().placeholderText())
        parent.appendRow([item, number])
        return item

    def _swatch(self, color: str | None) -> QIcon:
        """A small square of the tag's colour (an outline when it has none)."""
        if color not in self._swatches:
            pixmap = QPixmap(_SWATCH, _SWATCH)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setPen(QColor(color).darker(130) if color else self.palette().mid().color())
            if color:
                painter.setBrush(QColor(color))
            painter.drawRect(1, 1, _SWATCH - 3, _SWATCH - 3)
            painter.end()
            self._swatches[color] = QIcon(pixmap)
        return self._swatches[color]

    # -- choosing ------------------------------------------------------------------------------

    def _chosen(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.selectionModel().selectedRows()
        filters = self._filters_at(rows[0]) if rows else None
        if filters is not None and filters != self._current:
            self._current = filters
            self.filterChanged.emit(dict(filters))

    def _filters_at(self, index: QModelIndex) -> Filters | None:
        if not index.isValid():
            return None
        filters = index.siblingAtColumn(0).data(self.FilterRole)
        return dict(filters) if filters is not None else None

    def _find(self, filters: Filters) -> QStandardItem | None:
        wanted = _key(filters)
        for item in self._items():
            data = item.data(self.FilterRole)
            if data is not None and _key(data) == wanted:
                return item
        return None

    def _identity(self, item: QStandardItem) -> object:
        return item.data(self.GroupRole) or _key(item.data(self.FilterRole))

    def _items(self) -> list[QStandardItem]:
        """Every first-column item, depth first."""
        root = self._model.invisibleRootItem()
        found: list[QStandardItem] = []
        stack = [root.child(i) for i in reversed(range(root.rowCount()))]
        while stack:
            item = stack.pop()
            if item is None:
                continue
            found.append(item)
            stack.extend(item.child(i) for i in reversed(range(item.rowCount())))
        return found


def _key(filters: Filters | None) -> tuple[tuple[str, str], ...] | None:
    return None if filters is None else tuple(sorted(filters.items()))
