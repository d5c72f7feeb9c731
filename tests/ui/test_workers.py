"""Long jobs in a worker thread: progress arrives in the GUI thread, cancel stops them, errors
become a message, and the GUI keeps running meanwhile."""

from __future__ import annotations

import threading
import time
from itertools import pairwise

from PySide6.QtCore import QThread, QTimer

from consult.errors import InvalidInput
from ui.workers import Task


def test_a_job_reports_progress_in_the_gui_thread_and_its_result(qtbot):
    seen: list[tuple[int, int, str, bool]] = []
    worker_threads: list[threading.Thread] = []

    def job(progress, cancelled):
        worker_threads.append(threading.current_thread())
        for i in range(3):
            progress(i + 1, 3, f"file {i + 1}")
        return "done"

    task = Task(job)
    task.progress.connect(
        lambda d, t, w: seen.append((d, t, w, QThread.currentThread() is task.thread()))
    )
    with qtbot.waitSignal(task.finished, timeout=5000) as result:
        task.start()
    assert result.args == ["done"]
    assert worker_threads and worker_threads[0] is not threading.main_thread()
    assert [s[:3] for s in seen] == [(1, 3, "file 1"), (2, 3, "file 2"), (3, 3, "file 3")]
    assert all(s[3] for s in seen)  # delivered in the GUI thread
    assert not task.is_running()


def test_cancel_stops_the_job_between_steps_and_the_gui_stays_responsive(qtbot):
    steps: list[int] = []
    ticks: list[float] = []

    def job(progress, cancelled):
        for i in range(1000):
            if cancelled():
                return ("stopped", i)
            steps.append(i)
            time.sleep(0.005)
        return ("finished", 1000)

    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)
    task = Task(job)
    task.start()
    qtbot.waitUntil(lambda: len(steps) >= 5, timeout=5000)
    with qtbot.waitSignal(task.finished, timeout=5000) as result:
        task.cancel()
    timer.stop()
    outcome, at = result.args[0]
    assert outcome == "stopped" and at < 1000
    assert len(steps) == at  # nothing after the cancel was seen
    gaps = [b - a for a, b in pairwise(ticks)]
    assert gaps and max(gaps) < 0.2


def test_a_user_error_becomes_a_message(qtbot):
    def job(progress, cancelled):
        raise InvalidInput("notes.md is not a text file (it contains NUL bytes)")

    task = Task(job)
    with qtbot.waitSignal(task.failed, timeout=5000) as failure:
        task.start()
    assert failure.args == ["notes.md is not a text file (it contains NUL bytes)"]
    assert not task.is_running()
