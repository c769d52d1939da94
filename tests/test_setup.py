"""Setting up from a fresh clone: dev.py, .ci/run and the README agree on the system packages,
``run`` installs no test tools and no compiled optional part, and a part that cannot be built is
one line, never a traceback."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import dev  # noqa: E402

ALL_PARTS = ("run", "scanner", "test")


def _readme_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## Set up and run")
    return text[start:text.index("\n## ", start + 1)]


def test_the_readme_names_exactly_the_packages_ci_installs() -> None:
    listed = dev.read_packages(ALL_PARTS)
    command = re.search(r"apt-get install --no-install-recommends \\\n(.*?)\n```",
                        _readme_section(), re.DOTALL)
    assert command is not None, "the README's set-up has no apt-get command"
    assert command.group(1).replace("\\", " ").split() == listed
    # The exact set per part, as the README's bullets say it.
    bullets = re.findall(r"^- (.*?)(?=^- |^\n)", _readme_section(), re.MULTILINE | re.DOTALL)
    assert [re.findall(r"`([a-z0-9.+-]+)`", b.split(":", 1)[1]) for b in bullets] == [
        dev.read_packages((part,)) for part in ALL_PARTS]


def test_ci_run_installs_the_list_from_the_packages_file() -> None:
    """.ci/run reads the same file; running its reading line gives dev.py's list."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    reading = next(line for line in script.splitlines() if "packages.txt" in line
                   and line.startswith("mapfile"))
    shown = subprocess.run(["bash", "-c", f'{reading}\nprintf "%s\\n" "${{PACKAGES[@]}}"'],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert shown.split() == dev.read_packages(ALL_PARTS)
    assert "python3 dev.py test" in script


def test_running_the_app_needs_no_test_tools_and_no_compiler() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    base = " ".join(project["dependencies"]).lower()
    for tool in ("pytest", "ruff", "mypy", "hypothesis", "python-sane", "pyinstaller"):
        assert tool not in base
    assert dev.EXTRAS["run"] == ("",)
    assert dev.EXTRAS["test"] == ("dev",)
    assert dev.OPTIONAL_EXTRA in project["optional-dependencies"]
    # What `run` requires of the system has no compiler and no headers: those are the
    # optional scanner part's.
    required = dev.read_packages(dev.REQUIRED_PARTS["run"])
    assert not {"gcc", "libsane-dev", "python3-dev", "xvfb"} & set(required)


@pytest.mark.skipif(shutil.which("dpkg-query") is None, reason="not a Debian-like system")
def test_missing_packages_are_named_with_the_command(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    packages = tmp_path / "packages.txt"
    packages.write_text("# a comment\nbash  run  a shell\n"
                        "ballotdesk-no-such-package  run  missing  # comment\n"
                        "ballotdesk-other-missing  test  only for tests\n", encoding="utf-8")
    assert dev.check_packages(("run",), packages) is False
    out = capsys.readouterr().out
    assert "missing system packages: ballotdesk-no-such-package\n" in out
    assert "apt-get install --no-install-recommends ballotdesk-no-such-package\n" in out
    assert "bash" not in out.replace("ballotdesk", "")
    assert dev.check_packages(("run", "test"), packages) is False
    assert "ballotdesk-other-missing" in capsys.readouterr().out
    packages.write_text("bash run a shell\n", encoding="utf-8")
    assert dev.check_packages(("run",), packages) is True
    assert capsys.readouterr().out == ""


def test_an_optional_part_that_cannot_be_built_is_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(dev, "VENV", tmp_path)
    monkeypatch.setattr(dev, "OPTIONAL_LOG", tmp_path / "optional-install.log")
    failing = [sys.executable, "-c",
               "import sys; print('sane/sane.h: No such file or directory', file=sys.stderr);"
               " raise SystemExit(1)"]
    assert dev.install_optional("scanner", failing) is False
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert "[scanner]" in out
    assert "Traceback" not in out
    assert "sane/sane.h" in (tmp_path / "optional-install.log").read_text(encoding="utf-8")
    # Not tried again until pyproject.toml changes.
    assert dev.install_optional("scanner", ["false-command-never-run"]) is False
    assert capsys.readouterr().out == ""
    (tmp_path / ".ballotdesk-install-stamp-scanner").unlink()
    assert dev.install_optional("scanner", [sys.executable, "-c", "pass"]) is True
    assert dev.install_optional("scanner", ["false-command-never-run"]) is True


def test_a_failed_install_is_a_message_and_an_exit_code_not_a_traceback(
        tmp_path: Path) -> None:
    """dev.py run with a pip that fails: exit 1 and dev.py's own line, no CalledProcessError."""
    copy = tmp_path / "clone"
    (copy / ".ci").mkdir(parents=True)
    shutil.copy(ROOT / "dev.py", copy / "dev.py")
    (copy / "pyproject.toml").write_text("this is not toml [", encoding="utf-8")
    (copy / ".ci" / "packages.txt").write_text("bash run a shell\n", encoding="utf-8")
    # A .venv whose "python" is a script that fails like a pip that cannot build.
    bin_dir = copy / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").write_text("#!/bin/sh\necho 'error: build failed' >&2\nexit 1\n",
                                    encoding="utf-8")
    (bin_dir / "python").chmod(0o755)
    done = subprocess.run([sys.executable, str(copy / "dev.py"), "run"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert "dev.py: installing BallotDesk failed" in done.stdout
