"""Drafting amendment instructions from two versions of a text (docs/amendments.md).

`draft_amendment(old, new)` pairs the articles of both texts (compare_texts, by article) and
writes what a drafter writes: deletions, moves, insertions with their anchors, the changes of
each retained article (phrases, one paragraph, or the whole article), the headings retitled,
inserted (with the articles that follow them) or deleted, and the renumbering. The title, the
preamble and a table of contents are left as they are; what changed there is listed in
Amendment.outside. The drafter checks its own work: phrase edits are tried on the article as
they will be applied, and the whole amendment is applied to the old text; any article whose
result differs is amended as a whole instead, and a heading that does not come out as in the
new text is listed in Amendment.outside.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from consult.compare.consolidate import apply_amendment, apply_edits
from consult.compare.engine import Row, compare_texts
from consult.compare.headings import (
    BodyHeading,
    ambiguous,
    body_headings,
    chapters_restart,
    heading_title,
    numbered_in_order,
    same_title,
)
from consult.compare.inline import inline_spans
from consult.compare.instructions import (
    ADD_AFTER,
    AMEND,
    DELETE,
    EDIT,
    HEADING_KINDS,
    INSERT,
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
    article_parts,
    heading_name,
    normalise_space,
)
from consult.compare.numerals import NUMERAL_CHARS
from consult.compare.structure import Unit, units
from consult.compare.text import HAN, Options, prepare
from consult.errors import InstructionError

MAX_PLACES = 4  # phrase edits in one article, at most
MAX_SHARE = 1 / 3  # of an article's characters changed by phrase edits, at most
_MAX_PHRASE = 80  # characters a phrase may grow to while being made unique

_HAN = re.compile(rf"[{HAN}]")
_QUOTES = frozenset('“”"')
_ITEM = re.compile(r"^[（(][一二三四五六七八九十百]+[）)]")  # a 项 line: （一）…
_EN_LABEL = re.compile(r"(Sec\.|SEC\.|Section|SECTION|§)")
_SUFFIX = re.compile(r"\d+(?P<suffix>\S*)$")
# Where a Chinese phrase stops growing into its neighbours: punctuation, and the little words
# that join words (的、和、或者 …): "其他组织" rather than "者其他组织".
_STOP_CHARS = frozenset("的和与及或在对由向为是被将把从以于其等并之，。；：、")
_STOP_WORDS = frozenset(
    ("或者", "以及", "应当", "可以", "并且", "但是", "依照", "按照", "根据", "有关", "不得")
)
_NUMERAL = frozenset(NUMERAL_CHARS) - {"万"}
_UNIT_CHARS = frozenset("条款项目章节编")  # what a numeral counts: a word ends after it
_OPENING = frozenset("第")  # a word starts with it
_CLAUSE_END = frozenset("，。；：、,;:")
_OPTIONS = Options()


@dataclass
class _Item:
    """One article of the new text, with what it was in the old one."""

    row: Row
    old: Ref | None  # its old number (paired articles)
    new: Ref
    stable: bool  # paired and in the same order as before (not moved)
    after_heading: bool  # a heading (or other non-article text) comes right before it
    insert: bool = False  # drafted as an inserted article (new, or moved and not placeable)


def draft_amendment(old: str, new: str, *, lang: str = "zh") -> Amendment:
    """The instructions that turn `old` into `new`, article by article, in the order a
    drafter writes them. `lang` ("zh" | "en") is the language they are written in."""
    comparison = compare_texts(old, new, by="article")
    rows = comparison.rows
    word = _english_word(rows)
    items = _items(rows)
    renumber = _renumbers(items)
    headings = _Headings(rows, renumber)
    drafter = _Drafter(items, renumber, cjk=lang == "zh" or _is_cjk(rows), law=old)
    drafted = drafter.draft(rows, headings)
    amendment = Amendment(drafted, lang="zh" if lang == "zh" else "en", english_word=word)
    amendment.outside = headings.outside
    checked = _checked(amendment, old, new, items)
    checked.instructions = grouped(checked.instructions)
    return checked


def grouped(instructions: list[Instruction]) -> list[Instruction]:
    """The same phrase edits of several articles as one instruction, where the first of them
    stood (将第二条、第九条中的“其他组织”修改为“非法人组织”), as decisions write them. Each
    article is edited on its own when applied, so the result is the same."""
    out: list[Instruction] = []
    first: dict[tuple, int] = {}  # the edits → where their instruction is in `out`
    for instruction in instructions:
        whole = all(not (t.paragraph or t.item) for t in instruction.targets)
        if instruction.op != EDIT or not whole:
            out.append(instruction)
            continue
        at = first.get(instruction.edits)
        if at is None:
            first[instruction.edits] = len(out)
            out.append(instruction)
        else:
            out[at] = replace(out[at], targets=out[at].targets + instruction.targets)
    return out


# -- the headings and the text outside -----------------------------------------------------------

_OUTSIDE_LABEL = 30  # characters of a changed unit outside the instructions, in its label


class _Headings:
    """The headings (编 / 分编 / 章 / 节) of both texts' bodies, by their units, and what changed
    outside the articles and those headings. Headings are drafted only when the consolidated
    text will number them as the new text does: numbered in order where the articles are
    renumbered, else each keeping its number; otherwise they are listed as outside."""

    def __init__(self, rows: list[Row], renumber: bool) -> None:
        old_units = [row.old for row in rows if row.old is not None]
        new_units = [row.new for row in rows if row.new is not None]
        old_found = body_headings([(u.kind, u.text) for u in old_units])
        new_found = body_headings([(u.kind, u.text) for u in new_units])
        self.old = {id(old_units[h.index]): h for h in old_found}
        self.new = {id(new_units[h.index]): h for h in new_found}
        self.titles = {
            id(old_units[h.index]): heading_title(old_units[h.index].text) for h in old_found
        }
        # The new heading → the old one it is (its unit's id): paired here, not by the comparison,
        # which pairs short headings by their numbers.
        self.partner: dict[int, int] = {}
        old_keys = [(h.kind, _compact(self.titles[id(old_units[h.index])])) for h in old_found]
        new_keys = [(h.kind, _compact(heading_title(new_units[h.index].text))) for h in new_found]
        # The old article each heading leads (the next article, by its old unit), both sides.
        old_next = _next_articles(old_units, lambda u: u)
        by_new = {id(row.new): row.old for row in rows if row.new is not None}
        new_next = _next_articles(new_units, lambda u: by_new.get(id(u)))
        matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                pairs = list(zip(range(i1, i2), range(j1, j2), strict=True))
            elif op == "replace":  # retitled: heading the same article, else in order
                pairs = []
                for kind in HEADING_KINDS:
                    olds = [i for i in range(i1, i2) if old_found[i].kind == kind]
                    news = [j for j in range(j1, j2) if new_found[j].kind == kind]
                    for i in list(olds):
                        lead = old_next[old_found[i].index]
                        j = next((j for j in news if new_next[new_found[j].index] == lead), None)
                        if lead is not None and j is not None:
                            pairs.append((i, j))
                            olds.remove(i)
                            news.remove(j)
                    pairs += list(zip(olds, news, strict=False))
            else:
                continue
            for i, j in pairs:
                self.partner[id(new_units[new_found[j].index])] = id(old_units[old_found[i].index])
        self.paired = set(self.partner.values())
        # "all": every heading is drafted; "retitle": only the titles of headings that keep
        # their numbers (the new text's numbering cannot come out of the consolidation); "":
        # none (their names would be ambiguous).
        restart = chapters_restart(old_found)
        old_seq = [(u.kind, u.text) for u in old_units]
        new_seq = [(u.kind, u.text) for u in new_units]
        keep = all(self.old[o].number == self.new[n].number for n, o in self.partner.items())
        if ambiguous(old_found):
            self.mode = ""
        elif renumber and numbered_in_order(old_seq, old_found, restart_chapters=restart):
            in_order = numbered_in_order(new_seq, new_found, restart_chapters=restart)
            self.mode = "all" if in_order else "retitle"
        else:
            self.mode = "all" if keep else "retitle"
        covered: set[int] = set()
        if self.mode == "all":
            covered = set(self.old) | set(self.new)
        elif self.mode == "retitle":
            for n, o in self.partner.items():
                if self.old[o].number == self.new[n].number:
                    covered |= {n, o}
        self.covered = covered
        self.outside: list[str] = []
        for row in rows:
            if _is_article(row) or not row.changed or _blank(row) or _same_heading(row):
                continue
            if id(row.old) in covered or id(row.new) in covered:
                continue
            self.outside.append(outside_label(row.new or row.old))

    def deleted(self, row: Row) -> BodyHeading | None:
        """The row's old heading when it is deleted (it is none of the new text's)."""
        key = id(row.old)
        if self.mode != "all" or key not in self.old or key in self.paired:
            return None
        return self.old[key]

    def retained(self, row: Row) -> tuple[BodyHeading, str] | None:
        """The old heading the row's new heading is, and its old title."""
        key = self.partner.get(id(row.new))
        if key is None or key not in self.covered:
            return None
        return self.old[key], self.titles[key]

    def inserted(self, row: Row) -> BodyHeading | None:
        """The row's new heading when it is inserted (it is none of the old text's)."""
        key = id(row.new)
        if self.mode != "all" or key not in self.new or key in self.partner:
            return None
        return self.new[key]


