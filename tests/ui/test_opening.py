"""RELIABILITY 9–13, 15 and 18, the window's part: how the app opens a library. Every problem
ends in a dialog (its text and its choices are what these tests read), and the file is left
byte for byte as it was unless the user explicitly restores it.

The dialogs answer through `ui.dialogs.open_problem.ask`, patched here the way the editor's
tests patch QMessageBox; a real modal dialog reached by mistake fails the test instead of
hanging it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from consult import backups, locations
from consult.errors import DamagedLibrary, ReadOnlyLibrary
from consult.library import Library
from consult.storage import migrations
from ui import app as app_module
from ui import instance_lock, opening
from ui.dialogs import open_problem
from ui.dialogs.open_problem import Answer, BackupChooser
from ui.instance_lock import LibraryLock
from ui.opening import Opened, check_health, open_for_window

REPO = Path(__file__).resolve().parents[2]
REAL_EXEC = {QDialog: QDialog.exec, QMessageBox: QMessageBox.exec}


@dataclass
class Shown:
    title: str
    text: str
    info: str
    choices: list[Answer]
    details: str

    @property
    def words(self) -> str:
        return f"{self.title}\n{self.text}\n{self.info}"


@pytest.fixture(autouse=True)
def no_real_modal_dialogs(monkeypatch):
    def refuse(self, *_args):
        raise AssertionError(f"a real modal dialog was opened: {self.windowTitle()!r}")

    def refuse_static(_parent, title, *_args, **_kwargs):
        raise AssertionError(f"a real message box was opened: {title!r}")

    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)
    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, refuse_static)


@pytest.fixture
def dialogs(qapp, monkeypatch):
    """Every message box of the open flow, recorded; `answers` (a list to fill) says what the
    user clicks in turn, else the box is closed (its Cancel / Quit)."""

    class Recorder(list):
        answers: list[Answer]

    shown = Recorder()
    shown.answers = []

    def ask(_parent, _icon, title, text, info, choices, *, default, details=""):
        offered = [answer for answer, _label, _role in choices]
        shown.append(Shown(title, text, info, offered, details))
        if shown.answers:
            answer = shown.answers.pop(0)
            assert answer in offered, (answer, offered)
            return answer
        rejecting = [a for a, _label, role in choices if role is QMessageBox.ButtonRole.RejectRole]
        return rejecting[0] if rejecting else offered[-1]

    monkeypatch.setattr(open_problem, "ask", ask)
    monkeypatch.setattr(open_problem, "ask_library_file", lambda *_a: pytest.fail("no chooser"))
    monkeypatch.setattr(open_problem, "ask_salvage_folder", lambda *_a: pytest.fail("no folder"))
    monkeypatch.setattr(open_problem, "choose_backup", lambda *_a: pytest.fail("no backups"))
    return shown


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_library(path: Path, count: int = 6) -> dict[str, str]:
    """A closed library with `count` proposals of a few pages each; {title: body}."""
    bodies = {}
    with Library.open(path, create=True) as lib:
        for n in range(count):
            title, body = f"第{n}号议案", f"第一条 关于第{n}号事项。\n" * 150
            lib.create_proposal(title, "motion", body, tags=["AI"])
            bodies[title] = body
    return bodies


def corrupt(path: Path, offset: int, data: bytes) -> None:
    with path.open("r+b") as f:
        f.seek(offset)
        f.write(data)


def lock_file(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def siblings(path: Path) -> set[str]:
    """The names in `path`'s folder, but for SQLite's own -wal and -shm files of `path`: a
    read-only look at a WAL library creates them (empty) when they are not there."""
    sqlite_own = {path.name + "-wal", path.name + "-shm"}
    return {p.name for p in path.parent.iterdir()} - sqlite_own


@pytest.fixture(autouse=True)
def taken_locks(monkeypatch):
    """Every lock the open flow made; each one the flow gave up on must be released by it
    (not left for the garbage collector to find)."""
    made: list[LibraryLock] = []

    class RecordedLock(LibraryLock):
        def __init__(self, path):
            super().__init__(path)
            made.append(self)

    monkeypatch.setattr(opening, "LibraryLock", RecordedLock)
    return made


def assert_all_released(locks: list[LibraryLock], but: Opened | None = None) -> None:
    kept = [lock for lock in locks if lock.held]
    assert kept == ([but.lock] if but is not None and but.lock is not None else [])


@pytest.fixture
def lib_path(tmp_path) -> Path:
    return tmp_path / "library.consult"


@pytest.fixture
def opened_list():
    """Libraries the flow opened, closed at the end of the test."""
    found: list[Opened] = []
    yield found
    for opened in found:
        opened.close()


def open_flow(path: Path, opened_list: list[Opened]) -> Opened | None:
    result = open_for_window(path)
    if result is not None:
        opened_list.append(result)
    return result


# -- case 9: a read-only file or folder -----------------------------------------------------------


def deny_writing(monkeypatch, denied: Path) -> None:
    """os.access says `denied` is not writable (as it would for a user without the right;
    this test suite runs as root, for whom chmod does not stop anything)."""
    real = os.access

    def access(path, mode, *args, **kwargs):
        if mode & os.W_OK and Path(path) == denied:
            return False
        return real(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)


def test_case09_a_read_only_file_opens_read_only_and_says_why(
    lib_path, dialogs, monkeypatch, opened_list
):
    bodies = make_library(lib_path)
    before = digest(lib_path)
    deny_writing(monkeypatch, lib_path)
    opened = open_flow(lib_path, opened_list)
    assert dialogs == []  # no question: the banner says it
    lib = opened.library
    assert lib.read_only and opened.lock is None
    assert "read-only" in lib.read_only_reason and "permission" in lib.read_only_reason
    assert {p.title: lib.version(p.id).content.body for p in lib.list_proposals()} == bodies
    with pytest.raises(ReadOnlyLibrary, match="permission"):
        lib.create_proposal("New", "note")
    opened.close()
    assert digest(lib_path) == before
    assert not lock_file(lib_path).exists()


def test_case09_an_unwritable_folder_opens_read_only_and_explains_the_wal_files(
    lib_path, dialogs, monkeypatch, opened_list
):
    make_library(lib_path)
    before = digest(lib_path)
    deny_writing(monkeypatch, lib_path.parent)
    monkeypatch.setattr(instance_lock, "fallback_folder", lambda: lib_path.parent / "locks")
    opened = open_flow(lib_path, opened_list)
    assert dialogs == []
    reason = opened.library.read_only_reason
    assert opened.library.read_only and str(lib_path.parent) in reason
    assert "-wal and -shm" in reason and "not writable" in reason
    opened.close()
    assert digest(lib_path) == before


def test_case09_in_an_unwritable_folder_a_damaged_or_newer_library_is_called_that(
    lib_path, dialogs, monkeypatch
):
    make_library(lib_path, count=1)
    conn = sqlite3.connect(lib_path)
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    conn.close()
    look = sqlite3.connect(f"{lib_path.as_uri()}?mode=ro", uri=True)  # leaves -wal and -shm
    look.execute("SELECT count(*) FROM sqlite_master").fetchone()
    look.close()
    assert lib_path.with_name("library.consult-shm").exists()
    deny_writing(monkeypatch, lib_path.parent)
    monkeypatch.setattr(instance_lock, "fallback_folder", lambda: lib_path.parent / "locks")
    assert open_for_window(lib_path) is None
    assert dialogs[-1].title == "Library from a newer version"

    notes = lib_path.with_name("notes.md")  # no -shm: but not an SQLite file either
    notes.write_text("# Notes\n", encoding="utf-8")
    deny_writing(monkeypatch, notes.parent)
    assert open_for_window(notes) is None
    assert "This file is damaged or is not a Consult library" in dialogs[-1].text


CHMOD_CHILD = textwrap.dedent(
    """
    import hashlib, json, os, sys
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from ui.dialogs import open_problem
    from ui.opening import open_for_window

    app = QApplication([])
    path = Path(sys.argv[1])
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    shown = []

    def ask(_parent, _icon, title, text, info, choices, *, default, details=""):
        shown.append({"title": title, "text": text, "info": info,
                      "choices": [answer.value for answer, _, _ in choices]})
        return choices[-1][0]

    open_problem.ask = ask
    opened = open_for_window(path)
    result = {"dialogs": shown, "opened": None}
    if opened is not None:
        lib = opened.library
        result["opened"] = {"read_only": lib.read_only, "reason": lib.read_only_reason,
                            "count": lib.count(), "lock": opened.lock is not None}
        opened.close()
    result["unchanged"] = hashlib.sha256(path.read_bytes()).hexdigest() == before
    print(json.dumps(result))
    """
)


def without_root_powers() -> list[str]:
    """The command prefix that runs a child the way a user without root's powers is: as
    this user, or as root stripped of the power to ignore file permissions."""
    if not hasattr(os, "geteuid"):
        pytest.skip("folder permissions are POSIX here")
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("root ignores chmod, and setpriv is not there to drop that power")
    drop = "-dac_override,-dac_read_search"
    return ["setpriv", f"--inh-caps={drop}", f"--bounding-set={drop}"]


@pytest.mark.slow
@pytest.mark.parametrize("sqlite_files", ["absent", "left beside it"])
def test_case09_a_real_chmod_555_folder_opens_read_only_or_says_why_it_cannot(
    lib_path, tmp_path, sqlite_files
):
    lib_path.parent.joinpath("lib").mkdir()
    path = lib_path.parent / "lib" / "library.consult"
    make_library(path, count=2)
    if sqlite_files == "left beside it":  # as a reader leaves them: -wal and -shm exist
        look = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        look.execute("SELECT count(*) FROM proposals").fetchone()
        look.close()
    before = digest(path)
    path.parent.chmod(0o555)
    env = dict(
        os.environ,
        PYTHONPATH=str(REPO),
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path),
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
    )
    try:
        child = subprocess.run(
            [*without_root_powers(), sys.executable, "-c", CHMOD_CHILD, str(path)],
            capture_output=True,
            text=True,
            env=env,
            cwd=REPO,
            timeout=60,
        )
    finally:
        path.parent.chmod(0o755)
    assert child.returncode == 0, child.stderr
    result = json.loads(child.stdout.splitlines()[-1])
    assert result["unchanged"] and digest(path) == before
    if sqlite_files == "absent":  # SQLite cannot read it there: said so, not "damaged"
        (shown,) = result["dialogs"]
        assert shown["title"] == "Cannot open the library here"
        assert "is not writable" in shown["text"] and "-wal and -shm" in shown["text"]
        assert "damaged" not in json.dumps(shown)
        assert shown["choices"] == ["open-another", "quit"]
        assert result["opened"] is None
    else:
        assert result["dialogs"] == []
        opened = result["opened"]
        assert opened["read_only"] and not opened["lock"] and opened["count"] == 2
        assert "not writable" in opened["reason"] and "-wal and -shm" in opened["reason"]


# -- case 10: a destroyed header, a file that is not a library --------------------------------


def test_case10_a_zeroed_header_is_refused_untouched_and_lists_the_backups(
    lib_path, dialogs, monkeypatch, taken_locks
):
    make_library(lib_path)
    older = backups.make_backup(lib_path, "open")
    newer = backups.make_backup(lib_path, "manual")
    corrupt(lib_path, 0, b"\0" * 100)
    before = digest(lib_path)
    around = siblings(lib_path)
    offered = []
    monkeypatch.setattr(
        open_problem, "choose_backup", lambda found, _parent: offered.append(found)
    )  # the user looks at the list, then cancels it
    dialogs.answers = [Answer.RESTORE]

    assert open_for_window(lib_path) is None
    assert offered == [[newer, older]]  # newest first, with their dates (BackupInfo.created)
    assert len(dialogs) == 2  # shown again after the list was cancelled; then Quit
    first = dialogs[0]
    assert "This file is damaged or is not a Consult library" in first.text
    assert first.choices == [Answer.RESTORE, Answer.SALVAGE, Answer.OPEN_ANOTHER, Answer.QUIT]
    assert digest(lib_path) == before
    assert siblings(lib_path) == around  # no lock, no copy left
    assert_all_released(taken_locks)


def test_case10_restore_from_a_backup_opens_it_and_keeps_the_damaged_file(
    lib_path, dialogs, monkeypatch, opened_list
):
    bodies = make_library(lib_path)
    good = backups.make_backup(lib_path, "manual")
    corrupt(lib_path, 0, b"\0" * 100)
    damaged = digest(lib_path)
    monkeypatch.setattr(open_problem, "choose_backup", lambda found, _parent: found[0])
    dialogs.answers = [Answer.RESTORE]

    opened = open_flow(lib_path, opened_list)
    assert opened is not None and not opened.library.read_only and opened.lock.held
    lib = opened.library
    assert {p.title: lib.version(p.id).content.body for p in lib.list_proposals()} == bodies
    restored = dialogs[-1]
    assert restored.title == "Library restored"
    when = good.created.astimezone().strftime("%Y-%m-%d %H:%M")
    assert when in restored.text
    kept = [p for p in lib_path.parent.glob("*.corrupt-*") if not p.name.endswith(("wal", "shm"))]
    assert len(kept) == 1 and digest(kept[0]) == damaged and str(kept[0]) in restored.info


def test_case10_a_markdown_file_is_not_a_library_and_is_left_alone(tmp_path, dialogs):
    notes = tmp_path / "notes.md"
    notes.write_text("# 关于人工智能的议案\n\n正文。\n", encoding="utf-8")
    before = digest(notes)
    assert open_for_window(notes) is None
    assert len(dialogs) == 1
    assert "This file is damaged or is not a Consult library" in dialogs[0].text
    assert Answer.RESTORE not in dialogs[0].choices  # no backup of it exists
    assert digest(notes) == before
    assert {p.name for p in tmp_path.iterdir()} - {"xdg-data"} == {"notes.md"}


def test_case10_another_applications_database_is_not_our_file(tmp_path, dialogs):
    anki = tmp_path / "collection.anki2"
    conn = sqlite3.connect(anki)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, flds TEXT)")
    conn.execute("CREATE TABLE cards (id INTEGER PRIMARY KEY, nid INTEGER)")
    conn.execute("INSERT INTO notes VALUES (1, 'front\x1fback')")
    conn.commit()
    conn.close()
    assert sqlite3.connect(anki).execute("PRAGMA application_id").fetchone()[0] == 0
    before = digest(anki)

    assert open_for_window(anki) is None
    assert len(dialogs) == 1
    assert "not our file" in dialogs[0].text
    assert dialogs[0].choices == [Answer.OPEN_ANOTHER, Answer.QUIT]  # nothing to restore over it
    assert digest(anki) == before
    assert {p.name for p in tmp_path.iterdir()} - {"xdg-data"} == {"collection.anki2"}


def test_case10_open_another_leaves_the_bad_file_and_opens_the_chosen_library(
    tmp_path, dialogs, monkeypatch, opened_list, taken_locks
):
    bad = tmp_path / "bad.consult"
    bad.write_bytes(b"\0" * 8192)
    good = tmp_path / "elsewhere" / "good.consult"
    good.parent.mkdir()
    bodies = make_library(good, count=2)
    asked = []
    monkeypatch.setattr(
        open_problem, "ask_library_file", lambda start, _parent: asked.append(start) or good
    )
    dialogs.answers = [Answer.OPEN_ANOTHER]

    opened = open_flow(bad, opened_list)
    assert asked == [tmp_path]  # the chooser starts in the bad file's folder
    assert opened.library.path == good and opened.lock.held
    assert {p.title for p in opened.library.list_proposals()} == set(bodies)
    assert bad.read_bytes() == b"\0" * 8192
    assert not lock_file(bad).exists()  # the bad file's lock was let go
    assert_all_released(taken_locks, but=opened)


def test_case10_the_app_started_on_a_bad_file_quits_with_the_message(tmp_path, dialogs):
    notes = tmp_path / "notes.md"
    notes.write_text("# Not a library\n", encoding="utf-8")
    before = digest(notes)
    assert app_module.run(["consult", "--db", str(notes)]) == 1
    assert len(dialogs) == 1 and "not a Consult library" in dialogs[0].text
    assert digest(notes) == before
    app_folders = {"xdg-data", "xdg-cache"}
    assert {p.name for p in tmp_path.iterdir()} - app_folders == {"notes.md"}


# -- case 11: a corrupt page in the middle ------------------------------------------------------


def test_case11_a_corrupt_page_is_found_on_opening_and_offers_restore_and_salvage(
    lib_path, tmp_path, dialogs, monkeypatch, taken_locks
):
    bodies = make_library(lib_path, count=12)
    backups.make_backup(lib_path, "open")
    corrupt(lib_path, lib_path.stat().st_size // 2, b"\xff" * 4096)
    before = digest(lib_path)
    around = siblings(lib_path)
    out = tmp_path / "salvaged"
    monkeypatch.setattr(open_problem, "ask_salvage_folder", lambda _parent: out)
    dialogs.answers = [Answer.SALVAGE]

    assert open_for_window(lib_path) is None
    problem, report, again = dialogs
    assert "damaged" in problem.text and "quick_check" not in problem.text
    assert problem.choices == [Answer.RESTORE, Answer.SALVAGE, Answer.OPEN_ANOTHER, Answer.QUIT]
    assert report.title == "Salvage finished" and str(out) in report.text
    written = sorted(out.glob("*.md"))
    assert len(written) >= len(bodies) - 2  # one 4 KB page holds little
    assert f"{len(written)} files saved" in report.info
    assert report.text.startswith(f"{len(written)} proposals or drafts saved as Markdown")
    assert again.text == problem.text  # back to the choice; then Quit
    assert digest(lib_path) == before
    assert siblings(lib_path) == around | {"salvaged"}
    assert_all_released(taken_locks)


def test_case11_opening_twice_shows_the_same_dialog_not_a_crash(lib_path, dialogs):
    make_library(lib_path, count=12)
    corrupt(lib_path, lib_path.stat().st_size // 2, b"\xff" * 4096)
    before = digest(lib_path)
    assert open_for_window(lib_path) is None
    assert open_for_window(lib_path) is None
    assert [d.text for d in dialogs] == [dialogs[0].text] * 2
    assert dialogs[0].choices == [Answer.SALVAGE, Answer.OPEN_ANOTHER, Answer.QUIT]
    assert digest(lib_path) == before


def test_case11_the_quick_check_is_bounded_in_time(lib_path):
    make_library(lib_path, count=12)
    with Library.open(lib_path, read_only=True) as lib:
        check_health(lib, budget=0)  # no time to look: opened unchecked, not called damaged
        # … and the interruption does not outlive the check
        assert lib.db.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        check_health(lib, budget=5)
    corrupt(lib_path, lib_path.stat().st_size // 2, b"\xff" * 4096)
    with Library.open(lib_path, read_only=True) as lib:
        with pytest.raises(DamagedLibrary, match="damaged"):
            check_health(lib, budget=5)


def crashed_copy(source: Path, dest: Path) -> None:
    """`dest`: `source` as a crash leaves it, its last transactions only in its -wal."""
    with Library.open(source, create=True) as lib:
        for n in range(12):
            lib.create_proposal(f"第{n}号议案", "motion", f"第一条 关于第{n}号事项。\n" * 150)
        lib.db.execute("PRAGMA wal_autocheckpoint = 0")
        lib.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        lib.create_proposal("Only in the -wal", "note", "text")
        shutil.copyfile(source, dest)
        shutil.copyfile(f"{source}-wal", f"{dest}-wal")


def wal_pages(wal: Path) -> set[int]:
    """The page numbers that frames of the -wal file hold."""
    data = wal.read_bytes()
    frame = 24 + int.from_bytes(data[8:12], "big")
    return {
        int.from_bytes(data[at : at + 4], "big") for at in range(32, len(data) - frame + 1, frame)
    }


def test_case11_a_damaged_library_with_a_leftover_wal_is_not_written_by_opening(tmp_path, dialogs):
    # A writing connection's close would checkpoint the -wal into the damaged file: the
    # refusal must come from a read-only look, before any writing connection exists.
    path = tmp_path / "crashed" / "library.consult"
    path.parent.mkdir()
    crashed_copy(tmp_path / "source.consult", path)
    wal = Path(f"{path}-wal")
    page_size = int.from_bytes(wal.read_bytes()[8:12], "big")
    middle = next(
        n for n in range(path.stat().st_size // page_size // 2, 0, -1) if n not in wal_pages(wal)
    )
    corrupt(path, (middle - 1) * page_size, b"\xff" * page_size)  # not superseded by the -wal
    look = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    assert look.execute("PRAGMA quick_check").fetchall() != [("ok",)]  # SQLite sees the damage
    look.close()
    before, wal_before = digest(path), digest(wal)
    assert open_for_window(path) is None
    assert len(dialogs) == 1 and "damaged" in dialogs[0].text
    assert digest(path) == before and wal.exists() and digest(wal) == wal_before


def test_case11_no_restore_while_another_window_has_the_library(lib_path, dialogs):
    make_library(lib_path, count=12)
    backups.make_backup(lib_path, "open")
    corrupt(lib_path, lib_path.stat().st_size // 2, b"\xff" * 4096)
    other_window = LibraryLock(lib_path)
    assert other_window.acquire()
    try:
        dialogs.answers = [Answer.READ_ONLY]
        assert open_for_window(lib_path) is None
        told, damaged = dialogs
        assert "Already open" in told.text and "damaged" in damaged.text
        assert Answer.RESTORE not in damaged.choices and Answer.SALVAGE in damaged.choices
    finally:
        other_window.release()


# -- case 12: a library from a newer app --------------------------------------------------------


def test_case12_a_newer_library_is_refused_with_its_message_and_left_alone(
    lib_path, dialogs, monkeypatch, opened_list, taken_locks
):
    make_library(lib_path)
    conn = sqlite3.connect(lib_path)
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    conn.close()
    before = digest(lib_path)
    around = siblings(lib_path)

    assert open_for_window(lib_path) is None
    (newer,) = dialogs
    assert "newer version of Consult" in newer.text
    assert f"schema {migrations.SCHEMA_VERSION + 1}" in newer.text and "update" in newer.words
    assert newer.choices == [Answer.OPEN_ANOTHER, Answer.QUIT]
    assert digest(lib_path) == before
    assert siblings(lib_path) == around
    assert_all_released(taken_locks)

    other = lib_path.with_name("current.consult")
    make_library(other, count=1)
    monkeypatch.setattr(open_problem, "ask_library_file", lambda _start, _parent: other)
    dialogs.answers = [Answer.OPEN_ANOTHER]
    opened = open_flow(lib_path, opened_list)
    assert opened.library.path == other
    assert digest(lib_path) == before


# -- case 13: a migration that fails -------------------------------------------------------------


APP_MIGRATIONS = list(migrations.migrations._migrations)


def add_migration(monkeypatch, step) -> None:
    """Register one more migration (this app's schema + 1) for the length of a test."""
    registered = list(APP_MIGRATIONS)
    registered.append(migrations.migrations._Migration("9999_test", step))
    monkeypatch.setattr(migrations.migrations, "_migrations", registered)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(registered))


