#!/usr/bin/env python3
"""Build the BallotDesk bundle with PyInstaller, check it, and pack it.

    python3 build_installer.py            # dist/BallotDesk/, dist/BallotDesk-<v>-<os>-<arch>.*
    python3 build_installer.py --onefile       # one executable instead of a folder
    python3 build_installer.py --installer inno   # Windows: also an Inno Setup installer
    python3 build_installer.py --installer dmg    # macOS: also a disk image of BallotDesk.app
    python3 build_installer.py --print-spec windows   # show the spec another platform would use

The bundle is for the platform the script runs on (PyInstaller does not cross-build). The
script reads the version from pyproject.toml, writes a PyInstaller spec into the work folder
(``build/pyinstaller/BallotDesk.spec``; it can be run by hand with ``pyinstaller``), builds,
checks that the bundle holds what it needs and nothing it must not (QtWebEngine, Qt modules
the app does not import, OpenCV's own Qt), runs ``ballotdesk --self-test`` with the bundled
executable and only then packs the archive and reports success. Any failure exits non-zero.

Run with any Python 3.11+: like dev.py, it makes ``.venv`` when needed and installs the
``build`` extra (PyInstaller) into it, then continues there. Details: docs/installer.md.
"""

from __future__ import annotations

import argparse
import ast
import fnmatch
import os
import platform
import pprint
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent
APP_NAME = "BallotDesk"
#: The command-line name; on Windows the executable is BallotDesk.exe (see executable_name).
COMMAND = "ballotdesk"
SYSTEMS = ("linux", "windows", "macos")
BUNDLE_ID = "io.github.ballotdesk"
#: Where the app's Python code lives (searched for the Qt modules it imports).
SOURCE_PACKAGES = ("ballotformat", "desktop", "scanning")
MIGRATIONS = Path("desktop", "core", "store", "migrations")
SELF_TEST_TIMEOUT_S = 300

#: Python modules never wanted in the bundle: test and notebook tools, other Qt bindings, Tk.
EXCLUDED_MODULES = (
    "tkinter", "_tkinter", "pytest", "_pytest", "pytestqt", "hypothesis", "mypy", "ruff",
    "IPython", "jupyter_client", "matplotlib", "PyQt5", "PyQt6", "PySide2", "PyInstaller",
    "setuptools", "pip", "_sane",
)
#: Qt files dropped after analysis (paths inside the bundle, fnmatch patterns), unless kept
#: by KEEP_FILES: Qt's own translations except the two interface languages, and platform
#: plugins for embedded boards and remote screens.
DROP_FILES = (
    "PySide6/Qt/translations/*",
    "PySide6/Qt/plugins/platforms/libqvnc*", "PySide6/Qt/plugins/platforms/libqlinuxfb*",
    "PySide6/Qt/plugins/platforms/libqeglfs*", "PySide6/Qt/plugins/platforms/libqminimalegl*",
    "PySide6/Qt/plugins/platforms/libqvkkhrdisplay*", "PySide6/Qt/plugins/egldeviceintegrations/*",
    "PySide6/Qt/plugins/platforms/libqminimal.*",
    # The GTK 3 theme would bring a copy of GTK's stack (cairo, pango…) without GTK itself;
    # Qt's own style and the XDG desktop portal theme remain.
    "PySide6/Qt/plugins/platformthemes/libqgtk3*",
    "PySide6/Qt/lib/libQt6EglFSDeviceIntegration*", "PySide6/Qt/lib/libQt6EglFsKmsSupport*",
    "PySide6/Qt/lib/libQt6EglFsKmsGbmSupport*",
)
KEEP_FILES = ("PySide6/Qt/translations/qtbase_zh_CN.qm", "PySide6/Qt/translations/qt_zh_CN.qm")
#: What a bundle must never contain (checked after the build): QtWebEngine, Qt Quick/QML,
#: and opencv-python's own Qt (the headless wheel has none).
FORBIDDEN_FILES = ("*QtWebEngine*", "*Qt6Qml*", "*Qt6Quick*", "cv2/qt/*")


