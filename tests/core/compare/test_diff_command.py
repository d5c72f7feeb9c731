"""`consult diff`: the JSON contract on every corpus pair, stored versions, the reports."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from consult import cli
from consult.compare import compare_texts
from consult.compare.report import compare_metadata, to_html, to_markdown, to_text
from consult.library import Library

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO.parent / "shared" / "corpus"
CHECKER = REPO.parent / "shared" / "tools" / "check_diff_json.py"
PAIRS = [
    ("copyright_cn/2010.md", "copyright_cn/2020.md"),
    ("legislation_law_cn/2015.md", "legislation_law_cn/2023.md"),
    ("company_law_cn/2018.md", "company_law_cn/2023.md"),
    ("civil_procedure_cn/2021.md", "civil_procedure_cn/2023.md"),
    ("criminal_law_cn/2022-amXI.md", "criminal_law_cn/2024-amXII.md"),
    ("us_title17/2009-11-06.md", "us_title17/2010-06-29.md"),
    ("us_title17/2010-06-29.md", "us_title17/2011-08-25.md"),
    ("us_title17/2011-08-25.md", "us_title17/2012-04-14.md"),
    ("pipl_cn/2021.md", "data_security_cn/2021.md"),  # two different laws
]


def run_cli(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("old", "new"), PAIRS, ids=[p[0].split("/")[0] + ":" + p[1].split("/")[1] for p in PAIRS]
)
def test_every_corpus_pair_meets_the_json_contract(capsys, tmp_path, old, new):
    code, out, err = run_cli(
        capsys, "diff", str(CORPUS / old), str(CORPUS / new), "--format", "json"
    )
    assert code == 0, err
    result = tmp_path / "result.json"
    result.write_text(out, encoding="utf-8")
    checked = subprocess.run(
        [sys.executable, str(CHECKER), str(result)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout
    data = json.loads(out)
    assert data["by"] == "article"
    articles = [row for row in data["rows"] if (row["new"] or row["old"])["number"] is not None]
    for kind in ("unchanged", "modified", "inserted", "deleted", "moved"):
        assert data["stats"][kind] == sum(row["kind"] == kind for row in articles)


def test_identical_texts_have_only_unchanged_rows(capsys):
    path = str(CORPUS / "pipl_cn/2021.md")
    data = json.loads(run_cli(capsys, "diff", path, path, "--format", "json")[1])
    assert {row["kind"] for row in data["rows"]} == {"unchanged"}
    assert data["stats"]["renumbered"] == 0 and data["stats"]["characters_inserted"] == 0


def test_copyright_renumbering_is_reported_with_both_labels():
    old = (CORPUS / "copyright_cn/2010.md").read_text(encoding="utf-8")
    new = (CORPUS / "copyright_cn/2020.md").read_text(encoding="utf-8")
    result = compare_texts(old, new)
    pairs = {(r.old.label, r.new.label) for r in result.rows if r.old and r.new}
    # The last article (entry into force) moved from 第六十一条 to 第六十七条, unchanged.
    assert ("第六十一条", "第六十七条") in pairs
    assert result.stats["renumbered"] >= 40
    assert "第六十一条 → 第六十七条" in to_markdown(result)


def test_markdown_table_marks_deletions_and_insertions_and_same_as_left():
    old = "第一章 总则\n\n第一条 为了规范生成内容，制定本条例。\n\n第二条 本条例适用于境内。"
    new = "第一章 总则\n\n第一条 为了规范人工智能生成内容，制定本条例。\n\n第二条 新增的条文。\n\n第三条 本条例适用于境内。"
    result = compare_texts(old, new)
    table = to_markdown(result, same_as_left=True)
    assert "| 修改前 | 修改后 |" in table
    assert "**人工智能**" in table  # inserted characters in bold
    assert "| （新增） | **第二条 新增的条文。** |" in table
    assert "*第二条 → 第三条*<br>第三条 本条例适用于境内。" in table  # renumbered, not "同左"
    assert "| **第一章 总则** | 同左 |" in table
    assert "新增 1 条" in table and "重新编号 1 条" in table


def test_html_table_uses_del_and_ins_and_escapes_text():
    result = compare_texts(
        "Sec. 1. Old <b>text</b> here.", "Sec. 1. New <b>text</b> here.", by="article"
    )
    page = to_html(result)
    assert "<del>Old</del>" in page and "<ins>New</ins>" in page
    assert "&lt;b&gt;text&lt;/b&gt;" in page and "<b>text</b>" not in page
    assert '<html lang="en">' in page


def test_terminal_text_shows_changes_in_git_style():
    result = compare_texts(
        "Article 1. The author shall register.", "Article 1. The author may register.", by="article"
    )
    text = to_text(result)
    assert "[-shall-]{+may+}" in text
    assert "1 modified" in text


def test_stored_versions_compare_with_their_metadata(capsys, tmp_path):
    db = tmp_path / "lib.consult"
    with Library.open(db, create=True) as lib:
        p = lib.create_proposal(
            "关于数据安全的建议", "suggestion", "第一条 加强保护。", cosigners=["张三"]
        )
        lib.edit(p.id, body="第一条 全面加强保护。", status="ready", cosigners=["张三", "李四"])
    code, out, err = run_cli(capsys, "--db", str(db), "diff", f"{p.id}@1", p.id, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    fields = {change["field"]: change for change in data["metadata"]}
    assert fields["status"]["old"] == "draft" and fields["status"]["new"] == "ready"
    assert fields["cosigners"]["added"] == ["李四"]
    assert data["rows"][0]["kind"] == "modified"
    code, out, _ = run_cli(
        capsys, "--db", str(db), "diff", f"{p.id}@1", f"{p.id}@2", "--format", "markdown"
    )
    assert "| 状态 | 草稿 | 定稿 |" in out and "**全面**" in out
    assert "| 联名代表 | 张三 | 张三、李四 |" in out


def test_the_chinese_table_names_fields_kinds_and_statuses_as_the_window_does():
    old = "# 著作权法\n\n## 第一章 总则\n\n第一条 为了保护作者的权利。\n"
    new = "# 著作权法\n\n## 第一章 一般规定\n\n第一条 为了保护作者的权利。\n\n## 第二章 附则\n"
    before = {"kind": "motion", "status": "draft", "sponsors": ["王某"], "cosigners": ["甲", "乙"]}
    after = {
        "kind": "amendment",
        "status": "submitted",
        "sponsors": ["王某", "李某"],
        "cosigners": [],
    }
    metadata = compare_metadata(before, after)
    comparison = compare_texts(old, new, by="article")
    table = to_markdown(comparison, metadata=metadata)
    assert "| 类别 | 议案 | 修正案 |" in table and "| 状态 | 草稿 | 已提交 |" in table
    assert "| 领衔代表 | 王某 | 王某、李某 |" in table and "| 联名代表 | 甲、乙 | — |" in table
    # Headings without their Markdown marks, changed or not.
    assert "| **著作权法** | **著作权法** |" in table
    assert "| 第一章 ~~总则~~ | 第一章 **一般规定** |" in table
    assert "| （新增） | **第二章 附则** |" in table
    assert "#" not in table.split("\n", 1)[1] and "motion" not in table and "draft" not in table
    page = to_html(comparison, metadata=metadata)
    assert "<tr><td>类别</td><td>议案</td><td>修正案</td></tr>" in page
    assert "<td>第一章 <del>总则</del></td><td>第一章 <ins>一般规定</ins></td>" in page
    assert "##" not in page
    text = to_text(comparison, metadata=metadata)
    assert text.startswith(
        "类别：议案 → 修正案\n状态：草稿 → 已提交\n领衔代表：王某 → 王某、李某\n"
    )
    assert "第一章 [-总则-]{+一般规定+}" in text and "[修改]" in text and "##" not in text
    # English names them as the window does too.
    english = to_markdown(compare_texts("Article 1. A.", "Article 1. B."), metadata=metadata)
    assert "| Kind | Motion | Amendment |" in english and "| Co-signers | 甲, 乙 | — |" in english


def test_a_file_against_a_stored_version(capsys, tmp_path):
    db = tmp_path / "lib.consult"
    with Library.open(db, create=True) as lib:
        p = lib.create_proposal("Plan", "plan", "Item 1. Data.\n\nItem 2. Platforms.")
    draft = tmp_path / "draft.md"
    draft.write_text("Item 1. Data.\n\nItem 2. Platforms and markets.", encoding="utf-8")
    code, out, _ = run_cli(capsys, "--db", str(db), "diff", p.id, str(draft), "--format", "json")
    assert code == 0
    assert json.loads(out)["stats"]["modified"] == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["diff", "missing.md", "other.md"], "neither a file nor a stored proposal"),
        (["diff", "x@0", "y"], "must be a number"),
    ],
)
def test_bad_sides_are_user_errors(capsys, tmp_path, argv, message):
    code, _out, err = run_cli(capsys, "--db", str(tmp_path / "lib.consult"), *argv)
    assert code == 1
    assert message in err and err.count("\n") == 1


def test_bad_options_are_usage_errors(tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["diff", "a", "b", "--by", "sentence"])
    assert exit_info.value.code == 2


def test_an_article_written_as_a_markdown_heading_keeps_its_label_in_the_table():
    """“## 第一条 …” is an article (some sources mark articles so): the table shows its
    label and text without the marks, not as a bold heading without its label."""
    old = "## 第一条 本法目的。\n\n## 第二条 适用范围。\n\n## 第三条 施行日期。\n"
    new = old.replace("适用范围", "适用的范围")
    table = to_markdown(compare_texts(old, new, by="article"))
    assert "| 第一条 本法目的。 | 第一条 本法目的。 |" in table
    assert "**" not in table.split("| 第二条")[0]
    page = to_html(compare_texts(old, new, by="article"))
    assert "<td>第一条 本法目的。</td>" in page and "heading" not in page.split("<tbody>")[1]


def test_markdown_table_strikes_deleted_text():
    old = "第一条 为了规范人工智能生成内容，制定本条例。\n\n第二条 本条例适用于境内外的服务。"
    new = "第一条 为了规范生成内容，制定本条例。\n\n第二条 本条例适用于境内外的服务。"
    table = to_markdown(compare_texts(old, new))
    assert "~~人工智能~~" in table
    assert (
        "| 第一条 为了规范~~人工智能~~生成内容，制定本条例。 | 第一条 为了规范生成内容，制定本条例。 |"
        in table
    )


def test_markdown_table_shows_one_break_between_paragraphs_of_an_article():
    # Paragraphs (款) separated by blank lines and indented with ideographic spaces, as in the
    # 2010 copyright law: the cell shows one break each and no indentation.
    old = "第一条 第一款。\n\n　　第二款，原文。\n\n第二条 不变。"
    new = "第一条 第一款。\n\n　　第二款，新文。\n\n第二条 不变。"
    table = to_markdown(compare_texts(old, new, by="article"))
    assert (
        "| 第一条 第一款。<br>第二款，~~原~~文。 | 第一条 第一款。<br>第二款，**新**文。 |" in table
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("\n\n", "\n\n"),
        ("\n\n", "第一条 新增。"),
        ("\n \n\t\n", ""),
        ("\n\n\n第一条 甲。", "第一条 甲。"),
    ],
)
def test_blank_texts_compare_without_error_and_rebuild(old, new, tmp_path, capsys):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(old, encoding="utf-8")
    b.write_text(new, encoding="utf-8")
    assert cli.main(["diff", str(a), str(b), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    olds = "".join(s.get("old", "") for r in result["rows"] for s in r["spans"])
    news = "".join(s.get("new", "") for r in result["rows"] for s in r["spans"])
    assert olds.strip() == old.strip() and news.strip() == new.strip()
