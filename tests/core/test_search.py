"""Full-text search: Chinese and English, short queries, anything a user types, ranking and
snippets, and the search on an SQLite without the trigram tokenizer (RELIABILITY case 28)."""

from __future__ import annotations

import sqlite3

import pytest
from core_helpers import content
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consult import search as search_module
from consult.library import Library
from consult.search import HIT_END, HIT_START, search, search_notice, snippet_parts
from consult.storage import fulltext

DRAFT = "关于加强基层医疗卫生服务"


def ids(hits) -> list[str]:
    return [h.id for h in hits]


@pytest.fixture
def health(lib):
    """Two drafts about primary health care (title, body), and two others."""
    return {
        "title": lib.create_proposal(f"{DRAFT}的建议", "suggestion", "建议增加编制。").id,
        "body": lib.create_proposal(
            "基层卫生人才", "proposal", f"## 案由\n\n{DRAFT}，提高服务能力。\n"
        ).id,
        "other": lib.create_proposal("关于数据安全的议案", "motion", "第一条 数据处理活动。").id,
        "english": lib.create_proposal(
            "A Motion on Deepfakes", "motion", "Synthetic audio and video should carry a label."
        ).id,
    }


# -- RELIABILITY case 28 ------------------------------------------------------------------------


def test_case28_two_character_chinese_query_finds_the_drafts(lib, health):
    assert set(ids(search(lib, "医疗"))) == {health["title"], health["body"]}
    assert set(ids(search(lib, " 医疗 "))) == {health["title"], health["body"]}


SHORT = "医疗 服务 建议 议案 数据 务。 ai AI on s. of zq 量子 医 。 据 务 I n 王 z %"


@pytest.mark.parametrize("query", SHORT.split())
def test_case28_short_queries_find_what_like_finds(lib, health, monkeypatch, query):
    """Words of one or two characters are looked up in the index (a word at the very end of a
    title or a body too); the proposals found are those LIKE finds by reading every text."""
    at_the_end = {
        "ai": lib.create_proposal("Rules on AI", "note", "It ends with AI").id,  # both end so
        "服务": lib.create_proposal("服务", "note", "提供服务").id,
        "on": lib.create_proposal("S", "note", "on").id,  # the whole body
        "议案": lib.create_proposal("某议案", "note", "正文").id,  # the title only
        "数据": lib.create_proposal("U", "note", "y", tags=["分类/数据"]).id,  # a tag only
        "据": lib.create_proposal("V", "note", "依据").id,
        "n": lib.create_proposal("W", "note", "Dan").id,
    }
    assert fulltext.verify(lib.db) == []
    by_index = set(ids(search(lib, query)))
    monkeypatch.setattr(fulltext, "index_usable", lambda db: False)
    by_like = set(ids(search(lib, query)))
    assert by_index == by_like
    if query.lower() in at_the_end:
        assert at_the_end[query.lower()] in by_index


def test_two_character_words_use_the_index(lib, health, monkeypatch):
    def no_like(*args, **kwargs):
        raise AssertionError("a 2-character word must be looked up in the index")

    monkeypatch.setattr(search_module, "_ranked_by_like", no_like)
    assert set(ids(search(lib, "医疗"))) == {health["title"], health["body"]}
    assert ids(search(lib, "医疗 议案")) == []
    assert ids(search(lib, "on label")) == [health["english"]]


def test_case28_four_character_chinese_query_uses_the_full_text_index(lib, health, monkeypatch):
    def no_like(*args, **kwargs):
        raise AssertionError("a 4-character query must use the trigram index")

    monkeypatch.setattr(search_module, "_ranked_by_like", no_like)
    assert set(ids(search(lib, "医疗卫生"))) == {health["title"], health["body"]}
    assert ids(search(lib, DRAFT))[0] == health["title"]  # the title hit first
    assert search(lib, "医疗卫生服务体系") == []


