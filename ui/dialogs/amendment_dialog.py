"""Amendment instructions in the window (docs/amendments.md).

`DraftAmendmentDialog` shows the instructions that turn the compared old text into the new
one (中文 or English), to copy or to save as Markdown; drafting runs in a worker (a long law
takes seconds). `ApplyInstructionsDialog` takes instructions (typed, pasted or opened from a
file), previews the consolidated text of a proposal — or the error, with its line — and gives
the text to save as the proposal's next version.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from consult.compare.instruction_writer import render, title_for
from consult.compare.instructions import Amendment
from consult.errors import ConsultError, InstructionError
from consult.markdown_io.atomic import WriteFailed, write_atomic
from consult.markdown_io.text_file import read_document
from ui import fonts, translations
from ui.accessibility import chain, describe
from ui.fonts import text_font
from ui.workers import Task

PREVIEW_DELAY_MS = 300  # the preview follows the instructions once typing pauses this long


def _draft_job(old: str, new: str, lang: str):
    def job(_progress, _cancelled) -> Amendment:
        from consult.compare.amendments import draft_amendment  # loaded when first used

        return draft_amendment(old, new, lang=lang)

    return job


def _worker(job) -> Task:
    """A task that outlives the dialog that asked for it (closed while it runs): owned by the
    application and deleted when done; the dialog drops a result it no longer waits for."""
    task = Task(job, QCoreApplication.instance())
    task.finished.connect(task.deleteLater)
    task.failed.connect(task.deleteLater)
    return task


def _apply_job(base: str, instructions: str):
    def job(_progress, _cancelled) -> str | ConsultError:
        from consult.compare.consolidate import apply_instructions  # loaded when first used

        try:
            return apply_instructions(base, instructions)
        except ConsultError as e:  # returned, not raised: the error keeps its line
            return e

    return job


def _common_prefix(a: str, b: str) -> int:
    """How many characters `a` and `b` share at their start (slices compared in C, halving:
    a few milliseconds for a law of 1.5 million characters)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


