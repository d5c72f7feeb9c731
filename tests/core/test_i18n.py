"""The core's messages in the user's language (consult/i18n.py, resources/translations/
core_zh_CN.po): every template translated with its placeholders, the command following the
locale, Chinese errors from the library, and English never reading the catalog."""

from __future__ import annotations

import argparse
import ast
import errno
import inspect
import json
import os
import re
import string
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from core_helpers import PYTHON, REPO, subprocess_env

from consult import i18n
from consult.cli import build_parser, main
from consult.errors import ConsultError, InvalidInput, NotALibrary
from consult.library import Library
from consult.markdown_io.importer import import_paths
from consult.model import Kind, parse_choice

CJK = re.compile(r"[\u4e00-\u9fff]")
CORE = REPO / "consult"
CATALOG = REPO / "resources" / "translations" / "core_zh_CN.po"
LOCALE_VARIABLES = ("CONSULT_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


# -- what the code asks for, what the catalog holds -------------------------------------------


def code_templates() -> dict[str, list[str]]:
    """Every template of the core: the literal first argument of each tr(…) and N_(…) call
    in consult/, with where it is used."""
    found: dict[str, list[str]] = {}
    for path in sorted(CORE.rglob("*.py")):
        for call, argument in _message_calls(path):
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                where = f"{path.relative_to(REPO)}:{call.lineno}"
                found.setdefault(argument.value, []).append(where)
    return found


def _message_calls(path: Path) -> list[tuple[ast.Call, ast.expr | None]]:
    """Each tr(…) and N_(…) call with its template; each ntr(…) call twice, with its singular
    and with its plural."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[ast.Call, ast.expr | None]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in ("tr", "N_"):
                found.append((node, node.args[0] if node.args else None))
            elif node.func.id == "ntr":
                found += [(node, node.args[i] if len(node.args) > i else None) for i in (0, 1)]
    return found


def catalog_entries() -> list[i18n.PoEntry]:
    return [e for e in i18n.parse_po(CATALOG.read_text(encoding="utf-8")) if e.msgid]


def brace_fields(text: str) -> Counter:
    """The {placeholders} of a template, with their format specs and conversions."""
    return Counter(
        (name, spec, conversion)
        for _, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    )


def percent_fields(text: str) -> Counter:
    return Counter(re.findall(r"%(?:\(\w+\))?[sdr]", text))


def argparse_messages() -> set[str]:
    """The texts the running Python's argparse passes to its `_` / `ngettext`."""
    tree = ast.parse(inspect.getsource(argparse))
    found = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("_", "ngettext")
        ):
            found |= {a.value for a in node.args if isinstance(a, ast.Constant)}
    return found


def parser_help_texts() -> dict[str, str]:
    """Every text of the command's help that is ours (descriptions, option help, epilogs,
    group titles), with the command it belongs to; argparse's own words are left out (the
    catalog's `argparse` entries translate them)."""
    own = argparse_messages()
    found: dict[str, str] = {}

    def walk(parser: argparse.ArgumentParser) -> None:
        texts = [parser.description, parser.epilog]
        texts += [t for g in parser._action_groups for t in (g.title, g.description)]
        for action in parser._actions:
            texts.append(action.help)
            if isinstance(action, argparse._SubParsersAction):
                texts += [choice.help for choice in action._choices_actions]
                for sub in action.choices.values():
                    walk(sub)
        for text in texts:
            if text and text != argparse.SUPPRESS and text not in own:
                found.setdefault(text, parser.prog)

    walk(build_parser())
    return found


def subcommands() -> list[str]:
    (commands,) = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return list(commands.choices)


def test_the_scan_finds_the_templates_of_the_code():
    templates = code_templates()
    assert len(templates) > 200
    assert "No library at {path}; create one with 'consult init'" in templates
    assert "Saved version {number} of {id}" in templates


def test_every_template_in_the_code_has_a_chinese_translation():
    translated = i18n.load_catalog(i18n.CHINESE)
    missing = {t: where for t, where in code_templates().items() if (None, t) not in translated}
    assert missing == {}


