"""`consult amend` through the real `consult.cli.main`: instructions drafted from the real
copyright law pair (2010 → 2020) in Chinese and English, as text and Markdown, printed or
written with --out; applied with --apply, round trip included; errors as one line, exit 1;
bad usage, exit 2."""

from __future__ import annotations

import pytest
from core_helpers import CORPUS

from consult.cli import main
from consult.compare.amendments import draft_amendment
from consult.compare.instruction_writer import render
from consult.compare.instructions import normalise_space
from consult.compare.structure import units
from consult.compare.text import prepare

OLD = CORPUS / "copyright_cn" / "2010.md"
NEW = CORPUS / "copyright_cn" / "2020.md"


@pytest.fixture(scope="module")
def drafted_zh() -> str:
    """The Chinese instructions for the pair, drafted once for the module."""
    return render(draft_amendment(OLD.read_text("utf-8"), NEW.read_text("utf-8"), lang="zh"))


def articles(text: str) -> list[tuple[str | None, str]]:
    """(label, text with whitespace runs as one space) of every article."""
    return [
        (unit.label, normalise_space(unit.text))
        for unit in units(prepare(text), by_article=True)
        if unit.kind == "article"
    ]


def one_line_error(err: str) -> str:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("consult: "), err
    return lines[0]


# -- drafting ---------------------------------------------------------------------------------


def test_chinese_texts_are_drafted_in_chinese_with_renumbering(cli):
    code, out, _ = cli("amend", OLD, NEW)
    assert code == 0
    assert "修改为" in out
    assert out.rstrip().endswith("此外，对条文顺序作相应调整。")
    assert out.lstrip().startswith("一、")
    assert "Article" not in out


def test_what_the_instructions_leave_out_is_said_on_stderr(cli):
    """The 2010 file's title, enactment history and table of contents differ from 2020's:
    instructions amend articles and headings only, and the command says what it left out —
    on stderr, so that the instructions on stdout stay clean."""
    code, out, err = cli("amend", OLD, NEW)
    assert code == 0 and "note:" not in out
    [note] = err.splitlines()
    assert note.startswith("note: 21 changes outside the articles and headings are not in")
    assert "中华人民共和国著作权法" in note and note.endswith("; …")
    legislation = CORPUS / "legislation_law_cn"
    code, _, err = cli("amend", legislation / "2015.md", legislation / "2023.md")
    assert code == 0 and "2 changes outside" in err and "2023年3月13日" in err
    code, _, err = cli("amend", OLD, OLD)
    assert (code, err) == (0, "")


def test_english_instructions_with_lang_en(cli):
    code, out, _ = cli("amend", OLD, NEW, "--lang", "en")
    assert code == 0
    assert "is amended to read:" in out
    assert "The articles are renumbered accordingly." in out
    assert "修改为" not in out and "此外" not in out
    assert out.lstrip().startswith("1.")


def test_markdown_format_has_a_title_naming_both_texts(cli):
    code, out, _ = cli("amend", OLD, NEW, "--format", "markdown")
    assert code == 0
    assert out.splitlines()[0] == "# 修改指令：2010.md → 2020.md"
    assert "修改为" in out
    code, out, _ = cli("amend", OLD, NEW, "--format", "markdown", "--lang", "en")
    assert out.splitlines()[0] == "# Amendment instructions: 2010.md → 2020.md"


def test_english_texts_default_to_english(cli, tmp_path):
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text("Article 1. Scope.\n\nArticle 2. Cats are animals.\n", encoding="utf-8")
    new.write_text("Article 1. Scope.\n\nArticle 2. Dogs are animals.\n", encoding="utf-8")
    code, out, _ = cli("amend", old, new)
    assert code == 0
    assert "Article 2" in out and "Dogs" in out and "第" not in out


def test_out_writes_the_file_and_prints_where(cli, tmp_path, drafted_zh):
    target = tmp_path / "修改决定.md"
    target.write_text("an older draft", encoding="utf-8")
    code, out, _ = cli("amend", OLD, NEW, "--out", target)
    assert code == 0
    assert str(target) in out and "修改为" not in out
    assert target.read_text("utf-8").strip() == drafted_zh.strip()
    assert [p.name for p in tmp_path.iterdir()] == ["修改决定.md"]  # no temporary file left


def test_stored_versions_are_named_by_id_and_number(cli, tmp_path):
    db = tmp_path / "lib.consult"
    assert cli("--db", db, "init")[0] == 0
    body = tmp_path / "body.md"
    body.write_text("第一条　甲。\n\n第二条　乙。\n", encoding="utf-8")
    _, out, _ = cli("--db", db, "new", "--title", "法", "--kind", "reference", "--file", body)
    ident = out.strip()
    body.write_text("第一条　甲。\n\n第二条　丙。\n", encoding="utf-8")
    assert cli("--db", db, "edit", ident, "--file", body)[0] == 0
    code, out, _ = cli("--db", db, "amend", f"{ident}@1", ident)
    assert code == 0
    assert "第二条" in out and "丙" in out


