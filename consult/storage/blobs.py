"""Version bodies: zstd-compressed, stored once per SHA-256, as deltas with full copies at intervals.

A delta compresses the new body with the previous body as a zstd raw-content dictionary, so a
small edit of a 100 KB text costs a few dozen bytes. Every FULL_EVERY-th body in a chain is a full
copy, which bounds the work of reading any version. Reads verify the SHA-256.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import OrderedDict

import zstandard
from sqlite_utils import Database

from consult.i18n import tr

FULL_EVERY = 32  # the longest chain of deltas between two full copies
LEVEL = 6
_MAX_CHAIN = 10_000  # guards the recursive read against a damaged, cyclic chain


class BodyDamaged(Exception):
    """A stored body is missing, undecodable or fails its SHA-256 check. The message completes
    "its stored text …" (consult.library says which version)."""


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class BlobStore:
    """Writes and reads bodies in the `blobs` table of one library."""

    def __init__(self, db: Database) -> None:
        self.db = db
        # Bodies recently written or read, keyed by SHA-256: the base of the next delta is
        # almost always the body saved just before, so saving need not decompress it again.
        self._recent: OrderedDict[str, bytes] = OrderedDict()

    def put(self, text: str, previous: str | None) -> str:
        """Store `text` (inside the caller's write transaction); return its SHA-256.

        `previous` is the SHA-256 of the body it most likely resembles (the previous version's).
        """
        data = text.encode("utf-8")
        sha = hashlib.sha256(data).hexdigest()
        if self.db.execute("SELECT 1 FROM blobs WHERE sha256 = ?", [sha]).fetchone():
            return sha
        base, depth, stored = None, 0, zstandard.ZstdCompressor(level=LEVEL).compress(data)
        row = None
        if previous:
            row = self.db.execute("SELECT depth FROM blobs WHERE sha256 = ?", [previous]).fetchone()
        if row is not None and row[0] + 1 < FULL_EVERY and data:
            assert previous is not None
            base_bytes = self._recent.get(previous) or self.read_bytes(previous)
            delta = _compressor(base_bytes).compress(data) if base_bytes else stored
            if len(delta) < len(stored):
                base, depth, stored = previous, row[0] + 1, delta
        self.db.execute(
            "INSERT INTO blobs (sha256, base, depth, size, data) VALUES (?, ?, ?, ?, ?)",
            [sha, base, depth, len(data), stored],
        )
        self._remember(sha, data)
        return sha

    def read(self, sha: str) -> str:
        """The body with this SHA-256, read from the file and verified."""
        return self.read_bytes(sha).decode("utf-8")

    def read_bytes(self, sha: str) -> bytes:
        try:
            chain = self.db.execute(
                """WITH RECURSIVE chain(sha256, base, size, data, n) AS (
                       SELECT sha256, base, size, data, 0 FROM blobs WHERE sha256 = ?
                       UNION ALL
                       SELECT b.sha256, b.base, b.size, b.data, chain.n + 1
                       FROM blobs b JOIN chain ON b.sha256 = chain.base
                       WHERE chain.n < ?
                   )
                   SELECT sha256, base, size, data FROM chain ORDER BY n DESC""",
                [sha, _MAX_CHAIN],
            ).fetchall()
        except sqlite3.DatabaseError as e:
            raise BodyDamaged(tr("cannot be read ({detail})", detail=e)) from e
        if not chain:
            raise BodyDamaged(tr("is missing from the library"))
        if chain[0][1] is not None:
            raise BodyDamaged(tr("depends on a stored body that is missing"))
        data = b""
        try:
            for _sha, base, size, stored in chain:
                if base is None:
                    data = zstandard.ZstdDecompressor().decompress(stored, max_output_size=size)
                else:
                    data = _decompressor(data).decompress(stored, max_output_size=size)
        except zstandard.ZstdError as e:
            raise BodyDamaged(tr("cannot be decompressed ({detail})", detail=e)) from e
        if hashlib.sha256(data).hexdigest() != sha:
            raise BodyDamaged(tr("does not match its SHA-256 checksum"))
        self._remember(sha, data)
        return data

    def _remember(self, sha: str, data: bytes) -> None:
        self._recent[sha] = data
        self._recent.move_to_end(sha)
        while len(self._recent) > 8:
            self._recent.popitem(last=False)

    def forget(self) -> None:
        """Drop remembered bodies (after a rollback, what was written may not exist)."""
        self._recent.clear()


def _dictionary(base: bytes) -> zstandard.ZstdCompressionDict:
    return zstandard.ZstdCompressionDict(base, dict_type=zstandard.DICT_TYPE_RAWCONTENT)


def _compressor(base: bytes) -> zstandard.ZstdCompressor:
    return zstandard.ZstdCompressor(level=LEVEL, dict_data=_dictionary(base))


def _decompressor(base: bytes) -> zstandard.ZstdDecompressor:
    return zstandard.ZstdDecompressor(dict_data=_dictionary(base))
