"""Everything a user can see of the window and its dialogs, opened the way a user would, and
the texts it shows (for tests/ui/test_translations.py and tests/ui/test_accessibility.py).

`open_everything` builds the main window on a library, shows each page and opens each main
dialog (new proposal, export, import, recovered drafts, backups, the read-only banner), and
shows every message box of the opening flow and of the window with QMessageBox patched so
that nothing waits for a click. `shown_texts` lists the texts a widget tree shows: titles,
menus and actions, buttons, labels, tabs, tool tips, placeholders, column headers, list
items, accessible names and descriptions.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)
from ui_helpers import make_window

from consult import i18n
from consult.backups import BackupInfo
from consult.errors import ConsultError
from consult.library import Library
from ui import opening
from ui.dialogs import open_problem
from ui.dialogs.amendment_dialog import ApplyInstructionsDialog, DraftAmendmentDialog
from ui.dialogs.export_dialog import ExportDialog
from ui.dialogs.import_dialog import ImportDialog
from ui.dialogs.new_proposal import NewProposalDialog
from ui.dialogs.open_problem import BackupChooser, Problem
from ui.dialogs.recovery import RecoveryDialog
from ui.instance_lock import LockHolder
from ui.main_window import MainWindow


@dataclass
class Everything:
    """What `open_everything` opened: the window, the dialogs, and the message boxes shown
    (as lists of their texts)."""

    window: MainWindow
    dialogs: list[QDialog] = field(default_factory=list)
    messages: list[list[str]] = field(default_factory=list)
    content: set[str] = field(default_factory=set)

    def widgets(self) -> list[QWidget]:
        return [self.window, *self.dialogs]


def open_everything(qtbot, library: Library, tmp_path: Path, monkeypatch) -> Everything:
    """See the module docstring. The core speaks the window's language, as in the app."""
    messages: list[list[str]] = []
    _patch_message_boxes(monkeypatch, messages)
    window = make_window(qtbot, library)
    found = Everything(window, messages=messages, content=library_content(library))
    found.content.add(str(tmp_path))

    # The pages: history of a proposal with versions, then two of its versions compared.
    proposal = next(p for p in library.list_proposals() if p.versions >= 3 and p.base)
    window._select(proposal.id)
    window.tabs.setCurrentIndex(1)
    window.compare_versions(proposal.id, 1, proposal.versions)
    qtbot.waitUntil(lambda: not window.compare_view.is_busy(), timeout=10_000)
    # The amendment instructions for that comparison, and instructions applied to it (one
    # that fails: the error is shown).
    old, new, *titles = window.compare_view.shown_texts()
    drafted = DraftAmendmentDialog(old, new, (titles[0], titles[1]), window)
    qtbot.waitUntil(lambda: drafted.amendment is not None, timeout=20_000)
    applying = ApplyInstructionsDialog(new, proposal.title, window)
    applying.set_instructions("一、删去第二条。\n\n二、删去第九百九十条。\n")
    qtbot.waitUntil(lambda: not applying.is_busy(), timeout=10_000)
    found.content |= {"第二条", "第九百九十条"}
    # What the instructions leave out is quoted from the texts (cut short).
    found.content |= {label.removesuffix("…") for label in drafted.amendment.outside}
    window.tabs.setCurrentIndex(0)
    # The editor with a restored draft (its banner) and a motion short of co-signers.
    draft = replace(library.version(proposal.id).content, body="草稿 draft")
    library.save_draft(proposal.id, draft, based_on=1)
    window.editor.load(proposal.id)

    dialogs: list[QDialog] = [
        NewProposalDialog(library, window),
        ExportDialog(library, window.selected_ids(), window),
        RecoveryDialog(library, library.drafts(), window),
        BackupChooser(
            [
                BackupInfo(tmp_path / "b1.consult", datetime.now(UTC), reason, 2048)
                for reason in ("open", "periodic", "migration", "manual", "before-restore")
            ],
            window,
        ),
    ]
    export = ExportDialog(library, [], window)
    export.folder_edit.setText(str(tmp_path / "exported"))
    export.start()
    qtbot.waitUntil(lambda: export.report is not None, timeout=10_000)
    source = tmp_path / "imported.md"
    source.write_text("---\ntitle: Imported\n---\n\nText.\n", encoding="utf-8")
    found.content.add("Imported")
    imported = ImportDialog(library, [source], window)
    imported.start()
    qtbot.waitUntil(lambda: imported.report is not None, timeout=10_000)
    dialogs += [export, imported, drafted, applying]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
    found.dialogs = dialogs

    # Message boxes of the window: unsaved changes, a damaged library, restore, language.
    window.editor.titleEdit.setText(window.editor.titleEdit.text() + "!")
    window.editor._field_edited("title", window.editor.titleEdit.text())
    window._settle_unsaved()
    window.history.select_numbers([1])
    window.history.restore_selected()
    window.findChild(QAction, "language_en").trigger()
    window.findChild(QAction, "language_zh_CN").trigger()
    window.library_damaged(str(library.path))
    # The opening flow's dialogs, and the read-only banner's reasons.
    _open_problems(tmp_path, messages)
    window.set_read_only(opening.already_open_reason(LockHolder(123, "elsewhere", "consult")))
    found.content |= {"elsewhere", "123"}
    return found


