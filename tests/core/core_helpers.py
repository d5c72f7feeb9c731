"""Small helpers shared by the core tests (imported as a plain module)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
from pathlib import Path

from consult.model import Content, Kind, Status

REPO = Path(__file__).resolve().parents[2]
# The real law texts live beside the repository (../shared/corpus), in CI too; never copied in.
CORPUS = REPO.parent / "shared" / "corpus"


def content(title="Title", body="", kind=Kind.NOTE, status=Status.DRAFT, **more) -> Content:
    """A Content with sensible defaults, for save_version calls."""
    return Content(title=title, kind=Kind(kind), status=Status(status), body=body, **more)


def raw(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection to the file, as another program would open it."""
    return sqlite3.connect(str(path), isolation_level=None)


def file_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment for a child Python that imports the checkout's `consult`."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


PYTHON = sys.executable
