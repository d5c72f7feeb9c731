"""The `consult` command's contract: output, JSON shapes and exit statuses (0, 1, 2)."""

from __future__ import annotations

import codecs
import json
import os
import re
import sqlite3
import subprocess

import pytest
from core_helpers import PYTHON, REPO, raw, subprocess_env

from consult.cli import main
from consult.library import Library
from consult.storage.migrations import SCHEMA_VERSION

CJK = re.compile(r"[\u4e00-\u9fff]")
ID = re.compile(r"^[0-9a-z]{10}$")


@pytest.fixture
def db(tmp_path):
    return tmp_path / "cli.consult"


@pytest.fixture
def made(cli, db, tmp_path):
    """A library with one proposal (two versions); returns its id."""
    assert cli("--db", db, "init")[0] == 0
    _code, out, _ = cli("--db", db, "new", "--title", "Data Act", "--kind", "plan", "--tag", "data")
    body = tmp_path / "v2.md"
    body.write_text("Second version.\n", encoding="utf-8")
    assert cli("edit", out.strip(), "--db", db, "--file", body)[0] == 0
    return out.strip()


def one_line_error(err: str) -> None:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("consult: ") and len(lines[0]) > 12, err


# -- init and list --------------------------------------------------------------------------


def test_init_demo_then_list_json(cli, db):
    code, out, err = cli("--db", db, "init", "--demo")
    assert code == 0 and err == "" and str(db) in out
    code, out, _ = cli("--db", db, "list", "--json")
    assert code == 0
    listed = json.loads(out)
    assert len(listed) >= 6
    for item in listed:
        assert {"id", "title", "kind", "status", "tags", "versions", "updated"} <= set(item)
        assert ID.match(item["id"]) and item["versions"] >= 2 and item["tags"]
    assert any(CJK.search(p["title"]) for p in listed)
    assert any(not CJK.search(p["title"]) and re.search("[A-Za-z]{4}", p["title"]) for p in listed)
    updated = [p["updated"] for p in listed]
    assert updated == sorted(updated, reverse=True)


def test_init_demo_refuses_a_library_that_has_proposals(cli, db, made):
    code, _, err = cli("--db", db, "init", "--demo")
    assert code == 1
    one_line_error(err)
    assert "already has proposals" in err
    assert len(json.loads(cli("--db", db, "list", "--json")[1])) == 1


@pytest.mark.parametrize(
    ("filters", "expected"),
    [([], 2), (["--kind", "plan"], 1), (["--tag", "DATA"], 1), (["--status", "ready"], 0)],
)
def test_list_filters(cli, db, made, filters, expected):
    cli("--db", db, "new", "--title", "Other", "--kind", "note")
    code, out, _ = cli("--db", db, "list", "--json", *filters)
    assert code == 0 and len(json.loads(out)) == expected


# -- new and show ---------------------------------------------------------------------------


