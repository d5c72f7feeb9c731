"""RELIABILITY 13 and 14: backups are real and restorable, thinned like Anki's, made before every
migration; a failed migration changes nothing and leaves its backup; `consult backup`."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from core_helpers import content, file_hash, raw

from consult import backups, cli
from consult.backups import BackupInfo, list_backups, make_backup, restore, to_keep
from consult.errors import LibraryError, MigrationFailed
from consult.library import Library
from consult.storage import backup as backup_module
from consult.storage import migrations as migrations_module
from consult.storage.backup import backup_to


def snapshot(lib: Library) -> dict:
    """Everything a user would miss: every version's hash and text, tags, drafts."""
    out: dict = {}
    for p in lib.list_proposals():
        out[p.id] = {
            "tags": p.tags,
            "versions": [
                (i.number, i.sha256, i.label, lib.version(p.id, i.number).content.body)
                for i in lib.versions(p.id)
            ],
            "draft": lib.load_draft(p.id),
        }
    return out


@pytest.fixture
def filled(lib):
    a = lib.create_proposal("关于数据安全的议案", "motion", "第一条 总则。", tags=["AI/数据"])
    for n in range(2, 5):
        lib.save_version(
            a.id, content("关于数据安全的议案", f"第{n}条 新增。\n" * 40, kind="motion")
        )
    b = lib.create_proposal("Voice rights", "note", "First draft.", tags=["deepfake"])
    lib.save_draft(b.id, content("Voice rights", "Unsaved typing"), based_on=1)
    return lib


# -- case 14: backups are real and restorable ---------------------------------------------------


def test_case14_backup_written_while_saving_is_whole_and_restores_every_version(
    filled, lib_path, tmp_path
):
    writer = Library.open(lib_path)  # another connection, as the window's saves would be
    pid = filled.list_proposals()[0].id
    saved = []

    def save_meanwhile(status, remaining, total):
        if remaining and len(saved) < 3:
            body = f"saved during the backup {len(saved)}\n" + "x" * 20_000
            saved.append(writer.save_version(pid, content("Voice rights", body)).version)

    dest = tmp_path / "copy.consult"
    backup_to(filled.db.conn, dest, pages=4, progress=save_meanwhile)
    writer.close()
    assert saved, "the backup ran in one step: nothing was written while it ran"
    conn = raw(dest)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()

    restored_path = tmp_path / "empty" / "restored.consult"
    assert restore(restored_path, dest) is None  # nothing was there to keep
    with Library.open(restored_path) as restored:
        assert snapshot(restored) == snapshot(filled)
        assert restored.version(pid).info.sha256 == saved[-1].sha256
        assert restored.check()[0] == []


def test_case14_restore_over_a_library_keeps_what_it_replaces(filled, lib_path):
    before = snapshot(filled)
    made = make_backup(lib_path, "manual")
    pid = filled.list_proposals()[0].id
    filled.save_version(pid, content("Later", "text written after the backup"))
    after = snapshot(filled)
    filled.close()

    kept = restore(lib_path, made.path)

    with Library.open(lib_path) as lib:
        assert snapshot(lib) == before
    assert kept is not None and kept.parent == backups.backup_folder(lib_path)
    with Library.open(kept) as old:
        assert snapshot(old) == after  # the restore can itself be undone
    assert [b.reason for b in list_backups(lib_path)] == ["before-restore", "manual"]


