"""Version bodies: delta chains, full copies, deduplication, corruption, exact round trips."""

from __future__ import annotations

import hashlib
import random

import pytest
import zstandard
from core_helpers import CORPUS, content, raw
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consult.errors import ConsultError, CorruptVersion
from consult.library import Library
from consult.storage.blobs import FULL_EVERY, LEVEL

CIVIL_CODE = CORPUS / "civil_code_cn" / "2020.md"
TITLE = "民法典（节选）"


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def small_edit(text: str, rng: random.Random, n: int) -> str:
    pos = rng.randrange(len(text))
    op = rng.choice(["insert", "delete", "replace"])
    if op == "insert":
        return text[:pos] + f"（第{n}次插入）" + text[pos:]
    if op == "delete":
        return text[:pos] + text[pos + rng.randint(1, 40) :]
    return text[:pos] + f"替换{n}" + text[pos + rng.randint(1, 20) :]


# -- a 200-version history of a real text ---------------------------------------------------


@pytest.fixture(scope="module")
def long_history(tmp_path_factory):
    text = CIVIL_CODE.read_text(encoding="utf-8")[:30_000]
    assert len(text) == 30_000
    rng = random.Random(20260301)
    bodies = [text]
    for n in range(1, 200):
        bodies.append(small_edit(bodies[-1], rng, n))
    path = tmp_path_factory.mktemp("history") / "history.consult"
    with Library.open(path, create=True) as lib:
        pid = lib.create_proposal(TITLE, "reference", bodies[0]).id
        for body in bodies[1:]:
            assert lib.save_version(pid, content(TITLE, body, kind="reference")).created
    return path, pid, bodies


def test_every_one_of_200_versions_reads_back_exactly(long_history):
    path, pid, bodies = long_history
    with Library.open(path) as lib:
        assert [v.number for v in lib.versions(pid)] == list(range(1, 201))
        for number, body in enumerate(bodies, start=1):
            version = lib.version(pid, number)
            assert version.content.body == body, f"version {number} differs"
            assert version.info.size == len(body)
        assert lib.check() == ([], 200)


def test_deltas_have_full_copies_at_intervals(long_history):
    path, _pid, bodies = long_history
    conn = raw(path)
    query = "SELECT sha256, base, depth, length(data) FROM blobs"
    rows = {r[0]: r[1:] for r in conn.execute(query)}
    conn.close()
    assert set(rows) == {sha(b) for b in bodies}
    chain = [rows[sha(b)] for b in bodies]
    assert chain[0][:2] == (None, 0)  # the first body is a full copy
    assert all(depth < FULL_EVERY for _base, depth, _size in chain)
    fulls = [n for n, (base, _d, _s) in enumerate(chain, start=1) if base is None]
    assert len(fulls) >= 200 // FULL_EVERY and fulls[1] <= FULL_EVERY + 1
    for n, (base, depth, _size) in enumerate(chain[1:], start=2):
        if base is not None:
            assert base == sha(bodies[n - 2]) and depth == rows[base][1] + 1
    # and the deltas do their job: the whole history costs a small multiple of one copy
    one_copy = len(zstandard.ZstdCompressor(level=LEVEL).compress(bodies[0].encode("utf-8")))
    assert sum(size for _b, _d, size in chain) < 20 * one_copy


def test_identical_bodies_are_stored_once(lib, lib_path):
    a_body, b_body = "第一条 相同的文字。\n" * 40, "第一条 不同的文字。\n" * 40
    p = lib.create_proposal("P", "note", a_body)
    lib.save_version(p.id, content("P", b_body))
    lib.restore_version(p.id, 1)
    q = lib.create_proposal("Q", "motion", a_body)
    lib.edit(q.id, title="Q renamed")  # same body, new version
    conn = raw(lib_path)
    counts = dict(conn.execute("SELECT sha256, count(*) FROM blobs GROUP BY sha256").fetchall())
    version_bodies = [r[0] for r in conn.execute("SELECT body FROM versions")]
    conn.close()
    assert counts == {sha(a_body): 1, sha(b_body): 1}
    assert sorted(version_bodies).count(sha(a_body)) == 4
    assert [lib.version(p.id, n).content.body for n in (1, 2, 3)] == [a_body, b_body, a_body]
    assert lib.version(q.id, 2).content.body == a_body


# -- corruption -----------------------------------------------------------------------------


@pytest.fixture
def chained(lib_path):
    """Five versions stored as one full copy and four deltas, plus an unrelated proposal."""
    base_text = CIVIL_CODE.read_text(encoding="utf-8")[:6000]
    bodies = [base_text]
    rng = random.Random(7)
    for n in range(1, 5):
        bodies.append(small_edit(bodies[-1], rng, n))
    with Library.open(lib_path, create=True) as lib:
        pid = lib.create_proposal(TITLE, "reference", bodies[0]).id
        for body in bodies[1:]:
            lib.save_version(pid, content(TITLE, body, kind="reference"))
        other = lib.create_proposal("Unrelated", "note", "untouched text").id
    conn = raw(lib_path)
    query = "SELECT base FROM blobs WHERE sha256 = ?"
    bases = [conn.execute(query, [sha(b)]).fetchone()[0] for b in bodies]
    conn.close()
    assert bases == [None] + [sha(b) for b in bodies[:-1]], "expected a delta chain"
    return lib_path, pid, other, bodies


