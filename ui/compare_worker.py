"""The compare view's two documents: built away from the GUI thread, kept level in it.

A job runs `compare_texts` and writes each side into a QTextDocument of its own, one row of
the comparison after the other, formats included. A document without a layout is plain data
(no fonts are shaped, nothing is painted), so it can be filled in a worker thread and handed
to the GUI thread with `moveToThread`; the GUI thread attaches a layout and shows it.

There, PaneRows knows where each row starts in one pane's document and gives it the filler
blocks (shaded empty lines) that make both sides of a row equally tall: counting a row's
wrapped lines needs its layout, which only the GUI thread may do.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from itertools import accumulate

from PySide6.QtCore import QObject, QRunnable, QThread, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from consult.compare import compare_texts
from consult.compare.engine import Comparison, Row
from consult.compare.report import row_label
from consult.compare.text import HAN_CHAR
from ui import fonts

# Pale backgrounds with dark text set explicitly read the same in light and dark palettes.
_DARK_TEXT = QColor("#1d1d1d")
_DELETED_TEXT = QColor("#a40000")
_INSERTED_TEXT = QColor("#05600f")
ROW_BACKGROUND = {
    "modified": QColor("#fff4d6"),
    "inserted": QColor("#e3f5e3"),
    "deleted": QColor("#fde6e6"),
    "moved": QColor("#ece4fa"),
}
_SPAN_DELETED = QColor("#f6c1c1")
_SPAN_INSERTED = QColor("#b8e6b8")


# While a job runs, the GUI thread waits at most this long for the GIL. Python's default
# (5 ms) is paid at every call from Qt into Python (a slot, a virtual a Python class
# overrides), and showing a window makes dozens of them: 100 ms and more with a busy worker.
_SWITCH_INTERVAL = 0.0005


@dataclass(frozen=True)
class Request:
    """What to compare and how; `number` tells a newer request from a stale one."""

    number: int
    old: str
    new: str
    by: str = "auto"
    granularity: str = "auto"
    ignore_whitespace: bool = True
    ignore_width: bool = False
    font: QFont = field(default_factory=QFont)
    filler: QBrush = field(default_factory=QBrush)  # the shading of filler lines
    note: QColor = field(default_factory=QColor)  # labels of renumbered and moved rows
    moved_words: str = "Moved"  # translated by the view


@dataclass
class Side:
    """One pane's document; for each row, how many blocks it takes before fillers; and
    where the changed words are, as (row, block in the row) for the overview."""

    document: QTextDocument
    blocks: list[int]
    marks: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Result:
    request: Request
    comparison: Comparison
    old: Side
    new: Side


class Cancelled(Exception):
    """A newer request superseded this one."""


class JobSignals(QObject):
    """Carries a job's outcome to the GUI thread (a QRunnable cannot emit)."""

    finished = Signal(object)  # Result
    failed = Signal(int, str)  # request number, message


class CompareJob(QRunnable):
    """Compare and build both documents; emit `signals.finished` with a Result."""

    def __init__(self, request: Request, gui_thread: QThread) -> None:
        super().__init__()
        self.request = request
        self.signals = JobSignals()
        self._gui_thread = gui_thread
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    def run(self) -> None:
        previous = sys.getswitchinterval()
        sys.setswitchinterval(min(previous, _SWITCH_INTERVAL))
        try:
            self._run()
        finally:
            sys.setswitchinterval(previous)

    def _run(self) -> None:
        r = self.request
        if self._cancelled.is_set():  # superseded while it waited for the thread
            return
        try:
            comparison = compare_texts(
                r.old,
                r.new,
                by=r.by,
                granularity=r.granularity,
                ignore_whitespace=r.ignore_whitespace,
                ignore_width=r.ignore_width,
            )
            sides = [build_side(comparison, side, r, self._cancelled) for side in ("old", "new")]
        except Cancelled:
            return
        except Exception as e:  # reported in the view rather than lost in a thread
            self.signals.failed.emit(r.number, f"{type(e).__name__}: {e}")
            return
        for side in sides:
            side.document.moveToThread(self._gui_thread)
        self.signals.finished.emit(Result(r, comparison, sides[0], sides[1]))


