"""The results page on real scans, online files and expert scores (see
tests/results/test_results_common.py for what went in): the ranking equals the core's, the chart has
bars, the rule editor changes and stores the rule, a tie at the cut-off is decided in the
dialog, the outputs are written, and pending ballots show the provisional banner."""

from __future__ import annotations

import time
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.core.enums import SerialState
from desktop.core.printing.boxes import BoxInfo
from desktop.core.registry.service import CampaignInfo
from desktop.core.results.combine import (
    FLAG_MARK,
    CombinationRule,
    Method,
    OnlineCount,
    format_combined,
    format_expert,
)
from desktop.core.results.tally import CountedTally, last_tally, paper_tally
from desktop.core.results.types import CampaignResults, CategoryResult
from desktop.core.services import Services
from desktop.core.store.models import Sheet
from desktop.ui.context import CampaignContext
from desktop.ui.dialogs.results_dialogs import TieDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.models.results_models import RankingModel
from desktop.ui.pages.results_page import ResultsPage
from desktop.ui.pages.results_rule import RuleDialog
from tests.ballot_files import BRANDS, WINDOWS
from tests.results.test_results_common import counted, record
from tests.ui.conftest import MessageBoxes, when_modal

__all__ = ["counted"]


def open_page(qtbot: QtBot, services: Services, campaign_id: int) -> ResultsPage:
    page = ResultsPage(CampaignContext(services, campaign_id))
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    settle(qtbot, page)
    return page


def settle(qtbot: QtBot, page: ResultsPage) -> None:
    qtbot.waitUntil(lambda: not page.controller.busy and page.results is not None,
                    timeout=20_000)


def choose(page: ResultsPage, name: str) -> CategoryResult:
    assert page.results is not None
    names = [c.name for c in page.results.categories]
    page.tabs.setCurrentIndex(names.index(name))
    category = page.category()
    assert category is not None and category.name == name
    return category


def table(page: ResultsPage, rows: int = 3) -> list[list[str]]:
    model = page.panel.ranking_model
    return [[model.display(row, col) for col in range(model.columnCount())]
            for row in range(min(rows, model.rowCount()))]


def expected_rows(results: CampaignResults, name: str, rows: int = 3) -> list[list[str]]:
    category = next(c for c in results.categories if c.name == name)
    rule = results.rule.rule
    winner = {True: "当选", False: "—"}
    return [[str(c.rank), c.number, c.name, c.unit, str(c.paper),
             *(str(c.online.get(s, 0)) for s in results.sources), format_expert(c.expert),
             format_combined(c.combined, rule),
             ("并列待定" if c.cutoff_tie and category.undecided_tie else winner[c.winner])
             + (FLAG_MARK if c.flag_dependent else "")]
            for c in category.candidates[:rows]]


def test_the_ranking_and_the_chart_show_the_core_numbers(
        qtbot: QtBot, services: Services, counted: CampaignInfo) -> None:
    services.results.set_rule(counted.id, CombinationRule(online=OnlineCount.EXPORTED))
    page = open_page(qtbot, services, counted.id)
    assert page.tabs.count() == 3
    choose(page, BRANDS)
    model = page.panel.ranking_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:5] == ["排名", "编号", "名称", "推荐单位", "纸质选票"]
    assert headers[5:] == ["网络投票\n平台A", "网络投票\n平台B", "专家平均分", "综合得分", "结果"]
    expected = expected_rows(services.results.compute(counted.id), BRANDS)
    assert table(page) == expected
    # By hand: 11 = 1 paper + 20 平台A, 12 = 7 + 2, 10 = 2 + 5 + 1 (two winners).
    # 12's seat and 10's loss hang on 平台B's one flagged vote: both marked, and said why.
    assert [(row[1], row[-2], row[-1]) for row in expected] == [
        ("11", "21", "当选"), ("12", "9", "当选※"), ("10", "8", "—※")]
    assert "可疑网络票已计入" in page.panel.info_label.text()
    model = page.panel.ranking_model
    assert "可疑网络票" in model.data(model.index(1, model.col_result),
                                   Qt.ItemDataRole.ToolTipRole)
    assert "综合得票 = 纸质选票得票 + 网络投票得票" in page.formula_label.text()
    assert page.banner.isHidden()

    bars = page.panel.chart.bars()
    assert {b.series for b in bars} == {"纸质选票", "网络投票"}
    drawn = {(b.item, b.series): b.value for b in bars}
    assert drawn[("11 " + expected[0][2], "网络投票")] == 20
    assert drawn[("10 " + expected[2][2], "纸质选票")] == 2
    assert max(b.share for b in bars) == 1.0
    assert page.panel.chart.grab().width() > 0  # paints without error

    choose(page, WINDOWS)
    boxes = page.panel.box_model
    total = [boxes.data(boxes.index(boxes.rowCount() - 1, c)) for c in range(6)]
    assert total == ["合计", 3, 3, 0, 0, 0]


