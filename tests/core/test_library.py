"""Library operations as a user (or the desktop app) performs them."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone

import pytest
from core_helpers import content

from consult import clock
from consult.errors import InvalidInput, NotFound
from consult.library import Library
from consult.model import Base, Kind, Status

T2026 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def row_counts(lib: Library) -> dict[str, int]:
    tables = ("proposals", "versions", "blobs", "tags", "proposal_tags", "drafts")
    return {t: lib.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


# -- create_proposal ------------------------------------------------------------------------


def test_create_proposal_has_its_first_version_metadata_and_tags(lib):
    p = lib.create_proposal(
        "关于数据安全的议案",
        "motion",
        "第一条 内容。\n",
        status="ready",
        sponsors=["王立群", "Helen Marsh"],
        cosigners=["张明", "李华"],
        session="14th NPC, 3rd session",
        tags=["AI/copyright", "著作权"],
        label="初稿",
    )
    got = lib.get(p.id)
    assert (got.title, got.kind, got.status) == ("关于数据安全的议案", Kind.MOTION, Status.READY)
    assert got.sponsors == ("王立群", "Helen Marsh")
    assert got.cosigners == ("张明", "李华")
    assert got.session == "14th NPC, 3rd session"
    assert set(got.tags) == {"AI/copyright", "著作权"}
    assert (got.version, got.versions) == (1, 1)
    [info] = lib.versions(p.id)
    assert (info.number, info.label) == (1, "初稿")
    v1 = lib.version(p.id)
    assert v1.content.body == "第一条 内容。\n"
    assert v1.content.sponsors == ("王立群", "Helen Marsh")
    assert info.sha256 == v1.content.sha256() == got.sha256


def test_create_proposal_cleans_what_it_stores(lib):
    p = lib.create_proposal(
        "  Data \t security  act ", "note", "a\r\nb\rc", sponsors=[" Ann ", "", "Ann", "Bo"]
    )
    assert p.title == "Data security act"
    assert p.sponsors == ("Ann", "Bo")
    assert lib.version(p.id).content.body == "a\nb\nc"


INVALID_CREATE = [
    pytest.param({"kind": "bill"}, "not a kind", id="unknown-kind"),
    pytest.param({"status": "done"}, "not a status", id="unknown-status"),
    pytest.param({"title": ""}, "needs a title", id="empty-title"),
    pytest.param({"title": " \t\n "}, "needs a title", id="blank-title"),
    pytest.param({"title": "x" * 501}, "at most 500", id="long-title"),
    pytest.param({"body": "text\x00more"}, "NUL", id="nul-in-body"),
    pytest.param({"sponsors": ["Ann\x00"]}, "NUL", id="nul-in-sponsor"),
    pytest.param({"session": "s\x00"}, "NUL", id="nul-in-session"),
    pytest.param({"label": "l\x00"}, "NUL", id="nul-in-label"),
    pytest.param({"tags": ["fine", "a,b"]}, "not a tag name", id="comma-in-tag"),
    pytest.param({"tags": ["AI//x"]}, "not a tag name", id="empty-tag-segment"),
    pytest.param({"title": "A\x00B"}, "NUL", id="nul-in-title"),
]


@pytest.mark.parametrize(("changes", "message"), INVALID_CREATE)
def test_invalid_create_is_refused_with_a_clear_message_and_writes_nothing(lib, changes, message):
    lib.create_proposal("Existing", "note", "kept", tags=["keep"])
    before = row_counts(lib)
    args = {"title": "A title", "kind": "note", "body": "text", **changes}
    with pytest.raises(InvalidInput, match=message):
        lib.create_proposal(args.pop("title"), args.pop("kind"), args.pop("body"), **args)
    assert row_counts(lib) == before


# -- get / resolve --------------------------------------------------------------------------


@pytest.fixture
def fixed_ids(lib, monkeypatch):
    """Proposals with chosen ids, two of which share their first 8 characters."""
    wanted = iter(["abcd0000x1", "abcd0000y2", "bcde123456"])
    monkeypatch.setattr(Library, "_new_id", lambda self: next(wanted))
    return [lib.create_proposal(t, "note").id for t in ("one", "two", "three")]


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("abcd0000x1", "abcd0000x1"),
        ("ABCD0000X1", "abcd0000x1"),
        (" abcd0000y2 ", "abcd0000y2"),
        ("abcd0000x", "abcd0000x1"),
        ("bcde", "bcde123456"),
        ("bcde1234", "bcde123456"),
    ],
)
def test_resolve_accepts_the_id_or_a_unique_prefix(fixed_ids, lib, ref, expected):
    assert lib.resolve(ref) == expected
    assert lib.get(lib.resolve(ref)).id == expected


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("abcd", "several"),
        ("abcd0000", "several"),
        ("bcd", "No proposal"),  # unique, but shorter than 4 characters
        ("zzzz", "No proposal"),
        ("bcde12345678", "No proposal"),
        ("", "No proposal"),
    ],
)
def test_resolve_refuses_ambiguous_short_or_unknown_refs(fixed_ids, lib, ref, message):
    with pytest.raises(NotFound, match=message):
        lib.resolve(ref)


def test_get_of_an_unknown_id_is_not_found(lib):
    with pytest.raises(NotFound, match="nosuchid00"):
        lib.get("nosuchid00")


# -- list_proposals -------------------------------------------------------------------------


@pytest.fixture
def listed(lib):
    made = {}
    specs = [
        ("A", "motion", "ready", "S1", ["AI/copyright"]),
        ("B", "proposal", "draft", "S1", ["ai"]),
        ("C", "motion", "draft", "S2", ["health"]),
        ("D", "note", "draft", "S1", ["AI"]),
    ]
    for i, (title, kind, status, session, tags) in enumerate(specs):
        with clock.pinned(T2026 + timedelta(hours=i)):
            made[title] = lib.create_proposal(
                title, kind, status=status, session=session, tags=tags
            ).id
    lib.trash(made["D"])
    return made


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["C", "B", "A"]),  # most recently updated first, trash left out
        ({"tag": "AI"}, ["B", "A"]),  # includes AI/copyright
        ({"tag": "ai"}, ["B", "A"]),
        ({"tag": "AI/copyright"}, ["A"]),
        ({"tag": "no-such-tag"}, []),
        ({"kind": "motion"}, ["C", "A"]),
        ({"kind": Kind.PROPOSAL}, ["B"]),
        ({"status": "ready"}, ["A"]),
        ({"session": "S1"}, ["B", "A"]),
        ({"session": "S9"}, []),
        ({"kind": "motion", "tag": "AI"}, ["A"]),
        ({"trashed": True}, ["D"]),
        ({"trashed": True, "tag": "AI"}, ["D"]),
    ],
)
def test_list_proposals_filters(listed, lib, filters, expected):
    assert [p.title for p in lib.list_proposals(**filters)] == expected


def test_list_with_an_unknown_kind_is_refused(lib):
    with pytest.raises(InvalidInput, match="not a kind"):
        lib.list_proposals(kind="bill")


# -- save_version ---------------------------------------------------------------------------


def test_saving_identical_content_twice_makes_one_version(lib):
    p = lib.create_proposal("T", "note", "v1")
    first = lib.save_version(p.id, content("T", "line 1\nline 2\n"))
    again = lib.save_version(p.id, content("T", "line 1\nline 2\n"))
    crlf = lib.save_version(p.id, content(" T ", "line 1\r\nline 2\r\n"))
    assert first.created and not again.created and not crlf.created
    assert again.version.number == crlf.version.number == 2
    assert [v.number for v in lib.versions(p.id)] == [1, 2]
    assert lib.get(p.id).versions == 2


def test_numbers_increase_and_labels_are_stored(lib):
    p = lib.create_proposal("T", "note", "one", label="first")
    r2 = lib.save_version(p.id, content("T", "two"), label="after committee comments")
    r3 = lib.save_version(p.id, content("T renamed", "two"))  # title only
    r4 = lib.save_version(p.id, content("T renamed", "two", status="ready"))  # metadata only
    assert [r.version.number for r in (r2, r3, r4)] == [2, 3, 4]
    assert [(v.number, v.label) for v in lib.versions(p.id)] == [
        (1, "first"),
        (2, "after committee comments"),
        (3, ""),
        (4, ""),
    ]
    assert [lib.version(p.id, n).content.body for n in (1, 2, 3, 4)] == ["one", "two", "two", "two"]
    assert lib.version(p.id, 3).content.title == "T renamed"
    assert lib.version(p.id, 2).content.title == "T"
    assert lib.get(p.id).status is Status.READY


@pytest.mark.parametrize("changed", [True, False], ids=["new-version", "no-change"])
def test_a_save_discards_the_working_draft(lib, changed):
    p = lib.create_proposal("T", "note", "saved")
    lib.save_draft(p.id, content("T", "typing…"), based_on=1)
    assert lib.load_draft(p.id) is not None
    lib.save_version(p.id, content("T", "typing…" if changed else "saved"))
    assert lib.load_draft(p.id) is None
    assert lib.get(p.id).versions == (2 if changed else 1)


def test_saving_to_an_unknown_proposal_is_not_found(lib):
    with pytest.raises(NotFound):
        lib.save_version("nosuchid00", content("T", "x"))


# -- edit / update_metadata -----------------------------------------------------------------


def test_status_change_and_added_cosigner_make_versions_with_the_old_body(lib):
    p = lib.create_proposal("M", "motion", "the body", cosigners=["A"])
    r1 = lib.edit(p.id, status="ready")
    r2 = lib.update_metadata(p.id, cosigners=["A", "B"], label="B joined")
    assert r1.created and r2.created
    v2, v3 = lib.version(p.id, 2).content, lib.version(p.id, 3).content
    assert v2.status is Status.READY and v2.body == "the body"
    assert v3.cosigners == ("A", "B") and v3.body == "the body" and v3.status is Status.READY
    assert lib.version(p.id, 1).content.status is Status.DRAFT
    assert lib.versions(p.id)[-1].label == "B joined"


def test_edit_with_unchanged_values_makes_no_version(lib):
    p = lib.create_proposal("M", "motion", "body", status="ready")
    assert not lib.edit(p.id, status="ready", body="body").created
    assert lib.get(p.id).versions == 1


@pytest.mark.parametrize(
    ("call", "kwargs", "message"),
    [
        ("edit", {"colour": "red"}, "Unknown field.*colour"),
        ("update_metadata", {"tags": ["x"]}, "Unknown field.*tags"),
        ("update_metadata", {"body": "new"}, "does not change the body"),
        ("edit", {"status": "finished"}, "not a status"),
        ("edit", {"title": ""}, "needs a title"),
    ],
)
def test_edit_refuses_unknown_or_invalid_fields(lib, call, kwargs, message):
    p = lib.create_proposal("M", "motion", "body")
    with pytest.raises(InvalidInput, match=message):
        getattr(lib, call)(p.id, **kwargs)
    assert lib.get(p.id).versions == 1


# -- restore_version / label_version --------------------------------------------------------


def test_restore_makes_a_new_version_equal_to_the_old_one(lib):
    p = lib.create_proposal("T", "note", "A", status="draft")
    lib.save_version(p.id, content("T2", "B", status="ready"))
    lib.save_version(p.id, content("T3", "C", status="submitted"))
    before = [(v.number, v.sha256, v.label) for v in lib.versions(p.id)]
    result = lib.restore_version(p.id, 1)
    assert result.created and result.version.number == 4
    assert lib.version(p.id, 4).content == lib.version(p.id, 1).content
    assert lib.versions(p.id)[-1].label == "Restored from version 1"
    assert [(v.number, v.sha256, v.label) for v in lib.versions(p.id)][:3] == before
    assert [lib.version(p.id, n).content.body for n in (1, 2, 3, 4)] == ["A", "B", "C", "A"]
    assert lib.get(p.id).title == "T"
    lib.restore_version(p.id, 2, label="back to B")
    assert lib.versions(p.id)[-1].label == "back to B"


def test_restoring_content_equal_to_the_latest_makes_no_version(lib):
    p = lib.create_proposal("T", "note", "A")
    lib.save_version(p.id, content("T", "B"))
    lib.save_version(p.id, content("T", "A"))
    assert not lib.restore_version(p.id, 3).created
    assert not lib.restore_version(p.id, 1).created  # v1 equals v3, the latest
    assert lib.get(p.id).versions == 3


def test_restore_of_a_missing_version_is_not_found(lib):
    p = lib.create_proposal("T", "note", "A")
    with pytest.raises(NotFound, match="no version 7"):
        lib.restore_version(p.id, 7)


def test_label_version_sets_a_note_on_history_without_a_new_version(lib):
    p = lib.create_proposal("T", "note", "A")
    lib.save_version(p.id, content("T", "B"))
    sha = lib.versions(p.id)[0].sha256
    lib.label_version(p.id, 1, "  sent to\nthe committee ")
    first = lib.versions(p.id)[0]
    assert first.label == "sent to the committee"
    assert first.sha256 == sha and lib.get(p.id).versions == 2
    with pytest.raises(NotFound):
        lib.label_version(p.id, 3, "nope")


# -- history order --------------------------------------------------------------------------


def test_case27_versions_are_ordered_by_number_even_when_the_clock_goes_backwards(lib):
    moments = [
        datetime(2026, 6, 1, tzinfo=UTC),
        datetime(2024, 1, 1, tzinfo=UTC),
        datetime(2030, 1, 1, tzinfo=UTC),
        datetime(2025, 1, 1, tzinfo=UTC),
    ]
    with clock.pinned(moments[0]):
        p = lib.create_proposal("T", "note", "body 1")
    for n, moment in enumerate(moments[1:], start=2):
        with clock.pinned(moment):
            lib.save_version(p.id, content("T", f"body {n}"))
    history = lib.versions(p.id)
    assert [v.number for v in history] == [1, 2, 3, 4]
    assert [v.created[:4] for v in history] == ["2026", "2024", "2030", "2025"]
    assert lib.get(p.id).version == 4
    assert lib.version(p.id).content.body == "body 4"
    with clock.pinned(datetime(2020, 1, 1, tzinfo=UTC)):
        assert lib.save_version(p.id, content("T", "body 5")).version.number == 5


def test_case27_skewed_clocks_store_utc_with_the_offset_and_the_latest_is_the_last_number(lib):
    beijing = timezone(timedelta(hours=8))
    with clock.pinned(datetime(2026, 3, 1, 17, 30, tzinfo=beijing)):
        p = lib.create_proposal("T", "note", "v1")
    with clock.pinned(datetime(2024, 3, 1, 9, 30, tzinfo=UTC)):  # the clock set back
        lib.save_version(p.id, content("T", "v2"))
    with clock.pinned(datetime(2031, 3, 1, 4, 0, tzinfo=timezone(timedelta(hours=-5)))):
        lib.save_version(p.id, content("T", "v3"))
    history = lib.versions(p.id)
    assert [(v.number, v.created, v.utc_offset) for v in history] == [
        (1, "2026-03-01T09:30:00.000000Z", 480),
        (2, "2024-03-01T09:30:00.000000Z", 0),
        (3, "2031-03-01T09:00:00.000000Z", -300),
    ]
    latest = lib.version(p.id)
    assert latest.number == 3 and latest.content.body == "v3"
    assert lib.get(p.id).version == 3
    assert [lib.version(p.id, n).content.body for n in (1, 2, 3)] == ["v1", "v2", "v3"]


# -- RELIABILITY 20 and 22: what a body may hold, and how long saving it takes -----------------


def test_case20_a_body_with_nul_bytes_is_refused_and_a_journal_drops_them(lib):
    p = lib.create_proposal("T", "note", "clean text")
    with pytest.raises(InvalidInput, match="NUL"):
        lib.save_version(p.id, content("T", "pasted\x00binary"))
    with pytest.raises(InvalidInput, match="NUL"):
        lib.create_proposal("U", "note", "\x00")
    # The editor's journal must never fail (it keeps typing safe): NUL is dropped there.
    lib.save_draft(p.id, content("T", "typed\x00text"), based_on=1)
    assert lib.load_draft(p.id).content.body == "typedtext"
    assert lib.get(p.id).versions == 1 and lib.version(p.id).content.body == "clean text"
    stored = lib.db.execute(
        "SELECT (SELECT count(*) FROM drafts WHERE instr(body, char(0)))"
        " + (SELECT count(*) FROM search_text WHERE instr(body, char(0)) OR instr(title, char(0)))"
    ).fetchone()[0]
    assert stored == 0


PATHOLOGICAL = {
    "brackets": "[" * 13000,
    "nested-lists": "".join("  " * i + "- x\n" for i in range(2000)),
    "emphasis": "*_" * 50000,
}


@pytest.mark.parametrize("body", list(PATHOLOGICAL.values()), ids=list(PATHOLOGICAL))
def test_case22_pathological_markdown_saves_in_under_a_second(lib, body):
    p = lib.create_proposal("T", "note", "an ordinary text")
    started = time.perf_counter()
    result = lib.save_version(p.id, content("T", body))
    assert time.perf_counter() - started < 1.0  # RELIABILITY 22: "< 1 s regardless"
    assert result.created and lib.version(p.id).content.body == body
    started = time.perf_counter()
    made = lib.create_proposal("U", "note", body)
    assert time.perf_counter() - started < 1.0
    assert lib.version(made.id).content.body == body


# -- working drafts -------------------------------------------------------------------------


def test_working_drafts_one_per_proposal_replaced_and_discarded(lib):
    a = lib.create_proposal("A", "note", "a")
    b = lib.create_proposal("B", "note", "b")
    assert lib.load_draft(a.id) is None and lib.drafts() == []
    with clock.pinned(T2026):
        lib.save_draft(a.id, content("A", "first try"), based_on=1)
    with clock.pinned(T2026 + timedelta(minutes=1)):
        lib.save_draft(b.id, content("B", "b draft", status="ready"), based_on=1)
    with clock.pinned(T2026 + timedelta(minutes=2)):
        lib.save_draft(a.id, content("A edited", "second try\ttabs  "), based_on=1)
    draft = lib.load_draft(a.id)
    assert draft.content.body == "second try\ttabs  " and draft.content.title == "A edited"
    assert draft.based_on == 1
    assert [(d.proposal_id, d.content.body) for d in lib.drafts()] == [
        (b.id, "b draft"),
        (a.id, "second try\ttabs  "),
    ]
    assert lib.load_draft(b.id).content.status is Status.READY
    lib.discard_draft(a.id)
    assert lib.load_draft(a.id) is None
    assert [d.proposal_id for d in lib.drafts()] == [b.id]
    assert lib.get(a.id).versions == 1  # a draft is never a version


# -- trash ----------------------------------------------------------------------------------


def test_trash_and_untrash(lib):
    p = lib.create_proposal("T", "note", "A", tags=["x"])
    keep = lib.create_proposal("K", "note", "B")
    lib.trash(p.id)
    assert [q.id for q in lib.list_proposals()] == [keep.id]
    assert [q.id for q in lib.list_proposals(trashed=True)] == [p.id]
    assert lib.count() == 1
    assert lib.get(p.id).trashed is not None
    assert lib.version(p.id).content.body == "A"  # versions are kept
    with pytest.raises(InvalidInput, match="trash"):
        lib.save_version(p.id, content("T", "changed"))
    with pytest.raises(InvalidInput, match="trash"):
        lib.edit(p.id, status="ready")
    assert lib.get(p.id).versions == 1
    lib.untrash(p.id)
    assert {q.id for q in lib.list_proposals()} == {p.id, keep.id}
    assert lib.get(p.id).trashed is None
    assert lib.save_version(p.id, content("T", "changed")).created
    with pytest.raises(NotFound):
        lib.trash("nosuchid00")


# -- base text ------------------------------------------------------------------------------


def test_an_amendment_points_at_an_existing_base(lib):
    ref = lib.create_proposal("Law", "reference", "第一条 …")
    lib.save_version(ref.id, content("Law", "第一条 …\n第二条 …", kind="reference"))
    am = lib.create_proposal("Amend", "amendment", "x", base=Base(ref.id, 2))
    assert lib.get(am.id).base == Base(ref.id, 2)
    assert lib.version(am.id).content.base == Base(ref.id, 2)
    r = lib.edit(am.id, base=Base(ref.id))
    assert r.created and lib.get(am.id).base == Base(ref.id, None)
    assert lib.version(am.id, 1).content.base == Base(ref.id, 2)


@pytest.mark.parametrize(
    ("make_base", "message"),
    [
        (lambda ref_id: Base("nosuchid00"), "No proposal with id “nosuchid00”"),
        (lambda ref_id: Base(ref_id, 9), "has no version 9"),  # the reference exists, v9 doesn't
    ],
    ids=["unknown-proposal", "unknown-version"],
)
def test_a_base_that_does_not_exist_is_refused(lib, make_base, message):
    ref = lib.create_proposal("Law", "reference", "text")
    before = row_counts(lib)
    with pytest.raises(NotFound, match=message):
        lib.create_proposal("Amend", "amendment", "x", base=make_base(ref.id))
    assert row_counts(lib) == before


def test_a_proposal_cannot_be_its_own_base(lib):
    am = lib.create_proposal("Amend", "amendment", "x")
    with pytest.raises(InvalidInput, match="own base"):
        lib.edit(am.id, base=Base(am.id))
    with pytest.raises(InvalidInput, match="own base"):
        lib.save_version(am.id, content("Amend", "x", kind="amendment", base=Base(am.id, 1)))
    assert lib.get(am.id).versions == 1 and lib.get(am.id).base is None


# -- batch ----------------------------------------------------------------------------------


def test_batch_is_all_or_nothing(lib):
    p = lib.create_proposal("Kept", "note", "v1")
    before = row_counts(lib)
    with pytest.raises(RuntimeError, match="boom"):
        with lib.batch():
            lib.create_proposal("Gone", "note", "body", tags=["t"])
            lib.save_version(p.id, content("Kept", "v2"))
            lib.save_draft(p.id, content("Kept", "draft"), based_on=2)
            raise RuntimeError("boom")
    assert row_counts(lib) == before
    assert [q.title for q in lib.list_proposals()] == ["Kept"]
    assert lib.version(p.id).content.body == "v1"
    # the library is usable afterwards, and a batch that ends normally keeps everything
    with lib.batch():
        lib.create_proposal("One", "note", "1")
        lib.create_proposal("Two", "note", "2")
        lib.save_version(p.id, content("Kept", "v2"))
    assert {q.title for q in lib.list_proposals()} == {"Kept", "One", "Two"}
    assert lib.get(p.id).versions == 2


def test_a_failed_operation_inside_a_batch_leaves_the_others(lib):
    with lib.batch():
        lib.create_proposal("One", "note", "1")
        with pytest.raises(InvalidInput):
            lib.create_proposal("Bad", "note", "2", tags=["a,b"])
        lib.create_proposal("Three", "note", "3")
    assert {q.title for q in lib.list_proposals()} == {"One", "Three"}
    assert lib.db.execute("SELECT count(*) FROM versions").fetchone()[0] == 2
