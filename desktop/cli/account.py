"""``ballotdesk account setup|list|create|update|password``: local accounts and their roles.

``account setup`` makes the first organiser of a database that has none, without a sign-in;
every other command signs in (``--user``/``--password`` or the environment). A password a
command sets comes from its option, else it is asked for twice on a terminal; a script without
a terminal must give it.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TYPE_CHECKING

from ballotformat import messages
from ballotformat.messages import Message, RuleError, error
from desktop.cli.common import PASSWORD_ENV_VAR, CliError, Context, enum_type
from desktop.cli.parsing import Builder, Subparsers
from desktop.core.enums import Permission, Role

if TYPE_CHECKING:
    from desktop.core.accounts import AccountInfo, Accounts

messages.register({
    "cli_account_setup_done": (
        "已创建第一位组织者“{name}”。今后用 --user {name}（或环境变量 BALLOTDESK_USER）登录。",
        "Created the first organiser, {name}. Sign in with --user {name} (or "
        "$BALLOTDESK_USER) from now on.",
    ),
    "cli_account_created": ("已创建账户“{name}”（{role}）。",
                            "Created the account {name} ({role})."),
    "cli_account_updated": ("已修改账户“{name}”：{role}，{state}。",
                            "Changed the account {name}: {role}, {state}."),
    "cli_account_password_changed": ("已修改“{name}”的密码。",
                                     "Changed the password of {name}."),
    "cli_account_active": ("启用", "active"),
    "cli_account_disabled": ("已停用", "disabled"),
    "cli_new_password_prompt": ("“{name}”的新密码：", "New password for {name}: "),
    "cli_new_password_again": ("再输入一次：", "Once more: "),
    "cli_new_password_mismatch": ("两次输入的密码不一致，未作任何修改。",
                                  "The two passwords differ; nothing was changed."),
    "cli_new_password_needed": (
        "请用 {option} 给出新密码（没有终端时无法询问）。",
        "Give the new password with {option} (it cannot be asked for without a terminal).",
    ),
    "cli_col_user": ("用户名", "user name"),
    "cli_col_full_name": ("姓名", "full name"),
    "cli_col_role": ("角色", "role"),
    "cli_col_state": ("状态", "state"),
})


def add_parsers(b: Builder, sub: Subparsers) -> None:
    t = b.t
    role = enum_type(Role, b.language)
    roles = "organiser|counting|observer（组织者|计票组|观察员）"
    group = b.group(sub, "account", "账户：设置第一位组织者、列出、创建、修改、改密码",
                    "accounts: first organiser, list, create, change, password")
    setup = b.command(group, "setup", "创建第一位组织者（仅在还没有任何账户时，无需登录）",
                      "create the first organiser (only while there is no account; no sign-in)",
                      run_setup)
    setup.add_argument("name", metavar="NAME", help=t("登录用户名", "the sign-in name"))
    setup.add_argument("--full-name", default="", metavar="TEXT", help=t("姓名", "full name"))
    setup.epilog = t(
        "密码取自 --password 或环境变量 BALLOTDESK_PASSWORD，都没有时在终端询问两次。",
        "The password comes from --password or $BALLOTDESK_PASSWORD, else it is asked for "
        "twice on the terminal.")
    b.command(group, "list", "列出账户（姓名、角色、是否启用）",
              "list the accounts (full name, role, active)", run_list)
    create = b.command(group, "create", "创建账户（组织者）", "create an account (organisers)",
                       run_create)
    create.add_argument("name", metavar="NAME", help=t("登录用户名", "the sign-in name"))
    create.add_argument("--role", type=role, required=True, metavar="ROLE", help=roles)
    create.add_argument("--full-name", default="", metavar="TEXT", help=t("姓名", "full name"))
    _new_password(b, create, t("新账户的密码（默认：在终端询问）",
                               "the new account's password (default: asked on the terminal)"))
    update = b.command(group, "update", "修改账户的角色、姓名或启用状态（组织者）",
                       "change an account's role, full name or whether it may sign in "
                       "(organisers)", run_update)
    update.add_argument("name", metavar="NAME", help=t("登录用户名", "the sign-in name"))
    update.add_argument("--role", type=role, metavar="ROLE", help=roles)
    update.add_argument("--full-name", metavar="TEXT", help=t("姓名", "full name"))
    active = update.add_mutually_exclusive_group()
    active.add_argument("--disable", dest="active", action="store_const", const=False,
                        help=t("停用（不能再登录）", "disable (may no longer sign in)"))
    active.add_argument("--enable", dest="active", action="store_const", const=True,
                        help=t("重新启用", "enable again"))
    password = b.command(group, "password", "修改本人密码，或由组织者重设他人密码",
                         "change your own password, or (organisers) reset someone's",
                         run_password)
    password.add_argument("name", nargs="?", metavar="NAME", help=t(
        "账户（默认：登录的本人；本人改密码时，登录密码即当前密码）",
        "the account (default: yourself; the sign-in password is your current one)"))
    _new_password(b, password, t("新密码（默认：在终端询问）",
                                 "the new password (default: asked on the terminal)"))


def _new_password(b: Builder, parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("--new-password", metavar="PASSWORD", help=help_text)


def _ask_twice(ctx: Context, name: str, option: str) -> str:
    """A new password typed twice on the terminal (refused without one)."""
    if not sys.stdin.isatty():
        raise CliError(Message("cli_new_password_needed", {"option": option}))
    first = getpass.getpass(ctx.text("cli_new_password_prompt", name=name))
    if getpass.getpass(ctx.text("cli_new_password_again")) != first:
        raise CliError(Message("cli_new_password_mismatch"))
    return first


def _new(ctx: Context, args: argparse.Namespace, name: str) -> str:
    given: str | None = args.new_password
    return given if given is not None else _ask_twice(ctx, name, "--new-password")


def _state(ctx: Context, info: AccountInfo) -> str:
    return ctx.text("cli_account_active" if info.active else "cli_account_disabled")


def _accounts(ctx: Context) -> Accounts:
    return ctx.services.accounts


def run_setup(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.core import accounts

    password: str | None = getattr(args, "password", None) or os.environ.get(PASSWORD_ENV_VAR)
    db = ctx.database()
    try:
        if accounts.has_accounts(db):  # refused before a password is asked for
            raise RuleError([error("account_setup_done")])
        actor = accounts.setup(db, args.name, password or _ask_twice(
            ctx, args.name, "--password"), args.full_name)
    finally:
        db.dispose()
    if ctx.json:
        ctx.emit({"name": actor.name, "role": actor.role})
    else:
        ctx.say("cli_account_setup_done", name=actor.name)
    return 0


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    found = _accounts(ctx).list()
    if ctx.json:
        ctx.emit(found)
        return 0
    ctx.table(ctx.columns("user", "full_name", "role", "state"),
              [[a.name, a.full_name, ctx.label(a.role), _state(ctx, a)] for a in found])
    return 0


def run_create(ctx: Context, args: argparse.Namespace) -> int:
    manager = _accounts(ctx)
    ctx.services.actor.require(Permission.MANAGE_ACCOUNTS)  # before asking
    created = manager.create(args.name, args.role, _new(ctx, args, args.name), args.full_name)
    if ctx.json:
        ctx.emit(created)
    else:
        ctx.say("cli_account_created", name=created.name, role=ctx.label(created.role))
    return 0


def run_update(ctx: Context, args: argparse.Namespace) -> int:
    changed = _accounts(ctx).update(args.name, role=args.role, active=args.active,
                                    full_name=args.full_name)
    if ctx.json:
        ctx.emit(changed)
    else:
        ctx.say("cli_account_updated", name=changed.name, role=ctx.label(changed.role),
                state=_state(ctx, changed))
    return 0


def run_password(ctx: Context, args: argparse.Namespace) -> int:
    manager = _accounts(ctx)
    signed_in, current = ctx.credentials()
    name = args.name or signed_in
    if name.strip() != manager.actor.name:  # before asking
        manager.actor.require(Permission.MANAGE_ACCOUNTS)
    manager.set_password(name, _new(ctx, args, name), current=current)
    if ctx.json:
        ctx.emit({"name": name.strip(), "changed": True})
    else:
        ctx.say("cli_account_password_changed", name=name.strip())
    return 0
