"""The written form's grammar (docs/amendments.md): the patterns of instruction sentences in
Chinese and English, and what a matched name or sentence reads as (Ref, HeadingRef, Edit, an
inserted heading, paragraph or item)."""

from __future__ import annotations

import re

from consult.compare.instructions import (
    ADD_AFTER,
    AMEND,
    DELETE,
    HEADING_WORDS,
    INSERT,
    MOVE,
    NUMBER,
    REMOVE,
    RENUMBER,
    REPLACE,
    RETITLE,
    Edit,
    HeadingRef,
    Instruction,
    NewArticle,
    Ref,
    inserted_within,
)
from consult.compare.numerals import NUMERAL_CHARS, numeral_value
from consult.errors import InstructionError
from consult.i18n import ntr

_N = f"[{NUMERAL_CHARS}\\d]+"
_LETTERS = r"[A-Za-z]{1,3}(?:-\d+)?"  # Sec. 106A in Chinese: 第106A条
_ARTICLE_ZH = rf"第{_N}(?:{_LETTERS})?条(?:之[{NUMERAL_CHARS}]+)?"
_NAME_ZH = rf"{_ARTICLE_ZH}(?:第{_N}款)?(?:第{_N}项)?"
_NAMES_ZH = rf"{_NAME_ZH}(?:[、，,]{_NAME_ZH})*"
_ONE_NAME_ZH = re.compile(
    rf"第(?P<n>{_N})(?P<letters>{_LETTERS})?条(?P<sub>之[{NUMERAL_CHARS}]+)?"
    rf"(?:第(?P<p>{_N})款)?(?:第(?P<i>{_N})项)?"
)
WORD_EN = r"(?:Article|Section|Art\.|Sec\.|§)"
# What may follow an article's number: a letter (106A), a dash (12-1) or 之一
_SUB_EN = rf"{_LETTERS}|-\d+|之[{NUMERAL_CHARS}]+"
_NUM_EN = rf"\d+(?:{_SUB_EN})?"
_ARTICLE_EN = rf"{WORD_EN} ?{_NUM_EN}"
_NAME_EN = rf"(?:[Ii]tem \d+ of )?(?:[Pp]aragraph \d+ of )?{_ARTICLE_EN}"
_NAMES_EN = rf"{WORD_EN}s? ?{_NUM_EN}(?:(?:,? and |, ){WORD_EN}?s? ?{_NUM_EN})*"
ONE_NAME_EN = re.compile(
    rf"(?:[Ii]tem (?P<i>\d+) of )?(?:[Pp]aragraph (?P<p>\d+) of )?(?P<word>{WORD_EN}) ?"
    rf"(?P<n>\d+)(?P<sub>{_SUB_EN})?"
)
NUMBER_EN = re.compile(rf"(?P<n>\d+)(?P<sub>{_SUB_EN})?")
_Q = '["“”]'
_PHRASE_EN = f'{_Q}([^"“”]*){_Q}'

