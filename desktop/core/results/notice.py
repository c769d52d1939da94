"""The public notice (结果公示) as a PDF: Chinese, with the ballot font embedded.

The notice proper says, per category, who won and the figures that decided it: the winners
(and candidates tied at the cut-off) with each channel's figure and the combined score, a tie
and its decision, and a bar chart (paper ballots and online votes, see
:mod:`desktop.core.results.charts`); then the formula, the objection period (N working days, Monday
to Friday — public holidays are not known to the program: set the dates when they matter) and the
organiser. The annex (附件) after it holds every candidate's ranking and the paper counts per
box. While ballots wait for review or a tie at the cut-off is undecided, every page says
"临时结果" (provisional) across it and the first page says why. The footer names when the
figures were computed and a "防篡改核验码" (the audit log's head at that moment, an anchor:
``ballotdesk audit verify --anchor`` checks later that the log up to there is unchanged),
which the notice explains in plain words. Lines break by the Chinese rules
(:mod:`desktop.core.results.linebreak`), and a heading never ends a page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ballotformat.fonts import register_ballot_font
from desktop.core.results.charts import bar_chart, charted
from desktop.core.results.combine import (
    FLAG_MARK,
    CandidateResult,
    flag_note,
    format_combined,
    format_expert,
)
from desktop.core.results.files import write_atomically
from desktop.core.results.types import (
    CampaignResults,
    CategoryResult,
    NoticeCut,
    NoticeDecision,
    NoticeSettings,
    RoundNotice,
)

#: A candidate's outcome as the ranking table shows it: its words and its row's shade (None:
#: no shade).
Outcome = Callable[[CategoryResult, CandidateResult], tuple[str, tuple[float, float, float] | None]]

MM = 72 / 25.4
MARGIN_MM = 20.0
PAGE_WIDTH_MM = 210.0
TEXT_WIDTH_MM = PAGE_WIDTH_MM - 2 * MARGIN_MM
TITLE_PT, HEADING_PT, BODY_PT, TABLE_PT, SMALL_PT = 17, 12.5, 10.5, 8, 7.5
WATERMARK_PT = 64
WATERMARK_ALPHA = 0.13
WATERMARK_ANGLE = 35
PROVISIONAL_TEXT = "临时结果 仅供核对"
WORK_DAYS_PER_WEEK = 5
WINNER_SHADE = (0.90, 0.95, 1.0)
TIE_SHADE = (1.0, 0.93, 0.80)
HEADER_SHADE = (0.88, 0.88, 0.88)
RED = (0.75, 0.05, 0.05)
#: Column widths (mm) of the ranking table besides name and unit, which share the rest.
FIXED_COLUMNS_MM = {"rank": 9, "number": 9, "paper": 13, "online": 15, "expert": 14,
                    "combined": 15, "result": 15}
NAME_SHARE = 0.62
#: Column widths (mm) of the committee's list but its reasons, which take the rest.
DECISION_COLUMNS_MM = (10, 10, 40, 10, 20)
CELL_PADDING_PT = 2
#: Room a category's heading needs below it, else it starts on the next page.
CATEGORY_MIN_SPACE_MM = 50.0
#: Room a caption needs below it for the first rows of a long table.
TABLE_MIN_SPACE_MM = 30.0
#: A tie at the cut-off of up to this many candidates is listed with the winners; a larger
#: one (many candidates without a vote) only by its numbers, its rows are in the annex.
TIED_ROWS_MAX = 6
#: What the footer calls the audit log's head (explained in the notice's closing words).
ANCHOR_WORDS = "防篡改核验码"
BOX_COLUMN_SHARE = 0.3
CHINESE_NUMERALS = "一二三四五六七八九十"


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def working_days_end(start: dt.date, days: int) -> dt.date:
    """The last day of a period of ``days`` working days (Mon–Fri) starting on ``start``."""
    day, counted = start, 0
    while True:
        if day.weekday() < WORK_DAYS_PER_WEEK:
            counted += 1
            if counted == days:
                return day
        day += dt.timedelta(days=1)


def section_number(index: int) -> str:
    if index < len(CHINESE_NUMERALS):
        return CHINESE_NUMERALS[index]
    return str(index + 1)


class _Styles:
    def __init__(self) -> None:
        from reportlab.lib.colors import Color
        from reportlab.lib.enums import TA_CENTER, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        font = register_ballot_font()

        def style(name: str, size: float, **extra: Any) -> Any:
            return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.5,
                                  wordWrap="CJK", **extra)

        self.font = font
        self.title = style("title", TITLE_PT, alignment=TA_CENTER, spaceAfter=4 * MM)
        self.heading = style("heading", HEADING_PT, spaceBefore=4 * MM, spaceAfter=2 * MM,
                             keepWithNext=1)
        self.body = style("body", BODY_PT, firstLineIndent=2 * BODY_PT, spaceAfter=1.5 * MM)
        self.plain = style("plain", BODY_PT, spaceAfter=1.5 * MM)
        self.warning = style("warning", BODY_PT, textColor=Color(*RED), spaceAfter=2 * MM)
        #: A category's opening lines: they go to the next page with its winners' table.
        self.lead = style("lead", BODY_PT, spaceAfter=1.5 * MM, keepWithNext=1)
        self.lead_warning = style("lead_warning", BODY_PT, textColor=Color(*RED),
                                  spaceAfter=2 * MM, keepWithNext=1)
        self.right = style("right", BODY_PT, alignment=TA_RIGHT)
        self.cell = style("cell", TABLE_PT)
        grey = Color(0.3, 0.3, 0.3)
        #: A caption above something small enough to move to the next page with it.
        self.small = style("small", SMALL_PT, textColor=grey, keepWithNext=1)
        #: A caption above a table that may run over pages (a CondPageBreak keeps it company).
        self.caption = style("caption", SMALL_PT, textColor=grey)


def _text(text: str, style: Any) -> Any:
    from desktop.core.results.notice_flowables import ChineseParagraph

    return ChineseParagraph(text, style)


def _winners_outcome(category: CategoryResult, c: CandidateResult
                     ) -> tuple[str, tuple[float, float, float] | None]:
    """The campaign's notice: winners shaded blue, a tie at the cut-off orange."""
    text = "当选" if c.winner else ("并列待定" if c.cutoff_tie and category.undecided_tie else "")
    text += FLAG_MARK if c.flag_dependent else ""
    return text, WINNER_SHADE if c.winner else TIE_SHADE if c.cutoff_tie else None


