"""Sign-in throttling: growing waits after repeated failures, per account and per station, kept
in the database (so every process sees them), and every try on the audit chain without the
password. The clock is injected: nothing here sleeps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest

from ballotformat.messages import RuleError
from desktop.core.accounts import service as accounts
from desktop.core.accounts.service import (
    FREE_FAILURES,
    MAX_DELAY_S,
    Accounts,
    sign_in,
    throttle_delay,
)
from desktop.core.audit.labels import action_label, summary
from desktop.core.audit.log import AuditLog
from desktop.core.enums import Role
from desktop.core.store.db import Database
from desktop.core.store.models import utcnow
from tests.conftest import Cli

pytestmark = pytest.mark.both_backends

BOSS, BOSS_PASSWORD = "王组长", "组长的密码123"
CLERK, CLERK_PASSWORD = "计票员小周", "小周的密码456"
WRONG = "猜一猜的密码000"
HALL = "计票大厅-1"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    opened = Database.open(db_url)
    boss = accounts.setup(opened, BOSS, BOSS_PASSWORD)
    Accounts(opened, boss).create(CLERK, Role.COUNTING, CLERK_PASSWORD)
    yield opened
    opened.dispose()


def refusal(db: Database, name: str, password: str, clock: Callable[[], dt.datetime],
            station: str = HALL) -> str:
    with pytest.raises(RuleError) as refused:
        sign_in(db, name, password, station=station, clock=clock)
    (message,) = refused.value.messages
    return message.code


def test_the_waits_grow_from_one_second_to_five_minutes() -> None:
    assert [throttle_delay(n) for n in range(FREE_FAILURES)] == [0.0] * FREE_FAILURES
    assert [throttle_delay(FREE_FAILURES + n) for n in range(5)] == [1.0, 2.0, 4.0, 8.0, 16.0]
    assert throttle_delay(FREE_FAILURES + 8) == 256.0
    assert throttle_delay(FREE_FAILURES + 9) == MAX_DELAY_S == 300.0
    assert throttle_delay(10_000) == MAX_DELAY_S


def test_failures_make_an_account_wait_even_with_the_right_password(db: Database) -> None:
    clock = Clock()
    for _ in range(FREE_FAILURES):
        assert refusal(db, BOSS, WRONG, clock) == "account_bad_credentials"
    # Five in a row: the next try waits a second, the right password too.
    with pytest.raises(RuleError) as refused:
        sign_in(db, BOSS, BOSS_PASSWORD, station=HALL, clock=clock)
    (message,) = refused.value.messages
    assert message.code == "account_throttled"
    assert message.text("zh_CN") == "登录失败次数过多：请等待 1 秒后再试。"
    assert message.text("en") == "Too many failed sign-ins: wait 1 s before trying again."
    clock.advance(1)
    assert refusal(db, BOSS, WRONG, clock) == "account_bad_credentials"  # sixth: 2 s now
    clock.advance(1.5)
    with pytest.raises(RuleError) as refused:
        sign_in(db, BOSS, BOSS_PASSWORD, station=HALL, clock=clock)
    assert refused.value.messages[0].params["seconds"] == 1  # 0.5 s left, rounded up
    clock.advance(0.5)
    assert sign_in(db, BOSS, BOSS_PASSWORD, station=HALL, clock=clock).name == BOSS
    # A success clears the count: five more failures cost nothing again.
    for _ in range(FREE_FAILURES):
        assert refusal(db, BOSS, WRONG, clock) == "account_bad_credentials"


def test_guessing_gets_slower_and_slower_on_any_station(db: Database) -> None:
    clock = Clock()
    start, guesses = clock.now, 30
    tried = 0
    while tried < guesses:
        with pytest.raises(RuleError) as refused:
            sign_in(db, CLERK, WRONG, station=f"站点{tried % 7}", clock=clock)
        (message,) = refused.value.messages
        if message.code == "account_throttled":
            clock.advance(message.params["seconds"])  # a script waiting just as long as told
        else:
            tried += 1
    waited = (clock.now - start).total_seconds()
    assert waited >= sum(throttle_delay(n) for n in range(FREE_FAILURES, guesses - 1))


def test_a_station_is_throttled_across_accounts_and_the_count_is_in_the_database(
    db: Database, db_url: str
) -> None:
    clock = Clock()
    names = ["张三", "李四", "王五", "赵六", BOSS]  # unknown names count as well
    for name in names:
        assert refusal(db, name, WRONG, clock) == "account_bad_credentials"
    # Another process (its own connection): the station's count holds there too.
    other = Database.open(db_url)
    try:
        assert refusal(other, CLERK, CLERK_PASSWORD, clock) == "account_throttled"
        # Another station is not held up by this one's failures ...
        assert sign_in(other, CLERK, CLERK_PASSWORD, station="会议室", clock=clock).name == CLERK
    finally:
        other.dispose()
    # ... and an account's failures hold it on every station.
    for _ in range(FREE_FAILURES):
        refusal(db, CLERK, WRONG, clock, station="会议室")
    assert refusal(db, CLERK, CLERK_PASSWORD, clock, station="第三台电脑") == "account_throttled"


def test_every_try_is_on_the_audit_chain_without_the_password(db: Database) -> None:
    clock = Clock()
    for _ in range(FREE_FAILURES):
        refusal(db, CLERK, WRONG, clock)
    refusal(db, CLERK, CLERK_PASSWORD, clock)  # during the wait
    refusal(db, "没有这个人", WRONG, clock, station="会议室")
    clock.advance(1)
    sign_in(db, CLERK, CLERK_PASSWORD, station=HALL, clock=clock)
    log = AuditLog(db)
    tries = [e for e in log.entries() if e.action.startswith("sign_in.")]
    assert [(e.action, e.after["outcome"]) for e in tries] == (
        [("sign_in.failed", "failed")] * FREE_FAILURES
        + [("sign_in.failed", "throttled"), ("sign_in.failed", "failed"),
           ("sign_in.success", "success")])
    assert [e.after["account"] for e in tries] == [CLERK] * 6 + ["没有这个人", CLERK]
    assert [e.after["station"] for e in tries] == [HALL] * 6 + ["会议室", HALL]
    assert tries[FREE_FAILURES - 1].after["failures"] == FREE_FAILURES
    assert tries[FREE_FAILURES].after["wait_s"] == 1
    assert tries[-1].actor == CLERK and tries[0].actor == ""
    every = repr([e.as_dict() for e in log.iter_all()])
    assert WRONG not in every and CLERK_PASSWORD not in every
    assert log.verify().ok
    # In words, for the audit page and the CLI.
    assert action_label("sign_in.failed", "zh_CN") == "登录失败"
    assert action_label("sign_in.success", "en") == "signed in"
    assert "等待期内再次尝试" in summary(None, tries[FREE_FAILURES].after, "zh_CN")
    assert "用户名或密码不正确" in summary(None, tries[0].after, "zh_CN")


def test_the_command_line_says_how_long_to_wait(db: Database, cli: Cli) -> None:
    for _ in range(FREE_FAILURES + 7):  # the real clock: 64 s from the last failure
        refusal(db, BOSS, WRONG, utcnow)
    assert cli("--user", BOSS, "--password", BOSS_PASSWORD, "account", "list") == 1
    assert "登录失败次数过多：请等待" in cli.err and "秒后再试" in cli.err
    assert cli("--lang", "en", "--user", BOSS, "--password", BOSS_PASSWORD,
               "account", "list") == 1
    assert "Too many failed sign-ins: wait" in cli.err


def test_a_command_records_its_sign_in_only_after_failures(db: Database, cli: Cli) -> None:
    def sign_ins() -> list[tuple[str, str]]:
        return [(e.action, e.after["outcome"]) for e in AuditLog(db).entries()
                if e.action.startswith("sign_in.")]

    cli.ok("--user", CLERK, "--password", CLERK_PASSWORD, "account", "list")
    assert sign_ins() == [], "every command signs in: a plain one adds no line to the chain"
    assert cli("--user", CLERK, "--password", WRONG, "account", "list") == 1
    cli.ok("--user", CLERK, "--password", CLERK_PASSWORD, "account", "list")
    assert sign_ins() == [("sign_in.failed", "failed"), ("sign_in.success", "success")]
    assert AuditLog(db).entries()[-1].after["after_failures"] == 1
    cli.ok("--user", CLERK, "--password", CLERK_PASSWORD, "account", "list")
    assert len(sign_ins()) == 2
