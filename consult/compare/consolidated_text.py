"""The text an amendment is applied to, as the consolidation holds it (docs/amendments.md): its
articles, headings and other units in order; articles and headings found by their numbers in the
base, placed, relabelled; an article's paragraphs (款) and items (项), found by their numbers in
the base and replaced."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from consult.compare.headings import (
    HEADING_LINE,
    BodyHeading,
    body_headings,
    chapters_restart,
    heading_matches,
    numbered_in_order,
)
from consult.compare.instructions import (
    ITEM_LABEL,
    Amendment,
    HeadingRef,
    Ref,
    article_name,
    article_parts,
    heading_name,
    part_name,
)
from consult.compare.numerals import parse_chinese, to_chinese
from consult.compare.structure import ARTICLE, Unit, units
from consult.compare.text import prepare
from consult.errors import InstructionError
from consult.i18n import tr


@dataclass(eq=False)
class ConsolidatedArticle:
    text: str  # as it will be written (label included)
    ref: Ref  # its number now
    paragraphs: list[str] | None = None  # set once the text is changed: rewritten from them
    head: str = ""  # what precedes the text: label (with Markdown marks) and separator
    # Each paragraph's (款, 项) numbers in the text being amended, None for a new one; None
    # until a paragraph or item is named (then read from the text as it stands).
    origins: list[tuple[int, int] | None] | None = None
    inserted_line: int = 0  # an inserted article: the instruction's line (0: from the base)
    stated: Ref | None = None


@dataclass(eq=False)
class ConsolidatedHeading:
    text: str  # as it will be written (Markdown marks and label included)
    kind: str  # 编 / 分编 / 章 / 节
    base: BodyHeading | None = None  # where it was in the base; None for an inserted one
    inserted_line: int = 0
    stated: HeadingRef | None = None

    def rewritten(self, *, number: int | None = None, title: str | None = None) -> None:
        """Its label's number (in the label's own numerals) or its title changed."""
        m = HEADING_LINE.match(self.text)
        if m is None:
            return
        if number is not None:
            numeral = str(number) if m["n"].isdigit() else to_chinese(number)
            self.text = self.text[: m.start("n")] + numeral + self.text[m.end("n") :]
        elif title is not None:
            close = "**" if m["title"].rstrip().endswith("**") and not m["close"] else ""
            self.text = self.text[: m.start("title")] + title + close


@dataclass
class _Style:
    """How the base labels its articles."""

    chinese: bool = True
    digits: bool = False  # 第10条 rather than 第十条
    prefix: str = "Article "  # English: what comes before the number
    separator: str = "\u3000"

    def label(self, ref: Ref) -> str:
        if self.chinese:
            number = str(ref.number) if self.digits else to_chinese(ref.number)
            return f"第{number}条{ref.sub}"
        return f"{self.prefix}{ref.number}{ref.sub}"


class ConsolidatedText:
    """`base` read into units for `amendment`: articles and headings to be changed, the rest
    kept as it is; the instructions are carried out by consolidate.apply_amendment."""

    def __init__(self, base: str, amendment: Amendment) -> None:
        self.amendment = amendment
        self.order: list[Unit | ConsolidatedArticle | ConsolidatedHeading] = []
        self.by_ref: dict[tuple[int, str], list[ConsolidatedArticle]] = {}
        self.deleted: set[tuple[int, str]] = set()
        self.placed_after: dict[int, set[int]] = {}  # id(anchor) → ids of what was put after it
        separators: Counter[str] = Counter()
        style = _Style()
        first = True
        found = units(prepare(base), by_article=True)
        headings = {h.index: h for h in body_headings([(u.kind, u.text) for u in found])}
        self.headings: list[ConsolidatedHeading] = []
        self.heading_style: dict[str, tuple[str, str, bool]] = {}  # kind → marks, separator, digits
        # A base whose headings are not numbered in order (a publisher left 第一章 out) keeps
        # their numbers when the articles are renumbered.
        self.headings_in_order = numbered_in_order(
            [(u.kind, u.text) for u in found],
            list(headings.values()),
            restart_chapters=chapters_restart(list(headings.values())),
        )
        for index, unit in enumerate(found):
            if index in headings:
                heading = ConsolidatedHeading(unit.text, headings[index].kind, headings[index])
                self.order.append(heading)
                self.headings.append(heading)
                m = HEADING_LINE.match(unit.text)
                if m is not None and heading.kind not in self.heading_style:
                    self.heading_style[heading.kind] = (m["mark"], m["sep"], m["n"].isdigit())
                continue
            match = ARTICLE.match(unit.text) if unit.kind == "article" else None
            if match is None or unit.number is None:
                self.order.append(unit)
                continue
            head_end = _head_end(unit.text, match)
            separators[unit.text[match.end() : head_end]] += 1
            if first:
                style = _style_of(match)
                first = False
            article = ConsolidatedArticle(
                unit.text, _ref_of(match, unit.number), head=unit.text[:head_end]
            )
            self.order.append(article)
            self.by_ref.setdefault((article.ref.number, article.ref.sub), []).append(article)
        if separators:
            style.separator = separators.most_common(1)[0][0] or (
                "\u3000" if style.chinese else " "
            )
        self.style = style

    def name(self, ref: Ref) -> str:
        return article_name(ref, self.amendment.lang, self.amendment.english_word)

    # headings ----------------------------------------------------------------------------------

    def heading(self, ref: HeadingRef, line: int) -> ConsolidatedHeading:
        """The base's heading `ref` names (by its numbers in the base)."""
        name = heading_name(ref, self.amendment.lang)
        found = [h for h in self.headings if h.base is not None and heading_matches(ref, h.base)]
        if not found:
            raise InstructionError(tr("{name} is not in the text", name=name), line)
        if len(found) > 1:
            raise InstructionError(
                tr("{name} is in the text {count} times", name=name, count=len(found)), line
            )
        if found[0] not in self.order:
            raise InstructionError(
                tr("{name} was deleted by an earlier instruction", name=name), line
            )
        return found[0]

    # finding articles --------------------------------------------------------------------------

    def article(self, ref: Ref, line: int) -> ConsolidatedArticle:
        key = (ref.number, ref.sub)
        if key in self.deleted:
            raise InstructionError(
                tr("{name} was deleted by an earlier instruction", name=self.name(ref.article())),
                line,
            )
        found = self.by_ref.get(key, [])
        if not found:
            raise InstructionError(
                tr("{name} is not in the text", name=self.name(ref.article())), line
            )
        if len(found) > 1:
            raise InstructionError(
                tr(
                    "{name} is in the text {count} times",
                    name=self.name(ref.article()),
                    count=len(found),
                ),
                line,
            )
        return found[0]

    def paragraphs(self, article: ConsolidatedArticle) -> list[str]:
        if article.paragraphs is None:
            return article_parts(article.text)[1]
        return list(article.paragraphs)

    def set_paragraphs(self, article: ConsolidatedArticle, paragraphs: list[str]) -> None:
        article.paragraphs = paragraphs
        article.text = (article.head + "\n\n".join(paragraphs)).rstrip()
        article.origins = None

    def origins(self, article: ConsolidatedArticle) -> list[tuple[int, int] | None]:
        if article.origins is None:
            article.origins = _origins(self.paragraphs(article))
        return article.origins

    def splice(
        self,
        article: ConsolidatedArticle,
        start: int,
        end: int,
        texts: Sequence[str],
        *,
        keep: bool = False,
    ) -> None:
        """paragraphs[start:end] = texts, which keep the numbers of the ones they replace
        (`keep`) or have none; the items of a paragraph (款) whose items changed numbered
        1, 2, 3 … again."""
        paragraphs, origins = self.paragraphs(article), list(self.origins(article))
        removed, old = paragraphs[start:end], origins[start:end]
        paragraphs[start:end] = texts
        origins[start:end] = [old[i] if keep and i < len(old) else None for i in range(len(texts))]
        if any(is_item(text) for text in [*removed, *texts]):
            for index in (start - 1, start):
                if 0 <= index < len(paragraphs):
                    _renumber_items(paragraphs, index)
        self.set_paragraphs(article, paragraphs)
        article.origins = origins

    def place(
        self,
        item: ConsolidatedArticle | ConsolidatedHeading,
        anchor: ConsolidatedArticle,
        before: bool,
    ) -> None:
        """`item` right before `anchor`, or after it and after what was put after it."""
        position = self.order.index(anchor)
        if before:
            self.order.insert(position, item)
            return
        after = self.placed_after.setdefault(id(anchor), set())
        position += 1
        while position < len(self.order) and id(self.order[position]) in after:
            position += 1
        self.order.insert(position, item)
        after.add(id(item))

    # paragraphs (款) and items (项) ---------------------------------------------------------------
    # Named by their numbers in the text being amended, as articles are; where an inserted one
    # goes, by its stated number (within) or by its anchor.

    def span(self, ref: Ref, article: ConsolidatedArticle, line: int) -> tuple[int, int]:
        """Where the paragraph (with its items) or item `ref` names is among the article's
        paragraphs now."""
        paragraphs = self.paragraphs(article)
        if not ref.is_part():
            return 0, len(paragraphs)
        origins = self.origins(article)
        numbers = sorted({o[0] for o in origins if o})
        if ref.paragraph:
            number = ref.paragraph
        elif len(numbers) > 1:
            raise InstructionError(
                tr(
                    "{name} has several paragraphs: say which one, as in {example}",
                    name=self.name(ref.article()),
                    example=self.name(Ref(ref.number, ref.sub, 1, ref.item)),
                ),
                line,
            )
        else:
            number = numbers[0] if numbers else 1
        if number not in numbers:
            raise InstructionError(
                tr(
                    "{name} has no paragraph {paragraph}",
                    name=self.name(ref.article()),
                    paragraph=number,
                ),
                line,
            )
        if ref.item:
            index = next((i for i, o in enumerate(origins) if o == (number, ref.item)), None)
            if index is None:
                raise self.no_part(ref, line)
            return index, index + 1
        first = next(i for i, o in enumerate(origins) if o and o[0] == number)
        group = next(g for g in paragraph_groups(paragraphs) if first in g)
        return first, group[-1] + 1

    def no_part(self, ref: Ref, line: int) -> InstructionError:
        """第五条 has no 第四项 / 第十条第一款 has no 第十八项."""
        lang = self.amendment.lang
        where = Ref(ref.number, ref.sub, ref.paragraph if ref.item else 0)
        return InstructionError(
            tr("{name} has no {part}", name=self.name(where), part=part_name(ref, lang)), line
        )

    def relabel(self, article: ConsolidatedArticle, ref: Ref) -> None:
        match = ARTICLE.match(article.text)
        if match is None:
            return
        if match.group("cn"):
            start, end = match.span("label")
            label = _Style(digits=match.group("cn").isdigit()).label(ref)
        else:
            start, end = match.start("num"), match.end("suffix")
            label = f"{ref.number}{ref.sub}"
        article.text = article.text[:start] + label + article.text[end:]
        article.head = article.head[:start] + label + article.head[end:]
        article.ref = ref


