"""Shared fixtures: every test gets fresh folders and a real SQLite file of its own."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Before anything imports Qt or platformdirs: offscreen Qt, and a throwaway home for the user's
# data, settings and logs, so the suite never touches a real BallotDesk installation.
_SANDBOX = Path(tempfile.mkdtemp(prefix="ballotdesk-tests-"))
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["XDG_DATA_HOME"] = str(_SANDBOX / "data")
os.environ["XDG_CONFIG_HOME"] = str(_SANDBOX / "config")
os.environ["XDG_STATE_HOME"] = str(_SANDBOX / "state")
os.environ["XDG_CACHE_HOME"] = str(_SANDBOX / "cache")
os.environ["BALLOTDESK_LANG"] = "zh_CN"
os.environ.pop("BALLOTDESK_DB", None)

from desktop.cli import main as cli_main  # noqa: E402
from desktop.core.enums import CandidateKind  # noqa: E402
from desktop.core.registry import CampaignInfo, CategoryInfo, UnitInfo  # noqa: E402
from desktop.core.rules import CandidateFields  # noqa: E402
from desktop.core.services import Services  # noqa: E402

pytest_plugins = ["tests.ballot_files"]

CATEGORY_NAMES = ("十佳优良服务窗口", "十佳优秀服务标兵", "十佳优质服务品牌")


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ballotdesk.sqlite3'}"


@pytest.fixture
def services(db_url: str) -> Iterator[Services]:
    opened = Services.open(db_url, actor="测试员")
    yield opened
    opened.db.dispose()


@pytest.fixture
def campaign(services: Services) -> CampaignInfo:
    return services.registry.create_campaign("2026年度十佳评选", "测试用评选活动")


@pytest.fixture
def categories(services: Services, campaign: CampaignInfo) -> list[CategoryInfo]:
    kinds = (CandidateKind.WINDOW, CandidateKind.PERSON, CandidateKind.BRAND)
    return [
        services.registry.add_category(campaign.id, name, winners=10, kind=kind)
        for name, kind in zip(CATEGORY_NAMES, kinds, strict=True)
    ]


@pytest.fixture
def units(services: Services, campaign: CampaignInfo) -> list[UnitInfo]:
    names = ("东湖街道", "西山镇", "南岭乡", "北港街道", "城关镇")
    return [services.registry.add_unit(campaign.id, name) for name in names]


def person(
    name: str, unit: str, category: str = CATEGORY_NAMES[1], **extra: object
) -> CandidateFields:
    """A candidate form with just what the rules require."""
    return CandidateFields(name=name, category=category, unit=unit, **extra)  # type: ignore[arg-type]


class Cli:
    """Runs ``ballotdesk --db URL ...`` in-process and keeps what it printed."""

    def __init__(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.url = url
        self.capsys = capsys
        self.out = self.err = ""

    def __call__(self, *args: str) -> int:
        self.capsys.readouterr()
        code = cli_main(["--db", self.url, *args])
        self.out, self.err = self.capsys.readouterr()
        return code

    def ok(self, *args: str) -> str:
        code = self(*args)
        assert code == 0, self.err
        return self.out

    def json(self, *args: str) -> Any:
        return json.loads(self.ok("--json", *args))


@pytest.fixture
def cli(db_url: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(db_url, capsys)
