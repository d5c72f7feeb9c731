"""The `consult` command's help in the user's language.

The help texts (descriptions, option help, epilogs, group titles) are written in English in
the code, where argparse is told them, and translated when the help is printed: the
formatter looks each one up in the core's catalog (resources/translations/core_<lang>.po,
one entry per text; tests/core/test_i18n.py checks that every help text of the parser has
one). argparse's own words ("usage: ", "options", "show this help message and exit") come
from the catalog's `argparse` entries (consult.i18n.install_argparse).

In English the help is formatted exactly as argparse formats it. In Chinese lines are
wrapped by terminal columns (a Chinese character takes two) and may break between any two
Chinese characters.
"""

from __future__ import annotations

import argparse
import re

from consult.i18n import ENGLISH, display_width, language, translated

_ENGLISH_PREFIX = "usage: "  # argparse's, before translation

# Punctuation that must not start a line, and that must not end one.
_NO_BREAK_BEFORE = set("，。、；：？！）》」』”’%…—·,.;:?!)]")
_NO_BREAK_AFTER = set("（《「『“‘([")
_TOKENS = re.compile(
    r"\s+|[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+"
)


def wrap(text: str, width: int) -> list[str]:
    """`text` (spaces collapsed) in lines of at most `width` terminal columns, broken at spaces
    or between two wide characters; a word longer than a line has a line of its own."""
    lines: list[str] = []
    line, used = "", 0
    for token in _TOKENS.findall(" ".join(text.split())):
        if token.isspace():
            if line:
                line, used = line + " ", used + 1
            continue
        size = display_width(token)
        fits = used + size <= width
        glued = line and (token[0] in _NO_BREAK_BEFORE or line[-1] in _NO_BREAK_AFTER)
        if fits or not line.strip() or glued:
            line, used = line + token, used + size
            continue
        lines.append(line.rstrip())
        line, used = token, size
    if line.strip():
        lines.append(line.rstrip())
    return lines


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter with the texts translated; each line of a description or epilog
    is wrapped on its own, and indented lines (examples) are kept as written."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        return translated(action.help) if action.help else action.help

    def start_section(self, heading: str | None) -> None:
        super().start_section(translated(heading) if heading else heading)

    def _format_text(self, text: str) -> str:
        return super()._format_text(translated(text))

    def _format_usage(self, usage, actions, groups, prefix) -> str:  # type: ignore[no-untyped-def]
        prefix = argparse._("usage: ") if prefix is None else prefix  # type: ignore[attr-defined]
        text = super()._format_usage(usage, actions, groups, prefix)
        # The usage's continuation lines line up after the prefix. argparse indents them by
        # the prefix's length in characters; a usage written in full (`parser.usage`, several
        # forms of a command) indents them by the English "usage: ". The prefix in the
        # user's language may take another width on the screen ("用法：" six columns).
        indent = len(prefix) if usage is None else len(_ENGLISH_PREFIX)
        shift = display_width(prefix) - indent
        if shift:
            first, *rest = text.split("\n")
            rest = [
                " " * (indent + shift) + line[indent:] if line.startswith(" " * indent) else line
                for line in rest
            ]
            text = "\n".join([first, *rest])
        return text

    def _split_lines(self, text: str, width: int) -> list[str]:
        if language() == ENGLISH:
            return super()._split_lines(text, width)
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        lines = []
        for line in text.splitlines():
            if not line or line.startswith(" "):
                lines.append(indent + line)
            elif language() == ENGLISH:
                lines.append(super()._fill_text(line, width, indent))
            else:
                lines.extend(indent + part for part in wrap(line, width))
        return "\n".join(lines)

    def format_help(self) -> str:
        text = super().format_help()
        if language() == ENGLISH:
            return text
        # argparse ends a section's heading with ":"; a Chinese heading takes "：".
        return _CHINESE_HEADING.sub(r"\1：", text)


_CHINESE_HEADING = re.compile(r"(?m)^(\S[^\n:]*[\u4e00-\u9fff]):$")
