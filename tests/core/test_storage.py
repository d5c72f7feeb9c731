"""The library file: opening and refusing files, migrations, the one write path, backups.

Version bodies (deltas, deduplication, corruption) are in test_storage_bodies.py.
"""

from __future__ import annotations

import re
import secrets
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from core_helpers import REPO, content, file_hash, raw

import consult.tags
from consult.errors import (
    CorruptVersion,
    LibraryBusy,
    LibraryError,
    LibraryMissing,
    NewerLibrary,
    NotALibrary,
)
from consult.library import Library
from consult.storage import APPLICATION_ID, write_txn
from consult.storage import migrations as migrations_module
from consult.storage.blobs import BlobStore
from consult.storage.migrations import SCHEMA_VERSION

TABLES = {"blobs", "proposals", "versions", "tags", "proposal_tags", "drafts"}


def row_counts(path: Path) -> dict[str, int]:
    conn = raw(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in sorted(TABLES)}
    finally:
        conn.close()


def side_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name + "-"))


# -- a new library --------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["no-file", "empty-file"])
def test_a_new_library_is_migrated_and_configured(tmp_path, start):
    path = tmp_path / "sub" / "new.consult"
    if start == "empty-file":
        path.parent.mkdir()
        path.write_bytes(b"")
    with Library.open(path, create=True) as lib:
        conn = lib.db.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        lib.create_proposal("T", "note", "body")
    check = raw(path)
    try:
        assert SCHEMA_VERSION >= 1
        assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert check.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        names = {r[0] for r in check.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert TABLES <= names
    finally:
        check.close()


def test_reopening_does_not_migrate_again(lib_path, monkeypatch):
    with Library.open(lib_path, create=True) as lib:
        p = lib.create_proposal("T", "note", "body")
    conn = raw(lib_path)
    applied = conn.execute("SELECT name, applied_at FROM _sqlite_migrations").fetchall()
    conn.close()
    assert len(applied) == SCHEMA_VERSION

    def no_migrations(*args, **kwargs):
        raise AssertionError("migrations applied to an up-to-date library")

    monkeypatch.setattr(migrations_module.migrations, "apply", no_migrations)
    with Library.open(lib_path) as lib:
        assert lib.version(p.id).content.body == "body"
    conn = raw(lib_path)
    assert conn.execute("SELECT name, applied_at FROM _sqlite_migrations").fetchall() == applied
    conn.close()


def test_a_library_from_before_the_live_index_is_migrated_and_lists_the_same(lib_path):
    with Library.open(lib_path, create=True) as lib:
        made = [lib.create_proposal(f"P{i}", "note", f"body {i}").id for i in range(12)]
        lib.trash(made[3])
        lib.trash(made[7])
        listed = [p.id for p in lib.list_proposals()]
        count = lib.count()
    # The same library as the schema-1 app left it: no `proposals_live`, the old index.
    conn = raw(lib_path)
    conn.execute("DROP INDEX proposals_live")
    conn.execute("CREATE INDEX proposals_by_updated ON proposals(updated)")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0002_live_index'")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()

    with Library.open(lib_path) as lib:
        assert lib.count() == count == 10
        assert [p.id for p in lib.list_proposals()] == listed
    conn = raw(lib_path)
    try:
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert "proposals_live" in indexes and "proposals_by_updated" not in indexes
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        # The count and the list's first page are read from the index alone.
        for sql in (
            "SELECT count(*) FROM proposals WHERE trashed IS NULL",
            "SELECT id FROM proposals WHERE trashed IS NULL ORDER BY updated DESC, id LIMIT 500",
        ):
            plan = " ".join(r[-1] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
            assert "COVERING INDEX proposals_live" in plan, plan
    finally:
        conn.close()


# -- files that are refused -----------------------------------------------------------------


@pytest.mark.parametrize("journal", ["delete", "wal"])
@pytest.mark.parametrize("create", [False, True])
def test_a_newer_library_is_refused_untouched(lib_path, journal, create):
    with Library.open(lib_path, create=True) as lib:
        lib.create_proposal("T", "note", "body")
    conn = raw(lib_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.close()
    assert side_files(lib_path) == []
    before = file_hash(lib_path)
    with pytest.raises(NewerLibrary, match="newer version of Consult"):
        Library.open(lib_path, create=create)
    assert file_hash(lib_path) == before
    assert side_files(lib_path) == []  # no -wal or -shm left behind


def _sqlite_file(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(str(path))
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()


NOT_LIBRARIES = {
    "zero-bytes": lambda p: p.write_bytes(b"\x00" * 100),
    "markdown": lambda p: p.write_text("# 提案\n\n第一条　内容。\n", encoding="utf-8"),
    "sqlite-header-only": lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84),
    "other-application-id": lambda p: _sqlite_file(
        p, "PRAGMA application_id = 305419896", "CREATE TABLE t (x)"
    ),
    "other-app-id-no-tables": lambda p: _sqlite_file(p, "PRAGMA application_id = 305419896"),
    "tables-but-id-0": lambda p: _sqlite_file(p, "CREATE TABLE notes (id, text)"),
}


@pytest.mark.parametrize("create", [False, True])
@pytest.mark.parametrize("make", list(NOT_LIBRARIES.values()), ids=list(NOT_LIBRARIES))
def test_files_that_are_not_libraries_are_refused_untouched(tmp_path, make, create):
    path = tmp_path / "thing.consult"
    make(path)
    assert path.stat().st_size > 0
    before = file_hash(path)
    with pytest.raises(NotALibrary, match=re.escape(str(path))):
        Library.open(path, create=create)
    assert file_hash(path) == before
    assert side_files(path) == []


def test_a_folder_is_not_a_library(tmp_path):
    with pytest.raises(NotALibrary, match="folder"):
        Library.open(tmp_path, create=True)


def test_a_missing_library_is_reported_and_not_created(tmp_path):
    path = tmp_path / "nowhere" / "library.consult"
    with pytest.raises(LibraryMissing, match="No library at"):
        Library.open(path)
    assert not path.exists() and not path.parent.exists()


# -- the write path -------------------------------------------------------------------------


def test_case16_every_write_begins_immediate(lib):
    statements: list[str] = []
    lib.db.conn.set_trace_callback(statements.append)
    p = lib.create_proposal("T", "note", "v1", tags=["x"])
    lib.save_version(p.id, content("T", "v2"))
    lib.add_tags(p.id, ["y"])
    lib.save_draft(p.id, content("T", "draft"), based_on=2)
    lib.label_version(p.id, 1, "first")
    lib.rename_tag("x", "z")
    lib.trash(p.id)
    with lib.batch():
        lib.create_proposal("U", "note")
        lib.create_proposal("V", "note")
    lib.db.conn.set_trace_callback(None)
    begins = [s.strip().upper() for s in statements if s.strip().upper().startswith("BEGIN")]
    assert len(begins) == 8
    assert set(begins) == {"BEGIN IMMEDIATE"}
    assert not lib.db.conn.in_transaction


def test_write_txn_cannot_be_nested(lib):
    with write_txn(lib.db):
        with pytest.raises(RuntimeError, match="nested"):
            with write_txn(lib.db):
                pass


def _hold_write_lock(path: Path, seconds: float, locked: threading.Event) -> None:
    other = sqlite3.connect(str(path), isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute(
            "INSERT INTO tags (name, key) VALUES ('written by the other program', 'written by the other program')"
        )
        locked.set()
        time.sleep(seconds)
        other.execute("COMMIT")
    finally:
        other.close()


def test_case16_a_save_waits_for_another_writer_and_succeeds(lib, lib_path):
    p = lib.create_proposal("T", "note", "v1")
    locked = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(lib_path, 1.0, locked))
    holder.start()
    try:
        assert locked.wait(5)
        started = time.monotonic()
        result = lib.save_version(p.id, content("T", "v2"))
        waited = time.monotonic() - started
    finally:
        holder.join()
    assert result.created and waited >= 0.5
    assert lib.version(p.id).content.body == "v2"
    assert "written by the other program" in {t.name for t in lib.tags()}


def test_case17_a_lock_held_past_the_busy_timeout_is_reported_and_nothing_is_written(lib, lib_path):
    p = lib.create_proposal("T", "note", "v1")
    lib.db.conn.execute("PRAGMA busy_timeout = 200")
    locked = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(lib_path, 1.0, locked))
    holder.start()
    try:
        assert locked.wait(5)
        with pytest.raises(LibraryBusy, match=r"busy.*nothing was changed"):
            lib.save_version(p.id, content("T", "v2"))
    finally:
        holder.join()
    assert lib.get(p.id).versions == 1
    assert lib.save_version(p.id, content("T", "v2")).created  # and works once the lock is free


def test_case07_a_full_disk_refuses_the_save_whole_and_a_retry_succeeds(lib, lib_path):
    p = lib.create_proposal("T", "note", "v1 " * 1000)
    lib.save_draft(p.id, content("T", "typed"), based_on=1)
    before = row_counts(lib_path)
    conn = lib.db.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    body = secrets.token_hex(100_000)  # ~200 KB that does not compress away
    with pytest.raises(LibraryError, match=r"disk is full.*nothing was changed"):
        lib.save_version(p.id, content("T", body))
    assert row_counts(lib_path) == before
    assert lib.load_draft(p.id).content.body == "typed"
    assert lib.version(p.id).content.body == "v1 " * 1000
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
    assert lib.save_version(p.id, content("T", body)).created
    assert lib.version(p.id).content.body == body
    assert lib.check() == ([], 2)


def _boom(*args, **kwargs):
    raise RuntimeError("simulated failure in the middle of a save")


def test_case03_a_failure_after_the_version_insert_rolls_back_the_whole_create(
    lib, lib_path, monkeypatch
):
    lib.create_proposal("Existing", "note", "kept", tags=["t"])
    before = row_counts(lib_path)
    monkeypatch.setattr(consult.tags, "add", _boom)
    with pytest.raises(RuntimeError, match="simulated"):
        lib.create_proposal("New", "note", "a body that exists nowhere else", tags=["u"])
    assert row_counts(lib_path) == before
    assert [p.title for p in lib.list_proposals()] == ["Existing"]
    monkeypatch.undo()
    again = lib.create_proposal("New", "note", "a body that exists nowhere else", tags=["u"])
    assert lib.version(again.id).content.body == "a body that exists nowhere else"


def test_case03_a_failure_storing_the_body_rolls_back_the_save_and_keeps_the_draft(
    lib, lib_path, monkeypatch
):
    p = lib.create_proposal("T", "note", "v1")
    lib.save_draft(p.id, content("T", "v2 typed"), based_on=1)
    before = row_counts(lib_path)
    monkeypatch.setattr(BlobStore, "put", _boom)
    with pytest.raises(RuntimeError, match="simulated"):
        lib.save_version(p.id, content("T", "v2 typed"))
    assert row_counts(lib_path) == before
    assert lib.load_draft(p.id).content.body == "v2 typed"
    assert lib.get(p.id).versions == 1


def test_a_version_that_does_not_read_back_identically_is_not_saved(lib, lib_path, monkeypatch):
    import consult.library

    p = lib.create_proposal("T", "note", "v1")
    before = row_counts(lib_path)
    real = consult.library.content_from_row

    def garbled(row, body):  # what a bad disk or a broken codec would hand back
        return real(row, body + "?")

    monkeypatch.setattr(consult.library, "content_from_row", garbled)
    with pytest.raises(CorruptVersion):
        lib.save_version(p.id, content("T", "v2"))
    monkeypatch.undo()
    assert row_counts(lib_path) == before
    assert lib.version(p.id).content.body == "v1"


def test_case03_no_code_commits_through_the_connection_context_manager():
    # `with db.conn:` (or a connection from sqlite3.connect used as a context manager) does
    # not make several sqlite-utils writes one transaction; a plain or DEFERRED BEGIN meets
    # the busy-handler trap. Writes go through write_txn only.
    with_conn = re.compile(r"with\s+(?:[\w.]*\bconn|[\w.]*\bconnect\(.*\))(?:\s+as\s+\w+)?\s*:")
    deferred = re.compile(r"[\"']\s*BEGIN\b(?!\s+IMMEDIATE)", re.IGNORECASE)
    for line in ("with db.conn:", "with self.db.conn as c:", "with sqlite3.connect(p) as c:"):
        assert with_conn.search(line), line
    assert not with_conn.search("with write_txn(db) as db:")
    assert deferred.search('conn.execute("BEGIN")') and deferred.search("x('begin deferred')")
    files = [f for folder in ("consult", "ui") for f in sorted((REPO / folder).rglob("*.py"))]
    assert any(f.name == "library.py" for f in files)
    offenders = [
        f"{f.relative_to(REPO)}:{n}"
        for f in files
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), start=1)
        if with_conn.search(line) or deferred.search(line)
    ]
    assert offenders == []


