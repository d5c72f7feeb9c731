"""The written form of amendment instructions (docs/amendments.md): rendered in Chinese and
English, as text and Markdown, and read back into the same instructions."""

from __future__ import annotations

from dataclasses import replace

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consult.compare.instruction_reader import parse_instructions
from consult.compare.instruction_writer import render
from consult.compare.instructions import (
    ADD_AFTER,
    AMEND,
    DELETE,
    EDIT,
    INSERT,
    MOVE,
    NUMBER,
    REMOVE,
    RENUMBER,
    REPLACE,
    Amendment,
    Edit,
    Instruction,
    NewArticle,
    Ref,
    inserted_within,
)
from consult.errors import InstructionError

DECISION = [
    Instruction(EDIT, (Ref(2),), edits=(Edit(REPLACE, "其他组织", "非法人组织"),)),
    Instruction(
        EDIT,
        (Ref(5, paragraph=2),),
        edits=(Edit(REPLACE, "甲", "乙"), Edit(REPLACE, "丙", "丁"), Edit(REMOVE, "戊")),
    ),
    Instruction(EDIT, (Ref(6),), edits=(Edit(ADD_AFTER, "作品", "和录音制品"),)),
    Instruction(AMEND, (Ref(10),), paragraphs=("著作权包括下列权利：", "（一）发表权；")),
    Instruction(AMEND, (Ref(30, paragraph=2),), paragraphs=("新的第二款。",)),
    Instruction(INSERT, anchor=Ref(12), articles=(NewArticle(Ref(13), ("视听作品。",)),)),
    Instruction(
        INSERT,
        anchor=Ref(12, "之一"),
        articles=(
            NewArticle(Ref(14), ("甲。", "乙。")),
            NewArticle(Ref(15), ("丙。",)),
        ),
    ),
    Instruction(INSERT, anchor=Ref(21), before=True, articles=(NewArticle(Ref(21), ("丁。",)),)),
    Instruction(DELETE, (Ref(20),)),
    Instruction(DELETE, (Ref(22), Ref(23), Ref(24))),
    Instruction(MOVE, (Ref(25),), anchor=Ref(30)),
    Instruction(MOVE, (Ref(26),), anchor=Ref(3), before=True),
    Instruction(NUMBER, (Ref(10),), number=Ref(10, "之一")),
    Instruction(RENUMBER),
]

CHINESE = """\
一、将第二条中的“其他组织”修改为“非法人组织”。

二、将第五条第二款中的“甲”修改为“乙”，“丙”修改为“丁”，删去“戊”。

三、在第六条中的“作品”后增加“和录音制品”。

四、将第十条修改为：
“著作权包括下列权利：
“（一）发表权；”

五、将第三十条第二款修改为：
“新的第二款。”

六、在第十二条后增加一条，作为第十三条：
“视听作品。”

七、在第十二条之一后增加两条，分别作为第十四条、第十五条：
“第十四条　甲。
“乙。
“第十五条　丙。”

八、在第二十一条前增加一条，作为第二十一条：
“丁。”

九、删去第二十条。

十、删去第二十二条、第二十三条、第二十四条。

十一、将第二十五条移至第三十条后。

十二、将第二十六条移至第三条前。

十三、将第十条改为第十条之一。

此外，对条文顺序作相应调整。
"""


def test_chinese_instructions_read_as_a_decision_does():
    assert render(Amendment(DECISION)) == CHINESE


def test_english_instructions():
    text = render(Amendment(DECISION[:3] + DECISION[5:7] + DECISION[9:], lang="en"))
    assert text.splitlines() == [
        '1. In Article 2, "其他组织" is replaced by "非法人组织".',
        "",
        '2. In Paragraph 2 of Article 5, "甲" is replaced by "乙"; "丙" is replaced by "丁"; '
        '"戊" is deleted.',
        "",
        '3. In Article 6, "和录音制品" is inserted after "作品".',
        "",
        "4. After Article 12, the following article is inserted as Article 13:",
        "“视听作品。”",
        "",
        "5. After Article 12之一, the following articles are inserted as Articles 14 and 15:",
        "“Article 14 甲。",
        "“乙。",
        "“Article 15 丙。”",
        "",
        "6. Articles 22, 23 and 24 are deleted.",
        "",
        "7. Article 25 is moved after Article 30.",
        "",
        "8. Article 26 is moved before Article 3.",
        "",
        "9. Article 10 becomes Article 10之一.",
        "",
        "The articles are renumbered accordingly.",
    ]


