"""Drafting amendment instructions (amendments.draft_amendment), as a drafter reads them:

(a) real revisions (copyright 2010 → 2020, legislation law 2015 → 2023, company law
    2018 → 2023): the instructions for known articles, and the round trip — the draft applied
    to the old text gives the new one, article by article;
(b) small table-driven cases: one phrase, one paragraph of three, an article at the start of
    a chapter, two adjacent inserts, a deletion, a move, 之一 numbering without renumbering;
(c) English and size: US Code title 17, 1.5 M characters.

The corpus is read from ../shared/corpus beside the repository, never copied in."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from consult.compare.amendments import draft_amendment
from consult.compare.consolidate import apply_amendment
from consult.compare.instruction_writer import render
from consult.compare.instructions import (
    ADD_AFTER,
    AMEND,
    DELETE,
    EDIT,
    INSERT,
    MOVE,
    NUMBER,
    RENUMBER,
    REPLACE,
    Edit,
    Instruction,
    NewArticle,
    Ref,
    article_parts,
    normalise_space,
)
from consult.compare.structure import units
from consult.compare.text import prepare

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus"

PAIRS = {
    "copyright": ("copyright_cn/2010.md", "copyright_cn/2020.md"),
    "legislation": ("legislation_law_cn/2015.md", "legislation_law_cn/2023.md"),
    "company": ("company_law_cn/2018.md", "company_law_cn/2023.md"),
}


@functools.cache
def read(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


@functools.cache
def drafted(pair: str):
    old, new = PAIRS[pair]
    return draft_amendment(read(old), read(new))


def articles(text: str) -> list[str]:
    """Each article's paragraphs (without its number label), whitespace normalised."""
    return [
        normalise_space("\n".join(article_parts(unit.text)[1]))
        for unit in units(prepare(text), by_article=True)
        if unit.kind == "article"
    ]


def about(amendment, number: int, sub: str = "") -> list[Instruction]:
    """The instructions that name old article `number` (as a target, not an anchor)."""
    return [
        ins
        for ins in amendment.instructions
        if any(ref.article() == Ref(number, sub) for ref in ins.targets)
    ]


def inserted_as(amendment, number: int) -> Instruction:
    return next(
        ins
        for ins in amendment.instructions
        if ins.op == INSERT and any(a.ref == Ref(number) for a in ins.articles)
    )


# -- (a) real revisions --------------------------------------------------------------------------


@pytest.mark.parametrize("pair", list(PAIRS))
def test_the_draft_applied_to_the_old_text_gives_the_new_one(pair):
    old, new = PAIRS[pair]
    result = apply_amendment(read(old), drafted(pair))
    got, wanted = articles(result), articles(read(new))
    assert len(got) == len(wanted)
    differing = [i + 1 for i, (a, b) in enumerate(zip(got, wanted, strict=True)) if a != b]
    assert differing == []


@pytest.mark.parametrize("pair", list(PAIRS))
def test_renumbering_ends_the_instructions_and_retained_numbers_are_not_restated(pair):
    amendment = drafted(pair)
    assert amendment.instructions[-1].op == RENUMBER
    assert [ins for ins in amendment.instructions if ins.op == NUMBER] == []
    assert amendment.lang == "zh"


def test_copyright_a_changed_phrase_is_an_edit():
    amendment = drafted("copyright")
    assert about(amendment, 2) == [
        Instruction(EDIT, targets=(Ref(2),), edits=(Edit(REPLACE, "其他组织", "非法人组织"),))
    ]
    assert "一、将第二条中的“其他组织”修改为“非法人组织”。" in render(amendment)
    # 第五十四条 → 第六十一条 in a cross-reference, the number whole with its 第 and 条
    assert about(amendment, 32) == [
        Instruction(EDIT, targets=(Ref(32),), edits=(Edit(REPLACE, "第五十四条", "第六十一条"),))
    ]


def test_copyright_a_rewritten_article_is_amended_whole():
    amendment = drafted("copyright")
    (ins,) = about(amendment, 3)
    assert ins.op == AMEND and ins.targets == (Ref(3),)
    assert ins.paragraphs[0].startswith("本法所称的作品，是指文学、艺术和科学领域内")
    assert ins.paragraphs[-1] == "（九）符合作品特征的其他智力成果。"


