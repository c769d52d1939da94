"""The 审计日志 page: the table model without a window, filters, the detail pane, verify and
export through the buttons, offscreen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QProgressDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from desktop.core.audit.export import read_export
from desktop.core.audit.log import AuditLog, AuditRecord, verify_chain
from desktop.core.enums import CandidateStatus
from desktop.core.registry.service import CampaignInfo, CategoryInfo, UnitInfo
from desktop.core.services import Services
from desktop.core.store.models import AuditEntry, ExpertScore
from desktop.ui.context import CampaignContext
from desktop.ui.i18n import install_language
from desktop.ui.models import ObjectRole
from desktop.ui.models.audit_models import AuditTableModel
from desktop.ui.pages.audit_page import AuditPage
from tests.audit.test_audit_anchors import anchor_of, rewrite_from
from tests.conftest import person
from tests.ui.conftest import MessageBoxes


@pytest.fixture
def logged(services: Services, campaign: CampaignInfo, categories: list[CategoryInfo],
           units: list[UnitInfo]) -> Services:
    for name, unit in (("林小雨", units[0]), ("王大山", units[1])):
        services.candidates.add(campaign.id, person(name, unit.name))
    ids = [c.id for c in services.candidates.list(campaign.id)]
    services.candidates.set_status(ids[:1], CandidateStatus.QUALIFIED)
    return services


@pytest.fixture
def page(qtbot: QtBot, logged: Services, campaign: CampaignInfo) -> AuditPage:
    shown = AuditPage(CampaignContext(logged, campaign.id))
    qtbot.addWidget(shown)
    return shown


def column(page: AuditPage, col: int, role: int = Qt.ItemDataRole.DisplayRole) -> list[object]:
    model = page.model
    return [model.data(model.index(row, col), role) for row in range(model.rowCount())]


def choose(combo: object, value: str | None) -> None:
    index = combo.findData(value)  # type: ignore[attr-defined]
    assert index >= 0, value
    combo.setCurrentIndex(index)  # type: ignore[attr-defined]


def test_model_columns_without_a_window() -> None:
    at = dt.datetime(2026, 5, 1, 0, 30, 15, 250, tzinfo=dt.UTC)
    entry = AuditRecord(7, at, "审核员", 1, "candidate.status", "candidate", 3,
                        {"id": 3, "status": "nominated"}, {"id": 3, "status": "qualified"},
                        "0" * 64, "a" * 64)
    model = AuditTableModel()
    model.set_rows([entry])
    cells = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    local = at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert cells == ["7", local, "审核员", "更改审查状态", "候选对象 3",
                     "状态: 已推荐 → 合格"]
    tooltip = Qt.ItemDataRole.ToolTipRole
    assert model.data(model.index(0, AuditTableModel.COL_ACTION), tooltip) == "candidate.status"
    assert model.data(model.index(0, AuditTableModel.COL_TIME), tooltip) == (
        "2026-05-01T00:30:15.000250Z")
    assert model.data(model.index(0, 0), ObjectRole) is entry
    assert model.headerData(AuditTableModel.COL_ACTOR, Qt.Orientation.Horizontal) == "操作人"


def test_newest_first_and_the_detail_pane(page: AuditPage, logged: Services) -> None:
    count = AuditLog(logged.db).verify().count
    assert page.model.rowCount() == count
    assert column(page, AuditTableModel.COL_ID)[:2] == [str(count), str(count - 1)]
    assert column(page, AuditTableModel.COL_ACTION)[0] == "更改审查状态"
    page.table.selectRow(0)
    assert "状态：已推荐" in page.before_text.toPlainText().splitlines()
    assert "状态：合格" in page.after_text.toPlainText().splitlines()
    assert "candidate.status" in page.detail_label.text()
    assert AuditLog(logged.db).entries()[-1].hash in page.hash_label.text()
    assert page.before_text.isReadOnly()
    assert page.after_text.isReadOnly()


def test_filters(qtbot: QtBot, page: AuditPage, logged: Services) -> None:
    count = page.model.rowCount()
    choose(page.action_combo, "candidate.create")
    assert column(page, AuditTableModel.COL_ACTION) == ["新增候选对象"] * 2
    choose(page.action_combo, None)
    choose(page.entity_combo, "unit")
    assert page.model.rowCount() == 5
    assert set(column(page, AuditTableModel.COL_ACTION)) == {"新增推荐单位"}
    choose(page.entity_combo, None)
    assert page.actor_combo.findData("测试员") >= 0
    page.search_edit.setText("王大山")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.search_edit.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == count)
    tomorrow = QDate.currentDate().addDays(1)
    page.since_edit.setDate(tomorrow)
    assert page.model.rowCount() == 0
    page.since_edit.setDate(page.since_edit.minimumDate())
    page.until_edit.setDate(QDate.currentDate())
    assert page.model.rowCount() == count
    page.campaign_only.setChecked(True)
    assert page.model.rowCount() == count
    assert "条" in page.count_label.text()


def test_new_entries_appear_when_the_page_is_refreshed(page: AuditPage, logged: Services,
                                                       units: list[UnitInfo]) -> None:
    before = page.model.rowCount()
    logged.registry.update_unit(units[0].id, quota=1)
    page.context.changed()
    assert page.model.rowCount() == before + 1
    assert column(page, AuditTableModel.COL_CHANGE)[0] == "推荐限额: 3 → 1"


def test_verify_button(qtbot: QtBot, page: AuditPage, logged: Services,
                       boxes: MessageBoxes) -> None:
    count = AuditLog(logged.db).verify().count
    page.verify_button.click()
    qtbot.waitUntil(lambda: bool(boxes.shown))
    assert boxes.kinds() == ["information"]
    assert f"审计链完整（{count} 条）" in boxes.texts()
    assert page.verify_label.text() == f"审计链完整（{count} 条）"
    assert page.verify_button.isEnabled()
    entries = AuditEntry.__table__
    with logged.db.engine.begin() as connection:
        connection.execute(update(entries).where(entries.c.id == 3).values(actor="别人"))
    boxes.shown.clear()
    page.verify_button.click()
    qtbot.waitUntil(lambda: bool(boxes.shown))
    assert boxes.kinds() == ["warning"]
    assert "第 3 条：内容被改动（哈希不符）" in boxes.texts()
    assert page.verify_label.text() == "审计链已被破坏：发现 1 处问题"


def test_export_button(qtbot: QtBot, page: AuditPage, logged: Services, tmp_path: Path,
                       boxes: MessageBoxes, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "审计.jsonl"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_args: (str(target), "")))
    page.export_button.click()
    qtbot.waitUntil(lambda: bool(boxes.shown))
    assert boxes.kinds() == ["information"]
    result = verify_chain(read_export(target))
    assert result.ok
    log = AuditLog(logged.db)
    assert result.count == log.verify().count - 1, "the export itself is the newest entry"
    assert log.entries(newest_first=True, limit=1)[0].action == "audit_export.write"


def test_export_runs_as_a_job_with_its_progress_dialog(
        qtbot: QtBot, page: AuditPage, logged: Services, tmp_path: Path,
        boxes: MessageBoxes) -> None:
    """The export goes through run_job: the page is busy and the job's progress dialog is there
    while it writes; both end before the result is shown."""
    target = tmp_path / "审计.csv"
    page.controller.export_to(target)
    dialog = page.findChild(QProgressDialog)
    assert dialog is not None
    assert dialog.windowTitle() == "导出审计日志"
    assert dialog.labelText() == "正在导出审计日志…"
    assert not page.export_button.isEnabled()
    qtbot.waitUntil(lambda: bool(boxes.shown))
    assert page.export_button.isEnabled() and page.verify_button.isEnabled()
    assert target.exists()
    qtbot.waitUntil(lambda: page.findChild(QProgressDialog) is None)


def test_in_english(qtbot: QtBot, logged: Services, campaign: CampaignInfo) -> None:
    install_language("en")
    page = AuditPage(CampaignContext(logged, campaign.id))
    qtbot.addWidget(page)
    assert page.verify_button.text() == "Verify the audit chain"
    assert column(page, AuditTableModel.COL_ACTION)[0] == "review status changed"
    assert page.model.headerData(AuditTableModel.COL_ACTOR, Qt.Orientation.Horizontal) == "Actor"


@pytest.mark.both_backends
def test_the_head_anchor_is_shown_and_copied(page: AuditPage, logged: Services,
                                             units: list[UnitInfo]) -> None:
    head = AuditLog(logged.db).head()
    assert head is not None
    assert page.head_label.text() == head.text()
    assert page.head_label.toolTip() == f"{head.entry_id}:{head.hash_prefix}"
    page.copy_button.click()
    assert QGuiApplication.clipboard().text() == head.text()
    logged.registry.update_unit(units[0].id, quota=1)
    page.context.changed()
    assert page.head_label.text().startswith(f"{head.entry_id + 1}:")


@pytest.mark.both_backends
def test_verify_against_typed_anchors(qtbot: QtBot, page: AuditPage, logged: Services,
                                      boxes: MessageBoxes) -> None:
    log = AuditLog(logged.db)
    count = log.verify().count
    early, head = anchor_of(logged, 2), log.head()
    assert head is not None
    page.anchor_edit.setText(f"{early.text()}， {head.text()} ")
    page.verify_button.click()
    qtbot.waitUntil(lambda: bool(boxes.shown))
    assert boxes.kinds() == ["information"]
    assert page.verify_label.text() == f"审计链完整（{count} 条），与留存的 2 个锚点相符"
    assert head.text() in boxes.texts()

    rewrite_from(logged.db, 3)  # every hash and the head recomputed: only the anchor tells
    boxes.shown.clear()
    page.anchor_edit.returnPressed.emit()
    qtbot.waitUntil(lambda: bool(boxes.shown))
    assert boxes.kinds() == ["warning"]
    assert f"第 {count} 条的哈希与留存的 {head.text()} 不符" in boxes.texts()
    assert page.verify_label.text() == "审计链已被破坏：发现 1 处问题"

    boxes.shown.clear()
    page.anchor_edit.setText("12:abc")
    page.verify_button.click()
    assert boxes.shown == []
    assert page.verify_label.text().startswith("“12:abc”不是审计链锚点")
    assert page.verify_button.isEnabled()


def test_sign_ins_are_listed_for_the_organiser(qtbot: QtBot, logged: Services,
                                               campaign: CampaignInfo) -> None:
    from ballotformat.messages import RuleError
    from desktop.core.accounts import service as accounts

    accounts.setup(logged.db, "王组长", "组长的密码123")
    with pytest.raises(RuleError):
        accounts.sign_in(logged.db, "王组长", "猜的密码0000", station="计票大厅")
    accounts.sign_in(logged.db, "王组长", "组长的密码123", station="计票大厅")
    page = AuditPage(CampaignContext(logged, campaign.id))
    qtbot.addWidget(page)
    actions = column(page, AuditTableModel.COL_ACTION)
    assert actions[:2] == ["登录", "登录失败"]
    assert column(page, AuditTableModel.COL_ACTOR)[:2] == ["王组长", "（未登录）"]
    failed = column(page, AuditTableModel.COL_CHANGE)[1]
    assert "账户: 王组长" in failed and "计票站: 计票大厅" in failed
    assert "结果: 用户名或密码不正确" in failed
    choose(page.action_combo, "sign_in.failed")
    assert column(page, AuditTableModel.COL_ACTION) == ["登录失败"]


def test_verify_names_counted_data_changed_outside_ballotdesk(
        qtbot: QtBot, page: AuditPage, logged: Services, campaign: CampaignInfo,
        boxes: MessageBoxes) -> None:
    """The page checks the counted data through the same core function as the command."""
    candidate = logged.candidates.list(campaign.id)[0]
    logged.experts.set_scores(campaign.id, [(candidate.id, "甲", 80.0)])
    page.verify_button.click()
    qtbot.waitUntil(lambda: bool(boxes.shown))
    assert "计票数据与审计链相符（6 行）" in boxes.texts()  # 3 categories, 2 candidates, a score
    scores = ExpertScore.__table__
    with logged.db.engine.begin() as connection:
        connection.execute(update(scores).values(score=95.0))
    boxes.shown.clear()
    page.verify_button.click()
    qtbot.waitUntil(lambda: bool(boxes.shown))
    assert boxes.kinds() == ["warning"]
    assert page.verify_label.text() == "计票数据与审计链不符：发现 1 处问题"
    assert "expert_score（id=1）：内容在 BallotDesk 之外被改动" in boxes.texts()
    assert "score=95.0" in boxes.texts()
