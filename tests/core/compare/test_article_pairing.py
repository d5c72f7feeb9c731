"""Article pairing of the compare engine, measured against ground truth:

(a) real amendments read by hand (data/copyright_2010_2020_pairs.py,
    data/legislation_2015_2023_pairs.py): every listed pair is found, inserted and deleted
    articles are shown as such;
(b) synthetic amendments of real laws with known ground truth (synth.py): pairing F1 ≥ 0.95;
(c) small hand-written cases, Chinese and English: insertion at the start, a moved article, a
    split, a deletion, identical texts, an empty side.

The corpus is read from ../shared/corpus beside the repository, never copied in."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from synth import (
    article_labels,
    f1,
    from_chinese_numeral,
    make_amendment,
    parse_articles,
    to_chinese_numeral,
)

from consult.compare import compare_texts

HERE = Path(__file__).resolve().parent
CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus"


def _load(name: str) -> ModuleType:
    """A ground-truth module of data/, loaded by path (no package, no sys.path change)."""
    spec = importlib.util.spec_from_file_location(name, HERE / "data" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


COPYRIGHT = _load("copyright_2010_2020_pairs")
LEGISLATION = _load("legislation_2015_2023_pairs")


@functools.cache
def read(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def summary(text: str | None, width: int = 60) -> str:
    if text is None:
        return "—"
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[:width] + "…"


def describe(row) -> str:
    old = f"{row.old.label} «{summary(row.old.text)}»" if row.old else "—"
    new = f"{row.new.label} «{summary(row.new.text)}»" if row.new else "—"
    return f"{row.kind}: {old} → {new}"


# --- (a) real amendments ------------------------------------------------------------------------

REAL = {
    "copyright": ("copyright_cn/2010.md", "copyright_cn/2020.md", COPYRIGHT),
    "legislation": ("legislation_law_cn/2015.md", "legislation_law_cn/2023.md", LEGISLATION),
}


def inserted_of(data: ModuleType) -> list[tuple[str, str]]:
    """INSERTED_IN_2020 / INSERTED_IN_2023: the module's one INSERTED_IN_… list."""
    return next(v for k, v in vars(data).items() if k.startswith("INSERTED_IN_"))


def deleted_of(data: ModuleType) -> list[tuple[str, str]]:
    return next(v for k, v in vars(data).items() if k.startswith("DELETED_FROM_"))


@functools.cache
def real(law: str):
    """(result, rows by old article label, rows by new article label) for a real pair."""
    old_name, new_name, _ = REAL[law]
    result = compare_texts(read(old_name), read(new_name), by="article")
    old_labels = set(article_labels(read(old_name)))
    new_labels = set(article_labels(read(new_name)))
    by_old = {
        r.old.label: r for r in result.rows if r.old is not None and r.old.label in old_labels
    }
    by_new = {
        r.new.label: r for r in result.rows if r.new is not None and r.new.label in new_labels
    }
    return result, by_old, by_new


def test_ground_truth_names_real_articles_once_each():
    """Independent of the engine: every label of the ground truth is an article of its text and
    is used once; the copyright ground truth accounts for every article of both texts."""
    for old_name, new_name, data in REAL.values():
        inserted = inserted_of(data)
        deleted = deleted_of(data)
        same = [label for label, _ in data.UNCHANGED_NUMBER]
        same += [label for label, _ in getattr(data, "MODIFIED_SAME_NUMBER", [])]
        olds = [o for o, _, _ in data.RENUMBERED] + same + [o for o, _, _ in data.SPLIT]
        olds += [label for label, _ in deleted]
        news = [n for _, n, _ in data.RENUMBERED] + same + [n for _, n, _ in data.SPLIT]
        news += [part for _, _, part in data.SPLIT] + [label for label, _ in inserted]
        assert len(olds) == len(set(olds)) and len(news) == len(set(news))
        assert set(olds) <= set(article_labels(read(old_name)))
        assert set(news) <= set(article_labels(read(new_name)))
        assert all(o != n for o, n, _ in data.RENUMBERED)
    assert len(set(article_labels(read("copyright_cn/2010.md")))) == 61
    assert len(set(article_labels(read("copyright_cn/2020.md")))) == 67
    copyright_olds = (
        len(COPYRIGHT.RENUMBERED)
        + len(COPYRIGHT.UNCHANGED_NUMBER)
        + len(COPYRIGHT.MODIFIED_SAME_NUMBER)
        + len(COPYRIGHT.SPLIT)
        + len(COPYRIGHT.DELETED_FROM_2010)
    )
    copyright_news = copyright_olds - len(COPYRIGHT.DELETED_FROM_2010) + len(COPYRIGHT.SPLIT)
    assert (copyright_olds, copyright_news + len(COPYRIGHT.INSERTED_IN_2020)) == (61, 67)


