"""YAML front matter: `---` on the first line, YAML, `---`, then the body.

Only PyYAML's safe loader is used, and stricter still: duplicate keys and YAML aliases
(`&anchor` / `*alias`, the "billion laughs") are refused. Anything that is not a mapping, or
that fails to parse, leaves the whole text as body and says why.

`join_front_matter` writes the other way, with `yaml.safe_dump`, so that any title or name
(colons, quotes, `#`, `---`, leading spaces …) comes back as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from consult.i18n import tr

MAX_FRONT_MATTER = 64 * 1024  # bytes of YAML we are willing to parse

# The C loader and dumper (libyaml) when PyYAML has them: 5–10 times faster on an import or
# export of thousands of files.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass
class Parsed:
    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    problem: str | None = None  # why front matter present in the text was ignored


class _DuplicateKey(yaml.constructor.ConstructorError):
    """A key given twice in one mapping; `problem` says which, in the user's language."""


class _StrictLoader(_Loader):  # type: ignore[misc, valid-type]
    """The safe loader, refusing a key given twice (YAML says keys are unique)."""

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen = set()
        for key_node, _value in node.value:
            # Scalar keys compared as written (with their tag): cheap, and what YAML means.
            key = (key_node.tag, key_node.value) if isinstance(key_node.value, str) else None
            if key is None:
                continue
            if key in seen:
                raise _DuplicateKey(
                    None, None, tr("the key “{key}” appears twice", key=key[1]), key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class _PlainDumper(_Dumper):  # type: ignore[misc, valid-type]
    """Never writes anchors and aliases, even for a value used twice."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def represent_list(self, data: Any) -> Any:
        # Lists of names on one line, as people write them: sponsors: [王立群, 张明]
        return self.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


_PlainDumper.add_representer(list, _PlainDumper.represent_list)


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
        return Parsed(body=text, problem=tr("the front matter has no closing “---” line"))
    raw = text[first_break + 1 : end]
    if len(raw.encode("utf-8")) > MAX_FRONT_MATTER:
        return Parsed(body=text, problem=tr("the front matter is too large"))
    try:
        meta = yaml.load(raw, Loader=_StrictLoader) if raw.strip() else {}
    except yaml.YAMLError as e:
        # PyYAML's own reasons are English (its first line names the line and column).
        reason = str(e).splitlines()[0] if str(e) else tr("invalid YAML")
        if isinstance(e, _DuplicateKey):
            reason = str(e.problem)
        return Parsed(
            body=text, problem=tr("the front matter is not valid YAML ({reason})", reason=reason)
        )
    except RecursionError:
        return Parsed(body=text, problem=tr("the front matter is nested too deeply"))
    if not isinstance(meta, dict):
        return Parsed(body=text, problem=tr("the front matter is not a list of “key: value” lines"))
    if _repeats(meta):
        return Parsed(
            body=text,
            problem=tr("the front matter repeats parts of itself (YAML aliases, & and *)"),
        )
    return Parsed(meta=meta, body=text[after:])


def join_front_matter(meta: dict[str, Any], body: str) -> str:
    """`---`, `meta` as YAML (keys in the given order, one line each), `---`, a blank line, body.

    The blank line is there to be read; the import drops exactly one blank line after the
    closing `---`, so the body comes back as it was, even when it starts with blank lines or
    with `---`.
    """
    yaml_text = yaml.dump(
        meta,
        Dumper=_PlainDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1 << 30,  # never fold a long title over lines
    )
    return f"---\n{yaml_text}---\n\n{body}"


def _repeats(meta: dict[str, Any]) -> bool:
    """True when a list or mapping appears twice in the loaded data (YAML aliases).

    Aliases are cheap to parse but can stand for billions of values once walked; our files
    never use them, so any front matter that does is refused instead of walked.
    """
    seen: set[int] = set()
    stack: list[Any] = [meta]
    while stack:
        item = stack.pop()
        if isinstance(item, dict | list):
            if id(item) in seen:
                return True
            seen.add(id(item))
            stack.extend(item.values() if isinstance(item, dict) else item)
    return False


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
