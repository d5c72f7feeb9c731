"""One running app per library (RELIABILITY.md, rule 5 and case 15).

The lock is a `QLockFile` named `<library>.lock` beside the library (SQLite's own files are
`-wal`, `-shm` and `-journal`, so the names never meet). When the library's folder is not
writable, the lock lives in the app's data folder instead, named after a hash of the
library's resolved path.

The lock never goes stale by age (`setStaleLockTime(0)`): a holder that is alive keeps it
however long it runs. A lock left by a holder that died without unlocking (kill -9, a power
cut) is recognised by QLockFile — the process it names is gone on this machine, or the
machine has restarted since — and taken over.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QStandardPaths

# An unreadable lock file younger than this may be one being written right now.
UNREADABLE_LOCK_GRACE_S = 10.0


@dataclass(frozen=True)
class LockHolder:
    """Who holds a library's lock, as QLockFile recorded it."""

    pid: int
    host: str
    app: str


def lock_path(library_path: str | Path) -> Path:
    """Where the lock of the library at `library_path` is kept (the same file for every path
    that leads to the library: relative, through a link …)."""
    resolved = Path(library_path).expanduser().resolve()
    folder = resolved.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # on first run the library's folder is made with the library
    if os.access(folder, os.W_OK):
        return resolved.with_name(resolved.name + ".lock")
    digest = hashlib.sha256(str(resolved).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    stem = re.sub(r"[^\w.-]+", "_", resolved.stem)[:40] or "library"
    return fallback_folder() / f"{stem}-{digest}.lock"


def fallback_folder() -> Path:
    """The folder for the locks of libraries whose own folder is not writable."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base) / "locks"


class LibraryLock:
    """The lock that says "this library is open in a running Consult"."""

    def __init__(self, library_path: str | Path) -> None:
        self.path = lock_path(library_path)
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(0)
        self.unavailable = ""  # why the lock file could not be written, after acquire()

    def acquire(self) -> bool:
        """Take the lock now (taking over a stale one). False if a live holder has it, or if
        the lock file cannot be written (`unavailable` then says why)."""
        self.unavailable = ""
        if self._lock.isLocked():
            return True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            self.unavailable = f"{self.path.parent}: {e.strerror or e}"
            return False
        if self._lock.tryLock(0):
            return True
        if self._lock.error() != QLockFile.LockError.LockFailedError:
            self.unavailable = f"{self.path}: {self._lock.error().name}"
            return False
        # A lock file that names no holder was cut short while being written (a crash, a
        # power cut): QLockFile never calls it stale when stale locks have no age limit.
        if self.holder() is None and self._age() > UNREADABLE_LOCK_GRACE_S:
            self._lock.removeStaleLockFile()
            return self._lock.tryLock(0)
        return False

    def _age(self) -> float:
        try:
            return time.time() - self.path.stat().st_mtime
        except OSError:
            return 0.0

    def holder(self) -> LockHolder | None:
        """Who holds the lock (None if nobody, or if the lock file cannot be read)."""
        info = self._lock.getLockInfo()
        if not info:
            return None
        pid, host, app = info
        return LockHolder(int(pid), str(host), str(app)) if pid else None

    @property
    def held(self) -> bool:
        return self._lock.isLocked()

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()