def test_the_rule_editor_changes_the_scores_and_stores_the_rule(
        qtbot: QtBot, services: Services, counted: CampaignInfo) -> None:
    page = open_page(qtbot, services, counted.id)
    choose(page, BRANDS)
    before = table(page)

    def weighted(dialog: QWidget) -> None:
        assert isinstance(dialog, RuleDialog)
        dialog.weighted_button.setChecked(True)
        dialog.online_mode.setCurrentIndex(1)  # each source apart
        dialog.paper.setValue(0)
        dialog.expert.setValue(0)
        for spin in dialog.source_spins.values():
            spin.setValue(0)
        assert dialog.problems_label.text(), "no weight at all: the core's check shows"
        assert not dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()
        dialog.source_spins["平台A"].setValue(50)
        dialog.source_spins["平台B"].setValue(50)
        assert dialog.problems() == ""
        assert "被标记的网络票不计入" in dialog.flag_label.text()  # the default, said plainly
        assert "50 × 网络投票（平台A）得票" in dialog.formula_label.text()
        dialog.accept()

    when_modal(weighted)
    page.rule_button.click()
    settle(qtbot, page)
    stored = services.results.rule(counted.id)
    assert stored.rule.method is Method.WEIGHTED
    assert stored.rule.weight_map() == {"online:平台A": 50.0, "online:平台B": 50.0}
    assert stored.set_by == "测试员"
    after = table(page)
    assert after != before
    assert after == expected_rows(services.results.compute(counted.id), BRANDS)
    # 12 = 50 × 7/20 + 50 × 2/2 = 67.50 leads now.
    assert (after[0][1], after[0][-2]) == ("12", "67.50")
    assert "50 × 网络投票（平台A）得票" in page.formula_label.text()


def test_a_tie_at_the_cut_off_is_flagged_and_decided_in_the_dialog(
        qtbot: QtBot, services: Services, counted: CampaignInfo) -> None:
    services.results.set_rule(counted.id, CombinationRule(online=OnlineCount.UNFLAGGED))
    page = open_page(qtbot, services, counted.id)
    category = choose(page, BRANDS)
    assert category.cutoff_tie == ("10", "12")
    assert page.panel.tie_button.isVisible()
    assert "10、12" in page.panel.tie_label.text()
    assert [row[-1] for row in table(page)] == ["当选", "并列待定※", "并列待定※"]
    assert page.banner.isVisible() and "并列" in page.banner.text()

    def decide(dialog: QWidget) -> None:
        assert isinstance(dialog, TieDialog)
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        dialog.boxes["10"].setChecked(True)
        dialog.boxes["12"].setChecked(True)
        assert not ok.isEnabled(), "one seat: two chosen is refused"
        dialog.boxes["12"].setChecked(False)
        assert not ok.isEnabled(), "a note is required"
        dialog.note.setPlainText("评选领导小组会议决定（纪要第3号）")
        assert ok.isEnabled()
        dialog.accept()

    when_modal(decide)
    page.panel.tie_button.click()
    # Until the new tally is in, the page says the one shown is being replaced.
    assert page.recalculating_label.isVisible()
    assert page.recalculating_label.text() == "正在重新计算…"
    assert page.cursor().shape() == Qt.CursorShape.BusyCursor
    settle(qtbot, page)
    assert page.recalculating_label.isHidden()
    assert page.cursor().shape() != Qt.CursorShape.BusyCursor
    # The quiet refresh that follows other stations does not.
    page.controller.schedule(waited_for=False)
    assert page.recalculating_label.isHidden()
    settle(qtbot, page)
    results = services.results.compute(counted.id)
    brands = next(c for c in results.categories if c.name == BRANDS)
    assert brands.tie_decision is not None and brands.tie_decision.winners == ("10",)
    assert [c.number for c in brands.winner_list] == ["11", "10"]
    rows = table(page)
    assert [(row[1], row[-1]) for row in rows] == [
        ("11", "当选"), ("10", "当选（并列已决定）※"), ("12", "—※")]
    assert "纪要第3号" in page.panel.tie_label.text()
    assert page.banner.isHidden()


