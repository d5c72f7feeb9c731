"""How much a version changed: characters deleted plus characters inserted.

Exact (an Indel distance) for small changed stretches; for large ones the lines are aligned
first and only the lines that differ are compared, so that saving a 100 KB text stays fast.
Inserting an article that renumbers the ones after it counts the new article and one or two
characters per renumbered heading, not the whole rest of the text.
"""

from __future__ import annotations

from collections.abc import Callable

from rapidfuzz.distance import Indel

_EXACT_LIMIT = 4_000_000  # len(a) * len(b) below which the character distance is computed


def change_size(old: str, new: str) -> int:
    """Characters deleted plus characters inserted to turn `old` into `new`."""
    if old == new:
        return 0
    limit = min(len(old), len(new))
    start = _longest(limit, lambda n: old[:n] == new[:n])
    end = _longest(limit - start, lambda n: old[len(old) - n :] == new[len(new) - n :])
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


def _longest(limit: int, same: Callable[[int], bool]) -> int:
    """The largest n ≤ limit with same(n), by bisection (the slice comparisons run in C)."""
    low, high = 0, limit
    while low < high:
        mid = (low + high + 1) // 2
        if same(mid):
            low = mid
        else:
            high = mid - 1
    return low
