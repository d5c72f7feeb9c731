"""Small helpers shared by the UI tests (imported as a plain module)."""

from __future__ import annotations

from consult.library import Library
from ui.main_window import MainWindow


def make_window(qtbot, library: Library) -> MainWindow:
    """The main window on `library`, shown, with its first proposal open (if it has one)."""
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    # The first proposal opens right after the window's first paint.
    qtbot.waitUntil(lambda: window.editor.proposal_id is not None or window.model.total() == 0)
    return window
