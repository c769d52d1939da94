"""``ballotdesk interpret FILE...`` (read only) and ``ballotdesk scan PATH...`` (record)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.common import Context, positive_int
from desktop.cli.parsing import Builder, Subparsers
from desktop.core import messages
from desktop.core.backup import automatic_backup
from desktop.core.labels import label
from desktop.core.recording import Recorder, RecordOutcome
from desktop.core.scanjob import ScanCounts, interpret_paths, scan_paths

messages.register({
    "cli_scan_summary": (
        "共 {total} 页：计入 {accepted}，待审核 {review}，不计票 {rejected}，"
        "此前已记录 {already}。",
        "{total:|page|pages}: {accepted} accepted, {review} for review, {rejected} rejected, "
        "{already} recorded before.",
    ),
    "cli_box_mismatch": (
        "注意：票号 {serial} 属于投票箱“{actual}”，不是“{expected}”。",
        "Note: serial {serial} belongs to box “{actual}”, not “{expected}”.",
    ),
})


def add_parsers(b: Builder, sub: Subparsers) -> None:
    t = b.t
    read = b.command(sub, "interpret", "识别选票图像（不记录）",
                     "read ballot images without recording anything", run_interpret)
    read.add_argument("files", nargs="+", type=Path, metavar="FILE",
                      help=t("图像或 PDF 文件", "image or PDF files"))
    _workers(b, read)
    scan = b.command(sub, "scan", "识别并记录选票（文件或文件夹）",
                     "read and record ballots (files or folders)", run_scan)
    scan.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                      help=t("图像、PDF 文件或文件夹", "image or PDF files, or folders"))
    scan.add_argument("--box", metavar="NAME", help=t(
        "这批选票来自的投票箱（用于核对）", "the box these came from (checked)"))
    scan.add_argument("--station", metavar="NAME", help=t(
        "计票站名称（默认：计算机名）", "the counting station (default: host)"))
    _workers(b, scan)


def _workers(b: Builder, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--workers", type=positive_int(b.language), metavar="N", help=b.t(
        "同时识别的进程数（默认：CPU 核数）", "reading processes (default: one per core)"))


def _line(ctx: Context, outcome: RecordOutcome) -> str:
    status = label(outcome.result.status, ctx.language)
    return f"{outcome.source} #{outcome.page_index + 1}  {status}  {outcome.message.text()}"


def run_interpret(ctx: Context, args: argparse.Namespace) -> int:
    recorder = Recorder(ctx.services.db, ctx.services.actor)
    outcomes = list(interpret_paths(recorder, args.files, args.workers))
    if ctx.json:
        ctx.emit([o.to_json_dict(with_recording=False) for o in outcomes])
        return 0
    for outcome in outcomes:
        print(_line(ctx, outcome))
    return 0


def run_scan(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign() if args.box else None
    expected = ctx.services.boxes.find_box(campaign.id, args.box) if campaign else None
    boxes = {b.id: b.name for b in ctx.services.boxes.list_boxes(campaign.id)} if campaign else {}
    recorder = Recorder(ctx.services.db, ctx.services.actor, args.station)
    counts = ScanCounts()
    printed: list[dict[str, Any]] = []
    for outcome in scan_paths(recorder, args.paths, args.workers):
        counts.add(outcome)
        data = outcome.to_json_dict()
        box_id = outcome.box_id
        if expected is not None and box_id is not None and box_id != expected.id:
            data["box_mismatch"] = boxes.get(box_id)
            ctx.note("cli_box_mismatch", serial=outcome.result.serial, actual=boxes.get(box_id),
                     expected=expected.name)
        printed.append(data)
        if not ctx.json:
            print(_line(ctx, outcome))
    if counts.accepted or counts.review or counts.rejected:
        automatic_backup(ctx.services.db, label="after-scan")
    if ctx.json:
        ctx.emit(printed)
    else:
        ctx.say("cli_scan_summary", total=len(printed), accepted=counts.accepted,
                review=counts.review, rejected=counts.rejected, already=counts.already)
    return 0
