"""Inline spans: they rebuild both sides, read like an editor's markup, respect options."""

import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from consult.compare.inline import inline_spans
from consult.compare.text import Options

ALPHABET = st.sampled_from(list("第一条款项，。；：（）ab cdXY\n\t\u3000,.;😀é\u0301ש"))
TEXTS = st.text(ALPHABET, max_size=60)


def rebuilt(spans):
    old = "".join(s.old for s in spans if s.op != "insert")
    new = "".join(s.new for s in spans if s.op != "delete")
    return old, new


@settings(max_examples=300, deadline=None)
@given(
    TEXTS,
    TEXTS,
    st.sampled_from(["auto", "char", "word", "paragraph"]),
    st.booleans(),
    st.booleans(),
)
def test_spans_rebuild_both_texts_exactly(a, b, granularity, ignore_ws, ignore_width):
    spans = inline_spans(a, b, Options(granularity, ignore_ws, ignore_width))
    assert rebuilt(spans) == (a, b)
    for first, second in itertools.pairwise(spans):
        assert not (first.op == "equal" and second.op == "equal")  # neighbours are merged


# Spaced ASCII text (English law) takes its own path: words found by skipping over the text.
SPACED = st.text(st.sampled_from(list("ab cd  \n\t.x")), max_size=80)


@settings(max_examples=500, deadline=None)
@given(SPACED, SPACED)
def test_spaced_words_rebuild_both_texts_and_equal_means_equal_words(a, b):
    spans = inline_spans(a, b, Options())
    assert rebuilt(spans) == (a, b)
    for span in spans:
        if span.op == "equal":  # the same words and marks; spacing is ignored by default
            assert _tokens(span.old) == _tokens(span.new)
    for first, second in itertools.pairwise(spans):
        assert (first.op == "equal") != (second.op == "equal")  # runs alternate


def _tokens(text: str) -> list[str]:
    """Words and single punctuation marks ('. .' and '..' are both two full stops)."""
    return re.findall(r"\w+|[^\w\s]", text)


def ops(a, b, **options):
    return [(s.op, s.old, s.new) for s in inline_spans(a, b, Options(**options))]


def test_chinese_is_compared_by_character():
    assert ops("著作权人享有下列权利", "著作权人依法享有下列权利") == [
        ("equal", "著作权人", "著作权人"),
        ("insert", "", "依法"),
        ("equal", "享有下列权利", "享有下列权利"),
    ]


def test_english_is_compared_by_word():
    assert ops("the author of a work", "the authors of a work") == [
        ("equal", "the ", "the "),
        ("replace", "author", "authors"),
        ("equal", " of a work", " of a work"),
    ]


def test_character_granularity_splits_words():
    assert ("insert", "", "s") in ops("the author of", "the authors of", granularity="char")


def test_short_equal_islands_are_merged_into_the_change():
    # "的" alone between two rewritten stretches is noise, not an island worth reading.
    result = ops("应当显著标识的生成内容", "必须明确提示的合成内容")
    assert ("equal", "的", "的") not in result
    assert len(result) <= 2


def test_whitespace_differences_are_ignored_unless_asked():
    assert ops("第一条\u3000内容", "第一条 内容") == [("equal", "第一条\u3000内容", "第一条 内容")]
    assert ops("第一条\u3000内容", "第一条 内容", ignore_whitespace=False) != [
        ("equal", "第一条\u3000内容", "第一条 内容")
    ]


def test_full_and_half_width_punctuation_equal_when_asked():
    assert ops("公司，股东", "公司,股东", ignore_width=True) == [
        ("equal", "公司，股东", "公司,股东")
    ]
    assert ("replace", "，", ",") in ops("公司，股东", "公司,股东")


def test_a_huge_block_is_split_and_stays_exact():
    base = "".join(f"第{i}句话说明一项具体的规定内容。" for i in range(3000))
    changed = base.replace("第1500句话", "第1500句新话").replace("第10句", "第十句")
    spans = inline_spans(base, changed, Options())
    assert rebuilt(spans) == (base, changed)
    assert sum(len(s.old) for s in spans if s.op != "equal") < 40


def test_scattered_edits_in_one_huge_paragraph_are_each_found():
    import random
    from pathlib import Path

    corpus = Path(__file__).resolve().parents[4] / "shared" / "corpus"
    text = (corpus / "civil_code_cn/2020.md").read_text(encoding="utf-8").replace("\n", "")
    rng = random.Random(7)
    chars = list(text)
    for _ in range(200):
        chars[rng.randrange(len(chars))] = "改"
    edited = "".join(chars)
    spans = inline_spans(text, edited, Options())
    assert rebuilt(spans) == (text, edited)
    changed = [s for s in spans if s.op != "equal"]
    assert len(changed) >= 150  # one per edit, give or take neighbours merged
    assert sum(len(s.old) for s in changed) < 600  # never the whole text as one change


def test_mixed_chinese_and_english_each_by_its_own_unit():
    old = "第三条 生成式人工智能（Generative AI）服务提供者应当标注 AI-generated content。"
    new = "第三条 生成式人工智能（Generative Artificial Intelligence）服务提供者必须标注 AI-generated content。"
    result = ops(old, new)
    assert ("replace", "AI", "Artificial Intelligence") in result  # English: whole words
    assert ("replace", "应当", "必须") in result  # Chinese: characters
    assert rebuilt(inline_spans(old, new, Options())) == (old, new)


def test_mixed_texts_pair_by_article():
    from consult.compare import compare_texts

    old = "第一条 本法适用于 online platforms。\n\n第二条 平台应当公开 algorithm 的基本原理。"
    new = "第一条 本法适用于 online platforms。\n\n第二条 新增：数据出境规则。\n\n第三条 平台应当公开 recommendation algorithm 的基本原理。"
    result = compare_texts(old, new)
    assert result.by == "article"
    pairs = {(r.old.label, r.new.label): r.kind for r in result.rows if r.old and r.new}
    assert pairs == {("第一条", "第一条"): "unchanged", ("第二条", "第三条"): "modified"}
    assert result.stats["inserted"] == 1 and result.stats["renumbered"] == 1


def test_an_edited_paragraph_of_a_long_article_is_marked_word_by_word():
    from consult.compare import compare_texts

    paragraphs = [
        f"({n}) The operator shall keep record number {n} for five years." for n in range(1, 40)
    ]
    old = "Sec. 1. Records.\n" + "\n".join(paragraphs)
    paragraphs[20] = "(21) The operator shall keep record number 21 for seven years."
    new = "Sec. 1. Records.\n" + "\n".join(paragraphs)
    (row,) = compare_texts(old, new, by="article").rows
    changes = [(s.op, s.old, s.new) for s in row.spans if s.op != "equal"]
    assert changes == [("replace", "five", "seven")]