def _number(label: str) -> str:
    """第一百零四条 → "104" (ASCII test ids)."""
    return str(from_chinese_numeral(label[1:-1]))


def _pair_cases():
    cases = []
    for law, (_, _, data) in REAL.items():
        triples = list(data.RENUMBERED)
        triples += [(label, label, note) for label, note in data.UNCHANGED_NUMBER]
        triples += [
            (label, label, note) for label, note in getattr(data, "MODIFIED_SAME_NUMBER", [])
        ]
        triples += [(old, keep, "split: keeps most of the text") for old, keep, _ in data.SPLIT]
        cases += [
            pytest.param(law, old, new, note, id=f"{law}-{_number(old)}-{_number(new)}")
            for old, new, note in triples
        ]
    return cases


def _texts(law: str) -> tuple[dict[str, str], dict[str, str]]:
    old_name, new_name, _ = REAL[law]
    return dict(parse_articles(read(old_name))), dict(parse_articles(read(new_name)))


@pytest.mark.parametrize(("law", "old", "new", "note"), _pair_cases())
def test_real_pairs_are_found(law, old, new, note):
    _, by_old, by_new = real(law)
    old_texts, new_texts = _texts(law)
    assert old in old_texts and new in new_texts  # the ground truth names real articles
    row = by_old.get(old)
    assert row is not None, f"{old} of the old text is in no row"
    found = row.new.label if row.new is not None else None
    assert found == new, (
        f"{law}: {old} «{summary(old_texts[old])}» should pair with {new} "
        f"«{summary(new_texts[new])}» ({note}); the engine gave {describe(row)}; "
        f"{new} is in: {describe(by_new[new]) if new in by_new else 'no row'}"
    )
    assert row.kind in ("unchanged", "modified", "moved")


def _inserted_cases():
    cases = []
    for law, (_, _, data) in REAL.items():
        inserted = inserted_of(data)
        cases += [(law, label, note) for label, note in inserted]
        cases += [(law, part, f"split off {old}") for old, _, part in data.SPLIT]
    return cases


@pytest.mark.parametrize(("law", "new", "note"), _inserted_cases())
def test_real_inserted_articles_are_inserted_rows(law, new, note):
    _, _, by_new = real(law)
    row = by_new.get(new)
    assert row is not None, f"{new} of the new text is in no row"
    assert row.kind == "inserted" and row.old is None, f"{law}: {new} ({note}): {describe(row)}"


def _deleted_cases():
    cases = []
    for law, (_, _, data) in REAL.items():
        deleted = deleted_of(data)
        cases += [(law, label, note) for label, note in deleted]
    return cases


@pytest.mark.parametrize(("law", "old", "note"), _deleted_cases())
def test_real_deleted_articles_are_deleted_rows(law, old, note):
    _, by_old, _ = real(law)
    row = by_old.get(old)
    assert row is not None, f"{old} of the old text is in no row"
    assert row.kind == "deleted" and row.new is None, f"{law}: {old} ({note}): {describe(row)}"


def test_real_identical_articles_are_unchanged_even_when_renumbered():
    """Articles whose text is word for word the same (the publishers' spacing aside) are
    "unchanged" rows, wherever their number went; only moved ones are "moved"."""
    wrong = []
    for law, (_, _, data) in REAL.items():
        _, by_old, _ = real(law)
        identical = [o for o, _, note in data.RENUMBERED if "text identical" in note]
        identical += getattr(data, "IDENTICAL_TEXT", [])
        wrong += [describe(by_old[o]) for o in identical if by_old[o].kind != "unchanged"]
    assert wrong == []


def test_copyright_moved_articles_are_moved_rows():
    _, by_old, _ = real("copyright")
    # old 35 (chapter 4) became new 16 (chapter 2)
    assert by_old["第三十五条"].kind == "moved", describe(by_old["第三十五条"])
    # old 54 and 55 swapped places: one of the two is a move
    kinds = {by_old["第五十四条"].kind, by_old["第五十五条"].kind}
    assert "moved" in kinds, [describe(by_old[o]) for o in ("第五十四条", "第五十五条")]