@pytest.mark.parametrize("bad", ["corrupt", "not-consult", "newer", "text"])
def test_case14_a_bad_backup_is_refused_and_nothing_changes(filled, lib_path, tmp_path, bad):
    backup = tmp_path / "bad.consult"
    if bad == "text":
        backup.write_text("# just notes\n")
    elif bad == "not-consult":
        other = sqlite3.connect(backup)
        other.execute("CREATE TABLE cards (id INTEGER)")
        other.commit()
        other.close()
    else:
        filled.backup(backup)
        if bad == "corrupt":
            with backup.open("r+b") as f:
                f.seek(backup.stat().st_size // 2)
                f.write(b"\xff" * 4096)
        else:
            conn = raw(backup)
            conn.execute("PRAGMA user_version = 99")
            conn.close()
    before = snapshot(filled)
    filled.close()
    digest = file_hash(lib_path)
    with pytest.raises(LibraryError, match="nothing was changed"):
        restore(lib_path, backup)
    assert file_hash(lib_path) == digest
    assert list_backups(lib_path) == []
    with Library.open(lib_path) as lib:
        assert snapshot(lib) == before


def test_case14_restore_over_a_damaged_library_keeps_the_damaged_file(filled, lib_path):
    good = snapshot(filled)
    made = make_backup(lib_path, "periodic")
    filled.close()
    with lib_path.open("r+b") as f:
        f.write(b"\0" * 100)
    damaged = lib_path.read_bytes()

    kept = restore(lib_path, made.path)

    assert kept is not None and kept.name.startswith("library.consult.corrupt-")
    assert kept.read_bytes() == damaged
    with Library.open(lib_path) as lib:
        assert snapshot(lib) == good


def day(n: int, hour: int = 12) -> datetime:
    return datetime(2026, 11, 25, hour, tzinfo=UTC) - timedelta(days=n)


def fake(created: datetime) -> BackupInfo:
    return BackupInfo(Path(f"{created:%Y%m%dT%H}.consult"), created, "periodic", 1)


def test_case14_thinning_keeps_recent_then_daily_weekly_monthly():
    # Four backups a day for 400 days.
    made = [fake(day(n, hour)) for n in range(400) for hour in (3, 9, 15, 21)]
    now = day(0, 22)
    kept = {b.created for b in made if b.path in to_keep(made, now)}

    newest = sorted((b.created for b in made), reverse=True)
    assert set(newest[: backups.KEEP_RECENT]) <= kept
    # The newest of each of the last 7 days …
    for n in range(backups.KEEP_DAILY):
        assert day(n, 21) in kept
    # … of each of the last 8 weeks (Mondays start them) and 12 months.
    monday = now.date() - timedelta(days=now.weekday())
    for w in range(backups.KEEP_WEEKLY):
        start = monday - timedelta(weeks=w)
        in_week = [b.created for b in made if start <= b.created.date() < start + timedelta(7)]
        assert max(in_week) in kept
    for m in range(backups.KEEP_MONTHLY):
        year, month = divmod(now.year * 12 + now.month - 1 - m, 12)
        in_month = [
            b.created for b in made if (b.created.year, b.created.month) == (year, month + 1)
        ]
        assert max(in_month) in kept
    # Nothing else: at most one per bucket beyond the recent ones, nothing older than a year.
    assert len(kept) <= (
        backups.KEEP_RECENT + backups.KEEP_DAILY + backups.KEEP_WEEKLY + backups.KEEP_MONTHLY
    )
    assert min(kept) > now - timedelta(days=366)
    assert len(kept) >= 20


def test_case14_thinning_deletes_only_after_a_verified_backup(filled, lib_path, monkeypatch):
    folder = backups.backup_folder(lib_path)
    old = [make_backup(lib_path, "periodic", now=day(n * 3), thin_after=False) for n in range(40)]
    assert len(list_backups(lib_path)) == 40
    with monkeypatch.context() as patch:
        patch.setattr(backup_module, "integrity_problems", lambda conn: ["Page 7: btree damaged"])
        with pytest.raises(LibraryError, match="integrity check"):
            make_backup(lib_path, "periodic")
    # Not one older backup was deleted or replaced, and no half-written file was left.
    assert [b.path for b in list_backups(lib_path)] == [b.path for b in old]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [b.path.name for b in old] + ["library.txt"]
    )

    newest = make_backup(lib_path, "periodic")  # a good one: now the old ones are thinned
    remaining = list_backups(lib_path)
    assert remaining[0] == newest and len(remaining) < 30


# -- case 13: a migration that fails, and the backup before it -----------------------------------


