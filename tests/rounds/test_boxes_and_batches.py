"""A box belongs to a round's paper channel, and the ballots printed for it to that round."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from desktop.core.enums import ChannelKind
from desktop.core.printing import PrintOptions
from desktop.core.registry import CampaignInfo
from desktop.core.services import Services

pytestmark = pytest.mark.both_backends


def batch_rounds(services: Services) -> dict[int, int | None]:
    with services.db.engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT first_serial, round_id FROM print_batch"))
        return dict(rows.all())


def test_batches_are_printed_for_their_box_s_round(services: Services, demo: CampaignInfo,
                                                   tmp_path: Path) -> None:
    rounds = services.rounds
    (first,) = rounds.list_rounds(demo.id)
    delegates = rounds.add_channel(first.id, ChannelKind.PAPER_DELEGATES, "代表投票")
    second = rounds.add_round(demo.id, "专家组投票")
    panel = rounds.add_channel(second.id, ChannelKind.PAPER_PUBLIC, "评审组纸质投票")
    public_box = services.boxes.add_box(demo.id, "东湖社区服务中心 1号箱")
    delegates_box = services.boxes.add_box(demo.id, "县党代表投票箱", channel_id=delegates.id)
    panel_box = services.boxes.add_box(demo.id, "评审组投票箱", channel_id=panel.id)
    assert public_box.channel_id == first.channels[0].id, "the first open round's public channel"
    for box, count in ((public_box, 2), (delegates_box, 2), (panel_box, 1)):
        services.printing.print_batch(demo.id, box.id, count, tmp_path / f"{box.id}.pdf",
                                      PrintOptions())
    assert batch_rounds(services) == {1: first.id, 3: first.id, 5: second.id}
