"""The round trip of amendment instructions: applying what was drafted from OLD → NEW to OLD
gives NEW, article by article (texts equal after whitespace normalisation), through the written
form too (render, then parse) — on the real pairs of the corpus and on synthetic amendments of
the civil code (inserted, deleted, moved and edited articles, a split or a merge, renumbered).

The articles are read back by the tests' own parser (synth.parse_articles), not the engine's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from synth import make_amendment, parse_articles, to_chinese_numeral

from consult.compare.amendments import draft_amendment
from consult.compare.consolidate import apply_amendment, apply_instructions
from consult.compare.instruction_reader import parse_instructions
from consult.compare.instruction_writer import render
from consult.compare.instructions import EDIT, INSERT, RENUMBER

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus"

PAIRS = [
    ("copyright_cn/2010.md", "copyright_cn/2020.md"),
    ("legislation_law_cn/2015.md", "legislation_law_cn/2023.md"),
    ("company_law_cn/2018.md", "company_law_cn/2023.md"),
]


def read(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def articles(text: str) -> list[tuple[str, str]]:
    """(label, text with whitespace runs as one space) of every article."""
    return [(label, " ".join(body.split())) for label, body in parse_articles(text)]


def assert_same_articles(got: str, want: str) -> None:
    got_articles, want_articles = articles(got), articles(want)
    # The first article that differs, rather than two lists of hundreds.
    for (got_label, got_text), (want_label, want_text) in zip(
        got_articles, want_articles, strict=False
    ):
        assert (got_label, got_text) == (want_label, want_text)
    assert len(got_articles) == len(want_articles)


@pytest.mark.parametrize(("old_name", "new_name"), PAIRS, ids=lambda name: name.split("/")[0])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("form", ["text", "markdown"])
def test_real_amendments_round_trip_through_their_written_form(old_name, new_name, lang, form):
    old, new = read(old_name), read(new_name)
    amendment = draft_amendment(old, new, lang=lang)
    written = render(amendment, format=form)
    assert_same_articles(apply_instructions(old, written), new)


@pytest.mark.parametrize(("old_name", "new_name"), PAIRS, ids=lambda name: name.split("/")[0])
def test_real_amendments_are_written_as_a_drafter_writes_them(old_name, new_name):
    """Not one whole-law replacement: small changes by phrase, inserted articles said so, and
    the renumbering is one line at the end."""
    old, new = read(old_name), read(new_name)
    amendment = draft_amendment(old, new, lang="zh")
    ops = [instruction.op for instruction in amendment.instructions]
    assert ops.count(RENUMBER) == 1 and ops[-1] == RENUMBER
    assert INSERT in ops and EDIT in ops
    written = render(amendment)
    assert written.rstrip().endswith("此外，对条文顺序作相应调整。")
    assert "中的“" in written and "修改为：" in written
    # Drafted then parsed back: the same instructions.
    assert parse_instructions(written).instructions == amendment.instructions


def test_copyright_2020_reads_like_the_decision():
    """Known changes of the 2020 decision on the Copyright Law, in drafted form: a phrase
    where a phrase changed, and the first instruction is about the first changed article."""
    written = render(draft_amendment(read("copyright_cn/2010.md"), read("copyright_cn/2020.md")))
    lines = written.splitlines()
    assert lines[0].startswith("一、") and "第二条" in lines[0], written[:300]
    assert "“其他组织”修改为“非法人组织”" in lines[0]
    assert "将第一条" not in written  # unchanged: not named
    fifth = [line for line in lines if "第五条" in line and "“时事新闻”" in line]
    assert fifth and "“单纯事实消息”" in fifth[0], written[:2000]


def test_phrases_are_whole_words_learnt_from_the_law():
    """法律委员会 became 宪法和法律委员会 in 2023: the phrase is the committee's name, not
    “法律委” cut where the characters changed."""
    written = render(
        draft_amendment(read("legislation_law_cn/2015.md"), read("legislation_law_cn/2023.md"))
    )
    assert "将第二十条中的“法律委员会”修改为“宪法和法律委员会”" in written
    assert "“法律委”" not in written


CIVIL_CODE = "civil_code_cn/2020.md"


@pytest.fixture(scope="module")
def civil_code() -> str:
    return read(CIVIL_CODE)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(seed=st.integers(min_value=0, max_value=2**31), lang=st.sampled_from(["zh", "en"]))
def test_synthetic_amendments_of_the_civil_code_round_trip(civil_code, seed, lang):
    """Random inserts, deletes, moves, edits, a split or a merge of a real law (1,260
    articles), renumbered: applied instructions give the amended text back exactly."""
    new, _truth = make_amendment(civil_code, seed)
    amendment = draft_amendment(civil_code, new, lang=lang)
    assert_same_articles(apply_amendment(civil_code, amendment), new)
    assert_same_articles(apply_instructions(civil_code, render(amendment, format="text")), new)


def test_unchanged_text_needs_no_instructions(civil_code):
    amendment = draft_amendment(civil_code, civil_code)
    assert amendment.instructions == []
    assert_same_articles(apply_amendment(civil_code, amendment), civil_code)


def test_us_code_sections_named_in_chinese_round_trip():
    """Title 17's sections with letters (Sec. 104A) written in Chinese instructions (第104A条)
    are read back as the same sections."""
    old, new = read("us_title17/2010-06-29.md"), read("us_title17/2011-08-25.md")
    written = render(draft_amendment(old, new, lang="zh"))
    assert "第104A条" in written
    assert_same_sections(apply_instructions(old, written), new)


def assert_same_sections(got: str, want: str) -> None:
    """The US Code's sections, as the engine reads them (synth.parse_articles reads only
    第X条); text between sections that is not a section ("[Sec. 116A. Renumbered …]") is
    outside the instructions, as headings are."""
    from consult.compare.instructions import normalise_space
    from consult.compare.structure import units
    from consult.compare.text import prepare

    def sections(text: str) -> list[str]:
        found = units(prepare(text), by_article=True)
        return [normalise_space(u.text) for u in found if u.kind == "article"]

    got_sections, want_sections = sections(got), sections(want)
    assert len(want_sections) > 100
    assert got_sections == want_sections


# -- headings ------------------------------------------------------------------------------------

_HEADING = re.compile(r"#*\s*\**(第[一二三四五六七八九十百零]+(?:分编|编|章|节))\**\s*(.*)")


def headings(text: str) -> list[tuple[str, str]]:
    """(第二章, title without spaces) of every heading line, in order; Markdown marks aside."""
    found = []
    for line in text.splitlines():
        m = _HEADING.fullmatch(line.strip())
        if m:
            found.append((m[1], "".join(m[2].split())))
    return found


def outline(text: str) -> list[str]:
    """Heading labels and article labels in order: which chapter each article is in."""
    found = []
    for line in text.splitlines():
        m = _HEADING.fullmatch(line.strip())
        label = re.match(r"第[一二三四五六七八九十百零]+条", line.strip())
        if m or label:
            found.append(m[1] if m else label[0] if label else "")
    return found


@pytest.mark.parametrize(("old_name", "new_name"), PAIRS[1:], ids=lambda name: name.split("/")[0])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_real_amendments_round_trip_their_headings(old_name, new_name, lang):
    """Company law 2023 inserted 第二章 公司登记 and 第七章 and renumbered the chapters after
    them: the consolidated text has the new text's chapters and sections, in order."""
    old, new = read(old_name), read(new_name)
    amendment = draft_amendment(old, new, lang=lang)
    got = apply_instructions(old, render(amendment))
    assert headings(got) == headings(new)
    assert outline(got) == outline(new)
    assert_same_articles(got, new)


