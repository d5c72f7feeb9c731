"""Rolling backups of a library: made through SQLite's backup API, verified, thinned, restored.

Each library has its own folder of backups, away from the library itself (a disk or a sync
conflict that damages the library's folder does not take its backups with it):

    <app data>/backups/<library name>-<hash of its path>/
        20261125T093012123456Z-open.consult
        20261125T101500654321Z-periodic.consult
        library.txt                  which library these are the backups of

`CONSULT_BACKUPS` overrides `<app data>/backups`. The app makes a backup when it opens a
library, every few minutes while something changed, and before every migration; `consult
backup` makes one on demand. Every backup passes `integrity_check` before it is kept (see
consult.storage.backup.backup_to), and only then may older ones be thinned: the newest few are
always kept, then the newest of each of the last days, weeks and months (Anki's rule).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import platformdirs

from consult.errors import LibraryError
from consult.i18n import os_reason, tr
from consult.paths import APP_NAME
from consult.storage.backup import backup_to, integrity_problems, quick_check

KEEP_RECENT = 8  # the newest backups, whatever their age
KEEP_DAILY = 7  # then the newest of each of this many days …
KEEP_WEEKLY = 8  # … weeks …
KEEP_MONTHLY = 12  # … and months
REASONS = ("open", "periodic", "migration", "manual", "before-restore")
_NAME = re.compile(r"^(\d{8}T\d{12}Z)(?:-\d+)?-([a-z-]+)\.consult$")
_STAMP = "%Y%m%dT%H%M%S%fZ"


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: when it was made (UTC) and why."""

    path: Path
    created: datetime
    reason: str
    size: int


def backups_root() -> Path:
    override = os.environ.get("CONSULT_BACKUPS")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "backups"


def backup_folder(library_path: str | Path) -> Path:
    """The folder holding the backups of the library at `library_path`."""
    resolved = Path(library_path).expanduser().resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8", "surrogatepass")).hexdigest()[:10]
    stem = re.sub(r"[^\w.-]+", "_", resolved.stem)[:40] or "library"
    return backups_root() / f"{stem}-{digest}"


def list_backups(library_path: str | Path) -> list[BackupInfo]:
    """This library's backups, newest first (files that are not backups are ignored)."""
    folder = backup_folder(library_path)
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if not match or not entry.is_file():
            continue
        created = datetime.strptime(match[1], _STAMP).replace(tzinfo=UTC)
        found.append(BackupInfo(entry, created, match[2], entry.stat().st_size))
    return sorted(found, key=lambda b: (b.created, b.path.name), reverse=True)


