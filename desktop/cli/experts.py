"""``ballotdesk experts import|list``: expert panel scores."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ballotformat import messages
from ballotformat.messages import error
from desktop.cli.common import Context
from desktop.cli.parsing import Builder, Subparsers

messages.register({
    "cli_experts_dropped": ("（去掉）", " (dropped)"),
    "cli_col_scores": ("专家评分", "scores"),
    "cli_col_average": ("平均分", "average"),
})


def add_parsers(b: Builder, sub: Subparsers) -> None:
    t = b.t
    group = b.group(sub, "experts", "专家评审：导入评分、查看平均分",
                    "expert scores: import, list with averages")
    imp = b.command(group, "import", "导入专家评分（.xlsx 或 .csv；有错误时不导入）",
                    "import expert scores (.xlsx or .csv; nothing if it has errors)", run_import)
    imp.add_argument("file", metavar="FILE", help=t("要导入的文件", "the file to import"))
    b.command(group, "list", "每名候选对象：各专家评分（去掉的已标出）和平均分",
              "per candidate: each expert's score (dropped ones marked) and the average",
              run_list)


def run_import(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    experts = ctx.services.experts
    preview = experts.preview(campaign.id, Path(args.file))
    for message in preview.messages:
        ctx.show(message)
    report: dict[str, Any] = {"file": args.file, "scores": len(preview.scores), "imported": 0,
                              "messages": [m.as_json() for m in preview.messages]}
    if preview.errors:
        if ctx.json:
            ctx.emit(report)
        ctx.show(error("import_has_errors", count=len(preview.errors)))
        return 1
    count = experts.commit(preview)
    gaps = experts.gaps(campaign.id)
    for gap in gaps:
        ctx.show(gap)
    if ctx.json:
        ctx.emit(report | {"imported": count, "gaps": [g.as_json() for g in gaps]})
    else:
        ctx.say("expert_import_done", count=count)
    return 0


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    results = ctx.services.experts.results(campaign.id)
    candidates = [c for c in ctx.services.candidates.list(campaign.id) if c.id in results]
    gaps = ctx.services.experts.gaps(campaign.id)
    if ctx.json:
        ctx.emit({"candidates": [{"candidate_id": c.id, "category": c.category,
                                  "number": c.number, "name": c.name, **_result(results[c.id])}
                                 for c in candidates],
                  "gaps": [g.as_json() for g in gaps]})
        return 0
    dropped = ctx.text("cli_experts_dropped")
    ctx.table(ctx.columns("category", "number", "name", "scores", "average"), [
        [c.category, c.number_text, c.name,
         ctx.join(f"{m.expert} {m.score:g}{dropped if m.dropped else ''}"
                  for m in results[c.id].marks),
         "" if results[c.id].average is None else f"{results[c.id].average:.2f}"]
        for c in candidates])
    for gap in gaps:
        ctx.show(gap)
    return 0


def _result(result: Any) -> dict[str, Any]:
    return {"scores": [{"expert": m.expert, "score": m.score, "dropped": m.dropped}
                       for m in result.marks],
            "average": result.average, "drop_extremes": result.drop_extremes}
