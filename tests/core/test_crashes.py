"""kill -9 while the library is being written (RELIABILITY.md, cases 1, 2, 4 and 13's kill).

Each case kills 20 children (seeds 0–19) at seeded random moments, a few at a time, then
reopens each library. This module is also the children's program: `python test_crashes.py
<child> <library> <acks> <seed>` (see `CHILDREN` at the end).
"""

from __future__ import annotations

import itertools
import random
import sys
import time
from pathlib import Path

import pytest
from core_helpers import PYTHON, content, raw
from crash_helpers import (
    SEEDS,
    STARTED,
    Acks,
    Crash,
    away_from_user_data,
    copy_dead_library,
    crash,
    crash_all,
    removals_of,
    seeds_for,
    side_files,
)

from consult.library import Library
from consult.model import Content
from consult.storage import fulltext
from consult.storage.migrations import SCHEMA_VERSION, migrations

pytestmark = pytest.mark.slow

LIBRARY = "library.consult"
WORDS = ("议案", "建议", "第十二条", "数据安全", "个人信息", "synthetic media", "consent", "罚款")


def child_command(child: str, folder: Path, seed: int) -> list[str]:
    return [PYTHON, __file__, child, str(folder / LIBRARY), str(folder / "acks.txt"), str(seed)]


def new_library(template: Path, root: Path, seed: int) -> Path:
    folder = root / f"seed{seed:02d}"
    folder.mkdir()
    copy_dead_library(template, folder / LIBRARY)
    return folder


def check_file(path: Path) -> None:
    """SQLite's own check, on a plain connection, before the app opens the file."""
    conn = raw(path)
    try:
        assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    finally:
        conn.close()


# -- case 1: kill -9 during a save loop ---------------------------------------------------------

SAVE_LOOP_TITLES = ("关于加强基层医疗卫生服务的建议", "Motion on synthetic media", "数据安全修正案")


def save_loop_content(seed: int, i: int) -> Content:
    """What the child's i-th save writes (to proposal i % 3): 100 bytes to ~100 KB."""
    rng = random.Random(seed * 1_000_003 + i)
    lines = [
        f"第{k + 1}条 {rng.choice(WORDS)} {rng.randrange(10**6)} (save {i})"
        for k in range(rng.choice((2, 30, 300, 2500)))
    ]
    return content(title=SAVE_LOOP_TITLES[i % 3], body="\n".join(lines), kind="suggestion")


def save_loop_child(path: str, acks: str, seed: str) -> None:
    ack = Acks(acks)
    lib = Library.open(path)
    ids = sorted(p.id for p in lib.list_proposals())
    ack(STARTED)
    for i in itertools.count():
        saved = lib.save_version(ids[i % 3], save_loop_content(int(seed), i), label=f"save {i}")
        ack(f"{ids[i % 3]} {saved.version.number} {saved.version.sha256}")  # after it returned


@pytest.fixture(scope="module")
def case01_crashes(request, tmp_path_factory) -> dict[int, Crash]:
    root = tmp_path_factory.mktemp("case01")
    template = root / LIBRARY
    with away_from_user_data(root), Library.open(template, create=True) as lib:
        for title in SAVE_LOOP_TITLES:
            lib.create_proposal(title, "suggestion", "第一条 初稿。")

    def run(seed: int) -> Crash:
        folder = new_library(template, root, seed)
        # Killed at a random moment once the first save was acknowledged.
        crashed = crash(child_command("save-loop", folder, seed), folder, seed, delay=(0, 0.5),
                        ready_lines=2)  # fmt: skip
        # As the crash left it (-wal and -shm included), for case 4: the case 1 test
        # reopens and closes the library, and a last close may checkpoint the -wal away.
        copy_dead_library(folder / LIBRARY, folder / "as-left" / LIBRARY)
        return crashed

    return crash_all(run, seeds_for(request, "case01_crashes"))