def _ranking_table(category: CategoryResult, candidates: Sequence[CandidateResult],
                   results: CampaignResults, st: _Styles, outcome: Outcome = _winners_outcome,
                   paper_channels: Sequence[str] = ()) -> Any:
    """The candidates' rows: rank, number, name, unit, each channel's figure (each of
    ``paper_channels`` apart, then the paper total), the combined figure and the outcome."""
    from reportlab.lib.colors import Color
    from reportlab.platypus import Table, TableStyle

    sources = results.sources
    has_expert = any(c.expert is not None for c in category.candidates)
    sum_rule = results.rule.rule.method.value == "sum"
    header = ["排名", "编号", "名称", "推荐单位", *(f"纸质票\n{p}" for p in paper_channels),
              "纸质票" if not paper_channels else "纸质票\n合计",
              *(f"网络票\n{s}" for s in sources),
              *(["专家均分"] if has_expert else []), "综合得票" if sum_rule else "综合得分", "结果"]
    fixed = FIXED_COLUMNS_MM
    papers = len(paper_channels) + 1
    used = (fixed["rank"] + fixed["number"] + fixed["paper"] * papers
            + fixed["online"] * len(sources)
            + (fixed["expert"] if has_expert else 0) + fixed["combined"] + fixed["result"])
    rest = TEXT_WIDTH_MM - used
    widths = [fixed["rank"], fixed["number"], rest * NAME_SHARE, rest * (1 - NAME_SHARE),
              *([fixed["paper"]] * papers), *([fixed["online"]] * len(sources)),
              *([fixed["expert"]] if has_expert else []), fixed["combined"], fixed["result"]]
    rows: list[list[Any]] = [header]
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), st.font, TABLE_PT),
        ("GRID", (0, 0), (-1, -1), 0.4, Color(0.45, 0.45, 0.45)),
        ("BACKGROUND", (0, 0), (-1, 0), Color(*HEADER_SHADE)),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (2, 1), (3, -1), "LEFT"),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING_PT),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING_PT)]
    for line, c in enumerate(candidates, 1):
        text, shade = outcome(category, c)
        rows.append([str(c.rank), c.number, _text(c.name, st.cell), _text(c.unit, st.cell),
                     *(str(c.paper_channels.get(p, 0)) for p in paper_channels),
                     str(c.paper), *(str(c.online.get(s, 0)) for s in sources),
                     *([format_expert(c.expert)] if has_expert else []),
                     format_combined(c.combined, results.rule.rule), text])
        if shade is not None:
            commands.append(("BACKGROUND", (0, line), (-1, line), Color(*shade)))
    table = Table(rows, colWidths=[w * MM for w in widths], repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def _box_table(category: CategoryResult, st: _Styles) -> Any:
    from reportlab.lib.colors import Color
    from reportlab.platypus import Table, TableStyle

    rows: list[list[Any]] = [["投票箱", "收回选票（张）", "扫描页数", "有效", "无效",
                              "其中空白", "待审核"]]
    rows += [[b.box, b.ballots, b.sheets, b.valid, b.void, b.blank, b.pending]
             for b in category.boxes]
    rows.append(["合计", sum(b.ballots for b in category.boxes),
                 sum(b.sheets for b in category.boxes), category.valid, category.void,
                 category.blank, category.pending])
    first = TEXT_WIDTH_MM * BOX_COLUMN_SHARE
    other = (TEXT_WIDTH_MM - first) / (len(rows[0]) - 1)
    table = Table([[str(v) for v in row] for row in rows],
                  colWidths=[first * MM, *([other * MM] * (len(rows[0]) - 1))])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), st.font, TABLE_PT),
        ("GRID", (0, 0), (-1, -1), 0.4, Color(0.45, 0.45, 0.45)),
        ("BACKGROUND", (0, 0), (-1, 0), Color(*HEADER_SHADE)),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING_PT),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING_PT)]))
    return table


