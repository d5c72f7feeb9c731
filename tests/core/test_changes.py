"""The size of a change shown in the history: characters deleted plus characters inserted."""

import pytest
from core_helpers import CORPUS

from consult.changes import change_size


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("same text", "same text", 0),
        ("", "", 0),
        ("", "第一条　新增。", 7),
        ("第一条　删除。", "", 7),
        ("第四条", "第五条", 2),  # one character replaced: one out, one in
        ("Article 4 applies.", "Article 5 applies.", 2),
        ("abc", "abXc", 1),
        ("aaa", "aaaa", 1),
        ("hello world", "hello there world", 6),
    ],
)
def test_small_changes_are_counted_exactly(old, new, expected):
    assert change_size(old, new) == expected


def test_a_large_text_with_scattered_edits_counts_only_the_edits():
    text = (CORPUS / "civil_code_cn" / "2020.md").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    assert len(text) > 100_000
    edited = list(lines)
    edited[100] = edited[100].replace("第", "弟", 1)  # a one-character slip: 2
    edited.insert(800, "第十二条之一　新增的一条规定。\n")  # a new article of 16 characters: 16
    late = next(i for i in range(1500, len(lines)) if "民" in lines[i])
    edited[late + 1] = edited[late + 1].replace("民", "人民", 1)  # one character inserted: 1
    assert edited[100] != lines[100] and edited[late + 1] != lines[late]
    assert change_size(text, "".join(edited)) == 2 + 16 + 1


def test_inserting_an_article_that_renumbers_the_rest_is_a_small_change():
    numerals = "一二三四五六七八九十"
    old = "".join(f"第{n}条　第{n}条的内容保持不变，共有二十多个字。\n" for n in numerals[:9])
    new_articles = ["第一条　总则。\n", "第二条　新增加的一条。\n"] + [
        f"第{numerals[i + 1]}条　第{numerals[i]}条的内容保持不变，共有二十多个字。\n"
        for i in range(1, 9)
    ]
    new = "".join(new_articles)
    # Far less than the length of the text: each renumbered heading costs a couple of characters.
    assert change_size(old, new) < len(old) // 2
