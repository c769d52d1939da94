#!/usr/bin/env python3
"""Set up and run BallotDesk from a fresh clone, with nothing but Python 3.11+.

    python3 dev.py run [ballotdesk arguments...]   # the application (GUI with no arguments)
    python3 dev.py test [pytest arguments...]      # ruff, mypy and the whole test suite

The first call makes ``.venv`` beside this file and installs into it what the command needs:
``run`` the application (and, when it builds, the optional ``scanner`` extra); ``test`` the
``dev`` extra as well (test tools, python-sane, PyInstaller). Each part is reinstalled only when
pyproject.toml changed. On Debian-like systems the system packages the command needs
(.ci/packages.txt) are checked first and the missing ones named, with the command that installs
them. It uses only the standard library so that it runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
PACKAGES_FILE = ROOT / ".ci" / "packages.txt"
#: Where pip's output goes when an optional part fails to build (one line on the terminal).
OPTIONAL_LOG = VENV / "optional-install.log"

#: The parts of .ci/packages.txt each command needs, and the extras it installs.
REQUIRED_PARTS = {"run": ("run",), "test": ("run", "scanner", "test")}
EXTRAS = {"run": ("",), "test": ("dev",)}
#: Installed by ``run`` only when it builds; its system packages are checked, never required.
OPTIONAL_EXTRA = "scanner"


def say(message: str) -> None:
    print(f"dev.py: {message}", flush=True)


def read_packages(parts: tuple[str, ...], path: Path = PACKAGES_FILE) -> list[str]:
    """The package names of ``parts`` in ``path`` (lines: name, part, why; ``#`` comments)."""
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) >= 2 and fields[1] in parts:
            names.append(fields[0])
    return names


def missing_packages(names: list[str]) -> list[str] | None:
    """The names dpkg does not have installed; None where there is no dpkg to ask."""
    if not names:
        return []
    if not sys.platform.startswith("linux") or shutil.which("dpkg-query") is None:
        return None
    shown = subprocess.run(["dpkg-query", "-W", "-f=${Package} ${Status}\n", *names],
                           capture_output=True, text=True, check=False).stdout
    installed = {line.split()[0] for line in shown.splitlines()
                 if line.endswith("install ok installed")}
    return [name for name in names if name not in installed]


def install_command(names: list[str]) -> str:
    sudo = "" if hasattr(os, "geteuid") and os.geteuid() == 0 else "sudo "
    return f"{sudo}apt-get install --no-install-recommends {' '.join(names)}"


def check_packages(parts: tuple[str, ...], path: Path = PACKAGES_FILE) -> bool:
    """Say which system packages of ``parts`` are missing; False when any is."""
    missing = missing_packages(read_packages(parts, path))
    if not missing:
        return True
    say("missing system packages: " + " ".join(missing))
    say("install them with:  " + install_command(missing))
    return False


def _stamp(extra: str) -> Path:
    return VENV / f".ballotdesk-install-stamp-{extra or 'app'}"


def _pyproject_digest() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def _pip(*args: str) -> list[str]:
    return [str(PYTHON), "-m", "pip", "--disable-pip-version-check", "install", "--quiet", *args]


def _target(extra: str) -> str:
    return f"{ROOT}[{extra}]" if extra else str(ROOT)


def install(extra: str) -> bool:
    """Install the project with ``extra`` ("" for none) unless already done for this pyproject."""
    digest = _pyproject_digest()
    stamp = _stamp(extra)
    if stamp.exists() and stamp.read_text().strip() == digest:
        return True
    say(f"installing BallotDesk{f' [{extra}]' if extra else ''} into .venv …")
    if subprocess.call(_pip("-e", _target(extra))) != 0:
        say(f"installing BallotDesk{f' [{extra}]' if extra else ''} failed (pip's reasons above)")
        return False
    stamp.write_text(digest)
    return True


def install_optional(extra: str, command: list[str] | None = None) -> bool:
    """Try ``extra`` once per pyproject; on failure one line, pip's output in OPTIONAL_LOG."""
    digest = _pyproject_digest()
    stamp = _stamp(extra)
    done_before = stamp.read_text().strip() if stamp.exists() else ""
    if done_before in {digest, f"failed {digest}"}:
        return done_before == digest
    built = subprocess.run(command or _pip("-e", _target(extra)), stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, check=False)
    if built.returncode != 0:
        OPTIONAL_LOG.write_text(built.stdout, encoding="utf-8")
        stamp.write_text(f"failed {digest}")
        say(f"the optional [{extra}] part could not be built and is left out "
            f"(pip's output: {OPTIONAL_LOG}); the rest works without it")
        return False
    stamp.write_text(digest)
    return True


def ensure_environment(command: str = "run") -> bool:
    """Check the system packages, make .venv and install what ``command`` needs."""
    if not check_packages(REQUIRED_PARTS[command]):
        return False
    if not PYTHON.exists():
        say("creating .venv …")
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        except (OSError, subprocess.CalledProcessError) as failed:
            say(f"cannot create .venv ({failed}); on Debian/Ubuntu: "
                f"{install_command(['python3-venv'])}")
            return False
    if not all(install(extra) for extra in EXTRAS[command]):
        return False
    if command == "run":
        missing = missing_packages(read_packages((OPTIONAL_EXTRA,)))
        if missing:
            say(f"scanner support is left out until its system packages are installed: "
                f"{install_command(missing)}")
        else:
            install_optional(OPTIONAL_EXTRA)
    return True


def run_app(args: list[str]) -> int:
    return subprocess.call([str(BIN / "ballotdesk"), *args])


def run_tests(args: list[str]) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    steps = [
        [str(PYTHON), "-m", "ruff", "check", "ballotformat", "desktop", "scanning", "tests",
         "benchmarks", "tools", "dev.py", "build_installer.py"],
        [str(PYTHON), "-m", "mypy"],
        [str(PYTHON), "-m", "pytest", *args],
    ]
    for step in steps:
        print("dev.py:", " ".join(Path(step[0]).name if i == 0 else a for i, a in enumerate(step)),
              flush=True)
        code = subprocess.call(step, cwd=ROOT, env=env)
        if code != 0:
            return code
    return 0


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in {"run", "test"}:
        print(__doc__)
        return 2
    command, rest = sys.argv[1], sys.argv[2:]
    if not ensure_environment(command):
        return 1
    return run_app(rest) if command == "run" else run_tests(rest)


if __name__ == "__main__":
    sys.exit(main())
