"""The core never pulls in Qt: the command line and scripts work without a display."""

from __future__ import annotations

import subprocess
import textwrap

from core_helpers import PYTHON, REPO, subprocess_env

CHILD = textwrap.dedent(
    """
    import importlib.abc, sys

    attempts = []

    class Watch(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6", "ui"):
                attempts.append(name)
            return None  # let the normal finders do the import

    sys.meta_path.insert(0, Watch())
    import consult, consult.library, consult.cli, consult.demo, consult.tags  # noqa: E401
    import consult.storage.backup, consult.markdown_io.text_file  # noqa: E401
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
    print("attempted:", attempts)
    print("loaded:", loaded)
    """
)


def test_importing_the_core_does_not_import_qt():
    result = subprocess.run(
        [PYTHON, "-c", CHILD],
        cwd=REPO,
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["attempted: []", "loaded: []"]


def test_the_command_loads_the_compare_engine_only_for_the_commands_that_compare():
    """`consult list` and friends start fast: building the command's parser (every command,
    `amend` and `diff` included) does not import consult.compare; `diff` does when it runs."""
    child = textwrap.dedent(
        """
        import sys
        from consult.cli import build_parser
        build_parser()
        print(sorted(m for m in sys.modules if m.startswith("consult.compare")))
        """
    )
    result = subprocess.run(
        [PYTHON, "-c", child],
        cwd=REPO,
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
