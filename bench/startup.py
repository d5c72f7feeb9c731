"""Start-up and filtering benchmark on a library of 10,000 proposals (50,000 versions).

    python bench/startup.py [--library PATH] [--count 10000] [--runs 5]

(a) A bare PySide6 window holding a QTableView over a trivial 10,000-row model, and (b) the
real `MainWindow(Library.open(library))`, each timed from a ready QApplication to the window
shown, exposed and its table painted. Each start runs in a fresh process, as a real start
does (the first window of a process pays for fonts and styles); the two alternate, and the
medians are compared. Imports are done before the clock starts and reported apart.
(c) Filtering as the user types: Chinese and English queries typed one character at a time
through the list model's `set_filter(text=…)`, each keystroke timed until the list has been
repainted. (d) The compare view's own figures, from `bench/compare_view.py` when it exists.

Targets (PRODUCT.md): (b) ≤ 1.5 × (a); ≤ 50 ms a keystroke; compare view first paint
≤ 300 ms and no GUI gap above 50 ms. The library is built once by bench/generate_library.py
and cached at PATH. Runs offscreen unless QT_QPA_PLATFORM says otherwise.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from generate_library import add_library_options, ensure  # bench/: the script's folder

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROWS = 10_000
QUERIES = ["人工智能", "著作权归属", "数据安全", "王", "copyright", "Deepfakes", "data security"]
CORPUS = ROOT.parent / "shared" / "corpus"
COMPARE_PAIR = ("us_title17/2010-06-29.md", "us_title17/2011-08-25.md")
START_RATIO, KEYSTROKE_MS, FIRST_PAINT_MS, GAP_MS = 1.5, 50.0, 300.0, 50.0


# -- what runs in a child process ----------------------------------------------------------------


def _quiet_settings() -> None:
    """Settings and standard paths away from the user's own (no saved geometry is restored)."""
    from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
    QCoreApplication.setOrganizationName("ConsultBench")
    QCoreApplication.setApplicationName("ConsultBench")
    folder = tempfile.mkdtemp(prefix="consult-bench-settings-")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)


class _FrameTimer:
    """Times the first frame of `window` in which `table` drew rows: the moment the whole
    window has been painted and handed to the screen, not just the table.

    Frames are painted when the window system exposes the window or asks for an update; the
    event is delivered inside the filter (through everything behind it), so the moment
    recorded is when that frame is done, before anything queued behind it. A frame in which
    the table did not yet draw a row (it did not know its rows) does not count.
    """

    def __init__(self, window, table) -> None:
        from PySide6.QtCore import QCoreApplication, QEvent, QObject

        outer = self
        self.painted_at: float | None = None
        self.rows_drawn = False
        self.empty_frames = 0
        frame_events = (QEvent.Type.Expose, QEvent.Type.UpdateRequest)

        class RowsDrawn(QObject):  # passive: notes that the table painted with rows
            def eventFilter(self, _obj, event) -> bool:
                if event.type() == QEvent.Type.Paint and _rows_laid_out(table):
                    outer.rows_drawn = True
                return False

        class Frame(QObject):
            def eventFilter(self, obj, event) -> bool:
                if event.type() not in frame_events or outer.painted_at is not None:
                    return False
                obj.removeEventFilter(self)
                QCoreApplication.sendEvent(obj, event)  # paint the frame now, then look
                if outer.rows_drawn:
                    outer.painted_at = time.perf_counter()
                else:
                    outer.empty_frames += 1
                    obj.installEventFilter(self)
                return True

        self._rows = RowsDrawn()
        self._frame = Frame()
        table.viewport().installEventFilter(self._rows)
        self._window = window

    def watch(self) -> None:
        """Start watching frames (the window must have its native window: after show())."""
        self._window.windowHandle().installEventFilter(self._frame)


def _rows_laid_out(table) -> bool:
    """Whether a paint of `table` now would draw its first row."""
    return table.verticalHeader().count() > 0 and table.rowViewportPosition(0) >= 0