def test_every_translation_keeps_exactly_the_placeholders_of_its_template():
    wrong = []
    for entry in catalog_entries():
        if entry.context == i18n.ARGPARSE_CONTEXT:
            if percent_fields(entry.msgid) != percent_fields(entry.msgstr):
                wrong.append((entry.msgid, entry.msgstr))
            continue
        if brace_fields(entry.msgid) != brace_fields(entry.msgstr):
            wrong.append((entry.msgid, entry.msgstr))
            continue
        values = {name: 1234 for name, _, _ in brace_fields(entry.msgid)}
        assert entry.msgstr.format(**values)  # it formats (no stray brace)
    assert wrong == []


def test_every_text_of_the_command_s_help_has_a_chinese_translation():
    translated = i18n.load_catalog(i18n.CHINESE)
    texts = parser_help_texts()
    assert len(texts) > 80 and "the proposal" in texts and "commands" in texts
    missing = {t: prog for t, prog in texts.items() if (None, t) not in translated}
    assert missing == {}
    own = {"usage: ", "positional arguments", "options", "show this help message and exit"}
    assert {t for t in own if (i18n.ARGPARSE_CONTEXT, t) not in translated} == set()


def test_no_entry_of_the_catalog_is_unused_untranslated_fuzzy_or_repeated():
    used = {**code_templates(), **parser_help_texts()}
    from_argparse = argparse_messages()
    entries = catalog_entries()
    unused = [
        e.msgid
        for e in entries
        if (e.context is None and e.msgid not in used)
        or (e.context == i18n.ARGPARSE_CONTEXT and e.msgid not in from_argparse)
        or e.context not in (None, i18n.ARGPARSE_CONTEXT)
    ]
    assert unused == []
    assert [e.msgid for e in entries if e.fuzzy or not e.msgstr] == []
    repeated = Counter((e.context, e.msgid) for e in entries)
    assert [key for key, n in repeated.items() if n > 1] == []
    # Every text with words in it (besides placeholders and the command's name) is in Chinese:
    # a copied English text is not a translation.
    words = re.compile(r"[A-Za-z]{2,}")
    untranslated = [
        e.msgid
        for e in entries
        if words.search(re.sub(r"\{[^}]*\}|%\(\w+\)\w|consult", "", e.msgid))
        and not CJK.search(e.msgstr)
    ]
    assert untranslated == []


def test_templates_are_literals_never_built_from_values():
    """tr(f"…") or tr("…" + x) would put values into the template: no translation matches."""
    built = []
    for path in sorted(CORE.rglob("*.py")):
        for call, argument in _message_calls(path):
            if not isinstance(argument, ast.Constant | ast.Name | ast.Subscript | ast.Call):
                built.append(f"{path.relative_to(REPO)}:{call.lineno}")
            elif isinstance(argument, ast.Constant) and not isinstance(argument.value, str):
                built.append(f"{path.relative_to(REPO)}:{call.lineno}")
    assert built == []


# -- the command follows the locale -----------------------------------------------------------


