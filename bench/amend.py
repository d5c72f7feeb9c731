"""Amendment instructions benchmark: drafting and applying, beside comparing, on every corpus
pair.

    python bench/amend.py [--corpus ../shared/corpus] [--runs 5]

For each pair: the median time of a full comparison (compare_texts, the reference measured in
the same run), of drafting the instructions (draft_amendment: the comparison, the choice of
each instruction and the drafter's own check, which applies them) and of applying the written
instructions to the old text (apply_instructions: parse and apply); the two as ratios to the
comparison, and whether the round trip gave the new text's articles back. There is no target
in PRODUCT.md; drafting should stay within a small multiple of comparing (it compares once
and applies once), applying well below it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from consult.compare import compare_texts
from consult.compare.amendments import draft_amendment
from consult.compare.consolidate import apply_instructions
from consult.compare.instruction_writer import render
from consult.compare.instructions import normalise_space
from consult.compare.structure import units
from consult.compare.text import prepare

ROOT = Path(__file__).resolve().parent.parent
PAIRS = [
    ("copyright_cn/2010.md", "copyright_cn/2020.md"),
    ("legislation_law_cn/2015.md", "legislation_law_cn/2023.md"),
    ("company_law_cn/2018.md", "company_law_cn/2023.md"),
    ("civil_procedure_cn/2021.md", "civil_procedure_cn/2023.md"),
    ("criminal_law_cn/2022-amXI.md", "criminal_law_cn/2024-amXII.md"),
    ("us_title17/2010-06-29.md", "us_title17/2011-08-25.md"),
]


def median_time(runs: int, job, *args):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = job(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def articles(text: str) -> list[str]:
    return [
        normalise_space(u.text)
        for u in units(prepare(text), by_article=True)
        if u.kind == "article"
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(
        f"{'pair':48} {'compare':>9} {'draft':>9} {'×':>5} {'apply':>9} {'×':>5}  instr  round trip"
    )
    ok = True
    for old_name, new_name in PAIRS:
        old = (args.corpus / old_name).read_text(encoding="utf-8")
        new = (args.corpus / new_name).read_text(encoding="utf-8")
        compared, _ = median_time(args.runs, compare_texts, old, new)
        drafted, amendment = median_time(args.runs, draft_amendment, old, new)
        written = render(amendment)
        applied, result = median_time(args.runs, apply_instructions, old, written)
        same = articles(result) == articles(new)
        ok &= same
        print(
            f"{old_name + ' → ' + Path(new_name).stem:48} {compared * 1000:7.1f}ms"
            f" {drafted * 1000:7.1f}ms {drafted / compared:5.1f} {applied * 1000:7.1f}ms"
            f" {applied / compared:5.2f}  {len(amendment.instructions):5}  "
            f"{'exact' if same else 'DIFFERS'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
