"""Export to Markdown and import from the window: the dialogs run in a worker with progress,
the import asks about recognised encodings, files dropped on the window are imported."""

from __future__ import annotations

import errno
import itertools
import os
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QInputDialog, QMessageBox
from ui_helpers import make_window

from consult.markdown_io import atomic
from consult.markdown_io.importer import Outcome
from consult.markdown_io.sources import scan
from ui.dialogs.export_dialog import ExportDialog

GB_TEXT = "关于加强基层医疗卫生服务的建议\n\n一、基层医疗机构的人员配备不足。\n"


def test_export_of_the_selection_writes_markdown_files_in_a_worker(qtbot, demo_library, tmp_path):
    window = make_window(qtbot, demo_library)
    chosen = [p.id for p in demo_library.list_proposals()[:2]]
    dialog = ExportDialog(demo_library, chosen, window)
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(tmp_path / "out"))
    dialog.history_check.setChecked(True)
    assert dialog.selected_radio.isChecked()
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    report = dialog.report
    assert report.ok and len(report.files) == 2
    written = {f.proposal.id: f.path for f in report.files}
    assert set(written) == set(chosen)
    for pid, path in written.items():
        text = path.read_text(encoding="utf-8")
        assert text.startswith("---\n") and f"id: {pid}" in text
        assert demo_library.version(pid).content.body in text
    assert (tmp_path / "out" / "index.md").exists()
    assert "2" in dialog.status.text()


