"""After a crash: the working drafts left in the journal, offered back (keep / discard / compare).

A draft is what was in the editor and not yet a version (RELIABILITY.md, case 5). Keeping one
saves it as a new version; discarding asks first; comparing shows it against the version it
was based on. Nothing happens to a draft the user does not act on: the editor offers it again
when its proposal is opened.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consult import clock
from consult.errors import ConsultError
from consult.library import Library
from consult.model import Draft
from ui.accessibility import describe


def pending_drafts(library: Library) -> list[Draft]:
    """Drafts that hold something their proposal's latest version does not. Drafts equal to
    the latest version are left over from a save and are dropped; drafts of proposals that are
    gone are kept out of the list (and out of harm's way)."""
    pending = []
    for draft in library.drafts():
        try:
            latest = library.version(draft.proposal_id).content
        except ConsultError:
            continue
        if latest == draft.content:
            library.discard_draft(draft.proposal_id)
        else:
            pending.append(draft)
    return pending


class RecoveryDialog(QDialog):
    """Lists recovered drafts; each can be kept (a new version), discarded or compared."""

    compareRequested = Signal(str, str)  # proposal id, the draft's body

    def __init__(self, library: Library, drafts: list[Draft], parent: QWidget | None = None):
        super().__init__(parent)
        self.library = library
        self.setObjectName("recoveryDialog")
        self.setWindowTitle(self.tr("Recovered unsaved text"))
        self.kept: list[tuple[str, int]] = []  # (proposal id, new version number)

        intro = QLabel(
            self.tr(
                "Consult did not close normally. The text below was typed and not saved as a "
                "version. Keep it as a new version, compare it with the saved text, or discard it."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("recoveredDrafts")
        describe(
            self.list,
            self.tr("Recovered drafts"),
            self.tr("The unsaved texts found after Consult did not close normally"),
        )
        for draft in drafts:
            item = QListWidgetItem(self._describe(draft))
            item.setData(Qt.ItemDataRole.UserRole, draft)
            self.list.addItem(item)
        self.list.setCurrentRow(0)

        self.keep_button = QPushButton(self.tr("&Keep as new version"), self)
        self.keep_button.setObjectName("keepDraftButton")
        self.compare_button = QPushButton(self.tr("&Compare…"), self)
        self.compare_button.setObjectName("compareDraftButton")
        self.discard_button = QPushButton(self.tr("&Discard…"), self)
        self.discard_button.setObjectName("discardDraftButton")
        describe(
            self.keep_button,
            self.tr("Keep as new version"),
            self.tr("Save the chosen text as the proposal's next version"),
        )
        describe(
            self.compare_button,
            self.tr("Compare"),
            self.tr("Compare the chosen text with the proposal's latest version"),
        )
        describe(
            self.discard_button,
            self.tr("Discard"),
            self.tr("Throw the chosen text away (you are asked first); the versions stay"),
        )
        self.keep_button.clicked.connect(self.keep_current)
        self.compare_button.clicked.connect(self.compare_current)
        self.discard_button.clicked.connect(self.discard_current)
        actions = QHBoxLayout()
        for button in (self.keep_button, self.compare_button, self.discard_button):
            actions.addWidget(button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        later = close.button(QDialogButtonBox.StandardButton.Close)
        later.setText(self.tr("Decide &later"))
        describe(
            later,
            self.tr("Decide later"),
            self.tr("Close; the texts are offered again when their proposals are opened"),
        )
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(actions)
        layout.addWidget(close)
        self.resize(620, 320)

    def _describe(self, draft: Draft) -> str:
        saved = clock.local(draft.saved).strftime("%Y-%m-%d %H:%M")
        return (
            self.tr("%1 — recovered unsaved text from %2 (edited from version %3)")
            .replace("%1", draft.content.title or self.tr("Untitled"))
            .replace("%2", saved)
            .replace("%3", str(draft.based_on))
        )

    def current_draft(self) -> Draft | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def keep_current(self) -> None:
        draft = self.current_draft()
        if draft is None:
            return
        try:
            result = self.library.save_version(
                draft.proposal_id, draft.content, label=self.tr("Recovered after a crash")
            )
            self.library.discard_draft(draft.proposal_id)
        except ConsultError as e:
            QMessageBox.warning(self, self.tr("Could not keep the text"), str(e))
            return
        self.kept.append((draft.proposal_id, result.version.number))
        self._remove_current()

    def discard_current(self) -> None:
        draft = self.current_draft()
        if draft is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Discard recovered text?"),
            self.tr("The recovered text of “%1” will be lost. The saved versions stay.").replace(
                "%1", draft.content.title
            ),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Discard:
            return
        try:
            self.library.discard_draft(draft.proposal_id)
        except ConsultError as e:
            QMessageBox.warning(self, self.tr("Could not discard the text"), str(e))
            return
        self._remove_current()

    def compare_current(self) -> None:
        draft = self.current_draft()
        if draft is not None:
            self.compareRequested.emit(draft.proposal_id, draft.content.body)

    def _remove_current(self) -> None:
        self.list.takeItem(self.list.currentRow())
        if self.list.count() == 0:
            self.accept()
