"""The full-text index of the proposals not in the trash: what is indexed, kept in step, rebuilt
and verified.

Two tables (migration `0003_search`):

- `search_text` — one plain row per proposal not in the trash: its title, its tags (joined by
  ", ") and the body of its latest version, with `body_sha`, the SHA-256 of that body's blob
  (`versions.body`), so that whether a row is current can be told without reading the body.
  Every row gets a new `row` number when it changes: the newest changes have the largest.
- `search_index` — an FTS5 table with the `trigram` tokenizer over the columns of
  `search_text`, read through the view `search_content`, which ends each column with two line
  breaks (external content: the text is stored once, in `search_text`). Thanks to them every
  one- or two-character string of the text begins a trigram of the index, so that
  `terms_starting` finds one- and two-character words too. The index exists only when this SQLite has
  FTS5 with the trigram tokenizer (3.34 and later); without it search reads `search_text` with
  LIKE, which is always correct, only slower.

`reindex` is called by every write that changes a proposal's title, body, tags or trash state,
inside that write's transaction, so that the index and the tables are committed (or rolled
back) together. If the file has an FTS5 index that this SQLite cannot use, `search_text` is
still kept in step and the index is marked stale (`search_meta`); `rebuild` repairs it.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterable

from sqlite_utils import Database

from consult.i18n import ntr, tr
from consult.storage.blobs import BlobStore, BodyDamaged

TEXT_TABLE = "search_text"
INDEX_TABLE = "search_index"
CONTENT_VIEW = "search_content"
END = "\n\n"  # after each column of the indexed text
MIN_SQLITE = (3, 34, 0)  # the first with the trigram tokenizer

# Title, tags and latest body sha of the proposals (not in the trash) — what the index holds.
_CURRENT = (
    "SELECT p.id, p.title, "
    "coalesce((SELECT group_concat(name, ', ') FROM (SELECT t.name FROM proposal_tags pt "
    "JOIN tags t ON t.id = pt.tag_id WHERE pt.proposal_id = p.id ORDER BY t.key)), '') AS tags, "
    "v.body AS body_sha "
    "FROM proposals p JOIN versions v ON v.proposal_id = p.id AND v.number = p.version "
    "WHERE +p.trashed IS NULL"
)


@functools.cache
def trigram_available() -> bool:
    """True when this process's SQLite has FTS5 with the trigram tokenizer."""
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        return False
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(x, tokenize='trigram')")
    except sqlite3.Error:
        return False
    finally:
        probe.close()
    return True


def has_index(db: Database) -> bool:
    """True when the file holds the FTS5 index (usable or not by this SQLite)."""
    return (
        db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [INDEX_TABLE]
        ).fetchone()
        is not None
    )


def is_stale(db: Database) -> bool:
    """True when writes were made that the FTS5 index did not take in (see `rebuild`)."""
    return db.execute("SELECT 1 FROM search_meta WHERE key = 'stale'").fetchone() is not None


def index_usable(db: Database) -> bool:
    """True when full-text queries can use the FTS5 index: it exists, this SQLite can read
    it, and it is not stale."""
    return trigram_available() and has_index(db) and not is_stale(db)


def create_index(db: Database) -> None:
    """Create the FTS5 index over `search_text` (empty; `rebuild` fills it)."""
    db.execute(
        f"CREATE VIEW {CONTENT_VIEW} AS SELECT row, title || char(10, 10) AS title, "
        f"tags || char(10, 10) AS tags, body || char(10, 10) AS body FROM {TEXT_TABLE}"
    )
    db.execute(
        f"CREATE VIRTUAL TABLE {INDEX_TABLE} USING fts5(title, tags, body, "
        f"content='{CONTENT_VIEW}', content_rowid='row', tokenize='trigram')"
    )


def terms_starting(db: Database, prefix: str, most: int) -> list[str] | None:
    """The index's terms (trigrams, as its tokenizer folded them) that begin with `prefix`;
    None when there are more than `most`."""
    _vocabulary(db)
    rows = db.execute(
        "SELECT term FROM temp.search_vocab WHERE term >= ? AND term < ? LIMIT ?",
        [prefix, prefix + "\U0010ffff", most + 1],
    ).fetchall()
    return [r[0] for r in rows] if len(rows) <= most else None


def documents_with(db: Database, term: str) -> int:
    """How many proposals hold this term of the index."""
    _vocabulary(db)
    row = db.execute("SELECT doc FROM temp.search_vocab WHERE term = ?", [term]).fetchone()
    return row[0] if row else 0


def _vocabulary(db: Database) -> None:
    # The index's terms with the number of proposals holding each: a table of this connection
    # only (temp), so nothing is written to the library.
    db.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab "
        f"USING fts5vocab(main, {INDEX_TABLE}, 'row')"
    )


def reindex(db: Database, proposal_ids: Iterable[str], blobs: BlobStore | None = None) -> None:
    """Bring the index rows of these proposals in line with the tables.

    Call inside the write transaction that changed them, after the change. A proposal that is
    in the trash or no longer exists leaves the index; one whose indexed title, tags and body
    are already current is left alone. `blobs` (the library's store, which remembers bodies
    just written) reads bodies that changed.
    """
    ids = list(dict.fromkeys(proposal_ids))
    if not ids:
        return
    fts = has_index(db)
    writable = fts and trigram_available()
    if fts and not writable:
        # This SQLite cannot write the FTS5 index: keep `search_text` right, mark the index.
        db.execute("INSERT OR IGNORE INTO search_meta (key, value) VALUES ('stale', '1')")
    store = blobs or BlobStore(db)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        current = {
            row[0]: row[1:] for row in db.execute(f"{_CURRENT} AND p.id IN ({marks})", chunk)
        }
        indexed = {
            row[1]: row
            for row in db.execute(
                f"SELECT row, proposal_id, title, tags, body, body_sha FROM {TEXT_TABLE} "
                f"WHERE proposal_id IN ({marks})",
                chunk,
            )
        }
        for proposal_id in chunk:
            old = indexed.get(proposal_id)
            new = current.get(proposal_id)
            old_key = (old[2], old[3], old[5]) if old is not None else None
            if old_key == new:  # already current (or neither indexed nor to be)
                continue
            if old is not None:
                _remove(db, old, writable)
            if new is not None:
                title, tags, body_sha = new
                # A change of title or tags only: the indexed body is still the right one.
                body = old[4] if old is not None and old[5] == body_sha else _body(store, body_sha)
                _add(db, proposal_id, title, tags, body, body_sha, writable)


