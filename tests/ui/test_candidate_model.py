"""The candidate table model and its proxy, without any window."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap

from desktop.core.enums import CandidateStatus, Sex
from desktop.core.registry.candidates import CandidateInfo
from desktop.core.registry.service import CampaignInfo, CategoryInfo, UnitInfo
from desktop.core.services import Services
from desktop.ui.models import ObjectRole, SortRole
from desktop.ui.models.candidate_model import (
    COL_CATEGORY,
    COL_FORM,
    COL_NAME,
    COL_NOTE,
    COL_NUMBER,
    COL_PHOTO,
    COL_REVIEWED,
    COL_STATUS,
    COL_UNIT,
    COLUMN_COUNT,
    INCOMPLETE_COLOR,
    STATUS_COLORS,
    CandidateFilterProxy,
    CandidateTableModel,
)
from tests.conftest import CATEGORY_NAMES, person

DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def listed(services: Services, campaign: CampaignInfo, categories: list[CategoryInfo],
           units: list[UnitInfo], tmp_path: Path) -> list[CandidateInfo]:
    c = services.candidates
    zhang = c.add(campaign.id, person("张丽", "东湖街道", number=2, sex=Sex.FEMALE,
                                      birth="1988-03", political="群众",
                                      post="东湖街道社区主任", summary="扎根社区十年。"))
    li = c.add(campaign.id, person("李强", "西山镇", number=1))
    wang = c.add(campaign.id, person("王芳", "南岭乡"))
    c.add(campaign.id, person("便民服务窗口", "城关镇", category=CATEGORY_NAMES[0],
                              summary="一窗受理。"))
    c.set_status([li.id], CandidateStatus.REJECTED, "材料不全\n缺少单位意见")
    photo = tmp_path / "zhang.png"
    Image.new("RGB", (300, 400), "#3366cc").save(photo)
    c.set_photo(zhang.id, photo)
    assert wang.number is None
    return c.list(campaign.id)


@pytest.fixture
def model(services: Services, campaign: CampaignInfo,
          listed: list[CandidateInfo]) -> CandidateTableModel:
    m = CandidateTableModel()
    m.set_candidates(listed, services.candidates.thumbnails(campaign.id))
    return m


def row_of(model: CandidateTableModel, name: str) -> int:
    return next(r for r in range(model.rowCount()) if model.candidate(r).name == name)


def test_shape_and_headers(model: CandidateTableModel) -> None:
    assert model.rowCount() == 4
    assert model.columnCount() == COLUMN_COUNT
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(COLUMN_COUNT)]
    assert headers[COL_NUMBER] == "编号"
    assert headers[COL_UNIT] == "推荐单位"
    assert headers[COL_REVIEWED] == "审核人及时间"


def test_every_column(model: CandidateTableModel) -> None:
    zhang = row_of(model, "张丽")
    text = {c: model.data(model.index(zhang, c), DISPLAY) for c in range(COLUMN_COUNT)}
    assert text[COL_NUMBER] == "02"
    assert text[COL_PHOTO] is None
    assert text[COL_NAME] == "张丽"
    assert text[COL_CATEGORY] == CATEGORY_NAMES[1]
    assert text[COL_UNIT] == "东湖街道"
    assert text[COL_STATUS] == "已推荐"
    assert text[COL_FORM] == "完整"
    assert text[COL_NOTE] == ""
    assert text[COL_REVIEWED] == ""
    decoration = model.data(model.index(zhang, COL_PHOTO), Qt.ItemDataRole.DecorationRole)
    assert isinstance(decoration, QPixmap)
    assert not decoration.isNull()
    assert max(decoration.width(), decoration.height()) <= 32
    assert model.data(model.index(zhang, COL_NAME), ObjectRole).name == "张丽"


def test_rejected_row(model: CandidateTableModel) -> None:
    li = row_of(model, "李强")
    assert model.data(model.index(li, COL_STATUS), DISPLAY) == "不合格"
    assert model.data(model.index(li, COL_STATUS), Qt.ItemDataRole.ForegroundRole) == \
        STATUS_COLORS[CandidateStatus.REJECTED]
    assert model.data(model.index(li, COL_NOTE), DISPLAY) == "材料不全"
    assert model.data(model.index(li, COL_NOTE), Qt.ItemDataRole.ToolTipRole) == \
        "材料不全\n缺少单位意见"
    assert model.data(model.index(li, COL_REVIEWED), DISPLAY).startswith("测试员 ")
    assert model.data(model.index(li, COL_PHOTO), Qt.ItemDataRole.DecorationRole) is None


def test_incomplete_form_names_the_missing_fields(model: CandidateTableModel) -> None:
    wang = row_of(model, "王芳")
    index = model.index(wang, COL_FORM)
    assert model.data(index, DISPLAY) == "不完整"
    assert model.data(index, Qt.ItemDataRole.ForegroundRole) == INCOMPLETE_COLOR
    tooltip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("缺少：")
    for label in ("性别", "出生年月", "政治面貌", "工作单位及职务", "事迹简介"):
        assert label in tooltip


def test_proxy_sorts_numbers_as_numbers_and_unnumbered_last(
        model: CandidateTableModel) -> None:
    proxy = CandidateFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(COL_NUMBER, Qt.SortOrder.AscendingOrder)
    numbers = [proxy.data(proxy.index(r, COL_NUMBER), DISPLAY) for r in range(proxy.rowCount())]
    assert numbers == ["01", "02", "", ""]
    assert proxy.data(proxy.index(0, COL_NUMBER), SortRole) == 1
    proxy.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert proxy.rowCount() == 4


def test_proxy_filters(model: CandidateTableModel, categories: list[CategoryInfo],
                       units: list[UnitInfo]) -> None:
    proxy = CandidateFilterProxy()
    proxy.setSourceModel(model)

    def names() -> set[str]:
        return {c.name for c in proxy.candidates(list(range(proxy.rowCount())))}

    proxy.set_category(categories[0].id)
    assert names() == {"便民服务窗口"}
    proxy.set_category(None)
    proxy.set_status(CandidateStatus.REJECTED)
    assert names() == {"李强"}
    proxy.set_status(None)
    proxy.set_unit(units[0].id)
    assert names() == {"张丽"}
    proxy.set_unit(None)
    proxy.set_search("南岭")
    assert names() == {"王芳"}
    proxy.set_search("02")
    assert names() == {"张丽"}
    proxy.set_search("")
    assert proxy.rowCount() == 4


def test_english_labels(model: CandidateTableModel) -> None:
    from desktop.ui.i18n import install_language

    install_language("en")
    li = row_of(model, "李强")
    assert model.headerData(COL_UNIT, Qt.Orientation.Horizontal) == "Nominating unit"
    assert model.data(model.index(li, COL_STATUS), DISPLAY) == "Rejected"
    wang = row_of(model, "王芳")
    assert model.data(model.index(wang, COL_FORM), Qt.ItemDataRole.ToolTipRole).startswith(
        "Missing: sex")


def test_thumbnail_bytes_are_jpeg(services: Services, campaign: CampaignInfo,
                                  listed: list[CandidateInfo]) -> None:
    thumbs = services.candidates.thumbnails(campaign.id)
    (data,) = thumbs.values()
    assert Image.open(io.BytesIO(data)).format == "JPEG"


def test_proxy_sorts_statuses_in_their_order_not_by_label(model: CandidateTableModel) -> None:
    """不合格 sorts before 已推荐 as text; by the status's place in the process it comes after."""
    proxy = CandidateFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(COL_STATUS, Qt.SortOrder.AscendingOrder)
    statuses = [c.status for c in proxy.candidates(list(range(proxy.rowCount())))]
    assert statuses == sorted(statuses, key=list(CandidateStatus).index)
    assert proxy.data(proxy.index(3, COL_NAME), DISPLAY) == "李强"
    assert proxy.data(proxy.index(3, COL_STATUS), DISPLAY) == "不合格"
    assert sorted([proxy.data(proxy.index(r, COL_STATUS), DISPLAY) for r in range(4)])[0] \
        == "不合格"


def test_proxy_filters_together_and_searches_post_and_category(
        model: CandidateTableModel, categories: list[CategoryInfo],
        units: list[UnitInfo]) -> None:
    proxy = CandidateFilterProxy()
    proxy.setSourceModel(model)

    def names() -> set[str]:
        return {c.name for c in proxy.candidates(list(range(proxy.rowCount())))}

    proxy.set_search(" 社区主任 ")  # the post only, spaces around as typed
    assert names() == {"张丽"}
    proxy.set_search("十佳")  # every category's name has it
    assert proxy.rowCount() == 4
    proxy.set_category(categories[1].id)
    assert names() == {"张丽", "李强", "王芳"}
    proxy.set_status(CandidateStatus.REJECTED)
    assert names() == {"李强"}
    proxy.set_unit(units[0].id)  # 李强 is from 西山镇: every filter must hold
    assert proxy.rowCount() == 0
