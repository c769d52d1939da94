"""``ballotdesk account ...`` and signing in on the command line: options, environment, a
terminal; refusals in both languages; a station set up from a backup without a sign-in."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
from pathlib import Path

import pytest

from desktop.cli.common import PASSWORD_ENV_VAR, USER_ENV_VAR
from desktop.core.audit.log import AuditLog
from desktop.core.store.backups import SETUP_ACTOR
from desktop.core.store.db import Database
from tests.conftest import ORGANISER, PASSWORD, Cli

pytestmark = pytest.mark.both_backends

ROOT = Path(__file__).resolve().parents[2]
#: How long the terminal may stay silent before a stuck command is stopped.
TERMINAL_PATIENCE_S = 60
BOSS, BOSS_PASSWORD = "王组长", "组长的密码123"
TELLER, TELLER_PASSWORD = "李四", "李四的密码123"
WATCHER, WATCHER_PASSWORD = "张三", "张三的密码123"


@pytest.fixture
def fresh(db_url: str, capsys: pytest.CaptureFixture[str],
          monkeypatch: pytest.MonkeyPatch) -> Cli:
    """The command line on a database without accounts, nobody signed in."""
    monkeypatch.delenv(USER_ENV_VAR, raising=False)
    monkeypatch.delenv(PASSWORD_ENV_VAR, raising=False)
    return Cli(db_url, capsys)


@pytest.fixture
def team(fresh: Cli) -> Cli:
    """An organiser, a counting-team member and an observer, made through the command line."""
    fresh.ok("account", "setup", BOSS, "--full-name", "王大山", "--password", BOSS_PASSWORD)
    boss = ("--user", BOSS, "--password", BOSS_PASSWORD)
    fresh.ok(*boss, "account", "create", TELLER, "--role", "计票组",
             "--new-password", TELLER_PASSWORD)
    fresh.ok(*boss, "account", "create", WATCHER, "--role", "observer", "--full-name", "张三",
             "--new-password", WATCHER_PASSWORD)
    fresh.ok(*boss, "demo")
    return fresh


def signed_in(name: str, password: str) -> tuple[str, ...]:
    return ("--user", name, "--password", password)


def test_setup_then_every_account_command(team: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    boss = signed_in(BOSS, BOSS_PASSWORD)
    listed = team.json(*boss, "account", "list")
    assert [(a["name"], a["full_name"], a["role"], a["active"]) for a in listed] == [
        (BOSS, "王大山", "organiser", True), (TELLER, "", "counting", True),
        (WATCHER, "张三", "observer", True)]
    table = team.ok(*boss, "account", "list")
    assert "计票组" in table and "观察员" in table and "启用" in table
    assert "Counting team" in team.ok(*boss, "--lang", "en", "account", "list")

    assert team("account", "setup", "又一个", "--password", BOSS_PASSWORD) == 1
    assert "已有账户" in team.err
    assert "已停用" in team.ok(*boss, "account", "update", WATCHER, "--disable")
    assert team(*signed_in(WATCHER, WATCHER_PASSWORD), "campaign", "list") == 1
    assert f"账户“{WATCHER}”已停用" in team.err
    changed = team.json(*boss, "account", "update", WATCHER, "--enable", "--role", "counting",
                        "--full-name", "张小三")
    assert (changed["role"], changed["active"], changed["full_name"]) == (
        "counting", True, "张小三")
    assert team(*boss, "account", "update", BOSS, "--role", "observer") == 1
    assert "最后一位启用的组织者" in team.err
    assert team(*boss, "account", "update", WATCHER, "--disable", "--enable") == 2

    # Signed in through the environment: the own password, the current one being the sign-in.
    monkeypatch.setenv(USER_ENV_VAR, TELLER)
    monkeypatch.setenv(PASSWORD_ENV_VAR, TELLER_PASSWORD)
    assert f"已修改“{TELLER}”的密码" in team.ok("account", "password",
                                               "--new-password", "李四的新密码123")
    assert team("account", "list") == 1
    assert "用户名或密码不正确" in team.err, "the old password no longer signs in"
    monkeypatch.setenv(PASSWORD_ENV_VAR, "李四的新密码123")
    assert team("account", "password", WATCHER, "--new-password", "别人的新密码123") == 1
    assert "无权管理账户" in team.err
    # An organiser resets anyone's password.
    team.ok(*boss, "account", "password", TELLER, "--new-password", "组长重设的密码123")
    assert team.json(*signed_in(TELLER, "组长重设的密码123"), "account", "list")

    actions = [(e.action, e.actor) for e in AuditLog(Database.open(team.url)).entries()
               if e.entity == "account" and not e.action.startswith("sign_in.")]
    assert actions == [
        ("account.setup", BOSS), ("account.create", BOSS), ("account.create", BOSS),
        ("account.update", BOSS), ("account.update", BOSS), ("password.change", TELLER),
        ("account.password", BOSS)]


def test_setup_and_create_need_a_password_without_a_terminal(fresh: Cli) -> None:
    assert fresh("account", "setup", BOSS) == 1
    assert "请用 --password 给出新密码" in fresh.err
    assert fresh("account", "setup", BOSS, "--password", "短") == 1
    assert "密码至少需要 8 个字符" in fresh.err
    fresh.ok("account", "setup", BOSS, "--password", BOSS_PASSWORD)
    assert fresh(*signed_in(BOSS, BOSS_PASSWORD), "account", "create", TELLER,
                 "--role", "counting") == 1
    assert "请用 --new-password 给出新密码" in fresh.err
    assert fresh(*signed_in(BOSS, BOSS_PASSWORD), "account", "create", TELLER,
                 "--role", "boss", "--new-password", TELLER_PASSWORD) == 2


def test_a_database_without_accounts_says_how_to_begin(fresh: Cli) -> None:
    assert fresh("campaign", "list") == 1
    assert "还没有任何账户：请先创建第一位组织者（ballotdesk account setup 用户名）" in fresh.err
    assert fresh("--lang", "en", *signed_in(BOSS, BOSS_PASSWORD), "campaign", "list") == 1
    assert "There are no accounts yet: create the first organiser with ballotdesk account " \
        "setup NAME." in fresh.err
    fresh.ok("account", "setup", BOSS, "--password", BOSS_PASSWORD)
    assert fresh("campaign", "list") == 1
    assert "请登录" in fresh.err
    assert fresh(*signed_in("没有这个人", BOSS_PASSWORD), "campaign", "list") == 1
    unknown = fresh.err
    assert fresh(*signed_in(BOSS, "错误的密码123"), "campaign", "list") == 1
    assert fresh.err == unknown == "用户名或密码不正确。\n"


def test_observers_look_and_export_but_change_nothing(team: Cli, tmp_path: Path) -> None:
    watcher = signed_in(WATCHER, WATCHER_PASSWORD)
    assert len(team.json(*watcher, "candidates", "list")) == 150
    assert "十佳" in team.ok(*watcher, "campaign", "show")
    team.ok(*watcher, "candidates", "export", str(tmp_path / "名单.csv"))
    assert (tmp_path / "名单.csv").exists()
    team.ok(*watcher, "audit", "verify")

    def changes() -> list[object]:
        """The audit entries but the sign-ins (each command signs in, and that is recorded)."""
        return [e for e in team.json(*watcher, "audit", "list")
                if not e["action"].startswith("sign_in.")]

    before = changes()

    assert team(*watcher, "unit", "add", "新单位") == 1
    assert team.err == f"“{WATCHER}”（观察员）无权管理评选登记与印制选票。\n"
    assert team(*watcher, "--lang", "en", "unit", "add", "新单位") == 1
    assert team.err == f"{WATCHER} (Observer) may not manage the registry and print ballots.\n"
    assert team(*watcher, "account", "create", "王五", "--role", "observer",
                "--new-password", "王五的密码123") == 1
    assert "无权管理账户" in team.err
    assert team(*watcher, "backup", str(tmp_path / "backups")) == 1
    assert "无权备份与恢复" in team.err
    assert not (tmp_path / "backups").exists()
    assert team(*signed_in(TELLER, TELLER_PASSWORD), "results", "rule", "--sum") == 1
    assert "无权管理网络投票、专家评分与结果规则" in team.err
    assert changes() == before, "no entry but sign-ins: nothing was done"


def test_a_station_is_set_up_from_a_backup_without_a_sign_in(
        cli: Cli, empty_db_url: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    cli.ok("demo")
    cli.ok("account", "create", TELLER, "--role", "counting", "--new-password", TELLER_PASSWORD)
    phrase = tmp_path / "passphrase.txt"
    phrase.write_text("the backup's passphrase", encoding="utf-8")
    sealed = ("--passphrase-file", str(phrase))
    saved = cli.json("backup", str(tmp_path / "backups"), *sealed)
    monkeypatch.delenv(USER_ENV_VAR)
    monkeypatch.delenv(PASSWORD_ENV_VAR)

    station = Cli(empty_db_url, capsys)
    assert "已从备份" in station.ok("restore", saved["folder"], *sealed)
    log = AuditLog(Database.open(empty_db_url))
    restored = log.entries()[-1]
    assert (restored.action, restored.actor) == ("restore.done", SETUP_ACTOR)
    assert log.verify().ok
    # The accounts came with the backup: from now on, restoring needs an organiser.
    assert station(*signed_in(TELLER, TELLER_PASSWORD), "campaign", "list") == 0
    assert station("restore", saved["folder"], *sealed) == 1
    assert "请登录" in station.err
    assert station(*signed_in(TELLER, TELLER_PASSWORD), "restore", saved["folder"],
                   *sealed) == 1
    assert "无权备份与恢复" in station.err
    station.ok(*signed_in(ORGANISER.name, PASSWORD), "restore", saved["folder"], *sealed)
    assert log.entries()[-1].actor == ORGANISER.name


def test_restore_help_tells_about_setting_up_a_station(fresh: Cli) -> None:
    fresh.ok("restore", "--help")
    assert "尚无任何账户的数据库" in fresh.out and SETUP_ACTOR in fresh.out
    fresh.ok("--lang", "en", "restore", "--help")
    assert "a database with no account yet" in " ".join(fresh.out.split())


# -- a real terminal ---------------------------------------------------------------------------
def on_terminal(db_url: str, *args: str, answers: tuple[str, ...]) -> tuple[int, str]:
    """Run the command on a new pseudo-terminal, typing ``answers`` at its prompts."""
    env = {k: v for k, v in os.environ.items() if k not in (USER_ENV_VAR, PASSWORD_ENV_VAR)}
    pid, fd = pty.fork()
    if pid == 0:  # the child: its controlling terminal is the pseudo-terminal
        os.chdir(ROOT)
        os.execve(sys.executable, [sys.executable, "-m", "desktop.cli", "--db", db_url, *args],
                  env)
    seen, answered, pending = b"", 0, list(answers)
    while select.select([fd], [], [], TERMINAL_PATIENCE_S)[0]:
        try:
            chunk = os.read(fd, 1024)
        except OSError:  # the child has closed the terminal
            break
        if not chunk:
            break
        seen += chunk
        if pending and seen[answered:].rstrip().endswith((b":", "：".encode())):
            os.write(fd, (pending.pop(0) + "\n").encode())
            answered = len(seen)
    else:
        os.kill(pid, signal.SIGTERM)  # stuck at a prompt nobody answers: fail, do not hang
    _pid, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), seen.decode("utf-8", "replace")


@pytest.mark.sqlite_only(reason="the terminal is what is tested, not the database")
def test_a_password_is_typed_twice_on_a_terminal(db_url: str) -> None:
    code, shown = on_terminal(db_url, "account", "setup", BOSS,
                              answers=(BOSS_PASSWORD, "打错了的密码123"))
    assert code == 1
    assert "两次输入的密码不一致" in shown
    code, shown = on_terminal(db_url, "account", "setup", BOSS,
                              answers=(BOSS_PASSWORD, BOSS_PASSWORD))
    assert code == 0, shown
    assert BOSS_PASSWORD not in shown, "a typed password is not echoed"
    code, shown = on_terminal(db_url, "--user", BOSS, "account", "list",
                              answers=(BOSS_PASSWORD,))
    assert code == 0, shown
    assert f"“{BOSS}”的密码" in shown and "组织者" in shown
