"""``ballotdesk box add|list``: ballot boxes (投票箱) at the polling places."""

from __future__ import annotations

import argparse

from ballotformat import messages
from desktop.cli.common import Context
from desktop.cli.parsing import Builder, Subparsers

messages.register({
    "cli_box_added": ("已添加投票箱“{name}”。", "Added the ballot box “{name}”."),
    "cli_col_location": ("地点", "location"),
    "cli_col_responsible": ("负责人", "responsible"),
})


def add_parsers(b: Builder, sub: Subparsers) -> None:
    t = b.t
    group = b.group(sub, "box", "投票箱：添加、列出", "ballot boxes: add, list")
    add = b.command(group, "add", "添加投票箱", "add a ballot box", run_add)
    add.add_argument("name", metavar="NAME", help=t("投票箱名称，如“东湖社区服务中心 1号箱”",
                                                   "the box's name"))
    add.add_argument("--location", default="", help=t("设置地点", "where it stands"))
    add.add_argument("--responsible", default="", help=t("负责人", "the person responsible"))
    b.command(group, "list", "列出投票箱", "list the ballot boxes", run_list)


def run_add(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    box = ctx.services.boxes.add_box(campaign.id, args.name, args.location, args.responsible)
    if ctx.json:
        ctx.emit(box)
    else:
        ctx.say("cli_box_added", name=box.name)
    return 0


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    boxes = ctx.services.boxes.list_boxes(ctx.campaign().id)
    if ctx.json:
        ctx.emit(boxes)
        return 0
    ctx.table(ctx.columns("box", "location", "responsible"),
              [[b.name, b.location, b.responsible] for b in boxes])
    return 0
