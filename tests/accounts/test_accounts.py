"""Local accounts: scrypt hashes, the first organiser, sign-in, and the organiser's management."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator

import pytest

from ballotformat.messages import RuleError
from desktop.core.accounts import service as accounts
from desktop.core.accounts.actors import Actor
from desktop.core.accounts.service import Accounts, hash_password, password_matches, sign_in
from desktop.core.audit.log import AuditLog
from desktop.core.enums import Role
from desktop.core.store.db import Database

pytestmark = pytest.mark.both_backends

BOSS, BOSS_PASSWORD = "王组长", "组长的密码123"


def codes(refused: pytest.ExceptionInfo[RuleError]) -> list[str]:
    return [m.code for m in refused.value.messages]


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    opened = Database.open(db_url)
    yield opened
    opened.dispose()


@pytest.fixture
def boss(db: Database) -> Accounts:
    """The first organiser, signed in, managing accounts."""
    return Accounts(db, accounts.setup(db, BOSS, BOSS_PASSWORD, full_name="王大山"))


# -- hashing -------------------------------------------------------------------------------
def test_a_hash_is_salted_carries_its_parameters_and_checks_the_password() -> None:
    first, second = hash_password("同一个密码"), hash_password("同一个密码")
    assert first != second, "a fresh salt each time"
    scheme, n, r, p, salt, digest = first.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", accounts.SCRYPT_N, accounts.SCRYPT_R,
                                                accounts.SCRYPT_P)
    assert len(base64.b64decode(salt)) == accounts.SALT_BYTES
    assert len(base64.b64decode(digest)) == accounts.HASH_BYTES
    assert "同一个密码" not in first
    assert password_matches("同一个密码", first) and password_matches("同一个密码", second)
    assert not password_matches("同一个密码 ", first)
    assert not password_matches("", first)
    for broken in ("", "plain text", first.replace("scrypt", "md5"), first + "$extra",
                   "scrypt$x$8$1$AAAA$AAAA"):
        assert not password_matches("同一个密码", broken)


def test_a_hash_made_with_other_parameters_still_checks() -> None:
    """The stored text names its work factor: raising ours later keeps old accounts working."""
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt("旧密码".encode(), salt=salt, n=2**10, r=4, p=2, dklen=32)
    stored = "$".join(["scrypt", "1024", "4", "2", base64.b64encode(salt).decode(),
                       base64.b64encode(digest).decode()])
    assert password_matches("旧密码", stored)
    assert not password_matches("新密码", stored)


# -- the first organiser and sign-in --------------------------------------------------------
def test_the_first_organiser_is_created_once(db: Database) -> None:
    assert not accounts.has_accounts(db)
    with pytest.raises(RuleError) as refused:
        accounts.setup(db, BOSS, "短")
    assert codes(refused) == ["account_password_short"]
    with pytest.raises(RuleError) as refused:
        accounts.setup(db, "  ", BOSS_PASSWORD)
    assert codes(refused) == ["account_name_empty"]
    assert not accounts.has_accounts(db), "nothing was created by a refused set-up"

    actor = accounts.setup(db, f"  {BOSS} ", BOSS_PASSWORD)
    assert actor == Actor(BOSS, Role.ORGANISER)
    with pytest.raises(RuleError) as refused:
        accounts.setup(db, "另一个人", BOSS_PASSWORD)
    assert codes(refused) == ["account_setup_done"]
    assert [(a.name, a.role) for a in Accounts(db, actor).list()] == [(BOSS, Role.ORGANISER)]


def test_sign_in_tells_no_one_which_names_exist(db: Database, boss: Accounts) -> None:
    assert sign_in(db, BOSS, BOSS_PASSWORD) == Actor(BOSS, Role.ORGANISER)
    assert sign_in(db, f" {BOSS} ", BOSS_PASSWORD).name == BOSS
    with pytest.raises(RuleError) as unknown:
        sign_in(db, "没有这个人", BOSS_PASSWORD)
    with pytest.raises(RuleError) as wrong:
        sign_in(db, BOSS, "错误的密码123")
    assert codes(unknown) == codes(wrong) == ["account_bad_credentials"]
    for language in ("zh_CN", "en"):
        assert unknown.value.messages[0].text(language) == wrong.value.messages[0].text(language)

    boss.create("李四", Role.COUNTING, "李四的密码123")
    boss.update("李四", active=False)
    with pytest.raises(RuleError) as disabled:
        sign_in(db, "李四", "李四的密码123")
    assert codes(disabled) == ["account_inactive"]
    with pytest.raises(RuleError) as disabled_and_wrong:
        sign_in(db, "李四", "错误的密码123")
    assert codes(disabled_and_wrong) == ["account_bad_credentials"], \
        "a wrong password does not learn that the account exists but is disabled"
    boss.update("李四", active=True)
    assert sign_in(db, "李四", "李四的密码123") == Actor("李四", Role.COUNTING)


def test_without_accounts_sign_in_says_how_to_create_the_first_organiser(db: Database) -> None:
    with pytest.raises(RuleError) as refused:
        sign_in(db, BOSS, BOSS_PASSWORD)
    message = refused.value.messages[0]
    assert message.code == "account_none_yet"
    assert "ballotdesk account setup 用户名" in message.text("zh_CN")
    assert "ballotdesk account setup NAME" in message.text("en")


# -- management -----------------------------------------------------------------------------
def test_names_and_passwords_are_checked(boss: Accounts) -> None:
    with pytest.raises(RuleError) as refused:
        boss.create(BOSS, Role.OBSERVER, "够长的密码123")
    assert codes(refused) == ["account_name_taken"]
    with pytest.raises(RuleError) as refused:
        boss.create("名" * (accounts.MAX_NAME_CHARS + 1), Role.OBSERVER, "短")
    assert codes(refused) == ["account_name_long", "account_password_short"]
    with pytest.raises(RuleError) as refused:
        boss.update("没有这个人", role=Role.OBSERVER)
    assert codes(refused) == ["account_unknown"]
    assert boss.create("八个汉字的密码", Role.OBSERVER, "八个汉字的密码啊").role is Role.OBSERVER


def test_the_last_active_organiser_keeps_the_role(db: Database, boss: Accounts) -> None:
    for change in ({"role": Role.COUNTING}, {"active": False}):
        with pytest.raises(RuleError) as refused:
            boss.update(BOSS, **change)  # type: ignore[arg-type]
        assert codes(refused) == ["account_last_organiser"]
    boss.create("赵副组长", Role.ORGANISER, "副组长的密码123")
    boss.update("赵副组长", active=False)
    with pytest.raises(RuleError) as refused:
        boss.update(BOSS, role=Role.OBSERVER)
    assert codes(refused) == ["account_last_organiser"], "a disabled organiser does not count"

    boss.update("赵副组长", active=True)
    assert boss.update(BOSS, role=Role.OBSERVER, full_name="王大山（已卸任）").role is \
        Role.OBSERVER
    deputy = Accounts(db, sign_in(db, "赵副组长", "副组长的密码123"))
    with pytest.raises(RuleError) as refused:
        deputy.update("赵副组长", active=False)
    assert codes(refused) == ["account_last_organiser"]
    assert [(a.name, a.role, a.active) for a in deputy.list()] == [
        (BOSS, Role.OBSERVER, True), ("赵副组长", Role.ORGANISER, True)]


def test_own_password_needs_the_current_one_and_others_need_an_organiser(
        db: Database, boss: Accounts) -> None:
    boss.create("李四", Role.COUNTING, "李四的密码123")
    boss.create("张三", Role.OBSERVER, "张三的密码123")
    li = Accounts(db, sign_in(db, "李四", "李四的密码123"))
    for current in (None, "错误的密码123"):
        with pytest.raises(RuleError) as refused:
            li.set_password("李四", "李四的新密码123", current=current)
        assert codes(refused) == ["account_current_password_wrong"]
    with pytest.raises(RuleError) as refused:
        li.set_password("张三", "别人的新密码123", current="李四的密码123")
    assert codes(refused) == ["permission_denied"]
    for manage in (lambda: li.create("王五", Role.ORGANISER, "王五的密码123"),
                   lambda: li.update("李四", role=Role.ORGANISER)):
        with pytest.raises(RuleError) as refused:
            manage()
        assert codes(refused) == ["permission_denied"]
    with pytest.raises(RuleError) as refused:
        li.set_password("李四", "短", current="李四的密码123")
    assert codes(refused) == ["account_password_short"]

    li.set_password("李四", "李四的新密码123", current="李四的密码123")
    assert sign_in(db, "李四", "李四的新密码123").name == "李四"
    with pytest.raises(RuleError):
        sign_in(db, "李四", "李四的密码123")
    boss.set_password("张三", "组长重设的密码123")  # an organiser resets, no current password
    assert sign_in(db, "张三", "组长重设的密码123").role is Role.OBSERVER
    with pytest.raises(RuleError) as refused:  # but not their own: a left window is no key
        boss.set_password(BOSS, "组长的新密码12345")
    assert codes(refused) == ["account_current_password_wrong"]


def test_every_account_action_is_on_the_chain_in_the_signed_in_name(
        db: Database, boss: Accounts) -> None:
    boss.create("李四", Role.COUNTING, "李四的密码123", full_name="李四")
    boss.update("李四", role=Role.OBSERVER)
    boss.set_password("李四", "组长重设的密码123")
    li = Accounts(db, sign_in(db, "李四", "组长重设的密码123"))
    li.set_password("李四", "李四自己的密码123", current="组长重设的密码123")
    log = AuditLog(db)
    entries = log.entries()
    assert [(e.action, e.actor) for e in entries] == [
        ("account.setup", BOSS), ("account.create", BOSS), ("account.update", BOSS),
        ("account.password", BOSS), ("sign_in.success", "李四"), ("password.change", "李四")]
    assert {e.entity for e in entries} == {"account"}
    assert entries[2].before == {"id": entries[2].entity_id, "role": "counting"}
    assert entries[2].after == {"id": entries[2].entity_id, "role": "observer"}
    assert not any("password_hash" in (e.after or {}) or "scrypt$" in e.search_text()
                   for e in entries), "no password hash reaches the log"
    assert log.verify().ok


def test_disabling_or_changing_a_role_stops_an_open_session_at_its_next_change(
        db: Database, boss: Accounts) -> None:
    """A window signed in for hours keeps no more rights than its account has now."""
    boss.create("李四", Role.ORGANISER, "李四的密码123")
    li = Accounts(db, sign_in(db, "李四", "李四的密码123"))
    li.update("李四", full_name="李四（东湖）")  # still as signed in
    boss.update("李四", role=Role.COUNTING)
    before = AuditLog(db).verify().count
    for change in (lambda: li.create("王五", Role.OBSERVER, "王五的密码123"),
                   lambda: li.set_password("李四", "李四的新密码123", current="李四的密码123")):
        with pytest.raises(RuleError) as refused:
            change()
        assert codes(refused) == ["account_changed_since_sign_in"]
    assert "请重新登录" in refused.value.messages[0].text("zh_CN")
    again = Accounts(db, sign_in(db, "李四", "李四的密码123"))  # signed in again: a counter
    again.set_password("李四", "李四的新密码123", current="李四的密码123")
    boss.update("李四", active=False)
    with pytest.raises(RuleError) as refused:
        again.set_password("李四", "李四的密码456", current="李四的新密码123")
    assert codes(refused) == ["account_changed_since_sign_in"]
    assert AuditLog(db).verify().count == before + 3  # the sign-in, the password, the update
    assert [a.name for a in boss.list() if a.name == "王五"] == []
    boss.update(BOSS, full_name="王组长（评选办）")  # an organiser editing their own account
    assert [a.full_name for a in boss.list() if a.name == BOSS] == ["王组长（评选办）"]
    boss.create("赵六", Role.ORGANISER, "赵六的密码123")
    zhao = Accounts(db, sign_in(db, "赵六", "赵六的密码123"))
    zhao.update("赵六", role=Role.OBSERVER)  # giving up the role: checked as signed in
    assert sign_in(db, "赵六", "赵六的密码123").role is Role.OBSERVER
