"""Building the argument parser in the user's language.

Help texts are pairs (Chinese, English) chosen once the language is known; ``--lang`` is read
from the command line before the parser is built, so ``ballotdesk --lang en --help`` is
English. The global options are accepted before the subcommand and, for convenience, after it
too (``ballotdesk candidates list --json``).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn, TypeAlias

from ballotformat import messages
from ballotformat.messages import LANGUAGES
from desktop.cli.common import text
from desktop.core.services import app_version

messages.register({
    "cli_usage_required": ("缺少参数：{args}", "the following arguments are required: {args}"),
    "cli_usage_unrecognized": ("无法识别的参数：{args}", "unrecognized arguments: {args}"),
    "cli_usage_one_of": ("必须指定其中之一：{args}", "one of the arguments {args} is required"),
    "cli_usage_not_allowed": (
        "参数 {arg} 不能与 {other} 同时使用", "argument {arg}: not allowed with argument {other}"),
    "cli_usage_expected": ("参数 {arg} 缺少取值", "argument {arg}: expected a value"),
    "cli_usage_invalid_choice": (
        "参数 {arg} 的取值 {value} 无效，可选：{choices}",
        "argument {arg}: invalid choice: {value} (choose from {choices})"),
    "cli_usage_ambiguous": (
        "选项 {option} 不明确，可能是：{matches}",
        "ambiguous option: {option} could match {matches}"),
    "cli_usage_argument": ("参数 {arg}：{text}", "argument {arg}: {text}"),
    # argparse's own words in help pages (Python ships no Chinese for them).
    "cli_help_usage": ("用法：", "usage: "),
    "cli_help_options": ("选项", "options"),
    "cli_help_positionals": ("参数", "positional arguments"),
    "cli_help_help": ("显示本帮助并退出", "show this help message and exit"),
    "cli_help_version": ("显示版本号并退出", "show the version number and exit"),
})

#: argparse's own error messages (English only: Python ships no translation) -> our codes.
_ARGPARSE_ERRORS = tuple((re.compile(pattern), code) for pattern, code in (
    (r"^the following arguments are required: (?P<args>.+)$", "cli_usage_required"),
    (r"^unrecognized arguments: (?P<args>.+)$", "cli_usage_unrecognized"),
    (r"^one of the arguments (?P<args>.+) is required$", "cli_usage_one_of"),
    (r"^argument (?P<arg>[^:]+): not allowed with argument (?P<other>.+)$",
     "cli_usage_not_allowed"),
    (r"^argument (?P<arg>[^:]+): expected .*argument.*$", "cli_usage_expected"),
    (r"^argument (?P<arg>[^:]+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)$",
     "cli_usage_invalid_choice"),
    (r"^ambiguous option: (?P<option>\S+) could match (?P<matches>.+)$", "cli_usage_ambiguous"),
    (r"^argument (?P<arg>[^:]+): (?P<text>.+)$", "cli_usage_argument"),
))


def translate_usage_error(message: str, language: str) -> str:
    """argparse's English error line in ``language`` (unchanged in English or when unknown)."""
    if language == "en":
        return message
    for pattern, code in _ARGPARSE_ERRORS:
        match = pattern.match(message)
        if match:
            return text(language, code, **match.groupdict())
    return message

if TYPE_CHECKING:
    from desktop.cli.common import Context

#: The options that print a parser's help.
HELP_OPTIONS = ("-h", "--help")

Handler = Callable[["Context", argparse.Namespace], int]
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class Parser(argparse.ArgumentParser):
    """argparse with the error line in the user's language (exit status 2, as usual)."""

    def __init__(self, *, language: str = "zh_CN", **kwargs: Any) -> None:
        super().__init__(add_help=False, **kwargs)
        self.language = language
        self._optionals.title = text(language, "cli_help_options")
        self._positionals.title = text(language, "cli_help_positionals")
        self.add_argument(*HELP_OPTIONS, action="help", default=argparse.SUPPRESS,
                          help=text(language, "cli_help_help"))

    def _get_formatter(self) -> argparse.HelpFormatter:
        language = self.language

        class Formatter(argparse.HelpFormatter):
            def add_usage(self, usage: str | None, actions: Any, groups: Any,
                          prefix: str | None = None) -> None:
                # argparse passes "" when it builds a subcommand's prog: keep that.
                super().add_usage(usage, actions, groups, text(language, "cli_help_usage")
                                  if prefix is None else prefix)

        return Formatter(prog=self.prog)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        prefix = text(self.language, "cli_error_prefix")
        message = translate_usage_error(message, self.language)
        self.exit(2, f"{self.prog}: {prefix}: {message}\n")


