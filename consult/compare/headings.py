"""The headings (编 / 分编 / 章 / 节) of a text's body: found, named by their numbers, and
whether they are numbered in order (what drafting and applying instructions need)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from consult.compare.instructions import HEADING_KINDS, HeadingRef
from consult.compare.numerals import NUMERAL_CHARS, numeral_value

# The enclosing headings a heading of each kind may be named within, innermost first: a 节 is
# always named with its 章 (第三章第二节); a 章 or 分编 with its 编 where the base numbers
# them anew in each 编 (the civil code: 第一编第二章).
_WITHIN = {"编": (), "分编": ("编",), "章": ("编",), "节": ("章", "编")}

# A heading's text: Markdown marks, its label (第二章), the separator and its title.
HEADING_LINE = re.compile(
    rf"(?P<mark>(?:#{{1,6}}[ \t]*)?(?:\*\*)?)"
    rf"(?P<label>第(?P<n>[{NUMERAL_CHARS}\d]+)(?P<kind>分编|编|章|节))"
    r"(?P<close>\*\*)?(?P<sep>[ \t\u3000]*)(?P<title>.*)",
    re.S,
)
_RANK = {kind: rank for rank, kind in enumerate(HEADING_KINDS)}


@dataclass
class BodyHeading:
    """A heading of a text's body: where it is among the units, its kind and number, the
    numbers of the headings it stands in (kind → number), and its name (HeadingRef)."""

    index: int
    kind: str
    number: int
    ancestors: dict[str, int]
    ref: HeadingRef


def heading_title(text: str) -> str:
    """A heading's title without its label and Markdown marks ("公司登记")."""
    m = HEADING_LINE.match(text)
    return m["title"].strip().rstrip("*").strip() if m else text.strip()


def same_title(a: str, b: str) -> bool:
    """Titles compared without their spaces: “总 则” is “总则” (a typographic spacing)."""
    return title_key(a) == title_key(b)


def title_key(title: str) -> str:
    """A title without its spaces, as titles are compared."""
    return "".join(title.split())


def body_headings(kinds_and_texts: Sequence[tuple[str, str]]) -> list[BodyHeading]:
    """The headings (编 / 分编 / 章 / 节) of a text's body, from its units in order as
    (unit kind, text). Headings before the first article belong to the body only when they
    lead into it (第一编, 第一章 right before 第一条); the others are a table of contents,
    outside the instructions as the title and preamble are. Each is named by its number, within
    the enclosing headings that make the name unique (a 节 always with its 章)."""
    first = next((i for i, (k, _) in enumerate(kinds_and_texts) if k == "article"), None)
    lead: list[tuple[int, str, int]] = []
    if first is not None:
        rank = len(HEADING_KINDS)
        for i in range(first - 1, -1, -1):
            kind, text = kinds_and_texts[i]
            if not blank(text):
                lead_heading = _heading_of(kind, text)
                if lead_heading is None or _RANK[lead_heading[0]] >= rank:
                    break
                rank = _RANK[lead_heading[0]]
                lead.insert(0, (i, *lead_heading))
    start = 0 if first is None else first
    found: list[tuple[int, str, int]] = lead + [
        (i, *h)
        for i in range(start, len(kinds_and_texts))
        if (h := _heading_of(*kinds_and_texts[i])) is not None
    ]
    out: list[BodyHeading] = []
    current: dict[str, int] = {}
    for index, kind, number in found:
        current = {k: n for k, n in current.items() if _RANK[k] < _RANK[kind]}
        out.append(BodyHeading(index, kind, number, dict(current), HeadingRef(kind, number)))
        current[kind] = number
    for heading in out:
        within: list[tuple[str, int]] = []
        candidates = [k for k in _WITHIN[heading.kind] if k in heading.ancestors]
        if heading.kind == "节" and candidates and candidates[0] == "章":
            within.append(("章", heading.ancestors["章"]))
            candidates.pop(0)
        ref = HeadingRef(heading.kind, heading.number, tuple(within))
        while sum(heading_matches(ref, h) for h in out) > 1 and candidates:
            kind = candidates.pop(0)
            within.insert(0, (kind, heading.ancestors[kind]))
            ref = HeadingRef(heading.kind, heading.number, tuple(within))
        heading.ref = ref
    return out


def chapters_restart(headings: Sequence[BodyHeading]) -> bool:
    """Whether a text numbers its chapters anew in each 编 (a chapter number appears twice)."""
    seen: set[int] = set()
    for heading in headings:
        if heading.kind == "章":
            if heading.number in seen:
                return True
            seen.add(heading.number)
    return False


def heading_numbers(kinds: Sequence[str], *, restart_chapters: bool) -> list[int]:
    """The numbers headings of these kinds, in this order, have when numbered in order: 节
    anew in each 章, 分编 in each 编, 章 in each 编 when `restart_chapters`. A kind "" is a
    heading without a number ("# 物权编"): what is numbered anew in each 编 is numbered anew
    after it too (its number is 0)."""
    restart = {"分编": "编", "节": "章"} | ({"章": "编"} if restart_chapters else {})
    counters = dict.fromkeys(HEADING_KINDS, 0)
    numbers: list[int] = []
    for kind in kinds:
        if kind:
            counters[kind] += 1
        for child, parent in restart.items():
            if parent == (kind or "编"):
                counters[child] = 0
        numbers.append(counters[kind] if kind else 0)
    return numbers


def numbered_in_order(
    kinds_and_texts: Sequence[tuple[str, str]],
    headings: Sequence[BodyHeading],
    *,
    restart_chapters: bool,
) -> bool:
    """Whether a text's body headings (body_headings of its units, given as (unit kind, text))
    are numbered in order, as heading_numbers numbers them."""
    at = {h.index: h for h in headings}
    kinds = [
        at[i].kind if i in at else ""
        for i, (kind, text) in enumerate(kinds_and_texts)
        if i in at or is_unnumbered_heading(kind, text)
    ]
    numbers = [n for n in heading_numbers(kinds, restart_chapters=restart_chapters) if n]
    return numbers == [h.number for h in headings]


def is_unnumbered_heading(kind: str, text: str) -> bool:
    """A heading that is not 第X编 / 分编 / 章 / 节 ("# 物权编", the title)."""
    return kind == "heading" and HEADING_LINE.match(text) is None


def ambiguous(headings: Sequence[BodyHeading]) -> bool:
    """Whether some heading's name names several (chapters numbered anew in parts that have
    no number: the civil code's "# 物权编")."""
    return any(sum(heading_matches(h.ref, other) for other in headings) > 1 for h in headings)


def heading_matches(ref: HeadingRef, heading: BodyHeading) -> bool:
    """Whether `ref` names `heading` (by their numbers in the text being amended)."""
    return (
        ref.kind == heading.kind
        and ref.number == heading.number
        and all(heading.ancestors.get(k) == n for k, n in ref.within)
    )


def _heading_of(kind: str, text: str) -> tuple[str, int] | None:
    if kind != "heading":
        return None
    m = HEADING_LINE.match(text)
    return (m["kind"], numeral_value(m["n"])) if m else None


def blank(text: str) -> bool:
    """Nothing but spaces (zero-width ones and a stray BOM included)."""
    return not text.replace("\u200b", "").replace("\ufeff", "").strip()
