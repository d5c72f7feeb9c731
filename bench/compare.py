"""Compare benchmark: every corpus pair, timed beside `git diff --no-index --word-diff`.

    python bench/compare.py [--corpus ../shared/corpus] [--runs 5]

For each pair: the median time of a full comparison in this process (structure, alignment and
every inline span, from the two texts in memory), the median wall time of git's word diff of
the same two files (a process of its own) measured in the same run, and their ratio. Targets
(PRODUCT.md, issue 3): us_title17 2010-06-29 → 2011-08-25 ≤ 1.5 × git; every Chinese pair
≤ 30 ms. Also a synthetic amendment of the Civil Code (1,260 articles).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from consult.compare import compare_texts
from consult.compare.numerals import parse_chinese, to_chinese

ROOT = Path(__file__).resolve().parent.parent
PAIRS = [
    ("copyright_cn/2010.md", "copyright_cn/2020.md"),
    ("legislation_law_cn/2015.md", "legislation_law_cn/2023.md"),
    ("company_law_cn/2018.md", "company_law_cn/2023.md"),
    ("civil_procedure_cn/2021.md", "civil_procedure_cn/2023.md"),
    ("criminal_law_cn/2022-amXI.md", "criminal_law_cn/2024-amXII.md"),
    ("us_title17/2009-11-06.md", "us_title17/2010-06-29.md"),
    ("us_title17/2010-06-29.md", "us_title17/2011-08-25.md"),
    ("us_title17/2011-08-25.md", "us_title17/2012-04-14.md"),
]
TITLE17_TARGET = ("us_title17/2010-06-29.md", "us_title17/2011-08-25.md")


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def git_ms(old: Path, new: Path, runs: int) -> float:
    cmd = ["git", "diff", "--no-index", "--word-diff", str(old), str(new)]
    return median_ms(lambda: subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False), runs)


def synthetic_civil_code(text: str) -> str:
    """The Civil Code with an article inserted near the start (renumbering the 1,259 after
    it), one deleted, and a few words changed: the everyday amendment at full size."""
    out, shift = [], 0
    for line in text.split("\n"):
        m = re.match(r"第([一二三四五六七八九十百千零]+)条", line)
        if m:
            n = parse_chinese(m.group(1)) or 0
            if n == 3:
                out += [
                    "第三条 民事主体从事民事活动，应当遵循绿色原则，节约资源，保护生态环境。",
                    "",
                ]
                shift = 1
            if n == 500:
                shift = 0
                continue
            line = f"第{to_chinese(n + shift)}条" + line[m.end() :]
            if n % 97 == 0:
                line = line.replace("应当", "必须", 1)
        out.append(line)
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if shutil.which("git") is None:
        print("git is needed for the reference timing")
        return 2
    ok = True
    print(f"{'pair':<58} {'consult':>9} {'git':>8} {'ratio':>6}  target")
    cases = [(args.corpus / a, args.corpus / b, f"{a} → {b}") for a, b in PAIRS]
    with tempfile.TemporaryDirectory() as tmp:
        civil = args.corpus / "civil_code_cn/2020.md"
        amended = Path(tmp) / "civil_code_amended.md"
        amended.write_text(
            synthetic_civil_code(civil.read_text(encoding="utf-8")), encoding="utf-8"
        )
        cases.append((civil, amended, "civil_code_cn/2020.md → synthetic amendment"))
        for old, new, name in cases:
            a, b = old.read_text(encoding="utf-8"), new.read_text(encoding="utf-8")
            compare_texts(a, b)  # warm up (imports, regex compilation)
            ours = median_ms(lambda a=a, b=b: compare_texts(a, b), args.runs)
            git = git_ms(old, new, args.runs)
            ratio = ours / git
            if "us_title17" in name:
                target = (
                    "≤ 1.5× git"
                    if name.startswith(TITLE17_TARGET[0]) and TITLE17_TARGET[1] in name
                    else ""
                )
                passed = ratio <= 1.5 if target else True
            else:
                target, passed = "≤ 30 ms", ours <= 30
            ok &= passed
            mark = ("PASS" if passed else "FAIL") if target else ""
            print(f"{name:<58} {ours:7.1f}ms {git:6.1f}ms {ratio:6.2f}  {target} {mark}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
