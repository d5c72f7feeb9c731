"""Screenshots of the real application on the demo library, for the README and the user guides.

    python -m ui.screenshots [--lang en|zh_CN] [--out FOLDER] [--only NAME …]

`--lang en` (the default) writes docs/screenshots/*.png; `--lang zh_CN` writes
docs/screenshots/zh_CN/*.png, with the window in Chinese. Opens the main window on a fresh copy
of the demo library in a temporary folder (backups go there too: the user's own library, its
backups and preferences are never touched), then saves the main window, search, the new
proposal dialog, the editor with its preview, the history, the compare view, the before/after
table, the amendment instructions drafted from that comparison, the export dialog and the
restore-from-backup list as PNG files (256 colours, optimised
by optipng when installed). Chinese is readable only when a CJK font is installed (e.g.
fonts-noto-cjk); with no screen, run it under `xvfb-run -a -s "-screen 0 1500x950x24"`.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QLocale,
    QPoint,
    QRect,
    QSettings,
    QStandardPaths,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QTextBrowser, QWidget

from consult.demo import load_demo
from consult.library import Library

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1400, 850)
LANGUAGES = {"en": "en_US", "zh_CN": "zh_CN", "zh": "zh_CN"}
NAMES = (
    "main-window",
    "search",
    "new-proposal",
    "editor",
    "history",
    "compare-view",
    "compare-table",
    "amendment-instructions",
    "export-dialog",
    "restore-backup",
)


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
    parser.add_argument(
        "--lang",
        choices=sorted(LANGUAGES),
        default="en",
        help="the language of the window (default en)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="the folder (default docs/screenshots, for zh_CN docs/screenshots/zh_CN)",
    )
    parser.add_argument(
        "--only", nargs="+", choices=NAMES, metavar="NAME", help="only these screenshots"
    )
    args = parser.parse_args(argv)
    locale = LANGUAGES[args.lang]
    out = args.out or ROOT / "docs" / "screenshots" / ("" if locale == "en_US" else locale)
    out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory() as folder:
        # Before the QApplication exists, so that Qt and the app read this language as the
        # system's; the backups and preferences go to the temporary folder.
        for name in ("LANG", "LC_ALL", "LC_MESSAGES"):
            os.environ[name] = f"{locale}.UTF-8"
        os.environ["LANGUAGE"] = locale
        os.environ["CONSULT_BACKUPS"] = str(Path(folder) / "backups")
        QLocale.setDefault(QLocale(locale))
        QStandardPaths.setTestModeEnabled(True)  # no preferences read from or written to the user's
        QCoreApplication.setOrganizationName("ConsultScreenshots")
        QCoreApplication.setApplicationName("ConsultScreenshots")
        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
        existing = QApplication.instance()
        app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
        translated = install_language(locale, Path(folder) / "translations")
        if not translated:
            print(f"the window cannot be shown in {locale}: no screenshots taken", file=sys.stderr)
            return 1
        library_path = Path(folder) / ("示例文库.consult" if locale == "zh_CN" else "demo.consult")
        with Library.open(library_path, create=True) as library:
            load_demo_in(library, locale)
            shots = take(app, library, out, locale, args.only or NAMES)
    for path in shots:
        print(path)
    return 0


def install_language(locale: str, cache: Path) -> bool:
    """The window's language, the core's messages and the interface font, as the app sets them
    (ui/app.py run()), with the `.qm` built into `cache`, not the user's cache folder; False
    when the translation could not be loaded (the window is then in English)."""
    from consult import i18n
    from ui import fonts, translations

    installed = translations.install("en" if locale == "en_US" else locale, cache=cache)
    i18n.set_language(installed.language)
    QApplication.setFont(fonts.interface_font(QApplication.font()))
    return installed.language == ("en" if locale == "en_US" else locale)


def load_demo_in(library: Library, locale: str) -> None:
    """The demo library, its tags and version labels in the window's language."""
    load_demo(library, lang="zh" if locale.startswith("zh") else "en")