def test_new_prints_the_id_alone_and_show_json_has_the_contract_keys(cli, db):
    cli("--db", db, "init")
    code, out, err = cli(
        "--db", db, "new", "--title", "关于数据安全的议案", "--kind", "motion", "--status", "ready",
        "--tag", "AI/copyright", "--tag", "著作权", "--sponsor", "王立群", "--cosigner", "张明",
        "--cosigner", "李华", "--session", "14th NPC, 3rd session", "--label", "初稿",
    )  # fmt: skip
    assert code == 0 and err == ""
    assert ID.match(out.rstrip("\n")) and out.endswith("\n") and out.count("\n") == 1
    pid = out.strip()
    code, out, _ = cli("--db", db, "show", pid, "--json")
    shown = json.loads(out)
    assert {"id", "title", "kind", "status", "tags", "sponsors", "cosigners", "session",
            "version", "sha256", "body"} <= set(shown)  # fmt: skip
    assert (shown["id"], shown["title"], shown["kind"], shown["status"]) == (
        pid,
        "关于数据安全的议案",
        "motion",
        "ready",
    )
    assert sorted(shown["tags"]) == ["AI/copyright", "著作权"]
    assert (shown["sponsors"], shown["cosigners"]) == (["王立群"], ["张明", "李华"])
    assert (shown["session"], shown["version"], shown["body"]) == ("14th NPC, 3rd session", 1, "")
    with Library.open(db) as lib:
        assert shown["sha256"] == lib.version(pid).info.sha256


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF8 + "第一条\r\n内容。\r\n".encode(), "第一条\n内容。\n"),
        ("第一条\r内容。\n".encode(), "第一条\n内容。\n"),
        (codecs.BOM_UTF16_LE + "第一条\r\n".encode("utf-16-le"), "第一条\n"),
        (b"tabs\tand trailing  \n", "tabs\tand trailing  \n"),
    ],
    ids=["utf8-bom-crlf", "cr", "utf16-bom", "plain"],
)
def test_new_reads_the_body_file(cli, db, tmp_path, data, expected):
    cli("--db", db, "init")
    path = tmp_path / "body.md"
    path.write_bytes(data)
    pid = cli("--db", db, "new", "--title", "T", "--kind", "note", "--file", path)[1].strip()
    assert json.loads(cli("--db", db, "show", pid, "--json")[1])["body"] == expected


def test_show_a_version(cli, db, made):
    code, out, _ = cli("--db", db, "show", f"{made}@1", "--json")
    old = json.loads(out)
    assert code == 0 and (old["version"], old["body"]) == (1, "")
    code, out, _ = cli("--db", db, "show", f"{made[:5].upper()}@2")
    assert code == 0
    assert out.splitlines()[0] == "Data Act"
    assert "version 2 of 2" in out and out.endswith("Second version.\n")
    assert "version 1 of 2 (latest is 2)" in cli("--db", db, "show", f"{made}@1")[1]


# -- edit and versions ----------------------------------------------------------------------


def test_edit_from_a_file_and_the_same_file_again(cli, db, made, tmp_path):
    body = tmp_path / "v3.md"
    body.write_text("Third version.\n", encoding="utf-8")
    code, out, _ = cli("--db", db, "edit", made, "--file", body, "--label", "after review")
    assert code == 0 and out == f"Saved version 3 of {made}\n"
    code, out, _ = cli("--db", db, "edit", made, "--file", body, "--label", "again")
    assert code == 0 and out.startswith("No changes") and "version 3" in out
    versions = json.loads(cli("--db", db, "versions", made, "--json")[1])
    assert [(v["number"], v["label"]) for v in versions] == [(1, ""), (2, ""), (3, "after review")]


def test_edit_status(cli, db, made):
    code, out, _ = cli("--db", db, "edit", made, "--status", "ready")
    assert code == 0 and out == f"Saved version 3 of {made}\n"
    shown = json.loads(cli("--db", db, "show", made, "--json")[1])
    assert (shown["status"], shown["body"], shown["version"]) == ("ready", "Second version.\n", 3)
    assert json.loads(cli("--db", db, "show", f"{made}@2", "--json")[1])["status"] == "draft"


def test_versions_json(cli, db, made):
    code, out, _ = cli("--db", db, "versions", made, "--json")
    versions = json.loads(out)
    assert code == 0 and [v["number"] for v in versions] == [1, 2]
    for v in versions:
        assert {"number", "created", "label", "sha256", "size"} <= set(v)
        shown = json.loads(cli("--db", db, "show", f"{made}@{v['number']}", "--json")[1])
        assert v["sha256"] == shown["sha256"] and v["size"] == len(shown["body"])
        assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", v["created"])


# -- tag, backup, check ---------------------------------------------------------------------


