"""Local accounts: sign-in, the first organiser, and the organiser's account management.

Passwords are kept only as scrypt hashes (the standard library's ``hashlib.scrypt``, OpenSSL's
implementation) in a self-describing text, ``scrypt$<n>$<r>$<p>$<salt>$<hash>`` (base64), so
the work factor can be raised later without invalidating existing accounts. The parameters
are the interactive-login recommendation (N=2^14, r=8, p=1: about 16 MB and a few tens of
milliseconds per check).

Sign-in answers the same "wrong name or password" for an unknown name and a wrong password,
and does the same work for both, so it does not tell which names exist.

Guessing is slowed down: after :data:`FREE_FAILURES` failed sign-ins in a row for one account
name (known or not), or from one station (the computer's name), every further try must wait
:func:`throttle_delay` seconds after the last failure (1 s, doubling up to 5 minutes), the right
password too. The counts live in the database (``sign_in_failure``), so they hold for every
process and every station sharing it; a successful sign-in clears the account's and the
station's count. Every try, failed, refused during a delay or successful, is on the audit chain
with the account name, the station and the outcome (never the password); the command line,
which signs in for every command, records a success only when it ends a run of failures.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import math
import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ballotformat import messages
from ballotformat.messages import Message, RuleError
from desktop.core import audit
from desktop.core.accounts.actors import Actor
from desktop.core.enums import Permission, Role, SignInOutcome
from desktop.core.store import Account, Database, SignInFailure, is_write_conflict, utcnow

#: scrypt's cost (N), block size (r) and parallelism (p), and the salt and hash lengths.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES, HASH_BYTES = 16, 32
#: Shortest password accepted (counted in characters: 8 Chinese characters are fine too).
MIN_PASSWORD_CHARS = 8
#: Longest sign-in name (the column's length).
MAX_NAME_CHARS = 64
#: Failed sign-ins in a row (per account name, and per station) that cost no wait: room for a
#: few typos and a forgotten Caps Lock.
FREE_FAILURES = 5
#: The wait after the first failure beyond those, in seconds; each further failure doubles it.
FIRST_DELAY_S = 1.0
#: The longest wait, in seconds (5 minutes): someone who forgot a password is not locked out
#: for long, and a guessing script gets about a dozen tries an hour.
MAX_DELAY_S = 300.0
#: How often a sign-in is tried when another station's failure count written at the same time
#: makes it fail (see db.is_write_conflict).
SIGN_IN_ATTEMPTS = 3
#: The audit actor of a try that signed nobody in (no account name is empty).
NOBODY = ""
#: ``SignInFailure.scope`` values.
ACCOUNT_SCOPE, STATION_SCOPE = "account", "station"
#: The time now (UTC, aware); tests give their own clock instead of sleeping.
Clock = Callable[[], dt.datetime]

messages.register({
    "account_bad_credentials": ("用户名或密码不正确。", "Wrong user name or password."),
    "account_current_password_wrong": (
        "当前密码不正确：修改本人密码须先输入当前密码。",
        "The current password is wrong: changing your own password needs the current one."),
    "account_inactive": ("账户“{name}”已停用。", "The account “{name}” is disabled."),
    "account_none_yet": (
        "还没有任何账户：请先创建第一位组织者（ballotdesk account setup 用户名）。",
        "There are no accounts yet: create the first organiser with "
        "ballotdesk account setup NAME."),
    "account_setup_done": ("已有账户，第一位组织者只能在设置时创建一次。",
                           "Accounts exist already; the first organiser is created only once."),
    "account_name_empty": ("用户名不能为空。", "The user name must not be empty."),
    "account_name_long": ("用户名不能超过 {max} 个字符。",
                          "The user name must not exceed {max} characters."),
    "account_name_taken": ("用户名“{name}”已被使用。", "The user name “{name}” is taken."),
    "account_password_short": ("密码至少需要 {min} 个字符。",
                               "The password needs at least {min} characters."),
    "account_throttled": (
        "登录失败次数过多：请等待 {seconds} 秒后再试。",
        "Too many failed sign-ins: wait {seconds} s before trying again."),
    "account_unknown": ("没有名为“{name}”的账户。", "There is no account named “{name}”."),
    "account_last_organiser": (
        "“{name}”是最后一位启用的组织者，不能停用或改为其他角色。",
        "“{name}” is the last active organiser and cannot be disabled or given another role."),
})


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(SALT_BYTES)
    return _hash_text(salt, _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P))


def _hash_text(salt: bytes, digest: bytes) -> str:
    return "$".join(["scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P),
                     _b64(salt), _b64(digest)])


def password_matches(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=n * r * 129 + 1024 * 1024, dklen=HASH_BYTES)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


#: Checked against when the name is unknown, so that both failures cost the same scrypt. Its
#: digest is random bytes, no password's hash (checking takes the same work): hashing one here
#: cost every command that imports this module a scrypt, ~0.08 s of CPU.
_DUMMY_HASH = _hash_text(secrets.token_bytes(SALT_BYTES), secrets.token_bytes(HASH_BYTES))


@dataclass(frozen=True)
class AccountInfo:
    id: int
    name: str
    full_name: str
    role: Role
    active: bool

    @classmethod
    def of(cls, row: Account) -> AccountInfo:
        return cls(row.id, row.name, row.full_name, row.role, row.active)


def _check_name(name: str) -> list[Message]:
    if not name:
        return [messages.error("account_name_empty")]
    if len(name) > MAX_NAME_CHARS:
        return [messages.error("account_name_long", max=MAX_NAME_CHARS)]
    return []


def _check_password(password: str) -> list[Message]:
    if len(password) < MIN_PASSWORD_CHARS:
        return [messages.error("account_password_short", min=MIN_PASSWORD_CHARS)]
    return []


def has_accounts(db: Database) -> bool:
    with db.transaction() as s:
        return bool(s.scalar(select(func.count()).select_from(Account)))


def setup(db: Database, name: str, password: str, full_name: str = "") -> Actor:
    """Create the first organiser of a database that has no account yet (refused otherwise);
    the organiser is signed in."""
    name = name.strip()
    problems = _check_name(name) + _check_password(password)
    if problems:
        raise RuleError(problems)
    actor = Actor(name, Role.ORGANISER)
    with db.transaction() as s:
        if s.scalar(select(func.count()).select_from(Account)):
            raise RuleError([messages.error("account_setup_done")])
        row = Account(name=name, full_name=full_name.strip(), role=Role.ORGANISER,
                      password_hash=hash_password(password))
        s.add(row)
        s.flush()
        audit.record(s, actor=actor, action="account.setup", entity="account", entity_id=row.id,
                     campaign_id=None, after=audit.snapshot(row))
    return actor


def default_station() -> str:
    """This computer's name: the station whose failed sign-ins are counted together."""
    return socket.gethostname() or "station"


