"""Export to Markdown: which proposals (the selected ones or all), the folder, whether to write
every version; the export runs in a worker with progress and Cancel, then says what it wrote.

The files and their layout are the core's (consult.markdown_io.exporter); the worker opens the
library again on its own connection.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from consult.library import Library
from consult.markdown_io.exporter import ExportReport, export_proposals
from ui.accessibility import describe
from ui.workers import Task

_FOLDER_KEY = "export/folder"


class ExportDialog(QDialog):
    """`selected`: the ids selected in the list (the scope offered first when there are any)."""

    def __init__(self, library: Library, selected: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export to Markdown"))
        self._path = library.path
        self._selected = selected
        self._task: Task | None = None
        self.report: ExportReport | None = None

        self.selected_radio = QRadioButton(
            self.tr("The %n selected proposal(s)", "", len(selected)), self
        )
        self.selected_radio.setObjectName("exportSelectedRadio")
        describe(
            self.selected_radio,
            self.selected_radio.text(),
            self.tr("Export only the proposals selected in the list"),
        )
        self.all_radio = QRadioButton(self.tr("All proposals (%n)", "", library.count()), self)
        self.all_radio.setObjectName("exportAllRadio")
        describe(
            self.all_radio, self.all_radio.text(), self.tr("Export every proposal in the library")
        )
        self.selected_radio.setEnabled(bool(selected))
        (self.selected_radio if selected else self.all_radio).setChecked(True)

        self.folder_edit = QLineEdit(self)
        self.folder_edit.setObjectName("exportFolderEdit")
        self.folder_edit.setText(str(QSettings().value(_FOLDER_KEY, "", str) or Path.home()))
        describe(
            self.folder_edit,
            self.tr("Folder"),
            self.tr("The folder the Markdown files are written to, one file per proposal"),
        )
        browse = QPushButton(self.tr("C&hoose…"), self)
        browse.setObjectName("exportBrowseButton")
        describe(browse, self.tr("Choose the folder"), self.tr("Pick the folder in a file dialog"))
        browse.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)

        self.history_check = QCheckBox(self.tr("&Every version, not only the latest"), self)
        self.history_check.setObjectName("exportHistoryCheck")
        describe(
            self.history_check,
            self.tr("Every version"),
            self.tr("Write each proposal's earlier versions too, not only the latest"),
        )
        self.progress = QProgressBar(self)
        self.progress.setObjectName("exportProgress")
        self.progress.hide()
        self.result_text = QPlainTextEdit(self)
        self.result_text.setObjectName("exportReport")
        self.result_text.setReadOnly(True)
        describe(self.result_text, self.tr("Report"), self.tr("What was exported, and where"))
        self.result_text.hide()

        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)  # Enter exports
        describe(
            self.export_button,
            self.tr("Export"),
            self.tr("Write the Markdown files into the folder"),
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        describe(
            self.close_button,
            self.tr("Cancel or close"),
            self.tr("Stop the export after the current proposal, or close the dialog"),
        )
        self.export_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self._close_or_cancel)

        form = QFormLayout()
        scope = QVBoxLayout()
        scope.addWidget(self.selected_radio)
        scope.addWidget(self.all_radio)
        form.addRow(self.tr("Export:"), scope)
        form.addRow(self.tr("To the &folder:"), folder_row)
        folder_label = form.labelForField(folder_row)
        if isinstance(folder_label, QLabel):
            folder_label.setBuddy(self.folder_edit)
        form.addRow("", self.history_check)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.result_text, 1)
        layout.addWidget(self.buttons)
        self.status = QLabel(self)
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Export to"), self.folder_edit.text()
        )
        if chosen:
            self.folder_edit.setText(chosen)

    def start(self) -> None:
        """Run the export (in a worker); the dialog shows progress, then the report."""
        folder = self.folder_edit.text().strip()
        if not folder:
            self.status.setText(self.tr("Choose a folder to export to."))
            return
        ids = self._selected if self.selected_radio.isChecked() else None
        history = self.history_check.isChecked()
        path = self._path

        def job(progress, cancelled) -> ExportReport:
            with Library.open(path) as library:
                return export_proposals(
                    library,
                    folder,
                    ids,
                    history=history,
                    progress=lambda done, total: progress(done, total, ""),
                    cancel=cancelled,
                )

        QSettings().setValue(_FOLDER_KEY, folder)
        self._task = Task(job, self)
        self._task.progress.connect(self._progressed)
        self._task.finished.connect(self._finished)
        self._task.failed.connect(self._failed)
        self.export_button.setEnabled(False)
        for widget in (self.selected_radio, self.all_radio, self.folder_edit, self.history_check):
            widget.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(self.tr("Exporting…"))
        self._task.start()

    def is_running(self) -> bool:
        return self._task is not None and self._task.is_running()

    def _progressed(self, done: int, total: int, _what: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.status.setText(
            self.tr("Exported %1 of %2…").replace("%1", str(done)).replace("%2", str(total))
        )

    def _finished(self, report: ExportReport) -> None:
        self.report = report
        self.progress.hide()
        self.result_text.setPlainText("\n".join(report.lines()))
        self.result_text.show()
        if report.ok:
            self.status.setText(self.tr("Done: %n proposal(s) exported.", "", len(report.files)))
        else:
            self.status.setText(self.tr("The export did not finish: see below."))
        self._after()

    def _failed(self, message: str) -> None:
        self.progress.hide()
        self.status.setText(self.tr("Nothing exported: %1").replace("%1", message))
        self._after()

    def _after(self) -> None:
        self.close_button.setText(self.tr("Close"))
        self.export_button.hide()

    def _close_or_cancel(self) -> None:
        if self.is_running():
            assert self._task is not None
            self._task.cancel()
            self.status.setText(self.tr("Cancelling after the current proposal…"))
            return
        self.reject()

    def reject(self) -> None:
        if self.is_running():  # Escape or the window's close button: cancel first
            self._close_or_cancel()
            return
        super().reject()