def run_consult(tmp_path: Path, *args: str, **locale: str) -> subprocess.CompletedProcess:
    env = subprocess_env(PYTHONIOENCODING="utf-8")
    for name in LOCALE_VARIABLES:
        env.pop(name, None)
    env.update(locale)
    return subprocess.run(
        [PYTHON, "-m", "consult", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


@pytest.mark.parametrize(
    ("locale", "chinese"),
    [
        ({"LANG": "zh_CN.UTF-8"}, True),
        ({"LANG": "en_US.UTF-8"}, False),
        ({"LANG": "C"}, False),
        ({"LANG": "en_US.UTF-8", "CONSULT_LANG": "zh_CN"}, True),
    ],
    ids=["zh_CN", "en_US", "C", "CONSULT_LANG"],
)
def test_a_missing_library_is_reported_in_the_language_of_the_locale(tmp_path, locale, chinese):
    db = tmp_path / "missing.consult"
    result = run_consult(tmp_path, "--db", str(db), "list", **locale)
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert str(db) in lines[0]
    if chinese:
        assert lines[0] == f"consult：{db} 处没有文库；请用“consult init”创建"
    else:
        assert lines[0] == f"consult: No library at {db}; create one with 'consult init'"
    assert not db.exists()


@pytest.mark.parametrize(
    ("locale", "chinese"),
    [({"LANG": "zh_CN.UTF-8"}, True), ({"LANG": "en_US.UTF-8"}, False), ({"LANG": "C"}, False)],
    ids=["zh_CN", "en_US", "C"],
)
def test_bad_usage_is_reported_in_the_language_of_the_locale(tmp_path, locale, chinese):
    db = tmp_path / "t.consult"
    result = run_consult(
        tmp_path, "--db", str(db), "new", "--title", "T", "--kind", "bill", **locale
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    error = result.stderr.splitlines()[-1]
    assert "'bill'" in error and "'motion'" in error
    if chinese:
        assert error.startswith("consult new：错误：参数 --kind：无效的选择：'bill'（可选："), error
    else:
        assert error.startswith("consult new: error: argument --kind: invalid choice: 'bill'")


def test_a_chinese_session_from_init_to_a_user_error(tmp_path):
    db = tmp_path / "t.consult"
    zh = {"LANG": "zh_CN.UTF-8"}
    made = run_consult(tmp_path, "--db", str(db), "init", **zh)
    assert made.returncode == 0 and made.stdout == f"文库 {db} 已就绪（0 份文稿）\n"
    new = run_consult(tmp_path, "--db", str(db), "new", "--title", "数据法", "--kind", "plan", **zh)
    proposal_id = new.stdout.strip()
    assert new.returncode == 0 and re.fullmatch(r"[0-9a-z]{10}", proposal_id)
    body = tmp_path / "v2.md"
    body.write_text("第二稿。\n", encoding="utf-8")
    edit = ["--db", str(db), "edit", proposal_id, "--file", str(body)]
    assert run_consult(tmp_path, *edit, **zh).stdout == f"已保存 {proposal_id} 的第 2 版\n"
    again = run_consult(tmp_path, *edit, **zh)
    assert again.stdout == f"没有改动；{proposal_id} 仍为第 2 版\n"
    missing = run_consult(tmp_path, "--db", str(db), "show", f"{proposal_id}@9", **zh)
    assert missing.returncode == 1
    assert missing.stderr == f"consult：文稿 {proposal_id} 没有第 9 版\n"
    # JSON stays as it is, whatever the language.
    listed = run_consult(tmp_path, "--db", str(db), "list", "--json", **zh)
    assert '"kind": "plan"' in listed.stdout and '"status": "draft"' in listed.stdout


@pytest.mark.parametrize(
    ("language", "tag", "not_tag"),
    [("zh_CN", "人工智能/深度合成", "AI/deepfake"), ("en", "AI/deepfake", "人工智能/深度合成")],
)
def test_init_demo_makes_the_demo_in_the_language_of_the_messages(
    lib_path, capsys, language, tag, not_tag
):
    """As the window's first start does: tags and version labels in the user's language."""
    i18n.set_language(language)
    assert main(["--db", str(lib_path), "init", "--demo"]) == 0
    capsys.readouterr()
    assert main(["--db", str(lib_path), "list", "--json"]) == 0
    tags = {t for proposal in json.loads(capsys.readouterr().out) for t in proposal["tags"]}
    assert tag in tags and not_tag not in tags


def test_chinese_column_headings_keep_the_columns_aligned(lib_path, capsys):
    i18n.set_language("zh_CN")
    assert main(["--db", str(lib_path), "init", "--demo"]) == 0
    capsys.readouterr()
    assert main(["--db", str(lib_path), "list"]) == 0
    head, *rows = capsys.readouterr().out.splitlines()
    assert head.split() == ["编号", "类别", "状态", "版本数", "更新时间", "标题"]  # the window's
    title_column = i18n.display_width(head[: head.index("标题")])
    for row in rows:
        proposal_id, kind, status, versions, _date, _time, *_ = row.split()
        assert versions.isdigit() and len(proposal_id) == 10
        assert CJK.search(kind) and CJK.search(status), row
        # The title starts under its heading (CJK headings and names count two columns each).
        at = next(i for i in range(len(row)) if i18n.display_width(row[:i]) == title_column)
        assert row[at - 1] == " " and row[at] != " ", row


@pytest.mark.parametrize(
    ("language", "kind", "status", "heads"),
    [
        ("en", "Amendment", "Ready", ["ID", "KIND", "STATUS", "VER", "UPDATED", "TITLE"]),
        ("zh_CN", "修正案", "定稿", ["编号", "类别", "状态", "版本数", "更新时间", "标题"]),
    ],
)
def test_list_and_show_name_kinds_and_statuses_as_the_window_does(
    lib_path, capsys, language, kind, status, heads
):
    i18n.set_language(language)
    db = ["--db", str(lib_path)]
    assert main([*db, "init"]) == 0
    assert (
        main([*db, "new", "--title", "第五条修正", "--kind", "amendment", "--status", "ready"]) == 0
    )
    proposal_id = capsys.readouterr().out.splitlines()[-1]
    assert main([*db, "list"]) == 0
    head, row = capsys.readouterr().out.splitlines()
    assert head.split() == heads
    assert row.split()[:3] == [proposal_id, kind, status]
    assert main([*db, "show", proposal_id]) == 0
    details = capsys.readouterr().out.splitlines()[1]
    assert f" · {kind} · {status} · " in details
    # --json is a contract: the values themselves, in any language.
    assert main([*db, "list", "--json"]) == 0
    listed = capsys.readouterr().out
    assert '"kind": "amendment"' in listed and '"status": "ready"' in listed
    assert main([*db, "show", proposal_id, "--json"]) == 0
    shown = capsys.readouterr().out
    assert '"kind": "amendment"' in shown and '"status": "ready"' in shown


# -- the command's help -----------------------------------------------------------------------

# What may stay Latin in Chinese help: option names, metavars, {choices}, paths and file
# names, command lines of the examples, and the names of formats and encodings.
_HELP_KEPT = [
    re.compile(r"(?m)^\s+consult .*$"),  # an example: a command as typed
    re.compile(r"\{[^}]*\}"),
    re.compile(r"(?<![\w-])--?[a-z][\w-]*"),
    re.compile(r"\$?\b[A-Z][A-Z0-9_]*(?:@N|\[@N\])?\b"),
    re.compile(r"[\w.~<>-]*/[\w./~<>-]*"),
    re.compile(r"\b[\w-]+\.(?:md|txt|html|json|consult)\b"),
    re.compile(r"\b(?:Markdown|UTF-8|SHA-256|GB18030|big5|latin-1|stdin|stderr|English|zh_CN)\b"),
    re.compile(r"\b(?:text|json|markdown|html|auto|article|paragraph|draft|latest)\b"),
    re.compile(r"\b(?:id|title|snippet|score)\b"),  # JSON keys
]
_ENGLISH_WORDS = re.compile(
    r"[A-Za-z][\w'-]*(?:[ ,]+[A-Za-z][\w'-]*)+|\b(?:the|a|an|of|or|and|to|with|in)\b"
)


def english_left(help_text: str) -> list[str]:
    for kept in _HELP_KEPT:
        help_text = kept.sub(" ", help_text)
    help_text = re.sub(rf"\bconsult(?: (?:{'|'.join(subcommands())}))?\b", " ", help_text)
    return _ENGLISH_WORDS.findall(help_text)


def test_the_help_of_every_command_is_chinese_under_a_chinese_locale():
    i18n.set_language("zh_CN")
    i18n.install_argparse()
    parser = build_parser()
    helps = {"consult": parser.format_help()}
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    helps |= {f"consult {name}": sub.format_help() for name, sub in commands.choices.items()}
    assert len(helps) > 15
    left = {prog: english_left(text) for prog, text in helps.items() if english_left(text)}
    assert left == {}
    diff = helps["consult diff"]
    assert diff.startswith("用法：consult diff [-h]")
    assert "\n位置参数：\n" in diff and "\n选项：\n" in diff and "\n示例：\n" in diff
    assert "  -h, --help            显示此帮助信息并退出\n" in diff
    assert "  consult diff old.md new.md --format json" in diff  # the example as typed
    # The check is not blind: an English help text is found.
    assert english_left("选项：\n  --json   输出 JSON 列表 with the body") == ["with the body"]


def test_chinese_help_is_wrapped_by_columns_and_its_usage_lines_line_up():
    from consult.cli_help import wrap

    assert wrap("把已损坏文库中仍可读取的文稿都保存为 Markdown 文件", 20) == [
        "把已损坏文库中仍可读",
        "取的文稿都保存为",
        "Markdown 文件",
    ]
    assert wrap("（默认：中文按字，其他）", 10) == ["（默认：中", "文按字，其", "他）"]
    i18n.set_language("zh_CN")
    i18n.install_argparse()
    commands = build_parser()._actions[-1].choices
    usage = commands["tag"].format_usage().splitlines()
    assert usage[0].startswith("用法：consult tag ")
    assert i18n.display_width("用法：consult tag ") == len(usage[1]) - len(usage[1].lstrip())
    # A usage written in full, with a line for each form of the command (consult amend):
    # each form starts under the first.
    forms = [
        lines
        for sub in commands.values()
        if sub.usage and len(lines := sub.format_usage().splitlines()) > 1
    ]
    assert forms
    for first, *rest in forms:
        assert first.startswith("用法：consult ")
        for line in rest:
            assert line.startswith(" " * i18n.display_width("用法：") + "consult "), line


@pytest.mark.parametrize(
    ("locale", "first", "words"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "用法：consult [-h]", "起草、标注、保存版本并比较立法文稿。"),
        ({"LANG": "en_US.UTF-8"}, "usage: consult [-h]", "Draft, tag, version and compare"),
        ({"LANG": "C"}, "usage: consult [-h]", "Draft, tag, version and compare"),
    ],
    ids=["zh_CN", "en_US", "C"],
)
def test_help_follows_the_locale(tmp_path, locale, first, words):
    for args in (["--help"], ["diff", "--help"]):
        result = run_consult(tmp_path, *args, **locale)
        assert result.returncode == 0 and result.stderr == ""
        assert result.stdout.startswith(
            first.replace("consult", f"consult {args[0]}", 1) if args[0] == "diff" else first
        )
    assert words in run_consult(tmp_path, "--help", **locale).stdout


# -- the library's errors -------------------------------------------------------------------


def test_opening_a_file_that_is_not_a_library_says_so_in_chinese(tmp_path):
    not_a_library = tmp_path / "notes.consult"
    not_a_library.write_text("这不是文库，是一份笔记。\n" * 20, encoding="utf-8")
    i18n.set_language("zh_CN")
    with pytest.raises(NotALibrary) as chinese:
        Library.open(not_a_library)
    assert str(chinese.value).startswith(f"{not_a_library} 已损坏，或者不是 Consult 文库。")
    assert "“consult salvage”" in str(chinese.value)
    i18n.set_language("en")
    with pytest.raises(NotALibrary) as english:
        Library.open(not_a_library)
    assert str(english.value).startswith(f"{not_a_library} is damaged or is not a Consult library")


def test_the_core_reports_in_chinese_what_the_window_shows(lib, tmp_path):
    """Errors and reports the window shows as they are: values in, no English words left."""
    i18n.set_language("zh_CN")
    with pytest.raises(InvalidInput) as bad_kind:
        parse_choice(Kind, "bill", "kind")
    assert str(bad_kind.value) == (
        "“bill”不是有效的类型；可选：motion、suggestion、proposal、amendment、plan、reference、note"
    )
    with pytest.raises(ConsultError) as no_title:
        lib.create_proposal("  ", "note")
    assert str(no_title.value) == "文稿必须有标题"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text("---\ntitle: 甲\nstatus: 已修改\n---\n正文\n", "utf-8")
    (tmp_path / "in" / "b.md").write_bytes(b"\x00\x01\x02binary")
    report = import_paths(lib, [tmp_path / "in"])
    lines = report.lines()
    assert lines[0].startswith(f"已导入：{tmp_path / 'in' / 'a.md'}：“甲”（")
    assert "已忽略文件头信息中的值：“已修改”不是有效的状态；可选：" in lines[0]
    assert (
        lines[1]
        == f"失败：{tmp_path / 'in' / 'b.md'}：{tmp_path / 'in' / 'b.md'} 不是文本文件（含有 NUL 字节）"
    )
    assert lines[-1] == "已导入 1 个、失败 1 个"
    proposal_id = lib.list_proposals()[0].id
    lib.edit(proposal_id, body="第二稿")
    assert lib.restore_version(proposal_id, 1).version.label == "从版本 1 恢复"


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("en", "1 file saved to /r", "2 files saved to /r"),
        ("zh_CN", "已将 1 个文件保存到 /r", "已将 2 个文件保存到 /r"),
    ],
)
def test_a_count_in_a_message_reads_right_for_one_and_for_two(language, one, two):
    from consult.salvage import SalvageReport

    i18n.set_language(language)
    files = [Path("/r/a.md"), Path("/r/b.md")]
    assert SalvageReport(Path("/r"), files[:1]).lines() == [one]
    assert SalvageReport(Path("/r"), files).lines() == [two]


