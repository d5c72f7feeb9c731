"""Keeping the open library safe while the window runs: backups and restore.

A backup is made in a worker thread once the window is up, then every few minutes when the
window changed something since the last one (see consult.backups: each is verified with
`integrity_check`, older ones are thinned only after that). A backup that fails its check
means the library itself is damaged: the window turns read-only and says so, offering a
restore. File → Restore from Backup… lists the library's backups and restores one in place.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from consult import backups
from consult.errors import BackupFailedCheck, ConsultError
from consult.library import Library
from ui.workers import Task

BACKUP_INTERVAL_MS = 10 * 60 * 1000


class BackupKeeper(QObject):
    """Backs up `library` on open and periodically when it changed.

    Signals: `backedUp(path)`; `failed(message)`; `damaged(message)` when the copy of the
    library fails its integrity check (the library itself is damaged)."""

    backedUp = Signal(str)
    failed = Signal(str)
    damaged = Signal(str)

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.interval_ms = BACKUP_INTERVAL_MS
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.back_up_if_changed)
        self._task: Task | None = None
        self._changes_backed_up: int | None = None

    def start(self) -> None:
        """The backup made on open, then the periodic ones."""
        self._back_up("open")
        self._timer.start(self.interval_ms)

    def stop(self) -> None:
        self._timer.stop()

    def back_up_if_changed(self) -> None:
        if self.library.db.conn.total_changes != self._changes_backed_up:
            self._back_up("periodic")

    def is_running(self) -> bool:
        return self._task is not None and self._task.is_running()

    def _back_up(self, reason: str) -> None:
        if self.is_running():
            return
        path, changes = self.library.path, self.library.db.conn.total_changes

        def job(_progress, _cancelled) -> Path | BackupFailedCheck:
            try:
                return backups.make_backup(path, reason).path
            except BackupFailedCheck as e:  # the library itself is damaged: not a mere failure
                return e

        task = Task(job, self)
        task.finished.connect(lambda made: self._done(made, changes))
        task.failed.connect(self._failed)
        self._task = task
        task.start()

    def _done(self, made: Path | BackupFailedCheck, changes: int) -> None:
        if isinstance(made, BackupFailedCheck):
            self.damaged.emit(str(made))
            return
        self._changes_backed_up = changes
        self.backedUp.emit(str(made))

    def _failed(self, message: str) -> None:
        self.failed.emit(message)


def restore_from_backup(
    library: Library, parent: QWidget, before: Callable[[], bool], after: Callable[[], None]
) -> bool:
    """Let the user pick one of the library's backups and restore it in place.

    `before()` is asked first (e.g. to save or keep the editor's text; False cancels);
    `after()` is called once the library's content was replaced, to show it again.
    """
    from ui.dialogs.open_problem import choose_backup

    found = backups.list_backups(library.path)
    if not found:
        QMessageBox.information(
            parent,
            QCoreApplication.translate("Safety", "Restore from Backup"),
            QCoreApplication.translate(
                "Safety", "There is no backup of this library yet. Backups are made in %1."
            ).replace("%1", str(backups.backup_folder(library.path))),
        )
        return False
    chosen = choose_backup(found, parent)
    if chosen is None or not before():
        return False
    when = chosen.created.astimezone().strftime("%Y-%m-%d %H:%M")
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("Safety", "Restore from Backup"),
        QCoreApplication.translate(
            "Safety",
            "Replace the whole library with the backup of %1? Everything saved since then is "
            "replaced; the library as it is now is kept as a backup first, so this can be undone.",
        ).replace("%1", when),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        kept = backups.restore(library.path, chosen.path)
    except ConsultError as e:
        QMessageBox.critical(
            parent,
            QCoreApplication.translate("Safety", "Could not restore the library"),
            str(e)
            + "\n\n"
            + QCoreApplication.translate("Safety", "The library was left as it was."),
        )
        return False
    after()
    QMessageBox.information(
        parent,
        QCoreApplication.translate("Safety", "Library restored"),
        QCoreApplication.translate(
            "Safety", "The library was restored from the backup of %1."
        ).replace("%1", when)
        + (
            "\n\n"
            + QCoreApplication.translate("Safety", "The library as it was is kept in %1.").replace(
                "%1", str(kept)
            )
            if kept
            else ""
        ),
    )
    return True
