"""``ballotdesk audit list|verify|export`` on a log built through the commands themselves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, delete, update

from desktop.core.store.db import Database
from desktop.core.store.models import AuditEntry, AuditHead
from tests.audit.test_audit_anchors import rewrite_from
from tests.conftest import Cli

pytestmark = pytest.mark.both_backends


@pytest.fixture
def logged(cli: Cli) -> Cli:
    cli.ok("campaign", "create", "2026年度十佳评选")
    cli.ok("category", "add", "十佳优秀服务标兵", "--winners", "10")
    cli.ok("unit", "add", "东湖街道")
    cli.ok("unit", "add", "西山镇", "--quota", "2")
    return cli


def tamper(cli: Cli, statement: object) -> None:
    engine = create_engine(cli.url)
    with engine.begin() as connection:
        connection.execute(statement)  # type: ignore[call-overload]
    engine.dispose()


def test_verify_reports_an_intact_chain(logged: Cli) -> None:
    out = logged.ok("audit", "verify")
    assert out.splitlines()[0] == "审计链完整（5 条）"
    assert out.splitlines()[1] == "计票数据与审计链相符（1 行）"  # the category
    assert out.splitlines()[2].rpartition("：")[2].startswith("5:")
    data = logged.json("audit", "verify")
    assert (data["ok"], data["count"], data["findings"]) == (True, 5, [])
    assert logged.ok("--lang", "en", "audit", "verify").startswith(
        "The audit chain is intact (5 entries)")


def test_verify_lists_each_broken_entry_and_fails(logged: Cli) -> None:
    entries = AuditEntry.__table__
    tamper(logged, update(entries).where(entries.c.id == 3).values(actor="别人"))
    tamper(logged, delete(entries).where(entries.c.id == 4))
    tamper(logged, update(AuditHead.__table__).values(last_hash="0" * 64))
    assert logged("audit", "verify") == 1
    assert logged.err.splitlines() == [
        "审计链已被破坏：发现 3 处问题",
        "第 3 条：内容被改动（哈希不符）",
        "第 3 条与第 5 条之间缺少 1 条记录",
        "链头不符：链头记为第 5 条，而最后一条是第 5 条（或其哈希不同）",
    ]
    assert logged("--lang", "en", "audit", "verify") == 1
    assert "entry 3: content changed" in logged.err
    assert logged("--json", "audit", "verify") == 1
    problems = [(f["problem"], f["entry_id"]) for f in json.loads(logged.out)["findings"]]
    assert problems == [("content_changed", 3), ("missing", 5), ("head_mismatch", 5)]


def test_list_with_filters(logged: Cli) -> None:
    rows = logged.json("audit", "list")
    assert [r["action"] for r in rows] == ["account.setup", "campaign.create", "category.create",
                                           "unit.create", "unit.create"]
    assert rows[1]["action_label"] == "创建评选活动"
    assert rows[1]["at"].endswith("Z")
    assert [r["id"] for r in logged.json("audit", "list", "--action", "unit")] == [4, 5]
    assert logged.json("audit", "list", "--entity", "category")[0]["after"]["winners"] == 10
    assert logged.json("audit", "list", "--actor", "nobody") == []
    assert logged.json("audit", "list", "--since", "2999-01-01") == []
    assert len(logged.json("audit", "list", "--until", "2999-01-01")) == 5
    assert [r["id"] for r in logged.json("audit", "list", "--text", "西山")] == [5]
    assert [r["id"] for r in logged.json("audit", "list", "--limit", "2")] == [4, 5]
    table = logged.ok("audit", "list", "--action", "unit")
    assert "新增推荐单位" in table
    assert "推荐单位 2" in table
    assert "西山镇" in table
    assert "nominating unit added" in logged.ok("--lang", "en", "audit", "list")
    assert logged("audit", "list", "--since", "昨天") == 2
    assert "不是日期" in logged.err


def test_export_and_verify_the_file(logged: Cli, tmp_path: Path) -> None:
    for count, name in ((5, "audit.csv"), (6, "audit.jsonl")):  # each export is logged too
        path = tmp_path / name
        assert f"已导出 {count} 条审计记录" in logged.ok("audit", "export", str(path))
        assert logged.ok("audit", "verify", "--file", str(path)).startswith(
            f"审计链完整（{count} 条）")
    exported = logged.json("audit", "list", "--action", "audit_export")
    assert [(e["actor"], e["after"]["file"]) for e in exported] == [
        ("测试员", "audit.csv"), ("测试员", "audit.jsonl")]
    lines = (tmp_path / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("十佳", "九佳")
    (tmp_path / "forged.jsonl").write_text("\n".join(lines), encoding="utf-8")
    assert logged("audit", "verify", "--file", str(tmp_path / "forged.jsonl")) == 1
    assert "第 3 条：内容被改动" in logged.err
    assert logged("audit", "export", str(tmp_path / "audit.xlsx")) == 1
    assert ".csv 或 .jsonl" in logged.err
    assert not (tmp_path / "audit.xlsx").exists()


def test_verify_against_anchors(logged: Cli, tmp_path: Path) -> None:
    out = logged.ok("audit", "verify").splitlines()
    assert out[2].startswith("留存此值，日后可用 --anchor 核对（审计链锚点）：")
    head = out[2].rpartition("：")[2]
    assert head == f"5:{logged.json('audit', 'list')[-1]['hash'][:16]}"
    assert logged.json("audit", "verify")["anchor"] == head
    second = logged.json("audit", "list")[1]
    early = f"2:{second['hash'].upper()}"  # the full hash, any case
    assert logged.ok("audit", "verify", "--anchor", early, "--anchor", head).splitlines()[2] == \
        "与留存的 2 个锚点相符。"
    path = tmp_path / "before.csv"
    logged.ok("audit", "export", str(path))
    db = Database(logged.url)
    try:
        rewrite_from(db, 3)
    finally:
        db.dispose()
    assert logged("audit", "verify") == 0  # the rewritten chain holds together
    assert logged("audit", "verify", "--anchor", early) == 0
    assert logged("audit", "verify", "--anchor", early, "--anchor", head) == 1
    assert logged.err.splitlines() == [
        "审计链已被破坏：发现 1 处问题",
        f"第 5 条的哈希与留存的 {head} 不符：此条或之前的记录被改写"]
    assert logged("--json", "audit", "verify", "--anchor", head, "--anchor", "9:" + "0" * 16) == 1
    data = json.loads(logged.out)
    assert (data["ok"], data["anchors"]) == (False, [head, "9:" + "0" * 16])
    assert [(f["problem"], f["entry_id"], f["anchor"]) for f in data["findings"]] == [
        ("anchor_mismatch", 5, head), ("anchor_missing", 9, "9:" + "0" * 16)]
    assert logged("audit", "verify", "--file", str(path), "--anchor", head) == 0
    assert logged("--lang", "en", "audit", "verify", "--file", str(path), "--anchor",
                  "6:" + "0" * 16) == 1
    assert "entry 6 does not exist (anchor 6:0000000000000000)" in logged.err


def test_a_malformed_anchor_is_a_usage_error(logged: Cli) -> None:
    assert logged("audit", "verify", "--anchor", "5:abc") == 2
    assert "“5:abc”不是审计链锚点" in logged.err
    assert logged("--lang", "en", "audit", "verify", "--anchor", "abc") == 2
    assert "“abc” is not an audit anchor" in logged.err