# --- the project -------------------------------------------------------------------------------

def pyproject() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        project: dict[str, object] = tomllib.load(handle)["project"]
    return project


def project_version() -> str:
    """The one source of truth for the version: pyproject.toml."""
    return str(pyproject()["version"])


def build_requirements() -> list[str]:
    extras = pyproject().get("optional-dependencies", {})
    assert isinstance(extras, dict)
    return list(extras.get("build", []))


def current_system() -> str:
    return {"Windows": "windows", "Darwin": "macos"}.get(platform.system(), "linux")


def machine() -> str:
    name = platform.machine().lower()
    return {"amd64": "x86_64", "aarch64": "arm64"}.get(name, name)


def executable_name(system: str) -> str:
    """Linux and macOS: ``ballotdesk`` (in a terminal, like the pip-installed command; inside
    BallotDesk.app on macOS). Windows: ``BallotDesk.exe``, which is also the CLI in a console."""
    return APP_NAME if system == "windows" else COMMAND


def archive_name(version: str, system: str, arch: str) -> str:
    return f"{APP_NAME}-{version}-{system}-{arch}" + (".zip" if system == "windows"
                                                      else ".tar.gz")


def imported_modules(paths: list[Path]) -> set[str]:
    """Absolute module names imported anywhere in ``paths`` (top-level or lazily)."""
    names: set[str] = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
    return names


def source_files() -> list[Path]:
    return sorted(p for package in SOURCE_PACKAGES for p in (ROOT / package).rglob("*.py"))


def qt_modules_used() -> list[str]:
    """The PySide6 modules the app imports (QtCore, QtGui, QtWidgets, QtPrintSupport…)."""
    return sorted({name.split(".")[1] for name in imported_modules(source_files())
                   if name.startswith("PySide6.Qt")})


def qt_modules_installed() -> list[str]:
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    folder = Path(next(iter(spec.submodule_search_locations)))
    return sorted({p.name.split(".")[0] for p in folder.iterdir()
                   if p.name.startswith("Qt") and p.suffix in {".so", ".pyd"}})


def qt_modules_excluded() -> list[str]:
    """Every PySide6 module the app does not import, and WebEngine even when not installed."""
    unused = set(qt_modules_installed()) - set(qt_modules_used())
    unused |= {"QtWebEngineCore", "QtWebEngineWidgets", "QtWebEngineQuick", "QtWebChannel",
               "QtQml", "QtQuick", "QtQuickWidgets"}
    return sorted(f"PySide6.{name}" for name in unused)


def migration_files() -> list[Path]:
    """Alembic reads these from files at run time, so they ship as data (as sources)."""
    folder = ROOT / MIGRATIONS
    return sorted([*folder.glob("*.py"), *folder.glob("script.py.mako"),
                   *(folder / "versions").glob("*.py")])


def hidden_imports() -> list[str]:
    """Modules PyInstaller cannot see: what the migration files import (they are data), the
    SQLite dialect SQLAlchemy loads by name, reportlab's settings, the command line's command
    groups (a command imports only its own, by name), and python-sane when the scanner extra
    is installed (imported by name, so the bundle drives SANE scanners)."""
    sources = [path for path in migration_files() if path.suffix == ".py"]
    names = {name for name in imported_modules(sources) if name != "__future__"}
    names |= {"alembic.ddl.sqlite", "sqlalchemy.dialects.sqlite.pysqlite",
              "reportlab.rl_settings", "desktop.core.store.migrations"}
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from desktop.cli import COMMAND_GROUPS

    names |= {f"desktop.cli.{group}" for group in COMMAND_GROUPS}
    import importlib.util

    if importlib.util.find_spec("sane") is not None:
        names.add("sane")
    return sorted(names)


def sane_extension() -> str | None:
    """python-sane's C extension, shipped as it is, after the analysis: it then uses the
    system's libsane, which matches the system's scanner drivers (and a bundle without SANE on
    the machine just has no scanners), instead of a copy of libsane and its 40 MB of
    dependencies (libxml2, ICU, libusb…) from the build machine."""
    import importlib.util

    spec = importlib.util.find_spec("_sane")
    return spec.origin if spec is not None and spec.origin else None


