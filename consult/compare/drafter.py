"""The drafter (docs/amendments.md): the instructions for the articles and headings of the new
text in the order a drafter writes them: deletions, moves, insertions with their anchors, the
change of each retained article (phrases, one paragraph, or the whole article), the
headings, and the renumbering."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from consult.compare.consolidated_text import is_item, paragraph_groups
from consult.compare.draft_headings import Headings, NewHeading, blank_row, is_article_row
from consult.compare.engine import Row
from consult.compare.headings import (
    heading_title,
    same_title,
)
from consult.compare.instructions import (
    AMEND,
    DELETE,
    EDIT,
    INSERT,
    MOVE,
    NUMBER,
    RENUMBER,
    RETITLE,
    HeadingRef,
    Instruction,
    NewArticle,
    Ref,
    article_parts,
    normalise_space,
)
from consult.compare.phrase_edits import phrase_edits

_SUFFIX = re.compile(r"\d+(?P<suffix>\S*)$")


@dataclass
class ArticleRow:
    """One article of the new text, with what it was in the old one."""

    row: Row
    old: Ref | None  # its old number (paired articles)
    new: Ref
    stable: bool  # paired and in the same order as before (not moved)
    after_heading: bool  # a heading (or other non-article text) comes right before it
    insert: bool = False  # drafted as an inserted article (new, or moved and not placeable)


def ref_of(label: str | None, number: int | None) -> Ref:
    """Ref of an article from its unit's label and number: 第十条之一 → (10, "之一"),
    Sec. 106A → (106, "A")."""
    label = label or ""
    if label.startswith("第"):
        index = label.find("条之")
        return Ref(number or 0, label[index + 1 :] if index >= 0 else "")
    match = _SUFFIX.search(label)
    return Ref(number or 0, match.group("suffix") if match else "")


# -- drafting ------------------------------------------------------------------------------------


class Drafter:
    """The instructions for the articles and headings of the new text, in the order a drafter
    writes them (draft); `items` are its articles, `renumber` whether the articles are
    renumbered, `law` the whole old text."""

    def __init__(
        self, items: list[ArticleRow], renumber: bool, *, cjk: bool, law: str = ""
    ) -> None:
        self.items = items
        self.law = law  # the whole old text: where phrases learn their word edges
        self.renumber = renumber
        self.cjk = cjk
        self.index = {id(item.row): i for i, item in enumerate(items)}
        self.placed: dict[int, tuple[Ref, bool]] = {}  # inserted articles → their anchor
        self._mark_unplaceable_moves()

    def _mark_unplaceable_moves(self) -> None:
        """A moved article that has no article to follow or precede in its new place (an
        inserted one before it and nothing retained after it) is deleted and inserted anew."""
        for i, item in enumerate(self.items):
            if item.old is not None and not item.stable and self._anchor(i, i + 1) is None:
                item.insert = True

    def _anchor(self, first: int, end: int) -> tuple[Ref, bool] | None:
        """Where the new articles items[first:end] go: after the article before them (by its
        old number), or — at the start of a chapter, or after an inserted article — before the
        next article that keeps its place. Articles to the left are placed by then."""
        return self._place(first, end, apart=self.items[first].after_heading, any_before=False)

    def _place(
        self, start: int, end: int, *, apart: bool, any_before: bool
    ) -> tuple[Ref, bool] | None:
        """After the retained (or already placed) article right before items[start] unless
        `apart` (a heading between); else before the next article that keeps its place; else
        after the retained article right before (`any_before`: the last one before)."""
        items = self.items
        if start > 0 and not apart:
            previous = items[start - 1]
            if previous.old is not None and not previous.insert:
                return previous.old, False
            if start - 1 in self.placed:  # after inserted articles: where they went
                return self.placed[start - 1]
        for item in items[end:]:
            if item.stable and not item.insert:
                return item.old, True  # type: ignore[return-value]
        before = [item for item in items[:start] if item.old is not None and not item.insert]
        if any_before:
            return (before[-1].old, False) if before else None  # type: ignore[return-value]
        if before and before[-1] is items[start - 1]:
            return items[start - 1].old, False  # type: ignore[return-value]
        return None

    def draft(self, rows: list[Row], headings: Headings) -> list[Instruction]:
        out: list[Instruction] = []
        deleted: list[Ref] = []
        run: list[int | NewHeading] = []  # units inserted together
        heading_open = False  # the run starts with an inserted heading, nothing retained since
        seen = 0  # articles of the new text passed
        apart = False  # text other than articles since the last article

        def flush() -> None:
            nonlocal heading_open
            if deleted:
                out.append(Instruction(DELETE, targets=tuple(deleted)))
                deleted.clear()
            if run:
                self._insert(out, run)
                run.clear()
            heading_open = False

        for row in rows:
            if not is_article_row(row):
                gone = headings.deleted(row)
                if gone is not None:
                    flush()
                    out.append(Instruction(DELETE, heading=gone.ref))
                kept, inserted = headings.retained(row), headings.inserted(row)
                if kept is not None:
                    assert row.new is not None
                    title = heading_title(row.new.text)
                    if not same_title(kept[1], title):
                        flush()
                        out.append(Instruction(RETITLE, heading=kept[0].ref, paragraphs=(title,)))
                    heading_open, apart = False, True
                elif inserted is not None:
                    if not heading_open:
                        flush()
                    run.append(NewHeading(row, inserted, seen, apart))
                    heading_open, apart = True, True
                elif row.new is not None and not blank_row(row):
                    heading_open, apart = False, True
                continue
            if row.new is None:  # deleted
                if run and not heading_open:
                    flush()
                assert row.old is not None
                deleted.append(ref_of(row.old.label, row.old.number))
                continue
            i = self.index[id(row)]
            seen, apart = i + 1, False
            item = self.items[i]
            if heading_open and not item.stable:
                item.insert = True  # a moved article in an inserted chapter: inserted with it
            if item.insert:
                starts = run and item.after_heading and not heading_open and self._anchor(i, i + 1)
                if (deleted and not heading_open) or starts:
                    flush()
                if item.old is not None:  # a moved article that is inserted anew
                    out.append(Instruction(DELETE, targets=(item.old,)))
                run.append(i)
                continue
            flush()
            assert item.old is not None
            if not item.stable:
                anchor = self._anchor(i, i + 1)
                assert anchor is not None
                out.append(
                    Instruction(MOVE, targets=(item.old,), anchor=anchor[0], before=anchor[1])
                )
            out += self.text_instructions(item)
            if not self.renumber and item.old != item.new:
                out.append(Instruction(NUMBER, targets=(item.old,), number=item.new))
        flush()
        if self.renumber:
            out.append(Instruction(RENUMBER))
        return out

    def _heading_anchor(self, first: NewHeading) -> tuple[Ref, bool] | None:
        """Where an inserted heading goes: after the article right before it, or — after a
        retained heading — before the next article that keeps its place; else after the last
        retained article before it."""
        k = first.next_item
        return self._place(k, k, apart=first.apart, any_before=True)

    def _insert(self, out: list[Instruction], run: Sequence[int | NewHeading]) -> None:
        if isinstance(run[0], NewHeading):
            anchor = self._heading_anchor(run[0])
        else:
            numbers = [i for i in run if isinstance(i, int)]
            anchor = self._anchor(numbers[0], numbers[-1] + 1)
        articles = []
        for entry in run:
            if isinstance(entry, int) and anchor is not None:
                self.placed[entry] = anchor
            if isinstance(entry, NewHeading):
                assert entry.row.new is not None
                title = heading_title(entry.row.new.text)
                ref = HeadingRef(entry.heading.kind, entry.heading.number)
                articles.append(NewArticle(Ref(0), (title,), ref))
                continue
            new = self.items[entry].row.new
            assert new is not None
            articles.append(NewArticle(self.items[entry].new, tuple(article_parts(new.text)[1])))
        out.append(
            Instruction(
                INSERT,
                articles=tuple(articles),
                anchor=anchor[0] if anchor else None,
                before=anchor[1] if anchor else False,
            )
        )

    def text_instructions(self, item: ArticleRow) -> list[Instruction]:
        """How a retained article's text changes: nothing, phrase edits, one paragraph, a few
        items, or the whole article."""
        assert item.row.old is not None and item.row.new is not None and item.old is not None
        label, before = article_parts(item.row.old.text)
        after = article_parts(item.row.new.text)[1]
        if [normalise_space(p) for p in before] == [normalise_space(p) for p in after]:
            return []
        return change_instructions(item.old, label, before, after, cjk=self.cjk, law=self.law)


def change_instructions(
    ref: Ref, label: str, before: list[str], after: list[str], *, cjk: bool, law: str = ""
) -> list[Instruction]:
    """The instructions for an article whose paragraphs change from `before` to `after`."""
    if len(before) == len(after):
        edits = phrase_edits(label, before, after, cjk=cjk, law=law)
        if edits is not None:
            return [Instruction(EDIT, targets=(ref,), edits=tuple(edits))]
        changed = [
            i
            for i, (a, b) in enumerate(zip(before, after, strict=True))
            if normalise_space(a) != normalise_space(b)
        ]
        items = any(is_item(p) for p in before + after)
        if len(changed) == 1 and len(before) > 1 and not items:
            paragraph = changed[0]
            return [
                Instruction(
                    AMEND,
                    targets=(Ref(ref.number, ref.sub, paragraph + 1),),
                    paragraphs=(after[paragraph],),
                )
            ]
        by_item = item_instructions(ref, before, after, changed)
        if by_item:
            return by_item
    return [whole_article(ref, after)]


MAX_ITEMS = 3  # items (项) amended one by one, at most; more: the whole article


def item_instructions(
    ref: Ref, before: list[str], after: list[str], changed: list[int]
) -> list[Instruction]:
    """将第十条第一款第五项修改为：“（五）……” for each changed item, when only items (项)
    changed, at most MAX_ITEMS of them, and the article keeps its paragraphs and items as
    they were; else none."""
    if not changed or len(changed) > MAX_ITEMS:
        return []
    if [is_item(p) for p in before] != [is_item(p) for p in after]:
        return []
    if not all(is_item(before[i]) for i in changed):
        return []
    groups = paragraph_groups(before)
    out = []
    for i in changed:
        [(number, group)] = [(n, g) for n, g in enumerate(groups, 1) if i in g]
        item = [j for j in group if is_item(before[j])].index(i) + 1
        # In an article of one paragraph an item is named alone: 第五条第二项.
        paragraph = number if len(groups) > 1 else 0
        target = Ref(ref.number, ref.sub, paragraph, item)
        out.append(Instruction(AMEND, targets=(target,), paragraphs=(after[i],)))
    return out


def whole_article(ref: Ref, after: list[str]) -> Instruction:
    return Instruction(AMEND, targets=(ref,), paragraphs=tuple(after))
