"""The headings the drafter writes instructions for (docs/amendments.md): old and new headings
paired by kind and title, whether they are drafted (the consolidated text numbering them as the
new text does), and what changed outside the articles and those headings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from consult.compare.engine import Row
from consult.compare.headings import (
    BodyHeading,
    ambiguous,
    blank,
    body_headings,
    chapters_restart,
    heading_title,
    numbered_in_order,
    same_title,
    title_key,
)
from consult.compare.instructions import (
    HEADING_KINDS,
    normalise_space,
)
from consult.compare.structure import Unit

_OUTSIDE_LABEL = 30  # characters of a changed unit outside the instructions, in its label


class Headings:
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
        old_keys = [(h.kind, title_key(self.titles[id(old_units[h.index])])) for h in old_found]
        new_keys = [(h.kind, title_key(heading_title(new_units[h.index].text))) for h in new_found]
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
            if is_article_row(row) or not row.changed or blank_row(row) or _same_heading(row):
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


def blank_row(row: Row) -> bool:
    return all(blank(unit.text) for unit in (row.old, row.new) if unit is not None)


@dataclass
class NewHeading:
    """An inserted heading in a run of inserted units: its row, the index of the first article
    after it (items), and whether other text (a retained heading) stands between it and the
    article before it."""

    row: Row
    heading: BodyHeading
    next_item: int
    apart: bool


def is_article_row(row: Row) -> bool:
    unit = row.new or row.old
    return unit is not None and unit.kind == "article"
