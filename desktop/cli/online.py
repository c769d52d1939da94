"""``ballotdesk online import|list|report|withdraw``: online votes from platform exports."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ballotformat import messages
from ballotformat.messages import Message, error
from desktop.cli.common import CliError, Context, positive_int
from desktop.cli.parsing import Builder, Subparsers

if TYPE_CHECKING:
    from desktop.core.online import Mapping, OnlinePreview

messages.register({
    "cli_online_bad_mapping": ("无法读取对应关系文件“{file}”：{error}",
                               "Cannot read the mapping file “{file}”: {error}"),
    "cli_online_flagged": (
        "标记了 {count} 行（超限 {over_limit}，同一 IP 集中 {ip_burst}，每分钟突增 "
        "{minute_spike}）；合计：原始 {votes} 票，去除标记后 {unflagged} 票。",
        "{count:|row|rows} flagged (over the limit {over_limit}, IP bursts {ip_burst}, minute "
        "spikes {minute_spike}); in all {votes:|vote|votes} as exported, {unflagged} without the "
        "flagged rows.",
    ),
    "cli_online_withdrawn": ("已撤回导入 {id}。", "Import {id} withdrawn."),
    "cli_col_file": ("文件", "file"),
    "cli_col_import": ("导入", "import"),
    "cli_col_rows": ("行数", "rows"),
    "cli_col_votes": ("票数", "votes"),
    "cli_col_unflagged": ("去除标记后", "without flagged"),
    "cli_col_flagged": ("标记行", "flagged rows"),
    "cli_col_withdrawn": ("已撤回", "withdrawn"),
    "cli_col_row": ("行", "row"),
    "cli_col_voter": ("投票人", "voter"),
    "cli_col_ip": ("IP 地址", "IP"),
})
REASONS = ("over_limit", "ip_burst", "minute_spike")


def add_parsers(b: Builder, sub: Subparsers) -> None:
    t = b.t
    group = b.group(sub, "online", "网络投票：导入平台导出的结果、来源、异常票报告",
                    "online votes: import platform exports, sources, flagged votes")
    imp = b.command(group, "import", "导入网络投票结果（先预览；有错误时不导入）",
                    "import an online export (previewed; nothing if it has errors)", run_import)
    imp.add_argument("file", metavar="FILE", help=t("要导入的 .xlsx 或 .csv 文件",
                                                    "the .xlsx or .csv file to import"))
    imp.add_argument("--source", required=True, metavar="NAME",
                     help=t("来源名称，如“平台A”", "the source's name, e.g. “platform A”"))
    imp.add_argument("--mapping", metavar="FILE.json", help=t(
        "列和选项的对应关系（JSON）", "the column and option mapping (JSON)"))
    imp.add_argument("--encoding", metavar="NAME", help=t(
        "按此编码读取 CSV（如 gbk、cp950），而非自动识别的编码",
        "read a CSV in this encoding (e.g. gbk, cp950) instead of the one detected"))
    b.command(group, "list", "列出来源及其导入和票数", "list sources, imports and votes", run_list)
    rep = b.command(group, "report", "列出被标记的投票", "list the flagged votes", run_report)
    rep.add_argument("--source", metavar="NAME", help=t("只列此来源", "only this source"))
    wd = b.command(group, "withdraw", "撤回一次导入（记入审计日志）",
                   "withdraw an import (recorded in the audit log)", run_withdraw)
    wd.add_argument("import_id", metavar="ID", type=positive_int(b.language),
                    help=t("导入编号", "the import's id"))
    wd.add_argument("--note", required=True, help=t("撤回原因", "why"))


def _mapping(ctx: Context, path: str | None) -> Mapping | None:
    if path is None:
        return None
    from desktop.core.online import Mapping

    try:
        return Mapping.load(path)
    except (OSError, ValueError) as failed:
        raise CliError(Message("cli_online_bad_mapping", {"file": path, "error": failed})
                       ) from failed


def _summary(preview: OnlinePreview) -> dict[str, Any]:
    reasons = {r: sum(1 for f in preview.flags if r in f.reasons) for r in REASONS}
    return {"count": len(preview.flags), **reasons, "votes": preview.votes,
            "unflagged": sum(preview.unflagged.values())}


def run_import(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    online = ctx.services.online
    preview = online.preview(campaign.id, Path(args.file), args.source,
                             _mapping(ctx, args.mapping), args.encoding)
    for message in preview.messages:
        ctx.show(message)
    report: dict[str, Any] = {
        "file": args.file, "source": preview.source, "shape": preview.shape,
        "rows": preview.rows, "mapping": preview.mapping.to_json(),
        "mapping_origin": preview.mapping_origin, "fraud": _summary(preview),
        "flagged": preview.flags[:1000], "import_id": None,
        "messages": [m.as_json() for m in preview.messages]}
    if not preview.ok:
        if ctx.json:
            ctx.emit(report)
        ctx.show(error("import_has_errors", count=len(preview.errors)))
        return 1
    if preview.flags and not ctx.json:
        ctx.note("cli_online_flagged", **_summary(preview))
    import_id = online.commit(preview)
    if ctx.json:
        ctx.emit(report | {"import_id": import_id})
    else:
        done = online.import_message(import_id)
        ctx.say(done.code, **done.params)
    return 0


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    found = ctx.services.online.imports(campaign.id)
    if ctx.json:
        ctx.emit({"sources": ctx.services.online.sources(campaign.id), "imports": found})
        return 0
    ctx.table(ctx.columns("source", "import", "file", "rows", "votes", "unflagged", "flagged",
                          "withdrawn"),
              [[i.source, i.id, i.file_name, i.rows, i.votes, i.unflagged, i.flagged_rows,
                i.withdrawn_at.astimezone().strftime("%Y-%m-%d %H:%M") if i.withdrawn_at
                else ""] for i in found])
    return 0


def run_report(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    rows = ctx.services.online.flagged(campaign.id, args.source)
    if ctx.json:
        ctx.emit(rows)
        return 0
    names = {c.id: f"{c.number_text} {c.name}".strip()
             for c in ctx.services.candidates.list(campaign.id)}
    ctx.table(ctx.columns("source", "import", "row", "reasons", "time", "voter", "ip",
                          "candidates"),
              [[f.source, f.import_id, f.row, ctx.join(f.reasons), f.time, f.voter, f.ip,
                ctx.join(names.get(c, str(c)) for c in f.candidate_ids)] for f in rows])
    return 0


def run_withdraw(ctx: Context, args: argparse.Namespace) -> int:
    ctx.services.online.withdraw(args.import_id, args.note)
    if ctx.json:
        ctx.emit({"withdrawn": args.import_id})
    else:
        ctx.say("cli_online_withdrawn", id=args.import_id)
    return 0