def test_company_law_2023_headings_are_drafted_as_decisions_write_them():
    written = render(
        draft_amendment(read("company_law_cn/2018.md"), read("company_law_cn/2023.md"))
    )
    assert "增加一章，作为第二章：\n“第二章　公司登记\n“第二十九条　" in written
    assert "将第四章第二节的节名修改为“股东会”。" in written
    assert "删去第二章第三节的节名。" in written
    assert "章名修改为" not in written  # chapters only renumbered, or “总 则” for “总则”: nothing


def test_copyright_2010_keeps_its_headings_and_lists_what_it_does_not_cover():
    """The 2010 text (another publisher) has a table of contents, and the 2020 text has no
    第一章 heading (its chapters start at 第二章): the new text's numbering cannot come out of
    a renumbering, so only the titles of chapters that keep their numbers are drafted
    (第四章, 第五章); 第一章 总则 and the table of contents are kept and listed as outside; the
    articles round-trip."""
    old, new = read("copyright_cn/2010.md"), read("copyright_cn/2020.md")
    amendment = draft_amendment(old, new)
    written = render(amendment)
    assert "将第四章的章名修改为“与著作权有关的权利”。" in written
    assert "将第五章的章名修改为“著作权和与著作权有关的权利的保护”。" in written
    assert "增加一章" not in written and "章名。" not in written
    assert "第一章 总则" in amendment.outside and "目 录" in amendment.outside
    assert "第四章 与著作权有关的权利" not in amendment.outside
    got = apply_instructions(old, written)
    contents = headings(old)[:14]  # the table of contents, as it was
    assert headings(got) == [*contents, ("第一章", "总则"), *headings(new)]
    assert_same_articles(got, new)


def renumbered(text: str) -> str:
    """Articles numbered 1, 2, 3 …, chapters in order and sections anew in each chapter, as
    a drafter of the new text would (the tests' own numbering)."""
    counts = {"条": 0, "章": 0, "节": 0}

    def label(m: re.Match[str]) -> str:
        kind = m["kind"]
        counts[kind] += 1
        if kind == "章":
            counts["节"] = 0
        return f"{m['lead']}第{to_chinese_numeral(counts[kind])}{kind}"

    pattern = re.compile(
        r"^(?P<lead>#*\s*)第[一二三四五六七八九十百零]+(?P<kind>条|章|节)(?=\s)", re.M
    )
    return pattern.sub(label, text)


def test_chapters_inserted_retitled_and_deleted_in_a_real_law_round_trip():
    """The synthetic amendments never touch headings: the Legislation Law of 2023 with a
    chapter inserted (with two articles) after its first, its third chapter retitled and the
    second section of its fourth chapter merged into the first, everything renumbered."""
    old = read("legislation_law_cn/2023.md")
    chapter = "## 第一章 新章\n\n第一条 新增第一条。\n\n第一条 新增第二条。\n\n## 第二章 法律"
    new = old.replace("## 第二章 法律", chapter, 1)
    new = new.replace("## 第三章 行政法规", "## 第三章 行政法规和监察法规", 1)
    new = new.replace("### 第二节 规章\n\n", "", 1)
    new = renumbered(new)
    assert headings(new)[1:3] == [("第二章", "新章"), ("第三章", "法律")]
    for lang in ("zh", "en"):
        amendment = draft_amendment(old, new, lang=lang)
        written = render(amendment)
        if lang == "zh":
            assert (
                "在第九条后增加一章，作为第二章：\n“第二章　新章\n“第十条　新增第一条。" in written
            )
            assert "将第三章的章名修改为“行政法规和监察法规”。" in written
            assert "删去第四章第二节的节名。" in written
        assert parse_instructions(written).instructions == amendment.instructions
        got = apply_instructions(old, written)
        assert headings(got) == headings(new)
        assert outline(got) == outline(new)
        assert_same_articles(got, new)