def _next_articles(found: list[Unit], old_of: Callable[[Unit], Unit | None]) -> list[int | None]:
    """For each unit, the old article (its unit's id) that is the next article after it;
    None where that article is new."""
    out: list[int | None] = [None] * len(found)
    following: int | None = None
    for index in range(len(found) - 1, -1, -1):
        out[index] = following
        if found[index].kind == "article":
            old = old_of(found[index])
            following = id(old) if old is not None else None
    return out


def _compact(title: str) -> str:
    return "".join(title.split())


def outside_label(unit: Unit | None) -> str:
    """A unit's label in Amendment.outside: its first characters, on one line."""
    text = normalise_space(unit.text.replace("\u200b", "")) if unit is not None else ""
    text = text.lstrip("#* ")
    return text if len(text) <= _OUTSIDE_LABEL else text[: _OUTSIDE_LABEL - 1] + "…"


def _same_heading(row: Row) -> bool:
    """Two headings with the same label and title, their Markdown marks and spaces aside."""
    old, new = row.old, row.new
    if old is None or new is None or old.kind != "heading" or new.kind != "heading":
        return False
    return same_title(old.label or "", new.label or "")


def _blank(row: Row) -> bool:
    return all(
        not unit.text.replace("\u200b", "").replace("\ufeff", "").strip()
        for unit in (row.old, row.new)
        if unit is not None
    )


