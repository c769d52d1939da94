"""``ballotdesk scanner list``: the SANE scanners this computer reaches (``scan --scanner``
scans from one of them, see :mod:`desktop.cli.scan`)."""

from __future__ import annotations

import argparse

from ballotformat import messages
from desktop.cli.common import CliError, Context
from desktop.cli.parsing import Builder, Subparsers

messages.register({
    "cli_col_device": ("设备", "device"),
    "cli_col_scanner": ("扫描仪", "scanner"),
    "cli_col_scanner_kind": ("类型", "kind"),
})


def add_parsers(b: Builder, sub: Subparsers) -> None:
    group = b.group(sub, "scanner", "扫描仪（SANE）", "scanners (SANE)")
    b.command(group, "list", "列出可用的扫描仪（--scanner 的取值）",
              "list the scanners found (what --scanner takes)", run_list)


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.core.records import problem_message
    from scanning.sources import AcquisitionError, list_scanners

    try:
        scanners = list_scanners()
    except AcquisitionError as error:
        raise CliError(problem_message(error.problem)) from error
    if ctx.json:
        ctx.emit([{"device": s.device, "vendor": s.vendor, "model": s.model, "kind": s.kind,
                   "label": s.label} for s in scanners])
        return 0
    ctx.table(ctx.columns("device", "scanner", "scanner_kind"),
              [[s.device, s.label, s.kind] for s in scanners])
    return 0
