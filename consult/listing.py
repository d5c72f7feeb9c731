"""The library list as queries: which proposals match a filter, in what order, and the facets.

A list is built in two steps so that a library of 10,000 proposals opens fast: first the ids
of the matching proposals in order (one indexed-or-scanned SELECT of short strings), then the
full rows of just the ids someone looks at (`proposals_by_id`). Facet counts are one GROUP BY
each.

The text filter matches a proposal's title, session, sponsors, co-signers and tag names. It
compares casefolded text (Python's `str.casefold`, registered as an SQL function, so É / é
and ẞ / ss match, not only A–Z), finds each whitespace-separated term anywhere (`instr`, so
`%` and `_` are plain characters), and needs every term. A body search (FTS5) plugs in as one
more OR-ed branch of `_term_clause`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlite_utils import Database

from consult import tags as tagging
from consult.model import Kind, Proposal, Status, Tag, parse_choice
from consult.storage.records import NOT_TRASHED, PROPOSAL_SELECT, proposal_from_row

_FOLD = "consult_casefold"
_CHUNK = 500  # ids per `IN (…)`: well under SQLite's limit on parameters


class SortKey(StrEnum):
    """What the list can be sorted by (one per column of the library list)."""

    TITLE = "title"
    KIND = "kind"
    STATUS = "status"
    TAGS = "tags"
    SESSION = "session"
    UPDATED = "updated"
    VERSIONS = "versions"


def _rank(values: Sequence[str], column: str) -> str:
    # Kinds and statuses sort in the order of their vocabulary (draft → ready → submitted …),
    # which means the same in every language, not in the alphabetical order of their labels.
    cases = " ".join(f"WHEN '{value}' THEN {n}" for n, value in enumerate(values))
    return f"CASE {column} {cases} ELSE {len(values)} END"


_SORT_SQL = {
    SortKey.TITLE: f"{_FOLD}(title)",
    SortKey.KIND: _rank([k.value for k in Kind], "kind"),
    SortKey.STATUS: _rank([s.value for s in Status], "status"),
    SortKey.TAGS: (
        "(SELECT group_concat(key, char(31)) FROM (SELECT t.key FROM proposal_tags pt "
        "JOIN tags t ON t.id = pt.tag_id WHERE pt.proposal_id = proposals.id ORDER BY t.key))"
    ),
    SortKey.SESSION: f"{_FOLD}(session)",
    SortKey.UPDATED: "updated",
    SortKey.VERSIONS: "versions",
}


@dataclass(frozen=True)
class ListFilter:
    """Which proposals a list shows; None (or "") means "any". `tag` includes the tags below it."""

    text: str = ""
    tag: str | None = None
    kind: Kind | str | None = None
    status: Status | str | None = None
    session: str | None = None
    trashed: bool = False
    # Proposals the full-text search found for `text` (in their bodies): listed as well as
    # those whose title, tags, people or session match it.
    found: frozenset[str] = frozenset()


@dataclass(frozen=True)
class FacetCounts:
    """Proposals not in the trash, counted by kind, status and session (only values in use)."""

    total: int
    kinds: dict[str, int]
    statuses: dict[str, int]
    sessions: dict[str, int]


def proposal_ids(
    db: Database,
    where: ListFilter | None = None,
    *,
    sort: SortKey | str = SortKey.UPDATED,
    descending: bool = True,
    limit: int | None = None,
) -> list[str]:
    """The ids of the proposals matching `where`, sorted (ties: most recently updated first),
    all of them or the first `limit`.

    The default order (updated, newest first) is that of `Library.list_proposals`.
    """
    _register(db)
    where = where or ListFilter()
    key = SortKey(sort)
    direction = "DESC" if descending else "ASC"
    # Every proposal not in the trash, by date: the index `proposals_live` holds the answer
    # in order. Anything else is a scan and a sort (the unary + keeps SQLite off the index).
    live = where == ListFilter() and key == SortKey.UPDATED
    expression = "updated" if live else _SORT_SQL[key]
    order = [f"{expression} {direction}"]
    if key != SortKey.UPDATED:
        order.append("+updated DESC")
    order.append("id")
    clause, params = where_clause(where, db, live_index=live)
    sql = f"SELECT id FROM proposals WHERE {clause} ORDER BY {', '.join(order)}"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [row[0] for row in db.execute(sql, params)]


def proposals_by_id(db: Database, ids: Sequence[str]) -> dict[str, Proposal]:
    """The proposals with these ids (trashed ones included), by id; unknown ids are left out."""
    found: dict[str, Proposal] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        marks = ",".join("?" * len(chunk))
        for row in db.execute(f"{PROPOSAL_SELECT} WHERE id IN ({marks})", chunk):
            found[row[0]] = proposal_from_row(row)
    return found


def where_clause(
    where: ListFilter, db: Database, *, live_index: bool = False
) -> tuple[str, list[Any]]:
    """SQL condition on `proposals` (and its parameters) for the filter; `live_index` lets
    SQLite use the index of the proposals not in the trash (see records.NOT_TRASHED)."""
    _register(db)
    if where.trashed:
        parts = ["trashed IS NOT NULL"]
    else:
        parts = ["trashed IS NULL" if live_index else NOT_TRASHED]
    params: list[Any] = []
    if where.kind:
        parts.append("kind = ?")
        params.append(parse_choice(Kind, where.kind, "kind").value)
    if where.status:
        parts.append("status = ?")
        params.append(parse_choice(Status, where.status, "status").value)
    if where.session is not None:
        parts.append("session = ?")
        params.append(where.session)
    if where.tag:
        found = tagging.find_tag(db, where.tag)
        if found is None:
            return "0", []
        parts.append(
            "id IN (SELECT pt.proposal_id FROM proposal_tags pt JOIN tags t ON t.id = pt.tag_id "
            "WHERE t.key = ? OR substr(t.key, 1, length(?) + 1) = ? || '/')"
        )
        key = found[1].casefold()
        params.extend([key, key, key])
    terms: list[str] = []
    term_params: list[Any] = []
    for term in where.text.casefold().split():
        clause, values = _term_clause(term)
        terms.append(clause)
        term_params.extend(values)
    if terms and where.found:
        marks = ",".join("?" * len(where.found))
        parts.append(f"(({' AND '.join(terms)}) OR id IN ({marks}))")
        params.extend([*term_params, *sorted(where.found)])
    else:
        parts.extend(terms)
        params.extend(term_params)
    return " AND ".join(parts), params


def _term_clause(term: str) -> tuple[str, list[Any]]:
    # Sponsors and co-signers are JSON lists; their names are written unescaped
    # (ensure_ascii=False), so a name is found as it is typed. Tag keys are casefolded already.
    fold = "lower" if _lower_suffices(term) else _FOLD
    fields = f"{fold}(title || char(31) || session || char(31) || sponsors || cosigners)"
    return (
        f"(instr({fields}, ?) > 0 OR id IN (SELECT pt.proposal_id FROM proposal_tags pt "
        "JOIN tags t ON t.id = pt.tag_id WHERE instr(t.key, ?) > 0))",
        [term, term],
    )


def _lower_suffices(term: str) -> bool:
    """True when SQLite's own lower() (A–Z only, in C) finds what casefolding would.

    It does for terms of ASCII and of characters without case (Chinese, digits, punctuation),
    which is nearly every query, at a third of the cost of calling Python for every row. (It
    misses only folds into ASCII from outside it, such as ﬁ → fi or ſ → s.)
    """
    return all(ch.isascii() or (ch.upper() == ch == ch.casefold()) for ch in term)


def facet_counts(db: Database) -> FacetCounts:
    """How many proposals (not in the trash) there are of each kind, status and session."""
    kinds: dict[str, int] = {}
    statuses: dict[str, int] = {}
    sessions: dict[str, int] = {}
    total = 0
    # One scan for all three: the combinations are few (kinds × statuses × sessions in use).
    for kind, status, session, n in db.execute(
        f"SELECT kind, status, session, count(*) FROM proposals WHERE {NOT_TRASHED} "
        "GROUP BY kind, status, session"
    ):
        total += n
        kinds[kind] = kinds.get(kind, 0) + n
        statuses[status] = statuses.get(status, 0) + n
        if session:
            sessions[session] = sessions.get(session, 0) + n
    return FacetCounts(total, kinds, statuses, sessions)


def tag_counts(db: Database) -> list[Tag]:
    """Every tag with its counts, parents before children: what `Library.tags()` gives."""
    return tagging.all_tags(db)


def _casefold(value: object) -> str | None:
    return None if value is None else str(value).casefold()


def _register(db: Database) -> None:
    # sqlite-utils remembers what it registered, so this is a set lookup after the first call.
    db.register_function(_casefold, deterministic=True, name=_FOLD)


__all__ = [
    "FacetCounts",
    "ListFilter",
    "SortKey",
    "facet_counts",
    "proposal_ids",
    "proposals_by_id",
    "tag_counts",
    "where_clause",
]
