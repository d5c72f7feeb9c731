"""CompareView: two versions side by side, their rows aligned, the changes highlighted.

The engine's rows (consult.compare) are written into two documents off the GUI thread
(ui.compare_worker). Each pane is a QPlainTextEdit: it lays out only the blocks it paints,
so showing 1.5 M characters costs little. Rows are kept side by side with filler lines: for
each row, the side with fewer (wrapped) lines gets shaded empty blocks after it. Counting a
row's lines means laying it out, so the rows are aligned in slices of a few milliseconds on
a timer, the rows on screen first; a row's fillers only move the rows after it, so the view
is re-anchored to the row it shows after each slice. Both documents then have the same number
of lines before every row, and keeping the panes in step is a matter of showing the same row
at the same line offset in both (as Meld does, ignoring the scroll events it causes itself).
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Generator
from itertools import chain
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QKeyEvent,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextDocumentLayout,
    QPlainTextEdit,
    QProgressBar,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from consult.compare.engine import Comparison
from consult.compare.report import summary, to_html, to_markdown
from consult.markdown_io.atomic import WriteFailed, write_atomic
from ui import translations
from ui.accessibility import describe, plain
from ui.compare_worker import CompareJob, PaneRows, Request, Result, has_cjk, text_font
from ui.overview_bar import OverviewBar

SLICE_SECONDS = 0.008  # alignment work per timer tick: well under the 50 ms the GUI may block
_MAX_WORD_MARKS = 3000  # changed places marked in the overview, per side


class ComparePane(QPlainTextEdit):
    """One side: read-only and wrapped; says when its width changes and when it has painted."""

    widthChanged = Signal()
    painted = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # A scroll bar that comes and goes would change the width, the wrapping, the fillers.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._width = -1

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.viewport().width() != self._width:
            self._width = self.viewport().width()
            self.widthChanged.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted.emit()


class CompareView(QWidget):
    """Two texts side by side, the old one left (`compareLeft`), the new one right
    (`compareRight`).

    `set_texts(old, new, old_title, new_title)` starts a comparison (a newer one supersedes
    it); `comparisonReady` is emitted when its rows are on screen, `alignmentFinished` when
    every row has its fillers. F7 / Shift+F7 inside the view, the `nextChangeButton` /
    `prevChangeButton`, or `next_change()` / `previous_change()` move between changed rows;
    `current_change()` says which. Options: `granularityCombo`, `ignoreWidthCheck`,
    `ignoreWhitespaceCheck`, and `byArticleCheck`: checked (the default), articles are
    paired when the texts are law-like (by="auto"); unchecked, always paragraph by paragraph.
    `export_table(path, fmt)` writes the before/after table. `draftAmendmentButton` asks for
    the amendment instructions (`draftAmendmentRequested`) of the texts shown (`shown_texts`):
    offered when they were compared article by article.
    """

    comparisonReady = Signal()
    draftAmendmentRequested = Signal()
    alignmentFinished = Signal()
    currentChangeChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareView")
        self._texts = ("", "")
        self._titles = ("", "")
        self._number = 0
        self._job: CompareJob | None = None
        self._result: Result | None = None
        self._rows: list[PaneRows] = []
        self._docs: dict[QWidget, QTextDocument] = {}  # the documents shown, by pane
        self._aligned: list[bool] = []
        self._aligned_count = 0
        self._pass: Generator[bool, None, None] | None = None
        self._pass_row = -1
        self._ready_sent = True
        self._slice_over = False
        self._changes: list[int] = []
        self._current = -1
        self._syncing = False
        self._pool: QThreadPool | None = None  # made with the first comparison
        self._align_timer = QTimer(self)
        self._align_timer.setInterval(0)
        self._align_timer.timeout.connect(self._align_slice)
        self._relayout_timer = QTimer(self)
        self._relayout_timer.setSingleShot(True)
        self._relayout_timer.setInterval(100)
        self._relayout_timer.timeout.connect(self._realign)
        self._build_widgets()
        self._show_busy(None)

    # -- widgets --------------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.prev_button = self._tool_button("prevChangeButton", self.tr("◀ Previous"))
        describe(
            self.prev_button,
            self.tr("Previous change"),
            self.tr("Show the previous change in both texts (Shift+F7)"),
        )
        self.prev_button.setToolTip(self.tr("Previous change (Shift+F7)"))
        self.prev_button.clicked.connect(self.previous_change)
        self.next_button = self._tool_button("nextChangeButton", self.tr("Next ▶"))
        describe(
            self.next_button,
            self.tr("Next change"),
            self.tr("Show the next change in both texts (F7)"),
        )
        self.next_button.setToolTip(self.tr("Next change (F7)"))
        self.next_button.clicked.connect(self.next_change)
        self.granularity_combo = QComboBox(self)
        self.granularity_combo.setObjectName("granularityCombo")
        describe(
            self.granularity_combo,
            self.tr("Granularity"),
            self.tr("What a change is marked in: characters, words or whole paragraphs"),
        )
        self.granularity_combo.setToolTip(self.tr("What a change is marked in"))
        for label, value in (
            (self.tr("Automatic"), "auto"),
            (self.tr("Characters"), "char"),
            (self.tr("Words"), "word"),
            (self.tr("Paragraphs"), "paragraph"),
        ):
            self.granularity_combo.addItem(label, value)
        self.granularity_combo.currentIndexChanged.connect(self._options_changed)
        self.by_article_check = self._check(
            "byArticleCheck",
            self.tr("By &article"),
            self.tr(
                "Pair articles by content when the texts are law-like; "
                "unchecked, align paragraph by paragraph"
            ),
            True,
        )
        self.ignore_width_check = self._check(
            "ignoreWidthCheck",
            self.tr("Ignore ，/ ,"),
            self.tr("Treat full-width and half-width punctuation (，and ,) as the same"),
            False,
        )
        self.ignore_whitespace_check = self._check(
            "ignoreWhitespaceCheck",
            self.tr("Ignore &spaces"),
            self.tr("Differences in spaces and line breaks are not changes"),
            True,
        )
        self.export_button = self._tool_button("compareExportButton", self.tr("Export"))
        self.export_button.setToolTip(self.tr("Export the before/after table"))
        describe(
            self.export_button,
            self.tr("Export the table"),
            self.tr("Save the before/after table as Markdown or HTML"),
        )
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        for name, text, fmt in (
            ("exportMarkdownAction", self.tr("Markdown…"), "markdown"),
            ("exportHtmlAction", self.tr("HTML…"), "html"),
        ):
            action = menu.addAction(text)
            action.setObjectName(name)
            action.triggered.connect(lambda _=False, f=fmt: self._export_with_dialog(f))
        self.export_button.setMenu(menu)
        self.amend_button = self._tool_button(
            "draftAmendmentButton", self.tr("Amendment Instructions…")
        )
        describe(
            self.amend_button,
            self.tr("Draft amendment instructions"),
            self.tr(
                "Draft the instructions that turn the old text into the new one, article by "
                "article, as a legislature adopts an amendment"
            ),
        )
        self.amend_button.setToolTip(self.tr("Draft the amendment instructions for these texts"))
        self.amend_button.clicked.connect(self.draftAmendmentRequested)
        bar = QHBoxLayout()
        tools: tuple[QWidget, ...] = (
            self.prev_button,
            self.next_button,
            self.granularity_combo,
            self.by_article_check,
            self.ignore_width_check,
            self.ignore_whitespace_check,
        )
        for widget in tools:
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.amend_button)
        bar.addWidget(self.export_button)

        self.left_title = self._title_label("compareLeftTitle")
        self.right_title = self._title_label("compareRightTitle")
        self.left = ComparePane("compareLeft", self)
        describe(
            self.left,
            self.tr("Old text"),
            self.tr("The older text; deleted text is red and struck through. F7: next change"),
        )
        self.right = ComparePane("compareRight", self)
        describe(
            self.right,
            self.tr("New text"),
            self.tr("The newer text; inserted text is green. F7: next change"),
        )
        self.overview = OverviewBar(self)
        self.overview.jumpRequested.connect(self.jump_to_fraction)
        for pane in (self.left, self.right):
            pane.widthChanged.connect(self._relayout_timer.start)
        self._scrolling_linked = False  # see _link_scrolling
        grid = QGridLayout()
        grid.addWidget(self.left_title, 0, 0)
        grid.addWidget(self.right_title, 0, 1)
        grid.addWidget(self.left, 1, 0)
        grid.addWidget(self.right, 1, 1)
        grid.addWidget(self.overview, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("compareSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("compareStatus")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("compareProgress")
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.cancel_button = self._tool_button("compareCancelButton", self.tr("Cancel"))
        describe(
            self.cancel_button,
            self.tr("Cancel the comparison"),
            self.tr("Stop comparing; what is shown stays"),
        )
        self.cancel_button.clicked.connect(self.cancel)
        foot = QHBoxLayout()
        foot.addWidget(self.summary_label, 1)
        foot.addWidget(self.status_label)
        foot.addWidget(self.progress)
        foot.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(grid, 1)
        layout.addLayout(foot)
        self._enable_actions()

    def _tool_button(self, name: str, text: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    def _title_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        # A long path must not make the view wider than the window.
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        return label

    def _check(self, name: str, text: str, tip: str, checked: bool) -> QCheckBox:
        check = QCheckBox(text, self)
        check.setObjectName(name)
        check.setToolTip(tip)
        describe(check, plain(text), tip)
        check.setChecked(checked)
        check.toggled.connect(self._options_changed)
        return check

    def focus_order(self) -> list[QWidget]:
        """The widgets Tab goes through, in the order they are seen."""
        return [
            self.prev_button,
            self.next_button,
            self.granularity_combo,
            self.by_article_check,
            self.ignore_width_check,
            self.ignore_whitespace_check,
            self.amend_button,
            self.export_button,
            self.left,
            self.right,
            self.cancel_button,
        ]

    def _enable_actions(self) -> None:
        shown = self._result is not None
        self.export_button.setEnabled(shown)
        self.amend_button.setEnabled(self.can_draft_amendment())
        for button in (self.next_button, self.prev_button):
            button.setEnabled(bool(self._changes))

    # -- comparing ------------------------------------------------------------------------------

    def set_texts(
        self, old_text: str, new_text: str, old_title: str = "", new_title: str = ""
    ) -> None:
        """Compare `old_text` (left) with `new_text` (right) off the GUI thread; a request
        made before this one finishes is dropped."""
        self._texts = (old_text, new_text)
        self._titles = (old_title, new_title)
        for label, title, default in (
            (self.left_title, old_title, self.tr("Before")),
            (self.right_title, new_title, self.tr("After")),
        ):
            label.setText(title or default)
            label.setToolTip(title)
        self._link_scrolling()
        self._start()

    def _link_scrolling(self) -> None:
        # Done with the first texts, not while the window starts: the scroll bars are the
        # only ones the window reaches from Python, and reaching the first costs ~1 ms.
        if self._scrolling_linked:
            return
        self._scrolling_linked = True
        for index, pane in enumerate((self.left, self.right)):
            pane.verticalScrollBar().valueChanged.connect(
                lambda value, i=index: self._scrolled(i, value)
            )
        self.left.horizontalScrollBar().valueChanged.connect(
            self.right.horizontalScrollBar().setValue
        )

    def _options_changed(self) -> None:
        if self._result is not None or self._job is not None:
            self._start()

    def options(self) -> dict[str, object]:
        """The keyword arguments given to compare_texts."""
        return {
            "by": "auto" if self.by_article_check.isChecked() else "paragraph",
            "granularity": self.granularity_combo.currentData(),
            "ignore_whitespace": self.ignore_whitespace_check.isChecked(),
            "ignore_width": self.ignore_width_check.isChecked(),
        }

    def _start(self) -> None:
        self._number += 1
        if self._job is not None:
            self._job.cancel()
        old, new = self._texts
        filler = QColor(self.palette().color(QPalette.ColorRole.Mid))
        filler.setAlpha(70)
        request = Request(
            self._number,
            old,
            new,
            **self.options(),  # type: ignore[arg-type]
            font=text_font(has_cjk(old) or has_cjk(new)),
            filler=QBrush(filler),
            note=self.palette().color(QPalette.ColorRole.PlaceholderText),
            moved_words=self.tr("Moved"),
        )
        app = QCoreApplication.instance()
        assert app is not None
        job = CompareJob(request, app.thread())
        job.setAutoDelete(False)  # the view keeps it, to cancel it
        job.signals.finished.connect(self._job_finished)
        job.signals.failed.connect(self._job_failed)
        self._job = job
        if self._pool is None:
            self._pool = QThreadPool(self)
            self._pool.setMaxThreadCount(1)  # a newer job waits for the older one, cancelled
        self._pool.start(job)
        self._show_busy(self.tr("Comparing…"))

    def cancel(self) -> None:
        """Stop waiting for the comparison under way; what is shown stays."""
        if self._job is not None:
            self._job.cancel()
            self._job = None
            self._number += 1
            self._show_busy(None)
            self.status_label.setText(self.tr("Comparison cancelled"))

    def is_busy(self) -> bool:
        """Whether a comparison is being computed or its rows are still being aligned."""
        return self._job is not None or self._pass is not None

    def _job_failed(self, number: int, message: str) -> None:
        if number != self._number:
            return
        self._job = None
        self._show_busy(None)
        self.summary_label.setText(self.tr("The comparison failed: %1").replace("%1", message))

    def _job_finished(self, result: Result) -> None:
        if result.request.number != self._number:
            for side in (result.old, result.new):
                side.document.deleteLater()
            return
        self._job = None
        self._show(result)

    def _show(self, result: Result) -> None:
        rows = result.comparison.rows
        self._rows = []  # scrolling in step and moving between changes wait for both panes
        self._result = result
        # A renumbered article whose text is the same is labelled, not counted as a change.
        self._changes = [i for i, row in enumerate(rows) if row.kind != "unchanged"]
        self._current = -1
        self._aligned = [False] * len(rows)
        self._aligned_count = 0
        self._ready_sent = False
        self.summary_label.setText(summary(result.comparison, translations.primary_language()))
        self.overview.set_current(None)
        self._enable_actions()
        self._show_busy(self.tr("Aligning…"), len(rows))
        self._pass = self._install(result)
        self._align_timer.start()

    def _install(self, result: Result) -> Generator[bool, None, None]:
        """Give each pane its document, one per timer tick (each takes a pass over all its
        blocks), then align the rows."""
        rows = result.comparison.rows
        installed = []
        for pane, side, units in (
            (self.left, result.old, [r.old is not None for r in rows]),
            (self.right, result.new, [r.new is not None for r in rows]),
        ):
            doc: QTextDocument = side.document
            doc.setParent(pane)
            doc.setDocumentLayout(QPlainTextDocumentLayout(doc))
            pane.setDocument(doc)
            # The pane deletes the document it made itself; ours it leaves to us.
            previous = self._docs.pop(pane, None)
            if previous is not None:
                previous.deleteLater()
            self._docs[pane] = doc
            installed.append(PaneRows(side, units, result.request.filler))
            self._slice_over = True  # let the pane paint before the next one is given its own
            yield False
        self._rows = installed
        yield from self._alignment_pass(0)

    def _show_busy(self, text: str | None, steps: int = 0) -> None:
        self.status_label.setText(text or "")
        self.progress.setVisible(text is not None)
        self.progress.setRange(0, steps)
        self.cancel_button.setVisible(self._job is not None)

    # -- alignment ------------------------------------------------------------------------------

    def _alignment_pass(self, first: int) -> Generator[bool, None, None]:
        """Align every row not yet aligned, from `first` on, then those before it; yields
        often, True when a document changed."""
        left, right = self._rows
        count = len(self._aligned)
        for row in chain(range(first, count), range(first)):
            if self._aligned[row]:
                continue
            self._pass_row = row
            a = yield from left.measure(row)
            b = yield from right.measure(row)
            lines = max(a, b)
            changed = left.set_fillers(row, lines - a)
            changed = right.set_fillers(row, lines - b) or changed
            self._aligned[row] = True
            self._aligned_count += 1
            yield changed

    def _align_slice(self) -> None:
        if self._pass is None:
            self._align_timer.stop()
            return
        anchor = (0, 0)  # where a pane given its document starts
        if self._rows:
            self._visible_first()
            anchor = self._rows[0].row_at_line(self.left.verticalScrollBar().value())
        deadline = time.perf_counter() + SLICE_SECONDS
        changed = finished = self._slice_over = False
        try:
            while time.perf_counter() < deadline and not self._slice_over:
                changed = next(self._pass) or changed
        except StopIteration:
            finished = True
        if not self._rows:
            return
        if changed:
            self._scroll_to_row(*anchor)
        else:
            self._update_visible_range()
        self.progress.setValue(self._aligned_count)
        if not self._ready_sent and (finished or self._visible_aligned()):
            self._ready_sent = True
            self._update_overview()
            self.comparisonReady.emit()
        if finished:
            self._align_timer.stop()
            self._pass = None
            self._update_overview()
            self._show_busy(None)
            self.alignmentFinished.emit()

    def _visible_rows(self) -> range:
        rows = self._rows[0]
        top = self.left.verticalScrollBar().value()
        first = rows.row_at_line(top)[0]
        last = rows.row_at_line(top + self.left.verticalScrollBar().pageStep())[0]
        return range(first, min(last + 1, len(rows)))

    def _visible_aligned(self) -> bool:
        return all(self._aligned[row] for row in self._visible_rows())

    def _visible_first(self) -> None:
        """Start the pass again at the first row on screen not yet aligned (after a jump)."""
        waiting = next((r for r in self._visible_rows() if not self._aligned[r]), None)
        if waiting is not None and waiting != self._pass_row:
            self._pass = self._alignment_pass(waiting)

    def _realign(self) -> None:
        """The panes' width changed, and with it the wrapping: count every row again."""
        if not self._rows:
            return
        self._aligned = [False] * len(self._aligned)
        self._aligned_count = 0
        self._pass = self._alignment_pass(self._visible_rows()[0])
        self._pass_row = -1
        self._show_busy(self.tr("Aligning…"), len(self._aligned))
        self._align_timer.start()

    # -- scrolling ------------------------------------------------------------------------------

    def _scrolled(self, source: int, value: int) -> None:
        if self._syncing or not self._rows:
            return
        self._scroll_to_row(*self._rows[source].row_at_line(value), skip=source)

    def _scroll_to_row(self, row: int, offset: int = 0, skip: int = -1) -> None:
        """Show `row`, `offset` lines into it, at the top of both panes (but the `skip` one)."""
        self._syncing = True
        try:
            for index, (pane, rows) in enumerate(
                zip((self.left, self.right), self._rows, strict=True)
            ):
                if index != skip:
                    start, end = rows.start_line(row), rows.start_line(row + 1)
                    pane.verticalScrollBar().setValue(min(start + offset, max(start, end - 1)))
        finally:
            self._syncing = False
        self._update_visible_range()

    def _update_visible_range(self) -> None:
        total = max(1, self._rows[0].doc.lineCount())
        bar = self.left.verticalScrollBar()
        self.overview.set_visible_range(bar.value() / total, (bar.value() + bar.pageStep()) / total)

    def jump_to_fraction(self, fraction: float) -> None:
        """Centre both panes on the place `fraction` of the way down the document."""
        if not self._rows:
            return
        bar = self.left.verticalScrollBar()
        line = int(fraction * self._rows[0].doc.lineCount() - bar.pageStep() / 2)
        bar.setValue(max(0, line))

    def _update_overview(self) -> None:
        """Mark the changed rows, and in a long modified row each place where words changed."""
        assert self._result is not None
        rows, kinds = self._rows[0], self._result.comparison.rows
        total = max(1, rows.doc.lineCount())
        markers = []
        for row in self._changes:
            kind = kinds[row].kind
            # A modified row is a pale band; its changed words are marked strongly below.
            strong = kind != "modified"
            markers.append(
                (rows.start_line(row) / total, rows.start_line(row + 1) / total, kind, strong)
            )
        for side in self._rows:
            marks = side.marks
            step = max(1, len(marks) // _MAX_WORD_MARKS)  # enough to see, few enough to be quick
            for row, block in marks[::step]:
                if kinds[row].kind != "unchanged":
                    line = side.line_of(row, block) / total
                    markers.append((line, line + 1 / total, kinds[row].kind, True))
        self.overview.set_markers(markers)
        if self._current >= 0:
            self.overview.set_current(self._change_span(self._current))
        self._update_visible_range()

    def _change_span(self, index: int) -> tuple[float, float]:
        rows, row = self._rows[0], self._changes[index]
        total = max(1, rows.doc.lineCount())
        return rows.start_line(row) / total, rows.start_line(row + 1) / total

    # -- changes --------------------------------------------------------------------------------

    def change_rows(self) -> list[int]:
        """The indexes (in the comparison's rows) of the changed rows, in order."""
        return list(self._changes)

    def current_change(self) -> int:
        """The index in change_rows() of the change last moved to, or -1."""
        return self._current

    def comparison(self) -> Comparison | None:
        """The comparison shown, or None."""
        return self._result.comparison if self._result else None

    def can_draft_amendment(self) -> bool:
        """Whether the texts shown were compared article by article (both are law-like):
        instructions name articles."""
        return self._result is not None and self._result.comparison.by == "article"

    def shown_texts(self) -> tuple[str, str, str, str]:
        """The old and new text of the comparison shown, and their titles."""
        if self._result is None:
            return ("", "", *self._titles)
        request = self._result.request
        return (request.old, request.new, *self._titles)

    def next_change(self) -> bool:
        """Show the next changed row in both panes; False when there is none."""
        if not self._changes or not self._rows:
            return False
        if self._current >= 0 and self._current_visible():
            index = self._current + 1
        else:
            row, offset = self._rows[0].row_at_line(self.left.verticalScrollBar().value())
            index = bisect_left(self._changes, row + (offset > 0))
        return self._go_to_change(index)

    def previous_change(self) -> bool:
        """Show the previous changed row in both panes; False when there is none."""
        if not self._changes or not self._rows:
            return False
        if self._current >= 0 and self._current_visible():
            index = self._current - 1
        else:
            row, _ = self._rows[0].row_at_line(self.left.verticalScrollBar().value())
            index = bisect_left(self._changes, row) - 1
        return self._go_to_change(index)

    def _current_visible(self) -> bool:
        bar = self.left.verticalScrollBar()
        start = self._rows[0].start_line(self._changes[self._current])
        return bar.value() <= start < bar.value() + max(1, bar.pageStep())

    def _go_to_change(self, index: int) -> bool:
        if not 0 <= index < len(self._changes):
            return False
        self._current = index
        row = self._changes[index]
        self._scroll_to_row(row)
        self.overview.set_current(self._change_span(index))
        self.currentChangeChanged.emit(index)
        return True

    def event(self, event: QEvent) -> bool:
        # F7 is also the main window's "next change"; inside the view the view answers it,
        # rather than Qt finding two shortcuts for one key and running neither.
        if event.type() == QEvent.Type.ShortcutOverride and self._is_f7(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._is_f7(event):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.previous_change()
            else:
                self.next_change()
            return
        super().keyPressEvent(event)

    @staticmethod
    def _is_f7(event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent) or event.key() != Qt.Key.Key_F7:
            return False
        other = event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        return other == Qt.KeyboardModifier.NoModifier

    # -- export ---------------------------------------------------------------------------------

    def _export_with_dialog(self, fmt: str) -> None:
        suffix, pattern = (".md", self.tr("Markdown (*.md)"))
        if fmt == "html":
            suffix, pattern = (".html", self.tr("HTML (*.html)"))
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the before/after table"), self.tr("comparison") + suffix, pattern
        )
        if path:
            self.export_table(path, fmt)

    def export_table(self, path: str | Path, fmt: str) -> bool:
        """Write the before/after table ("markdown" or "html") to `path`, all or nothing; a
        failure is shown in a message box with the system's reason. Whether it was written.

        Written by `write_atomic`, not QSaveFile: QSaveFile reports a short write (a disk that
        fills up part way) as "Unknown error", without the system's reason."""
        if self._result is None:
            return False
        old_title, new_title = self._titles
        title = f"{old_title} → {new_title}" if old_title and new_title else None
        comparison = self._result.comparison
        render = to_html if fmt == "html" else to_markdown
        try:
            write_atomic(Path(path), render(comparison, title=title), replace=True)
        except WriteFailed as e:  # names the file and the system's reason
            QMessageBox.warning(self, self.tr("Cannot export the comparison"), str(e))
            return False
        return True