# -- backup ---------------------------------------------------------------------------------


@pytest.fixture
def filled(lib):
    a = lib.create_proposal("关于数据安全的议案", "motion", "第一条 内容。\n" * 50, tags=["AI"])
    for n in range(2, 6):
        lib.save_version(
            a.id, content("关于数据安全的议案", f"第{n}条 新增。\n" * 50, kind="motion")
        )
    lib.create_proposal("Second", "note", "short")
    return lib


def _versions(lib: Library) -> dict[tuple[str, int], tuple[str, str]]:
    """(id, number) → (sha256, body), every body read back and verified."""
    out = {}
    for p in lib.list_proposals():
        for info in lib.versions(p.id):
            out[(p.id, info.number)] = (info.sha256, lib.version(p.id, info.number).content.body)
    return out


def test_backup_is_a_complete_verified_library(filled, tmp_path):
    dest = tmp_path / "backups" / "copy.consult"
    dest.parent.mkdir()
    assert filled.backup(dest) == dest
    conn = raw(dest)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Library.open(dest) as copy:
        assert _versions(copy) == _versions(filled)
        assert len(_versions(copy)) == 6
        assert copy.check() == ([], 6)
    assert [p.name for p in dest.parent.iterdir()] == ["copy.consult"]  # no temporary left


def test_backup_into_a_folder_names_a_new_file(filled, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    dest = filled.backup(folder)
    assert dest.parent == folder and dest.name.startswith("consult-backup-")
    with Library.open(dest) as copy:
        assert _versions(copy) == _versions(filled)


def test_backup_never_overwrites(filled, tmp_path):
    dest = tmp_path / "existing.consult"
    dest.write_bytes(b"precious")
    with pytest.raises(LibraryError, match="already exists"):
        filled.backup(dest)
    assert dest.read_bytes() == b"precious"
    with pytest.raises(LibraryError, match="does not exist"):
        filled.backup(tmp_path / "no-such-folder" / "copy.consult")