@dataclass
class _NewHeading:
    """An inserted heading in a run of inserted units: its row, the index of the first article
    after it (items), and whether other text (a retained heading) stands between it and the
    article before it."""

    row: Row
    heading: BodyHeading
    next_item: int
    apart: bool


# -- the articles --------------------------------------------------------------------------------


def ref_of(label: str | None, number: int | None) -> Ref:
    """Ref of an article from its unit's label and number: 第十条之一 → (10, "之一"),
    Sec. 106A → (106, "A")."""
    label = label or ""
    if label.startswith("第"):
        index = label.find("条之")
        return Ref(number or 0, label[index + 1 :] if index >= 0 else "")
    match = _SUFFIX.search(label)
    return Ref(number or 0, match.group("suffix") if match else "")


def _is_article(row: Row) -> bool:
    unit = row.new or row.old
    return unit is not None and unit.kind == "article"


def _items(rows: list[Row]) -> list[_Item]:
    items: list[_Item] = []
    after_heading = True  # the first article of a text: nothing before it to follow
    for row in rows:
        if row.new is None:
            continue
        if row.new.kind != "article":
            after_heading = True
            continue
        old = ref_of(row.old.label, row.old.number) if row.old is not None else None
        new = ref_of(row.new.label, row.new.number)
        stable = row.kind in ("unchanged", "modified")
        items.append(_Item(row, old, new, stable, after_heading, insert=row.old is None))
        after_heading = False
    return items


def _renumbers(items: list[_Item]) -> bool:
    """The new text numbers its articles 1, 2, 3 … and some retained article's number changed."""
    numbered = [item.new for item in items] == [Ref(n) for n in range(1, len(items) + 1)]
    return numbered and any(item.old is not None and item.old != item.new for item in items)


