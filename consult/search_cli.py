"""`consult search QUERY` and `consult related ID`: the commands, for consult/cli.py to add.

    consult search QUERY… [--json] [--limit N]   ranked hits: id, title, snippet («hit»)
    consult related ID [--json] [--limit N]      the most similar proposals: id, title, score

Helpers are imported from consult.cli when a command runs, so that consult.cli can import
this module at its top without an import cycle.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from consult.i18n import display_width, pad, tr

Command = Callable[..., Any]  # consult.cli's command(name, run, help, *, epilog=None)


def add_commands(command: Command) -> None:
    """Add `search` and `related` through consult.cli's `command(name, run, help)` helper."""
    p = command(
        "search",
        cmd_search,
        "full-text search of titles, bodies and tags, best match first",
        epilog="examples:\n  consult search 深度合成 声音\n  consult search copyright --limit 5 --json",
    )
    p.add_argument(
        "query", nargs="+", metavar="QUERY", help="words to find (every word must appear)"
    )
    p.add_argument(
        "--limit", type=_positive, default=20, metavar="N", help="at most N hits (default 20)"
    )
    p.add_argument(
        "--json", action="store_true", help="print a JSON list of objects (id, title, snippet)"
    )

    p = command(
        "related",
        cmd_related,
        "the proposals most similar to one, most similar first",
        epilog="example:\n  consult related 88f9 --limit 3",
    )
    p.add_argument("ref", metavar="ID", help="the proposal")
    p.add_argument(
        "--limit",
        type=_positive,
        default=10,
        metavar="N",
        help="at most N proposals (default 10)",
    )
    p.add_argument(
        "--json", action="store_true", help="print a JSON list of objects (id, title, score)"
    )


def cmd_search(args: argparse.Namespace) -> int:
    from consult.cli import _open, _print_json
    from consult.search import search, search_notice

    query = " ".join(args.query)
    with _open(args) as lib:
        notice = search_notice(lib)
        hits = search(lib, query, limit=args.limit)
    if notice:
        print(tr("consult: note: {note}", note=notice), file=sys.stderr)
    if args.json:
        _print_json(
            [{"id": h.id, "title": h.title, "snippet": h.snippet, "score": h.score} for h in hits]
        )
        return 0
    if not hits:
        print(tr("No proposals match “{query}”.", query=query))
        return 0
    for hit in hits:
        print(f"{hit.id}  {hit.title}")
        print(f"            {hit.snippet}")
    return 0


def cmd_related(args: argparse.Namespace) -> int:
    from consult.cli import _open, _print_json
    from consult.related import related

    with _open(args) as lib:
        proposal_id = lib.resolve(args.ref)
        found = related(lib, proposal_id, limit=args.limit)
    if args.json:
        _print_json([{"id": r.id, "title": r.title, "score": r.score} for r in found])
        return 0
    if not found:
        print(tr("No related proposals."))
        return 0
    score, ident = tr("SCORE"), tr("ID")
    widths = max(5, display_width(score)), max(10, display_width(ident))
    print(f"{pad(score, -widths[0])}  {pad(ident, widths[1])}  {tr('TITLE')}")
    for r in found:
        print(f"{r.score:{widths[0]}.2f}  {r.id:<{widths[1]}}  {r.title}")
    return 0


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(tr("“{text}” is not a number from 1", text=text))
    return int(text)
