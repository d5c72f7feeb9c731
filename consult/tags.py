"""Tags: names with an optional colour, nested with "/" (`AI/copyright` sits under `AI`).

Functions here take a Database and must run inside the caller's write transaction when they
write. Names are unique regardless of case (casefolded, so in every script); the first
spelling is kept.
"""

from __future__ import annotations

import json
import re
import unicodedata

from sqlite_utils import Database

from consult.errors import InvalidInput, NotFound
from consult.i18n import tr
from consult.model import Tag

MAX_TAG_LENGTH = 100
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def normalize_tag(name: str) -> str:
    """`" AI / copyright "` → `"AI/copyright"`; raises InvalidInput for names that cannot be tags."""
    parts = [" ".join(part.split()) for part in str(name).split("/")]
    if not any(parts) or any(not part for part in parts):
        raise InvalidInput(
            tr(
                "“{name}” is not a tag name: use words separated by “/”, e.g. AI/copyright",
                name=name,
            )
        )
    joined = "/".join(parts)
    if any(unicodedata.category(ch).startswith("C") for ch in joined) or "," in joined:
        raise InvalidInput(
            tr(
                "“{name}” is not a tag name: commas and control characters are not allowed",
                name=name,
            )
        )
    if len(joined) > MAX_TAG_LENGTH:
        raise InvalidInput(tr("Tag names are at most {limit} characters", limit=MAX_TAG_LENGTH))
    return joined


def normalize_color(color: str | None) -> str | None:
    if color is None or color == "":
        return None
    if not _COLOR.match(color):
        raise InvalidInput(tr("“{color}” is not a colour: use #rrggbb, e.g. #3a7bd5", color=color))
    return color.lower()


def tag_key(name: str) -> str:
    """What makes two tag names the same: the normalised name, casefolded."""
    return normalize_tag(name).casefold()


def find_tag(db: Database, name: str) -> tuple[int, str] | None:
    """(id, stored spelling) of the tag with this name, in any case."""
    row = db.execute("SELECT id, name FROM tags WHERE key = ?", [tag_key(name)]).fetchone()
    return (row[0], row[1]) if row else None


def require_tag(db: Database, name: str) -> tuple[int, str]:
    found = find_tag(db, name)
    if found is None:
        raise NotFound(tr("No tag named “{name}”", name=name))
    return found


def spelled(db: Database, name: str) -> str:
    """`name` with each leading part that already exists spelled as it is stored."""
    result = ""
    for part in normalize_tag(name).split("/"):
        candidate = f"{result}/{part}" if result else part
        found = find_tag(db, candidate)
        result = found[1] if found else candidate
    return result


def ensure_tag(db: Database, name: str) -> int:
    """The id of the tag `name`, creating it and its parents as needed (keeps stored spellings)."""
    path = ""
    tag_id = 0
    for part in spelled(db, name).split("/"):
        path = f"{path}/{part}" if path else part
        found = find_tag(db, path)
        if found:
            tag_id = found[0]
        else:
            cursor = db.execute(
                "INSERT INTO tags (name, key) VALUES (?, ?)", [path, path.casefold()]
            )
            tag_id = int(cursor.lastrowid or 0)
    return tag_id


def subtree(db: Database, name: str) -> list[tuple[int, str]]:
    """The tag and every tag below it, as (id, name), parents first."""
    key = tag_key(name)
    return [
        (row[0], row[1])
        for row in db.execute(
            "SELECT id, name FROM tags WHERE key = ? OR substr(key, 1, length(?) + 1) = ? || '/' "
            "ORDER BY length(key)",
            [key, key, key],
        )
    ]


def proposal_tags(db: Database, proposal_id: str) -> tuple[str, ...]:
    rows = db.execute(
        "SELECT t.name FROM proposal_tags pt JOIN tags t ON t.id = pt.tag_id "
        "WHERE pt.proposal_id = ? ORDER BY t.key",
        [proposal_id],
    )
    return tuple(row[0] for row in rows)


def tagged(db: Database, names: list[str]) -> list[str]:
    """The ids of the proposals tagged with any of these tags or a tag below one of them."""
    ids: list[int] = []
    for name in names:
        found = find_tag(db, name)
        if found:
            ids.extend(tag_id for tag_id, _ in subtree(db, found[1]))
    if not ids:
        return []
    rows = db.execute(
        "SELECT DISTINCT proposal_id FROM proposal_tags WHERE tag_id IN "
        "(SELECT value FROM json_each(?))",
        [json.dumps(ids)],
    )
    return [row[0] for row in rows]


def add(db: Database, proposal_id: str, names: list[str]) -> None:
    for name in names:
        db.execute(
            "INSERT OR IGNORE INTO proposal_tags (proposal_id, tag_id) VALUES (?, ?)",
            [proposal_id, ensure_tag(db, name)],
        )


def remove(db: Database, proposal_id: str, names: list[str]) -> None:
    for name in names:
        found = find_tag(db, name)
        if found:
            db.execute(
                "DELETE FROM proposal_tags WHERE proposal_id = ? AND tag_id = ?",
                [proposal_id, found[0]],
            )


