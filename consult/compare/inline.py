"""Inline differences inside a pair of texts, as spans that rebuild both sides.

Characters for Chinese, words for English (see text.tokens). Equal islands too short to read
are merged into the change around them (the semantic clean-up of diff-match-patch), so the
result reads like an editor's markup. Long stretches are first aligned line by line (or by
sentence), which bounds the cost of any one pair.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from rapidfuzz.distance import Indel

from consult.changes import common_prefix, common_suffix
from consult.compare.text import BLANK_LINE, Options, comparison_key, token_keys, tokens

_TOKEN_PAIR_LIMIT = 1_500_000  # len(tokens a) * len(tokens b) diffed directly
_CHAR_PAIR_LIMIT = 4_000_000  # longer stretches are aligned by lines / sentences first
_SEGMENT_PAIR_LIMIT = 50_000_000  # lines or sentences aligned at once (bit-parallel: cheap)
# A sentence: up to and including 。！？；!?; or a line break, or a . or : before a space. (Matched
# rather than split at zero-width look-behinds, which is several times slower.)
_SENTENCE = re.compile(
    r"[^。！？；!?;\n.:]*+(?:[.:](?!\s)[^。！？；!?;\n.:]*+)*+(?:[。！？；!?;\n]|[.:](?=\s))?"
)
_WORDISH = re.compile(r"[^\W_\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True)
class Span:
    op: str  # "equal" | "delete" | "insert" | "replace"
    old: str = ""
    new: str = ""

    def to_json(self) -> dict:
        if self.op == "delete":
            return {"op": "delete", "old": self.old}
        if self.op == "insert":
            return {"op": "insert", "new": self.new}
        return {"op": self.op, "old": self.old, "new": self.new}


def inline_spans(a: str, b: str, options: Options) -> list[Span]:
    """Spans that turn `a` into `b`: ops other than insert concatenate to `a`, ops other
    than delete to `b`."""
    return [Span(op, old, new) for op, old, new in _inline_pieces(a, b, options)]


def _inline_pieces(a: str, b: str, options: Options) -> list[_Piece]:
    if a == b:
        return [("equal", a, b)] if a else []
    if not a:
        return [("insert", "", b)]
    if not b:
        return [("delete", a, "")]
    if options.granularity == "paragraph":
        same = comparison_key(a, options) == comparison_key(b, options)
        return [("equal" if same else "replace", a, b)]
    start, end = _common_ends(a, b, word_bounded=options.granularity != "char")
    middle_a, middle_b = a[start : len(a) - end], b[start : len(b) - end]
    head, tail = ("equal", a[:start], b[:start]), ("equal", a[len(a) - end :], b[len(b) - end :])
    if (
        not middle_a
        or not middle_b
        or (_one_word(middle_a, options) and _one_word(middle_b, options))
    ):
        # Only an insertion or a deletion, or one word (a date, a number) for another:
        # nothing finer to find, nothing to clean up.
        change = (_change_op(middle_a, middle_b), middle_a, middle_b)
        return [piece for piece in (head, change, tail) if piece[1] or piece[2]]
    middle = _diff(middle_a, middle_b, options, depth=0)
    return _clean_up(_tidy([head, *middle, tail]))


def _one_word(text: str, options: Options) -> bool:
    """Whether `text` is at most one token of spaced ASCII text (see _diff)."""
    return len(text) < 100 and _spaced_words(options) and text.isascii() and text.split() == [text]


_Piece = tuple[str, str, str]  # (op, old, new): the working form of a span


def paragraph_spans(
    text_a: str,
    text_b: str,
    options: Options,
    starts_a: Sequence[int] | None = None,
    starts_b: Sequence[int] | None = None,
) -> list[Span]:
    """Spans between two texts made of paragraphs (blocks between blank lines): the
    paragraphs are aligned first (long articles and sections change here and there: their
    unchanged paragraphs need no finer look), then each changed stretch is diffed inside.
    `starts_*`: where the paragraphs after the first start, when known (see Unit)."""
    if text_a == text_b:
        return [Span("equal", text_a, text_b)] if text_a else []
    if options.granularity == "paragraph":
        return inline_spans(text_a, text_b, options)
    # Where paragraph k starts (it runs to where k + 1 starts, blank lines included).
    start_a = _paragraph_starts(text_a, starts_a)
    start_b = _paragraph_starts(text_b, starts_b)
    if len(start_a) < 3 or len(start_b) < 3:  # one paragraph on a side
        return inline_spans(text_a, text_b, options)
    a = [text_a[start_a[k] : start_a[k + 1]].strip() for k in range(len(start_a) - 1)]
    b = [text_b[start_b[k] : start_b[k + 1]].strip() for k in range(len(start_b) - 1)]
    pieces: list[_Piece] = []
    changed_a = changed_b = None  # start of the changed stretch in progress
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag == "equal":
            if changed_a is not None and changed_b is not None:
                old, new = text_a[changed_a : start_a[i1]], text_b[changed_b : start_b[j1]]
                pieces += _inline_pieces(old, new, options)
                changed_a = changed_b = None
            pieces.append(
                ("equal", text_a[start_a[i1] : start_a[i2]], text_b[start_b[j1] : start_b[j2]])
            )
        elif changed_a is None:  # a deletion next to an insertion is one changed stretch
            changed_a, changed_b = start_a[i1], start_b[j1]
    if changed_a is not None and changed_b is not None:
        pieces += _inline_pieces(text_a[changed_a:], text_b[changed_b:], options)
    # Each changed stretch is cleaned up already; only neighbours are joined here.
    return [Span(op, old, new) for op, old, new in _tidy(pieces)]


def _paragraph_starts(text: str, known: Sequence[int] | None) -> list[int]:
    """Where each paragraph of `text` starts, and its length at the end."""
    if known is None:
        known = [match.end() for match in BLANK_LINE.finditer(text)]
    return [0, *known, len(text)]


def _opcodes(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    return cast(list[tuple[str, int, int, int, int]], Indel.opcodes(a, b).as_list())


def _diff(a: str, b: str, options: Options, depth: int) -> list[_Piece]:
    if not a or not b:
        return [("delete", a, "")] if a else [("insert", "", b)] if b else []
    if len(a) * len(b) <= _CHAR_PAIR_LIMIT or depth >= 2:
        if _spaced_words(options) and a.isascii() and b.isascii():
            # Spaced ASCII text: words as git's word diff sees them, split in one C call.
            ka, kb = _word_keys(a), _word_keys(b)
            if len(ka) * len(kb) <= _TOKEN_PAIR_LIMIT:
                return _word_diff(a, ka, b, kb)
        else:
            ta, tb = tokens(a, options), tokens(b, options)
            if len(ta) * len(tb) <= _TOKEN_PAIR_LIMIT:
                return _token_diff(ta, tb, options)
        if depth >= 2:
            return [("replace", a, b)]
    # Too long to diff token by token: align lines (then sentences), diff inside changes.
    sa, sb = _segments(a, depth), _segments(b, depth)
    while len(sa) * len(sb) > _SEGMENT_PAIR_LIMIT:  # so many: align pairs of them, and so on
        sa, sb = _pairs_joined(sa), _pairs_joined(sb)
    ka, kb = _segment_keys(sa, options), _segment_keys(sb, options)
    out: list[_Piece] = []
    pending_a: list[str] = []
    pending_b: list[str] = []
    for op in Indel.opcodes(ka, kb):
        if op.tag == "equal":
            out.extend(_diff("".join(pending_a), "".join(pending_b), options, depth + 1))
            pending_a, pending_b = [], []
            out.append(
                (
                    "equal",
                    "".join(sa[op.src_start : op.src_end]),
                    "".join(sb[op.dest_start : op.dest_end]),
                )
            )
        else:
            pending_a.extend(sa[op.src_start : op.src_end])
            pending_b.extend(sb[op.dest_start : op.dest_end])
    out.extend(_diff("".join(pending_a), "".join(pending_b), options, depth + 1))
    return out


# Skipping 2**k words, each with the spaces after it (or the spaces that start a text).
_SKIP_WORDS = [re.compile(rf"(?:\S*+\s++){{{1 << k}}}") for k in range(24)]


def _word_keys(text: str) -> list[str]:
    """The words of `text`, and "" for spaces at its start and for spaces at its end: each
    key stands for the text from its start to the next key's start."""
    words = text.split()
    if text[:1].isspace():
        words.insert(0, "")
    if text[-1:].isspace():
        words.append("")
    return words