def _english_word(rows: list[Row]) -> str:
    for row in rows:
        unit = row.old or row.new
        if unit is not None and unit.kind == "article" and unit.label:
            return "Section" if _EN_LABEL.match(unit.label) else "Article"
    return "Article"


def _is_cjk(rows: list[Row]) -> bool:
    for row in rows:
        unit = row.old or row.new
        if unit is not None and unit.kind == "article":
            return bool(unit.label and unit.label.startswith("第"))
    return False


def _body(row_text: str) -> tuple[str, list[str]]:
    return article_parts(row_text)


# -- drafting ------------------------------------------------------------------------------------


class _Drafter:
    def __init__(self, items: list[_Item], renumber: bool, *, cjk: bool, law: str = "") -> None:
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
        items = self.items
        if first > 0 and not items[first].after_heading:
            previous = items[first - 1]
            if previous.old is not None and not previous.insert:
                return previous.old, False
            if first - 1 in self.placed:  # after inserted articles: where they went
                return self.placed[first - 1]
        for item in items[end:]:
            if item.stable:
                return item.old, True  # type: ignore[return-value]
        if first > 0:
            previous = items[first - 1]
            if previous.old is not None and not previous.insert:
                return previous.old, False
        return None

    def draft(self, rows: list[Row], headings: _Headings) -> list[Instruction]:
        out: list[Instruction] = []
        deleted: list[Ref] = []
        run: list[int | _NewHeading] = []  # units inserted together
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
            if not _is_article(row):
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
                    run.append(_NewHeading(row, inserted, seen, apart))
                    heading_open, apart = True, True
                elif row.new is not None and not _blank(row):
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
            change = self.text_instruction(item)
            if change is not None:
                out.append(change)
            if not self.renumber and item.old != item.new:
                out.append(Instruction(NUMBER, targets=(item.old,), number=item.new))
        flush()
        if self.renumber:
            out.append(Instruction(RENUMBER))
        return out

    def _heading_anchor(self, first: _NewHeading) -> tuple[Ref, bool] | None:
        """Where an inserted heading goes: after the article right before it, or — after a
        retained heading — before the next article that keeps its place; else after the last
        retained article before it."""
        items, k = self.items, first.next_item
        before = [item for item in items[:k] if item.old is not None and not item.insert]
        if k > 0 and not first.apart:
            previous = items[k - 1]
            if previous.old is not None and not previous.insert:
                return previous.old, False
            if k - 1 in self.placed:  # after inserted articles: where they went
                return self.placed[k - 1]
        for item in items[k:]:
            if item.stable and not item.insert:
                return item.old, True  # type: ignore[return-value]
        return (before[-1].old, False) if before else None  # type: ignore[return-value]

    def _insert(self, out: list[Instruction], run: Sequence[int | _NewHeading]) -> None:
        if isinstance(run[0], _NewHeading):
            anchor = self._heading_anchor(run[0])
        else:
            numbers = [i for i in run if isinstance(i, int)]
            anchor = self._anchor(numbers[0], numbers[-1] + 1)
        articles = []
        for entry in run:
            if isinstance(entry, int) and anchor is not None:
                self.placed[entry] = anchor
            if isinstance(entry, _NewHeading):
                assert entry.row.new is not None
                title = heading_title(entry.row.new.text)
                ref = HeadingRef(entry.heading.kind, entry.heading.number)
                articles.append(NewArticle(Ref(0), (title,), ref))
                continue
            new = self.items[entry].row.new
            assert new is not None
            articles.append(NewArticle(self.items[entry].new, tuple(_body(new.text)[1])))
        out.append(
            Instruction(
                INSERT,
                articles=tuple(articles),
                anchor=anchor[0] if anchor else None,
                before=anchor[1] if anchor else False,
            )
        )

    def text_instruction(self, item: _Item) -> Instruction | None:
        """How a retained article's text changes: None, phrase edits, one paragraph, or the
        whole article."""
        assert item.row.old is not None and item.row.new is not None and item.old is not None
        label, before = _body(item.row.old.text)
        after = _body(item.row.new.text)[1]
        if [normalise_space(p) for p in before] == [normalise_space(p) for p in after]:
            return None
        return change_instruction(item.old, label, before, after, cjk=self.cjk, law=self.law)


