"""`consult export` and `consult import`, added to the command line by `add_commands`.

consult/cli.py's build_parser() calls `add_commands(command)` with its `command(name, run,
help_text)` helper. Errors are raised as ConsultError, which `cli.main` turns into one line on
stderr and exit status 1.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from consult.errors import InvalidInput, LibraryError
from consult.i18n import ntr, tr
from consult.markdown_io.exporter import export_proposals
from consult.markdown_io.importer import Outcome, import_paths

Command = Callable[..., Any]  # consult.cli's command(name, run, help, *, epilog=None)


def add_commands(command: Command) -> None:
    """Add `export` and `import` through cli.build_parser's `command` helper."""
    p = command(
        "export",
        cmd_export,
        "write proposals as Markdown files with front matter",
        epilog="examples:\n"
        "  consult export 88f9 q07k --out ~/circulate\n"
        "  consult export --all --history --out ~/archive",
    )
    p.add_argument("ids", nargs="*", metavar="ID", help="the proposals (ids or id prefixes)")
    p.add_argument("--all", action="store_true", help="every proposal not in the trash")
    p.add_argument("--out", required=True, metavar="DIR", help="the folder (made if missing)")
    p.add_argument(
        "--history", action="store_true", help="every version too, in DIR/<title>/v1.md …"
    )
    p.add_argument(
        "--overwrite",
        action="store_true",
        help="replace files of the same name (default: keep them, name ours “title (2).md”)",
    )

    p = command(
        "import",
        cmd_import,
        "import Markdown / text files and folders (recursive); a file exported from this "
        "library adds a version to its proposal",
        epilog="examples:\n"
        "  consult import ~/circulate/\n"
        "  consult import 旧稿.txt --encoding big5",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help=".md / .txt files, or folders")
    p.add_argument(
        "--encoding",
        metavar="NAME",
        help="the encoding of files that are not UTF-8 (e.g. big5, latin-1); "
        "by default GB18030 / GBK is recognised and other encodings refused",
    )


def cmd_export(args: argparse.Namespace) -> int:
    from consult.cli import _open  # here, not above: cli imports this module

    if args.all == bool(args.ids):
        raise InvalidInput(tr("Give the ids of the proposals to export, or --all (not both)"))
    with _open(args) as library:
        ids = None if args.all else [library.resolve(ref) for ref in args.ids]
        report = export_proposals(
            library, args.out, ids, history=args.history, overwrite=args.overwrite
        )
    for line in report.lines():
        print(line)
    if report.stopped:
        raise LibraryError(report.stopped)
    if report.failed:
        raise LibraryError(
            ntr(
                "{count} proposal could not be exported; see above",
                "{count} proposals could not be exported; see above",
                len(report.failed),
            )
        )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from consult.cli import _open

    with _open(args, write=True) as library:
        report = import_paths(library, args.paths, encoding=args.encoding)
    for line in report.lines():
        print(line)
    if report.stopped:
        raise LibraryError(tr("Import stopped: {reason}", reason=report.stopped))
    if report.done == 0:
        failed = report.of(Outcome.FAILED)
        if len(failed) > 1:
            raise InvalidInput(
                tr(
                    "Nothing imported: {reason} (and {count} more; see above)",
                    reason=failed[0].message,
                    count=len(failed) - 1,
                )
            )
        if failed:
            raise InvalidInput(tr("Nothing imported: {reason}", reason=failed[0].message))
        raise InvalidInput(tr("Nothing imported: no .md or .txt files found"))
    return 0
