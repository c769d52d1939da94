"""What every command shares: the session context, labels, tables and JSON output.

Texts the CLI prints are message codes registered here (Chinese and English), rendered in the
language chosen with ``--lang``. Codes start with ``cli_`` so that they never clash with the
codes other modules register.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import enum
import gc
import getpass
import json
import os
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ballotformat import messages
from ballotformat.messages import Message, RuleError
from desktop.core import labels

if TYPE_CHECKING:  # the database's modules load when a command first opens it
    from desktop.core.registry import CampaignInfo
    from desktop.core.services import Database, Services

#: Environment variables a script signs in with.
USER_ENV_VAR, PASSWORD_ENV_VAR = "BALLOTDESK_USER", "BALLOTDESK_PASSWORD"

messages.register({
    "cli_error_prefix": ("错误", "error"),
    "cli_empty": ("（无）", "(none)"),
    "cli_no_campaigns": (
        "还没有评选活动（可用 ballotdesk campaign create 名称 创建，或 ballotdesk demo）。",
        "There are no campaigns yet (ballotdesk campaign create NAME, or ballotdesk demo).",
    ),
    "cli_using_campaign": (
        "（评选活动：“{name}”，编号 {id}；可用 --campaign 选择其他活动）",
        "(campaign: “{name}”, id {id}; choose another with --campaign)",
    ),
    "cli_db_error": ("无法使用数据库 {url}：{error}", "Cannot use the database {url}: {error}"),
    "cli_db_driver_missing": (
        "无法使用数据库 {url}：缺少数据库驱动 {module}。",
        "Cannot use the database {url}: its driver {module} is not installed.",
    ),
    "cli_file_error": ("无法读写文件“{file}”：{error}", "Cannot read or write “{file}”: {error}"),
    "cli_gui_missing": (
        "图形界面无法启动：{error}。命令行用法见 ballotdesk --help。",
        "The graphical interface cannot start: {error}. See ballotdesk --help for the commands.",
    ),
    "cli_interrupted": ("已中断。", "Interrupted."),
    "cli_sign_in_needed": (
        "请登录：用 --user 和 --password，或环境变量 BALLOTDESK_USER 和 BALLOTDESK_PASSWORD。",
        "Please sign in: --user and --password, or $BALLOTDESK_USER and $BALLOTDESK_PASSWORD."),
    "cli_password_prompt": ("“{name}”的密码：", "Password for {name}: "),
    "cli_bad_int": ("“{value}”不是正整数。", "“{value}” is not a positive whole number."),
    "cli_bad_choice": (
        "无法识别“{value}”，可选：{choices}。",
        "“{value}” is not recognised; choose from: {choices}.",
    ),
    # column headings (besides the core's field labels)
    "cli_col_title": ("名称", "name"),
    "cli_col_phase": ("阶段", "phase"),
    "cli_col_created": ("创建时间", "created"),
    "cli_col_current": ("当前", "current"),
    "cli_col_position": ("顺序", "order"),
    "cli_col_candidates": ("候选对象", "candidates"),
    "cli_col_form": ("推荐表", "form"),
    # used by more than one command group (each group registers its own texts when it loads)
    "cli_col_source": ("来源", "source"),
    "cli_col_reasons": ("原因", "reasons"),
    "cli_col_time": ("时间", "time"),
    "cli_col_rank": ("排名", "rank"),
    "cli_col_combined": ("综合", "combined"),
    "cli_col_result": ("结果", "result"),
})


def text(language: str, code: str, **params: Any) -> str:
    return Message(code, params).text(language)


def label(language: str, value: enum.Enum) -> str:
    """A status, kind, phase or sex in the user's language."""
    return labels.label(value, language)


E = TypeVar("E", bound=enum.StrEnum)


def enum_type(kind: type[E], language: str) -> Callable[[str], E]:
    """An argparse type taking a value (``shortlisted``; ``no-votes`` for ``no_votes``) or its
    label in either language."""

    def parse(raw: str) -> E:
        wanted = raw.strip().lower()
        for member in kind:
            names = {member.value, member.value.replace("_", "-"),
                     *(label(lang, member).lower() for lang in messages.LANGUAGES)}
            if wanted in names:
                return member
        choices = ", ".join(f"{m.value}（{label(language, m)}）" if language != "en" else m.value
                            for m in kind)
        raise argparse.ArgumentTypeError(text(language, "cli_bad_choice", value=raw,
                                              choices=choices))

    parse.__name__ = kind.__name__
    return parse


def positive_int(language: str) -> Callable[[str], int]:
    def parse(raw: str) -> int:
        try:
            value = int(raw)
        except ValueError:
            value = 0
        if value < 1:
            raise argparse.ArgumentTypeError(text(language, "cli_bad_int", value=raw))
        return value

    parse.__name__ = "int"
    return parse


# -- output -------------------------------------------------------------------------------
def display_width(value: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in value)


def render_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Simple aligned columns: a header, a rule, the rows."""
    cells = [list(headers)] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - display_width(v)) for v, w in zip(row, widths, strict=True)
                         ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def jsonable(value: Any) -> Any:
    """Frozen service dataclasses, enums and dates as plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Message):
        return value.as_json()
    return value


def campaign_json(campaign: CampaignInfo) -> dict[str, Any]:
    data: dict[str, Any] = jsonable(campaign)
    return data


