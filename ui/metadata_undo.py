"""The undo steps of the metadata form (the body keeps QPlainTextEdit's own undo).

Saving a version is history, not undo: these steps change the form (and, for tags, the library
at once), never the versions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from ui.editor import ProposalEditor

# Undo command ids of the fields whose typing merges into one step (choosing a kind does not).
_MERGING_IDS = {"title": 1, "sponsors": 2, "cosigners": 3, "session": 4}


class FieldEdit(QUndoCommand):
    """One metadata field changed; consecutive typing in one field merges into one step."""

    def __init__(self, editor: ProposalEditor, field: str, old: str, new: str) -> None:
        super().__init__(
            QCoreApplication.translate("ProposalEditor", "Change %1").replace(
                "%1", editor.field_name(field)
            )
        )
        self.editor, self.field, self.old, self.new = editor, field, old, new
        self.generation = editor._edit_generation

    def id(self) -> int:
        return _MERGING_IDS.get(self.field, -1)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, FieldEdit) or (other.field, other.generation) != (
            self.field,
            self.generation,
        ):
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True

    def redo(self) -> None:
        self.editor._apply_field(self.field, self.new)

    def undo(self) -> None:
        self.editor._apply_field(self.field, self.old)


class TagsEdit(QUndoCommand):
    """Tags changed. Tags are not part of a version: they are written to the library at once."""

    def __init__(self, editor: ProposalEditor, old: tuple[str, ...], new: tuple[str, ...]) -> None:
        super().__init__(QCoreApplication.translate("ProposalEditor", "Change tags"))
        self.editor, self.old, self.new = editor, old, new
        self._applied = True  # pushed after the tags were written

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.editor._write_tags(self.new)

    def undo(self) -> None:
        self.editor._write_tags(self.old)
