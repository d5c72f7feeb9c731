"""The Markdown preview: a proposal's body rendered by the `markdown` package.

Rendering runs in a worker thread under a time budget, because some small texts make the
`markdown` package take minutes (`'[' * 13000` takes ~20 s, 2,000 nested list levels ~45 s
before a RecursionError; RELIABILITY.md case 22). A Python thread cannot be killed, so the
worker stops itself: a trace function, called on every Python function call of that thread,
raises once the deadline passes or the result is no longer wanted. A watchdog timer on the GUI
side shows "Preview unavailable" even if the worker is stuck where no Python function is called.

Nothing is ever loaded from anywhere: `loadResource` answers nothing for every URL.
"""

from __future__ import annotations

import itertools
import sys
import time
from types import FrameType
from typing import Any

import markdown
from PySide6.QtCore import QByteArray, QObject, QRunnable, QThreadPool, QTimer, QUrl, Signal, Slot
from PySide6.QtWidgets import QTextBrowser, QWidget

from ui.accessibility import describe

EXTENSIONS = ("tables", "fenced_code", "sane_lists")
DELAY_MS = 300  # render this long after typing stops
BUDGET_S = 1.0  # a body of ordinary size renders well within this
# Long law texts render in time proportional to their length (about 250 KB/s traced on a slow
# laptop): they get more time, so only super-linear blow-ups hit the budget. Spaces are not
# counted: 2,000 nested list levels are 4 MB of indentation around 6,000 characters.
BUDGET_S_PER_CHAR = 1.0 / 100_000
_WATCHDOG_SLACK_MS = 500  # the worker stops itself first; the watchdog is for when it cannot

_pool: QThreadPool | None = None


def render_pool() -> QThreadPool:
    """The threads previews render in (shared, so that closing a preview never waits on one)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(2)
        # Deeply nested Markdown recurses deeply; the platform default for secondary threads
        # is as small as 512 KB on macOS.
        _pool.setStackSize(16 * 1024 * 1024)
    return _pool


class RenderCancelled(Exception):
    """Rendering stopped: past its deadline, or its result is no longer wanted."""


class CancelToken:
    """Set by the GUI thread, read by the worker's trace function (a plain attribute: cheap)."""

    __slots__ = ("cancelled",)

    def __init__(self) -> None:
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


def render_markdown(
    text: str, deadline: float | None = None, token: CancelToken | None = None
) -> str:
    """HTML of the Markdown `text`.

    With a `deadline` (a `time.monotonic()` value) or a `token`, raises RenderCancelled once the
    deadline passes or the token is cancelled. Checked on every Python function call, which
    makes rendering about 2.5 times slower: call it off the GUI thread.
    """
    if deadline is None and token is None:
        return markdown.markdown(text, extensions=list(EXTENSIONS))
    now = time.monotonic
    end = float("inf") if deadline is None else deadline

    def check(_frame: FrameType, _event: str, _arg: Any) -> None:
        if (token is not None and token.cancelled) or now() > end:
            raise RenderCancelled
        return None  # no per-line tracing: calls are frequent enough, and far cheaper

    previous = sys.gettrace()
    sys.settrace(check)
    try:
        return markdown.markdown(text, extensions=list(EXTENSIONS))
    finally:
        sys.settrace(previous)


class _Relay(QObject):
    """Carries a worker's result to the GUI thread (a queued connection)."""

    finished = Signal(int, int, object)  # preview key, generation, HTML (None: failed)


_relay: _Relay | None = None
_keys = itertools.count(1)


def _shared_relay() -> _Relay:
    # One relay for every preview, never deleted: a worker may emit after its preview is gone,
    # and emitting on a deleted QObject from another thread crashes (a relay owned by the
    # preview did, when a preview was destroyed while a render was finishing).
    global _relay
    if _relay is None:
        _relay = _Relay()
    return _relay