def _skip_words(text: str, position: int, count: int) -> int:
    """Where the key `count` keys after the one at `position` starts (see _word_keys)."""
    k = 0
    while count:
        if count & 1:
            found = _SKIP_WORDS[k].match(text, position)
            position = found.end() if found else len(text)
        count >>= 1
        k += 1
    return position


def _spaced_words(options: Options) -> bool:
    """Whether words split at spaces are the right tokens (for text without CJK)."""
    return (
        options.granularity in ("auto", "word")
        and options.ignore_whitespace
        and not options.ignore_width
    )


def _word_diff(a: str, keys_a: list[str], b: str, keys_b: list[str]) -> list[_Piece]:
    """Diff of two texts by their words (see _word_keys): a run of words is the text from
    its first word to the next word after its last. The texts are only sliced where the
    runs meet."""
    out: list[_Piece] = []
    at_a = at_b = 0  # where the next run starts
    change_a = change_b = -1  # where the change in progress starts
    for tag, i1, i2, j1, j2 in _opcodes(keys_a, keys_b):
        end_a = len(a) if i2 == len(keys_a) else _skip_words(a, at_a, i2 - i1)
        end_b = len(b) if j2 == len(keys_b) else _skip_words(b, at_b, j2 - j1)
        if tag != "equal":
            if change_a < 0:
                change_a, change_b = at_a, at_b
        else:
            if change_a >= 0:
                old, new = a[change_a:at_a], b[change_b:at_b]
                out.append((_change_op(old, new), old, new))
                change_a = -1
            out.append(("equal", a[at_a:end_a], b[at_b:end_b]))
        at_a, at_b = end_a, end_b
    if change_a >= 0:
        old, new = a[change_a:], b[change_b:]
        out.append((_change_op(old, new), old, new))
    return out


