"""Errors a user can act on. Each carries a message fit to show as it is."""

from consult.i18n import tr


class ConsultError(Exception):
    """Base of every error caused by the user's input or the library's state (not a bug)."""


class NotFound(ConsultError):
    """A proposal, version or tag that does not exist."""


class InvalidInput(ConsultError):
    """A value the user gave that cannot be stored (empty title, unknown kind, NUL bytes …)."""


class LibraryError(ConsultError):
    """The library file cannot be used as asked."""


class NotALibrary(LibraryError):
    """The file is damaged or is not a Consult library."""


class NotOurFile(NotALibrary):
    """The file is a database of another application (its header says so)."""


class NewerLibrary(LibraryError):
    """The library was written by a newer version of the app; it is left untouched."""


class LibraryMissing(LibraryError):
    """No library exists at the path."""


class LibraryBusy(LibraryError):
    """Another program held the library's write lock for longer than the busy timeout."""


class CorruptVersion(LibraryError):
    """A stored version does not match its SHA-256: its text is never returned."""


class DamagedLibrary(NotALibrary):
    """SQLite finds the library damaged (a corrupt page, a failed quick_check): writes are
    refused; restore from a backup or salvage the readable proposals."""


class ReadOnlyLibrary(LibraryError):
    """A change was asked of a library opened read-only."""


class MigrationFailed(LibraryError):
    """Bringing the library up to this app's schema failed; it was left as it was.

    `backup` is the copy made just before the migration (None if none could be made).
    """

    def __init__(self, message: str, backup: object = None) -> None:
        super().__init__(message)
        self.backup = backup


class BackupFailedCheck(LibraryError):
    """A copy of the library failed SQLite's integrity check: the library itself is damaged."""


class InstructionError(ConsultError):
    """Amendment instructions that cannot be read or carried out: an unknown instruction, an
    article the text does not have, a phrase found zero or several times. `line` is where the
    instruction starts (1-based) in the instructions' text, 0 when not known; the message
    names it ("line 7: 第九十条 is not in the text")."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(
            tr("line {line}: {message}", line=line, message=message) if line else message
        )
        self.line = line
        self.reason = message  # the message without the line
