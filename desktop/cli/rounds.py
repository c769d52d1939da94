"""``ballotdesk round add|list|set|close|ranking|tie|advance``, ``channel add|list`` and
``decision record|show``: a campaign's rounds, their voting channels and the leading group's
decision (组织审定); see docs/rounds.md."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from ballotformat import messages
from ballotformat.messages import Message, RuleError, error
from desktop.cli.common import CliError, Context, enum_type, jsonable, positive_int
from desktop.cli.parsing import Builder, Subparsers
from desktop.core.enums import ChannelKind

if TYPE_CHECKING:
    from desktop.core.registry import CampaignInfo
    from desktop.core.rounds import CategoryCut, DecisionInfo, RoundInfo

messages.register({
    "cli_round_added": ("已添加第 {position} 轮“{name}”。",
                        "Added round {position} “{name}”."),
    "cli_round_changed": ("已修改第 {position} 轮“{name}”。",
                          "Changed round {position} “{name}”."),
    "cli_round_closed": ("第 {position} 轮“{name}”已结束。",
                         "Round {position} “{name}” is closed."),
    "cli_round_advanced": ("“{category}”晋级 {count} 名：{numbers}",
                           "“{category}”: {count} go on: {numbers}"),
    "cli_round_tie_recorded": ("已记录“{category}”晋级线并列的决定：{numbers} 晋级。",
                               "Recorded for “{category}”: {numbers} go on from the tie."),
    "cli_round_cut": ("【{category}】取前 {count} 名", "[{category}] first {count}"),
    "cli_round_tie": ("晋级线并列：{tied}，{seats} 个名额（{state}）",
                      "Tie at the cut: {tied}, {seats:|place|places} ({state})"),
    "cli_round_tie_open": ("待决定：ballotdesk round tie", "undecided: ballotdesk round tie"),
    "cli_round_tie_decided": ("已决定：{numbers}", "decided: {numbers}"),
    "cli_round_through": ("入选", "through"),
    "cli_round_tied": ("并列", "tied"),
    "cli_bad_advance": ("“{value}”不是“人数”或“奖项=人数”。",
                        "“{value}” is neither COUNT nor CATEGORY=COUNT."),
    "cli_channel_added": ("已在第 {position} 轮添加渠道“{name}”（{kind}）。",
                          "Added the channel “{name}” ({kind}) to round {position}."),
    "cli_channel_weighted": ("第 {position} 轮渠道“{name}”的权重：{weight}。",
                             "The weight of the channel “{name}” of round {position}: {weight}."),
    "cli_decision_recorded": (
        "已记录第 {position} 轮的组织审定决定（{date}，{meeting}）：偏离排名 {departures} 处。",
        "Recorded the committee's decision on round {position} ({date}, {meeting}): "
        "{departures:|departure|departures} from the ranking."),
    "cli_decision_none": ("第 {position} 轮尚无组织审定决定。",
                          "Round {position} has no committee decision yet."),
    "cli_decision_head": ("{date} {meeting}；出席：{attendees}；记录人：{by}",
                          "{date} {meeting}; present: {attendees}; recorded by {by}"),
    "cli_decision_chosen": ("当选", "chosen"),
    "cli_decision_departure": ("偏离排名", "departs"),
    "cli_col_round": ("轮次", "round"),
    "cli_col_advancing": ("晋级人数", "advancing"),
    "cli_col_channels": ("渠道", "channels"),
    "cli_col_channel_kind": ("类型", "kind"),
    "cli_col_weight": ("权重", "weight"),
    "cli_col_reason": ("理由", "reason"),
})

#: What a channel without a weight of its own shows (the combination rule decides).
RULE_WEIGHT = "—"


def add_parsers(b: Builder, sub: Subparsers) -> None:
    t = b.t
    group = b.group(sub, "round", "评选轮次：添加、列出、修改、结束、排名、并列、晋级",
                    "rounds: add, list, set, close, ranking, tie, advance")
    add = b.command(group, "add", "在最后一轮之后添加一轮", "add a round after the last", run_add)
    add.add_argument("name", metavar="NAME", help=t("轮次名称，如“组织审定”",
                                                   "the round's name"))
    _advance_option(b, add)
    b.command(group, "list", "列出轮次", "list the rounds", run_list)
    change = b.command(group, "set", "修改尚未结束的轮次", "change an open round", run_set)
    _round_argument(b, change)
    change.add_argument("--name", help=t("新名称", "new name"))
    _advance_option(b, change)
    close = b.command(group, "close", "结束一轮（此后可确定晋级名单）",
                      "close a round (its candidates can then advance)", run_close)
    _round_argument(b, close)
    ranking = b.command(group, "ranking", "显示一轮各奖项的排名和晋级线",
                        "show a round's ranking and cut per category", run_ranking)
    _round_argument(b, ranking)
    tie = b.command(group, "tie", "记录晋级线并列的决定（新决定取代旧决定）",
                    "record the decision on a tie at a round's cut (a newer one replaces it)",
                    run_tie)
    _round_argument(b, tie)
    tie.add_argument("--category", required=True, metavar="NAME", help=t("奖项", "category"))
    tie.add_argument("--advancing", required=True, metavar="03,07", help=t(
        "并列者中晋级的编号", "the tied numbers that go on"))
    tie.add_argument("--note", required=True, help=t("决定依据", "the grounds (minutes…)"))
    advance = b.command(group, "advance", "按排名确定晋级下一轮的名单",
                        "put the candidates above each cut into the next round", run_advance)
    _round_argument(b, advance)

    channels = b.group(sub, "channel", "投票渠道：添加、设定权重、列出",
                       "voting channels: add, weight, list")
    channel = b.command(channels, "add", "为一轮添加投票渠道", "add a voting channel to a round",
                        run_channel_add)
    channel.add_argument("name", metavar="NAME", help=t(
        "渠道名称，如“代表投票”；网络投票渠道默认同名的网络投票来源",
        "the channel's name; an online channel's source by default has the same name"))
    channel.add_argument("--round", required=True, metavar="N|NAME", help=t("轮次", "round"))
    channel.add_argument("--kind", required=True, type=enum_type(ChannelKind, b.language),
                         metavar="|".join(ChannelKind), help=t("渠道类型", "the channel's kind"))
    channel.add_argument("--weight", type=float, help=t(
        "本渠道的权重（默认：按综合计算方法）", "its weight (default: the combination rule's)"))
    channel.add_argument("--source", metavar="NAME", help=t(
        "网络投票来源（online 渠道）", "the online source (online channels)"))
    weight = b.command(channels, "weight",
                       "设定或清除一个渠道的权重（本轮各渠道都有权重时按权重综合）",
                       "set or clear a channel's weight (a round whose channels all have one "
                       "is combined by them)", run_channel_weight)
    weight.add_argument("name", metavar="NAME", help=t("渠道名称", "the channel's name"))
    weight.add_argument("weight", metavar="W|none", help=t(
        "权重（正数），none 为清除", "the weight (positive), or none to clear it"))
    weight.add_argument("--round", required=True, metavar="N|NAME", help=t("轮次", "round"))
    listed = b.command(channels, "list", "列出投票渠道", "list the voting channels",
                       run_channel_list)
    listed.add_argument("--round", metavar="N|NAME", help=t("只列出这一轮", "this round only"))

    decisions = b.group(sub, "decision", "组织审定决定：记录、显示",
                        "the committee's decision: record, show")
    record = b.command(decisions, "record", "记录领导小组对最后一轮的审定决定",
                       "record the leading group's decision on the last round", run_record)
    record.add_argument("--round", metavar="N|NAME", help=t("轮次（默认：最后一轮）",
                                                            "round (default: the last)"))
    record.add_argument("--date", required=True, type=dt.date.fromisoformat,
                        metavar="YYYY-MM-DD", help=t("会议日期", "the meeting's date"))
    record.add_argument("--meeting", required=True, help=t("会议名称", "the meeting"))
    record.add_argument("--attendees", required=True, metavar="A,B,…", help=t(
        "出席人员", "who attended"))
    record.add_argument("--final", nargs=2, action="append", required=True,
                        metavar=("CATEGORY", "01,02,…"), help=t(
                            "一个奖项的最终名单（每个奖项一次）",
                            "a category's final list (once per category)"))
    record.add_argument("--reason", nargs=3, action="append", default=[],
                        metavar=("CATEGORY", "NUMBER", "TEXT"), help=t(
                            "偏离排名的理由（每个偏离的编号一次）",
                            "the reason for a departure from the ranking (once per number)"))
    record.add_argument("--note", default="", help=t("备注", "a note"))
    show = b.command(decisions, "show", "显示组织审定决定", "show the committee's decision",
                     run_show)
    show.add_argument("--round", metavar="N|NAME", help=t("轮次（默认：最后一轮）",
                                                          "round (default: the last)"))


def _round_argument(b: Builder, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("round", metavar="N|NAME", help=b.t("轮次（序号或名称）",
                                                            "round (its number or name)"))


def _advance_option(b: Builder, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--advance", action="append", default=[], metavar="[CATEGORY=]N",
                        help=b.t("晋级下一轮的人数：N 用于每个奖项，“奖项=N”用于一个奖项",
                                 "how many go on to the next round: N for every category, "
                                 "CATEGORY=N for one"))


def _advancing(ctx: Context, campaign: CampaignInfo, specs: list[str]) -> dict[str, int]:
    every = [c.name for c in ctx.services.registry.list_categories(campaign.id)]
    counts: dict[str, int] = {}
    for spec in specs:
        category, _, raw = spec.rpartition("=")
        try:
            count = positive_int(ctx.language)(raw.strip())
        except argparse.ArgumentTypeError:
            raise CliError(Message("cli_bad_advance", {"value": spec})) from None
        counts.update(dict.fromkeys([category.strip()] if category else every, count))
    return counts


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.replace("，", ",").replace("、", ",").split(",")
            if v.strip()]


def _round(ctx: Context, reference: str | None) -> RoundInfo:
    """The round named, else the campaign's last."""
    campaign = ctx.campaign()
    if reference is not None:
        return ctx.services.rounds.find_round(campaign.id, reference)
    return ctx.services.rounds.list_rounds(campaign.id)[-1]