ZH_SENTENCES = {
    AMEND: re.compile(rf"将(?P<t>{_NAME_ZH})修改为[：:]"),
    INSERT: re.compile(
        rf"在(?P<a>{_ARTICLE_ZH})(?P<side>[后前])增加(?P<count>{_N})条[，,](?:分别)?作为"
        rf"(?P<names>{_ARTICLE_ZH}(?:[、，,]{_ARTICLE_ZH})*)[：:]"
    ),
    DELETE: re.compile(rf"删去(?P<names>{_NAMES_ZH})[。.]?"),
    MOVE: re.compile(rf"将(?P<t>{_ARTICLE_ZH})移至(?P<a>{_ARTICLE_ZH})(?P<side>[后前])[。.]?"),
    NUMBER: re.compile(rf"将(?P<t>{_ARTICLE_ZH})改为(?P<n>{_ARTICLE_ZH})[。.]?"),
    RENUMBER: re.compile(r"(?:此外[，,])?对条文顺序作相应调整[。.]?"),
}
# 在第十一条中增加一款，作为第三款： / 在第十条第一款第四项后增加一项，作为第五项：
INSERT_PART_ZH = re.compile(
    rf"在(?P<a>{_NAME_ZH})(?P<side>[后前中])增加一(?P<kind>[款项])[，,]作为第(?P<n>{_N})(?P=kind)[：:]"
)
INSERT_PART_EN = re.compile(
    rf"(?:(?P<side>After|Before) (?P<a>{_NAME_EN})|In (?P<w>{_NAME_EN})), the following "
    rf"(?P<kind>paragraph|item) is inserted as (?:Paragraph|Item) (?P<n>\d+):"
)
DELETE_PART_EN = re.compile(
    rf"(?P<t>(?:[Ii]tem \d+ of )?(?:[Pp]aragraph \d+ of )?{_ARTICLE_EN}) is deleted\.?"
)
# Headings: 将第三章第二节的节名修改为“……”。 / 删去第五章的章名。 / 在第十二条后增加一章，作为第二章：
_KIND_ZH = "(?:分编|编|章|节)"
_HEADING_ZH = rf"(?:第{_N}{_KIND_ZH})+"
_ONE_HEADING_ZH = re.compile(rf"第(?P<n>{_N})(?P<kind>分编|编|章|节)")
_RETITLE_ZH = re.compile(
    rf"将(?P<h>{_HEADING_ZH})的?(?P<k>{_KIND_ZH})名修改为[“\"](?P<t>[^“”\"]*)[”\"][。.]?"
)
_DELETE_HEADING_ZH = re.compile(rf"删去(?P<h>{_HEADING_ZH})的?(?P<k>{_KIND_ZH})名[。.]?")
_INSERT_HEADING_ZH = re.compile(
    rf"在(?P<a>{_ARTICLE_ZH})(?P<side>[后前])增加一(?P<kind>{_KIND_ZH})[，,]"
    rf"作为第(?P<n>{_N})(?P=kind)[：:]"
)
_WORD_HEADING_EN = "(?:Part|Subpart|Chapter|Section)"
_HEADING_EN = rf"{_WORD_HEADING_EN} \d+(?: of {_WORD_HEADING_EN} \d+)*"
_ONE_HEADING_EN = re.compile(r"(?P<w>Part|Subpart|Chapter|Section) (?P<n>\d+)")
_RETITLE_EN = re.compile(
    rf"The heading of (?P<h>{_HEADING_EN}) is amended to read [“\"](?P<t>[^“”\"]*)[”\"]\.?"
)
_DELETE_HEADING_EN = re.compile(rf"The heading of (?P<h>{_HEADING_EN}) is deleted\.?")
INSERT_HEADING_EN = re.compile(
    rf"(?P<side>After|Before) (?P<a>{_ARTICLE_EN}), the following "
    r"(?P<kind>part|subpart|chapter|section) is inserted as (?P<w>Part|Subpart|Chapter|Section)"
    r" (?P<n>\d+):"
)
KIND_OF_WORD = {word: kind for kind, word in HEADING_WORDS.items()}
# In the quoted text of an inserted heading: the label that starts a heading or an article.
BLOCK_HEADING = re.compile(
    rf"(?:第(?P<n>{_N})(?P<kind>分编|编|章|节)|(?P<w>Part|Subpart|Chapter|Section) (?P<d>\d+))"
    r"(?:[ \t\u3000]+|$)"
)
BLOCK_ARTICLE = re.compile(
    rf"(?:第(?P<n>{_N})(?P<letters>{_LETTERS})?条(?P<sub>之[{NUMERAL_CHARS}]+)?"
    rf"|(?:Article|Section|Art\.|Sec\.|§) ?(?P<d>\d+)(?P<s>{_LETTERS})?[.:]?)"
    r"(?:[ \t\u3000]+|$)"
)
EN_SENTENCES = {
    AMEND: re.compile(rf"(?P<t>{_NAME_EN}) is amended to read:"),
    INSERT: re.compile(
        rf"(?P<side>After|Before) (?P<a>{_ARTICLE_EN}), the following \w+ (?:is|are) inserted "
        rf"as (?P<names>{_NAMES_EN}):"
    ),
    DELETE: re.compile(rf"(?P<names>{_NAMES_EN}) (?:is|are) deleted\.?"),
    MOVE: re.compile(
        rf"(?P<t>{_ARTICLE_EN}) is moved (?P<side>after|before) (?P<a>{_ARTICLE_EN})\.?"
    ),
    NUMBER: re.compile(rf"(?P<t>{_ARTICLE_EN}) becomes (?P<n>{_ARTICLE_EN})\.?"),
    RENUMBER: re.compile(r"The (?P<w>article|section)s are renumbered accordingly\.?", re.I),
}
# Phrase edits: the first clause names the article, the ones after it only phrases.
EDIT_ZH_FIRST = re.compile(
    rf"将(?P<r>{_NAMES_ZH})中的“(?P<rf>[^“”]*)”修改为“(?P<rt>[^“”]*)”"
    rf"|删去(?P<d>{_NAMES_ZH})中的“(?P<df>[^“”]*)”"
    rf"|在(?P<a>{_NAMES_ZH})中的“(?P<af>[^“”]*)”后增加“(?P<at>[^“”]*)”"
)
EDIT_ZH_NEXT = re.compile(
    r"[，,；;](?:将?“(?P<rf>[^“”]*)”修改为“(?P<rt>[^“”]*)”"
    r"|删去“(?P<df>[^“”]*)”"
    r"|在“(?P<af>[^“”]*)”后增加“(?P<at>[^“”]*)”)"
)
EDIT_EN_FIRST = re.compile(rf"In (?:(?P<t>{_NAME_EN})|(?P<names>{_NAMES_EN})), ")
EDIT_EN_CLAUSE = re.compile(
    rf"(?:{_PHRASE_EN} is replaced by {_PHRASE_EN}"
    rf"|{_PHRASE_EN} is deleted"
    rf"|{_PHRASE_EN} is inserted after {_PHRASE_EN})"
)