@pytest.mark.parametrize(
    "query",
    [
        'a', '"', '""', '"医疗', "医疗'", "'", "AND", "OR", "NOT", "a OR b", "医疗 AND 卫生",
        "NOT 医疗", "(", ")", "(医疗卫生", "医疗卫生)", "*", "医疗*", "*医疗卫生", ":", "title:医疗",
        "body:x", "^", "^医疗卫生", "-", "-医疗卫生", "+", "NEAR(医疗 卫生)", "{title}: abc",
        '"医疗" OR "卫生"', "\\", "%", "_", "%%%", "___", "\\%_", "'; DROP TABLE proposals; --",
        "\x00", "医\x00疗", "\ud800abc", "", "   ", "\t\n",
    ],
)  # fmt: skip
def test_case28_whatever_the_user_types_never_raises(lib, health, query):
    hits = search(lib, query)
    assert isinstance(hits, list)
    assert all(h.id in health.values() for h in hits)
    assert lib.count() == 4  # and nothing was written


@pytest.mark.parametrize("query", ["a", "A", "Deepfakes", "deepfakes", "DEEPFAKES", "label"])
def test_english_queries_ignore_case(lib, health, query):
    assert health["english"] in ids(search(lib, query))


def test_single_characters_match_literally(lib, health):
    percent = lib.create_proposal("Rates", "note", "a rise of 5% a year").id
    assert ids(search(lib, "%")) == [percent]
    assert ids(search(lib, "5%")) == [percent]
    assert search(lib, "_") == []
    quoted = lib.create_proposal("Quotes", "note", 'the so-called "safe harbour" rule').id
    assert ids(search(lib, '"')) == [quoted]
    assert ids(search(lib, '"safe harbour"')) == [quoted]  # the quotes are text, not syntax
    assert ids(search(lib, "(a")) == []


def test_every_word_must_appear(lib, health):
    assert ids(search(lib, "synthetic label")) == [health["english"]]
    assert search(lib, "synthetic 医疗卫生") == []
    # short and long words together: the short ones through LIKE, on the index's results
    assert ids(search(lib, "Deepfakes on")) == [health["english"]]
    assert search(lib, "Deepfakes zq") == []
    assert set(ids(search(lib, "医疗 服务"))) == {health["title"], health["body"]}


def test_tags_are_searched(lib, health):
    lib.add_tags(health["other"], ["数据安全/跨境", "AI/copyright"])
    assert ids(search(lib, "跨境")) == [health["other"]]
    assert ids(search(lib, "copyright")) == [health["other"]]
    assert ids(search(lib, "AI")) == [health["other"]]


# -- ranking and snippets -----------------------------------------------------------------------


def test_a_title_hit_ranks_above_body_hits(lib):
    body_only = [
        lib.create_proposal(f"Note {n}", "note", "copyright " * 20 + f"text {n}").id
        for n in range(3)
    ]
    titled = lib.create_proposal("Copyright in AI-generated works", "proposal", "Owners.").id
    hits = search(lib, "copyright")
    assert ids(hits)[0] == titled
    assert set(ids(hits)) == {titled, *body_only}
    assert hits[0].score > hits[1].score


@pytest.mark.parametrize("index", [True, False])
@pytest.mark.parametrize("query", ["AI", "保", "AI 保"])
def test_a_title_hit_ranks_first_for_short_queries_too(lib, monkeypatch, query, index):
    titled = lib.create_proposal("AI 保险", "note", "Who pays.").id
    body_only = lib.create_proposal("Zeta", "note", "The AI Act applies. 保险。").id  # newer
    if not index:
        monkeypatch.setattr(fulltext, "index_usable", lambda db: False)
    assert ids(search(lib, query)) == [titled, body_only]


@pytest.mark.parametrize("query", ["医疗卫生", "医疗"])
def test_snippets_mark_the_hits_in_the_body(lib, health, query):
    hit = next(h for h in search(lib, query) if h.id == health["body"])
    assert f"{HIT_START}{query}{HIT_END}" in hit.snippet
    assert "\n" not in hit.snippet
    marked = [text for text, is_hit in snippet_parts(hit.snippet) if is_hit]
    assert marked and all(query in text for text in marked)
    plain = "".join(text for text, _ in snippet_parts(hit.snippet))
    assert HIT_START not in plain and HIT_END not in plain
    assert "服务" in plain


