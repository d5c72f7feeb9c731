"""UI tests run offscreen, with settings and standard paths away from the user's own."""

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QStandardPaths

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


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread():
    """What a test leaves behind (the Python side of the widgets pytest-qt deleted, in
    reference cycles) is collected here, on the GUI thread. Left to a later collection, it
    may be collected by a worker thread that runs Python meanwhile (a preview still rendering
    a slow text), which destroys Qt objects there and crashes the run."""
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


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


@pytest.fixture(scope="session")
def translations_cache(tmp_path_factory):
    """Where the tests' `.qm` files are built (once for the whole run)."""
    return tmp_path_factory.mktemp("translations")


@pytest.fixture
def window_language(translations_cache):
    """Show the window in a language for one test: `window_language("zh_CN")` (or "en")
    installs it as the app does at start, the core's messages in the same language; English
    again afterwards."""
    from consult import i18n
    from ui import translations

    def install(code: str):
        installed = translations.install(code, cache=translations_cache)
        assert installed.language == code, installed.notice
        i18n.set_language(installed.language)
        return installed

    yield install
    translations.uninstall()
