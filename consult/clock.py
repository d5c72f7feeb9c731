"""The one place that reads the clock, so that tests (and the demo library) can set it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

_pinned: datetime | None = None


def now() -> datetime:
    """The current time, timezone-aware, in the machine's local zone."""
    if _pinned is not None:
        return _pinned
    return datetime.now(UTC).astimezone()


@contextmanager
def pinned(moment: datetime) -> Iterator[None]:
    """Within the block, `now()` answers `moment` (an aware datetime)."""
    global _pinned
    previous, _pinned = _pinned, moment
    try:
        yield
    finally:
        _pinned = previous


def stamp(moment: datetime | None = None) -> tuple[str, int]:
    """(ISO 8601 in UTC with a trailing Z, local offset from UTC in minutes)."""
    moment = moment or now()
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    utc = moment.astimezone(UTC).replace(tzinfo=None)
    return utc.isoformat(timespec="microseconds") + "Z", minutes


def local(iso_utc: str) -> datetime:
    """A stored UTC timestamp (`…Z`) as an aware datetime in the machine's local zone."""
    return datetime.fromisoformat(iso_utc.replace("Z", "+00:00")).astimezone()