def test_case13_a_failed_migration_says_what_happened_and_where_the_backup_is(
    lib_path, dialogs, monkeypatch, opened_list, taken_locks
):
    bodies = make_library(lib_path)
    schema = migrations.SCHEMA_VERSION

    def half_done(db):
        db.execute("CREATE TABLE added_by_the_update (x)")
        raise RuntimeError("step 2 of the update went wrong")

    add_migration(monkeypatch, half_done)
    assert open_for_window(lib_path) is None
    (failed,) = dialogs
    assert failed.choices == [Answer.QUIT]
    assert "could not bring the library" in failed.text and "step 2" in failed.details
    assert "left as it was" in failed.info and "try again the next time" in failed.info
    (backup,) = backups.list_backups(lib_path)
    assert backup.reason == "migration" and str(backup.path) in failed.info
    backups.verify_backup(backup.path)  # a whole, checked library
    conn = sqlite3.connect(lib_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema
    assert not conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'added_by_the_update'"
    ).fetchall()
    conn.close()
    assert not lock_file(lib_path).exists()
    assert_all_released(taken_locks)

    # The next start (the update fixed) migrates and opens normally.
    add_migration(monkeypatch, lambda db: db.execute("CREATE TABLE added_by_the_update (x)"))
    opened = open_flow(lib_path, opened_list)
    assert len(dialogs) == 1
    lib = opened.library
    assert {p.title for p in lib.list_proposals()} == set(bodies)
    assert lib.db.execute("PRAGMA user_version").fetchone()[0] == schema + 1


