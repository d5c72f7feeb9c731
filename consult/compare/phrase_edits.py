"""Phrase edits drafted for a retained article (docs/amendments.md): the changed places of
each paragraph, grown to whole words (in Chinese, to the word edges the law itself shows) and
to phrases found once in the article, each tried as it will be applied."""

from __future__ import annotations

import re
from dataclasses import dataclass

from consult.compare.consolidate import apply_edits
from consult.compare.inline import inline_spans
from consult.compare.instructions import (
    ADD_AFTER,
    REMOVE,
    REPLACE,
    Edit,
    normalise_space,
)
from consult.compare.numerals import NUMERAL_CHARS
from consult.compare.text import HAN, Options
from consult.errors import InstructionError

MAX_PLACES = 4  # phrase edits in one article, at most
MAX_SHARE = 1 / 3  # of an article's characters changed by phrase edits, at most
_MAX_PHRASE = 80  # characters a phrase may grow to while being made unique

_HAN = re.compile(rf"[{HAN}]")
_QUOTES = frozenset('“”"')
# Where a Chinese phrase stops growing into its neighbours: punctuation, and the little words
# that join words (的、和、或者 …): "其他组织" rather than "者其他组织".
_STOP_CHARS = frozenset("的和与及或在对由向为是被将把从以于其等并之，。；：、")
_STOP_WORDS = frozenset(
    ("或者", "以及", "应当", "可以", "并且", "但是", "依照", "按照", "根据", "有关", "不得")
)
_NUMERAL = frozenset(NUMERAL_CHARS) - {"万"}
_UNIT_CHARS = frozenset("条款项目章节编")  # what a numeral counts: a word ends after it
_OPENING = frozenset("第")  # a word starts with it
_CLAUSE_END = frozenset("，。；：、,;:")
_OPTIONS = Options()


@dataclass
class _Place:
    """One changed place of a paragraph: old[start:end] becomes `text`."""

    paragraph: int
    start: int
    end: int
    text: str


def phrase_edits(
    label: str, before: list[str], after: list[str], *, cjk: bool, law: str = ""
) -> list[Edit] | None:
    """Phrase edits that turn the paragraphs `before` into `after` (as many), or None when
    the change is too large for phrases or a phrase cannot be made unique and quote-free.
    `law` (the whole old text, else the article) tells where Chinese words end."""
    places: list[_Place] = []
    for i, (a, b) in enumerate(zip(before, after, strict=True)):
        if a == b or normalise_space(a) == normalise_space(b):
            continue
        places += _places(i, a, b, cjk=cjk)
        if len(places) > 2 * MAX_PLACES:
            return None
    if not places:
        return None
    size = sum(len("".join(p.split())) for p in before)
    changed = sum(max(p.end - p.start, len(p.text)) for p in places)
    if changed > size * MAX_SHARE:
        return None
    places = _merged(places, before)
    if cjk:
        worded = [
            _worded(p, before[p.paragraph])
            if p.start < p.end or _inside_word(before[p.paragraph], p.start)
            else p
            for p in places
        ]
        places = _glued_all(worded, places, before, law or "\n\n".join(before))
        places = _merged(places, before)
    if len(places) > MAX_PLACES:
        return None
    current = list(before)
    shift = [0] * len(before)
    edits: list[Edit] = []
    for place in places:
        i = place.paragraph
        start, end = place.start + shift[i], place.end + shift[i]
        edit = _edit(label, current, i, start, end, place.text, cjk=cjk)
        if edit is None:
            return None
        edits.append(edit)
        try:
            current = apply_edits("\n\n".join(current), [edit]).split("\n\n")
        except InstructionError:
            return None
        if len(current) != len(before):
            return None
        shift[i] += len(place.text) - (place.end - place.start)
    if [normalise_space(p) for p in current] != [normalise_space(p) for p in after]:
        return None
    return edits


def _places(paragraph: int, a: str, b: str, *, cjk: bool) -> list[_Place]:
    """The changed places of one paragraph, in old coordinates."""
    out: list[_Place] = []
    position = 0
    pending: _Place | None = None
    for span in inline_spans(a, b, _OPTIONS):
        if span.op == "equal":
            if pending is not None:
                out.append(pending)
                pending = None
            position += len(span.old)
            continue
        if pending is None:
            pending = _Place(paragraph, position, position, "")
        position += len(span.old)
        pending.end = position
        pending.text += span.new
    if pending is not None:
        out.append(pending)
    return out