def test_copyright_stats_match_the_ground_truth():
    result, _, _ = real("copyright")
    stats = result.stats
    assert stats["renumbered"] == len(COPYRIGHT.RENUMBERED)
    assert stats["inserted"] == len(COPYRIGHT.INSERTED_IN_2020) + len(COPYRIGHT.SPLIT)
    assert stats["deleted"] == len(COPYRIGHT.DELETED_FROM_2010)
    assert stats["inserted"] + sum(stats[k] for k in ("unchanged", "modified", "moved")) == 67
    assert stats["deleted"] + sum(stats[k] for k in ("unchanged", "modified", "moved")) == 61


# --- (b) synthetic amendments -------------------------------------------------------------------


# Every law whole (the Civil Code's 1,260 articles included: the engine pairs them in well under
# a second), the 2010 copyright text for its other publisher's layout.
SYNTHETIC = [
    "civil_code_cn/2020.md",
    "criminal_law_cn/2024-amXII.md",
    "company_law_cn/2018.md",
    "copyright_cn/2020.md",
    "pipl_cn/2021.md",
    "data_security_cn/2021.md",
    "copyright_cn/2010.md",
]
SEEDS = (1, 2, 3, 4, 5)


def predicted_pairs(result, old_text: str, new_text: str) -> list[tuple[int, int]]:
    """The engine's pairs as (old position, new position) among the articles of each text."""
    old_pos = {label: i for i, label in enumerate(article_labels(old_text), 1)}
    new_pos = {label: i for i, label in enumerate(article_labels(new_text), 1)}
    return [
        (old_pos[row.old.label], new_pos[row.new.label])
        for row in result.rows
        if row.old is not None
        and row.new is not None
        and row.old.label in old_pos
        and row.new.label in new_pos
    ]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", SYNTHETIC)
def test_synthetic_amendments_are_paired(name, seed):
    text = read(name)
    new_text, truth = make_amendment(text, seed)
    result = compare_texts(text, new_text, by="article")
    predicted = predicted_pairs(result, text, new_text)
    score = f1(predicted, truth)
    print(f"F1 {name} seed {seed}: {score:.4f}")
    if score < 0.95:
        old_articles = [t for _, t in parse_articles(text)]
        new_articles = [t for _, t in parse_articles(new_text)]
        true = {(o, n) for o, n in truth if o is not None and n is not None}
        got = set(predicted)
        lines = [f"F1 {score:.3f} for {name}, seed {seed}"]
        for o, n in sorted(got - true):
            lines.append(
                f"  wrong pair {o}→{n}: «{summary(old_articles[o - 1])}» / "
                f"«{summary(new_articles[n - 1])}»"
            )
        for o, n in sorted(true - got):
            lines.append(f"  missed pair {o}→{n}: «{summary(old_articles[o - 1])}»")
        pytest.fail("\n".join(lines[:40]))


# --- (c) small hand-written cases ---------------------------------------------------------------

# An invented regulation (written for these tests) on public bicycles.
BASE = [
    "为了规范公共自行车服务，保障使用者的合法权益，制定本条例。",
    "本条例适用于本市行政区域内公共自行车的设置、运营、使用和监督管理。",
    "市交通运输主管部门负责公共自行车的统筹规划和监督管理工作，区人民政府负责本辖区内站点的建设协调。",
    "运营单位应当保持车辆和站点设施完好，定期检修车辆，及时调配车辆，保障车辆正常使用。",
    "使用者应当文明用车，不得损坏车辆或者站点设施，不得将车辆停放在妨碍通行的地点。",
    "运营单位应当公布收费标准和服务规范，设立服务热线，及时处理使用者的投诉和建议。",
    "违反本条例规定，损坏公共自行车或者站点设施的，应当依法承担赔偿责任。",
    "本条例自公布之日起施行。",
]
NEW_ARTICLE = "鼓励企业和社会组织参与公共自行车站点的建设，所需用地由区人民政府统筹安排。"


def law(bodies: list[str], start: int = 1) -> str:
    return "".join(
        f"第{to_chinese_numeral(i)}条 {body}\n\n" for i, body in enumerate(bodies, start)
    )


def pairs_by_number(result) -> dict[int, tuple[int | None, str]]:
    """old article number → (new article number or None, kind)."""
    return {
        row.old.number: (row.new.number if row.new is not None else None, row.kind)
        for row in result.rows
        if row.old is not None and row.old.number is not None
    }


def inserted_numbers(result) -> list[int]:
    return [
        row.new.number
        for row in result.rows
        if row.kind == "inserted" and row.new is not None and row.new.number is not None
    ]


