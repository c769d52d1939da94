"""The audit chain covers the count: an insider's plain-SQL edit of counted data is named.

The campaign is counted through the application (printed, ticked, scanned, reviewed, online
votes from two platforms with a flagged vote, expert scores and a rule, the combination rule, a
tie decided, a spoiled serial). Then the database is edited the way someone with the file or
the server's password would — with SQL, not BallotDesk — and ``audit verify`` must name each
row changed: table, row and how.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import Connection, create_engine, select, text

from desktop.core.audit.content import KINDS, Change, ContentFinding
from desktop.core.audit.log import Anchor, AuditLog, Verification
from desktop.core.enums import SerialState
from desktop.core.printing.service import PrintOptions
from desktop.core.records.recording import counted_key_of
from desktop.core.records.review import Review
from desktop.core.registry.service import CampaignInfo
from desktop.core.results.combine import CombinationRule, OnlineCount
from desktop.core.services import Services
from desktop.core.store.db import Database, head_revision
from desktop.core.store.db import _alembic_config as alembic_config
from desktop.core.store.models import Sheet
from scanning.decide import MarkState
from tests.ballot_files import BRANDS
from tests.conftest import ORGANISER, Cli
from tests.results.test_results_common import counted
from tests.stored_marks import set_state_at, set_states, targets_of

pytestmark = pytest.mark.both_backends
__all__ = ["counted"]  # a fixture, used by name

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Tallied:
    campaign: CampaignInfo
    spoiled: int  # a serial printed and recorded as spoiled, never scanned


@pytest.fixture
def tallied(services: Services, counted: CampaignInfo, tmp_path: Path) -> Tallied:
    """Every kind of counted data, written by BallotDesk."""
    results = services.results
    results.set_rule(counted.id, CombinationRule(online=OnlineCount.UNFLAGGED))
    results.decide_tie(counted.id, BRANDS, ["10"], "评选领导小组会议决定（纪要第3号）")
    services.experts.set_rule(counted.id, max_score=100, drop_extremes=False)
    box = services.boxes.list_boxes(counted.id)[0]
    extra = services.printing.print_batch(counted.id, box.id, 2, tmp_path / "more.pdf",
                                          PrintOptions())
    services.boxes.note_serials(counted.id, [extra.first_serial], SerialState.SPOILED, "污损")
    return Tallied(counted, extra.first_serial)


@contextmanager
def engine(services: Services) -> Iterator[Connection]:
    """A connection of its own to the database: no BallotDesk session, no events."""
    own = create_engine(services.db.url)
    try:
        with own.begin() as connection:
            yield connection
    finally:
        own.dispose()


def sql(services: Services, statement: str, **params: Any) -> list[Any]:
    """Run SQL on the database directly."""
    with engine(services) as connection:
        result = connection.execute(text(statement), params)
        return list(result) if result.returns_rows else []


def counted_rows(services: Services) -> int:
    """Rows of every table whose rows the chain's digests cover."""
    return sum(sql(services, f"SELECT count(*) FROM {kind.name}")[0][0] for kind in KINDS)


def named(result: Verification) -> set[tuple[Change, str, str, int]]:
    return {(f.change, f.table, f.column, f.row_id) for f in result.content_findings}


def finding(result: Verification, table: str, row_id: int) -> ContentFinding:
    return next(f for f in result.content_findings if (f.table, f.row_id) == (table, row_id))


