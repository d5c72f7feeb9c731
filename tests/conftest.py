"""Every test runs away from the user's real data: the default library, the platform's data
and config folders all point into the test's own temporary folder."""

import pytest


@pytest.fixture(autouse=True)
def _away_from_user_data(tmp_path, monkeypatch):
    monkeypatch.setenv("CONSULT_DB", str(tmp_path / "default-library.consult"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
