"""Related proposals: the others most like one proposal (to merge or to co-sign them).

The score is the cosine similarity of the two texts' sets of character trigrams — title, tags
and body, NFKC-normalised, casefolded and without whitespace, so that Chinese (no spaces) and
English are compared alike and 全角 / half-width forms count as the same. It runs from 0 (no
trigram in common) to 1 (the same text). Only the first RELATED_CHARS characters of each text
are compared: enough to tell what a proposal is about, and it bounds the cost for whole laws.

The candidates come from the full-text index (consult/storage/fulltext.py), not from
comparing every proposal: a sample of this proposal's trigrams is looked up in the index's
vocabulary, the rarest that occur in other proposals are searched for, and the proposals
sharing most of them (bm25) are compared in full. The cost does not grow with the library.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from consult.errors import NotFound
from consult.i18n import tr
from consult.storage import fulltext
from consult.storage.blobs import BlobStore, BodyDamaged

RELATED_CHARS = 20_000
_SAMPLE = 32  # trigrams of the proposal whose rarity is looked up
_TERMS = 24  # of them (found in other proposals), searched for
_POSTINGS = 5_000  # at most (about) this many proposals read by the query of those
_CANDIDATES = 40  # the proposals sharing most of those, compared in full
_RECENT = 300  # without the index: the most recently changed proposals are compared


@dataclass(frozen=True)
class RelatedProposal:
    """A proposal like another: `score` from 0 (nothing in common) to 1 (the same text)."""

    id: str
    title: str
    score: float


def related(source: Any, proposal_id: str, limit: int = 10) -> list[RelatedProposal]:
    """The proposals (not in the trash) most like `proposal_id`, most similar first.

    `source` is a Library or its Database. Raises NotFound for an unknown id; a proposal in
    the trash has related proposals too.
    """
    db = source if isinstance(source, Database) else source.db
    text = _proposal_text(db, proposal_id)
    grams = trigrams(text)
    if not grams or limit <= 0:
        return []
    if fulltext.index_usable(db):
        candidates = _candidates(db, proposal_id, text)
    else:
        candidates = [
            r[0]
            for r in db.execute(
                "SELECT row FROM search_text WHERE proposal_id != ? ORDER BY row DESC LIMIT ?",
                [proposal_id, _RECENT],
            )
        ]
    found = []
    for other_id, title, tags, body in db.execute(
        f"SELECT proposal_id, title, tags, body FROM search_text "
        f"WHERE row IN ({','.join(map(str, candidates))})"
    ):
        other = trigrams(_joined(title, tags, body))
        score = len(grams & other) / math.sqrt(len(grams) * len(other)) if other else 0.0
        if score > 0:
            found.append(RelatedProposal(other_id, title, round(min(score, 1.0), 4)))
    found.sort(key=lambda r: (-r.score, r.title, r.id))
    return found[:limit]


def trigrams(text: str) -> set[str]:
    """The character trigrams of the text as related() compares it (normalised, cut)."""
    flat = "".join(unicodedata.normalize("NFKC", text).casefold().split())[:RELATED_CHARS]
    return {flat[i : i + 3] for i in range(len(flat) - 2)}


def _joined(title: str, tags: str, body: str) -> str:
    # Twice the compared length: whitespace and NFKC can shorten it.
    return f"{title}\n{tags}\n{body[: RELATED_CHARS * 2]}"


def _proposal_text(db: Database, proposal_id: str) -> str:
    row = db.execute(
        "SELECT title, tags, body FROM search_text WHERE proposal_id = ?", [proposal_id]
    ).fetchone()
    if row is not None:
        return _joined(*row)
    # Not indexed: in the trash. Its text is that of its latest version.
    found = db.execute(
        "SELECT p.title, v.body FROM proposals p JOIN versions v ON v.proposal_id = p.id "
        "AND v.number = p.version WHERE p.id = ?",
        [proposal_id],
    ).fetchone()
    if found is None:
        raise NotFound(tr("No proposal with id “{id}”", id=proposal_id))
    title, body_sha = found
    try:
        body = BlobStore(db).read(body_sha)
    except BodyDamaged:
        body = ""
    tags = db.execute(
        "SELECT group_concat(t.name, ', ') FROM proposal_tags pt JOIN tags t ON t.id = pt.tag_id "
        "WHERE pt.proposal_id = ?",
        [proposal_id],
    ).fetchone()[0]
    return _joined(title, tags or "", body)


def _candidates(db: Database, proposal_id: str, text: str) -> list[int]:
    """Rows of the proposals sharing most of this text's rarest trigrams (by bm25)."""
    # Trigrams of letters and digits (Han characters are letters), lower-cased as the index
    # has them: the most frequent in this text (what it is about, and its boilerplate), and
    # others sampled evenly over it (so that all of it is represented).
    lowered = text.lower()
    counts = Counter(
        piece for piece in (lowered[i : i + 3] for i in range(len(lowered) - 2)) if piece.isalnum()
    )
    frequent = [term for term, _n in counts.most_common(_SAMPLE // 2)]
    distinct = list(counts)
    spread = distinct[:: max(1, len(distinct) // (_SAMPLE // 2))]
    sample = list(dict.fromkeys(frequent + spread))[:_SAMPLE]
    own = db.execute("SELECT row FROM search_text WHERE proposal_id = ?", [proposal_id]).fetchone()
    alone = 1 if own else 0  # a trigram found in this proposal only leads nowhere
    rarity = []
    for term in sample:
        docs = fulltext.documents_with(db, term)
        if docs > alone:
            rarity.append((docs, term))
    # From the rarest up, evenly: rare trigrams find near-copies first (bm25 weighs them most),
    # commoner ones find the proposals on the same matter in other words.
    # The query reads every proposal holding any of its terms: the commonest are left out
    # while together they would hold more than _POSTINGS, which bounds the cost.
    rarity.sort()
    chosen = rarity[:: max(1, len(rarity) // _TERMS)][:_TERMS]
    while len(chosen) > 1 and sum(docs for docs, _term in chosen) > _POSTINGS:
        chosen.pop()
    terms = [term for _docs, term in chosen]
    if not terms:
        return []
    match = " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)
    rows = db.execute(
        "SELECT rowid FROM search_index WHERE search_index MATCH ? AND rowid != ? "
        "ORDER BY rank LIMIT ?",
        [match, own[0] if own else -1, _CANDIDATES],
    )
    return [r[0] for r in rows]