def resource_files() -> list[tuple[str, str]]:
    """resources/ (fonts, translations, icons, demo data), without translation sources."""
    datas = []
    for path in sorted((ROOT / "resources").rglob("*")):
        if path.is_file() and path.suffix != ".ts" and "__pycache__" not in path.parts:
            datas.append((str(path), str(path.parent.relative_to(ROOT))))
    return datas


def linux_zbar() -> str | None:
    """libzbar's path (pyzbar loads it with ctypes, so it is collected explicitly)."""
    import ctypes.util

    name = ctypes.util.find_library("zbar")
    if name is None:
        return None
    try:
        listing = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True,
                                 check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        listing = ""
    for line in listing.splitlines():  # "\tlibzbar.so.0 (libc6,x86-64) => /lib/.../libzbar.so.0"
        library, _, path = line.partition("=>")
        if library.split() and library.split()[0] == name and Path(path.strip()).exists():
            return path.strip()
    for folder in ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64",
                   "/usr/lib", "/usr/local/lib"):
        if (Path(folder) / name).exists():
            return str(Path(folder) / name)
    return None


# --- the build plan and the generated files ----------------------------------------------------

@dataclass
class Plan:
    """What one build makes; rendered into a PyInstaller spec by :func:`render_spec`."""

    system: str
    version: str
    dist: Path
    work: Path
    onefile: bool = False
    #: Windows: the console is hidden when started from Explorer; macOS: BallotDesk.app.
    windowed: bool = True
    installer: str = "none"
    datas: list[tuple[str, str]] = field(default_factory=list)
    binaries: list[tuple[str, str]] = field(default_factory=list)
    #: Files added after the analysis, copied as they are: (bundle path, source path).
    late_files: list[tuple[str, str]] = field(default_factory=list)
    hiddenimports: list[str] = field(default_factory=list)
    excludes: list[str] = field(default_factory=list)

    @property
    def app_bundle(self) -> bool:
        return self.system == "macos" and self.windowed

    @property
    def icon(self) -> Path | None:
        suffix = {"windows": ".ico", "macos": ".icns"}.get(self.system)
        return self.work / f"{COMMAND}{suffix}" if suffix else None

    @property
    def entry(self) -> Path:
        return self.work / f"{COMMAND}_entry.py"

    @property
    def runtime_hook(self) -> Path:
        return self.work / "pyi_rth_ballotdesk.py"

    @property
    def spec(self) -> Path:
        return self.work / f"{APP_NAME}.spec"

    @property
    def output(self) -> Path:
        """The folder (or single file, or .app) PyInstaller makes in ``dist``."""
        if self.app_bundle:
            return self.dist / f"{APP_NAME}.app"
        if self.onefile:
            return self.dist / (executable_name(self.system)
                                + (".exe" if self.system == "windows" else ""))
        return self.dist / APP_NAME

    @property
    def executable(self) -> Path:
        """What runs the self-test (and the CLI): the console executable in the bundle."""
        exe = executable_name(self.system) + (".exe" if self.system == "windows" else "")
        if self.app_bundle:
            return self.output / "Contents" / "MacOS" / exe
        return self.output if self.onefile else self.output / exe


def make_plan(system: str, dist: Path, work: Path, onefile: bool = False,
              windowed: bool = True, installer: str = "none") -> Plan:
    plan = Plan(system, project_version(), dist, work, onefile, windowed, installer)
    plan.datas = [*resource_files(),
                  *((str(p), str(p.parent.relative_to(ROOT))) for p in migration_files())]
    plan.hiddenimports = hidden_imports()
    plan.excludes = [*EXCLUDED_MODULES, *qt_modules_excluded()]
    if system == current_system() and system != "windows":
        extension = sane_extension()
        if extension:
            plan.late_files.append((Path(extension).name, extension))
    if system == "linux" and system == current_system():
        zbar = linux_zbar()
        if zbar:
            plan.binaries.append((zbar, "."))
    return plan


