"""build_installer.py: the spec it writes for each platform (fast), and the real bundle (slow:
PyInstaller builds it, then its own self-test and a command run with the bundled executable)."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import build_installer  # noqa: E402
from desktop.cli import COMMAND_GROUPS  # noqa: E402
from desktop.selftest import CHECKS  # noqa: E402

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
    "version"]
BUILD_TIMEOUT_S = 900


def spec_for(system: str, tmp_path: Path, **options: object) -> str:
    plan = build_installer.make_plan(system, tmp_path / "dist", tmp_path / "work", **options)
    spec = build_installer.render_spec(plan)
    ast.parse(spec)  # valid Python, as PyInstaller runs it
    return spec


def test_the_version_comes_from_pyproject() -> None:
    assert build_installer.project_version() == VERSION
    assert build_installer.archive_name(VERSION, "linux", "x86_64") == \
        f"BallotDesk-{VERSION}-linux-x86_64.tar.gz"
    assert build_installer.archive_name(VERSION, "windows", "x86_64").endswith(".zip")


def test_only_the_qt_modules_the_app_imports_are_kept() -> None:
    used = build_installer.qt_modules_used()
    assert {"QtCore", "QtGui", "QtWidgets"} <= set(used)
    excluded = build_installer.qt_modules_excluded()
    assert "PySide6.QtWebEngineCore" in excluded and "PySide6.QtQml" in excluded
    assert not {f"PySide6.{name}" for name in used} & set(excluded)


def test_the_linux_spec_collects_resources_migrations_and_libzbar(tmp_path: Path) -> None:
    spec = spec_for("linux", tmp_path)
    for needed in ("resources/fonts/wqy-microhei.ttc", "resources/translations/ballotdesk_zh_CN.qm",
                   "resources/demo/demo_campaign.json", "migrations/versions/0001_initial.py",
                   "script.py.mako", "'alembic'", "sqlalchemy.dialects.sqlite.pysqlite",
                   "copy_metadata('ballotdesk')", "'PySide6.QtWebEngineCore'",
                   "platformthemes/libqgtk3*", "name='BallotDesk'", "name='ballotdesk'"):
        assert needed in spec, needed
    # The command line imports a command's group by name: PyInstaller must be told of each.
    for group in COMMAND_GROUPS:
        assert f"'desktop.cli.{group}'" in spec, group
    assert ".ts'" not in spec, "translation sources stay out"
    assert "EXTERNAL_DEPENDENCIES" not in spec and "BUNDLE(" not in spec
    if Path("/sbin/ldconfig").exists() and build_installer.linux_zbar():
        assert "libzbar.so" in spec


def test_the_windows_spec_adds_pyzbars_dlls_and_hides_the_console(tmp_path: Path) -> None:
    spec = spec_for("windows", tmp_path)
    assert "pyzbar.EXTERNAL_DEPENDENCIES" in spec
    assert "hide_console='hide-early'" in spec and "name='BallotDesk'" in spec
    assert "BallotDesk.ico" not in spec and "ballotdesk.ico" in spec
    assert "hide_console=None" in spec_for("windows", tmp_path, windowed=False)
    onefile = spec_for("windows", tmp_path, onefile=True)
    assert "COLLECT(" not in onefile and "    a.binaries," in onefile


def test_the_macos_spec_makes_an_app(tmp_path: Path) -> None:
    spec = spec_for("macos", tmp_path)
    assert "app = BUNDLE(" in spec and "name='BallotDesk.app'" in spec
    assert "ballotdesk.icns" in spec and f"version={VERSION!r}" in spec
    assert "BUNDLE(" not in spec_for("macos", tmp_path, windowed=False)
    plan = build_installer.make_plan("macos", tmp_path / "dist", tmp_path / "work")
    assert plan.executable == tmp_path / "dist" / "BallotDesk.app" / "Contents" / "MacOS" / \
        "ballotdesk"


@pytest.mark.parametrize("system", ["windows", "macos"])
def test_icons_and_installers_for_other_platforms(system: str, tmp_path: Path) -> None:
    plan = build_installer.make_plan(system, tmp_path / "dist", tmp_path / "work",
                                     installer="inno" if system == "windows" else "dmg")
    plan.work.mkdir(parents=True)
    build_installer.write_icon(plan)
    assert plan.icon is not None
    assert plan.icon.read_bytes()[:4] == (b"\0\0\1\0" if system == "windows" else b"icns")
    command = build_installer.installer_command(plan)
    assert command is not None
    if system == "windows":
        script = (plan.work / "BallotDesk.iss").read_text(encoding="utf-8")
        assert f"AppVersion={VERSION}" in script and "BallotDesk.exe" in script
        assert command[0] == "iscc"
    else:
        assert command[:2] == ["hdiutil", "create"] and command[-1].endswith(".dmg")


def test_print_spec_needs_no_pyinstaller(capsys: pytest.CaptureFixture[str]) -> None:
    assert build_installer.main(["--print-spec", "windows"]) == 0
    assert "pyzbar.EXTERNAL_DEPENDENCIES" in capsys.readouterr().out


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="CI builds the Linux bundle")
def test_the_bundle_builds_and_passes_its_self_test(tmp_path: Path) -> None:
    dist, work = tmp_path / "dist", tmp_path / "work"
    built = subprocess.run(
        [sys.executable, str(ROOT / "build_installer.py"), "--dist", str(dist), "--work",
         str(work)], cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
        timeout=BUILD_TIMEOUT_S, check=False)
    log = built.stdout + built.stderr
    assert built.returncode == 0, log[-6000:]
    # The build ran the bundled self-test (from another folder, without the build's Python).
    assert "✓ 自检通过 / self-test passed" in built.stdout
    assert "(bundle, Linux" in built.stdout
    assert built.stdout.count("\n✓ ") == len(CHECKS) + 1

    bundle = dist / "BallotDesk"
    internal = {p.name for p in (bundle / "_internal").rglob("*")}
    assert any(name.startswith("libzbar.so") for name in internal)
    assert any(name.startswith("zxingcpp") for name in internal)
    # cryptography's Rust extension: station packages are signed with Ed25519.
    assert any(name.startswith("_rust.") for name in internal)
    assert not any("WebEngine" in name or "Qt6Qml" in name for name in internal)
    archive = dist / f"BallotDesk-{VERSION}-linux-x86_64.tar.gz"
    with tarfile.open(archive) as packed:
        assert "BallotDesk/ballotdesk" in packed.getnames()

    # The bundled executable as a command: its version and a command on a new database.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    exe = str(bundle / "ballotdesk")
    version = subprocess.run([exe, "--version"], cwd=tmp_path, env=env, capture_output=True,
                             text=True, timeout=60, check=True)
    assert version.stdout.strip() == f"ballotdesk {VERSION}"
    database = ["--db", f"sqlite:///{tmp_path / 'cli.sqlite3'}"]
    env["BALLOTDESK_PASSWORD"] = "安装测试的密码123"
    made = subprocess.run([exe, *database, "account", "setup", "组织者"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert made.returncode == 0, made.stderr
    signed_in = [*database, "--user", "组织者", "--json"]
    listed = subprocess.run([exe, *signed_in, "campaign", "list"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.strip() == "[]"
    key = subprocess.run([exe, *signed_in, "station", "key", "--name", "安装测试站"],  # Ed25519
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
                         check=False)
    assert key.returncode == 0, key.stderr
    assert len(json.loads(key.stdout)["fingerprint"].replace(" ", "")) == 64
