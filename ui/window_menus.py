"""The main window's actions, menus and toolbar, and the Language menu.

`MenusMixin` is part of `ui.main_window.MainWindow`: it makes the window's actions (the
`action_*` attributes), connected to the window's own slots (`new_proposal`, `save_version`,
`compare_selected`, `import_files`, … defined in the other `ui/window_*.py` parts), puts them
in the menus and the toolbar, and hangs the Language menu (`LanguageMenu`) on the menu bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from ui import translations
from ui.accessibility import plain

if TYPE_CHECKING:  # checked as a part of the window (MainWindow)
    from collections.abc import Callable

    from PySide6.QtWidgets import QMainWindow

    from ui.dialogs.amendment_dialog import ApplyInstructionsDialog, DraftAmendmentDialog
    from ui.editor import ProposalEditor

    class _Window(QMainWindow):
        """What this part uses of the window (MainWindow and its other parts)."""

        editor: ProposalEditor
        new_proposal: Callable[[], None]
        save_version: Callable[..., bool]
        save_version_labelled: Callable[[], None]
        compare_selected: Callable[[], None]
        compare_files: Callable[[], None]
        draft_amendment: Callable[[], DraftAmendmentDialog | None]
        apply_instructions: Callable[[], ApplyInstructionsDialog | None]
        _language_menu: LanguageMenu | None
        focus_search: Callable[[], None]
        next_change: Callable[[], None]
        previous_change: Callable[[], None]
        export_markdown: Callable[[], None]
        import_files: Callable[[], None]
        import_folder: Callable[[], None]
        restore_backup: Callable[[], bool]

else:
    _Window = object


class MenusMixin(_Window):
    """The window's actions, menus and toolbar (see the module's docstring)."""

    def _action(self, name: str, text: str, shortcut: QKeySequence | str | None, slot) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.action_new = self._action(
            "actionNewProposal", self.tr("&New Proposal…"), QKeySequence(std.New), self.new_proposal
        )
        self.action_save = self._action(
            "actionSaveVersion", self.tr("&Save Version"), QKeySequence(std.Save), self.save_version
        )
        self.action_save_labelled = self._action(
            "actionSaveVersionLabelled",
            self.tr("Save Version with &Label…"),
            "Ctrl+Shift+S",
            self.save_version_labelled,
        )
        self.action_compare = self._action(
            "actionCompare", self.tr("&Compare"), "Ctrl+D", self.compare_selected
        )
        self.action_compare_files = self._action(
            "actionCompareFiles", self.tr("Compare Two &Files…"), None, self.compare_files
        )
        self.action_draft_amendment = self._action(
            "actionDraftAmendment",
            self.tr("Draft &Amendment Instructions…"),
            None,
            self.draft_amendment,
        )
        self.action_draft_amendment.setEnabled(False)  # until texts with articles are compared
        self.action_apply_instructions = self._action(
            "actionApplyInstructions",
            self.tr("Apply &Instructions…"),
            None,
            self.apply_instructions,
        )
        self.action_find = self._action("actionFind", self.tr("&Find"), "Ctrl+F", self.focus_search)
        self.action_next = self._action(
            "actionNextChange", self.tr("&Next Change"), "F7", self.next_change
        )
        self.action_previous = self._action(
            "actionPreviousChange", self.tr("&Previous Change"), "Shift+F7", self.previous_change
        )
        self.action_quit = self._action(
            "actionQuit", self.tr("&Quit"), QKeySequence(std.Quit), self.close
        )
        self.action_export = self._action(
            "actionExportMarkdown", self.tr("&Export to Markdown…"), "Ctrl+E", self.export_markdown
        )
        self.action_import = self._action(
            "actionImport", self.tr("&Import Files…"), "Ctrl+I", self.import_files
        )
        self.action_import_folder = self._action(
            "actionImportFolder", self.tr("Import a &Folder…"), None, self.import_folder
        )
        self.action_restore_backup = self._action(
            "actionRestoreBackup", self.tr("&Restore from Backup…"), None, self.restore_backup
        )
        # The form's undo (the text keeps its own): "Undo Change title", a whole phrase to
        # translate, not a prefix glued to the step's name as QUndoStack's actions make it.
        stack = self.editor.undo_stack
        undo = self._action("actionUndo", self.tr("&Undo"), "Ctrl+Shift+Z", stack.undo)
        redo = self._action("actionRedo", self.tr("&Redo"), "Ctrl+Shift+Y", stack.redo)
        for action, can, text_changed, phrase, bare in (
            (undo, stack.canUndoChanged, stack.undoTextChanged, self.tr("&Undo %1"), undo.text()),
            (redo, stack.canRedoChanged, stack.redoTextChanged, self.tr("&Redo %1"), redo.text()),
        ):
            action.setEnabled(False)
            can.connect(action.setEnabled)
            text_changed.connect(
                lambda text, a=action, p=phrase, b=bare: a.setText(
                    p.replace("%1", text) if text else b
                )
            )

        menus = self.menuBar()
        file_menu = menus.addMenu(self.tr("&File"))
        for action in (self.action_new, self.action_save, self.action_save_labelled):
            file_menu.addAction(action)
        file_menu.addSeparator()
        for action in (self.action_import, self.action_import_folder, self.action_export):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.action_restore_backup)
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)
        edit_menu = menus.addMenu(self.tr("&Edit"))
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        edit_menu.addAction(self.action_apply_instructions)
        edit_menu.addSeparator()
        edit_menu.addAction(self.action_find)
        compare_menu = menus.addMenu(self.tr("&Compare"))
        for action in (
            self.action_compare,
            self.action_compare_files,
            self.action_next,
            self.action_previous,
        ):
            compare_menu.addAction(action)
        compare_menu.addSeparator()
        compare_menu.addAction(self.action_draft_amendment)

        self._language_menu = LanguageMenu(menus.addMenu(self.tr("&Language")), self)

        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        for action in (self.action_new, self.action_save, self.action_compare):
            toolbar.addAction(action)
            # Its tip: the name without the shortcut letter ("新建文稿", not "新建文稿(N)"), and
            # the keys.
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            tip = plain(action.text()).removesuffix("…")
            action.setToolTip(self.tr("%1 (%2)").replace("%1", tip).replace("%2", keys))


class LanguageMenu(QObject):
    """The Language menu (`languageMenu`): As the System, English, 中文. The choice is kept
    (ui.translations) and used from the next start; the menu is filled when first opened, or
    when `fill` is called (reading the choice costs at start-up)."""

    def __init__(self, menu: QMenu, window: QWidget) -> None:
        super().__init__(window)
        self.menu = menu
        self._window = window
        menu.setObjectName("languageMenu")
        menu.aboutToShow.connect(self.fill)

    def fill(self) -> None:
        menu = self.menu
        if menu.actions():
            return
        group = QActionGroup(self._window)
        chosen = translations.preferred_language()
        # The languages are named in their own language, whatever the window's language is.
        for value, text in (
            (translations.SYSTEM, self.tr("As the &System")),
            (translations.ENGLISH, "English"),
            (translations.CHINESE, "中文"),
        ):
            action = menu.addAction(text)
            action.setObjectName(f"language_{value}")
            action.setCheckable(True)
            action.setChecked(value == chosen)
            action.setData(value)
            group.addAction(action)
        group.triggered.connect(self._chosen)

    def _chosen(self, action: QAction) -> None:
        choice = str(action.data())
        if choice == translations.preferred_language():
            return
        translations.set_preferred_language(choice)
        if translations.resolve(choice) == translations.current_language():
            return
        QMessageBox.information(
            self._window,
            self.tr("Language"),
            self.tr("The new language is used the next time Consult starts."),
        )
