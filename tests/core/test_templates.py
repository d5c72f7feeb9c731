"""Templates for new proposals: one per kind and language, with the standard sections."""

from __future__ import annotations

import pytest

from consult.compare.structure import units
from consult.errors import ConsultError, InvalidInput
from consult.markdown_io.front_matter import split_front_matter
from consult.model import Kind
from consult.templates import (
    LANGUAGES,
    TemplateError,
    list_templates,
    load_template,
    templates_dir,
)


def test_every_kind_has_a_chinese_and_an_english_template():
    shipped = {(t.kind, t.lang) for t in list_templates()}
    assert shipped == {(kind, lang) for kind in Kind for lang in ("zh", "en")}
    assert LANGUAGES == ("zh", "en")


@pytest.mark.parametrize("path", sorted(templates_dir().glob("*.md")), ids=lambda p: p.name)
def test_template_files_are_utf8_without_nul_and_their_front_matter_parses(path):
    data = path.read_bytes()
    assert b"\x00" not in data
    assert not data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8")  # raises if not UTF-8
    assert "\r" not in text
    parsed = split_front_matter(text)
    assert parsed.problem is None
    assert isinstance(parsed.meta.get("title"), str) and parsed.meta["title"].strip()
    assert parsed.body.strip()


def test_listed_templates_carry_the_title_load_template_gives():
    for template in list_templates():
        title, body = load_template(template.kind, template.lang)
        assert title == template.title
        assert template.path.name == f"{template.kind.value}.{template.lang}.md"
        assert not body.startswith("---")  # the front matter is not part of the body
        placeholder = "【请填写" if template.lang == "zh" else "fill in"
        assert placeholder in title + body.lower()


@pytest.mark.parametrize(
    ("kind", "lang", "sections"),
    [
        ("motion", "zh", ["## 案由", "## 案据", "## 方案", "三十名"]),
        ("motion", "en", ["## Reasons", "## Grounds", "## Proposed solution", "at least 30"]),
        ("suggestion", "zh", ["## 问题", "## 建议"]),
        ("suggestion", "en", ["## Problem", "## Suggestions"]),
        ("proposal", "zh", ["## 案由", "## 情况", "## 分析", "## 具体建议", "一事一案", "1500"]),
        ("proposal", "en", ["## Subject", "## Situation", "## Analysis", "## Recommendations"]),
        ("plan", "zh", ["## 工作目标", "| 序号 |", "## 时间安排"]),
        ("plan", "en", ["## Goals", "| No. |", "## Timeline"]),
    ],
)
def test_templates_carry_their_standard_sections_in_order(kind, lang, sections):
    _, body = load_template(kind, lang)
    positions = [body.find(section) for section in sections if section.startswith("##")]
    assert -1 not in positions and positions == sorted(positions)
    for section in sections:
        assert section in body


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", ["amendment", "reference"])
def test_amendment_and_reference_templates_are_article_structured(kind, lang):
    _, body = load_template(kind, lang)
    articles = [u for u in units(body, by_article=True) if u.kind == "article"]
    assert len(articles) >= (3 if kind == "amendment" else 2)
    assert [a.number for a in articles] == list(range(1, len(articles) + 1))
    expected = "第一条" if lang == "zh" else "Article 1"
    assert articles[0].label == expected


def test_a_locale_name_picks_its_language():
    assert load_template("motion", "zh_CN") == load_template("motion", "zh")
    assert load_template(Kind.NOTE, "EN-gb") == load_template("note", "en")


def test_a_language_without_templates_falls_back_to_english():
    assert load_template("suggestion", "fr") == load_template("suggestion", "en")


def test_a_kind_missing_in_one_language_falls_back_to_english(tmp_path):
    (tmp_path / "note.en.md").write_text("---\ntitle: A note\n---\nBody\n", encoding="utf-8")
    assert load_template("note", "zh", root=tmp_path) == ("A note", "Body\n")
    assert [(t.kind, t.lang) for t in list_templates(tmp_path)] == [(Kind.NOTE, "en")]


def test_an_unknown_kind_is_refused_with_the_choices():
    with pytest.raises(InvalidInput, match=r"bill.*motion, suggestion"):
        load_template("bill", "en")


@pytest.mark.parametrize("lang", ["", "../etc", "z", "zh/../en", "中文"])
def test_a_malformed_language_is_refused(lang):
    with pytest.raises(InvalidInput, match="not a language code"):
        load_template("motion", lang)


def test_a_missing_template_is_a_clear_error(tmp_path):
    with pytest.raises(TemplateError, match="No template for a plan") as caught:
        load_template("plan", "zh", root=tmp_path)
    assert isinstance(caught.value, ConsultError)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("---\ntitle: [unclosed\n---\nBody\n", "damaged"),
        ("---\nkind: note\n---\nBody\n", "no title"),
        ("no front matter at all\n", "no title"),
    ],
)
def test_a_damaged_template_is_a_clear_error(tmp_path, text, reason):
    (tmp_path / "note.en.md").write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError, match=reason):
        load_template("note", "en", root=tmp_path)


def test_a_template_that_is_not_text_is_a_clear_error(tmp_path):
    (tmp_path / "note.en.md").write_bytes(b"---\ntitle: x\n---\n\x00\x01")
    with pytest.raises(TemplateError, match="cannot be read"):
        load_template("note", "en", root=tmp_path)
