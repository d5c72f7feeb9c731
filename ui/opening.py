"""How the desktop app opens a library: every problem ends in a clear dialog, and the file is
never changed by one (RELIABILITY.md, cases 9–13, 15 and 18).

In this order:
  (a) a network drive or a cloud-synced folder: warned about before anything is opened or
      created; the user opens read-only, confirms, or cancels;
  (b) another running Consult has the library (its lock): read-only, or cancel;
  (c) the file or its folder is not writable: opened read-only, saying why;
  (d) opening itself (with a quick check of the file, bounded in time): a damaged file, or one
      that is not a library, offers Restore from backup, Salvage, Open another, Quit; a library
      of a newer Consult, Open another or Quit; a failed migration says where its backup is.
Only an explicit Restore changes the file.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from consult import backups, locations
from consult.errors import (
    ConsultError,
    DamagedLibrary,
    LibraryError,
    MigrationFailed,
    NewerLibrary,
    NotALibrary,
)
from consult.library import Library
from consult.storage.connection import APPLICATION_ID, SQLITE_HEADER
from ui.dialogs import open_problem as dialogs
from ui.dialogs.open_problem import Answer, Problem
from ui.instance_lock import LibraryLock, LockHolder

# Opening checks the file with SQLite's quick_check for at most this long: a whole small
# library, the first part of a large one (the backup made on open verifies all of it).
HEALTH_CHECK_BUDGET_S = 0.2


@dataclass
class Opened:
    """A library open for the window, with the lock that keeps a second window from changing
    it (None when it was opened read-only)."""

    library: Library
    lock: LibraryLock | None

    def close(self) -> None:
        try:
            self.library.close()
        finally:
            if self.lock is not None:
                self.lock.release()


def open_for_window(path: str | Path, parent: QWidget | None = None) -> Opened | None:
    """Open the library at `path` (creating it with the demo proposals on first run) for the
    main window, asking the user about every problem. None when the user gave up; nothing was
    changed then."""
    target: Path | None = Path(path).expanduser()
    while target is not None:
        outcome = _Attempt(target, parent).run()
        if isinstance(outcome, Opened):
            return outcome
        target = outcome  # another library the user chose, or None: given up
    return None


class _Attempt:
    """One library path, from the first question to an open library."""

    def __init__(self, path: Path, parent: QWidget | None) -> None:
        self.path = path
        self.parent = parent
        self.lock: LibraryLock | None = None

    def run(self) -> Opened | Path | None:
        try:
            outcome = self._run()
        except BaseException:
            self._unlock()
            raise
        if not isinstance(outcome, Opened):
            self._unlock()
        return outcome

    def _run(self) -> Opened | Path | None:
        path = self.path
        creating = not _has_content(path)
        read_only = ""  # why the library is opened read-only, or "" to open it for writing

        reason = locations.risky_location(path)
        if reason:
            answer = dialogs.warn_risky_location(
                path, reason, creating=creating, parent=self.parent
            )
            if answer is Answer.CANCEL:
                return None
            if answer is Answer.READ_ONLY:
                read_only = QCoreApplication.translate(
                    "Opening", "Opened read-only: the library is %1"
                ).replace("%1", reason)

        if not read_only:
            lock = LibraryLock(path)
            if lock.acquire():
                self.lock = lock
            elif lock.unavailable:
                if creating:
                    dialogs.cannot_open(path, _lock_error(lock), self.parent)
                    return None
                read_only = QCoreApplication.translate(
                    "Opening",
                    "Opened read-only: Consult could not create the lock that keeps a second "
                    "window from changing this library (%1)",
                ).replace("%1", lock.unavailable)
            else:
                holder = lock.holder()
                answer = dialogs.already_open(
                    path, holder, can_read_only=not creating, parent=self.parent
                )
                if answer is not Answer.READ_ONLY:
                    return None
                read_only = already_open_reason(holder)

        if not read_only and not creating:
            read_only = not_writable(path)
            if read_only:
                self._unlock()

        while True:
            try:
                return Opened(self._open(read_only), self.lock)
            except ConsultError as e:
                outcome = self._problem(e)
            if outcome != "retry":
                return outcome if isinstance(outcome, Path) else None

    def _open(self, read_only: str) -> Library:
        if read_only:
            library = Library.open(self.path, read_only=True)
            library.read_only_reason = read_only
            try:
                check_health(library)
            except BaseException:
                library.close()
                raise
            return library
        if _has_content(self.path):
            probe(self.path)
        from ui.app import open_or_create

        return open_or_create(self.path)

    def _problem(self, error: ConsultError) -> Path | str | None:
        """The dialog for an open that failed; "retry" after a restore, another library's
        path, or None when the user gives up."""
        path = self.path
        if unreadable_in_place(path):
            # SQLite could not even read it: it needs a -shm file beside it and cannot create
            # one in this folder. Whatever the error says, the file is not "damaged".
            return self._until_chosen(lambda: dialogs.unwritable_folder(path, error, self.parent))
        if isinstance(error, MigrationFailed):
            dialogs.migration_failed(path, error, _as_path(error.backup), self.parent)
            return None
        if isinstance(error, NewerLibrary):
            return self._until_chosen(lambda: dialogs.newer_library(path, error, self.parent))
        if isinstance(error, NotALibrary) and not path.is_dir():
            return self._library_problem(error)
        dialogs.cannot_open(path, error, self.parent)
        return None

    def _until_chosen(self, show: Callable[[], Answer]) -> Path | None:
        """Show a dialog offering Open another… / Quit until the user has chosen a library
        or quits."""
        while show() is Answer.OPEN_ANOTHER:
            chosen = self._ask_another()
            if chosen is not None:
                return chosen
        return None

    def _library_problem(self, error: NotALibrary) -> Path | str | None:
        """The dialog for a damaged file or one that is not a library, until the user picks
        something that ends it: "retry" after a restore, another library's path, or None."""
        problem = classify(self.path, error)
        found = backups.list_backups(self.path) if problem is not Problem.FOREIGN else []
        # Restoring needs the library to itself: not while another window has it open.
        can_restore = bool(found) and self.lock is not None
        while True:
            answer = dialogs.library_problem(
                self.path, problem, error, has_backups=can_restore, parent=self.parent
            )
            if answer is Answer.RESTORE:
                backup = dialogs.choose_backup(found, self.parent)
                if backup is not None and self._restore(backup):
                    return "retry"
            elif answer is Answer.SALVAGE:
                self._salvage()
            elif answer is Answer.OPEN_ANOTHER:
                chosen = self._ask_another()
                if chosen is not None:
                    return chosen
            else:
                return None

    def _restore(self, backup: backups.BackupInfo) -> bool:
        try:
            with _busy():
                kept = backups.restore(self.path, backup.path)
        except ConsultError as e:
            dialogs.tell(
                self.parent,
                QMessageBox.Icon.Critical,
                QCoreApplication.translate("Opening", "Could not restore the library"),
                str(e),
                QCoreApplication.translate("Opening", "The library was left as it was."),
            )
            return False
        when = backup.created.astimezone().strftime("%Y-%m-%d %H:%M")
        info = (
            QCoreApplication.translate(
                "Opening", "The file as it was before is kept at:\n%1"
            ).replace("%1", str(kept))
            if kept
            else ""
        )
        dialogs.tell(
            self.parent,
            QMessageBox.Icon.Information,
            QCoreApplication.translate("Opening", "Library restored"),
            QCoreApplication.translate(
                "Opening", "The library was restored from the backup of %1."
            ).replace("%1", when),
            info,
        )
        return True

    def _salvage(self) -> None:
        from consult.salvage import salvage

        folder = dialogs.ask_salvage_folder(self.parent)
        if folder is None:
            return
        try:
            with _busy():
                report = salvage(self.path, folder)
        except ConsultError as e:
            dialogs.tell(
                self.parent,
                QMessageBox.Icon.Critical,
                QCoreApplication.translate("Opening", "Nothing could be salvaged"),
                str(e),
                QCoreApplication.translate("Opening", "The library was left as it was."),
            )
            return
        count = len(report.written)  # (a plain name: lupdate cannot read a call here)
        dialogs.tell(
            self.parent,
            QMessageBox.Icon.Information if not report.lost else QMessageBox.Icon.Warning,
            QCoreApplication.translate("Opening", "Salvage finished"),
            QCoreApplication.translate(
                "Opening", "%n proposal(s) or draft(s) saved as Markdown in %1.", "", count
            ).replace("%1", str(folder)),
            "\n".join(report.lines()),
        )

    def _ask_another(self) -> Path | None:
        return dialogs.ask_library_file(self.path.parent, self.parent)

    def _unlock(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def already_open_reason(holder: LockHolder | None) -> str:
    """The read-only banner's words when another Consult has the library."""
    if holder is None:
        return QCoreApplication.translate(
            "Opening", "Opened read-only: the library is open in another window"
        )
    if holder.host and holder.host != socket.gethostname():
        return (
            QCoreApplication.translate(
                "Opening", "Opened read-only: the library is open on the computer %1 (PID %2)"
            )
            .replace("%1", holder.host)
            .replace("%2", str(holder.pid))
        )
    return QCoreApplication.translate(
        "Opening", "Opened read-only: the library is open in another window (PID %1)"
    ).replace("%1", str(holder.pid))


def unreadable_in_place(path: Path) -> bool:
    """Whether SQLite cannot read the library where it is: an SQLite file in a folder that
    is not writable, without a -shm file (SQLite creates one even to read a WAL library)."""
    shm = path.with_name(path.name + "-shm")
    if shm.exists() or not path.parent.is_dir() or os.access(path.parent, os.W_OK):
        return False
    try:
        with path.open("rb") as f:
            return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def not_writable(path: Path) -> str:
    """Why the existing library at `path` can only be opened read-only ("" if it can be written)."""
    if not os.access(path, os.W_OK):
        return QCoreApplication.translate(
            "Opening", "Opened read-only: you do not have permission to change the file %1"
        ).replace("%1", str(path))
    if not os.access(path.parent, os.W_OK):
        return QCoreApplication.translate(
            "Opening",
            "Opened read-only: the folder %1 is not writable, and SQLite needs to create its "
            "-wal and -shm files beside the library to change it",
        ).replace("%1", str(path.parent))
    return ""


def probe(path: Path) -> None:
    """Look at an existing library through a read-only connection before it is opened for
    writing: a file that is refused (damaged, not a library, from a newer app) is then never
    touched by a writing connection, whose closing would checkpoint a leftover -wal into it.

    A library that needs a migration cannot be opened read-only; the writing open migrates
    it (after a backup) and reports what else may be wrong.
    """
    try:
        library = Library.open(path, read_only=True)
    except LibraryError as e:
        if type(e) is LibraryError:
            return
        raise
    try:
        check_health(library)
    finally:
        library.close()


def check_health(library: Library, budget: float = HEALTH_CHECK_BUDGET_S) -> None:
    """Raise DamagedLibrary if SQLite's quick_check, given `budget` seconds, finds damage.

    A library too large to check in the budget is opened unchecked: the backup made when it
    is opened runs integrity_check on its copy, and a damaged page met later is reported then.
    """
    conn = library.db.conn
    deadline = time.monotonic() + budget
    stopped = False

    def progress() -> int:
        nonlocal stopped
        stopped = stopped or time.monotonic() > deadline
        return int(stopped)

    conn.set_progress_handler(progress, 1000)
    try:
        library.require_healthy()
    except DamagedLibrary:
        if not stopped:
            raise
    finally:
        conn.set_progress_handler(None, 0)


def classify(path: Path, error: NotALibrary) -> Problem:
    """Damaged, unreadable, or another application's database (its header says so)."""
    if isinstance(error, DamagedLibrary):
        return Problem.DAMAGED
    try:
        with path.open("rb") as f:
            header = f.read(100)
    except OSError:
        return Problem.UNREADABLE
    if not header.startswith(SQLITE_HEADER):
        return Problem.UNREADABLE
    if len(header) >= 72 and int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        return Problem.FOREIGN
    return Problem.DAMAGED


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except FileNotFoundError:
        return False
    except OSError:
        return True  # there is something; opening it will say what is wrong


def _as_path(value: object) -> Path | None:
    return Path(value) if isinstance(value, (str, os.PathLike)) else None


def _lock_error(lock: LibraryLock) -> LibraryError:
    return LibraryError(
        QCoreApplication.translate(
            "Opening",
            "Cannot create the lock that keeps a second window from changing the library (%1)",
        ).replace("%1", lock.unavailable)
    )


class _busy:
    """A wait cursor while a restore or a salvage runs."""

    def __enter__(self) -> None:
        self.shown = QGuiApplication.instance() is not None
        if self.shown:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc: object) -> None:
        if self.shown:
            QGuiApplication.restoreOverrideCursor()
