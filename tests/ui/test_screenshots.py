"""`python -m ui.screenshots` still takes the user guides' pictures (in a subprocess: it sets
the process's language and Qt's paths), in both languages, and touches nothing of the user's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_screenshots_are_written_in_each_language(tmp_path: Path, lang: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    out = tmp_path / "shots"
    names = ["main-window", "compare-view", "restore-backup"]
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ui.screenshots",
            "--lang",
            lang,
            "--out",
            str(out),
            "--only",
            *names,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    for name in names:
        image = QImage(str(out / f"{name}.png"))
        assert (image.width(), image.height()) == (1400, 850), name
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.png" for n in names)
    assert not any(home.rglob("*.consult")), "the user's folders were touched"
