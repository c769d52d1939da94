"""The results as JSON, .csv (UTF-8 with BOM) and .xlsx: the same numbers as the notice.

The .csv and the .xlsx hold one table with a category column (one row per ranked candidate,
in ranking order); the .xlsx adds a sheet "说明" with the formula, the rule and the counts.
In the .xlsx the figures are numbers shown through number formats (``0.00``), the columns
have widths and the header row stays in view; the .csv writes the same figures as text.
Every file is written to a temporary name beside its destination and moved into place, so a
failed write leaves nothing behind (see :func:`write_atomically`).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from ballotformat.messages import RuleError, error
from desktop.core.results.combine import (
    COMBINED_DECIMALS,
    EXPERT_DECIMALS,
    FLAG_MARK,
    CandidateResult,
    Method,
    flag_note,
    format_combined,
    format_expert,
)
from desktop.core.results.types import CampaignResults, CategoryResult
from desktop.core.tabular import append_rows, write_csv_rows

#: Decimals of the exact figures in JSON (the texts are what every output shows).
JSON_DECIMALS = 6
YES, NO = "是", ""
RESULT_SHEET, ABOUT_SHEET = "结果", "说明"
#: Column widths of the sheet "说明" (characters): labels, then the long texts (the formula).
ABOUT_WIDTHS = (18, 60, 8, 8, 8, 8, 16)


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
    } | ({"paper_channels": dict(c.paper_channels)} if results.round_position else {})


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
    } | ({"round": {"position": results.round_position, "name": results.round_name},
          "paper_channels": list(results.paper_channels)} if results.round_position else {})


@dataclass(frozen=True)
class Column:
    """A column of the results table: its header, its width in the .xlsx (characters) and,
    for a figure with a fixed number of decimals, those decimals (the .xlsx stores the number
    and shows them through a number format; the .csv writes the same text)."""

    header: str
    width: float
    decimals: int | None = None

    @property
    def number_format(self) -> str:
        return "0" if not self.decimals else "0." + "0" * self.decimals

    def text(self, value: object) -> object:
        """The value as the .csv writes it."""
        if self.decimals is None or not isinstance(value, float):
            return value
        return f"{value:.{self.decimals}f}"


def _figure(value: Fraction | None, decimals: int) -> float | None:
    """A figure as the notice shows it, as a number (``None``: no figure)."""
    return None if value is None else round(float(value), decimals)


def table(results: CampaignResults) -> tuple[list[Column], list[list[Any]]]:
    """The one table of the .csv and the .xlsx: its columns and rows (numbers as numbers); a
    round's results add a column per paper channel after the paper total."""
    summed = results.rule.rule.method is Method.SUM
    columns = [Column("奖项", 18), Column("排名", 6, 0), Column("编号", 6), Column("名称", 20),
               Column("推荐单位", 16), Column("纸质选票", 10, 0),
               *(Column(f"纸质选票（{p}）", 10 + 2 * len(p), 0) for p in results.paper_channels),
               *(Column(f"网络投票（{s}）", 8 + 2 * len(s), 0) for s in results.sources),
               Column("专家平均分", 11, EXPERT_DECIMALS),
               Column("综合得票", 10, 0) if summed else Column("综合得分", 10, COMBINED_DECIMALS),
               Column("当选", 6), Column("并列", 6), Column("当选线并列", 11),
               Column(f"取决于可疑票{FLAG_MARK}", 14)]
    rows: list[list[Any]] = []
    for category in results.categories:
        for c in category.candidates:
            rows.append([category.name, c.rank, c.number, c.name, c.unit, c.paper,
                         *(c.paper_channels.get(p, 0) for p in results.paper_channels),
                         *(c.online.get(s, 0) for s in results.sources),
                         _figure(c.expert, EXPERT_DECIMALS),
                         int(c.combined) if summed else _figure(c.combined, COMBINED_DECIMALS),
                         YES if c.winner else NO, YES if c.tie else NO,
                         YES if c.cutoff_tie else NO, YES if c.flag_dependent else NO])
    return columns, rows


def about_rows(results: CampaignResults) -> list[list[Any]]:
    rows: list[list[Any]] = [
        ["评选活动", results.campaign],
        *([["评选轮次", f"第 {results.round_position} 轮 {results.round_name}"]]
          if results.round_position else []),
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
    columns, rows = table(results)

    def write(target: Path) -> None:
        with target.open("w", encoding="utf-8-sig", newline="") as handle:
            write_csv_rows(handle, [[c.header for c in columns],
                                    *([c.text(v) for c, v in zip(columns, row, strict=True)]
                                      for row in rows)])

    return write_atomically(path, write)


def write_xlsx(results: CampaignResults, path: Path | str) -> Path:
    """The table on sheet "结果" (figures as numbers with number formats, columns wide enough
    to read, the header row frozen) and the explanation on sheet "说明"."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    columns, rows = table(results)

    def write(target: Path) -> None:
        book = Workbook()
        sheet = book.active
        sheet.title = RESULT_SHEET
        append_rows(sheet, [[c.header for c in columns], *rows])
        for cells in sheet.iter_rows(min_row=2):
            for column, cell in zip(columns, cells, strict=True):
                if column.decimals is not None and not isinstance(cell.value, str):
                    cell.number_format = column.number_format
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for index, column in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        sheet.freeze_panes = "A2"
        about = book.create_sheet(ABOUT_SHEET)
        append_rows(about, about_rows(results))
        for index, width in enumerate(ABOUT_WIDTHS, start=1):
            about.column_dimensions[get_column_letter(index)].width = width
        for cell in about["B"]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        book.save(target)

    return write_atomically(path, write)
