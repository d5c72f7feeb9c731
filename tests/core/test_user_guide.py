"""The user guides (docs/user-guide.md, docs/user-guide.zh_CN.md) and `consult --help` stay in
step with the command: every command is in both guides, every example in them (and in the
help's epilogs) still parses, every option is explained, every picture exists."""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path

import pytest

from consult.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
GUIDES = [DOCS / "user-guide.md", DOCS / "user-guide.zh_CN.md"]
SHELL_STOPS = {">", ">>", "<", "|", "&&", ";", "2>", "2>&1"}


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def code_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```[^\n]*\n(.*?)^```", markdown, flags=re.M | re.S)


def command_lines(text: str) -> list[str]:
    """The `consult …` command lines of a text (a code block or an epilog), continuation lines
    (ending in a backslash) joined."""
    lines, current = [], ""
    for raw in text.splitlines():
        line = raw.strip()
        if current:
            current += " " + line
        elif line.startswith(("consult ", "$ consult ")) or line in ("consult", "$ consult"):
            current = line.removeprefix("$ ")
        else:
            continue
        if current.endswith("\\"):
            current = current[:-1].rstrip()
        else:
            lines.append(current)
            current = ""
    return lines


def arguments(line: str) -> list[str]:
    """The arguments `consult` gets from a shell line (up to a redirection or a pipe)."""
    words = shlex.split(line, comments=True)
    assert words[0] == "consult", line
    out = []
    for word in words[1:]:
        if word in SHELL_STOPS or word.startswith((">", "2>")):
            break
        out.append(word)
    return out


def guide_examples(path: Path) -> list[str]:
    return [line for block in code_blocks(path.read_text("utf-8")) for line in command_lines(block)]


def parses(parser: argparse.ArgumentParser, line: str) -> argparse.Namespace:
    try:
        return parser.parse_args(arguments(line))
    except SystemExit as e:  # argparse's way of saying "bad usage"
        raise AssertionError(f"does not parse: {line}") from e


def missing_from_guide(parser: argparse.ArgumentParser, guide: str) -> list[str]:
    """The commands of `parser` that `guide` (Markdown) has no heading and no example for."""
    examples = set()
    for block in code_blocks(guide):
        for line in command_lines(block):
            try:
                examples.add(parser.parse_args(arguments(line)).command)
            except SystemExit:
                pass  # reported by test_every_example_in_the_guides_parses
    headings = set(re.findall(r"^#+\s+`?consult ([a-z-]+)`?\s*$", guide, flags=re.M))
    return [name for name in subcommands(parser) if name not in examples or name not in headings]


def options_without_help(parser: argparse.ArgumentParser) -> list[str]:
    missing = []
    for name, sub in {"consult": parser, **subcommands(parser)}.items():
        if not (sub.description or "").strip():
            missing.append(f"{name}: no description")
        for action in sub._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            if not (action.help or "").strip() or action.help == argparse.SUPPRESS:
                missing.append(f"{name} {'/'.join(action.option_strings) or action.dest}")
    return missing


# -- (a) every command is in both guides ------------------------------------------------------


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_every_command_has_a_heading_and_an_example_in_the_guide(guide: Path) -> None:
    assert missing_from_guide(build_parser(), guide.read_text("utf-8")) == []


def undocumented_options(parser: argparse.ArgumentParser, guide: str) -> list[str]:
    """The options of each command that its section of `guide` (from its `consult <name>`
    heading to the next heading) does not name; the global ones are explained once, above."""
    sections = dict(
        re.findall(r"^#+\s+`?consult ([a-z-]+)`?\s*\n(.*?)(?=^#|\Z)", guide, flags=re.M | re.S)
    )
    shared = {"-h", "--help", "--db", "--allow-risky-location"}
    missing = []
    for name, sub in subcommands(parser).items():
        for action in sub._actions:
            for option in action.option_strings:
                if option not in shared and f"`{option}" not in sections.get(name, ""):
                    missing.append(f"{name} {option}")
    return missing


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_every_option_of_every_command_is_in_its_section_of_the_guide(guide: Path) -> None:
    assert undocumented_options(build_parser(), guide.read_text("utf-8")) == []


def test_a_command_missing_from_the_guide_is_reported() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    sub.add_parser("frobnicate", help="a command no guide mentions")
    for guide in GUIDES:
        assert missing_from_guide(parser, guide.read_text("utf-8")) == ["frobnicate"]


# -- (b) every option has a help text, every command a description ----------------------------


def test_every_option_has_a_help_text_and_every_command_a_description() -> None:
    assert options_without_help(build_parser()) == []


def test_an_option_without_help_is_reported() -> None:
    parser = build_parser()
    subcommands(parser)["list"].add_argument("--undocumented", action="store_true")
    assert options_without_help(parser) == ["list --undocumented"]
    for guide in GUIDES:
        assert undocumented_options(parser, guide.read_text("utf-8")) == ["list --undocumented"]


def test_help_renders_for_the_command_and_every_subcommand() -> None:
    parser = build_parser()
    assert "docs/user-guide.md" in parser.format_help()
    for name, sub in subcommands(parser).items():
        text = sub.format_help()
        assert f"consult {name}" in text and "example" in text, name


# -- (c) every picture linked from the guides exists ------------------------------------------


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_every_image_in_the_guide_exists(guide: Path) -> None:
    images = re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", guide.read_text("utf-8"))
    assert len(images) >= 8, "the guide shows the window"
    missing = [image for image in images if not (guide.parent / image).is_file()]
    assert missing == []


def test_the_chinese_guide_shows_the_chinese_screenshots() -> None:
    text = GUIDES[1].read_text("utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", text)
    assert images and all(image.startswith("screenshots/zh_CN/") for image in images)


# -- (d) every example parses -----------------------------------------------------------------


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_every_example_in_the_guides_parses(guide: Path) -> None:
    parser = build_parser()
    examples = guide_examples(guide)
    assert len(examples) >= len(subcommands(parser))
    for line in examples:
        parses(parser, line)


def test_every_example_in_the_help_parses() -> None:
    parser = build_parser()
    found = command_lines(parser.epilog or "")
    for name, sub in subcommands(parser).items():
        lines = command_lines(sub.epilog or "")
        assert lines, f"consult {name} --help has no example"
        for line in lines:
            assert parses(parser, line).command == name, line
        found += lines
    for line in found:
        parses(parser, line)


def test_a_broken_example_is_caught() -> None:
    parser = build_parser()
    with pytest.raises(AssertionError, match="does not parse"):
        parses(parser, "consult diff only-one-side --format pdf")
    lines = command_lines("```\nconsult new --title T \\\n    --kind motion > id.txt\n```")
    assert lines == ["consult new --title T --kind motion > id.txt"]
    assert parses(parser, lines[0]).command == "new"
