"""Import Markdown and text files into a library, and report what happened to each.

What a file becomes:

- Its `id` names a proposal of this library (or one created earlier in the same import): when
  the file's title, metadata or body differ from the latest version, a new version is saved;
  when only its tags differ, the tags are set; when it equals the latest version, or an
  earlier one (a history file exported from here), nothing changes. A value the library cannot
  take (a misspelt status) refuses the file, naming the value.
- Otherwise (no id, or an id from another library): when a proposal here already holds exactly
  this content, nothing changes (the file was imported before); else a new proposal is created
  (with a new id: an id is never reused, so no other proposal is ever overwritten), and later
  files with the same id in this import add versions to it. Front matter from other tools, or
  with values Consult cannot take, stays at the top of the text (see `sources.read`).

Files are imported grouped by id, each group in the order of its `version` numbers, and base
texts before the amendments that name them, so that importing an export made with `history`
into a new library rebuilds every proposal's versions in order, with their labels.

Each file is imported whole or not at all (a savepoint inside the import's transaction); the
transaction is committed about twice a second, so that the window's own saves never wait long
for the library and a cancelled or failed import keeps every file finished before it.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from consult.errors import ConsultError, LibraryError, NotFound
from consult.i18n import N_, join, join_clauses, tr
from consult.library import Library
from consult.markdown_io.metadata import FileFields
from consult.markdown_io.sources import ScannedFile, read, scan
from consult.markdown_io.text_file import MAX_TEXT_BYTES
from consult.model import Base, Content, Proposal
from consult.storage.connection import translate_error

COMMIT_EVERY_SECONDS = 0.5


class Outcome(StrEnum):
    IMPORTED = "imported"  # a new proposal
    UPDATED = "updated"  # a new version and / or new tags
    UNCHANGED = "unchanged"  # already in the library as it is
    FAILED = "failed"  # could not be imported: `message` says why
    SKIPPED = "skipped"  # left out on purpose (a link outside the folder, an export's index …)

    def words(self) -> str:
        """The outcome as a report says it, in the user's language ("imported" …)."""
        return tr(_OUTCOME_WORDS[self])


_OUTCOME_WORDS = {
    Outcome.IMPORTED: N_("imported"),
    Outcome.UPDATED: N_("updated"),
    Outcome.UNCHANGED: N_("unchanged"),
    Outcome.FAILED: N_("failed"),
    Outcome.SKIPPED: N_("skipped"),
}


@dataclass
class FileResult:
    path: Path
    outcome: Outcome
    message: str = ""  # why it failed or was skipped, or what changed
    proposal_id: str | None = None
    title: str = ""
    version: int | None = None  # the proposal's version after the import
    encoding: str | None = None
    encoding_guessed: bool = False
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        what = self.message or (
            tr("“{title}” ({id})", title=self.title, id=self.proposal_id) if self.title else ""
        )
        outcome = self.outcome.words()
        line = (
            tr("{outcome}: {path}: {what}", outcome=outcome, path=self.path, what=what)
            if what
            else tr("{outcome}: {path}", outcome=outcome, path=self.path)
        )
        return join_clauses([line, *self.notes])


@dataclass
class ImportReport:
    """One FileResult per file found, in the order they were found."""

    files: list[FileResult] = field(default_factory=list)
    cancelled: bool = False
    stopped: str | None = None  # why the import stopped before the end

    def of(self, outcome: Outcome) -> list[FileResult]:
        return [f for f in self.files if f.outcome == outcome]

    @property
    def done(self) -> int:
        """Files now in the library: imported, updated or already there."""
        wanted = (Outcome.IMPORTED, Outcome.UPDATED, Outcome.UNCHANGED)
        return sum(f.outcome in wanted for f in self.files)

    def summary(self) -> str:
        counts = [
            tr("{count} {outcome}", count=len(self.of(o)), outcome=o.words())
            for o in Outcome
            if self.of(o)
        ]
        return join(counts) if counts else tr("no files found")

    def lines(self) -> list[str]:
        out = [f.line() for f in self.files]
        if self.cancelled:
            out.append(
                tr("Import cancelled; the files listed above as imported or updated are kept")
            )
        if self.stopped:
            out.append(tr("Import stopped: {reason}", reason=self.stopped))
        return [*out, self.summary()]