class DraftAmendmentDialog(QDialog):
    """The instructions that turn `old` into `new`; `titles` name the two texts (in the
    Markdown file's title). `amendment` is what was drafted in the language shown (None
    while drafting or after a failure)."""

    def __init__(
        self,
        old: str,
        new: str,
        titles: tuple[str, str] = ("", ""),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("draftAmendmentDialog")
        self.setWindowTitle(self.tr("Amendment Instructions"))
        self.resize(760, 620)
        self._texts = (old, new)
        self._titles = titles
        self._drafted: dict[str, Amendment] = {}  # by language: switching back is instant
        self._task: Task | None = None
        self.amendment: Amendment | None = None

        self.lang_combo = QComboBox(self)
        self.lang_combo.setObjectName("amendmentLanguageCombo")
        # Each language named in its own language, as in the Language menu.
        self.lang_combo.addItem("中文", "zh")
        self.lang_combo.addItem("English", "en")
        describe(
            self.lang_combo,
            self.tr("Language of the instructions"),
            self.tr("Write the instructions in Chinese or in English"),
        )
        self.lang_combo.setCurrentIndex(0 if translations.primary_language() == "zh" else 1)
        lang_label = QLabel(self.tr("&Language:"), self)
        lang_label.setBuddy(self.lang_combo)

        self.text = QPlainTextEdit(self)
        self.text.setObjectName("amendmentText")
        self.text.setReadOnly(True)
        self.text.setFont(text_font(fonts.SANS, self.text.font()))
        # Read-only text: Tab goes on to the buttons rather than into it.
        self.text.setTabChangesFocus(True)
        describe(
            self.text,
            self.tr("Instructions"),
            self.tr(
                "The amendment instructions that turn the old text into the new one, article "
                "by article, numbered as in the old text"
            ),
        )
        self.status = QLabel(self)
        self.status.setObjectName("amendmentStatus")
        self.status.setWordWrap(True)

        self.copy_button = QPushButton(self.tr("&Copy"), self)
        self.copy_button.setObjectName("amendmentCopyButton")
        describe(
            self.copy_button,
            self.tr("Copy"),
            self.tr("Copy the instructions to the clipboard"),
        )
        self.copy_button.clicked.connect(self.copy)
        self.save_button = QPushButton(self.tr("&Save as Markdown…"), self)
        self.save_button.setObjectName("amendmentSaveButton")
        describe(
            self.save_button,
            self.tr("Save as Markdown"),
            self.tr("Write the instructions to a Markdown file, with the two texts in its title"),
        )
        self.save_button.clicked.connect(self._save_with_dialog)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        describe(self.close_button, self.tr("Close"), self.tr("Close the instructions"))
        self.buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(lang_label)
        top.addWidget(self.lang_combo)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.copy_button)
        bottom.addWidget(self.save_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.status)
        layout.addLayout(bottom)
        chain(self.lang_combo, self.text, self.copy_button, self.save_button, self.close_button)

        self.lang_combo.currentIndexChanged.connect(self.draft)
        self.draft()

    def lang(self) -> str:
        """The language chosen: "zh" or "en"."""
        return str(self.lang_combo.currentData())

    def is_busy(self) -> bool:
        return self._task is not None

    def draft(self) -> None:
        """Draft in the language chosen (in a worker; at once if it was drafted before)."""
        lang = self.lang()
        if lang in self._drafted:
            self._task = None  # one still drafting is for the other language
            self._show(lang, self._drafted[lang])
            return
        self.amendment = None
        self.text.clear()
        self.status.setText(self.tr("Drafting the instructions…"))
        self._enable(False)
        task = _worker(_draft_job(*self._texts, lang))
        task.finished.connect(lambda result, t=task, lang=lang: self._drafted_in(t, lang, result))
        task.failed.connect(lambda message, t=task: self._failed(t, message))
        self._task = task
        task.start()

    def _drafted_in(self, task: Task, lang: str, amendment: Amendment) -> None:
        self._drafted[lang] = amendment
        if task is self._task:  # else: asked for in a language no longer chosen
            self._task = None
            self._show(lang, amendment)

    def _failed(self, task: Task, message: str) -> None:
        if task is self._task:
            self._task = None
            self.status.setText(self.tr("Cannot draft the instructions: %1").replace("%1", message))

    def _show(self, lang: str, amendment: Amendment) -> None:
        self.amendment = amendment
        count = sum(1 for i in amendment.instructions if i.op != "renumber")
        if count:
            self.text.setPlainText(render(amendment))
            status = self.tr("%n instruction(s)", "", count)
        else:
            self.text.setPlainText("")
            status = self.tr("The two texts have the same articles: nothing to amend.")
        # What instructions do not amend (title, preamble, table of contents) is said, not
        # silently left out; the tip lists it all.
        outside = amendment.outside
        if outside:
            status += self.tr(" · ") + self.tr(
                "%n change(s) outside the articles and headings not included: %1", "", len(outside)
            ).replace("%1", self.tr("; ").join(outside[:3]) + ("…" if len(outside) > 3 else ""))
        self.status.setText(status)
        self.status.setToolTip("\n".join(outside))
        self._enable(bool(count))

    def _enable(self, enabled: bool) -> None:
        self.copy_button.setEnabled(enabled)
        self.save_button.setEnabled(enabled)

    def instructions(self) -> str:
        """The instructions shown, as plain text."""
        return self.text.toPlainText()

    def markdown(self) -> str:
        """The instructions as Markdown, titled with the two texts' names."""
        assert self.amendment is not None
        old, new = self._titles
        title = title_for(self.amendment.lang, old, new)
        return render(self.amendment, format="markdown", title=title)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.instructions())
        self.status.setText(self.tr("Copied to the clipboard."))

    def _save_with_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the instructions"),
            self.tr("amendment") + ".md",
            self.tr("Markdown (*.md)"),
        )
        if path:
            self.save_markdown(path)

    def save_markdown(self, path: str | Path) -> bool:
        """Write the Markdown to `path`, whole or not at all; a failure is shown with the
        system's reason. Whether it was written."""
        if self.amendment is None:
            return False
        try:
            write_atomic(Path(path), self.markdown(), replace=True)
        except WriteFailed as e:
            QMessageBox.warning(self, self.tr("Cannot save the instructions"), str(e))
            return False
        self.status.setText(self.tr("Saved to %1").replace("%1", str(path)))
        return True

    def done(self, result: int) -> None:
        self._task = None  # a draft still running is not shown
        super().done(result)


