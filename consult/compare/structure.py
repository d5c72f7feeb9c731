"""Law-like structure: articles (第X条, Article N, Art. N, Sec. N., § N), the headings above
them (编 / 章 / 节, Part, Chapter), and the units a text is compared in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from consult.compare.numerals import NUMERAL_CHARS, parse_chinese
from consult.compare.text import paragraphs

_NUM_CN = rf"[{NUMERAL_CHARS}\d]+"
_LEAD = r"(?:#{1,6}[ \t]*)?(?:\*\*)?"
ARTICLE = re.compile(
    # English forms must be followed by a period, colon or dash, or end the line, so that
    # prose such as "Section 102 of this title …" at the start of a line is not a heading.
    rf"{_LEAD}(?P<label>第(?P<cn>{_NUM_CN})条(?:之(?P<sub>[{NUMERAL_CHARS}]+))?)(?:\*\*)?"
    rf"(?=[\s\u3000]|$)"
    rf"|{_LEAD}(?P<en>(?:Article|ARTICLE|Art\.|ART\.|Sec\.|SEC\.|Section|SECTION|§)"
    rf"[ \t]*(?P<num>\d+)(?P<suffix>[A-Za-z]{{0,3}}(?:-\d+)?))"
    r"(?=\.(?:[ \t]|$)|:|[ \t]*[—–-][ \t]|[ \t]*$)"
)
HEADING = re.compile(
    rf"{_LEAD}第{_NUM_CN}(?:分编|编|章|节)(?=[\s\u3000]|$)"
    r"|(?:#{1,6}[ \t]*)?(?:PART|Part|CHAPTER|Chapter|SUBCHAPTER|Subchapter)[ \t]+[\dIVXLCivxlc]+\b"
    r"|#{1,6}[ \t]"
)
# One pass over a text finds where paragraphs end (a blank line, group 1, with the spaces after
# it) and the inner lines that may start an article or a heading (the lookahead).
# (Most lines start with none of those characters: one look at the first turns them away.)
_BOUNDARY = re.compile(
    r"\n[ \t\u3000]*+(?=[#*第ASPC§\n\xa0])(?:([ \t\u3000\xa0]*+\n)\s*+"
    r"|(?=#|\*\*|第|Art|ART|Sec|SEC|§|Part|PART|Chap|CHAP|Subchap|SUBCHAP))"
)
_HEAD_FIRST = frozenset("#*第ASPC§")  # the characters an article or heading can start with
_HEAD_WINDOW = 80  # characters of an inner line looked at to tell whether it starts a head


@dataclass(slots=True)
class Unit:
    """One piece of a text as it is compared: an article, a heading, or a paragraph."""

    kind: str  # "article" | "heading" | "paragraph"
    text: str
    label: str | None = None  # "第十条", "Sec. 101", or a heading's text
    number: int | None = None  # the article number (Chinese numerals converted)
    head: int = 0  # characters of `text` taken by the number label (or a heading's marks)
    # The text without its number label: what says whether two articles are the same.
    body: str = field(init=False, compare=False, repr=False)
    # Where the paragraphs after the first start in `text` (long units are compared by them).
    paragraphs: tuple[int, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        self.body = self.text[self.head :] if self.head else self.text


def classify(paragraph: str) -> tuple[str, str | None, int | None, int]:
    """(kind, label, number, head) of a paragraph."""
    return classify_at(paragraph, 0, len(paragraph))


def classify_at(text: str, start: int, end: int) -> tuple[str, str | None, int | None, int]:
    """(kind, label, number, head) of the paragraph text[start:end] (without spaces around)."""
    match = ARTICLE.match(text, start, end)
    if match:
        if match.group("cn"):
            number = parse_chinese(match.group("cn"))
            if number is None:
                number = int(match.group("cn")) if match.group("cn").isdigit() else None
            label = match.group("label")
        else:
            number = int(match.group("num"))
            label = " ".join(match.group("en").split())
        return "article", label, number, match.end() - start
    if HEADING.match(text, start, end):
        line_end = text.find("\n", start, end)
        first = text[start : end if line_end < 0 else line_end]
        label = first.lstrip("#* \t").rstrip("* ")
        markup = len(first) - len(first.lstrip("#* \t"))  # Markdown marks: not content
        return "heading", label, None, markup
    return "paragraph", None, None, 0


_PARAGRAPH: tuple[str, str | None, int | None, int] = ("paragraph", None, None, 0)


def units(text: str, *, by_article: bool) -> list[Unit]:
    """The units of a prepared text: articles (each with the paragraphs after it), headings
    and other paragraphs (by_article), or simply its paragraphs. A unit's text is the text
    as it stands, from its first character to its last."""
    if not by_article:
        return [Unit("paragraph", p) for p in paragraphs(text)]
    out: list[Unit] = []
    unit: list = []  # the unit in progress: [start, end, (kind, label, number, head), starts]
    for start, end in _pieces(text):
        found = _PARAGRAPH
        if text[start] in _HEAD_FIRST:
            found = classify_at(text, start, _stripped_end(text, start, end))
        if found[0] == "paragraph" and unit and unit[2][0] == "article":
            unit[1] = end  # a further paragraph (款) of the article
            unit[3].append(start)
            continue
        if unit:
            out.append(_unit(text, *unit))
        unit = [start, end, found, []]
    if unit:
        out.append(_unit(text, *unit))
    return out


def _pieces(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph of `text`, cut before every inner line that starts an
    article or a heading (judged on its first _HEAD_WINDOW characters)."""
    block = len(text) - len(text.lstrip())  # where the paragraph in progress starts
    inner: list[tuple[int, int]] = []  # its lines that may start a head: (line, first character)
    for match in _BOUNDARY.finditer(text):
        if match.group(1) is None:
            inner.append((match.start() + 1, match.end()))
            continue
        if inner:
            yield from _cut(text, block, match.start(), inner)
            inner = []
        elif match.start() > block:  # (a break inside leading blank lines is not a paragraph)
            yield block, match.start()
        block = max(block, match.end())
    if block < len(text):
        yield from _cut(text, block, len(text), inner)


def _cut(
    text: str, start: int, end: int, inner: list[tuple[int, int]]
) -> Iterator[tuple[int, int]]:
    end = _stripped_end(text, start, end)
    for line, first in inner:
        window = min(line + _HEAD_WINDOW, end)
        if ARTICLE.match(text, first, window) or HEADING.match(text, first, window):
            if _stripped_end(text, start, line) > start:
                yield start, line - 1
            start = first
    if start < end:
        yield start, end


def _stripped_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _unit(text: str, start: int, end: int, found: tuple, starts: list[int]) -> Unit:
    kind, label, number, head = found
    unit = Unit(kind, text[start : _stripped_end(text, start, end)], label, number, head)
    unit.paragraphs = tuple(s - start for s in starts)
    return unit


def unit_pair(old_text: str, new_text: str, *, by_article: bool) -> tuple[list[Unit], list[Unit]]:
    """The units of both texts."""
    return units(old_text, by_article=by_article), units(new_text, by_article=by_article)


def is_law_like(old_units: list[Unit], new_units: list[Unit]) -> bool:
    """At least three articles on one side, holding most of its text."""
    for side in (old_units, new_units):
        articles = [u for u in side if u.kind == "article"]
        if len(articles) >= 3:
            total = sum(len(u.text) for u in side)
            if sum(len(u.text) for u in articles) * 2 >= total:
                return True
    return False