def import_paths(
    library: Library,
    paths: Iterable[str | Path],
    *,
    encoding: str | None = None,
    encodings: Mapping[Path, str] | None = None,
    limit: int = MAX_TEXT_BYTES,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import the files and folders `paths` into `library` (see the module's docstring).

    `encoding` / `encodings` as for `sources.scan`. `progress(done, total)` is called after each
    file imported; `cancel()` is asked between files (call it from any thread: the import
    stops after the current file and keeps what is finished). Run it in a worker thread with a
    Library of its own; sqlite connections are not shared across threads at once.
    """
    report = ImportReport()
    files = scan(paths, encoding=encoding, encodings=encodings, limit=limit, cancel=cancel)
    if cancel is not None and cancel():
        report.cancelled = True
    results: dict[int, FileResult] = {}
    for n, item in enumerate(files):
        if item.error:
            results[n] = _result(item, Outcome.FAILED, item.error)
        elif item.skip:
            results[n] = _result(item, Outcome.SKIPPED, item.skip)
    order = _order(files, results) if not report.cancelled else []
    run = _Run(library, encoding, encodings or {}, limit)
    position = 0
    while position < len(order) and not report.cancelled and report.stopped is None:
        chunk: dict[int, FileResult] = {}
        current = None  # the file being imported, if any, when the library fails
        try:
            with library.batch():
                started = time.monotonic()
                while position < len(order) and time.monotonic() - started < COMMIT_EVERY_SECONDS:
                    if cancel is not None and cancel():
                        report.cancelled = True
                        break
                    current = order[position]
                    chunk[current] = run.one(files[current])
                    current = None
                    position += 1
                    if progress is not None:
                        progress(len(results) + len(chunk), len(files))
        except (LibraryError, sqlite3.Error) as e:
            error = translate_error(e) if isinstance(e, sqlite3.Error) else e
            report.stopped = tr("the library could not be written: {reason}", reason=error)
            run.forget()
            lost = [*chunk, *([current] if current is not None else [])]
            chunk = {n: _result(files[n], Outcome.FAILED, report.stopped) for n in lost}
        results.update(chunk)
    why = tr("import cancelled") if report.cancelled else tr("not imported: the import stopped")
    for n, item in enumerate(files):
        results.setdefault(n, _result(item, Outcome.SKIPPED, why))
    report.files = [results[n] for n in range(len(files))]
    return report


class _Run:
    """The state of one import: ids seen, the library's contents by hash."""

    def __init__(
        self, library: Library, encoding: str | None, encodings: Mapping[Path, str], limit: int
    ) -> None:
        self.library = library
        self.encoding = encoding
        self.encodings = encodings
        self.limit = limit
        self.ids: dict[str, str] = {}  # id in the file → id here, for ids from elsewhere
        self.created: set[str] = set()  # proposals made by this import
        self.owners: dict[str, str] = {}  # proposal id here → the file id (or path) it came from
        self._by_hash: dict[str, list[tuple[str, int]]] | None = None  # see _hashes

    def forget(self) -> None:
        """After a rollback: what this run learnt about the library may no longer be true."""
        self.ids.clear()
        self.created.clear()
        self.owners.clear()
        self._by_hash = None

    def one(self, item: ScannedFile) -> FileResult:
        """Import one file inside a savepoint: all of it, or nothing (and a FAILED result)."""
        if item.fields is None:
            chosen = self.encodings.get(item.path, self.encoding)
            read(item, encoding=chosen, limit=self.limit)
            if item.error or item.skip or item.fields is None:
                outcome = Outcome.SKIPPED if item.skip else Outcome.FAILED
                return _result(item, outcome, item.skip or item.error or "")
        fields = item.fields
        item.fields = None  # free the text as we go
        try:
            with self.library.db.atomic():  # a savepoint inside the batch's transaction
                return self._apply(item, fields)
        except LibraryError:
            raise  # the library cannot be written: the whole import stops
        except ConsultError as e:
            return _result(item, Outcome.FAILED, tr("{path}: {reason}", path=item.path, reason=e))

    def _apply(self, item: ScannedFile, fields: FileFields) -> FileResult:
        notes = list(item.notes)
        content = replace(fields.content, base=self._base(fields, notes))
        target = self._known(fields.id)
        if target is None:
            return self._new(item, fields, content, notes)
        if fields.problems:
            # A file of this library with a value it cannot take is a slip of the keyboard:
            # refused, rather than saved with its front matter folded into the text.
            message = tr(
                "{path}: {problems}; nothing changed",
                path=item.path,
                problems=join_clauses(fields.problems),
            )
            return _result(item, Outcome.FAILED, message)
        proposal = self.library.get(target)
        sha = content.sha256()
        same_tags = _tag_keys(fields.tags) == _tag_keys(proposal.tags)
        if sha != proposal.sha256:
            earlier = {v.sha256: v.number for v in self.library.versions(target)}
            if sha in earlier:
                message = tr(
                    "the same as version {number} of “{title}”, already here",
                    number=earlier[sha],
                    title=proposal.title,
                )
                return _result(item, Outcome.UNCHANGED, message, proposal, notes)
            label = fields.label if target in self.created and fields.label else ""
            saved = self.library.save_version(
                target, content, label=label or tr("Imported from {name}", name=item.path.name)
            )
            if saved.created:
                self._remember(saved.version.sha256, target, saved.version.number)
                if not same_tags:
                    self.library.set_tags(target, fields.tags)
                proposal = self.library.get(target)
                message = tr(
                    "version {number} of “{title}” saved",
                    number=saved.version.number,
                    title=proposal.title,
                )
                return _result(item, Outcome.UPDATED, message, proposal, notes)
        if not same_tags:
            self.library.set_tags(target, fields.tags)
            proposal = self.library.get(target)
            return _result(item, Outcome.UPDATED, tr("tags changed"), proposal, notes)
        return _result(item, Outcome.UNCHANGED, "", proposal, notes)

    def _new(
        self, item: ScannedFile, fields: FileFields, content: Content, notes: list[str]
    ) -> FileResult:
        # The file's identity in this import: its id, or the file itself when it has none.
        owner = fields.id or str(item.path)
        for proposal_id, number in self._hashes().get(content.sha256(), []):
            # Already here (imported before): unless another file of this import stands for
            # that proposal — two proposals with the same text stay two.
            if self.owners.setdefault(proposal_id, owner) == owner:
                proposal = self.library.get(proposal_id)
                if fields.id:
                    self.ids[fields.id] = proposal.id
                message = tr(
                    "already here as version {number} of “{title}”",
                    number=number,
                    title=proposal.title,
                )
                return _result(item, Outcome.UNCHANGED, message, proposal, notes)
        c = content
        proposal = self.library.create_proposal(
            c.title,
            c.kind,
            c.body,
            status=c.status,
            sponsors=c.sponsors,
            cosigners=c.cosigners,
            session=c.session,
            base=c.base,
            tags=fields.tags,
            label=fields.label or tr("Imported from {name}", name=item.path.name),
        )
        if fields.id:
            self.ids[fields.id] = proposal.id
        self.created.add(proposal.id)
        self.owners[proposal.id] = owner
        self._remember(proposal.sha256, proposal.id, proposal.version)
        return _result(item, Outcome.IMPORTED, "", proposal, notes)

    def _base(self, fields: FileFields, notes: list[str]) -> Base | None:
        if fields.base is None:
            return None
        ref, number = fields.base
        target = self._known(ref)
        if target is None:
            notes.append(
                tr(
                    "its base text ({ref}) is not in this library; imported without a base",
                    ref=ref,
                )
            )
            return None
        if number is not None and number > self.library.get(target).version:
            notes.append(
                tr(
                    "version {number} of its base text is not here; the base is its latest",
                    number=number,
                )
            )
            number = None
        return Base(target, number)

    def _known(self, ref: str | None) -> str | None:
        """The id here of the proposal a file's id names, if any."""
        if not ref:
            return None
        if ref in self.ids:
            return self.ids[ref]
        try:
            return self.library.get(ref).id
        except NotFound:
            return None

    def _hashes(self) -> dict[str, list[tuple[str, int]]]:
        """Content sha256 → every (proposal id, version number) holding it; built once."""
        if self._by_hash is None:
            self._by_hash = {}
            for p in self.library.list_proposals():
                if p.versions == 1:
                    self._remember(p.sha256, p.id, p.version)
                    continue
                for v in self.library.versions(p.id):
                    self._remember(v.sha256, p.id, v.number)
        return self._by_hash

    def _remember(self, sha: str, proposal_id: str, number: int) -> None:
        if self._by_hash is not None:
            self._by_hash.setdefault(sha, []).append((proposal_id, number))


def _order(files: list[ScannedFile], results: Mapping[int, FileResult]) -> list[int]:
    """Indexes of the files to import: base texts first, then by id, each id by version."""
    groups: dict[str, list[int]] = {}
    for n, item in enumerate(files):
        if n not in results:
            groups.setdefault(item.id or f"\x00{n}", []).append(n)
    bases = {
        key: {files[n].base_id for n in members if files[n].base_id in groups}
        for key, members in groups.items()
    }
    depth: dict[str, int] = {}

    def depth_of(key: str, trail: frozenset[str]) -> int:
        """1 + the depth of the bases it names (0 without any); a cycle counts as none."""
        if key not in depth:
            below = [b for b in bases[key] if b is not None and b not in trail]
            depth[key] = 1 + max((depth_of(b, trail | {b}) for b in below), default=-1)
        return depth[key]

    def version(n: int) -> float:
        return files[n].version or float("inf")

    keys = sorted(groups, key=lambda k: (depth_of(k, frozenset({k})), groups[k][0]))
    return [n for k in keys for n in sorted(groups[k], key=lambda n: (version(n), n))]


def _tag_keys(tags: Iterable[str]) -> set[str]:
    return {t.casefold() for t in tags}


def _result(
    item: ScannedFile,
    outcome: Outcome,
    message: str = "",
    proposal: Proposal | None = None,
    notes: list[str] | None = None,
) -> FileResult:
    return FileResult(
        path=item.path,
        outcome=outcome,
        message=message,
        proposal_id=proposal.id if proposal else None,
        title=proposal.title if proposal else "",
        version=proposal.version if proposal else None,
        encoding=item.encoding,
        encoding_guessed=item.encoding_guessed,
        notes=notes if notes is not None else list(item.notes),
    )
