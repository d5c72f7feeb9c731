"""Headings (编 / 分编 / 章 / 节) in amendment instructions: written and read back, applied
(retitled, inserted with their articles, deleted, renumbered), named by their numbers in the
text being amended, and a table of contents left outside."""

from __future__ import annotations

import re

import pytest

from consult.compare.amendments import draft_amendment
from consult.compare.consolidate import apply_amendment, apply_instructions
from consult.compare.instruction_reader import parse_instructions
from consult.compare.instruction_writer import render
from consult.compare.instructions import (
    DELETE,
    INSERT,
    RENUMBER,
    RETITLE,
    Amendment,
    HeadingRef,
    Instruction,
    NewArticle,
    Ref,
)
from consult.compare.numerals import to_chinese
from consult.errors import InstructionError

HEADINGS = [
    Instruction(RETITLE, heading=HeadingRef("章", 2), paragraphs=("公司登记",)),
    Instruction(RETITLE, heading=HeadingRef("节", 2, (("章", 3),)), paragraphs=("股东会",)),
    Instruction(RETITLE, heading=HeadingRef("章", 2, (("编", 1),)), paragraphs=("自然人",)),
    Instruction(DELETE, heading=HeadingRef("章", 5)),
    Instruction(
        INSERT,
        anchor=Ref(12),
        articles=(
            NewArticle(Ref(0), ("公司登记",), HeadingRef("章", 2)),
            NewArticle(Ref(13), ("甲。", "乙。")),
            NewArticle(Ref(0), ("设立",), HeadingRef("节", 1)),
            NewArticle(Ref(14), ("丙。",)),
        ),
    ),
    Instruction(
        INSERT,
        anchor=Ref(20),
        before=True,
        articles=(NewArticle(Ref(0), ("登记",), HeadingRef("节", 3)),),
    ),
    Instruction(RENUMBER),
]

CHINESE = """\
一、将第二章的章名修改为“公司登记”。

二、将第三章第二节的节名修改为“股东会”。

三、将第一编第二章的章名修改为“自然人”。

四、删去第五章的章名。

五、在第十二条后增加一章，作为第二章：
“第二章　公司登记
“第十三条　甲。
“乙。
“第一节　设立
“第十四条　丙。”

六、在第二十条前增加一节，作为第三节：
“第三节　登记”

此外，对条文顺序作相应调整。
"""

ENGLISH = """\
1. The heading of Chapter 2 is amended to read “公司登记”.

2. The heading of Section 2 of Chapter 3 is amended to read “股东会”.

3. The heading of Chapter 2 of Part 1 is amended to read “自然人”.

4. The heading of Chapter 5 is deleted.

5. After Article 12, the following chapter is inserted as Chapter 2:
“Chapter 2 公司登记
“Article 13 甲。
“乙。
“Section 1 设立
“Article 14 丙。”

6. Before Article 20, the following section is inserted as Section 3:
“Section 3 登记”

The articles are renumbered accordingly.
"""


@pytest.mark.parametrize(("lang", "written"), [("zh", CHINESE), ("en", ENGLISH)])
def test_heading_instructions_are_written_as_decisions_write_them(lang, written):
    assert render(Amendment(HEADINGS, lang=lang)) == written
    assert parse_instructions(written).instructions == HEADINGS


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_heading_instructions_read_back_from_markdown(lang):
    written = render(Amendment(HEADINGS, lang=lang), format="markdown", title="决定")
    assert parse_instructions(written).instructions == HEADINGS


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("删去第五章章名。", HeadingRef("章", 5)),  # without 的
        ("将第三章第二节节名修改为“股东会”。", HeadingRef("节", 2, (("章", 3),))),
    ],
)
def test_heading_names_without_de_are_read_too(line, heading):
    (instruction,) = parse_instructions(f"一、{line}").instructions
    assert instruction.heading == heading


def test_an_inserted_heading_may_be_quoted_without_its_label():
    written = "一、在第十二条后增加一章，作为第二章：\n“公司登记\n“第十三条　甲。”"
    (instruction,) = parse_instructions(written).instructions
    assert instruction.articles == (
        NewArticle(Ref(0), ("公司登记",), HeadingRef("章", 2)),
        NewArticle(Ref(13), ("甲。",)),
    )


def test_a_kind_that_is_not_the_headings_is_not_an_instruction():
    with pytest.raises(InstructionError):
        parse_instructions("一、将第二章的节名修改为“甲”。")


