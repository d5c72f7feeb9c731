"""Long work (export, import) off the GUI thread, with progress and cancel.

A job is a plain function `job(progress, cancelled) -> result` from the core: it calls
`progress(done, total, what)` as it goes and stops early, leaving nothing half-done, once
`cancelled()` is true. `Task` runs it in a worker thread and reports through Qt signals, which
arrive in the GUI thread. A job that touches the library opens its own connection (SQLite
connections are not shared between threads here).
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from consult.errors import ConsultError

Progress = Callable[[int, int, str], None]
Job = Callable[[Progress, Callable[[], bool]], Any]

_pool: QThreadPool | None = None


def _task_pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(2)
    return _pool


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)


class _Runner(QRunnable):
    def __init__(self, job: Job, signals: _Signals, stop: threading.Event) -> None:
        super().__init__()
        self._job, self._signals, self._stop = job, signals, stop

    def run(self) -> None:
        signals = self._signals
        try:
            result = self._job(
                lambda done, total, what: signals.progress.emit(done, total, what),
                self._stop.is_set,
            )
        except ConsultError as e:
            signals.failed.emit(str(e))
        except OSError as e:
            signals.failed.emit(f"{e.strerror or e}" + (f": {e.filename}" if e.filename else ""))
        except Exception as e:  # a bug: say what it was rather than dying silently in a thread
            traceback.print_exc()
            signals.failed.emit(f"{type(e).__name__}: {e}")
        else:
            signals.finished.emit(result)


class Task(QObject):
    """One job in a worker thread. Signals (in the GUI thread): `progress(done, total, what)`,
    then either `finished(result)` or `failed(message)` — a cancelled job finishes with
    whatever it returns after stopping."""

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, job: Job, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self._stop = threading.Event()
        self._signals = _Signals(self)
        self._signals.progress.connect(self.progress)
        self._signals.finished.connect(self._done)
        self._signals.failed.connect(self._failed)
        self._running = False

    def start(self) -> None:
        self._running = True
        _task_pool().start(_Runner(self._job, self._signals, self._stop))

    def cancel(self) -> None:
        """Ask the job to stop; it does so between two steps."""
        self._stop.set()

    def cancelled(self) -> bool:
        return self._stop.is_set()

    def is_running(self) -> bool:
        return self._running

    def _done(self, result: object) -> None:
        self._running = False
        self.finished.emit(result)

    def _failed(self, message: str) -> None:
        self._running = False
        self.failed.emit(message)