@pytest.mark.parametrize(
    ("language", "ready", "checked"),
    [
        (
            "en",
            ["Library ready at {db} (1 proposal)", "Library ready at {db} (2 proposals)"],
            ["ok: 1 proposal, 1 version read back and verified", "ok: 2 proposals, 3 versions"],
        ),
        (
            "zh_CN",
            ["文库 {db} 已就绪（1 份文稿）", "文库 {db} 已就绪（2 份文稿）"],
            ["正常：1 份文稿，1 个版本均已读回并校验无误", "正常：2 份文稿，3 个版本均"],
        ),
    ],
)
def test_the_command_s_counts_read_right_for_one_and_for_two(
    lib_path, capsys, language, ready, checked
):
    i18n.set_language(language)
    db = ["--db", str(lib_path)]
    assert main([*db, "init"]) == 0
    for n in (1, 2):
        assert main([*db, "new", "--title", f"T{n}", "--kind", "note"]) == 0
        if n == 2:
            assert main([*db, "edit", capsys.readouterr().out.strip(), "--title", "T3"]) == 0
        capsys.readouterr()
        assert main([*db, "init"]) == 0
        assert capsys.readouterr().out == ready[n - 1].format(db=lib_path) + "\n"
        assert main([*db, "check"]) == 0
        assert capsys.readouterr().out.startswith(checked[n - 1])