def make_backup(
    library_path: str | Path,
    reason: str,
    *,
    source: sqlite3.Connection | None = None,
    now: datetime | None = None,
    thin_after: bool = True,
) -> BackupInfo:
    """Back up the library into its backups folder, verify the copy, then thin older ones.

    `source` is a connection to read from; by default a read-only connection of its own (so
    that a backup in a worker thread never holds up the app's writes). Raises LibraryError
    when the backup cannot be written or fails its check; older backups are then untouched.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    library_path = Path(library_path)
    folder = backup_folder(library_path)
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        note = folder / "library.txt"
        if not note.exists():
            text = tr("Backups of the Consult library {path}", path=library_path.resolve())
            note.write_text(text + "\n", "utf-8")
    except OSError as e:
        raise LibraryError(
            tr(
                "Cannot create the backups folder {path}: {reason}",
                path=folder,
                reason=os_reason(e),
            )
        ) from e
    dest = _free_name(folder, moment, reason)
    if source is not None:
        written = backup_to(source, dest)
    else:
        from consult.storage.connection import connect

        conn = connect(library_path, read_only=True)
        try:
            written = backup_to(conn, dest)
        except sqlite3.Error as e:
            raise LibraryError(
                tr("Could not back up {path}: {reason}", path=library_path, reason=e)
            ) from e
        finally:
            conn.close()
    info = BackupInfo(written, moment, reason, written.stat().st_size)
    if thin_after:
        thin(library_path, now=moment)
    return info


def thin(library_path: str | Path, *, now: datetime | None = None) -> list[Path]:
    """Delete the backups that `to_keep` does not keep; returns the deleted paths."""
    backups = list_backups(library_path)
    keep = to_keep(backups, now or datetime.now(UTC))
    removed = []
    for backup in backups:
        if backup.path not in keep:
            try:
                backup.path.unlink()
            except OSError:
                continue  # tried again after the next backup
            removed.append(backup.path)
    return removed


def to_keep(backups: Iterable[BackupInfo], now: datetime) -> set[Path]:
    """Which backups to keep: the KEEP_RECENT newest, then the newest of each of the last
    KEEP_DAILY days, KEEP_WEEKLY weeks and KEEP_MONTHLY months (by UTC calendar)."""
    newest_first = sorted(backups, key=lambda b: b.created, reverse=True)
    keep = {b.path for b in newest_first[:KEEP_RECENT]}
    today = now.astimezone(UTC).date()
    buckets: list[tuple[str, int, object]] = [
        ("day", KEEP_DAILY, lambda d: d),
        ("week", KEEP_WEEKLY, lambda d: d - timedelta(days=d.weekday())),
        ("month", KEEP_MONTHLY, lambda d: (d.year, d.month)),
    ]
    for _name, count, bucket_of in buckets:
        wanted = {bucket_of(today)}  # type: ignore[operator]
        day = today
        while len(wanted) < count:
            day -= timedelta(days=1)
            wanted.add(bucket_of(day))  # type: ignore[operator]
        seen = set()
        for backup in newest_first:
            bucket = bucket_of(backup.created.astimezone(UTC).date())  # type: ignore[operator]
            if bucket in wanted and bucket not in seen:
                seen.add(bucket)
                keep.add(backup.path)
    return keep


def verify_backup(path: str | Path) -> None:
    """Raise LibraryError unless `path` is a whole Consult library this app can open."""
    from consult.storage.connection import APPLICATION_ID, SQLITE_HEADER, connect
    from consult.storage.migrations import SCHEMA_VERSION

    path = Path(path)
    try:
        with path.open("rb") as f:
            if f.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise LibraryError(
                    tr(
                        "{path} is not a Consult backup (not an SQLite database); nothing was "
                        "changed",
                        path=path,
                    )
                )
    except OSError as e:
        raise LibraryError(
            tr("Cannot read the backup {path}: {reason}", path=path, reason=os_reason(e))
        ) from e
    conn = connect(path, read_only=True)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        schema = conn.execute("PRAGMA user_version").fetchone()[0]
        problems = integrity_problems(conn)
    except sqlite3.DatabaseError as e:
        raise LibraryError(
            tr("The backup {path} is damaged ({detail}); nothing was changed", path=path, detail=e)
        ) from e
    finally:
        conn.close()
    if app_id != APPLICATION_ID:
        raise LibraryError(tr("{path} is not a Consult backup; nothing was changed", path=path))
    if schema > SCHEMA_VERSION:
        raise LibraryError(
            tr(
                "The backup {path} was made by a newer version of Consult (schema {schema}); "
                "update the app to restore it; nothing was changed",
                path=path,
                schema=schema,
            )
        )
    if problems:
        raise LibraryError(
            tr(
                "The backup {path} fails its integrity check ({problem}); nothing was changed",
                path=path,
                problem=problems[0],
            )
        )


def restore(library_path: str | Path, backup_path: str | Path) -> Path | None:
    """Replace the library's content with the backup's; returns where the old one was kept.

    The backup is verified first (nothing changes if it is bad). A readable library is first
    backed up itself (reason "before-restore"); a damaged one is copied byte for byte to
    `<name>.corrupt-<time>` (with its -wal). Then the library is overwritten page by page
    through the backup API, so that SQLite's own -wal / -shm stay consistent and a window that
    has the library open reads the restored content. Only a file SQLite cannot open at all is
    replaced by a new file instead (its -wal / -shm renamed to go with the kept copy).
    """

    library_path, backup_path = Path(library_path), Path(backup_path)
    if backup_path.exists() and library_path.exists() and backup_path.samefile(library_path):
        raise LibraryError(
            tr(
                "{path} is the library itself, not a backup of it; nothing was changed",
                path=backup_path,
            )
        )
    verify_backup(backup_path)
    if not library_path.exists() or library_path.stat().st_size == 0:
        library_path.parent.mkdir(parents=True, exist_ok=True)
        _copy_into_new_file(backup_path, library_path)
        return None
    if _readable(library_path):
        # Thinned only after the restore: the backup being restored must not go first.
        kept = make_backup(library_path, "before-restore", thin_after=False).path
        _overwrite(library_path, backup_path, kept)
        thin(library_path)
        return kept
    # Damaged: a byte copy of it is kept (with its -wal), then the backup is written over it
    # through the backup API (so that a window that has it open reads the restored library).
    # If SQLite cannot even open it that way, the damaged file is moved aside instead.
    kept = _keep_damaged_copy(library_path)
    try:
        _overwrite(library_path, backup_path, kept)
    except LibraryError:
        _move_aside_and_copy(library_path, backup_path, kept)
    return kept


def _overwrite(library_path: Path, backup_path: Path, kept: Path) -> None:
    from consult.storage.connection import BUSY_TIMEOUT_MS, connect

    source = connect(backup_path, read_only=True)
    target = connect(library_path)
    try:
        target.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        source.backup(target)
        target.execute("PRAGMA journal_mode = WAL")
        problems = quick_check(target)
    except sqlite3.Error as e:
        raise LibraryError(
            tr(
                "Could not restore {path} from {backup}: {reason}; the library as it was is "
                "kept in {kept}",
                path=library_path,
                backup=backup_path,
                reason=e,
                kept=kept,
            )
        ) from e
    finally:
        source.close()
        target.close()
    if problems:
        raise LibraryError(
            tr("The restored library fails its check ({problem})", problem=problems[0])
        )


def _readable(path: Path) -> bool:
    from consult.storage.connection import APPLICATION_ID, connect

    try:
        conn = connect(path, read_only=True)
    except sqlite3.Error:
        return False
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return False
        return not quick_check(conn)
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def _keep_damaged_copy(library_path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = library_path.with_name(f"{library_path.name}.corrupt-{stamp}")
    try:
        shutil.copyfile(library_path, kept)
        wal = library_path.with_name(library_path.name + "-wal")
        if wal.exists():
            shutil.copyfile(wal, kept.with_name(kept.name + "-wal"))
    except OSError as e:
        raise LibraryError(
            tr(
                "Could not keep a copy of the damaged library before restoring: {reason}; "
                "nothing was changed",
                reason=os_reason(e),
            )
        ) from e
    return kept


def _move_aside_and_copy(library_path: Path, backup_path: Path, kept: Path) -> None:
    fresh = library_path.with_name(f".{library_path.name}.restoring")
    fresh.unlink(missing_ok=True)
    try:
        _copy_into_new_file(backup_path, fresh)
        # The damaged file's -wal belongs to it: left beside the restored file, SQLite would
        # replay its pages into the restored library. It goes with the kept copy.
        for suffix in ("-wal", "-shm"):
            side = library_path.with_name(library_path.name + suffix)
            if side.exists():
                os.replace(side, kept.with_name(kept.name + suffix))
        os.replace(fresh, library_path)
    except OSError as e:
        fresh.unlink(missing_ok=True)
        raise LibraryError(
            tr("Could not restore {path}: {reason}", path=library_path, reason=os_reason(e))
        ) from e


def _copy_into_new_file(backup_path: Path, dest: Path) -> None:
    from consult.storage.connection import connect

    source = connect(backup_path, read_only=True)
    target = sqlite3.connect(str(dest))
    try:
        source.backup(target)
    except sqlite3.Error as e:
        raise LibraryError(
            tr("Could not copy the backup {path}: {reason}", path=backup_path, reason=e)
        ) from e
    finally:
        source.close()
        target.close()


def _free_name(folder: Path, moment: datetime, reason: str) -> Path:
    stamp = moment.strftime(_STAMP)
    dest = folder / f"{stamp}-{reason}.consult"
    n = 1
    while dest.exists():
        n += 1
        dest = folder / f"{stamp}-{n}-{reason}.consult"
    return dest
