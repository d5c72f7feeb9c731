"""The history panel: every version of a proposal, newest first; restore, label, compare.

Versions are ordered by number, never by time: a version saved while the machine's clock was
set back keeps its place and says so in a tooltip (RELIABILITY.md, case 27). Restoring makes
the old content the latest as a new version; history is never rewritten.
"""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum
from itertools import pairwise

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from consult import clock
from consult.errors import ConsultError
from consult.library import Library
from consult.model import VersionInfo
from ui.accessibility import describe

_Index = QModelIndex | QPersistentModelIndex
_SKEW_COLOR = QColor("#b35c00")  # readable on light and dark backgrounds


class Column(IntEnum):
    NUMBER = 0
    TIME = 1
    LABEL = 2
    CHANGE = 3
    SIZE = 4


class HistoryModel(QAbstractTableModel):
    """A proposal's versions, newest first (row 0 is the latest)."""

    NumberRole = Qt.ItemDataRole.UserRole + 1  # the version number of a row, as an int

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._proposal_id: str | None = None
        self._versions: list[VersionInfo] = []  # oldest first, as the library gives them
        self._skewed: set[int] = set()  # numbers saved "before" the version preceding them

    # -- what the panel uses --

    def set_versions(self, proposal_id: str | None, versions: list[VersionInfo]) -> None:
        """Show `versions` (oldest first, as `Library.versions` returns them).

        New versions of the same proposal are inserted at the top, so the selection stays.
        """
        old = self._versions
        grows = (
            proposal_id == self._proposal_id
            and len(versions) >= len(old)
            and [v.number for v in versions[: len(old)]] == [v.number for v in old]
        )
        if not grows:
            self.beginResetModel()
            self._proposal_id, self._versions = proposal_id, list(versions)
            self._skewed = _skewed(self._versions)
            self.endResetModel()
            return
        added = len(versions) - len(old)
        if added:
            self.beginInsertRows(QModelIndex(), 0, added - 1)
        self._versions = list(versions)
        self._skewed = _skewed(self._versions)
        if added:
            self.endInsertRows()
        if old:  # labels are mutable: let the old rows repaint
            self.dataChanged.emit(
                self.index(added, 0), self.index(len(versions) - 1, len(Column) - 1)
            )

    def version(self, row: int) -> VersionInfo:
        """The version shown in `row`."""
        return self._versions[len(self._versions) - 1 - row]

    def row_of(self, number: int) -> int:
        """The row showing version `number`, or -1."""
        for row in range(len(self._versions)):
            if self.version(row).number == number:
                return row
        return -1

    def latest(self) -> VersionInfo | None:
        return self._versions[-1] if self._versions else None

    def is_skewed(self, number: int) -> bool:
        """Whether version `number` was stamped earlier than the version before it."""
        return number in self._skewed

    # -- Qt model API --

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._versions)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(Column):
            return None
        return {
            Column.NUMBER: self.tr("Version"),
            Column.TIME: self.tr("Saved"),
            Column.LABEL: self.tr("Label"),
            Column.CHANGE: self.tr("Changed"),
            Column.SIZE: self.tr("Size"),
        }[Column(section)]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._versions):
            return None
        v = self.version(index.row())
        column = Column(index.column())
        if role == self.NumberRole:
            return v.number
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(v, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(v, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.TIME:
            return QBrush(_SKEW_COLOR) if v.number in self._skewed else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            Column.NUMBER,
            Column.CHANGE,
            Column.SIZE,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, v: VersionInfo, column: Column) -> str:
        if column == Column.NUMBER:
            return str(v.number)
        if column == Column.TIME:
            return clock.local(v.created).strftime("%Y-%m-%d %H:%M")
        if column == Column.LABEL:
            return v.label
        if column == Column.CHANGE:
            if v.number == self._versions[0].number:
                return self.tr("new")
            return self.tr("%Ln char(s)", "", v.change)
        return self.tr("%Ln char(s)", "", v.size)

    def _tooltip(self, v: VersionInfo, column: Column) -> str | None:
        if column == Column.TIME:
            saved = clock.local(v.created).strftime("%Y-%m-%d %H:%M:%S %z")
            tip = self.tr("Saved %1").replace("%1", saved)
            if v.number in self._skewed:
                tip += "\n" + self.tr(
                    "The clock was changed: this version's time is earlier than the "
                    "previous version's. Versions are ordered by number."
                )
            return tip
        if column == Column.CHANGE and v.number != self._versions[0].number:
            return self.tr(
                "%Ln character(s) deleted or inserted since the previous version", "", v.change
            )
        if column == Column.SIZE:
            return self.tr(
                "%Ln character(s) in the text, spaces and line breaks included", "", v.size
            )
        if column == Column.LABEL and v.label:
            return v.label
        return None


def _skewed(versions: list[VersionInfo]) -> set[int]:
    """Numbers of versions whose UTC time is earlier than the previous version's."""
    out: set[int] = set()
    for before, after in pairwise(versions):
        if _utc(after.created) < _utc(before.created):
            out.add(after.number)
    return out


def _utc(iso: str) -> datetime:
    return datetime.fromisoformat(iso.replace("Z", "+00:00"))


class HistoryPanel(QWidget):
    """The versions of one proposal, with Restore, Label… and Compare.

    Signals: `versionRestored(proposal_id, new_number)` after a restore made a new version;
    `versionLabelled(proposal_id, number)`; `compareRequested(proposal_id, older, newer)`.
    """

    versionRestored = Signal(str, int)
    versionLabelled = Signal(str, int)
    compareRequested = Signal(str, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPanel")
        self.library: Library | None = None
        self.proposal_id: str | None = None

        self.model = HistoryModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("historyList")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.setTabKeyNavigation(False)  # Tab leaves the list; arrows move in it
        describe(
            self.view,
            self.tr("Version history"),
            self.tr(
                "Every saved version, newest first. Select one or two and press Enter to "
                "compare them."
            ),
        )
        # Enter compares, as the Compare button does (double-click: with the version before).
        compare_key = QShortcut(QKeySequence(Qt.Key.Key_Return), self.view)
        compare_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        compare_key.activated.connect(self.compare_selected)
        enter_key = QShortcut(QKeySequence(Qt.Key.Key_Enter), self.view)
        enter_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        enter_key.activated.connect(self.compare_selected)
        header = self.view.horizontalHeader()
        for column in Column:
            mode = QHeaderView.ResizeMode.ResizeToContents
            if column == Column.LABEL:
                mode = QHeaderView.ResizeMode.Stretch
            header.setSectionResizeMode(column, mode)

        self.restore_button = self._button(
            "restoreVersionButton",
            self.tr("&Restore"),
            self.tr("Restore"),
            self.tr("Make the selected version the latest again, as a new version"),
        )
        self.label_button = self._button(
            "labelVersionButton",
            self.tr("La&bel…"),
            self.tr("Label"),
            self.tr("Give the selected version a label"),
        )
        self.compare_button = self._button(
            "compareVersionsButton",
            self.tr("C&ompare"),
            self.tr("Compare versions"),
            self.tr("Compare the two selected versions, or the selected one with the latest"),
        )
        self.restore_button.clicked.connect(self.restore_selected)
        self.label_button.clicked.connect(self.label_selected)
        self.compare_button.clicked.connect(self.compare_selected)

        buttons = QHBoxLayout()
        for button in (self.restore_button, self.label_button, self.compare_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)

        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.view.doubleClicked.connect(self._double_clicked)
        self.model.modelReset.connect(self._update_buttons)
        self.model.rowsInserted.connect(self._update_buttons)
        self._update_buttons()

    def _button(self, name: str, text: str, accessible: str, description: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(description)
        describe(button, accessible, description)
        return button

    def focus_order(self) -> list[QWidget]:
        """The widgets Tab goes through, in the order they are seen."""
        return [self.restore_button, self.label_button, self.compare_button, self.view]

    # -- loading --

    def load(self, library: Library, proposal_id: str) -> None:
        """Show the history of `proposal_id` in `library`."""
        self.library, self.proposal_id = library, proposal_id
        self.model.set_versions(None, [])  # another proposal: start afresh
        self.refresh()

    def clear(self) -> None:
        """Show nothing (no proposal selected)."""
        self.library = self.proposal_id = None
        self.model.set_versions(None, [])

    def refresh(self) -> None:
        """Read the history again (after a save elsewhere); the selection is kept."""
        if self.library is None or self.proposal_id is None:
            return
        try:
            versions = self.library.versions(self.proposal_id)
        except ConsultError as e:
            self.model.set_versions(None, [])
            self._show_error(self.tr("Cannot show the history"), e)
            return
        self.model.set_versions(self.proposal_id, versions)
        self._update_buttons()

    # -- selection --

    def selected_numbers(self) -> list[int]:
        """Version numbers of the selected rows, oldest first."""
        rows = {index.row() for index in self.view.selectionModel().selectedRows()}
        return sorted(self.model.version(row).number for row in rows)

    def select_numbers(self, numbers: list[int]) -> None:
        """Select the rows of these version numbers (and nothing else)."""
        selection = QItemSelection()
        for number in numbers:
            row = self.model.row_of(number)
            if row >= 0:
                selection.select(self.model.index(row, 0), self.model.index(row, 0))
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.selectionModel().select(selection, flags)
        if numbers and self.model.row_of(numbers[0]) >= 0:
            self.view.scrollTo(self.model.index(self.model.row_of(numbers[0]), 0))

    def _selection_changed(self, *_args: object) -> None:
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        numbers = self.selected_numbers()
        latest = self.model.latest()
        one = len(numbers) == 1
        writable = self.library is not None and not self.library.read_only
        self.restore_button.setEnabled(
            writable and one and latest is not None and numbers[0] != latest.number
        )
        self.label_button.setEnabled(writable and one)
        self.compare_button.setEnabled(self._pair_to_compare(numbers) is not None)

    def _pair_to_compare(self, numbers: list[int]) -> tuple[int, int] | None:
        if len(numbers) == 2:
            return numbers[0], numbers[1]
        latest = self.model.latest()
        if len(numbers) != 1 or latest is None:
            return None
        if numbers[0] != latest.number:
            return numbers[0], latest.number
        return self._previous_pair(numbers[0])

    def _previous_pair(self, number: int) -> tuple[int, int] | None:
        row = self.model.row_of(number)
        if row < 0 or row + 1 >= self.model.rowCount():
            return None
        return self.model.version(row + 1).number, number

    # -- actions --

    def restore_selected(self) -> None:
        """Ask, then make the selected version's content the latest, as a new version."""
        numbers = self.selected_numbers()
        if len(numbers) != 1 or self.library is None or self.proposal_id is None:
            return
        number = numbers[0]
        answer = QMessageBox.question(
            self,
            self.tr("Restore version %1").replace("%1", str(number)),
            self.tr(
                "Make version %1 the latest again? It is saved as a new version; "
                "no version is changed or removed."
            ).replace("%1", str(number)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            result = self.library.restore_version(
                self.proposal_id,
                number,
                label=self.tr("Restored from version %1").replace("%1", str(number)),
            )
        except ConsultError as e:
            self._show_error(self.tr("Cannot restore version %1").replace("%1", str(number)), e)
            return
        if not result.created:
            QMessageBox.information(
                self,
                self.tr("Nothing to restore"),
                self.tr("Version %1 has the same content as the latest version.").replace(
                    "%1", str(number)
                ),
            )
            return
        self.refresh()
        self.select_numbers([result.version.number])
        self.versionRestored.emit(self.proposal_id, result.version.number)

    def label_selected(self) -> None:
        """Ask for a label for the selected version and set it (an empty label removes it)."""
        numbers = self.selected_numbers()
        if len(numbers) != 1 or self.library is None or self.proposal_id is None:
            return
        number = numbers[0]
        current = self.model.version(self.model.row_of(number)).label
        text, ok = QInputDialog.getText(
            self,
            self.tr("Label version %1").replace("%1", str(number)),
            self.tr("Label (for example “after committee comments”):"),
            QLineEdit.EchoMode.Normal,
            current,
        )
        if not ok:
            return
        try:
            self.library.label_version(self.proposal_id, number, text.strip())
        except ConsultError as e:
            self._show_error(self.tr("Cannot label version %1").replace("%1", str(number)), e)
            return
        self.refresh()
        self.versionLabelled.emit(self.proposal_id, number)

    def compare_selected(self) -> None:
        """Ask to compare the two selected versions, or the selected one with the latest."""
        pair = self._pair_to_compare(self.selected_numbers())
        if pair is not None and self.proposal_id is not None:
            self.compareRequested.emit(self.proposal_id, *pair)

    def _double_clicked(self, index: QModelIndex) -> None:
        if not index.isValid() or self.proposal_id is None:
            return
        pair = self._previous_pair(self.model.version(index.row()).number)
        if pair is not None:
            self.compareRequested.emit(self.proposal_id, *pair)

    def _show_error(self, title: str, error: ConsultError) -> None:
        QMessageBox.warning(self, title, str(error))