def change_instruction(
    ref: Ref, label: str, before: list[str], after: list[str], *, cjk: bool, law: str = ""
) -> Instruction:
    """The instruction for an article whose paragraphs change from `before` to `after`."""
    if len(before) == len(after):
        edits = phrase_edits(label, before, after, cjk=cjk, law=law)
        if edits is not None:
            return Instruction(EDIT, targets=(ref,), edits=tuple(edits))
        changed = [
            i
            for i, (a, b) in enumerate(zip(before, after, strict=True))
            if normalise_space(a) != normalise_space(b)
        ]
        items = any(_ITEM.match(p) for p in before + after)
        if len(changed) == 1 and len(before) > 1 and not items:
            paragraph = changed[0]
            return Instruction(
                AMEND,
                targets=(Ref(ref.number, ref.sub, paragraph + 1),),
                paragraphs=(after[paragraph],),
            )
    return whole_article(ref, after)


def whole_article(ref: Ref, after: list[str]) -> Instruction:
    return Instruction(AMEND, targets=(ref,), paragraphs=tuple(after))


# -- phrase edits --------------------------------------------------------------------------------


@dataclass
class _Place:
    """One changed place of a paragraph: old[start:end] becomes `text`."""

    paragraph: int
    start: int
    end: int
    text: str


def phrase_edits(
    label: str, before: list[str], after: list[str], *, cjk: bool, law: str = ""
) -> list[Edit] | None:
    """Phrase edits that turn the paragraphs `before` into `after` (as many), or None when
    the change is too large for phrases or a phrase cannot be made unique and quote-free.
    `law` (the whole old text, else the article) tells where Chinese words end."""
    places: list[_Place] = []
    for i, (a, b) in enumerate(zip(before, after, strict=True)):
        if a == b or normalise_space(a) == normalise_space(b):
            continue
        places += _places(i, a, b, cjk=cjk)
        if len(places) > 2 * MAX_PLACES:
            return None
    if not places:
        return None
    size = sum(len("".join(p.split())) for p in before)
    changed = sum(max(p.end - p.start, len(p.text)) for p in places)
    if changed > size * MAX_SHARE:
        return None
    places = _merged(places, before)
    if cjk:
        worded = [
            _worded(p, before[p.paragraph])
            if p.start < p.end or _inside_word(before[p.paragraph], p.start)
            else p
            for p in places
        ]
        places = _glued_all(worded, places, before, law or "\n\n".join(before))
        places = _merged(places, before)
    if len(places) > MAX_PLACES:
        return None
    current = list(before)
    shift = [0] * len(before)
    edits: list[Edit] = []
    for place in places:
        i = place.paragraph
        start, end = place.start + shift[i], place.end + shift[i]
        edit = _edit(label, current, i, start, end, place.text, cjk=cjk)
        if edit is None:
            return None
        edits.append(edit)
        try:
            current = apply_edits("\n\n".join(current), [edit]).split("\n\n")
        except InstructionError:
            return None
        if len(current) != len(before):
            return None
        shift[i] += len(place.text) - (place.end - place.start)
    if [normalise_space(p) for p in current] != [normalise_space(p) for p in after]:
        return None
    return edits


def _places(paragraph: int, a: str, b: str, *, cjk: bool) -> list[_Place]:
    """The changed places of one paragraph, in old coordinates."""
    out: list[_Place] = []
    position = 0
    pending: _Place | None = None
    for span in inline_spans(a, b, _OPTIONS):
        if span.op == "equal":
            if pending is not None:
                out.append(pending)
                pending = None
            position += len(span.old)
            continue
        if pending is None:
            pending = _Place(paragraph, position, position, "")
        position += len(span.old)
        pending.end = position
        pending.text += span.new
    if pending is not None:
        out.append(pending)
    return out


