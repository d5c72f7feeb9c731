"""The library list: a table model over the proposals, handed to the view in pages."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from consult import clock
from consult.library import Library
from consult.model import Proposal

PAGE = 500  # rows handed to the view at a time (fetchMore)

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    TITLE = 0
    KIND = 1
    STATUS = 2
    TAGS = 3
    SESSION = 4
    UPDATED = 5
    VERSIONS = 6


class ProposalListModel(QAbstractTableModel):
    """Proposals not in the trash, most recently updated first."""

    ProposalIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, library: Library, parent=None) -> None:
        super().__init__(parent)
        self._library = library
        self._all: list[Proposal] = []
        self._shown = 0
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._all = self._library.list_proposals()
        self._shown = min(PAGE, len(self._all))
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort every proposal (not only the rows fetched so far)."""
        if not 0 <= column < len(Column):
            return
        col = Column(column)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._all[i.row()].id for i in old]
        self._all.sort(
            key=lambda p: self._sort_key(p, col),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        rows = {p.id: row for row, p in enumerate(self._all)}
        for index, proposal_id in zip(old, ids, strict=True):
            row = rows[proposal_id]
            # A row sorted beyond what the view has fetched so far drops out of the selection.
            new = self.index(row, index.column()) if row < self._shown else QModelIndex()
            self.changePersistentIndex(index, new)
        self.layoutChanged.emit()

    def _sort_key(self, p: Proposal, column: Column):
        if column == Column.UPDATED:
            return p.updated
        if column == Column.VERSIONS:
            return p.versions
        return str(self._display(p, column) or "").casefold()

    def total(self) -> int:
        return len(self._all)

    def proposal(self, row: int) -> Proposal:
        return self._all[row]

    # -- Qt model API --

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._shown < len(self._all)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:
        if parent.isValid():
            return
        more = min(PAGE, len(self._all) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (
            {
                Column.TITLE: self.tr("Title"),
                Column.KIND: self.tr("Kind"),
                Column.STATUS: self.tr("Status"),
                Column.TAGS: self.tr("Tags"),
                Column.SESSION: self.tr("Session"),
                Column.UPDATED: self.tr("Updated"),
                Column.VERSIONS: self.tr("Versions"),
            }.get(Column(section))
            if 0 <= section < len(Column)
            else None
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= self._shown:
            return None
        p = self._all[index.row()]
        column = Column(index.column())
        if role == self.ProposalIdRole:
            return p.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(p, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.TITLE:
            return p.title
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.VERSIONS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, p: Proposal, column: Column):
        if column == Column.TITLE:
            return p.title
        if column == Column.KIND:
            return kind_label(p.kind.value)
        if column == Column.STATUS:
            return status_label(p.status.value)
        if column == Column.TAGS:
            return ", ".join(p.tags)
        if column == Column.SESSION:
            return p.session
        if column == Column.UPDATED:
            return clock.local(p.updated).strftime("%Y-%m-%d %H:%M")
        if column == Column.VERSIONS:
            return p.versions
        return None


def kind_label(kind: str) -> str:
    t = QCoreApplication.translate
    labels = {
        "motion": t("Kind", "Motion"),
        "suggestion": t("Kind", "Suggestion"),
        "proposal": t("Kind", "Proposal"),
        "amendment": t("Kind", "Amendment"),
        "plan": t("Kind", "Plan"),
        "reference": t("Kind", "Reference"),
        "note": t("Kind", "Note"),
    }
    return labels.get(kind, kind)


def status_label(status: str) -> str:
    t = QCoreApplication.translate
    labels = {
        "draft": t("Status", "Draft"),
        "ready": t("Status", "Ready"),
        "submitted": t("Status", "Submitted"),
        "accepted": t("Status", "Accepted"),
        "withdrawn": t("Status", "Withdrawn"),
        "archived": t("Status", "Archived"),
    }
    return labels.get(status, status)
