"""What a user types into a proposal's metadata form, read the way the library stores it:
names (sponsors, co-signers), tags, and the word and character counts shown under the text."""

from __future__ import annotations

import re

from consult.compare.text import HAN, KANA

# Names (sponsors, co-signers) are separated by line breaks, 、 , ， ; or ；. Tags by commas only:
# a tag name may contain 、 but never a comma.
_NAME_SEPARATORS = re.compile(r"[\n,，、;；]+")
_TAG_SEPARATORS = re.compile(r"[,，]")
_CJK = HAN + KANA  # Hangul is written in spaced words: counted as words
_CJK_CHAR = re.compile(rf"[{_CJK}]")
# A word: one Han / Kana character, or a run of other letters and digits (with inner ' or -).
_WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+(?:['’-][^\W{_CJK}]+)*")


def count_text(text: str) -> tuple[int, int]:
    """(words, characters) of a text: each Han character is a word; spaces are not characters."""
    return len(_WORD.findall(text)), len("".join(text.split()))


def split_names(text: str) -> tuple[str, ...]:
    """Names as typed (one per line, or separated by 、 , ; ) → trimmed, unique, in order."""
    names = (" ".join(part.split()) for part in _NAME_SEPARATORS.split(text))
    return tuple(dict.fromkeys(name for name in names if name))


def join_names(names: tuple[str, ...]) -> str:
    """Names on one line, separated as their script would: 、 for Chinese, a comma otherwise."""
    return ("、" if _CJK_CHAR.search("".join(names)) else ", ").join(names)


def split_tags(text: str) -> list[str]:
    """Tag names as typed, separated by commas (， too), spaces collapsed."""
    return [" ".join(part.split()) for part in _TAG_SEPARATORS.split(text) if part.strip()]


def last_tag(text: str) -> str:
    """The tag being typed: what follows the last comma."""
    return _TAG_SEPARATORS.split(text)[-1].strip()
