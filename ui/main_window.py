"""The main window: facets and the library list on the left; on the right the open proposal
(editor and preview), its history, and the compare view.

The window assembles the pieces and routes what the user asks for; each piece does its own
work (ui/editor.py, ui/history.py, ui/compare_view.py, ui/facets.py, ui/library_model.py).
Here: the layout, the History and Compare pages built after the first paint, opening and
saving proposals, the title, the status bar, closing. The rest of the window's behaviour is in
its parts, one module each:

- ui/window_menus.py        the actions, menus, toolbar, and the Language menu
- ui/window_list.py         the list, the facets' filter, the search box and full-text search
- ui/window_transfer.py     export to Markdown, import, drag and drop
- ui/window_compare.py      what to compare (proposals, versions, a draft, files)
- ui/window_amendments.py   amendment instructions: drafted, applied
- ui/window_safety.py       recovered drafts, backups, read-only, damage, restore
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from consult.errors import ConsultError
from consult.library import Library
from ui.accessibility import chain, describe
from ui.compare_view import CompareView
from ui.dialogs.new_proposal import NewProposalDialog
from ui.editor import ProposalEditor
from ui.facets import FacetTree
from ui.history import HistoryPanel
from ui.library_model import ProposalListModel
from ui.window_amendments import AmendmentsMixin
from ui.window_compare import CompareMixin
from ui.window_list import ListMixin
from ui.window_menus import LanguageMenu, MenusMixin
from ui.window_safety import SafetyMixin
from ui.window_transfer import TransferMixin


class MainWindow(
    MenusMixin, ListMixin, TransferMixin, CompareMixin, AmendmentsMixin, SafetyMixin, QMainWindow
):
    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setObjectName("mainWindow")
        self._filters: dict = {}
        self._language_menu: LanguageMenu | None = None  # made with the menus

        self.model = ProposalListModel(library, self)
        self.list_view = self._make_list()
        self.search_box = self._make_search_box()
        self.facets = FacetTree(library, self)
        self.facets.filterChanged.connect(self._facet_changed)

        self.editor = ProposalEditor(library, self)
        self.editor.dirtyChanged.connect(self._update_title)
        self.editor.versionSaved.connect(self._version_saved)
        self.editor.related.openRequested.connect(self._select)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("proposalTabs")
        # Its tab bar takes the focus. The widget, its focus proxy, would be a second stop in
        # the Tab order (after the pages): it is no proxy, and takes no focus itself.
        self.tabs.setFocusProxy(None)  # type: ignore[arg-type]  # None: no proxy
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for widget in (self.tabs, self.tabs.tabBar()):
            describe(
                widget,
                self.tr("Pages"),
                self.tr("The open proposal, its history, and the comparison (Alt+P, Alt+H, Alt+M)"),
            )
        self.tabs.addTab(self.editor, self.tr("&Proposal"))
        # The History and Compare pages are hidden at start: they are built right after the
        # first paint (see _build_pages), or at once when anything asks for them first.
        self._history: HistoryPanel | None = None
        self._compare_view: CompareView | None = None
        self._history_page = _Page(self.tabs, "historyPage")
        self._compare_page: _Page = _Page(self.tabs, "comparePage")
        self.tabs.addTab(self._history_page, self.tr("&History"))
        self.tabs.addTab(self._compare_page, self.tr("Co&mpare"))
        self.tabs.currentChanged.connect(self._build_pages)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search_box)
        self.left_splitter = QSplitter(Qt.Orientation.Vertical, left)
        self.left_splitter.setObjectName("leftSplitter")
        self.left_splitter.addWidget(self.facets)
        self.left_splitter.addWidget(self.list_view)
        self.left_splitter.setSizes([220, 520])
        left_layout.addWidget(self.left_splitter, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setSizes([520, 900])
        self.setCentralWidget(self.splitter)
        # Left to right, top to bottom: search, filters, list, then the open proposal.
        chain(self.search_box, self.facets, self.list_view, self.tabs.tabBar())
        chain(self.tabs.tabBar(), *self.editor.focus_order())

        self._make_actions()
        self._make_safety()
        self.list_view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.setAcceptDrops(True)  # files dropped anywhere but on a text are imported
        self._restore_geometry()
        self._update_title()
        self._update_status()
        # The window paints first; the first proposal opens, and recovered drafts are offered,
        # right after (a library of 10,000 proposals is usable at once).
        self._first_paint = _FirstPaint(self.list_view.viewport(), self._after_first_paint)

    def _after_first_paint(self) -> None:
        self._build_pages()
        if self.model.rowCount() > 0 and not self.selected_ids():
            self.list_view.selectRow(0)
        self.offer_recovered_drafts()
        self._notice_slow_search()

    # -- building -----------------------------------------------------------------------------

    @property
    def history(self) -> HistoryPanel:
        """The History page (`historyList`)."""
        self._build_pages()
        assert self._history is not None
        return self._history

    @property
    def compare_view(self) -> CompareView:
        """The Compare page (`compareView`)."""
        self._build_pages()
        assert self._compare_view is not None
        return self._compare_view

    def _build_pages(self, *_args) -> None:
        if self._history is not None:
            return
        if self._language_menu is not None:
            self._language_menu.fill()
        self._history = HistoryPanel(self._history_page)
        self._history.compareRequested.connect(self.compare_versions)
        self._history.versionRestored.connect(self._version_restored)
        self._history_page.put(self._history)
        self._compare_view = CompareView(self._compare_page)
        self._compare_page.put(self._compare_view)
        self._compare_view.comparisonReady.connect(self._update_amendment_actions)
        self._compare_view.draftAmendmentRequested.connect(self.draft_amendment)
        # From the tabs into whichever page is shown, then on to the proposal's fields.
        pages = (*self._history.focus_order(), *self._compare_view.focus_order())
        chain(self.tabs.tabBar(), *pages, *self.editor.focus_order())

    def findChild(self, *args, **kwargs):
        """As QObject.findChild; a page not built yet is built when what is asked for may be
        on it, so that every named widget of the window can be found from the start."""
        found = super().findChild(*args, **kwargs)
        if found is None and self._history is None:
            self._build_pages()
            found = super().findChild(*args, **kwargs)
        return found

    def findChildren(self, *args, **kwargs):
        """As QObject.findChildren, the pages not built yet included (see findChild)."""
        self._build_pages()
        return super().findChildren(*args, **kwargs)

    # -- the open proposal ------------------------------------------------------------------

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        ids = self.selected_ids()
        if len(ids) == 1 and ids[0] != self.editor.proposal_id:
            self.open_proposal(ids[0])
        self._update_status(len(ids))

    def open_proposal(self, proposal_id: str) -> None:
        """Show a proposal in the editor. The editor journals what was typed in the previous
        one first, and refuses to switch (saying why) if it cannot: the list then goes back to
        the proposal still being edited."""
        if not self.editor.load(proposal_id):
            current = self.editor.proposal_id
            if current and current != proposal_id:
                self._select(current)
            return
        try:
            self.history.load(self.library, proposal_id)
        except ConsultError as e:
            QMessageBox.warning(self, self.tr("Cannot open this proposal"), str(e))
        self._update_title()
        self._update_amendment_actions()

    # -- saving -------------------------------------------------------------------------------

    def new_proposal(self) -> None:
        created = NewProposalDialog.ask(self.library, self)
        if created:
            self._refresh_lists()
            self._select(created)
            self.tabs.setCurrentWidget(self.editor)
            self.editor.bodyEditor.setFocus()

    def save_version(self, label: str = "") -> bool:
        if not self.editor.proposal_id:
            return False
        return self.editor.save_version(label if isinstance(label, str) else "")

    def save_version_labelled(self) -> None:
        label, ok = QInputDialog.getText(
            self, self.tr("Save Version"), self.tr("Label (optional):")
        )
        if ok:
            self.save_version(label.strip())

    def _version_saved(self, proposal_id: str, _number: int) -> None:
        self._refresh_lists()
        self.history.load(self.library, proposal_id)
        self.statusBar().showMessage(self.tr("Version saved."), 4000)

    def _version_restored(self, proposal_id: str, _number: int) -> None:
        self.editor.load(proposal_id)
        self._version_saved(proposal_id, _number)

    # -- the window ---------------------------------------------------------------------------

    def _update_title(self, *_args) -> None:
        title = self.editor.current_content().title if self.editor.proposal_id else ""
        marker = "*" if self.editor.is_dirty() else ""
        parts = [f"{marker}{title}" if title else "", "Consult", self.library.path.name]
        self.setWindowTitle(" — ".join(p for p in parts if p))
        self.setWindowModified(bool(marker))

    def _update_status(self, selected: int = 0) -> None:
        text = self.tr("Proposals: %1").replace("%1", str(self.model.total()))
        if selected > 1:
            text += " · " + self.tr("selected: %1").replace("%1", str(selected))
        self.statusBar().showMessage(f"{text} · {self.library.path}")

    def _restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value("mainWindow/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        for key, splitter in (
            ("mainWindow/splitter", self.splitter),
            ("mainWindow/leftSplitter", self.left_splitter),
        ):
            state = settings.value(key)
            if state is not None:
                splitter.restoreState(state)

    def _settle_unsaved(self, question: str = "") -> bool:
        """Unsaved changes: Save / Discard / Cancel. False (Cancel, or a save that failed)
        means stay; Discard drops only the unsaved typing (saved versions stay as they are)."""
        question = question or self.tr("Save the changes to “%1” as a new version first?")
        if self.editor.proposal_id and self.editor.is_dirty():
            answer = QMessageBox.question(
                self,
                self.tr("Unsaved changes"),
                question.replace("%1", self.editor.current_content().title),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return False
            if answer == QMessageBox.StandardButton.Save and not self.editor.save_version():
                return False
            if answer == QMessageBox.StandardButton.Discard:
                self.editor.discard_changes()
        else:
            self.editor.flush_draft()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        """Unsaved changes: Save / Discard / Cancel. Save that fails keeps the window open;
        Discard drops only the unsaved typing (the saved versions stay as they are)."""
        if not self._settle_unsaved(
            self.tr("Save the changes to “%1” as a new version before closing?")
        ):
            event.ignore()
            return
        self.backups.stop()
        settings = QSettings()
        settings.setValue("mainWindow/geometry", self.saveGeometry())
        settings.setValue("mainWindow/splitter", self.splitter.saveState())
        settings.setValue("mainWindow/leftSplitter", self.left_splitter.saveState())
        super().closeEvent(event)


class _Page(QWidget):
    """A tab page that a panel fills later (`put`)."""

    def __init__(self, tabs: QTabWidget, name: str) -> None:
        super().__init__(tabs)
        self.setObjectName(name)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def put(self, panel: QWidget) -> None:
        self._layout.addWidget(panel)


class _FirstPaint(QObject):
    """Calls `then` once, from the event loop, after `widget` was first painted."""

    def __init__(self, widget: QWidget, then) -> None:
        # No Qt parent: the window holds it, so that Python alone owns (and frees) it.
        super().__init__()
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False
