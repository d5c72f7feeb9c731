"""Shared fixtures of the core tests: every library lives in the test's tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from consult.library import Library


@pytest.fixture(autouse=True)
def _no_real_library(tmp_path, monkeypatch):
    """Whatever falls back to the default library gets one in tmp_path, never the user's."""
    monkeypatch.setenv("CONSULT_DB", str(tmp_path / "default-library.consult"))


@pytest.fixture
def lib_path(tmp_path) -> Path:
    return tmp_path / "library.consult"


@pytest.fixture
def lib(lib_path):
    library = Library.open(lib_path, create=True)
    yield library
    library.close()
