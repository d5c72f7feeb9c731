"""Every test runs away from the user's real data: the default library, the platform's data
and config folders all point into the test's own temporary folder.

The core speaks English in every test, whatever the machine's locale (`CONSULT_LANG=en`, which
child processes inherit too): tests that want Chinese ask for it (tests/core/test_i18n.py)."""

import pytest

from consult import i18n


@pytest.fixture(autouse=True)
def _away_from_user_data(tmp_path, monkeypatch):
    monkeypatch.setenv("CONSULT_DB", str(tmp_path / "default-library.consult"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


@pytest.fixture(autouse=True)
def _core_in_english(monkeypatch):
    monkeypatch.setenv("CONSULT_LANG", "en")
    i18n.set_language("en")
    yield
    i18n.set_language("en")
