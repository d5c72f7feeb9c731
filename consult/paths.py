"""Where things live: the default library and the app's resources."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Consult"
LIBRARY_FILE = "library.consult"


def default_library_path() -> Path:
    """`CONSULT_DB` if set, else the library in the platform's application-data folder."""
    override = os.environ.get("CONSULT_DB")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / LIBRARY_FILE


def resources_dir() -> Path:
    """The `resources/` folder shipped beside the packages (templates, demo texts, icons)."""
    return Path(__file__).resolve().parent.parent / "resources"
