"""Inline differences inside a pair of texts, as spans that rebuild both sides.

Characters for Chinese, words for English (see text.tokens). Equal islands too short to read
are merged into the change around them (the semantic clean-up of diff-match-patch), so the
result reads like an editor's markup. Long stretches are first aligned line by line (or by
sentence), which bounds the cost of any one pair.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from consult.compare.text import Options, comparison_key, token_keys, tokens

_TOKEN_PAIR_LIMIT = 1_500_000  # len(tokens a) * len(tokens b) diffed directly
_CHAR_PAIR_LIMIT = 4_000_000  # longer stretches are aligned by lines / sentences first
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|(?<=[.:])(?=\s)|\n")
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
    if a == b:
        return [Span("equal", a, b)] if a else []
    if not a:
        return [Span("insert", new=b)]
    if not b:
        return [Span("delete", old=a)]
    if options.granularity == "paragraph":
        same = comparison_key(a, options) == comparison_key(b, options)
        return [Span("equal" if same else "replace", a, b)]
    start, end = _common_ends(a, b, word_bounded=options.granularity != "char")
    middle = _diff(a[start : len(a) - end], b[start : len(b) - end], options, depth=0)
    spans = [Span("equal", a[:start], b[:start]), *middle]
    spans.append(Span("equal", a[len(a) - end :], b[len(b) - end :]))
    return _tidy(_clean_up(_tidy(spans)))


def _diff(a: str, b: str, options: Options, depth: int) -> list[Span]:
    if not a or not b:
        return [Span("delete", old=a)] if a else [Span("insert", new=b)] if b else []
    if len(a) * len(b) <= _CHAR_PAIR_LIMIT or depth >= 2:
        ta, tb = tokens(a, options), tokens(b, options)
        if len(ta) * len(tb) <= _TOKEN_PAIR_LIMIT:
            return _token_diff(ta, tb, options)
        if depth >= 2:
            return [Span("replace", a, b)]
    # Too long to diff token by token: align lines (then sentences), diff inside changes.
    sa, sb = _segments(a, depth), _segments(b, depth)
    if len(sa) * len(sb) > 4 * _TOKEN_PAIR_LIMIT:
        return [Span("replace", a, b)]
    ka, kb = _segment_keys(sa, options), _segment_keys(sb, options)
    out: list[Span] = []
    pending_a: list[str] = []
    pending_b: list[str] = []
    for op in Indel.opcodes(ka, kb):
        if op.tag == "equal":
            out.extend(_diff("".join(pending_a), "".join(pending_b), options, depth + 1))
            pending_a, pending_b = [], []
            out.append(
                Span(
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


def _segment_keys(segments: list[str], options: Options) -> list[str]:
    """Cheap keys for aligning lines: a near miss only means a finer diff of that line."""
    if options.ignore_width:
        return [comparison_key(s, options) for s in segments]
    if options.ignore_whitespace:
        return [s.strip() for s in segments]
    return segments


def _segments(text: str, depth: int) -> list[str]:
    """Lines (keeping their line breaks) at the first level, sentences below it."""
    if depth == 0 and "\n" in text:
        return text.splitlines(keepends=True)
    cuts = [m.end() for m in _SENTENCE_END.finditer(text)]
    out, start = [], 0
    for cut in cuts:
        if cut > start:
            out.append(text[start:cut])
            start = cut
    if start < len(text):
        out.append(text[start:])
    return out


def _token_diff(ta: list[str], tb: list[str], options: Options) -> list[Span]:
    ka, kb = token_keys(ta, options), token_keys(tb, options)
    out: list[Span] = []
    for op in Indel.opcodes(ka, kb):
        old = "".join(ta[op.src_start : op.src_end])
        new = "".join(tb[op.dest_start : op.dest_end])
        if op.tag == "equal":
            out.append(Span("equal", old, new))
        elif op.tag == "delete":
            out.append(Span("delete", old=old))
        else:
            out.append(Span("insert", new=new))
    return out


def _common_ends(a: str, b: str, *, word_bounded: bool) -> tuple[int, int]:
    """Lengths of the common prefix and suffix, backed off so as not to split a word."""
    limit = min(len(a), len(b))
    start = _longest(limit, lambda n: a[:n] == b[:n])
    end = _longest(limit - start, lambda n: a[len(a) - n :] == b[len(b) - n :])
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


def _longest(limit: int, same: Callable[[int], bool]) -> int:
    low, high = 0, limit
    while low < high:
        mid = (low + high + 1) // 2
        if same(mid):
            low = mid
        else:
            high = mid - 1
    return low


def _tidy(spans: list[Span]) -> list[Span]:
    """Drop empty spans; join neighbours: equal with equal, changes into one change."""
    out: list[Span] = []
    for span in spans:
        if not span.old and not span.new:
            continue
        if out and (out[-1].op == "equal") == (span.op == "equal"):
            prev = out.pop()
            old, new = prev.old + span.old, prev.new + span.new
            span = Span(prev.op if span.op == "equal" else _change_op(old, new), old, new)
        elif span.op != "equal":
            span = Span(_change_op(span.old, span.new), span.old, span.new)
        out.append(span)
    return out


def _change_op(old: str, new: str) -> str:
    return "replace" if old and new else "delete" if old else "insert"


def _clean_up(spans: list[Span]) -> list[Span]:
    """Merge equal islands no longer than the changes on both sides into those changes."""
    changed = True
    while changed:
        changed = False
        out: list[Span] = []
        i = 0
        while i < len(spans):
            span = spans[i]
            if (
                span.op == "equal"
                and out
                and out[-1].op != "equal"
                and i + 1 < len(spans)
                and spans[i + 1].op != "equal"
            ):
                before, after = out[-1], spans[i + 1]
                size = len(span.old.strip())
                if size <= max(len(before.old), len(before.new)) and size <= max(
                    len(after.old), len(after.new)
                ):
                    out[-1] = Span(
                        "replace",
                        before.old + span.old + after.old,
                        before.new + span.new + after.new,
                    )
                    i += 2
                    changed = True
                    continue
            out.append(span)
            i += 1
        spans = _tidy(out)
    return spans
