"""Shared set-up of the online-vote and expert tests: a campaign with numbered candidates."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from ballotformat.messages import Message
from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services
from desktop.core.store.models import (
    AuditEntry,
    ExpertScore,
    OnlineFlag,
    OnlineImport,
    OnlineMapping,
    OnlineSource,
    OnlineTotal,
)
from tests.conftest import CATEGORY_NAMES, person

WINDOW, STANDARD, BRAND = CATEGORY_NAMES
#: category → names, numbered 1, 2, 3 in this order. "张三" is in two categories.
NAMES = {
    WINDOW: ("东湖街道便民窗口", "西山镇政务服务窗口", "【南岭】综合窗口"),
    STANDARD: ("张三", "李四", "王芳"),
    BRAND: ("张三", "城关好味道", "北港 渔家乐"),
}
UNITS = ("东湖街道", "西山镇", "南岭乡")


def make_candidates(services: Services, campaign: CampaignInfo) -> dict[tuple[str, int], int]:
    """(category, number) → candidate id."""
    for unit in UNITS:
        services.registry.add_unit(campaign.id, unit)
    for category, names in NAMES.items():
        for name, unit in zip(names, UNITS, strict=True):
            services.candidates.add(campaign.id, person(name, unit, category),
                                    accept_warnings=True)
    for category in services.registry.list_categories(campaign.id):
        services.candidates.assign_numbers(category.id)
    return {(c.category, c.number or 0): c.id for c in services.candidates.list(campaign.id)}


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    path.write_bytes("\r\n".join(",".join(row) for row in rows).encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


TABLES = (OnlineSource, OnlineImport, OnlineTotal, OnlineFlag, OnlineMapping, ExpertScore,
          AuditEntry)


def counts(services: Services) -> tuple[int, ...]:
    with services.db.transaction() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) or 0 for t in TABLES)


def codes(messages: list[Message] | tuple[Message, ...]) -> list[str]:
    return [m.params["text"].code if m.code == "row_problem" else m.code for m in messages]


def assert_both_languages(messages: list[Message] | tuple[Message, ...]) -> None:
    for m in messages:
        zh, en = m.text("zh_CN"), m.text("en")
        assert zh and en != zh and "{" not in zh + en, m.code


@pytest.fixture
def ids(services: Services, categories: object, campaign: CampaignInfo,
        ) -> dict[tuple[str, int], int]:
    return make_candidates(services, campaign)
