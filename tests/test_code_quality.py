"""The code stays as STYLE.md asks: ruff-clean and formatted, mypy-clean core, no Qt in the core,
and no `with conn:` writes anywhere (they do not make several sqlite-utils writes atomic)."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["consult", "ui", "resources", "tests", "bench", "main.py", "dev.py"]


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


# -- RELIABILITY.md: every case is a named test, and docs/reliability.md names real ones ---------

RELIABILITY_CASES = range(1, 29)
CASE_TEST = re.compile(r"^(?:    )?def (test_case(\d\d)_\w+)\(", re.M)  # module level, or a method
NODE_ID = re.compile(r"(tests/[\w/]+\.py)::(test_case(\d\d)_\w+)")


def _case_tests() -> dict[str, set[str]]:
    """Test file (relative to the repository) → the test_caseNN_ functions it defines."""
    return {
        path.relative_to(ROOT).as_posix(): {
            m[0] for m in CASE_TEST.findall(path.read_text("utf-8"))
        }
        for path in sorted((ROOT / "tests").rglob("test_*.py"))
    }


def test_every_reliability_case_has_a_named_test():
    proved = {
        int(name[len("test_case") :][:2]) for names in _case_tests().values() for name in names
    }
    assert [n for n in RELIABILITY_CASES if n not in proved] == []


def test_case_table_is_complete_and_names_real_tests():
    """docs/reliability.md has one row per case, and every test a row names exists and is
    named for that case."""
    rows: dict[int, list[tuple[str, str, str]]] = {}
    for line in (ROOT / "docs" / "reliability.md").read_text("utf-8").splitlines():
        row = re.match(r"\|\s*(\d+)\s*\|", line)
        if row:
            rows[int(row.group(1))] = NODE_ID.findall(line)
    assert sorted(rows) == list(RELIABILITY_CASES)
    defined = _case_tests()
    problems = []
    for case, nodes in sorted(rows.items()):
        if not nodes:
            problems.append(f"case {case}: no test named")
        for path, name, number in nodes:
            if int(number) != case:
                problems.append(f"case {case}: {path}::{name} is named for case {int(number)}")
            if name not in defined.get(path, set()):
                problems.append(f"case {case}: {path}::{name} does not exist")
    assert problems == []
