"""Carrying out amendment instructions on a text: the consolidated text (docs/amendments.md)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from consult.compare.consolidated_text import (
    ConsolidatedArticle,
    ConsolidatedHeading,
    ConsolidatedText,
    is_item,
    paragraph_groups,
)
from consult.compare.headings import (
    HEADING_LINE,
    chapters_restart,
    heading_numbers,
    is_unnumbered_heading,
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
    heading_name,
    inserted_within,
    normalise_space,
    part_name,
)
from consult.compare.numerals import parse_chinese, to_chinese
from consult.compare.structure import Unit
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


class _Consolidation(ConsolidatedText):
    """The instructions carried out in order on the text (run)."""

    # headings ----------------------------------------------------------------------------------

    def new_heading(self, ref: HeadingRef, title: str, line: int) -> ConsolidatedHeading:
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
        return ConsolidatedHeading(text, ref.kind, inserted_line=line or -1, stated=ref)

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
            if isinstance(item, ConsolidatedHeading)
            or (isinstance(item, Unit) and is_unnumbered_heading(item.kind, item.text))
        ]
        kinds = [item.kind if isinstance(item, ConsolidatedHeading) else "" for item in items]
        numbers = heading_numbers(kinds, restart_chapters=chapters_restart(base))
        for item, number in zip(items, numbers, strict=True):
            if not isinstance(item, ConsolidatedHeading):
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
                article = ConsolidatedArticle(
                    "", new.ref, head=head, inserted_line=line or -1, stated=new.ref
                )
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
                places = [i for i in range(start, end) if is_item(paragraphs[i])]
            else:
                end = len(paragraphs)
                places = [group[0] for group in paragraph_groups(paragraphs)]
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
        if ref.item and texts and not is_item(texts[0]):
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

    def renumber(self) -> None:
        number = 0
        for item in self.order:
            if not isinstance(item, ConsolidatedArticle):
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


def _text(item: Unit | ConsolidatedArticle | ConsolidatedHeading) -> str:
    return item.text


def _item_label(paragraphs: list[str], index: int) -> str:
    """The label of an item inserted at `index` that has none, in the brackets of the item
    before (or after) it; its number is set when the items are renumbered."""
    near = [ITEM_LABEL.match(p) for p in paragraphs[max(index - 1, 0) : index + 1]]
    found = next((m for m in near if m), None)
    open_, close = (found["open"], found["close"]) if found else ("（", "）")
    return f"{open_}一{close}"


def _anchor(ins: Instruction) -> Ref:
    if ins.anchor is None:
        raise InstructionError(tr("the instruction names no article to place it by"), ins.line)
    return ins.anchor