def _worded(place: _Place, text: str) -> _Place:
    """A Chinese change grown to whole words: a numeral with its 第 and 条 / 款 / 项, and up to
    two characters on each side while they are Han characters that are not joining words
    (国务院著作权行政管理部门, not 务院; 其他组织, not 者其他组织)."""
    start, end = place.start, place.end
    while start > 0 and text[start - 1] in _NUMERAL:
        start -= 1
    while end < len(text) and text[end] in _NUMERAL:
        end += 1
    if start < place.start or (start < len(text) and text[start] in _NUMERAL):
        start -= start > 0 and text[start - 1] == "第"
    if end > place.end or (end > 0 and text[end - 1] in _NUMERAL):
        end += end < len(text) and text[end] in _UNIT_CHARS
    for _ in range(2):
        if start == 0 or not _HAN.match(text[start - 1]) or text[start - 1] in _STOP_CHARS:
            break
        if text[start - 2 : start] in _STOP_WORDS or text[start] in _OPENING:
            break
        start -= 1
        if text[start] in _OPENING:
            break
    for _ in range(2):
        if end >= len(text) or not _HAN.match(text[end]) or text[end] in _STOP_CHARS:
            break
        if text[end : end + 2] in _STOP_WORDS or text[end - 1] in _UNIT_CHARS:
            break
        end += 1
    if (start, end) == (place.start, place.end):
        return place
    return _Place(
        place.paragraph, start, end, text[start : place.start] + place.text + text[place.end : end]
    )


_MAX_GLUE = 6  # characters a phrase grows by on each side to reach a word's edge
_GLUE_EVIDENCE = 3  # occurrences in the law, at least, before its neighbours say anything


def _glued_all(
    worded: list[_Place], changes: list[_Place], before: list[str], law: str
) -> list[_Place]:
    """Each place glued (see _glued), never into the place before or after it."""
    out: list[_Place] = []
    for k, (place, change) in enumerate(zip(worded, changes, strict=True)):
        text = before[place.paragraph]
        floor = out[-1].end if out and out[-1].paragraph == place.paragraph else 0
        following = worded[k + 1] if k + 1 < len(worded) else None
        same = following is not None and following.paragraph == place.paragraph
        ceiling = following.start if same and following is not None else len(text)
        out.append(_glued(place, change, text, law, floor, ceiling))
    return out


def _glued(place: _Place, change: _Place, text: str, law: str, floor: int, ceiling: int) -> _Place:
    """A Chinese phrase grown to the edges of the words it cuts, learnt from the law itself:
    while every occurrence in the law of the phrase's last (first) few characters is followed
    (preceded) by the same Han character, that character belongs to it (法律委 → 法律委员会,
    权人 → 著作权人). Only a side that has kept words around the `change` grows: a phrase that
    starts with the change is a word already (“其他组织”修改为“非法人组织”, not
    “法人或者其他组织”)."""
    start, end = place.start, place.end
    if start == end:
        return place
    for _ in range(_MAX_GLUE if end > change.end else 0):
        if end >= ceiling or not _HAN.match(text[end]):
            break
        edge = _edge(law, [text[max(start, end - k) : end] for k in _EDGES])
        if edge is None or law.count(edge) != law.count(edge + text[end]):
            break
        end += 1
    for _ in range(_MAX_GLUE if start < change.start else 0):
        if start <= floor or not _HAN.match(text[start - 1]):
            break
        edge = _edge(law, [text[start : min(end, start + k)] for k in _EDGES])
        if edge is None or law.count(edge) != law.count(text[start - 1] + edge):
            break
        start -= 1
    if (start, end) == (place.start, place.end):
        return place
    return _Place(
        place.paragraph, start, end, text[start : place.start] + place.text + text[place.end : end]
    )


_EDGES = (3, 2)  # characters at a phrase's edge that say what may follow it, longest first


def _edge(law: str, edges: list[str]) -> str | None:
    """The longest edge found often enough in the law to say anything."""
    for edge in edges:
        if len(edge) >= 2 and law.count(edge) >= _GLUE_EVIDENCE:
            return edge
    return None


def _inside_word(text: str, position: int) -> bool:
    """Between two Han characters neither of which joins words: 中|国."""
    pair = text[position - 1 : position + 1] if position > 0 else ""
    return len(pair) == 2 and all(_HAN.match(ch) and ch not in _STOP_CHARS for ch in pair)


def _merged(places: list[_Place], before: list[str]) -> list[_Place]:
    """Places that touch, or are a few characters apart, as one."""
    out: list[_Place] = []
    for place in places:
        last = out[-1] if out else None
        if last is not None and last.paragraph == place.paragraph:
            gap = before[place.paragraph][last.end : place.start]
            if len(gap) <= 3 and "\n" not in gap:
                out[-1] = _Place(
                    last.paragraph, last.start, place.end, last.text + gap + place.text
                )
                continue
        out.append(place)
    return out


