"""``ballotdesk backup DIR``, ``ballotdesk restore DIR`` and ``ballotdesk recount``.

Backing up and restoring need an organiser's sign-in, except a restore onto a database with no
account yet: a new station is set up from the organiser's backup before anyone can sign in
there (see desktop/core/store/backups.py and docs/deployment.md).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from ballotformat import messages
from ballotformat.messages import Message
from desktop.cli.common import CliError, Context, positive_int
from desktop.cli.parsing import Builder, Subparsers
from desktop.core.accounts import SETUP_ACTOR
from desktop.core.enums import Permission

messages.register({
    "cli_backup_done": (
        "已备份到“{folder}”：{files} 个文件，{size_mb} MB。",
        "Backed up to “{folder}”: {files:|file|files}, {size_mb} MB.",
    ),
    "cli_restore_done": (
        "已从备份（{created}，架构 {revision}）恢复，并升级到当前版本。",
        "Restored from the backup ({created}, schema {revision}) and upgraded to this version.",
    ),
    "cli_restore_check": (
        "备份时的审计链锚点：{anchor}。核对恢复后的审计链："
        "ballotdesk audit verify --anchor {anchor}",
        "The audit anchor when the backup was taken: {anchor}. To check the restored chain: "
        "ballotdesk audit verify --anchor {anchor}",
    ),
    "cli_backup_passphrase_needed": (
        "请用 --passphrase-file 文件 给出封存密钥的口令，或用 --no-secrets 不备份密钥"
        "（在终端上运行时会询问口令）。",
        "Give the passphrase that seals the secrets with --passphrase-file FILE, or leave "
        "them out with --no-secrets (on a terminal the passphrase is asked for).",
    ),
    "cli_restore_passphrase_needed": (
        "此备份的密钥已封存：请用 --passphrase-file 文件 给出口令，或用 --no-secrets 不恢复密钥"
        "（在终端上运行时会询问口令）。",
        "This backup's secrets are sealed: give the passphrase with --passphrase-file FILE, "
        "or restore without them with --no-secrets (on a terminal it is asked for).",
    ),
    "cli_passphrase_prompt": ("备份密钥的口令：", "Passphrase of the backup's secrets: "),
    "cli_passphrase_again": ("再输入一次口令：", "The passphrase again: "),
    "cli_passphrase_mismatch": ("两次输入的口令不一致。", "The two passphrases differ."),
    "cli_passphrase_file_unreadable": ("无法读取口令文件“{file}”：{reason}",
                                       "Cannot read the passphrase file “{file}”: {reason}"),
    "cli_backup_secrets_sealed": ("密钥已用口令封存（secrets.sealed）：恢复时需要此口令。",
                                  "The secrets are sealed with the passphrase (secrets.sealed): "
                                  "restoring needs it."),
    "cli_backup_secrets_left_out": ("未备份密钥：从此备份恢复的数据库不能印制或核验选票。",
                                    "The secrets were left out: a database restored from this "
                                    "backup cannot print or check ballots."),
    "cli_recount_same": (
        "重新识别 {count} 张图像：与记录完全一致。",
        "Read {count:|image|images} again: every reading matches the record.",
    ),
    "cli_recount_differs": (
        "重新识别后有 {count} 张图像与记录不同：",
        "{count:|image|images} read differently from the record:",
    ),
})


def add_parsers(b: Builder, sub: Subparsers) -> None:
    t = b.t
    save = b.command(sub, "backup", "备份数据库和扫描图像（含哈希清单）",
                     "back up the database and the scanned images (with a hash manifest)",
                     run_backup)
    save.add_argument("dir", type=Path, metavar="DIR", help=t("备份存放的文件夹", "where to"))
    save.add_argument("--no-archive", action="store_true",
                      help=t("不复制扫描图像", "leave the scanned images out"))
    _secrets_options(b, save, t(
        "不备份密钥（评选活动密钥、计票站私钥）", "leave the secrets out (campaign secrets, "
        "the station's private key)"))
    load = b.command(sub, "restore", "从备份恢复（先校验每个文件的哈希）",
                     "restore from a backup (every file's hash checked first)", run_restore)
    load.epilog = t(
        "需要组织者登录。例外：尚无任何账户的数据库（用组织者的备份设置新的计票站）无需登录，"
        f"恢复会带来账户；审计日志中此次恢复的操作人记为“{SETUP_ACTOR}”。",
        "Needs an organiser to sign in. Exception: a database with no account yet (a new "
        "station set up from the organiser's backup) needs no sign-in, the restore brings the "
        f"accounts; the audit log names this restore's actor “{SETUP_ACTOR}”.")
    load.add_argument("dir", type=Path, metavar="DIR", help=t("备份文件夹", "the backup folder"))
    _secrets_options(b, load, t(
        "不恢复已封存的密钥（忘记口令时）：数据库不能印制或核验选票",
        "restore without the sealed secrets (a forgotten passphrase): the database cannot "
        "print or check ballots"))
    again = b.command(sub, "recount", "用当前识别程序重新识别所有存档图像并列出差异",
                      "read every archived image again and list what differs", run_recount)
    again.add_argument("--workers", type=positive_int(b.language), metavar="N",
                       help=t("同时识别的进程数", "reading processes"))


def _secrets_options(b: Builder, parser: argparse.ArgumentParser, no_secrets: str) -> None:
    t = b.t
    parser.add_argument("--passphrase-file", type=Path, metavar="FILE", help=t(
        "从文件第一行读取封存密钥的口令（默认：在终端询问）",
        "read the passphrase sealing the secrets from the file's first line (default: asked "
        "on the terminal)"))
    parser.add_argument("--no-secrets", action="store_true", help=no_secrets)


def _passphrase(ctx: Context, args: argparse.Namespace, needed: str, twice: bool) -> str:
    """From ``--passphrase-file``, else typed on the terminal (twice for a new one)."""
    if args.passphrase_file is not None:
        try:
            text = args.passphrase_file.read_text(encoding="utf-8")
        except (OSError, UnicodeError) as exc:
            raise CliError(Message("cli_passphrase_file_unreadable", {
                "file": args.passphrase_file, "reason": getattr(exc, "strerror", None) or exc}),
            ) from exc
        return text.splitlines()[0] if text else ""
    if not sys.stdin.isatty():
        raise CliError(Message(needed))
    first = getpass.getpass(ctx.text("cli_passphrase_prompt"))
    if twice and getpass.getpass(ctx.text("cli_passphrase_again")) != first:
        raise CliError(Message("cli_passphrase_mismatch"))
    return first


def run_backup(ctx: Context, args: argparse.Namespace) -> int:
    ctx.services.actor.require(Permission.BACKUP)  # refused before a passphrase is asked for
    passphrase = None if args.no_secrets else _passphrase(
        ctx, args, "cli_backup_passphrase_needed", twice=True)
    info = ctx.services.backup(args.dir, include_archive=not args.no_archive,
                               passphrase=passphrase, leave_out_secrets=args.no_secrets)
    if ctx.json:
        ctx.emit({"folder": str(info.folder), "files": info.files, "bytes": info.size_bytes,
                  "secrets": "left_out" if args.no_secrets else "sealed"})
    else:
        ctx.say("cli_backup_done", folder=info.folder, files=info.files,
                size_mb=round(info.size_bytes / 1e6, 1))
        ctx.say("cli_backup_secrets_left_out" if args.no_secrets
                else "cli_backup_secrets_sealed")
    return 0


def run_restore(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.core.accounts import has_accounts
    from desktop.core.services import (
        BackupSecrets,
        backup_secrets,
        restore_new,
        secrets_missing,
    )

    db = ctx.database()
    try:
        setting_up = not has_accounts(db)
        if not setting_up:  # refused before a passphrase is asked for
            ctx.services.actor.require(Permission.BACKUP)
        passphrase = None
        if not args.no_secrets and backup_secrets(args.dir) is BackupSecrets.SEALED:
            passphrase = _passphrase(ctx, args, "cli_restore_passphrase_needed", twice=False)
        options = {"passphrase": passphrase, "without_secrets": args.no_secrets}
        # No account yet: a new installation set up from a backup, without a sign-in.
        manifest = restore_new(db, args.dir, **options) if setting_up else None
    finally:
        db.dispose()
    if manifest is None:
        manifest = ctx.services.restore(args.dir, **options)
    missing = secrets_missing(manifest)
    if ctx.json:
        ctx.emit({"restored": str(args.dir), "created_at": manifest["created_at"],
                  "audit_head": manifest.get("audit_head"),
                  "secrets_restored": manifest["secrets_restored"]})
    else:
        ctx.say("cli_restore_done", created=manifest["created_at"],
                revision=manifest["schema_revision"])
        if manifest.get("audit_head"):
            ctx.say("cli_restore_check", anchor=manifest["audit_head"])
        if missing is not None:
            print(missing.text(ctx.language))
    return 0


def run_recount(ctx: Context, args: argparse.Namespace) -> int:
    report = ctx.services.recount(ctx.campaign().id, args.workers)
    if ctx.json:
        ctx.emit({"read": report.read, "differences": report.differences})
    elif not report.differences:
        ctx.say("cli_recount_same", count=report.read)
    else:
        ctx.say("cli_recount_differs", count=len(report.differences))
        for difference in report.differences:
            where = f"#{difference.sheet_id} {difference.serial or ''}/{difference.page or ''}"
            print(f"{where}  {difference.source}")
            for change in difference.changes:
                print(f"    {change}")
    return 1 if report.differences else 0
