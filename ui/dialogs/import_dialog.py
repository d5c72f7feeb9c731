"""Import Markdown and text files (chosen in a dialog or dropped on the window).

First the files are read in a worker (nothing written); a file whose encoding had to be
recognised (GB18030 / GBK: the bytes do not say) is shown with a preview and the question
"Detected GB18030 — correct?"; answering no offers other encodings, and cancelling imports
nothing. Then the import runs in a worker with progress and Cancel, and the dialog lists what
was imported, updated, left unchanged or refused, and why.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from consult.library import Library
from consult.markdown_io.importer import ImportReport, Outcome, import_paths
from consult.markdown_io.sources import ScannedFile, scan
from ui.accessibility import describe
from ui.workers import Task

# Offered when the recognised encoding is refused (Python codec names).
OTHER_ENCODINGS = ("gb18030", "big5", "shift_jis", "euc-kr", "cp1252", "latin-1")


class ImportDialog(QDialog):
    """Imports `paths` into the library at `library.path` once `start()` is called.

    `imported(report)` is emitted when the import ran (even cancelled: what finished is kept).
    """

    imported = Signal(object)

    def __init__(self, library: Library, paths: list[Path], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import"))
        self._path = library.path
        self._paths = [Path(p) for p in paths]
        self._task: Task | None = None
        self.report: ImportReport | None = None
        self.status = QLabel(self)
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("importProgress")
        self.result_text = QPlainTextEdit(self)
        self.result_text.setObjectName("importReport")
        self.result_text.setReadOnly(True)
        describe(
            self.result_text,
            self.tr("Report"),
            self.tr("What was imported, updated, left unchanged or refused, and why"),
        )
        self.result_text.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.rejected.connect(self.reject)
        self._describe_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.result_text, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 360)

    def start(self) -> None:
        """Read the files (in a worker), ask about guessed encodings, then import."""
        paths = self._paths
        self.status.setText(self.tr("Reading the files…"))
        self.progress.setRange(0, 0)
        self._run(lambda progress, cancelled: scan(paths, cancel=cancelled), self._scanned)

    def is_running(self) -> bool:
        return self._task is not None and self._task.is_running()

    def _run(self, job, then) -> None:
        self._task = Task(job, self)
        self._task.progress.connect(self._progressed)
        self._task.finished.connect(then)
        self._task.failed.connect(self._failed)
        self._task.start()

    def _scanned(self, files: list[ScannedFile]) -> None:
        if self._task is not None and self._task.cancelled():
            self._show_nothing(self.tr("Import cancelled; nothing imported."))
            return
        encodings: dict[Path, str] = {}
        for item in files:
            if item.error is None and item.encoding_guessed:
                chosen = self._ask_encoding(item)
                if chosen is None:
                    self._show_nothing(self.tr("Import cancelled; nothing imported."))
                    return
                encodings[item.path] = chosen
        paths, library_path = self._paths, self._path

        def job(progress, cancelled) -> ImportReport:
            with Library.open(library_path) as library:
                return import_paths(
                    library,
                    paths,
                    encodings=encodings,
                    progress=lambda done, total: progress(done, total, ""),
                    cancel=cancelled,
                )

        self.status.setText(self.tr("Importing…"))
        self._run(job, self._finished)

    def _ask_encoding(self, item: ScannedFile) -> str | None:
        """The encoding to read `item` with, or None when the user cancels the import."""
        answer = QMessageBox.question(
            self,
            self.tr("Encoding"),
            self.tr("Detected %1 in %2 — correct?\n\n%3")
            .replace("%1", item.encoding or "?")
            .replace("%2", item.path.name)
            .replace("%3", item.preview[:300]),
            QMessageBox.StandardButton.Yes
            | QMessageBox.StandardButton.No
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            return (item.encoding or "gb18030").lower()
        if answer != QMessageBox.StandardButton.No:
            return None
        chosen, ok = QInputDialog.getItem(
            self,
            self.tr("Encoding"),
            self.tr("Read %1 as:").replace("%1", item.path.name),
            list(OTHER_ENCODINGS),
            0,
            False,
        )
        return chosen if ok else None

    def _progressed(self, done: int, total: int, _what: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.status.setText(
            self.tr("Imported %1 of %n file(s)…", "", total).replace("%1", str(done))
        )

    def _finished(self, report: ImportReport) -> None:
        self.report = report
        self.progress.hide()
        counts = {o: len(report.of(o)) for o in Outcome}
        self.status.setText(
            self.tr("%1 imported, %2 updated, %3 unchanged, %4 not imported.")
            .replace("%1", str(counts[Outcome.IMPORTED]))
            .replace("%2", str(counts[Outcome.UPDATED]))
            .replace("%3", str(counts[Outcome.UNCHANGED]))
            .replace("%4", str(counts[Outcome.FAILED] + counts[Outcome.SKIPPED]))
        )
        self.result_text.setPlainText("\n".join(report.lines()))
        self.result_text.show()
        self._closing_only()
        self.imported.emit(report)

    def _failed(self, message: str) -> None:
        self._show_nothing(self.tr("Nothing imported: %1").replace("%1", message))

    def _show_nothing(self, text: str) -> None:
        self.progress.hide()
        self.status.setText(text)
        self._closing_only()

    def _closing_only(self) -> None:
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self._describe_buttons()

    def _describe_buttons(self) -> None:
        for button in self.buttons.buttons():
            if self.buttons.standardButton(button) == QDialogButtonBox.StandardButton.Close:
                describe(button, self.tr("Close"), self.tr("Close the import report"))
            else:
                describe(
                    button,
                    self.tr("Cancel"),
                    self.tr("Stop the import after the current file; what is done is kept"),
                )

    def reject(self) -> None:
        if self.is_running():
            assert self._task is not None
            self._task.cancel()
            self.status.setText(self.tr("Cancelling after the current file…"))
            return
        super().reject()