def throttle_delay(failures: int) -> float:
    """Seconds to wait after the last of ``failures`` failed sign-ins in a row."""
    if failures < FREE_FAILURES:
        return 0.0
    doublings = min(failures - FREE_FAILURES, math.ceil(math.log2(MAX_DELAY_S / FIRST_DELAY_S)))
    return min(FIRST_DELAY_S * 2.0 ** doublings, MAX_DELAY_S)


def sign_in(db: Database, name: str, password: str, *, station: str | None = None,
            clock: Clock = utcnow, record_success: bool = True) -> Actor:
    """The actor for a name and password, or :class:`RuleError` saying why not (a wait, see
    the module docstring; the wrong name or password; a disabled account).

    ``record_success=False``: a success goes on the audit chain only when it ends a run of
    failures (the command line signs in for every command: recording each would add a line
    for every read, ``audit verify`` included)."""
    name, station = name.strip(), (station or default_station())
    for attempt in range(1, SIGN_IN_ATTEMPTS + 1):
        try:
            with db.transaction() as s:
                actor, refusal = _sign_in(s, name, password, station, clock(), record_success)
            break
        except DBAPIError as exc:
            if attempt == SIGN_IN_ATTEMPTS or not is_write_conflict(exc):
                raise
    if refusal is not None:
        raise refusal
    assert actor is not None
    return actor


def _sign_in(s: Session, name: str, password: str, station: str, now: dt.datetime,
             record_success: bool) -> tuple[Actor | None, RuleError | None]:
    """One try, in the caller's transaction: the actor, or the refusal to raise once the
    failure count and the audit entry are committed."""
    keys = ((ACCOUNT_SCOPE, name[:SignInFailure.name.type.length]),
            (STATION_SCOPE, station[:SignInFailure.name.type.length]))
    counts = {key: s.scalar(select(SignInFailure).where(SignInFailure.scope == key[0],
                                                        SignInFailure.name == key[1])
                           .with_for_update()) for key in keys}
    wait = max([(row.last_failure_at - now).total_seconds() + throttle_delay(row.failures)
                for row in counts.values() if row is not None], default=0.0)
    if wait > 0:
        _audit_try(s, None, name, station, SignInOutcome.THROTTLED, wait_s=math.ceil(wait))
        return None, RuleError([messages.error("account_throttled", seconds=math.ceil(wait))])
    row = s.scalars(select(Account).where(Account.name == name)).one_or_none()
    if row is None:
        password_matches(password, _DUMMY_HASH)
        if not s.scalar(select(func.count()).select_from(Account)):
            return None, RuleError([messages.error("account_none_yet")])
        problem, outcome = messages.error("account_bad_credentials"), SignInOutcome.FAILED
    elif not password_matches(password, row.password_hash):
        problem, outcome = messages.error("account_bad_credentials"), SignInOutcome.FAILED
    elif not row.active:
        problem = messages.error("account_inactive", name=row.name)
        outcome = SignInOutcome.INACTIVE
    else:
        cleared = [count for count in counts.values() if count is not None]
        for count in cleared:
            s.delete(count)
        actor = Actor(row.name, row.role)
        if record_success or cleared:
            _audit_try(s, row, name, station, SignInOutcome.SUCCESS, actor=actor,
                       after_failures=max((count.failures for count in cleared), default=0))
        return actor, None
    failures = 0
    for (scope, key), found in counts.items():
        row_of_key = found or SignInFailure(scope=scope, name=key, failures=0)
        if found is None:
            s.add(row_of_key)
        row_of_key.failures += 1
        row_of_key.last_failure_at = now
        failures = max(failures, row_of_key.failures)
    _audit_try(s, row, name, station, outcome, failures=failures)
    return None, RuleError([problem])


