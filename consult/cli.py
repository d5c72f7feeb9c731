"""The `consult` command: the library from the shell, for scripts, batch work and tests.

Exit status: 0 success, 1 a user error (one line on stderr, no traceback), 2 bad usage.
With no command it starts the desktop app.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from consult import clock
from consult.cli_help import HelpFormatter
from consult.errors import ConsultError, InvalidInput
from consult.i18n import N_, display_width, install_argparse, join, language, ntr, pad, tr
from consult.library import Library
from consult.markdown_io.text_file import read_text
from consult.model import Kind, Proposal, Status, Version, VersionInfo, value_name
from consult.paths import default_library_path
from consult.storage.connection import translate_error
from consult.tags import tag_key

KINDS = [k.value for k in Kind]
STATUSES = [s.value for s in Status]
# Why a backup was made (consult.backups.REASONS), as `consult backup --list` shows it.
BACKUP_REASONS = {
    "open": N_("open"),
    "periodic": N_("periodic"),
    "migration": N_("migration"),
    "manual": N_("manual"),
    "before-restore": N_("before-restore"),
}


def main(argv: Sequence[str] | None = None) -> int:
    install_argparse()  # argparse's errors and help words in the user's language too
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return _start_app(args)
    try:
        return int(args.run(args) or 0)
    except ConsultError as e:
        return _fail(str(e))
    except sqlite3.Error as e:
        return _fail(str(translate_error(e, getattr(args, "db", None))))
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (`consult list | head`): not an error
        return 0
    except KeyboardInterrupt:
        return _fail(tr("interrupted; nothing half-written (each save is one transaction)"), 130)


def build_parser() -> argparse.ArgumentParser:
    # --db is accepted before or after the command: `consult --db X list` or `consult list --db X`.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the library file (default: $CONSULT_DB, else the app's data folder)",
    )
    common.add_argument(
        "--allow-risky-location",
        action="store_true",
        default=argparse.SUPPRESS,
        help="change a library on a network drive or in a cloud-synced folder all the same "
        "(such places can corrupt it; without this option it is only read)",
    )
    parser = argparse.ArgumentParser(
        prog="consult",
        parents=[common],
        formatter_class=HelpFormatter,
        description="Draft, tag, version and compare legislative proposals. "
        "With no command, starts the desktop app.",
        epilog="""\
ID is a proposal's id or any unique prefix of four or more characters; ID@N is its version N.
Exit status: 0 success, 1 a user error (one line on stderr), 2 bad usage.
'consult COMMAND --help' describes a command. The user guide:
  docs/user-guide.md (English), docs/user-guide.zh_CN.md (中文)