def _edit(
    label: str, current: list[str], i: int, start: int, end: int, text: str, *, cjk: bool
) -> Edit | None:
    """The edit of current[i][start:end] → text, with a phrase found once in the article
    (grown by neighbouring characters or words until it is), or None."""
    para = current[i]
    line_start = para.rfind("\n", 0, start) + 1
    line_end = para.find("\n", end)
    line_end = len(para) if line_end < 0 else line_end
    if "\n" in para[start:end] or "\n" in text:
        return None
    left, right = _word_start(para, start, line_start), _word_end(para, end, line_end)
    whole = label + "\n\n" + "\n\n".join(current)
    minimum = 2 if cjk else 1
    insertion = start == end
    while True:
        find = para[left:right]
        new = para[left:start] + text + para[end:right]
        edit = _candidate(find, new, start - left, end - left, text, minimum)
        if edit is not None and _found_once(whole, edit.find):
            return edit
        if right - left > _MAX_PHRASE or (left == line_start and right == line_end):
            return None
        # grow: an insertion to the left (the words it follows), a change first to the right
        grow_left = left > line_start and (
            insertion or right == line_end or start - left <= right - end
        )
        if grow_left:
            left = _previous_start(para, left, line_start, cjk, start - left + 4 * (not insertion))
        else:
            right = _next_end(para, right, line_end, cjk, right - end + 4 * (not insertion))


def _candidate(find: str, new: str, start: int, end: int, text: str, minimum: int) -> Edit | None:
    """The plainest edit for find → new (the change at find[start:end] → text)."""
    if not find or _QUOTES & set(find + new) or find != find.strip() or new != new.strip():
        return None
    if start == end and start > 0 and end == len(find) and len(find) >= minimum:
        return Edit(ADD_AFTER, find, text) if text == text.strip() else None
    if not text and start == 0 and end == len(find) and len(find) >= minimum:
        return Edit(REMOVE, find)
    if start == end and not text:
        return None
    if len(find) < minimum:
        return None
    return Edit(REPLACE, find, new)


def _found_once(text: str, phrase: str) -> bool:
    first = text.find(phrase)
    return first >= 0 and text.find(phrase, first + 1) < 0


def _is_word(ch: str) -> bool:
    return ch.isalnum() and not _HAN.match(ch)


def _word_start(text: str, position: int, floor: int) -> int:
    while (
        position > floor
        and position < len(text)
        and _is_word(text[position - 1])
        and _is_word(text[position])
    ):
        position -= 1
    return position


def _word_end(text: str, position: int, ceiling: int) -> int:
    while 0 < position < ceiling and _is_word(text[position - 1]) and _is_word(text[position]):
        position += 1
    return position


def _next_end(text: str, right: int, ceiling: int, cjk: bool, grown: int) -> int:
    """Further to the right: a whole word or number (and the spaces before it); in Chinese
    a character, and after four of them the rest of the clause."""
    while right < ceiling and text[right].isspace():
        right += 1
    if right < ceiling:
        right += 1
        right = _word_end(text, right, ceiling)
        if cjk and grown >= 4:
            while right < ceiling and text[right - 1] not in _CLAUSE_END:
                right += 1
    return right


def _previous_start(text: str, left: int, floor: int, cjk: bool, grown: int) -> int:
    """Further to the left, as _next_end."""
    while left > floor and text[left - 1].isspace():
        left -= 1
    if left > floor:
        left -= 1
        left = _word_start(text, left, floor)
        if cjk and grown >= 4:
            while left > floor and text[left - 1] not in _CLAUSE_END:
                left -= 1
    return left


# -- the self-check ------------------------------------------------------------------------------


