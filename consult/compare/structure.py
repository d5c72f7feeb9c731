"""Law-like structure: articles (第X条, Article N, Art. N, Sec. N., § N), the headings above
them (编 / 章 / 节, Part, Chapter), and the units a text is compared in."""

from __future__ import annotations

import re
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
# A cheap first look: a line that may start a heading or an article somewhere inside a block.
_CANDIDATE_LINE = re.compile(
    r"\n[ \t\u3000]*+(?:#|\*\*|第|Art|ART|Sec|SEC|§|Part|PART|Chap|CHAP|Subchap|SUBCHAP)"
)


@dataclass(slots=True)
class Unit:
    """One piece of a text as it is compared: an article, a heading, or a paragraph."""

    kind: str  # "article" | "heading" | "paragraph"
    text: str
    label: str | None = None  # "第十条", "Sec. 101", or a heading's text
    number: int | None = None  # the article number (Chinese numerals converted)
    head: int = 0  # characters of `text` taken by the number label (or a heading's marks)
    # The paragraphs `text` is made of (joined by "\n"): long units are compared by them first.
    pieces: tuple[str, ...] = field(default=(), compare=False, repr=False)
    # The text without its number label: what says whether two articles are the same.
    body: str = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.body = self.text[self.head :] if self.head else self.text
        if not self.pieces:
            self.pieces = (self.text,)


def split_at_heads(block: str) -> list[str]:
    """A paragraph cut before every inner line that starts an article or a heading."""
    if "\n" not in block:
        return [block]
    cuts = []
    for match in _CANDIDATE_LINE.finditer(block):
        line_start = match.start() + 1
        line = block[line_start : line_start + 80].lstrip(" \t\u3000")
        if ARTICLE.match(line) or HEADING.match(line):
            cuts.append(line_start)
    if not cuts:
        return [block]
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(block[start:cut].strip())
        start = cut
    pieces.append(block[start:].strip())
    return [piece for piece in pieces if piece]


def classify(paragraph: str) -> tuple[str, str | None, int | None, int]:
    """(kind, label, number, head) of a paragraph."""
    match = ARTICLE.match(paragraph)
    if match:
        if match.group("cn"):
            number = parse_chinese(match.group("cn"))
            if number is None:
                number = int(match.group("cn")) if match.group("cn").isdigit() else None
            label = match.group("label")
        else:
            number = int(match.group("num"))
            label = " ".join(match.group("en").split())
        return "article", label, number, match.end()
    if HEADING.match(paragraph):
        first = paragraph.split("\n", 1)[0]
        label = first.lstrip("#* \t").rstrip("* ")
        markup = len(paragraph) - len(paragraph.lstrip("#* \t"))  # Markdown marks: not content
        return "heading", label, None, markup
    return "paragraph", None, None, 0


Classified = tuple[str, tuple[str, str | None, int | None, int]]


def units(
    text: str, *, by_article: bool, cache: dict[str, list[Classified]] | None = None
) -> list[Unit]:
    """The units of a prepared text: articles with their paragraphs, headings and other
    paragraphs (by_article), or simply its paragraphs. `cache`, shared between the two
    texts of a comparison, saves looking for headings again in paragraphs they share."""
    if not by_article:
        return [Unit("paragraph", p) for p in paragraphs(text)]
    cache = {} if cache is None else cache
    out: list[Unit] = []
    current: list[str] = []
    kind, label, number, head = "", None, None, 0
    for block in paragraphs(text):
        pieces = cache.get(block)
        if pieces is None:
            pieces = cache[block] = [(p, classify(p)) for p in split_at_heads(block)]
        for piece, found in pieces:
            if found[0] == "paragraph" and kind == "article":
                current.append(piece)  # a further paragraph (款) of the article
                continue
            if current:
                out.append(Unit(kind, "\n".join(current), label, number, head, tuple(current)))
            current = [piece]
            kind, label, number, head = found
    if current:
        out.append(Unit(kind, "\n".join(current), label, number, head, tuple(current)))
    return out


def unit_pair(old_text: str, new_text: str, *, by_article: bool) -> tuple[list[Unit], list[Unit]]:
    """The units of both texts; paragraphs they share are looked into once."""
    cache: dict[str, list[Classified]] = {}
    return (
        units(old_text, by_article=by_article, cache=cache),
        units(new_text, by_article=by_article, cache=cache),
    )


def is_law_like(old_units: list[Unit], new_units: list[Unit]) -> bool:
    """At least three articles on one side, holding most of its text."""
    for side in (old_units, new_units):
        articles = [u for u in side if u.kind == "article"]
        if len(articles) >= 3:
            total = sum(len(u.text) for u in side)
            if sum(len(u.text) for u in articles) * 2 >= total:
                return True
    return False
