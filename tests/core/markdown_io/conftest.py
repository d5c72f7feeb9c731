"""Fixtures of the Markdown export / import tests: libraries and folders in tmp_path only."""

from __future__ import annotations

from pathlib import Path

import pytest

from consult.library import Library


@pytest.fixture
def out(tmp_path) -> Path:
    """The export folder (not made yet: export makes it)."""
    return tmp_path / "export"


@pytest.fixture
def other(tmp_path):
    """A second, empty library: where an export is imported."""
    library = Library.open(tmp_path / "other.consult", create=True)
    yield library
    library.close()
