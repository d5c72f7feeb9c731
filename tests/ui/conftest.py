"""UI tests run offscreen, with settings and standard paths away from the user's own."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths

from consult.demo import load_demo
from consult.library import Library


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory, monkeypatch):
    QStandardPaths.setTestModeEnabled(True)
    QCoreApplication.setOrganizationName("ConsultTests")
    QCoreApplication.setApplicationName("ConsultTests")
    settings_dir = tmp_path_factory.mktemp("settings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(settings_dir))
    yield


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """A demo library built once; tests get their own copy."""
    path = tmp_path_factory.mktemp("demo") / "demo.consult"
    with Library.open(path, create=True) as lib:
        load_demo(lib)
    return path


@pytest.fixture
def demo_library(demo_template, tmp_path):
    path = tmp_path / "library.consult"
    with Library.open(demo_template) as source:
        source.backup(path)
    lib = Library.open(path)
    yield lib
    lib.close()
