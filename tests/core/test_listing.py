"""The list's queries: filters agree with `list_proposals`, the text filter finds what a user
types (Chinese, any case, `%` and `_` as themselves), every sort key orders as it says, and the
facet counts agree with the library's own."""

from __future__ import annotations

from datetime import timedelta

import pytest

from consult import clock
from consult.library import Library
from consult.listing import (
    ListFilter,
    SortKey,
    facet_counts,
    proposal_ids,
    proposals_by_id,
    tag_counts,
)
from consult.model import Kind, Proposal, Status


@pytest.fixture
def library(lib) -> Library:
    """Eight proposals with a spread of metadata, updated one after another."""
    rows = [
        ("关于明确人工智能生成内容著作权归属的议案", "motion", "draft", ["王立群"], ["李四", "张三"],
         "十四届全国人大三次会议", ["AI/copyright", "著作权"]),
        ("Voice and Likeness Protection Act", "amendment", "ready", ["Elena Novak"], [],
         "2027 regular session", ["AI/deepfake", "likeness"]),
        ("100% renewable grid", "suggestion", "submitted", ["Ben Okafor"], ["Chloe Hughes"],
         "", ["energy"]),
        ("snake_case naming in statutes", "note", "draft", [], [], "", []),
        ("100 percent sure", "note", "accepted", [], [], "", []),
        ("École numérique et données", "proposal", "withdrawn", ["Inès Moreau"], [],
         "2027 regular session", ["AI"]),
        ("关于加强声音权益保护的提案", "proposal", "ready", ["沈若溪"], ["黄立平"],
         "全国政协十四届三次会议", ["AI/deepfake", "人格权"]),
        ("zeta plan", "plan", "archived", ["Alice"], [], "14th NPC", ["AI/copyright"]),
    ]  # fmt: skip
    moment = clock.now()
    for n, (title, kind, status, sponsors, cosigners, session, tags) in enumerate(rows):
        with clock.pinned(moment + timedelta(minutes=n)):
            lib.create_proposal(
                title,
                kind,
                f"Body {n}",
                status=status,
                sponsors=sponsors,
                cosigners=cosigners,
                session=session,
                tags=tags,
            )
    return lib


def titles(lib: Library, where: ListFilter, **sort) -> list[str]:
    found = proposals_by_id(lib.db, ids := proposal_ids(lib.db, where, **sort))
    return [found[i].title for i in ids]


def test_the_default_list_is_list_proposals_in_its_order(library):
    assert proposal_ids(library.db) == [p.id for p in library.list_proposals()]


@pytest.mark.parametrize(
    "where",
    [
        {"tag": "AI"},
        {"tag": "ai/DEEPFAKE"},
        {"tag": "no such tag"},
        {"kind": "note"},
        {"status": Status.READY},
        {"session": "2027 regular session"},
        {"kind": "proposal", "tag": "AI"},
    ],
)
def test_facet_filters_agree_with_list_proposals(library, where):
    assert proposal_ids(library.db, ListFilter(**where)) == [
        p.id for p in library.list_proposals(**where)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("著作权归属", {"关于明确人工智能生成内容著作权归属的议案"}),  # a Chinese substring
        ("VOICE", {"Voice and Likeness Protection Act"}),  # any case
        ("likeness ACT", {"Voice and Likeness Protection Act"}),  # every word, anywhere
        ("voice zzz", set()),
        ("école", {"École numérique et données"}),  # beyond A–Z
        ("ÉCOLE", {"École numérique et données"}),
        ("张三", {"关于明确人工智能生成内容著作权归属的议案"}),  # a co-signer
        ("okafor", {"100% renewable grid"}),  # a sponsor
        ("chloe", {"100% renewable grid"}),
        ("全国政协", {"关于加强声音权益保护的提案"}),  # a session
        ("deepfake", {"Voice and Likeness Protection Act", "关于加强声音权益保护的提案"}),  # tags
        ("人格", {"关于加强声音权益保护的提案"}),
        ("%", {"100% renewable grid"}),  # LIKE's wildcards are plain characters
        ("100%", {"100% renewable grid"}),
        ("_", {"snake_case naming in statutes"}),
        ("e_c", {"snake_case naming in statutes"}),
    ],
)
def test_text_filter(library, text, expected):
    assert set(titles(library, ListFilter(text=text))) == expected


def test_text_filter_combines_with_facets_and_skips_the_trash(library):
    both = ListFilter(text="AI", kind="proposal")
    assert set(titles(library, both)) == {
        "École numérique et données",
        "关于加强声音权益保护的提案",
    }
    gone = next(p for p in library.list_proposals() if p.title.startswith("École"))
    library.trash(gone.id)
    assert set(titles(library, both)) == {"关于加强声音权益保护的提案"}
    assert titles(library, ListFilter(text="école", trashed=True)) == ["École numérique et données"]


