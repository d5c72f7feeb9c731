"""The compare view as a user meets it: two texts side by side, rows level with each other,
moving between changes, the overview, the options, the exported table, and a GUI that keeps
answering while a 1.5 M-character pair is compared."""

import errno
import os
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence, QPalette, QTextCursor
from PySide6.QtWidgets import QMainWindow, QMessageBox, QPlainTextEdit

from consult.markdown_io import atomic
from ui.compare_view import CompareView

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

OLD = """# 测试法

第一条　为了规范测试，制定本法。

第二条　测试应当遵循公开、公平的原则。

第三条　本法自公布之日起施行。
"""
NEW = """# 测试法

第一条　为了规范测试，制定本法。

第二条　国家鼓励开展自动化测试，提高测试效率。

第三条　测试应当遵循公开、公平的原则。

第四条　本法自2025年1月1日起施行。
"""


def long_pair(count: int = 60, changed: tuple[int, ...] = (8, 30, 52)) -> tuple[str, str]:
    """A law of `count` articles, each a few lines long, with `changed` articles reworded."""
    old, new = [], []
    for n in range(1, count + 1):
        body = f"第{n}条　" + f"本条规定测试的第{n}项要求，" * 12 + "依法执行。"
        old.append(body)
        new.append(body.replace("依法执行", "从严执行") if n in changed else body)
    return "\n\n".join(old) + "\n", "\n\n".join(new) + "\n"


def make_view(qtbot, width: int = 900, height: int = 500) -> CompareView:
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    return view


def compare(qtbot, view: CompareView, old: str, new: str) -> None:
    with qtbot.waitSignal(view.alignmentFinished, timeout=20_000):
        view.set_texts(old, new, "v1", "v2")


def line_of(pane: QPlainTextEdit, text: str) -> int:
    """The first line (as the pane counts them) of the block holding `text`."""
    found = pane.document().find(text)
    assert not found.isNull(), text
    return found.block().firstLineNumber()


def block_at_line(pane: QPlainTextEdit, line: int):
    return pane.document().findBlockByLineNumber(line)


def top_text(pane: QPlainTextEdit) -> str:
    return block_at_line(pane, pane.verticalScrollBar().value()).text()


def test_an_inserted_article_lines_up_with_filler_and_the_rest_is_renumbered(
    qtbot, window_language
):
    window_language("zh_CN")  # the summary is in the window's language
    view = make_view(qtbot)
    compare(qtbot, view, OLD, NEW)
    left, right = view.findChild(QPlainTextEdit, "compareLeft"), view.right
    assert left is view.left and right.objectName() == "compareRight"
    left_text, right_text = left.toPlainText(), right.toPlainText()
    assert "测试应当遵循公开、公平的原则" in left_text and "国家鼓励" not in left_text
    assert "国家鼓励开展自动化测试" in right_text and "本法自2025年1月1日起施行" in right_text

    # The inserted article: on the left, at the same line, a shaded empty block.
    inserted = line_of(right, "国家鼓励开展自动化测试")
    filler = block_at_line(left, inserted)
    assert filler.text() == ""
    assert filler.blockFormat().background().style() != Qt.BrushStyle.NoBrush
    # Every later article starts on the same line on both sides.
    assert line_of(left, "测试应当遵循") == line_of(right, "测试应当遵循") - 0
    old_last, new_last = line_of(left, "本法自公布之日"), line_of(right, "本法自2025年")
    assert old_last == new_last
    # Renumbered pairs are labelled; the summary counts what happened.
    assert "第二条 → 第三条" in right_text and "第三条 → 第四条" in right_text
    summary = view.findChild(type(view.summary_label), "compareSummary").text()
    assert "新增 1 条" in summary and "修改 1 条" in summary and "重新编号 2 条" in summary
    # Deleted words struck in red on the left, inserted ones on green on the right.
    struck = _formats_in(left, "公布之")
    assert struck.fontStrikeOut() and struck.foreground().color().red() > 120
    assert _formats_in(right, "2025年1月1").background().style() != Qt.BrushStyle.NoBrush