class BrokenMigration:
    """A migration 0099 whose second step raises, registered until `remove()`."""

    def __init__(self) -> None:
        self.steps: list[str] = []
        self.saved = (
            list(migrations_module.migrations._migrations),
            migrations_module.SCHEMA_VERSION,
        )
        migrations_module.migrations(name="0099_broken")(self.run)
        migrations_module.SCHEMA_VERSION = len(migrations_module.migrations._migrations)

    def run(self, db) -> None:
        db.execute("CREATE TABLE made_by_the_broken_migration (x)")
        self.steps.append("first")
        db.execute("ALTER TABLE proposals ADD COLUMN half_done TEXT")
        raise RuntimeError("step 2 failed")

    def remove(self) -> None:
        migrations_module.migrations._migrations[:] = self.saved[0]
        migrations_module.SCHEMA_VERSION = self.saved[1]


@pytest.fixture
def failing_migration():
    broken = BrokenMigration()
    yield broken
    broken.remove()


def schema_of(path: Path) -> tuple:
    conn = raw(path)
    try:
        return (
            conn.execute("PRAGMA user_version").fetchone()[0],
            conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall(),
        )
    finally:
        conn.close()


def test_case13_failed_migration_changes_nothing_and_leaves_a_verified_backup(
    filled, lib_path, failing_migration
):
    before_data = snapshot(filled)
    filled.close()
    before = schema_of(lib_path)

    with pytest.raises(MigrationFailed) as failed:
        Library.open(lib_path)

    assert failing_migration.steps == ["first"]  # it did run, and was rolled back
    assert schema_of(lib_path) == before
    backup = failed.value.backup
    assert backup is not None and str(backup) in str(failed.value)
    assert "Nothing was changed" in str(failed.value)
    conn = raw(backup)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert [b.reason for b in list_backups(lib_path)] == ["migration"]

    # The next start (with the migration fixed) migrates cleanly.
    failing_migration.remove()
    with Library.open(lib_path) as lib:
        assert snapshot(lib) == before_data
        assert lib.check()[0] == []


def test_case13_the_command_reports_a_failed_migration_with_exit_1(
    filled, lib_path, failing_migration, capsys
):
    filled.close()
    digest = file_hash(lib_path)
    assert cli.main(["--db", str(lib_path), "list"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Could not bring the library" in err and "backups" in err
    assert file_hash(lib_path) == digest


def test_a_new_library_gets_no_migration_backup(lib_path):
    with Library.open(lib_path, create=True):
        pass
    assert list_backups(lib_path) == []


# -- consult backup ----------------------------------------------------------------------------


def test_backup_command_lists_and_restores_the_latest(filled, lib_path, capsys, tmp_path):
    before = snapshot(filled)
    pid = filled.list_proposals()[0].id
    db = ["--db", str(lib_path)]
    assert cli.main([*db, "backup"]) == 0
    assert "integrity check passed" in capsys.readouterr().out
    body = tmp_path / "new.md"
    body.write_text("rewritten after the backup")
    assert cli.main([*db, "edit", pid, "--file", str(body)]) == 0
    capsys.readouterr()

    assert cli.main([*db, "backup", "--list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [b["reason"] for b in listed] == ["manual"]
    assert Path(listed[0]["path"]).parent == backups.backup_folder(lib_path)

    filled.close()
    assert cli.main([*db, "backup", "--restore", "latest"]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "kept in" in out
    with Library.open(lib_path) as lib:
        assert snapshot(lib) == before


def test_backup_command_refuses_to_restore_nothing(lib, lib_path, capsys, tmp_path):
    db = ["--db", str(lib_path)]
    assert cli.main([*db, "backup", "--restore", "latest"]) == 1
    assert "no backups" in capsys.readouterr().err
    assert cli.main([*db, "backup", "--restore", str(tmp_path / "missing.consult")]) == 1
    assert "No backup file" in capsys.readouterr().err
    digest = file_hash(lib_path)
    assert cli.main([*db, "backup", "--restore", str(lib_path)]) == 1
    assert "the library itself" in capsys.readouterr().err
    assert file_hash(lib_path) == digest and list_backups(lib_path) == []