def test_tag_add_and_remove(cli, db, made):
    changes = ["--add", "AI/ethics", "--add", "privacy", "--remove", "DATA"]
    code, out, err = cli("--db", db, "tag", made, *changes)
    assert code == 0 and err == "" and out == "AI/ethics, privacy\n"
    shown = json.loads(cli("--db", db, "show", made, "--json")[1])
    assert shown["tags"] == ["AI/ethics", "privacy"]
    code, out, err = cli("--db", db, "tag", made, "--remove", "never-there")
    assert code == 0 and "never-there" in err and out == "AI/ethics, privacy\n"


def test_backup(cli, db, made, tmp_path):
    dest = tmp_path / "copy.consult"
    code, out, _ = cli("--db", db, "backup", dest)
    assert code == 0 and str(dest) in out
    with Library.open(dest) as copy:
        assert [v.sha256 for v in copy.versions(made)] == [
            v["sha256"] for v in json.loads(cli("--db", db, "versions", made, "--json")[1])
        ]
    code, _, err = cli("--db", db, "backup", dest)
    assert code == 1 and "already exists" in err
    one_line_error(err)


def test_check_ok_then_damaged(cli, db, made):
    code, out, err = cli("--db", db, "check")
    assert code == 0 and err == "" and out.startswith("ok: 1 proposal, 2 versions")
    conn = raw(db)
    conn.execute("UPDATE blobs SET data = x'00112233445566778899'")
    conn.close()
    code, out, err = cli("--db", db, "check")
    assert code == 1
    assert out.count("problem:") == 2 and made in out and "damaged" in out
    one_line_error(err)


def test_check_reports_a_search_index_out_of_step(cli, db, made):
    conn = raw(db)
    conn.execute("UPDATE search_text SET title = 'stale title'")  # as a bug or old app might
    conn.commit()
    conn.close()
    code, out, err = cli("--db", db, "check")
    assert code == 1 and "search index" in out and "old text" in out
    one_line_error(err)


# -- errors ---------------------------------------------------------------------------------


def _newer(path):
    with Library.open(path, create=True):
        pass
    conn = raw(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()


def _not_a_library(path):
    conn = sqlite3.connect(str(path))
    conn.execute("CREATE TABLE other (x)")
    conn.close()


# (argv built from the setup, a regex for the message); the setup is `error_setup` below
NOT_TEXT = r"image\.png is not (a text file|UTF-8 text|valid UTF-16)"
USER_ERRORS = {
    "unknown-id": (lambda c: ["show", "zzzzzzzz"], "No proposal"),
    "unknown-version": (lambda c: ["show", f"{c['id']}@99"], "no version 99"),
    "bad-version": (lambda c: ["show", f"{c['id']}@x"], "must be a number"),
    "missing-file": (lambda c: ["edit", c["id"], "--file", c["missing"]], "Cannot read"),
    "binary-file": (lambda c: ["edit", c["id"], "--file", c["binary"]], NOT_TEXT),
    "binary-new": (
        lambda c: ["new", "--title", "T", "--kind", "note", "--file", c["binary"]],
        NOT_TEXT,
    ),
    "edit-nothing": (lambda c: ["edit", c["id"]], "Nothing to save"),
    "blank-title": (lambda c: ["new", "--title", " ", "--kind", "note"], "needs a title"),
    "bad-tag": (lambda c: ["tag", c["id"], "--add", "a,b"], "not a tag name"),
    "tag-nothing": (lambda c: ["tag", c["id"]], "--add"),
    "no-library": (lambda c: ["list", "--db", c["nowhere"]], "No library at"),
    "newer-library": (lambda c: ["list", "--db", c["newer"]], "newer version"),
    "other-sqlite": (lambda c: ["list", "--db", c["other"]], "not a Consult library"),
    "binary-as-db": (lambda c: ["list", "--db", c["binary"]], "not a Consult library"),
}


@pytest.fixture
def error_setup(made, tmp_path):
    binary = tmp_path / "image.png"
    data = os.urandom(4096)
    while data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) or data[:3] == codecs.BOM_UTF8:
        data = os.urandom(4096)
    binary.write_bytes(data)
    ctx = {"id": made, "binary": binary, "missing": tmp_path / "missing.md"}
    ctx["nowhere"] = tmp_path / "nowhere" / "x.consult"
    ctx["newer"] = tmp_path / "newer.consult"
    ctx["other"] = tmp_path / "other.sqlite"
    _newer(ctx["newer"])
    _not_a_library(ctx["other"])
    return ctx


