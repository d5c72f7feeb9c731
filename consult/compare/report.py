"""A comparison as JSON (the contract of PRODUCT.md), as text for a terminal, and as the
before/after table (修改前后对照表) in Markdown and HTML."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from consult.compare.engine import Comparison, Row
from consult.compare.inline import Span
from consult.compare.structure import Unit
from consult.compare.text import is_cjk
from consult.model import VALUE_NAMES


@dataclass(frozen=True)
class FieldChange:
    """A difference in the metadata of two stored versions."""

    field: str  # title | kind | status | session | sponsors | cosigners | tags
    old: Any
    new: Any

    def to_json(self) -> dict:
        data = {"field": self.field, "old": self.old, "new": self.new}
        if isinstance(self.old, list) and isinstance(self.new, list):
            data["added"] = [x for x in self.new if x not in self.old]
            data["removed"] = [x for x in self.old if x not in self.new]
        return data


METADATA_FIELDS = ("title", "kind", "status", "session", "sponsors", "cosigners", "tags")


def compare_metadata(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """The fields (of METADATA_FIELDS) whose values differ between two versions."""
    return [
        FieldChange(name, old.get(name), new.get(name))
        for name in METADATA_FIELDS
        if name in old and name in new and old[name] != new[name]
    ]


# -- JSON -----------------------------------------------------------------------------------


def to_json(comparison: Comparison, metadata: list[FieldChange] | None = None) -> dict:
    """The `consult diff --format json` object: by, stats, rows (and metadata when given)."""
    result: dict[str, Any] = {
        "by": comparison.by,
        "stats": dict(comparison.stats),
        "rows": [_row_json(row) for row in comparison.rows],
    }
    if metadata is not None:
        result["metadata"] = [change.to_json() for change in metadata]
    return result


def _row_json(row: Row) -> dict:
    return {
        "kind": row.kind,
        "old": _side_json(row.old),
        "new": _side_json(row.new),
        "spans": [span.to_json() for span in row.spans],
    }


def _side_json(unit: Unit | None) -> dict | None:
    if unit is None:
        return None
    return {"label": unit.label, "number": unit.number, "text": unit.text}


# -- words of the reports, in the language of the texts ----------------------------------------

_CHANGES = ("unchanged", "modified", "inserted", "deleted", "moved", "renumbered")

_WORDS: dict[str, dict[str, Any]] = {
    "zh": {
        "before": "修改前",
        "after": "修改后",
        "same": "同左",
        "deleted": "（删除）",
        "inserted": "（新增）",
        "moved": "（移动）",
        "title": "修改前后对照表",
        "metadata": "基本信息",
        "field": "项目",
        "fields": {
            "title": "标题",
            "kind": "类别",
            "status": "状态",
            "session": "会议",
            "sponsors": "领衔代表",
            "cosigners": "联名代表",
            "tags": "标签",
        },
        "values": VALUE_NAMES["zh"],  # kinds and statuses as the window names them
        "list": "、",
        "changes": {
            "unchanged": "未改",
            "modified": "修改",
            "inserted": "新增",
            "deleted": "删除",
            "moved": "移动",
            "renumbered": "重新编号",
        },
        "comma": "，",
        "colon": "：",
    },
    "en": {
        "before": "Before",
        "after": "After",
        "same": "Unchanged",
        "deleted": "(deleted)",
        "inserted": "(new)",
        "moved": "(moved)",
        "title": "Before and after",
        "metadata": "Details",
        "field": "Field",
        "fields": {
            "title": "Title",
            "kind": "Kind",
            "status": "Status",
            "session": "Session",
            "sponsors": "Sponsors",
            "cosigners": "Co-signers",
            "tags": "Tags",
        },
        "values": VALUE_NAMES["en"],
        "list": ", ",
        "changes": {k: k for k in _CHANGES},
        "comma": ", ",
        "colon": ": ",
    },
}


def language_of(comparison: Comparison) -> str:
    sample = "".join(
        (row.new or row.old).text[:200]  # type: ignore[union-attr]
        for row in comparison.rows[:40]
    )
    return "zh" if is_cjk(sample) else "en"


def summary(comparison: Comparison, lang: str | None = None) -> str:
    """One line: what was added, deleted, modified, moved, renumbered; characters changed."""
    s = comparison.stats
    lang = lang or language_of(comparison)
    unit = "条" if comparison.by == "article" else "段"
    if lang == "zh":
        return (
            f"新增 {s['inserted']} {unit}，删除 {s['deleted']} {unit}，修改 {s['modified']} {unit}，"
            f"移动 {s['moved']} {unit}，重新编号 {s['renumbered']} {unit}，未改 {s['unchanged']} {unit}；"
            f"删除 {s['characters_deleted']} 字，增加 {s['characters_inserted']} 字"
        )
    what = "articles" if comparison.by == "article" else "paragraphs"
    return (
        f"{what.capitalize()}: {s['inserted']} added, {s['deleted']} deleted, "
        f"{s['modified']} modified, {s['moved']} moved, {s['renumbered']} renumbered, "
        f"{s['unchanged']} unchanged; {s['characters_deleted']} "
        f"{'character' if s['characters_deleted'] == 1 else 'characters'} deleted, "
        f"{s['characters_inserted']} inserted"
    )


def row_label(row: Row) -> str:
    """ "第十条 → 第十一条" for a renumbered pair, else the label of the side that has one."""
    if row.renumbered:
        return f"{row.old.label} → {row.new.label}"  # type: ignore[union-attr]
    unit = row.new or row.old
    return (unit.label or "") if unit and unit.kind == "article" else ""


# -- terminal -------------------------------------------------------------------------------

_RED, _GREEN, _BOLD, _DIM, _RESET = "\033[31;9m", "\033[32m", "\033[1m", "\033[2m", "\033[0m"


def to_text(
    comparison: Comparison, *, color: bool = False, metadata: list[FieldChange] | None = None
) -> str:
    """Changed rows with [-deleted-]{+inserted+} markup (or colours), then the summary."""
    out: list[str] = []
    w = _WORDS[language_of(comparison)]
    for change in metadata or []:
        name = w["fields"].get(change.field, change.field)
        out.append(f"{name}{w['colon']}{_value(change, 'old', w)} → {_value(change, 'new', w)}")
    if metadata:
        out.append("")
    marks = {"unchanged": "=", "modified": "~", "inserted": "+", "deleted": "-", "moved": ">"}
    for row in comparison.rows:
        if row.kind == "unchanged" and not row.renumbered:
            continue
        label = row_label(row) or _first_line(row)
        said = w["changes"][row.kind] + (
            w["comma"] + w["changes"]["renumbered"] if row.renumbered else ""
        )
        head = f"{marks[row.kind]} {label} [{said}]"
        out.append(f"{_BOLD}{head}{_RESET}" if color else head)
        if row.kind == "unchanged":
            continue
        body = []
        for span in _shown_spans(row):
            if span.op == "equal":
                body.append(span.new)
            if span.op in ("delete", "replace"):
                body.append(f"{_RED}{span.old}{_RESET}" if color else f"[-{span.old}-]")
            if span.op in ("insert", "replace"):
                body.append(f"{_GREEN}{span.new}{_RESET}" if color else f"{{+{span.new}+}}")
        out.append("".join(body))
        out.append("")
    line = summary(comparison)
    out.append(f"{_DIM}{line}{_RESET}" if color else line)
    return "\n".join(out) + "\n"


def _first_line(row: Row) -> str:
    unit = row.new or row.old
    text = _shown(unit).split("\n", 1)[0] if unit else ""
    return text if len(text) <= 40 else text[:39] + "…"


def _plain(value: Any, separator: str = ", ") -> str:
    if isinstance(value, list):
        return separator.join(str(v) for v in value) or "—"
    return str(value) if value not in (None, "") else "—"


def _value(change: FieldChange, side: str, w: dict) -> str:
    """One side of a metadata change as the report shows it: a kind or status by its name in
    the report's language, a list joined as the language joins one."""
    value = getattr(change, side)
    names = w["values"].get(change.field)
    if names and isinstance(value, str):
        value = names.get(value, value)
    return _plain(value, w["list"])


