"""`consult search` and `consult related` through the real `consult.cli.main`: JSON shapes
(PRODUCT.md: search gives id, title, snippet, best first), text output and exit statuses."""

from __future__ import annotations

import argparse
import json

import pytest
from core_helpers import CORPUS

from consult import cli as cli_module
from consult.search import HIT_END, HIT_START
from consult.search_cli import add_commands


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run `consult ARGS…` in-process with the search commands added as cli.py adds them."""
    real = cli_module.build_parser

    def with_search_commands() -> argparse.ArgumentParser:
        parser = real()
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        if "search" in sub.choices:  # cli.py adds them itself
            return parser

        def command(name, run, text):
            p = sub.add_parser(name, help=text, description=text)
            p.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)
            p.set_defaults(run=run)
            return p

        add_commands(command)
        return parser

    monkeypatch.setattr(cli_module, "build_parser", with_search_commands)

    def run(*argv):
        code = cli_module.main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def made(cli, tmp_path):
    db = tmp_path / "search.consult"
    assert cli("--db", db, "init")[0] == 0
    ids = {}
    for name, title, body, tag in [
        ("title", "关于加强基层医疗卫生服务的建议", "建议增加编制。", "医疗健康"),
        ("body", "基层人才", "关于加强基层医疗卫生服务，提高能力。", "人才"),
        ("other", "Deepfakes", "Voice and likeness.", "AI"),
    ]:
        file = tmp_path / f"{name}.md"
        file.write_text(body, encoding="utf-8")
        code, out, _ = cli(
            "--db", db, "new", "--title", title, "--kind", "note", "--file", file, "--tag", tag
        )
        assert code == 0
        ids[name] = out.strip()
    return db, ids


@pytest.mark.parametrize("query", ["医疗卫生", "医疗"])
def test_search_json_is_ranked_with_marked_snippets(cli, made, query):
    db, ids = made
    code, out, err = cli("search", query, "--json", "--db", db)
    assert code == 0, err
    hits = json.loads(out)
    assert [h["id"] for h in hits] == [ids["title"], ids["body"]]  # the title hit first
    for hit in hits:
        assert {"id", "title", "snippet"} <= set(hit)
        assert f"{HIT_START}{query}" in hit["snippet"] and HIT_END in hit["snippet"]


def test_search_text_output_and_no_hits(cli, made):
    db, ids = made
    code, out, _ = cli("--db", db, "search", "voice", "likeness")
    assert code == 0
    assert out.splitlines()[0].startswith(ids["other"])
    assert f"{HIT_START}Voice{HIT_END}" in out
    code, out, _ = cli("--db", db, "search", "nowhere")
    assert code == 0 and "No proposals match" in out
    code, out, _ = cli("--db", db, "search", '"', "--json")
    assert code == 0 and json.loads(out) == []
    with pytest.raises(SystemExit) as caught:
        cli("--db", db, "search", "x", "--limit", "0")
    assert caught.value.code == 2


def test_related_json_puts_the_other_version_first(cli, tmp_path):
    db = tmp_path / "laws.consult"
    cli("--db", db, "init")
    ids = {}
    for file in ("copyright_cn/2010.md", "copyright_cn/2020.md", "pipl_cn/2021.md"):
        code, out, err = cli(
            "--db", db, "new", "--title", file, "--kind", "reference", "--file", CORPUS / file
        )
        assert code == 0, err
        ids[file] = out.strip()
    code, out, err = cli("--db", db, "related", ids["copyright_cn/2010.md"][:6], "--json")
    assert code == 0, err
    found = json.loads(out)
    assert found[0]["id"] == ids["copyright_cn/2020.md"]
    assert all({"id", "title", "score"} <= set(r) and 0 < r["score"] <= 1 for r in found)
    code, out, _ = cli("--db", db, "related", ids["pipl_cn/2021.md"], "--limit", "1")
    assert code == 0 and len(out.splitlines()) == 2  # a header and one row


def test_related_to_an_unknown_id_is_a_one_line_error(cli, made):
    db, _ids = made
    code, out, err = cli("--db", db, "related", "nosuchid00")
    assert code == 1 and out == ""
    assert err.startswith("consult: ") and len(err.splitlines()) == 1
