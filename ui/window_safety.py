"""Keeping the open library safe, from the main window: recovered drafts offered after a
crash, backups reported, the read-only banner, a damaged library, restore from a backup.

`SafetyMixin` is part of `ui.main_window.MainWindow`; the work is done in ui/safety.py
(`BackupKeeper`, `restore_from_backup`) and ui/dialogs/recovery.py. What it uses of the window
is declared at the top of the class.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QMessageBox, QSizePolicy, QToolBar

from consult.errors import ConsultError
from ui.dialogs.recovery import RecoveryDialog, pending_drafts
from ui.safety import BackupKeeper, restore_from_backup

if TYPE_CHECKING:  # checked as a part of the window (MainWindow)
    from collections.abc import Callable

    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMainWindow, QTableView

    from consult.library import Library
    from ui.editor import ProposalEditor
    from ui.history import HistoryPanel
    from ui.library_model import ProposalListModel

    class _Window(QMainWindow):
        """What this part uses of the window (MainWindow and its other parts)."""

        library: Library
        editor: ProposalEditor
        model: ProposalListModel
        list_view: QTableView

        @property
        def history(self) -> HistoryPanel: ...

        _history: HistoryPanel | None  # None until the page is built
        action_new: QAction
        action_save: QAction
        action_save_labelled: QAction
        action_import: QAction
        action_import_folder: QAction
        action_restore_backup: QAction
        open_proposal: Callable[[str], None]
        compare_with_text: Callable[[str, str], None]
        _refresh_lists: Callable[[], None]
        _settle_unsaved: Callable[..., bool]
        _update_amendment_actions: Callable[[], None]

else:
    _Window = object


class SafetyMixin(_Window):
    """Recovered drafts, backups, read-only and damage (see the module's docstring)."""

    def _make_safety(self) -> None:
        """The backups kept while the window runs; read-only from the start if the library is."""
        self.backups = BackupKeeper(self.library, self)
        self.backups.backedUp.connect(self._backed_up)
        self.backups.failed.connect(self._backup_failed)
        self.backups.damaged.connect(self.library_damaged)
        self._read_only_bar: QToolBar | None = None  # made when first needed
        self._read_only_label: QLabel | None = None
        self._damaged = False
        if self.library.read_only:
            self.set_read_only(self.library.read_only_reason)

    # -- after a crash ------------------------------------------------------------------------

    def offer_recovered_drafts(self) -> None:
        try:
            drafts = pending_drafts(self.library)
        except (ConsultError, sqlite3.Error):
            return  # nothing to offer from a library that cannot be read (it says so elsewhere)
        if not drafts:
            return
        dialog = RecoveryDialog(self.library, drafts, self)
        dialog.compareRequested.connect(self.compare_with_text)
        dialog.finished.connect(lambda _code: self._after_recovery(dialog))
        dialog.open()

    def _after_recovery(self, dialog: RecoveryDialog) -> None:
        if dialog.kept:
            self._refresh_lists()
            if self.editor.proposal_id:
                self.editor.load(self.editor.proposal_id)
                self.history.load(self.library, self.editor.proposal_id)

    # -- read-only, damage, backups ----------------------------------------------------------

    def set_read_only(self, reason: str) -> None:
        """Show the library read-only: a banner says why; nothing that changes it is offered
        (browsing, comparing and exporting still work)."""
        self.library.read_only = True
        self.library.read_only_reason = reason
        if self._read_only_bar is None:
            bar = QToolBar(self.tr("Read-only"), self)
            bar.setObjectName("readOnlyBar")
            bar.setMovable(False)
            label = QLabel(bar)
            label.setObjectName("readOnlyBanner")
            label.setWordWrap(True)
            label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            # Made only for a read-only library: a style sheet costs nothing at start here.
            label.setStyleSheet("background: #fff4ce; color: #4a3b00; padding: 6px 10px;")
            bar.addWidget(label)
            self.addToolBarBreak()
            self.addToolBar(bar)
            self._read_only_bar, self._read_only_label = bar, label
        assert self._read_only_label is not None
        label = self._read_only_label
        label.setText(reason)
        label.setAccessibleName(self.tr("Read-only"))
        self._read_only_bar.show()
        self._apply_read_only()

    def _apply_read_only(self) -> None:
        writable = not self.library.read_only
        for action in (
            self.action_new,
            self.action_save,
            self.action_save_labelled,
            self.action_import,
            self.action_import_folder,
        ):
            action.setEnabled(writable)
        self.action_restore_backup.setEnabled(writable or self._damaged)
        self._update_amendment_actions()
        self.setAcceptDrops(writable)
        self.editor.apply_read_only()
        if self._history is not None:
            self._history._update_buttons()

    def library_damaged(self, message: str) -> None:
        """The library was found damaged (its backup failed its check): no more writes."""
        self._damaged = True
        self.set_read_only(
            self.tr("The library is damaged; it is open read-only so that nothing gets worse.")
        )
        answer = QMessageBox.critical(
            self,
            self.tr("The library is damaged"),
            message
            + "\n\n"
            + self.tr(
                "Nothing more will be written to it. Restore it from a backup, or export what "
                "you need to Markdown (File → Export to Markdown still works)."
            ),
            QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Ignore,
            QMessageBox.StandardButton.Retry,
        )
        if answer == QMessageBox.StandardButton.Retry:
            self.restore_backup()

    def restore_backup(self) -> bool:
        return restore_from_backup(
            self.library, self, before=self._settle_unsaved, after=self._library_restored
        )

    def _library_restored(self) -> None:
        if self._damaged:
            self._damaged = False
            self.library.read_only = False
            self.library.read_only_reason = ""
            if self._read_only_bar is not None:
                self._read_only_bar.hide()
            self._apply_read_only()
        self.library.blobs.forget()
        current = self.editor.proposal_id
        self.editor.proposal_id = None  # its text was settled before; show the restored one
        self._refresh_lists()
        if current is not None and self.model.row_of(current) is not None:
            self.open_proposal(current)
        elif self.model.rowCount():
            self.list_view.selectRow(0)
        else:
            self.editor.clear()

    def _backed_up(self, path: str) -> None:
        self.statusBar().showMessage(self.tr("Backed up to %1").replace("%1", path), 5000)

    def _backup_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("Backup failed: %1").replace("%1", message))
