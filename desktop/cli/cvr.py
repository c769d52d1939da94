"""``ballotdesk cvr export DIR``: the cast-vote record, one row per paper ballot, with hashes."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ballotformat import messages
from desktop.cli.common import Context
from desktop.cli.parsing import Builder, Subparsers

messages.register({
    "cli_cvr_written": (
        "已写出 {ballots} 张选票的逐票记录：{folder}（SHA-256 校验见 SHA256SUMS）",
        "Wrote the cast-vote record of {ballots:|ballot|ballots} to {folder} (SHA-256 in "
        "SHA256SUMS)"),
})


def add_parsers(b: Builder, sub: Subparsers) -> None:
    t = b.t
    group = b.group(sub, "cvr", "逐票记录（cast-vote record）", "cast-vote record")
    export = b.command(group, "export", "写出逐票记录、清单和 SHA-256 校验文件",
                       "write the record, its manifest and SHA-256 sums", run_export)
    export.add_argument("folder", type=Path, metavar="DIR", help=t(
        "输出文件夹（不存在则创建；须为空）", "the output folder (created if missing; empty)"))


def run_export(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    manifest = ctx.services.results.cast_vote_record().export(campaign.id, args.folder)
    data = json.loads(manifest.read_text(encoding="utf-8"))
    if ctx.json:
        ctx.emit(data | {"folder": str(args.folder)})
    else:
        ctx.say("cli_cvr_written", ballots=data["ballots"], folder=args.folder)
    return 0
