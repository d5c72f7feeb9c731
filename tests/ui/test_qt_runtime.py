"""The Qt for Python build the app runs on survives a day's typing.

PySide6 6.12.0 on Python 3.11 releases a reference to None on every call of a method that
returns nothing; after some thousands of calls the interpreter aborts ("none_dealloc"), which
would take the user's window down mid-sentence. pyproject.toml keeps such a build out; this
test fails if one slips in.
"""

import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for _ in range(50_000):
    label.setText("x")
print("survived")
"""


def test_many_calls_into_qt_do_not_crash_the_interpreter():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0 and "survived" in done.stdout, done.stderr[-500:]