@pytest.mark.parametrize("seed", SEEDS)
def test_case01_kill_during_save_loop_loses_no_acked_version(case01_crashes, seed):
    crashed = case01_crashes[seed]
    crashed.assert_killed()
    acked = [line.split() for line in crashed.acks]
    assert acked, "the kill comes after the first acknowledged save"
    path = crashed.folder / LIBRARY
    check_file(path)
    with Library.open(path) as lib:  # opens as after any crash: no error, nothing to ask
        ids = sorted(p.id for p in lib.list_proposals())
        for i, (proposal_id, number, sha256) in enumerate(acked):
            assert proposal_id == ids[i % 3]
            version = lib.version(proposal_id, int(number))  # verifies its SHA-256
            assert version.info.sha256 == sha256
            assert version.content == save_loop_content(seed, i)
        histories = {pid: [v.number for v in lib.versions(pid)] for pid in ids}
        assert all(numbers == list(range(1, len(numbers) + 1)) for numbers in histories.values())
        saved = sum(len(numbers) - 1 for numbers in histories.values())
        assert saved - len(acked) in (0, 1), "at most the save in flight is there unacknowledged"
        if saved > len(acked):  # the save in flight made it: whole, and the next in order
            assert lib.version(ids[len(acked) % 3]).content == save_loop_content(seed, len(acked))
        assert lib.check() == ([], saved + 3)
        assert lib.drafts() == []  # no recovery offer at the next start


# -- case 4: the -wal and -shm a crash leaves ----------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_case04_wal_and_shm_left_by_a_kill_are_kept_and_the_backup_has_the_last_ack(
    case01_crashes, seed, tmp_path
):
    crashed = case01_crashes[seed]
    crashed.assert_killed()
    proposal_id, number, sha256 = crashed.acks[-1].split()
    path = crashed.folder / "as-left" / LIBRARY
    left = side_files(path)
    assert set(left) == {"-wal", "-shm"}  # what a killed writer leaves beside the library
    with removals_of(path) as removed:
        with Library.open(path) as lib:
            assert lib.version(proposal_id, int(number)).info.sha256 == sha256
            assert side_files(path) == left  # still there, the same files (not replaced)
            backup = lib.backup(tmp_path / "copy.consult")
            assert lib.check()[0] == []
            assert side_files(path) == left
        # The last close may let SQLite checkpoint and remove the -wal itself: allowed.
    assert removed == [], "the app deleted or renamed the library's files"
    # The copy is one self-contained file (no -wal of its own) that has the last acked save,
    # which a byte copy of the library file alone would miss while it is in the -wal.
    assert side_files(backup) == {}
    with Library.open(backup) as copy:
        assert copy.version(proposal_id, int(number)).info.sha256 == sha256
        assert copy.check()[0] == []


# -- case 2: kill -9 inside one big multi-table transaction -------------------------------------

BATCH_PROPOSALS = 20
BATCH_ROUNDS = 25  # 20 proposals × 25 = 500 versions per transaction, then their tags


def batch_content(j: int, batch: int, round_: int) -> Content:
    words = " ".join(WORDS[(j + k) % len(WORDS)] for k in range(12))
    body = "\n".join(
        f"第{n}条 bm{batch:04d}x proposal {j} round {round_}: {words}" for n in range(1, 9)
    )
    return content(title=f"提案 {j}", body=body, kind="motion")


def batch_child(path: str, acks: str, seed: str) -> None:
    ack = Acks(acks)
    lib = Library.open(path)
    # A small page cache, as a large import's transaction outgrows the default one: its pages
    # reach the -wal before the commit, so that a kill leaves uncommitted frames behind.
    lib.db.execute("PRAGMA cache_size = 64")
    ids = sorted(p.id for p in lib.list_proposals())
    ack(STARTED)
    for batch in itertools.count():
        with lib.batch():
            for round_ in range(BATCH_ROUNDS):
                for j, proposal_id in enumerate(ids):
                    lib.save_version(proposal_id, batch_content(j, batch, round_),
                                     label=f"batch {batch}")  # fmt: skip
            for proposal_id in ids:
                lib.set_tags(proposal_id, [f"batch-{batch}", "common"])
        ack(str(batch))


