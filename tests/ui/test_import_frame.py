"""The three import wizards refuse a role that may not import (a counting-team member) before the
file is read: the page after the file page names the reason in the error colour, no preview is
made and every table stays as it was; a file that cannot be read is explained there too."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.core.registry.service import CampaignInfo, CategoryInfo, UnitInfo
from desktop.core.services import Services
from desktop.core.store.db import Database
from desktop.core.store.models import Base
from desktop.ui.feedback import ERROR_STYLE
from desktop.ui.import_frame import ImportFrame
from desktop.ui.pages.candidates_import import ImportWizard
from desktop.ui.pages.experts_import import ExpertImportWizard
from desktop.ui.pages.online_wizard import OnlineWizard
from tests.conftest import CATEGORY_NAMES, REVIEWER
from tests.online.test_online_common import STANDARD, ids, write_csv
from tests.ui.conftest import MessageBoxes

pytestmark = pytest.mark.both_backends
__all__ = ["ids"]
TIMEOUT_MS = 10_000


@pytest.fixture
def reviewer(services: Services) -> Services:
    """The same database, used by a counting-team member."""
    return Services.for_database(services.db, REVIEWER)


def rows_per_table(db: Database) -> dict[str, int]:
    with db.transaction() as s:
        return {name: s.scalar(select(func.count()).select_from(table)) or 0
                for name, table in Base.metadata.tables.items()}


def show(qtbot: QtBot, wizard: ImportFrame, path: Path) -> None:
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    assert wizard.file_page.isComplete()
    wizard.next()


def refused_before_reading(qtbot: QtBot, wizard: ImportFrame, path: Path,
                           before: dict[str, int]) -> None:
    """The page after the file page names the refusal in the error colour; nothing goes on."""
    show(qtbot, wizard, path)
    page = wizard.currentPage()

    def reasons() -> list[str]:
        return [label.text() for label in page.findChildren(QLabel)
                if label.text() and label.styleSheet() == ERROR_STYLE]

    qtbot.waitUntil(lambda: any("无权" in text for text in reasons()), timeout=TIMEOUT_MS)
    assert any("复核员" in text for text in reasons())
    assert not page.isComplete()
    assert wizard.preview is None
    assert wizard.result_text is None
    assert rows_per_table(wizard.services.db) == before


def test_candidates_refused(qtbot: QtBot, reviewer: Services, campaign: CampaignInfo,
                            categories: list[CategoryInfo], units: list[UnitInfo],
                            tmp_path: Path) -> None:
    path = write_csv(tmp_path / "推荐汇总.csv", [
        ["奖项", "推荐单位", "姓名", "性别", "出生年月", "事迹简介"],
        [CATEGORY_NAMES[1], "西山镇", "周洋", "男", "1980.5", "扎根基层"]])
    before = rows_per_table(reviewer.db)
    refused_before_reading(qtbot, ImportWizard(reviewer, campaign.id), path, before)


def test_online_votes_refused(qtbot: QtBot, reviewer: Services, campaign: CampaignInfo,
                              ids: dict[tuple[str, int], int], tmp_path: Path) -> None:
    path = write_csv(tmp_path / "平台A导出.csv", [
        ["奖项", "编号", "名称", "票数"], [STANDARD, "1", "张三", "35"]])
    before = rows_per_table(reviewer.db)
    wizard = OnlineWizard(reviewer, campaign.id)
    wizard.file_page.source.setCurrentText("平台A")
    refused_before_reading(qtbot, wizard, path, before)


def test_expert_scores_refused(qtbot: QtBot, reviewer: Services, campaign: CampaignInfo,
                               ids: dict[tuple[str, int], int], tmp_path: Path) -> None:
    path = write_csv(tmp_path / "专家评分.csv", [
        ["奖项", "编号", "甲", "乙"], [STANDARD, "1", "90", "80"]])
    before = rows_per_table(reviewer.db)
    refused_before_reading(qtbot, ExpertImportWizard(reviewer, campaign.id), path, before)


@pytest.mark.parametrize("kind", [ImportWizard, OnlineWizard, ExpertImportWizard])
def test_an_unreadable_file_says_why_on_the_page_in_every_wizard(
        qtbot: QtBot, services: Services, campaign: CampaignInfo,
        ids: dict[tuple[str, int], int], tmp_path: Path, boxes: MessageBoxes,
        kind: type[ImportFrame]) -> None:
    broken = tmp_path / "损坏的导出.xlsx"
    broken.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)  # a zip header, then noise
    before = rows_per_table(services.db)
    wizard = kind(services, campaign.id)
    if isinstance(wizard, OnlineWizard):
        wizard.file_page.source.setCurrentText("平台A")
    show(qtbot, wizard, broken)
    page = wizard.currentPage()

    def shown() -> list[QLabel]:
        return [label for label in page.findChildren(QLabel) if label.text()]

    qtbot.waitUntil(lambda: any("无法读取该文件" in label.text() for label in shown()),
                    timeout=TIMEOUT_MS)
    reasons = [label.text() for label in shown() if label.styleSheet() == ERROR_STYLE]
    assert reasons and all("•" in text for text in reasons), reasons
    assert broken.name in "\n".join(reasons)
    assert boxes.shown == [], "the reason is on the page, not in a message box"
    assert not page.isComplete()
    assert rows_per_table(services.db) == before