def run_add(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    info = ctx.services.rounds.add_round(campaign.id, args.name,
                                         _advancing(ctx, campaign, args.advance))
    _done(ctx, info, "cli_round_added")
    return 0


def run_set(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    found = _round(ctx, args.round)
    info = ctx.services.rounds.update_round(found.id, args.name,
                                            _advancing(ctx, campaign, args.advance))
    _done(ctx, info, "cli_round_changed")
    return 0


def run_close(ctx: Context, args: argparse.Namespace) -> int:
    _done(ctx, ctx.services.rounds.close_round(_round(ctx, args.round).id), "cli_round_closed")
    return 0


def _done(ctx: Context, info: RoundInfo, code: str) -> None:
    if ctx.json:
        ctx.emit(info)
    else:
        ctx.say(code, position=info.position, name=info.name)


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    rounds = ctx.services.rounds.list_rounds(ctx.campaign().id)
    if ctx.json:
        ctx.emit(rounds)
        return 0
    ctx.table(ctx.columns("position", "title", "status", "advancing", "candidates", "channels"),
              [[r.position, r.name, ctx.label(r.status),
                ctx.join(f"{name} {count}" for name, count in r.advancing.items()),
                r.candidates, ctx.join(c.name for c in r.channels)] for r in rounds])
    return 0


def run_ranking(ctx: Context, args: argparse.Namespace) -> int:
    cuts = ctx.services.rounds.ranking(_round(ctx, args.round).id)
    if ctx.json:
        ctx.emit([_cut_json(c) for c in cuts])
        return 0
    for c in cuts:
        ctx.say("cli_round_cut", category=c.category, count=c.count)
        if c.cut.tied:
            decided = c.tie_decision
            state = (ctx.text("cli_round_tie_decided", numbers=ctx.join(decided.advancing))
                     if decided else ctx.text("cli_round_tie_open"))
            ctx.say("cli_round_tie", tied=ctx.join(c.cut.tied), seats=c.cut.seats, state=state)
        ctx.table(ctx.columns("rank", "number", "name", "combined", "result"),
                  [[s.rank, s.number, s.name, f"{float(s.combined):g}",
                    ctx.text("cli_round_through") if s.number in c.cut.through
                    else ctx.text("cli_round_tied") if s.number in c.cut.tied else ""]
                   for s in c.ranking])
    return 0


def _cut_json(c: CategoryCut) -> dict[str, Any]:
    return {"category": c.category, "count": c.count,
            "ranking": [{"rank": s.rank, "number": s.number, "name": s.name,
                         "combined": float(s.combined)} for s in c.ranking],
            "through": list(c.cut.through), "tied": list(c.cut.tied), "seats": c.cut.seats,
            "tie_decision": jsonable(c.tie_decision)}


def run_tie(ctx: Context, args: argparse.Namespace) -> int:
    found = _round(ctx, args.round)
    decision = ctx.services.rounds.decide_tie(found.id, args.category, _split(args.advancing),
                                              args.note)
    if ctx.json:
        ctx.emit(decision)
    else:
        ctx.say("cli_round_tie_recorded", category=decision.category,
                numbers=ctx.join(decision.advancing))
    return 0


def run_advance(ctx: Context, args: argparse.Namespace) -> int:
    advanced = ctx.services.rounds.advance(_round(ctx, args.round).id)
    if ctx.json:
        ctx.emit(advanced)
        return 0
    for category, numbers in advanced.items():
        ctx.say("cli_round_advanced", category=category, count=len(numbers),
                numbers=ctx.join(numbers))
    return 0


def run_channel_add(ctx: Context, args: argparse.Namespace) -> int:
    found = _round(ctx, args.round)
    channel = ctx.services.rounds.add_channel(found.id, args.kind, args.name, args.weight,
                                              args.source)
    if ctx.json:
        ctx.emit(channel)
    else:
        ctx.say("cli_channel_added", position=found.position, name=channel.name,
                kind=ctx.label(channel.kind))
    return 0


def run_channel_weight(ctx: Context, args: argparse.Namespace) -> int:
    found = _round(ctx, args.round)
    channel = next((c for c in found.channels if c.name == args.name.strip()), None)
    if channel is None:
        raise RuleError([error("not_found", field="channel", name=args.name)])
    weight = None if args.weight.strip().lower() == "none" else _weight(args.weight)
    changed = ctx.services.rounds.set_channel_weight(channel.id, weight)
    if ctx.json:
        ctx.emit(changed)
    else:
        ctx.say("cli_channel_weighted", position=found.position, name=changed.name,
                weight=RULE_WEIGHT if changed.weight is None else f"{changed.weight:g}")
    return 0


def _weight(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise RuleError([error("channel_bad_weight", value=text)]) from None


def run_channel_list(ctx: Context, args: argparse.Namespace) -> int:
    rounds = ([_round(ctx, args.round)] if args.round is not None
              else ctx.services.rounds.list_rounds(ctx.campaign().id))
    if ctx.json:
        ctx.emit([c for r in rounds for c in r.channels])
        return 0
    ctx.table(ctx.columns("round", "title", "channel_kind", "weight"),
              [[r.position, c.name, ctx.label(c.kind),
                RULE_WEIGHT if c.weight is None else f"{c.weight:g}"]
               for r in rounds for c in r.channels])
    return 0


def run_record(ctx: Context, args: argparse.Namespace) -> int:
    found = _round(ctx, args.round)
    decision = ctx.services.decisions.record(
        found.id, args.date, args.meeting, _split(args.attendees),
        {category: _split(numbers) for category, numbers in args.final},
        {(category, number): text for category, number, text in args.reason}, args.note)
    if ctx.json:
        ctx.emit(decision)
    else:
        ctx.say("cli_decision_recorded", position=found.position, date=decision.decided_on,
                meeting=decision.meeting,
                departures=sum(1 for line in decision.lines if line.departure))
        _show_lines(ctx, decision)
    return 0


def run_show(ctx: Context, args: argparse.Namespace) -> int:
    found = _round(ctx, args.round)
    decision = ctx.services.decisions.newest(found.id)
    if ctx.json:
        ctx.emit(decision)
        return 0
    if decision is None:
        ctx.say("cli_decision_none", position=found.position)
        return 0
    ctx.say("cli_decision_head", date=decision.decided_on, meeting=decision.meeting,
            attendees=ctx.join(decision.attendees), by=decision.recorded_by)
    _show_lines(ctx, decision)
    return 0


def _show_lines(ctx: Context, decision: DecisionInfo) -> None:
    ctx.table(ctx.columns("category", "rank", "number", "name", "result", "reason"),
              [[line.category, line.rank, line.number, line.name,
                ctx.text("cli_decision_chosen") if line.chosen else "",
                (ctx.text("cli_decision_departure") + ctx.parenthesised(line.reason))
                if line.departure else line.reason] for line in decision.lines])
