"""Copies of a library made through SQLite's backup API, and integrity checks.

A live library is never copied byte by byte (that can tear a page or miss the WAL).
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from consult.errors import BackupFailedCheck, LibraryError
from consult.i18n import os_reason, tr


def backup_to(
    conn: sqlite3.Connection,
    dest: Path,
    *,
    pages: int = -1,
    progress: Callable[[int, int, int], object] | None = None,
) -> Path:
    """Write a consistent copy of the open library to `dest` (a new file) and verify it.

    If `dest` is an existing folder, the copy is named `consult-backup-<UTC time>.consult` in
    it. An existing file is never overwritten. The copy is written under a temporary name,
    checked with `integrity_check`, then renamed into place. `pages` and `progress` are
    those of `sqlite3.Connection.backup` (by default the whole file in one step, which reads
    one consistent snapshot; in steps, a write made meanwhile makes SQLite start over).
    """
    from consult import clock

    dest = Path(dest)
    if dest.is_dir():
        stamp = clock.stamp()[0].replace(":", "").replace("-", "")[:15]
        dest = dest / f"consult-backup-{stamp}.consult"
    if dest.exists():
        raise LibraryError(
            tr("{path} already exists; choose a new name (backups never overwrite)", path=dest)
        )
    if not dest.parent.is_dir():
        raise LibraryError(tr("Folder {path} does not exist", path=dest.parent))
    fd, tmp_name = tempfile.mkstemp(prefix=".consult-backup-", suffix=".tmp", dir=dest.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        target = sqlite3.connect(tmp_name)
        try:
            conn.backup(target, pages=pages, progress=progress)
            target.execute("PRAGMA journal_mode = DELETE")
            problems = integrity_problems(target)
        finally:
            target.close()
        if problems:
            raise BackupFailedCheck(
                tr(
                    "The backup failed its integrity check ({problem}); nothing was kept",
                    problem=problems[0],
                )
            )
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, dest)
    except sqlite3.Error as e:
        raise LibraryError(
            tr("Could not write the backup to {path}: {reason}", path=dest, reason=e)
        ) from e
    except OSError as e:
        raise LibraryError(
            tr("Could not write the backup to {path}: {reason}", path=dest, reason=os_reason(e))
        ) from e
    finally:
        tmp.unlink(missing_ok=True)
    return dest


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """What `PRAGMA integrity_check` (the thorough check) finds; empty when all is well."""
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows


def quick_check(conn: sqlite3.Connection) -> list[str]:
    """Problems `PRAGMA quick_check` and `foreign_key_check` find; empty when all is well."""
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        problems = [] if rows == ["ok"] else rows
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append(
                tr(
                    "{table} row {rowid} points to a missing {parent} row",
                    table=table,
                    rowid=rowid,
                    parent=parent,
                )
            )
    except sqlite3.DatabaseError as e:
        problems = [tr("the file cannot be checked: {detail}", detail=e)]
    return problems