@pytest.fixture(scope="module")
def case02_crashes(request, tmp_path_factory) -> dict[int, Crash]:
    root = tmp_path_factory.mktemp("case02")
    template = root / LIBRARY
    with away_from_user_data(root), Library.open(template, create=True) as lib, lib.batch():
        for j in range(BATCH_PROPOSALS):
            lib.create_proposal(f"提案 {j}", "motion", "第一条 初稿。", tags=["first"])

    def run(seed: int) -> Crash:
        folder = new_library(template, root, seed)
        # Killed in the first batches (each takes 0.5–1.5 s): in the middle of one, or in
        # its commit.
        return crash(child_command("batches", folder, seed), folder, seed, delay=(0.2, 2.6))

    return crash_all(run, seeds_for(request, "case02_crashes"))


def search_count(lib: Library, text: str) -> int:
    return lib.db.execute(
        f"SELECT count(*) FROM {fulltext.INDEX_TABLE} WHERE {fulltext.INDEX_TABLE} MATCH ?",
        [f'"{text}"'],
    ).fetchone()[0]


@pytest.mark.parametrize("seed", SEEDS)
def test_case02_kill_inside_a_big_transaction_keeps_all_of_it_or_none(case02_crashes, seed):
    crashed = case02_crashes[seed]
    crashed.assert_killed()
    acked = [int(line) for line in crashed.acks]
    assert acked == list(range(len(acked)))
    path = crashed.folder / LIBRARY
    check_file(path)
    with Library.open(path) as lib:
        ids = sorted(p.id for p in lib.list_proposals())
        last_batches = set()
        for j, proposal_id in enumerate(ids):
            labels = [v.label for v in lib.versions(proposal_id)][1:]
            last = len(labels) // BATCH_ROUNDS - 1
            # Whole batches only: every version of a batch, in order, or none of them.
            assert labels == [f"batch {b}" for b in range(last + 1) for _ in range(BATCH_ROUNDS)]
            proposal = lib.get(proposal_id)
            if last >= 0:
                assert lib.version(proposal_id).content == batch_content(j, last, BATCH_ROUNDS - 1)
                assert proposal.tags == (f"batch-{last}", "common")  # with its tags
            else:
                assert proposal.tags == ("first",)
            last_batches.add(last)
        # One transaction for all proposals: they all end at the same batch.
        assert len(last_batches) == 1
        (last,) = last_batches
        assert len(acked) - 1 <= last <= len(acked)  # every acked batch; at most one more
        assert f"batch-{last + 1}" not in {tag.name for tag in lib.tags()}
        # The search index went with the transaction: its rows hold that batch's text.
        assert search_count(lib, f"bm{last:04d}x") == (BATCH_PROPOSALS if last >= 0 else 0)
        assert search_count(lib, f"bm{last + 1:04d}x") == 0
        assert fulltext.verify(lib.db) == []
        lib.db.execute(
            f"INSERT INTO {fulltext.INDEX_TABLE} ({fulltext.INDEX_TABLE}) "
            "VALUES ('integrity-check')"
        )  # raises if FTS5 finds its index damaged
        assert lib.check() == ([], BATCH_PROPOSALS * (1 + BATCH_ROUNDS * (last + 1)))


# -- case 13, kill variant: kill -9 during a migration ------------------------------------------

MIGRATION = "0003_search"  # made pending again: it reads every proposal, so it takes a while
MIGRATION_PROPOSALS = 1500


def schema_of(conn) -> list[tuple]:
    return conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
    ).fetchall()


