"""The dialogs shown when a library cannot simply be opened (RELIABILITY.md, cases 9–13, 15, 18).

Each function asks one question and returns the answer; none of them touches the library
(ui.opening acts on the answers). Every message box goes through `ask`, so that tests can
answer for the user, and `choose_backup` lists a library's backups for File → Restore from
Backup as well.
"""

from __future__ import annotations

import enum
import socket
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from consult.backups import BackupInfo
from ui.accessibility import describe
from ui.instance_lock import LockHolder

Icon = QMessageBox.Icon
Role = QMessageBox.ButtonRole


class Answer(enum.Enum):
    READ_ONLY = "read-only"
    ANYWAY = "anyway"
    CANCEL = "cancel"
    RESTORE = "restore"
    SALVAGE = "salvage"
    OPEN_ANOTHER = "open-another"
    QUIT = "quit"
    OK = "ok"


class Problem(enum.Enum):
    """What kind of file refused to open as a library."""

    DAMAGED = "damaged"  # SQLite says so (a bad page, a failed quick_check)
    UNREADABLE = "unreadable"  # not an SQLite file: a destroyed header, or another kind of file
    FOREIGN = "foreign"  # an SQLite database of another application


def ask(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    informative: str,
    choices: Sequence[tuple[Answer, str, QMessageBox.ButtonRole]],
    *,
    default: Answer,
    details: str = "",
) -> Answer:
    """A message box with `choices` (answer, button text, role); the answer clicked. Closing
    the box (Esc, the window's close button) answers the choice with the RejectRole."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("openProblemBox")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(informative)
    if details:
        box.setDetailedText(details)
    buttons: dict[QAbstractButton, Answer] = {}
    for answer, label, role in choices:
        button = box.addButton(label, role)
        button.setObjectName(f"{answer.value}Button")
        buttons[button] = answer
        if answer is default:
            box.setDefaultButton(button)
        if role is Role.RejectRole:
            box.setEscapeButton(button)
    box.exec()
    clicked = buttons.get(box.clickedButton())
    if clicked is not None:
        return clicked
    rejecting = [a for a, _, role in choices if role is Role.RejectRole]
    return rejecting[0] if rejecting else choices[-1][0]


def tell(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, info: str) -> None:
    """A message with a single OK."""
    ok = QCoreApplication.translate("OpenProblem", "OK")
    ask(parent, icon, title, text, info, [(Answer.OK, ok, Role.AcceptRole)], default=Answer.OK)


# -- before opening ---------------------------------------------------------------------------


def warn_risky_location(
    path: Path, reason: str, *, creating: bool, parent: QWidget | None = None
) -> Answer:
    """Network drive or synced folder: READ_ONLY, ANYWAY (explicitly confirmed) or CANCEL."""
    text = (
        QCoreApplication.translate("OpenProblem", "The library %1 would be created %2.")
        if creating
        else QCoreApplication.translate("OpenProblem", "The library %1 is %2.")
    )
    info = QCoreApplication.translate(
        "OpenProblem",
        "Network and sync folders can corrupt libraries: the file can be changed by another "
        "computer, or replaced by the sync service, while Consult is writing it. Keep the "
        "library on this computer's own disk, and use Export or Backup to share it.",
    )
    choices = []
    if not creating:
        choices.append(
            (
                Answer.READ_ONLY,
                QCoreApplication.translate("OpenProblem", "Open &read-only"),
                Role.AcceptRole,
            )
        )
    anyway = (
        QCoreApplication.translate("OpenProblem", "&Create it there anyway")
        if creating
        else QCoreApplication.translate("OpenProblem", "Open &anyway")
    )
    choices.append((Answer.ANYWAY, anyway, Role.DestructiveRole))
    choices.append(
        (Answer.CANCEL, QCoreApplication.translate("OpenProblem", "Cancel"), Role.RejectRole)
    )
    return ask(
        parent,
        Icon.Warning,
        QCoreApplication.translate("OpenProblem", "Library on a network or sync folder"),
        text.replace("%1", str(path)).replace("%2", reason),
        info,
        choices,
        default=Answer.CANCEL if creating else Answer.READ_ONLY,
    )


def already_open(
    path: Path, holder: LockHolder | None, *, can_read_only: bool, parent: QWidget | None = None
) -> Answer:
    """Another running Consult has the library: READ_ONLY or CANCEL."""
    info = QCoreApplication.translate(
        "OpenProblem",
        "Only one window can change a library at a time. Open it read-only to read, compare "
        "and export its proposals here, or switch to the window that has it.",
    )
    if not can_read_only:
        info = QCoreApplication.translate(
            "OpenProblem", "It is being created there; try again in a moment."
        )
    choices = []
    if can_read_only:
        choices.append(
            (
                Answer.READ_ONLY,
                QCoreApplication.translate("OpenProblem", "Open &read-only"),
                Role.AcceptRole,
            )
        )
    choices.append(
        (Answer.CANCEL, QCoreApplication.translate("OpenProblem", "Cancel"), Role.RejectRole)
    )
    return ask(
        parent,
        Icon.Information,
        QCoreApplication.translate("OpenProblem", "Library already open"),
        already_open_text(holder) + "\n" + str(path),
        info,
        choices,
        default=choices[0][0],
    )


def already_open_text(holder: LockHolder | None) -> str:
    """ "Already open in another window (PID 123)", naming the computer when it is another."""
    if holder is None:
        return QCoreApplication.translate("OpenProblem", "Already open in another window.")
    if holder.host and holder.host != socket.gethostname():
        return (
            QCoreApplication.translate("OpenProblem", "Already open on the computer %1 (PID %2).")
            .replace("%1", holder.host)
            .replace("%2", str(holder.pid))
        )
    return QCoreApplication.translate(
        "OpenProblem", "Already open in another window (PID %1)."
    ).replace("%1", str(holder.pid))


# -- after a failed open ----------------------------------------------------------------------


def library_problem(
    path: Path,
    problem: Problem,
    error: Exception,
    *,
    has_backups: bool,
    parent: QWidget | None = None,
) -> Answer:
    """A damaged file, or one that is not a library: RESTORE, SALVAGE, OPEN_ANOTHER or QUIT."""
    if problem is Problem.FOREIGN:
        text = QCoreApplication.translate(
            "OpenProblem", "This file is not our file: it is a database of another application."
        )
        info = QCoreApplication.translate(
            "OpenProblem", "Consult has not changed it. Open a Consult library instead, or quit."
        )
    else:
        text = QCoreApplication.translate(
            "OpenProblem", "This file is damaged or is not a Consult library."
        )
        if has_backups:
            info = QCoreApplication.translate(
                "OpenProblem",
                "Consult has not changed it. You can restore the library from one of its "
                "backups (the file as it is now is kept aside), save the proposals that can "
                "still be read as Markdown files, or open another library.",
            )
        else:
            info = QCoreApplication.translate(
                "OpenProblem",
                "Consult has not changed it, and has no backup of this library. You can save "
                "the proposals that can still be read as Markdown files, or open another "
                "library.",
            )
    choices = []
    if problem is not Problem.FOREIGN:
        if has_backups:
            choices.append(
                (
                    Answer.RESTORE,
                    QCoreApplication.translate("OpenProblem", "&Restore from backup…"),
                    Role.AcceptRole,
                )
            )
        choices.append(
            (
                Answer.SALVAGE,
                QCoreApplication.translate("OpenProblem", "&Salvage readable proposals…"),
                Role.ActionRole,
            )
        )
    choices.append(
        (
            Answer.OPEN_ANOTHER,
            QCoreApplication.translate("OpenProblem", "&Open another…"),
            Role.ActionRole,
        )
    )
    choices.append(
        (Answer.QUIT, QCoreApplication.translate("OpenProblem", "&Quit"), Role.RejectRole)
    )
    return ask(
        parent,
        Icon.Critical,
        QCoreApplication.translate("OpenProblem", "Cannot open the library"),
        text + "\n" + str(path),
        info,
        choices,
        default=choices[0][0],
        details=str(error),
    )


def newer_library(path: Path, error: Exception, parent: QWidget | None = None) -> Answer:
    """A library of a newer Consult: OPEN_ANOTHER or QUIT."""
    return ask(
        parent,
        Icon.Warning,
        QCoreApplication.translate("OpenProblem", "Library from a newer version"),
        str(error),
        QCoreApplication.translate(
            "OpenProblem",
            "Consult has not changed it. Update Consult to open it, or open another library.",
        ),
        [
            (
                Answer.OPEN_ANOTHER,
                QCoreApplication.translate("OpenProblem", "&Open another…"),
                Role.ActionRole,
            ),
            (Answer.QUIT, QCoreApplication.translate("OpenProblem", "&Quit"), Role.RejectRole),
        ],
        default=Answer.QUIT,
    )


def migration_failed(
    path: Path, error: Exception, backup: Path | None, parent: QWidget | None = None
) -> None:
    """The library could not be brought up to date: what happened, where its backup is."""
    if backup is not None:
        info = QCoreApplication.translate(
            "OpenProblem",
            "The library was left as it was. A copy made just before the update is at:\n%1\n\n"
            "Consult will try again the next time it starts.",
        ).replace("%1", str(backup))
    else:
        info = QCoreApplication.translate(
            "OpenProblem",
            "The library was left as it was. Consult will try again the next time it starts.",
        )
    ask(
        parent,
        Icon.Critical,
        QCoreApplication.translate("OpenProblem", "Could not update the library"),
        QCoreApplication.translate(
            "OpenProblem", "Consult could not bring the library %1 up to date for this version."
        ).replace("%1", str(path)),
        info,
        [(Answer.QUIT, QCoreApplication.translate("OpenProblem", "&Quit"), Role.RejectRole)],
        default=Answer.QUIT,
        details=str(error),
    )


def unwritable_folder(path: Path, error: Exception, parent: QWidget | None = None) -> Answer:
    """SQLite cannot read the library in a folder it cannot write to: OPEN_ANOTHER or QUIT."""
    return ask(
        parent,
        Icon.Warning,
        QCoreApplication.translate("OpenProblem", "Cannot open the library here"),
        QCoreApplication.translate(
            "OpenProblem",
            "The folder %1 is not writable, and SQLite needs to create its -wal and -shm files "
            "beside the library, even to read it.",
        ).replace("%1", str(path.parent)),
        QCoreApplication.translate(
            "OpenProblem",
            "Nothing was changed. Copy the library into a folder you can write to and open the "
            "copy, or ask for write access to this folder.",
        ),
        [
            (
                Answer.OPEN_ANOTHER,
                QCoreApplication.translate("OpenProblem", "&Open another…"),
                Role.ActionRole,
            ),
            (Answer.QUIT, QCoreApplication.translate("OpenProblem", "&Quit"), Role.RejectRole),
        ],
        default=Answer.QUIT,
        details=str(error),
    )


def cannot_open(path: Path, error: Exception, parent: QWidget | None = None) -> None:
    """Any other reason the library cannot be opened (busy, unreadable folder …)."""
    ask(
        parent,
        Icon.Critical,
        QCoreApplication.translate("OpenProblem", "Cannot open the library"),
        str(error),
        QCoreApplication.translate("OpenProblem", "Nothing was changed."),
        [(Answer.QUIT, QCoreApplication.translate("OpenProblem", "&Quit"), Role.RejectRole)],
        default=Answer.QUIT,
    )


# -- file choosers ----------------------------------------------------------------------------


def ask_library_file(start: Path, parent: QWidget | None = None) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("OpenProblem", "Open a library"),
        str(start),
        QCoreApplication.translate("OpenProblem", "Consult libraries (*.consult);;All files (*)"),
    )
    return Path(name) if name else None


def ask_salvage_folder(parent: QWidget | None = None) -> Path | None:
    name = QFileDialog.getExistingDirectory(
        parent,
        QCoreApplication.translate(
            "OpenProblem", "Folder for the salvaged proposals (Markdown files)"
        ),
    )
    return Path(name) if name else None


# -- backups ----------------------------------------------------------------------------------


class BackupChooser(QDialog):
    """The backups of one library, newest first, with their dates; one can be chosen."""

    def __init__(self, backups: Sequence[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupChooser")
        self.setWindowTitle(self.tr("Restore from backup"))
        intro = QLabel(
            self.tr(
                "Choose the backup to restore. The library as it is now is kept aside, so a "
                "restore can be undone by restoring that copy."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("backupList")
        describe(
            self.list,
            self.tr("Backups"),
            self.tr("The library's backups, newest first, with when and why each was made"),
        )
        for backup in sorted(backups, key=lambda b: b.created, reverse=True):
            item = QListWidgetItem(self.describe(backup))
            item.setData(Qt.ItemDataRole.UserRole, backup)
            item.setToolTip(str(backup.path))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(self.accept)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        restore = buttons.button(QDialogButtonBox.StandardButton.Ok)
        restore.setText(self.tr("&Restore"))
        describe(
            restore,
            self.tr("Restore"),
            self.tr("Replace the library with the chosen backup"),
        )
        describe(
            buttons.button(QDialogButtonBox.StandardButton.Cancel),
            self.tr("Cancel"),
            self.tr("Close without restoring anything"),
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(560, 320)

    def describe(self, backup: BackupInfo) -> str:
        when = backup.created.astimezone().strftime("%Y-%m-%d %H:%M")
        reasons = {
            "open": self.tr("made when the library was opened"),
            "periodic": self.tr("made while you worked"),
            "migration": self.tr("made before an update of the library"),
            "manual": self.tr("made on request"),
            "before-restore": self.tr("the library as it was before a restore"),
        }
        return (
            self.tr("%1 — %2 — %3")
            .replace("%1", when)
            .replace("%2", reasons.get(backup.reason, backup.reason))
            .replace("%3", _size(backup.size))
        )

    def selected(self) -> BackupInfo | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


def choose_backup(
    backups: Sequence[BackupInfo], parent: QWidget | None = None
) -> BackupInfo | None:
    """Let the user pick one of `backups`; None if they cancel (or there are none)."""
    if not backups:
        return None
    dialog = BackupChooser(backups, parent)
    return dialog.selected() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"
