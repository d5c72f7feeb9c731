"""The proposals most like the open one (`relatedList`): where proposals on the same matter
might be merged or co-signed. Filled a moment after a proposal opens (reading them takes some
tens of milliseconds on a large library: switching proposals stays quick), and again after a
save. Activating one (double-click, Enter) asks for it to be opened."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from consult.errors import ConsultError
from consult.library import Library
from consult.related import related
from ui.accessibility import describe

DELAY_MS = 300
SHOWN = 8
_ID_ROLE = Qt.ItemDataRole.UserRole


class RelatedList(QWidget):
    openRequested = Signal(str)  # the id of the proposal to open

    def __init__(
        self, library: Library, parent: QWidget | None = None, focus_after: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("relatedPanel")
        self.library = library
        self._focus_after = focus_after  # the widget Tab comes from to reach the list
        self._proposal_id: str | None = None
        self._list: QListWidget | None = (
            None  # made with the first proposal shown (not at start-up)
        )
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.refresh)

    @property
    def list_widget(self) -> QListWidget:
        """The list itself (`relatedList`)."""
        if self._list is None:
            self.title = QLabel(self.tr("Related proposals"), self)
            self._list = QListWidget(self)
            self._list.setObjectName("relatedList")
            describe(
                self._list,
                self.tr("Related proposals"),
                self.tr("The proposals most like this one; Enter opens the one chosen"),
            )
            self._list.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
            self._list.itemActivated.connect(self._activated)
            self.title.setBuddy(self._list)
            self._layout.addWidget(self.title)
            self._layout.addWidget(self._list)
            if self._focus_after is not None:
                QWidget.setTabOrder(self._focus_after, self._list)
        return self._list

    def has_list(self) -> bool:
        """Whether the list was made (it is, with the first proposal shown)."""
        return self._list is not None

    def show_for(self, proposal_id: str | None) -> None:
        """Show the proposals like `proposal_id` (None: none), a moment from now."""
        self._proposal_id = proposal_id
        if proposal_id is None and self._list is None:
            return
        self.list_widget.clear()
        if proposal_id is None:
            self._timer.stop()
        else:
            self._timer.start()

    def refresh(self) -> None:
        """Read the related proposals now."""
        self._timer.stop()
        self.list_widget.clear()
        if self._proposal_id is None:
            return
        try:
            found = related(self.library, self._proposal_id, limit=SHOWN)
        except (ConsultError, sqlite3.Error):
            return  # the proposal (or the library) went away meanwhile: nothing to show
        locale = QLocale()
        for item in found:
            percent = locale.toString(round(item.score * 100))
            row = QListWidgetItem(f"{item.title}  ({percent} %)", self.list_widget)
            row.setData(_ID_ROLE, item.id)
            row.setToolTip(item.title)
        self.title.setText(
            self.tr("Related proposals") if found else self.tr("Related proposals: none")
        )

    def ids(self) -> list[str]:
        """The ids listed, most similar first."""
        return [self.list_widget.item(i).data(_ID_ROLE) for i in range(self.list_widget.count())]

    def _activated(self, item: QListWidgetItem) -> None:
        self.openRequested.emit(item.data(_ID_ROLE))