def test_system_reasons_are_translated_and_our_own_words_kept():
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/tmp/x")
    ours = FileExistsError(errno.EEXIST, "a file of that name appeared meanwhile", "/tmp/x")
    unknown = OSError(errno.ENOEXEC, os.strerror(errno.ENOEXEC))
    assert i18n.os_reason(full) == os.strerror(errno.ENOSPC)
    i18n.set_language("zh_CN")
    assert i18n.os_reason(full) == "磁盘空间不足"
    assert i18n.os_reason(ours) == "a file of that name appeared meanwhile"
    assert i18n.os_reason(unknown) == os.strerror(errno.ENOEXEC)


# -- English reads no catalog ----------------------------------------------------------------


@pytest.fixture
def catalog_reads(monkeypatch):
    """The languages whose catalog was read (the loader is watched, the cache emptied)."""
    reads: list[str] = []
    real = i18n.load_catalog

    def watched(lang):
        reads.append(lang)
        return real(lang)

    monkeypatch.setattr(i18n, "load_catalog", watched)
    monkeypatch.setattr(i18n, "_catalogs", {})
    return reads


def test_the_english_command_never_reads_the_catalog(lib_path, capsys, catalog_reads):
    assert main(["--db", str(lib_path), "init"]) == 0
    assert main(["--db", str(lib_path), "new", "--title", "Data Act", "--kind", "plan"]) == 0
    assert main(["--db", str(lib_path), "list"]) == 0
    assert main(["--db", str(lib_path), "show", "zzzz"]) == 1
    with pytest.raises(SystemExit):
        main(["--db", str(lib_path), "new", "--title", "T", "--kind", "bill"])
    assert "Data Act" in capsys.readouterr().out
    assert catalog_reads == []
    # The watch works: Chinese reads the catalog, once.
    i18n.set_language("zh_CN")
    assert main(["--db", str(lib_path), "list"]) == 0
    assert main(["--db", str(lib_path), "show", "zzzz"]) == 1
    assert catalog_reads == ["zh_CN"]


