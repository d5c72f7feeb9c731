"""Compare → Two Files…: two files chosen in file dialogs are compared side by side, whatever
encoding official sites saved them in (UTF-8, GB18030 / GBK, UTF-16); a file that cannot be
read is said and nothing is compared."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from ui_helpers import make_window

from consult.library import Library


@pytest.fixture
def library(tmp_path):
    lib = Library.open(tmp_path / "lib.consult", create=True)
    yield lib
    lib.close()


@pytest.fixture(autouse=True)
def warned(monkeypatch):
    """The warnings shown (a test that goes wrong fails instead of waiting for a click)."""
    shown: list[tuple] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: shown.append(a)))
    return shown


def choose(monkeypatch, *paths):
    answers = iter(paths)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(next(answers)), ""))
    )


def test_two_files_in_other_encodings_are_compared(qtbot, library, tmp_path, monkeypatch, warned):
    old, new = tmp_path / "旧.md", tmp_path / "新.md"
    old.write_bytes("第一条 公民的作品享有著作权。\n".encode("gb18030"))
    new.write_bytes("第一条 自然人的作品享有著作权。\n".encode("utf-16"))
    window = make_window(qtbot, library)
    choose(monkeypatch, old, new)
    window.compare_files()
    assert warned == []
    view = window.compare_view
    qtbot.waitUntil(lambda: view.comparison() is not None and not view.is_busy(), timeout=10_000)
    assert "公民" in view.left.toPlainText() and "自然人" in view.right.toPlainText()


def test_a_file_that_cannot_be_read_is_said(qtbot, library, tmp_path, monkeypatch, warned):
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    text = tmp_path / "a.md"
    text.write_text("第一条 甲。\n", encoding="utf-8")
    window = make_window(qtbot, library)
    choose(monkeypatch, binary, text)
    window.compare_files()
    assert len(warned) == 1 and "image.png" in warned[0][2]
    assert window.compare_view.comparison() is None