# A Markdown heading's marks ("## "): a table cell shows the heading's text without them.
_HEADING_MARKS = re.compile(r"#{1,6}[ \t]+")


def _marks(unit: Unit | None) -> int:
    match = _HEADING_MARKS.match(unit.text) if unit is not None else None
    return match.end() if match else 0


def _is_heading(unit: Unit | None) -> bool:
    # (an article written as a Markdown heading, "## 第一条 …", is an article: its label stays)
    return unit is not None and unit.kind == "heading"


def _shown(unit: Unit) -> str:
    """The text of a unit as a table shows it: a heading without its marks."""
    return unit.text[_marks(unit) :]


def _shown_spans(row: Row) -> list[Span]:
    """The row's spans with the heading marks at the start of either side left out."""
    drop_old, drop_new = _marks(row.old), _marks(row.new)
    out = []
    for span in row.spans:
        cut_old, cut_new = min(drop_old, len(span.old)), min(drop_new, len(span.new))
        drop_old, drop_new = drop_old - cut_old, drop_new - cut_new
        old, new = span.old[cut_old:], span.new[cut_new:]
        if old or new:
            out.append(Span(span.op, old, new))
    return out


# -- the before/after table: Markdown -----------------------------------------------------------


def to_markdown(
    comparison: Comparison,
    *,
    same_as_left: bool = False,
    title: str | None = None,
    metadata: list[FieldChange] | None = None,
    lang: str | None = None,
) -> str:
    """修改前后对照表 in Markdown: one row per article, deletions ~~struck~~, insertions **bold**."""
    lang = lang or language_of(comparison)
    w = _WORDS[lang]
    out = [f"# {_md_escape(title or w['title'])}", ""]
    if metadata:
        out += [f"| {w['field']} | {w['before']} | {w['after']} |", "|---|---|---|"]
        for change in metadata:
            out.append(
                f"| {w['fields'].get(change.field, change.field)} | "
                f"{_md_escape(_value(change, 'old', w))} | {_md_escape(_value(change, 'new', w))} |"
            )
        out.append("")
    out += [f"| {w['before']} | {w['after']} |", "|---|---|"]
    for row in comparison.rows:
        old_cell, new_cell = _md_cells(row, w, same_as_left)
        out.append(f"| {old_cell} | {new_cell} |")
    out += ["", summary(comparison, lang), ""]
    return "\n".join(out)


