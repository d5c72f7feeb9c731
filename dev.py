#!/usr/bin/env python3
"""Set up a virtual environment in .venv and run the app or the tests.

    python3 dev.py app      # set up, then start the desktop app on the demo library
    python3 dev.py test     # set up, then run the whole test suite

Needs only Python 3.11+. Dependencies come from pyproject.toml and are installed again only
when it changes. Extra arguments go to the app (e.g. --db PATH) or to pytest (e.g. -k tags).
"""

from __future__ import annotations

import ctypes.util
import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".consult-installed"
DEMO_LIBRARY = ROOT / ".demo" / "library.consult"


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_environment() -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 (this script may be run by an older Python)
        sys.exit(f"Consult needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    python = venv_python()
    if not python.exists():
        print(f"Creating a virtual environment in {VENV} …", flush=True)
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        except (OSError, subprocess.CalledProcessError) as e:
            sys.exit(
                f"Could not create {VENV}: {e}\n"
                "On Debian or Ubuntu install the venv module first: sudo apt install python3-venv"
            )
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        print("Installing Consult and its dependencies into .venv …", flush=True)
        run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
        run([python, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"])
        STAMP.write_text(wanted)
    return python


def run(cmd: list, **kwargs) -> None:
    result = subprocess.run([str(c) for c in cmd], cwd=ROOT, **kwargs)
    if result.returncode != 0:
        sys.exit(result.returncode)


def missing_linux_display_libraries() -> list[str]:
    """Debian package names of the X11 libraries Qt's xcb plugin needs and cannot find."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return []
    needed = {
        "xcb-cursor": "libxcb-cursor0",
        "xcb-icccm": "libxcb-icccm4",
        "xcb-keysyms": "libxcb-keysyms1",
        "xkbcommon-x11": "libxkbcommon-x11-0",
        "EGL": "libegl1",
        "fontconfig": "libfontconfig1",
    }
    return [pkg for lib, pkg in needed.items() if ctypes.util.find_library(lib) is None]


def app(args: list[str]) -> None:
    python = ensure_environment()
    missing = missing_linux_display_libraries()
    if missing:
        print(
            "Qt needs these system libraries to open a window: "
            f"sudo apt install {' '.join(missing)}",
            file=sys.stderr,
        )
    if "--db" not in args:
        args = ["--db", str(DEMO_LIBRARY), *args]
    run([python, ROOT / "main.py", *args])


def test(args: list[str]) -> None:
    python = ensure_environment()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run([python, "-m", "pytest", *args], env=env)


def main() -> None:
    commands = {"app": app, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
