"""Migration 0013: an existing campaign becomes one round holding its channels, boxes and
batches, and counts as it did (docs/rounds.md)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from desktop.core.audit import AuditLog
from desktop.core.enums import ChannelKind, RoundStatus
from desktop.core.results import Method
from desktop.core.services import Services
from desktop.core.store import Database, head_revision
from desktop.core.store.db import _alembic_config as alembic_config
from tests.conftest import ORGANISER

pytestmark = pytest.mark.both_backends

ROOT = Path(__file__).resolve().parents[2]
SAVED_0012 = ROOT / "tests" / "data" / "schemas" / "0012.sqlite3"


def _channels(services: Services, round_id: int) -> list[tuple[ChannelKind, str, float | None]]:
    return [(c.kind, c.name, c.weight) for c in services.rounds.channels(round_id)]


@pytest.mark.sqlite_only(reason="the saved database is a SQLite file")
def test_a_campaign_saved_at_0012_becomes_one_round_that_counts_as_before(
        tmp_path: Path) -> None:
    copy = tmp_path / "old.sqlite3"
    shutil.copy(SAVED_0012, copy)
    services = Services.open(f"sqlite:///{copy}", ORGANISER)
    try:
        assert services.db.current_revision() == head_revision()
        campaign = services.registry.find_campaign("2025年度十佳评选")
        (only,) = services.rounds.list_rounds(campaign.id)
        assert (only.position, only.name, only.status, only.advancing) == (
            1, "投票评选", RoundStatus.OPEN, {})
        # No channel has a weight of its own: the campaign's weighted rule still decides.
        assert _channels(services, only.id) == [
            (ChannelKind.PAPER_PUBLIC, "群众投票", None), (ChannelKind.ONLINE, "平台A", None),
            (ChannelKind.EXPERTS, "专家评审", None)]
        (source,) = services.online.sources(campaign.id)
        assert only.channels[1].source_id == source.id
        boxes = {b.name: b.channel_id for b in services.boxes.list_boxes(campaign.id)}
        assert boxes == {"东湖社区服务中心 1号箱": only.channels[0].id,
                         "党代表投票箱": only.channels[0].id}
        rule = services.results.rule(campaign.id).rule
        assert rule.method is Method.WEIGHTED
        assert rule.weights == (("paper", 0.4), ("online:平台A", 0.4), ("expert", 0.2))
        with services.db.engine.connect() as connection:
            assert connection.execute(sa.text("SELECT round_id FROM print_batch")).scalars() \
                .all() == [only.id]
        assert AuditLog(services.db).verify().ok
        # A box added now goes to the public paper channel of the round.
        added = services.boxes.add_box(campaign.id, "西山社区 2号箱")
        assert added.channel_id == only.channels[0].id
    finally:
        services.db.dispose()


def test_0013_gives_every_campaign_one_round_on_either_backend(empty_db_url: str) -> None:
    """Rows written at 0012 (two campaigns: one with a source, a box, a batch and an expert
    score, one with nothing) get their round and channels on SQLite and PostgreSQL alike."""
    database = Database(empty_db_url)
    config = alembic_config()
    at = dt.datetime(2026, 11, 1, 8, 0)
    try:
        with database.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0012")
            run = connection.execute
            for campaign_id, name in ((1, "甲活动"), (2, "乙活动")):
                run(sa.text(
                    "INSERT INTO campaign (id, name, description, phase, summary_max_chars, "
                    "default_quota, secret, created_at) VALUES (:id, :name, '', 'voting', 300, "
                    "3, :secret, :at)"), {"id": campaign_id, "name": name,
                                          "secret": bytes(64), "at": at})
            run(sa.text("INSERT INTO category (id, campaign_id, name, winners, max_marks, "
                        "position, kind) VALUES (1, 1, '十佳优秀服务标兵', 10, 10, 1, 'person')"))
            run(sa.text("INSERT INTO unit (id, campaign_id, name, quota) "
                        "VALUES (1, 1, '东湖街道', 3)"))
            run(sa.text(
                "INSERT INTO candidate (id, category_id, unit_id, number, name, political, post, "
                "awards, summary, status, review_note, created_at) VALUES (1, 1, 1, 1, "
                "'林小雨', '', '', '', '', 'shortlisted', '', :at)"), {"at": at})
            run(sa.text(
                "INSERT INTO online_source (id, campaign_id, name, voter_limit_period, "
                "ip_burst_votes, ip_burst_seconds, spike_votes_per_minute, created_at) "
                "VALUES (1, 1, '平台B', 'day', 20, 60, 200, :at)"), {"at": at})
            run(sa.text("INSERT INTO ballot_box (id, campaign_id, name, location, responsible, "
                        "created_at) VALUES (1, 1, '党代表投票箱', '', '', :at)"), {"at": at})
            run(sa.text("INSERT INTO layout_version (id, campaign_id, version, paper, "
                        "fingerprint, layout_json, created_at) VALUES "
                        "(1, 1, 1, 'A4', '0000', '{}', :at)"), {"at": at})
            run(sa.text("INSERT INTO print_batch (id, campaign_id, box_id, layout_id, "
                        "first_serial, count, destination, printed_by, printed_at) VALUES "
                        "(1, 1, 1, 1, 1, 30, 'd.pdf', 'org', :at)"), {"at": at})
            run(sa.text("INSERT INTO expert_score (id, campaign_id, candidate_id, expert, "
                        "score, entered_by, entered_at) VALUES "
                        "(1, 1, 1, '专家甲', 90, 'org', :at)"), {"at": at})
            command.upgrade(config, "head")
        assert database.current_revision() == head_revision()
        services = Services.for_database(database, ORGANISER)
        first, second = (services.rounds.list_rounds(c) for c in (1, 2))
        assert [(r.position, r.name, r.candidates) for r in first] == [(1, "投票评选", 1)]
        assert _channels(services, first[0].id) == [
            (ChannelKind.PAPER_PUBLIC, "群众投票", None), (ChannelKind.ONLINE, "平台B", None),
            (ChannelKind.EXPERTS, "专家评审", None)]
        assert _channels(services, second[0].id) == [(ChannelKind.PAPER_PUBLIC, "群众投票", None)]
        assert [b.channel_id for b in services.boxes.list_boxes(1)] == [
            first[0].channels[0].id]
        assert [b.round_id for b in _batches(database)] == [first[0].id]
    finally:
        database.dispose()


def _batches(database: Database) -> list[sa.Row[tuple[int]]]:
    with database.engine.connect() as connection:
        return list(connection.execute(sa.text("SELECT round_id FROM print_batch")))
