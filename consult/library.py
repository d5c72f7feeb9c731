"""A library of proposals: one SQLite file and the operations a user performs on it.

Every write runs inside `write_txn` (BEGIN IMMEDIATE … COMMIT). Versions are append-only; a
new one is made only when title, metadata or body changed, and its body is read back and
checked against its SHA-256 before the transaction commits.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from consult import clock
from consult import tags as tagging
from consult.changes import change_size
from consult.errors import (
    CorruptVersion,
    InvalidInput,
    NotFound,
    ReadOnlyLibrary,
)
from consult.i18n import N_, ntr, tr
from consult.model import (
    Base,
    Content,
    Draft,
    Kind,
    Proposal,
    Status,
    Tag,
    Version,
    VersionInfo,
    parse_choice,
)
from consult.storage import fulltext, open_database, write_txn
from consult.storage.backup import backup_to, quick_check
from consult.storage.blobs import BlobStore, BodyDamaged
from consult.storage.connection import damaged, translate_error
from consult.storage.records import (
    NOT_TRASHED,
    PROPOSAL_SELECT,
    VERSION_SELECT,
    Row,
    content_from_row,
    draft_from_row,
    dumps,
    fetch_row,
    fetch_rows,
    info_from_row,
    proposal_from_row,
)

MAX_TITLE = 500
MAX_BODY_CHARS = 20_000_000
_ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford base 32: no i, l, o, u


@dataclass(frozen=True)
class SaveResult:
    """What a save did: `created` is False when the content equalled the latest version."""

    version: VersionInfo
    created: bool


class Library:
    """An open library file. Use as a context manager, or call close()."""

    def __init__(self, db: Database, path: Path, *, read_only: bool = False) -> None:
        self.db = db
        self.path = path
        self.blobs = BlobStore(db)
        self._in_batch = False
        self.read_only = read_only
        # Why it is read-only, in words for the user (the window shows it in a banner).
        self.read_only_reason = tr("This library was opened read-only") if read_only else ""

    @classmethod
    def open(cls, path: str | Path, *, create: bool = False, read_only: bool = False) -> Library:
        """Open the library at `path` (creating an empty one if `create`).

        With `read_only` nothing is ever written to the file: every change raises
        ReadOnlyLibrary.
        """
        path = Path(path)
        return cls(
            open_database(path, create=create, read_only=read_only), path, read_only=read_only
        )

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def batch(self) -> Iterator[Library]:
        """Run several operations as one transaction: all of them are kept, or none."""
        if self._in_batch:
            yield self
            return
        with self._writing():
            self._in_batch = True
            try:
                yield self
            finally:
                self._in_batch = False

    @contextmanager
    def _writing(self) -> Iterator[Database]:
        if self.read_only:
            raise ReadOnlyLibrary(tr("{reason}; nothing was changed", reason=self.read_only_reason))
        if self._in_batch:
            with self.db.atomic():  # a savepoint: a failed operation leaves the batch clean
                yield self.db
            return
        try:
            with write_txn(self.db) as db:
                yield db
        except BaseException:
            self.blobs.forget()
            raise

    # -- proposals ---------------------------------------------------------------------------

    def create_proposal(
        self,
        title: str,
        kind: Kind | str,
        body: str = "",
        *,
        status: Status | str = Status.DRAFT,
        sponsors: Iterable[str] = (),
        cosigners: Iterable[str] = (),
        session: str = "",
        base: Base | None = None,
        tags: Iterable[str] = (),
        label: str = "",
    ) -> Proposal:
        """A new proposal with its first version."""
        content = self._clean(
            Content(
                title=title,
                kind=parse_choice(Kind, kind, "kind"),
                status=parse_choice(Status, status, "status"),
                body=body,
                sponsors=tuple(sponsors),
                cosigners=tuple(cosigners),
                session=session,
                base=base,
            )
        )
        created, _ = clock.stamp()
        with self._writing() as db:
            proposal_id = self._new_id()
            db.execute(
                "INSERT INTO proposals (id, title, kind, status, created, updated, version, "
                "versions, sha256, size) VALUES (?, ?, ?, ?, ?, ?, 0, 0, '', 0)",
                [proposal_id, content.title, content.kind, content.status, created, created],
            )
            self._append_version(proposal_id, content, label, previous=None)
            tagging.add(db, proposal_id, list(tags))
            fulltext.reindex(db, [proposal_id], self.blobs)
        return self.get(proposal_id)

    def get(self, proposal_id: str) -> Proposal:
        row = self.db.execute(f"{PROPOSAL_SELECT} WHERE id = ?", [proposal_id]).fetchone()
        if row is None:
            raise NotFound(tr("No proposal with id “{id}”", id=proposal_id))
        return proposal_from_row(row)

    def resolve(self, ref: str) -> str:
        """The id of the proposal named by `ref`: its id, or an unambiguous prefix of ≥ 4 characters."""
        ref = ref.strip().lower()
        if self.db.execute("SELECT 1 FROM proposals WHERE id = ?", [ref]).fetchone():
            return ref
        if len(ref) >= 4 and all(ch in _ID_ALPHABET for ch in ref):
            rows = self.db.execute(
                "SELECT id FROM proposals WHERE substr(id, 1, ?) = ? LIMIT 6", [len(ref), ref]
            ).fetchall()
            if len(rows) == 1:
                return rows[0][0]
            if rows:
                raise NotFound(
                    tr(
                        "“{ref}” matches several proposals ({ids}); give more characters",
                        ref=ref,
                        ids=", ".join(r[0] for r in rows[:5]),
                    )
                )
        raise NotFound(tr("No proposal with id “{id}”", id=ref))

    @staticmethod
    def split_ref(ref: str) -> tuple[str, int | None]:
        """`ID@N` → ("ID", N); `ID` → ("ID", None). InvalidInput if N is not a number from 1."""
        head, sep, tail = ref.partition("@")
        if not sep:
            return head, None
        if not tail.isdigit() or int(tail) < 1:
            raise InvalidInput(tr("“{ref}”: the version after @ must be a number from 1", ref=ref))
        return head, int(tail)

    def list_proposals(
        self,
        *,
        tag: str | None = None,
        kind: Kind | str | None = None,
        status: Status | str | None = None,
        session: str | None = None,
        trashed: bool = False,
    ) -> list[Proposal]:
        """Proposals, most recently updated first; `tag` includes the tags below it."""
        where = ["trashed IS NOT NULL" if trashed else NOT_TRASHED]
        params: list[Any] = []
        if kind is not None:
            where.append("kind = ?")
            params.append(parse_choice(Kind, kind, "kind").value)
        if status is not None:
            where.append("status = ?")
            params.append(parse_choice(Status, status, "status").value)
        if session is not None:
            where.append("session = ?")
            params.append(session)
        if tag is not None:
            found = tagging.find_tag(self.db, tag)
            if found is None:
                return []
            ids = [tag_id for tag_id, _ in tagging.subtree(self.db, found[1])]
            where.append(
                f"id IN (SELECT proposal_id FROM proposal_tags WHERE tag_id IN "
                f"({','.join('?' * len(ids))}))"
            )
            params.extend(ids)
        sql = f"{PROPOSAL_SELECT} WHERE {' AND '.join(where)} ORDER BY updated DESC, id"
        return [proposal_from_row(row) for row in self.db.execute(sql, params)]

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM proposals WHERE trashed IS NULL").fetchone()[0]

    def sessions(self) -> list[str]:
        rows = self.db.execute(
            "SELECT DISTINCT session FROM proposals WHERE session != '' ORDER BY session"
        )
        return [row[0] for row in rows]

    def trash(self, proposal_id: str) -> None:
        """Move a proposal to the trash (its versions are kept; `untrash` brings it back)."""
        self.get(proposal_id)
        when, _ = clock.stamp()
        with self._writing() as db:
            db.execute(
                "UPDATE proposals SET trashed = ? WHERE id = ? AND trashed IS NULL",
                [when, proposal_id],
            )
            fulltext.reindex(db, [proposal_id], self.blobs)

    def untrash(self, proposal_id: str) -> None:
        self.get(proposal_id)
        with self._writing() as db:
            db.execute("UPDATE proposals SET trashed = NULL WHERE id = ?", [proposal_id])
            fulltext.reindex(db, [proposal_id], self.blobs)

    # -- versions ----------------------------------------------------------------------------

    def save_version(self, proposal_id: str, content: Content, *, label: str = "") -> SaveResult:
        """Save `content` as the next version, unless it equals the latest version.

        The proposal's working draft is discarded in the same transaction.
        """
        content = self._clean(content, proposal_id)
        with self._writing() as db:
            previous = self._latest_row(proposal_id)
            if previous["trashed"]:
                raise InvalidInput(
                    tr("“{title}” is in the trash; restore it first", title=previous["title"])
                )
            if previous["sha256"] == content.sha256():
                db.execute("DELETE FROM drafts WHERE proposal_id = ?", [proposal_id])
                return SaveResult(info_from_row(previous), created=False)
            info = self._append_version(proposal_id, content, label, previous)
            fulltext.reindex(db, [proposal_id], self.blobs)
            db.execute("DELETE FROM drafts WHERE proposal_id = ?", [proposal_id])
        return SaveResult(info, created=True)

    def update_metadata(self, proposal_id: str, *, label: str = "", **changes: Any) -> SaveResult:
        """Change title, kind, status, sponsors, cosigners, session or base (a new version)."""
        if "body" in changes:
            raise InvalidInput(tr("update_metadata does not change the body; use edit()"))
        return self.edit(proposal_id, label=label, **changes)

    def edit(self, proposal_id: str, *, label: str = "", **changes: Any) -> SaveResult:
        """Save the latest version with some fields changed (body, title, status …) as one version."""
        allowed = {"body", "title", "kind", "status", "sponsors", "cosigners", "session", "base"}
        unknown = set(changes) - allowed
        if unknown:
            raise InvalidInput(
                ntr(
                    "Unknown field: {fields}",
                    "Unknown fields: {fields}",
                    len(unknown),
                    fields=", ".join(sorted(unknown)),
                )
            )
        latest = self.version(proposal_id).content
        if "kind" in changes:
            changes["kind"] = parse_choice(Kind, changes["kind"], "kind")
        if "status" in changes:
            changes["status"] = parse_choice(Status, changes["status"], "status")
        for key in ("sponsors", "cosigners"):
            if key in changes:
                changes[key] = tuple(changes[key])
        return self.save_version(proposal_id, replace(latest, **changes), label=label)

    def restore_version(
        self, proposal_id: str, number: int, *, label: str | None = None
    ) -> SaveResult:
        """Make version `number`'s content the latest again, as a new version (history is kept)."""
        old = self.version(proposal_id, number)
        text = label if label is not None else tr("Restored from version {number}", number=number)
        return self.save_version(proposal_id, old.content, label=text)

    def label_version(self, proposal_id: str, number: int, label: str) -> None:
        """Set the label of a version (labels are notes on history, not part of the content)."""
        self._version_row(proposal_id, number)
        with self._writing() as db:
            db.execute(
                "UPDATE versions SET label = ? WHERE proposal_id = ? AND number = ?",
                [_one_line(label, "label"), proposal_id, number],
            )

    def versions(self, proposal_id: str) -> list[VersionInfo]:
        """The history of a proposal, oldest first, ordered by number."""
        self.get(proposal_id)
        cursor = self.db.execute(
            f"{VERSION_SELECT} WHERE v.proposal_id = ? ORDER BY v.number", [proposal_id]
        )
        return [info_from_row(row) for row in fetch_rows(cursor)]

    def version(self, proposal_id: str, number: int | None = None) -> Version:
        """A version (the latest when `number` is None), its text verified against its SHA-256."""
        row = self._version_row(proposal_id, number)
        info = info_from_row(row)
        try:
            body = self.blobs.read(row["body"])
        except BodyDamaged as e:
            raise self._damaged(info, str(e)) from e
        content = content_from_row(row, body)
        if content.sha256() != info.sha256:
            raise self._damaged(info, tr("does not match its SHA-256 checksum"))
        return Version(info, content)

    def verify_all(self) -> Iterator[tuple[VersionInfo, str | None]]:
        """Every version with None when it reads back intact, else what is wrong with it."""
        cursor = self.db.execute(f"{VERSION_SELECT} ORDER BY v.proposal_id, v.number")
        for row in fetch_rows(cursor):
            info = info_from_row(row)
            try:
                self.version(info.proposal_id, info.number)
            except CorruptVersion as e:
                yield info, str(e)
            else:
                yield info, None

    # -- safety ------------------------------------------------------------------------------

    def backup(self, dest: str | Path) -> Path:
        """A verified copy of the library at `dest` (a new file, or a new file in a folder)."""
        return backup_to(self.db.conn, Path(dest))

    def require_healthy(self) -> None:
        """Raise DamagedLibrary unless SQLite's quick_check finds the file sound (run before
        changes that must not be written into a damaged file)."""
        problems = quick_check(self.db.conn)
        if problems:
            raise damaged(self.path, problems[0])

    def check(self) -> tuple[list[str], int]:
        """(problems found, versions verified): SQLite's checks, every version's SHA-256,
        then the search index against the proposals it should hold."""
        problems = quick_check(self.db.conn)
        verified = 0
        if problems:
            return problems, verified
        for _info, problem in self.verify_all():
            if problem:
                problems.append(problem)
            else:
                verified += 1
        problems.extend(fulltext.verify(self.db))
        return problems, verified

    # -- working drafts ----------------------------------------------------------------------

    def save_draft(self, proposal_id: str, content: Content, based_on: int) -> None:
        """Journal what is in the editor (replacing the previous draft of this proposal)."""
        if "\x00" in content.body:
            content = replace(content, body=content.body.replace("\x00", ""))
        saved, _ = clock.stamp()
        with self._writing() as db:
            db.execute(
                "INSERT OR REPLACE INTO drafts (proposal_id, based_on, saved, metadata, body) "
                "VALUES (?, ?, ?, ?, ?)",
                [proposal_id, based_on, saved, dumps(content.metadata_json()), content.body],
            )

    def load_draft(self, proposal_id: str) -> Draft | None:
        row = self.db.execute(
            "SELECT proposal_id, based_on, saved, metadata, body FROM drafts WHERE proposal_id = ?",
            [proposal_id],
        ).fetchone()
        return draft_from_row(row) if row else None

    def drafts(self) -> list[Draft]:
        """Every journaled draft (what to offer back after a crash), oldest first."""
        rows = self.db.execute(
            "SELECT proposal_id, based_on, saved, metadata, body FROM drafts ORDER BY saved"
        )
        return [draft_from_row(row) for row in rows]

    def discard_draft(self, proposal_id: str) -> None:
        with self._writing() as db:
            db.execute("DELETE FROM drafts WHERE proposal_id = ?", [proposal_id])

    # -- tags --------------------------------------------------------------------------------

    def add_tags(self, proposal_id: str, names: Iterable[str]) -> tuple[str, ...]:
        return self._change_tags(proposal_id, add=list(names))

    def remove_tags(self, proposal_id: str, names: Iterable[str]) -> tuple[str, ...]:
        return self._change_tags(proposal_id, remove=list(names))

    def set_tags(self, proposal_id: str, names: Iterable[str]) -> tuple[str, ...]:
        """Give the proposal exactly these tags."""
        wanted = [tagging.normalize_tag(n) for n in names]
        current = self.get(proposal_id).tags
        keep = {n.casefold() for n in wanted}
        return self._change_tags(
            proposal_id, add=wanted, remove=[n for n in current if n.casefold() not in keep]
        )

    def _change_tags(
        self,
        proposal_id: str,
        add: Sequence[str] = (),
        remove: Sequence[str] = (),
    ) -> tuple[str, ...]:
        for name in [*add, *remove]:
            tagging.normalize_tag(name)
        self.get(proposal_id)
        when, _ = clock.stamp()
        with self._writing() as db:
            tagging.remove(db, proposal_id, list(remove))
            tagging.add(db, proposal_id, list(add))
            db.execute("UPDATE proposals SET updated = ? WHERE id = ?", [when, proposal_id])
            fulltext.reindex(db, [proposal_id], self.blobs)
        return tagging.proposal_tags(self.db, proposal_id)

    def tags(self) -> list[Tag]:
        """All tags with counts, parents before their children."""
        return tagging.all_tags(self.db)

    def rename_tag(self, old: str, new: str) -> str:
        with self._writing() as db:
            affected = tagging.tagged(db, [old])
            name = tagging.rename(db, old, new)
            fulltext.reindex(db, affected, self.blobs)
            return name

    def merge_tags(self, sources: Iterable[str], target: str) -> str:
        sources = list(sources)
        with self._writing() as db:
            affected = tagging.tagged(db, sources)
            name = tagging.merge(db, sources, target)
            fulltext.reindex(db, affected, self.blobs)
            return name

    def delete_tag(self, name: str) -> None:
        with self._writing() as db:
            affected = tagging.tagged(db, [name])
            tagging.delete(db, name)
            fulltext.reindex(db, affected, self.blobs)

    def set_tag_color(self, name: str, color: str | None) -> None:
        with self._writing() as db:
            tagging.set_color(db, name, color)

    # -- internals ---------------------------------------------------------------------------

    def _append_version(
        self, proposal_id: str, content: Content, label: str, previous: Row | None
    ) -> VersionInfo:
        prev_sha = previous["body"] if previous is not None else None
        try:
            prev_body = self.blobs.read(prev_sha) if prev_sha else ""
        except BodyDamaged:
            # The previous version is damaged: the new one must not depend on it. It is
            # stored whole, so that the user's new text is saved and readable.
            prev_sha, prev_body = None, ""
        body_sha = self.blobs.put(content.body, prev_sha)
        number = previous["number"] + 1 if previous is not None else 1
        created, offset = clock.stamp()
        meta = content.metadata_json()
        sha = content.sha256()
        self.db.execute(
            "INSERT INTO versions (proposal_id, number, created, utc_offset, label, sha256, body, "
            "size, change, title, kind, status, sponsors, cosigners, session, base) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                proposal_id, number, created, offset, _one_line(label, "label"), sha, body_sha,
                len(content.body), change_size(prev_body, content.body), content.title,
                content.kind.value, content.status.value, dumps(meta["sponsors"]),
                dumps(meta["cosigners"]), content.session, dumps(meta["base"]),
            ],
        )  # fmt: skip
        self.db.execute(
            "UPDATE proposals SET title = ?, kind = ?, status = ?, sponsors = ?, cosigners = ?, "
            "session = ?, base = ?, updated = ?, version = ?, versions = versions + 1, "
            "sha256 = ?, size = ? WHERE id = ?",
            [
                content.title, content.kind.value, content.status.value, dumps(meta["sponsors"]),
                dumps(meta["cosigners"]), content.session, dumps(meta["base"]), created, number,
                sha, len(content.body), proposal_id,
            ],
        )  # fmt: skip
        # Read back what was written, inside the transaction, before anyone relies on it.
        if self.version(proposal_id, number).content != content:
            raise CorruptVersion(
                tr("The saved version did not read back identically; nothing was saved")
            )
        return info_from_row(self._version_row(proposal_id, number))

    def _clean(self, content: Content, proposal_id: str | None = None) -> Content:
        title = _one_line(content.title, "title")
        if not title:
            raise InvalidInput(tr("A proposal needs a title"))
        if len(title) > MAX_TITLE:
            raise InvalidInput(tr("Titles are at most {limit} characters", limit=MAX_TITLE))
        body = content.body.replace("\r\n", "\n").replace("\r", "\n")
        if "\x00" in body:
            raise InvalidInput(tr("The text contains NUL bytes (\\x00); it is not plain text"))
        if len(body) > MAX_BODY_CHARS:
            raise InvalidInput(
                tr("The text is longer than {limit:,} characters", limit=MAX_BODY_CHARS)
            )
        base = content.base
        if base is not None:
            if base.proposal_id == proposal_id:
                raise InvalidInput(tr("A proposal cannot be its own base text"))
            self.get(base.proposal_id)
            if base.version is not None:
                self._version_row(base.proposal_id, base.version)
        return Content(
            title=title,
            kind=parse_choice(Kind, content.kind, "kind"),
            status=parse_choice(Status, content.status, "status"),
            body=body,
            sponsors=_names(content.sponsors),
            cosigners=_names(content.cosigners),
            session=_one_line(content.session, "session"),
            base=base,
        )

    def _new_id(self) -> str:
        while True:
            candidate = "".join(secrets.choice(_ID_ALPHABET) for _ in range(10))
            if not self.db.execute("SELECT 1 FROM proposals WHERE id = ?", [candidate]).fetchone():
                return candidate

    def _latest_row(self, proposal_id: str) -> Row:
        row = fetch_row(
            self.db.execute(
                f"{VERSION_SELECT} WHERE p.id = ? AND v.number = p.version", [proposal_id]
            )
        )
        if row is None:
            raise NotFound(tr("No proposal with id “{id}”", id=proposal_id))
        return row

    def _version_row(self, proposal_id: str, number: int | None) -> Row:
        if number is None:
            number = self.get(proposal_id).version
        row = fetch_row(
            self.db.execute(
                f"{VERSION_SELECT} WHERE v.proposal_id = ? AND v.number = ?", [proposal_id, number]
            )
        )
        if row is None:
            self.get(proposal_id)
            raise NotFound(
                tr("Proposal {id} has no version {number}", id=proposal_id, number=number)
            )
        return row

    def _damaged(self, info: VersionInfo, what: str) -> CorruptVersion:
        return CorruptVersion(
            tr(
                "Version {number} of “{title}” (id {id}) is damaged: its stored text {what}. "
                "Its text is not shown; restore the library from a backup",
                number=info.number,
                title=info.title,
                id=info.proposal_id,
                what=what,
            )
        )


def _names(names: Iterable[str]) -> tuple[str, ...]:
    """Names trimmed, empty ones dropped, duplicates removed (first kept)."""
    seen: dict[str, None] = {}
    for name in names:
        clean = _one_line(name, "name")
        if clean:
            seen.setdefault(clean, None)
    return tuple(seen)


_NUL_IN = {
    "title": N_("The title contains NUL bytes"),
    "label": N_("The label contains NUL bytes"),
    "session": N_("The session contains NUL bytes"),
    "name": N_("The name contains NUL bytes"),
}


def _one_line(text: str, what: str) -> str:
    """`text` on one line, spaces collapsed; InvalidInput if it holds NUL (`what` is one of
    _NUL_IN's keys)."""
    clean = " ".join(str(text).split())
    if "\x00" in clean:
        raise InvalidInput(tr(_NUL_IN[what]))
    return clean


__all__ = ["Library", "SaveResult", "translate_error"]