def is_item(paragraph: str) -> bool:
    return ITEM_LABEL.match(paragraph) is not None


def paragraph_groups(paragraphs: Sequence[str]) -> list[list[int]]:
    """An article's paragraphs (款): each one that is not a 项 line, with the 项 lines that
    follow it, as indices of `paragraphs`."""
    groups: list[list[int]] = []
    for i, paragraph in enumerate(paragraphs):
        if groups and is_item(paragraph):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _renumber_items(paragraphs: list[str], index: int) -> None:
    """The items of the paragraph (款) that holds paragraphs[index] numbered 1, 2, 3 … in
    order, each label in its own brackets: （五） → （六）."""
    group = next((g for g in paragraph_groups(paragraphs) if index in g), None)
    if group is None:
        return
    items = [i for i in group if is_item(paragraphs[i])]
    for number, i in enumerate(items, 1):
        m = ITEM_LABEL.match(paragraphs[i])
        assert m is not None
        if parse_chinese(m["n"]) != number:
            label = m["open"] + to_chinese(number) + m["close"]
            paragraphs[i] = label + paragraphs[i][m.end() :]


def _origins(paragraphs: Sequence[str]) -> list[tuple[int, int] | None]:
    """Each paragraph's numbers as (款, 项): (2, 0) the second paragraph, (1, 5) its fifth
    item."""
    origins: list[tuple[int, int] | None] = []
    for number, group in enumerate(paragraph_groups(paragraphs), 1):
        item = 0
        for i in group:
            item += is_item(paragraphs[i])
            origins.append((number, item if is_item(paragraphs[i]) else 0))
    return origins


def _head_end(text: str, match: re.Match[str]) -> int:
    """Where an article's text starts after its label and the separator after it."""
    end = match.end()
    chars = " \t\u3000.:—–-" if match.group("en") else " \t\u3000"
    while end < len(text) and text[end] in chars and text[end] != "\n":
        end += 1
    return end


def _ref_of(match: re.Match[str], number: int) -> Ref:
    if match.group("cn"):
        sub = match.group("sub")
        return Ref(number, f"之{sub}" if sub else "")
    return Ref(number, match.group("suffix") or "")


def _style_of(match: re.Match[str]) -> _Style:
    if match.group("cn"):
        return _Style(chinese=True, digits=match.group("cn").isdigit())
    label = match.group("en")
    prefix = label[: match.start("num") - match.start("en")]
    return _Style(chinese=False, prefix=prefix)