def _tie_text(category: CategoryResult) -> str:
    if not category.cutoff_tie:
        return ""
    tied = "、".join(category.cutoff_tie)
    decision = category.tie_decision
    if decision is None:
        return (f"当选线上编号 {tied} 综合成绩相同（并列），需从中产生 {category.seats} 名，"
                "待组委会决定。")
    return (f"当选线上编号 {tied} 综合成绩相同（并列），经组委会决定由编号 "
            f"{'、'.join(decision.winners)} 当选。依据：{decision.note}（{decision.decided_by}，"
            f"{chinese_date(decision.decided_at.astimezone().date())}记录）。")


def _category_story(index: int, category: CategoryResult, results: CampaignResults,
                    st: _Styles) -> list[Any]:
    """The notice's part for one category: who won and the figures that decided it."""
    from reportlab.platypus import CondPageBreak, Spacer

    story: list[Any] = [
        CondPageBreak(CATEGORY_MIN_SPACE_MM * MM),
        _text(f"{section_number(index)}、{category.name}（当选名额 {category.winners} 名）",
              st.heading),
        _text(f"本奖项现场纸质选票有效 {category.valid} 张（其中空白 {category.blank} 张），"
              f"无效 {category.void} 张。", st.lead)]
    if any(c.flag_dependent for c in category.candidates):
        story.append(_text(flag_note(results.rule.rule, "zh_CN"), st.lead_warning))
    if category.cutoff_tie:
        story.append(_text(_tie_text(category), st.lead_warning if category.undecided_tie
                           else st.lead))
    if category.pending:
        story.append(_text(f"本奖项尚有 {category.pending} 张纸质选票待审核，结果为临时结果。",
                           st.lead_warning))
    tied_rows = 0 < len(category.cutoff_tie) <= TIED_ROWS_MAX
    decided = [c for c in category.candidates if c.winner or (c.cutoff_tie and tied_rows)]
    if decided:
        story += [_text("当选名单及当选线上的并列候选对象：" if tied_rows
                        else "当选名单及得票：", st.small),
                  _ranking_table(category, decided, results, st), Spacer(1, 2 * MM)]
    else:
        story.append(_text("当选名单：（暂无）", st.plain))
    shown = charted(category)
    if shown:
        others = len(category.candidates) - len(shown)
        story += [_text(f"得票图（前 {len(shown)} 名" + (f"，其余 {others} 名见附件" if others
                                                        else "") + "）：", st.small),
                  bar_chart(category)]
    return story


