"""compare_texts: two texts in, aligned rows with inline spans and a summary out."""

from __future__ import annotations

from dataclasses import dataclass, field

from consult.compare.align import pair_units
from consult.compare.inline import Span, paragraph_spans
from consult.compare.structure import Unit, is_law_like, unit_pair
from consult.compare.text import Options, prepare

KINDS = ("unchanged", "modified", "inserted", "deleted", "moved")


@dataclass(frozen=True)
class Row:
    """One line of the side-by-side view: an old unit, a new unit, or both, paired."""

    kind: str  # unchanged | modified | inserted | deleted | moved
    old: Unit | None
    new: Unit | None
    spans: list[Span]

    @property
    def renumbered(self) -> bool:
        return (
            self.old is not None
            and self.new is not None
            and self.old.number is not None
            and self.new.number is not None
            and (self.old.number, self.old.label) != (self.new.number, self.new.label)
            and self.old.number != self.new.number
        )

    @property
    def changed(self) -> bool:
        return self.kind != "unchanged" or any(s.op != "equal" for s in self.spans)


@dataclass
class Comparison:
    by: str  # "article" | "paragraph"
    rows: list[Row]
    options: Options
    stats: dict[str, int] = field(default_factory=dict)


def compare_texts(
    old: str,
    new: str,
    *,
    by: str = "auto",
    granularity: str = "auto",
    ignore_whitespace: bool = True,
    ignore_width: bool = False,
) -> Comparison:
    """Compare two texts. `by`: auto | article | paragraph; `granularity`: auto | char |
    word | paragraph. Articles are paired by content; see consult.compare.align."""
    if by not in ("auto", "article", "paragraph"):
        raise ValueError(f"by must be auto, article or paragraph, not {by!r}")
    if granularity not in ("auto", "char", "word", "paragraph"):
        raise ValueError(f"granularity must be auto, char, word or paragraph, not {granularity!r}")
    options = Options(granularity, ignore_whitespace, ignore_width)
    old_text, new_text = prepare(old), prepare(new)
    if by == "paragraph":
        mode = "paragraph"
        old_units, new_units = unit_pair(old_text, new_text, by_article=False)
    else:
        old_units, new_units = unit_pair(old_text, new_text, by_article=True)
        mode = "article" if by == "article" or is_law_like(old_units, new_units) else "paragraph"
        if mode == "paragraph":
            old_units, new_units = unit_pair(old_text, new_text, by_article=False)
    rows = _rows(old_units, new_units, options)
    return Comparison(mode, rows, options, _stats(rows, mode))


def _rows(old: list[Unit], new: list[Unit], options: Options) -> list[Row]:
    pairing = pair_units(old, new, options)
    new_to_old = {j: i for i, j in pairing.pairs.items()}
    keyed: list[tuple[tuple[int, int, int], Row]] = []
    for j, unit in enumerate(new):
        i = new_to_old.get(j)
        if i is None:
            keyed.append(((j, 0, 0), Row("inserted", None, unit, [Span("insert", new=unit.text)])))
            continue
        spans = paragraph_spans(old[i].text, unit.text, options, old[i].paragraphs, unit.paragraphs)
        if i in pairing.moved:
            kind = "moved"
        elif i in pairing.same or all(span.op == "equal" for span in spans):
            kind = "unchanged"
        else:
            kind = "modified"
        keyed.append(((j, 0, 0), Row(kind, old[i], unit, spans)))
    # A deleted unit goes right after the row of the old unit before it.
    anchor_of: dict[int, int] = {}
    for i, unit in enumerate(old):
        if i in pairing.pairs and i not in pairing.moved:
            anchor_of[i] = pairing.pairs[i]
            continue
        anchor = anchor_of.get(i - 1, -1) if i else -1
        anchor_of[i] = anchor
        if i not in pairing.pairs:
            keyed.append(
                ((anchor, 1, i), Row("deleted", unit, None, [Span("delete", old=unit.text)]))
            )
    keyed.sort(key=lambda item: item[0])
    return [row for _, row in keyed]


def _stats(rows: list[Row], by: str) -> dict[str, int]:
    """Rows of each kind — by article, articles only (headings and preambles are rows but not
    articles) — renumbered pairs, and characters deleted and inserted anywhere."""
    stats = dict.fromkeys(KINDS, 0) | {
        "renumbered": 0,
        "characters_deleted": 0,
        "characters_inserted": 0,
    }
    for row in rows:
        unit = row.new or row.old
        if by != "article" or (unit is not None and unit.kind == "article"):
            stats[row.kind] += 1
            stats["renumbered"] += row.renumbered
        for span in row.spans:
            if span.op in ("delete", "replace"):
                stats["characters_deleted"] += len(span.old)
            if span.op in ("insert", "replace"):
                stats["characters_inserted"] += len(span.new)
    return stats