def test_english_never_reads_the_catalog_even_when_it_cannot_be_read(monkeypatch, lib_path):
    def refuse(lang):
        raise AssertionError(f"the {lang} catalog was read")

    monkeypatch.setattr(i18n, "load_catalog", refuse)
    monkeypatch.setattr(i18n, "_catalogs", {})
    assert main(["--db", str(lib_path), "init"]) == 0
    assert main(["--db", str(lib_path), "list"]) == 0
    assert i18n.tr("No library at {path}", path="x") == "No library at x"


# -- choosing the language ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "zh_TW.UTF-8"}, "zh_CN"),  # any Chinese: the one Chinese catalog
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
        ({"LANG": "zh_CN.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "zh_CN:en"}, "zh_CN"),
        ({"LANG": "C", "LANGUAGE": "zh_CN"}, "en"),  # gettext ignores LANGUAGE in the C locale
        ({"LANG": "zh_CN.UTF-8", "CONSULT_LANG": "en"}, "en"),
        ({"LANG": "C", "CONSULT_LANG": "zh-Hans-CN"}, "zh_CN"),
    ],
)
def test_the_language_of_the_environment(monkeypatch, environment, expected):
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert i18n.environment_language() == expected
    assert i18n.set_language(None) == expected == i18n.language()


