"""kill -9 of the running app while the user types (RELIABILITY.md, case 5; case 4 in the window).

Each child is the real app window (offscreen) on its own library: it types into the proposal
text in bursts and pauses, acknowledging each chunk with the time it was typed, until it is
killed with SIGKILL at a seeded random moment — 20 of them. The journal must then hold every
chunk typed more than ~2 s before the kill, and the next start must offer it back.

This module is also the child's program: `python test_crash_recovery.py <library> <acks> <seed>`.
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from crash_helpers import (
    PYTHON,
    SEEDS,
    STARTED,
    Acks,
    Crash,
    away_from_user_data,
    child_env,
    copy_dead_library,
    crash,
    crash_all,
    removals_of,
    seeds_for,
    side_files,
)

from consult import clock
from consult.library import Library

pytestmark = pytest.mark.slow

LIBRARY = "library.consult"
TITLE = "关于加强基层医疗卫生服务的建议"
FIRST_BODY = "第一条　为了加强基层医疗卫生服务，制定本建议。\n\n第二条　"
# RELIABILITY.md: "at most ~2 s of typing lost" — the editor journals at most 2 s after the
# typing; half a second more for writing the journal and for a busy machine's timers.
LOST_AT_MOST = 2.5
KILL_AFTER = (2.6, 5.0)  # seconds after the first chunk: every kill has something to keep


def chunk(k: int) -> str:
    """The k-th piece of typing (a few words; a new paragraph now and then)."""
    return f"第{k}句 text {k}，" + ("\n\n" if k % 7 == 6 else "")


def typed_count(body: str) -> int | None:
    """How many chunks, in order, the body holds after the first text (None: not a prefix
    of the typing — garbled or reordered)."""
    if not body.startswith(FIRST_BODY):
        return None
    rest, n = body[len(FIRST_BODY) :], 0
    while rest:
        if not rest.startswith(chunk(n)):
            return None
        rest, n = rest[len(chunk(n)) :], n + 1
    return n


def typing_gaps(seed: int) -> Iterator[int]:
    """Milliseconds before each chunk: bursts of 0.3–4 s of typing, pauses of 0.2–3.5 s."""
    rng = random.Random(f"typing {seed}")  # apart from the kill's random time
    while True:
        for _ in range(rng.randint(3, 40)):
            yield rng.randint(40, 160)
        yield rng.randint(200, 3500)


def typing_child(path: str, acks: str, seed: str) -> None:
    from PySide6.QtCore import QStandardPaths, QTimer
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from ui.app import start_window

    app = QApplication([sys.argv[0]])
    QStandardPaths.setTestModeEnabled(True)
    ack = Acks(acks)
    library = Library.open(path)
    target = next(p.id for p in library.list_proposals() if p.title == TITLE)
    window = start_window(library)
    window.show()
    gaps = typing_gaps(int(seed))
    typed = 0

    def type_next() -> None:
        nonlocal typed
        editor = window.findChild(QPlainTextEdit, "bodyEditor")
        editor.moveCursor(QTextCursor.MoveOperation.End)
        editor.insertPlainText(chunk(typed))
        ack(f"{typed} {time.monotonic()}")
        typed += 1
        QTimer.singleShot(next(gaps), type_next)

    def begin() -> None:
        if window.editor.proposal_id != target:  # the first proposal opens after a paint
            row = window.model.row_of(target)
            if row is not None:
                window.list_view.selectRow(row)
            QTimer.singleShot(20, begin)
            return
        ack(STARTED)
        type_next()

    QTimer.singleShot(0, begin)
    app.exec()


@pytest.fixture(scope="module")
def case05_crashes(request, tmp_path_factory) -> dict[int, Crash]:
    root = tmp_path_factory.mktemp("case05")
    template = root / LIBRARY
    with away_from_user_data(root), Library.open(template, create=True) as lib:
        lib.create_proposal("Motion on synthetic media", "motion", "Voice and likeness.")
        lib.create_proposal(TITLE, "suggestion", FIRST_BODY, tags=["医疗健康"])

    def run(seed: int) -> Crash:
        folder = root / f"seed{seed:02d}"
        copy_dead_library(template, folder / LIBRARY)
        command = [PYTHON, __file__, str(folder / LIBRARY), str(folder / "acks.txt"), str(seed)]
        env = child_env(folder, QT_QPA_PLATFORM="offscreen")
        crashed = crash(command, folder, seed, delay=KILL_AFTER, env=env)
        # As the kill left it, for the window's tests (the journal test's last close may
        # checkpoint the -wal away).
        copy_dead_library(folder / LIBRARY, folder / "as-left" / LIBRARY)
        return crashed

    # Children mostly wait for their timers: four at a time even on two cores.
    return crash_all(run, seeds_for(request, "case05_crashes"), parallel=4)


def typing_of(crashed: Crash) -> list[float]:
    """When each chunk was typed (the child's monotonic clock, which is the parent's)."""
    typed = [line.split() for line in crashed.acks]
    assert [int(k) for k, _ in typed] == list(range(len(typed)))
    return [float(t) for _, t in typed]


@pytest.mark.parametrize("seed", SEEDS)
def test_case05_kill_while_typing_loses_at_most_two_seconds_of_it(case05_crashes, seed):
    crashed = case05_crashes[seed]
    crashed.assert_killed()
    times = typing_of(crashed)
    must_keep = sum(t < crashed.killed_at - LOST_AT_MOST for t in times)
    assert must_keep >= 1  # the kill comes more than 2.6 s after the first chunk
    with Library.open(crashed.folder / LIBRARY) as lib:
        target = next(p for p in lib.list_proposals() if p.title == TITLE)
        drafts = lib.drafts()
        assert [d.proposal_id for d in drafts] == [target.id]
        kept = typed_count(drafts[0].content.body)
        assert kept is not None, "the journal is not the text as it was typed"
        lost = [round(crashed.killed_at - t, 2) for t in times[kept:must_keep]]
        assert kept >= must_keep, f"typing from these seconds before the kill was lost: {lost}"
        assert kept <= len(times)  # nothing journaled that was not typed
        assert drafts[0].based_on == 1 and drafts[0].content.title == TITLE
        assert lib.get(target.id).versions == 1  # a journal, not a version


def test_case05_typing_that_goes_on_is_journaled_before_it_stops(qtbot, tmp_path):
    from PySide6.QtGui import QTextCursor

    from ui.editor import ProposalEditor

    with Library.open(tmp_path / LIBRARY, create=True) as lib:
        proposal = lib.create_proposal(TITLE, "suggestion", FIRST_BODY)
        editor = ProposalEditor(lib)
        qtbot.addWidget(editor)
        assert editor.load(proposal.id)
        editor.journal_interval_ms = 200
        for k in range(30):  # 1.5 s of typing without a pause
            editor.bodyEditor.moveCursor(QTextCursor.MoveOperation.End)
            editor.bodyEditor.insertPlainText(chunk(k))
            qtbot.wait(50)
        draft = lib.load_draft(proposal.id)  # the typing has not stopped yet
        assert draft is not None and typed_count(draft.content.body)


def killed_library(crashed: Crash, dest: Path) -> Path:
    """A copy of the killed app's library with the -wal and -shm it left."""
    crashed.assert_killed()
    path = copy_dead_library(crashed.folder / "as-left" / LIBRARY, dest / LIBRARY)
    assert set(side_files(path)) == {"-wal", "-shm"}
    return path


