"""The installable package: `pip install .` (not editable) gives a wheel with the code and every
resource and nothing else, and that wheel, installed into a fresh virtual environment, runs the
command, `python -m consult` and the window from an unrelated folder, importing nothing from
this checkout.

Offline: the wheel is built without build isolation by the setuptools of the environment that
runs the tests, and the fresh environment borrows that environment's dependencies through a
`.pth` file (its site-packages only, never the checkout). A real `pip install .` from the
network is described in README.md ("Installing Consult").
"""

from __future__ import annotations

import configparser
import json
import os
import re
import shutil
import subprocess
import sysconfig
import textwrap
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest
from core_helpers import PYTHON, REPO

pytestmark = pytest.mark.slow  # builds a wheel and a virtual environment: ~10 s

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
DIST_INFO = f"consult-{PROJECT['version']}.dist-info"
PIP = [PYTHON, "-m", "pip"]


def not_shipped(relative: Path) -> bool:
    """Files under resources/ that stay out of the wheel: the icon script, built .qm files."""
    return (
        "__pycache__" in relative.parts
        or relative.suffix in (".pyc", ".qm")
        or (relative.suffix == ".py" and relative.name != "__init__.py")
    )


def files_under(root: Path, folder: str, *, keep=lambda relative: True) -> set[str]:
    """The files under `root / folder`, as paths inside a wheel."""
    return {
        path.relative_to(root).as_posix()
        for path in (root / folder).rglob("*")
        if path.is_file() and keep(path.relative_to(root))
    }


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    """A copy of the working tree, so that the build's `build/` and `*.egg-info` folders never
    land in the checkout (and files others add meanwhile do not change what is compared)."""
    source = tmp_path_factory.mktemp("source") / "consult"
    shutil.copytree(
        REPO,
        source,
        ignore=shutil.ignore_patterns(".*", "build", "dist", "*.egg-info", "__pycache__"),
    )
    return source


