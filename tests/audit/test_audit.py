"""The audit chain: built by normal use, verified, and every kind of tampering found.

Tampering goes straight to the tables (Core statements, no ``audit.record``), as someone with
the database file or a PostgreSQL login would.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, insert, update
from sqlalchemy.orm import Session

from desktop.core.accounts.actors import Actor, permission_for
from desktop.core.audit import entries as audit
from desktop.core.audit.export import read_export, write_export
from desktop.core.audit.labels import ACTION_LABELS, action_label, lines, summary
from desktop.core.audit.log import AuditFilter, AuditLog, Problem, verify_chain
from desktop.core.enums import CandidateStatus, Role, SerialState
from desktop.core.records.review import Decision
from desktop.core.registry.service import CampaignInfo, CategoryInfo, UnitInfo
from desktop.core.services import Services
from desktop.core.store.models import AuditEntry, AuditHead
from tests.conftest import CATEGORY_NAMES, ORGANISER, person

pytestmark = pytest.mark.both_backends

ROOT = Path(__file__).resolve().parents[2]
ENTRIES = AuditEntry.__table__
HEAD = AuditHead.__table__


@pytest.fixture
def used(services: Services, campaign: CampaignInfo, categories: list[CategoryInfo],
         units: list[UnitInfo]) -> Services:
    """A registry built through the services: campaign, categories, units, candidates, review."""
    for name, unit in (("林小雨", units[0]), ("王大山", units[1]), ("陈静", units[2])):
        services.candidates.add(campaign.id, person(name, unit.name))
    ids = [c.id for c in services.candidates.list(campaign.id)]
    services.candidates.set_status(ids[:2], CandidateStatus.QUALIFIED)
    services.registry.update_unit(units[0].id, quota=2)
    return services


def findings(services: Services) -> list[tuple[Problem, int, int | None]]:
    result = AuditLog(services.db).verify()
    return [(f.problem, f.entry_id, f.after_id) for f in result.findings]


def tamper(services: Services, statement: Any) -> None:
    with services.db.engine.begin() as connection:
        connection.execute(statement)


def test_normal_use_builds_an_intact_chain(used: Services) -> None:
    entries = AuditLog(used.db).entries()
    assert len(entries) >= 13
    assert [e.id for e in entries] == list(range(1, len(entries) + 1))
    assert entries[0].prev_hash == audit.GENESIS
    for previous, entry in itertools.pairwise(entries):
        assert entry.prev_hash == previous.hash
        assert entry.at >= previous.at
    for entry in entries:
        assert re.fullmatch(r"[0-9a-f]{64}", entry.hash)
        assert audit.entry_hash(entry.as_dict(), entry.prev_hash) == entry.hash
    result = AuditLog(used.db).verify()
    assert result.ok
    assert result.count == len(entries)
    assert result.summary().text("zh_CN") == f"审计链完整（{len(entries)} 条）"
    with used.db.transaction() as s:
        head = s.get(AuditHead, audit.HEAD_ID)
        assert head is not None
        assert (head.last_id, head.last_hash) == (entries[-1].id, entries[-1].hash)


def test_values_are_hashed_as_the_database_gives_them_back(services: Services) -> None:
    """Tuples, integer keys, microseconds and non-ASCII text hash the same after a round trip."""
    with services.db.transaction() as s:
        written = audit.record(s, actor=Actor("审核员 张", Role.ORGANISER), action="unit.values",
                               entity="thing", entity_id=7, campaign_id=None,
                               after={"tuple": (1, 2.5), 3: "三", "none": None, "flag": True})
    (read,) = AuditLog(services.db).entries(AuditFilter(action="unit.values"))
    assert read.after == {"tuple": [1, 2.5], "3": "三", "none": None, "flag": True}
    assert read.at == written.at
    assert read.hash == written.hash
    assert AuditLog(services.db).verify().ok


def test_an_edited_entry_is_found(used: Services) -> None:
    tamper(used, update(ENTRIES).where(ENTRIES.c.id == 5).values(after={"id": 1, "name": "伪造"}))
    assert findings(used) == [(Problem.CONTENT_CHANGED, 5, None)]


def test_a_moved_timestamp_is_found(used: Services) -> None:
    (entry,) = AuditLog(used.db).entries(AuditFilter(entry_ids=frozenset({3})))
    moved = entry.at + dt.timedelta(microseconds=1)
    tamper(used, update(ENTRIES).where(ENTRIES.c.id == 3).values(at=moved))
    assert findings(used) == [(Problem.CONTENT_CHANGED, 3, None)]


def test_an_edit_with_a_recomputed_hash_breaks_the_next_link(used: Services) -> None:
    (entry,) = AuditLog(used.db).entries(AuditFilter(entry_ids=frozenset({4})))
    forged = entry.as_dict() | {"actor": "别人"}
    tamper(used, update(ENTRIES).where(ENTRIES.c.id == 4).values(
        actor="别人", hash=audit.entry_hash(forged, entry.prev_hash)))
    assert findings(used) == [(Problem.LINK_BROKEN, 5, None)]


def test_a_deleted_entry_is_found(used: Services) -> None:
    tamper(used, delete(ENTRIES).where(ENTRIES.c.id == 6))
    assert findings(used) == [(Problem.MISSING, 7, 5)]
    message = AuditLog(used.db).verify().findings[0].message()
    assert message.text("zh_CN") == "第 5 条与第 7 条之间缺少 1 条记录"
    assert message.text("en") == "missing entries between 5 and 7 (1)"


def test_deleting_the_first_or_last_entries_is_found(used: Services) -> None:
    last = AuditLog(used.db).verify().count
    tamper(used, delete(ENTRIES).where(ENTRIES.c.id.in_([1, 2, last])))
    assert findings(used) == [(Problem.MISSING, 3, 0), (Problem.HEAD_MISMATCH, last - 1, last)]


def test_a_forged_entry_is_found(used: Services) -> None:
    """Appended with a correct hash and link: only the head, moved in the same transaction as
    every real entry, tells it from a real one; with a made-up id, the gap tells too."""
    log = AuditLog(used.db)
    last = log.entries()[-1]
    forged = last.as_dict() | {"id": last.id + 1, "action": "candidate.delete",
                               "prev_hash": last.hash}
    forged["hash"] = audit.entry_hash(forged, last.hash)
    tamper(used, insert(ENTRIES).values(forged))
    assert findings(used) == [(Problem.HEAD_MISMATCH, last.id + 1, last.id)]
    tamper(used, delete(ENTRIES).where(ENTRIES.c.id == last.id + 1))
    assert log.verify().ok
    tamper(used, insert(ENTRIES).values(forged | {"id": 900, "prev_hash": "f" * 64}))
    assert findings(used) == [(Problem.MISSING, 900, last.id), (Problem.CONTENT_CHANGED, 900, None),
                              (Problem.HEAD_MISMATCH, 900, last.id)]


def test_a_changed_or_missing_head_is_found(used: Services) -> None:
    tamper(used, update(HEAD).values(last_hash="0" * 64))
    count = AuditLog(used.db).verify().count
    assert findings(used) == [(Problem.HEAD_MISMATCH, count, count)]
    tamper(used, delete(HEAD))
    assert findings(used) == [(Problem.HEAD_MISMATCH, count, None)]
    assert "链头" in AuditLog(used.db).verify().findings[0].message().text("zh_CN")


def test_appending_without_a_head_continues_from_the_last_entry(used: Services,
                                                                units: list[UnitInfo]) -> None:
    tamper(used, delete(HEAD))
    used.registry.update_unit(units[1].id, quota=1)
    assert AuditLog(used.db).verify().ok


def test_a_refused_change_leaves_the_chain_as_it_was(used: Services,
                                                     units: list[UnitInfo]) -> None:
    before = AuditLog(used.db).verify()

    def refused() -> None:
        with used.db.transaction() as s:
            audit.record(s, actor=ORGANISER, action="unit.update", entity="unit", entity_id=1,
                         campaign_id=None, after={"quota": 9})
            raise RuntimeError

    with pytest.raises(RuntimeError):
        refused()
    after = AuditLog(used.db).verify()
    assert after.ok
    assert (after.count, after.last_hash) == (before.count, before.last_hash)


def test_entries_join_the_chain_at_commit_in_recorded_order(services: Services) -> None:
    """Several entries of one transaction are chained in order at its commit; a savepoint
    rolled back takes its entries with it."""

    def note(s: Session, number: int) -> None:
        audit.record(s, actor=ORGANISER, action="unit.order", entity="thing", entity_id=number,
                     campaign_id=None)

    def rolled_back(s: Session) -> None:
        with s.begin_nested():
            note(s, 2)
            raise RuntimeError

    with services.db.transaction() as s:
        note(s, 1)
        with pytest.raises(RuntimeError):
            rolled_back(s)
        with s.begin_nested():
            note(s, 3)
        note(s, 4)
    entries = AuditLog(services.db).entries(AuditFilter(action="unit.order"))
    assert [e.entity_id for e in entries] == [1, 3, 4]
    assert [e.id for e in entries] == [1, 2, 3]
    assert AuditLog(services.db).verify().ok


def test_concurrent_appends_take_turns(used: Services, db_url: str) -> None:
    """Stations with their own connections append at once; none forks or loses the chain.
    ``record`` is the first write of each transaction, the hardest case for SQLite."""
    stations, appends = 4, 15
    start = threading.Barrier(stations)
    failures: list[BaseException] = []
    before = AuditLog(used.db).verify().count

    def station(number: int) -> None:
        own = Services.open(db_url, Actor(f"站点{number}", Role.ORGANISER))
        try:
            start.wait()
            for index in range(appends):
                with own.db.transaction() as s:
                    audit.record(s, actor=own.actor, action="unit.append", entity="station",
                                 entity_id=number, campaign_id=None, after={"n": index})
                    threading.Event().wait(0.002)  # hold the head a moment
        except BaseException as failed:  # reported below, with the others
            failures.append(failed)
        finally:
            own.db.dispose()

    threads = [threading.Thread(target=station, args=(n,)) for n in range(stations)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    result = AuditLog(used.db).verify()
    assert result.ok, [f.message().text("en") for f in result.findings]
    assert result.count == before + stations * appends


@pytest.mark.sqlite_only(reason="the saved databases are SQLite files")
def test_the_migration_chains_a_database_saved_at_0006(tmp_path: Path) -> None:
    copy = tmp_path / "old.sqlite3"
    shutil.copy(ROOT / "tests" / "data" / "schemas" / "0006.sqlite3", copy)
    services = Services.open(f"sqlite:///{copy}", ORGANISER)
    log = AuditLog(services.db)
    result = log.verify()
    assert result.ok, [f.message().text("en") for f in result.findings]
    chained = log.entries()
    entries = chained[:5]
    assert [e.id for e in entries] == [1, 2, 3, 4, 5], "the gap at 4 is closed"
    assert [e.action for e in entries] == ["campaign.create", "category.create",
                                           "candidate.status", "box.create", "export"]
    # 0009 then covered the counted rows the saved database holds, one baseline entry per table.
    baseline = chained[5:]
    assert [(e.action, e.actor, e.entity, e.after["rows"] if e.after else None)
            for e in baseline] == [("audit.baseline", "upgrade", table, 1) for table in (
                "sheet", "review_decision", "serial_note", "expert_score", "category",
                "candidate")]
    assert baseline[0].after is not None
    assert set(baseline[0].after["digests"]["sheet"]["1"]) == {"sheet", "sheet_mark"}
    assert result.content is not None and result.content.rows == 6
    assert entries[1].after == {"id": 1, "name": "十佳优秀服务标兵", "winners": 10}
    assert entries[3].after is not None
    assert entries[3].after["tags"] == [1, 2.5, None, True]
    assert entries[0].at == dt.datetime(2025, 11, 1, 8, 0, tzinfo=dt.UTC)
    campaign = services.registry.find_campaign("2025年度十佳评选")
    services.registry.update_campaign(campaign.id, description="升级之后")
    after = log.verify()
    assert after.ok
    assert after.count == 12
    services.db.dispose()


@pytest.mark.sqlite_only(reason="the saved databases are SQLite files")
@pytest.mark.parametrize("saved", sorted((ROOT / "tests" / "data" / "schemas").glob("*.sqlite3")),
                         ids=lambda path: path.stem)
def test_every_saved_schema_upgrades_to_an_intact_chain(saved: Path, tmp_path: Path) -> None:
    copy = tmp_path / "old.sqlite3"
    shutil.copy(saved, copy)
    services = Services.open(f"sqlite:///{copy}", ORGANISER)
    result = AuditLog(services.db).verify()
    assert result.ok
    assert result.count >= 1
    services.db.dispose()


def test_export_verifies_outside_the_app_with_the_documented_code(
        used: Services, tmp_path: Path) -> None:
    """The Python block of docs/audit.md, run as it is, recomputes every hash of an export."""
    docs = (ROOT / "docs" / "audit.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", docs, re.S)
    assert code is not None
    log = AuditLog(used.db)
    for suffix in (".csv", ".jsonl"):
        path = tmp_path / f"audit{suffix}"
        assert write_export(log.iter_all(), path) == log.verify().count
        namespace: dict[str, Any] = {"__name__": "docs"}
        exec(compile(code.group(1), "docs/audit.md", "exec"), namespace)
        assert namespace["verify_file"](str(path)) == log.verify().last_hash
        assert verify_chain(read_export(path)).ok
    rows = list(read_export(tmp_path / "audit.csv"))
    rows[2]["after"] = {"id": 99}
    assert [f.problem for f in verify_chain(rows).findings] == [Problem.CONTENT_CHANGED]
    assert (tmp_path / "audit.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_filters(used: Services, campaign: CampaignInfo) -> None:
    log = AuditLog(used.db)
    statuses = log.entries(AuditFilter(action="candidate.status"))
    assert [e.entity_id for e in statuses] == [1, 2]
    assert {e.action for e in log.entries(AuditFilter(action="candidate"))} == {
        "candidate.create", "candidate.status"}
    assert log.entries(AuditFilter(action="candidate%")) == []
    assert len(log.entries(AuditFilter(actor="测试员"))) == log.verify().count
    assert log.entries(AuditFilter(actor="别人")) == []
    assert {e.entity for e in log.entries(AuditFilter(entity="unit"))} == {"unit"}
    assert [e.entity_id for e in log.entries(AuditFilter(text="王大山"))] == [2]
    future = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    assert log.entries(AuditFilter(since=future)) == []
    assert len(log.entries(AuditFilter(until=future, campaign_id=campaign.id))) >= 13
    newest = log.entries(newest_first=True, limit=2)
    assert [e.id for e in newest] == [log.verify().count, log.verify().count - 1]
    assert log.actors() == ["测试员"]
    assert "candidate" in log.entities()


def test_every_action_the_code_records_has_words(used: Services) -> None:
    """Each literal action code in desktop/core, and each code built from an enum, is named in
    both languages (a new feature's action shows up here until it is added)."""
    codes = set()
    for path in (ROOT / "desktop" / "core").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'(?:action=|_log\(\w+, |_saved\(.*?)"([a-z_]+(?:\.[a-z_]+)?)"',
                                text))
    codes |= {f"serial.{state.value}" for state in SerialState}
    codes |= {f"review.{decision.value}" for decision in Decision}
    codes |= {f"{table}.create" for table in ("category", "unit")}
    missing = sorted(codes - set(ACTION_LABELS))
    assert not missing
    for code in codes:  # and each needs a permission (a code nobody listed raises)
        permission_for(code)
    assert action_label("candidate.status", "zh_CN") == "更改审查状态"
    assert action_label("candidate.status", "en") == "review status changed"
    assert action_label("something.new", "en") == "something.new"


