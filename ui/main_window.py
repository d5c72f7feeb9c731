"""The main window: the library list on the left, the selected proposal on the right.

Until the full client lands, the proposal is shown read-only: its metadata and its text at
the latest version.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelection, QSettings, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from consult import clock
from consult.errors import ConsultError
from consult.library import Library
from ui.library_model import Column, ProposalListModel, kind_label, status_label


class MainWindow(QMainWindow):
    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Consult — %1").replace("%1", library.path.name))

        self.model = ProposalListModel(library, self)
        self.list_view = QTableView(self)
        self.list_view.setObjectName("proposalList")
        self.list_view.setModel(self.model)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list_view.setSortingEnabled(True)
        self.list_view.horizontalHeader().setSortIndicator(
            Column.UPDATED, Qt.SortOrder.DescendingOrder
        )
        self.list_view.verticalHeader().hide()
        self.list_view.setWordWrap(False)
        self.list_view.setAlternatingRowColors(True)
        header = self.list_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        widths = {Column.TITLE: 300, Column.TAGS: 170, Column.SESSION: 150}
        for column in Column:
            if column in widths:
                header.resizeSection(column, widths[column])
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.list_view.setAccessibleName(self.tr("Proposals"))

        self.title_label = QLabel(self)
        self.title_label.setObjectName("proposalTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.meta_label = QLabel(self)
        self.meta_label.setObjectName("proposalMetadata")
        self.meta_label.setWordWrap(True)
        self.meta_label.setTextFormat(Qt.TextFormat.RichText)
        self.meta_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.body_view = QPlainTextEdit(self)
        self.body_view.setObjectName("bodyEditor")
        self.body_view.setReadOnly(True)
        self.body_view.setAccessibleName(self.tr("Proposal text"))
        self.body_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))

        pane = QWidget(self)
        layout = QVBoxLayout(pane)
        layout.addWidget(self.title_label)
        layout.addWidget(self.meta_label)
        layout.addWidget(self.body_view, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.list_view)
        self.splitter.addWidget(pane)
        self.splitter.setSizes([620, 640])
        self.setCentralWidget(self.splitter)

        self.list_view.selectionModel().selectionChanged.connect(self._selection_changed)
        self._restore_geometry()
        self._update_status()
        if self.model.rowCount() > 0:
            self.list_view.selectRow(0)
        else:
            self._show_nothing()

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = sorted({i.row() for i in self.list_view.selectionModel().selectedRows()})
        if len(rows) == 1:
            self.show_proposal(self.model.proposal(rows[0]).id)
        elif rows:
            self._show_nothing(self.tr("Selected: %1 proposals").replace("%1", str(len(rows))))
        else:
            self._show_nothing()
        self._update_status(len(rows))

    def show_proposal(self, proposal_id: str) -> None:
        """Show a proposal's metadata and its latest text (read-only)."""
        try:
            proposal = self.library.get(proposal_id)
            version = self.library.version(proposal_id)
        except ConsultError as e:
            self._show_nothing()
            QMessageBox.warning(self, self.tr("Cannot show this proposal"), str(e))
            return
        c = version.content
        self.title_label.setText(c.title)
        rows = [
            (self.tr("Id"), proposal.id),
            (self.tr("Kind"), kind_label(c.kind.value)),
            (self.tr("Status"), status_label(c.status.value)),
            (
                self.tr("Version"),
                self.tr("%1 of %2, saved %3")
                .replace("%1", str(version.number))
                .replace("%2", str(proposal.versions))
                .replace("%3", clock.local(version.info.created).strftime("%Y-%m-%d %H:%M")),
            ),
        ]
        if c.session:
            rows.append((self.tr("Session"), c.session))
        if c.sponsors:
            rows.append((self.tr("Sponsors"), ", ".join(c.sponsors)))
        if c.cosigners:
            rows.append(
                (
                    self.tr("Co-signers (%1)").replace("%1", str(len(c.cosigners))),
                    ", ".join(c.cosigners),
                )
            )
        if proposal.tags:
            rows.append((self.tr("Tags"), ", ".join(proposal.tags)))
        if c.base:
            try:
                base_title = self.library.get(c.base.proposal_id).title
            except ConsultError:
                base_title = c.base.proposal_id
            at = (
                self.tr(" (version %1)").replace("%1", str(c.base.version))
                if c.base.version
                else ""
            )
            rows.append((self.tr("Base text"), base_title + at))
        self.meta_label.setText(
            "<table>"
            + "".join(
                f"<tr><td style='padding-right:12px'><b>{html.escape(k)}</b></td>"
                f"<td>{html.escape(v)}</td></tr>"
                for k, v in rows
            )
            + "</table>"
        )
        self.body_view.setPlainText(c.body)

    def _show_nothing(self, message: str = "") -> None:
        if self.model.total() == 0:
            message = self.tr("The library is empty.")
        self.title_label.setText(message or self.tr("Select a proposal to read it."))
        self.meta_label.clear()
        self.body_view.clear()

    def _update_status(self, selected: int = 0) -> None:
        text = self.tr("Proposals: %1").replace("%1", str(self.model.total()))
        if selected > 1:
            text += " · " + self.tr("selected: %1").replace("%1", str(selected))
        self.statusBar().showMessage(f"{text} · {self.library.path}")

    def _restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value("mainWindow/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = settings.value("mainWindow/splitter")
        if state is not None:
            self.splitter.restoreState(state)

    def closeEvent(self, event) -> None:
        settings = QSettings()
        settings.setValue("mainWindow/geometry", self.saveGeometry())
        settings.setValue("mainWindow/splitter", self.splitter.saveState())
        super().closeEvent(event)
