"""`consult export` and `consult import`, run through `consult.cli.main` as a user runs them.

Until consult/cli.py calls `add_commands(command)` itself, the fixture adds the two commands to
its parser the same way (a parser's `command` helper, `--db` before or after the command).
"""

from __future__ import annotations

import argparse
import json

import pytest
from io_helpers import snapshot, write

from consult import cli
from consult.library import Library
from consult.markdown_io.commands import add_commands


@pytest.fixture
def consult(monkeypatch, capsys, tmp_path):
    original = cli.build_parser

    def build_parser():
        parser = original()
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        if "export" not in sub.choices:
            common = argparse.ArgumentParser(add_help=False)
            common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)

            def command(name, run, text):
                p = sub.add_parser(name, parents=[common], help=text, description=text)
                p.set_defaults(run=run)
                return p

            add_commands(command)
        return parser

    monkeypatch.setattr(cli, "build_parser", build_parser)

    def run(*argv):
        status = cli.main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return status, out, err

    return run


@pytest.fixture
def demo_db(consult, tmp_path):
    db = tmp_path / "demo.consult"
    assert consult("init", "--demo", "--db", db)[0] == 0
    return db


def one_line_error(err: str) -> str:
    assert err.startswith("consult: ") and err.count("\n") == 1, err
    return err


def test_export_all_then_import_into_a_fresh_library_reproduces_the_demo(
    consult, demo_db, tmp_path
):
    out, fresh = tmp_path / "md", tmp_path / "fresh.consult"
    status, stdout, _ = consult("export", "--all", "--out", out, "--db", demo_db)
    assert status == 0 and stdout.startswith(f"8 proposals exported to {out}")
    assert consult("init", "--db", fresh)[0] == 0
    status, stdout, _ = consult("import", out, "--db", fresh)
    assert status == 0 and stdout.rstrip().endswith("8 imported, 1 skipped")
    with Library.open(demo_db) as a, Library.open(fresh) as b:
        assert snapshot(b) == snapshot(a)


def test_export_chosen_ids_with_history(consult, demo_db, tmp_path):
    status, listing, _ = consult("list", "--json", "--db", demo_db)
    first = json.loads(listing)[0]
    out = tmp_path / "md"
    status, stdout, _ = consult(
        "export", first["id"][:6], "--out", out, "--history", "--db", demo_db
    )
    assert status == 0 and stdout.startswith("1 proposal exported")
    [folder] = [p for p in out.iterdir() if p.is_dir()]
    assert sorted(p.name for p in folder.iterdir()) == [
        f"v{n}.md" for n in range(1, first["versions"] + 1)
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "--out", "OUT"], "Give the ids of the proposals to export, or --all"),
        (["export", "nosuchid", "--out", "OUT"], "No proposal with id “nosuchid”"),
        (["import", "MISSING"], "Nothing imported: MISSING: no such file or folder"),
        (["import", "EMPTY"], "Nothing imported: no .md or .txt files found"),
    ],
)
def test_user_errors_exit_1_with_one_line(consult, demo_db, tmp_path, argv, message):
    (tmp_path / "empty").mkdir()
    paths = {
        "OUT": tmp_path / "out",
        "MISSING": tmp_path / "missing.md",
        "EMPTY": tmp_path / "empty",
    }
    argv = [str(paths.get(a, a)) for a in argv]
    status, _, err = consult(*argv, "--db", demo_db)
    assert status == 1
    expected = message.replace("MISSING", str(paths["MISSING"]))
    assert expected in one_line_error(err)


def test_import_reports_each_file_and_the_detected_encoding(consult, demo_db, tmp_path):
    write(
        tmp_path / "in" / "gbk.txt",
        "第一条　为了规范人工智能生成内容，制定本条例。\n".encode("gbk"),
    )
    write(tmp_path / "in" / "latin.md", "Müller Straße Übung\n".encode("latin-1"))
    status, stdout, _ = consult("import", tmp_path / "in", "--db", demo_db)
    assert status == 0  # one file imported: the other is reported, not fatal
    assert f"imported: {tmp_path / 'in' / 'gbk.txt'}" in stdout
    assert "Encoding detected as GB18030" in stdout
    assert (
        f"failed: {tmp_path / 'in' / 'latin.md'}: {tmp_path / 'in' / 'latin.md'}: Unknown encoding"
        in stdout
    )
    assert stdout.rstrip().endswith("1 imported, 1 failed")
    status, stdout, _ = consult(
        "import", tmp_path / "in" / "latin.md", "--encoding", "latin-1", "--db", demo_db
    )
    assert status == 0 and stdout.rstrip().endswith("1 imported")


def test_only_failures_exit_1(consult, demo_db, tmp_path):
    bad = write(tmp_path / "bad.md", b"\x89PNG\r\n\x1a\n\x00\x00")
    status, stdout, err = consult("import", bad, "--db", demo_db)
    assert status == 1
    assert f"failed: {bad}" in stdout
    assert "Nothing imported" in one_line_error(err) and "not a text file" in err