def test_sections_are_named_as_the_text_names_them():
    amendment = Amendment(
        [
            Instruction(AMEND, (Ref(106, "A"),), paragraphs=("(a) Rights.",)),
            Instruction(DELETE, (Ref(107), Ref(108))),
        ],
        lang="en",
        english_word="Section",
    )
    assert render(amendment) == (
        "1. Section 106A is amended to read:\n“(a) Rights.”\n\n"
        "2. Sections 107 and 108 are deleted.\n"
    )
    assert parse_instructions(render(amendment)) == amendment


def test_a_paragraph_with_inner_line_breaks_is_quoted_on_one_line():
    amendment = Amendment(
        [Instruction(AMEND, (Ref(1),), paragraphs=("The owner\n   of copyright", "may"))],
        lang="en",
    )
    assert render(amendment) == (
        "1. Article 1 is amended to read:\n“The owner of copyright\n“may”\n"
    )


def test_markdown_has_a_title_and_block_quotes_and_renders_as_paragraphs():
    written = render(Amendment(DECISION), format="markdown", title="关于修改著作权法的决定")
    assert written.startswith("# 关于修改著作权法的决定\n\n一、将第二条中的")
    assert (
        "七、在第十二条之一后增加两条，分别作为第十四条、第十五条：\n\n> “第十四条　甲。\n>\n"
        in (written)
    )
    html = markdown.markdown(written)
    assert "<h1>关于修改著作权法的决定</h1>" in html
    assert "<blockquote>\n<p>“第十四条　甲。</p>\n<p>“乙。</p>" in html
    english = render(Amendment(DECISION, lang="en"), format="markdown")
    # Not a Markdown list that would restart at 1 after each quoted block.
    assert "<ol>" not in markdown.markdown(english)
    assert "<p>2. In Paragraph 2 of Article 5" in markdown.markdown(english)


def test_parsing_gives_each_instruction_its_line():
    amendment = parse_instructions(CHINESE)
    assert amendment.instructions == DECISION
    assert amendment.lang == "zh"
    assert [i.line for i in amendment.instructions][:5] == [1, 3, 5, 7, 11]


def test_hand_written_forms_are_read():
    text = """\
# 全国人民代表大会常务委员会关于修改《中华人民共和国著作权法》的决定

第十三届全国人民代表大会常务委员会第二十三次会议决定对《中华人民共和国著作权法》作如下修改：

（一）将第二条中的“其他组织”修改为“非法人组织”。
- 删去第二十条。
> 此外，对条文顺序作相应调整。

本决定自2021年6月1日起施行。
"""
    amendment = parse_instructions(text)
    assert [i.op for i in amendment.instructions] == [EDIT, DELETE, RENUMBER]
    assert [i.line for i in amendment.instructions] == [5, 6, 7]


def test_english_with_straight_quotes_and_abbreviated_names():
    text = (
        '1. In Sec. 5, \u201cA\u201d is replaced by \u201cB\u201d; "C" is deleted.\n'
        '2. Sec. 7 is amended to read:\n"New text."\n'
    )
    amendment = parse_instructions(text)
    assert amendment.english_word == "Section"
    assert amendment.instructions == [
        Instruction(EDIT, (Ref(5),), edits=(Edit(REPLACE, "A", "B"), Edit(REMOVE, "C"))),
        Instruction(AMEND, (Ref(7),), paragraphs=("New text.",)),
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("一、删去第二条。\n\n二、把第三条改一改。\n", 3, "not an instruction: 把第三条改一改。"),
        ("一、将第十条修改为：\n\n二、删去第二条。\n", 1, "quoted text this instruction"),
        ("一、将第十条修改为：\n“甲。\n“乙。\n", 3, "does not end with a closing"),
        ("1. Article 3 is deleted.\n2. Article 4 is zapped.\n", 2, "not an instruction"),
        ("一、在第二条后增加两条，分别作为第三条：\n“甲。”\n", 1, "adds 2 articles but names 1"),
        (
            "一、在第二条后增加两条，分别作为第三条、第四条：\n“第三条　甲。\n“乙。”\n",
            1,
            "does not give 第四条",
        ),
    ],
)
def test_malformed_instructions_are_reported_with_their_line(text, line, message):
    with pytest.raises(InstructionError, match=message) as caught:
        parse_instructions(text)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"line {line}: ")