def check_stats_agree_with_rows(result) -> None:
    """By article, the stats count article rows (headings and preambles are rows too)."""
    counted = [
        row
        for row in result.rows
        if result.by != "article" or (row.new or row.old).kind == "article"
    ]
    for kind in ("unchanged", "modified", "inserted", "deleted", "moved"):
        assert result.stats[kind] == sum(row.kind == kind for row in counted), kind
    renumbered = sum(
        1
        for row in result.rows
        if row.old is not None
        and row.new is not None
        and row.old.number is not None
        and row.new.number is not None
        and row.old.number != row.new.number
    )
    assert result.stats["renumbered"] == renumbered


def test_an_article_inserted_at_the_start_renumbers_all_the_others():
    result = compare_texts(law(BASE), law([NEW_ARTICLE, *BASE]), by="article")
    n = len(BASE)
    assert pairs_by_number(result) == {i: (i + 1, "unchanged") for i in range(1, n + 1)}
    assert inserted_numbers(result) == [1]
    assert result.stats["unchanged"] == n and result.stats["renumbered"] == n
    assert result.stats["inserted"] == 1
    assert result.stats["modified"] == result.stats["deleted"] == result.stats["moved"] == 0
    check_stats_agree_with_rows(result)
    labels = {row.old.label: row.new.label for row in result.rows if row.old and row.new}
    assert labels["第一条"] == "第二条" and labels["第八条"] == "第九条"


def test_a_moved_article_is_a_moved_row():
    order = [0, 1, 3, 4, 5, 6, 2, 7]  # article 3 moved after article 7
    result = compare_texts(law(BASE), law([BASE[i] for i in order]), by="article")
    expected = {old + 1: new + 1 for new, old in enumerate(order)}
    got = pairs_by_number(result)
    assert {o: n for o, (n, _) in got.items()} == expected
    assert got[3] == (7, "moved")
    assert all(kind == "unchanged" for o, (_, kind) in got.items() if o != 3)
    assert result.stats["moved"] == 1 and result.stats["inserted"] == result.stats["deleted"] == 0
    check_stats_agree_with_rows(result)


def test_a_split_article_pairs_with_the_part_that_keeps_most_of_its_text():
    first = BASE[3]
    second = "运营单位应当建立车辆档案。"
    old = [*BASE[:3], f"{first}\n\n{second}", *BASE[4:]]
    new = [*BASE[:3], first, second, *BASE[4:]]
    result = compare_texts(law(old), law(new), by="article")
    got = pairs_by_number(result)
    assert got[4] == (4, "modified")
    assert inserted_numbers(result) == [5]
    assert {o: n for o, (n, _) in got.items()} == {i: i if i <= 4 else i + 1 for i in range(1, 9)}
    assert result.stats["renumbered"] == 4  # old 5–8 → new 6–9
    check_stats_agree_with_rows(result)


def test_a_deleted_article_is_a_deleted_row():
    new = BASE[:4] + BASE[5:]  # article 5 deleted
    result = compare_texts(law(BASE), law(new), by="article")
    got = pairs_by_number(result)
    assert got[5] == (None, "deleted")
    assert {o: n for o, (n, _) in got.items() if o != 5} == {
        1: 1,
        2: 2,
        3: 3,
        4: 4,
        6: 5,
        7: 6,
        8: 7,
    }
    assert all(kind == "unchanged" for o, (_, kind) in got.items() if o != 5)
    assert result.stats["deleted"] == 1 and result.stats["renumbered"] == 3
    check_stats_agree_with_rows(result)


def test_a_deleted_article_replaced_by_an_unrelated_one_is_not_paired_with_it():
    """Article 5 deleted and an unrelated article inserted in its place, with its number:
    two different provisions — a deleted row and an inserted row, not one "modified" row."""
    new = [*BASE[:4], NEW_ARTICLE, *BASE[5:]]
    result = compare_texts(law(BASE), law(new), by="article")
    got = pairs_by_number(result)
    assert got[5] == (None, "deleted")
    assert inserted_numbers(result) == [5]
    assert all(got[i] == (i, "unchanged") for i in range(1, 9) if i != 5)
    check_stats_agree_with_rows(result)


def test_a_moved_article_is_found_even_when_a_new_one_takes_its_number():
    """Article 3 moved to the end and an unrelated article inserted where it was: article 3
    pairs with its new place (moved), the new article is inserted."""
    new = [*BASE[:2], NEW_ARTICLE, *BASE[3:], BASE[2]]
    result = compare_texts(law(BASE), law(new), by="article")
    got = pairs_by_number(result)
    assert got[3] == (9, "moved")
    assert inserted_numbers(result) == [3]
    check_stats_agree_with_rows(result)


