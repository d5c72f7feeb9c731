"""Carrying out amendment instructions on a text: the consolidated text (docs/amendments.md)."""

from __future__ import annotations

from collections.abc import Sequence

from consult.compare.instructions import ADD_AFTER, REMOVE, REPLACE, Edit
from consult.errors import InstructionError
from consult.i18n import tr


def apply_edits(text: str, edits: Sequence[Edit], *, line: int = 0, where: str = "") -> str:
    """`text` with the phrase edits applied in order. Each edit's `find` must occur exactly
    once in the text as it stands when the edit is applied, else InstructionError (with
    `line`); `where` names the text in the message ("第五条")."""
    for edit in edits:
        start = _find_once(text, edit.find, line=line, where=where)
        end = start + len(edit.find)
        if edit.op == REPLACE:
            text = text[:start] + edit.text + text[end:]
        elif edit.op == REMOVE:
            text = text[:start] + text[end:]
        elif edit.op == ADD_AFTER:
            text = text[:end] + edit.text + text[end:]
        else:
            raise InstructionError(tr("unknown phrase edit {op}", op=edit.op), line)
    return text


def _find_once(text: str, phrase: str, *, line: int, where: str) -> int:
    if not phrase:
        raise InstructionError(tr("an empty phrase cannot be found"), line)
    start = text.find(phrase)
    if start < 0:
        if where:
            message = tr("“{phrase}” is not in {where}", phrase=phrase, where=where)
        else:
            message = tr("“{phrase}” is not in the text", phrase=phrase)
        raise InstructionError(message, line)
    if text.find(phrase, start + 1) >= 0:
        count = _count(text, phrase)
        if where:
            message = tr(
                "“{phrase}” occurs {count} times in {where}; it must occur once",
                phrase=phrase,
                count=count,
                where=where,
            )
        else:
            message = tr(
                "“{phrase}” occurs {count} times in the text; it must occur once",
                phrase=phrase,
                count=count,
            )
        raise InstructionError(message, line)
    return start


def _count(text: str, phrase: str) -> int:
    """Occurrences of `phrase`, overlapping ones included."""
    count, start = 0, text.find(phrase)
    while start >= 0:
        count += 1
        start = text.find(phrase, start + 1)
    return count
