"""Recognising articles and headings, tokens, and whether a text is law-like."""

import re
from pathlib import Path

import pytest

from consult.compare.structure import is_law_like, units
from consult.compare.text import Options, prepare, tokens

AFTER_BLANK_LINE = re.compile(r"\n[ \t\u3000\xa0]*\n\s*\Z")


@pytest.mark.parametrize(
    ("paragraph", "label", "number"),
    [
        ("第一条　为了规范人工智能生成内容……", "第一条", 1),
        ("第十条 著作权包括下列人身权和财产权：", "第十条", 10),
        ("第一百零一条 法人……", "第一百零一条", 101),
        ("第一千二百六十条 本法自2021年1月1日起施行。", "第一千二百六十条", 1260),
        ("第二十条之一 新增的规定。", "第二十条之一", 20),
        ("**第五条** 加粗的条号。", "第五条", 5),
        ("Article 12. Scope", "Article 12", 12),
        ("Article 3", "Article 3", 3),
        ("Art. 7: Definitions", "Art. 7", 7),
        ("Sec. 101. Definitions", "Sec. 101", 101),
        ("Sec. 104A. Copyright in restored works", "Sec. 104A", 104),
        ("§ 12. Penalties", "§ 12", 12),
    ],
)
def test_articles_are_recognised(paragraph, label, number):
    (unit,) = units(paragraph, by_article=True)
    assert (unit.kind, unit.label, unit.number) == ("article", label, number)
    assert unit.text == paragraph
    assert not unit.body.startswith(label)


@pytest.mark.parametrize(
    "paragraph",
    [
        "第三条规定的情形除外。",  # a reference, not an article: no space after 条
        "Section 102 of this title applies.",  # prose that starts with a section number
        "Article 5 of the Convention provides that …",
        "The Secretary shall report.",
    ],
)
def test_references_are_not_articles(paragraph):
    (unit,) = units(paragraph, by_article=True)
    assert unit.kind == "paragraph"


@pytest.mark.parametrize(
    "heading",
    [
        "第一章　总则",
        "## 第二章 著作权",
        "第三节 权利的限制",
        "第一编 总则",
        "CHAPTER 1 - SUBJECT MATTER",
        "# Title",
    ],
)
def test_headings_are_recognised(heading):
    (unit,) = units(heading, by_article=True)
    assert unit.kind == "heading" and unit.number is None


def test_paragraphs_after_an_article_belong_to_it_until_the_next_heading():
    text = "第一章 总则\n\n第一条 第一款。\n\n第二款。\n\n（一）第一项；\n\n第二章 附则\n\n第二条 施行。"
    found = [(u.kind, u.label) for u in units(text, by_article=True)]
    assert found == [
        ("heading", "第一章 总则"),
        ("article", "第一条"),
        ("heading", "第二章 附则"),
        ("article", "第二条"),
    ]
    # The article's text as it stands in the document, its paragraphs (款, 项) included.
    article = units(text, by_article=True)[1]
    assert article.text == "第一条 第一款。\n\n第二款。\n\n（一）第一项；"
    assert [article.text[k:][:3] for k in article.paragraphs] == ["第二款", "（一）"]


def test_an_article_line_inside_a_block_starts_a_new_unit():
    text = "-HEAD-\n    Sec. 101. Definitions\n    Except as otherwise provided"
    found = [(u.kind, u.label) for u in units(text, by_article=True)]
    assert found == [("paragraph", None), ("article", "Sec. 101")]


def test_prepare_drops_bom_front_matter_and_crlf():
    assert prepare("\ufeff---\ntitle: x\n---\r\n第一条 内容。\r\n") == "第一条 内容。\n"
    assert prepare("---\nnot: [closed\n") == "---\nnot: [closed\n"  # broken front matter stays


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("著作权法", ["著", "作", "权", "法"]),
        ("AI-generated works", ["AI", "-", "generated", " ", "works"]),
        ("第3条 3.14 元", ["第", "3", "条", " ", "3.14", " ", "元"]),
        ("人工智能 (AI) 生成", ["人", "工", "智", "能", " ", "(", "AI", ")", " ", "生", "成"]),
    ],
)
def test_tokens_are_characters_for_chinese_and_words_for_english(text, expected):
    assert tokens(text, Options(ignore_whitespace=False)) == expected


def test_law_like_needs_articles_holding_most_of_the_text():
    law = units("第一条 甲。\n\n第二条 乙。\n\n第三条 丙。", by_article=True)
    prose = units("A paragraph.\n\nAnother one.\n\nArticle 1. Only one article.", by_article=True)
    assert is_law_like(law, prose)
    assert not is_law_like(prose, prose)


CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("copyright_cn/2010.md", "copyright_cn/2020.md"),
        ("company_law_cn/2018.md", "company_law_cn/2023.md"),
        ("criminal_law_cn/2022-amXI.md", "criminal_law_cn/2024-amXII.md"),
        ("us_title17/2010-06-29.md", "us_title17/2011-08-25.md"),
    ],
)
def test_units_are_the_document_in_order_with_nothing_left_out(old, new):
    for name in (old, new):
        text = prepare((CORPUS / name).read_text(encoding="utf-8"))
        found = units(text, by_article=True)
        position = 0
        for unit in found:  # each unit is the document's own text, in order
            at = text.find(unit.text, position)
            assert at >= 0 and not text[position:at].strip()
            position = at + len(unit.text)
            for start in unit.paragraphs:  # each further paragraph starts after a blank line
                assert AFTER_BLANK_LINE.search(unit.text[:start]) and not unit.text[start].isspace()
        assert not text[position:].strip()


def test_ascii_text_is_tokenized_as_the_general_pattern_would():
    from consult.compare.text import WORD_TOKENS, WORD_TOKENS_WS

    text = (CORPUS / "us_title17/2010-06-29.md").read_text(encoding="utf-8")[:300_000]
    text += " it's O'Brien's 3.14, 1,000 a_b __x__ (c) [d] {e} $5 -- end\t\n"
    assert text.isascii()
    assert tokens(text, Options()) == WORD_TOKENS_WS.findall(text)
    assert tokens(text, Options(ignore_whitespace=False)) == WORD_TOKENS.findall(text)
