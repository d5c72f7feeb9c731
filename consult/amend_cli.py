"""`consult amend`: amendment instructions drafted from two texts, or applied to one.

    consult amend OLD NEW [--lang zh|en] [--format text|markdown] [--out FILE]
    consult amend --apply BASE INSTRUCTIONS.md [--out FILE]

OLD, NEW and BASE are files, `ID` or `ID@N` (consult.compare.sides); the written form of the
instructions is described in docs/amendments.md. Helpers are imported from consult.cli when
the command runs, so that consult.cli can import this module without an import cycle.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from consult.errors import InvalidInput
from consult.i18n import ntr, tr

Command = Callable[..., Any]  # consult.cli's command(name, run, help, *, epilog=None)

USAGE = (
    "consult amend OLD NEW [--lang {zh,en}] [--format {text,markdown}] [--out FILE]\n"
    "       consult amend --apply BASE INSTRUCTIONS [--out FILE]"
)


def add_commands(command: Command) -> None:
    """Add `amend` through consult.cli's `command(name, run, help, *, epilog)` helper."""
    p = command(
        "amend",
        cmd_amend,
        "draft the amendment instructions that turn OLD into NEW (将第十条修改为：…), "
        "or, with --apply, apply instructions to a text and print the consolidated text",
        epilog="The written form of the instructions: docs/amendments.md.\n\n"
        "examples:\n"
        "  consult amend 著作权法-2010.md 著作权法-2020.md\n"
        "  consult amend 5evv@1 5evv --lang en --format markdown --out amendment.md\n"
        "  consult amend --apply 著作权法-2010.md 修改决定.md --out 著作权法-修正.md",
    )
    p.usage = USAGE
    p.add_argument(
        "first",
        metavar="OLD",
        help="the text before the amendment: a file, ID or ID@N (with --apply: BASE, the "
        "text to amend)",
    )
    p.add_argument(
        "second",
        metavar="NEW",
        help="the amended text: a file, ID or ID@N (with --apply: INSTRUCTIONS, the file of "
        "instructions, '-' for standard input)",
    )
    p.add_argument(
        "--apply",
        action="store_true",
        help="apply the instructions in the second file to the first text and print the "
        "consolidated text",
    )
    p.add_argument(
        "--lang",
        choices=["zh", "en"],
        help="the language of the instructions (default: zh when the texts are Chinese, else en)",
    )
    p.add_argument(
        "--format",
        choices=["text", "markdown"],
        help="text (default): the instructions as plain lines; markdown: with a title, "
        "ready to circulate",
    )
    p.add_argument(
        "--out",
        metavar="FILE",
        help="write to FILE (replaced as a whole, never half-written) instead of printing",
    )
    p.set_defaults(amend_parser=p)


def cmd_amend(args: argparse.Namespace) -> int:
    if args.apply:
        given = [f"--{name}" for name in ("lang", "format") if getattr(args, name) is not None]
        if given:
            # argparse's way: usage and the reason on stderr, exit status 2.
            args.amend_parser.error(
                tr("{options} cannot be used with --apply", options=" ".join(given))
            )
        text = _apply(args)
    else:
        text = _draft(args)
    if not text.endswith("\n"):
        text += "\n"
    if args.out:
        from consult.markdown_io.atomic import write_atomic

        write_atomic(Path(args.out).expanduser(), text, replace=True)
        print(tr("Written to {path}", path=args.out))
    else:
        sys.stdout.write(text)
    return 0


def _draft(args: argparse.Namespace) -> str:
    from consult.cli import _open
    from consult.compare.sides import load_sides

    old, new = load_sides(args.first, args.second, lambda: _open(args))
    for which, side in (("OLD", old), ("NEW", new)):
        require_articles(side.text, which, side.name)
    from consult.compare.amendments import draft_amendment  # the drafting engine: when used
    from consult.compare.instruction_writer import render, title_for

    lang = args.lang or default_lang(old.text, new.text)
    amendment = draft_amendment(old.text, new.text, lang=lang)
    if amendment.outside:
        print(outside_note(amendment.outside), file=sys.stderr)
    title = None
    if args.format == "markdown":
        title = title_for(amendment.lang, old.name, new.name)
    return render(amendment, format=args.format or "text", title=title)


def outside_note(outside: list[str], shown: int = 3) -> str:
    """What changed outside the articles and headings (title, preamble, enactment history,
    table of contents): instructions do not amend it."""
    names = "; ".join(outside[:shown]) + ("; …" if len(outside) > shown else "")
    return ntr(
        "note: {count} change outside the articles and headings is not in the instructions "
        "(title, preamble, table of contents): {names}",
        "note: {count} changes outside the articles and headings are not in the instructions "
        "(title, preamble, table of contents): {names}",
        count=len(outside),
        names=names,
    )


def _apply(args: argparse.Namespace) -> str:
    from consult.cli import _open
    from consult.compare.sides import load_side
    from consult.markdown_io.text_file import read_document

    base = load_side(args.first, "BASE", lambda: _open(args))
    require_articles(base.text, "BASE", base.name)
    instructions = read_document(args.second).text  # GB18030 / UTF-16 read too
    from consult.compare.consolidate import apply_instructions

    return apply_instructions(base.text, instructions)


def default_lang(old: str, new: str) -> str:
    """ "zh" when the texts are Chinese, else "en": the language instructions are drafted in
    when none is asked for."""
    from consult.compare.text import is_cjk  # the compare package: only when the command runs

    return "zh" if is_cjk(new or old) else "en"


def has_articles(text: str) -> bool:
    """Whether `text` has numbered articles (第X条, Article N, Sec. N …) to amend."""
    from consult.compare.structure import units
    from consult.compare.text import prepare

    return any(unit.kind == "article" for unit in units(prepare(text), by_article=True))


def require_articles(text: str, which: str, name: str) -> None:
    """InvalidInput unless `text` has numbered articles: instructions name articles."""
    if not has_articles(text):
        raise InvalidInput(
            tr(
                "{argument} “{name}” has no numbered articles (第一条, Article 1 …); "
                "amendment instructions name articles",
                argument=which,
                name=name,
            )
        )