class _RenderJob(QRunnable):
    def __init__(
        self, key: int, generation: int, text: str, budget_s: float, token: CancelToken
    ) -> None:
        super().__init__()
        self.key = key
        self.generation = generation
        self.text = text
        self.budget_s = budget_s
        self.token = token

    def run(self) -> None:
        deadline = time.monotonic() + self.budget_s  # from the start, not from the queueing
        html: str | None
        try:
            html = render_markdown(self.text, deadline, self.token)
        except Exception:
            # RenderCancelled, RecursionError, a bug in an extension: a preview is never
            # worth more than a message saying it is unavailable.
            html = None
        if not self.token.cancelled:  # else stale: a newer text, or the preview is gone
            _shared_relay().finished.emit(self.key, self.generation, html)


class _Pending:
    """The token of the render in flight; cancelled when the preview is destroyed."""

    def __init__(self) -> None:
        self.token: CancelToken | None = None

    def cancel(self, *_args: object) -> None:
        if self.token is not None:
            self.token.cancel()


class MarkdownPreview(QTextBrowser):
    """Read-only rendering of Markdown text (objectName `previewBrowser`).

    Call `set_markdown(text)` as the text changes: rendering starts `delay_ms` after the last
    call, in a worker thread, and stale results are dropped. `render_now()` skips the delay.
    `rendered(ok)` is emitted when the preview has been updated (`ok` False: the message
    "Preview unavailable (document too complex)" is shown instead).
    """

    rendered = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewBrowser")
        describe(self, self.tr("Preview"), self.tr("The text as it will read, formatted"))
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)  # a click on a link must never navigate away from the preview
        self.anchorClicked.connect(self._follow_anchor)
        self.delay_ms = DELAY_MS
        self.budget_s = BUDGET_S
        self._text = ""
        self._generation = 0
        self._pending = _Pending()
        self._key = next(_keys)
        _shared_relay().finished.connect(self._finished)
        self.destroyed.connect(self._pending.cancel)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.timeout.connect(self.render_now)
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._timed_out)

    def set_markdown(self, text: str) -> None:
        """Render `text` once it has stopped changing for `delay_ms`."""
        self._text = text
        self._debounce.start(self.delay_ms)

    def render_now(self) -> None:
        """Start rendering the latest text at once (the result arrives asynchronously)."""
        self._debounce.stop()
        self._pending.cancel()
        self._generation += 1
        if not self._text.strip():
            self._pending.token = None
            self._watchdog.stop()
            self._show("")
            return
        token = CancelToken()
        self._pending.token = token
        text = self._text
        visible = len(text) - text.count(" ") - text.count("\n")  # C-speed scans, no copy
        budget = self.budget_s + visible * BUDGET_S_PER_CHAR
        job = _RenderJob(self._key, self._generation, self._text, budget, token)
        render_pool().start(job)
        self._watchdog.start(int(budget * 1000) + _WATCHDOG_SLACK_MS)

    def is_pending(self) -> bool:
        """True while a render is waiting for its delay or running."""
        return self._debounce.isActive() or self._watchdog.isActive()

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        # Never load anything: remote URLs would reach the network, and a local one could be
        # a device or a huge file read on the GUI thread. Bodies carry no images of their own.
        # Empty bytes, not None: PySide 6 releases a reference to None it does not own when
        # an override returns None here, and the interpreter aborts later.
        return QByteArray()

    @Slot(int, int, object)
    def _finished(self, key: int, generation: int, html: object) -> None:
        if key != self._key or generation != self._generation:
            return  # another preview's, or a newer text has been asked for since
        self._watchdog.stop()
        self._pending.token = None
        if isinstance(html, str):
            self._show(html)
            self.rendered.emit(True)
        else:
            self._unavailable()

    def _timed_out(self) -> None:
        self._pending.cancel()
        self._pending.token = None
        self._generation += 1  # whatever the worker still sends is stale now
        self._unavailable()

    def _unavailable(self) -> None:
        message = self.tr("Preview unavailable (document too complex)")
        self._show(f"<p><i>{message}</i></p>")
        self.rendered.emit(False)

    def _show(self, html: str) -> None:
        # Keep the reader's place: the preview is re-rendered after every pause in typing.
        bar = self.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() > 0
        value = bar.value()
        self.setHtml(html)
        bar.setValue(bar.maximum() if at_end else value)

    def _follow_anchor(self, url: QUrl) -> None:
        if url.hasFragment() and not url.scheme() and not url.path():
            self.scrollToAnchor(url.fragment())  # footnotes and in-page links only
