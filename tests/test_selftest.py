"""``ballotdesk --self-test`` from source: in-process, as a command, and when a check fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import selftest
from desktop.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[1]


def assert_passed(report: str) -> None:
    lines = report.strip().splitlines()
    assert lines[0].startswith("BallotDesk ") and "self-test" in lines[0]
    checks = lines[1:-1]
    assert len(checks) == len(selftest.CHECKS)
    assert all(line.startswith("✓ ") and line.split(" (")[1].split(" s)")[0] for line in checks)
    assert "计票 / tally" in report and "主窗口（离屏） / main window (offscreen)" in report
    assert lines[-1].startswith("✓ 自检通过 / self-test passed")


def test_self_test_in_process_passes_and_leaves_the_users_data_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    users_db, users_archive = tmp_path / "mine.sqlite3", tmp_path / "my-archive"
    monkeypatch.setenv("BALLOTDESK_DB", f"sqlite:///{users_db}")
    monkeypatch.setenv("BALLOTDESK_ARCHIVE", str(users_archive))
    assert cli_main(["--self-test"]) == 0
    assert_passed(capsys.readouterr().out)
    assert not users_db.exists() and not users_archive.exists()
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"  # conftest's value, restored


def test_self_test_as_a_command(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # it goes offscreen
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "--self-test"], cwd=tmp_path,
                          env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True,
                          text=True, encoding="utf-8", timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert_passed(done.stdout)
    assert "(source," in done.stdout


def test_a_failing_check_is_reported_and_the_exit_status_is_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(_ws: selftest.Workspace) -> str:
        raise ValueError("boom\nsecond line")

    def refused(_ws: selftest.Workspace) -> str:
        raise selftest.CheckFailedError("counted 3, ticked 2")

    monkeypatch.setattr(selftest, "CHECKS", (
        ("资源文件", "resources", selftest.check_resources),
        ("坏", "broken", broken),
        ("计票", "tally", refused),
        ("印制选票", "print ballots", selftest.check_print),
    ))
    assert cli_main(["--self-test"]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[1].startswith("✓ 资源文件 / resources")
    assert lines[2].startswith("✗ 坏 / broken") and lines[2].endswith("ValueError: boom")
    assert lines[3].startswith("✗ 计票 / tally") and lines[3].endswith("counted 3, ticked 2")
    assert lines[4].startswith("✗ 印制选票") and "earlier check failed" in lines[4]
    assert lines[-1].startswith("✗ 自检失败：3/4") and "self-test FAILED: 3 of 4" in lines[-1]


def test_the_option_is_in_the_help(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli_main(["--lang", "en", "--help"]) == 0
    assert "--self-test" in capsys.readouterr().out