def _checked(amendment: Amendment, old: str, new: str, items: list[_Item]) -> Amendment:
    """The amendment applied to `old` (consolidate.apply_amendment): an instruction that
    cannot be carried out, or a retained article whose text then differs from `new`, is
    replaced by the whole article "修改为"; a heading's instruction that cannot be carried
    out is left out, and a heading that then differs from `new`'s is listed as outside."""
    wanted = [_flat(item.row.new.text) for item in items if item.row.new is not None]
    by_old = {item.old: item for item in items if item.old is not None and not item.insert}
    outside = list(amendment.outside)
    for _ in range(6):
        numbered = [replace(ins, line=i + 1) for i, ins in enumerate(amendment.instructions)]
        trial = Amendment(numbered, amendment.lang, amendment.english_word)
        try:
            result = apply_amendment(old, trial)
        except InstructionError as error:
            failed = amendment.instructions[error.line - 1] if error.line else None
            if failed is not None and _of_heading(failed):
                amendment = _without_heading(amendment, error.line - 1, outside)
                continue
            if failed is None or failed.op not in (EDIT, AMEND) or not failed.targets:
                break
            wrong = {failed.targets[0].article()}
        else:
            found = units(prepare(result), by_article=True)
            got = [_flat(unit.text) for unit in found if unit.kind == "article"]
            if len(got) != len(wanted):
                break
            wrong = {
                item.old
                for item, a, b in zip(items, got, wanted, strict=True)
                if a != b and item.old is not None and not item.insert
            }
            if not wrong:
                outside += _heading_differences(found, new)
                break
        amendment = _whole(amendment, wrong, by_old)
    amendment.outside = list(dict.fromkeys(outside))
    return amendment


def _of_heading(ins: Instruction) -> bool:
    return ins.heading is not None or any(a.heading is not None for a in ins.articles)


def _without_heading(amendment: Amendment, index: int, outside: list[str]) -> Amendment:
    """The amendment without the heading instruction at `index` (an inserted heading's
    articles are still inserted); the heading is listed as outside."""
    ins = amendment.instructions[index]
    instructions = list(amendment.instructions)
    lang = amendment.lang
    if ins.heading is not None:
        outside.append(heading_name(ins.heading, lang))
        del instructions[index]
    else:
        outside += [heading_name(a.heading, lang) for a in ins.articles if a.heading is not None]
        kept = tuple(a for a in ins.articles if a.heading is None)
        if kept:
            instructions[index] = replace(ins, articles=kept)
        else:
            del instructions[index]
    return Amendment(instructions, lang, amendment.english_word)


def _heading_differences(got: list[Unit], new: str) -> list[str]:
    """The new text's headings that the consolidated text does not have at their place."""
    mine = _heading_list(got)
    theirs = _heading_list(units(prepare(new), by_article=True))
    matcher = SequenceMatcher(None, mine, theirs, autojunk=False)
    return [
        f"{name} {title}"
        for op, _, _, j1, j2 in matcher.get_opcodes()
        if op != "equal"
        for name, title in theirs[j1:j2]
    ]


def _heading_list(found: list[Unit]) -> list[tuple[str, str]]:
    """(第二章, its title without spaces) of a text's body headings, in order."""
    return [
        (
            heading_name(HeadingRef(h.kind, h.number), "zh"),
            "".join(heading_title(found[h.index].text).split()),
        )
        for h in body_headings([(u.kind, u.text) for u in found])
    ]


def _flat(text: str) -> str:
    return normalise_space("\n".join(article_parts(text)[1]))


def _whole(amendment: Amendment, wrong: set[Ref], by_old: dict[Ref, _Item]) -> Amendment:
    """The amendment with the articles `wrong` amended as a whole (in place of their other
    text instructions; at the end, before the renumbering, for one that had none)."""
    out: list[Instruction] = []
    done: set[Ref] = set()
    for ins in amendment.instructions:
        ref = ins.targets[0].article() if ins.targets and ins.op in (EDIT, AMEND) else None
        if ref is not None and ref in wrong:
            if ref in done:
                continue
            ins = whole_article(ref, _new_paragraphs(by_old[ref]))
            done.add(ref)
        out.append(ins)
    end = len(out) - (bool(out) and out[-1].op == RENUMBER)
    for ref in sorted(wrong - done):
        out.insert(end, whole_article(ref, _new_paragraphs(by_old[ref])))
        end += 1
    return Amendment(out, amendment.lang, amendment.english_word)


def _new_paragraphs(item: _Item) -> list[str]:
    assert item.row.new is not None
    return _body(item.row.new.text)[1]