def _audit_try(s: Session, row: Account | None, name: str, station: str,
               outcome: SignInOutcome, actor: Actor | None = None, **details: int) -> None:
    """A sign-in try on the audit chain: the name as typed, the station, the outcome."""
    action = "sign_in.success" if outcome is SignInOutcome.SUCCESS else "sign_in.failed"
    audit.record(s, actor=actor or Actor(NOBODY, Role.OBSERVER), action=action,
                 entity="account", entity_id=None if row is None else row.id, campaign_id=None,
                 after={"account": name[:MAX_NAME_CHARS], "station": station,
                        "outcome": outcome.value, **details})


class Accounts:
    """The organiser's account management (every change needs ``MANAGE_ACCOUNTS``, except a
    user changing their own password)."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def list(self) -> list[AccountInfo]:
        with self.db.transaction() as s:
            return [AccountInfo.of(row) for row in s.scalars(select(Account).order_by(Account.id))]

    def create(self, name: str, role: Role, password: str, full_name: str = "") -> AccountInfo:
        self.actor.require(Permission.MANAGE_ACCOUNTS)
        name = name.strip()
        problems = _check_name(name) + _check_password(password)
        if problems:
            raise RuleError(problems)
        with self.db.transaction() as s:
            if s.scalars(select(Account.id).where(Account.name == name)).first() is not None:
                raise RuleError([messages.error("account_name_taken", name=name)])
            row = Account(name=name, full_name=full_name.strip(), role=role,
                          password_hash=hash_password(password))
            s.add(row)
            s.flush()
            audit.record(s, actor=self.actor, action="account.create", entity="account",
                         entity_id=row.id, campaign_id=None, after=audit.snapshot(row))
            return AccountInfo.of(row)

    def update(self, name: str, *, role: Role | None = None, active: bool | None = None,
               full_name: str | None = None) -> AccountInfo:
        """Change an account's role, whether it may sign in, or its full name. The last active
        organiser keeps that role: without one nobody could manage accounts any more."""
        self.actor.require(Permission.MANAGE_ACCOUNTS)
        with self.db.transaction() as s:
            row = self._row(s, name)
            before = audit.snapshot(row)
            if row.role is Role.ORGANISER and row.active and (
                    (role is not None and role is not Role.ORGANISER) or active is False):
                others = s.scalar(select(func.count()).select_from(Account).where(
                    Account.role == Role.ORGANISER, Account.active.is_(True),
                    Account.id != row.id))
                if not others:
                    raise RuleError([messages.error("account_last_organiser", name=row.name)])
            if role is not None:
                row.role = role
            if active is not None:
                row.active = active
            if full_name is not None:
                row.full_name = full_name.strip()
            # Recorded before the change is flushed: the entry checks the signed-in account as
            # it was (an organiser giving up the role is still one while doing so).
            audit.record(s, actor=self.actor, action="account.update", entity="account",
                         entity_id=row.id, campaign_id=None, before=before,
                         after=audit.snapshot(row))
            return AccountInfo.of(row)

    def set_password(self, name: str, password: str, current: str | None = None) -> None:
        """An organiser resets anyone else's password; everyone, organisers too, changes their
        own only with the current one (a window left signed in must not let a passer-by take
        the account over)."""
        own = name.strip() == self.actor.name
        if not own:
            self.actor.require(Permission.MANAGE_ACCOUNTS)
        problems = _check_password(password)
        if problems:
            raise RuleError(problems)
        with self.db.transaction() as s:
            row = self._row(s, name)
            if own and (current is None or not password_matches(current, row.password_hash)):
                raise RuleError([messages.error("account_current_password_wrong")])
            row.password_hash = hash_password(password)
            audit.record(s, actor=self.actor, action="password.change" if own else
                         "account.password", entity="account", entity_id=row.id,
                         campaign_id=None)

    @staticmethod
    def _row(s: Session, name: str) -> Account:
        row = s.scalars(select(Account).where(Account.name == name.strip())).one_or_none()
        if row is None:
            raise RuleError([messages.error("account_unknown", name=name.strip())])
        return row
