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

DELAY_MS = 300
SHOWN = 8
_ID_ROLE = Qt.ItemDataRole.UserRole


class RelatedList(QWidget):
    openRequested = Signal(str)  # the id of the proposal to open

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("relatedPanel")
        self.library = library
        self._proposal_id: str | None = None
        self.title = QLabel(self.tr("Related proposals"), self)
        self.list = QListWidget(self)
        self.list.setObjectName("relatedList")
        self.list.setAccessibleName(self.tr("Related proposals"))
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.list.itemActivated.connect(self._activated)
        self.title.setBuddy(self.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.refresh)

    def show_for(self, proposal_id: str | None) -> None:
        """Show the proposals like `proposal_id` (None: none), a moment from now."""
        self._proposal_id = proposal_id
        self.list.clear()
        if proposal_id is None:
            self._timer.stop()
        else:
            self._timer.start()

    def refresh(self) -> None:
        """Read the related proposals now."""
        self._timer.stop()
        self.list.clear()
        if self._proposal_id is None:
            return
        try:
            found = related(self.library, self._proposal_id, limit=SHOWN)
        except (ConsultError, sqlite3.Error):
            return  # the proposal (or the library) went away meanwhile: nothing to show
        locale = QLocale()
        for item in found:
            percent = locale.toString(round(item.score * 100))
            row = QListWidgetItem(f"{item.title}  ({percent} %)", self.list)
            row.setData(_ID_ROLE, item.id)
            row.setToolTip(item.title)
        self.title.setText(
            self.tr("Related proposals") if found else self.tr("Related proposals: none")
        )

    def ids(self) -> list[str]:
        """The ids listed, most similar first."""
        return [self.list.item(i).data(_ID_ROLE) for i in range(self.list.count())]

    def _activated(self, item: QListWidgetItem) -> None:
        self.openRequested.emit(item.data(_ID_ROLE))
