"""Errors a user can act on. Each carries a message fit to show as it is."""


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
