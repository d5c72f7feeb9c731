"""Opening a library file, its pragmas, and the one write path.

Every write goes through `write_txn`, which begins IMMEDIATE (so the busy timeout applies
to taking the write lock, see RELIABILITY.md, "the busy-handler trap") and commits once.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from consult.errors import (
    DamagedLibrary,
    LibraryBusy,
    LibraryError,
    LibraryMissing,
    NewerLibrary,
    NotALibrary,
    NotOurFile,
)
from consult.i18n import os_reason, tr

APPLICATION_ID = 0x436F6E53  # "ConS" in the SQLite header: this file is a Consult library
BUSY_TIMEOUT_MS = 5000
SQLITE_HEADER = b"SQLite format 3\x00"


def open_database(path: str | Path, *, create: bool = False, read_only: bool = False) -> Database:
    """Open (or with `create`, create) the library at `path`, migrated to this app's schema.

    With `read_only` the file is opened through SQLite's `mode=ro` and never written (nor
    migrated: a library that needs a migration must be opened for writing once).
    Raises LibraryMissing, NotALibrary, NewerLibrary or MigrationFailed with a message for the
    user; a file that is refused is not written to.
    """
    from consult.storage.migrations import migrate, pending

    path = Path(path)
    if path.is_dir():
        raise NotALibrary(tr("{path} is a folder, not a Consult library", path=path))
    exists = path.exists() and path.stat().st_size > 0
    if not exists and not create:
        raise LibraryMissing(tr("No library at {path}; create one with 'consult init'", path=path))
    if exists:
        _check_header(path)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)

    if read_only and not exists:
        raise LibraryMissing(tr("No library at {path}", path=path))
    wal = path.with_name(path.name + "-wal")
    if exists and not read_only and wal.exists() and wal.stat().st_size > 0:
        # A -wal left by a crash: the file is looked at through a read-only connection first,
        # since closing a writing connection on a file that is then refused would checkpoint
        # that -wal into it, changing the file. (Without a -wal, the writing connection's own
        # -wal and -shm go again when it closes, leaving nothing behind.)
        probe = connect(path, read_only=True)
        try:
            _accept(probe, path)
        except sqlite3.DatabaseError as e:
            raise translate_error(e, path) from e
        finally:
            probe.close()
    conn = connect(path, read_only=read_only)
    try:
        _accept(conn, path)
        _set_pragmas(conn, path, read_only=read_only)
        db = Database(conn, execute_plugins=False)
        if read_only:
            if pending(db):
                raise LibraryError(
                    tr(
                        "{path} was written by an older version of Consult and must be brought "
                        "up to date once; open it without read-only first (nothing was changed)",
                        path=path,
                    )
                )
        else:
            migrate(db, path)
    except sqlite3.DatabaseError as e:
        conn.close()
        raise translate_error(e, path) from e
    except BaseException:
        conn.close()
        raise
    return db


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A plain connection to the library file (no pragmas, no migration)."""
    if read_only:
        target, uri = path.resolve().as_uri() + "?mode=ro", True
    else:
        target, uri = str(path), False
    return sqlite3.connect(
        target,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
        uri=uri,
    )


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as e:
        raise LibraryError(
            tr("Cannot read {path}: {reason}", path=path, reason=os_reason(e))
        ) from e
    if header != SQLITE_HEADER:
        raise NotALibrary(
            tr(
                "{path} is damaged or is not a Consult library. If it is your library, restore "
                "it from a backup ('consult backup --list', then '--restore') or save what is "
                "readable with 'consult salvage'",
                path=path,
            )
        )