@pytest.mark.parametrize("query", ["医疗卫生", "医疗"])
def test_the_snippet_comes_from_the_body_when_the_title_matches_too(lib, query):
    lib.create_proposal(f"{DRAFT}的建议", "suggestion", f"第一条 {DRAFT}，提高服务能力。")
    [hit] = search(lib, query)
    assert hit.title == f"{DRAFT}的建议"
    assert hit.snippet.startswith("第一条") and "提高服务能力" in hit.snippet


def test_a_snippet_of_a_long_body_is_one_short_line_around_the_hit(lib):
    body = "前言。" * 400 + "\n\n第十二条 医疗卫生机构应当公开服务价格。\n\n" + "附则。" * 400
    p = lib.create_proposal("长文本", "reference", body).id
    for query in ("医疗卫生机构", "医疗"):
        [hit] = search(lib, query)
        assert hit.id == p
        assert HIT_START + query in hit.snippet
        assert len(hit.snippet) < 100
        assert hit.snippet.startswith("…") and hit.snippet.endswith("…")


def test_a_title_only_hit_shows_the_marked_title(lib, health):
    [hit] = search(lib, "数据安全")
    assert hit.id == health["other"]
    assert hit.snippet == f"关于{HIT_START}数据安全{HIT_END}的议案"


def test_guillemets_in_the_text_are_not_taken_for_hits(lib):
    lib.create_proposal("Quote", "note", "He said «ceci n'est pas» a hit, then copyright.")
    [hit] = search(lib, "copyright")
    assert [text for text, is_hit in snippet_parts(hit.snippet) if is_hit] == ["copyright"]
    assert "‹ceci n'est pas›" in hit.snippet
    [hit] = search(lib, "«ceci")
    assert [text for text, is_hit in snippet_parts(hit.snippet) if is_hit] == ["‹ceci"]


def test_private_use_characters_are_text(lib):
    # GBK's user-defined characters decode to the private use area (U+E000 …).
    lib.create_proposal("PUA", "note", "\ue000\ue001 rare characters, then copyright.")
    [hit] = search(lib, "copyright")
    assert snippet_parts(hit.snippet) == [
        ("\ue000\ue001 rare characters, then ", False),
        ("copyright", True),
        (".", False),
    ]


def test_the_limit_is_respected(lib):
    for n in range(8):
        lib.create_proposal(f"Deepfake note {n}", "note", "deepfakes")
    assert len(search(lib, "deepfake", limit=3)) == 3
    assert len(search(lib, "de", limit=3)) == 3
    assert search(lib, "deepfake", limit=0) == []


# -- without the trigram tokenizer --------------------------------------------------------------


def test_case28_an_sqlite_before_3_34_or_without_trigram_fts5_is_detected(monkeypatch):
    fulltext.trigram_available.cache_clear()
    try:
        assert fulltext.trigram_available()  # this SQLite: 3.34 or later, with FTS5 trigram
        fulltext.trigram_available.cache_clear()
        monkeypatch.setattr(sqlite3, "sqlite_version_info", (3, 31, 1))
        assert not fulltext.trigram_available()
        monkeypatch.undo()
        fulltext.trigram_available.cache_clear()

        class NoTrigram:  # FTS5 built without the tokenizer: the probe table fails
            def __init__(self, real):
                self.real = real

            def execute(self, sql, *args):
                if "trigram" in sql:
                    raise sqlite3.OperationalError("no such tokenizer: trigram")
                return self.real.execute(sql, *args)

            def close(self):
                self.real.close()

        real_connect = sqlite3.connect
        monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: NoTrigram(real_connect(*a, **k)))
        assert not fulltext.trigram_available()
    finally:
        monkeypatch.undo()
        fulltext.trigram_available.cache_clear()
    assert fulltext.trigram_available()


