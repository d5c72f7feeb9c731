"""Carrying out amendment instructions on a text: the consolidated text (docs/amendments.md)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from consult.compare.headings import (
    HEADING_LINE,
    BodyHeading,
    body_headings,
    chapters_restart,
    heading_matches,
    heading_numbers,
    is_unnumbered_heading,
    numbered_in_order,
)
from consult.compare.instruction_reader import parse_instructions
from consult.compare.instructions import (
    ADD_AFTER,
    AMEND,
    DELETE,
    EDIT,
    HEADING_KINDS,
    INSERT,
    ITEM_LABEL,
    MOVE,
    NUMBER,
    REMOVE,
    RENUMBER,
    REPLACE,
    RETITLE,
    Amendment,
    Edit,
    HeadingRef,
    Instruction,
    NewArticle,
    Ref,
    article_name,
    article_parts,
    heading_name,
    inserted_within,
    normalise_space,
    part_name,
)
from consult.compare.numerals import parse_chinese, to_chinese
from consult.compare.structure import ARTICLE, Unit, units
from consult.compare.text import prepare
from consult.errors import InstructionError
from consult.i18n import tr


def apply_edits(text: str, edits: Sequence[Edit], *, line: int = 0, where: str = "") -> str:
    """`text` with the phrase edits applied in order. Each edit's `find` must occur exactly
    once in the text as it stands when the edit is applied, else InstructionError (with
    `line`); `where` names the text in the message ("第五条")."""
    for edit in edits:
        start = _find_once(text, edit.find, line=line, where=where)
        end = start + len(edit.find)
        if edit.op == REPLACE:
            text = text[:start] + edit.text + text[end:]
        elif edit.op == REMOVE:
            text = text[:start] + text[end:]
        elif edit.op == ADD_AFTER:
            text = text[:end] + edit.text + text[end:]
        else:
            raise InstructionError(tr("unknown phrase edit {op}", op=edit.op), line)
    return text


def _find_once(text: str, phrase: str, *, line: int, where: str) -> int:
    if not phrase:
        raise InstructionError(tr("an empty phrase cannot be found"), line)
    start = text.find(phrase)
    if start < 0:
        if where:
            message = tr("“{phrase}” is not in {where}", phrase=phrase, where=where)
        else:
            message = tr("“{phrase}” is not in the text", phrase=phrase)
        raise InstructionError(message, line)
    if text.find(phrase, start + 1) >= 0:
        count = _count(text, phrase)
        if where:
            message = tr(
                "“{phrase}” occurs {count} times in {where}; it must occur once",
                phrase=phrase,
                count=count,
                where=where,
            )
        else:
            message = tr(
                "“{phrase}” occurs {count} times in the text; it must occur once",
                phrase=phrase,
                count=count,
            )
        raise InstructionError(message, line)
    return start


def _count(text: str, phrase: str) -> int:
    """Occurrences of `phrase`, overlapping ones included."""
    count, start = 0, text.find(phrase)
    while start >= 0:
        count += 1
        start = text.find(phrase, start + 1)
    return count


# -- whole amendments --------------------------------------------------------------------------


def apply_instructions(base: str, instructions_text: str) -> str:
    """The consolidated text: the written instructions (parse_instructions) applied to `base`."""
    return apply_amendment(base, parse_instructions(instructions_text))


def apply_amendment(base: str, amendment: Amendment) -> str:
    """The consolidated text: every instruction applied in order to `base`, as described in
    docs/amendments.md. Articles are named by their number in `base` wherever they are now.
    An instruction that cannot be carried out raises InstructionError with its line, and
    nothing is applied. Headings (编 / 分编 / 章 / 节) are named by their numbers in `base`
    too; the title, the preamble and a table of contents stay as they are; articles and
    headings untouched keep their text byte for byte; units are joined by blank lines."""
    return _Consolidation(base, amendment).run()


@dataclass(eq=False)
class _Article:
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
class _Heading:
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


class _Consolidation:
    def __init__(self, base: str, amendment: Amendment) -> None:
        self.amendment = amendment
        self.order: list[Unit | _Article | _Heading] = []
        self.by_ref: dict[tuple[int, str], list[_Article]] = {}
        self.deleted: set[tuple[int, str]] = set()
        self.placed_after: dict[int, set[int]] = {}  # id(anchor) → ids of what was put after it
        separators: Counter[str] = Counter()
        style = _Style()
        first = True
        found = units(prepare(base), by_article=True)
        headings = {h.index: h for h in body_headings([(u.kind, u.text) for u in found])}
        self.headings: list[_Heading] = []
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
                heading = _Heading(unit.text, headings[index].kind, headings[index])
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
            article = _Article(unit.text, _ref_of(match, unit.number), head=unit.text[:head_end])
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

    def heading(self, ref: HeadingRef, line: int) -> _Heading:
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

    def new_heading(self, ref: HeadingRef, title: str, line: int) -> _Heading:
        """An inserted heading, written as the base writes its headings of that kind (or the
        nearest kind: one Markdown mark more or less)."""
        style = self.heading_style.get(ref.kind)
        if style is None:
            rank = HEADING_KINDS.index(ref.kind)
            near = sorted(self.heading_style, key=lambda k: abs(HEADING_KINDS.index(k) - rank))
            if near:
                marks, separator, digits = self.heading_style[near[0]]
                hashes = len(marks) - len(marks.lstrip("#"))
                if hashes:
                    level = min(max(hashes + rank - HEADING_KINDS.index(near[0]), 1), 6)
                    marks = "#" * level + marks[hashes:]
                style = (marks, separator, digits)
            else:
                style = ("", "\u3000", False)
        marks, separator, digits = style
        numeral = str(ref.number) if digits else to_chinese(ref.number)
        text = f"{marks}第{numeral}{ref.kind}{separator or chr(0x3000)}{title}".rstrip()
        return _Heading(text, ref.kind, inserted_line=line or -1, stated=ref)

    def apply_heading(self, ins: Instruction) -> None:
        assert ins.heading is not None
        heading = self.heading(ins.heading, ins.line)
        if ins.op == RETITLE:
            heading.rewritten(title=ins.paragraphs[0] if ins.paragraphs else "")
        else:
            self.order.remove(heading)

    def renumber_headings(self) -> None:
        """Headings numbered in order: 节 anew in each 章, 分编 in each 编, and 章 in each 编
        where the base numbers them so (a chapter number that appears twice)."""
        base = [h.base for h in self.headings if h.base is not None]
        items = [
            item
            for item in self.order
            if isinstance(item, _Heading)
            or (isinstance(item, Unit) and is_unnumbered_heading(item.kind, item.text))
        ]
        kinds = [item.kind if isinstance(item, _Heading) else "" for item in items]
        numbers = heading_numbers(kinds, restart_chapters=chapters_restart(base))
        for item, number in zip(items, numbers, strict=True):
            if not isinstance(item, _Heading):
                continue
            m = HEADING_LINE.match(item.text)
            if m is not None and parse_chinese(m["n"]) != number and m["n"] != str(number):
                item.rewritten(number=number)
            if item.stated is not None and item.stated.number != number:
                lang = self.amendment.lang
                raise InstructionError(
                    tr(
                        "the heading inserted as {stated} is {actual} after renumbering",
                        stated=heading_name(item.stated, lang),
                        actual=heading_name(HeadingRef(item.kind, number), lang),
                    ),
                    max(item.inserted_line, 0),
                )

    def run(self) -> str:
        renumber = False
        for ins in self.amendment.instructions:
            if ins.op == RENUMBER:
                renumber = True
            else:
                self.apply(ins)
        if renumber:
            self.renumber()
            if self.headings_in_order:
                self.renumber_headings()
        return "\n\n".join(_text(item) for item in self.order) + "\n"

    # finding articles --------------------------------------------------------------------------

    def article(self, ref: Ref, line: int) -> _Article:
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

    def paragraphs(self, article: _Article) -> list[str]:
        if article.paragraphs is None:
            return article_parts(article.text)[1]
        return list(article.paragraphs)

    def set_paragraphs(self, article: _Article, paragraphs: list[str]) -> None:
        article.paragraphs = paragraphs
        article.text = (article.head + "\n\n".join(paragraphs)).rstrip()
        article.origins = None

    def origins(self, article: _Article) -> list[tuple[int, int] | None]:
        if article.origins is None:
            article.origins = _origins(self.paragraphs(article))
        return article.origins

    def splice(
        self, article: _Article, start: int, end: int, texts: Sequence[str], *, keep: bool = False
    ) -> None:
        """paragraphs[start:end] = texts, which keep the numbers of the ones they replace
        (`keep`) or have none; the items of a paragraph (款) whose items changed numbered
        1, 2, 3 … again."""
        paragraphs, origins = self.paragraphs(article), list(self.origins(article))
        removed, old = paragraphs[start:end], origins[start:end]
        paragraphs[start:end] = texts
        origins[start:end] = [old[i] if keep and i < len(old) else None for i in range(len(texts))]
        if any(_is_item(text) for text in [*removed, *texts]):
            for index in (start - 1, start):
                if 0 <= index < len(paragraphs):
                    _renumber_items(paragraphs, index)
        self.set_paragraphs(article, paragraphs)
        article.origins = origins

    def place(self, item: _Article | _Heading, anchor: _Article, before: bool) -> None:
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

    # the instructions --------------------------------------------------------------------------

    def apply(self, ins: Instruction) -> None:
        line = ins.line
        if ins.op == AMEND:
            ref = ins.targets[0]
            article = self.article(ref, line)
            if ref.is_part():
                start, end = self.span(ref, article, line)
                self.splice(article, start, end, ins.paragraphs, keep=bool(ref.item))
            else:
                self.set_paragraphs(article, list(ins.paragraphs))
        elif ins.op == EDIT:
            self.edit(ins)
        elif ins.op == RETITLE or (ins.op == DELETE and ins.heading is not None):
            self.apply_heading(ins)
        elif ins.op == INSERT and len(ins.articles) == 1 and ins.articles[0].ref.is_part():
            self.insert_part(ins, ins.articles[0])
        elif ins.op == INSERT:
            anchor = self.article(_anchor(ins), line)
            for new in ins.articles:
                if new.heading is not None:
                    title = new.paragraphs[0] if new.paragraphs else ""
                    self.place(self.new_heading(new.heading, title, line), anchor, ins.before)
                    continue
                head = self.style.label(new.ref) + self.style.separator
                article = _Article("", new.ref, head=head, inserted_line=line or -1, stated=new.ref)
                self.set_paragraphs(article, list(new.paragraphs))
                self.place(article, anchor, ins.before)  # (after the ones before it)
        elif ins.op == DELETE:
            for ref in ins.targets:
                article = self.article(ref, line)
                if ref.is_part():
                    start, end = self.span(ref, article, line)
                    self.splice(article, start, end, ())
                    continue
                self.order.remove(article)
                self.deleted.add((ref.number, ref.sub))
        elif ins.op == MOVE:
            article = self.article(ins.targets[0], line)
            anchor = self.article(_anchor(ins), line)
            self.order.remove(article)
            self.place(article, anchor, ins.before)
        elif ins.op == NUMBER:
            article = self.article(ins.targets[0], line)
            if ins.number is None:
                raise InstructionError(tr("the new number is missing"), line)
            self.relabel(article, ins.number)
        else:
            raise InstructionError(tr("unknown instruction {op}", op=ins.op), line)

    # paragraphs (款) and items (项) ---------------------------------------------------------------
    # Named by their numbers in the text being amended, as articles are; where an inserted one
    # goes, by its stated number (within) or by its anchor.

    def span(self, ref: Ref, article: _Article, line: int) -> tuple[int, int]:
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
        group = next(g for g in _groups(paragraphs) if first in g)
        return first, group[-1] + 1

    def no_part(self, ref: Ref, line: int) -> InstructionError:
        """第五条 has no 第四项 / 第十条第一款 has no 第十八项."""
        lang = self.amendment.lang
        where = Ref(ref.number, ref.sub, ref.paragraph if ref.item else 0)
        return InstructionError(
            tr("{name} has no {part}", name=self.name(where), part=part_name(ref, lang)), line
        )

    def insert_part(self, ins: Instruction, new: NewArticle) -> None:
        """One paragraph or item inserted within the anchor at the place its stated number
        says, or after or before the anchor (stated as the number after or before it)."""
        line, anchor, ref = ins.line, _anchor(ins), new.ref
        article = self.article(anchor, line)
        paragraphs = self.paragraphs(article)
        stated = ref.item or ref.paragraph
        texts = list(new.paragraphs)
        if not inserted_within(anchor, ref):
            start, end = self.span(anchor, article, line)
            at = anchor.item or anchor.paragraph
            position, index = (at, start) if ins.before else (at + 1, end)
        else:
            if ref.item:
                start, end = self.span(replace(ref, item=0), article, line)
                places = [i for i in range(start, end) if _is_item(paragraphs[i])]
            else:
                end = len(paragraphs)
                places = [group[0] for group in _groups(paragraphs)]
            position = min(stated, len(places) + 1)
            index = places[position - 1] if position <= len(places) else end
        if position != stated:
            lang = self.amendment.lang
            actual = replace(ref, item=position) if ref.item else replace(ref, paragraph=position)
            raise InstructionError(
                tr(
                    "what is inserted as {stated} would be {actual}",
                    stated=part_name(ref, lang),
                    actual=part_name(actual, lang),
                ),
                line,
            )
        if ref.item and texts and not _is_item(texts[0]):
            texts[0] = _item_label(paragraphs, index) + texts[0]
        self.splice(article, index, index, texts)

    def edit(self, ins: Instruction) -> None:
        for ref in ins.targets:
            self.edit_one(ins, ref)

    def edit_one(self, ins: Instruction, ref: Ref) -> None:
        article = self.article(ref, ins.line)
        paragraphs = self.paragraphs(article)
        start, end = self.span(ref, article, ins.line)
        scope = paragraphs[start:end]
        where = self.name(ref)
        try:
            text = apply_edits("\n\n".join(scope), ins.edits, line=ins.line, where=where)
        except InstructionError:
            # A hard-wrapped text: the phrase may have been taken from it with its line
            # breaks as spaces (how texts are compared).
            flat = [normalise_space(p) for p in scope]
            if flat == scope:
                raise
            text = apply_edits("\n\n".join(flat), ins.edits, line=ins.line, where=where)
        self.splice(article, start, end, text.split("\n\n"), keep=True)

    def relabel(self, article: _Article, ref: Ref) -> None:
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

    def renumber(self) -> None:
        number = 0
        for item in self.order:
            if not isinstance(item, _Article):
                continue
            number += 1
            ref = Ref(number)
            if item.ref != ref:
                self.relabel(item, ref)
            if item.stated is not None and item.stated != ref:
                raise InstructionError(
                    tr(
                        "the article inserted as {stated} is {actual} after renumbering",
                        stated=self.name(item.stated),
                        actual=self.name(ref),
                    ),
                    max(item.inserted_line, 0),
                )


def _text(item: Unit | _Article | _Heading) -> str:
    return item.text


def _is_item(paragraph: str) -> bool:
    return ITEM_LABEL.match(paragraph) is not None


def _groups(paragraphs: Sequence[str]) -> list[list[int]]:
    """An article's paragraphs (款): each one that is not a 项 line, with the 项 lines that
    follow it, as indices of `paragraphs`."""
    groups: list[list[int]] = []
    for i, paragraph in enumerate(paragraphs):
        if groups and _is_item(paragraph):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _renumber_items(paragraphs: list[str], index: int) -> None:
    """The items of the paragraph (款) that holds paragraphs[index] numbered 1, 2, 3 … in
    order, each label in its own brackets: （五） → （六）."""
    group = next((g for g in _groups(paragraphs) if index in g), None)
    if group is None:
        return
    items = [i for i in group if _is_item(paragraphs[i])]
    for number, i in enumerate(items, 1):
        m = ITEM_LABEL.match(paragraphs[i])
        assert m is not None
        if parse_chinese(m["n"]) != number:
            label = m["open"] + to_chinese(number) + m["close"]
            paragraphs[i] = label + paragraphs[i][m.end() :]


def _item_label(paragraphs: list[str], index: int) -> str:
    """The label of an item inserted at `index` that has none, in the brackets of the item
    before (or after) it; its number is set when the items are renumbered."""
    near = [ITEM_LABEL.match(p) for p in paragraphs[max(index - 1, 0) : index + 1]]
    found = next((m for m in near if m), None)
    open_, close = (found["open"], found["close"]) if found else ("（", "）")
    return f"{open_}一{close}"


def _origins(paragraphs: Sequence[str]) -> list[tuple[int, int] | None]:
    """Each paragraph's numbers as (款, 项): (2, 0) the second paragraph, (1, 5) its fifth
    item."""
    origins: list[tuple[int, int] | None] = []
    for number, group in enumerate(_groups(paragraphs), 1):
        item = 0
        for i in group:
            item += _is_item(paragraphs[i])
            origins.append((number, item if _is_item(paragraphs[i]) else 0))
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


def _anchor(ins: Instruction) -> Ref:
    if ins.anchor is None:
        raise InstructionError(tr("the instruction names no article to place it by"), ins.line)
    return ins.anchor