# -- case 15: a second instance --------------------------------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QCoreApplication
    from ui.instance_lock import LibraryLock

    app = QCoreApplication([])
    lock = LibraryLock(sys.argv[1])
    print("locked" if lock.acquire() else "refused", flush=True)
    time.sleep(120)
    """
)


@pytest.fixture
def holder_process(lib_path):
    """Instance A: a separate process holding the library's lock with the app's lock code."""
    env = dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lib_path)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )
    try:
        assert child.stdout.readline().strip() == "locked"
        yield child
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        child.stdout.close()


@pytest.mark.slow
def test_case15_a_second_instance_is_told_and_offered_read_only_then_takes_over_a_dead_lock(
    lib_path, dialogs, holder_process, opened_list
):
    make_library(lib_path)
    before = digest(lib_path)

    assert open_for_window(lib_path) is None  # B: told, and cancels
    (told,) = dialogs
    assert f"Already open in another window (PID {holder_process.pid})" in told.text
    assert told.choices == [Answer.READ_ONLY, Answer.CANCEL]

    dialogs.answers = [Answer.READ_ONLY]
    opened = open_flow(lib_path, opened_list)
    assert opened.library.read_only and opened.lock is None
    assert f"PID {holder_process.pid}" in opened.library.read_only_reason
    assert opened.library.count() == 6
    opened.close()
    assert digest(lib_path) == before

    os.kill(holder_process.pid, signal.SIGKILL)  # A crashes, leaving its lock file
    holder_process.wait()
    assert lock_file(lib_path).exists()
    opened = open_flow(lib_path, opened_list)
    assert len(dialogs) == 2  # no new question
    assert not opened.library.read_only and opened.lock.held
    assert opened.lock.holder().pid == os.getpid()
    opened.library.create_proposal("Written by B", "note")


def test_case15_a_lock_held_from_another_computer_is_never_taken_by_age(
    lib_path, dialogs, opened_list
):
    # A library on a share opened by a colleague's Consult: the holder cannot be checked from
    # here, and however old its lock file, it is not ours to take.
    make_library(lib_path, count=1)
    lock_file(lib_path).write_text(
        "4242\npython3\nother-computer\nffffffffffffffffffffffffffffffff\n"
        "00000000-0000-0000-0000-000000000000\n"
    )
    hours_ago = time.time() - 5 * 3600
    os.utime(lock_file(lib_path), (hours_ago, hours_ago))
    assert open_for_window(lib_path) is None
    (told,) = dialogs
    assert "Already open on the computer other-computer (PID 4242)" in told.text
    assert lock_file(lib_path).read_text().startswith("4242\n")
    dialogs.answers = [Answer.READ_ONLY]
    opened = open_flow(lib_path, opened_list)
    assert opened.library.read_only and "other-computer" in opened.library.read_only_reason


def test_case15_the_lock_is_one_per_library_however_its_path_is_written(lib_path, tmp_path):
    make_library(lib_path, count=1)
    link = tmp_path / "link"
    link.symlink_to(tmp_path, target_is_directory=True)
    first, second = (
        LibraryLock(lib_path),
        LibraryLock(link / ".." / tmp_path.name / "library.consult"),
    )
    assert first.path == second.path == lock_file(lib_path)
    assert first.acquire()
    assert not second.acquire() and not second.unavailable
    assert second.holder().pid == os.getpid()
    first.release()
    assert not lock_file(lib_path).exists()
    assert second.acquire()
    second.release()


def test_case15_on_first_run_the_lock_is_where_later_starts_look_for_it(tmp_path):
    path = tmp_path / "app-data" / "Consult" / "library.consult"  # nothing there yet
    first_run = LibraryLock(path)
    assert first_run.path == lock_file(path)
    assert first_run.acquire() and path.parent.is_dir()
    assert LibraryLock(path).path == first_run.path and not LibraryLock(path).acquire()
    first_run.release()


def test_case15_a_lock_cut_short_by_a_crash_is_taken_over_once_it_is_old(lib_path):
    lock_file(lib_path).write_bytes(b"")  # created, never written: power cut
    lock = LibraryLock(lib_path)
    assert not lock.acquire()  # young: it may be one being written right now
    old = time.time() - instance_lock.UNREADABLE_LOCK_GRACE_S - 5
    os.utime(lock_file(lib_path), (old, old))
    assert lock.acquire() and lock.holder().pid == os.getpid()
    lock.release()


def test_case15_an_unwritable_folder_keeps_the_lock_in_the_app_data_folder(
    lib_path, tmp_path, monkeypatch
):
    deny_writing(monkeypatch, lib_path.parent)
    monkeypatch.setattr(instance_lock, "fallback_folder", lambda: tmp_path / "app-data" / "locks")
    first, second = LibraryLock(lib_path), LibraryLock(str(lib_path))
    assert first.path.parent == tmp_path / "app-data" / "locks"
    assert first.path.name.startswith("library-") and first.path == second.path
    assert LibraryLock(tmp_path / "other.consult").path != first.path
    assert first.acquire() and not second.acquire()
    first.release()


# -- case 18: a network drive or a cloud-synced folder --------------------------------------------


@pytest.fixture
def on_network(tmp_path, monkeypatch):
    """The test's folder is an NFS mount, as far as the app can tell."""
    monkeypatch.setattr(locations, "mount_table", lambda: [("/", "ext4"), (str(tmp_path), "nfs4")])


