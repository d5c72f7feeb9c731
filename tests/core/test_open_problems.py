"""RELIABILITY 9–12, the core's and the command's part: a read-only library, a damaged header or a
file that is not a library, a corrupt page, a library from a newer app. Each ends in a clear
message (exit 1 for the command) and leaves the file byte for byte as it was; salvage saves
what is readable.

The window's part is in tests/ui/test_opening.py.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from core_helpers import content, file_hash, raw

from consult import cli
from consult.backups import make_backup
from consult.errors import DamagedLibrary, NewerLibrary, NotALibrary, ReadOnlyLibrary
from consult.library import Library
from consult.markdown_io.exporter import export_proposals
from consult.markdown_io.front_matter import split_front_matter
from consult.related import related
from consult.salvage import salvage
from consult.search import search
from consult.storage.migrations import SCHEMA_VERSION


@pytest.fixture
def filled(lib_path):
    with Library.open(lib_path, create=True) as lib:
        for n in range(12):
            p = lib.create_proposal(f"第{n}号议案", "motion", f"第一条 {n}。\n" * 200, tags=["AI"])
            lib.save_version(
                p.id, content(f"第{n}号议案", f"第一条 修改{n}。\n" * 300, kind="motion")
            )
        bodies = {p.id: (p.title, lib.version(p.id).content.body) for p in lib.list_proposals()}
    return bodies


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    status = cli.main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def corrupt(path: Path, offset: int, data: bytes) -> None:
    with path.open("r+b") as f:
        f.seek(offset)
        f.write(data)


# -- case 9: read-only ------------------------------------------------------------------------


def test_case09_a_read_only_library_reads_everything_and_refuses_every_change(
    filled, lib_path, tmp_path
):
    digest = file_hash(lib_path)
    with Library.open(lib_path, read_only=True) as lib:
        assert lib.read_only and lib.read_only_reason
        assert {p.id: (p.title, lib.version(p.id).content.body) for p in lib.list_proposals()} == (
            filled
        )
        pid = next(iter(filled))
        assert [hit.id for hit in search(lib, "第3号议案")][:1] == [
            p.id for p in lib.list_proposals() if p.title == "第3号议案"
        ]
        assert len(related(lib, pid, limit=3)) == 3
        report = export_proposals(lib, tmp_path / "out")
        assert report.ok and len(report.files) == len(filled)
        attempts = [
            lambda: lib.save_version(pid, content("x", "y")),
            lambda: lib.create_proposal("x", "note"),
            lambda: lib.add_tags(pid, ["new"]),
            lambda: lib.save_draft(pid, content("x", "typing"), 1),
            lambda: lib.trash(pid),
            lambda: lib.label_version(pid, 1, "label"),
        ]
        for attempt in attempts:
            with pytest.raises(ReadOnlyLibrary, match="nothing was changed"):
                attempt()
    assert file_hash(lib_path) == digest


# -- case 10: a damaged header, a file that is not a library -----------------------------------


def make_other(tmp_path: Path, kind: str) -> Path:
    if kind == "markdown":
        path = tmp_path / "notes.md"
        path.write_text("# 关于加强基层医疗卫生服务的建议\n\n正文。\n")
    else:  # a SQLite database of another application, e.g. Anki's collection.anki2
        path = tmp_path / "collection.anki2"
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE cards (id INTEGER PRIMARY KEY, nid INTEGER)")
        conn.execute("INSERT INTO cards VALUES (1, 2)")
        conn.commit()
        conn.close()
    return path


@pytest.mark.parametrize(
    "kind, message",
    [("markdown", "damaged or is not a Consult library"), ("anki", "another application")],
)
def test_case10_a_file_that_is_not_a_library_is_refused_untouched(tmp_path, capsys, kind, message):
    path = make_other(tmp_path, kind)
    digest = file_hash(path)
    for read_only in (False, True):
        with pytest.raises(NotALibrary, match=message):
            Library.open(path, read_only=read_only)
    for argv in (["list"], ["new", "--title", "T", "--kind", "note"], ["check"], ["init"]):
        status, _, err = run(["--db", str(path), *argv], capsys)
        assert status == 1 and message in err and err.count("\n") == 1
    assert file_hash(path) == digest
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(path.name)) == [path.name]


def test_case10_a_destroyed_header_is_refused_untouched_and_salvage_saves_every_proposal(
    filled, lib_path, tmp_path, capsys
):
    corrupt(lib_path, 0, b"\0" * 100)
    digest = file_hash(lib_path)
    with pytest.raises(NotALibrary, match="damaged"):
        Library.open(lib_path)
    status, _, err = run(["--db", str(lib_path), "edit", "x", "--title", "T"], capsys)
    assert status == 1 and "damaged" in err

    status, out, _ = run(["--db", str(lib_path), "salvage", "--out", str(tmp_path / "s")], capsys)
    assert status == 0 and f"{len(filled)} files saved" in out
    saved = {}
    for path in (tmp_path / "s").glob("*.md"):
        parsed = split_front_matter(path.read_text("utf-8"))
        saved[parsed.meta["id"]] = (parsed.meta["title"], parsed.body.removeprefix("\n"))
    assert saved == filled
    assert file_hash(lib_path) == digest


# -- case 11: a corrupt page in the middle --------------------------------------------------------


def test_case11_a_corrupt_page_refuses_every_change_and_check_reports_it(
    filled, lib_path, tmp_path, capsys
):
    corrupt(lib_path, lib_path.stat().st_size // 2, b"\xff" * 4096)
    digest = file_hash(lib_path)
    pid = next(iter(filled))
    body = tmp_path / "body.md"
    body.write_text("new text")
    db = ["--db", str(lib_path)]
    for argv in (
        ["edit", pid, "--file", str(body)],
        ["new", "--title", "T", "--kind", "note"],
        ["tag", pid, "--add", "x"],
        ["import", str(body)],
        ["init", "--demo"],
    ):
        status, _, err = run([*db, *argv], capsys)
        assert status == 1, argv
        assert "damaged" in err and "nothing was changed" in err and err.count("\n") == 1
    status, out, err = run([*db, "check"], capsys)
    assert status == 1 and "problem:" in out and f"{out.count('problem:')} problem" in err
    with Library.open(lib_path) as lib, pytest.raises(DamagedLibrary, match="backup"):
        lib.require_healthy()
    assert file_hash(lib_path) == digest

    report = salvage(lib_path, tmp_path / "s")
    titles = {split_front_matter(p.read_text("utf-8")).meta["title"] for p in report.written}
    assert titles <= {title for title, _ in filled.values()}
    assert len(report.written) >= len(filled) - 2, report.lines()  # one 4 KB page holds little
    assert file_hash(lib_path) == digest


# -- case 12: a library from a newer version of the app -------------------------------------------


def test_case12_a_newer_library_is_refused_by_every_command_untouched(filled, lib_path, capsys):
    conn = raw(lib_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    digest = file_hash(lib_path)
    for read_only in (False, True):
        with pytest.raises(NewerLibrary, match=f"schema {SCHEMA_VERSION + 1}"):
            Library.open(lib_path, read_only=read_only)
    for argv in (["list"], ["check"], ["backup"], ["init", "--demo"], ["search", "议案"]):
        status, _, err = run(["--db", str(lib_path), *argv], capsys)
        assert status == 1 and "newer version of Consult" in err, argv
    assert file_hash(lib_path) == digest


def test_case11_restore_from_the_latest_verified_backup_over_a_corrupt_page(
    filled, lib_path, capsys
):
    made = make_backup(lib_path, "open")
    corrupt(lib_path, lib_path.stat().st_size // 2, b"\xff" * 4096)
    damaged = lib_path.read_bytes()
    reader = Library.open(lib_path)  # a window that has the library open meanwhile

    status, out, _ = run(["--db", str(lib_path), "backup", "--restore", "latest"], capsys)

    assert status == 0 and str(made.path) in out
    kept = Path(out.split("kept in ")[1].strip())
    assert kept.name.startswith("library.consult.corrupt-") and kept.read_bytes() == damaged
    for lib in (reader, Library.open(lib_path)):
        with lib:
            assert {
                p.id: (p.title, lib.version(p.id).content.body) for p in lib.list_proposals()
            } == (filled)
            lib.require_healthy()


# -- case 18: a library on a network drive or in a cloud-synced folder ----------------------------


def test_case18_the_command_reads_with_a_warning_and_changes_only_when_confirmed(
    filled, lib_path, tmp_path, capsys, monkeypatch
):
    import consult.locations

    monkeypatch.setattr(
        consult.locations,
        "risky_location",
        lambda path: f"in a folder synchronised by Dropbox ({Path(path).parent})",
    )
    digest = file_hash(lib_path)
    db = ["--db", str(lib_path)]
    status, out, err = run([*db, "list"], capsys)
    assert status == 0 and "第0号议案" in out
    assert "warning" in err and "Dropbox" in err and "can corrupt" in err

    pid = next(iter(filled))
    changes = (
        ["edit", pid, "--title", "T"],
        ["new", "--title", "T", "--kind", "note"],
        ["tag", pid, "--add", "x"],
        ["init", "--demo"],
        ["backup", "--restore", "latest"],
    )
    for argv in changes:
        status, _, err = run([*db, *argv], capsys)
        assert status == 1 and "Nothing was changed" in err and "--allow-risky-location" in err
        assert err.count("\n") == 1, argv
    assert file_hash(lib_path) == digest
    fresh = tmp_path / "synced" / "new.consult"
    status, _, err = run(["--db", str(fresh), "init"], capsys)
    assert status == 1 and not fresh.exists()

    status, out, _ = run([*db, "edit", pid, "--title", "T", "--allow-risky-location"], capsys)
    assert status == 0 and "Saved version" in out


def test_case12_a_refused_library_left_with_a_wal_by_a_crash_is_not_checkpointed(
    filled, lib_path, tmp_path, capsys
):
    # The state a crash leaves: the newest pages (here, those of a newer app) only in -wal.
    with Library.open(lib_path) as lib:
        lib.db.execute("PRAGMA wal_autocheckpoint = 0")
        lib.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        crashed = tmp_path / "crashed.consult"
        for suffix in ("", "-wal"):
            Path(f"{crashed}{suffix}").write_bytes(Path(f"{lib_path}{suffix}").read_bytes())
    wal = Path(f"{crashed}-wal")
    assert wal.stat().st_size > 0
    digests = (file_hash(crashed), file_hash(wal))
    for argv in (["list"], ["edit", "x", "--title", "T"], ["check"]):
        status, _, err = run(["--db", str(crashed), *argv], capsys)
        assert status == 1 and "newer version of Consult" in err
    with pytest.raises(NewerLibrary):
        Library.open(crashed)
    assert (file_hash(crashed), file_hash(wal)) == digests