def test_case28_without_the_trigram_tokenizer_search_uses_like_and_says_so_once(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(fulltext, "trigram_available", lambda: False)
    monkeypatch.setattr(search_module, "_noticed", False)
    with Library.open(tmp_path / "old-sqlite.consult", create=True) as lib:
        assert not fulltext.has_index(lib.db)  # nothing this SQLite could not read
        p = lib.create_proposal(f"{DRAFT}的建议", "suggestion", "第一条 提高服务能力。")
        lib.save_version(p.id, content(f"{DRAFT}的建议", "第一条 提高基层服务能力。"))
        for query in ("医疗", "医疗卫生", "基层服务能力", '"'):
            assert ids(search(lib, query)) == ([p.id] if query != '"' else [])
        notice = search_notice(lib)
        assert notice and "3.34" in notice
        assert search_notice(lib) is None  # once
        assert fulltext.verify(lib.db) == []
    # The same library opened where the tokenizer exists: rebuilding gives it the index.
    monkeypatch.undo()
    with Library.open(tmp_path / "old-sqlite.consult") as lib:
        assert search(lib, "医疗卫生")[0].id == p.id
        with lib.batch():
            assert fulltext.rebuild(lib.db) == 1
        assert fulltext.index_usable(lib.db)
        assert ids(search(lib, "基层服务能力")) == [p.id]
        assert fulltext.verify(lib.db) == []


def test_case28_an_index_this_sqlite_cannot_use_is_marked_stale_and_search_still_works(
    lib, health, monkeypatch
):
    monkeypatch.setattr(fulltext, "trigram_available", lambda: False)
    lib.save_version(health["english"], content("A Motion on Deepfakes", "Watermarks now."))
    lib.trash(health["other"])
    assert fulltext.is_stale(lib.db)
    assert ids(search(lib, "watermarks")) == [health["english"]]
    assert search(lib, "label") == []
    assert search(lib, "数据安全") == []
    monkeypatch.undo()
    # Back on an SQLite with the tokenizer: the index knows it missed changes.
    assert not fulltext.index_usable(lib.db)
    assert any("lacks" in p for p in fulltext.verify(lib.db))
    assert ids(search(lib, "watermarks")) == [health["english"]]
    with lib.batch():
        fulltext.rebuild(lib.db, lib.blobs)
    assert fulltext.verify(lib.db) == []
    assert ids(search(lib, "watermarks")) == [health["english"]]
    assert search(lib, "数据安全") == []


# -- anything at all ----------------------------------------------------------------------------

_ALPHABET = st.characters(
    categories=["L", "M", "N", "P", "S", "Zs"], exclude_characters="\x00"
) | st.sampled_from(list("\"()*:^-+%_\\'NEAROT 医疗卫生服务«»\n\t"))


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    path = tmp_path_factory.mktemp("hypothesis") / "mixed.consult"
    with Library.open(path, create=True) as lib:
        lib.create_proposal(
            f"{DRAFT}的建议", "suggestion", "建议「增加」编制 (一) AND *医疗*", tags=["医疗"]
        )
        lib.create_proposal('Quotes "and" NOT operators', "note", 'col:umn ^start -x NEAR(a b) "')
    library = Library.open(path)
    yield library
    library.close()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=st.text(alphabet=_ALPHABET, max_size=40) | st.text(max_size=40))
def test_arbitrary_input_never_raises(mixed, query):
    hits = search(mixed, query, limit=10)
    assert len(hits) <= 10
    for hit in hits:
        assert hit.snippet and hit.title


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=st.text(alphabet=_ALPHABET, min_size=1, max_size=80),
    data=st.data(),
)
def test_any_piece_of_a_body_finds_it(tmp_path_factory, body, data):
    """Whatever a user copies out of a proposal finds that proposal."""
    start = data.draw(st.integers(0, len(body) - 1))
    end = data.draw(st.integers(start + 1, min(len(body), start + 12)))
    query = body[start:end]
    if not query.split():
        return
    path = tmp_path_factory.mktemp("piece") / "piece.consult"
    with Library.open(path, create=True) as lib:
        target = lib.create_proposal("Target", "note", body).id
        lib.create_proposal("Other", "note", "unrelated text 无关")
        assert target in ids(search(lib, query))
