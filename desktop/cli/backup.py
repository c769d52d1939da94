"""``ballotdesk backup DIR``, ``ballotdesk restore DIR`` and ``ballotdesk recount``.

Backing up and restoring need an organiser's sign-in, except a restore onto a database with no
account yet: a new station is set up from the organiser's backup before anyone can sign in
there (see desktop/core/backup.py and docs/deployment.md).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import Context, positive_int
from desktop.cli.parsing import Builder, Subparsers
from desktop.core import messages
from desktop.core.accounts import has_accounts
from desktop.core.backup import SETUP_ACTOR, backup, restore
from desktop.core.recount import recount

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
    load = b.command(sub, "restore", "从备份恢复（先校验每个文件的哈希）",
                     "restore from a backup (every file's hash checked first)", run_restore)
    load.epilog = t(
        "需要组织者登录。例外：尚无任何账户的数据库（用组织者的备份设置新的计票站）无需登录，"
        f"恢复会带来账户；审计日志中此次恢复的操作人记为“{SETUP_ACTOR}”。",
        "Needs an organiser to sign in. Exception: a database with no account yet (a new "
        "station set up from the organiser's backup) needs no sign-in, the restore brings the "
        f"accounts; the audit log names this restore's actor “{SETUP_ACTOR}”.")
    load.add_argument("dir", type=Path, metavar="DIR", help=t("备份文件夹", "the backup folder"))
    again = b.command(sub, "recount", "用当前识别程序重新识别所有存档图像并列出差异",
                      "read every archived image again and list what differs", run_recount)
    again.add_argument("--workers", type=positive_int(b.language), metavar="N",
                       help=t("同时识别的进程数", "reading processes"))


def run_backup(ctx: Context, args: argparse.Namespace) -> int:
    info = backup(ctx.services.db, ctx.services.actor, args.dir,
                  include_archive=not args.no_archive)
    if ctx.json:
        ctx.emit({"folder": str(info.folder), "files": info.files, "bytes": info.size_bytes})
    else:
        ctx.say("cli_backup_done", folder=info.folder, files=info.files,
                size_mb=round(info.size_bytes / 1e6, 1))
    return 0


def run_restore(ctx: Context, args: argparse.Namespace) -> int:
    db = ctx.database()
    try:  # no account yet: a new installation set up from a backup, without a sign-in
        manifest = None if has_accounts(db) else restore(db, args.dir, None)
    finally:
        db.dispose()
    if manifest is None:
        manifest = restore(ctx.services.db, args.dir, ctx.services.actor)
    if ctx.json:
        ctx.emit({"restored": str(args.dir), "created_at": manifest["created_at"],
                  "audit_head": manifest.get("audit_head")})
    else:
        ctx.say("cli_restore_done", created=manifest["created_at"],
                revision=manifest["schema_revision"])
        if manifest.get("audit_head"):
            ctx.say("cli_restore_check", anchor=manifest["audit_head"])
    return 0


def run_recount(ctx: Context, args: argparse.Namespace) -> int:
    report = recount(ctx.services.db, ctx.campaign().id, args.workers)
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