def migration_child(path: str, acks: str, seed: str) -> None:
    ack = Acks(acks)
    ack(STARTED)
    lib = Library.open(path)  # migrates
    ack("opened")
    while lib:  # wait to be killed
        time.sleep(1)


@pytest.fixture(scope="module")
def case13_crashes(request, tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("case13")
    template = root / LIBRARY
    old_version = [m.name for m in migrations._migrations].index(MIGRATION)
    with away_from_user_data(root):
        with Library.open(template, create=True) as lib, lib.batch():
            for n in range(MIGRATION_PROPOSALS):
                body = f"第{n}条 关于加强基层医疗卫生服务 {WORDS[n % len(WORDS)]} {n}。\n" * 12
                p = lib.create_proposal(f"提案 {n}", "suggestion", body, tags=[f"t{n % 9}"])
                if n % 100 == 0:
                    lib.trash(p.id)
        with Library.open(template) as lib:
            expected = {p.id: p.sha256 for p in lib.list_proposals() + lib.list_proposals(
                trashed=True)}  # fmt: skip
        # The library as the app before the search index left it (see test_search_index.py).
        conn = raw(template)
        for sql in (
            f"DROP TABLE {fulltext.INDEX_TABLE}",
            f"DROP VIEW {fulltext.CONTENT_VIEW}",
            f"DROP TABLE {fulltext.TEXT_TABLE}",
            "DROP TABLE search_meta",
            f"DELETE FROM _sqlite_migrations WHERE name = '{MIGRATION}'",
            f"PRAGMA user_version = {old_version}",
            "VACUUM",
        ):
            conn.execute(sql)
        old_schema = schema_of(conn)
        conn.close()
        # Once in-process: the schema it makes, and how long it takes (the kills' window).
        measured = root / "measured" / LIBRARY
        copy_dead_library(template, measured)
        started = time.monotonic()
        Library.open(measured).close()
        took = time.monotonic() - started
        conn = raw(measured)
        new_schema = schema_of(conn)
        conn.close()

    def run(seed: int) -> Crash:
        folder = new_library(template, root, seed)
        # From the start of Library.open to a little after the migration would have ended.
        return crash(child_command("migrate", folder, seed), folder, seed,
                     delay=(0, 1.3 * took + 0.05))  # fmt: skip

    return {
        "crashes": crash_all(run, seeds_for(request, "case13_crashes")),
        "old": (old_version, old_schema),
        "new": (SCHEMA_VERSION, new_schema),
        "expected": expected,
    }


@pytest.mark.parametrize("seed", SEEDS)
def test_case13_kill_during_migration_leaves_old_or_new_schema_and_next_open_migrates(
    case13_crashes, seed
):
    crashed = case13_crashes["crashes"][seed]
    crashed.assert_killed()
    path = crashed.folder / LIBRARY
    check_file(path)
    conn = raw(path)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        schema = schema_of(conn)
        applied = {row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations")}
    finally:
        conn.close()
    # Either as before (nothing of the migration: no table half made) or wholly migrated.
    assert (version, schema) in (case13_crashes["old"], case13_crashes["new"])
    assert (MIGRATION in applied) == (version == SCHEMA_VERSION)
    if "opened" in crashed.acks:
        assert version == SCHEMA_VERSION
    with Library.open(path) as lib:  # the next start migrates cleanly
        assert lib.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        everything = lib.list_proposals() + lib.list_proposals(trashed=True)
        assert {p.id: p.sha256 for p in everything} == case13_crashes["expected"]
        assert lib.check() == ([], MIGRATION_PROPOSALS)  # every body reads; index in step
        assert search_count(lib, "基层医疗") == MIGRATION_PROPOSALS - MIGRATION_PROPOSALS // 100


CHILDREN = {"save-loop": save_loop_child, "batches": batch_child, "migrate": migration_child}

if __name__ == "__main__":
    CHILDREN[sys.argv[1]](*sys.argv[2:])