@dataclass
class _Formats:
    plain: QTextCharFormat
    dark: QTextCharFormat
    deleted_row: QTextCharFormat
    inserted_row: QTextCharFormat
    deleted_span: QTextCharFormat
    inserted_span: QTextCharFormat
    note: QTextCharFormat
    blocks: dict[str, QTextBlockFormat]


def _formats(request: Request) -> _Formats:
    def char(fg: QColor | None = None, bg: QColor | None = None, strike: bool = False):
        f = QTextCharFormat()
        if fg is not None:
            f.setForeground(fg)
        if bg is not None:
            f.setBackground(bg)
        if strike:
            f.setFontStrikeOut(True)
        return f

    blocks = {"unchanged": QTextBlockFormat(), "filler": QTextBlockFormat()}
    blocks["filler"].setBackground(request.filler)
    for kind, colour in ROW_BACKGROUND.items():
        blocks[kind] = QTextBlockFormat()
        blocks[kind].setBackground(colour)
    note = char(request.note)
    note.setFontItalic(True)
    return _Formats(
        plain=QTextCharFormat(),
        dark=char(_DARK_TEXT),
        deleted_row=char(_DELETED_TEXT, strike=True),
        inserted_row=char(_INSERTED_TEXT),
        deleted_span=char(_DELETED_TEXT, _SPAN_DELETED, strike=True),
        inserted_span=char(_INSERTED_TEXT, _SPAN_INSERTED),
        note=note,
        blocks=blocks,
    )


def build_side(
    comparison: Comparison, side: str, request: Request, cancelled: threading.Event | None = None
) -> Side:
    """The document of one side ("old" or "new"): each row's text as blocks, coloured by what
    happened to it; a row this side does not have is one filler block. Safe in any thread."""
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    doc.setDefaultFont(request.font)
    fmt = _formats(request)
    inline = request.granularity != "paragraph"
    cursor = QTextCursor(doc)
    blocks: list[int] = []
    marks: list[tuple[int, int]] = []
    first = True
    for index, row in enumerate(comparison.rows):
        if cancelled is not None and cancelled.is_set():
            raise Cancelled
        unit = row.old if side == "old" else row.new
        start = cursor.blockNumber() + (0 if first else 1)
        kind = "filler" if unit is None else row.kind
        block_format = fmt.blocks[kind]
        note = _note(row, request.moved_words) if unit is not None else ""
        # A note (renumbered, moved) goes above the row, on the pane's own background.
        first_format = fmt.blocks["unchanged"] if note else block_format
        if first:
            cursor.setBlockFormat(first_format)
            first = False
        else:
            cursor.insertBlock(first_format, fmt.plain)
        if unit is not None:
            if note:
                cursor.insertText(note, fmt.note)
                cursor.insertBlock(block_format, fmt.plain)
            for block in _insert_row(cursor, row, side, kind, fmt, inline):
                mark = (index, block - start)
                if not marks or marks[-1] != mark:
                    marks.append(mark)
        blocks.append(cursor.blockNumber() - start + 1)
    return Side(doc, blocks, marks)


def _note(row: Row, moved: str) -> str:
    label = row_label(row) if row.renumbered else ""
    if row.kind == "moved":
        return f"{moved} · {label}" if label else moved
    return label


def _insert_row(
    cursor: QTextCursor, row: Row, side: str, kind: str, fmt: _Formats, inline: bool
) -> Iterator[int]:
    """Write the row's text; yield the block number where each changed span starts."""
    unit = row.old if side == "old" else row.new
    assert unit is not None
    bold = unit.kind == "heading"
    if kind in ("inserted", "deleted"):
        whole = fmt.inserted_row if kind == "inserted" else fmt.deleted_row
        cursor.insertText(unit.text, _bold(whole) if bold else whole)
        return
    # Text on a row's pale background is dark whatever the palette; unchanged text keeps it.
    base = fmt.plain if kind == "unchanged" else fmt.dark
    base = _bold(base) if bold else base
    if not inline or not row.changed:
        # Paragraph granularity: the row's colour says it changed; no marks inside.
        cursor.insertText(unit.text, base)
        return
    changed = fmt.deleted_span if side == "old" else fmt.inserted_span
    for span in row.spans:
        text = span.old if side == "old" else span.new
        if text:
            if span.op != "equal":
                yield cursor.blockNumber()
            cursor.insertText(text, base if span.op == "equal" else changed)


