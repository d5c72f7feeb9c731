"""Reading what a user typed into the metadata form: names, tags and counts."""

from __future__ import annotations

import pytest

from consult.form_text import count_text, join_names, last_tag, split_names, split_tags


@pytest.mark.parametrize(
    ("text", "words", "chars"),
    [
        ("", 0, 0),
        ("关于加强数据安全", 8, 8),  # Chinese: each character is a word
        ("The Act's scope is wide", 5, 19),  # spaces are not characters; Act's is one word
        ("第十条 AI-generated works", 5, 20),
        ("  \n\t ", 0, 0),
        ("さくら 2026", 4, 7),  # kana count one by one; a run of digits is a word
    ],
)
def test_counts(text, words, chars):
    assert count_text(text) == (words, chars)


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("张三、李四", ("张三", "李四")),
        ("张三\n李四\n\n张三", ("张三", "李四")),  # empty lines and repeats dropped
        ("Ann  Lee, Bo；Cy;Dee，Eve", ("Ann Lee", "Bo", "Cy", "Dee", "Eve")),
        ("  ", ()),
    ],
)
def test_names_are_split_on_any_separator_trimmed_and_unique(typed, names):
    assert split_names(typed) == names


def test_names_are_joined_as_their_script_writes_them():
    assert join_names(("张三", "李四")) == "张三、李四"
    assert join_names(("Ann Lee", "Bo")) == "Ann Lee, Bo"


def test_tags_are_split_on_commas_only():
    assert split_tags("AI/copyright, 著作权，个人信息、隐私 ,, ") == [
        "AI/copyright",
        "著作权",
        "个人信息、隐私",
    ]
    assert last_tag("AI, heal") == "heal"
    assert last_tag("AI，著作") == "著作"