ENTRY = '''\
"""BallotDesk's entry point in the PyInstaller bundle (written by build_installer.py)."""
import multiprocessing
import sys

if __name__ == "__main__":
    # Scanning reads on worker processes, which start this executable again: freeze_support()
    # runs them (and the forkserver) here instead of the command line.
    multiprocessing.freeze_support()
    from desktop.cli import main

    sys.exit(main())
'''

RUNTIME_HOOK = '''\
"""Runs first in the bundle (written by build_installer.py): ctypes.util.find_library looks
at the system only on Linux, so pyzbar would miss the libzbar shipped in the bundle on a
machine without libzbar0. Look in the bundle first."""
import ctypes.util
import glob
import os
import sys

_system_find_library = ctypes.util.find_library


def _bundle_first(name):
    shipped = sorted(glob.glob(os.path.join(sys._MEIPASS, f"lib{name}.so*")))
    return shipped[0] if shipped else _system_find_library(name)


if sys.platform.startswith("linux"):
    ctypes.util.find_library = _bundle_first
'''


def _literal(value: object, indent: int = 0) -> str:
    """A Python literal for the spec, one item a line when long."""
    text = pprint.pformat(value, width=100 - indent, compact=False)
    return text.replace("\n", "\n" + " " * indent)


SPEC_PRUNE = """\
def wanted(entry):
    name = entry[0].replace('\\\\', '/')
    if any(fnmatch.fnmatch(name, pattern) for pattern in KEEP):
        return True
    return not any(fnmatch.fnmatch(name, pattern) for pattern in DROP)


_linked = {}


def libraries_of(entries):
    # The names of the libraries these binaries link to.
    names = set()
    for _dest, source, _kind in entries:
        if source not in _linked:
            try:
                _linked[source] = {os.path.basename(name)
                                   for name, _path in bindepend.get_imports(source)}
            except Exception:  # not a binary PyInstaller can read: nothing to learn from it
                _linked[source] = set()
        names |= _linked[source]
    return names


# Drop the unwanted files, then (until none is left) the libraries only dropped ones linked.
dropped = [entry for entry in a.binaries if not wanted(entry)]
a.binaries = [entry for entry in a.binaries if wanted(entry)]
a.datas = [entry for entry in a.datas if wanted(entry)]
while dropped:
    orphans = libraries_of(dropped) - libraries_of(a.binaries)
    dropped = [entry for entry in a.binaries if os.path.basename(entry[0]) in orphans]
    a.binaries = [entry for entry in a.binaries if entry not in dropped]
a.datas += [(dest, source, 'DATA') for dest, source in LATE_FILES]
"""