def _runs(opcodes: list, ta: list[str], tb: list[str]) -> list[_Piece]:
    """Pieces from opcodes over ta and tb: each equal run, and each run of deletions and
    insertions between two equal runs as one change, joined once."""
    out: list[_Piece] = []
    change_a = change_b = -1  # where the change in progress starts
    for tag, i1, i2, j1, j2 in opcodes:
        if tag != "equal":
            if change_a < 0:
                change_a, change_b = i1, j1
            continue
        if change_a >= 0:
            old, new = "".join(ta[change_a:i1]), "".join(tb[change_b:j1])
            out.append((_change_op(old, new), old, new))
            change_a = -1
        out.append(("equal", "".join(ta[i1:i2]), "".join(tb[j1:j2])))
    if change_a >= 0:
        old, new = "".join(ta[change_a:]), "".join(tb[change_b:])
        out.append((_change_op(old, new), old, new))
    return out


def _pairs_joined(segments: list[str]) -> list[str]:
    return ["".join(segments[k : k + 2]) for k in range(0, len(segments), 2)]


def _segment_keys(segments: list[str], options: Options) -> list[str]:
    """Cheap keys for aligning lines: a near miss only means a finer diff of that line."""
    if options.ignore_width:
        return [comparison_key(s, options) for s in segments]
    if options.ignore_whitespace:
        return list(map(str.strip, segments))
    return segments


def _segments(text: str, depth: int) -> list[str]:
    """Lines (keeping their line breaks) at the first level, sentences below it."""
    if depth == 0 and "\n" in text:
        return text.splitlines(keepends=True)
    return [piece for piece in _SENTENCE.findall(text) if piece]


