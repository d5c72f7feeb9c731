"""Reading a text file a user hands us: size limit first, strict decoding, LF line endings.

`read_text` / `decode_text` take UTF-8 (with or without BOM) and UTF-16 with a BOM, nothing
else. `read_document` / `decode_document`, used by the import, also recognise GB18030 (and so
GBK and GB2312, its subsets) when the bytes are not UTF-8 and read like Chinese, and say which
encoding they used so that the window can ask "Detected GB18030 — correct?". Anything else is
refused as "Unknown encoding" unless the caller names the encoding.
"""

from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from consult.errors import InvalidInput
from consult.i18n import os_reason, tr

MAX_TEXT_BYTES = 20 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SHOWN = {"utf-8": "UTF-8", "utf-16-le": "UTF-16 LE", "utf-16-be": "UTF-16 BE"}

# What makes decoded GB18030 read like Chinese rather than another 8-bit encoding read wrong
# (see _reads_as_chinese).
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f\x7f]")


@dataclass(frozen=True)
class Decoded:
    """A file's text (LF line endings, no BOM) and the encoding it was read with."""

    text: str
    encoding: str  # as shown to a user: "UTF-8", "UTF-8 (BOM)", "UTF-16 LE", "GB18030" …
    guessed: bool = False  # True when the bytes did not say (GB18030): worth asking the user


def read_text(path: str | Path, limit: int = MAX_TEXT_BYTES) -> str:
    """The text of `path` ("-" for standard input), or InvalidInput saying why it is refused."""
    name = tr("standard input") if str(path) == "-" else str(path)
    return decode_text(read_bytes(path, limit), name)


def read_document(
    path: str | Path, *, encoding: str | None = None, limit: int = MAX_TEXT_BYTES
) -> Decoded:
    """A file to import, decoded as `decode_document` does; InvalidInput saying why not.
    "-" reads standard input."""
    name = tr("standard input") if str(path) == "-" else str(path)
    return decode_document(read_bytes(path, limit), name, encoding=encoding)


def read_bytes(path: str | Path, limit: int = MAX_TEXT_BYTES) -> bytes:
    """At most `limit` bytes of `path` ("-": standard input); a larger file is refused unread."""
    name = tr("standard input") if str(path) == "-" else str(path)
    too_big = tr(
        "{name} is larger than {size} MB; not read", name=name, size=limit // (1024 * 1024)
    )
    try:
        if str(path) == "-":
            data = sys.stdin.buffer.read(limit + 1)
        else:
            p = Path(path)
            if p.is_dir():
                raise InvalidInput(tr("{name} is a folder, not a text file", name=name))
            if p.stat().st_size > limit:
                raise InvalidInput(too_big)
            # Bounded even when the size lies (a device, a file still growing).
            with p.open("rb") as f:
                data = f.read(limit + 1)
    except OSError as e:
        raise InvalidInput(
            tr("Cannot read {name}: {reason}", name=name, reason=os_reason(e))
        ) from e
    if len(data) > limit:
        raise InvalidInput(too_big)
    return data


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (BOM or not) or UTF-16 with a BOM, strictly; CRLF and CR → LF; NUL refused."""
    bom = _bom_decode(data, name)
    if bom is not None:
        return bom.text
    _refuse_nul(data, name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InvalidInput(
            tr(
                "{name} is not UTF-8 text (byte {byte}); save it as UTF-8 and try again",
                name=name,
                byte=e.start,
            )
        ) from e
    return _lines(text, name)


def decode_document(data: bytes, name: str, *, encoding: str | None = None) -> Decoded:
    """The text of a file to import, and the encoding it was read with.

    A BOM decides (UTF-8, UTF-16 LE / BE); then strict UTF-8; then, when the bytes are not
    UTF-8, `encoding` if the caller gave one (the user chose it), else GB18030 when the text
    decodes strictly and reads like Chinese (`guessed` is then True). Anything else raises
    InvalidInput: "not a text file" for binary data, "Unknown encoding" otherwise.
    """
    bom = _bom_decode(data, name)
    if bom is not None:
        return bom
    _refuse_nul(data, name)
    try:
        return Decoded(_lines(data.decode("utf-8"), name), "UTF-8")
    except UnicodeDecodeError:
        pass
    if encoding is not None:
        return decode_as(data, name, encoding)
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _reads_as_chinese(text):
        return Decoded(_lines(text, name), "GB18030", guessed=True)
    sample = data[:8192]
    if len(_CONTROL_BYTES.findall(sample)) > len(sample) // 20:
        raise InvalidInput(tr("{name} is not a text file (binary data)", name=name))
    raise InvalidInput(
        tr(
            "{name}: Unknown encoding — it is not UTF-8, UTF-16 with a byte-order mark or "
            "GB18030 (GBK); choose its encoding",
            name=name,
        )
    )


def decode_as(data: bytes, name: str, encoding: str) -> Decoded:
    """`data` decoded strictly with the encoding a user chose (a BOM of it is dropped)."""
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        raise InvalidInput(
            tr("“{encoding}” is not an encoding Consult knows", encoding=encoding)
        ) from None
    try:
        text = data.decode(codec.name)
    except UnicodeDecodeError as e:
        raise InvalidInput(
            tr(
                "{name} is not valid {encoding} text (byte {byte})",
                name=name,
                encoding=encoding,
                byte=e.start,
            )
        ) from e
    return Decoded(_lines(text.removeprefix("\ufeff"), name), encoding)


def _bom_decode(data: bytes, name: str) -> Decoded | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as e:
                raise InvalidInput(
                    tr(
                        "{name} is not valid {encoding} text ({reason})",
                        name=name,
                        encoding=encoding.upper(),
                        reason=e.reason,
                    )
                ) from e
            shown = "UTF-8 (BOM)" if encoding == "utf-8" else _SHOWN[encoding]
            return Decoded(_lines(text, name), shown)
    return None


def _refuse_nul(data: bytes, name: str) -> None:
    if b"\x00" not in data:
        return
    if data[1::2].count(0) > len(data) // 3 or data[0::2].count(0) > len(data) // 3:
        raise InvalidInput(
            tr(
                "{name}: Unknown encoding — it looks like UTF-16 without a byte-order mark; "
                "save it as UTF-8 and try again",
                name=name,
            )
        )
    raise InvalidInput(tr("{name} is not a text file (it contains NUL bytes)", name=name))


def _lines(text: str, name: str) -> str:
    if "\x00" in text:
        raise InvalidInput(tr("{name} is not a text file (it contains NUL characters)", name=name))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _reads_as_chinese(text: str) -> bool:
    """Whether strictly decoded GB18030 is Chinese, not Latin-1 (or other) bytes misread.

    Chinese text in GBK / GB18030 is made almost entirely of GB2312 characters (both bytes
    ≥ 0xA1), with some Han characters among them. Latin-1 accented letters followed by ASCII
    letters ("Müller" is FC 6C) decode too, but into rare GBK characters outside GB2312; so
    we ask for at least one Han character and nine in ten non-ASCII characters in GB2312.
    """
    if not _HAN.search(text):
        return False
    counts: dict[str, int] = {}
    for ch in _NON_ASCII.findall(text):
        counts[ch] = counts.get(ch, 0) + 1
    total = sum(counts.values())
    common = sum(n for ch, n in counts.items() if _in_gb2312(ch))
    return common * 10 >= total * 9


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True