def render_spec(plan: Plan) -> str:
    """A readable spec; ``pyinstaller build/pyinstaller/BallotDesk.spec`` rebuilds by hand."""
    exe = executable_name(plan.system)
    windows_binaries = ""
    if plan.system == "windows":
        windows_binaries = (
            "# pyzbar's Windows wheel ships libzbar-64.dll and libiconv.dll and loads them with\n"
            "# ctypes: PyInstaller cannot see them, pyzbar lists them once loaded.\n"
            "from pyzbar import pyzbar\n\n"
            "binaries += [(dep._name, '.') for dep in pyzbar.EXTERNAL_DEPENDENCIES]\n")
    console_hiding = "'hide-early'" if plan.system == "windows" and plan.windowed else "None"
    lines = [
        f"# PyInstaller spec for {APP_NAME} {plan.version} on {plan.system}, written by",
        "# build_installer.py: change that script, not this file.",
        "import fnmatch",
        "import os",
        "",
        "from PyInstaller.depend import bindepend",
        "from PyInstaller.utils.hooks import copy_metadata",
        "",
        f"binaries = {_literal(plan.binaries, 11)}",
        windows_binaries,
        f"datas = {_literal(plan.datas, 8)}",
        "datas += copy_metadata('ballotdesk')  # importlib.metadata.version() in the bundle",
        "",
        "a = Analysis(",
        f"    [{str(plan.entry)!r}],",
        f"    pathex=[{str(ROOT)!r}],",
        "    binaries=binaries,",
        "    datas=datas,",
        f"    hiddenimports={_literal(plan.hiddenimports, 18)},",
        f"    excludes={_literal(plan.excludes, 13)},",
        f"    runtime_hooks=[{str(plan.runtime_hook)!r}],",
        "    noarchive=False,",
        ")",
        "",
        f"DROP = {_literal(DROP_FILES, 7)}",
        f"KEEP = {_literal(KEEP_FILES, 7)}",
        f"LATE_FILES = {_literal(plan.late_files, 13)}",
        "",
        "",
        SPEC_PRUNE,
        "pyz = PYZ(a.pure)",
        "exe = EXE(",
        "    pyz,",
        "    a.scripts,",
        *(["    a.binaries,", "    a.datas,"] if plan.onefile else []),
        "    [],",
        f"    name={exe!r},",
        f"    exclude_binaries={not plan.onefile!r},",
        "    console=True,  # the CLI and --self-test print to the terminal",
        f"    hide_console={console_hiding},  # Windows: no console window from Explorer",
        f"    icon={str(plan.icon) if plan.icon else None!r},",
        "    upx=False,",
        "    strip=False,",
        ")",
    ]
    if not plan.onefile:
        lines += [f"coll = COLLECT(exe, a.binaries, a.datas, name={APP_NAME!r}, upx=False, "
                  "strip=False)"]
    if plan.app_bundle:
        lines += [
            "app = BUNDLE(",
            f"    {'exe' if plan.onefile else 'coll'},",
            f"    name='{APP_NAME}.app',",
            f"    icon={str(plan.icon)!r},",
            f"    bundle_identifier={BUNDLE_ID!r},",
            f"    version={plan.version!r},",
            "    info_plist={'CFBundleDisplayName': '选票台 BallotDesk',",
            "                'NSHighResolutionCapable': True,",
            "                'CFBundleDevelopmentRegion': 'zh_CN'},",
            ")",
        ]
    return "\n".join(lines) + "\n"


def write_icon(plan: Plan) -> None:
    """The .ico (Windows) or .icns (macOS) made from resources/icons/ballotdesk.png."""
    if plan.icon is None:
        return
    from PIL import Image

    with Image.open(ROOT / "resources" / "icons" / "ballotdesk.png") as image:
        if plan.icon.suffix == ".ico":
            image.save(plan.icon, sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
        else:
            image.save(plan.icon)


def write_build_files(plan: Plan) -> None:
    plan.work.mkdir(parents=True, exist_ok=True)
    plan.entry.write_text(ENTRY, encoding="utf-8")
    plan.runtime_hook.write_text(RUNTIME_HOOK, encoding="utf-8")
    write_icon(plan)
    plan.spec.write_text(render_spec(plan), encoding="utf-8")


INNO_SETUP = """\
; Inno Setup script for {name} {version}, written by build_installer.py.
; Build: iscc "{script}"
[Setup]
AppId={{{{7C4E2B8A-5D1F-4F0E-9B1A-BA110DE5C0DE}}
AppName=选票台 {name}
AppVersion={version}
AppPublisher=BallotDesk developers
DefaultDirName={{autopf}}\\{name}
DefaultGroupName={name}
OutputDir={dist}
OutputBaseFilename={name}-{version}-windows-{arch}-setup
SetupIconFile={icon}
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "{bundle}\\*"; DestDir: "{{app}}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{{group}}\\选票台 {name}"; Filename: "{{app}}\\{exe}.exe"
Name: "{{autodesktop}}\\选票台 {name}"; Filename: "{{app}}\\{exe}.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{{cm:CreateDesktopIcon}}"

[Run]
Filename: "{{app}}\\{exe}.exe"; Flags: nowait postinstall skipifsilent
"""


def installer_command(plan: Plan) -> list[str] | None:
    """Windows: an Inno Setup script and ``iscc``; macOS: ``hdiutil`` makes a .dmg."""
    if plan.installer == "inno":
        script = plan.work / f"{APP_NAME}.iss"
        script.write_text(INNO_SETUP.format(
            name=APP_NAME, version=plan.version, dist=plan.dist, arch=machine(),
            icon=plan.icon, bundle=plan.output, exe=executable_name(plan.system),
            script=script), encoding="utf-8")
        return ["iscc", str(script)]
    if plan.installer == "dmg":
        image = plan.dist / f"{APP_NAME}-{plan.version}-macos-{machine()}.dmg"
        return ["hdiutil", "create", "-volname", APP_NAME, "-srcfolder", str(plan.output),
                "-ov", "-format", "UDZO", str(image)]
    return None


# --- building, checking, packing ---------------------------------------------------------------

def say(message: str) -> None:
    print(f"build_installer: {message}", flush=True)


def ensure_environment(argv: list[str]) -> None:
    """Continue inside .venv (made by dev.py when missing) with the ``build`` extra in it."""
    sys.path.insert(0, str(ROOT))
    import dev

    if Path(sys.prefix).resolve() != dev.VENV.resolve():
        if not dev.ensure_environment():
            sys.exit(1)
        os.execv(str(dev.PYTHON), [str(dev.PYTHON), str(Path(__file__).resolve()), *argv])
    import importlib.util

    if importlib.util.find_spec("PyInstaller") is None:
        say("installing " + ", ".join(build_requirements()) + " into .venv …")
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",
                        "--disable-pip-version-check", *build_requirements()], check=True)