def _token_diff(ta: list[str], tb: list[str], options: Options) -> list[_Piece]:
    ka, kb = token_keys(ta, options), token_keys(tb, options)
    return _runs(Indel.opcodes(ka, kb).as_list(), ta, tb)


def _common_ends(a: str, b: str, *, word_bounded: bool) -> tuple[int, int]:
    """Lengths of the common prefix and suffix, backed off so as not to split a word."""
    start = common_prefix(a, b)
    end = common_suffix(a, b, min(len(a), len(b)) - start)
    if word_bounded:
        while (start and _inside_word(a, start)) or (start and _inside_word(b, start)):
            start -= 1
        while end and (_inside_word(a, len(a) - end) or _inside_word(b, len(b) - end)):
            end -= 1
    return start, end


def _inside_word(text: str, position: int) -> bool:
    """True if `position` falls between two letters or digits of one Latin word."""
    if position <= 0 or position >= len(text):
        return False
    return bool(_WORDISH.match(text[position - 1]) and _WORDISH.match(text[position]))


def _tidy(pieces: list[_Piece]) -> list[_Piece]:
    """Drop empty pieces; join neighbours: equal with equal, changes into one change.
    (Each run is joined once: adding strings pairwise would copy long texts again and again.)"""
    out: list[_Piece] = []
    run: list[_Piece] = []  # neighbours of one kind (equal, or not) waiting to be joined
    for piece in pieces:
        if not piece[1] and not piece[2]:
            continue
        if run and (piece[0] == "equal") != (run[0][0] == "equal"):
            out.append(_joined(run))
            run = []
        run.append(piece)
    if run:
        out.append(_joined(run))
    return out


def _joined(run: list[_Piece]) -> _Piece:
    if len(run) == 1:
        return run[0]
    old, new = "".join([p[1] for p in run]), "".join([p[2] for p in run])
    return ("equal" if run[0][0] == "equal" else _change_op(old, new), old, new)


def _change_op(old: str, new: str) -> str:
    return "replace" if old and new else "delete" if old else "insert"


def _clean_up(pieces: list[_Piece]) -> list[_Piece]:
    """Merge equal islands no longer than the changes on both sides into those changes
    (pieces alternate equal / change after _tidy, so one pass with a stack suffices)."""
    # The stack holds runs as [op, old parts, new parts, old length, new length]: the parts
    # of a grown change are joined once, at the end.
    out: list[list] = []
    i, count = 0, len(pieces)
    while i < count:
        op, old, new = pieces[i]
        if op == "equal" and out and out[-1][0] != "equal" and i + 1 < count:
            before, (_, after_old, after_new) = out[-1], pieces[i + 1]
            if _short_island(old, max(before[3], before[4]), max(len(after_old), len(after_new))):
                _absorb(before, [op, [old, after_old], [new, after_new]])
                i += 2
                # The grown change may now swallow the equal island before it.
                while len(out) >= 3 and _short_island(
                    "".join(out[-2][1]), max(out[-3][3], out[-3][4]), max(out[-1][3], out[-1][4])
                ):
                    last, island = out.pop(), out.pop()
                    _absorb(out[-1], island)
                    _absorb(out[-1], last)
                continue
        out.append([op, [old], [new], len(old), len(new)])
        i += 1
    joined: list[_Piece] = []
    for op, olds, news, _, _ in out:
        old, new = "".join(olds), "".join(news)
        joined.append(("equal" if op == "equal" else _change_op(old, new), old, new))
    return joined


def _absorb(run: list, other: list) -> None:
    """Grow the change `run` by the run `other` after it."""
    run[0] = "replace"
    run[1] += other[1]
    run[2] += other[2]
    run[3] += sum(map(len, other[1]))
    run[4] += sum(map(len, other[2]))


def _short_island(text: str, before: int, after: int) -> bool:
    """An equal stretch (its spaces aside) no longer than the changes on either side."""
    bound = min(before, after)
    size = len(text)
    if size > bound and (text[:1].isspace() or text[-1:].isspace()):
        size = len(text.strip())
    return size <= bound