def open_window(qtbot, library):
    from ui.main_window import MainWindow

    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def recovery_dialog(qtbot, window):
    from PySide6.QtWidgets import QDialog

    qtbot.waitUntil(lambda: window.findChild(QDialog, "recoveryDialog") is not None)
    return window.findChild(QDialog, "recoveryDialog")


@pytest.mark.parametrize("seed", [3])
def test_case05_the_next_start_offers_the_typing_back_and_keep_makes_a_version(
    qtbot, case05_crashes, seed, tmp_path
):
    from PySide6.QtWidgets import QPushButton

    path = killed_library(case05_crashes[seed], tmp_path)
    library = Library.open(path)
    try:
        target = next(p for p in library.list_proposals() if p.title == TITLE)
        (draft,) = library.drafts()
        window = open_window(qtbot, library)
        dialog = recovery_dialog(qtbot, window)
        assert dialog.isVisible() and dialog.windowTitle() == "Recovered unsaved text"
        when = clock.local(draft.saved).strftime("%Y-%m-%d %H:%M")
        assert f"recovered unsaved text from {when}" in dialog.list.item(0).text()
        buttons = {b.objectName(): b.text() for b in dialog.findChildren(QPushButton)}
        assert buttons["keepDraftButton"].replace("&", "").startswith("Keep")
        assert buttons["discardDraftButton"].replace("&", "").startswith("Discard")
        assert buttons["compareDraftButton"].replace("&", "").startswith("Compare")
        dialog.findChild(QPushButton, "keepDraftButton").click()
        latest = library.version(target.id)
        assert latest.number == 2 and latest.info.label == "Recovered after a crash"
        assert latest.content.body == draft.content.body
        assert typed_count(latest.content.body)  # the typing, not the first text alone
        assert library.drafts() == []
        qtbot.waitUntil(lambda: window.editor.bodyEditor.toPlainText() == draft.content.body)
        assert not window.editor.is_dirty()
        window.close()
    finally:
        library.close()


@pytest.mark.parametrize("seed", [4])
def test_case04_the_app_opens_a_killed_apps_library_and_leaves_its_wal_and_shm(
    qtbot, case05_crashes, seed, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QDialog, QMessageBox

    from ui.opening import open_for_window

    def no_dialog(*args, **_kwargs):
        raise AssertionError(f"the app asked something on opening: {args[1:2]}")

    monkeypatch.setattr(QDialog, "exec", no_dialog)
    for name in ("exec", "critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, no_dialog)
    path = killed_library(case05_crashes[seed], tmp_path)
    left = side_files(path)
    with removals_of(path) as removed:
        opened = open_for_window(path)  # as the app starts: lock, checks, backup on open
        assert opened is not None and not opened.library.read_only  # opens normally
        try:
            window = open_window(qtbot, opened.library)
            dialog = recovery_dialog(qtbot, window)  # the window is fully up
            qtbot.waitUntil(lambda: window.editor.proposal_id is not None)
            assert side_files(path) == left  # the same -wal and -shm, neither gone nor new
            dialog.reject()  # "Decide later"
            window.editor.discard_changes()
            window.close()
            assert side_files(path) == left
        finally:
            opened.close()  # SQLite itself may checkpoint the -wal away on this last close
    assert removed == [], "the app deleted or renamed the library's files"


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    typing_child(*sys.argv[1:])