def rebuild(db: Database, blobs: BlobStore | None = None) -> int:
    """Index every proposal not in the trash afresh (inside the caller's write transaction).

    Creates the FTS5 index when this SQLite has the trigram tokenizer, else leaves search to
    LIKE. Returns the number of proposals indexed.
    """
    store = blobs or BlobStore(db)
    if has_index(db):
        db.execute(f"DROP TABLE {INDEX_TABLE}")
    db.execute(f"DROP VIEW IF EXISTS {CONTENT_VIEW}")
    db.execute(f"DELETE FROM {TEXT_TABLE}")
    db.execute("DELETE FROM search_meta WHERE key = 'stale'")
    # Oldest change first, so that row numbers grow with `updated` as they do afterwards.
    rows = db.execute(f"{_CURRENT} ORDER BY p.updated, p.id").fetchall()
    for proposal_id, title, tags, body_sha in rows:
        db.execute(
            f"INSERT INTO {TEXT_TABLE} (proposal_id, title, tags, body, body_sha) "
            "VALUES (?, ?, ?, ?, ?)",
            [proposal_id, title, tags, _body(store, body_sha), body_sha],
        )
    if trigram_available():
        create_index(db)
        db.execute(f"INSERT INTO {INDEX_TABLE} ({INDEX_TABLE}) VALUES ('rebuild')")
    return len(rows)


def verify(db: Database) -> list[str]:
    """What is wrong with the search index (an empty list when nothing is).

    Checks that the indexed text is that of every proposal not in the trash and of no other,
    and runs FTS5's 'integrity-check' against that text.
    """
    problems = []
    missing, wrong = db.execute(
        f"SELECT total(s.row IS NULL), total(s.title != c.title OR s.tags != c.tags "
        f"OR s.body_sha != c.body_sha) "
        f"FROM ({_CURRENT}) c LEFT JOIN {TEXT_TABLE} s ON s.proposal_id = c.id"
    ).fetchone()
    extra = db.execute(
        f"SELECT count(*) FROM {TEXT_TABLE} s LEFT JOIN proposals p ON p.id = s.proposal_id "
        "WHERE p.id IS NULL OR p.trashed IS NOT NULL"
    ).fetchone()[0]
    if missing:
        problems.append(
            ntr(
                "search index: {count} proposal is not indexed",
                "search index: {count} proposals are not indexed",
                int(missing),
            )
        )
    if wrong:
        problems.append(
            ntr(
                "search index: {count} proposal is indexed with old text or tags",
                "search index: {count} proposals are indexed with old text or tags",
                int(wrong),
            )
        )
    if extra:
        problems.append(
            ntr(
                "search index: {count} indexed proposal is in the trash or gone",
                "search index: {count} indexed proposals are in the trash or gone",
                extra,
            )
        )
    if not has_index(db):
        return problems
    if is_stale(db):
        problems.append(tr("search index: changes were made that the full-text index lacks"))
    elif not trigram_available():
        problems.append(
            tr(
                "search index: this SQLite ({version}) cannot read the full-text index (it "
                "needs FTS5 with the trigram tokenizer, SQLite 3.34 or later)",
                version=sqlite3.sqlite_version,
            )
        )
    else:
        try:
            # rank = 1 compares the index with the text it was built from, not only itself.
            db.execute(
                f"INSERT INTO {INDEX_TABLE} ({INDEX_TABLE}, rank) VALUES ('integrity-check', 1)"
            )
        except sqlite3.DatabaseError as e:
            problems.append(tr("search index: the full-text index is damaged ({detail})", detail=e))
    return problems


def _body(store: BlobStore, body_sha: str) -> str:
    try:
        return store.read(body_sha)
    except BodyDamaged:
        # A damaged body is reported by `consult check`; it must not stop a save, an untrash
        # or a migration. The proposal stays findable by its title and tags.
        return ""


def _remove(db: Database, old: tuple, writable: bool) -> None:
    row, _proposal_id, title, tags, body, _sha = old
    if writable:
        # External content: FTS5 must be told the exact text it indexed to forget it.
        db.execute(
            f"INSERT INTO {INDEX_TABLE} ({INDEX_TABLE}, rowid, title, tags, body) "
            "VALUES ('delete', ?, ?, ?, ?)",
            [row, title + END, tags + END, body + END],
        )
    db.execute(f"DELETE FROM {TEXT_TABLE} WHERE row = ?", [row])


def _add(
    db: Database, proposal_id: str, title: str, tags: str, body: str, body_sha: str, writable: bool
) -> None:
    cursor = db.execute(
        f"INSERT INTO {TEXT_TABLE} (proposal_id, title, tags, body, body_sha) "
        "VALUES (?, ?, ?, ?, ?)",
        [proposal_id, title, tags, body, body_sha],
    )
    if writable:
        db.execute(
            f"INSERT INTO {INDEX_TABLE} (rowid, title, tags, body) VALUES (?, ?, ?, ?)",
            [cursor.lastrowid, title + END, tags + END, body + END],
        )
