"""``ballotdesk candidates import|list|export|set-status|number``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ballotformat import messages
from ballotformat.messages import Message, RuleError, error
from desktop.cli.common import Context, enum_type, jsonable, label
from desktop.cli.parsing import Builder, Subparsers
from desktop.core.enums import CandidateStatus

if TYPE_CHECKING:
    from desktop.core.registry import CandidateInfo

messages.register({
    "cli_candidates_count": ("共 {count} 名。", "{count} in all."),
    "cli_form_missing": ("缺{fields}", "missing {fields}"),
    "cli_status_set": (
        "已将 {count} 名候选对象的状态设为“{status}”。",
        "Set the status of {count:|candidate|candidates} to “{status}”.",
    ),
    "cli_numbered": (
        "奖项“{category}”：{count} 名候选对象获得了新编号。",
        "“{category}”: {count:|candidate|candidates} got a new number.",
    ),
    "cli_import_warnings": (
        "有 {count} 条提示，导入照常进行。",
        "{count:|warning|warnings}; the import goes ahead.",
    ),
})


def add_parsers(b: Builder, sub: Subparsers) -> None:
    t = b.t
    status_type = enum_type(CandidateStatus, b.language)
    statuses = "|".join(CandidateStatus)
    chinese = "、".join(label("zh_CN", s) for s in CandidateStatus)
    status_help = t(f"可用 {statuses}，或中文：{chinese}", statuses)
    group = b.group(sub, "candidates", "候选对象：导入、列出、导出、审核、编号",
                    "candidates: import, list, export, review, number")

    imp = b.command(group, "import",
                    "从 .xlsx、.xls 或 .csv 推荐表汇总导入候选对象（有错误时不导入）",
                    "import candidates from an .xlsx, .xls or .csv sheet (nothing if it has "
                    "errors)", run_import)
    imp.add_argument("file", metavar="FILE", help=t("要导入的文件", "the file to import"))
    imp.add_argument("--create-missing", action="store_true", help=t(
        "一并创建文件中出现但尚不存在的奖项和推荐单位",
        "create the categories and units the file names that do not exist yet"))
    imp.add_argument("--encoding", metavar="NAME", help=t(
        "按此编码读取 CSV（如 gbk、cp950），而非自动识别的编码",
        "read a CSV in this encoding (e.g. gbk, cp950) instead of the one detected"))

    lst = b.command(group, "list", "列出候选对象", "list candidates", run_list)
    lst.add_argument("--category", metavar="NAME", help=t("只列此奖项", "only this category"))
    lst.add_argument("--status", metavar="STATUS", type=status_type, action="append", help=t(
        "只列此状态（可多次指定）：", "only this status (may be given several times): ")
        + status_help)

    exp = b.command(group, "export", "导出候选对象到 .xlsx 或 .csv 文件",
                    "export the candidates to an .xlsx or .csv file", run_export)
    exp.add_argument("file", metavar="FILE", help=t("导出到的文件", "the file to write"))

    st = b.command(group, "set-status", "设置审核状态（全部成功或全部不变）",
                   "set the review status (all or nothing)", run_set_status)
    st.add_argument("status", metavar="STATUS", type=status_type,
                    help=t("新状态：", "the new status: ") + status_help)
    which = st.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true",
                       help=t("活动中的全部候选对象", "every candidate of the campaign"))
    which.add_argument("--category", nargs="+", metavar=("NAME", "NUMBER"), help=t(
        "某奖项的候选对象，可跟编号只选其中几名", "the candidates of a category, or only those "
        "with the numbers given"))
    st.add_argument("--note", default="", metavar="TEXT", help=t(
        "审核意见（不合格、已撤回时必填）", "review note (required for rejected and withdrawn)"))

    num = b.command(group, "number", "按登记顺序编号（不合格、已撤回的不编号）",
                    "number candidates in registry order (not rejected or withdrawn ones)",
                    run_number)
    num.add_argument("--category", metavar="NAME",
                     help=t("只编此奖项（默认：全部奖项）", "only this category (default: all)"))
    num.add_argument("--renumber", action="store_true", help=t(
        "重新编号，不保留已有编号", "number again from 1, not keeping existing numbers"))


# -- import -------------------------------------------------------------------------------
def run_import(ctx: Context, args: argparse.Namespace) -> int:
    """Preview, show every problem, and commit only when none is an error."""
    campaign = ctx.campaign()
    importer = ctx.services.importer
    preview = importer.preview(campaign.id, Path(args.file), create_missing=args.create_missing,
                               encoding=args.encoding)
    for message in preview.messages:
        ctx.show(message)
    report: dict[str, Any] = {
        "file": args.file, "rows": len(preview.rows), "imported": 0,
        "categories_created": [], "units_created": [],
        "messages": [m.as_json() for m in preview.messages]}
    if not preview.ok:
        if ctx.json:
            ctx.emit(report)
        ctx.show(error("import_has_errors", count=len(preview.errors)))
        return 1
    result = importer.commit(preview, args.create_missing)
    if ctx.json:
        ctx.emit(report | {"imported": result.count,
                           "categories_created": list(result.categories_created),
                           "units_created": list(result.units_created)})
    else:
        if preview.warnings:
            ctx.note("cli_import_warnings", count=len(preview.warnings))
        ctx.say(result.message.code, **result.message.params)
    return 0


# -- list and export ----------------------------------------------------------------------
def candidate_json(candidate: CandidateInfo) -> dict[str, Any]:
    data: dict[str, Any] = jsonable(candidate)
    data["number_text"] = candidate.number_text
    return data


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    category_id = None
    if args.category is not None:
        category_id = ctx.services.registry.find_category(campaign.id, args.category).id
    found = ctx.services.candidates.list(campaign.id, category_id=category_id,
                                         statuses=args.status)
    if ctx.json:
        ctx.emit([candidate_json(c) for c in found])
        return 0
    rows = [
        (c.category, c.number_text, c.name, c.unit, ctx.label(c.status), c.review_note,
         ctx.text("cli_form_missing", fields=ctx.join(ctx.column(f) for f in c.missing_fields))
         if c.missing_fields else "")
        for c in found
    ]
    ctx.table(ctx.columns("category", "number", "name", "unit", "status", "review_note", "form"),
              rows)
    if found:
        ctx.say("cli_candidates_count", count=len(found))
    return 0


def run_export(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    count = ctx.services.exporter.export(campaign.id, Path(args.file))
    if ctx.json:
        ctx.emit({"file": args.file, "exported": count})
    else:
        ctx.say("export_done", count=count, file=args.file)
    return 0


# -- review and numbering -----------------------------------------------------------------
def chosen_candidates(ctx: Context, campaign_id: int, args: argparse.Namespace) -> list[int]:
    """The ids ``--all`` or ``--category NAME [NUMBER...]`` mean; every problem at once."""
    if args.all:
        return [c.id for c in ctx.services.candidates.list(campaign_id)]
    name, *numbers = args.category
    category = ctx.services.registry.find_category(campaign_id, name)
    members = ctx.services.candidates.list(campaign_id, category_id=category.id)
    if not numbers:
        return [c.id for c in members]
    by_number = {c.number: c.id for c in members if c.number is not None}
    problems: list[Message] = []
    ids: list[int] = []
    for raw in numbers:
        number = int(raw) if raw.strip().isdigit() else None
        if number is None or number < 1:
            problems.append(error("invalid_number", value=raw))
        elif number not in by_number:
            problems.append(error("not_found", field="number", name=raw))
        elif by_number[number] not in ids:
            ids.append(by_number[number])
    if problems:
        raise RuleError(problems)
    return ids


def run_set_status(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    ids = chosen_candidates(ctx, campaign.id, args)
    count = ctx.services.candidates.set_status(ids, args.status, args.note)
    if ctx.json:
        ctx.emit({"status": args.status, "updated": count, "ids": ids})
    else:
        ctx.say("cli_status_set", count=count, status=ctx.label(args.status))
    return 0


def run_number(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    registry = ctx.services.registry
    if args.category is not None:
        categories = [registry.find_category(campaign.id, args.category)]
    else:
        categories = registry.list_categories(campaign.id)
    results = [(c, ctx.services.candidates.assign_numbers(c.id, renumber=args.renumber))
               for c in categories]
    if ctx.json:
        ctx.emit([{"category": c.name, "numbered": n} for c, n in results])
    else:
        for category, count in results:
            ctx.say("cli_numbered", category=category.name, count=count)
    return 0