def _annex_story(results: CampaignResults, st: _Styles,
                 notice: RoundNotice | None = None) -> list[Any]:
    """The annex: every candidate's ranking and the paper counts per box, per category (in a
    round's notice: the candidates standing in the round, each paper channel apart)."""
    from reportlab.platypus import CondPageBreak, PageBreak, Spacer

    story: list[Any] = [PageBreak(), _text("附件：各奖项全部候选对象的排名及得票", st.title)]
    for index, category in enumerate(results.categories):
        cut = _cut_of(notice, category)
        candidates = category.candidates if cut is None else _standing(category, cut)
        story += [_text(f"{section_number(index)}、{category.name}", st.heading),
                  _text("纸质选票统计（按投票箱）：", st.small), _box_table(category, st),
                  Spacer(1, 3 * MM), CondPageBreak(TABLE_MIN_SPACE_MM * MM),
                  _text("全部候选对象的排名及各渠道得票：", st.caption),
                  _ranking_table(category, candidates, results, st,
                                 *(() if notice is None or cut is None else
                                   (_round_outcome(notice, cut), results.paper_channels)))]
    return story


def _cut_of(notice: RoundNotice | None, category: CategoryResult) -> NoticeCut | None:
    if notice is None:
        return None
    return next((c for c in notice.cuts if c.category == category.name), None)


def _standing(category: CategoryResult, cut: NoticeCut) -> list[CandidateResult]:
    """The category's candidates standing in the round, in the round's ranking order."""
    by_number = {c.number: c for c in category.candidates}
    return [by_number[n] for n in cut.standing if n in by_number]


def _chosen(notice: RoundNotice, cut: NoticeCut) -> tuple[str, ...]:
    """Who goes on, or, in the last round, who the committee chose (the cut until it has
    decided)."""
    if notice.final and notice.decision is not None:
        return tuple(line.number for line in notice.decision.lines.get(cut.category, ())
                     if line.chosen)
    return cut.through


def _round_outcome(notice: RoundNotice, cut: NoticeCut) -> Outcome:
    chosen = set(_chosen(notice, cut))
    # Words that fit the column: the notice's paragraphs say them in full.
    going = ("当选" if notice.decision is not None else "拟表彰") if notice.final else "晋级"

    def outcome(category: CategoryResult, c: CandidateResult
                ) -> tuple[str, tuple[float, float, float] | None]:
        if c.number in chosen:
            return going, WINNER_SHADE
        if c.number in cut.tied:
            return ("并列待定" if cut.tie is None else "未晋级"), TIE_SHADE
        return "", None

    return outcome


def _round_tie_text(notice: RoundNotice, cut: NoticeCut) -> str:
    if not cut.tied:
        return ""
    tied = "、".join(cut.tied)
    going = "当选" if notice.final else "进入下一轮"
    head = (f"第 {cut.count} 名处编号 {tied} 综合成绩相同（并列），需从中产生 {cut.seats} 名"
            f"{going}")
    if cut.tie is None:
        return head + "，待组委会决定。"
    return (f"{head}。经组委会决定由编号 {'、'.join(cut.tie.winners)} {going}。依据："
            f"{cut.tie.note}（{cut.tie.decided_by}，"
            f"{chinese_date(cut.tie.decided_at.astimezone().date())}记录）。")


def _decision_text(decision: NoticeDecision) -> str:
    note = f"{decision.note}。" if decision.note else ""
    return (f"{chinese_date(decision.decided_on)}，{decision.meeting}审定了各奖项的表彰名单"
            f"（出席：{'、'.join(decision.attendees)}）。{note}")


