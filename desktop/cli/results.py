"""``ballotdesk results [--pdf F] [--xlsx F] [--csv F]``, ``results rule|tie|notice``.

``results`` alone prints the ranking of every category (``--json``: the same numbers as the
files) and writes the notice PDF and the tables when asked. ``rule`` shows or sets the
combination, ``tie`` records the organiser's decision on a tie at a cut-off, ``notice`` shows
or sets the notice's title, organiser and objection period.
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ballotformat import messages
from desktop.cli.common import Context, positive_int
from desktop.cli.parsing import Builder, Subparsers
from desktop.core.results import (
    FLAG_MARK,
    CombinationRule,
    Method,
    Normalise,
    OnlineCount,
    flag_note,
    format_combined,
    format_expert,
)

if TYPE_CHECKING:
    from desktop.core.results import CampaignResults

messages.register({
    "cli_results_formula": ("计算方法：{formula}", "Formula: {formula}"),
    "cli_results_round": ("第 {position} 轮“{name}”的结果（只计本轮的选票与渠道）",
                          "Results of round {position} “{name}” (its ballots and channels only)"),
    "cli_results_provisional": (
        "临时结果：尚有 {pending} 张选票待审核，或有当选线并列待决定。",
        "Provisional: {pending:|ballot waits|ballots wait} for review, or a tie at a cut-off "
        "is undecided."),
    "cli_results_category": ("{category}（当选 {winners} 名；有效 {valid}，无效 {void}，"
                             "待审核 {pending}）",
                             "{category} ({winners:|winner|winners}; valid {valid}, void {void}, "
                             "pending {pending})"),
    "cli_results_tie": ("当选线并列：{tied}，需选 {seats} 名（{state}）",
                        "Tie at the cut-off: {tied}, {seats} to choose ({state})"),
    "cli_results_tie_open": ("待决定：ballotdesk results tie", "undecided: ballotdesk results tie"),
    "cli_results_tie_decided": ("已决定：{winners}", "decided: {winners}"),
    "cli_results_written": ("已写入：{file}", "Written: {file}"),
    "cli_results_rule_default": ("（默认规则，尚未设定）", "(the default rule, not set yet)"),
    "cli_results_rule_set": ("（{by} 于 {at} 设定）", "(set by {by} on {at})"),
    "cli_tie_recorded": ("已记录“{category}”的并列决定：{winners} 当选。",
                         "Recorded for “{category}”: {winners} win the tie."),
    "cli_notice_settings": (
        "标题：{title}\n落款：{organiser}\n联系方式：{contact}\n"
        "公示期：{days} 个工作日，自 {start} 起"
        "\n落款日期：{date}",
        "Title: {title}\nOrganiser: {organiser}\nContact: {contact}\nObjection period: {days} "
        "working days from {start}\nNotice date: {date}"),
    "cli_notice_default": ("（默认）", "(default)"),
    "cli_col_paper": ("纸质", "paper"),
    "cli_col_expert": ("专家", "expert"),
    "cli_results_winner": ("当选", "winner"),
    "cli_results_tied": ("并列", "tied"),
})


def add_parsers(b: Builder, sub: Subparsers) -> None:
    t = b.t
    parser = sub.add_parser("results", language=b.language, help=t(
        "统计结果：排名、当选、公示（PDF）、表格", "results: ranking, winners, notice, tables"),
        description=t("显示各奖项排名；可写出公示 PDF 和 .xlsx/.csv 表格",
                      "show each category's ranking; write the notice PDF and the tables"))
    b.global_options(parser, top=False)
    parser.set_defaults(handler=run_results)
    for option, zh, en in (("--pdf", "写出公示 PDF", "write the notice PDF"),
                           ("--xlsx", "写出 .xlsx 表格", "write the .xlsx table"),
                           ("--csv", "写出 .csv 表格（UTF-8 BOM）", "write the .csv table")):
        parser.add_argument(option, metavar="FILE", type=Path, help=t(zh, en))
    parser.add_argument("--round", metavar="N|NAME", help=t(
        "某一轮的结果：只计本轮的选票与渠道，各纸质渠道分列",
        "one round's results: its ballots and channels only, each paper channel apart"))
    actions = b.subparsers(parser, "action", required=False)
    rule = b.command(actions, "rule", "显示或设定综合计算方法（不带选项时显示）",
                     "show or set the combination (shown without options)", run_rule)
    how = rule.add_mutually_exclusive_group()
    how.add_argument("--sum", action="store_true", help=t(
        "各渠道票数直接相加（纸质 + 各网络平台）", "plain sum of votes (paper + online)"))
    how.add_argument("--weights", metavar="CH=W,...", help=t(
        "加权：如 paper=30,online=40,expert=30；分平台用 online:平台A=20",
        "weighted: e.g. paper=30,online=40,expert=30; one source: online:SOURCE=20"))
    rule.add_argument("--normalise", "--normalize", choices=[n.value for n in Normalise],
                      help=t("加权时各渠道得分除以本奖项最高值（top）或总和（total）",
                             "weighted: divide by the category's top or total"))
    rule.add_argument("--online-votes", choices=[o.value for o in OnlineCount], help=t(
        "网络票数：按导出（exported）或剔除被标记的票（unflagged）",
        "online votes as exported or without the flagged votes (unflagged)"))
    tie = b.command(actions, "tie", "记录当选线并列的决定（新决定取代旧决定）",
                    "record the decision on a tie at a cut-off (a newer one replaces it)",
                    run_tie)
    tie.add_argument("--category", required=True, metavar="NAME", help=t("奖项", "category"))
    tie.add_argument("--winners", required=True, metavar="03,07", help=t(
        "并列者中当选的编号", "the tied numbers that win"))
    tie.add_argument("--note", required=True, help=t("决定依据", "the grounds (minutes…)"))
    notice = b.command(actions, "notice", "显示或设定公示的标题、落款和公示期",
                       "show or set the notice's title, organiser and objection period",
                       run_notice)
    notice.add_argument("--title", help=t("标题", "title"))
    notice.add_argument("--organiser", help=t("落款单位", "the organiser's name line"))
    notice.add_argument("--contact", help=t("异议受理联系方式", "where objections go"))
    notice.add_argument("--days", type=positive_int(b.language), help=t(
        "公示期（工作日）", "objection period in working days"))
    notice.add_argument("--from", dest="start", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                        help=t("公示期第一天", "first day of the objection period"))
    notice.add_argument("--date", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                        help=t("落款日期", "the notice's date"))


def _print_results(ctx: Context, results: CampaignResults) -> None:
    if results.round_position is not None:
        ctx.say("cli_results_round", position=results.round_position, name=results.round_name)
    ctx.say("cli_results_formula", formula=results.formula(ctx.language))
    if results.provisional:
        ctx.say("cli_results_provisional", pending=results.pending)
    rule = results.rule.rule
    for category in results.categories:
        print()
        ctx.say("cli_results_category", category=category.name, winners=category.winners,
                valid=category.valid, void=category.void, pending=category.pending)
        if category.cutoff_tie:
            decision = category.tie_decision
            state = (ctx.text("cli_results_tie_decided", winners=ctx.join(decision.winners))
                     if decision else ctx.text("cli_results_tie_open"))
            ctx.say("cli_results_tie", tied=ctx.join(category.cutoff_tie), seats=category.seats,
                    state=state)
        paper = list(results.paper_channels) or ctx.columns("paper")
        ctx.table([*ctx.columns("rank", "number", "name"), *paper, *results.sources,
                   *ctx.columns("expert", "combined", "result")],
                  [[c.rank, c.number, c.name,
                    *([c.paper_channels.get(p, 0) for p in results.paper_channels]
                      or [c.paper]),
                    *(c.online.get(s, 0) for s in results.sources),
                    format_expert(c.expert), format_combined(c.combined, rule),
                    (ctx.text("cli_results_winner") if c.winner else
                     ctx.text("cli_results_tied") if c.cutoff_tie else "")
                    + (FLAG_MARK if c.flag_dependent else "")]
                   for c in category.candidates])
        if any(c.flag_dependent for c in category.candidates):
            print(flag_note(rule, ctx.language))


def run_results(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.core.results import results_json, write_csv, write_xlsx

    campaign = ctx.campaign()
    service = ctx.services.results
    round_id = (None if args.round is None
                else ctx.services.rounds.find_round(campaign.id, args.round).id)
    results = service.compute(campaign.id, round_id)
    for warning in results.warnings:
        ctx.show(warning)
    written = []
    if args.pdf:
        from desktop.core.results import write_notice  # the PDF writer: only for --pdf

        notice = None if round_id is None else ctx.services.decisions.notice(round_id)
        figures = results if notice is None or notice.voting_round_id == round_id \
            else service.compute(campaign.id, notice.voting_round_id)
        written.append(write_notice(figures, service.notice(campaign.id), args.pdf,
                                    notice=notice))
    if args.xlsx:
        written.append(write_xlsx(results, args.xlsx))
    if args.csv:
        written.append(write_csv(results, args.csv))
    if ctx.json:
        ctx.emit(results_json(results))
        return 0
    _print_results(ctx, results)
    for path in written:
        ctx.say("cli_results_written", file=path)
    return 0


def _show_rule(ctx: Context, campaign_id: int) -> None:
    from desktop.core.results import results_json

    info = ctx.services.results.rule(campaign_id)
    results = ctx.services.results.compute(campaign_id)
    if ctx.json:
        ctx.emit(results_json(results)["rule"] | {"formula": results.formula(ctx.language)})
        return
    print(results.formula(ctx.language))
    if info.set_by and info.set_at:
        ctx.say("cli_results_rule_set", by=info.set_by,
                at=info.set_at.astimezone().strftime("%Y-%m-%d %H:%M"))
    else:
        ctx.say("cli_results_rule_default")


def run_rule(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.core.results import parse_weights

    campaign = ctx.campaign()
    service = ctx.services.results
    if not (args.sum or args.weights or args.normalise or args.online_votes):
        _show_rule(ctx, campaign.id)
        return 0
    rule = service.rule(campaign.id).rule
    if args.sum:
        rule = replace(rule, method=Method.SUM, weights=())
    if args.weights:
        rule = replace(rule, method=Method.WEIGHTED, weights=parse_weights(args.weights))
    if args.normalise:
        rule = replace(rule, normalise=Normalise(args.normalise))
    if args.online_votes:
        rule = replace(rule, online=OnlineCount(args.online_votes))
    service.set_rule(campaign.id, CombinationRule(rule.method, rule.online, rule.normalise,
                                                  rule.weights))
    _show_rule(ctx, campaign.id)
    return 0


def run_tie(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    winners = [w.strip() for w in args.winners.replace("，", ",").split(",") if w.strip()]
    decision = ctx.services.results.decide_tie(campaign.id, args.category, winners, args.note)
    if ctx.json:
        ctx.emit(decision)
    else:
        ctx.say("cli_tie_recorded", category=decision.category,
                winners=ctx.join(decision.winners))
    return 0


def run_notice(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    service = ctx.services.results
    settings = service.notice(campaign.id)
    changes = {key: value for key, value in (
        ("title", args.title), ("organiser", args.organiser), ("contact", args.contact),
        ("objection_working_days", args.days), ("objection_from", args.start),
        ("notice_date", args.date)) if value is not None}
    if changes:
        settings = service.set_notice(campaign.id, replace(settings, **changes))
    if ctx.json:
        ctx.emit(settings.as_json())
        return 0
    default = ctx.text("cli_notice_default")
    ctx.say("cli_notice_settings", title=settings.title or default,
            organiser=settings.organiser or default, contact=settings.contact or default,
            days=settings.objection_working_days,
            start=settings.objection_from or default, date=settings.notice_date or default)
    return 0
