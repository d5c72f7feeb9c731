"""RELIABILITY 23: malformed or hostile YAML front matter.

The user must find the whole file in the library (nothing dropped), be told
"Front matter ignored: <reason>", and nothing in the YAML may run or take long to parse.
"""

from __future__ import annotations

import re
import time

import pytest
import yaml
from core_helpers import REPO
from io_helpers import write

from consult.markdown_io import front_matter
from consult.markdown_io.front_matter import join_front_matter, split_front_matter
from consult.markdown_io.importer import Outcome, import_paths

BODY = "\n第一条　正文不能丢。\nThe body must survive.\n"
BILLION_LAUGHS = (
    "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + "".join(
        f"{chr(ord('a') + n)}: &{chr(ord('a') + n)} [{', '.join(['*' + chr(ord('a') + n - 1)] * 9)}]\n"
        for n in range(1, 9)
    )
    + "title: *i\n"
)


def hostile(pwned_path: str) -> dict[str, tuple[str, str]]:
    """name → (the file's text, what the reason says)."""
    return {
        "unclosed": ("---\ntitle: never closed\n" + BODY, "no closing"),
        "tabs": ("---\ntitle: x\n\tkind: motion\n---\n" + BODY, "not valid YAML"),
        "duplicate-keys": ("---\ntitle: one\ntitle: two\n---\n" + BODY, "“title” appears twice"),
        "python-object": (
            f"---\ntitle: !!python/object/apply:os.system ['touch {pwned_path}']\n---\n" + BODY,
            "not valid YAML",
        ),
        "billion-laughs": ("---\n" + BILLION_LAUGHS + "---\n" + BODY, "aliases"),
        "not-a-mapping": ("---\n- just\n- a list\n---\n" + BODY, "not a list of “key: value”"),
        "deep-nesting": ("---\ntitle: " + "[" * 3000 + "]" * 3000 + "\n---\n" + BODY, "YAML"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "unclosed",
        "tabs",
        "duplicate-keys",
        "python-object",
        "billion-laughs",
        "not-a-mapping",
        "deep-nesting",
    ],
)
def test_case23_malformed_front_matter_keeps_the_whole_file_as_body_and_says_why(
    lib, tmp_path, case
):
    pwned = tmp_path / "pwned"
    text, reason = hostile(str(pwned))[case]
    path = write(tmp_path / "note.md", text)
    started = time.perf_counter()
    [result] = import_paths(lib, [path]).files
    assert time.perf_counter() - started < 2  # parse time bounded
    assert result.outcome == Outcome.IMPORTED
    [note] = [n for n in result.notes if n.startswith("Front matter ignored: ")]
    assert reason in note
    stored = lib.version(result.proposal_id).content
    assert stored.body == text  # nothing dropped: the front matter is still there, as text
    assert stored.title == "note"  # named after the file, not after the YAML
    assert not pwned.exists()  # nothing ran


def test_case23_front_matter_is_read_with_the_safe_loader_only():
    # safe_load's constructor: no python/* tags, whatever PyYAML's loader (C or Python).
    loader = front_matter._StrictLoader
    assert issubclass(loader, yaml.constructor.SafeConstructor)
    assert not issubclass(loader, yaml.constructor.FullConstructor)  # nor Unsafe, below it
    # And YAML is loaded nowhere else, and there only with that loader.
    calls = [
        (path.name, call)
        for folder in ("consult", "ui")
        for path in sorted((REPO / folder).rglob("*.py"))
        for call in re.findall(r"yaml\.\w*load\w*\((.*)", path.read_text(encoding="utf-8"))
    ]
    assert calls and all(
        name == "front_matter.py" and "Loader=_StrictLoader" in call for name, call in calls
    ), calls
    text = "---\ntitle: !!python/name:os.system\n---\nbody\n"
    assert front_matter.split_front_matter(text).problem is not None


def test_case23_front_matter_in_gbk_is_read(lib, tmp_path):
    text = "---\ntitle: 关于加强基层医疗卫生服务的建议\nkind: suggestion\ntags: [医疗健康]\n---\n\n正文。\n"
    path = write(tmp_path / "建议.md", text.encode("gbk"))
    [result] = import_paths(lib, [path]).files
    assert result.outcome == Outcome.IMPORTED and result.encoding == "GB18030"
    proposal = lib.get(result.proposal_id)
    assert (proposal.title, proposal.kind.value, proposal.tags) == (
        "关于加强基层医疗卫生服务的建议",
        "suggestion",
        ("医疗健康",),
    )
    assert lib.version(proposal.id).content.body == "正文。\n"


def test_foreign_front_matter_is_kept_in_the_text_and_its_usable_keys_are_read(lib, tmp_path):
    text = (
        "---\ntitle: 中华人民共和国著作权法\noffice: 全国人民代表大会常务委员会\nstatus: 已修改\n"
        "url: https://example.org/law\n---\n# 中华人民共和国著作权法\n\n第一条　……\n"
    )
    [result] = import_paths(lib, [write(tmp_path / "law.md", text)]).files
    assert result.outcome == Outcome.IMPORTED
    stored = lib.version(result.proposal_id).content
    assert stored.title == "中华人民共和国著作权法"
    assert stored.status.value == "draft"
    assert stored.body == text  # office and url are nowhere else: they stay in the text
    assert any("“已修改” is not a status" in n for n in result.notes)
    assert any("office, url" in n for n in result.notes)


@pytest.mark.parametrize(
    "meta",
    [
        {"title": "a: b # c 'd' \"e\" --- [f] {g} & *h !i |j >k %l @m `n"},
        {"title": "---"},
        {"title": "yes"},
        {"title": "0123"},
        {"title": "null"},
        {"sponsors": ["- a", "b, c", "[d]", "#e"]},
        {"session": "  leading spaces kept by YAML  "},
    ],
)
def test_front_matter_written_by_export_reads_back_the_same(meta):
    text = join_front_matter(meta, "---\nbody that starts with a fence\n")
    parsed = split_front_matter(text)
    assert parsed.problem is None
    assert parsed.meta == meta
    assert parsed.body == "\n---\nbody that starts with a fence\n"  # one blank line, then it