def test_a_counted_database_verifies_and_so_do_changes_made_through_ballotdesk(
        services: Services, tallied: Tallied) -> None:
    log = AuditLog(services.db)
    result = log.verify()
    assert result.ok, [m.text("en") for m in result.problems()]
    assert result.content is not None
    rows = counted_rows(services)
    # 6 sheets, 2 decisions, 1 serial note, 2 imports, 6 scores, 1 expert rule, 1 rule, 1 tie,
    # and the categories and candidates the marks count for
    assert rows == 20 + 3 + len(services.candidates.list(tallied.campaign.id))
    assert result.content.rows == rows
    assert result.content.summary().text("zh_CN") == f"计票数据与审计链相符（{rows} 行）"
    campaign_id = tallied.campaign.id
    # Changes the application makes to the same rows are on the chain with their new digests:
    # an import withdrawn, the rule changed, a candidate with scores and online votes deleted
    # (the database deletes its scores and totals with it), another review decision.
    (import_id,) = sql(services, "SELECT min(id) FROM online_import")[0]
    services.online.withdraw(import_id, "平台A 数据有误")
    services.results.set_rule(campaign_id, CombinationRule(online=OnlineCount.EXPORTED))
    brand_12 = next(c for c in services.candidates.list(campaign_id)
                    if c.category == BRANDS and c.number_text == "12")
    services.candidates.delete([brand_12.id])
    after = log.verify()
    assert after.ok, [m.text("en") for m in after.problems()]
    assert after.content is not None
    assert after.content.rows == rows - 3  # 12, with its two scores