class CliError(Exception):
    """A command cannot go on; ``message`` says why (shown on stderr, exit status 1)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.code)
        self.message = message


@dataclass
class Context:
    """One command's session: the parsed arguments, the language and the opened services."""

    args: argparse.Namespace
    language: str
    _services: Services | None = field(default=None, repr=False)
    _credentials: tuple[str, str] | None = field(default=None, repr=False)
    _collection_paused: bool = field(default=False, repr=False)

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    @property
    def services(self) -> Services:
        """The services of the database, for the signed-in user (see :meth:`credentials`)."""
        if self._services is None:
            from desktop.core import accounts
            from desktop.core.services import Services

            db = self.database()
            try:
                if not accounts.has_accounts(db):  # say how to make one, not "sign in"
                    raise RuleError([messages.error("account_none_yet")])
                name, password = self.credentials()
                # Every command signs in: only a success after failures is worth a line on
                # the chain (accounts.sign_in).
                actor = accounts.sign_in(db, name, password, record_success=False)
            except BaseException:
                db.dispose()
                raise
            self._services = Services.for_database(db, actor)
        return self._services

    @contextmanager
    def loading(self) -> Iterator[None]:
        """Run the command with Python's cyclic garbage collector paused until its database
        is open. Loading SQLAlchemy, the models and a service and opening the database make
        some hundred thousand objects that live as long as the command: the collector walked
        them about 160 times for nothing, a tenth of a read command's CPU
        (docs/benchmarks.md). They are then left out of collections (``gc.freeze``) while the
        command does its own work, which every long command does on its database, with the
        collector back. When the command ends the collector is as it was (at exit an extension
        module's objects must be collectable: nanobind reports leaks otherwise)."""
        if not gc.isenabled():
            yield
            return
        gc.disable()
        self._collection_paused = True
        try:
            yield
        finally:
            if self._collection_paused:  # it ended before it opened its database
                self._collection_paused = False
                gc.enable()
            else:
                gc.unfreeze()

    def _resume_collection(self) -> None:
        """Collect again, leaving out what was loaded meanwhile: it lives as long as the
        command, and the next collection would otherwise walk it all."""
        if self._collection_paused:
            self._collection_paused = False
            gc.freeze()
            gc.enable()

    def database(self) -> Database:
        """The database named by ``--db`` (or its defaults), opened and at the newest schema."""
        from desktop.core.services import open_database, safe_url

        url = getattr(self.args, "db", None)
        try:
            db = open_database(url)
        except ImportError as missing:  # e.g. postgresql:// without its driver installed
            raise CliError(Message("cli_db_driver_missing", {
                "url": safe_url(url), "module": missing.name or missing})) from missing
        self._resume_collection()
        return db

    def credentials(self) -> tuple[str, str]:
        """``--user`` and ``--password``, else ``$BALLOTDESK_USER`` and
        ``$BALLOTDESK_PASSWORD``; a missing password is asked for on a terminal (once per
        command)."""
        if self._credentials is not None:
            return self._credentials
        name = getattr(self.args, "user", None) or os.environ.get(USER_ENV_VAR, "")
        password = getattr(self.args, "password", None) or os.environ.get(PASSWORD_ENV_VAR)
        if not name:
            raise CliError(Message("cli_sign_in_needed"))
        if password is None:
            if not sys.stdin.isatty():
                raise CliError(Message("cli_sign_in_needed"))
            password = getpass.getpass(self.text("cli_password_prompt", name=name))
        self._credentials = name, password
        return self._credentials

    def close(self) -> None:
        if self._services is not None:
            self._services.db.dispose()
            self._services = None

    def campaign(self) -> CampaignInfo:
        """``--campaign`` by id or name; else the only or the latest campaign."""
        reference: str | None = getattr(self.args, "campaign", None)
        registry = self.services.registry
        campaign = registry.find_campaign(reference)
        if reference is None and not self.json and len(registry.list_campaigns()) > 1:
            self.note("cli_using_campaign", name=campaign.name, id=campaign.id)
        return campaign

    def text(self, code: str, **params: Any) -> str:
        return text(self.language, code, **params)

    def label(self, value: enum.Enum) -> str:
        return label(self.language, value)

    def column(self, name: str) -> str:
        """A table heading: the core's field label, or one of the ``cli_col_`` texts."""
        if name in messages.FIELD_LABELS:
            return messages.field_label(name, self.language)
        return self.text(f"cli_col_{name}")

    def columns(self, *names: str) -> list[str]:
        return [self.column(name) for name in names]

    def join(self, items: Iterable[str]) -> str:
        """An enumeration: "甲、乙" or "a, b"."""
        return (", " if self.language == "en" else "、").join(items)

    def parenthesised(self, value: str) -> str:
        """An aside after a sentence: "（…）" or " (…)"; nothing when empty."""
        if not value:
            return ""
        return f" ({value})" if self.language == "en" else f"（{value}）"

    def say(self, code: str, **params: Any) -> None:
        """A result for people on stdout (nothing in --json mode)."""
        if not self.json:
            print(self.text(code, **params), file=sys.stdout)

    def note(self, code: str, **params: Any) -> None:
        print(self.text(code, **params), file=sys.stderr)

    def show(self, message: Message) -> None:
        """A problem or warning from the core, on stderr."""
        print(message.text(self.language), file=sys.stderr)

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        if rows:
            print(render_table(headers, rows), file=sys.stdout)
        else:
            print(self.text("cli_empty"), file=sys.stdout)

    def emit(self, data: Any) -> None:
        """Machine-readable output: one JSON document on stdout."""
        print(json.dumps(jsonable(data), ensure_ascii=False, indent=2), file=sys.stdout)