def _md_cells(row: Row, w: dict, same_as_left: bool) -> tuple[str, str]:
    heading = _is_heading(row.new or row.old)
    if row.kind == "inserted":
        return w["inserted"], _md_mark(_shown(row.new), "**")  # type: ignore[arg-type]
    if row.kind == "deleted":
        return _md_mark(_shown(row.old), "~~"), w["deleted"]  # type: ignore[arg-type]
    note = ""
    if row.renumbered:
        note = f"*{_md_escape(row_label(row))}*<br>"
    if row.kind == "moved":
        note = f"*{w['moved']}*<br>" + note
    if row.kind == "unchanged":
        old_text = row.old.body if heading else _shown(row.old)  # type: ignore[union-attr,arg-type]
        new_text = row.new.body if heading else _shown(row.new)  # type: ignore[union-attr,arg-type]
        old = _md_text(old_text)
        new = w["same"] if same_as_left and not row.renumbered else _md_text(new_text)
    else:
        spans = _shown_spans(row)
        old = "".join(_md_span(s, "old") for s in spans)
        new = "".join(_md_span(s, "new") for s in spans)
    if heading and row.kind == "unchanged":
        old = f"**{old}**"
        new = new if new == w["same"] else f"**{new}**"
    return old, note + new


def _md_span(span: Span, side: str) -> str:
    if span.op == "equal":
        return _md_text(span.old if side == "old" else span.new)
    if side == "old" and span.op in ("delete", "replace"):
        return _md_mark(span.old, "~~")
    if side == "new" and span.op in ("insert", "replace"):
        return _md_mark(span.new, "**")
    return ""


def _md_mark(text: str, mark: str) -> str:
    """Wrap each line's words in `mark`; spaces and line breaks stay outside the marks."""
    lines = []
    for line in _md_lines(text):
        core = line.strip()
        if not core:
            lines.append(_md_escape(line))
            continue
        lead = line[: len(line) - len(line.lstrip())]
        trail = line[len(line.rstrip()) :]
        lines.append(f"{_md_escape(lead)}{mark}{_md_escape(core)}{mark}{_md_escape(trail)}")
    return "<br>".join(lines)


def _md_text(text: str) -> str:
    return "<br>".join(_md_escape(line) for line in _md_lines(text))


