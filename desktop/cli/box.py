"""``ballotdesk box add|list|channel``: ballot boxes (投票箱) at the polling places, each in a
round's paper channel (群众投票, 代表投票)."""

from __future__ import annotations

import argparse

from ballotformat import messages
from desktop.cli.common import Context
from desktop.cli.parsing import Builder, Subparsers

messages.register({
    "cli_box_added": ("已添加投票箱“{name}”。", "Added the ballot box “{name}”."),
    "cli_col_location": ("地点", "location"),
    "cli_col_responsible": ("负责人", "responsible"),
    "cli_box_channel_set": ("投票箱“{name}”归入渠道“{channel}”。",
                            "The ballot box “{name}” now belongs to the channel “{channel}”."),
    "cli_col_box_channel": ("渠道", "channel"),
})


def add_parsers(b: Builder, sub: Subparsers) -> None:
    t = b.t
    group = b.group(sub, "box", "投票箱：添加、列出、指定渠道",
                    "ballot boxes: add, list, set the channel")
    add = b.command(group, "add", "添加投票箱", "add a ballot box", run_add)
    add.add_argument("name", metavar="NAME", help=t("投票箱名称，如“东湖社区服务中心 1号箱”",
                                                   "the box's name"))
    add.add_argument("--location", default="", help=t("设置地点", "where it stands"))
    add.add_argument("--responsible", default="", help=t("负责人", "the person responsible"))
    add.add_argument("--channel", metavar="NAME", help=t(
        "所属纸质选票渠道，如“代表投票”（默认：当前轮次的群众投票）",
        "its paper channel, e.g. the delegates' (default: the current round's public one)"))
    b.command(group, "list", "列出投票箱", "list the ballot boxes", run_list)
    channel = b.command(group, "channel", "把投票箱归入一个纸质选票渠道",
                        "put a box in a paper channel", run_channel)
    channel.add_argument("name", metavar="BOX", help=t("投票箱名称", "the box's name"))
    channel.add_argument("channel", metavar="CHANNEL", help=t("渠道名称", "the channel's name"))


def run_add(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    channel = (ctx.services.rounds.find_channel(campaign.id, args.channel)
               if args.channel else None)
    box = ctx.services.boxes.add_box(campaign.id, args.name, args.location, args.responsible,
                                     channel.id if channel else None)
    if ctx.json:
        ctx.emit(box)
    else:
        ctx.say("cli_box_added", name=box.name)
    return 0


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    boxes = ctx.services.boxes.list_boxes(campaign.id)
    if ctx.json:
        ctx.emit(boxes)
        return 0
    names = {c.id: c.name for r in ctx.services.rounds.list_rounds(campaign.id)
             for c in r.channels}
    ctx.table(ctx.columns("box", "location", "responsible", "box_channel"),
              [[b.name, b.location, b.responsible, names.get(b.channel_id or 0, "")]
               for b in boxes])
    return 0


def run_channel(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    box = ctx.services.boxes.find_box(campaign.id, args.name)
    channel = ctx.services.rounds.find_channel(campaign.id, args.channel)
    ctx.services.rounds.set_box_channel(box.id, channel.id)
    if ctx.json:
        ctx.emit(ctx.services.boxes.find_box(campaign.id, args.name))
    else:
        ctx.say("cli_box_channel_set", name=box.name, channel=channel.name)
    return 0
