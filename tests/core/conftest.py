"""Shared fixtures of the core tests: every library lives in the test's tmp_path
(tests/conftest.py keeps the default library there too)."""

from __future__ import annotations

from pathlib import Path

import pytest

from consult.cli import main
from consult.library import Library


@pytest.fixture
def lib_path(tmp_path) -> Path:
    return tmp_path / "library.consult"


@pytest.fixture
def lib(lib_path):
    library = Library.open(lib_path, create=True)
    yield library
    library.close()


@pytest.fixture
def cli(capsys):
    """Run `consult ARGS…` in-process: (exit status, stdout, stderr)."""

    def run(*argv):
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run
