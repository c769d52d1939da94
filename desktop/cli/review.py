"""``ballotdesk review list|decide|copies|prefer``: the sheets the reader could not decide, and
the copies of one serial and page side by side (which counts is a person's choice)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ballotformat import messages
from desktop.cli.common import Context, enum_type, positive_int
from desktop.cli.parsing import Builder, Subparsers
from desktop.core.enums import Decision
from desktop.core.labels import label, label_list
from scanning.decide import MarkState

if TYPE_CHECKING:
    from desktop.core.records import Review, SheetState

messages.register({
    "cli_col_sheet": ("图像", "sheet"),
    "cli_col_serial": ("票号", "serial"),
    "cli_col_page": ("页", "page"),
    "cli_review_done": (
        "已记录：第 {sheet} 号图像 {decision}。{state}",
        "Recorded: sheet {sheet} {decision}. {state}",
    ),
    "cli_review_settled": ("已复核完毕。", "It is settled."),
    "cli_review_open": ("仍在待审核队列中。", "It is still in the queue."),
    "cli_review_preferred": (
        "已改计第 {sheet} 号图像（票号 {serial} 第 {page} 页）；原计票的图像不再计票。",
        "Sheet {sheet} (serial {serial}, page {page}) counts now; the one that counted before "
        "no longer does.",
    ),
    "cli_col_counted": ("计票", "counts"),
    "cli_col_image": ("图像文件", "image file"),
    "cli_col_marked": ("已划", "marked"),
    "cli_bad_target": (
        "“{value}”不是“奖项:编号”的形式。",
        "“{value}” is not of the form CATEGORY:NUMBER.",
    ),
})


def add_parsers(b: Builder, sub: Subparsers) -> None:
    t = b.t
    group = b.group(sub, "review", "人工审核：待审核队列、记录决定",
                    "review: the queue, recording decisions")
    b.command(group, "list", "按优先顺序列出待审核的图像", "the queue, most urgent first",
              run_list)
    decide = b.command(group, "decide", "记录一个决定（新决定取代旧决定）",
                       "record a decision (a newer one replaces an older one)", run_decide)
    decide.add_argument("sheet", type=positive_int(b.language), metavar="SHEET",
                        help=t("图像编号（review list 所列）", "the sheet id (from review list)"))
    decide.add_argument("decision", type=enum_type(Decision, b.language), metavar="DECISION",
                        help=t("marked / empty（针对 --target）、accept、reject、reopen、"
                               "no-votes（本页无选票记号）",
                               "marked / empty (for --target), accept, reject, reopen, "
                               "no-votes (the page carries no vote)"))
    decide.add_argument("--target", action="append", default=[], metavar="CATEGORY:NUMBER",
                        help=t("奖项:编号，可重复", "category:number, repeatable"))
    decide.add_argument("--reason", default="", help=t("理由（作废时必填）",
                                                       "why (required to reject)"))


    copies = b.command(group, "copies",
                       "并排列出同一票号同一页的各张图像（计票的一张在前）以便比较",
                       "the copies of a sheet's serial and page side by side (the counted one "
                       "first), to compare", run_copies)
    copies.add_argument("sheet", type=positive_int(b.language), metavar="SHEET",
                        help=t("任一张的图像编号", "the id of any of them"))
    prefer = b.command(group, "prefer", "改计这一张：同一票号同一页原计票的图像不再计票",
                       "count this sheet instead of the copy that counts now", run_prefer)
    prefer.add_argument("sheet", type=positive_int(b.language), metavar="SHEET",
                        help=t("要计票的图像编号", "the sheet to count"))
    prefer.add_argument("--reason", default="", help=t("理由（如：另一张是复印件）",
                                                       "why (e.g. the other is a photocopy)"))


def _row(state: SheetState) -> dict[str, object]:
    return {"sheet": state.sheet_id, "serial": state.serial, "page": state.page,
            "status": state.status.value, "reasons": [r.value for r in state.reasons],
            "source": state.source, "unread": state.unread,
            "unclear": [f"{c}:{n}" for (c, n), s in state.states.items()
                        if s.value == "ambiguous"]}


def _review(ctx: Context) -> Review:
    return ctx.services.review


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    queue = _review(ctx).queue(ctx.campaign().id)
    if ctx.json:
        ctx.emit([_row(state) for state in queue])
        return 0
    ctx.table(ctx.columns("sheet", "serial", "page", "status", "reasons", "source"),
              [[st.sheet_id, st.serial or "", st.page or "", label(st.status, ctx.language),
                label_list(st.reasons).text(ctx.language), st.source] for st in queue])
    return 0


def run_decide(ctx: Context, args: argparse.Namespace) -> int:
    targets = []
    for text in args.target:
        category, _, number = text.rpartition(":")
        if not category or not number:
            ctx.note("cli_bad_target", value=text)
            return 2
        targets.append((category, number))
    state = _review(ctx).decide(ctx.campaign().id, args.sheet, args.decision, targets, args.reason)
    if ctx.json:
        ctx.emit(_row(state) | {"settled": state.settled, "rejected": state.rejected})
    else:
        ctx.say("cli_review_done", sheet=state.sheet_id, decision=args.decision.value,
                state=ctx.text("cli_review_settled" if state.settled else "cli_review_open"))
    return 0


def run_copies(ctx: Context, args: argparse.Namespace) -> int:
    campaign_id = ctx.campaign().id
    copies = _review(ctx).copies(campaign_id, args.sheet)
    archive = ctx.services.archive()
    marked = {state.sheet_id: [f"{c}:{n}" for (c, n), st in sorted(state.states.items())
                               if st is MarkState.MARKED] for state in copies}
    if ctx.json:
        ctx.emit([_row(state) | {"counted": state.counted, "marked": marked[state.sheet_id],
                                 "image": str(archive / state.archive_path),
                                 "page_index": state.page_index} for state in copies])
        return 0
    ctx.table(ctx.columns("sheet", "counted", "status", "reasons", "marked", "source", "image"),
              [[state.sheet_id, "✓" if state.counted else "", label(state.status, ctx.language),
                label_list(state.reasons).text(ctx.language), ctx.join(marked[state.sheet_id]),
                state.source, str(archive / state.archive_path)] for state in copies])
    return 0


def run_prefer(ctx: Context, args: argparse.Namespace) -> int:
    state = _review(ctx).prefer(ctx.campaign().id, args.sheet, args.reason)
    if ctx.json:
        ctx.emit(_row(state) | {"counted": state.counted, "settled": state.settled})
    else:
        ctx.say("cli_review_preferred", sheet=state.sheet_id, serial=state.serial,
                page=state.page)
    return 0
