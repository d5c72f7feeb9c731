"""Comparisons asked for from the main window: two proposals, a proposal with its base text
or its previous version, two versions (from the history), a recovered draft, two files.

`CompareMixin` is part of `ui.main_window.MainWindow`: it reads the texts and shows them on the
Compare page (`compare_view`, ui/compare_view.py, which does the comparing). What it uses of the
window is declared at the top of the class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from consult.errors import ConsultError
from consult.markdown_io.text_file import read_document

if TYPE_CHECKING:  # checked as a part of the window (MainWindow)
    from collections.abc import Callable

    from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

    from consult.library import Library
    from ui.compare_view import CompareView
    from ui.editor import ProposalEditor

    class _Window(QMainWindow):
        """What this part uses of the window (MainWindow and its other parts)."""

        library: Library
        editor: ProposalEditor
        tabs: QTabWidget
        _compare_page: QWidget

        @property
        def compare_view(self) -> CompareView: ...

        selected_ids: Callable[[], list[str]]

else:
    _Window = object


class CompareMixin(_Window):
    """What to compare, shown on the Compare page (see the module's docstring)."""

    def compare_selected(self) -> None:
        """Two proposals selected: compare them. One: compare it with its base text, or its
        latest version with the one before."""
        ids = self.selected_ids()
        try:
            if len(ids) == 2:
                a, b = (self.library.version(pid) for pid in ids)
                self._show_comparison(
                    a.content.body, b.content.body, a.content.title, b.content.title
                )
            elif len(ids) == 1:
                self._compare_one(ids[0])
        except ConsultError as e:
            QMessageBox.warning(self, self.tr("Cannot compare"), str(e))

    def _compare_one(self, proposal_id: str) -> None:
        latest = self.library.version(proposal_id)
        base = latest.content.base
        if base is not None:
            old = self.library.version(base.proposal_id, base.version)
            self._show_comparison(
                old.content.body,
                self.editor.current_content().body,
                old.content.title,
                latest.content.title,
            )
        elif latest.info.number > 1:
            self.compare_versions(proposal_id, latest.info.number - 1, latest.info.number)
        else:
            self.statusBar().showMessage(self.tr("Nothing to compare with yet."), 4000)

    def compare_versions(self, proposal_id: str, old_number: int, new_number: int) -> None:
        try:
            old = self.library.version(proposal_id, old_number)
            new = self.library.version(proposal_id, new_number)
        except ConsultError as e:
            QMessageBox.warning(self, self.tr("Cannot compare"), str(e))
            return
        self._show_comparison(
            old.content.body,
            new.content.body,
            self.tr("Version %1").replace("%1", str(old_number)),
            self.tr("Version %1").replace("%1", str(new_number)),
        )

    def compare_with_text(self, proposal_id: str, text: str) -> None:
        """The latest version of a proposal against a text (a recovered draft)."""
        latest = self.library.version(proposal_id)
        self._show_comparison(
            latest.content.body,
            text,
            self.tr("Version %1").replace("%1", str(latest.info.number)),
            self.tr("Recovered text"),
        )

    def compare_files(self) -> None:
        paths = []
        for prompt in (self.tr("Old file"), self.tr("New file")):
            path, _ = QFileDialog.getOpenFileName(
                self, prompt, "", self.tr("Text (*.md *.txt);;All files (*)")
            )
            if not path:
                return
            paths.append(path)
        try:
            # GB18030 (GBK) and UTF-16 too, as the command and the import read them
            old, new = (read_document(path).text for path in paths)
        except ConsultError as e:
            QMessageBox.warning(self, self.tr("Cannot read the file"), str(e))
            return
        self._show_comparison(old, new, paths[0], paths[1])

    def _show_comparison(self, old: str, new: str, old_title: str, new_title: str) -> None:
        focused = self.focusWidget()
        leaving_page = focused is None or (
            self.tabs.isAncestorOf(focused) and not self._compare_page.isAncestorOf(focused)
        )
        self.tabs.setCurrentWidget(self._compare_page)
        self.compare_view.set_texts(old, new, old_title, new_title)
        if leaving_page:  # the keyboard goes along to the texts (F7: next change)
            self.compare_view.left.setFocus(Qt.FocusReason.OtherFocusReason)

    def next_change(self) -> None:
        self.tabs.setCurrentWidget(self._compare_page)
        self.compare_view.next_change()

    def previous_change(self) -> None:
        self.tabs.setCurrentWidget(self._compare_page)
        self.compare_view.previous_change()