def take(app: QApplication, library: Library, out: Path, locale: str, names=NAMES) -> list[Path]:
    from consult import backups
    from ui.dialogs.export_dialog import ExportDialog
    from ui.dialogs.open_problem import BackupChooser
    from ui.main_window import MainWindow

    chinese = locale.startswith("zh")
    window = MainWindow(library)
    window.resize(*SIZE)
    window.show()
    settle(app)
    saved: list[Path] = []

    def shot(name: str, picture: Callable[[], QPixmap] = window.grab) -> None:
        if name not in names:
            return
        path = out / f"{name}.png"
        save_small(picture(), path)
        saved.append(path)

    proposals = library.list_proposals()
    amendment = next((p for p in proposals if p.base is not None), proposals[0])
    english_motion = next(
        (p for p in proposals if p.title.isascii() and p.kind.value == "motion"), proposals[-1]
    )
    if chinese:
        # A motion in Chinese with its 30-odd co-signers, and the CPPCC proposal in the editor.
        drafted = next(
            (p for p in proposals if p.kind.value == "proposal" and not p.title.isascii()),
            amendment,
        )
        with_history = next(
            (p for p in proposals if p.kind.value == "motion" and not p.title.isascii()),
            amendment,
        )
    else:
        drafted = english_motion
        with_history = english_motion

    # The main window: the amendment open, the facets and the list beside it.
    window._select(amendment.id)
    window.facets.expandAll()
    settle(app)
    shot("main-window")

    # Search: the list narrowed to the proposals that hold the words, where they are shown.
    # The list is widened and some columns hidden so that the Found column shows.
    from ui.library_model import Column

    sizes = window.splitter.sizes()
    hidden = (Column.TAGS, Column.SESSION, Column.UPDATED, Column.VERSIONS)
    window.splitter.setSizes([860, SIZE[0] - 860])
    for column in hidden:
        window.list_view.setColumnHidden(column, True)
    window.search_box.setText("声音" if chinese else "voice")
    window.search_full_text()
    settle(app, 400)
    shot("search")
    window.search_box.clear()
    for column in hidden:
        window.list_view.setColumnHidden(column, False)
    window.splitter.setSizes(sizes)
    settle(app)

    # File → New Proposal…: a template for each kind, in Chinese or English.
    if "new-proposal" in names:
        from ui.dialogs.new_proposal import NewProposalDialog

        template = NewProposalDialog(
            library,
            window,
            kind="proposal" if chinese else "motion",
            lang="zh" if chinese else "en",
        )
        shot("new-proposal", lambda: over_window(app, window, template))
        template.close()

    # The editor with its preview, the counts and (for the English motion) the co-signers
    # warning.
    window._select(drafted.id)
    window.tabs.setCurrentWidget(window.editor)
    settle(app, 600)
    shot("editor")

    # The history, the first and the latest version selected (ready for Compare).
    window._select(with_history.id)
    settle(app)
    window.tabs.setCurrentIndex(1)
    settle(app)
    history = window.history
    view = history.view
    rows = history.model.rowCount()
    if rows:
        view.clearSelection()
        selection = view.selectionModel()
        flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        for row in {0, rows - 1}:
            selection.select(history.model.index(row, 0), flags)
    settle(app)
    shot("history")

    # The compare view: the amendment against its base text, article by article.
    window._select(amendment.id)
    settle(app)
    window.compare_selected()
    compare = window.compare_view
    settle(app, 300, until=lambda: not compare.is_busy())
    compare.next_change()
    compare.next_change()
    settle(app)
    shot("compare-view")

    # The before/after table (修改前后对照表) as exported to HTML, shown as a browser would.
    if "compare-table" in names:
        if chinese and amendment.base is not None:
            old = library.version(amendment.base.proposal_id, amendment.base.version)
            new = library.version(amendment.id)
        else:
            old = library.version(english_motion.id, 1)
            new = library.version(english_motion.id)
        shot("compare-table", lambda: table_picture(app, old, new, window))

    # Compare → Draft Amendment Instructions…: the instructions for the comparison shown.
    if "amendment-instructions" in names and compare.can_draft_amendment():
        drafted_dialog = window.draft_amendment()
        if drafted_dialog is not None:
            drafted_dialog.resize(900, 640)
            settle(app, 300, until=lambda: drafted_dialog.amendment is not None)
            shot("amendment-instructions", lambda: over_window(app, window, drafted_dialog))
            drafted_dialog.close()

    # The export dialog, over the window, with the selected proposal.
    window._select(amendment.id)
    window.tabs.setCurrentWidget(window.editor)
    settle(app)
    export = ExportDialog(library, window.selected_ids(), window)
    export.folder_edit.setText(
        "/home/wang/议案导出" if chinese else "/home/ruth/Documents/proposals-export"
    )
    export.history_check.setChecked(True)
    export.resize(660, export.sizeHint().height())
    shot("export-dialog", lambda: over_window(app, window, export))
    export.close()

    # File → Restore from Backup…: the backups of the library, newest first, with their dates.
    if "restore-backup" in names:
        made = [
            ("open", datetime(2026, 10, 27, 8, 55, tzinfo=UTC)),
            ("periodic", datetime(2026, 10, 29, 15, 20, tzinfo=UTC)),
            ("open", datetime(2026, 10, 30, 7, 40, tzinfo=UTC)),
            ("periodic", datetime(2026, 10, 31, 16, 0, tzinfo=UTC)),
            ("manual", datetime(2026, 10, 31, 18, 5, tzinfo=UTC)),
        ]
        for reason, moment in made:
            backups.make_backup(
                library.path, reason, source=library.db.conn, now=moment, thin_after=False
            )
        chooser = BackupChooser(backups.list_backups(library.path), window)
        shot("restore-backup", lambda: over_window(app, window, chooser))
        chooser.close()

    window.editor.flush_draft()
    window.close()
    return saved