def _show_and_wait(app, window, table) -> tuple[float, float]:
    """Show `window`; return (when its first frame with the table's rows was done, when the
    work queued by then was done: zero timers such as fills deferred past the first paint)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    spy = _FrameTimer(window, table)
    window.show()
    spy.watch()
    QTest.qWaitForWindowExposed(window)
    while spy.painted_at is None:
        app.processEvents()
    done: list[float] = []
    QTimer.singleShot(0, lambda: done.append(time.perf_counter()))
    while not done:
        app.processEvents()
    assert spy.painted_at is not None
    return spy.painted_at, done[0]


def child_bare() -> dict:
    """(a) A QMainWindow with a QTableView over a trivial 10,000-row model."""
    started = time.perf_counter()
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtTest import QTest  # noqa: F401  (used by _show_and_wait; imports are apart)
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    class Trivial(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else ROWS

        def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else 7

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                return f"Row {index.row()}, column {index.column()}"
            return None

    imports = time.perf_counter() - started
    _quiet_settings()
    app = QApplication([sys.argv[0]])
    gc.freeze()  # what the app does before it builds its window (ui.app.start_window)
    start = time.perf_counter()
    window = QMainWindow()
    table = QTableView(window)
    table.setModel(Trivial(table))
    window.setCentralWidget(table)
    window.resize(1280, 800)
    painted, settled = _show_and_wait(app, window, table)
    return {
        "ms": (painted - start) * 1000,
        "settled_ms": (settled - start) * 1000,
        "imports_ms": imports * 1000,
    }


def child_main(library_path: str) -> dict:
    """(b) The real main window on the generated library, opening the library included."""
    started = time.perf_counter()
    from PySide6.QtTest import QTest  # noqa: F401  (used by _show_and_wait; imports are apart)
    from PySide6.QtWidgets import QApplication, QTableView

    from consult.library import Library

    try:
        import ui.main_window  # noqa: F401  (imported before the clock starts, as in the app)
        from ui.app import start_window
    except Exception as e:  # the window is being assembled by others; say why it cannot start
        return {"error": f"ui.main_window cannot be imported: {type(e).__name__}: {e}"}
    imports = time.perf_counter() - started
    _quiet_settings()
    app = QApplication([sys.argv[0]])
    start = time.perf_counter()
    library = Library.open(library_path)
    opened = time.perf_counter()
    window = start_window(library)  # as `consult` starts it
    built = time.perf_counter()
    window.resize(1280, 800)
    table = window.findChild(QTableView, "proposalList")
    if table is None:
        return {"error": "the main window has no QTableView named proposalList"}
    painted, settled = _show_and_wait(app, window, table)
    return {
        "ms": (painted - start) * 1000,
        "settled_ms": (settled - start) * 1000,
        "open_ms": (opened - start) * 1000,
        "construct_ms": (built - opened) * 1000,
        "imports_ms": imports * 1000,
        "rows": table.model().rowCount(),
    }


def child_typing(library_path: str) -> dict:
    """(c) Each query typed a character at a time; each keystroke timed through the repaint."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    from consult.library import Library
    from ui.library_model import ProposalListModel

    _quiet_settings()
    app = QApplication([sys.argv[0]])
    library = Library.open(library_path)
    window = QMainWindow()
    table = QTableView(window)
    model = ProposalListModel(library, table)
    table.setModel(model)
    table.setSortingEnabled(True)
    window.setCentralWidget(table)
    window.resize(1280, 800)
    _show_and_wait(app, window, table)

    class PaintSpy(QObject):
        painted = False

        def eventFilter(self, _obj, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.painted = True
            return False

    spy = PaintSpy()
    table.viewport().installEventFilter(spy)
    results: dict[str, list[list[float]]] = {}
    for query in QUERIES:
        keys: list[list[float]] = []
        for n in range(1, len(query) + 1):
            spy.painted = False
            start = time.perf_counter()
            model.set_filter(text=query[:n])
            filtered = time.perf_counter()
            table.viewport().update()  # an unchanged list is painted again, as after any reset
            while not spy.painted:
                app.processEvents()
            app.processEvents()
            painted = time.perf_counter()
            keys.append([(filtered - start) * 1000, (painted - start) * 1000, model.total()])
        results[query] = keys
        model.set_filter()
        app.processEvents()
    return {"queries": results}


def child_compare(module_path: str) -> dict:
    """(d) `measure(old, new)` of bench/compare_view.py, whatever it reports."""
    spec = importlib.util.spec_from_file_location("compare_view_bench", module_path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    old, new = (CORPUS / name for name in COMPARE_PAIR)
    figures = module.measure(old, new)
    if not isinstance(figures, dict):
        figures = {"result": figures}
    return {"figures": {k: v if isinstance(v, int | float) else str(v) for k, v in figures.items()}}


# -- the parent: runs the children and reports ---------------------------------------------------


def run_child(*args: str) -> dict:
    result = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        tail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        return {"error": f"exit {result.returncode}: " + " | ".join(tail)}
    return json.loads(lines[-1])


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report_startup(library: Path, runs: int) -> bool:
    bare: list[dict] = []
    main: list[dict] = []
    for _ in range(runs):  # alternated, so that a busy moment of the machine hits both
        bare.append(run_child("bare"))
        main.append(run_child("main", str(library)))
    print(f"Start-up, a fresh process each, median of {runs} (imports excluded):")
    failed = next((r["error"] for r in bare if "error" in r), None)
    if failed:
        print(f"  (a) bare window failed: {failed}")
        return False
    a_ms = statistics.median(r["ms"] for r in bare)
    print(f"  (a) bare window, QTableView of {ROWS:,} rows      {a_ms:7.1f} ms")
    failed = next((r["error"] for r in main if "error" in r), None)
    if failed:
        print(f"  (b) main window failed: {failed}")
        print(f"  ratio (b)/(a) unknown (target ≤ {START_RATIO})  FAIL")
        return False
    b_ms = statistics.median(r["ms"] for r in main)
    print(
        f"  (b) MainWindow(Library.open(…)), {main[0]['rows']} rows  {b_ms:7.1f} ms"
        f"   (open {statistics.median(r['open_ms'] for r in main):.1f} ms, "
        f"construct {statistics.median(r['construct_ms'] for r in main):.1f} ms; "
        f"imports {statistics.median(r['imports_ms'] for r in main):.0f} ms apart)"
    )
    print(
        f"      settled (work deferred past the first paint done): "
        f"(a) {statistics.median(r['settled_ms'] for r in bare):.1f} ms, "
        f"(b) {statistics.median(r['settled_ms'] for r in main):.1f} ms"
    )
    ratio = b_ms / a_ms
    ok = ratio <= START_RATIO
    print(f"  ratio (b)/(a) {ratio:.2f}  (target ≤ {START_RATIO})  {verdict(ok)}")
    return ok


def report_typing(library: Path) -> bool:
    result = run_child("typing", str(library))
    if "error" in result:
        print(f"(c) filtering failed: {result['error']}")
        return False
    print("Filtering as the user types (set_filter per keystroke, then the list repainted):")
    every_filter: list[float] = []
    every_key: list[float] = []
    for query, keys in result["queries"].items():
        filters = [k[0] for k in keys]
        totals = [k[1] for k in keys]
        every_filter += filters
        every_key += totals
        print(
            f"  {query!r:>17}  {len(keys)} keys  median {statistics.median(totals):5.1f} ms  "
            f"worst {max(totals):5.1f} ms  (set_filter alone: median "
            f"{statistics.median(filters):4.1f}, worst {max(filters):4.1f}; "
            f"{int(keys[-1][2]):,} found)"
        )
    worst = max(every_key)
    ok = worst <= KEYSTROKE_MS
    print(
        f"  all {len(every_key)} keystrokes: median {statistics.median(every_key):.1f} ms, "
        f"worst {worst:.1f} ms (target ≤ {KEYSTROKE_MS:.0f} ms)  {verdict(ok)}"
    )
    return ok


def report_compare() -> bool:
    module = ROOT / "bench" / "compare_view.py"
    if not module.exists():
        print("Compare view: skipped (bench/compare_view.py does not exist yet)")
        return True
    result = run_child("compare", str(module))
    if "error" in result:
        print(f"Compare view: failed: {result['error']}")
        return False
    figures = result["figures"]
    print(f"Compare view, {COMPARE_PAIR[0]} → {COMPARE_PAIR[1]}:")
    for name, value in figures.items():
        print(f"  {name}: {value:.1f}" if isinstance(value, float) else f"  {name}: {value}")
    ok = True
    for words, target in (("first", FIRST_PAINT_MS), ("gap", GAP_MS)):
        key = next((k for k in figures if words in k.lower() and k.endswith("ms")), None)
        if key is None or not isinstance(figures[key], int | float):
            print(f"  ({words}: no figure named *{words}*_ms to check against {target:.0f} ms)")
            continue
        passed = figures[key] <= target
        ok = ok and passed
        print(f"  {key} {figures[key]:.1f} ms (target ≤ {target:.0f} ms)  {verdict(passed)}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_library_options(parser)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        children: dict[str, Callable[..., dict]] = {
            "bare": child_bare,
            "main": child_main,
            "typing": child_typing,
            "compare": child_compare,
        }
        print(json.dumps(children[kind](*rest)))
        return 0

    ensure(args.library, args.count)
    results = [
        report_startup(args.library, args.runs),
        report_typing(args.library),
        report_compare(),
    ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