def test_the_notice_tables_and_cast_vote_record_are_written(
        qtbot: QtBot, services: Services, counted: CampaignInfo, tmp_path: Path,
        boxes: MessageBoxes) -> None:
    page = open_page(qtbot, services, counted.id)
    notice = tmp_path / "公示.pdf"
    shown: list[str] = []

    def confirm(dialog: QWidget) -> None:
        """Before the first notice the rule is confirmed, the choice about flagged votes
        stated plainly."""
        assert isinstance(dialog, RuleDialog)
        assert dialog.intro.isVisible()
        shown.append(dialog.flag_label.text())
        dialog.accept()

    when_modal(confirm)
    page.controller.export_notice(notice)
    assert shown and "被标记的网络票不计入" in shown[0]
    assert services.results.rule_confirmed(counted.id)
    qtbot.waitUntil(lambda: page.controller.preview is not None, timeout=30_000)
    settle(qtbot, page)
    assert boxes.kinds() == ["question"]
    document = pdfium.PdfDocument(str(notice))
    try:
        assert len(document) >= 1
        assert "公示" in document[0].get_textpage().get_text_range()
    finally:
        document.close()
    preview = page.controller.preview
    assert preview.isVisible() and not preview.picture.pixmap().isNull()
    preview.close()

    page.controller.export_table(tmp_path / "结果.xlsx", excel=True)
    page.controller.export_table(tmp_path / "结果.csv", excel=False)
    page.controller.export_cvr(tmp_path / "cvr")
    settle(qtbot, page)
    assert (tmp_path / "结果.xlsx").stat().st_size > 0
    assert (tmp_path / "结果.csv").read_text(encoding="utf-8-sig").startswith("奖项")
    assert {p.name for p in (tmp_path / "cvr").iterdir()} == {
        "cvr.csv", "manifest.json", "SHA256SUMS"}
    assert page.message_label.text().startswith("已写入：")


def test_pending_ballots_show_the_provisional_banner(
        qtbot: QtBot, services: Services, demo: CampaignInfo, box: BoxInfo,
        scans: list[Path]) -> None:
    record(services, scans)  # the overvoted sheet waits for review
    page = open_page(qtbot, services, demo.id)
    assert page.results is not None and page.results.provisional
    assert page.banner.isVisible()
    assert "临时结果" in page.banner.text() and "待审核" in page.banner.text()
    assert "⚠" in page.tabs.tabText(0)


def test_the_ranking_model_without_a_window() -> None:
    model = RankingModel()
    model.set_category(None, ("平台A",))
    assert model.rowCount() == 0
    assert (model.col_expert, model.col_combined, model.col_result) == (6, 7, 8)


def test_results_that_take_longer_than_the_live_refresh_are_still_shown(
        qtbot: QtBot, services: Services, counted: CampaignInfo) -> None:
    """A computation outlasting the live refresh (a county's 100,000 sheets) was thrown away
    and started again at every refresh: the page said "recalculating" for ever. Here the real
    computation is slowed past a shortened refresh interval; the page shows its results and
    the refresh does not restart it."""
    compute = services.results.compute
    calls: list[int] = []

    def slow(campaign_id: int, counted: CountedTally | None = None) -> CampaignResults:
        calls.append(campaign_id)
        time.sleep(0.6)
        return compute(campaign_id, counted=counted)

    services.results.compute = slow  # type: ignore[method-assign]
    page = ResultsPage(CampaignContext(services, counted.id))
    qtbot.addWidget(page)
    page.controller.live_timer.setInterval(100)
    page.show()
    page.controller.live_timer.start()
    qtbot.waitUntil(lambda: page.results is not None, timeout=20_000)
    assert [c.name for c in page.results.categories] == [
        c.name for c in compute(counted.id).categories]
    assert len(calls) == 1  # five refreshes fell inside it; none restarted it
    page.controller.live_timer.stop()


def test_the_page_shows_the_last_count_at_once_then_the_current_one(
        qtbot: QtBot, services: Services, counted: CampaignInfo) -> None:
    """A count made before in this process (the scan page's, an earlier computation) is shown
    at once, marked as counted before the latest changes; the count of what is recorded now
    (a serial noted spoiled since: its ballot held for review) follows without being asked
    for."""
    before = services.results.compute(counted.id)
    with services.db.transaction() as s:
        serial = s.scalar(select(func.min(Sheet.serial)).where(Sheet.campaign_id == counted.id))
    services.boxes.note_serials(counted.id, [serial], SerialState.SPOILED)
    page = ResultsPage(CampaignContext(services, counted.id))
    qtbot.addWidget(page)
    shown: list[tuple[CampaignResults | None, str]] = []
    show_results = page.show_results

    def observed(results: CampaignResults | None) -> None:
        show_results(results)
        shown.append((results, page.rule_label.text()))

    page.show_results = observed  # type: ignore[method-assign]
    page.show()
    settle(qtbot, page)
    (earlier, earlier_label), (now, now_label) = shown
    assert earlier is not None and now is not None
    assert earlier.ballots == before.ballots and not earlier.paper_current
    assert earlier.paper_counted_at == before.paper_counted_at
    assert now.paper_current and now.pending > before.pending  # the spoiled serial is held
    assert earlier_label.count(" · ") == now_label.count(" · ") + 1
    assert page.results is now


def test_the_window_counts_ahead_so_the_results_page_has_a_count_to_show(
        qtbot: QtBot, services: Services, counted: CampaignInfo) -> None:
    assert last_tally(services.db, counted.id) is None
    window = MainWindow(services, counted.id)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: last_tally(services.db, counted.id) is not None, timeout=20_000)
    ahead = last_tally(services.db, counted.id)
    assert ahead is not None and ahead.tally == paper_tally(services.db, counted.id)
    assert ahead.tally.ballots > 0