def _decision_lines_table(notice: RoundNotice, cut: NoticeCut, st: _Styles) -> Any:
    """The committee's final list of a category: number, name, rank, and the reason of each
    departure from the ranking; then the ranked candidates left out against it."""
    from reportlab.lib.colors import Color
    from reportlab.platypus import Table, TableStyle

    assert notice.decision is not None
    lines = notice.decision.lines.get(cut.category, ())
    shown = [line for line in lines if line.chosen] + \
        [line for line in lines if not line.chosen and line.departure]
    rows: list[list[Any]] = [["序号", "编号", "名称", "排名", "审定结果", "说明"]]
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), st.font, TABLE_PT),
        ("GRID", (0, 0), (-1, -1), 0.4, Color(0.45, 0.45, 0.45)),
        ("BACKGROUND", (0, 0), (-1, 0), Color(*HEADER_SHADE)),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (2, 1), (2, -1), "LEFT"), ("ALIGN", (5, 1), (5, -1), "LEFT"),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING_PT),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING_PT)]
    for row, line in enumerate(shown, 1):
        verdict = "列入表彰名单" if line.chosen else "未列入"
        reason = f"调整：{line.reason}" if line.departure else ""
        rows.append([str(row) if line.chosen else "", line.number, _text(line.name, st.cell),
                     str(line.rank), verdict,
                     _text(reason, st.cell)])
        if line.departure:
            commands.append(("BACKGROUND", (0, row), (-1, row), Color(*TIE_SHADE)))
        elif line.chosen:
            commands.append(("BACKGROUND", (0, row), (-1, row), Color(*WINNER_SHADE)))
    widths = DECISION_COLUMNS_MM
    reason_width = TEXT_WIDTH_MM - sum(widths)
    table = Table(rows, colWidths=[w * MM for w in (*widths, reason_width)], repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def _round_category_story(index: int, category: CategoryResult, results: CampaignResults,
                          notice: RoundNotice, st: _Styles) -> list[Any]:
    """A round's notice, one category: who goes on (or was chosen) and the figures."""
    from reportlab.platypus import CondPageBreak, Spacer

    cut = _cut_of(notice, category)
    if cut is None:  # a category with nobody standing in the round
        return []
    what = "表彰" if notice.final else "进入下一轮"
    story: list[Any] = [
        CondPageBreak(CATEGORY_MIN_SPACE_MM * MM),
        _text(f"{section_number(index)}、{category.name}（{what} {cut.count} 名）", st.heading)]
    if results.ballots:
        story.append(_text(f"本奖项本轮纸质选票有效 {category.valid} 张（其中空白 "
                           f"{category.blank} 张），无效 {category.void} 张。", st.lead))
    if cut.tied:
        story.append(_text(_round_tie_text(notice, cut),
                           st.lead_warning if cut.tie is None else st.lead))
    if category.pending:
        story.append(_text(f"本奖项尚有 {category.pending} 张纸质选票待审核，结果为临时结果。",
                           st.lead_warning))
    if notice.final:
        if notice.decision is None:
            story.append(_text("组织审定尚未记录：以下为按排名确定的名单，仅供核对。",
                               st.lead_warning))
        else:
            return [*story, _text("表彰名单（按排名）及与排名不同之处的理由：", st.small),
                    _decision_lines_table(notice, cut, st), Spacer(1, 2 * MM)]
    standing = _standing(category, cut)
    chosen = set(_chosen(notice, cut))
    rows = [c for c in standing if c.number in chosen or c.number in cut.tied]
    story += [_text(("表彰名单及得票：" if notice.final else "进入下一轮的候选对象及各渠道得票：")
                    + ("（含名额线上的并列者）" if cut.tied else ""), st.small),
              _ranking_table(category, rows, results, st, _round_outcome(notice, cut),
                             results.paper_channels), Spacer(1, 2 * MM)]
    return story


def _round_opening(results: CampaignResults, notice: RoundNotice, how: str) -> list[str]:
    """The notice's first paragraphs in a campaign of rounds."""
    if not notice.final:
        return [f"{results.campaign}第 {notice.position} 轮“{notice.name}”经{how}，按照评选规则"
                f"综合评定，各奖项排名靠前的候选对象进入第 {notice.next_position} 轮"
                f"“{notice.next_name}”。为体现公开、公平、公正，现将进入下一轮的候选对象予以公示。",
                f"计分办法：{results.formula_zh}"]
    opening = [f"{results.campaign}经第 {notice.voting_position} 轮投票排名和第 "
               f"{notice.position} 轮“{notice.name}”，产生了各奖项的表彰名单。为体现公开、公平、"
               "公正，现将表彰名单予以公示。"]
    if notice.decision is not None:
        opening.append(_decision_text(notice.decision))
    return [*opening, f"排名的计分办法（第 {notice.voting_position} 轮）：{results.formula_zh}"]


def _why_provisional(results: CampaignResults) -> str:
    reasons = [f"“{c.name}”尚有 {c.pending} 张选票待审核" for c in results.categories
               if c.pending]
    reasons += [f"“{c.name}”当选线并列待决定" for c in results.categories if c.undecided_tie]
    return ("【临时结果】" + "；".join(reasons)
            + "。本页所列数据仅供核对，不作为正式公示。")


def notice_title(results: CampaignResults, settings: NoticeSettings,
                 notice: RoundNotice | None = None) -> str:
    if settings.title:
        return settings.title
    if notice is None:
        return f"关于{results.campaign}结果的公示"
    return f"关于{results.campaign}{'表彰名单' if notice.final else '候选对象'}的公示"


def notice_story(results: CampaignResults, settings: NoticeSettings,
                 today: dt.date, notice: RoundNotice | None = None) -> list[Any]:
    """The notice: the campaign's winners' notice, or with ``notice`` a round's (the
    shortlist notice of a round that advances, the winners' notice of the last round with the
    committee's decision)."""
    from reportlab.platypus import KeepTogether, Spacer

    st = _Styles()
    notice_date = settings.notice_date or today
    start = settings.objection_from or notice_date
    end = working_days_end(start, settings.objection_working_days)
    title = notice_title(results, settings, notice)
    organiser = settings.organiser or f"{results.campaign}组委会"
    channels = ["网络投票" if results.sources else "", "现场纸质投票" if results.ballots else "",
                "专家评审" if any(c.expert is not None for r in results.categories
                               for c in r.candidates) else ""]
    how = "、".join(c for c in channels if c) or "投票"
    story: list[Any] = [_text(title, st.title)]
    if results.provisional:
        story.append(_text(_why_provisional(results), st.warning))
    opening = [f"{results.campaign}经{how}，按照评选规则综合评定，产生了各奖项的评选结果。"
               "为体现公开、公平、公正，现将结果予以公示。",
               f"计分办法：{results.formula_zh}"] if notice is None \
        else _round_opening(results, notice, how)
    story += [*(_text(p, st.body) for p in opening), _text(
        f"现场纸质选票共收回 {results.ballots} 张（其中各奖项均未填写的空白票 "
        f"{results.blank_ballots} 张）。各奖项全部候选对象的排名和各投票箱的统计见附件。", st.body)]
    for index, category in enumerate(results.categories):
        story += (_category_story(index, category, results, st) if notice is None
                  else _round_category_story(index, category, results, notice, st))
    contact = f"（联系方式：{settings.contact}）" if settings.contact else ""
    closing = [
        Spacer(1, 5 * MM),
        _text(f"公示期为{chinese_date(start)}至{chinese_date(end)}"
              f"（{settings.objection_working_days}个工作日）。公示期间，任何单位和个人如有"
              f"异议，可以书面形式向{organiser}反映{contact}。反映情况应实事求是，"
              "并提供真实姓名和联系方式。", st.body)]
    if results.audit_head is not None:
        closing.append(_text(
            f"每页页脚的“{ANCHOR_WORDS}”记下了计算本结果时全部操作记录的位置和指纹。"
            "公示后如有人改动此前的任何选票或记录，监督人员用这个码核对即可发现。", st.body))
    closing += [Spacer(1, 8 * MM), _text(organiser, st.right),
                _text(chinese_date(notice_date), st.right)]
    story.append(KeepTogether(closing))
    return story + _annex_story(results, st, notice)


def write_notice(results: CampaignResults, settings: NoticeSettings, path: Path | str,
                 today: dt.date | None = None, notice: RoundNotice | None = None) -> Path:
    """Write the notice PDF to ``path`` (through a temporary file); with ``notice``, a
    round's (see :func:`notice_story`)."""
    from reportlab.lib.colors import Color
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    day = today or dt.date.today()
    font = register_ballot_font()
    story = notice_story(results, settings, day, notice)

    def decorate(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, SMALL_PT)
        canvas.setFillColor(Color(0.35, 0.35, 0.35))
        footer = f"第 {document.page} 页  ·  数据计算于 " + \
            results.computed_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if results.audit_head is not None:
            footer += f"  ·  {ANCHOR_WORDS} {results.audit_head.text()}"
        canvas.drawCentredString(A4[0] / 2, MARGIN_MM * MM / 2, footer)
        if results.provisional:
            canvas.setFont(font, WATERMARK_PT)
            canvas.setFillColor(Color(*RED, alpha=WATERMARK_ALPHA))
            canvas.translate(A4[0] / 2, A4[1] / 2)
            canvas.rotate(WATERMARK_ANGLE)
            canvas.drawCentredString(0, 0, PROVISIONAL_TEXT)
        canvas.restoreState()

    def write(target: Path) -> None:
        document = SimpleDocTemplate(
            str(target), pagesize=A4, leftMargin=MARGIN_MM * MM, rightMargin=MARGIN_MM * MM,
            topMargin=MARGIN_MM * MM, bottomMargin=MARGIN_MM * MM,
            initialFontName=font, title=notice_title(results, settings, notice),
            author=settings.organiser or results.campaign, creator="BallotDesk 选票台")
        document.build(story, onFirstPage=decorate, onLaterPages=decorate)

    return write_atomically(path, write)