def test_export_all_and_cancel_keeps_what_was_written(qtbot, demo_library, tmp_path):
    window = make_window(qtbot, demo_library)
    dialog = ExportDialog(demo_library, [], window)
    qtbot.addWidget(dialog)
    assert dialog.all_radio.isChecked() and not dialog.selected_radio.isEnabled()
    dialog.folder_edit.setText(str(tmp_path / "all"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    assert len(dialog.report.files) == demo_library.count()
    names = {p.name for p in (tmp_path / "all").iterdir()}
    assert not [n for n in names if n.startswith(".")]  # no temporary file left


def test_case08_a_full_disk_during_export_is_reported_with_the_reason_and_the_old_file_kept(
    qtbot, demo_library, tmp_path, monkeypatch
):
    window = make_window(qtbot, demo_library)
    chosen = demo_library.list_proposals()[0]
    out = tmp_path / "out"
    dialog = ExportDialog(demo_library, [chosen.id], window)
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(out))
    dialog.export_button.click()  # a first export: the file the user already has
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    [first] = dialog.report.files
    old = first.path.read_bytes()
    before = sorted(p.name for p in out.iterdir())

    def no_space(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", no_space)
    again = ExportDialog(demo_library, [chosen.id], window)
    qtbot.addWidget(again)
    again.folder_edit.setText(str(out))
    again.export_button.click()
    qtbot.waitUntil(lambda: again.report is not None, timeout=20_000)
    assert not again.report.ok
    assert again.status.text() == "The export did not finish: see below."
    assert "No space left on device" in again.result_text.toPlainText()
    assert first.path.read_bytes() == old  # the file exported before is unchanged
    assert sorted(p.name for p in out.iterdir()) == before  # no partial or temporary file


def _write_files(folder: Path) -> list[Path]:
    folder.mkdir()
    utf8 = folder / "voice.md"
    utf8.write_text("---\ntitle: Voice rights note\nkind: note\ntags: [AI/deepfake]\n---\nBody.\n")
    gb = folder / "医疗.txt"
    gb.write_bytes(GB_TEXT.encode("gb18030"))
    return [utf8, gb]


@pytest.mark.parametrize("answer", ["yes", "cancel"])
def test_case19_import_asks_about_a_recognised_encoding(
    qtbot, demo_library, tmp_path, monkeypatch, answer
):
    window = make_window(qtbot, demo_library)
    before = demo_library.count()
    _utf8, gb = _write_files(tmp_path / "in")
    assert [f.encoding_guessed for f in scan([gb])] == [True]
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return {"yes": QMessageBox.StandardButton.Yes, "cancel": QMessageBox.StandardButton.Cancel}[
            answer
        ]

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog = window.import_paths([tmp_path / "in"])
    if answer == "cancel":
        qtbot.waitUntil(lambda: "nothing imported" in dialog.status.text(), timeout=20_000)
        assert demo_library.count() == before
        assert asked and "GB18030" in asked[0] and "基层医疗" in asked[0]
        return
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    assert asked and "医疗.txt" in asked[0]
    titles = {p.title for p in demo_library.list_proposals()}
    assert "Voice rights note" in titles
    assert any(
        "关于加强基层医疗卫生服务的建议" in demo_library.version(p.id).content.body
        for p in demo_library.list_proposals()
    )
    assert demo_library.count() == before + 2
    shown = {window.model.proposal(r).title for r in range(window.model.rowCount())}
    assert "Voice rights note" in shown  # the list shows what came in
    assert "2 imported" in dialog.status.text()


def test_case19_refusing_the_recognised_encoding_offers_others(
    qtbot, demo_library, tmp_path, monkeypatch
):
    window = make_window(qtbot, demo_library)
    _write_files(tmp_path / "in")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    offered: list[list[str]] = []

    def get_item(parent, title, label, items, current, editable):
        offered.append(list(items))
        return "gb18030", True

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    dialog = window.import_paths([tmp_path / "in"])
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    assert offered and "big5" in offered[0]
    assert len(dialog.report.of(Outcome.IMPORTED)) == 2


def test_files_dropped_on_the_window_are_imported(qtbot, demo_library, tmp_path, monkeypatch):
    window = make_window(qtbot, demo_library)
    utf8, _gb = _write_files(tmp_path / "in")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(utf8))])
    started: list = []
    real = window.import_paths
    monkeypatch.setattr(window, "import_paths", lambda paths: started.append(real(paths)))
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    assert started
    qtbot.waitUntil(lambda: started[0].report is not None, timeout=20_000)
    assert "Voice rights note" in {p.title for p in demo_library.list_proposals()}
    web = QMimeData()
    web.setUrls([QUrl("https://example.org/x.md")])
    window.dropEvent(
        QDropEvent(
            QPointF(1, 1),
            Qt.DropAction.CopyAction,
            web,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    )
    assert len(started) == 1  # a web link is not imported


def test_the_actions_are_in_the_file_menu(qtbot, demo_library):
    window = make_window(qtbot, demo_library)
    actions = {a.objectName(): a for a in window.actions()}
    assert actions["actionExportMarkdown"].shortcut().toString() == "Ctrl+E"
    assert actions["actionImport"].shortcut().toString() == "Ctrl+I"


def test_case21_a_large_import_keeps_the_window_answering_and_cancel_keeps_whole_files(
    qtbot, demo_library, tmp_path
):
    # RELIABILITY 21, the window's part: the import runs in a worker; a timer in the GUI
    # thread keeps firing; Cancel stops it between files and what came in came in whole.
    folder = tmp_path / "many"
    folder.mkdir()
    body = "第一条 为了规范人工智能生成内容的标识，制定本办法。\n\n" * 40
    for i in range(400):
        (folder / f"note {i:03}.md").write_text(f"# 备忘 {i}\n\n{body}", encoding="utf-8")
    window = make_window(qtbot, demo_library)
    before = demo_library.count()
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    dialog = window.import_paths([folder])
    qtbot.waitUntil(lambda: dialog.progress.value() >= 20, timeout=30_000)
    dialog.reject()  # Cancel while it runs
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
    timer.stop()
    report = dialog.report
    assert report.cancelled
    came_in = report.of(Outcome.IMPORTED)
    assert 20 <= len(came_in) < 400
    assert demo_library.count() == before + len(came_in)
    for result in came_in:  # whole files, never a part of one
        number = int(result.path.stem.split()[-1])
        stored = demo_library.version(result.proposal_id).content.body
        assert stored.strip() == f"# 备忘 {number}\n\n{body}".strip()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert gaps and max(gaps) < 0.2
