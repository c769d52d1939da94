"""``ballotdesk audit list|verify|export``: read and check the audit log (never change it)."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ballotformat import messages
from ballotformat.messages import RuleError
from desktop.cli.common import Context, positive_int, text
from desktop.cli.parsing import Builder, Subparsers

if TYPE_CHECKING:
    from desktop.core.audit import Anchor, Verification

messages.register({
    "cli_col_entry": ("序号", "id"),
    "cli_col_actor": ("操作人", "actor"),
    "cli_col_action": ("操作", "action"),
    "cli_col_entity": ("对象", "entity"),
    "cli_col_change": ("修改前 → 修改后", "before → after"),  # cli_col_time: online.py
    "cli_audit_exported": ("已导出 {count} 条审计记录到“{file}”。",
                           "Exported {count} audit entries to “{file}”."),
    "cli_audit_head": ("留存此值，日后可用 --anchor 核对（审计链锚点）：{anchor}",
                       "Write this down to check the log later with --anchor (audit anchor): "
                       "{anchor}"),
    "cli_audit_anchors_ok": ("与留存的 {count} 个锚点相符。",
                             "Matches the {count:|anchor|anchors} written down."),
    "cli_bad_date": ("“{value}”不是日期（例如 2026-05-01 或 2026-05-01 08:30）。",
                     "“{value}” is not a date (e.g. 2026-05-01 or 2026-05-01 08:30)."),
})


def date_type(language: str, end_of_day: bool = False) -> Callable[[str], dt.datetime]:
    """A date or date and time in local time (or with an offset), as an aware datetime.
    ``end_of_day``: a bare date means the end of that day (for ``--until``)."""

    def parse(raw: str) -> dt.datetime:
        try:
            moment = dt.datetime.fromisoformat(raw.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(text(language, "cli_bad_date", value=raw)) from None
        if end_of_day and len(raw.strip()) == len("2026-05-01"):
            moment += dt.timedelta(days=1)
        return moment.astimezone() if moment.tzinfo is None else moment

    parse.__name__ = "date"
    return parse


def anchor_type(language: str) -> Callable[[str], Anchor]:
    """``N:HEX``, an entry's id and hash written down earlier (see docs/audit.md)."""

    def parse(raw: str) -> Anchor:
        from desktop.core.audit import Anchor

        try:
            return Anchor.parse(raw)
        except RuleError as exc:
            raise argparse.ArgumentTypeError(exc.messages[0].text(language)) from None

    parse.__name__ = "anchor"
    return parse


