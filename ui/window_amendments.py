"""Amendment instructions from the main window: drafted for the texts compared, or applied
to the open proposal (its next version, labelled).

`AmendmentsMixin` is part of `ui.main_window.MainWindow`; the dialogs
(ui/dialogs/amendment_dialog.py, loaded when first used) do the drafting and the applying. What
it uses of the window is declared at the top of the class.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from consult.errors import ConsultError
from consult.library import translate_error

if TYPE_CHECKING:  # checked as a part of the window (MainWindow)
    from collections.abc import Callable

    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMainWindow

    from consult.library import Library
    from ui.compare_view import CompareView
    from ui.dialogs.amendment_dialog import ApplyInstructionsDialog, DraftAmendmentDialog
    from ui.editor import ProposalEditor

    class _Window(QMainWindow):
        """What this part uses of the window (MainWindow and its other parts)."""

        library: Library
        editor: ProposalEditor

        @property
        def compare_view(self) -> CompareView: ...

        _compare_view: CompareView | None  # None until the page is built
        action_draft_amendment: QAction
        action_apply_instructions: QAction
        _settle_unsaved: Callable[[str], bool]
        _version_restored: Callable[[str, int], None]
        compare_versions: Callable[[str, int, int], None]

else:
    _Window = object


class AmendmentsMixin(_Window):
    """Draft and apply amendment instructions (see the module's docstring)."""

    def _update_amendment_actions(self) -> None:
        compared = self._compare_view is not None and self._compare_view.can_draft_amendment()
        self.action_draft_amendment.setEnabled(compared)
        opened = self.editor.proposal_id is not None
        self.action_apply_instructions.setEnabled(opened and not self.library.read_only)

    def draft_amendment(self) -> DraftAmendmentDialog | None:
        """The amendment instructions that turn the compared old text into the new one."""
        from ui.dialogs.amendment_dialog import DraftAmendmentDialog  # loaded when first used

        view = self.compare_view
        if not view.can_draft_amendment():
            return None
        old, new, old_title, new_title = view.shown_texts()
        dialog = DraftAmendmentDialog(old, new, (old_title, new_title), self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def apply_instructions(self) -> ApplyInstructionsDialog | None:
        """Apply amendment instructions to the open proposal; OK saves the result as its
        next version (labelled, through the library's save: in the history, restorable)."""
        from ui.dialogs.amendment_dialog import ApplyInstructionsDialog  # loaded when first used

        proposal_id = self.editor.proposal_id
        if proposal_id is None or self.library.read_only:
            return None
        if not self._settle_unsaved(
            self.tr("Save the changes to “%1” as a new version before applying instructions?")
        ):
            return None
        try:
            latest = self.library.version(proposal_id)
        except ConsultError as e:
            QMessageBox.warning(self, self.tr("Cannot open this proposal"), str(e))
            return None
        dialog = ApplyInstructionsDialog(latest.content.body, latest.content.title, self)
        dialog.accepted.connect(
            lambda: self._save_amended(proposal_id, latest.info.number, dialog.consolidated)
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _save_amended(self, proposal_id: str, based_on: int, text: str | None) -> None:
        if text is None:
            return
        try:
            latest = self.library.version(proposal_id)
            if latest.info.number != based_on:
                QMessageBox.warning(
                    self,
                    self.tr("Not saved"),
                    self.tr(
                        "The proposal was changed while the instructions were being applied; "
                        "apply them again to its latest version."
                    ),
                )
                return
            result = self.library.save_version(
                proposal_id,
                replace(latest.content, body=text),
                label=self.tr("Amended by instructions"),
            )
        except (ConsultError, sqlite3.Error) as e:
            error = translate_error(e) if isinstance(e, sqlite3.Error) else e
            QMessageBox.warning(self, self.tr("Could not save the version"), str(error))
            return
        if result.created:
            self._version_restored(proposal_id, result.version.number)
            # What the instructions changed, side by side: the version they were applied to
            # and the new one.
            self.compare_versions(proposal_id, based_on, result.version.number)
        else:
            self.statusBar().showMessage(
                self.tr("The instructions change nothing: no version was added."), 10_000
            )
