"""Markdown export and import of a library of 10,000 proposals (50,000 versions).

    python bench/io.py [--library PATH] [--count 10000] [--keep]

The generated library (bench/generate_library.py, cached at PATH) is copied into a temporary
folder through SQLite's backup API and never touched itself. Timed, each once:

(a) export of every proposal (latest versions) to a folder of Markdown files;
(b) import of that folder into a new, empty library;
(c) import of the same folder again into that library: every file is already there;
(d) import of the same folder into the copy it was exported from: every file is unchanged.

Targets (issue 5): (a) and (b) ≤ 30 s; (c) and (d) are held to the same. Each import's report
must say what it should (10,000 imported, or 10,000 unchanged), else the run fails.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate_library import add_library_options, copy_library, ensure

from consult.library import Library
from consult.markdown_io.exporter import export_proposals
from consult.markdown_io.importer import ImportReport, Outcome, import_paths

ROOT = Path(__file__).resolve().parent.parent

TARGET_SECONDS = 30.0


def timed(label: str, run, check) -> bool:
    start = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - start
    problem = check(result)
    verdict = "ok" if seconds <= TARGET_SECONDS and not problem else "FAIL"
    print(f"{label:<44} {seconds:7.2f} s   (target ≤ {TARGET_SECONDS:.0f} s)  {verdict}")
    if problem:
        print(f"    {problem}")
    return verdict == "ok"


def expect(outcome: Outcome, count: int):
    def check(report: ImportReport) -> str | None:
        got = len(report.of(outcome))
        if got != count or report.stopped or len(report.of(Outcome.FAILED)):
            return f"expected {count} {outcome.value}; got {report.summary()}"
        return None

    return check


def report_search(library: Path) -> bool:
    """Search latency over the same library: Chinese and English queries (bench/search.py)."""
    from search import report  # bench/ is on sys.path (see main)

    return report(library)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_library_options(parser)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)

    ensure(args.library, args.count)

    work = Path(tempfile.mkdtemp(prefix="consult-bench-io-"))
    try:
        source = copy_library(args.library, work / "source.consult")
        out = work / "export"
        n = args.count
        with Library.open(source) as lib, Library.open(work / "new.consult", create=True) as new:
            results = [
                timed(
                    f"(a) export {n:,} proposals",
                    lambda: export_proposals(lib, out),
                    lambda r: None if len(r.files) == n and r.ok else "; ".join(r.lines()),
                ),
                timed(
                    f"(b) import {n:,} files into a new library",
                    lambda: import_paths(new, [out]),
                    expect(Outcome.IMPORTED, n),
                ),
                timed(
                    "(c) the same files again (all there)",
                    lambda: import_paths(new, [out]),
                    expect(Outcome.UNCHANGED, n),
                ),
                timed(
                    "(d) the same files into their source",
                    lambda: import_paths(lib, [out]),
                    expect(Outcome.UNCHANGED, n),
                ),
            ]
        results.append(report_search(source))
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
