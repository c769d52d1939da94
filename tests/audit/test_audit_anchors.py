"""Anchors: an entry's id and hash written down outside the database catch a chain rewritten
with every hash and the head recomputed, which the chain alone accepts."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import delete, update

from ballotformat.messages import RuleError
from desktop.core.audit import entries as audit
from desktop.core.audit.export import read_export, write_export
from desktop.core.audit.log import (
    ANCHOR_FULL_DIGITS,
    ANCHOR_SHORT_DIGITS,
    Anchor,
    AuditLog,
    Problem,
    parse_anchors,
    verify_chain,
)
from desktop.core.registry.service import CampaignInfo, CategoryInfo, UnitInfo
from desktop.core.services import Services
from desktop.core.store.db import Database
from desktop.core.store.models import AuditEntry, AuditHead
from tests.conftest import person

pytestmark = pytest.mark.both_backends

ENTRIES = AuditEntry.__table__
HEAD = AuditHead.__table__
HASH = "9f86d081884c7d65" + "a" * 48


@pytest.fixture
def used(services: Services, campaign: CampaignInfo, categories: list[CategoryInfo],
         units: list[UnitInfo]) -> Services:
    for name, unit in (("林小雨", units[0]), ("王大山", units[1]), ("陈静", units[2])):
        services.candidates.add(campaign.id, person(name, unit.name))
    return services


def rewrite_from(db: Database, first: int) -> None:
    """What someone with write access can do: change entry ``first`` and recompute every hash
    from there on, and the head, so that the chain itself checks out."""
    entries = [e.as_dict() for e in AuditLog(db).entries()]
    prev_hash = entries[first - 2]["hash"] if first > 1 else audit.GENESIS
    with db.engine.begin() as connection:
        for entry in entries[first - 1:]:
            if entry["id"] == first:
                entry["actor"] = "别人"
            entry["prev_hash"] = prev_hash
            entry["hash"] = prev_hash = audit.entry_hash(entry, prev_hash)
            connection.execute(update(ENTRIES).where(ENTRIES.c.id == entry["id"]).values(
                actor=entry["actor"], prev_hash=entry["prev_hash"], hash=entry["hash"]))
        connection.execute(update(HEAD).values(last_id=entries[-1]["id"], last_hash=prev_hash))


def anchor_of(services: Services, entry_id: int) -> Anchor:
    entry = AuditLog(services.db).entries()[entry_id - 1]
    return Anchor.parse(f"{entry.id}:{entry.hash[:ANCHOR_SHORT_DIGITS]}")


def problems(result: Any) -> list[tuple[Problem, int]]:
    return [(f.problem, f.entry_id) for f in result.findings]


def test_parse_and_text() -> None:
    anchor = Anchor.parse(f"  1234 : {HASH.upper()} ")
    assert anchor == Anchor(1234, HASH)
    assert anchor.text() == "1234:9f86d081884c7d65"
    assert anchor.text(ANCHOR_FULL_DIGITS) == f"1234:{HASH}"
    assert Anchor.parse("7：9F86D081884C7D65") == Anchor(7, HASH[:16])  # a Chinese colon
    assert Anchor.parse(f"7:{HASH[:40]}").hash_prefix == HASH[:40]
    assert anchor.matches(HASH) and Anchor(1, HASH[:16]).matches(HASH.upper())
    assert not Anchor(1, "0" * 16).matches(HASH)
    assert parse_anchors(f" 1:{HASH[:16]}，2:{HASH}; 3:{HASH[:20]}\n") == [
        Anchor(1, HASH[:16]), Anchor(2, HASH), Anchor(3, HASH[:20])]
    assert parse_anchors("  ") == []


@pytest.mark.parametrize("text", ["", "1234", f"1234{HASH[:16]}", f"0:{HASH[:16]}",
                                  f"-1:{HASH[:16]}", f"1:{HASH[:15]}", f"1:{HASH}0",
                                  "1:9f86d081884c7d6g", f"x:{HASH[:16]}",
                                  f"1:{HASH[:8]} {HASH[8:16]}"])
def test_a_bad_anchor_is_refused_in_both_languages(text: str) -> None:
    with pytest.raises(RuleError) as refused:
        Anchor.parse(text)
    (message,) = refused.value.messages
    assert message.text("zh_CN").startswith(f"“{text.strip()}”不是审计链锚点")
    assert "16–64 位十六进制数字" in message.text("zh_CN")
    assert f"“{text.strip()}” is not an audit anchor" in message.text("en")


def test_head_names_the_last_entry(used: Services) -> None:
    log = AuditLog(used.db)
    last = log.entries()[-1]
    assert log.head() == Anchor(last.id, last.hash)
    result = log.verify([log.head()])  # type: ignore[list-item]
    assert result.ok
    assert result.head == Anchor(last.id, last.hash)


def test_an_empty_log_has_no_head(services: Services) -> None:
    log = AuditLog(services.db)
    assert log.head() is None
    assert log.verify().head is None
    assert problems(log.verify([Anchor(1, HASH[:16])])) == [(Problem.ANCHOR_MISSING, 1)]


def test_a_rewritten_chain_verifies_alone_but_not_against_an_anchor(used: Services) -> None:
    log = AuditLog(used.db)
    count = log.verify().count
    before, at, after, last = (anchor_of(used, n) for n in (4, 5, 7, count))
    rewrite_from(used.db, 5)
    assert log.verify().ok  # the chain alone cannot tell
    assert log.verify([before]).ok
    result = log.verify([before, at, after, last])
    assert problems(result) == [(Problem.ANCHOR_MISMATCH, 5), (Problem.ANCHOR_MISMATCH, 7),
                                (Problem.ANCHOR_MISMATCH, count)]
    message = result.findings[0].message()
    assert message.text("zh_CN") == (f"第 5 条的哈希与留存的 {at.text()} 不符："
                                     "此条或之前的记录被改写")
    assert message.text("en").startswith(f"entry 5: its hash differs from the anchor {at.text()}")


def test_a_full_hash_anchor_and_an_export_are_checked_alike(used: Services, tmp_path: Any
                                                            ) -> None:
    log = AuditLog(used.db)
    full = log.head()
    assert full is not None and len(full.hash_prefix) == ANCHOR_FULL_DIGITS
    short = anchor_of(used, 3)
    rewrite_from(used.db, 3)
    path = tmp_path / "log.csv"
    write_export(log.iter_all(), path)
    assert verify_chain(read_export(path)).ok
    exported = verify_chain(read_export(path), [short, full])
    assert problems(exported) == [(Problem.ANCHOR_MISMATCH, 3),
                                  (Problem.ANCHOR_MISMATCH, full.entry_id)]
    assert problems(exported) == problems(log.verify([short, full]))


def test_a_deleted_anchor_entry_or_a_shortened_log_is_found(used: Services) -> None:
    log = AuditLog(used.db)
    count = log.verify().count
    kept, gone, last = anchor_of(used, 2), anchor_of(used, 6), anchor_of(used, count)
    with used.db.engine.begin() as connection:
        connection.execute(delete(ENTRIES).where(ENTRIES.c.id == 6))
    assert problems(log.verify([kept, gone])) == [(Problem.MISSING, 7),
                                                   (Problem.ANCHOR_MISSING, 6)]
    fifth = log.entries()[4]
    with used.db.engine.begin() as connection:  # cut short, the head moved back to match
        connection.execute(delete(ENTRIES).where(ENTRIES.c.id > fifth.id))
        connection.execute(update(HEAD).values(last_id=fifth.id, last_hash=fifth.hash))
    cut = log.verify()
    assert cut.findings == ()  # the chain alone is consistent again...
    assert not cut.ok  # ...but the rows the cut entries covered are on it no more
    result = log.verify([kept, last])
    assert problems(result) == [(Problem.ANCHOR_MISSING, count)]
    missing = next(f for f in result.findings if f.problem is Problem.ANCHOR_MISSING)
    assert missing.message().text("zh_CN") == (
        f"第 {count} 条不存在（留存的 {last.text()}）：此条已被删除，或日志被截短")
    assert missing.message().text("en").startswith(f"entry {count} does not exist")