def test_case18_no_library_is_created_on_a_network_drive_when_the_user_cancels(
    tmp_path, dialogs, on_network
):
    path = tmp_path / "new" / "library.consult"
    assert open_for_window(path) is None
    (warning,) = dialogs
    assert "would be created on a network file system (nfs4" in warning.text
    assert "Network and sync folders can corrupt libraries" in warning.info
    assert "Export or Backup" in warning.info
    assert warning.choices == [Answer.ANYWAY, Answer.CANCEL]  # nothing to read yet
    assert not path.parent.exists()


def test_case18_creating_there_anyway_needs_the_explicit_answer(
    tmp_path, dialogs, on_network, opened_list
):
    path = tmp_path / "library.consult"
    dialogs.answers = [Answer.ANYWAY]
    opened = open_flow(path, opened_list)
    assert opened.library.count() >= 6 and not opened.library.read_only  # the demo, first run


def test_case18_a_synced_folder_warns_before_opening_and_read_only_changes_nothing(
    tmp_path, dialogs, opened_list
):
    path = tmp_path / "Dropbox" / "library.consult"
    path.parent.mkdir()
    make_library(path)
    before = digest(path)
    around = siblings(path)
    dialogs.answers = [Answer.READ_ONLY]
    opened = open_flow(path, opened_list)
    (warning,) = dialogs
    assert f"is in a folder synchronised by Dropbox ({path.parent})" in warning.text
    assert warning.choices == [Answer.READ_ONLY, Answer.ANYWAY, Answer.CANCEL]
    lib = opened.library
    assert lib.read_only and opened.lock is None and "Dropbox" in lib.read_only_reason
    assert lib.count() == 6
    with pytest.raises(ReadOnlyLibrary):
        lib.create_proposal("New", "note")
    opened.close()
    assert digest(path) == before
    assert siblings(path) == around