def test_copyright_inserted_moved_and_deleted_articles():
    amendment = drafted("copyright")
    ins = inserted_as(amendment, 12)  # 作品登记: after 第十一条, as 第十二条
    assert (ins.anchor, ins.before, len(ins.articles)) == (Ref(11), False, 1)
    assert (
        ins.articles[0].paragraphs[0].startswith("在作品上署名的自然人、法人或者非法人组织为作者")
    )
    # a new chapter (第五章 技术措施 …) opens with three new articles, 第四十九条 to
    # 第五十一条: before the old 第四十七条 that follows them
    ins = inserted_as(amendment, 49)
    assert [a.ref for a in ins.articles] == [Ref(49), Ref(50), Ref(51)]
    assert (ins.anchor, ins.before) == (Ref(47), True)
    # 第三十五条 (演绎作品的使用) moves up to follow 第十四条, and is then amended
    move, change = about(amendment, 35)
    assert (move.op, move.anchor, move.before) == (MOVE, Ref(14), False)
    assert change.op in (AMEND, EDIT)
    assert amendment.instructions.index(change) == amendment.instructions.index(move) + 1
    assert [ins.targets for ins in amendment.instructions if ins.op == DELETE] == [
        (Ref(44),),
        (Ref(56),),
    ]
    text = render(amendment)
    assert "在第十一条后增加一条，作为第十二条：" in text
    assert "将第三十五条移至第十四条后。" in text
    assert "删去第四十四条。" in text
    assert text.rstrip().endswith("此外，对条文顺序作相应调整。")


def test_legislation_law_inserts_deletes_and_the_start_of_a_chapter():
    amendment = drafted("legislation")
    # the first instruction: 第三条 (the old 立法应当遵循宪法的基本原则) is deleted …
    assert amendment.instructions[0] == Instruction(DELETE, targets=(Ref(3),))
    # … and two articles follow 第二条, as 第三条 and 第四条
    ins = inserted_as(amendment, 3)
    assert [a.ref for a in ins.articles] == [Ref(3), Ref(4)]
    assert (ins.anchor, ins.before) == (Ref(2), False)
    # the first article of 第四章第一节 (地方性法规) is new: before the old 第七十二条
    ins = inserted_as(amendment, 80)
    assert (ins.anchor, ins.before) == (Ref(72), True)
    assert "在第七十二条前增加一条，作为第八十条：" in render(amendment)
    # a phrase added: 国家监察委员会 among those who may propose laws
    assert about(amendment, 14) == [
        Instruction(
            EDIT,
            targets=(Ref(14),),
            edits=(Edit(ADD_AFTER, "中央军事委员会、", "国家监察委员会、"),),
        )
    ]


def test_company_law_moves_and_the_instruction_count():
    amendment = drafted("company")
    moves = [ins for ins in amendment.instructions if ins.op == MOVE]
    assert len(moves) >= 5
    # 第十一条 (公司章程) moves up to follow 第四条 (股东权利)
    assert Instruction(MOVE, targets=(Ref(11),), anchor=Ref(4)) in moves
    # a rewrite: most articles change, yet phrase edits stay a large share
    ops = [ins.op for ins in amendment.instructions]
    assert ops.count(EDIT) >= 40 and ops.count(INSERT) >= 30 and ops.count(DELETE) >= 20
    # every phrase is found once in its article, with no quotation marks
    for ins in amendment.instructions:
        for edit in ins.edits:
            assert not set('“”"') & set(edit.find + edit.text)


# -- (b) small cases -----------------------------------------------------------------------------

CHAPTERS = """中华人民共和国示例法

第一章　总则

第一条　为了规范示例活动，保护当事人的合法权益，制定本法。

第二条　国务院有关部门负责全国的示例管理工作。

第三条　县级以上地方人民政府应当加强对示例工作的领导，所需经费列入本级预算。

第二章　管理

第四条　从事示例活动，应当遵守法律、行政法规。

第一款之后的一段话，说明示例活动的范围。

第三款，规定示例活动的例外情形。

第五条　示例活动的具体办法由国务院制定。

第六条　违反本法规定的，由有关部门责令改正。
"""


def _variant(*replacements: tuple[str, str]) -> str:
    text = CHAPTERS
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new, 1)
    return text


def _renumbered(text: str) -> str:
    """The text with its articles numbered 1, 2, 3 … (as a revision is published)."""
    from consult.compare.numerals import to_chinese

    out, number = [], 0
    for block in text.split("\n\n"):
        if block.startswith("第") and "条" in block[:6] and "　" in block:
            number += 1
            block = f"第{to_chinese(number)}条" + block[block.index("　") :]
        out.append(block)
    return "\n\n".join(out)


