"""YAML front matter: `---` on the first line, YAML, `---`, then the body.

Only `yaml.safe_load` is used; anything that is not a mapping, or that fails to parse, leaves
the whole text as body and says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_FRONT_MATTER = 64 * 1024  # bytes of YAML we are willing to parse


@dataclass
class Parsed:
    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    problem: str | None = None  # why front matter present in the text was ignored


def split_front_matter(text: str) -> Parsed:
    """Split `text` into its front matter (a dict) and body; never loses text."""
    text = text.removeprefix("\ufeff")
    if not text.startswith("---"):
        return Parsed(body=text)
    first_break = text.find("\n")
    if first_break == -1 or text[:first_break].strip() != "---":
        return Parsed(body=text)
    end, after = _closing_fence(text, first_break + 1)
    if end == -1:
        return Parsed(body=text, problem="the front matter has no closing “---” line")
    raw = text[first_break + 1 : end]
    if len(raw.encode("utf-8")) > MAX_FRONT_MATTER:
        return Parsed(body=text, problem="the front matter is too large")
    try:
        meta = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError as e:
        reason = str(e).splitlines()[0] if str(e) else "invalid YAML"
        return Parsed(body=text, problem=f"the front matter is not valid YAML ({reason})")
    if not isinstance(meta, dict):
        return Parsed(body=text, problem="the front matter is not a list of “key: value” lines")
    return Parsed(meta=meta, body=text[after:])


def _closing_fence(text: str, start: int) -> tuple[int, int]:
    """(start of the closing `---` line, index just after it), or (-1, -1)."""
    pos = start
    while pos <= len(text):
        nl = text.find("\n", pos)
        line = text[pos:] if nl == -1 else text[pos:nl]
        if line.rstrip() in ("---", "..."):
            return pos, (len(text) if nl == -1 else nl + 1)
        if nl == -1:
            return -1, -1
        pos = nl + 1
    return -1, -1