# -- the round trip, on instructions as a drafter makes them -----------------------------------

# Text of a law: no quotation marks (a drafter never puts them in a phrase) and no line breaks.
_CHARS = st.sampled_from(list("甲乙丙丁戊己庚的和或者本法规定，。；：（）、 abcdefgAB12.,;:()"))
_phrase = st.text(_CHARS, min_size=1, max_size=8).map(str.strip).filter(bool)
_paragraph = st.text(_CHARS, min_size=1, max_size=30).map(str.strip).filter(bool)
_paragraphs = st.lists(_paragraph, min_size=1, max_size=3).map(tuple)
_sub = st.sampled_from(["", "之一", "之二"])
_ref = st.builds(Ref, st.integers(1, 300), _sub)
_para_ref = st.builds(Ref, st.integers(1, 300), _sub, st.integers(0, 4), st.integers(0, 4))
_part_ref = _para_ref.filter(Ref.is_part)
_edit = st.one_of(
    st.builds(Edit, st.just(REPLACE), _phrase, _phrase),
    st.builds(Edit, st.just(REMOVE), _phrase),
    st.builds(Edit, st.just(ADD_AFTER), _phrase, _phrase),
)
_new = st.builds(NewArticle, _ref, _paragraphs)


@st.composite
def _inserted_part(draw):
    """One paragraph (款) or item (项) inserted within, after or before its anchor."""
    anchor = draw(_para_ref)
    number = draw(st.integers(1, 20))
    if draw(st.booleans()):  # an item: after an item, or within a paragraph or the article
        new = replace(anchor, item=number)
    else:  # a paragraph: after a paragraph, or within the article
        anchor = replace(anchor, item=0)
        new = replace(anchor, paragraph=number)
    before = False if inserted_within(anchor, new) else draw(st.booleans())
    return Instruction(
        INSERT, anchor=anchor, before=before, articles=(NewArticle(new, draw(_paragraphs)),)
    )


_instruction = st.one_of(
    st.builds(Instruction, st.just(AMEND), st.tuples(_para_ref), paragraphs=_paragraphs),
    st.builds(
        Instruction,
        st.just(EDIT),
        st.one_of(st.tuples(_para_ref), st.lists(_ref, min_size=2, max_size=3).map(tuple)),
        edits=st.lists(_edit, min_size=1, max_size=4).map(tuple),
    ),
    _inserted_part(),
    st.builds(
        Instruction,
        st.just(INSERT),
        anchor=_ref,
        before=st.booleans(),
        articles=st.lists(_new, min_size=1, max_size=3).map(tuple),
    ),
    st.builds(Instruction, st.just(DELETE), st.lists(_ref, min_size=1, max_size=3).map(tuple)),
    st.builds(Instruction, st.just(DELETE), st.tuples(_part_ref)),
    st.builds(Instruction, st.just(MOVE), st.tuples(_ref), anchor=_ref, before=st.booleans()),
    st.builds(Instruction, st.just(NUMBER), st.tuples(_ref), number=_ref),
)


@st.composite
def _amendments(draw):
    instructions = draw(st.lists(_instruction, min_size=1, max_size=8))
    if draw(st.booleans()):
        instructions.append(Instruction(RENUMBER))
    lang = draw(st.sampled_from(["zh", "en"]))
    word = draw(st.sampled_from(["Article", "Section"])) if lang == "en" else "Article"
    return Amendment(instructions, lang=lang, english_word=word)


@settings(max_examples=300, deadline=None)
@given(amendment=_amendments(), form=st.sampled_from(["text", "markdown"]), title=st.booleans())
def test_parsing_what_was_rendered_gives_the_same_instructions(amendment, form, title):
    written = render(amendment, format=form, title="Amendment of the Law" if title else None)
    parsed = parse_instructions(written)
    assert parsed.instructions == amendment.instructions
    if amendment.instructions:
        assert parsed.lang == amendment.lang
        assert parsed.english_word == amendment.english_word


# -- forms of real decisions: 项, 款 with items, quoted text on the instruction's line -----------