def add_parsers(b: Builder, sub: Subparsers) -> None:
    t = b.t
    group = b.group(sub, "audit", "审计日志：查看、校验、导出（只读）",
                    "audit log: list, verify, export (read-only)")
    listing = b.command(group, "list", "按时间顺序列出审计记录", "list audit entries, oldest first",
                        run_list)
    listing.add_argument("--action", dest="action_prefix", metavar="PREFIX", help=t(
        "操作代码前缀，如 candidate 或 candidate.status", "action code prefix, e.g. candidate"))
    listing.add_argument("--actor", metavar="NAME", help=t("操作人", "who made the change"))
    listing.add_argument("--entity", metavar="E", help=t(
        "对象类型，如 candidate、ballot_box", "entity, e.g. candidate, ballot_box"))
    listing.add_argument("--since", type=date_type(b.language), metavar="DATE", help=t(
        "从此时起（本地时间，如 2026-05-01 或 2026-05-01 08:30）",
        "from this moment (local time, e.g. 2026-05-01 or 2026-05-01 08:30)"))
    listing.add_argument("--until", type=date_type(b.language, end_of_day=True),
                         metavar="DATE", help=t("到此时为止（只写日期则含当天）",
                                                "up to this moment (a date includes that day)"))
    listing.add_argument("--text", metavar="TEXT", help=t(
        "在记录任意字段中查找", "find in any field of an entry"))
    listing.add_argument("--limit", type=positive_int(b.language), metavar="N", help=t(
        "只列出最后 N 条", "only the last N entries"))
    verify = b.command(group, "verify",
                       "校验审计链及计票数据：找出被修改、插入或删除的记录和数据行",
                       "verify the chain and the counted data: find edited, inserted or deleted "
                       "entries and rows", run_verify)
    verify.add_argument("--file", type=Path, metavar="FILE", help=t(
        "校验导出的 .csv/.jsonl 文件，而不是数据库", "verify an exported .csv/.jsonl file instead"))
    verify.add_argument("--anchor", dest="anchors", action="append", default=[],
                        type=anchor_type(b.language), metavar="N:HASH", help=t(
                            "留存的锚点（序号:哈希，至少 16 位），第 N 条的哈希须与之相符；可重复",
                            "an anchor written down earlier (id:hash, at least 16 hex digits): "
                            "entry N's hash must match it; repeatable"))
    export = b.command(group, "export", "导出全部审计记录（含哈希，可由第三方独立校验）",
                       "export every entry with its hashes, for a third party to verify",
                       run_export)
    export.add_argument("file", type=Path, metavar="FILE", help=t(
        ".csv（UTF-8 BOM）或 .jsonl", ".csv (UTF-8 with BOM) or .jsonl"))


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.core.audit import (
        AuditFilter,
        action_label,
        at_text,
        entity_label,
        summary,
    )

    campaign_id = ctx.campaign().id if getattr(args, "campaign", None) else None
    wanted = AuditFilter(action=args.action_prefix, actor=args.actor, entity=args.entity,
                         campaign_id=campaign_id, since=args.since, until=args.until,
                         text=args.text)
    log = ctx.services.audit_log
    entries = log.entries(wanted, newest_first=True, limit=args.limit)[::-1]
    if ctx.json:
        ctx.emit([entry.as_dict() | {"at": at_text(entry.at),
                                     "action_label": action_label(entry.action, ctx.language)}
                  for entry in entries])
        return 0
    ctx.table(ctx.columns("entry", "time", "actor", "action", "entity", "change"), [
        [e.id, e.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"), e.actor,
         action_label(e.action, ctx.language),
         f"{entity_label(e.entity, ctx.language)} {e.entity_id or ''}".rstrip(),
         summary(e.before, e.after, ctx.language)]
        for e in entries])
    return 0


def _report(ctx: Context, result: Verification, anchors: list[Anchor]) -> int:
    head = result.head
    if ctx.json:
        ctx.emit({"ok": result.ok, "count": result.count, "head_hash": result.last_hash,
                  "anchor": head.text() if head else None,
                  "anchors": [a.text(len(a.hash_prefix)) for a in anchors],
                  "findings": [{"problem": f.problem.value, "entry_id": f.entry_id,
                                "after_id": f.after_id,
                                "anchor": f.anchor.text(len(f.anchor.hash_prefix))
                                if f.anchor else None,
                                "message": f.message().text(ctx.language)}
                               for f in result.findings],
                  "content": None if result.content is None else {
                      "ok": result.content.ok, "rows": result.content.rows,
                      "findings": [f.as_json(ctx.language) for f in result.content.findings]}})
    elif result.ok:
        ctx.say(result.summary().code, **result.summary().params)
        if result.content is not None:
            ctx.say(result.content.summary().code, **result.content.summary().params)
        if anchors:
            ctx.say("cli_audit_anchors_ok", count=len(anchors))
        if head is not None:
            ctx.say("cli_audit_head", anchor=head.text())
    else:
        ctx.show(result.summary())
        for problem in result.problems():
            ctx.show(problem)
    return 0 if result.ok else 1


def run_verify(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.core.audit import read_export, verify_chain

    if args.file is not None:
        return _report(ctx, verify_chain(read_export(args.file), args.anchors), args.anchors)
    return _report(ctx, ctx.services.audit_log.verify(args.anchors), args.anchors)


def run_export(ctx: Context, args: argparse.Namespace) -> int:
    count = ctx.services.export_audit_log(args.file)
    if ctx.json:
        ctx.emit({"file": str(args.file), "count": count})
    else:
        ctx.say("cli_audit_exported", count=count, file=args.file)
    return 0