def heading_instruction(body: str, line: int, *, zh: bool) -> Instruction | None:
    """A heading's instruction (retitled, deleted, inserted), or None."""
    retitle, delete, insert = (
        (_RETITLE_ZH, _DELETE_HEADING_ZH, _INSERT_HEADING_ZH)
        if zh
        else (_RETITLE_EN, _DELETE_HEADING_EN, INSERT_HEADING_EN)
    )
    for op, pattern in ((RETITLE, retitle), (DELETE, delete)):
        m = pattern.fullmatch(body)
        if m is None:
            continue
        ref = _heading_ref(m["h"], zh=zh)
        if zh and m["k"] != ref.kind:
            return None  # 将第二章的节名修改为
        paragraphs = (m["t"],) if op == RETITLE else ()
        return Instruction(op, heading=ref, paragraphs=paragraphs, line=line)
    m = insert.fullmatch(body)
    if m is None:
        return None
    if zh:
        kind, anchor = m["kind"], ref_zh(m["a"])
        before = m["side"] == "前"
    else:
        kind, anchor = KIND_OF_WORD[m["w"]], Ref(0)  # the anchor is read by the caller
        if HEADING_WORDS[kind].lower() != m["kind"]:
            return None
        before = m["side"] == "Before"
    stated = NewArticle(Ref(0), (), HeadingRef(kind, numeral_value(m["n"])))
    return Instruction(INSERT, anchor=anchor, before=before, articles=(stated,), line=line)


def _heading_ref(name: str, *, zh: bool) -> HeadingRef:
    """第三章第二节 / Section 2 of Chapter 3 → HeadingRef("节", 2, (("章", 3),))."""
    if zh:
        parts = [(m["kind"], numeral_value(m["n"])) for m in _ONE_HEADING_ZH.finditer(name)]
    else:
        found = [(KIND_OF_WORD[m["w"]], int(m["n"])) for m in _ONE_HEADING_EN.finditer(name)]
        parts = found[::-1]
    kind, number = parts[-1]
    return HeadingRef(kind, number, tuple(parts[:-1]))


def ref_zh(name: str) -> Ref:
    m = _ONE_NAME_ZH.fullmatch(name)
    assert m is not None  # the instruction's pattern matched it
    paragraph = numeral_value(m["p"]) if m["p"] else 0
    sub = m["sub"] or m["letters"] or ""
    return Ref(numeral_value(m["n"]), sub, paragraph, numeral_value(m["i"]) if m["i"] else 0)


def insert_part_instruction(
    anchor: Ref, side: str, item: bool, number: int, line: int
) -> Instruction | None:
    """One paragraph or item inserted within `anchor` (side 中), after (后) or before (前) it;
    `number` is the one it is stated to have (作为第三款 / 作为第五项). None when the anchor
    does not fit the side (在第十一条后增加一款 / 在第五条第二项中增加一项)."""
    if item:
        new = Ref(anchor.number, anchor.sub, anchor.paragraph, number)
    else:
        new = Ref(anchor.number, anchor.sub, number)
    if (side == "中") != inserted_within(anchor, new) or (not item and anchor.item):
        return None
    articles = (NewArticle(new, ()),)
    return Instruction(INSERT, anchor=anchor, before=side == "前", articles=articles, line=line)


def edit_zh(m: re.Match[str]) -> Edit:
    if m["rf"] is not None:
        return Edit(REPLACE, m["rf"], m["rt"])
    if m["df"] is not None:
        return Edit(REMOVE, m["df"])
    return Edit(ADD_AFTER, m["af"], m["at"])


def check_insert_count(count: int, names: list[Ref], line: int) -> None:
    if count != len(names):
        raise InstructionError(
            ntr(
                "the instruction adds {count} article but names {named}",
                "the instruction adds {count} articles but names {named}",
                count,
                named=len(names),
            ),
            line,
        )
