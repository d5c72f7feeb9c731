"""Search and related-proposal latency on a library of 10,000 proposals (50,000 versions).

    python bench/search.py [--library PATH] [--count 10000] [--runs 20]

The generated library (bench/generate_library.py, cached at PATH and never modified) is copied
through the backup API into a temporary folder; opening the copy builds the search index
(migration 0003), which is timed. Then: Chinese and English queries of 1, 2 and 4+ characters,
each run `--runs` times (median and worst, in ms, and the number of hits, at most 50); related
proposals of 20 proposals; saving a version and renaming a tag, with the index kept in step.

Target (issue 5): search median ≤ 20 ms over all the queries' runs. `report(path)` runs the
measurements on a library file (it may be migrated) and returns whether the target is met:
bench/io.py calls it.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generate_library import add_library_options, copy_library, ensure  # noqa: E402 (bench/ is the script's folder)

from consult.library import Library  # noqa: E402
from consult.related import related  # noqa: E402
from consult.search import search  # noqa: E402

TARGET_MS = 20.0
QUERIES = {
    "zh 1 char": ["法", "王"],
    "zh 2 chars": ["医疗", "监管", "量子"],
    "zh 4+ chars": ["人工智能", "医疗卫生", "数据安全", "建议有关部门加快", "量子计算"],
    "en 1 char": ["a", "z"],
    "en 2 chars": ["AI", "of", "qx"],
    "en 4+ chars": ["copyright", "deepfakes", "data security", "training data disclosure"],
}


def timings(run: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        out.append((time.perf_counter() - start) * 1000)
    return out


def report(library: Path, runs: int = 20) -> bool:
    """Print search, related and indexing figures for `library`; True when search meets the
    target (median ≤ 20 ms over every run of every query)."""
    start = time.perf_counter()
    with Library.open(library) as lib:
        opened = time.perf_counter() - start
        size = library.stat().st_size / 1e6
        print(
            f"open (with the search index built if missing)   {opened:7.2f} s   file {size:.0f} MB"
        )
        every: list[float] = []
        print(f"{'query':<36} {'hits':>5} {'median':>8} {'worst':>8}")
        for group, queries in QUERIES.items():
            for query in queries:
                hits = len(search(lib, query))  # warm: the first run reads pages from disk
                times = timings(lambda q=query: search(lib, q), runs)
                every += times
                print(
                    f"{group + ': ' + query:<36} {hits:>5} {statistics.median(times):7.2f}  "
                    f"{max(times):7.2f} ms"
                )
        median = statistics.median(every)
        verdict = "ok" if median <= TARGET_MS else "FAIL"
        print(
            f"search, all queries: median {median:.2f} ms, worst {max(every):.2f} ms   "
            f"(target: median ≤ {TARGET_MS:.0f} ms)  {verdict}"
        )

        ids = [r[0] for r in lib.db.execute("SELECT id FROM proposals ORDER BY id LIMIT 20")]
        related(lib, ids[0])
        times = [t for pid in ids for t in timings(lambda p=pid: related(lib, p), 3)]
        print(
            f"related (20 proposals × 3): median {statistics.median(times):.2f} ms, "
            f"worst {max(times):.2f} ms"
        )

        target = ids[0]
        content = lib.version(target).content
        saves = []
        for n in range(runs):
            edited = replace(content, body=content.body + f"\n\n补充说明 {n}。\n")
            saves += timings(lambda c=edited: lib.save_version(target, c), 1)
        print(f"save a version (index in step): median {statistics.median(saves):.2f} ms")
        tag, count = lib.db.execute(
            "SELECT t.name, count(*) FROM proposal_tags pt JOIN tags t ON t.id = pt.tag_id "
            "GROUP BY t.id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
        start = time.perf_counter()
        lib.rename_tag(tag, tag + " (renamed)")
        seconds = time.perf_counter() - start
        print(f"rename the tag on {count:,} proposals (all re-indexed): {seconds:.2f} s")
    return verdict == "ok"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_library_options(parser)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)

    ensure(args.library, args.count)
    work = Path(tempfile.mkdtemp(prefix="consult-bench-search-"))
    try:
        copy = copy_library(args.library, work / "library.consult")
        ok = report(copy, args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