NEW_ARTICLE = "第九条　示例组织应当建立健全内部管理制度。"
OTHER_ARTICLE = "第九条　示例组织应当定期公开工作情况。"


def _new(refs: tuple[Ref, ...]) -> tuple[NewArticle, ...]:
    """The inserted articles NEW_ARTICLE (and OTHER_ARTICLE) as `refs`."""
    texts = [NEW_ARTICLE[4:], OTHER_ARTICLE[4:]]
    return tuple(NewArticle(ref, (text,)) for ref, text in zip(refs, texts, strict=False))


CASES = {
    "one phrase": (
        _variant(("国务院有关部门负责", "国家示例主管部门负责")),
        [
            Instruction(
                EDIT, (Ref(2),), edits=(Edit(REPLACE, "国务院有关部门", "国家示例主管部门"),)
            )
        ],
    ),
    "one paragraph of three": (
        _variant(("第一款之后的一段话，说明示例活动的范围。", "示例活动包括研究、推广和评估。")),
        [Instruction(AMEND, (Ref(4, "", 2),), paragraphs=("示例活动包括研究、推广和评估。",))],
    ),
    "inserted at the start of a chapter": (
        _renumbered(_variant(("第二章　管理\n\n", "第二章　管理\n\n" + NEW_ARTICLE + "\n\n"))),
        [
            Instruction(INSERT, anchor=Ref(4), before=True, articles=_new((Ref(4),))),
            Instruction(RENUMBER),
        ],
    ),
    "two adjacent inserts": (
        _renumbered(_variant(("第五条", NEW_ARTICLE + "\n\n" + OTHER_ARTICLE + "\n\n第五条"))),
        [
            Instruction(INSERT, anchor=Ref(4), articles=_new((Ref(5), Ref(6)))),
            Instruction(RENUMBER),
        ],
    ),
    "a deleted article": (
        _renumbered(_variant(("第五条　示例活动的具体办法由国务院制定。\n\n", ""))),
        [Instruction(DELETE, (Ref(5),)), Instruction(RENUMBER)],
    ),
    "a moved article": (
        _renumbered(
            _variant(
                ("第二条　国务院有关部门负责全国的示例管理工作。\n\n", ""),
                ("第六条　违反", "第二条　国务院有关部门负责全国的示例管理工作。\n\n第六条　违反"),
            )
        ),
        [Instruction(MOVE, (Ref(2),), anchor=Ref(5)), Instruction(RENUMBER)],
    ),
    "之一 and no renumbering": (
        _variant(
            ("\n\n第二章", "\n\n第三条之一　" + NEW_ARTICLE[4:] + "\n\n第二章"),
            ("第六条　违反", "第七条　违反"),
        ),
        [
            Instruction(INSERT, anchor=Ref(3), articles=_new((Ref(3, "之一"),))),
            Instruction(NUMBER, (Ref(6),), number=Ref(7)),
        ],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_small_cases(case):
    new, expected = CASES[case]
    amendment = draft_amendment(CHAPTERS, new)
    assert amendment.instructions == expected
    assert articles(apply_amendment(CHAPTERS, amendment)) == articles(new)


def test_a_phrase_is_widened_until_it_is_found_once_when_it_is_applied():
    old = "第一条　甲方应当通知乙方，乙方应当通知丙方。\n\n第二条　其他。\n\n第三条　其他事项。"
    new = "第一条　甲方应当通知乙方，乙方可以通知丙方。\n\n第二条　其他。\n\n第三条　其他事项。"
    (ins,) = draft_amendment(old, new).instructions
    (edit,) = ins.edits
    assert old.count(edit.find) == 1 and "应当" in edit.find
    assert "乙方可以通知丙方" in new.replace(edit.find, edit.text)


def test_a_phrase_with_quotation_marks_falls_back_to_the_article():
    old = "第一条　本法所称示例，是指甲。\n\n第二条　其他。\n\n第三条　其他事项。"
    new = "第一条　本法所称“示例”，是指甲。\n\n第二条　其他。\n\n第三条　其他事项。"
    (ins,) = draft_amendment(old, new).instructions
    # (an article of one paragraph: the article, not "第一条第一款")
    assert ins == Instruction(AMEND, (Ref(1),), paragraphs=("本法所称“示例”，是指甲。",))


# -- (c) English, and size -----------------------------------------------------------------------


def test_us_code_title_17_round_trips_and_one_change_of_many_sections_is_one_instruction():
    old, new = read("us_title17/2010-06-29.md"), read("us_title17/2011-08-25.md")
    amendment = draft_amendment(old, new, lang="en")
    assert (amendment.lang, amendment.english_word) == ("en", "Section")
    assert articles(apply_amendment(old, amendment)) == articles(new)
    # every section's trailing citation date changes: one phrase edit, whole words, for all
    # the sections where nothing else changed
    (ins,) = about(amendment, 120)
    assert ins.edits == (Edit(REPLACE, "02/01/2010", "01/07/2011"),)
    assert len(ins.targets) > 50 and Ref(104, "A") in ins.targets
    written = render(amendment)
    assert "In Sections 102, 103, 104, 104A, 105," in written
    assert '"02/01/2010" is replaced by "01/07/2011".' in written
    assert written.count('"02/01/2010" is replaced by') < 10


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("law", ["copyright_cn/2020.md", "pipl_cn/2021.md"])
def test_synthetic_amendments_round_trip(law, seed):
    """Inserted, deleted, moved, edited, split and merged articles (synth.py), renumbered."""
    from synth import make_amendment

    old = read(law)
    new, _truth = make_amendment(old, seed)
    assert articles(apply_amendment(old, draft_amendment(old, new))) == articles(new)


def test_the_same_phrase_change_of_several_articles_is_one_instruction():
    old = (
        "第一条 公民、法人或者其他组织享有本法规定的权利。\n\n"
        "第二条 本法由国务院著作权行政管理部门负责实施，具体办法另行规定。\n\n"
        "第三条 其他组织的作品，依照本法受到保护，但是本法另有规定的除外。\n"
    )
    new = old.replace("其他组织", "非法人组织")
    amendment = draft_amendment(old, new)
    assert render(amendment).strip() == "一、将第一条、第三条中的“其他组织”修改为“非法人组织”。"
    assert articles(apply_amendment(old, amendment)) == articles(new)


def test_the_drafter_checks_its_work_and_amends_whole_articles_where_it_went_wrong(monkeypatch):
    """Its own check is the safety net: a phrase instruction that would not give the new text
    (here: phrases that cannot be carried out, or that change the wrong words) is replaced by
    the whole article, and the round trip holds."""
    import consult.compare.drafter as drafter

    old, new = read("copyright_cn/2010.md"), read("copyright_cn/2020.md")
    honest = draft_amendment(old, new)
    monkeypatch.setattr(
        drafter,
        "phrase_edits",
        lambda *a, **k: (
            [Edit(REPLACE, "著作权", "著作权和邻接权")]  # wrong, or found twice
            if "其他组织" in "".join(a[1])
            else None
        ),
    )
    checked = draft_amendment(old, new)
    assert articles(apply_amendment(old, checked)) == articles(new)
    [second] = about(checked, 2)
    assert second.op == AMEND  # honestly a phrase edit; the wrong one was not handed over
    assert about(honest, 2)[0].op == EDIT


def test_items_rewritten_are_amended_item_by_item():
    """Only items (项) changed, and too much for phrases: each is amended as an item, as
    decisions do (将第五条第二项修改为：“（二）……”), not the whole article."""
    old = (
        "第一条 为了规范示例事项，制定本法。\n\n"
        "第二条 本法不适用于：\n\n（一）法律、法规；\n\n（二）时事新闻；\n\n"
        "（三）历法、通用数表、通用表格和公式。\n\n"
        "第三条 本法自公布之日起施行。\n"
    )
    new = old.replace("（二）时事新闻；", "（二）单纯事实消息和其他公开信息；").replace(
        "（三）历法、通用数表、通用表格和公式。", "（三）数据库中的原始数据。"
    )
    amendment = draft_amendment(old, new)
    assert [ins.targets for ins in amendment.instructions] == [(Ref(2, item=2),), (Ref(2, item=3),)]
    written = render(amendment)
    assert written.startswith("一、将第二条第二项修改为：\n“（二）单纯事实消息和其他公开信息；”")
    assert "二、将第二条第三项修改为：" in written
    assert articles(apply_amendment(old, amendment)) == articles(new)
