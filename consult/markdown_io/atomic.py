"""Writing a file so that it is either all there or not there at all.

The text goes to a hidden temporary file in the same folder, is flushed and fsynced, and only
then renamed over the final name (`os.replace`, atomic on one file system). On any failure
(disk full, I/O error, permission) the temporary file is removed, a file that was at the final
name keeps its old content, and the error names the file and the system's reason.
"""

from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path

from consult.errors import ConsultError
from consult.i18n import os_reason, tr


class WriteFailed(ConsultError):
    """A file could not be written; the message names it and says why."""


def write_atomic(path: Path, text: str, *, replace: bool = False) -> None:
    """Write `text` (UTF-8) to `path` atomically.

    Without `replace`, a file that appears at `path` while we write is not replaced: that
    raises WriteFailed (FolderNames already steers clear of the files that were there).
    """
    data = text.encode("utf-8")
    temp = path.with_name(f".{secrets.token_hex(6)}.consult-tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    except OSError as e:
        raise WriteFailed(_message(path, e)) from e
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if not replace and os.path.lexists(path):
            raise FileExistsError(
                errno.EEXIST, tr("a file of that name appeared meanwhile"), str(path)
            )
        os.replace(temp, path)
    except OSError as e:
        _remove(temp)
        raise WriteFailed(_message(path, e)) from e
    except BaseException:
        _remove(temp)
        raise


def sync_folder(folder: Path) -> None:
    """fsync a folder so that the renames into it survive a power cut (POSIX only)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems do not sync folders; the files themselves are synced
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _message(path: Path, error: OSError) -> str:
    return tr("Could not write {path}: {reason}", path=path, reason=os_reason(error))
