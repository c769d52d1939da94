"""``ballotdesk ballots layout|print|batches|spoil|unused|reconcile``: the paper ballots."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ballotformat import Paper, messages
from desktop.cli.common import Context, enum_type, positive_int
from desktop.cli.parsing import Builder, Subparsers
from desktop.core.enums import SerialState

if TYPE_CHECKING:
    from desktop.core.printing import PrintOptions

messages.register({
    "cli_layout_summary": (
        "选票第 {version} 版（{state}）：{paper}，每张 {pages} 页，{categories} 个奖项，"
        "{targets} 个候选对象。",
        "Ballot version {version} ({state}): {paper}, {pages:|page|pages} per ballot, "
        "{categories:|category|categories}, {targets:|candidate|candidates}.",
    ),
    "cli_layout_stored": ("已存档", "stored"),
    "cli_layout_new": ("将在首次印制时存档", "stored when first printed"),
    "cli_printed": (
        "已为“{box}”印制 {count} 张选票（第 {version} 版），票号 {first}–{last}，文件：{file}",
        "Printed {count:|ballot|ballots} (version {version}) for “{box}”, serials {first}–{last}, "
        "file: {file}",
    ),
    "cli_serials_noted": ("已登记 {count} 个票号为“{state}”。",
                          "Recorded {count:|serial|serials} as “{state}”."),
    "cli_col_serials": ("票号", "serials"),
    "cli_col_count": ("张数", "count"),
    "cli_col_version": ("版本", "version"),
    "cli_col_printed_by": ("印制人", "printed by"),
    "cli_col_printed_at": ("印制时间", "printed at"),
    "cli_col_printed": ("印制", "printed"),
    "cli_col_issued": ("发放", "issued"),
    "cli_col_returned": ("收回", "returned"),
    "cli_col_spoiled": ("作废", "spoiled"),
    "cli_col_returned_spoiled": ("收回的作废票", "returned spoiled"),
    "cli_col_returned_unused": ("收回的未发放票", "returned unused"),
    "cli_col_missing": ("未收回", "not returned"),
    "cli_col_unused": ("未发放", "unused"),
    "cli_total": ("合计", "total"),
})


#: The reconciliation's figures, in the order of the table (each serial counted once: the
#: returned spoiled and unused ones are part of "returned", see boxes.py).
RECONCILIATION_COLUMNS = ("printed", "issued", "returned", "spoiled", "unused",
                          "returned_spoiled", "returned_unused", "missing")


def add_parsers(b: Builder, sub: Subparsers) -> None:
    t = b.t
    group = b.group(sub, "ballots", "选票：版式、印制、作废登记、对账",
                     "ballots: layout, printing, spoiled serials, reconciliation")
    layout = b.command(group, "layout", "显示下一次印制所用的选票版式（--json 输出完整版式）",
                       "show the layout the next print uses (--json: all of it)", run_layout)
    _print_options(b, layout)
    printing = b.command(group, "print", "为投票箱印制一批选票（PDF）",
                         "print a batch of ballots for a box (PDF)", run_print)
    printing.add_argument("--box", required=True, metavar="NAME", help=t("投票箱", "the box"))
    printing.add_argument("--count", required=True, metavar="N", type=positive_int(b.language),
                          help=t("张数", "how many ballots"))
    printing.add_argument("--out", required=True, metavar="FILE.pdf", type=Path,
                          help=t("输出的 PDF 文件", "the PDF file to write"))
    _print_options(b, printing)
    b.command(group, "batches", "列出已印制的批次", "list the printed batches", run_batches)
    for state, zh, en in ((SerialState.SPOILED, "登记作废票号", "record spoiled serials"),
                          (SerialState.UNUSED, "登记未发放票号", "record unused serials")):
        noted = b.command(group, "spoil" if state is SerialState.SPOILED else "unused", zh, en,
                          run_note)
        noted.add_argument("serials", nargs="+", metavar="SERIALS",
                           help=t("票号或范围，如 101-120 135", "serials or ranges: 101-120 135"))
        noted.add_argument("--note", default="", help=t("说明", "a note"))
        noted.set_defaults(state=state)
    b.command(group, "reconcile", "各投票箱对账：印制、发放、收回、作废、未收回",
              "per box: printed, issued, returned, spoiled, not returned", run_reconcile)


def _print_options(b: Builder, parser: argparse.ArgumentParser) -> None:
    t = b.t
    parser.add_argument("--paper", type=enum_type(Paper, b.language), default=Paper.A4,
                        help=t("纸张：A4（默认）、A3、Letter", "paper: A4 (default), A3, Letter"))
    parser.add_argument("--ballot-lang", choices=messages.LANGUAGES, default="zh_CN",
                        help=t("选票说明文字的语言", "the language of the printed instructions"))
    parser.add_argument("--photos", action="store_true",
                        help=t("印上候选对象的小照片", "print small photos of the candidates"))


def _options(args: argparse.Namespace) -> PrintOptions:
    from desktop.core.printing import PrintOptions

    return PrintOptions(args.paper, args.ballot_lang, args.photos)


def run_layout(ctx: Context, args: argparse.Namespace) -> int:
    state = ctx.services.printing.current_layout(ctx.campaign().id, _options(args))
    for warning in state.warnings:
        ctx.show(warning)
    if ctx.json:
        print(state.layout.to_json(), file=sys.stdout)
        return 0
    data = json.loads(state.layout.to_json())
    ctx.say("cli_layout_summary", version=state.version, paper=args.paper.value,
            state=ctx.text("cli_layout_stored" if state.stored else "cli_layout_new"),
            pages=state.layout.page_count, categories=len(data["max_marks"]),
            targets=sum(len(p["targets"]) for p in data["pages"]))
    return 0


def run_print(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    box = ctx.services.boxes.find_box(campaign.id, args.box)
    state = ctx.services.printing.current_layout(campaign.id, _options(args))
    for warning in state.warnings:
        ctx.show(warning)
    batch = ctx.services.printing.print_batch(campaign.id, box.id, args.count, args.out,
                                              _options(args))
    if ctx.json:
        ctx.emit(batch)
    else:
        ctx.say("cli_printed", box=box.name, count=batch.count, version=batch.layout_version,
                first=batch.first_serial, last=batch.last_serial, file=args.out)
    return 0


def run_batches(ctx: Context, args: argparse.Namespace) -> int:
    batches = ctx.services.boxes.batches(ctx.campaign().id)
    if ctx.json:
        ctx.emit(batches)
        return 0
    ctx.table(ctx.columns("box", "serials", "count", "version", "printed_by", "printed_at"),
              [[b.box, f"{b.first_serial}–{b.last_serial}", b.count, b.layout_version,
                b.printed_by, b.printed_at.astimezone().strftime("%Y-%m-%d %H:%M")]
               for b in batches])
    return 0


def run_note(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.core.printing import parse_serials

    serials = parse_serials(" ".join(args.serials))
    count = ctx.services.boxes.note_serials(ctx.campaign().id, serials, args.state, args.note)
    if ctx.json:
        ctx.emit({"recorded": count, "state": args.state.value, "serials": serials})
    else:
        ctx.say("cli_serials_noted", count=count, state=ctx.label(args.state))
    return 0


def run_reconcile(ctx: Context, args: argparse.Namespace) -> int:
    lines, total = ctx.services.boxes.reconciliation(ctx.campaign().id)

    def numbers(line: object) -> dict[str, int]:
        return {key: getattr(line, key)
                for key in RECONCILIATION_COLUMNS}

    if ctx.json:
        ctx.emit({"boxes": [{"box": line.box.name if line.box else None, **numbers(line)}
                            for line in lines],
                  "total": numbers(total), "voting_over": total.voting_over})
        return 0
    rows = [[line.box.name if line.box else "", *numbers(line).values()] for line in lines]
    rows.append([ctx.text("cli_total"), *numbers(total).values()])
    ctx.table(ctx.columns("box", *RECONCILIATION_COLUMNS), rows)
    return 0
