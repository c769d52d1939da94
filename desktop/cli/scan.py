"""``ballotdesk interpret FILE...`` (read only) and ``ballotdesk scan PATH...`` or
``ballotdesk scan --scanner DEVICE`` (record).

From a scanner the sheets are read and recorded as the feeder delivers them, by the same code
as the window's scanner source (:func:`desktop.core.records.scanjob.scan_scanner`). A jam or a
scanner that cannot be opened is said on stderr and ends the command with status 1; the sheets
scanned before it stay recorded, so scanning the rest again continues the box.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ballotformat import messages
from ballotformat.messages import Message
from desktop.cli.common import CliError, Context, positive_int
from desktop.cli.parsing import Builder, Subparsers
from desktop.core.labels import label

if TYPE_CHECKING:  # reading images loads OpenCV: only when a command reads them
    from desktop.core.records import RecordOutcome
    from scanning.sources import AcquisitionProblem, ScannerSettings

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
    "cli_scan_what": (
        "请给出要扫描的文件或文件夹，或用 --scanner 指定扫描仪（ballotdesk scanner list 列出）。",
        "Give the files or folders to scan, or a scanner with --scanner (ballotdesk scanner "
        "list shows them).",
    ),
    "cli_scan_both": ("文件和 --scanner 只能二选一。", "Give either files or --scanner, not both."),
    "cli_scanner_only": ("{option} 只能与 --scanner 一起使用。",
                         "{option} only applies with --scanner."),
    "cli_scanner_option": ("扫描仪选项应写作 名称=值，而不是“{option}”。",
                           "Scanner options are written NAME=VALUE, not “{option}”."),
})


def add_parsers(b: Builder, sub: Subparsers) -> None:
    t = b.t
    read = b.command(sub, "interpret", "识别选票图像（不记录）",
                     "read ballot images without recording anything", run_interpret)
    read.add_argument("files", nargs="+", type=Path, metavar="FILE",
                      help=t("图像或 PDF 文件", "image or PDF files"))
    _workers(b, read)
    scan = b.command(sub, "scan", "识别并记录选票（文件、文件夹或扫描仪）",
                     "read and record ballots (files, folders or a scanner)", run_scan)
    scan.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                      help=t("图像、PDF 文件或文件夹", "image or PDF files, or folders"))
    scan.add_argument("--scanner", metavar="DEVICE", help=t(
        "从 SANE 扫描仪扫描（设备名见 ballotdesk scanner list），直到进纸器取空",
        "scan from a SANE scanner (see ballotdesk scanner list) until its feeder is empty"))
    scan.add_argument("--source", metavar="SOURCE", help=t(
        "进纸方式：ADF、duplex、flatbed 或扫描仪自己的名称（默认：有进纸器就用进纸器）",
        "ADF, duplex, flatbed or the scanner's own name for it (default: the feeder if any)"))
    scan.add_argument("--resolution", type=positive_int(b.language), metavar="DPI", help=t(
        "扫描分辨率（默认 300）", "scan resolution in dpi (default 300)"))
    scan.add_argument("--option", action="append", default=[], metavar="NAME=VALUE", help=t(
        "扫描仪驱动的其他选项，可重复（如 swdeskew=1）",
        "another option of the scanner's driver, may be repeated (e.g. swdeskew=1)"))
    scan.add_argument("--box", metavar="NAME", help=t(
        "这批选票来自的投票箱（用于核对）", "the box these came from (checked)"))
    scan.add_argument("--station", metavar="NAME", help=t(
        "计票站名称（默认：计算机名）", "the counting station (default: host)"))
    _workers(b, scan)  # files only: a scanner's sheets are read as they come, one by one


def _workers(b: Builder, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--workers", type=positive_int(b.language), metavar="N", help=b.t(
        "同时识别的进程数（默认：CPU 核数）", "reading processes (default: one per core)"))


def _line(ctx: Context, outcome: RecordOutcome, pages: bool = True) -> str:
    """One page: its file and page number (a scanner's source names the sheet itself)."""
    status = label(outcome.result.status, ctx.language)
    where = f"{outcome.source} #{outcome.page_index + 1}" if pages else outcome.source
    return f"{where}  {status}  {outcome.message.text()}"


def run_interpret(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.core.records import interpret_paths

    recorder = ctx.services.recorder()
    outcomes = list(interpret_paths(recorder, args.files, args.workers))
    if ctx.json:
        ctx.emit([o.to_json_dict(with_recording=False) for o in outcomes])
        return 0
    for outcome in outcomes:
        print(_line(ctx, outcome))
    return 0


def scanner_settings(args: argparse.Namespace) -> ScannerSettings | None:
    """The scanner asked for and how, or None for files; CliError on a wrong combination."""
    if args.scanner is None:
        given = [name for name, value in (("--source", args.source),
                                          ("--resolution", args.resolution),
                                          ("--option", args.option)) if value]
        if given:
            raise CliError(Message("cli_scanner_only", {"option": given[0]}))
        if not args.paths:
            raise CliError(Message("cli_scan_what"))
        return None
    if args.paths:
        raise CliError(Message("cli_scan_both"))
    from scanning.sources import parse_options, settings_from_options

    try:
        options: dict[str, str | int] = {}
        for written in args.option:
            options.update(parse_options(written))
    except ValueError as error:
        raise CliError(Message("cli_scanner_option", {"option": str(error)})) from error
    if args.source:
        options["source"] = args.source
    if args.resolution:
        options["resolution"] = args.resolution
    return settings_from_options(options)


def run_scan(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.core.records import ScanCounts, problem_message, scan_paths, scan_scanner

    settings = scanner_settings(args)
    campaign = ctx.campaign() if args.box else None
    expected = ctx.services.boxes.find_box(campaign.id, args.box) if campaign else None
    boxes = {b.id: b.name for b in ctx.services.boxes.list_boxes(campaign.id)} if campaign else {}
    recorder = ctx.services.recorder(args.station)
    problems: list[AcquisitionProblem] = []

    def stopped(problem: AcquisitionProblem) -> None:
        problems.append(problem)
        ctx.show(problem_message(problem))

    outcomes: Iterator[RecordOutcome] = (
        scan_paths(recorder, args.paths, args.workers) if settings is None
        else scan_scanner(recorder, args.scanner, settings, stopped))
    counts = ScanCounts()
    printed: list[dict[str, Any]] = []
    for outcome in outcomes:
        counts.add(outcome)
        data = outcome.to_json_dict()
        box_id = outcome.box_id
        if expected is not None and box_id is not None and box_id != expected.id:
            data["box_mismatch"] = boxes.get(box_id)
            ctx.note("cli_box_mismatch", serial=outcome.result.serial, actual=boxes.get(box_id),
                     expected=expected.name)
        printed.append(data)
        if not ctx.json:
            print(_line(ctx, outcome, pages=settings is None), flush=True)
    if counts.accepted or counts.review or counts.rejected:
        ctx.show(ctx.services.automatic_backup("after-scan").message())
    if ctx.json:
        ctx.emit(printed)
    else:
        ctx.say("cli_scan_summary", total=len(printed), accepted=counts.accepted,
                review=counts.review, rejected=counts.rejected, already=counts.already)
    return 1 if problems else 0