class ApplyInstructionsDialog(QDialog):
    """Instructions applied to `base` (the text of a proposal's latest version).
    `consolidated` is the result when they apply, else None (`error` says why); OK is offered
    only then. `previewed` is emitted each time the preview of what is typed is shown."""

    previewed = Signal()

    def __init__(self, base: str, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("applyInstructionsDialog")
        self.setWindowTitle(self.tr("Apply Instructions"))
        self.resize(980, 640)
        self._base = base
        self.consolidated: str | None = None
        self.error: InstructionError | None = None
        self._generation = 0  # of the preview asked for last
        self._busy = False
        self._applied_text: str | None = None  # the instructions the preview shows

        intro = QLabel(
            self.tr(
                "Instructions to apply to “%1” (typed, pasted, or opened from a file):"
            ).replace("%1", title),
            self,
        )
        intro.setWordWrap(True)
        self.instructions_edit = QPlainTextEdit(self)
        self.instructions_edit.setObjectName("instructionsEdit")
        self.instructions_edit.setPlaceholderText(self.tr("1. Article 10 is amended to read: …"))
        self.instructions_edit.setFont(text_font(fonts.SANS, self.instructions_edit.font()))
        self.instructions_edit.setTabChangesFocus(True)
        describe(
            self.instructions_edit,
            self.tr("Instructions"),
            self.tr(
                "The amendment instructions, in Chinese or English, numbered by the articles "
                "of this text"
            ),
        )
        intro.setBuddy(self.instructions_edit)
        self.open_button = QPushButton(self.tr("&Open File…"), self)
        self.open_button.setObjectName("instructionsOpenButton")
        describe(
            self.open_button,
            self.tr("Open a file of instructions"),
            self.tr("Read the instructions from a Markdown or text file"),
        )
        self.open_button.clicked.connect(self._open_with_dialog)

        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("instructionsPreview")
        self.preview.setReadOnly(True)
        self.preview.setTabChangesFocus(True)
        self.preview.setFont(text_font(fonts.SANS, self.preview.font()))
        describe(
            self.preview,
            self.tr("Result"),
            self.tr("The text as it reads with the instructions applied"),
        )
        self.status = QLabel(self)
        self.status.setObjectName("instructionsStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(
            self.tr("Save as New &Version"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setObjectName("instructionsSaveButton")
        describe(
            self.ok_button,
            self.tr("Save as new version"),
            self.tr("Save the result as the next version of the proposal"),
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        describe(self.cancel_button, self.tr("Cancel"), self.tr("Close without saving anything"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(intro)
        left_layout.addWidget(self.instructions_edit, 1)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addStretch(1)
        left_layout.addLayout(row)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_label = QLabel(self.tr("&Result:"), right)
        right_label.setBuddy(self.preview)
        right_layout.addWidget(right_label)
        right_layout.addWidget(self.preview, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("instructionsSplitter")
        splitter.addWidget(left)
        splitter.addWidget(right)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        chain(
            self.instructions_edit,
            self.open_button,
            self.preview,
            self.ok_button,
            self.cancel_button,
        )

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.update_preview)
        self.instructions_edit.textChanged.connect(self._timer.start)
        self._go_to_error = False  # the cursor goes to a failing line only for a text put in
        self.update_preview()

    def set_instructions(self, text: str) -> None:
        """Put `text` in the box and preview it without waiting for a pause; the cursor goes
        to the line that cannot be carried out, if one cannot."""
        self.instructions_edit.setPlainText(text)
        self._go_to_error = True
        self.update_preview()

    def _open_with_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open Instructions"),
            "",
            self.tr("Markdown and text (*.md *.markdown *.txt);;All files (*)"),
        )
        if path:
            self.open_file(path)

    def open_file(self, path: str | Path) -> bool:
        """Read instructions from a file into the box; a file that cannot be read is said."""
        try:
            text = read_document(path).text  # GB18030 (GBK) and UTF-16 too
        except ConsultError as e:
            QMessageBox.warning(self, self.tr("Cannot read the file"), str(e))
            return False
        self.set_instructions(text)
        return True

    def update_preview(self) -> None:
        """Apply the instructions to the text (in a worker: a long law takes a moment); the
        result, or the error and its line, is shown when done (`previewed`)."""
        self._timer.stop()
        text = self.instructions_edit.toPlainText()
        self._generation += 1
        self.consolidated, self.error = None, None
        self.ok_button.setEnabled(False)
        if not text.strip():
            self._applied(self._generation, text, None)
            return
        self.status.setText(self.tr("Applying the instructions…"))
        task = _worker(_apply_job(self._base, text))
        task.finished.connect(
            lambda outcome, g=self._generation, t=text: self._applied(g, t, outcome)
        )
        task.failed.connect(
            lambda message, g=self._generation, t=text: self._applied(g, t, ConsultError(message))
        )
        self._busy = True
        task.start()

    def is_busy(self) -> bool:
        """Whether the preview of what is typed is still being made."""
        return self._busy or self._timer.isActive()

    def _applied(self, generation: int, text: str, outcome: str | ConsultError | None) -> None:
        if generation != self._generation:
            return  # the instructions were changed since: a newer preview is on its way
        self._busy = False
        self._applied_text = text
        self.instructions_edit.setExtraSelections([])
        self.preview.setPlainText(outcome if isinstance(outcome, str) else self._base)
        if outcome is None:
            self.status.setText(self.tr("Type, paste or open the instructions."))
        elif isinstance(outcome, ConsultError):
            self.error = outcome if isinstance(outcome, InstructionError) else None
            self.status.setText(self.tr("Not applied: %1").replace("%1", str(outcome)))
            if self.error is not None:
                self._show_error_line(self.error.line)
        else:
            self.consolidated = outcome
            self._show_first_change(outcome)
            self.status.setText(
                self.tr("Applied. Save it as the proposal's next version?")
                if outcome != self._base
                else self.tr("The instructions change nothing in this text.")
            )
        self.ok_button.setEnabled(self.consolidated is not None and self.consolidated != self._base)
        self.previewed.emit()

    def _show_first_change(self, text: str) -> None:
        """Scroll the preview to where the result first differs from the text as it is (in a
        long law that is rarely at the top)."""
        first = _common_prefix(self._base, text)
        cursor = self.preview.textCursor()
        # (Qt counts UTF-16 units: a character beyond the BMP, rare Han included, is two)
        cursor.setPosition(len(text[:first].encode("utf-16-le")) // 2)
        self.preview.setTextCursor(cursor)
        self.preview.centerCursor()

    def _show_error_line(self, line: int) -> None:
        """Mark the instruction that failed (lines are 1-based); put the cursor there when the
        text was put in (set or opened) — never while it is being typed, where the cursor is
        the user's."""
        go, self._go_to_error = self._go_to_error, False
        block = self.instructions_edit.document().findBlockByNumber(line - 1)
        if line < 1 or not block.isValid():
            return
        mark = QTextEdit.ExtraSelection()
        mark.format.setBackground(QColor(255, 200, 200))
        mark.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        mark.cursor = QTextCursor(block)
        self.instructions_edit.setExtraSelections([mark])
        if go:
            cursor = self.instructions_edit.textCursor()
            cursor.setPosition(block.position())
            self.instructions_edit.setTextCursor(cursor)
            self.instructions_edit.centerCursor()

    def done(self, result: int) -> None:
        self._generation += 1  # a preview still running is not shown
        self._timer.stop()
        super().done(result)

    def accept(self) -> None:
        # Only the preview of what is in the box now (Enter may come before it is made).
        if self.is_busy() or self._applied_text != self.instructions_edit.toPlainText():
            return
        if self.consolidated is None or self.consolidated == self._base:
            return
        super().accept()