def check_environment() -> list[str]:
    """Problems that would make a fat or broken bundle, found before the build starts."""
    from importlib import metadata

    problems = []
    for fat, lean in (("opencv-python", "opencv-python-headless"),
                      ("PySide6", "PySide6-Essentials"), ("PySide6-Addons", "")):
        try:
            metadata.version(fat)
        except metadata.PackageNotFoundError:
            continue
        problems.append(f"{fat} is installed: uninstall it"
                        + (f" and keep {lean}" if lean else "") + " (the bundle would grow)")
    return problems


def run_pyinstaller(plan: Plan) -> None:
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(plan.dist), "--workpath", str(plan.work / "work"),
               str(plan.spec)]
    say(" ".join(command[2:]))
    subprocess.run(command, cwd=ROOT, check=True)


def files_in(output: Path) -> list[str]:
    return [p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()] \
        if output.is_dir() else [output.name]


def check_bundle(plan: Plan) -> list[str]:
    """What a finished one-folder bundle must and must not contain."""
    if plan.onefile:
        return [] if plan.executable.is_file() else [f"{plan.executable} is missing"]
    files = files_in(plan.output)
    names = [Path(f).name for f in files]
    problems = [f"forbidden: {f}" for f in files
                if any(fnmatch.fnmatch(f, f"*{p}") for p in FORBIDDEN_FILES)]
    required = {"the executable": [plan.executable.name],
                "zxing-cpp": ["zxingcpp*"], "OpenCV": ["cv2*.so", "cv2*.pyd"],
                "pypdfium2's PDFium": ["*pdfium*"], "the ballot font": ["wqy-microhei.ttc"],
                "the translations": ["ballotdesk_zh_CN.qm"],
                "the migrations": ["0001_initial.py"], "the Qt platform plugins": ["*qxcb*",
                                                                                  "*qwindows*",
                                                                                  "*qcocoa*"]}
    if plan.system == "windows":
        required["libzbar"] = ["libzbar-*.dll"]
    elif plan.system == "linux":
        required["libzbar"] = ["libzbar.so*"]
    for what, patterns in required.items():
        if not any(fnmatch.fnmatch(name, pattern) for name in names for pattern in patterns):
            problems.append(f"missing: {what} ({', '.join(patterns)})")
    return problems


def size_of(path: Path) -> int:
    return path.stat().st_size if path.is_file() else sum(
        p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.0f} MB"