@pytest.mark.parametrize(("argv", "message"), list(USER_ERRORS.values()), ids=list(USER_ERRORS))
def test_user_errors_exit_1_with_one_line(cli, db, error_setup, argv, message):
    before = cli("--db", db, "versions", error_setup["id"], "--json")[1]
    code, out, err = cli("--db", db, *argv(error_setup))
    assert code == 1 and out == ""
    one_line_error(err)
    assert re.search(message, err)
    assert cli("--db", db, "versions", error_setup["id"], "--json")[1] == before


@pytest.mark.parametrize(
    "argv",
    [
        ["frob"],
        ["new", "--kind", "note"],
        ["new", "--title", "T", "--kind", "bill"],
        ["new", "--title", "T"],
        ["list", "--bogus"],
        ["show"],
        ["edit", "abcd", "--status", "finished"],
    ],
)
def test_bad_usage_exits_2(db, capsys, argv):
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(db), *argv])
    assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err


# -- where the library is -------------------------------------------------------------------


def test_db_before_or_after_the_command_and_consult_db(cli, db, made, tmp_path, monkeypatch):
    assert len(json.loads(cli("--db", db, "list", "--json")[1])) == 1
    assert len(json.loads(cli("list", "--json", "--db", db)[1])) == 1
    monkeypatch.setenv("CONSULT_DB", str(db))
    assert [p["id"] for p in json.loads(cli("list", "--json")[1])] == [made]
    elsewhere = tmp_path / "elsewhere.consult"
    monkeypatch.setenv("CONSULT_DB", str(elsewhere))
    code, _, err = cli("list")
    assert code == 1 and str(elsewhere) in err and not elsewhere.exists()
    assert cli("init")[0] == 0 and elsewhere.exists()
    assert json.loads(cli("list", "--json")[1]) == []


# -- as a real process ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "status", "stdout_check"),
    [
        (["list", "--json"], 0, lambda out: len(json.loads(out)) == 1),
        (["show", "zzzzzzzz"], 1, lambda out: out == ""),
        (["show", "--bogus"], 2, lambda out: out == ""),
    ],
    ids=["ok", "user-error", "bad-usage"],
)
def test_exit_statuses_of_the_real_command(db, made, argv, status, stdout_check):
    result = subprocess.run(
        [PYTHON, "-m", "consult.cli", *argv],
        cwd=REPO,
        env=subprocess_env(CONSULT_DB=str(db)),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == status, result.stderr
    assert "Traceback" not in result.stderr
    assert stdout_check(result.stdout)
    if status == 1:
        one_line_error(result.stderr)


# -- search and related -----------------------------------------------------------------------


def test_search_json_has_the_contract_keys_ranked_and_related_names_similar(cli, db):
    assert cli("--db", db, "init", "--demo")[0] == 0
    for query in ("医疗", "数据安全", "deepfake"):
        code, out, err = cli("--db", db, "search", query, "--json")
        assert code == 0 and err == ""
        hits = json.loads(out)
        assert hits, query
        for hit in hits:
            assert {"id", "title", "snippet"} <= set(hit)
            assert query.casefold() in hit["snippet"].replace("«", "").replace("»", "").casefold()
    code, out, err = cli("--db", db, "search", '"(AND', "--json")  # FTS syntax, taken literally
    assert code == 0 and json.loads(out) == []
    first = json.loads(cli("--db", db, "list", "--json")[1])[0]["id"]
    code, out, _ = cli("--db", db, "related", first, "--json")
    related = json.loads(out)
    assert code == 0 and related and first not in {r["id"] for r in related}
    scores = [r["score"] for r in related]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)