# A line break with the spaces around it, blank lines and indentation included: a table cell
# shows one break between paragraphs and no indentation (it cannot show either faithfully).
_MD_LINE_BREAK = re.compile(r"[ \t\u3000\xa0]*\n\s*")


def _md_lines(text: str) -> list[str]:
    return _MD_LINE_BREAK.split(text)


_MD_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\`*_~[]|<>#"})


def _md_escape(text: str) -> str:
    return text.translate(_MD_SPECIAL)


# -- the before/after table: HTML ------------------------------------------------------------------

_CSS = """
body { font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2em; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #bbb; padding: .4em .6em; vertical-align: top; white-space: pre-wrap; }
th { background: #f0f0f0; }
del { color: #a40000; background: #fde8e8; }
ins { color: #05600f; background: #e6f6e6; text-decoration: none; font-weight: bold; }
tr.heading td { font-weight: bold; background: #fafafa; }
.note { color: #555; font-style: italic; display: block; }
.same { color: #777; }
p.summary { color: #333; }
"""


def to_html(
    comparison: Comparison,
    *,
    same_as_left: bool = False,
    title: str | None = None,
    metadata: list[FieldChange] | None = None,
    lang: str | None = None,
) -> str:
    """修改前后对照表 as a standalone HTML page, deletions in <del>, insertions in <ins>."""
    lang = lang or language_of(comparison)
    w = _WORDS[lang]
    e = html.escape
    page_title = title or w["title"]
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        '<head><meta charset="utf-8">',
        f"<title>{e(page_title)}</title>",
        f"<style>{_CSS}</style></head>",
        "<body>",
        f"<h1>{e(page_title)}</h1>",
    ]
    if metadata:
        out.append(f"<h2>{e(w['metadata'])}</h2>")
        out.append(
            f"<table><thead><tr><th>{e(w['field'])}</th><th>{e(w['before'])}</th>"
            f"<th>{e(w['after'])}</th></tr></thead><tbody>"
        )
        for change in metadata:
            out.append(
                f"<tr><td>{e(w['fields'].get(change.field, change.field))}</td>"
                f"<td>{e(_value(change, 'old', w))}</td><td>{e(_value(change, 'new', w))}</td></tr>"
            )
        out.append("</tbody></table>")
    out.append(
        f'<table class="compare"><thead><tr><th>{e(w["before"])}</th>'
        f"<th>{e(w['after'])}</th></tr></thead><tbody>"
    )
    for row in comparison.rows:
        out.append(_html_row(row, w, same_as_left))
    out += ["</tbody></table>", f'<p class="summary">{e(summary(comparison, lang))}</p>']
    out += ["</body></html>", ""]
    return "\n".join(out)


def _html_row(row: Row, w: dict, same_as_left: bool) -> str:
    e = html.escape
    unit = row.new or row.old
    css = f"{row.kind}{' heading' if _is_heading(unit) else ''}"
    if row.kind == "inserted":
        old = f'<span class="note">{e(w["inserted"])}</span>'
        new = f"<ins>{e(_shown(row.new))}</ins>"  # type: ignore[arg-type]
    elif row.kind == "deleted":
        old = f"<del>{e(_shown(row.old))}</del>"  # type: ignore[arg-type]
        new = f'<span class="note">{e(w["deleted"])}</span>'
    else:
        note = ""
        if row.kind == "moved":
            note += f'<span class="note">{e(w["moved"])}</span>'
        if row.renumbered:
            note += f'<span class="note">{e(row_label(row))}</span>'
        if row.kind == "unchanged":
            old = e(_shown(row.old))  # type: ignore[arg-type]
            new = (
                f'<span class="same">{e(w["same"])}</span>'
                if same_as_left and not row.renumbered
                else e(_shown(row.new))  # type: ignore[arg-type]
            )
        else:
            spans = _shown_spans(row)
            old = "".join(_html_span(s, "old") for s in spans)
            new = "".join(_html_span(s, "new") for s in spans)
        new = note + new
    return f'<tr class="{css}"><td>{old}</td><td>{new}</td></tr>'


def _html_span(span: Span, side: str) -> str:
    e = html.escape
    if span.op == "equal":
        return e(span.old if side == "old" else span.new)
    if side == "old" and span.op in ("delete", "replace"):
        return f"<del>{e(span.old)}</del>"
    if side == "new" and span.op in ("insert", "replace"):
        return f"<ins>{e(span.new)}</ins>"
    return ""
