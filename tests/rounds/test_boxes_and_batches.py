"""A box belongs to a round's paper channel, and the ballots printed for it to that round."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from ballotformat.messages import RuleError
from desktop.core.demo import create_demo
from desktop.core.enums import ChannelKind
from desktop.core.printing import PrintOptions
from desktop.core.services import Services

pytestmark = pytest.mark.both_backends


def batch_rounds(services: Services) -> dict[int, int | None]:
    with services.db.engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT first_serial, round_id FROM print_batch"))
        return dict(rows.all())


def test_batches_are_printed_for_their_box_s_round(services: Services, tmp_path: Path) -> None:
    demo = create_demo(services, rounds=False)
    rounds = services.rounds
    (first,) = rounds.list_rounds(demo.id)
    delegates = rounds.add_channel(first.id, ChannelKind.PAPER_DELEGATES, "代表投票")
    second = rounds.add_round(demo.id, "专家组投票")
    panel = rounds.add_channel(second.id, ChannelKind.PAPER_PUBLIC, "评审组纸质投票")
    public_box = services.boxes.add_box(demo.id, "东湖社区服务中心 1号箱")
    delegates_box = services.boxes.add_box(demo.id, "县党代表投票箱", channel_id=delegates.id)
    panel_box = services.boxes.add_box(demo.id, "评审组投票箱", channel_id=panel.id)
    assert public_box.channel_id == first.channels[0].id, "the first open round's public channel"
    for box, count in ((public_box, 2), (delegates_box, 2)):
        services.printing.print_batch(demo.id, box.id, count, tmp_path / f"{box.id}.pdf",
                                      PrintOptions())
    with pytest.raises(RuleError) as refused:
        services.printing.print_batch(demo.id, panel_box.id, 1, tmp_path / "early.pdf",
                                      PrintOptions())
    assert [m.code for m in refused.value.messages] == ["round_no_candidates"]
    advance_the_first_of_each_category(services, demo.id, first.id)
    services.printing.print_batch(demo.id, panel_box.id, 1, tmp_path / f"{panel_box.id}.pdf",
                                  PrintOptions())
    assert batch_rounds(services) == {1: first.id, 3: first.id, 5: second.id}
    with pytest.raises(RuleError) as refused:
        services.printing.print_batch(demo.id, public_box.id, 1, tmp_path / "late.pdf",
                                      PrintOptions())
    assert [m.code for m in refused.value.messages] == ["round_closed"]


def advance_the_first_of_each_category(services: Services, campaign_id: int,
                                       round_id: int) -> None:
    """Round 1 of the demo (no votes: every candidate tied) cut at one per category, number
    01 chosen from the tie: a round-2 ballot lists the candidates standing in round 2."""
    categories = [c.name for c in services.registry.list_categories(campaign_id)]
    services.rounds.update_round(round_id, advancing=dict.fromkeys(categories, 1))
    services.rounds.close_round(round_id)
    for category in categories:
        services.rounds.decide_tie(round_id, category, ["01"], "抽签决定")
    services.rounds.advance(round_id)
