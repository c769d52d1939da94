"""The cast-vote record (CVR): one row per paper ballot, as counted, with a SHA-256 manifest.

``cvr.csv`` (UTF-8 with BOM): serial, box, then per category the numbers selected (space
separated, as printed) or ``void`` / ``pending`` / ``blank``. A campaign of rounds or of more
than one paper channel adds ``round`` (the ballot's round, as its layout says) and ``channel``
(its box's paper channel: 群众投票, 代表投票 …) after ``box``; a one-round campaign with one
paper channel keeps the columns it always had. ``manifest.json`` describes the
export and lists each data file with its size and SHA-256; ``SHA256SUMS`` holds the hashes of
both in the format ``sha256sum -c`` checks. Each ballot is counted with the very function that
counts the tally (:func:`desktop.core.results.tally.tally`), so the rows add up to the tally.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from ballotformat import Layout
from ballotformat.messages import RuleError, error
from desktop.core import audit
from desktop.core.accounts import Actor
from desktop.core.enums import ChannelKind, Permission
from desktop.core.results.files import write_atomically
from desktop.core.results.messages import register_messages
from desktop.core.results.tally import CategoryCount, CountedPage, counted_pages, tally
from desktop.core.store import (
    BallotBox,
    Campaign,
    CampaignRound,
    Database,
    LayoutVersion,
    RoundChannel,
    sha256_file,
)
from desktop.core.tabular import write_csv_rows

register_messages()
CVR_FILE, MANIFEST_FILE, SUMS_FILE = "cvr.csv", "manifest.json", "SHA256SUMS"
VOID, PENDING, BLANK = "void", "pending", "blank"
CVR_FORMAT = "ballotdesk-cvr/1"
#: The columns a campaign of rounds or paper channels adds after ``box``.
ROUND_COLUMNS = ("round", "channel")


@dataclass(frozen=True)
class CvrRow:
    serial: int
    box: str
    #: Category → the numbers selected (space separated), or void / pending / blank.
    choices: dict[str, str]
    #: The ballot's round (its layout's) and its box's paper channel ("" without a box).
    round: int = 1
    channel: str = ""


def _outcome(count: CategoryCount) -> str:
    if count.pending:
        return PENDING
    if count.void:
        return VOID
    selected = sorted((number for number, votes in count.votes.items() if votes),
                      key=lambda number: (len(number), number))
    return " ".join(selected) if selected else BLANK


def with_rounds(db: Database, campaign_id: int) -> bool:
    """Whether the campaign's record names each ballot's round and channel: it has more than
    one round or more than one paper channel."""
    with db.transaction() as s:
        rounds = s.scalar(select(func.count()).select_from(CampaignRound)
                          .where(CampaignRound.campaign_id == campaign_id)) or 0
        papers = s.scalar(select(func.count()).select_from(RoundChannel).join(CampaignRound)
                          .where(CampaignRound.campaign_id == campaign_id,
                                 RoundChannel.kind.in_([k for k in ChannelKind if k.paper])))
    return rounds > 1 or (papers or 0) > 1


def cvr_rows(db: Database, campaign_id: int) -> tuple[list[str], list[CvrRow]]:
    """The categories (in ballot order) and one row per ballot with a counted page."""
    with db.transaction() as s:
        layouts = {v: Layout.from_json(text) for v, text in s.execute(
            select(LayoutVersion.version, LayoutVersion.layout_json)
            .where(LayoutVersion.campaign_id == campaign_id)).all()}
        boxes = dict(s.execute(select(BallotBox.id, BallotBox.name)
                               .where(BallotBox.campaign_id == campaign_id)).all())
        channels: dict[int, str] = dict(s.execute(
            select(BallotBox.id, RoundChannel.name)
            .join(RoundChannel, BallotBox.channel_id == RoundChannel.id)
            .where(BallotBox.campaign_id == campaign_id)).all())
    ballots: dict[int, list[CountedPage]] = defaultdict(list)
    for page in counted_pages(db, campaign_id):
        ballots[page.serial].append(page)
    categories: list[str] = []
    for version in sorted(layouts):
        categories += [c for c in layouts[version].max_marks if c not in categories]
    rows = []
    for serial in sorted(ballots):
        pages = ballots[serial]
        counted = tally(pages, layouts.get)
        if not counted.ballots:
            continue  # its layout is not stored: nothing to count it with
        box_id = pages[0].box_id
        layout = layouts[pages[0].layout_version]
        rows.append(CvrRow(serial, boxes.get(box_id, "") if box_id is not None else "",
                           {name: _outcome(count) for name, count in counted.categories.items()},
                           layout.round,
                           channels.get(box_id, "") if box_id is not None else ""))
    return categories, rows




class CastVoteRecord:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def export(self, campaign_id: int, folder: Path | str) -> Path:
        """Write ``cvr.csv``, ``manifest.json`` and ``SHA256SUMS`` into ``folder`` (created if
        needed; refused if it holds other files). Returns the manifest's path."""
        self.actor.require(Permission.EXPORT)
        folder = Path(folder)
        ours = {CVR_FILE, MANIFEST_FILE, SUMS_FILE}
        try:
            folder.mkdir(parents=True, exist_ok=True)
            others = [p.name for p in folder.iterdir() if p.name not in ours]
        except OSError as exc:
            raise RuleError([error("file_write_failed", file=str(folder),
                                   reason=exc.strerror or exc)]) from exc
        if others:
            raise RuleError([error("results_dir_not_empty", folder=str(folder))])
        categories, rows = cvr_rows(self.db, campaign_id)
        rounds = with_rounds(self.db, campaign_id)
        with self.db.transaction() as s:
            campaign = s.get(Campaign, campaign_id)
            if campaign is None:
                raise RuleError([error("not_found", field="campaign", name=str(campaign_id))])
            name = campaign.name

        def write_cvr(target: Path) -> None:
            with target.open("w", encoding="utf-8-sig", newline="") as handle:
                write_csv_rows(handle, [
                    ["serial", "box", *(ROUND_COLUMNS if rounds else ()), *categories], *(
                        [r.serial, r.box, *((r.round, r.channel) if rounds else ()),
                         *(r.choices.get(c, "") for c in categories)] for r in rows)])

        try:
            manifest_path = self._write(folder, write_cvr, {
                "format": CVR_FORMAT, "campaign": name, "campaign_id": campaign_id,
                "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "created_by": self.actor.name, "ballots": len(rows), "categories": categories,
                "values": {VOID: "超过规定人数或选票作废 / overvoted or rejected",
                           PENDING: "待审核 / waiting for review", BLANK: "未选 / no mark"},
                **({"columns": {"round": "选票所属轮次 / the ballot's round",
                                "channel": "投票箱的纸质投票渠道 / its box's paper channel"}}
                   if rounds else {})})
        except RuleError:
            for leftover in ours:  # all three files or none
                (folder / leftover).unlink(missing_ok=True)
            raise
        with self.db.transaction() as s:
            audit.record(s, actor=self.actor, action="cvr.export", entity="campaign",
                         entity_id=campaign_id, campaign_id=campaign_id,
                         after={"folder": str(folder), "ballots": len(rows),
                                "sha256": sha256_file(folder / CVR_FILE)})
        return manifest_path

    @staticmethod
    def _write(folder: Path, write_cvr: Callable[[Path], None],
               manifest: dict[str, Any]) -> Path:
        cvr = write_atomically(folder / CVR_FILE, write_cvr)
        manifest["files"] = [{"name": CVR_FILE, "bytes": cvr.stat().st_size,
                              "sha256": sha256_file(cvr)}]
        manifest_path = write_atomically(folder / MANIFEST_FILE, lambda target: target.write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"))
        sums = "".join(f"{sha256_file(p)}  {p.name}\n" for p in (cvr, manifest_path))
        write_atomically(folder / SUMS_FILE,
                         lambda target: target.write_text(sums, encoding="utf-8"))
        return manifest_path
