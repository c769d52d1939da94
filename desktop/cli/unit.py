"""``ballotdesk unit add|list``: the nominating units (推荐单位) and their quotas."""

from __future__ import annotations

import argparse

from ballotformat import messages
from desktop.cli.common import Context, jsonable, positive_int
from desktop.cli.parsing import Builder, Subparsers

messages.register({
    "cli_unit_added": (
        "已在“{campaign}”中添加推荐单位“{name}”，每个奖项推荐限额 {quota} 名。",
        "Added the nominating unit “{name}” to “{campaign}”, with a quota of {quota} per "
        "category.",
    ),
    "cli_unit_over_quota": (
        "标有 ! 的单位超出了推荐限额。",
        "Units marked ! are over their quota.",
    ),
})


def add_parsers(b: Builder, sub: Subparsers) -> None:
    t = b.t
    group = b.group(sub, "unit", "推荐单位：添加、列出", "nominating units: add, list")
    add = b.command(group, "add", "添加推荐单位", "add a nominating unit", run_add)
    add.add_argument("name", metavar="NAME", help=t("单位名称", "the unit's name"))
    add.add_argument("--quota", metavar="Q", type=positive_int(b.language), help=t(
        "每个奖项最多推荐几名（默认：活动的默认限额）",
        "most nominations per category (default: the campaign's default quota)"))
    b.command(group, "list", "列出推荐单位及各奖项的推荐人数",
              "list the units with their nominations per category", run_list)


def run_add(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    unit = ctx.services.registry.add_unit(campaign.id, args.name, quota=args.quota)
    if ctx.json:
        ctx.emit(unit)
    else:
        ctx.say("cli_unit_added", campaign=campaign.name, name=unit.name, quota=unit.quota)
    return 0


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    categories = ctx.services.registry.list_categories(campaign.id)
    overview = ctx.services.registry.quota_overview(campaign.id)
    if ctx.json:
        ctx.emit([
            jsonable(row.unit) | {
                "nominations": {c.name: row.counts.get(c.id, 0) for c in categories},
                "over_quota": [c.name for c in categories if row.over(c.id)],
            }
            for row in overview
        ])
        return 0
    rows = []
    for row in overview:
        cells = [f"{row.counts.get(c.id, 0)}/{row.unit.quota}" + ("!" if row.over(c.id) else "")
                 for c in categories]
        rows.append([row.unit.name, row.unit.quota, *cells])
    ctx.table([*ctx.columns("unit", "quota"), *(c.name for c in categories)], rows)
    if any(row.any_over for row in overview):
        ctx.say("cli_unit_over_quota")
    return 0