def test_case18_open_anyway_opens_for_writing(tmp_path, dialogs, on_network, opened_list):
    path = tmp_path / "library.consult"
    make_library(path)
    dialogs.answers = [Answer.ANYWAY]
    opened = open_flow(path, opened_list)
    assert not opened.library.read_only and opened.lock.held
    opened.library.create_proposal("Written on the share", "note")


def test_case18_the_warning_comes_before_the_lock_question(
    tmp_path, dialogs, on_network, opened_list
):
    path = tmp_path / "library.consult"
    make_library(path)
    other_window = LibraryLock(path)
    assert other_window.acquire()
    try:
        assert open_for_window(path) is None  # cancelled at the warning
        assert [d.title for d in dialogs] == ["Library on a network or sync folder"]
        dialogs.answers = [Answer.ANYWAY, Answer.READ_ONLY]
        opened = open_flow(path, opened_list)
        assert [d.title for d in dialogs[1:]] == [
            "Library on a network or sync folder",
            "Library already open",
        ]
        assert opened.library.read_only
    finally:
        other_window.release()


# -- the dialogs themselves, for real ----------------------------------------------------------


def test_case15_the_real_box_shows_the_pid_and_answers_read_only(qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(QDialog, "exec", REAL_EXEC[QDialog])
    monkeypatch.setattr(QMessageBox, "exec", REAL_EXEC[QMessageBox])
    seen = []

    def press():
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(10, press)
            return
        seen.append(box.text())
        [button] = [b for b in box.buttons() if b.objectName() == "read-onlyButton"]
        button.click()

    QTimer.singleShot(0, press)
    holder = instance_lock.LockHolder(4242, "", "python3")
    answer = open_problem.already_open(tmp_path / "x.consult", holder, can_read_only=True)
    assert answer is Answer.READ_ONLY
    assert seen and "Already open in another window (PID 4242)" in seen[0]


def test_the_backup_list_shows_dates_newest_first_and_returns_the_choice(
    qtbot, monkeypatch, lib_path
):
    make_library(lib_path, count=1)
    first = backups.make_backup(lib_path, "open")
    second = backups.make_backup(lib_path, "periodic")
    chooser = BackupChooser([first, second])
    qtbot.addWidget(chooser)
    rows = [chooser.list.item(i).text() for i in range(chooser.list.count())]
    assert rows[0].startswith(second.created.astimezone().strftime("%Y-%m-%d %H:%M"))
    assert "made while you worked" in rows[0] and "when the library was opened" in rows[1]
    assert chooser.selected() == second
    chooser.list.setCurrentRow(1)
    assert chooser.selected() == first

    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert open_problem.choose_backup([first, second]) is None
    assert open_problem.choose_backup([]) is None
    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    assert open_problem.choose_backup([first, second]) == second