def test_every_insider_edit_is_named_with_its_table_row_and_change(
        services: Services, tallied: Tallied) -> None:
    campaign_id = tallied.campaign.id
    # The rows to edit, found as an insider would.
    decided = sql(services, "SELECT id, sheet_id FROM review_decision "
                            "WHERE category IS NOT NULL ORDER BY id")
    decision_id, decided_sheet = decided[0]
    plain_sheets = [row[0] for row in sql(
        services, "SELECT id FROM sheet WHERE counted_key IS NOT NULL AND id NOT IN "
                  "(SELECT sheet_id FROM review_decision) ORDER BY id")]
    marked_sheet, deleted_sheet, target_sheet = plain_sheets[:3]
    with engine(services) as connection:
        mark_index = next(i for i, (_c, _n, state) in
                          enumerate(targets_of(connection, marked_sheet)) if state == "empty")
        (category, candidate) = next((c, n) for c, n, state in
                                     targets_of(connection, target_sheet) if state == "empty")
    imports = [row[0] for row in sql(services, "SELECT id FROM online_import ORDER BY id")]
    (score_id,) = sql(services, "SELECT min(id) FROM expert_score")[0]
    (setting_id,) = sql(services, "SELECT id FROM result_setting")[0]
    (tie_id,) = sql(services, "SELECT id FROM tie_decision")[0]
    (note_id,) = sql(services, "SELECT id FROM serial_note")[0]
    assert AuditLog(services.db).verify().ok

    # One vote more: an empty box ticked.
    with engine(services) as connection:
        set_state_at(connection, marked_sheet, mark_index, "marked")
    # A decision moved to another sheet and target (+1 vote there).
    sql(services, "UPDATE review_decision SET sheet_id = :s, category = :c, candidate = :n, "
                  "decision = 'marked' WHERE id = :d",
        s=target_sheet, c=category, n=candidate, d=decision_id)
    # A counted page gone, its marks with it (they are in its row).
    sql(services, "DELETE FROM sheet WHERE id = :s", s=deleted_sheet)
    # A page that was never scanned: a copy of another, counted for the spoiled serial.
    sql(services, "INSERT INTO sheet (image_key, image_sha256, page_index, archive_path, source, "
                  "campaign_id, serial, layout_version, page, box_id, counted_key, status, "
                  "reasons, qr_text, homography, image_scale, station, recorded_by, recorded_at) "
                  "SELECT 'forged:0', image_sha256, page_index, archive_path, source, "
                  "campaign_id, :serial, layout_version, page, box_id, :key, status, reasons, "
                  "qr_text, homography, image_scale, station, recorded_by, recorded_at "
                  "FROM sheet WHERE id = :s",
        serial=tallied.spoiled, key=counted_key_of(campaign_id, tallied.spoiled, 1),
        s=marked_sheet)
    (forged_id,) = sql(services, "SELECT id FROM sheet WHERE image_key = 'forged:0'")[0]
    # Online: a total raised, a flag taken off the per-vote platform's flagged vote.
    sql(services, "UPDATE online_total SET votes = votes + 100 WHERE import_id = :i", i=imports[0])
    sql(services, "UPDATE online_flag SET reasons = '[]' WHERE import_id = :i", i=imports[1])
    # An expert's score, the combination rule, the tie's winner, the spoiled serial.
    sql(services, "UPDATE expert_score SET score = 99 WHERE id = :e", e=score_id)
    sql(services, "UPDATE result_setting SET method = 'weighted', "
                  "weights = '{\"paper\": 1, \"online\": 5}' WHERE id = :r", r=setting_id)
    sql(services, "UPDATE tie_decision SET winners = '[\"12\"]' WHERE id = :t", t=tie_id)
    sql(services, "UPDATE serial_note SET serial = serial + 1 WHERE id = :n", n=note_id)
    # What the marks count for: a category's seats, two candidates' numbers swapped.
    (category_id,) = sql(services, "SELECT min(id) FROM category")[0]
    sql(services, "UPDATE category SET winners = winners + 1 WHERE id = :c", c=category_id)
    swapped = [row[0] for row in sql(services, "SELECT id FROM candidate WHERE category_id = :c "
                                               "AND number IN (1, 2) ORDER BY number",
                                     c=category_id)]
    for candidate_id, number in ((swapped[0], 999), (swapped[1], 1), (swapped[0], 2)):
        sql(services, "UPDATE candidate SET number = :n WHERE id = :i", n=number, i=candidate_id)

    result = AuditLog(services.db).verify()
    assert not result.ok
    assert result.findings == (), "the chain itself was not touched"
    assert named(result) == {
        (Change.EDITED, "sheet_mark", "sheet_id", marked_sheet),
        (Change.EDITED, "review_decision", "id", decision_id),
        (Change.DELETED, "sheet", "id", deleted_sheet),
        (Change.INSERTED, "sheet", "id", forged_id),
        (Change.EDITED, "online_total", "import_id", imports[0]),
        (Change.EDITED, "online_flag", "import_id", imports[1]),
        (Change.EDITED, "expert_score", "id", score_id),
        (Change.EDITED, "result_setting", "id", setting_id),
        (Change.EDITED, "tie_decision", "id", tie_id),
        (Change.EDITED, "serial_note", "id", note_id),
        (Change.EDITED, "category", "id", category_id),
        (Change.EDITED, "candidate", "id", swapped[0]),
        (Change.EDITED, "candidate", "id", swapped[1]),
    }
    assert result.summary().text("zh_CN") == "计票数据与审计链不符：发现 13 处问题"
    # What is there now, and which entry recorded the digest it no longer matches.
    moved = finding(result, "review_decision", decision_id)
    assert f"sheet_id={target_sheet}; category={category}; candidate={candidate}" in moved.now
    assert moved.entry_id is not None
    assert sql(services, "SELECT action FROM audit_entry WHERE id = :e",
               e=moved.entry_id)[0][0] == "review.empty"
    assert finding(result, "sheet_mark", marked_sheet).message().text("zh_CN").startswith(
        f"sheet_mark（sheet_id={marked_sheet}）：在 BallotDesk 之外被改动")
    assert finding(result, "sheet", forged_id).entry_id is None
    assert f"serial={tallied.spoiled}" in finding(result, "sheet", forged_id).now
    assert finding(result, "sheet", deleted_sheet).message().text("en") == (
        f"sheet (id={deleted_sheet}): deleted outside BallotDesk (audit entry "
        f"{finding(result, 'sheet', deleted_sheet).entry_id} records it)")
    assert "score=99" in finding(result, "expert_score", score_id).now
    assert finding(result, "online_total", imports[0]).rows == 3
    assert decided_sheet != target_sheet