def _flip(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes(b ^ 0x5A for b in data[middle : middle + 4]) + data[middle + 4 :]


def flip_blob(conn, bodies, n):
    key = sha(bodies[n - 1])
    data = conn.execute("SELECT data FROM blobs WHERE sha256 = ?", [key]).fetchone()[0]
    conn.execute("UPDATE blobs SET data = ? WHERE sha256 = ?", [_flip(data), key])


def forge_blob(conn, bodies, n):  # a valid zstd frame holding other text
    forged = zstandard.ZstdCompressor().compress("伪造的文字".encode())
    conn.execute(
        "UPDATE blobs SET data = ?, base = NULL, depth = 0, size = ? WHERE sha256 = ?",
        [forged, 15, sha(bodies[n - 1])],
    )


def delete_blob(conn, bodies, n):  # another program, with foreign keys off
    conn.execute("DELETE FROM blobs WHERE sha256 = ?", [sha(bodies[n - 1])])


def set_version(column, value):
    def tamper(conn, bodies, n):
        conn.execute(
            f"UPDATE versions SET {column} = ? WHERE number = ? AND title = ?", [value, n, TITLE]
        )

    return tamper


# A row pointing at a missing blob is found by SQLite's foreign_key_check, which check() reports
# before (and instead of) reading every version.
CORRUPTIONS = [
    pytest.param(flip_blob, 5, {5}, False, id="newest-delta-flipped"),
    pytest.param(flip_blob, 3, {3, 4, 5}, False, id="middle-delta-flipped"),
    pytest.param(flip_blob, 1, {1, 2, 3, 4, 5}, False, id="full-copy-under-chain-flipped"),
    pytest.param(forge_blob, 1, {1, 2, 3, 4, 5}, False, id="full-copy-replaced"),
    pytest.param(delete_blob, 4, {4, 5}, True, id="delta-deleted"),
    pytest.param(set_version("sha256", "0" * 64), 2, {2}, False, id="version-sha256-changed"),
    pytest.param(set_version("status", "accepted"), 2, {2}, False, id="version-status-changed"),
    pytest.param(set_version("body", sha("x")), 2, {2}, True, id="points-to-missing-body"),
]


@pytest.mark.parametrize(("tamper", "target", "damaged", "link_broken"), CORRUPTIONS)
def test_a_damaged_version_is_reported_and_its_text_never_returned(
    chained, tamper, target, damaged, link_broken
):
    path, pid, other, bodies = chained
    conn = raw(path)
    tamper(conn, bodies, target)
    conn.close()
    with Library.open(path) as lib:
        for n, body in enumerate(bodies, start=1):
            if n in damaged:
                with pytest.raises(CorruptVersion) as caught:
                    lib.version(pid, n)
                message = str(caught.value)
                assert f"Version {n} of “{TITLE}”" in message and pid in message
                assert body[100:120] not in message
            else:
                assert lib.version(pid, n).content.body == body
        assert lib.version(other).content.body == "untouched text"
        assert len(lib.versions(pid)) == 5  # the history is still listed
        problems, verified = lib.check()
        if link_broken:
            assert problems and all("missing blobs row" in p for p in problems)
            return
        assert verified == 6 - len(damaged)
        assert sorted(int(p.split()[1]) for p in problems) == sorted(damaged)
        assert all(pid in p for p in problems)


def test_a_changed_title_is_caught_and_named(chained):
    path, pid, _other, _bodies = chained
    conn = raw(path)
    conn.execute(
        "UPDATE versions SET title = 'Forged title' WHERE number = 2 AND proposal_id = ?", [pid]
    )
    conn.close()
    with Library.open(path) as lib:
        with pytest.raises(CorruptVersion, match=f"Version 2 of “Forged title” \\(id {pid}\\)"):
            lib.version(pid, 2)
        assert len(lib.check()[0]) == 1


def test_saving_over_a_damaged_latest_version_saves_or_explains(chained):
    path, pid, _other, bodies = chained
    conn = raw(path)
    flip_blob(conn, bodies, 5)
    conn.close()
    with Library.open(path) as lib:
        try:
            lib.save_version(pid, content(TITLE, "the text in the editor", kind="reference"))
        except ConsultError:
            assert lib.get(pid).versions == 5
        else:
            assert lib.version(pid).content.body == "the text in the editor"


# -- exact round trips ----------------------------------------------------------------------

FRAGMENTS = [
    "中华人民共和国民法典",
    "第一千二百六十条",
    "👩🏽‍⚖️",
    "🇨🇳",
    "e\u0301",
    "a\u0308\u0323",
    "שלום עולם",
    "مرحبا",
    "\u200f\u200e",
    "\t",
    "   ",
    "trailing  \n",
    "\r\n",
    "\r",
    "\n\n",
    "\ufeff",
    "\u2028",
]
PIECES = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=12),
)
BODIES = st.lists(PIECES, max_size=10).map("".join)


def normalised(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(bodies=st.lists(BODIES, min_size=1, max_size=5))
def test_any_text_reads_back_exactly(lib, lib_path, bodies):
    pid = lib.create_proposal("Round trip", "note", bodies[0]).id
    expected = [normalised(bodies[0])]
    for body in bodies[1:]:
        created = lib.save_version(pid, content("Round trip", body)).created
        assert created == (normalised(body) != expected[-1])
        if created:
            expected.append(normalised(body))
    with Library.open(lib_path) as fresh:  # read from the file, not from memory
        assert [fresh.version(pid, n).content.body for n in range(1, len(expected) + 1)] == expected
        assert fresh.get(pid).versions == len(expected)
