"""Pairing the units of two texts by content, not by number.

1. Anchors: units whose text without the article number is identical, aligned in order (an LCS
   over the whole sequence), so that an inserted article does not disturb those after it.
2. In each stretch between anchors, units equal once whitespace (and width) are normalised.
3. Units equal to one in another stretch: moved.
4. In each stretch: a lone unit with its number still resembling its counterpart; units edited
   in place at either end; then similar units (or units contained in a longer one), in a
   maximum-weight order-preserving matching. Candidates are found on sketches.
5. What is left is paired with a very similar unit anywhere: moved and edited.
6. Pairs that break the order of the others are "moved"; the rest unchanged or modified.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import Indel

from consult.changes import change_size, common_prefix, common_suffix
from consult.compare.structure import Unit
from consult.compare.text import Options, comparison_key

SIMILAR = 0.5  # in the same stretch: at least this similar to be the same article, edited
CONTAINED = 0.75  # … or this much of the shorter one found, in order, in the longer one
CONTAINED_WEIGHT = 0.6  # such a pair weighs less than a plainly similar one
_MIN_CONTAINED = 20  # characters: shorter texts are too easily "contained"
_CONTAINED_FLOOR = 0.3  # below this similarity even a contained pair is not looked at
MOVED_SIMILAR = 0.65  # across stretches: a moved article must be this similar
_SHORT = 4000  # characters: longer units keep their raw text (with its lines) as key
_EXACT_PRODUCT = 40_000_000  # len(a) * len(b) up to which similarity is computed exactly
_MIN_MOVED_LENGTH = 8  # shorter units are not paired across stretches (too easily alike)


@dataclass
class Pairing:
    pairs: dict[int, int]  # old index → new index
    moved: set[int]  # old indices of pairs that break the order
    same: set[int]  # old indices whose content is equal under the options


def pair_units(old: list[Unit], new: list[Unit], options: Options) -> Pairing:
    pairs, same, gaps = _anchors(old, new)
    keys = _Keys(old, new, options)
    _pair_equal_in_stretches(old, new, gaps, keys, pairs, same)
    _pair_moved_equal(old, new, pairs, same, keys)
    seen = _pair_similar_in_stretches(old, new, gaps, keys, pairs)
    _pair_moved_similar(old, new, pairs, keys, seen)
    in_order = _longest_increasing(sorted(pairs.items()))
    moved = {i for i in pairs if i not in in_order}
    return Pairing(pairs, moved, same)


def _anchors(old: list[Unit], new: list[Unit]) -> tuple[dict[int, int], set[int], list[list[int]]]:
    """Identical units in order, and the stretches between them: [i1, i2, j1, j2]."""
    pairs: dict[int, int] = {}
    same: set[int] = set()
    gaps: list[list[int]] = []
    for op in Indel.opcodes([(u.kind, u.body) for u in old], [(u.kind, u.body) for u in new]):
        if op.tag == "equal":
            for k in range(op.src_end - op.src_start):
                pairs[op.src_start + k] = op.dest_start + k
                same.add(op.src_start + k)
        elif not gaps or gaps[-1][1] != op.src_start or gaps[-1][3] != op.dest_start:
            gaps.append([op.src_start, op.src_end, op.dest_start, op.dest_end])
        else:  # a delete next to an insert: one stretch
            gaps[-1][1], gaps[-1][3] = op.src_end, op.dest_end
    return pairs, same, gaps


def _pair_equal_in_stretches(old, new, gaps, keys: _Keys, pairs: dict, same: set) -> None:
    for i1, i2, j1, j2 in gaps:
        if i2 - i1 == 1 and j2 - j1 == 1:  # the common case: one unit edited in place
            if old[i1].kind == new[j1].kind and keys.same(i1, j1):
                pairs[i1] = j1
                same.add(i1)
            continue
        olds, news = list(range(i1, i2)), list(range(j1, j2))
        # Aligned from the end of the stretch, so that a repeated heading (a table of
        # contents) pairs with the occurrence next to the articles that follow it.
        ko = [(old[i].kind, keys.old(i)) for i in reversed(olds)]
        kn = [(new[j].kind, keys.new(j)) for j in reversed(news)]
        for op in Indel.opcodes(ko, kn):
            if op.tag == "equal":
                for k in range(op.src_end - op.src_start):
                    i, j = olds[-1 - (op.src_start + k)], news[-1 - (op.dest_start + k)]
                    pairs[i] = j
                    same.add(i)


@dataclass
class _Seen:
    """What the in-stretch search found, for the moved pass."""

    pairs: list[tuple[float, int, int]] = field(default_factory=list)  # similar, any order
    stretch_of: dict[int, int] = field(default_factory=dict)  # old unit → stretch number
    stretch_new: list[set[int]] = field(default_factory=list)  # new units of each stretch


def _pair_similar_in_stretches(old, new, gaps, keys: _Keys, pairs: dict[int, int]) -> _Seen:
    seen = _Seen()
    taken = set(pairs.values())  # stretches do not share units: one look at the pairs is enough
    for i1, i2, j1, j2 in gaps:
        olds = [i for i in range(i1, i2) if i not in pairs]
        news = [j for j in range(j1, j2) if j not in taken]
        if len(olds) == 1 and len(news) == 1 and _lone_pair(old, new, olds[0], news[0], keys):
            pairs[olds[0]] = news[0]  # the one unit between two anchors, edited in place
            continue
        # Cheap first: units edited in place at either end of the stretch, one for one.
        while olds and news and _edited_in_place(old[olds[0]], new[news[0]]):
            pairs[olds.pop(0)] = news.pop(0)
        while olds and news and _edited_in_place(old[olds[-1]], new[news[-1]]):
            pairs[olds.pop()] = news.pop()
        if olds and news:
            candidates = _similar_candidates(old, new, olds, news, keys)
            for i, j in _heaviest_chain(candidates):
                pairs[i] = j
            # A pair left out only for its order is a move: the moved pass sees it again.
            seen.pairs += [(score, i, j) for i, j, score in candidates if score >= MOVED_SIMILAR]
            seen.stretch_of.update(dict.fromkeys(olds, len(seen.stretch_new)))
            seen.stretch_new.append(set(news))
    return seen


_HEADING_NUMBER = re.compile(r"第(\S+?)[编章节]")
_REPEALED = re.compile(r"[\W_]*(?:Repealed|REPEALED|Omitted|Reserved|删除|废止)")
LONE_SIMILAR = 0.3  # a lone pair with the same number between anchors needs this much
EDITED_IN_PLACE = 0.6  # share of a pair's text in its common beginning and end


def _lone_pair(old: list[Unit], new: list[Unit], i: int, j: int, keys: _Keys) -> bool:
    """Is the one old and one new unit between two anchors the same unit, edited in place?
    Same kind and number, and not unrelated (an article deleted while another took its
    number is not an edit)."""
    a, b = old[i], new[j]
    if a.kind != b.kind:
        return False
    if a.kind == "heading":
        found_a, found_b = _HEADING_NUMBER.match(a.body), _HEADING_NUMBER.match(b.body)
        if found_a and found_b and found_a.group() == found_b.group():
            return True  # the same chapter, retitled
    elif a.kind == "article" and a.label != b.label:
        return False
    if a.kind == "article" and (_REPEALED.match(b.body) or _REPEALED.match(a.body)):
        return True  # the article keeps its number, its text replaced by "Repealed" / "删除"
    if a.kind == "article" and min(len(a.body), len(b.body)) > _SHORT:
        # Two long sections with one number in one place (a US Code section and its notes):
        # the same section; measuring it would cost more than the whole rest of the pairing.
        return True
    if _ends_bound(a.body, b.body) >= LONE_SIMILAR:
        return True  # cheap: most of the text is a shared beginning and end
    return _resemblance(keys.old(i), keys.new(j)) >= LONE_SIMILAR


def _edited_in_place(a: Unit, b: Unit) -> bool:
    """Same kind (and number, for articles), and most of the text a shared beginning and end."""
    if a.kind != b.kind or (a.kind == "article" and a.label != b.label):
        return False
    return _ends_bound(a.body, b.body) >= EDITED_IN_PLACE


def _ends_bound(a: str, b: str) -> float:
    """A lower bound of the similarity from the common prefix and suffix alone."""
    if not a or not b:
        return 0.0
    start = common_prefix(a, b)
    end = common_suffix(a, b, min(len(a), len(b)) - start)
    return 2 * (start + end) / (len(a) + len(b))


def _resemblance(a: str, b: str) -> float:
    """Similarity, or (weighted) how much of the shorter text survives in the longer one:
    an article that grew three times over with new clauses is still the same article."""
    score = similarity(a, b)
    return max(score, _contained(a, b, score))


def _contained(a: str, b: str, score: float) -> float:
    """The weight of a pair whose shorter text is found, in order, in the longer one (given
    their similarity `score`), or 0 when it is not (enough)."""
    shorter = min(len(a), len(b))
    if shorter < _MIN_CONTAINED:
        return 0.0
    contained = score * (len(a) + len(b)) / (2 * shorter)  # LCS / length of the shorter
    return CONTAINED_WEIGHT * contained if contained >= CONTAINED else 0.0


_ENDS = 32  # characters of a key's beginning and end that must match before all of it is compared


class _Keys:
    """Comparison keys, computed once and only when needed. Long units keep their raw text
    (with its lines) as key: normalising them costs more than it finds."""

    def __init__(self, old: list[Unit], new: list[Unit], options: Options) -> None:
        self._units = {"o": old, "n": new}
        self._options = options
        self._cache: dict[tuple[str, int], str] = {}

    def _key(self, side: str, i: int) -> str:
        found = self._cache.get((side, i))
        if found is None:
            body = self._units[side][i].body
            found = body if len(body) > _SHORT else comparison_key(body, self._options)
            self._cache[(side, i)] = found
        return found

    def old(self, i: int) -> str:
        return self._key("o", i)

    def ends(self, side: str, i: int) -> tuple[bool, str, str]:
        """Whether the key is the raw text, and its first and last _ENDS characters, found
        from the ends of the text alone where they can be (normalising a part of a text
        gives a part of its key)."""
        body = self._units[side][i].body
        if len(body) > _SHORT:
            return True, body[:_ENDS], body[-_ENDS:]
        head = comparison_key(body[: 2 * _ENDS], self._options)
        tail = comparison_key(body[-2 * _ENDS :], self._options)
        if len(body) > 2 * _ENDS and (len(head) < _ENDS or len(tail) < _ENDS):
            key = self._key(side, i)
            return False, key[:_ENDS], key[-_ENDS:]
        return False, head[:_ENDS], tail[-_ENDS:]

    def same(self, i: int, j: int) -> bool:
        """Whether old unit i and new unit j have equal keys. With whitespace ignored only
        the stretch between their common beginning and end need be looked at (removing
        whitespace, and mapping widths, commute with joining texts)."""
        if not self._options.ignore_whitespace:
            return self.old(i) == self.new(j)
        a, b = self._units["o"][i].body, self._units["n"][j].body
        if len(a) > _SHORT or len(b) > _SHORT:  # long units: the raw text is the key
            return a == b
        start = common_prefix(a, b)
        end = common_suffix(a, b, min(len(a), len(b)) - start)
        middle_a, middle_b = a[start : len(a) - end], b[start : len(b) - end]
        return comparison_key(middle_a, self._options) == comparison_key(middle_b, self._options)

    def new(self, j: int) -> str:
        return self._key("n", j)


def similarity(a: str, b: str) -> float:
    """Indel similarity (1 = identical); line-aligned for very long texts (those keep their
    lines in their keys, see _Keys), so that it stays cheap."""
    if not a and not b:
        return 1.0
    if len(a) * len(b) <= _EXACT_PRODUCT:
        return float(Indel.normalized_similarity(a, b))
    return 1.0 - change_size(a, b) / (len(a) + len(b))


def _similar_candidates(old, new, olds, news, keys: _Keys) -> list[tuple[int, int, float]]:
    """Pairs of units of one stretch alike enough to be one article, edited. Candidates are
    found on sketches (one rapidfuzz call per unit, no pairwise loop) and scored in full."""
    candidates: list[tuple[int, int, float]] = []
    by_kind: dict[str, list[int]] = defaultdict(list)
    for j in news:
        by_kind[new[j].kind].append(j)
    sketches = {kind: [_sketch(keys.new(j)) for j in js] for kind, js in by_kind.items()}

    def consider(i: int, j: int) -> None:
        a, b = keys.old(i), keys.new(j)
        score = similarity(a, b)
        if score < SIMILAR:
            score = _contained(a, b, score)
            if not score:
                return
        candidates.append((i, j, score))

    for i in olds:
        choices = by_kind.get(old[i].kind)
        if not choices:
            continue
        if len(choices) <= 3:
            for j in choices:
                consider(i, j)
            continue
        found = process.extract(
            _sketch(keys.old(i)),
            sketches[old[i].kind],
            scorer=Indel.normalized_similarity,
            score_cutoff=_CONTAINED_FLOOR,
            limit=6,
        )
        for _, _, pos in found:
            consider(i, choices[pos])
    return candidates


def _heaviest_chain(candidates: list[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """Maximum total score over pairs increasing in both indices (O(k²), k is small)."""
    if not candidates:
        return []
    candidates.sort()
    best = [c[2] for c in candidates]
    back = [-1] * len(candidates)
    for b, (ib, jb, sb) in enumerate(candidates):
        for a in range(b):
            ia, ja, _ = candidates[a]
            if ia < ib and ja < jb and best[a] + sb > best[b]:
                best[b], back[b] = best[a] + sb, a
    k = max(range(len(candidates)), key=best.__getitem__)
    chain = []
    while k != -1:
        chain.append(candidates[k][:2])
        k = back[k]
    return chain[::-1]


def _pair_moved_equal(old, new, pairs: dict[int, int], same: set[int], keys: _Keys) -> None:
    """Pair units left over that equal one in another stretch (after normalising). Units
    are grouped by the ends of their keys first: only those alike there are compared."""
    taken = set(pairs.values())
    by_ends: dict[tuple, list[int]] = defaultdict(list)
    for j in range(len(new)):
        if j not in taken:
            by_ends[(new[j].kind, *keys.ends("n", j))].append(j)
    for i in range(len(old)):
        if i in pairs:
            continue
        waiting = by_ends.get((old[i].kind, *keys.ends("o", i)))
        if not waiting or len(keys.old(i)) < _MIN_MOVED_LENGTH:
            continue
        for pos, j in enumerate(waiting):
            if keys.new(j) == keys.old(i):
                pairs[i] = waiting.pop(pos)
                same.add(i)
                break


def _pair_moved_similar(old, new, pairs: dict[int, int], keys: _Keys, seen: _Seen) -> None:
    """Pair units left over with a very similar one anywhere: moved and edited. Pairs inside
    one stretch were scored already (seen); only the other stretches are searched."""
    taken = set(pairs.values())
    left_old = [
        i for i in range(len(old)) if i not in pairs and len(keys.old(i)) >= _MIN_MOVED_LENGTH
    ]
    left_new = [
        j for j in range(len(new)) if j not in taken and len(keys.new(j)) >= _MIN_MOVED_LENGTH
    ]
    if not left_old or not left_new:
        return
    scored = [c for c in seen.pairs if c[1] not in pairs and c[2] not in taken]
    choices_for: dict[tuple[str, int], tuple[list[int], list[str]]] = {}
    for i in left_old:
        kind, gap = old[i].kind, seen.stretch_of.get(i, -1)
        if (kind, gap) not in choices_for:
            own = seen.stretch_new[gap] if gap >= 0 else set()
            js = [j for j in left_new if new[j].kind == kind and j not in own]
            choices_for[(kind, gap)] = (js, [_sketch(keys.new(j)) for j in js])
        choices, choice_keys = choices_for[(kind, gap)]
        if not choices:
            continue
        # A first look at sketches (beginning and end), then the whole text of the best few.
        found = process.extract(
            _sketch(keys.old(i)),
            choice_keys,
            scorer=Indel.normalized_similarity,
            score_cutoff=_SKETCH_SIMILAR,
            limit=5,
        )
        for _, _, pos in found:
            score = similarity(keys.old(i), keys.new(choices[pos]))
            if score >= MOVED_SIMILAR:
                scored.append((score, i, choices[pos]))
    used_new: set[int] = set()
    for _score, i, j in sorted(scored, reverse=True):
        if i not in pairs and j not in used_new and j not in taken:
            pairs[i] = j
            used_new.add(j)


_SKETCH = 32  # characters from each end of a text in its sketch
_SKETCH_SIMILAR = 0.4  # sketches this similar are worth comparing in full


def _sketch(text: str) -> str:
    """The beginning and end of a text: enough to find candidates, cheap to compare."""
    return text if len(text) <= 2 * _SKETCH else text[:_SKETCH] + text[-_SKETCH:]


def _longest_increasing(items: list[tuple[int, int]]) -> set[int]:
    """Old indices of a longest run of pairs whose new indices increase (patience sorting)."""
    tails: list[int] = []  # new index ending the best run of each length
    tail_at: list[int] = []  # position in items of that ending
    back = [-1] * len(items)
    for pos, (_i, j) in enumerate(items):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_at.append(pos)
        else:
            tails[k], tail_at[k] = j, pos
        back[pos] = tail_at[k - 1] if k else -1
    keep: set[int] = set()
    pos = tail_at[-1] if tail_at else -1
    while pos != -1:
        keep.add(items[pos][0])
        pos = back[pos]
    return keep
