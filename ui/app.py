"""Starting the desktop app: the QApplication, the library to open, the main window."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from consult import i18n
from consult.library import Library
from consult.paths import APP_NAME, default_library_path, resources_dir
from ui import fonts, translations
from ui.opening import open_for_window

if TYPE_CHECKING:
    from ui.main_window import MainWindow


DESKTOP_FILE_NAME = "consult"  # resources/linux/consult.desktop; also the icon's theme name


def app_icon() -> QIcon:
    """The app's icon in every size shipped (resources/icons/hicolor/<N>x<N>/apps/)."""
    icon = QIcon()
    for png in sorted((resources_dir() / "icons" / "hicolor").glob("*/apps/consult.png")):
        icon.addFile(str(png))
    return icon


def open_or_create(path: Path) -> Library:
    """Open the library at `path`; on first run (no file yet) create it with the demo proposals."""
    from consult.demo import load_demo

    first_run = not path.exists() or path.stat().st_size == 0
    library = Library.open(path, create=first_run)
    if first_run and library.count() == 0:
        try:
            load_demo(library, lang=translations.primary_language())
        except BaseException:
            library.close()
            raise
    return library


def start_window(library: Library) -> MainWindow:
    """The main window on `library`, built the way the app starts it.

    Everything loaded so far (Qt's bindings, the compare engine, the Markdown renderer: some
    hundred thousand objects that live as long as the app) is moved out of the garbage
    collector's sight first. Otherwise a full collection, due at some moment of the start
    that depends on what was allocated before, walks all of them — 20–25 ms on this machine,
    in the middle of building or painting the window — and every later full collection
    (while the user types) does the same.
    """
    from ui.main_window import MainWindow

    gc.freeze()
    return MainWindow(library)


def run(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    parser = argparse.ArgumentParser(prog="consult", add_help=True)
    parser.add_argument("--db", metavar="PATH", help="the library file to open")
    args, qt_args = parser.parse_known_args(argv[1:])

    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    app = QApplication.instance() or QApplication([argv[0], *qt_args])
    # The window's language (and Qt's own dialogs'), the core's messages in the same one, and
    # Chinese drawn in Simplified Chinese shapes whatever the system's fonts prefer.
    installed = translations.install()
    i18n.set_language(installed.language)
    QApplication.setFont(fonts.interface_font(QApplication.font()))
    QApplication.setWindowIcon(app_icon())  # before any dialog of the opening flow
    QApplication.setDesktopFileName(DESKTOP_FILE_NAME)
    path = Path(args.db).expanduser() if args.db else default_library_path()
    opened = open_for_window(path)
    if opened is None:
        return 1  # the user was told why, and chose not to go on; nothing was changed

    try:
        window = start_window(opened.library)
        window.show()
        if installed.notice:
            window.statusBar().showMessage(installed.notice, 15_000)
        # Backed up once the window is up, then every few minutes when something changed.
        QTimer.singleShot(0, window.backups.start)
        return app.exec()
    finally:
        _let_workers_finish()
        opened.close()


def _let_workers_finish(timeout_ms: int = 10_000) -> None:
    """Wait for the previews' renders and the tasks (backup, export, import) still running in
    worker threads: Python code still running in a Qt worker thread while the interpreter
    shuts down crashes the process (seen when the window was closed during its first render)."""
    from ui import preview, workers

    for pool in (preview.render_pool(), workers._task_pool()):
        pool.waitForDone(timeout_ms)


def main() -> int:
    """The `consult-app` entry point (pyproject.toml's gui-scripts)."""
    return run()
