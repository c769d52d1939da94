"""The results as JSON, .csv (UTF-8 with BOM) and .xlsx: the same numbers as the notice.

The .csv and the .xlsx hold one table with a category column (one row per ranked candidate,
in ranking order); the .xlsx adds a sheet "说明" with the formula, the rule and the counts.
Every file is written to a temporary name beside its destination and moved into place, so a
failed write leaves nothing behind (see :func:`write_atomically`).
"""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.core.combine import (
    FLAG_MARK,
    CandidateResult,
    flag_note,
    format_combined,
    format_expert,
)
from desktop.core.messages import RuleError, error
from desktop.core.results_types import CampaignResults, CategoryResult

#: Decimals of the exact figures in JSON (the texts are what every output shows).
JSON_DECIMALS = 6
YES, NO = "是", ""
RESULT_SHEET, ABOUT_SHEET = "结果", "说明"


def write_atomically(path: Path | str, write: Callable[[Path], object]) -> Path:
    """Call ``write(temporary)`` and move the file to ``path``; on failure nothing is left and
    a :class:`RuleError` (file_write_failed) says why."""
    path = Path(path)
    temporary: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.stem}.",
                                         suffix=path.suffix, delete=False) as handle:
            temporary = Path(handle.name)
        write(temporary)
        os.replace(temporary, path)
    except OSError as exc:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()
        raise RuleError([error("file_write_failed", file=str(path),
                               reason=exc.strerror or exc)]) from exc
    return path


def _candidate_json(c: CandidateResult, results: CampaignResults) -> dict[str, Any]:
    return {
        "number": c.number, "name": c.name, "unit": c.unit, "paper": c.paper,
        "online": dict(c.online),
        "online_exported": {s: v[0] for s, v in c.online_both.items()},
        "online_unflagged": {s: v[1] for s, v in c.online_both.items()},
        "expert": None if c.expert is None else round(float(c.expert), JSON_DECIMALS),
        "expert_text": format_expert(c.expert), "expert_scores": c.expert_scores,
        "combined": round(float(c.combined), JSON_DECIMALS),
        "combined_text": format_combined(c.combined, results.rule.rule),
        "rank": c.rank, "winner": c.winner, "tie": c.tie, "cutoff_tie": c.cutoff_tie,
        "flag_dependent": c.flag_dependent,
    }


def _category_json(c: CategoryResult, results: CampaignResults) -> dict[str, Any]:
    decision = c.tie_decision
    return {
        "name": c.name, "winners": c.winners, "provisional": c.provisional,
        "valid": c.valid, "void": c.void, "blank": c.blank, "pending": c.pending,
        "cutoff_tie": list(c.cutoff_tie), "seats": c.seats, "undecided_tie": c.undecided_tie,
        "tie_decision": None if decision is None else {
            "winners": list(decision.winners), "tied": list(decision.tied),
            "note": decision.note, "decided_by": decision.decided_by,
            "decided_at": decision.decided_at.isoformat()},
        "boxes": [vars_of(b) for b in c.boxes],
        "candidates": [_candidate_json(x, results) for x in c.candidates],
    }


def vars_of(value: object) -> dict[str, Any]:
    return {k: v for k, v in vars(value).items() if not k.startswith("_")}


def results_json(results: CampaignResults) -> dict[str, Any]:
    """What ``ballotdesk results --json`` prints."""
    info = results.rule
    return {
        "campaign": results.campaign, "campaign_id": results.campaign_id,
        "provisional": results.provisional, "pending": results.pending,
        "rule": {"method": info.rule.method.value, "online_votes": info.rule.online.value,
                 "normalise": info.rule.normalise.value, "weights": info.rule.weight_map(),
                 "set_by": info.set_by,
                 "set_at": info.set_at.isoformat() if info.set_at else None},
        "formula": {"zh_CN": results.formula_zh, "en": results.formula_en},
        "sources": list(results.sources), "ballots": results.ballots,
        "blank_ballots": results.blank_ballots, "boxes": [vars_of(b) for b in results.boxes],
        "categories": [_category_json(c, results) for c in results.categories],
        "warnings": [m.as_json() for m in results.warnings],
        "computed_at": results.computed_at.isoformat(),
        "audit_head": results.audit_head.text() if results.audit_head else None,
    }


def table(results: CampaignResults) -> tuple[list[str], list[list[Any]]]:
    """The one table of the .csv and the .xlsx: headers and rows (numbers as numbers)."""
    headers = ["奖项", "排名", "编号", "名称", "推荐单位", "纸质选票",
               *(f"网络投票（{s}）" for s in results.sources), "专家平均分",
               "综合得票" if results.rule.rule.method.value == "sum" else "综合得分",
               "当选", "并列", "当选线并列", f"取决于可疑票{FLAG_MARK}"]
    rows: list[list[Any]] = []
    for category in results.categories:
        for c in category.candidates:
            rows.append([category.name, c.rank, c.number, c.name, c.unit, c.paper,
                         *(c.online.get(s, 0) for s in results.sources),
                         format_expert(c.expert), format_combined(c.combined, results.rule.rule),
                         YES if c.winner else NO, YES if c.tie else NO,
                         YES if c.cutoff_tie else NO, YES if c.flag_dependent else NO])
    return headers, rows


def about_rows(results: CampaignResults) -> list[list[Any]]:
    rows: list[list[Any]] = [
        ["评选活动", results.campaign],
        ["状态", "临时结果（尚有待审核选票或未决定的并列）" if results.provisional else "最终结果"],
        ["计算公式", results.formula_zh], ["Formula", results.formula_en],
        [f"标记{FLAG_MARK}", flag_note(results.rule.rule, "zh_CN")],
        ["计算时间（UTC）", results.computed_at.strftime("%Y-%m-%d %H:%M:%S")],
        ["纸质选票（张）", results.ballots], ["空白选票（张）", results.blank_ballots], [],
        ["奖项", "当选名额", "有效", "无效", "空白", "待审核", "当选线并列"]]
    rows += [[c.name, c.winners, c.valid, c.void, c.blank, c.pending,
              "、".join(c.cutoff_tie)] for c in results.categories]
    return rows


def write_csv(results: CampaignResults, path: Path | str) -> Path:
    headers, rows = table(results)

    def write(target: Path) -> None:
        with target.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(headers)
            writer.writerows(rows)

    return write_atomically(path, write)


def write_xlsx(results: CampaignResults, path: Path | str) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    headers, rows = table(results)

    def write(target: Path) -> None:
        book = Workbook()
        sheet = book.active
        sheet.title = RESULT_SHEET
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text as text: a name starting with "=" is no formula
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        about = book.create_sheet(ABOUT_SHEET)
        for row in about_rows(results):
            about.append(row)
        book.save(target)

    return write_atomically(path, write)
