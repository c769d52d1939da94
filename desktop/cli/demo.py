"""``ballotdesk demo``: create the demo campaign (desktop.core.demo)."""

from __future__ import annotations

import argparse
from collections import Counter

from ballotformat import messages
from desktop.cli.common import Context, campaign_json
from desktop.cli.parsing import Builder, Subparsers

messages.register({
    "cli_demo_created": (
        "已创建演示评选活动“{name}”（ID {id}）：{categories} 个奖项、{units} 个推荐单位、"
        "{candidates} 名候选对象（其中入围 {shortlisted} 名），人物和单位均为虚构。",
        "Created the demo campaign “{name}” (id {id}): {categories:|category|categories}, "
        "{units:|nominating unit|nominating units}, {candidates:|candidate|candidates} "
        "({shortlisted} shortlisted), all invented.",
    ),
    "cli_demo_next": (
        "试试：ballotdesk --campaign {id} candidates list",
        "Try: ballotdesk --campaign {id} candidates list",
    ),
})


def add_parsers(b: Builder, sub: Subparsers) -> None:
    demo = b.command(sub, "demo", "创建演示评选活动（虚构的三个奖项、150 名候选对象）",
                     "create a demo campaign (invented: three categories, 150 candidates)",
                     run_demo)
    demo.add_argument("--name", metavar="NAME", help=b.t(
        "活动名称（默认：演示：2026年度十佳评选）", "the campaign's name (default: the demo's)"))


def run_demo(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.core.demo import create_demo

    services = ctx.services
    campaign = create_demo(services, args.name)
    categories = services.registry.list_categories(campaign.id)
    units = services.registry.list_units(campaign.id)
    candidates = services.candidates.list(campaign.id)
    statuses = Counter(c.status.value for c in candidates)
    if ctx.json:
        ctx.emit(campaign_json(campaign) | {
            "categories": len(categories), "units": len(units), "candidates": len(candidates),
            "by_status": dict(statuses)})
        return 0
    ctx.say("cli_demo_created", name=campaign.name, id=campaign.id, categories=len(categories),
            units=len(units), candidates=len(candidates), shortlisted=statuses["shortlisted"])
    ctx.say("cli_demo_next", id=campaign.id)
    return 0
