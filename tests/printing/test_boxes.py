"""Ballot boxes and hand-entered serials (printing itself is tested in tests/ballotformat/)."""

from __future__ import annotations

import pytest

from ballotformat.messages import RuleError
from desktop.core.enums import SerialState
from desktop.core.printing.boxes import Boxes, parse_serials
from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services

pytestmark = pytest.mark.both_backends


@pytest.fixture
def boxes(services: Services) -> Boxes:
    return Boxes(services.db, services.actor)


def test_serial_ranges_as_staff_type_them() -> None:
    assert parse_serials("101-105, 110，112、 120～121") == [101, 102, 103, 104, 105, 110, 112,
                                                           120, 121]
    assert parse_serials("  ") == []
    for bad in ("12a", "20-10", "1-1000000"):
        with pytest.raises(RuleError) as exc:
            parse_serials(bad)
        assert exc.value.messages[0].code == "serials_unreadable"


def test_boxes_are_unique_per_campaign(boxes: Boxes, campaign: CampaignInfo) -> None:
    box = boxes.add_box(campaign.id, "东湖社区服务中心 1号箱", "东湖路 12 号", "刘芳")
    assert boxes.find_box(campaign.id, "东湖社区服务中心 1号箱") == box
    with pytest.raises(RuleError) as exc:
        boxes.add_box(campaign.id, " 东湖社区服务中心  1号箱")
    assert exc.value.messages[0].code == "name_taken"
    renamed = boxes.update_box(box.id, "东湖社区服务中心 2号箱", "东湖路 12 号", "刘芳")
    assert boxes.list_boxes(campaign.id) == [renamed]
    boxes.delete_box(box.id)
    assert boxes.list_boxes(campaign.id) == []


def test_serials_that_were_never_printed_cannot_be_noted(
    boxes: Boxes, campaign: CampaignInfo
) -> None:
    with pytest.raises(RuleError) as exc:
        boxes.note_serials(campaign.id, [5, 6], SerialState.SPOILED)
    assert [m.code for m in exc.value.messages] == ["serial_not_printed"] * 2
    lines, total = boxes.reconciliation(campaign.id)
    assert lines == []
    assert (total.printed, total.issued, total.missing) == (0, 0, 0)
    assert not total.voting_over and not total.alarming