def test_text_after_an_inserted_heading_must_be_an_article():
    written = "一、在第十二条后增加一章，作为第二章：\n“第二章　公司登记\n“说明文字。”"
    with pytest.raises(InstructionError) as caught:
        parse_instructions(written)
    assert "第二章" in str(caught.value) and caught.value.line == 1


# -- applying ----------------------------------------------------------------------------------

LAW = """\
# 某某法

目　　录

　　第一章　总则

　　第二章　设立

　　　　第一节　一般规定

　　　　第二节　登记

　　第三章　附则

## 第一章　总则

第一条　甲。

第二条　乙。

## 第二章　设立

### 第一节　一般规定

第三条　丙。

### 第二节　登记

第四条　丁。

## 第三章　附则

第五条　戊。
"""


def headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if re.match(r"#+ 第", line)]


def table_of_contents(text: str) -> list[str]:
    """The lines of the table of contents: between 目录 and the first chapter."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[lines.index("目\u3000\u3000录") + 1 : lines.index("## 第一章\u3000总则")]


def test_a_heading_retitled_keeps_its_label_and_marks_and_the_table_of_contents_stays():
    out = apply_instructions(LAW, "一、将第二章第二节的节名修改为“公司登记”。")
    assert headings(out)[3] == "### 第二节　公司登记"
    assert table_of_contents(out) == table_of_contents(LAW)
    assert "第二节　登记" in table_of_contents(out)


def test_a_chapter_inserted_with_its_articles_and_everything_renumbered():
    written = """\
一、在第二条后增加一章，作为第二章：
“第二章　公司登记
“第三条　登记。
“第一节　申请
“第四条　申请。”

此外，对条文顺序作相应调整。
"""
    out = apply_instructions(LAW, written)
    assert headings(out) == [
        "## 第一章　总则",
        "## 第二章　公司登记",
        "### 第一节　申请",
        "## 第三章　设立",
        "### 第一节　一般规定",
        "### 第二节　登记",
        "## 第四章　附则",
    ]
    assert "## 第二章　公司登记\n\n第三条　登记。\n\n### 第一节　申请\n\n第四条　申请。" in out
    assert "第七条　戊。" in out
    assert table_of_contents(out) == table_of_contents(LAW)


def test_a_heading_deleted_and_sections_numbered_anew_in_their_chapter():
    out = apply_instructions(LAW, "一、删去第二章第一节的节名。\n\n此外，对条文顺序作相应调整。")
    assert headings(out) == [
        "## 第一章　总则",
        "## 第二章　设立",
        "### 第一节　登记",
        "## 第三章　附则",
    ]


def test_headings_are_named_by_their_numbers_in_the_text_being_amended():
    written = """\
一、在第二条后增加一章，作为第二章：
“第二章　公司登记”

二、将第二章的章名修改为“设立和组织”。

此外，对条文顺序作相应调整。
"""
    out = apply_instructions(LAW, written)
    assert headings(out)[1:4] == [
        "## 第二章　公司登记",
        "## 第三章　设立和组织",
        "### 第一节　一般规定",
    ]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("一、将第九章的章名修改为“甲”。", "第九章 is not in the text"),
        ("一、删去第三节的节名。", "第三节 is not in the text"),
        ("一、删去第三章的章名。\n\n二、将第三章的章名修改为“甲”。", "deleted by an earlier"),
    ],
)
def test_a_heading_that_cannot_be_found_is_reported(written, message):
    with pytest.raises(InstructionError) as caught:
        apply_instructions(LAW, written)
    assert message in str(caught.value)


def test_an_inserted_heading_whose_stated_number_is_not_its_place_is_reported():
    written = "一、在第二条后增加一章，作为第五章：\n“第五章　甲”\n\n此外，对条文顺序作相应调整。"
    with pytest.raises(InstructionError) as caught:
        apply_instructions(LAW, written)
    assert "第五章" in str(caught.value) and "第二章" in str(caught.value)
    assert caught.value.line == 1


CODE = """\
## 第一编　总则

## 第一章　基本规定

第一条　甲。

## 第二章　自然人

第二条　乙。

## 第二编　物权

## 第一章　通则

第三条　丙。

## 第二章　所有权

第四条　丁。
"""


def test_chapters_numbered_anew_in_each_part_are_named_with_their_part():
    with pytest.raises(InstructionError) as caught:
        apply_instructions(CODE, "一、将第二章的章名修改为“甲”。")
    assert "2 times" in str(caught.value)
    written = """\