def run_self_test(plan: Plan) -> int:
    """The bundled executable, from a neutral folder, without the build's Python around it."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "VIRTUAL_ENV", "LD_LIBRARY_PATH"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    say(f"self-test: {plan.executable} --self-test")
    with tempfile.TemporaryDirectory(prefix="ballotdesk-bundle-") as folder:
        try:
            return subprocess.run([str(plan.executable), "--self-test"], cwd=folder, env=env,
                                  timeout=SELF_TEST_TIMEOUT_S, check=False).returncode
        except subprocess.TimeoutExpired:
            say(f"self-test: no answer after {SELF_TEST_TIMEOUT_S} s")
            return 1


def make_archive(plan: Plan) -> Path:
    """tar.gz (Linux, macOS: keeps the executable bits and symlinks) or zip (Windows)."""
    target = plan.dist / archive_name(plan.version, plan.system, machine())
    target.unlink(missing_ok=True)
    if target.suffix == ".zip":
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(plan.output.rglob("*")) if plan.output.is_dir() else [plan.output]:
                archive.write(path, path.relative_to(plan.output.parent))
    else:
        with tarfile.open(target, "w:gz", compresslevel=6) as archive:
            archive.add(plan.output, plan.output.name)
    return target


def build(plan: Plan) -> int:
    started = time.monotonic()
    problems = check_environment()
    if problems:
        for problem in problems:
            say(f"refused: {problem}")
        return 1
    say(f"{APP_NAME} {plan.version} for {plan.system}-{machine()}"
        + (", one file" if plan.onefile else ", one folder"))
    say("Qt modules: " + ", ".join(qt_modules_used()) + f" ({len(plan.excludes)} modules "
        "excluded, QtWebEngine among them)")
    write_build_files(plan)
    if plan.output.exists():
        (shutil.rmtree if plan.output.is_dir() else Path.unlink)(plan.output)
    run_pyinstaller(plan)
    problems = check_bundle(plan)
    for problem in problems:
        say(f"bundle: {problem}")
    size = size_of(plan.output)
    say(f"bundle: {plan.output} ({megabytes(size)}, {len(files_in(plan.output))} files)")
    if problems:
        return 1
    if run_self_test(plan) != 0:
        say("FAILED: the bundled self-test did not pass; nothing was packed")
        return 1
    archive = make_archive(plan)
    say(f"archive: {archive} ({megabytes(archive.stat().st_size)})")
    command = installer_command(plan)
    if command is not None:
        if shutil.which(command[0]) is None:
            say(f"installer: {command[0]} is not installed here; run: {' '.join(command)}")
        else:
            subprocess.run(command, check=True)
    say(f"done in {time.monotonic() - started:.0f} s: {plan.output} ({megabytes(size)}), "
        f"{archive.name} ({megabytes(archive.stat().st_size)})")
    return 0


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist",
                        help="where the bundle and the archive go (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller",
                        help="PyInstaller's work folder and the generated spec "
                             "(default: build/pyinstaller/)")
    parser.add_argument("--onefile", action="store_true",
                        help="one executable that unpacks itself at each start (slower start)")
    parser.add_argument("--console", dest="windowed", action="store_false",
                        help="Windows: keep the console window when started from Explorer; "
                             "macOS: no .app, a plain folder")
    parser.add_argument("--installer", choices=("none", "inno", "dmg"), default="none",
                        help="also make an installer: inno (Windows, Inno Setup's iscc) or "
                             "dmg (macOS, hdiutil)")
    parser.add_argument("--print-spec", choices=SYSTEMS, metavar="SYSTEM",
                        help=f"print the spec for SYSTEM ({', '.join(SYSTEMS)}) and exit")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.print_spec:
        plan = make_plan(args.print_spec, args.dist.resolve(), args.work.resolve(),
                         args.onefile, args.windowed, args.installer)
        print(render_spec(plan), end="")
        return 0
    ensure_environment(argv)
    plan = make_plan(current_system(), args.dist.resolve(), args.work.resolve(), args.onefile,
                     args.windowed, args.installer)
    if plan.installer not in {"none", {"windows": "inno", "macos": "dmg"}.get(plan.system)}:
        say(f"--installer {plan.installer} is not made on {plan.system}")
        return 2
    return build(plan)


if __name__ == "__main__":
    sys.exit(main())
