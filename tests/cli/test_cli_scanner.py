"""``ballotdesk scanner list`` and ``ballotdesk scan --scanner``: real SANE backends, run as
real processes (SANE reads $SANE_CONFIG_DIR once per process): ``pnm`` returns a filled-in
ballot, ``test`` feeds ten sheets until "out of documents" and jams on request."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.services import Services
from scanning.sources import ScannerSettings, parse_options, settings_from_options
from tests.ballot_files import fill_in, print_and_rasterize
from tests.conftest import ORGANISER, Cli

ROOT = Path(__file__).resolve().parents[2]
BOX = "东湖社区服务中心 1号箱"
WINDOWS = "十佳优良服务窗口"
#: The test backend's feeder holds this many sheets, then says "out of documents".
TEST_FEEDER_SHEETS = 10


@pytest.fixture
def sane_config(tmp_path: Path) -> Path:
    pytest.importorskip("sane", reason="python-sane (the scanner extra) is not installed")
    config = tmp_path / "sane"
    config.mkdir()
    (config / "dll.conf").write_text("pnm\ntest\n", encoding="ascii")
    return config


def ballotdesk(cli: Cli, config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own, signed in as the ``cli`` fixture is."""
    env = {**os.environ, "SANE_CONFIG_DIR": str(config), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "desktop.cli", "--db", cli.url, *args],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=env,
                          timeout=300, check=False)


def test_scanner_list(cli: Cli, sane_config: Path) -> None:
    listed = ballotdesk(cli, sane_config, "--json", "scanner", "list")
    assert listed.returncode == 0, listed.stderr
    devices = json.loads(listed.stdout)
    assert {d["device"] for d in devices} == {"pnm:0", "pnm:1", "test:0", "test:1"}
    assert {d["kind"] for d in devices} == {"virtual device"}
    table = ballotdesk(cli, sane_config, "scanner", "list")
    assert table.stdout.splitlines()[0].split() == ["设备", "扫描仪", "类型"]
    assert any(line.startswith("test:0 ") for line in table.stdout.splitlines())


def test_a_ballot_from_the_pnm_scanner_is_recorded(cli: Cli, db_url: str, sane_config: Path,
                                                   tmp_path: Path) -> None:
    cli.ok("demo")
    cli.ok("box", "add", BOX)
    services = Services.open(db_url, ORGANISER)
    campaign = services.registry.find_campaign()
    box = services.boxes.find_box(campaign.id, BOX)
    _batch, layout, ballots = print_and_rasterize(services, campaign.id, box.id, 1, tmp_path)
    sheet = fill_in(layout, ballots[0], {WINDOWS: ["07"]})[0]
    services.db.dispose()
    pgm = tmp_path / "ballot.pgm"
    height, width = sheet.shape
    pgm.write_bytes(f"P5\n{width} {height}\n255\n".encode() + sheet.tobytes())

    scanned = ballotdesk(cli, sane_config, "--json", "scan", "--scanner", "pnm:0",
                         "--source", "flatbed", "--option", f"filename={pgm}", "--box", BOX)
    assert scanned.returncode == 0, scanned.stderr
    (page,) = json.loads(scanned.stdout)
    assert (page["status"], page["recorded"], page["serial"]) == ("accepted", True, 1)
    assert page["file"].startswith("pnm:0 ")
    windows = next(c for c in page["categories"] if c["category"] == WINDOWS)
    assert windows["selected"] == ["07"]
    assert cli.json("ballots", "reconcile")["total"]["returned"] == 1

    again = ballotdesk(cli, sane_config, "--lang", "en", "scan", "--scanner", "pnm:0",
                       "--option", f"filename={pgm}")
    assert again.returncode == 0, again.stderr
    assert "1 page: 0 accepted, 0 for review, 0 rejected, 1 recorded before." in again.stdout