def _formats_in(pane: QPlainTextEdit, text: str):
    cursor = pane.document().find(text)
    assert not cursor.isNull(), text
    probe = QTextCursor(cursor)
    probe.setPosition(cursor.selectionStart() + 1)
    return probe.charFormat()


def test_next_and_previous_change_walk_the_changed_rows_in_both_panes(qtbot):
    view = make_view(qtbot, height=400)
    compare(qtbot, view, *long_pair())
    rows = view.change_rows()
    assert len(rows) == 3 and view.current_change() == -1
    for index, article in enumerate(("第8条", "第30条", "第52条")):
        assert view.next_change()
        assert view.current_change() == index
        assert top_text(view.left).startswith(article)
        assert top_text(view.right).startswith(article)
        assert view.left.verticalScrollBar().value() == view.right.verticalScrollBar().value()
    assert not view.next_change()  # no change after the last
    assert view.current_change() == 2
    assert view.previous_change() and view.current_change() == 1
    assert top_text(view.left).startswith("第30条") and top_text(view.right).startswith("第30条")
    qtbot.mouseClick(view.findChild(type(view.prev_button), "prevChangeButton"), Qt.LeftButton)
    assert view.current_change() == 0


def test_f7_moves_between_changes_even_beside_a_window_wide_f7_action(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    triggered = []
    action = QAction("Next change", window)
    action.setShortcut(QKeySequence("F7"))
    action.triggered.connect(lambda: triggered.append(True))
    window.addAction(action)
    view = CompareView(window)
    window.setCentralWidget(view)
    window.resize(900, 400)
    window.show()
    qtbot.waitExposed(window)
    compare(qtbot, view, *long_pair())
    view.left.setFocus()
    qtbot.keyClick(view.left, Qt.Key.Key_F7)
    qtbot.keyClick(view.left, Qt.Key.Key_F7)
    assert view.current_change() == 1 and not triggered
    qtbot.keyClick(view.left, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert view.current_change() == 0


def test_scrolling_one_pane_scrolls_the_other(qtbot):
    view = make_view(qtbot, height=400)
    compare(qtbot, view, *long_pair())
    view.left.verticalScrollBar().setValue(40)
    assert view.right.verticalScrollBar().value() == 40
    view.right.verticalScrollBar().setValue(75)
    assert view.left.verticalScrollBar().value() == 75
    assert top_text(view.left) == top_text(view.right)


def test_rows_of_different_lengths_stay_level_after_a_resize(qtbot):
    old, new = long_pair()
    new = new.replace("第30条　", "第30条　" + "新增的长句，" * 40)
    view = make_view(qtbot, width=900)
    compare(qtbot, view, old, new)
    assert line_of(view.left, "第31条") == line_of(view.right, "第31条")
    with qtbot.waitSignal(view.alignmentFinished, timeout=20_000):
        view.resize(600, 500)
    assert line_of(view.left, "第31条") == line_of(view.right, "第31条")
    assert line_of(view.left, "第60条") == line_of(view.right, "第60条")


def test_the_overview_marks_the_changes_and_a_click_goes_there(qtbot):
    view = make_view(qtbot, height=400)
    compare(qtbot, view, *long_pair())
    bar = view.findChild(type(view.overview), "compareOverview")
    markers = bar.markers()
    rows = [(start, end) for start, end, kind, strong in markers if not strong]
    assert len(rows) == 3 and all(kind == "modified" for _, _, kind, _ in markers)
    words = sorted(start for start, _, _, strong in markers if strong)
    assert len(words) == 6  # each changed word, on each side, inside its row's band
    assert all(rows[i // 2][0] <= start < rows[i // 2][1] for i, start in enumerate(words))
    qtbot.mouseClick(
        bar, Qt.LeftButton, pos=QPoint(bar.width() // 2, int(bar.height() * words[-1]))
    )
    total = view.left.document().lineCount()
    top = view.left.verticalScrollBar().value()
    page = view.left.verticalScrollBar().pageStep()
    assert top <= words[-1] * total <= top + page  # the third change is on screen
    assert view.right.verticalScrollBar().value() == top
    shown = "".join(block_at_line(view.right, line).text() for line in range(top, top + page))
    assert "第52条" in shown and "从严执行" in shown


def test_paragraph_granularity_marks_whole_rows_only(qtbot):
    view = make_view(qtbot)
    compare(qtbot, view, OLD, NEW)
    assert _formats_in(view.left, "公布之").fontStrikeOut()
    combo = view.findChild(type(view.granularity_combo), "granularityCombo")
    assert [combo.itemData(i) for i in range(combo.count())] == [
        "auto",
        "char",
        "word",
        "paragraph",
    ]
    with qtbot.waitSignal(view.alignmentFinished, timeout=20_000):
        combo.setCurrentIndex(combo.findData("paragraph"))
    plain = _formats_in(view.left, "公布之")
    assert not plain.fontStrikeOut()
    assert plain.background().style() == Qt.BrushStyle.NoBrush
    row = view.left.document().find("公布之").block()
    assert row.blockFormat().background().style() != Qt.BrushStyle.NoBrush  # the whole row


def test_the_other_options_recompute(qtbot):
    view = make_view(qtbot)
    compare(qtbot, view, OLD, NEW)
    assert view.comparison().by == "article"
    with qtbot.waitSignal(view.alignmentFinished, timeout=20_000):
        view.findChild(type(view.by_article_check), "byArticleCheck").setChecked(False)
    assert view.comparison().by == "paragraph"
    with qtbot.waitSignal(view.alignmentFinished, timeout=20_000):
        view.findChild(type(view.ignore_width_check), "ignoreWidthCheck").setChecked(True)
    assert view.comparison().options.ignore_width


def test_a_newer_comparison_wins_over_one_still_running(qtbot):
    view = make_view(qtbot)
    view.set_texts(*long_pair())
    assert view.is_busy()
    compare(qtbot, view, OLD, NEW)
    qtbot.wait(100)
    assert "国家鼓励" in view.right.toPlainText() and "第52条" not in view.right.toPlainText()
    assert not view.is_busy()


def test_export_writes_the_before_after_table(qtbot, tmp_path):
    view = make_view(qtbot)
    compare(qtbot, view, OLD, NEW)
    assert view.export_table(tmp_path / "table.md", "markdown")
    assert "| 修改前 | 修改后 |" in (tmp_path / "table.md").read_text(encoding="utf-8")
    assert view.export_table(tmp_path / "table.html", "html")
    assert "<del>" in (tmp_path / "table.html").read_text(encoding="utf-8")


def test_case08_a_failed_comparison_export_says_why_and_leaves_no_file(
    qtbot, tmp_path, monkeypatch
):
    view = make_view(qtbot)
    compare(qtbot, view, OLD, NEW)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[1:]))
    target = tmp_path / "missing" / "table.md"
    assert not view.export_table(target, "markdown")
    assert len(shown) == 1 and "No such file or directory" in shown[0][1]
    assert not target.exists() and list(tmp_path.iterdir()) == []
    # A directory where the file should be: nothing written, nothing left beside it.
    (tmp_path / "taken.md").mkdir()
    assert not view.export_table(tmp_path / "taken.md", "markdown")
    assert len(shown) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken.md"]
    assert list((tmp_path / "taken.md").iterdir()) == []


@contextmanager
def _disk_fills_part_way():
    """os.write as on a disk that fills up: the first call writes part, the next fails."""
    real_write, calls = os.write, []

    def write(fd, data):
        calls.append(len(data))
        if len(calls) == 1:
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    atomic.os.write = write
    try:
        yield
    finally:
        atomic.os.write = real_write


@contextmanager
def _file_size_limit():
    """A real write that the system refuses part way: RLIMIT_FSIZE (Python ignores SIGXFSZ,
    so the write fails with EFBIG, "File too large"). Nothing else writes meanwhile."""
    resource = pytest.importorskip("resource")
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (200, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


@pytest.mark.parametrize(
    ("fault", "reason"),
    [(_disk_fills_part_way, "No space left on device"), (_file_size_limit, "File too large")],
    ids=["disk-full-part-way", "rlimit-fsize"],
)
def test_case08_a_comparison_export_that_fails_part_way_names_the_reason_and_keeps_the_old_file(
    qtbot, tmp_path, monkeypatch, fault, reason
):
    view = make_view(qtbot)
    compare(qtbot, view, OLD * 20, NEW * 20)  # a table well over one write
    target = tmp_path / "table.md"
    target.write_text("the table exported last week\n", encoding="utf-8")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[1:]))
    with fault():
        written = view.export_table(target, "markdown")
    assert written is False
    assert len(shown) == 1
    assert shown[0][1] == f"Could not write {target}: {reason}"
    assert target.read_text(encoding="utf-8") == "the table exported last week\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.md"]  # no partial or temp file
    assert view.export_table(target, "markdown")  # once there is room again
    assert "| 修改前 | 修改后 |" in target.read_text(encoding="utf-8")


def test_a_comparison_that_fails_says_so_and_keeps_what_was_shown(qtbot, monkeypatch):
    view = make_view(qtbot)
    compare(qtbot, view, OLD, NEW)

    def broken(*args, **kwargs):
        raise ValueError("no pairs")

    monkeypatch.setattr("ui.compare_worker.compare_texts", broken)
    view.set_texts("a", "b")
    qtbot.waitUntil(lambda: not view.is_busy())
    assert "The comparison failed" in view.summary_label.text()
    assert "no pairs" in view.summary_label.text()
    assert "国家鼓励" in view.right.toPlainText()


def test_export_is_offered_once_there_is_a_table(qtbot):
    view = make_view(qtbot)
    button = view.findChild(type(view.export_button), "compareExportButton")
    assert not button.isEnabled()
    compare(qtbot, view, OLD, NEW)
    assert button.isEnabled()
    names = [action.objectName() for action in button.menu().actions()]
    assert names == ["exportMarkdownAction", "exportHtmlAction"]


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_highlights_are_readable_in_a_dark_palette(qtbot):
    view = make_view(qtbot)
    dark = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#202020"),
        (QPalette.ColorRole.Base, "#181818"),
        (QPalette.ColorRole.Text, "#e8e8e8"),
        (QPalette.ColorRole.WindowText, "#e8e8e8"),
    ):
        dark.setColor(role, QColor(colour))
    view.setPalette(dark)
    compare(qtbot, view, OLD, NEW)
    for pane, text in ((view.left, "公布之"), (view.left, "本法自"), (view.right, "国家鼓励")):
        fmt = _formats_in(pane, text)
        block = pane.document().find(text).block()
        background = fmt.background()
        if background.style() == Qt.BrushStyle.NoBrush:
            background = block.blockFormat().background()
        assert background.style() != Qt.BrushStyle.NoBrush, text
        foreground: QBrush = fmt.foreground()
        assert foreground.style() != Qt.BrushStyle.NoBrush, text  # not the palette's light text
        assert _contrast(foreground.color(), background.color()) >= 4.5, text