一、将第二编第二章的章名修改为“所有权通则”。

二、在第二条后增加一章，作为第三章：
“第三章　监护”

此外，对条文顺序作相应调整。
"""
    out = apply_amendment(CODE, parse_instructions(written))
    assert headings(out) == [
        "## 第一编　总则",
        "## 第一章　基本规定",
        "## 第二章　自然人",
        "## 第三章　监护",
        "## 第二编　物权",
        "## 第一章　通则",
        "## 第二章　所有权通则",
    ]


# -- drafting ----------------------------------------------------------------------------------


def article(n: int, text: str) -> str:
    return f"第{to_chinese(n)}条　{text}"


SMALL_OLD = "\n\n".join(
    [
        "# 某某条例",
        "## 第一章　总则",
        article(1, "为了规范某某活动，制定本条例。"),
        article(2, "本条例适用于某某活动。"),
        "## 第二章　管理",
        article(3, "主管部门负责某某活动的监督管理工作。"),
        "## 第三章　责任",
        article(4, "违反本条例规定的，依法追究责任。"),
        "## 第四章　附则",
        article(5, "本条例自公布之日起施行。"),
    ]
)
SMALL_NEW = "\n\n".join(
    [
        "# 某某管理条例",  # the title: outside the instructions
        "## 第一章　总则",
        article(1, "为了规范某某活动，制定本条例。"),
        article(2, "本条例适用于某某活动。"),
        "## 第二章　登记",
        article(3, "从事某某活动，应当依法登记。"),
        "## 第三章　监督管理",
        article(4, "主管部门负责某某活动的监督管理工作。"),
        "## 第四章　责任",
        article(5, "违反本条例规定的，依法追究责任。"),
        article(6, "本条例自公布之日起施行。"),
    ]
)


def test_the_drafter_inserts_retitles_and_deletes_chapters_and_lists_the_title_as_outside():
    amendment = draft_amendment(SMALL_OLD, SMALL_NEW)
    assert render(amendment) == (
        "一、在第二条后增加一章，作为第二章：\n"
        "“第二章　登记\n"
        "“第三条　从事某某活动，应当依法登记。”\n\n"
        "二、将第二章的章名修改为“监督管理”。\n\n"
        "三、删去第四章的章名。\n\n"
        "此外，对条文顺序作相应调整。\n"
    )
    assert amendment.outside == ["某某管理条例"]
    got = apply_amendment(SMALL_OLD, amendment)
    assert headings(got) == headings(SMALL_NEW)
    assert got.rstrip().split("\n\n")[1:] == SMALL_NEW.split("\n\n")[1:]
    # Not written, not read: the written form reads back as the same amendment.
    assert parse_instructions(render(amendment)) == amendment


def test_headings_only_renumbered_need_no_instruction():
    new = SMALL_OLD.replace("## 第二章　管理", "## 第二章　新章\n\n" + article(3, "新条。"), 1)
    new = new.replace(article(3, "主管"), "## 第三章　管理\n\n" + article(4, "主管"), 1)
    new = new.replace("## 第三章　责任", "## 第四章　责任").replace(
        "## 第四章　附则", "## 第五章　附则"
    )
    new = new.replace(article(4, "违反"), article(5, "违反")).replace(
        article(5, "本条例自"), article(6, "本条例自")
    )
    amendment = draft_amendment(SMALL_OLD, new)
    assert [i.op for i in amendment.instructions] == [INSERT, RENUMBER]
    assert headings(apply_amendment(SMALL_OLD, amendment)) == headings(new)


def test_a_section_inserted_after_a_section_is_an_article_of_a_code_of_sections():
    written = "1. After Section 12, the following section is inserted as Section 13:\n“Text.”"
    (instruction,) = parse_instructions(written).instructions
    assert instruction.articles == (NewArticle(Ref(13), ("Text.",)),)


def test_a_base_whose_headings_are_not_numbered_in_order_keeps_their_numbers():
    """The copyright law of 2020 as one publisher gives it starts at 第二章: renumbering the
    articles leaves its chapters as they are."""
    base = LAW.replace("## 第一章　总则\n\n", "", 1)
    out = apply_instructions(base, "一、删去第一条。\n\n此外，对条文顺序作相应调整。")
    assert headings(out) == headings(base)
    assert out.count("第一条　乙。") == 1
