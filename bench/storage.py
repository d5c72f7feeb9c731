"""Storage benchmark: 100 versions of a ~100 KB real text, each with a few small edits.

    python bench/storage.py [--versions 100] [--corpus ../shared/corpus]

Prints what the versions take relative to their raw text (the search index, one copy of the
latest text and its trigrams, and free pages shown apart), the median time to save
a version and to read an arbitrary version, each beside a reference measured in the same run
(the same text written once to a plain SQLite table with the same pragmas), and the targets
from PRODUCT.md: size ≤ 3 %, save ≤ 20 ms, read ≤ 5 ms.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from consult.library import Library

ROOT = Path(__file__).resolve().parent.parent
TARGET_BYTES = 100 * 1024


def sample_text(corpus: Path, name: str) -> str:
    text = (corpus / name).read_text(encoding="utf-8").replace("\r\n", "\n")
    out, size = [], 0
    for ch in text:
        size += len(ch.encode("utf-8"))
        if size > TARGET_BYTES:
            break
        out.append(ch)
    return "".join(out)


def small_edits(text: str, rng: random.Random) -> str:
    """Three edits a drafter might make: a word replaced, a phrase inserted, a few chars cut."""
    for _ in range(3):
        pos = rng.randrange(len(text))
        op = rng.choice(("insert", "delete", "replace"))
        if op == "insert":
            text = (
                text[:pos]
                + rng.choice(["，并依法公开", " and the Register", "（新增）"])
                + text[pos:]
            )
        elif op == "delete":
            text = text[:pos] + text[pos + rng.randint(1, 12) :]
        else:
            text = text[:pos] + rng.choice(["应当", "shall", "可以"]) + text[pos + 2 :]
    return text


def reference_save_ms(path: Path, text: str, rounds: int) -> float:
    """Median time to insert the raw text into a plain table, WAL + synchronous=FULL."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (body TEXT)")
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t VALUES (?)", [text])
        conn.execute("COMMIT")
        times.append((time.perf_counter() - start) * 1000)
    conn.close()
    return statistics.median(times)


def space_by_part(conn: sqlite3.Connection) -> dict[str, int] | None:
    """Bytes of the file used by the versions (their tables and indexes), by the search
    index, and free; None when this SQLite has no `dbstat` table."""
    try:
        rows = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        free = conn.execute("PRAGMA freelist_count").fetchone()[0] * page_size
    except sqlite3.Error:
        return None
    search = sum(n for name, n in rows if name.startswith("search"))
    return {"versions": sum(n for _, n in rows) - search, "search": search, "free": free}


def run(corpus: Path, name: str, versions: int) -> bool:
    rng = random.Random(17)
    text = sample_text(corpus, name)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.consult"
        raw = 0
        save_ms = []
        with Library.open(path, create=True) as lib:
            proposal = lib.create_proposal("Benchmark", "reference", text)
            raw += len(text.encode("utf-8"))
            content = lib.version(proposal.id).content
            for _ in range(versions - 1):
                text = small_edits(text, rng)
                content = replace(content, body=text)
                start = time.perf_counter()
                lib.save_version(proposal.id, content)
                save_ms.append((time.perf_counter() - start) * 1000)
                raw += len(text.encode("utf-8"))
            read_ms = []
            for _ in range(200):
                number = rng.randint(1, versions)
                start = time.perf_counter()
                lib.version(proposal.id, number)
                read_ms.append((time.perf_counter() - start) * 1000)
            lib.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            parts = space_by_part(lib.db.conn)
        size = path.stat().st_size
        ref_save = reference_save_ms(Path(tmp) / "ref.sqlite", text, 30)

    # The target is what the versions take. The search index holds one plain copy of the
    # latest text and its trigrams (the same whatever the number of versions), and the pages
    # FTS5 frees as it rewrites its index are reused by later writes: both are shown apart.
    versions_size = parts["versions"] if parts else size
    ratio = versions_size / raw * 100
    save, read = statistics.median(save_ms), statistics.median(read_ms)
    ok = ratio <= 3 and save <= 20 and read <= 5
    print(
        f"{name}: {versions} versions of {len(text):,} characters ({raw // versions:,} bytes each)"
    )
    what = "versions" if parts else "library size"
    print(
        f"  {what:14} {versions_size / 1024:9.1f} KB = {ratio:5.2f} % of {raw / 1024:,.0f} KB raw"
        "   (target ≤ 3 %)"
    )
    if parts:
        print(
            f"  search index   {parts['search'] / 1024:9.1f} KB (latest text + trigrams), "
            f"free pages {parts['free'] / 1024:.1f} KB, the file {size / 1024:.1f} KB "
            f"= {size / raw * 100:.2f} % of raw"
        )
    print(f"  save, median   {save:9.2f} ms   reference plain insert {ref_save:.2f} ms   "
          f"ratio {save / ref_save:.2f}   (target ≤ 20 ms)")  # fmt: skip
    print(f"  read, median   {read:9.2f} ms   worst {max(read_ms):.2f} ms   (target ≤ 5 ms)")
    print(f"  {'PASS' if ok else 'FAIL'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=100)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args()
    results = [
        run(args.corpus, "civil_code_cn/2020.md", args.versions),
        run(args.corpus, "us_title17/2011-08-25.md", args.versions),
    ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
