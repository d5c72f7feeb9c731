"""Applying amendment instructions: phrase edits, every kind of instruction in both languages,
errors that name the instruction's line, and real-style decisions on real texts."""

from __future__ import annotations

import pytest

from consult import i18n
from consult.compare.consolidate import apply_edits
from consult.compare.instructions import ADD_AFTER, REMOVE, REPLACE, Edit
from consult.errors import ConsultError, InstructionError

# -- phrase edits -----------------------------------------------------------------------------


def test_phrase_edits_apply_in_order_each_seeing_the_text_the_one_before_left():
    text = "公民、法人或者其他组织的作品受本法保护。"
    edits = [
        Edit(REPLACE, "其他组织", "非法人组织"),
        Edit(ADD_AFTER, "非法人组织", "等"),  # finds what the first edit wrote
        Edit(REMOVE, "公民、"),
    ]
    assert apply_edits(text, edits) == "法人或者非法人组织等的作品受本法保护。"


def test_english_phrase_edits():
    text = "The owner of copyright has the exclusive rights to do and to authorize."
    edits = [
        Edit(REPLACE, "owner", "holder"),
        Edit(REMOVE, " and to authorize"),
        Edit(ADD_AFTER, "rights", " under this title"),
    ]
    assert apply_edits(text, edits) == (
        "The holder of copyright has the exclusive rights under this title to do."
    )


def test_no_edits_leave_the_text_as_it_is():
    assert apply_edits("第一条　甲。", []) == "第一条　甲。"


def test_a_phrase_not_in_the_text_is_reported_with_the_line_and_the_phrase():
    with pytest.raises(InstructionError) as caught:
        apply_edits("甲乙丙。", [Edit(REPLACE, "丁", "戊")], line=7)
    assert caught.value.line == 7
    assert str(caught.value) == "line 7: “丁” is not in the text"
    assert isinstance(caught.value, ConsultError)


def test_a_phrase_found_twice_is_reported_not_guessed():
    with pytest.raises(InstructionError, match="“乙” occurs 2 times") as caught:
        apply_edits("甲乙丙乙。", [Edit(REMOVE, "乙")], line=3)
    assert caught.value.line == 3


def test_overlapping_occurrences_count_as_several():
    with pytest.raises(InstructionError, match="occurs 2 times"):
        apply_edits("aaa", [Edit(REMOVE, "aa")])


def test_a_later_edit_fails_on_what_an_earlier_one_made_ambiguous():
    with pytest.raises(InstructionError, match="“乙” occurs 2 times"):
        apply_edits("甲乙。", [Edit(REPLACE, "甲", "乙"), Edit(REMOVE, "乙")])


def test_the_message_names_the_article_when_told():
    with pytest.raises(InstructionError) as caught:
        apply_edits("甲。", [Edit(REMOVE, "乙")], line=2, where="第五条")
    assert str(caught.value) == "line 2: “乙” is not in 第五条"


def test_the_message_is_in_chinese_when_the_user_reads_chinese():
    i18n.set_language("zh_CN")
    try:
        with pytest.raises(InstructionError) as caught:
            apply_edits("甲乙乙。", [Edit(REMOVE, "乙")], line=4, where="第五条")
    finally:
        i18n.set_language("en")
    assert str(caught.value) == "第 4 行：“乙”在第五条中出现 2 次，应当只出现一次"