def save_small(picture: QPixmap, path: Path) -> None:
    """Save as a 256-colour PNG (a quarter of the size; screenshots of a window lose nothing
    visible), then let optipng squeeze it when it is installed."""
    image = picture.toImage().convertToFormat(
        QImage.Format.Format_Indexed8,
        Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither,
    )
    if not image.save(str(path)):
        raise OSError(f"could not write {path}")
    optipng = shutil.which("optipng")
    if optipng:
        subprocess.run([optipng, "-quiet", "-o2", str(path)], check=False, timeout=120)


def table_picture(app: QApplication, old, new, window: QWidget) -> QPixmap:
    """The before/after table of two versions, in HTML as `consult diff --format html` writes
    it, rendered by Qt's rich text (close to what a browser shows)."""
    from consult.compare import compare_texts, report

    comparison = compare_texts(old.content.body, new.content.body)
    metadata = report.compare_metadata(old.content.metadata_json(), new.content.metadata_json())
    page = report.to_html(
        comparison,
        same_as_left=True,
        title=f"{old.content.title} (v{old.info.number}) → {new.content.title} "
        f"(v{new.info.number})",
        metadata=metadata,
    )
    browser = QTextBrowser()
    browser.setObjectName("tablePreview")
    browser.setWindowTitle("table.html")
    # Qt's rich text knows no `display: block`: the renumbering note gets the line break that
    # a browser gives it.
    browser.setHtml(re.sub(r'(<span class="note">[^<]*</span>)', r"\1<br>", page))
    browser.resize(*SIZE)
    browser.show()
    settle(app)
    picture = browser.grab()
    browser.close()
    return picture


def over_window(app: QApplication, window: QWidget, dialog: QWidget) -> QPixmap:
    """The window with `dialog` drawn over its middle and the window dimmed, as a modal dialog
    looks (a screen without a window manager draws no frame: this one gets a thin one)."""
    dialog.show()
    settle(app)
    background = window.grab()
    front = dialog.grab()
    painter = QPainter(background)
    painter.fillRect(background.rect(), QColor(0, 0, 0, 70))
    bar = painter.fontMetrics().height() + 10  # the title bar a window manager would draw
    at = QPoint(
        (background.width() - front.width()) // 2,
        (background.height() - front.height() - bar) // 3 + bar,
    )
    title = QRect(at.x(), at.y() - bar, front.width(), bar)
    painter.fillRect(title, QColor(225, 225, 225))
    painter.setPen(QColor(30, 30, 30))
    painter.drawText(title, Qt.AlignmentFlag.AlignCenter, dialog.windowTitle())
    painter.drawPixmap(at, front)
    painter.setPen(QColor(60, 60, 60))
    painter.drawRect(title.x() - 1, title.y() - 1, front.width() + 1, front.height() + bar + 1)
    painter.end()
    return background


if __name__ == "__main__":
    sys.exit(main())