@pytest.mark.slow
@pytest.mark.skipif(not (CORPUS / "us_title17").is_dir(), reason="corpus not present")
def test_the_gui_keeps_answering_while_a_large_pair_is_compared(qtbot):
    old = (CORPUS / "us_title17" / "2010-06-29.md").read_text(encoding="utf-8")
    new = (CORPUS / "us_title17" / "2011-08-25.md").read_text(encoding="utf-8")
    view = make_view(qtbot, width=1200, height=800)
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.timeout.connect(tick)
    heartbeat.start(10)
    start = time.perf_counter()
    with qtbot.waitSignal(view.comparisonReady, timeout=20_000):
        view.set_texts(old, new, "2010-06-29", "2011-08-25")
    ready = time.perf_counter() - start
    with qtbot.waitSignal(view.alignmentFinished, timeout=30_000):
        pass
    heartbeat.stop()
    worst = max(gaps) * 1000
    print(f"\ntitle17: rows on screen {ready * 1000:.0f} ms, longest GUI gap {worst:.0f} ms")
    # PRODUCT.md asks 50 ms (bench/compare_view.py measures it); a shared 2-core machine
    # running other tests gets twice that here.
    assert worst <= 100
    assert line_of(view.left, "-End-") == line_of(view.right, "-End-")
    assert view.next_change() and top_text(view.left) == top_text(view.right)
