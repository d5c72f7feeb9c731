"""Chinese text drawn in a Simplified Chinese font, and counted by character.

The fonts are chosen from what the system has: these tests give the chooser made-up lists of
installed families (the machine's own fonts do not matter), and check that the editor, the
preview, the compare view and the new-proposal dialog use the family chosen.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QMessageBox
from ui_helpers import make_window

from ui import fonts
from ui.dialogs.new_proposal import NewProposalDialog
from ui.fonts import MONO, SANS, SERIF, chinese_family, interface_font, text_font


@pytest.mark.parametrize(
    ("installed", "sans", "serif", "mono"),
    [
        (
            ["Noto Sans CJK JP", "Noto Sans CJK SC", "Noto Serif CJK SC", "Noto Sans Mono CJK SC"],
            "Noto Sans CJK SC",
            "Noto Serif CJK SC",
            "Noto Sans Mono CJK SC",
        ),
        (["SimSun", "NSimSun", "Microsoft YaHei"], "Microsoft YaHei", "SimSun", "NSimSun"),
        (["PingFang SC", "Songti SC"], "PingFang SC", "Songti SC", "PingFang SC"),
        # No serif or mono of its own: the sans-serif one serves.
        (["WenQuanYi Micro Hei"], "WenQuanYi Micro Hei", "WenQuanYi Micro Hei", None),
        # None known: one that says it is Simplified Chinese, not a Traditional one.
        (["AR PL UKai TW", "Founder Kai GB"], "Founder Kai GB", "Founder Kai GB", None),
        (["AR PL UKai TW"], "AR PL UKai TW", "AR PL UKai TW", None),
    ],
)
def test_the_chinese_family_is_chosen_from_the_fallback_list(qapp, installed, sans, serif, mono):
    assert chinese_family(SANS, installed) == sans
    assert chinese_family(SERIF, installed) == serif
    assert chinese_family(MONO, installed) == (mono or sans)


def test_without_a_chinese_font_the_system_fonts_stay_as_they_are(qapp):
    base = QFont("DejaVu Sans")
    assert chinese_family(SANS, []) is None
    assert text_font(SANS, base, available=[]).families() == base.families()
    assert interface_font(base, available=[]).families() == base.families()


def test_the_chinese_family_comes_first_in_texts_and_last_in_the_interface(qapp):
    base = QFont("DejaVu Sans")
    installed = ["Source Han Sans SC"]
    assert text_font(SANS, base, available=installed).families() == [
        "Source Han Sans SC",
        "DejaVu Sans",
    ]
    assert interface_font(base, available=installed).families() == [
        "DejaVu Sans",
        "Source Han Sans SC",
    ]


@pytest.mark.parametrize("family", ["WenQuanYi Micro Hei", "Microsoft YaHei"])
def test_editor_preview_compare_view_and_template_use_the_chinese_family(
    qtbot, demo_library, monkeypatch, family
):
    monkeypatch.setattr(fonts, "chinese_families", lambda: [family, "Noto Sans CJK JP"])
    window = make_window(qtbot, demo_library)
    assert window.editor.bodyEditor.font().families()[0] == family
    assert window.editor.previewBrowser.font().families()[0] == family
    window.compare_view.set_texts("第一条 原文。", "第一条 新文。")
    qtbot.waitUntil(lambda: not window.compare_view.is_busy(), timeout=10_000)
    for pane in (window.compare_view.left, window.compare_view.right):
        assert pane.document().defaultFont().families()[0] == family
    dialog = NewProposalDialog(demo_library, window, lang="zh")
    qtbot.addWidget(dialog)
    assert dialog.preview.font().families()[0] == family


def test_a_latin_only_comparison_keeps_the_fixed_pitch_font(qtbot, demo_library, monkeypatch):
    monkeypatch.setattr(fonts, "chinese_families", lambda: ["Noto Sans Mono CJK SC"])
    window = make_window(qtbot, demo_library)
    window.compare_view.set_texts("Article 1. Old.", "Article 1. New.")
    qtbot.waitUntil(lambda: not window.compare_view.is_busy(), timeout=10_000)
    assert (
        "Noto Sans Mono CJK SC" not in window.compare_view.left.document().defaultFont().families()
    )


def test_the_chinese_window_counts_chinese_by_character(
    qtbot, demo_library, window_language, monkeypatch
):
    discard = QMessageBox.StandardButton.Discard  # the typing, when the window closes
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: discard)
    window_language("zh_CN")
    window = make_window(qtbot, demo_library)
    window.editor.bodyEditor.setPlainText("第一条　人工智能 AI law\n")
    # 字数 as a word processor counts it: each Chinese character, each word of letters.
    qtbot.waitUntil(lambda: window.editor.countsLabel.text() == "字数 9 · 字符数 12")