def test_real_decision_forms_are_read():
    text = """\
一、将第二条、第九条、第十一条中的“其他组织”修改为“非法人组织”。
二、将第五条第二项修改为：“（二）单纯事实消息；”
三、将第三条修改为：“本法所称的作品，包括：
“（一）文字作品；
“（二）口述作品。”
四、将第十条第一款第十三项中的“甲”修改为“乙”。
五、在第十条第一款第四项后增加一项，作为第五项：“（五）测试权；”
六、删去第二十二条第一款第七项。
七、删去第八条第二款。
八、在第十一条第二款后增加一款，作为第三款：“甲。”
九、在第十一条中增加一款，作为第五款：
“乙。”
十、在第五条后增加一条，作为第五条之一：“第五条之一　丙。”
十一、删去第五条、第六条。
"""
    got = parse_instructions(text).instructions
    assert got == [
        Instruction(
            EDIT, (Ref(2), Ref(9), Ref(11)), edits=(Edit(REPLACE, "其他组织", "非法人组织"),)
        ),
        Instruction(AMEND, (Ref(5, item=2),), paragraphs=("（二）单纯事实消息；",)),
        Instruction(
            AMEND,
            (Ref(3),),
            paragraphs=("本法所称的作品，包括：", "（一）文字作品；", "（二）口述作品。"),
        ),
        Instruction(EDIT, (Ref(10, "", 1, 13),), edits=(Edit(REPLACE, "甲", "乙"),)),
        Instruction(
            INSERT,
            anchor=Ref(10, "", 1, 4),
            articles=(NewArticle(Ref(10, "", 1, 5), ("（五）测试权；",)),),
        ),
        Instruction(DELETE, (Ref(22, "", 1, 7),)),
        Instruction(DELETE, (Ref(8, paragraph=2),)),
        Instruction(
            INSERT,
            anchor=Ref(11, paragraph=2),
            articles=(NewArticle(Ref(11, paragraph=3), ("甲。",)),),
        ),
        Instruction(
            INSERT, anchor=Ref(11), articles=(NewArticle(Ref(11, paragraph=5), ("乙。",)),)
        ),
        Instruction(INSERT, anchor=Ref(5), articles=(NewArticle(Ref(5, "之一"), ("丙。",)),)),
        Instruction(DELETE, (Ref(5), Ref(6))),
    ]
    assert [i.line for i in got] == [1, 2, 3, 6, 7, 8, 9, 10, 11, 13, 14]


def test_the_english_forms_of_items_and_paragraphs():
    amendment = Amendment(
        [
            Instruction(AMEND, (Ref(5, item=2),), paragraphs=("(2) facts;",)),
            Instruction(DELETE, (Ref(22, "", 1, 7),)),
            Instruction(DELETE, (Ref(8, paragraph=2),)),
            Instruction(EDIT, (Ref(2), Ref(9)), edits=(Edit(REPLACE, "A", "B"),)),
            Instruction(
                INSERT,
                anchor=Ref(10, "", 1, 4),
                articles=(NewArticle(Ref(10, "", 1, 5), ("(5) testing;",)),),
            ),
            Instruction(
                INSERT, anchor=Ref(11), articles=(NewArticle(Ref(11, paragraph=3), ("C.",)),)
            ),
        ],
        lang="en",
    )
    written = render(amendment)
    assert written == (
        "1. Item 2 of Article 5 is amended to read:\n“(2) facts;”\n\n"
        "2. Item 7 of Paragraph 1 of Article 22 is deleted.\n\n"
        "3. Paragraph 2 of Article 8 is deleted.\n\n"
        '4. In Articles 2 and 9, "A" is replaced by "B".\n\n'
        "5. After Item 4 of Paragraph 1 of Article 10, the following item is inserted as Item 5:"
        "\n“(5) testing;”\n\n"
        "6. In Article 11, the following paragraph is inserted as Paragraph 3:\n“C.”\n"
    )
    assert parse_instructions(written) == amendment
    inline = "1. Item 2 of Article 5 is amended to read: “(2) facts;”\n"
    assert parse_instructions(inline).instructions == amendment.instructions[:1]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        # An article is not inserted within another, nor a paragraph after an article.
        ("一、在第十一条后增加一款，作为第三款：\n“甲。”\n", 1, "not an instruction"),
        ("一、在第五条第二项中增加一项，作为第三项：\n“甲。”\n", 1, "not an instruction"),
        ("一、将第五条第二项修改为：“（二）甲；\n二、删去第六条。\n", 1, "closing quotation"),
    ],
)
def test_malformed_forms_of_items_and_paragraphs(text, line, message):
    with pytest.raises(InstructionError, match=message) as caught:
        parse_instructions(text)
    assert caught.value.line == line