examples:
  consult --db demo.consult init --demo
  consult list --tag AI/copyright
  consult diff 5evv 5npa --format markdown --same-as-left > table.md""",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    def command(
        name: str,
        run: Callable[[argparse.Namespace], int | None],
        text: str,
        *,
        epilog: str | None = None,
    ):
        p = sub.add_parser(
            name,
            parents=[common],
            help=text,
            description=text,
            epilog=epilog,
            formatter_class=HelpFormatter,
        )
        p.set_defaults(run=run)
        return p

    p = command(
        "init",
        cmd_init,
        "create the library (with --demo, the demo proposals)",
        epilog="example:\n  consult --db ~/drafts.consult init --demo",
    )
    p.add_argument(
        "--demo", action="store_true", help="add the demo proposals (only into an empty library)"
    )

    p = command(
        "new",
        cmd_new,
        "create a proposal; prints its id",
        epilog="example:\n"
        '  consult new --title "关于加强声音权益保护的建议" --kind suggestion \\\n'
        "      --tag AI/deepfake --cosigner 王某 --cosigner 李某 --file draft.md",
    )
    p.add_argument("--title", required=True, help="the title")
    p.add_argument("--kind", required=True, choices=KINDS, help="what kind of text it is")
    p.add_argument(
        "--status", choices=STATUSES, default="draft", help="its status (default: draft)"
    )
    p.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="TAG",
        help="a tag (repeatable; AI/copyright nests)",
    )
    p.add_argument("--file", metavar="BODY.md", help="the body (UTF-8; '-' reads stdin)")
    p.add_argument("--label", default="", help="label of the first version")
    _metadata_options(p)

    p = command(
        "list",
        cmd_list,
        "list proposals, most recently updated first",
        epilog="example:\n  consult list --tag AI --kind motion --status draft --json",
    )
    p.add_argument("--tag", help="only with this tag (or one below it)")
    p.add_argument("--kind", choices=KINDS, help="only of this kind")
    p.add_argument("--status", choices=STATUSES, help="only with this status")
    p.add_argument("--session", help="only of this session (as written in the proposals)")
    p.add_argument("--trash", action="store_true", help="list the trash instead")
    p.add_argument("--json", action="store_true", help="print a JSON list of objects")

    p = command(
        "show",
        cmd_show,
        "show a proposal (ID, or ID@N for version N)",
        epilog="example:\n  consult show 88f9@2",
    )
    p.add_argument("ref", metavar="ID[@N]", help="the proposal, at its latest version or at N")
    p.add_argument("--json", action="store_true", help="print a JSON object (with the body)")

    p = command(
        "edit",
        cmd_edit,
        "save a new version from a file and/or new metadata",
        epilog="example:\n"
        '  consult edit 88f9 --file draft.md --label "after committee comments" --status ready',
    )
    p.add_argument("ref", metavar="ID", help="the proposal")
    p.add_argument("--file", metavar="BODY.md", help="the new body (UTF-8; '-' reads stdin)")
    p.add_argument("--label", default="", help="label of the new version")
    p.add_argument("--title", help="a new title")
    p.add_argument("--kind", choices=KINDS, help="a new kind")
    p.add_argument("--status", choices=STATUSES, help="a new status")
    _metadata_options(p)

    p = command(
        "versions",
        cmd_versions,
        "list a proposal's versions: number, time, size, size of change, label",
        epilog="example:\n  consult versions 88f9",
    )
    p.add_argument("ref", metavar="ID", help="the proposal")
    p.add_argument("--json", action="store_true", help="print a JSON list of objects")

    p = command(
        "tag",
        cmd_tag,
        "add or remove tags of a proposal; prints its tags",
        epilog="example:\n  consult tag 88f9 --add AI/copyright --add 著作权 --remove draft-ideas",
    )
    p.add_argument("ref", metavar="ID", help="the proposal")
    p.add_argument(
        "--add", action="append", default=[], metavar="TAG", help="a tag to add (repeatable)"
    )
    p.add_argument(
        "--remove",
        action="append",
        default=[],
        metavar="TAG",
        help="a tag to remove (repeatable)",
    )

    p = command(
        "diff",
        cmd_diff,
        "compare two texts: files, ID (latest version) or ID@N",
        epilog="examples:\n"
        "  consult diff 88f9@1 88f9\n"
        "  consult diff 5evv 5npa --by article --format html --same-as-left > table.html\n"
        "  consult diff old.md new.md --format json",
    )
    p.add_argument("old", metavar="OLD", help="the old text: a file, ID or ID@N")
    p.add_argument("new", metavar="NEW", help="the new text: a file, ID or ID@N")
    p.add_argument(
        "--by",
        choices=["auto", "article", "paragraph"],
        default="auto",
        help="align article by article, or paragraph by paragraph (default auto: by article "
        "when both texts are law-like)",
    )
    p.add_argument(
        "--granularity",
        choices=["auto", "char", "word", "paragraph"],
        default="auto",
        help="how finely changes are marked (default auto: characters for Chinese, words "
        "for other languages)",
    )
    p.add_argument(
        "--format",
        choices=["text", "json", "markdown", "html"],
        default="text",
        help="text (default), json, or the before/after table in markdown or html",
    )
    p.add_argument(
        "--same-as-left",
        action="store_true",
        help="in markdown / html, show unchanged articles as 同左 / Unchanged",
    )
    p.add_argument(
        "--ignore-width", action="store_true", help="treat ， and , (full / half width) as equal"
    )
    p.add_argument(
        "--keep-whitespace", action="store_true", help="count whitespace differences as changes"
    )
    p.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour the text format's changes (default auto: when writing to a terminal)",
    )

    p = command(
        "backup",
        cmd_backup,
        "write a verified copy of the library, list its backups, or restore one",
        epilog="examples:\n"
        "  consult backup\n"
        "  consult backup /media/usb/\n"
        "  consult backup --list\n"
        "  consult backup --restore latest",
    )
    p.add_argument(
        "dest",
        metavar="DEST",
        nargs="?",
        help="a new file, or a folder to put it in (default: the library's backups folder)",
    )
    what = p.add_mutually_exclusive_group()
    what.add_argument(
        "--list", action="store_true", help="list the library's backups, newest first"
    )
    what.add_argument(
        "--restore",
        metavar="BACKUP",
        help="replace the library's content with BACKUP (a file, or 'latest'); the content it "
        "replaces is backed up first",
    )
    p.add_argument("--json", action="store_true", help="with --list: as JSON")

    p = command(
        "salvage",
        cmd_salvage,
        "save every proposal still readable in a damaged library as Markdown files",
        epilog="The damaged library is not changed.\n\nexample:\n  consult salvage --out ~/rescued",
    )
    p.add_argument("--out", required=True, metavar="DIR", help="the folder to write them to")

    command(
        "check",
        cmd_check,
        "check the library's integrity and every version's SHA-256",
        epilog="Exit status 1 when a problem is found.\n\nexample:\n  consult check",
    )

    from consult import search_cli  # imports this module's helpers: loaded here, not above

    search_cli.add_commands(command)
    from consult import amend_cli

    amend_cli.add_commands(command)
    from consult.markdown_io.commands import add_commands as add_markdown_commands

    add_markdown_commands(command)
    return parser


def _metadata_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--session", help='the session, e.g. "14th NPC, 3rd session"')
    p.add_argument(
        "--sponsor",
        action="append",
        metavar="NAME",
        help="a sponsor (repeatable; the names given replace the old ones)",
    )
    p.add_argument(
        "--cosigner",
        action="append",
        metavar="NAME",
        help="a co-signer (repeatable; the names given replace the old ones)",
    )


# -- commands ---------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    from consult.demo import load_demo

    path = _db_path(args)
    _check_location(args, write=True)
    with Library.open(path, create=True) as lib:
        if args.demo:
            lib.require_healthy()
            if lib.count():
                raise InvalidInput(
                    tr(
                        "The library at {path} already has proposals; the demo goes into a new "
                        "library",
                        path=path,
                    )
                )
            # in the language of the messages, as the window's first start makes it
            ids = load_demo(lib, lang="zh" if language().startswith("zh") else "en")
            print(
                ntr(
                    "Created the demo library at {path} ({count} proposal)",
                    "Created the demo library at {path} ({count} proposals)",
                    len(ids),
                    path=path,
                )
            )
        else:
            print(
                ntr(
                    "Library ready at {path} ({count} proposal)",
                    "Library ready at {path} ({count} proposals)",
                    lib.count(),
                    path=path,
                )
            )
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    body = read_text(args.file) if args.file else ""
    with _open(args, write=True) as lib:
        proposal = lib.create_proposal(
            args.title,
            args.kind,
            body,
            status=args.status,
            sponsors=args.sponsor or (),
            cosigners=args.cosigner or (),
            session=args.session or "",
            tags=args.tag,
            label=args.label,
        )
    print(proposal.id)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        proposals = lib.list_proposals(
            tag=args.tag,
            kind=args.kind,
            status=args.status,
            session=args.session,
            trashed=args.trash,
        )
    if args.json:
        _print_json([_proposal_json(p) for p in proposals])
        return 0
    if not proposals:
        filtered = args.tag or args.kind or args.status
        print(tr("No proposals match.") if filtered else tr("No proposals."))
        return 0
    heads = [tr("ID"), tr("KIND"), tr("STATUS"), tr("VER"), tr("UPDATED")]
    w = [max(n, display_width(h)) for n, h in zip((10, 10, 9, 3, 16), heads, strict=True)]
    print(
        f"{pad(heads[0], w[0])}  {pad(heads[1], w[1])}  {pad(heads[2], w[2])}  "
        f"{pad(heads[3], -w[3])}  {pad(heads[4], w[4])}  {tr('TITLE')}"
    )
    for p in proposals:
        tags = f"  [{join(p.tags)}]" if p.tags else ""
        kind, status = _name("kind", p.kind.value), _name("status", p.status.value)
        print(
            f"{p.id:<{w[0]}}  {pad(kind, w[1])}  {pad(status, w[2])}  "
            f"{p.versions:>{w[3]}}  {_when(p.updated):<{w[4]}}  {p.title}{tags}"
        )
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        proposal_id, number = _parse_ref(lib, args.ref)
        proposal = lib.get(proposal_id)
        version = lib.version(proposal_id, number)
    if args.json:
        _print_json(_show_json(proposal, version))
        return 0
    c = version.content
    values = {
        "id": proposal.id,
        "kind": _name("kind", c.kind.value),
        "status": _name("status", c.status.value),
        "number": version.number,
        "count": proposal.versions,
        "when": _when(version.info.created),
    }
    lines = [
        c.title,
        tr("id {id} · {kind} · {status} · version {number} of {count} · {when}", **values)
        if version.number == proposal.version
        else tr(
            "id {id} · {kind} · {status} · version {number} of {count} (latest is {latest}) · "
            "{when}",
            latest=proposal.version,
            **values,
        ),
    ]
    if version.info.label:
        lines.append(tr("label: {label}", label=version.info.label))
    if c.session:
        lines.append(tr("session: {session}", session=c.session))
    if c.sponsors:
        lines.append(tr("sponsors: {names}", names=join(c.sponsors)))
    if c.cosigners:
        lines.append(
            tr("co-signers ({count}): {names}", count=len(c.cosigners), names=join(c.cosigners))
        )
    if proposal.tags:
        lines.append(tr("tags: {tags}", tags=join(proposal.tags)))
    if c.base:
        at = f"@{c.base.version}" if c.base.version else ""
        lines.append(tr("base: {ref}", ref=f"{c.base.proposal_id}{at}"))
    if proposal.trashed:
        lines.append(tr("in the trash since {when}", when=_when(proposal.trashed)))
    lines.append(f"sha256: {version.info.sha256}")
    print("\n".join(lines))
    print()
    sys.stdout.write(c.body if c.body.endswith("\n") or not c.body else c.body + "\n")
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    changes: dict[str, Any] = {
        key: getattr(args, key)
        for key in ("title", "kind", "status", "session")
        if getattr(args, key) is not None
    }
    if args.sponsor is not None:
        changes["sponsors"] = args.sponsor
    if args.cosigner is not None:
        changes["cosigners"] = args.cosigner
    if args.file is None and not changes:
        raise InvalidInput(
            tr("Nothing to save: give --file and/or new metadata (--title, --status …)")
        )
    if args.file is not None:
        changes["body"] = read_text(args.file)
    with _open(args, write=True) as lib:
        proposal_id = lib.resolve(args.ref)
        result = lib.edit(proposal_id, label=args.label, **changes)
    if result.created:
        print(tr("Saved version {number} of {id}", number=result.version.number, id=proposal_id))
    else:
        print(
            tr(
                "No changes; {id} stays at version {number}",
                id=proposal_id,
                number=result.version.number,
            )
        )
    return 0


def cmd_versions(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        proposal_id = lib.resolve(args.ref)
        versions = lib.versions(proposal_id)
    if args.json:
        _print_json([_version_json(v) for v in versions])
        return 0
    heads = [tr("N"), tr("SAVED"), tr("SIZE"), tr("CHANGE")]
    w = [max(n, display_width(h)) for n, h in zip((3, 16, 7, 7), heads, strict=True)]
    print(
        f"{pad(heads[0], -w[0])}  {pad(heads[1], w[1])}  {pad(heads[2], -w[2])}  "
        f"{pad(heads[3], -w[3])}  {tr('LABEL')}"
    )
    for v in versions:
        print(
            f"{v.number:>{w[0]}}  {_when(v.created):<{w[1]}}  {v.size:>{w[2]}}  "
            f"{v.change:>{w[3]}}  {v.label}"
        )
    return 0


def cmd_tag(args: argparse.Namespace) -> int:
    if not args.add and not args.remove:
        raise InvalidInput(tr("Give --add TAG and/or --remove TAG"))
    with _open(args, write=True) as lib:
        proposal_id = lib.resolve(args.ref)
        current = {t.casefold() for t in lib.get(proposal_id).tags}
        missing = [t for t in args.remove if tag_key(t) not in current]
        if args.remove:
            lib.remove_tags(proposal_id, args.remove)
        tags = lib.add_tags(proposal_id, args.add) if args.add else lib.get(proposal_id).tags
    for name in missing:
        note = tr("{id} was not tagged “{tag}”", id=proposal_id, tag=name)
        print(tr("consult: note: {note}", note=note), file=sys.stderr)
    print(join(tags) if tags else tr("(no tags)"))
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from consult.compare import compare_texts, report
    from consult.compare.sides import load_sides

    old, new = load_sides(args.old, args.new, lambda: _open(args))
    comparison = compare_texts(
        old.text,
        new.text,
        by=args.by,
        granularity=args.granularity,
        ignore_whitespace=not args.keep_whitespace,
        ignore_width=args.ignore_width,
    )
    metadata = (
        report.compare_metadata(old.metadata, new.metadata)
        if old.metadata is not None and new.metadata is not None
        else None
    )
    title = f"{old.name} → {new.name}"
    if args.format == "json":
        _print_json(report.to_json(comparison, metadata))
    elif args.format == "markdown":
        sys.stdout.write(
            report.to_markdown(
                comparison, same_as_left=args.same_as_left, title=title, metadata=metadata
            )
        )
    elif args.format == "html":
        sys.stdout.write(
            report.to_html(
                comparison, same_as_left=args.same_as_left, title=title, metadata=metadata
            )
        )
    else:
        color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
        sys.stdout.write(report.to_text(comparison, color=color, metadata=metadata))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from consult import backups

    path = _db_path(args)
    if args.dest is not None and (args.list or args.restore):
        raise InvalidInput(tr("Give DEST to make a backup, or --list, or --restore (one of them)"))
    if args.list:
        found = backups.list_backups(path)
        if args.json:
            _print_json([_backup_json(b) for b in found])
        elif not found:
            print(
                tr(
                    "No backups of {path} yet (they are kept in {folder})",
                    path=path,
                    folder=backups.backup_folder(path),
                )
            )
        for b in [] if args.json else found:
            reason = pad(tr(BACKUP_REASONS.get(b.reason, b.reason)), 14)
            print(f"{_when(b.created.isoformat())}  {reason} {b.size:>12,}  {b.path}")
        return 0
    if args.restore:
        _check_location(args, write=True)
        return _restore(path, args.restore)
    if args.dest is None:
        with _open(args) as lib:
            info = backups.make_backup(path, "manual", source=lib.db.conn)
        dest = info.path
    else:
        with _open(args) as lib:
            dest = lib.backup(Path(args.dest))
    print(tr("Backup written to {path} (integrity check passed)", path=dest))
    return 0


def _restore(path: Path, which: str) -> int:
    from consult import backups

    if which == "latest":
        found = backups.list_backups(path)
        if not found:
            raise InvalidInput(tr("There are no backups of {path} to restore", path=path))
        source = found[0].path
    else:
        source = Path(which).expanduser()
        if not source.is_file():
            raise InvalidInput(tr("No backup file at {path}", path=source))
    kept = backups.restore(path, source)
    print(tr("Restored {path} from {backup}", path=path, backup=source))
    if kept is not None:
        print(tr("The library as it was is kept in {path}", path=kept))
    return 0


def _backup_json(b: Any) -> dict[str, Any]:
    return {
        "path": str(b.path),
        "created": b.created.isoformat().replace("+00:00", "Z"),
        "reason": b.reason,
        "size": b.size,
    }


def cmd_salvage(args: argparse.Namespace) -> int:
    from consult.salvage import salvage

    report = salvage(_db_path(args), Path(args.out))
    for line in report.lines():
        print(line)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        problems, verified = lib.check()
        proposals = lib.db.execute("SELECT count(*) FROM proposals").fetchone()[0]
    if problems:
        for problem in problems:
            print(tr("problem: {problem}", problem=problem))
        return _fail(
            ntr(
                "{count} problem found in {path}; see above. Restore it from a backup "
                "('consult backup --list', then '--restore') or save what is readable with "
                "'consult salvage --out DIR'",
                "{count} problems found in {path}; see above. Restore it from a backup "
                "('consult backup --list', then '--restore') or save what is readable with "
                "'consult salvage --out DIR'",
                len(problems),
                path=_db_path(args),
            )
        )
    print(
        tr(
            "ok: {proposals}, {versions} read back and verified",
            proposals=ntr("{count} proposal", "{count} proposals", proposals),
            versions=ntr("{count} version", "{count} versions", verified),
        )
    )
    return 0


# -- helpers ----------------------------------------------------------------------------------


def _db_path(args: argparse.Namespace) -> Path:
    given = getattr(args, "db", None)
    return Path(given).expanduser() if given else default_library_path()


def _open(args: argparse.Namespace, *, write: bool = False) -> Library:
    """The library of `args`; with `write`, only once SQLite's quick_check finds it sound, so
    that a change is never written into a damaged file, and, in a risky place, only when
    --allow-risky-location says so."""
    _check_location(args, write=write)
    library = Library.open(_db_path(args))
    if write:
        try:
            library.require_healthy()
        except BaseException:
            library.close()
            raise
    return library


def _check_location(args: argparse.Namespace, *, write: bool) -> None:
    """Network drives and cloud-synced folders (RELIABILITY 18): reading goes ahead with a
    warning; changing is refused unless --allow-risky-location confirms it."""
    from consult.locations import risky_location

    path = _db_path(args)
    where = risky_location(path)
    if where is None:
        return
    risk = tr(
        "the library {path} is {where}; network and sync folders can corrupt libraries. Keep "
        "it on a local disk and use 'consult export' or 'consult backup' to share it",
        path=path,
        where=where,
    )
    if write and not getattr(args, "allow_risky_location", False):
        raise InvalidInput(
            tr(
                "Nothing was changed: {risk} (or give --allow-risky-location to change it there)",
                risk=risk,
            )
        )
    print(tr("consult: warning: {warning}", warning=risk), file=sys.stderr)


def _parse_ref(lib: Library, ref: str) -> tuple[str, int | None]:
    head, number = Library.split_ref(ref)
    return lib.resolve(head), number


def _name(field: str, value: str) -> str:
    """A kind or status as the window names it, in the user's language (`--json` keeps the
    value itself)."""
    return value_name(field, value, language())


def _when(iso_utc: str) -> str:
    return clock.local(iso_utc).strftime("%Y-%m-%d %H:%M")


def _proposal_json(p: Proposal) -> dict[str, Any]:
    return {
        "id": p.id,
        "title": p.title,
        "kind": p.kind.value,
        "status": p.status.value,
        "tags": list(p.tags),
        "versions": p.versions,
        "version": p.version,
        "created": p.created,
        "updated": p.updated,
        "session": p.session,
        "sponsors": list(p.sponsors),
        "cosigners": list(p.cosigners),
        "base": p.base.to_json() if p.base else None,
        "size": p.size,
        "sha256": p.sha256,
        "trashed": p.trashed,
    }


def _show_json(p: Proposal, v: Version) -> dict[str, Any]:
    return {
        **v.content.metadata_json(),
        "id": p.id,
        "tags": list(p.tags),
        "version": v.number,
        "versions": p.versions,
        "latest": p.version,
        "created": v.info.created,
        "label": v.info.label,
        "sha256": v.info.sha256,
        "size": v.info.size,
        "updated": p.updated,
        "trashed": p.trashed,
        "body": v.content.body,
    }


def _version_json(v: VersionInfo) -> dict[str, Any]:
    return {
        "number": v.number,
        "created": v.created,
        "utc_offset": v.utc_offset,
        "label": v.label,
        "sha256": v.sha256,
        "size": v.size,
        "change": v.change,
        "title": v.title,
    }


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _fail(message: str, status: int = 1) -> int:
    print(tr("consult: {message}", message=message), file=sys.stderr)
    return status


def _start_app(args: argparse.Namespace) -> int:
    try:
        from ui.app import run
    except ImportError as e:  # the core installed without the desktop client
        return _fail(tr("the desktop app cannot start: {reason}", reason=e))
    argv = [sys.argv[0]] + (["--db", str(args.db)] if getattr(args, "db", None) else [])
    return run(argv)


if __name__ == "__main__":
    raise SystemExit(main())
