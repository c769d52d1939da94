"""``ballotdesk category add|list``: the award categories (奖项) of a campaign."""

from __future__ import annotations

import argparse
from collections import Counter

from ballotformat import messages
from desktop.cli.common import Context, enum_type, jsonable, positive_int
from desktop.cli.parsing import Builder, Subparsers
from desktop.core.enums import CandidateKind

messages.register({
    "cli_category_added": (
        "已在“{campaign}”中添加奖项“{name}”：{kind}，获奖名额 {winners}，"
        "每票最多可选 {max_marks}。",
        "Added the category “{name}” to “{campaign}”: {kind}, {winners:|winner|winners}, at most "
        "{max_marks} marks per ballot.",
    ),
})


def add_parsers(b: Builder, sub: Subparsers) -> None:
    t = b.t
    group = b.group(sub, "category", "奖项：添加、列出", "award categories: add, list")
    add = b.command(group, "add", "添加奖项", "add a category", run_add)
    add.add_argument("name", metavar="NAME", help=t("奖项名称", "the category's name"))
    add.add_argument("--winners", metavar="N", required=True, type=positive_int(b.language),
                     help=t("获奖名额", "number of winners"))
    add.add_argument("--max-marks", metavar="M", type=positive_int(b.language), help=t(
        "每张选票最多可选几名（默认等于获奖名额）",
        "most marks a ballot may give in this category (default: the number of winners)"))
    add.add_argument(
        "--kind", default=CandidateKind.PERSON, type=enum_type(CandidateKind, b.language),
        metavar="|".join(CandidateKind),
        help=t("候选对象类型（默认：person 个人）", "kind of candidates (default: person)"))
    b.command(group, "list", "列出奖项", "list the categories", run_list)


def run_add(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    category = ctx.services.registry.add_category(
        campaign.id, args.name, winners=args.winners, max_marks=args.max_marks, kind=args.kind)
    if ctx.json:
        ctx.emit(category)
    else:
        ctx.say("cli_category_added", campaign=campaign.name, name=category.name,
                kind=ctx.label(category.kind), winners=category.winners,
                max_marks=category.max_marks)
    return 0


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    categories = ctx.services.registry.list_categories(campaign.id)
    counts = Counter(c.category_id for c in ctx.services.candidates.list(campaign.id))
    if ctx.json:
        ctx.emit([jsonable(c) | {"candidates": counts[c.id]} for c in categories])
        return 0
    ctx.table(
        ctx.columns("position", "category", "kind", "winners", "max_marks", "candidates"),
        [(c.position, c.name, ctx.label(c.kind), c.winners, c.max_marks, counts[c.id])
         for c in categories])
    return 0