def _worded(place: _Place, text: str) -> _Place:
    """A Chinese change grown to whole words: a numeral with its 第 and 条 / 款 / 项, and up to
    two characters on each side while they are Han characters that are not joining words
    (国务院著作权行政管理部门, not 务院; 其他组织, not 者其他组织)."""
    start, end = place.start, place.end
    while start > 0 and text[start - 1] in _NUMERAL:
        start -= 1
    while end < len(text) and text[end] in _NUMERAL:
        end += 1
    if start < place.start or (start < len(text) and text[start] in _NUMERAL):
        start -= start > 0 and text[start - 1] == "第"
    if end > place.end or (end > 0 and text[end - 1] in _NUMERAL):
        end += end < len(text) and text[end] in _UNIT_CHARS
    for _ in range(2):
        if start == 0 or not _HAN.match(text[start - 1]) or text[start - 1] in _STOP_CHARS:
            break
        if text[start - 2 : start] in _STOP_WORDS or text[start] in _OPENING:
            break
        start -= 1
        if text[start] in _OPENING:
            break
    for _ in range(2):
        if end >= len(text) or not _HAN.match(text[end]) or text[end] in _STOP_CHARS:
            break
        if text[end : end + 2] in _STOP_WORDS or text[end - 1] in _UNIT_CHARS:
            break
        end += 1
    if (start, end) == (place.start, place.end):
        return place
    return _Place(
        place.paragraph, start, end, text[start : place.start] + place.text + text[place.end : end]
    )


_MAX_GLUE = 6  # characters a phrase grows by on each side to reach a word's edge
_GLUE_EVIDENCE = 3  # occurrences in the law, at least, before its neighbours say anything


def _glued_all(
    worded: list[_Place], changes: list[_Place], before: list[str], law: str
) -> list[_Place]:
    """Each place glued (see _glued), never into the place before or after it."""
    out: list[_Place] = []
    for k, (place, change) in enumerate(zip(worded, changes, strict=True)):
        text = before[place.paragraph]
        floor = out[-1].end if out and out[-1].paragraph == place.paragraph else 0
        following = worded[k + 1] if k + 1 < len(worded) else None
        same = following is not None and following.paragraph == place.paragraph
        ceiling = following.start if same and following is not None else len(text)
        out.append(_glued(place, change, text, law, floor, ceiling))
    return out


def _glued(place: _Place, change: _Place, text: str, law: str, floor: int, ceiling: int) -> _Place:
    """A Chinese phrase grown to the edges of the words it cuts, learnt from the law itself:
    while every occurrence in the law of the phrase's last (first) few characters is followed
    (preceded) by the same Han character, that character belongs to it (法律委 → 法律委员会,
    权人 → 著作权人). Only a side that has kept words around the `change` grows: a phrase that
    starts with the change is a word already (“其他组织”修改为“非法人组织”, not
    “法人或者其他组织”)."""
    start, end = place.start, place.end
    if start == end:
        return place
    for _ in range(_MAX_GLUE if end > change.end else 0):
        if end >= ceiling or not _HAN.match(text[end]):
            break
        edge = _edge(law, [text[max(start, end - k) : end] for k in _EDGES])
        if edge is None or law.count(edge) != law.count(edge + text[end]):
            break
        end += 1
    for _ in range(_MAX_GLUE if start < change.start else 0):
        if start <= floor or not _HAN.match(text[start - 1]):
            break
        edge = _edge(law, [text[start : min(end, start + k)] for k in _EDGES])
        if edge is None or law.count(edge) != law.count(text[start - 1] + edge):
            break
        start -= 1
    if (start, end) == (place.start, place.end):
        return place
    return _Place(
        place.paragraph, start, end, text[start : place.start] + place.text + text[place.end : end]
    )


_EDGES = (3, 2)  # characters at a phrase's edge that say what may follow it, longest first


def _edge(law: str, edges: list[str]) -> str | None:
    """The longest edge found often enough in the law to say anything."""
    for edge in edges:
        if len(edge) >= 2 and law.count(edge) >= _GLUE_EVIDENCE:
            return edge
    return None


