"""Where things live: the default library and the app's resources."""

from __future__ import annotations

import importlib.resources
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
    """The folder of the `resources` package (templates, demo texts, icons, translations).

    Found by import, so it is the same in a checkout, an editable install and an installed
    wheel, whatever the working directory.
    """
    return Path(str(importlib.resources.files("resources")))
