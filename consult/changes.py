"""How much a version changed: characters deleted plus characters inserted.

Exact (an Indel distance) for small changed stretches; for large ones the lines are aligned
first and only the lines that differ are compared, so that saving a 100 KB text stays fast.
Inserting an article that renumbers the ones after it counts the new article and one or two
characters per renumbered heading, not the whole rest of the text.
"""

from __future__ import annotations

from rapidfuzz.distance import Indel, Postfix, Prefix

_EXACT_LIMIT = 4_000_000  # len(a) * len(b) below which the character distance is computed


def change_size(old: str, new: str) -> int:
    """Characters deleted plus characters inserted to turn `old` into `new`."""
    if old == new:
        return 0
    start = common_prefix(old, new)
    end = common_suffix(old, new, min(len(old), len(new)) - start)
    a, b = old[start : len(old) - end], new[start : len(new) - end]
    if len(a) * len(b) <= _EXACT_LIMIT:
        return int(Indel.distance(a, b))
    lines_a, lines_b = a.splitlines(keepends=True), b.splitlines(keepends=True)
    total = 0
    deleted: list[str] = []
    inserted: list[str] = []
    for op in Indel.opcodes(lines_a, lines_b):
        if op.tag == "equal":
            total += _block(deleted, inserted)
            deleted, inserted = [], []
        elif op.tag == "delete":
            deleted.extend(lines_a[op.src_start : op.src_end])
        else:
            inserted.extend(lines_b[op.dest_start : op.dest_end])
    return total + _block(deleted, inserted)


def _block(deleted: list[str], inserted: list[str]) -> int:
    x, y = "".join(deleted), "".join(inserted)
    if x and y and len(x) * len(y) <= _EXACT_LIMIT:
        return int(Indel.distance(x, y))
    return len(x) + len(y)


_SCAN_LIMIT = 8192  # shorter texts are scanned by rapidfuzz; longer ones galloped over


def common_prefix(a: str, b: str) -> int:
    """Length of the common prefix: a scan in C for short texts; for long ones galloping
    then bisection, comparing each character about twice (slice comparisons run in C)."""
    limit = min(len(a), len(b))
    if limit <= _SCAN_LIMIT:
        return int(Prefix.similarity(a, b))
    low, step = 0, 64
    while low < limit:
        high = min(low + step, limit)
        if a[low:high] != b[low:high]:
            break
        low, step = high, step * 2
    else:
        return limit
    high = min(low + step, limit)  # the first difference lies in [low, high)
    while high - low > 1:
        mid = (low + high) // 2
        if a[low:mid] == b[low:mid]:
            low = mid
        else:
            high = mid
    return low if a[low] != b[low] else low + 1


def common_suffix(a: str, b: str, limit: int) -> int:
    """Length of the common suffix, at most `limit`."""
    la, lb = len(a), len(b)
    if min(la, lb) <= _SCAN_LIMIT:
        return min(int(Postfix.similarity(a, b)), max(limit, 0))
    low, step = 0, 64
    while low < limit:
        high = min(low + step, limit)
        if a[la - high : la - low] != b[lb - high : lb - low]:
            break
        low, step = high, step * 2
    else:
        return limit
    high = min(low + step, limit)
    while high - low > 1:
        mid = (low + high) // 2
        if a[la - mid : la - low] == b[lb - mid : lb - low]:
            low = mid
        else:
            high = mid
    return low if a[la - low - 1] != b[lb - low - 1] else low + 1
