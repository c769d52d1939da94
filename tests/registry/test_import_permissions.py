"""A role that may not import is refused before the file is read (docs/accounts.md): the
refusal, not a file error, even for a file that does not exist, in the core and the CLI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ballotformat.messages import RuleError
from desktop.core.accounts import service as accounts
from desktop.core.accounts.actors import Actor
from desktop.core.accounts.service import Accounts
from desktop.core.demo import create_demo
from desktop.core.enums import Role
from desktop.core.services import Services
from tests.conftest import ORGANISER, PASSWORD, Cli

pytestmark = pytest.mark.both_backends

OBSERVER = Actor("观察员甲", Role.OBSERVER)
COUNTING = Actor("计票员", Role.COUNTING)
OBSERVER_PASSWORD = "观察员的密码123"

Reading = Callable[[Services, int, Path], object]
READINGS: dict[str, Reading] = {
    "candidates columns": lambda s, c, p: s.importer.columns(c, p),
    "candidates preview": lambda s, c, p: s.importer.preview(c, p),
    "online suggest_mapping": lambda s, c, p: s.online.suggest_mapping(c, p),
    "online preview": lambda s, c, p: s.online.preview(c, p, "平台A"),
    "experts preview": lambda s, c, p: s.experts.preview(c, p),
}


def test_the_permission_is_checked_before_the_file_is_read(services: Services,
                                                           tmp_path: Path) -> None:
    campaign = create_demo(services)
    missing = tmp_path / "不存在的文件.csv"
    for name, reading in READINGS.items():
        for actor in (OBSERVER, COUNTING):
            with pytest.raises(RuleError) as refused:
                reading(Services.for_database(services.db, actor), campaign.id, missing)
            assert [m.code for m in refused.value.messages] == ["permission_denied"], name
        # The organiser gets as far as the file (missing: a file error, not a refusal).
        with pytest.raises(RuleError) as unreadable:
            reading(services, campaign.id, missing)
        assert "permission_denied" not in [m.code for m in unreadable.value.messages], name


def test_the_command_line_refuses_before_reading(cli: Cli, db_url: str, tmp_path: Path) -> None:
    cli.ok("demo")
    db_services = Services.open(db_url, ORGANISER)
    try:
        Accounts(db_services.db, accounts.sign_in(db_services.db, ORGANISER.name, PASSWORD)
                 ).create(OBSERVER.name, Role.OBSERVER, OBSERVER_PASSWORD)
    finally:
        db_services.db.dispose()
    missing = str(tmp_path / "不存在的文件.csv")
    sign_in = ("--user", OBSERVER.name, "--password", OBSERVER_PASSWORD)
    for command in (("candidates", "import", missing),
                    ("online", "import", missing, "--source", "平台A"),
                    ("experts", "import", missing)):
        assert cli(*sign_in, *command) == 1
        assert "无权" in cli.err, (command, cli.err)
        assert "不存在的文件" not in cli.err, (command, cli.err)