class VersionAction(argparse.Action):
    """``--version``, as argparse's own, but the version is looked up only when asked
    (importlib.metadata would cost every command's start, see docs/architecture.md)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> NoReturn:
        print(f"ballotdesk {app_version()}", file=sys.stdout)
        parser.exit()


def language_in(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` (``--lang en`` or ``--lang=en``), when valid."""
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in LANGUAGES:
            return value
    return None


def command_in(argv: Sequence[str], top: argparse.ArgumentParser) -> str | None:
    """The command ``top`` will see in ``argv``: its first argument that is neither an option
    of ``top`` nor the value of one (``--db URL``, ``--db=URL``, and ``--camp NAME``: argparse
    takes a unique prefix of a long option for the option). None after ``-h``: the help that
    argparse then prints lists every command."""
    takes_value = {option for action in top._actions if action.nargs != 0
                   for option in action.option_strings}
    value_next = False
    for index, arg in enumerate(argv):
        if value_next:
            value_next = False
        elif arg == "--":
            return argv[index + 1] if index + 1 < len(argv) else None
        elif not arg.startswith("-"):
            return arg
        elif "=" not in arg:
            prefixed = [option for option in top._option_string_actions
                        if arg.startswith("--") and option.startswith(arg)]
            option = arg if arg in top._option_string_actions else (
                prefixed[0] if len(prefixed) == 1 else None)
            if option in HELP_OPTIONS:
                return None
            value_next = option in takes_value
    return None


@dataclass(frozen=True)
class Builder:
    """Adds command groups and commands with help in one language."""

    language: str

    def t(self, zh: str, en: str) -> str:
        return en if self.language == "en" else zh

    def global_options(self, parser: argparse.ArgumentParser, top: bool) -> None:
        """``--db``, ``--user``, ``--password``, ``--campaign``, ``--json``, ``--lang``. On
        subcommands their default is
        "not given", so that a value given before the subcommand is kept."""
        default: dict[str, Any] = {} if top else {"default": argparse.SUPPRESS}
        t = self.t
        parser.add_argument("--db", metavar="URL", **default, help=t(
            "数据库地址（默认：环境变量 BALLOTDESK_DB，或用户数据目录中的 SQLite 文件）",
            "database URL (default: $BALLOTDESK_DB, or a SQLite file in the user's data folder)"))
        parser.add_argument("--user", metavar="NAME", **default, help=t(
            "登录用户名（默认：环境变量 BALLOTDESK_USER）",
            "user name to sign in with (default: $BALLOTDESK_USER)"))
        parser.add_argument("--password", metavar="PASSWORD", **default, help=t(
            "登录密码（默认：环境变量 BALLOTDESK_PASSWORD；都没有时在终端询问）",
            "password (default: $BALLOTDESK_PASSWORD; asked on the terminal when neither is "
            "given)"))
        parser.add_argument("--campaign", metavar="ID|NAME", **default, help=t(
            "评选活动的编号或名称（默认：唯一的或最近创建的活动）",
            "campaign id or name (default: the only or the latest campaign)"))
        parser.add_argument("--json", action="store_true", **default, help=t(
            "以 JSON 格式输出，供程序读取", "machine-readable JSON output"))
        parser.add_argument("--lang", choices=LANGUAGES, **default, help=t(
            "界面语言（默认：环境变量 BALLOTDESK_LANG 或系统语言）",
            "language of messages (default: $BALLOTDESK_LANG or the locale)"))

    def top(self) -> Parser:
        parser = Parser(
            prog="ballotdesk", language=self.language,
            description=self.t("选票台：评选活动的登记、选票和统计。不带子命令时启动图形界面。",
                               "BallotDesk: registry, ballots and tallies of award campaigns. "
                               "Without a subcommand it starts the graphical interface."))
        self.global_options(parser, top=True)
        parser.add_argument("--version", action=VersionAction,
                            help=text(self.language, "cli_help_version"))
        parser.set_defaults(handler=None)
        return parser

    def subparsers(self, parser: argparse.ArgumentParser, dest: str,
                   required: bool) -> Subparsers:
        return parser.add_subparsers(
            title=self.t("命令", "commands"), metavar="COMMAND",
            dest=dest, required=required, parser_class=Parser)

    def group(self, sub: Subparsers, name: str, zh: str, en: str) -> Subparsers:
        """A command group such as ``campaign``, whose subcommands are required."""
        parser = sub.add_parser(name, help=self.t(zh, en), description=self.t(zh, en),
                                language=self.language)
        return self.subparsers(parser, "action", required=True)

    def command(self, sub: Subparsers, name: str, zh: str, en: str,
                handler: Handler) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = sub.add_parser(
            name, help=self.t(zh, en), description=self.t(zh, en), language=self.language)
        self.global_options(parser, top=False)
        parser.set_defaults(handler=handler)
        return parser