def test_the_test_feeder_runs_until_out_of_documents(cli: Cli, sane_config: Path) -> None:
    """Ten sheets of one test pattern (no ballot: the first is rejected, the nine others are
    the same image, recorded before), then the feeder is empty: the normal end, status 0."""
    cli.ok("demo")
    fed = ballotdesk(cli, sane_config, "--lang", "en", "scan", "--scanner", "test:0",
                     "--source", "ADF", "--resolution", "75")
    assert fed.returncode == 0, fed.stderr
    lines = fed.stdout.splitlines()
    assert [line.split()[0] for line in lines[:-1]] == ["test:0"] * TEST_FEEDER_SHEETS
    assert [line.split()[2] for line in lines[:-1]] == [f"#{n}" for n in range(1, 11)]
    assert "page not found" in lines[0]
    assert lines[-1] == (f"{TEST_FEEDER_SHEETS} pages: 0 accepted, 0 for review, 1 rejected, "
                         f"{TEST_FEEDER_SHEETS - 1} recorded before.")
    # Nothing else on stderr but the batch's automatic backup (the database's first: a full one).
    assert fed.stderr.startswith("Automatic full backup of the database (throttled")
    assert len(fed.stderr.splitlines()) == 1


def test_a_jam_or_a_missing_scanner_is_said_and_fails(cli: Cli, sane_config: Path) -> None:
    cli.ok("demo")
    jammed = ballotdesk(cli, sane_config, "scan", "--scanner", "test:1", "--resolution", "75",
                        "--option", "read_return_value=SANE_STATUS_JAMMED")
    assert jammed.returncode == 1
    assert "扫描仪卡纸（第 1 张）。已扫描的 0 张已保存。" in jammed.stderr
    assert "共 0 页" in jammed.stdout

    missing = ballotdesk(cli, sane_config, "--lang", "en", "scan", "--scanner", "nonexistent:0")
    assert missing.returncode == 1
    assert "Scanner “nonexistent:0” was not found." in missing.stderr

    no_source = ballotdesk(cli, sane_config, "--lang", "en", "scan", "--scanner", "test:0",
                           "--source", "Tray 2")
    assert no_source.returncode == 1
    assert ("Scanner “test:0” has no source “Tray 2”. It has: Flatbed, Automatic Document "
            "Feeder") in no_source.stderr


def test_scan_arguments_are_checked_before_anything(cli: Cli, tmp_path: Path) -> None:
    cli.ok("demo")
    assert cli("scan") == 1
    assert "请给出要扫描的文件或文件夹" in cli.err
    assert cli("scan", str(tmp_path), "--scanner", "test:0") == 1
    assert "文件和 --scanner 只能二选一" in cli.err
    assert cli("--lang", "en", "scan", str(tmp_path), "--resolution", "300") == 1
    assert "--resolution only applies with --scanner." in cli.err
    assert cli("scan", "--scanner", "test:0", "--option", "swdeskew") == 1
    assert "扫描仪选项应写作 名称=值，而不是“swdeskew”" in cli.err


def test_without_python_sane_the_scanner_commands_say_what_to_install(
        cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sane", None)  # import sane -> ImportError
    assert cli("scanner", "list") == 1
    assert "未安装扫描仪支持（python-sane 与 SANE）。请安装 ballotdesk[scanner]" in cli.err
    cli.ok("demo")
    assert cli("--lang", "en", "scan", "--scanner", "test:0") == 1
    assert "Scanner support (python-sane and SANE) is not installed." in cli.err


def test_written_options_become_settings() -> None:
    """What the window's options field and ``--option``/``--source``/``--resolution`` share."""
    settings = settings_from_options(parse_options("source=ADF; resolution=200; swdeskew=1"),
                                     duplex=True)
    assert settings == ScannerSettings(resolution_dpi=200, duplex=True,
                                       options={"swdeskew": 1}, source="ADF")
    assert settings_from_options({}) == ScannerSettings()
    with pytest.raises(ValueError, match="resolution=high"):
        settings_from_options(parse_options("resolution=high"))
    with pytest.raises(ValueError, match="swdeskew"):
        parse_options("swdeskew")