def test_the_anchor_written_down_stands_for_the_counted_data(
        services: Services, tallied: Tallied, cli: Cli) -> None:
    """The notice's anchor: written down after the count; a later edit of the counted data
    makes ``verify --anchor`` fail although the chain up to the anchor is untouched."""
    log = AuditLog(services.db)
    head = log.head()
    assert head is not None
    assert cli("audit", "verify", "--anchor", head.text()) == 0
    assert "与留存的 1 个锚点相符。" in cli.out
    with engine(services) as connection:
        assert set_states(connection, "01", "empty", "marked", first_only=True)
    result = log.verify([Anchor.parse(head.text())])
    assert not result.ok
    assert result.findings == ()  # the anchor itself still matches…
    assert [f.table for f in result.content_findings] == ["sheet_mark"]  # …the count does not
    assert cli("audit", "verify", "--anchor", head.text()) == 1
    assert "与留存的" not in cli.out and "完整" not in cli.out
    assert cli.err.splitlines()[0] == "计票数据与审计链不符：发现 1 处问题"


def test_the_command_line_names_each_edit_and_fails(
        services: Services, tallied: Tallied, cli: Cli) -> None:
    assert cli("audit", "verify") == 0
    assert f"计票数据与审计链相符（{counted_rows(services)} 行）" in cli.out
    (score_id,) = sql(services, "SELECT min(id) FROM expert_score")[0]
    (sheet_id,) = sql(services, "SELECT min(id) FROM sheet WHERE counted_key IS NOT NULL")[0]
    sql(services, "UPDATE expert_score SET score = 100 WHERE id = :e", e=score_id)
    sql(services, "DELETE FROM review_decision WHERE sheet_id = :s", s=sheet_id)
    sql(services, "DELETE FROM sheet WHERE id = :s", s=sheet_id)

    assert cli("audit", "verify") == 1
    lines = cli.err.splitlines()
    assert lines[0] == "计票数据与审计链不符：发现 2 处问题"
    assert lines[1].startswith(f"sheet（id={sheet_id}）：在 BallotDesk 之外被删除（第 ")
    assert lines[2].startswith(f"expert_score（id={score_id}）：内容在 BallotDesk 之外被改动")
    assert "score=100" in lines[2]
    assert cli("--lang", "en", "audit", "verify") == 1
    assert cli.err.splitlines()[0] == \
        "The counted data does not match the audit chain: 2 problems found"
    assert cli("--json", "audit", "verify") == 1
    data = json.loads(cli.out)
    assert (data["ok"], data["findings"], data["content"]["ok"]) == (False, [], False)
    assert [(f["change"], f["table"], f["row_id"]) for f in data["content"]["findings"]] == [
        ("deleted", "sheet", sheet_id), ("edited", "expert_score", score_id)]


@pytest.mark.sqlite_only(reason="the saved databases are SQLite files")
def test_rows_of_a_database_from_before_the_digests_are_covered_by_the_baseline(
        tmp_path: Path) -> None:
    """A database saved at 0006 (sheets, a decision, a spoiled serial, a score, no digests on
    its chain): after the upgrade's baseline, an edit of those rows is named too."""
    copy = tmp_path / "old.sqlite3"
    shutil.copy(ROOT / "tests" / "data" / "schemas" / "0006.sqlite3", copy)
    services = Services.open(f"sqlite:///{copy}", ORGANISER)
    try:
        log = AuditLog(services.db)
        assert log.verify().ok
        with engine(services) as connection:
            assert set_states(connection, "01", "marked", "empty") == [1]
        sql(services, "UPDATE serial_note SET state = 'unused'")
        result = log.verify()
        assert named(result) == {(Change.EDITED, "sheet_mark", "sheet_id", 1),
                                 (Change.EDITED, "serial_note", "id", 1)}
        baseline = {e.id for e in log.entries() if e.action == "audit.baseline"}
        assert {f.entry_id for f in result.content_findings} <= baseline
    finally:
        services.db.dispose()