def test_summary_of_a_change() -> None:
    assert summary({"id": 1, "status": "nominated"}, {"id": 1, "status": "qualified"},
                   "zh_CN") == "状态: 已推荐 → 合格"
    assert summary({"id": 1, "status": "nominated"}, {"id": 1, "status": "qualified"},
                   "en") == "status: Nominated → Qualified"
    # Keys in words, moments in local time, lists joined (not "category_id: 3; tied: [...]").
    moment = "2026-12-07T02:45:51.740438+00:00"
    local = dt.datetime.fromisoformat(moment).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    after = {"category_id": 3, "tied": ["01", "03"], "entered_at": moment, "active": True}
    assert summary(None, after, "zh_CN") == (
        f"奖项: 3; 并列编号: 01、03; 录入时间: {local}; 启用: 是")
    assert summary(None, after, "en") == (
        f"category: 3; tied numbers: 01, 03; entered at: {local}; active: yes")
    assert lines(after, "zh_CN").splitlines()[1] == "并列编号：01、03"
    assert summary(None, {"status": "from_the_future"}, "en") == "status: from_the_future"
    # a round's status and a channel's kind share their keys with a candidate's
    assert summary({"status": "open"}, {"status": "closed"}, "zh_CN") == "状态: 进行中 → 已结束"
    assert summary(None, {"kind": "paper_delegates"}, "en").endswith(
        ": Delegates' paper ballots")
    assert summary(None, {"id": 1, "name": "东湖"}, "en") == "name: 东湖"
    assert summary({"id": 1, "quota": 3}, None, "en") == "quota: 3 → ∅"
    assert len(summary(None, {"summary": "事" * 500}, "zh_CN")) == 120


def test_names_of_categories_in_fixtures_are_logged_as_created(used: Services) -> None:
    created = AuditLog(used.db).entries(AuditFilter(action="category.create"))
    assert [e.after["name"] for e in created if e.after] == list(CATEGORY_NAMES)
