"""The cast-vote record: one row per scanned ballot, equal to the tally, with verified hashes."""

from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter
from pathlib import Path

from desktop.core.enums import ChannelKind
from desktop.core.records.review import Decision, Review
from desktop.core.registry.service import CampaignInfo, CategoryInfo
from desktop.core.results.cvr import BLANK, PENDING, VOID, CastVoteRecord
from desktop.core.results.tally import paper_tally
from desktop.core.services import Services
from tests.ballot_files import BRANDS, STAFF, VOTES, WINDOWS
from tests.conftest import REVIEWER, Cli
from tests.results.test_results_common import record


def read_cvr(folder: Path) -> list[dict[str, str]]:
    with (folder / "cvr.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_record_equals_the_tally_and_its_hashes_verify(
        services: Services, demo: CampaignInfo, scans: list[Path], cli: Cli,
        tmp_path: Path) -> None:
    record(services, scans)
    folder = tmp_path / "cvr"
    data = cli.json("cvr", "export", str(folder))
    assert data["ballots"] == 3
    rows = read_cvr(folder)
    assert [r["serial"] for r in rows] == ["1", "2", "3"]
    assert {r["box"] for r in rows} == {"东湖社区服务中心 1号箱"}
    expected = [{name: " ".join(numbers) or BLANK for name, numbers in votes.items()}
                for votes in VOTES]
    expected[2][WINDOWS] = PENDING  # eleven marks: held for review
    assert [{n: r[n] for n in (WINDOWS, STAFF, BRANDS)} for r in rows] == expected

    # A row per ballot adds up to the tally, category by category.
    tally = paper_tally(services.db, demo.id)
    for name, count in tally.categories.items():
        votes = Counter(n for r in rows if r[name] not in (VOID, PENDING, BLANK)
                        for n in r[name].split())
        assert {k: v for k, v in count.votes.items() if v} == dict(votes)
        assert count.pending == sum(r[name] == PENDING for r in rows)
        assert count.blank == sum(r[name] == BLANK for r in rows)

    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["files"][0]["sha256"] == hashlib.sha256(
        (folder / "cvr.csv").read_bytes()).hexdigest()
    for line in (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ")
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in folder.iterdir()) == ["SHA256SUMS", "cvr.csv",
                                                        "manifest.json"]


def test_void_and_rejected_ballots(services: Services, demo: CampaignInfo, scans: list[Path],
                                   cli: Cli, tmp_path: Path) -> None:
    record(services, scans)
    review = Review(services.db, REVIEWER)
    (overvoted,) = review.queue(demo.id)
    review.decide(demo.id, overvoted.sheet_id, Decision.ACCEPT)  # eleven marks stand: void
    review.decide(demo.id, 1, Decision.REJECT, reason="选票被涂改")  # ballot 1, page 1
    cli.ok("cvr", "export", str(tmp_path / "out"))
    rows = read_cvr(tmp_path / "out")
    assert rows[2][WINDOWS] == VOID
    assert (rows[0][WINDOWS], rows[0][BRANDS]) == (VOID, "10")


def test_an_unusable_folder_gives_its_message_and_writes_nothing(
        services: Services, demo: CampaignInfo, cli: Cli, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    assert cli("cvr", "export", str(blocker / "cvr")) == 1
    assert "无法写入文件" in cli.err
    full = tmp_path / "full"
    full.mkdir()
    (full / "notes.txt").write_text("keep", encoding="utf-8")
    assert cli("cvr", "export", str(full)) == 1
    assert "已有其他文件" in cli.err
    assert sorted(p.name for p in full.iterdir()) == ["notes.txt"]


def test_a_one_round_campaign_s_record_keeps_its_columns(
        services: Services, campaign: CampaignInfo, categories: list[CategoryInfo],
        tmp_path: Path) -> None:
    """One round, one paper channel: no round or channel column, no ``columns`` in the
    manifest (docs/results.md); a second paper channel adds both."""
    CastVoteRecord(services.db, services.actor).export(campaign.id, tmp_path / "one")
    with (tmp_path / "one" / "cvr.csv").open(encoding="utf-8-sig", newline="") as handle:
        # Nothing printed yet: no layout names the categories, the columns are the fixed ones.
        assert next(csv.reader(handle)) == ["serial", "box"]
    manifest = json.loads((tmp_path / "one" / "manifest.json").read_text(encoding="utf-8"))
    assert "columns" not in manifest
    (first,) = services.rounds.list_rounds(campaign.id)
    services.rounds.add_channel(first.id, ChannelKind.PAPER_DELEGATES, "代表投票")
    CastVoteRecord(services.db, services.actor).export(campaign.id, tmp_path / "two")
    with (tmp_path / "two" / "cvr.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert next(csv.reader(handle)) == ["serial", "box", "round", "channel"]
