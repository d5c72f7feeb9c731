"""Crashing a child process on purpose (RELIABILITY.md, cases 1, 2, 4, 5 and 13).

A child does its work and appends one line to its side file (`acks`) after each thing it did,
flushed and fsynced once the call that did it returned: an acknowledged save. The parent waits
until the child says it is under way, sleeps a seeded random time and kills it with SIGKILL,
the way a crash or `kill -9` would. What was acknowledged must then be in the library; what
was not may or may not be.

A plain module (not a fixture) so that the core and the UI tests use the same one; children
import it too. Children never end by themselves: one that did (an error, a missed ready line)
fails the test with its stderr.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SEEDS = list(range(20))  # "at least 20 kills each" (the acceptance)
STARTED = "started"  # the line a child writes when the work worth killing begins
SIDE_SUFFIXES = ("-wal", "-shm")


class Acks:
    """The child's end of the side file: each line is on disk before the next step begins."""

    def __init__(self, path: str | Path) -> None:
        self._file = open(path, "a", encoding="utf-8")  # open until the kill

    def __call__(self, line: str) -> None:
        self._file.write(line + "\n")
        self._file.flush()
        os.fsync(self._file.fileno())


@dataclass
class Crash:
    """One child killed: its folder, what it acknowledged and how it ended."""

    seed: int
    folder: Path
    lines: list[str]  # every complete line of the side file, STARTED first
    killed_at: float  # time.monotonic() just before the kill (the same clock as the child's)
    delay: float  # seconds between the child's ready line and the kill
    returncode: int | None
    killed: bool  # False: the child had ended (or never got ready) before the kill
    stderr: str

    @property
    def acks(self) -> list[str]:
        """The lines after STARTED."""
        return self.lines[1:] if self.lines[:1] == [STARTED] else self.lines

    def assert_killed(self) -> None:
        """The child was killed while working, not stopped by an error of its own."""
        ended = f"the child (seed {self.seed}) ended with {self.returncode} before the kill"
        assert self.killed, f"{ended}:\n{self.stderr[-4000:]}"
        if os.name == "posix":
            assert self.returncode == -signal.SIGKILL, f"{ended}:\n{self.stderr[-4000:]}"


def child_env(folder: Path, **extra: str) -> dict[str, str]:
    """The environment of a child: the checkout and tests/ importable, and the user's data,
    settings and default library away in `folder` (module fixtures start children before the
    per-test fixture of tests/conftest.py moves them)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO), str(REPO / "tests"), *filter(None, [env.get("PYTHONPATH")])]
    )
    env["XDG_DATA_HOME"] = str(folder / "xdg-data")
    env["XDG_CONFIG_HOME"] = str(folder / "xdg-config")
    env["CONSULT_DB"] = str(folder / "default-library.consult")
    env.update(extra)
    return env


@contextmanager
def away_from_user_data(folder: Path) -> Iterator[None]:
    """For work a module fixture does in-process (opening, migrating): the same folders as
    `child_env`, so that nothing (a pre-migration backup, settings) lands in the user's own."""
    names = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "CONSULT_DB")
    saved = {name: os.environ.get(name) for name in names}
    os.environ.update({k: v for k, v in child_env(folder).items() if k in names})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def crash(
    command: Sequence[str],
    folder: Path,
    seed: int,
    *,
    delay: tuple[float, float],
    ready_lines: int = 1,
    env: dict[str, str] | None = None,
    timeout: float = 60.0,
) -> Crash:
    """Run `command` (whose side file is `folder/acks.txt`), wait until it wrote `ready_lines`
    lines, sleep a random time in `delay` (seeded) and SIGKILL it."""
    acks = folder / "acks.txt"
    wait = random.Random(seed).uniform(*delay)
    with open(folder / "stderr.txt", "w+b") as err:
        child = subprocess.Popen(
            list(command),
            stdout=subprocess.DEVNULL,
            stderr=err,
            env=env if env is not None else child_env(folder),
        )
        try:
            deadline = time.monotonic() + timeout
            while len(_read_lines(acks)) < ready_lines:
                if child.poll() is not None or time.monotonic() > deadline:
                    break
                time.sleep(0.005)
            else:
                time.sleep(wait)
        finally:
            killed_at = time.monotonic()
            killed = child.poll() is None and len(_read_lines(acks)) >= ready_lines
            child.kill()  # SIGKILL: no handler, no atexit, no flush
            child.wait()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return Crash(
        seed=seed,
        folder=folder,
        lines=_read_lines(acks),
        killed_at=killed_at,
        delay=wait,
        returncode=child.returncode,
        killed=killed,
        stderr=stderr,
    )


def crash_all(
    run: Callable[[int], Crash], seeds: Sequence[int], parallel: int | None = None
) -> dict[int, Crash]:
    """`run(seed)` for every seed, `parallel` children at a time (by default one per core,
    2 to 4: children that compute slow each other down past that, and the kills land
    earlier in their work)."""
    parallel = parallel or max(2, min(4, os.cpu_count() or 2))
    with ThreadPoolExecutor(max_workers=parallel) as pool:
        return dict(zip(seeds, pool.map(run, seeds), strict=True))


def seeds_for(request, fixture: str) -> list[int]:
    """The seeds of the collected tests that use `fixture`, so that running one test
    (`-k 'case01 and 7'`) kills one child, not twenty."""
    seeds = {
        item.callspec.params["seed"]
        for item in request.session.items
        if fixture in getattr(item, "fixturenames", ())
        and "seed" in getattr(getattr(item, "callspec", None), "params", {})
    }
    return sorted(seeds) or SEEDS


def copy_dead_library(path: Path, dest: Path) -> Path:
    """Copy a library no process has open to `dest`, with its -wal and -shm as a crash left
    them (a live library is copied only through the backup API)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", *SIDE_SUFFIXES):
        source = path.with_name(path.name + suffix)
        if source.exists():
            shutil.copy2(source, dest.with_name(dest.name + suffix))
    return dest


def side_files(path: Path) -> dict[str, int]:
    """The library's -wal and -shm files that exist, with their inode numbers."""
    found = {}
    for suffix in SIDE_SUFFIXES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            found[suffix] = side.stat().st_ino
    return found


@contextmanager
def removals_of(path: Path) -> Iterator[list[str]]:
    """Record every call of this process that deletes, renames or replaces the library or
    its -wal / -shm (os.unlink, os.remove, os.rename, os.replace, shutil.move: Path.unlink
    and Path.rename go through them)."""
    watched = {os.path.realpath(path) + s for s in ("", *SIDE_SUFFIXES)}
    calls: list[str] = []

    def spy(name: str, real: Callable) -> Callable:
        def call(*args, **kwargs):
            for arg in args[:2]:
                if isinstance(arg, str | os.PathLike) and os.path.realpath(arg) in watched:
                    calls.append(f"{name}({', '.join(map(str, args[:2]))})")
            return real(*args, **kwargs)

        return call

    targets = [(os, n) for n in ("unlink", "remove", "rename", "replace")] + [(shutil, "move")]
    saved = [(module, name, getattr(module, name)) for module, name in targets]
    for module, name, real in saved:
        setattr(module, name, spy(name, real))
    try:
        yield calls
    finally:
        for module, name, real in saved:
            setattr(module, name, real)


def _read_lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    # A line is acknowledged once complete; a kill in the middle of a write leaves no newline.
    return text.split("\n")[:-1]