def _bold(f: QTextCharFormat) -> QTextCharFormat:
    bold = QTextCharFormat(f)
    bold.setFontWeight(QFont.Weight.Bold)
    return bold


def has_cjk(text: str) -> bool:
    """Whether the first part of `text` has Chinese characters (the font to choose)."""
    return HAN_CHAR.search(text, 0, 20_000) is not None


# -- in the GUI thread: the rows of a shown document, kept level with fillers ---------------


def text_font(cjk: bool) -> QFont:
    """A fixed-pitch font; for Chinese, a family that has the Chinese glyphs itself, so that
    every line is as tall as every other (a fallback font's taller lines would drift apart)."""
    if cjk:
        return fonts.text_font(fonts.MONO)
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


class _Fenwick:
    """Prefix sums that stay cheap to update: the filler blocks before each row."""

    def __init__(self, size: int) -> None:
        self._tree = [0] * (size + 1)

    def add(self, index: int, delta: int) -> None:
        index += 1
        while index < len(self._tree):
            self._tree[index] += delta
            index += index & -index

    def prefix(self, end: int) -> int:
        """The sum of the values before `end`."""
        total = 0
        while end > 0:
            total += self._tree[end]
            end -= end & -end
        return total


class PaneRows:
    """Where each row is in one pane's document, and the filler blocks that follow it."""

    def __init__(self, side: Side, has_unit: list[bool], filler: QBrush) -> None:
        self.doc = side.document
        self.built = side.blocks
        self.marks = side.marks
        self.has_unit = has_unit
        self._before = list(accumulate(side.blocks, initial=0))
        self._extra = [0] * len(side.blocks)
        self._fillers = _Fenwick(len(side.blocks))
        self._filler_format = QTextBlockFormat()
        self._filler_format.setBackground(filler)

    def __len__(self) -> int:
        return len(self.built)

    def start_block(self, row: int) -> int:
        return self._before[row] + self._fillers.prefix(row)

    def start_line(self, row: int) -> int:
        if row >= len(self.built):
            return self.doc.lineCount()
        return self.doc.findBlockByNumber(self.start_block(row)).firstLineNumber()

    def line_of(self, row: int, block: int) -> int:
        """The line where the `block`-th block of `row` starts."""
        return self.doc.findBlockByNumber(self.start_block(row) + block).firstLineNumber()

    def row_at_line(self, line: int) -> tuple[int, int]:
        """The row shown at `line` and how many lines into it."""
        number = self.doc.findBlockByLineNumber(line).blockNumber()
        low, high = 0, len(self.built) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.start_block(middle) <= number:
                low = middle
            else:
                high = middle - 1
        return low, line - self.start_line(low)

    def measure(self, row: int) -> Generator[bool, None, int]:
        """The row's lines without fillers, laying its blocks out; yields now and then so that
        a row of thousands of blocks does not hold the GUI thread."""
        if not self.has_unit[row]:
            return 1  # the one filler block built in its place
        layout = self.doc.documentLayout()
        block = self.doc.findBlockByNumber(self.start_block(row))
        total = 0
        for n in range(self.built[row]):
            layout.blockBoundingRect(block)
            total += block.lineCount()
            block = block.next()
            if n % 64 == 63:
                yield False
        return total

    def set_fillers(self, row: int, want: int) -> bool:
        """Make the row end with `want` filler blocks; whether the document changed."""
        have = self._extra[row]
        if want == have:
            return False
        first = self.start_block(row) + self.built[row]
        last = self.doc.findBlockByNumber(first + have - 1)
        cursor = QTextCursor(self.doc)
        if want > have:
            cursor.setPosition(last.position() + last.length() - 1)
            count = want - have
            if have == 0 and self.has_unit[row]:
                cursor.insertBlock(self._filler_format, QTextCharFormat())
                count -= 1
            if count:
                cursor.insertText("\n" * count)  # new blocks take the filler's format
        else:
            keep = self.doc.findBlockByNumber(first + want - 1)
            cursor.setPosition(keep.position() + keep.length() - 1)
            cursor.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
        self._fillers.add(row, want - have)
        self._extra[row] = want
        return True
