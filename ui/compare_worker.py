"""The compare view's work away from the GUI thread: compare two texts and build the two
documents the panes show.

A job runs `compare_texts` and writes each side into a QTextDocument of its own, one row of
the comparison after the other, formats included. A document without a layout is plain data
(no fonts are shaped, nothing is painted), so it can be filled in a worker thread and handed
to the GUI thread with `moveToThread`; the GUI thread only attaches a layout and shows it.
Layout, and the filler lines that keep the rows side by side, are left to the view.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QRunnable, QThread, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from consult.compare import compare_texts
from consult.compare.engine import Comparison, Row
from consult.compare.report import row_label

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


_GIL_TURN = 0.003  # seconds of building between two turns of the GUI thread


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
    """One pane's document and, for each row, how many blocks it takes before fillers."""

    document: QTextDocument
    blocks: list[int]


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
        r = self.request
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
    first = True
    pause = time.perf_counter() + _GIL_TURN
    for row in comparison.rows:
        if time.perf_counter() > pause:
            # Hand the GIL to the GUI thread now and then: a run of calls into Qt can
            # otherwise keep it waiting for tens of milliseconds on a busy machine.
            time.sleep(0)
            pause = time.perf_counter() + _GIL_TURN
            if cancelled is not None and cancelled.is_set():
                raise Cancelled
        unit = row.old if side == "old" else row.new
        start = cursor.blockNumber() + (0 if first else 1)
        kind = "filler" if unit is None else row.kind
        if kind == "unchanged" and row.changed:
            kind = "modified"
        block_format = fmt.blocks[kind]
        if first:
            cursor.setBlockFormat(block_format)
            first = False
        else:
            cursor.insertBlock(block_format, fmt.plain)
        if unit is not None:
            note = _note(row, request.moved_words)
            if note:
                cursor.insertText(note, fmt.note)
                cursor.insertBlock(block_format, fmt.plain)
            _insert_row(cursor, row, side, kind, fmt, inline)
        blocks.append(cursor.blockNumber() - start + 1)
    return Side(doc, blocks)


def _note(row: Row, moved: str) -> str:
    label = row_label(row) if row.renumbered else ""
    if row.kind == "moved":
        return f"{moved} · {label}" if label else moved
    return label


def _insert_row(
    cursor: QTextCursor, row: Row, side: str, kind: str, fmt: _Formats, inline: bool
) -> None:
    unit = row.old if side == "old" else row.new
    assert unit is not None
    bold = unit.kind == "heading"
    if kind == "unchanged":
        cursor.insertText(unit.text, _bold(fmt.plain) if bold else fmt.plain)
        return
    if kind in ("inserted", "deleted"):
        whole = fmt.inserted_row if kind == "inserted" else fmt.deleted_row
        cursor.insertText(unit.text, _bold(whole) if bold else whole)
        return
    base = _bold(fmt.dark) if bold else fmt.dark
    if not inline:
        # Paragraph granularity: the row's colour says it changed; no marks inside.
        cursor.insertText(unit.text, base)
        return
    changed = fmt.deleted_span if side == "old" else fmt.inserted_span
    for span in row.spans:
        text = span.old if side == "old" else span.new
        if text:
            cursor.insertText(text, base if span.op == "equal" else changed)


def _bold(f: QTextCharFormat) -> QTextCharFormat:
    bold = QTextCharFormat(f)
    bold.setFontWeight(QFont.Weight.Bold)
    return bold


_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def has_cjk(text: str) -> bool:
    """Whether the first part of `text` has Chinese characters (the font to choose)."""
    return _CJK.search(text, 0, 20_000) is not None
