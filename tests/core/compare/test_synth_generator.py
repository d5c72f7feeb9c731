"""The synthetic-amendment generator (synth.py) checked on its own, without the compare engine:
its numerals are right, it reads the real laws back exactly, its output is renumbered
consecutively and its ground truth is consistent with the text it wrote."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz, process
from synth import (
    Other,
    article_labels,
    f1,
    from_chinese_numeral,
    make_amendment,
    parse,
    parse_articles,
    render,
    to_chinese_numeral,
)

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus"

# law file → number of articles (a paragraph that starts with 第X条 / 第X条之一)
LAWS = {
    "civil_code_cn/2020.md": 1260,
    "criminal_law_cn/2024-amXII.md": 505,
    "company_law_cn/2018.md": 218,
    "copyright_cn/2020.md": 67,
    "copyright_cn/2010.md": 61,
    "legislation_law_cn/2015.md": 105,
    "pipl_cn/2021.md": 74,
    "data_security_cn/2021.md": 55,
}
AMENDED = [
    "civil_code_cn/2020.md",
    "criminal_law_cn/2024-amXII.md",
    "company_law_cn/2018.md",
    "copyright_cn/2020.md",
    "pipl_cn/2021.md",
    "data_security_cn/2021.md",
    "copyright_cn/2010.md",  # full-width indentation, front matter, table of contents
]


def read(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def body(article_text: str) -> str:
    """An article's text without its head 第X条."""
    parts = article_text.split(None, 1)
    return parts[1] if len(parts) > 1 else ""


@pytest.mark.parametrize(
    ("number", "numeral"),
    [
        (1, "一"),
        (2, "二"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (105, "一百零五"),
        (110, "一百一十"),
        (111, "一百一十一"),
        (120, "一百二十"),
        (200, "二百"),
        (999, "九百九十九"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (1011, "一千零一十一"),
        (1100, "一千一百"),
        (1110, "一千一百一十"),
        (1260, "一千二百六十"),
        (1300, "一千三百"),
    ],
)
def test_numerals(number, numeral):
    assert to_chinese_numeral(number) == numeral
    assert from_chinese_numeral(numeral) == number


@given(st.integers(min_value=1, max_value=9999))
def test_numerals_round_trip(number):
    assert from_chinese_numeral(to_chinese_numeral(number)) == number


def test_numerals_match_the_civil_code_heads():
    """The Civil Code numbers its 1,260 articles consecutively: the official heads are the
    reference for every numeral from 1 to 1260."""
    labels = article_labels(read("civil_code_cn/2020.md"))
    assert labels == [f"第{to_chinese_numeral(i)}条" for i in range(1, 1261)]


@pytest.mark.parametrize(("name", "count"), LAWS.items())
def test_parse_renders_back_exactly(name, count):
    text = read(name)
    assert render(parse(text)) == text
    assert len(article_labels(text)) == count
    assert len(set(article_labels(text))) == count  # labels are unique within a law


def test_copyright_2010_front_matter_and_contents_are_not_articles():
    text = read("copyright_cn/2010.md")
    articles = parse_articles(text)
    assert articles[0][0] == "第一条" and articles[-1][0] == "第六十一条"
    # the table of contents lists chapters and sections only; an article never swallows a
    # chapter heading
    assert not any("第二章" in t.split("\n", 1)[-1] for _, t in articles if "\n" in t)


def headings(text: str) -> list[str]:
    return [line for item in parse(text) if isinstance(item, Other) for line in item.lines if line]


@pytest.mark.parametrize("name", AMENDED)
@pytest.mark.parametrize("seed", range(5))
def test_amendment_is_renumbered_and_its_ground_truth_is_consistent(name, seed):
    text = read(name)
    old = [body(t) for _, t in parse_articles(text)]
    new_text, truth = make_amendment(text, seed)
    assert make_amendment(text, seed) == (new_text, truth)  # deterministic
    new = [body(t) for _, t in parse_articles(new_text)]

    # consecutive heads with correct numerals, nothing else read as an article
    assert article_labels(new_text) == [
        f"第{to_chinese_numeral(i)}条" for i in range(1, len(new) + 1)
    ]
    # chapter headings and the preamble are untouched
    assert headings(new_text) == headings(text)

    # every old article and every new article appears exactly once in the ground truth
    assert (None, None) not in truth
    assert sorted(o for o, _ in truth if o is not None) == list(range(1, len(old) + 1))
    assert sorted(n for _, n in truth if n is not None) == list(range(1, len(new) + 1))
    pairs = [(o, n) for o, n in truth if o is not None and n is not None]
    inserted = [n for o, n in truth if o is None]
    deleted = [o for o, n in truth if n is None]
    assert 1 <= len(inserted) <= 6  # 1–5, and one more for a split
    assert 1 <= len(deleted) <= 6  # 1–5, and one more for a merge

    # at least one article moved: the pairs are not in the same order on both sides
    by_old = [n for _, n in sorted(pairs)]
    assert by_old != sorted(by_old)

    # paired articles are the same provision: identical, or edited keeping most of the text
    ratios = [fuzz.ratio(old[o - 1], new[n - 1]) for o, n in pairs]
    assert min(ratios) >= 60
    modified = sum(1 for r in ratios if r < 100)
    assert 3 <= modified <= 11  # 3–10 edits, and one more for a split or merge

    # inserted articles are invented, not copies; only a split-off part may resemble old text
    resembling = [
        n
        for n in inserted
        if process.extractOne(new[n - 1], old, scorer=fuzz.ratio)[1] >= 60  # type: ignore[index]
    ]
    assert len(resembling) <= 1


def test_each_amendment_mixes_the_operations_as_specified():
    text = read("pipl_cn/2021.md")
    seen = set()
    for seed in range(30):
        log: list = []
        make_amendment(text, seed, log)
        kinds = [kind for kind, _ in log]
        assert 1 <= kinds.count("insert") <= 5
        assert 1 <= kinds.count("delete") <= 5
        assert 1 <= kinds.count("move") <= 3
        assert 3 <= kinds.count("edit") <= 10
        assert kinds.count("split") + kinds.count("merge") <= 1
        touched = [n for kind, n in log if n is not None]
        assert len(touched) == len(set(touched))  # one operation per article
        seen.update(kinds)
    assert seen == {"insert", "delete", "move", "edit", "split", "merge"}


def test_f1():
    truth = [(1, 1), (2, 3), (3, None), (None, 2), (4, 4)]
    assert f1(truth, truth) == 1.0
    assert f1([(1, 1), (2, 3), (4, 4), (None, 2), (3, None)], truth) == 1.0
    assert f1([(1, 1), (2, 3)], truth) == pytest.approx(2 * 1.0 * (2 / 3) / (1 + 2 / 3))
    assert f1([(1, 1), (2, 2), (3, 3), (4, 4)], truth) == pytest.approx(
        2 * 0.5 * (2 / 3) / (0.5 + 2 / 3)
    )
    assert f1([], truth) == 0.0
    assert f1([], [(1, None)]) == 1.0
