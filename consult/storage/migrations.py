"""The library's schema, changed only through these numbered migrations.

`PRAGMA user_version` holds the number of migrations applied, so that a library written by a
newer app (a larger number) is recognised and refused before anything is written.
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from consult.errors import MigrationFailed
from consult.i18n import tr
from consult.storage import fulltext
from consult.storage.connection import APPLICATION_ID, write_txn

migrations = Migrations("consult")


@migrations(name="0001_initial")
def initial(db: Database) -> None:
    statements = [
        # Version bodies, addressed by the SHA-256 of their UTF-8 bytes: zstd, either whole
        # (base NULL) or a delta against the body `base` (used as a raw-content dictionary).
        """CREATE TABLE blobs (
            sha256 TEXT PRIMARY KEY,
            base TEXT REFERENCES blobs(sha256),
            depth INTEGER NOT NULL CHECK (depth >= 0),
            size INTEGER NOT NULL,
            data BLOB NOT NULL
        )""",
        """CREATE TABLE proposals (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            sponsors TEXT NOT NULL DEFAULT '[]',
            cosigners TEXT NOT NULL DEFAULT '[]',
            session TEXT NOT NULL DEFAULT '',
            base TEXT,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            version INTEGER NOT NULL,
            versions INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            trashed TEXT
        )""",
        """CREATE TABLE versions (
            id INTEGER PRIMARY KEY,
            proposal_id TEXT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
            number INTEGER NOT NULL CHECK (number >= 1),
            created TEXT NOT NULL,
            utc_offset INTEGER NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            sha256 TEXT NOT NULL,
            body TEXT NOT NULL REFERENCES blobs(sha256),
            size INTEGER NOT NULL,
            change INTEGER NOT NULL,
            title TEXT NOT NULL,
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            sponsors TEXT NOT NULL,
            cosigners TEXT NOT NULL,
            session TEXT NOT NULL,
            base TEXT,
            UNIQUE (proposal_id, number)
        )""",
        # `key` is the casefolded name: names are unique regardless of case in every script
        # (SQLite's NOCASE folds only A–Z). Nesting is by name: `AI/copyright` sits under `AI`.
        """CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            key TEXT NOT NULL UNIQUE,
            color TEXT
        )""",
        """CREATE TABLE proposal_tags (
            proposal_id TEXT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            PRIMARY KEY (proposal_id, tag_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX proposal_tags_by_tag ON proposal_tags(tag_id)",
        # The working draft journal: at most one per proposal, replaced as the user types.
        """CREATE TABLE drafts (
            proposal_id TEXT PRIMARY KEY REFERENCES proposals(id) ON DELETE CASCADE,
            based_on INTEGER NOT NULL,
            saved TEXT NOT NULL,
            metadata TEXT NOT NULL,
            body TEXT NOT NULL
        )""",
        "CREATE INDEX proposals_by_updated ON proposals(updated)",
    ]
    for sql in statements:
        db.execute(sql)


@migrations(name="0002_live_index")
def live_index(db: Database) -> None:
    # The proposals not in the trash, newest first: the list's count and its default order
    # (every page of it) read from this index alone, without touching the table (`trashed`
    # is in it so that SQLite sees that it need not). Queries
    # that filter say `+trashed IS NULL` (consult.listing.NOT_TRASHED) to stay off it: for
    # them a scan is faster than the index and a look-up per row.
    db.execute("DROP INDEX IF EXISTS proposals_by_updated")
    db.execute(
        "CREATE INDEX proposals_live ON proposals(updated DESC, id, trashed) WHERE trashed IS NULL"
    )


@migrations(name="0003_search")
def search(db: Database) -> None:
    # The text search reads: one row per proposal not in the trash (title, tags, latest body),
    # renumbered whenever it changes, and the FTS5 trigram index over it when this SQLite has
    # one (consult/storage/fulltext.py keeps both in step).
    db.execute(
        """CREATE TABLE search_text (
            row INTEGER PRIMARY KEY,
            proposal_id TEXT NOT NULL UNIQUE REFERENCES proposals(id),
            title TEXT NOT NULL,
            tags TEXT NOT NULL,
            body TEXT NOT NULL,
            body_sha TEXT NOT NULL
        )"""
    )
    # `stale`: a write was made by an SQLite that could not update the FTS5 index.
    db.execute("CREATE TABLE search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
    fulltext.rebuild(db)


SCHEMA_VERSION = len(migrations._migrations)


def pending(db: Database) -> bool:
    """Whether this library needs migrations this app knows."""
    return bool(migrations.pending(db))


def migrate(db: Database, path: Path | None = None) -> None:
    """Apply pending migrations in one IMMEDIATE transaction with the schema number.

    A library that already holds data is first backed up (into its backups folder, see
    consult.backups) when `path` is given; if the migration then fails, everything it did is
    rolled back and MigrationFailed names that backup.
    """
    if not migrations.pending(db):
        return
    backup = None
    if path is not None and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        from consult import backups

        backup = backups.make_backup(path, "migration", source=db.conn).path
    try:
        with write_txn(db):
            # apply() looks again inside the transaction, so two processes never both migrate.
            migrations.apply(db)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except Exception as e:
        message = (
            tr(
                "Could not bring the library {path} up to date for this version of Consult "
                "({detail}). Nothing was changed; a copy made just before is at {backup}. "
                "Starting again will retry",
                path=path or "",
                detail=e,
                backup=backup,
            )
            if backup
            else tr(
                "Could not bring the library {path} up to date for this version of Consult "
                "({detail}). Nothing was changed. Starting again will retry",
                path=path or "",
                detail=e,
            )
        )
        raise MigrationFailed(message, backup=backup) from e
