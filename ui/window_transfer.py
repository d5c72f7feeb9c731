"""Markdown in and out from the main window: export, import (files, a folder, or what is
dropped on the window).

`TransferMixin` is part of `ui.main_window.MainWindow`. The dialogs do the work in a worker
(ui/dialogs/export_dialog.py, ui/dialogs/import_dialog.py, loaded when first used); the window
then shows what came in. What it uses of the window is declared at the top of the class.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog

if TYPE_CHECKING:  # checked as a part of the window (MainWindow)
    from collections.abc import Callable

    from PySide6.QtWidgets import QMainWindow

    from consult.library import Library
    from consult.markdown_io.importer import ImportReport
    from ui.dialogs.import_dialog import ImportDialog

    class _Window(QMainWindow):
        """What this part uses of the window (MainWindow and its other parts)."""

        library: Library
        selected_ids: Callable[[], list[str]]
        _refresh_lists: Callable[[], None]
        _select: Callable[[str], None]

else:
    _Window = object


class TransferMixin(_Window):
    """Export, import, drag and drop (see the module's docstring)."""

    def export_markdown(self) -> None:
        """The export dialog, for the selected proposals or all of them."""
        from ui.dialogs.export_dialog import ExportDialog  # loaded when first used

        dialog = ExportDialog(self.library, self.selected_ids(), self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def import_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import"),
            "",
            self.tr("Markdown and text (*.md *.markdown *.txt);;All files (*)"),
        )
        if paths:
            self.import_paths([Path(p) for p in paths])

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import a folder"))
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]) -> ImportDialog:
        """Import files and folders (also what is dropped on the window); the dialog shows
        progress and the report, and the list shows what came in."""
        from ui.dialogs.import_dialog import ImportDialog  # loaded when first used

        dialog = ImportDialog(self.library, paths, self)
        dialog.imported.connect(self._imported)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        dialog.start()
        return dialog

    def _imported(self, report: ImportReport) -> None:
        # The import wrote through its own connection: the list sees the library changed
        # (data_version) and reads it again.
        self._refresh_lists()
        first = next((f.proposal_id for f in report.files if f.proposal_id), None)
        if first is not None:
            self._select(first)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _local_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)


def _local_paths(mime: QMimeData) -> list[Path]:
    """The local files and folders in a drag (links to web pages are not imported)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
