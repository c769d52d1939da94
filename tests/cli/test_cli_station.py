"""``ballotdesk station …``: a station's key, registration, a package out and in, refusals."""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest

from desktop.cli.common import USER_ENV_VAR
from desktop.core.accounts.service import Accounts
from desktop.core.enums import Role
from desktop.core.printing.boxes import BoxInfo
from desktop.core.records.recording import ARCHIVE_ENV_VAR, archive_root
from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services
from tests.ballot_files import VOTES, fill_in, print_and_rasterize, save_scans
from tests.conftest import ORGANISER, PASSWORD, Cli
from tests.station_files import STATION_NAME, make_station, state_of

pytestmark = pytest.mark.both_backends

#: A counting-team account: what a station copy carries (the organiser's stays at home).
COUNTER = "计票员"


@contextmanager
def archive_at(folder: Path) -> Iterator[None]:
    """The station's commands use the station's archive (the organiser's may be set by
    $BALLOTDESK_ARCHIVE, as on PostgreSQL)."""
    with mock.patch.dict(os.environ, {ARCHIVE_ENV_VAR: str(folder)}):
        yield


def test_a_package_from_a_station_to_the_organiser(
    cli: Cli, services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    _batch, layout, pages = print_and_rasterize(services, demo.id, box.id, 2, tmp_path)
    scans = [path for number, (ballot, votes) in enumerate(zip(pages, VOTES, strict=False), 1)
             for path in save_scans(fill_in(layout, ballot, votes), tmp_path / "scans",
                                    f"b{number}")]
    Accounts(services.db, ORGANISER).create(COUNTER, Role.COUNTING, PASSWORD)
    station = make_station(services, tmp_path / "station")  # a copy, with the counters
    station.scan(scans)
    at_station = Cli(f"sqlite:///{station.db.sqlite_path}", capsys)
    organiser = os.environ[USER_ENV_VAR]
    monkeypatch.setenv(USER_ENV_VAR, COUNTER)  # the organiser's account stayed at home
    package = tmp_path / "东湖.zip"
    with archive_at(station.archive):
        key = at_station.json("station", "key", "--name", STATION_NAME, "--qr",
                              str(tmp_path / "key.png"))
        at_station.ok("station", "key", "--qr", str(tmp_path / "key.svg"))
        assert "指纹" in at_station.out and key["fingerprint_text"] in at_station.out
        out = at_station.ok("station", "export", str(package))
        assert "4 页选票" in out and "4 个图像" in out
    assert (tmp_path / "key.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    monkeypatch.setenv(USER_ENV_VAR, organiser)
    assert "<svg" in (tmp_path / "key.svg").read_text(encoding="utf-8")
    assert key["qr_text"].startswith(f"BALLOTDESK-STATION:1:{STATION_NAME}:")

    assert cli("station", "import", str(package)) == 1
    assert "未登记" in cli.err and key["fingerprint_text"] in cli.err
    out = cli.ok("station", "register", STATION_NAME, key["fingerprint_text"])
    assert "公钥随其第一个数据包存入" in out
    listed = cli.json("station", "list")
    assert [(s["name"], s["has_key"]) for s in listed] == [(STATION_NAME, False)]

    before = state_of(services.db)
    out = cli.ok("station", "import", str(package))
    assert "新增 4 页" in out and "冲突 0 处" in out
    assert state_of(services.db)["sheet"] == before["sheet"] + 4
    assert all((archive_root(services.db) / p).is_file() for p in _archived(package))
    after = state_of(services.db)
    again = cli.json("station", "import", str(package))
    assert again["already_imported"] and again["message"]["code"] == "package_already_imported"
    assert state_of(services.db) == after
    (history,) = cli.json("station", "imports")
    assert (history["station"], history["summary"]["new"]) == (STATION_NAME, 4)
    assert "东湖社区站" in cli.ok("station", "imports")

    truncated = tmp_path / "cut.zip"
    truncated.write_bytes(package.read_bytes()[:5000])
    assert cli("--lang", "en", "station", "import", str(truncated)) == 1
    assert "not a complete station package" in cli.err
    assert cli.out == ""
    assert state_of(services.db) == after

    assert "已撤销" in cli.ok("station", "revoke", STATION_NAME)
    assert cli.json("station", "list")[0]["revoked_at"]
    assert cli("station", "import", str(package)) == 1
    assert "撤销" in cli.err
    assert cli("station", "register", "别的站", "123") == 1
    assert "无法识别" in cli.err

    kit = tmp_path / "第二站.sqlite3"
    assert cli("station", "database", str(kit)) == 2  # which boxes: --box is required
    out = cli.ok("station", "database", str(kit), "--box", box.name)
    assert "sqlite:///" in out and COUNTER in out and "不含评选活动密钥" in out
    monkeypatch.setenv(USER_ENV_VAR, COUNTER)
    second = Cli(f"sqlite:///{kit}", capsys)
    assert second.json("station", "list")[0]["name"] == STATION_NAME
    other = second.json("station", "key", "--name", "第二站")
    assert other["fingerprint"] != key["fingerprint"]


def _archived(package: Path) -> list[str]:
    with zipfile.ZipFile(package) as zf:
        sheets = json.loads(zf.read("sheets.json"))
    return [sheet["archive_path"] for sheet in sheets]