@pytest.fixture(scope="module")
def wheel(source, tmp_path_factory) -> Path:
    """The wheel `pip install .` builds from the working tree."""
    dist = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        [*PIP, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", dist, source],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # "invalid command 'bdist_wheel'": setuptools before 70.1 (pyproject.toml's test extra).
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = dist.glob("consult-*.whl")
    return found


def test_the_wheel_holds_the_code_and_every_resource_and_nothing_else(wheel, source):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {name.split("/")[0] for name in names} == {"consult", "ui", "resources", DIST_INFO}
    assert [name for name in names if "corpus" in name.lower()] == []
    assert not [name for name in names if name.endswith((".pyc", ".qm"))]

    code = files_under(source, "consult") | files_under(source, "ui")
    assert {name for name in code if name.endswith(".py")} <= names
    resources = files_under(source, "resources", keep=lambda relative: not not_shipped(relative))
    assert sorted(resources - names) == []  # a new kind of resource needs its package-data glob
    assert "resources/icons/make_icons.py" not in names
    for shipped in [
        "resources/__init__.py",
        "resources/templates/motion.zh.md",
        "resources/templates/amendment.en.md",
        "resources/demo/04-ai-content-regulation-amendment/v1.md",
        "resources/icons/hicolor/scalable/apps/consult.svg",
        "resources/icons/hicolor/256x256/apps/consult.png",
        "resources/icons/hicolor/64x64/apps/consult.png",
        "resources/linux/consult.desktop",
    ]:
        assert shipped in names
    assert len([n for n in names if re.fullmatch(r"resources/templates/\w+\.\w+\.md", n)]) >= 14
    assert len([n for n in names if re.fullmatch(r"resources/demo/[^/]+/v\d+\.md", n)]) >= 18
    translations = files_under(source, "resources/translations", keep=lambda r: not not_shipped(r))
    assert translations <= names  # the .ts sources and the core's catalogs, once there are any


def test_the_wheel_names_the_commands_and_every_dependency(wheel):
    with zipfile.ZipFile(wheel) as archive:
        entry_points = archive.read(f"{DIST_INFO}/entry_points.txt").decode()
        metadata = archive.read(f"{DIST_INFO}/METADATA").decode()
    points = configparser.ConfigParser()
    points.read_string(entry_points)
    assert dict(points["console_scripts"]) == {"consult": "consult.cli:main"}
    assert dict(points["gui_scripts"]) == {"consult-app": "ui.app:main"}

    def name(requirement: str) -> str:
        return re.split(r"[^A-Za-z0-9_.-]", requirement, maxsplit=1)[0].lower().replace("_", "-")

    required = [
        line.removeprefix("Requires-Dist:").strip()
        for line in metadata.splitlines()
        if line.startswith("Requires-Dist:") and "extra ==" not in line
    ]
    assert sorted(map(name, required)) == sorted(map(name, PROJECT["dependencies"]))


def test_the_desktop_file_starts_the_gui_script_with_the_shipped_icon():
    desktop = REPO / "resources" / "linux" / "consult.desktop"
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive (Name[zh_CN])
    entry.read(desktop, encoding="utf-8")
    fields = entry["Desktop Entry"]
    assert fields["Type"] == "Application" and fields["Terminal"] == "false"
    gui_scripts = PROJECT["gui-scripts"]
    assert fields["Exec"].split()[0] in gui_scripts and fields["TryExec"] in gui_scripts
    icons = REPO / "resources" / "icons" / "hicolor"
    assert (icons / "256x256" / "apps" / f"{fields['Icon']}.png").is_file()
    assert (icons / "scalable" / "apps" / f"{fields['Icon']}.svg").is_file()
    assert "Name[zh_CN]" in fields and "Comment[zh_CN]" in fields
    validate = shutil.which("desktop-file-validate")  # desktop-file-utils, where installed
    if validate:
        checked = subprocess.run([validate, desktop], capture_output=True, text=True)
        assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout


# -- installed into a fresh virtual environment ---------------------------------------------------


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment (no system site-packages) with the wheel installed; the
    dependencies are borrowed from the environment running the tests, after the install, so
    that pip sees none of that environment's packages (a `consult` installed there included)."""
    env = tmp_path_factory.mktemp("venv") / "env"
    venv.EnvBuilder(with_pip=False, system_site_packages=False).create(env)
    python = env / "bin" / "python"
    install = subprocess.run(
        [*PIP, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert (Path(site) / DIST_INFO).is_dir()
    borrowed = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    (Path(site) / "borrowed_dependencies.pth").write_text("\n".join(borrowed) + "\n", "utf-8")
    return env


@pytest.fixture
def elsewhere(tmp_path) -> Path:
    """An unrelated working folder; it has a `resources/` folder of its own, as a user's
    project might (`python -m consult` puts the working folder first on sys.path)."""
    folder = tmp_path / "somewhere else"
    (folder / "resources" / "templates").mkdir(parents=True)
    return folder


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.pop("VIRTUAL_ENV", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def run_in(cwd: Path, *argv: str | Path) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(a) for a in argv],
        cwd=cwd,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    command = " ".join(str(a) if len(str(a)) < 100 else "SCRIPT" for a in argv)
    assert result.returncode == 0, f"{command}: {result.returncode}\n{result.stdout}{result.stderr}"
    return result


def from_checkout(files: dict[str, str | None]) -> list[str]:
    """Modules loaded from this checkout (its .venv, which may hold the dependencies, aside)."""
    borrowed = [Path(p).resolve() for p in sysconfig.get_paths().values()]
    found = []
    for name, file in files.items():
        if not file or not os.path.isabs(file):  # Qt's embedded modules: "shibokensupport/…"
            continue
        path = Path(file).resolve()
        if path.is_relative_to(REPO) and not any(path.is_relative_to(b) for b in borrowed):
            found.append(name)
    return sorted(found)


PROBE = textwrap.dedent(
    """
    import json, sys
    import consult, consult.cli, ui, resources
    from consult.demo import demo_dir, read_demo
    from consult.paths import resources_dir
    from consult.templates import list_templates

    print(json.dumps({
        "resources_dir": str(resources_dir()),
        "templates": len(list_templates()),
        "demo": len(read_demo(demo_dir())),
        "modules": {n: getattr(m, "__file__", None) for n, m in sys.modules.items()},
    }))
    """
)


def test_the_installed_command_works_from_an_unrelated_folder(installed, elsewhere):
    bin_ = installed / "bin"
    db = elsewhere / "t.db"
    run_in(elsewhere, bin_ / "consult", "--db", db, "init", "--demo")
    listed = json.loads(run_in(elsewhere, bin_ / "consult", "--db", db, "list", "--json").stdout)
    assert len(listed) >= 6
    table = run_in(elsewhere, bin_ / "python", "-m", "consult", "--db", db, "list")
    assert all(p["id"] in table.stdout for p in listed)

    probe = json.loads(run_in(elsewhere, bin_ / "python", "-c", PROBE).stdout)
    site = installed / "lib"
    assert Path(probe["resources_dir"]).is_relative_to(site)
    assert probe["templates"] >= 14 and probe["demo"] >= 6
    for name in ("consult", "consult.cli", "consult.paths", "ui", "resources"):
        assert Path(probe["modules"][name]).is_relative_to(site), name
    assert from_checkout(probe["modules"]) == []


GUI_PROBE = textwrap.dedent(
    """
    import json, os, runpy, sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    script, db = sys.argv[1:3]
    app = QApplication(["consult-app"])
    seen = {"polls": 0}

    def look():
        from ui.main_window import MainWindow

        seen["polls"] += 1
        shown = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, MainWindow) and w.isVisible()]
        if not shown or shown[0].editor.proposal_id is None:
            if seen["polls"] > 600:  # ~30 s: a dialog is waiting for a click, or nothing opened
                print(json.dumps({"stuck": [type(w).__name__ for w in
                                            QApplication.topLevelWidgets() if w.isVisible()]}))
                sys.stdout.flush()
                os._exit(3)
            QTimer.singleShot(50, look)
            return
        window = shown[0]
        seen["rows"] = window.model.total()
        seen["icon_sizes"] = sorted(s.width() for s in QApplication.windowIcon().availableSizes())
        seen["window_icon"] = not window.windowIcon().isNull()
        seen["desktop_file"] = QApplication.desktopFileName()
        window.close()
        app.quit()

    QTimer.singleShot(0, look)
    sys.argv = [script, "--db", db]
    try:
        runpy.run_path(script, run_name="__main__")  # the wrapper pip wrote for gui-scripts
    except SystemExit as e:
        seen["status"] = e.code
    seen["modules"] = {n: getattr(m, "__file__", None) for n, m in sys.modules.items()}
    print(json.dumps(seen))
    """
)


def test_the_installed_window_starts_from_an_unrelated_folder(installed, elsewhere):
    db = elsewhere / "first run.consult"  # no library yet: the app makes the demo library
    script = installed / "bin" / "consult-app"
    probe = run_in(elsewhere, installed / "bin" / "python", "-c", GUI_PROBE, script, db)
    seen = json.loads(probe.stdout.strip().splitlines()[-1])
    assert seen["status"] == 0
    assert seen["rows"] >= 6
    assert seen["window_icon"] and {32, 64, 256} <= set(seen["icon_sizes"])
    assert seen["desktop_file"] == "consult"
    ours = {n: f for n, f in seen["modules"].items() if n.split(".")[0] in ("consult", "ui")}
    assert {"ui.app", "ui.main_window", "consult.library"} <= set(ours)
    assert all(Path(f).is_relative_to(installed / "lib") for f in ours.values())
    assert from_checkout(seen["modules"]) == []