def _open_problems(tmp_path: Path, messages: list[list[str]]) -> None:
    path = tmp_path / "library.consult"
    error = ConsultError(str(path))
    reason = i18n.tr("on a network drive ({drive})", drive="Z:")
    for creating in (True, False):
        open_problem.warn_risky_location(path, reason, creating=creating)
    holder = LockHolder(4321, "elsewhere", "consult")
    for who in (None, holder, LockHolder(4321, "", "consult")):
        open_problem.already_open(path, who, can_read_only=True)
    open_problem.already_open(path, None, can_read_only=False)
    for problem in Problem:
        for has_backups in (True, False):
            open_problem.library_problem(path, problem, error, has_backups=has_backups)
    open_problem.newer_library(path, error)
    open_problem.migration_failed(path, error, tmp_path / "before-update.consult")
    open_problem.migration_failed(path, error, None)
    open_problem.unwritable_folder(path, error)
    open_problem.cannot_open(path, error)
    messages.append([opening.already_open_reason(None)])


def _patch_message_boxes(monkeypatch, messages: list[list[str]]) -> None:
    def shown(box: QMessageBox) -> int:
        messages.append(
            [box.windowTitle(), box.text(), box.informativeText()]
            + [button.text() for button in box.buttons()]
        )
        return 0

    def static(answer):
        def ask(parent, title, text, *args, **kwargs):
            messages.append([title, text])
            return answer

        return ask

    monkeypatch.setattr(QMessageBox, "exec", shown)
    no = QMessageBox.StandardButton.Cancel
    for name, answer in (
        ("question", no),
        ("warning", no),
        ("information", QMessageBox.StandardButton.Ok),
        ("critical", QMessageBox.StandardButton.Ignore),
    ):
        monkeypatch.setattr(QMessageBox, name, staticmethod(static(answer)))


def library_content(library: Library) -> set[str]:
    """What the user wrote: titles, tags (and their parts), people, sessions, labels, texts."""
    content: set[str] = {library.path.name, library.path.stem}
    for proposal in library.list_proposals():
        version = library.version(proposal.id)
        content |= {proposal.title, proposal.session, *proposal.tags}
        content |= {part for tag in proposal.tags for part in tag.split("/")}
        content |= {*version.content.sponsors, *version.content.cosigners}
        content |= {v.label for v in library.versions(proposal.id)}
        content |= {line.strip() for line in version.content.body.splitlines()}
    return {text for text in content if text}


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text `root` and its children show or say."""
    out: list[tuple[str, str]] = []

    def add(where: str, text: str | None) -> None:
        if text:
            out.append((where, text))

    for widget in [root, *root.findChildren(QWidget)]:
        where = widget.objectName() or type(widget).__name__
        if widget.isWindow():
            add(f"{where} title", widget.windowTitle())
        add(f"{where} tool tip", widget.toolTip())
        add(f"{where} accessible name", widget.accessibleName())
        add(f"{where} accessible description", widget.accessibleDescription())
        if isinstance(widget, QLabel | QAbstractButton):
            add(f"{where} text", widget.text())
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            add(f"{where} placeholder", widget.placeholderText())
        if isinstance(widget, QComboBox) and not widget.isEditable():
            for i in range(widget.count()):
                add(f"{where} item {i}", widget.itemText(i))
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(f"{where} tab {i}", widget.tabText(i))
                add(f"{where} tab {i} tool tip", widget.tabToolTip(i))
        if isinstance(widget, QListWidget):
            for i in range(widget.count()):
                add(f"{where} item {i}", widget.item(i).text())
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QListWidget):
            out.extend(_model_texts(widget, where))
        if isinstance(widget, QMainWindow):
            add(f"{where} status", widget.statusBar().currentMessage())
    for action in root.findChildren(QAction):
        where = action.objectName() or "action"
        add(f"{where} text", action.text())
        add(f"{where} tool tip", action.toolTip())
    return out


def _model_texts(view: QAbstractItemView, where: str) -> list[tuple[str, str]]:
    model = view.model()
    if model is None or _inside_popup(view):
        return []
    out = []
    for column in range(model.columnCount()):
        header = model.headerData(column, Qt.Orientation.Horizontal)
        if isinstance(header, str) and header:
            out.append((f"{where} header {column}", header))
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)

    def rows(parent: QModelIndex, depth: int = 0) -> None:
        for row in range(min(model.rowCount(parent), 40)):
            for column in range(model.columnCount(parent)):
                index = model.index(row, column, parent)
                for role in roles:
                    value = index.data(role)
                    if isinstance(value, str) and value:
                        out.append((f"{where} row {row} column {column}", value))
            if depth < 3:
                rows(model.index(row, 0, parent), depth + 1)

    rows(QModelIndex())
    return out


def focus_widgets(root: QWidget) -> list[QWidget]:
    """The widgets of `root` a user can reach with Tab, but the parts Qt makes and names
    itself (a combo box's popup list, a tab bar's scroll arrows)."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if _inside_popup(widget) or widget.objectName() in (
            "ScrollLeftButton",
            "ScrollRightButton",
        ):
            continue
        found.append(widget)
    return found


def _inside_popup(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if parent.metaObject().className() == "QComboBoxPrivateContainer":
            return True
        parent = parent.parentWidget()
    return False


def app() -> QApplication:
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    return instance
