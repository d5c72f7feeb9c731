"""Starting and quitting the app (ui/app.py): its icon, its desktop file name, and a quit that
waits for work still running in worker threads."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtGui import QIcon, QImage
from PySide6.QtWidgets import QApplication

import ui.app as app_module
from consult import backups
from consult.paths import resources_dir
from ui.dialogs import open_problem
from ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]
ICON_SIZES = {32, 64, 128, 256}


def test_the_icon_comes_in_every_size_shipped(qapp):
    icon = app_module.app_icon()
    assert not icon.isNull()
    assert {size.width() for size in icon.availableSizes()} == ICON_SIZES


def test_the_icon_pngs_are_rendered_from_the_current_svg(qapp):
    """Changing the SVG without running resources/icons/make_icons.py fails here."""
    script = resources_dir() / "icons" / "make_icons.py"
    spec = importlib.util.spec_from_file_location("make_icons", script)
    assert spec and spec.loader
    make_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icons)
    assert set(make_icons.SIZES) == ICON_SIZES
    for size in make_icons.SIZES:
        png = resources_dir() / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "consult.png"
        shipped = QImage(str(png)).convertToFormat(QImage.Format.Format_ARGB32)
        fresh = make_icons.render(size).convertToFormat(QImage.Format.Format_ARGB32)
        assert shipped.size() == fresh.size(), png
        # Not byte for byte: anti-aliasing may differ by a shade between Qt versions.
        worst = max(
            abs(a - b)
            for y in range(0, size, max(1, size // 64))
            for x in range(size)
            for a, b in zip(
                shipped.pixelColor(x, y).getRgb(), fresh.pixelColor(x, y).getRgb(), strict=True
            )
        )
        assert worst <= 24, f"{png} is not the SVG's rendering (differs by {worst})"


def test_the_app_sets_its_icon_and_desktop_file_name(qtbot, demo_library, monkeypatch):
    monkeypatch.setattr(open_problem, "ask", lambda *a, **k: pytest.fail(f"asked: {a[2:4]}"))
    path = demo_library.path
    demo_library.close()
    seen = {}

    def exec_once_shown(_app=None):
        # The backup on open (a timer once the window is up) must not find the library closed.
        qtbot.waitUntil(lambda: bool(backups.list_backups(path)), timeout=10_000)
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        qtbot.addWidget(windows[0])  # deleted on the GUI thread, not by a later collection
        seen["window_icon"] = {s.width() for s in windows[0].windowIcon().availableSizes()}
        seen["desktop_file"] = QApplication.desktopFileName()
        windows[0].close()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_once_shown)
    try:
        assert app_module.run(["consult", "--db", str(path)]) == 0
    finally:
        QApplication.setWindowIcon(QIcon())
        QApplication.setDesktopFileName("")
    assert seen["window_icon"] == ICON_SIZES  # the windows inherit the app's icon
    # The name of resources/linux/consult.desktop, which desktops match the window with.
    assert seen["desktop_file"] == "consult"
    assert (resources_dir() / "linux" / f"{seen['desktop_file']}.desktop").is_file()


QUIT_DURING_RENDER = textwrap.dedent(
    """
    import json, sys, time
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    import ui.preview as preview
    from ui.app import run
    from ui.main_window import MainWindow

    real_render = preview.render_markdown
    rendered = []

    def slow_render(*args, **kwargs):
        time.sleep(0.5)  # a long body, or the first render importing the Markdown extensions
        rendered.append(True)
        return real_render(*args, **kwargs)

    preview.render_markdown = slow_render
    app = QApplication(["consult"])
    polls = []

    def close_while_rendering():
        polls.append(1)
        if len(polls) > 2000:
            sys.exit("no render started")
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        if not windows or preview.render_pool().activeThreadCount() == 0:
            QTimer.singleShot(10, close_while_rendering)
            return
        windows[0].close()

    QTimer.singleShot(0, close_while_rendering)
    status = run(["consult", "--db", sys.argv[1]])
    print(json.dumps({"status": status, "render_finished_first": bool(rendered)}), flush=True)
    """
)


def test_quitting_waits_for_a_render_still_running(demo_library):
    """A render still running in its worker thread when the interpreter shuts down crashed the
    process on quit (a segfault, about one start in four when closed during the first render)."""
    path = demo_library.path
    demo_library.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", QUIT_DURING_RENDER, str(path)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {
        "status": 0,
        "render_finished_first": True,
    }