@pytest.mark.sqlite_only(reason="the saved databases are SQLite files")
def test_marks_saved_a_row_per_target_are_packed_and_their_digests_still_verify(
        tmp_path: Path) -> None:
    """A database saved at 0011 (marks a row per target, digests of them on the chain, one
    sheet's marks in two categories read in an order that is not the digest's): after 0012
    packs them, every digest on the chain verifies with no new baseline, the marks read back
    as they were (order, states, exact scores) and an edit of the packed marks is named."""
    copy = tmp_path / "old.sqlite3"
    shutil.copy(ROOT / "tests" / "data" / "schemas" / "0011.sqlite3", copy)
    services = Services.open(f"sqlite:///{copy}", ORGANISER)
    try:
        log = AuditLog(services.db)
        result = log.verify()
        assert result.ok, [m.text("en") for m in result.problems()]
        assert [e.action for e in log.entries()][-3:] == [
            "sheet.record", "sheet.record", "review.marked"], "no baseline after 0012"
        with services.db.transaction() as s:
            read = {sheet.serial: [(m.category, m.candidate, m.state, m.score)
                                   for m in sheet.marks] for sheet in s.scalars(select(Sheet))}
        windows, stars = "十佳优良服务窗口", "十佳优秀服务标兵"
        assert read == {
            101: [(stars, "01", "marked", 0.42)],
            102: [(windows, "01", "marked", 0.5123), (windows, "02", "empty", 0.0089),
                  (stars, "01", "empty", 0.0), (stars, "02", "marked", 0.87)],
            103: [(windows, "01", "ambiguous", 0.1534), (windows, "02", "empty", 0.0121),
                  (stars, "01", "marked", 0.6666), (stars, "02", "empty", 0.0301)]}
        review = Review(services.db, ORGANISER)
        decided = review.sheet(1, 3)
        assert decided.states[(windows, "01")] is MarkState.MARKED and decided.settled
        assert review.queue(1) == []
        with engine(services) as connection:
            assert set_states(connection, "02", "empty", "marked", sheet_id=2) == [2]
        assert named(log.verify()) == {(Change.EDITED, "sheet_mark", "sheet_id", 2)}
    finally:
        services.db.dispose()


def test_0012_packs_marks_written_a_row_per_target_on_either_backend(empty_db_url: str) -> None:
    """Marks written a row per target before 0011 (which puts their digests on the chain) are
    packed by 0012 on SQLite and PostgreSQL alike: the chain and every digest verify after it,
    the marks read back as written (the reader's order, exact scores, also one that does not
    fit two bytes) and a sheet without marks stays without."""
    database = Database(empty_db_url)
    config = alembic_config()
    windows, stars = "十佳优良服务窗口", "十佳优秀服务标兵"
    marks = {1: [(windows, "02", "empty", 0.0123), (windows, "01", "marked", 0.75),
                 (stars, "01", "ambiguous", 0.1)],
             2: [(stars, "03", "marked", 1 / 3), (windows, "01", "empty", 0.0)],
             3: []}
    sheet = sa.table("sheet", *(sa.column(name) for name in (
        "id", "image_key", "image_sha256", "page_index", "archive_path", "source", "status",
        "station", "recorded_by")), sa.column("reasons", sa.JSON),
        sa.column("image_scale", sa.Float), sa.column("recorded_at", sa.DateTime))
    sheet_mark = sa.table("sheet_mark", *(sa.column(name) for name in (
        "sheet_id", "category", "candidate", "state")), sa.column("score", sa.Float))
    try:
        for revision in ("0010", "0011", "head"):
            with database.engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                if revision != "0010":
                    continue
                for sheet_id, rows in marks.items():
                    connection.execute(sa.insert(sheet).values(
                        id=sheet_id, image_key=f"{sheet_id}:0", image_sha256=f"{sheet_id}",
                        page_index=0, archive_path="a.png", source="a.png", status="accepted",
                        station="站一", recorded_by="管理员", reasons=[], image_scale=1.0,
                        recorded_at=dt.datetime(2026, 12, 1, 8, 0)))
                    for category, number, state, score in rows:
                        connection.execute(sa.insert(sheet_mark).values(
                            sheet_id=sheet_id, category=category, candidate=number,
                            state=state, score=score))
        assert database.current_revision() == head_revision()
        result = AuditLog(database).verify()
        assert result.ok, [m.text("en") for m in result.problems()]
        assert result.content is not None and result.content.rows == 3
        with database.transaction() as s:
            read = {row.id: [(m.category, m.candidate, m.state, m.score) for m in row.marks]
                    for row in s.scalars(select(Sheet))}
        assert read == marks
    finally:
        database.dispose()
