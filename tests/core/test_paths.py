"""Where the library lives by default."""

from consult.paths import default_library_path


def test_the_default_library_is_in_the_app_data_folder_unless_overridden(monkeypatch, tmp_path):
    monkeypatch.delenv("CONSULT_DB")
    path = default_library_path()
    assert path.is_relative_to(tmp_path / "xdg-data")  # XDG_DATA_HOME, set by tests/conftest.py
    assert path.parent.name == "Consult"
    monkeypatch.setenv("CONSULT_DB", str(tmp_path / "elsewhere.consult"))
    assert default_library_path() == tmp_path / "elsewhere.consult"
