"""Rows of the library's tables and the dataclasses they become (queries shared by readers)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from consult.model import Base, Content, Draft, Kind, Proposal, Status, VersionInfo, parse_choice

PROPOSAL_COLUMNS = (
    "id", "title", "kind", "status", "sponsors", "cosigners", "session", "base", "created",
    "updated", "version", "versions", "sha256", "size", "trashed", "tag_names",
)  # fmt: skip
# Proposals not in the trash, in a condition that keeps SQLite off the partial index
# `proposals_live` (… WHERE trashed IS NULL): only a plain `trashed IS NULL` can use it. For a
# query that also filters, sorts by something else or groups, scanning the table is 2-3 times
# faster than walking that index and looking every row up.
NOT_TRASHED = "+trashed IS NULL"


PROPOSAL_SELECT = (
    "SELECT id, title, kind, status, sponsors, cosigners, session, base, created, updated, "
    "version, versions, sha256, size, trashed, "
    "(SELECT group_concat(name, char(31)) FROM (SELECT t.name FROM proposal_tags pt "
    "JOIN tags t ON t.id = pt.tag_id WHERE pt.proposal_id = proposals.id "
    "ORDER BY t.key)) FROM proposals"
)
VERSION_SELECT = (
    "SELECT v.proposal_id, v.number, v.created, v.utc_offset, v.label, v.sha256, v.body, v.size, "
    "v.change, v.title, v.kind, v.status, v.sponsors, v.cosigners, v.session, v.base, p.trashed "
    "FROM versions v JOIN proposals p ON p.id = v.proposal_id"
)


Row = dict[str, Any]


def fetch_rows(cursor: sqlite3.Cursor) -> list[Row]:
    """Rows as dicts (the connection keeps the plain tuples sqlite-utils expects)."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def fetch_row(cursor: sqlite3.Cursor) -> Row | None:
    rows = fetch_rows(cursor)
    return rows[0] if rows else None


def content_from_row(row: Any, body: str) -> Content:
    return Content(
        title=row["title"],
        kind=Kind(row["kind"]),
        status=Status(row["status"]),
        body=body,
        sponsors=tuple(json.loads(row["sponsors"])),
        cosigners=tuple(json.loads(row["cosigners"])),
        session=row["session"],
        base=Base.from_json(json.loads(row["base"]) if row["base"] else None),
    )


def draft_from_row(row: tuple) -> Draft:
    proposal_id, based_on, saved, metadata, body = row
    meta = json.loads(metadata)
    content = Content(
        title=meta.get("title", ""),
        kind=parse_choice(Kind, meta.get("kind", "note"), "kind"),
        status=parse_choice(Status, meta.get("status", "draft"), "status"),
        body=body,
        sponsors=tuple(meta.get("sponsors", ())),
        cosigners=tuple(meta.get("cosigners", ())),
        session=meta.get("session", ""),
        base=Base.from_json(meta.get("base")),
    )
    return Draft(proposal_id=proposal_id, content=content, saved=saved, based_on=based_on)


def info_from_row(row: Row) -> VersionInfo:
    return VersionInfo(
        proposal_id=row["proposal_id"],
        number=row["number"],
        created=row["created"],
        utc_offset=row["utc_offset"],
        label=row["label"],
        sha256=row["sha256"],
        size=row["size"],
        change=row["change"],
        title=row["title"],
    )


def proposal_from_row(row: tuple) -> Proposal:
    r = dict(zip(PROPOSAL_COLUMNS, row, strict=True))
    return Proposal(
        id=r["id"],
        title=r["title"],
        kind=Kind(r["kind"]),
        status=Status(r["status"]),
        sponsors=tuple(json.loads(r["sponsors"])),
        cosigners=tuple(json.loads(r["cosigners"])),
        session=r["session"],
        base=Base.from_json(json.loads(r["base"]) if r["base"] else None),
        tags=tuple(r["tag_names"].split("\x1f")) if r["tag_names"] else (),
        created=r["created"],
        updated=r["updated"],
        version=r["version"],
        versions=r["versions"],
        sha256=r["sha256"],
        size=r["size"],
        trashed=r["trashed"],
    )


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
