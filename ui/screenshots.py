"""Screenshots of the real application on the demo library, for the README and the user guide.

    python -m ui.screenshots [--out docs/screenshots] [--lang zh|en]

Opens the main window on a fresh copy of the demo library (in a temporary folder: the user's
own library is never touched), then saves the main window, the editor and the compare view as
PNG files. Chinese is readable only when a CJK font is installed (e.g. fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication

from consult.demo import load_demo
from consult.library import Library

ROOT = Path(__file__).resolve().parent.parent


def settle(app: QApplication, ms: int = 300, until=None, timeout_ms: int = 20_000) -> None:
    """Let the event loop run for `ms` (or until `until()` holds): workers finish, paints land."""
    loop = QEventLoop()
    waited = 0
    while True:
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        waited += ms
        if until is None or until() or waited >= timeout_ms:
            return


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.screenshots")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    QStandardPaths.setTestModeEnabled(True)  # no preferences read from or written to the user's
    QCoreApplication.setOrganizationName("ConsultScreenshots")
    QCoreApplication.setApplicationName("ConsultScreenshots")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
        with Library.open(Path(folder) / "demo.consult", create=True) as library:
            load_demo(library)
            shots = take(app, library, args.out)
    for path in shots:
        print(path)
    return 0


def take(app: QApplication, library: Library, out: Path) -> list[Path]:
    from ui.main_window import MainWindow

    window = MainWindow(library)
    window.resize(1440, 880)
    window.show()
    settle(app)
    saved = []

    def shot(name: str) -> None:
        path = out / f"{name}.png"
        window.grab().save(str(path))
        saved.append(path)

    proposals = library.list_proposals()
    amendment = next((p for p in proposals if p.base is not None), proposals[0])
    english = next((p for p in proposals if p.title.isascii()), proposals[-1])

    window._select(amendment.id)
    settle(app)
    shot("main-window")

    window._select(english.id)
    window.tabs.setCurrentWidget(window.editor)
    settle(app, 600)
    shot("editor")

    window._select(amendment.id)
    settle(app)
    window.compare_selected()
    view = window.compare_view
    settle(app, 300, until=lambda: not view.is_busy())
    view.next_change()
    settle(app)
    shot("compare-view")

    window.editor.flush_draft()
    window.close()
    return saved


if __name__ == "__main__":
    sys.exit(main())