def _expected_key(p: Proposal, key: SortKey):
    return {
        SortKey.TITLE: p.title.casefold(),
        SortKey.KIND: list(Kind).index(p.kind),
        SortKey.STATUS: list(Status).index(p.status),
        SortKey.TAGS: "\x1f".join(sorted(t.casefold() for t in p.tags)),
        SortKey.SESSION: p.session.casefold(),
        SortKey.UPDATED: p.updated,
        SortKey.VERSIONS: p.versions,
    }[key]


@pytest.mark.parametrize("key", list(SortKey))
@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_key_orders_all_proposals(library, key, descending):
    some = library.list_proposals()[2]
    library.edit(some.id, body="a second version")  # so that VERSIONS has something to sort
    ids = proposal_ids(library.db, sort=key, descending=descending)
    proposals = proposals_by_id(library.db, ids)
    keys = [_expected_key(proposals[i], key) for i in ids]
    assert keys == sorted(keys, reverse=descending)
    assert sorted(ids) == sorted(p.id for p in library.list_proposals())
    # A first page is the first part of the whole order.
    assert proposal_ids(library.db, sort=key, descending=descending, limit=3) == ids[:3]


def test_statuses_sort_in_their_working_order_not_alphabetically(library):
    ids = proposal_ids(library.db, sort=SortKey.STATUS, descending=False)
    found = proposals_by_id(library.db, ids)
    statuses = [found[i].status for i in ids]
    assert statuses[0] == Status.DRAFT and statuses[-1] == Status.ARCHIVED
    assert statuses.index(Status.SUBMITTED) < statuses.index(Status.ACCEPTED)


def test_tag_counts_are_the_librarys_own(library):
    library.add_tags(library.list_proposals()[0].id, ["AI/copyright/training"])
    library.trash(next(p.id for p in library.list_proposals() if p.title == "zeta plan"))
    library.set_tag_color("AI", "#3a7bd5")
    assert tag_counts(library.db) == library.tags()
    ai = next(t for t in tag_counts(library.db) if t.name == "AI")
    assert ai.color == "#3a7bd5" and ai.count == len(library.list_proposals(tag="AI"))


def test_facet_counts_count_what_list_proposals_lists(library):
    library.trash(library.list_proposals()[0].id)
    counts = facet_counts(library.db)
    listed = library.list_proposals()
    assert counts.total == len(listed) == library.count()
    for kind in Kind:
        assert counts.kinds.get(kind, 0) == len(library.list_proposals(kind=kind))
    for status in Status:
        assert counts.statuses.get(status, 0) == len(library.list_proposals(status=status))
    assert counts.sessions == {
        s: len(library.list_proposals(session=s)) for s in {p.session for p in listed if p.session}
    }


def test_proposals_by_id_reads_many_ids_and_skips_unknown_ones(library):
    ids = proposal_ids(library.db)
    found = proposals_by_id(library.db, [*ids * 200, "nosuchid00"])  # over one `IN (…)` chunk
    assert set(found) == set(ids)
    assert found[ids[0]] == library.get(ids[0])


def _plans(library: Library, run) -> list[str]:
    """The query plans of the SELECTs on `proposals` that `run()` executes."""
    seen: list[str] = []
    conn = library.db.conn
    conn.set_trace_callback(seen.append)
    try:
        run()
    finally:
        conn.set_trace_callback(None)
    return [
        " ".join(row[-1] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
        for sql in seen
        if sql.lstrip().upper().startswith("SELECT") and "FROM proposals" in sql
    ]


def test_only_the_unfiltered_list_by_date_reads_the_index_of_live_proposals(library):
    # Walking the partial index and looking every row up is 2-3 times slower than a scan for
    # a filtered or differently sorted list; the plain list by date reads the index alone.
    plain = _plans(library, lambda: proposal_ids(library.db, limit=500))
    assert plain and all("COVERING INDEX proposals_live" in plan for plan in plain)
    for where, sort in (
        (ListFilter(kind="motion"), SortKey.UPDATED),
        (ListFilter(text="ai"), SortKey.UPDATED),
        (ListFilter(), SortKey.TITLE),
    ):
        plans = _plans(library, lambda w=where, s=sort: proposal_ids(library.db, w, sort=s))
        assert plans and not any("proposals_live" in plan for plan in plans), (where, sort)
    facets = _plans(library, lambda: facet_counts(library.db))
    assert facets and not any("proposals_live" in plan for plan in facets)


def test_proposals_found_in_their_text_are_listed_with_those_matching_by_title(library):
    by_title = proposal_ids(library.db, ListFilter(text="voice"))
    others = [pid for pid in proposal_ids(library.db) if pid not in by_title]
    found = frozenset(others[:2])
    listed = proposal_ids(library.db, ListFilter(text="voice", found=found))
    assert set(listed) == set(by_title) | found
    assert proposal_ids(library.db, ListFilter(text="voice", kind="note", found=found)) == [
        pid for pid in listed if library.get(pid).kind.value == "note"
    ]  # the other filters still apply to what the text search found
