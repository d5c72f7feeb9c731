"""Saving what can still be read from a damaged library, as Markdown files.

For when no good backup exists. The damaged file is never written: it is copied (with its
-wal) into a temporary folder and read from there. A copy whose first 100 bytes (SQLite's
header) were destroyed gets a rebuilt header, since everything after it may well be intact.
Each proposal is written from its newest version that still reads back and matches its
SHA-256, in the format `consult export` writes (so `consult import` brings them back, into the
same proposals when they are imported into a restored copy of the library); journaled unsaved
drafts are written beside them.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from sqlite_utils import Database

from consult.errors import ConsultError, InvalidInput
from consult.i18n import ntr, os_reason, tr
from consult.library import Library
from consult.markdown_io.atomic import WriteFailed, sync_folder, write_atomic
from consult.markdown_io.front_matter import join_front_matter
from consult.markdown_io.metadata import front_matter
from consult.markdown_io.names import FolderNames, safe_stem
from consult.model import Proposal, Version
from consult.storage.connection import APPLICATION_ID, SQLITE_HEADER

T = TypeVar("T")
_PAGE_TYPES = {0x02, 0x05, 0x0A, 0x0D}  # b-tree page kinds: the first byte of such a page


@dataclass
class SalvageReport:
    folder: Path
    written: list[Path] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)  # what could not be read at all
    notes: list[str] = field(default_factory=list)  # e.g. an older version saved instead

    def lines(self) -> list[str]:
        out = [
            ntr(
                "{count} file saved to {folder}",
                "{count} files saved to {folder}",
                len(self.written),
                folder=self.folder,
            )
        ]
        out += [tr("note: {note}", note=n) for n in self.notes]
        out += [tr("lost: {what}", what=what) for what in self.lost]
        return out


def salvage(library_path: str | Path, folder: str | Path) -> SalvageReport:
    """Write every readable proposal (its newest readable version) and every journaled draft
    of the library at `library_path` into `folder` as Markdown. The library is not touched."""
    library_path, folder = Path(library_path), Path(folder)
    if not library_path.is_file():
        raise InvalidInput(tr("No library file at {path}", path=library_path))
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(
            tr("{path} is a file, not a folder; give a folder to write to", path=folder)
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InvalidInput(
            tr("Cannot create the folder {path}: {reason}", path=folder, reason=os_reason(e))
        ) from e
    report = SalvageReport(folder)
    with tempfile.TemporaryDirectory(prefix="consult-salvage-") as temp:
        copy = Path(temp) / "salvage.consult"
        _copy_with_wal(library_path, copy)
        if not _header_ok(copy) and not _rebuild_header(copy):
            raise ConsultError(
                tr(
                    "Nothing could be read from {path}: it is not an SQLite database",
                    path=library_path,
                )
            )
        conn = sqlite3.connect(str(copy), isolation_level=None, check_same_thread=False)
        try:
            library = Library(Database(conn, execute_plugins=False), copy, read_only=True)
            _save_proposals(library, FolderNames(folder), report)
        finally:
            conn.close()
    sync_folder(folder)
    return report


def _save_proposals(library: Library, names: FolderNames, report: SalvageReport) -> None:
    db = library.db
    ids: dict[str, None] = {}
    for sql in ("SELECT id FROM proposals", "SELECT DISTINCT proposal_id FROM versions"):
        for row in _rows(db, sql):
            ids.setdefault(row[0], None)
    if not ids:
        report.lost.append(tr("no proposal could be read from this file"))
    for pid in ids:
        proposal = _attempt(partial(library.get, pid))
        newest = proposal.version if proposal else _newest_number(db, pid)
        version = None
        for number in range(newest or 0, 0, -1):
            version = _attempt(partial(library.version, pid, number))
            if version is not None:
                break
        if version is None:
            report.lost.append(tr("proposal {id}: no version of it can be read", id=pid))
            continue
        if proposal is None:
            proposal = _proposal_from(pid, version)
        elif version.number != proposal.version:
            report.notes.append(
                tr(
                    "“{title}”: version {damaged} is damaged; version {saved} was saved",
                    title=proposal.title,
                    damaged=proposal.version,
                    saved=version.number,
                )
            )
        text = join_front_matter(front_matter(proposal, version), version.content.body)
        if not _write(names, proposal.title, text, report):
            return
    for draft in _attempt(library.drafts) or []:
        meta: dict[str, Any] = {
            "id": draft.proposal_id,
            **draft.content.metadata_json(),
            "label": tr("unsaved text journaled {when}", when=draft.saved),
        }
        if meta["base"] is None:
            del meta["base"]
        text = join_front_matter(meta, draft.content.body)
        if not _write(names, tr("{title} (unsaved)", title=draft.content.title), text, report):
            return


def _write(names: FolderNames, title: str, text: str, report: SalvageReport) -> bool:
    path = names.folder / names.claim(safe_stem(title), ".md")
    try:
        write_atomic(path, text)
    except WriteFailed as e:
        report.lost.append(tr("stopped: {reason}", reason=e))
        return False
    report.written.append(path)
    return True


def _attempt(read: Callable[[], T]) -> T | None:
    try:
        return read()
    except (sqlite3.DatabaseError, ConsultError, ValueError, KeyError):
        return None


def _rows(db: Database, sql: str, params: tuple = ()) -> list[tuple]:
    """As many rows as can be read before the damage (a scan stops at a bad page)."""
    rows: list[tuple] = []
    try:
        for row in db.execute(sql, params):
            rows.append(row)
    except sqlite3.DatabaseError:
        pass
    return rows


def _newest_number(db: Database, pid: str) -> int | None:
    rows = _rows(db, "SELECT max(number) FROM versions WHERE proposal_id = ?", (pid,))
    return rows[0][0] if rows and rows[0][0] else None


def _proposal_from(pid: str, version: Version) -> Proposal:
    c = version.content
    return Proposal(
        id=pid,
        title=c.title,
        kind=c.kind,
        status=c.status,
        sponsors=c.sponsors,
        cosigners=c.cosigners,
        session=c.session,
        base=c.base,
        tags=(),
        created=version.info.created,
        updated=version.info.created,
        version=version.number,
        versions=version.number,
        sha256=version.info.sha256,
        size=len(c.body),
    )


def _copy_with_wal(source: Path, dest: Path) -> None:
    # A byte copy, which is wrong for a live library but right here: the file is damaged,
    # nothing writes to it, and the copy is only read.
    shutil.copyfile(source, dest)
    wal = source.with_name(source.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, dest.with_name(dest.name + "-wal"))


def _header_ok(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def _rebuild_header(path: Path) -> bool:
    """Write a plausible SQLite header over a destroyed one; False if the file does not look
    like an SQLite database's pages at all."""
    size = path.stat().st_size
    with path.open("r+b") as f:
        first = f.read(101)
        if len(first) < 101 or first[100] not in (0x05, 0x0D):
            return False
        for page_size in (4096, 1024, 2048, 8192, 16384, 32768, 65536):
            if size % page_size or size < 2 * page_size:
                continue
            f.seek(page_size)
            if f.read(1)[0] in _PAGE_TYPES:
                break
        else:
            return False
        pages = size // page_size
        wal = path.with_name(path.name + "-wal").exists()
        header = bytearray(100)
        header[0:16] = SQLITE_HEADER
        header[16:18] = (page_size if page_size < 65536 else 1).to_bytes(2, "big")
        header[18] = header[19] = 2 if wal else 1
        header[21:24] = bytes([64, 32, 32])
        header[24:28] = (1).to_bytes(4, "big")  # change counter …
        header[28:32] = pages.to_bytes(4, "big")
        header[40:44] = (1).to_bytes(4, "big")  # schema cookie
        header[44:48] = (4).to_bytes(4, "big")  # schema format
        header[56:60] = (1).to_bytes(4, "big")  # UTF-8
        header[68:72] = APPLICATION_ID.to_bytes(4, "big")
        header[92:96] = (1).to_bytes(4, "big")  # … equal to this: the page count is valid
        major, minor, patch = sqlite3.sqlite_version_info
        header[96:100] = (major * 1_000_000 + minor * 1000 + patch).to_bytes(4, "big")
        f.seek(0)
        f.write(header)
    return True
