"""Full-text search over the proposals not in the trash.

`search(library, "医疗卫生")` finds the proposals whose title, tags or latest body contain every
word of the query, best first, each with a one-line snippet in which the matches are marked
«like this» (HIT_START, HIT_END; `snippet_parts` splits a snippet for display; a literal « or »
of the text is shown as ‹ or ›, so that every « » in a snippet is a hit).

Words are looked up in the FTS5 trigram index: a word of three characters or more as a quoted
phrase, so that nothing a user types is query syntax (quotes, AND / OR / NOT, parentheses, *, :,
^, -); a word of one or two characters as any of the index's trigrams that begin with it (each
column of the index ends with two line breaks, so that a word at the very end is found too).
Results are ranked by bm25, a hit in the title above one in the tags above one in the body.
Short words that begin too many trigrams (a common letter), or that have a case outside A–Z,
are matched with LIKE instead (case-insensitive for A–Z only); a query made only of such words
ranks the proposals with every word in the title or tags first, then the others, each group
most recently changed first. Where this SQLite has no trigram tokenizer (before 3.34) every
query uses LIKE, and `search_notice` says so once.

The index itself (what it holds, how it is kept in step) is consult/storage/fulltext.py;
related proposals are in consult/related.py.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from consult.i18n import tr
from consult.related import RelatedProposal, related
from consult.storage import fulltext
from consult.storage.records import NOT_TRASHED

HIT_START = "«"
HIT_END = "»"
ELLIPSIS = "…"
MIN_FTS_CHARS = 3  # a trigram index cannot find anything shorter
MAX_QUERY_CHARS = 1000
MAX_WORDS = 32
SNIPPET_CHARS = 60  # one line of a result list
# A word of one or two characters is looked up in the index when it begins at most this many
# of its trigrams, else matched with LIKE: a common character is found as fast by LIKE, which
# stops at the first 50 proposals, as by a query of hundreds of trigrams.
_MAX_TERMS = {1: 32, 2: 200}
# bm25 weights of the index's columns (title, tags, body).
_WEIGHTS = "10.0, 5.0, 1.0"
# The text's own « and » are shown as ‹ and › in a snippet, where « » mark the hits.
_PLAIN = str.maketrans({HIT_START: "‹", HIT_END: "›"})
_UNSTORABLE = re.compile("[\ud800-\udfff\x00]")  # lone surrogates cannot be encoded


@dataclass(frozen=True)
class SearchHit:
    """One result. `snippet`: one line of the body (else the tags, else the title) from a
    little before the first match, every match marked; `score`: higher for better hits, to be
    compared only within one result list."""

    id: str
    title: str
    snippet: str
    score: float


def search(source: Any, query: str, *, limit: int = 50) -> list[SearchHit]:
    """The proposals not in the trash containing every word of `query`, best first.

    `source` is a Library or its Database. Never raises for what a user can type; an empty
    query gives no results.
    """
    db = _database(source)
    words = query_words(query)
    if not words or limit <= 0:
        return []
    rows = _ranked_by_index(db, words, limit) if fulltext.index_usable(db) else None
    if rows is None:
        rows = _ranked_by_like(db, words, limit)
    return [
        SearchHit(proposal_id, title, _snippet(words, body, tags, title), score)
        for proposal_id, title, tags, body, score in rows
    ]


def query_words(query: str) -> list[str]:
    """The words of a query as search uses them: split at whitespace, each once, at most
    MAX_WORDS of them; characters that cannot be stored (NUL, lone surrogates) dropped."""
    clean = _UNSTORABLE.sub(" ", query[:MAX_QUERY_CHARS])
    return list(dict.fromkeys(clean.split()))[:MAX_WORDS]


def search_notice(source: Any) -> str | None:
    """Why search is slower than it should be, or None when the full-text index is in use.

    Given once per process (later calls return None), for a status bar or the command line.
    """
    global _noticed
    db = _database(source)
    if _noticed or fulltext.index_usable(db):
        return None
    _noticed = True
    if not fulltext.trigram_available():
        return tr(
            "Full-text search is not available with this SQLite ({version}; it needs 3.34 or "
            "later with FTS5): search reads every proposal, which is slower",
            version=sqlite3.sqlite_version,
        )
    return tr("The search index is out of date: search reads every proposal until it is rebuilt")


_noticed = False


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A snippet as (text, is_hit) pieces, in order, without the markers."""
    pieces = re.split(f"[{HIT_START}{HIT_END}]", snippet)
    return [(piece, n % 2 == 1) for n, piece in enumerate(pieces) if piece]


def verify_index(source: Any) -> list[str]:
    """Problems with the search index (FTS5 'integrity-check' included); empty when none."""
    return fulltext.verify(_database(source))


# -- ranking ------------------------------------------------------------------------------------

Row = tuple[str, str, str, str, float]  # proposal_id, title, tags, body, score