def _inside_word(text: str, position: int) -> bool:
    """Between two Han characters neither of which joins words: 中|国."""
    pair = text[position - 1 : position + 1] if position > 0 else ""
    return len(pair) == 2 and all(_HAN.match(ch) and ch not in _STOP_CHARS for ch in pair)


def _merged(places: list[_Place], before: list[str]) -> list[_Place]:
    """Places that touch, or are a few characters apart, as one."""
    out: list[_Place] = []
    for place in places:
        last = out[-1] if out else None
        if last is not None and last.paragraph == place.paragraph:
            gap = before[place.paragraph][last.end : place.start]
            if len(gap) <= 3 and "\n" not in gap:
                out[-1] = _Place(
                    last.paragraph, last.start, place.end, last.text + gap + place.text
                )
                continue
        out.append(place)
    return out


def _edit(
    label: str, current: list[str], i: int, start: int, end: int, text: str, *, cjk: bool
) -> Edit | None:
    """The edit of current[i][start:end] → text, with a phrase found once in the article
    (grown by neighbouring characters or words until it is), or None."""
    para = current[i]
    line_start = para.rfind("\n", 0, start) + 1
    line_end = para.find("\n", end)
    line_end = len(para) if line_end < 0 else line_end
    if "\n" in para[start:end] or "\n" in text:
        return None
    left, right = _word_start(para, start, line_start), _word_end(para, end, line_end)
    whole = label + "\n\n" + "\n\n".join(current)
    minimum = 2 if cjk else 1
    insertion = start == end
    while True:
        find = para[left:right]
        new = para[left:start] + text + para[end:right]
        edit = _candidate(find, new, start - left, end - left, text, minimum)
        if edit is not None and _found_once(whole, edit.find):
            return edit
        if right - left > _MAX_PHRASE or (left == line_start and right == line_end):
            return None
        # grow: an insertion to the left (the words it follows), a change first to the right
        grow_left = left > line_start and (
            insertion or right == line_end or start - left <= right - end
        )
        if grow_left:
            left = _previous_start(para, left, line_start, cjk, start - left + 4 * (not insertion))
        else:
            right = _next_end(para, right, line_end, cjk, right - end + 4 * (not insertion))


def _candidate(find: str, new: str, start: int, end: int, text: str, minimum: int) -> Edit | None:
    """The plainest edit for find → new (the change at find[start:end] → text)."""
    if not find or _QUOTES & set(find + new) or find != find.strip() or new != new.strip():
        return None
    if start == end and start > 0 and end == len(find) and len(find) >= minimum:
        return Edit(ADD_AFTER, find, text) if text == text.strip() else None
    if not text and start == 0 and end == len(find) and len(find) >= minimum:
        return Edit(REMOVE, find)
    if start == end and not text:
        return None
    if len(find) < minimum:
        return None
    return Edit(REPLACE, find, new)


def _found_once(text: str, phrase: str) -> bool:
    first = text.find(phrase)
    return first >= 0 and text.find(phrase, first + 1) < 0


def _is_word(ch: str) -> bool:
    return ch.isalnum() and not _HAN.match(ch)


def _word_start(text: str, position: int, floor: int) -> int:
    while (
        position > floor
        and position < len(text)
        and _is_word(text[position - 1])
        and _is_word(text[position])
    ):
        position -= 1
    return position


def _word_end(text: str, position: int, ceiling: int) -> int:
    while 0 < position < ceiling and _is_word(text[position - 1]) and _is_word(text[position]):
        position += 1
    return position


def _next_end(text: str, right: int, ceiling: int, cjk: bool, grown: int) -> int:
    """Further to the right: a whole word or number (and the spaces before it); in Chinese
    a character, and after four of them the rest of the clause."""
    while right < ceiling and text[right].isspace():
        right += 1
    if right < ceiling:
        right += 1
        right = _word_end(text, right, ceiling)
        if cjk and grown >= 4:
            while right < ceiling and text[right - 1] not in _CLAUSE_END:
                right += 1
    return right


def _previous_start(text: str, left: int, floor: int, cjk: bool, grown: int) -> int:
    """Further to the left, as _next_end."""
    while left > floor and text[left - 1].isspace():
        left -= 1
    if left > floor:
        left -= 1
        left = _word_start(text, left, floor)
        if cjk and grown >= 4:
            while left > floor and text[left - 1] not in _CLAUSE_END:
                left -= 1
    return left