def _accept(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a file that is not a Consult library, or one of a newer schema."""
    from consult.storage.migrations import SCHEMA_VERSION

    app_id, user_version, tables = _identify(conn, path)
    if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables):
        raise NotOurFile(
            tr(
                "{path} is a SQLite database of another application, not a Consult library",
                path=path,
            )
        )
    if user_version > SCHEMA_VERSION:
        raise NewerLibrary(
            tr(
                "{path} was created by a newer version of Consult (schema {schema}; this "
                "version knows schema {known}); update the app to open it",
                path=path,
                schema=user_version,
                known=SCHEMA_VERSION,
            )
        )


def _identify(conn: sqlite3.Connection, path: Path) -> tuple[int, int, int]:
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as e:
        text = str(e)
        if "malformed" in text or "not a database" in text or "corrupt" in text:
            raise NotALibrary(
                tr("{path} is damaged or is not a Consult library ({detail})", path=path, detail=e)
            ) from e
        raise translate_error(e, path) from e  # e.g. a folder SQLite cannot write its -shm in
    return app_id, user_version, tables


def _set_pragmas(conn: sqlite3.Connection, path: Path, *, read_only: bool = False) -> None:
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if read_only:
            conn.execute("PRAGMA schema_version").fetchone()  # reads the file: fails here if not
            return
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal":
            raise LibraryError(
                tr(
                    "Cannot use write-ahead logging for {path} (journal mode {mode})",
                    path=path,
                    mode=mode,
                )
            )
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        if sys.platform == "darwin":
            conn.execute("PRAGMA fullfsync = ON")
    except sqlite3.OperationalError as e:
        raise translate_error(e, path) from e


def translate_error(error: sqlite3.Error, path: str | Path | None = None) -> LibraryError:
    """Turn a SQLite error into a message a user can act on."""
    text = str(error)
    # The same sentence with and without the path: each is a whole template to translate.
    if "locked" in text or "busy" in text:
        seconds = BUSY_TIMEOUT_MS // 1000
        return LibraryBusy(
            tr(
                "The library is busy: another program kept it locked for more than {seconds} s "
                "({path}); nothing was changed, try again",
                seconds=seconds,
                path=path,
            )
            if path
            else tr(
                "The library is busy: another program kept it locked for more than {seconds} s; "
                "nothing was changed, try again",
                seconds=seconds,
            )
        )
    if "disk is full" in text or "database or disk is full" in text:
        return LibraryError(
            tr("The disk is full ({path}); nothing was changed, free space and retry", path=path)
            if path
            else tr("The disk is full; nothing was changed, free space and retry")
        )
    if "readonly" in text or "read-only" in text:
        return LibraryError(
            tr("The library is read-only ({path}); nothing was changed", path=path)
            if path
            else tr("The library is read-only; nothing was changed")
        )
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return damaged(path, text)
    if "unable to open" in text:
        return LibraryError(
            tr(
                "Cannot open the library ({path}) ({detail}). If its folder is not writable, "
                "SQLite cannot create the -wal and -shm files it needs beside the library",
                path=path,
                detail=text,
            )
            if path
            else tr(
                "Cannot open the library ({detail}). If its folder is not writable, SQLite "
                "cannot create the -wal and -shm files it needs beside the library",
                detail=text,
            )
        )
    return LibraryError(
        tr("The library could not be written ({path}): {detail}", path=path, detail=text)
        if path
        else tr("The library could not be written: {detail}", detail=text)
    )


def damaged(path: str | Path | None, detail: str) -> DamagedLibrary:
    """The error for a library SQLite finds damaged, with what the user can do about it."""
    detail = " ".join(detail.split())  # SQLite's reports run over several lines
    if len(detail) > 160:
        detail = detail[:159] + "…"
    if path:
        return DamagedLibrary(
            tr(
                "The library {path} is damaged ({detail}); nothing was changed. Restore it from "
                "a backup ('consult backup --list', then '--restore') or save what is readable "
                "with 'consult salvage'",
                path=path,
                detail=detail,
            )
        )
    return DamagedLibrary(
        tr(
            "The library is damaged ({detail}); nothing was changed. Restore it from a backup "
            "('consult backup --list', then '--restore') or save what is readable with "
            "'consult salvage'",
            detail=detail,
        )
    )


@contextmanager
def write_txn(db: Database) -> Iterator[Database]:
    """The one write path: BEGIN IMMEDIATE, the caller's writes, one COMMIT.

    sqlite-utils calls made inside nest as savepoints. On any exception everything is
    rolled back and the exception propagates (SQLite errors as LibraryError).
    """
    conn = db.conn
    if conn.in_transaction:
        raise RuntimeError("write_txn cannot be nested")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as e:
        raise translate_error(e) from e
    try:
        yield db
        conn.execute("COMMIT")
    except BaseException as e:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(e, sqlite3.DatabaseError) and not isinstance(e, sqlite3.IntegrityError):
            raise translate_error(e) from e
        raise
