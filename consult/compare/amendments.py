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
from dataclasses import replace

from rapidfuzz.distance import Indel

from consult.compare.consolidate import apply_amendment
from consult.compare.draft_headings import Headings
from consult.compare.drafter import ArticleRow, Drafter, ref_of, whole_article
from consult.compare.engine import Row, compare_texts
from consult.compare.headings import (
    body_headings,
    heading_title,
    title_key,
)
from consult.compare.instructions import (
    AMEND,
    EDIT,
    RENUMBER,
    Amendment,
    HeadingRef,
    Instruction,
    Ref,
    article_parts,
    heading_name,
    normalise_space,
)
from consult.compare.structure import Unit, units
from consult.compare.text import prepare
from consult.errors import InstructionError

_EN_LABEL = re.compile(r"(Sec\.|SEC\.|Section|SECTION|§)")


def draft_amendment(old: str, new: str, *, lang: str = "zh") -> Amendment:
    """The instructions that turn `old` into `new`, article by article, in the order a
    drafter writes them. `lang` ("zh" | "en") is the language they are written in."""
    comparison = compare_texts(old, new, by="article")
    rows = comparison.rows
    word = _english_word(rows)
    items = _items(rows)
    renumber = _renumbers(items)
    headings = Headings(rows, renumber)
    drafter = Drafter(items, renumber, cjk=lang == "zh" or _is_cjk(rows), law=old)
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


def _items(rows: list[Row]) -> list[ArticleRow]:
    items: list[ArticleRow] = []
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
        items.append(ArticleRow(row, old, new, stable, after_heading, insert=row.old is None))
        after_heading = False
    return items


def _renumbers(items: list[ArticleRow]) -> bool:
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


# -- the self-check ------------------------------------------------------------------------------


def _checked(amendment: Amendment, old: str, new: str, items: list[ArticleRow]) -> Amendment:
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
    return [
        f"{name} {title}"
        for op in Indel.opcodes(mine, theirs)
        if op.tag != "equal"
        for name, title in theirs[op.dest_start : op.dest_end]
    ]


def _heading_list(found: list[Unit]) -> list[tuple[str, str]]:
    """(第二章, its title without spaces) of a text's body headings, in order."""
    return [
        (
            heading_name(HeadingRef(h.kind, h.number), "zh"),
            title_key(heading_title(found[h.index].text)),
        )
        for h in body_headings([(u.kind, u.text) for u in found])
    ]


def _flat(text: str) -> str:
    return normalise_space("\n".join(article_parts(text)[1]))


def _whole(amendment: Amendment, wrong: set[Ref], by_old: dict[Ref, ArticleRow]) -> Amendment:
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


def _new_paragraphs(item: ArticleRow) -> list[str]:
    assert item.row.new is not None
    return article_parts(item.row.new.text)[1]
