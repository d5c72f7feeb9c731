"""The code stays as STYLE.md asks: ruff-clean and formatted, mypy-clean core, no Qt in the core,
and no `with conn:` writes anywhere (they do not make several sqlite-utils writes atomic)."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["consult", "ui", "tests", "bench", "main.py", "dev.py"]


def run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)


def test_ruff_check_and_format():
    check = run(sys.executable, "-m", "ruff", "check", *SOURCES)
    assert check.returncode == 0, check.stdout + check.stderr
    fmt = run(sys.executable, "-m", "ruff", "format", "--check", *SOURCES)
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_mypy_on_the_core():
    result = run(sys.executable, "-m", "mypy", "consult")
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_write_uses_with_conn():
    pattern = re.compile(r"with\s+[\w.]*conn\s*:")
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in ("consult", "ui")
        for path in (ROOT / folder).rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_core_never_imports_qt_in_source():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "consult").rglob("*.py")
        if re.search(r"^\s*(from|import)\s+PySide6", path.read_text(encoding="utf-8"), re.M)
    ]
    assert offenders == []
