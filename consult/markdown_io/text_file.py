"""Reading a text file a user hands us: size limit first, strict decoding, LF line endings."""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

from consult.errors import InvalidInput

MAX_TEXT_BYTES = 20 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def read_text(path: str | Path, limit: int = MAX_TEXT_BYTES) -> str:
    """The text of `path` ("-" for standard input), or InvalidInput saying why it is refused."""
    name = "standard input" if str(path) == "-" else str(path)
    try:
        if str(path) == "-":
            data = sys.stdin.buffer.read(limit + 1)
        else:
            p = Path(path)
            if p.is_dir():
                raise InvalidInput(f"{name} is a folder, not a text file")
            if p.stat().st_size > limit:
                raise InvalidInput(f"{name} is larger than {limit // (1024 * 1024)} MB; not read")
            data = p.read_bytes()
    except OSError as e:
        raise InvalidInput(f"Cannot read {name}: {e.strerror or e}") from e
    if len(data) > limit:
        raise InvalidInput(f"{name} is larger than {limit // (1024 * 1024)} MB; not read")
    return decode_text(data, name)


def decode_text(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as e:
                raise InvalidInput(
                    f"{name} is not valid {encoding.upper()} text ({e.reason})"
                ) from e
            break
    else:
        if b"\x00" in data:
            raise InvalidInput(f"{name} is not a text file (it contains NUL bytes)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise InvalidInput(
                f"{name} is not UTF-8 text (byte {e.start}); save it as UTF-8 and try again"
            ) from e
    if "\x00" in text:
        raise InvalidInput(f"{name} is not a text file (it contains NUL characters)")
    return text.replace("\r\n", "\n").replace("\r", "\n")