def _ranked_by_index(db: Database, words: list[str], limit: int) -> list[Row] | None:
    """Ranked by bm25, or None when no word can be looked up in the index."""
    groups = []  # FTS5 expressions, every one of which must match
    others = []  # words matched with LIKE, on what the index found
    for word in words:
        if len(word) >= MIN_FTS_CHARS:
            groups.append(_phrase(word))
        elif all(ch.isascii() or ch.lower() == ch.upper() for ch in word):
            # One or two characters begin a trigram wherever they occur (each column of the
            # index ends with two line breaks): the word is any of the trigrams beginning with
            # it. (Only words whose folding is plain: ASCII, or characters without case.)
            terms = fulltext.terms_starting(db, word.lower(), _MAX_TERMS[len(word)])
            if terms == []:
                return []  # in no proposal
            if terms is None:
                others.append(word)
            else:
                groups.append("(" + " OR ".join(_phrase(t) for t in terms) + ")")
        else:
            others.append(word)
    if not groups:
        return None
    match = " AND ".join(groups)
    short, params = _like_all(others, "t.")
    join = "JOIN search_text t ON t.row = i.rowid" if others else ""
    # Ranked first, the texts read after, for the rows shown only.
    sql = f"""
        WITH top AS (
            SELECT i.rowid AS row, bm25(search_index, {_WEIGHTS}) AS rank
            FROM search_index i {join}
            WHERE search_index MATCH :match AND {short}
            ORDER BY rank LIMIT :limit
        )
        SELECT t.proposal_id, t.title, t.tags, t.body, -top.rank
        FROM top JOIN search_text t ON t.row = top.row ORDER BY top.rank
    """
    return db.execute(sql, {"match": match, "limit": limit, **params}).fetchall()


def _phrase(text: str) -> str:
    """`text` as an FTS5 string: a double quote inside doubled, nothing read as syntax."""
    return '"' + text.replace('"', '""') + '"'


def _ranked_by_like(db: Database, words: list[str], limit: int) -> list[Row]:
    anywhere, params = _like_all(words, "t.")
    # Every word in the title or a tag, read from `proposals` and `tags`, where no body is in
    # the way (a scan of `search_text` reads every body).
    heads = " AND ".join(
        f"(p.title LIKE :w{n} ESCAPE '\\' OR p.id IN (SELECT pt.proposal_id FROM proposal_tags pt "
        f"JOIN tags g ON g.id = pt.tag_id WHERE g.name LIKE :w{n} ESCAPE '\\'))"
        for n in range(len(words))
    )
    first = [
        r[0]
        for r in db.execute(
            f"SELECT t.row FROM proposals p JOIN search_text t ON t.proposal_id = p.id "
            f"WHERE {NOT_TRASHED} AND {heads} ORDER BY p.updated DESC, t.row DESC LIMIT :limit",
            {**params, "limit": limit},
        )
    ]
    found = list(first)
    if len(found) < limit:
        # The rest: rows are renumbered on every change, so the newest changes come first and
        # the scan stops as soon as the list is full.
        found += [
            r[0]
            for r in db.execute(
                f"SELECT t.row FROM search_text t WHERE {anywhere} "
                f"AND t.row NOT IN ({','.join(map(str, first))}) "
                "ORDER BY t.row DESC LIMIT :limit",
                {**params, "limit": limit - len(first)},
            )
        ]
    texts = {
        row[0]: row[1:]
        for row in db.execute(
            f"SELECT row, proposal_id, title, tags, body FROM search_text "
            f"WHERE row IN ({','.join(map(str, found))})"
        )
    }
    return [
        (*texts[row], (2.0 if n < len(first) else 1.0) - n / (len(found) + 1))
        for n, row in enumerate(found)
    ]


def _like_all(
    words: list[str], prefix: str, columns: tuple[str, ...] = ("title", "tags", "body")
) -> tuple[str, dict[str, str]]:
    """SQL requiring every word in one of `columns` (LIKE, `\\` escaping % and _ so that they
    are plain characters), and its named parameters."""
    if not words:
        return "1", {}
    clauses = []
    params = {}
    for n, word in enumerate(words):
        params[f"w{n}"] = "%" + re.sub(r"([\\%_])", r"\\\1", word) + "%"
        either = " OR ".join(f"{prefix}{column} LIKE :w{n} ESCAPE '\\'" for column in columns)
        clauses.append(f"({either})")
    return " AND ".join(clauses), params


# -- snippets -----------------------------------------------------------------------------------


def _snippet(words: list[str], body: str, tags: str, title: str) -> str:
    """One line around the first match in the body (else the tags, else the title).

    Built here rather than by FTS5's snippet(), which with the trigram tokenizer can end a
    snippet in the middle of the word it marks.
    """
    pattern = re.compile(
        "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE
    )
    text, found = title, None
    for candidate in (body, tags, title):
        found = pattern.search(candidate)
        if found:
            text = candidate
            break
    start = 0
    if found and found.end() > SNIPPET_CHARS * 3 // 4:
        # A little context before the hit, and a full line when the text has one to give.
        start = min(found.start() - SNIPPET_CHARS // 4, len(text) - SNIPPET_CHARS)
        start = max(0, start)
    end = max(start + SNIPPET_CHARS, found.end() if found else 0)
    piece = text[start:end]
    marked, done = [], 0
    for hit in pattern.finditer(piece):
        marked += [piece[done : hit.start()].translate(_PLAIN), HIT_START]
        marked += [hit.group(0).translate(_PLAIN), HIT_END]
        done = hit.end()
    marked.append(piece[done:].translate(_PLAIN))
    line = " ".join("".join(marked).split())
    return (ELLIPSIS if start > 0 else "") + line + (ELLIPSIS if end < len(text) else "")


def _database(source: Any) -> Database:
    return source if isinstance(source, Database) else source.db


__all__ = [
    "ELLIPSIS",
    "HIT_END",
    "HIT_START",
    "RelatedProposal",
    "SearchHit",
    "query_words",
    "related",
    "search",
    "search_notice",
    "snippet_parts",
    "verify_index",
]