# -- applying ---------------------------------------------------------------------------------


def test_the_round_trip_through_the_command_gives_the_new_articles(cli, tmp_path):
    instructions = tmp_path / "instructions.md"
    assert cli("amend", OLD, NEW, "--format", "markdown", "--out", instructions)[0] == 0
    code, out, err = cli("amend", "--apply", OLD, instructions)
    assert (code, err) == (0, "")
    got, want = articles(out), articles(NEW.read_text("utf-8"))
    assert len(got) == len(want) > 60
    for got_article, want_article in zip(got, want, strict=True):
        assert got_article == want_article


def test_apply_writes_the_consolidated_text_with_out(cli, tmp_path, drafted_zh):
    instructions = tmp_path / "instructions.txt"
    instructions.write_text(drafted_zh, encoding="utf-8")
    target = tmp_path / "consolidated.md"
    code, _, _ = cli("amend", "--apply", OLD, instructions, "--out", target)
    assert code == 0
    assert articles(target.read_text("utf-8")) == articles(NEW.read_text("utf-8"))


def test_an_article_the_text_lacks_is_reported_with_its_line(cli, tmp_path):
    instructions = tmp_path / "bad.md"
    instructions.write_text("一、删去第二条。\n\n二、删去第九百九十条。\n", encoding="utf-8")
    code, out, err = cli("amend", "--apply", OLD, instructions)
    assert (code, out) == (1, "")
    assert "line 3" in one_line_error(err)


def test_an_unknown_instruction_is_reported_with_its_line(cli, tmp_path):
    instructions = tmp_path / "bad.md"
    instructions.write_text("一、删去第二条。\n二、把这一条改得更好。\n", encoding="utf-8")
    code, _, err = cli("amend", "--apply", OLD, instructions)
    assert code == 1
    assert "line 2" in one_line_error(err)


def test_nothing_is_written_when_an_instruction_fails(cli, tmp_path):
    instructions = tmp_path / "bad.md"
    instructions.write_text("删去第九百九十条。\n", encoding="utf-8")
    target = tmp_path / "out.md"
    assert cli("amend", "--apply", OLD, instructions, "--out", target)[0] == 1
    assert not target.exists()


# -- errors -----------------------------------------------------------------------------------


def test_a_missing_file_is_one_line_and_exit_1(cli, tmp_path):
    code, _, err = cli("--db", tmp_path / "none.consult", "amend", tmp_path / "nope.md", NEW)
    assert code == 1
    assert "nope.md" in one_line_error(err)
    code, _, err = cli("amend", "--apply", OLD, tmp_path / "missing.md")
    assert code == 1
    assert "missing.md" in one_line_error(err)


def test_texts_without_articles_are_refused(cli, tmp_path):
    prose = tmp_path / "letter.md"
    prose.write_text("Dear colleagues,\n\nplease read the attached draft.\n", encoding="utf-8")
    code, _, err = cli("amend", prose, NEW)
    assert code == 1
    assert "OLD" in one_line_error(err) and "letter.md" in err
    code, _, err = cli("amend", "--apply", prose, NEW)
    assert code == 1
    assert "BASE" in one_line_error(err)


@pytest.mark.parametrize(
    "argv",
    [
        ["amend", "only-one.md"],
        ["amend", "a.md", "b.md", "--lang", "fr"],
        ["amend", "a.md", "b.md", "--format", "html"],
        ["amend", "--apply", "a.md", "b.md", "--lang", "en"],
        ["amend", "--apply", "a.md", "b.md", "--format", "markdown"],
    ],
)
def test_bad_usage_exits_2(capsys, argv):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_texts_and_instructions_saved_as_gbk_or_utf16_are_read(cli, tmp_path):
    """Law texts and decisions downloaded from official sites are often GB18030 (GBK) or
    UTF-16: read as the import reads them, not refused as "not UTF-8"."""
    instructions = tmp_path / "决定.md"
    instructions.write_bytes("一、将第二条中的“其他组织”修改为“非法人组织”。\n".encode("gb18030"))
    code, out, err = cli("amend", "--apply", OLD, instructions)
    assert (code, err) == (0, "")
    second = next(text for label, text in articles(out) if label == "第二条")
    assert "法人或者非法人组织的作品" in second
    new_gbk = tmp_path / "2020-gbk.md"
    new_gbk.write_bytes(NEW.read_text("utf-8").encode("gb18030"))
    code, out, _ = cli("amend", OLD, new_gbk)
    assert code == 0 and out.startswith("一、将第二条中的“其他组织”修改为“非法人组织”。")