def test_an_edited_article_keeps_its_number_and_is_modified():
    edited = list(BASE)
    edited[4] = edited[4].replace("文明用车", "文明、安全用车")
    result = compare_texts(law(BASE), law(edited), by="article")
    got = pairs_by_number(result)
    assert got[5] == (5, "modified")
    assert all(got[i] == (i, "unchanged") for i in range(1, 9) if i != 5)
    assert result.stats["renumbered"] == 0
    check_stats_agree_with_rows(result)


def test_identical_texts_are_all_unchanged():
    text = law(BASE)
    result = compare_texts(text, text, by="article")
    assert pairs_by_number(result) == {i: (i, "unchanged") for i in range(1, 9)}
    assert all(row.kind == "unchanged" for row in result.rows)
    assert result.stats["renumbered"] == 0
    assert result.stats["unchanged"] == len(result.rows)
    check_stats_agree_with_rows(result)


def test_an_empty_old_side_is_all_inserted():
    result = compare_texts("", law(BASE), by="article")
    assert all(row.kind == "inserted" and row.old is None for row in result.rows)
    assert inserted_numbers(result) == list(range(1, 9))
    assert result.stats["inserted"] == len(result.rows) and result.stats["renumbered"] == 0
    check_stats_agree_with_rows(result)


def test_an_empty_new_side_is_all_deleted():
    result = compare_texts(law(BASE), "", by="article")
    assert all(row.kind == "deleted" and row.new is None for row in result.rows)
    assert sorted(pairs_by_number(result)) == list(range(1, 9))
    assert result.stats["deleted"] == len(result.rows) and result.stats["renumbered"] == 0
    check_stats_agree_with_rows(result)


def test_articles_move_between_chapters_and_headings_are_not_articles():
    old = "第一章 总则\n\n" + law(BASE[:4]) + "第二章 使用与管理\n\n" + law(BASE[4:], 5)
    # article 2 moves to the end of chapter 2
    new = (
        "第一章 总则\n\n"
        + law([BASE[0], *BASE[2:4]])
        + "第二章 使用与管理\n\n"
        + law([*BASE[4:], BASE[1]], 4)
    )
    result = compare_texts(old, new, by="article")
    got = pairs_by_number(result)
    assert got[2] == (8, "moved")
    assert {o: n for o, (n, _) in got.items()} == {1: 1, 2: 8, 3: 2, 4: 3, 5: 4, 6: 5, 7: 6, 8: 7}
    check_stats_agree_with_rows(result)


# English: invented provisions, headers as in the US Code (Sec. N.) and as in treaties (Article N).

EN_BODIES = [
    ("Short title", "This Act may be cited as the Public Bicycle Services Act."),
    (
        "Definitions",
        "In this Act, the term operator means any person who provides shared bicycles to "
        "the public for a fee.",
    ),
    (
        "Duties of operators",
        "Each operator shall keep its bicycles and docking stations in good repair and shall "
        "publish its fees.",
    ),
    (
        "Complaints",
        "Each operator shall maintain a telephone service line and answer every complaint "
        "within thirty days.",
    ),
    (
        "Penalties",
        "An operator that violates section 3 shall be liable for a civil penalty of not more "
        "than 1,000 dollars.",
    ),
    ("Effective date", "This Act takes effect 90 days after the date of its enactment."),
]
EN_NEW = (
    "Grants",
    "The Secretary may make grants to cities for the construction of docking stations.",
)


def sec_text(bodies) -> str:
    return "".join(f"Sec. {i}. {title}\n\n{text}\n\n" for i, (title, text) in enumerate(bodies, 1))


def article_text(bodies) -> str:
    return "".join(
        f"Article {i}\n\n{title}. {text}\n\n" for i, (title, text) in enumerate(bodies, 1)
    )


@pytest.mark.parametrize("render", [sec_text, article_text], ids=["Sec. N.", "Article N"])
def test_english_articles_inserted_and_deleted(render):
    # a section inserted after section 2, section 5 deleted
    old = EN_BODIES
    new = [*EN_BODIES[:2], EN_NEW, *EN_BODIES[2:4], EN_BODIES[5]]
    result = compare_texts(render(old), render(new), by="article")
    assert result.by == "article"
    got = pairs_by_number(result)
    assert {o: n for o, (n, _) in got.items()} == {1: 1, 2: 2, 3: 4, 4: 5, 5: None, 6: 6}
    assert got[5][1] == "deleted"
    assert all(got[o][1] == "unchanged" for o in (1, 2, 3, 4, 6))
    assert inserted_numbers(result) == [3]
    assert result.stats["renumbered"] == 2  # 3 → 4, 4 → 5; 6 stays 6
    check_stats_agree_with_rows(result)
