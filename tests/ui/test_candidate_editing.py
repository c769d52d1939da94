"""The candidate form and the review actions, driven as a user would."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.enums import CandidateStatus, Sex
from desktop.core.registry.service import CampaignInfo, CategoryInfo, UnitInfo
from desktop.core.services import Services
from desktop.ui.context import CampaignContext
from desktop.ui.dialogs.candidate_dialog import CandidateDialog
from desktop.ui.dialogs.registry_dialogs import StatusDialog
from desktop.ui.feedback import ERROR_COLOUR
from desktop.ui.pages.candidates_page import CandidatesPage
from tests.conftest import CATEGORY_NAMES, person
from tests.ui.conftest import MessageBoxes, when_modal


def fill(dialog: CandidateDialog, name: str, summary: str = "") -> None:
    dialog.category.setCurrentIndex(dialog.category.findText(CATEGORY_NAMES[1]))
    dialog.unit.setCurrentIndex(dialog.unit.findText("西山镇"))
    dialog.name.setText(name)
    dialog.sex.setCurrentIndex(dialog.sex.findData(Sex.MALE))
    dialog.birth.setText("1979年11月")
    dialog.political.setCurrentText("中共党员")
    dialog.post.setText("西山镇便民服务中心主任")
    dialog.summary.setPlainText(summary)


def test_error_blocks_then_fixed_form_saves(
        qtbot: QtBot, services: Services, campaign: CampaignInfo,
        categories: list[CategoryInfo], units: list[UnitInfo], boxes: MessageBoxes,
        tmp_path: Path) -> None:
    services.registry.update_campaign(campaign.id, summary_max_chars=20)
    dialog = CandidateDialog(services, campaign.id)
    qtbot.addWidget(dialog)
    fill(dialog, "", summary="事" * 25)
    assert dialog.counter.text() == "25 / 20 字"
    assert ERROR_COLOUR in dialog.counter.styleSheet()

    dialog.save()
    assert boxes.kinds() == ["warning"]
    assert "缺少必填项：姓名/名称" in boxes.texts()
    assert "超过上限 20 字" in boxes.texts()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert services.candidates.list(campaign.id) == []

    fill(dialog, "赵建国", summary="为民服务二十年。")
    photo = tmp_path / "zhao.jpg"
    Image.new("RGB", (600, 800), "#884422").save(photo)
    assert dialog.photo.set_file(photo)
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    (saved,) = services.candidates.list(campaign.id)
    assert (saved.name, saved.unit, saved.birth, saved.sex) == ("赵建国", "西山镇", "1979-11",
                                                                Sex.MALE)
    assert saved.has_photo
    assert saved.missing_fields == ()


def test_unreadable_birth_is_refused(qtbot: QtBot, services: Services, campaign: CampaignInfo,
                                     categories: list[CategoryInfo], units: list[UnitInfo],
                                     boxes: MessageBoxes) -> None:
    dialog = CandidateDialog(services, campaign.id)
    qtbot.addWidget(dialog)
    fill(dialog, "赵建国")
    dialog.birth.setText("去年")
    dialog.save()
    assert "出生年月" in boxes.texts()
    assert services.candidates.list(campaign.id) == []


def test_warning_asks_and_saves_on_yes(
        qtbot: QtBot, services: Services, campaign: CampaignInfo,
        categories: list[CategoryInfo], units: list[UnitInfo], boxes: MessageBoxes) -> None:
    services.candidates.add(campaign.id, person("赵建国", "东湖街道"))
    dialog = CandidateDialog(services, campaign.id)
    qtbot.addWidget(dialog)
    fill(dialog, "赵建国")
    boxes.answer = boxes.answer.No
    dialog.save()
    assert boxes.kinds() == ["question"]
    assert "同名" in boxes.texts()
    assert len(services.candidates.list(campaign.id)) == 1
    boxes.answer = boxes.answer.Yes
    dialog.save()
    assert len(services.candidates.list(campaign.id)) == 2
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_edit_keeps_id_and_removes_photo(
        qtbot: QtBot, services: Services, campaign: CampaignInfo,
        categories: list[CategoryInfo], units: list[UnitInfo], tmp_path: Path) -> None:
    added = services.candidates.add(campaign.id, person("钱敏", "南岭乡"))
    photo = tmp_path / "p.png"
    Image.new("RGB", (100, 100), "white").save(photo)
    services.candidates.set_photo(added.id, photo)
    dialog = CandidateDialog(services, campaign.id, services.candidates.get(added.id))
    qtbot.addWidget(dialog)
    assert dialog.name.text() == "钱敏"
    assert dialog.photo.remove_button.isEnabled()
    dialog.post.setText("南岭乡卫生院护士长")
    dialog.photo.remove()
    dialog.save()
    edited = services.candidates.get(added.id)
    assert edited.post == "南岭乡卫生院护士长"
    assert not edited.has_photo


def test_person_fields_hidden_for_a_window(qtbot: QtBot, services: Services,
                                           campaign: CampaignInfo,
                                           categories: list[CategoryInfo],
                                           units: list[UnitInfo]) -> None:
    dialog = CandidateDialog(services, campaign.id)
    qtbot.addWidget(dialog)
    dialog.category.setCurrentIndex(dialog.category.findText(CATEGORY_NAMES[0]))
    assert not dialog.form.isRowVisible(dialog.sex)
    dialog.category.setCurrentIndex(dialog.category.findText(CATEGORY_NAMES[1]))
    assert dialog.form.isRowVisible(dialog.sex)


def test_reject_needs_a_note_and_records_it(
        qtbot: QtBot, services: Services, campaign: CampaignInfo,
        categories: list[CategoryInfo], units: list[UnitInfo]) -> None:
    for name, unit in (("孙悦", "东湖街道"), ("周洋", "西山镇"), ("吴桐", "南岭乡")):
        services.candidates.add(campaign.id, person(name, unit))
    page = CandidatesPage(CampaignContext(services, campaign.id))
    qtbot.addWidget(page)
    assert page.proxy.rowCount() == 3
    assert not page.status_actions[CandidateStatus.REJECTED].isEnabled()
    page.table.selectRow(0)
    page.table.selectionModel().select(
        page.proxy.index(1, 0), page.table.selectionModel().SelectionFlag.Select
        | page.table.selectionModel().SelectionFlag.Rows)
    chosen = {c.name for c in page.selected()}
    assert len(chosen) == 2

    seen: dict[str, bool] = {}

    def decide(dialog: QWidget) -> None:
        assert isinstance(dialog, StatusDialog)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        seen["ok_without_note"] = ok.isEnabled()
        dialog.note.setPlainText("推荐材料缺少单位盖章")
        seen["ok_with_note"] = ok.isEnabled()
        ok.click()

    when_modal(decide)
    page.status_actions[CandidateStatus.REJECTED].trigger()
    assert seen == {"ok_without_note": False, "ok_with_note": True}
    rejected = services.candidates.list(campaign.id, statuses=[CandidateStatus.REJECTED])
    assert {c.name for c in rejected} == chosen
    assert {c.review_note for c in rejected} == {"推荐材料缺少单位盖章"}
    assert {c.reviewed_by for c in rejected} == {"测试员"}
    # The page shows the new state at once.
    statuses = {page.proxy.data(page.proxy.index(r, 5)) for r in range(3)}
    assert statuses == {"不合格", "已推荐"}


def test_qualify_without_note_and_number_automatically(
        qtbot: QtBot, services: Services, campaign: CampaignInfo,
        categories: list[CategoryInfo], units: list[UnitInfo], boxes: MessageBoxes) -> None:
    for name, unit in (("孙悦", "东湖街道"), ("周洋", "西山镇")):
        services.candidates.add(campaign.id, person(name, unit))
    page = CandidatesPage(CampaignContext(services, campaign.id))
    qtbot.addWidget(page)
    page.table.selectAll()
    when_modal(lambda dialog: dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click())
    page.status_actions[CandidateStatus.QUALIFIED].trigger()
    assert {c.status for c in services.candidates.list(campaign.id)} == {
        CandidateStatus.QUALIFIED}
    page.number_action.trigger()
    assert "已为 2 名候选对象编号" in boxes.texts()
    assert sorted(c.number_text for c in services.candidates.list(campaign.id)) == ["01", "02"]


def test_delete_selected(qtbot: QtBot, services: Services, campaign: CampaignInfo,
                         categories: list[CategoryInfo], units: list[UnitInfo],
                         boxes: MessageBoxes) -> None:
    services.candidates.add(campaign.id, person("孙悦", "东湖街道"))
    page = CandidatesPage(CampaignContext(services, campaign.id))
    qtbot.addWidget(page)
    page.table.selectRow(0)
    page.delete_action.trigger()
    assert "孙悦" in boxes.texts()
    assert services.candidates.list(campaign.id) == []
    assert page.count_label.text() == "显示 0 / 共 0 名"