def test_a_translation_with_wrong_placeholders_gives_the_english_text(monkeypatch):
    template = "Saved version {number} of {id}"
    monkeypatch.setattr(i18n, "_catalogs", {"zh_CN": {(None, template): "已保存第 {n} 版 {"}})
    i18n.set_language("zh_CN")
    assert i18n.tr(template, number=3, id="abcd") == "Saved version 3 of abcd"


def test_set_language_takes_what_the_window_gives():
    assert i18n.set_language("zh_CN") == "zh_CN"
    assert i18n.tr("Saved version {number} of {id}", number=3, id="abcd") == "已保存 abcd 的第 3 版"
    assert i18n.set_language("zh-Hans") == "zh_CN"
    assert i18n.set_language("en_US.UTF-8") == "en"
    assert (
        i18n.tr("Saved version {number} of {id}", number=3, id="abcd") == "Saved version 3 of abcd"
    )


def test_a_po_file_is_read_as_gettext_writes_it():
    text = (
        '# a comment\nmsgid ""\nmsgstr "Language: zh_CN\\n"\n\n'
        "#. for translators\n#: consult/x.py\n#, python-brace-format\n"
        'msgid "one {a}"\nmsgstr "一 {a}"\n\n'
        'msgid ""\n"long \\"quoted\\" "\n"text\\n"\nmsgstr ""\n"长\\t文本"\n\n'
        '#, fuzzy, python-format\nmsgid "not reviewed"\nmsgstr "未审"\n\n'
        'msgctxt "argparse"\nmsgid "usage: "\nmsgstr "用法："\n'
    )
    entries = i18n.parse_po(text)
    got = [(e.context, e.msgid, e.msgstr, e.fuzzy) for e in entries]
    assert got == [
        (None, "", "Language: zh_CN\n", False),
        (None, "one {a}", "一 {a}", False),
        (None, 'long "quoted" text\n', "长\t文本", False),
        (None, "not reviewed", "未审", True),
        ("argparse", "usage: ", "用法：", False),
    ]
    with pytest.raises(ValueError, match="line 2"):
        i18n.parse_po('msgid "a"\nmsgid_plural "b"\n')


def test_versions_in_chinese_call_the_size_as_the_history_does(lib_path, capsys):
    """篇幅 (the text's length in characters), as the window's History says: 字数 is the
    editor's word count, another number."""
    i18n.set_language("zh_CN")
    assert main(["--db", str(lib_path), "init", "--demo"]) == 0
    capsys.readouterr()
    assert main(["--db", str(lib_path), "list", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)[0]["id"]
    assert main(["--db", str(lib_path), "versions", first]) == 0
    head = capsys.readouterr().out.splitlines()[0].split()
    assert "篇幅" in head and "字数" not in head
