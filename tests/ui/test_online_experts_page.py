"""The votes page on real files: online imports through the wizard (recognised headers, a
mapping made by hand and reused, flagged votes, the same file twice, withdrawal) and expert
scores (imported, entered by hand, refused out of range, averaged without extremes)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.enums import CandidateStatus
from desktop.core.online.results import imports, online_votes
from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services
from desktop.ui.context import CampaignContext
from desktop.ui.dialogs.online_experts_dialogs import SourceDialog, WithdrawDialog
from desktop.ui.models.experts_models import ExpertMatrixModel
from desktop.ui.pages.experts_import import ExpertImportWizard
from desktop.ui.pages.online_experts_page import OnlineExpertsPage
from desktop.ui.pages.online_wizard import OnlineWizard
from tests.online.test_online_common import STANDARD, WINDOW, counts, ids, write_csv
from tests.online.test_online_wjx import QUESTION, wjx_export
from tests.ui.conftest import MessageBoxes, when_modal

__all__ = ["ids"]
Ids = dict[tuple[str, int], int]
TIMEOUT_MS = 10_000


def make_page(qtbot: QtBot, services: Services, campaign: CampaignInfo) -> OnlineExpertsPage:
    page = OnlineExpertsPage(CampaignContext(services, campaign.id))
    qtbot.addWidget(page)
    page.show()
    return page


def open_online(qtbot: QtBot, page: OnlineExpertsPage, path: Path, source: str) -> OnlineWizard:
    page.import_button.click()
    wizard = page.wizard
    assert isinstance(wizard, OnlineWizard)
    wizard.file_page.path.setText(str(path))
    wizard.file_page.source.setCurrentText(source)
    assert wizard.file_page.isComplete()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.mapping_page.analysis is not None, timeout=TIMEOUT_MS)
    return wizard


def to_preview(qtbot: QtBot, wizard: OnlineWizard) -> None:
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    qtbot.waitUntil(lambda: wizard.preview is not None, timeout=TIMEOUT_MS)


def commit(qtbot: QtBot, wizard: OnlineWizard) -> None:
    assert wizard.preview_page.isComplete(), wizard.preview_page.status.text()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.result_text is not None, timeout=TIMEOUT_MS)
    wizard.accept()


def choose(qtbot: QtBot, wizard: OnlineWizard, combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    qtbot.waitUntil(lambda: wizard.mapping_page.analysis is not None, timeout=TIMEOUT_MS)


def source_cells(page: OnlineExpertsPage) -> list[list[object]]:
    model = page.source_model
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_totals_with_recognised_headers(qtbot: QtBot, services: Services, campaign: CampaignInfo,
                                        ids: Ids, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "平台A导出.csv", [
        ["奖项", "编号", "名称", "票数"], [STANDARD, "1", "张三", "35"],
        [STANDARD, "2", "李四", "20"], [WINDOW, "01", "东湖街道便民窗口", "1200"]])
    page = make_page(qtbot, services, campaign)
    wizard = open_online(qtbot, page, path, "平台A")
    mapping = wizard.mapping_page
    assert "表头" in mapping.summary.text() and "票数" in mapping.summary.text()
    # Every meaning in Chinese (they were English: lupdate had misread their context).
    understood = mapping.summary.text().splitlines()[-1]
    assert "编号 → 候选对象编号" in understood and "票数 → 票数" in understood
    assert not re.search(r"[A-Za-z]{3,}", understood), understood
    assert not mapping.column_table.isVisibleTo(mapping)
    to_preview(qtbot, wizard)
    assert wizard.preview_page.total_model.rowCount() == 3
    commit(qtbot, wizard)
    assert "1255" in wizard.result_text  # type: ignore[operator]
    qtbot.waitUntil(lambda: page.wizard is None)
    assert source_cells(page) == [["平台A", 1, 1255, 1255, 0]]
    assert online_votes(services.db, campaign.id)[ids[STANDARD, 1]].votes == 35


def test_unknown_headers_mapped_by_hand_then_reused(
        qtbot: QtBot, services: Services, campaign: CampaignInfo, ids: Ids,
        tmp_path: Path) -> None:
    header = ["微信昵称", "支持对象", "打卡时间", "来源地址"]
    first = write_csv(tmp_path / "第一天.csv", [
        header, ["a", "张三", "2025-05-01 08:00:00", "10.0.0.1"],
        ["b", "02，小王", "2025-05-01 09:00:00", "10.0.0.2"],
        ["c", "小王", "2025-05-01 10:00:00", "10.0.0.3"]])
    page = make_page(qtbot, services, campaign)
    wizard = open_online(qtbot, page, first, "平台B")
    mapping = wizard.mapping_page
    assert mapping.column_table.isVisibleTo(mapping)  # nothing to count: the meanings open
    for column, meaning in (("支持对象", f"choice:{STANDARD}"), ("打卡时间", "time"),
                            ("微信昵称", "voter"), ("来源地址", "ip")):
        choose(qtbot, wizard, mapping.meaning_combo(column), meaning)
    options = {o.text: o for o in mapping.analysis.options}  # type: ignore[union-attr]
    assert options["张三"].how == "name" and options["张三"].candidate_id == ids[STANDARD, 1]
    assert options["02"].how == "number" and options["02"].candidate_id == ids[STANDARD, 2]
    assert options["小王"].candidate_id is None and options["小王"].count == 2
    combo = mapping.option_combo("小王")
    combo.setCurrentIndex(combo.findData(ids[STANDARD, 3]))
    combo.activated.emit(combo.currentIndex())
    to_preview(qtbot, wizard)
    commit(qtbot, wizard)
    votes = online_votes(services.db, campaign.id)
    assert {cid: v.votes for cid, v in votes.items()} == {
        ids[STANDARD, 1]: 1, ids[STANDARD, 2]: 1, ids[STANDARD, 3]: 2}

    second = write_csv(tmp_path / "第二天.csv", [
        header, ["d", "小王", "2025-05-02 08:00:00", "10.0.0.4"]])
    wizard = open_online(qtbot, page, second, "平台B")
    assert "保存" in wizard.mapping_page.summary.text()
    assert wizard.mapping_page.analysis.preview.mapping_origin == "saved"  # type: ignore[union-attr]
    to_preview(qtbot, wizard)
    commit(qtbot, wizard)
    assert online_votes(services.db, campaign.id)[ids[STANDARD, 3]].votes == 3


def test_ip_burst_flagged_in_the_preview(qtbot: QtBot, services: Services,
                                         campaign: CampaignInfo, ids: Ids,
                                         tmp_path: Path) -> None:
    page = make_page(qtbot, services, campaign)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, SourceDialog)
        dialog.name.setText("平台C")
        dialog.ip_votes.setValue(3)
        dialog.accept()

    when_modal(fill)
    page.add_source_button.click()
    assert services.online.sources(campaign.id)[0].rules.ip_burst_votes == 3
    rows = [["投票时间", "用户ID", "IP", "投票选项"]]
    rows += [[f"2025-05-01 08:00:{s:02d}", f"u{s}", "1.2.3.4", "李四"] for s in range(5)]
    rows += [["2025-05-01 09:00:00", "x", "5.6.7.8", "王芳"]]
    path = write_csv(tmp_path / "刷票.csv", rows)
    wizard = open_online(qtbot, page, path, "平台C")
    to_preview(qtbot, wizard)
    flags = wizard.preview_page.flag_model.rows()
    assert len(flags) == 5 and all(f.reasons == ("ip_burst",) for f in flags)
    model = wizard.preview_page.flag_model
    assert "IP" in model.data(model.index(0, model.COL_REASONS))
    assert wizard.preview_page.tabs.currentIndex() == 1
    commit(qtbot, wizard)
    assert source_cells(page) == [["平台C", 1, 6, 1, 5]]


def test_same_file_twice_changes_nothing_then_withdrawal(
        qtbot: QtBot, services: Services, campaign: CampaignInfo, ids: Ids, tmp_path: Path,
        boxes: MessageBoxes) -> None:
    path = write_csv(tmp_path / "汇总.csv", [["奖项", "编号", "票数"], [STANDARD, "2", "9"]])
    page = make_page(qtbot, services, campaign)
    first = open_online(qtbot, page, path, "平台A")
    to_preview(qtbot, first)
    commit(qtbot, first)
    before = counts(services)
    wizard = open_online(qtbot, page, path, "平台A")
    to_preview(qtbot, wizard)
    texts = [m.text() for m in wizard.preview_page.message_model.rows()]
    assert any("已于" in t and "导入" in t for t in texts)
    assert not wizard.preview_page.isComplete()
    wizard.reject()
    assert counts(services) == before

    import_id = imports(services.db, campaign.id)[0].id

    def withdraw(dialog: QWidget) -> None:
        assert isinstance(dialog, WithdrawDialog)
        assert not dialog.buttons.buttons()[0].isEnabled() or dialog.note_text()
        dialog.note.setPlainText("平台数据有误")
        dialog.accept()

    when_modal(withdraw)
    page.withdraw_button.click()
    assert imports(services.db, campaign.id)[0].withdraw_note == "平台数据有误"
    assert import_id and source_cells(page) == [["平台A", 0, 0, 0, 0]]
    assert not page.withdraw_button.isEnabled()


def test_expert_scores_imported_entered_refused_and_averaged(
        qtbot: QtBot, services: Services, campaign: CampaignInfo, ids: Ids, tmp_path: Path,
        boxes: MessageBoxes) -> None:
    category = next(c for c in services.registry.list_categories(campaign.id)
                    if c.name == STANDARD)
    services.experts.set_rule(campaign.id, category.id, None, True)
    services.candidates.set_status(list(ids.values()), CandidateStatus.SHORTLISTED, "入围")
    path = write_csv(tmp_path / "专家评分.csv", [
        ["奖项", "编号", "甲", "乙", "丙"], [STANDARD, "1", "90", "80", "70"],
        [STANDARD, "2", "85", "88", "86"], [STANDARD, "3", "75", "", ""]])
    page = make_page(qtbot, services, campaign)
    page.category.setCurrentIndex(page.category.findText(STANDARD))
    page.import_experts_button.click()
    wizard = page.wizard
    assert isinstance(wizard, ExpertImportWizard)
    wizard.file_page.path.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview is not None, timeout=TIMEOUT_MS)
    scores = wizard.preview_page.score_model
    assert scores.rowCount() == 7
    shown = {tuple(scores.data(scores.index(r, c)) for c in range(scores.columnCount()))
             for r in range(scores.rowCount())}
    first = next(c.name for c in scores.candidates.values()
                 if (c.category, c.number) == (STANDARD, 1))
    assert (STANDARD, "01", first, "甲", "90") in shown
    first_score = scores.index(0, scores.COL_SCORE)
    assert scores.data(first_score, Qt.ItemDataRole.ToolTipRole) == scores.data(first_score)
    assert scores.data(first_score, Qt.ItemDataRole.BackgroundRole) is None
    wizard.next()
    qtbot.waitUntil(lambda: wizard.result_text is not None, timeout=TIMEOUT_MS)
    wizard.accept()
    qtbot.waitUntil(lambda: page.wizard is None)

    model: ExpertMatrixModel = page.matrix_model
    assert model.experts == ["丙", "乙", "甲"]
    row = {c.number: r for r, c in enumerate(model.rows())}

    def cell(number: int, expert: str) -> QModelIndex:
        return model.index(row[number], model.COL_FIRST_EXPERT + model.experts.index(expert))

    assert model.data(cell(3, "乙"), Qt.ItemDataRole.BackgroundRole) is not None  # a gap
    assert "乙" in page.gaps.text()
    # Direct entry: a fourth expert scores candidate 1.
    page.controller.new_experts[category.id] = ["丁"]
    page.refresh_matrix()
    model.setData(cell(1, "丁"), "60")
    assert model.data(cell(1, "丁")) == "60"
    # 90, 80, 70, 60: the highest and the lowest are dropped → (80 + 70) / 2.
    assert model.data(model.index(row[1], model.col_average)) == "75"
    assert model.data(cell(1, "甲"), Qt.ItemDataRole.FontRole).strikeOut()
    assert model.data(cell(1, "丁"), Qt.ItemDataRole.FontRole).strikeOut()
    assert model.data(cell(1, "乙"), Qt.ItemDataRole.FontRole) is None
    # Out of range: refused with the core's message, nothing changed.
    model.setData(cell(2, "甲"), "150")
    assert "0 到 100" in boxes.texts()
    assert model.data(cell(2, "甲")) == "85"
    assert model.data(model.index(row[2], model.col_average)) == "86"


def test_a_wjx_export_shows_the_separator_learned_from_its_cells(
        qtbot: QtBot, services: Services, campaign: CampaignInfo, ids: Ids,
        tmp_path: Path) -> None:
    path, counted = wjx_export(tmp_path / "问卷星导出.csv", rows=200)
    page = make_page(qtbot, services, campaign)
    wizard = open_online(qtbot, page, path, "问卷星")
    mapping = wizard.mapping_page
    assert mapping.separator.text() == ""  # no choice column yet: nothing to learn from
    for header, meaning in (("提交答卷时间", "time"), ("来自IP", "ip"),
                            (QUESTION, f"choice:{STANDARD}")):
        choose(qtbot, wizard, mapping.meaning_combo(header), meaning)
    assert mapping.separator.text() == "┋"
    assert "“┋”" in mapping.summary.text()
    to_preview(qtbot, wizard)
    assert wizard.preview is not None and wizard.preview.votes == sum(counted.values())
    commit(qtbot, wizard)
    assert sum(v.votes for v in online_votes(services.db, campaign.id).values()) == sum(
        counted.values())


def test_an_export_two_encodings_decode_can_be_read_in_the_other(
        qtbot: QtBot, services: Services, campaign: CampaignInfo, ids: Ids,
        tmp_path: Path) -> None:
    path = tmp_path / "平台导出.csv"
    path.write_bytes(b"number,name,votes\r\n1," + "陳曾".encode("big5") + b",35\r\n")
    page = make_page(qtbot, services, campaign)
    wizard = open_online(qtbot, page, path, "平台A")
    mapping = wizard.mapping_page
    assert mapping.encoding.isVisibleTo(mapping)
    readings = [mapping.encoding.itemData(i) for i in range(mapping.encoding.count())]
    assert sorted(readings) == ["cp950", "gbk"]
    other = readings[1]
    wizard.mapping_page.analysis = None
    mapping.encoding.setCurrentIndex(1)
    mapping.encoding.activated.emit(1)
    qtbot.waitUntil(lambda: wizard.mapping_page.analysis is not None, timeout=TIMEOUT_MS)
    assert wizard.encoding == other
    assert mapping.analysis is not None and mapping.analysis.preview.encoding == other
    to_preview(qtbot, wizard)
    assert wizard.preview is not None and wizard.preview.encoding == other
