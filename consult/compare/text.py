"""Preparing texts for comparison: normalisation, paragraphs, tokens and comparison keys."""

from __future__ import annotations

import re
from dataclasses import dataclass

from consult.markdown_io.front_matter import split_front_matter

# Character classes (for use inside [...]) shared with the client's counts and font choice.
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
KANA = r"\u3040-\u30ff\u31f0-\u31ff"
HANGUL = r"\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"
_CJK = HAN + KANA + HANGUL
HAN_CHAR = re.compile(rf"[{HAN}]")

# Word granularity: each Han / Kana / Hangul character is a token; Latin (and other spaced
# scripts') words, numbers, whitespace runs and single punctuation marks are tokens.
_WORD_ALTERNATIVES = (
    rf"[{_CJK}]"
    rf"|[^\W\d_{_CJK}]+(?:['’][^\W\d_{_CJK}]+)*"
    r"|\d+(?:[.,:/]\d+)*"
    r"|_+"
    r"|[^\w\s]"
)
WORD_TOKENS = re.compile(rf"{_WORD_ALTERNATIVES}|\s+")
# With whitespace ignored, whitespace rides on the token before it.
WORD_TOKENS_WS = re.compile(rf"(?:{_WORD_ALTERNATIVES})\s*+")
# The same for text that is all ASCII (most English law): a simpler pattern, twice as fast.
_ASCII_ALTERNATIVES = r"[A-Za-z]+(?:'[A-Za-z]+)*|\d+(?:[.,:/]\d+)*|_+|[^\w\s]"
ASCII_TOKENS = re.compile(rf"{_ASCII_ALTERNATIVES}|\s+")
ASCII_TOKENS_WS = re.compile(rf"(?:{_ASCII_ALTERNATIVES})\s*+")
CHAR_TOKENS = re.compile(r"\S|\s+")
CHAR_TOKENS_WS = re.compile(r"\S\s*+")
CJK_CHAR = re.compile(rf"[{_CJK}]")

BLANK_LINE = re.compile(r"\n[ \t\u3000\xa0]*+\n")
_SPACE_RUN = re.compile(r"[ \t\u3000\xa0]+")
# Blank lines between paragraphs, and the spaces around them, are layout: one line break.
_PARAGRAPH_BREAK = re.compile(r"\s*\n[ \t\u3000\xa0]*\n\s*")
# Full-width ASCII variants (！ … ～) and the ideographic space: "，" compares equal to ",".
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


@dataclass(frozen=True)
class Options:
    """How two texts are compared."""

    granularity: str = "auto"  # auto | char | word | paragraph
    ignore_whitespace: bool = True
    ignore_width: bool = False  # treat full-width and half-width punctuation as equal


def prepare(text: str) -> str:
    """Line endings → LF, no BOM, no YAML front matter, no trailing spaces on lines."""
    if "\r" in text:  # a cheap look first: replacing "\r\n" scans slowly even when absent
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    if text.startswith("---"):
        parsed = split_front_matter(text)
        if parsed.meta and not parsed.problem:
            text = parsed.body
    return text


def paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines, without the spaces around them (inner lines keep
    their indentation: hard-wrapped layouts stay readable, and whitespace is ignored when
    comparing unless asked otherwise)."""
    return [b for b in (block.strip() for block in BLANK_LINE.split(text)) if b]


def comparison_key(text: str, options: Options) -> str:
    """What decides whether two pieces of text are the same under the options."""
    if options.ignore_width:
        text = text.translate(_WIDTH)
    if options.ignore_whitespace:
        return "".join(text.split())
    return _SPACE_RUN.sub(" ", _PARAGRAPH_BREAK.sub("\n", text))


def tokens(text: str, options: Options) -> list[str]:
    """The pieces inline differences are made of; they concatenate back to `text`."""
    if options.granularity == "char":
        pattern = CHAR_TOKENS_WS if options.ignore_whitespace else CHAR_TOKENS
    elif text.isascii():
        pattern = ASCII_TOKENS_WS if options.ignore_whitespace else ASCII_TOKENS
    else:
        pattern = WORD_TOKENS_WS if options.ignore_whitespace else WORD_TOKENS
    found = pattern.findall(text)
    if options.ignore_whitespace:
        lead = len(text) - len(text.lstrip())
        if lead:
            found = [text[:lead] + found[0], *found[1:]] if found else [text]
    return found


def token_keys(pieces: list[str], options: Options) -> list[str]:
    if options.ignore_width:
        pieces = [p.translate(_WIDTH) for p in pieces]
    if options.ignore_whitespace:
        return list(map(str.strip, pieces))
    return pieces


def is_cjk(text: str) -> bool:
    """True when Han / Kana / Hangul characters make up a good part of the letters."""
    sample = text[:20_000]
    cjk = len(CJK_CHAR.findall(sample))
    latin = sum(ch.isalpha() for ch in sample) - cjk
    return cjk > 0 and cjk * 3 >= latin