def rename(db: Database, old: str, new: str) -> str:
    """Rename a tag and everything below it; returns the new name."""
    _old_id, old_name = require_tag(db, old)
    moving = subtree(db, old_name)
    moving_ids = {tag_id for tag_id, _ in moving}
    new_name = normalize_tag(new)
    if new_name == old_name:
        return new_name
    if new_name.casefold().startswith(old_name.casefold() + "/"):
        raise InvalidInput(tr("“{name}” cannot be moved under itself", name=old_name))
    if new_name.casefold() != old_name.casefold():  # not a change of case only
        new_name = spelled(db, new_name)
    for _tag_id, name in moving:
        clash = find_tag(db, new_name + name[len(old_name) :])
        if clash and clash[0] not in moving_ids:
            raise InvalidInput(
                tr(
                    "A tag named “{existing}” already exists; merge “{name}” into it instead",
                    existing=clash[1],
                    name=old_name,
                )
            )
    for tag_id, name in moving:
        renamed = new_name + name[len(old_name) :]
        db.execute(
            "UPDATE tags SET name = ?, key = ? WHERE id = ?", [renamed, renamed.casefold(), tag_id]
        )
    if "/" in new_name:
        ensure_tag(db, new_name.rpartition("/")[0])
    return new_name


def merge(db: Database, sources: list[str], target: str) -> str:
    """Give every proposal tagged with a source (or below it) the target instead; sources go."""
    target_name = normalize_tag(target)
    for source in sources:
        require_tag(db, source)  # every source must exist before anything changes
    for source in sources:
        found = find_tag(db, source)
        if found is None:  # already merged as part of an earlier source's subtree
            continue
        source_name = found[1]
        if source_name.casefold() == target_name.casefold():
            continue
        if target_name.casefold().startswith(source_name.casefold() + "/"):
            raise InvalidInput(
                tr("“{name}” cannot be merged into a tag below it", name=source_name)
            )
        for tag_id, name in reversed(subtree(db, source_name)):
            into = ensure_tag(db, target_name + name[len(source_name) :])
            db.execute(
                "INSERT OR IGNORE INTO proposal_tags (proposal_id, tag_id) "
                "SELECT proposal_id, ? FROM proposal_tags WHERE tag_id = ?",
                [into, tag_id],
            )
            db.execute(
                "UPDATE tags SET color = (SELECT color FROM tags WHERE id = ?) "
                "WHERE id = ? AND color IS NULL",
                [tag_id, into],
            )
            db.execute("DELETE FROM tags WHERE id = ?", [tag_id])
    found = find_tag(db, target_name)
    return found[1] if found else target_name


def delete(db: Database, name: str) -> None:
    """Remove a tag and those below it from every proposal."""
    _tag_id, stored = require_tag(db, name)
    for tag_id, _ in subtree(db, stored):
        db.execute("DELETE FROM tags WHERE id = ?", [tag_id])


def set_color(db: Database, name: str, color: str | None) -> None:
    tag_id, _ = require_tag(db, name)
    db.execute("UPDATE tags SET color = ? WHERE id = ?", [normalize_color(color), tag_id])


def all_tags(db: Database) -> list[Tag]:
    """Every tag with its counts over proposals not in the trash, parents before children.

    Counted from the tag index in one pass, plus one query per tag that has tags below it,
    rather than one scan of every proposal's tags per tag (6 ms instead of 230 for 10,000
    proposals).
    """
    tags = db.execute("SELECT id, name, key, color FROM tags ORDER BY key").fetchall()
    trashed = [row[0] for row in db.execute("SELECT id FROM proposals WHERE trashed IS NOT NULL")]
    live, live_params = "1", []
    if trashed:
        live, live_params = (
            "proposal_id NOT IN (SELECT value FROM json_each(?))",
            [json.dumps(trashed)],
        )
    own = dict(
        db.execute(
            f"SELECT tag_id, count(*) FROM proposal_tags WHERE {live} GROUP BY tag_id", live_params
        ).fetchall()
    )
    ids_by_key = {key: tag_id for tag_id, _name, key, _color in tags}
    below: dict[int, list[int]] = {}
    for tag_id, _name, key, _color in tags:
        parts = key.split("/")
        for depth in range(1, len(parts)):
            parent = ids_by_key.get("/".join(parts[:depth]))
            if parent is not None:
                below.setdefault(parent, []).append(tag_id)
    result = []
    for tag_id, name, _key, color in tags:
        count = own.get(tag_id, 0)
        if tag_id in below:
            subtree = [tag_id, *below[tag_id]]
            count = db.execute(
                f"SELECT count(DISTINCT proposal_id) FROM proposal_tags "
                f"WHERE tag_id IN ({','.join('?' * len(subtree))}) AND {live}",
                [*subtree, *live_params],
            ).fetchone()[0]
        result.append(Tag(name=name, color=color, count=count, own_count=own.get(tag_id, 0)))
    return result
