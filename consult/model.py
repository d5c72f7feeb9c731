"""The things a user works with: proposals, their versions, tags.

Plain dataclasses and enums; no storage and no Qt here.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from consult.errors import InvalidInput
from consult.i18n import N_, join, tr

# What parse_choice says, by the `what` its callers give (whole sentences, for translation).
_NOT_A = {
    "kind": N_("“{value}” is not a kind; choose one of: {choices}"),
    "status": N_("“{value}” is not a status; choose one of: {choices}"),
    "kind of proposal": N_("“{value}” is not a kind of proposal; choose one of: {choices}"),
}


def parse_choice(cls: Any, value: Any, what: str) -> Any:
    """`cls(value)`, or InvalidInput naming `what` ("kind", "status" …) and the choices."""
    try:
        return cls(value)
    except ValueError:
        template = _NOT_A.get(what, N_("“{value}” is not one of: {choices}"))
        choices = join([member.value for member in cls])
        raise InvalidInput(tr(template, value=value, choices=choices)) from None


class Kind(StrEnum):
    MOTION = "motion"
    SUGGESTION = "suggestion"
    PROPOSAL = "proposal"
    AMENDMENT = "amendment"
    PLAN = "plan"
    REFERENCE = "reference"
    NOTE = "note"


class Status(StrEnum):
    DRAFT = "draft"
    READY = "ready"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    WITHDRAWN = "withdrawn"
    ARCHIVED = "archived"


# Kinds and statuses by the names the window gives them (ui/library_model.py's kind_label /
# status_label, and their Chinese in consult_zh_CN.ts), for what the core writes for people:
# `consult list` and `consult show` in the user's language, the before/after report in the
# language of its texts. Stored values and JSON keep the raw values ("amendment").
VALUE_NAMES: dict[str, dict[str, dict[str, str]]] = {
    "en": {
        "kind": {k.value: k.value.capitalize() for k in Kind},
        "status": {s.value: s.value.capitalize() for s in Status},
    },
    "zh": {
        "kind": {
            "motion": "议案",
            "suggestion": "建议",
            "proposal": "提案",
            "amendment": "修正案",
            "plan": "工作计划",
            "reference": "参考文本",
            "note": "笔记",
        },
        "status": {
            "draft": "草稿",
            "ready": "定稿",
            "submitted": "已提交",
            "accepted": "已立案",
            "withdrawn": "已撤回",
            "archived": "已归档",
        },
    },
}


def value_name(field: str, value: str, lang: str) -> str:
    """A kind or status (`field` "kind" / "status") by its name in the window, in `lang`
    ("en"; "zh" or "zh_CN"): "amendment" → "Amendment" / "修正案". Other values as they are."""
    names = VALUE_NAMES["zh" if lang.startswith("zh") else "en"].get(field, {})
    return names.get(value, value)


# The fields a version snapshots besides the body. Tags are not among them: they organise
# the library and can be renamed or merged without rewriting history.
CONTENT_FIELDS = ("title", "kind", "status", "sponsors", "cosigners", "session", "base")


@dataclass(frozen=True)
class Base:
    """The reference text (at a version) that an amendment amends."""

    proposal_id: str
    version: int | None = None  # None: its latest version

    def to_json(self) -> dict:
        return {"proposal_id": self.proposal_id, "version": self.version}

    @classmethod
    def from_json(cls, data: dict | None) -> Base | None:
        if not data:
            return None
        return cls(proposal_id=str(data["proposal_id"]), version=data.get("version"))


@dataclass(frozen=True)
class Content:
    """Everything one version holds: title, metadata and body."""

    title: str
    kind: Kind
    status: Status
    body: str
    sponsors: tuple[str, ...] = ()
    cosigners: tuple[str, ...] = ()
    session: str = ""
    base: Base | None = None

    def metadata_json(self) -> dict:
        """The metadata (everything but the body) as plain JSON values."""
        return {
            "title": self.title,
            "kind": self.kind.value,
            "status": self.status.value,
            "sponsors": list(self.sponsors),
            "cosigners": list(self.cosigners),
            "session": self.session,
            "base": self.base.to_json() if self.base else None,
        }

    def sha256(self) -> str:
        """SHA-256 of the canonical form of title, metadata and body.

        Two versions with the same hash hold the same content; this is what makes
        "identical content is never stored twice" checkable.
        """
        canonical = json.dumps(
            {**self.metadata_json(), "body": self.body},
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class VersionInfo:
    """One entry of a proposal's history; `number` orders versions, never the timestamp."""

    proposal_id: str
    number: int
    created: str  # ISO 8601 in UTC, e.g. 2026-11-25T13:26:53.123456Z
    utc_offset: int  # minutes east of UTC on the machine that saved it
    label: str
    sha256: str  # of the content (title, metadata, body)
    size: int  # characters in the body
    change: int  # characters deleted plus inserted since the previous version
    title: str


@dataclass(frozen=True)
class Version:
    """A version with its content, read back and checked against its SHA-256."""

    info: VersionInfo
    content: Content

    @property
    def number(self) -> int:
        return self.info.number


@dataclass(frozen=True)
class Proposal:
    """A proposal's metadata at its latest version, with its tags (the body is in its versions)."""

    id: str
    title: str
    kind: Kind
    status: Status
    sponsors: tuple[str, ...]
    cosigners: tuple[str, ...]
    session: str
    base: Base | None
    tags: tuple[str, ...]
    created: str
    updated: str
    version: int  # number of the latest version
    versions: int  # how many versions exist
    sha256: str  # of the latest version
    size: int  # characters in the latest body
    trashed: str | None = None  # when it was moved to the trash


@dataclass(frozen=True)
class Tag:
    name: str  # full path, "AI/copyright"
    color: str | None = None  # "#rrggbb"
    count: int = 0  # proposals carrying this tag or one below it (trash excluded)
    own_count: int = 0  # proposals carrying exactly this tag

    @property
    def parent(self) -> str | None:
        head, sep, _ = self.name.rpartition("/")
        return head if sep else None

    @property
    def leaf(self) -> str:
        return self.name.rpartition("/")[2]


@dataclass(frozen=True)
class Draft:
    """The working draft of a proposal: what was in the editor and not yet a version."""

    proposal_id: str
    content: Content
    saved: str  # ISO 8601 UTC
    based_on: int  # the version number the user was editing
    extra: dict = field(default_factory=dict)
