"""Chinese numerals as used in article numbers, both ways: 十一 ↔ 11, 一千二百六十 ↔ 1260."""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"
_VALUES = {ch: i for i, ch in enumerate(DIGITS)} | {"〇": 0, "两": 2, "壹": 1, "贰": 2, "叁": 3}
_UNITS = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
_WAN = {"万": 10_000}
NUMERAL_CHARS = "".join(_VALUES) + "".join(_UNITS) + "万"


def parse_chinese(text: str) -> int | None:
    """十 → 10, 十一 → 11, 一百零一 → 101, 一千零一十 → 1010, 二〇二三 → 2023; None if not a numeral."""
    if not text or any(ch not in _VALUES and ch not in _UNITS and ch not in _WAN for ch in text):
        return None
    if all(ch in _VALUES for ch in text) and len(text) > 1:  # digit by digit: 二〇二三
        return int("".join(str(_VALUES[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _VALUES:
            digit = _VALUES[ch]
        elif ch in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:  # 万
            total += (section + (digit or 0)) * 10_000
            section, digit = 0, None
    return total + section + (digit or 0)


def to_chinese(number: int) -> str:
    """11 → 十一, 101 → 一百零一, 110 → 一百一十, 1010 → 一千零一十, 1260 → 一千二百六十."""
    if number < 0:
        raise ValueError("negative numbers have no article numeral")
    if number == 0:
        return "零"
    if number >= 10_000:
        high, low = divmod(number, 10_000)
        rest = to_chinese(low) if low else ""
        zero = "零" if 0 < low < 1000 else ""
        return to_chinese(high) + "万" + zero + rest
    parts = []
    pending_zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, number = divmod(number, value)
        if d:
            if pending_zero:
                parts.append("零")
                pending_zero = False
            parts.append(DIGITS[d] + unit)
        elif parts:
            pending_zero = True
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


def numeral_value(numeral: str) -> int:
    """A number written in digits or in Chinese numerals (12, 十二); 0 when it is neither."""
    if numeral.isdigit():
        return int(numeral)
    number = parse_chinese(numeral)
    return 0 if number is None else number
