"""``ballotdesk campaign create|list|show``."""

from __future__ import annotations

import argparse
import contextlib
from collections import Counter
from typing import Any

from ballotformat import messages
from ballotformat.messages import RuleError
from desktop.cli.common import Context, campaign_json
from desktop.cli.parsing import Builder, Subparsers
from desktop.core.enums import CandidateStatus

messages.register({
    "cli_campaign_created": (
        "已创建评选活动“{name}”（ID {id}）。",
        "Created the campaign “{name}” (id {id}).",
    ),
    "cli_campaign_title": ("评选活动：{name}（ID {id}）", "Campaign: {name} (id {id})"),
    "cli_campaign_phase": ("阶段：{phase}", "Phase: {phase}"),
    "cli_campaign_description": ("说明：{text}", "Description: {text}"),
    "cli_campaign_limits": (
        "事迹简介字数上限：{summary}；默认推荐限额：{quota}",
        "Summary limit: {summary} characters; default quota: {quota}",
    ),
    "cli_campaign_categories": ("奖项：{count} 个", "Categories: {count}"),
    "cli_campaign_units": ("推荐单位：{count} 个", "Nominating units: {count}"),
    "cli_campaign_candidates": ("候选对象：{count} 名{detail}", "Candidates: {count}{detail}"),
    "cli_campaign_status_count": ("{status} {count} 名", "{count} {status}"),
})


def add_parsers(b: Builder, sub: Subparsers) -> None:
    t = b.t
    group = b.group(sub, "campaign", "评选活动：创建、列出、查看", "campaigns: create, list, show")
    create = b.command(group, "create", "创建评选活动", "create a campaign", run_create)
    create.add_argument("name", metavar="NAME", help=t("活动名称", "the campaign's name"))
    create.add_argument("--description", default="", metavar="TEXT",
                        help=t("活动说明", "a description"))
    b.command(group, "list", "列出所有评选活动", "list the campaigns", run_list)
    b.command(group, "show", "查看评选活动：奖项、推荐单位、候选对象统计",
              "show a campaign: categories, units, candidate counts", run_show)


def run_create(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.services.registry.create_campaign(args.name, args.description)
    if ctx.json:
        ctx.emit(campaign_json(campaign))
    else:
        ctx.say("cli_campaign_created", name=campaign.name, id=campaign.id)
    return 0


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    campaigns = ctx.services.registry.list_campaigns()
    current = None
    if campaigns:
        with contextlib.suppress(RuleError):  # an unknown --campaign just marks none here
            current = ctx.services.registry.find_campaign(getattr(args, "campaign", None)).id
    if ctx.json:
        ctx.emit([campaign_json(c) | {"current": c.id == current} for c in campaigns])
        return 0
    if not campaigns:
        ctx.say("cli_no_campaigns")
        return 0
    ctx.table(
        ["ID", *ctx.columns("title", "phase", "created", "current")],
        [(c.id, c.name, ctx.label(c.phase), c.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
          "*" if c.id == current else "") for c in campaigns],
    )
    return 0


def run_show(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    registry = ctx.services.registry
    categories = registry.list_categories(campaign.id)
    units = registry.list_units(campaign.id)
    candidates = ctx.services.candidates.list(campaign.id)
    per_category = Counter(c.category_id for c in candidates)
    per_status = Counter(c.status for c in candidates)
    if ctx.json:
        data: dict[str, Any] = campaign_json(campaign)
        data["categories"] = [{"id": c.id, "name": c.name, "kind": c.kind, "winners": c.winners,
                               "max_marks": c.max_marks, "position": c.position,
                               "candidates": per_category[c.id]} for c in categories]
        data["units"] = [{"id": u.id, "name": u.name, "quota": u.quota} for u in units]
        data["candidates"] = {"total": len(candidates),
                              "by_status": {s.value: per_status[s] for s in CandidateStatus}}
        ctx.emit(data)
        return 0
    ctx.say("cli_campaign_title", name=campaign.name, id=campaign.id)
    ctx.say("cli_campaign_phase", phase=ctx.label(campaign.phase))
    if campaign.description:
        ctx.say("cli_campaign_description", text=campaign.description)
    ctx.say("cli_campaign_limits", summary=campaign.summary_max_chars,
            quota=campaign.default_quota)
    print()
    ctx.say("cli_campaign_categories", count=len(categories))
    if categories:
        ctx.table(
            ctx.columns("position", "category", "kind", "winners", "max_marks", "candidates"),
            [(c.position, c.name, ctx.label(c.kind), c.winners, c.max_marks,
              per_category[c.id]) for c in categories])
    print()
    ctx.say("cli_campaign_units", count=len(units))
    detail = ctx.join(ctx.text("cli_campaign_status_count", status=ctx.label(s), count=n)
                      for s in CandidateStatus if (n := per_status[s]))
    detail = ctx.parenthesised(detail)
    ctx.say("cli_campaign_candidates", count=len(candidates), detail=detail)
    return 0
