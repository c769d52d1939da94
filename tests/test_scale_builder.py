"""The scale benchmark's builder (benchmarks/scale.py) at a tiny size: its sheets go through the
recording path, so what results count must be exactly the ticks it drew; otherwise the
benchmark's figures would be of some other campaign than the one it claims to build."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sqlalchemy import func, select

from benchmarks.scale import ScaleCampaign
from desktop.core.store.models import Sheet

#: Ten ballots of three pages.
SHEETS = 30


def test_the_builder_records_what_results_count(db_url: str, tmp_path: Path) -> None:
    built = ScaleCampaign(db_url, tmp_path / "scale", seed=7, review_share=0.0)
    try:
        built.record(SHEETS)
        assert built.sheets == SHEETS == len(built.ballots) * built.pages_per_ballot
        with built.services.db.transaction() as s:
            counted = s.scalar(select(func.count()).select_from(Sheet)
                               .where(Sheet.counted_key.is_not(None)))
        assert counted == SHEETS
        results = built.services.results.compute(built.campaign_id)
        assert results.ballots == len(built.ballots)
        votes = {(category.name, candidate.number): candidate.paper
                 for category in results.categories for candidate in category.candidates}
        drawn = Counter(tick for ballot in built.ballots for tick in ballot.ticked)
        assert {key: count for key, count in votes.items() if count} == dict(drawn)
        assert sum(drawn.values()) > 0
        assert built.review_queue() == 0
    finally:
        built.services.db.dispose()


def test_the_builders_ambiguous_pages_wait_for_review(db_url: str, tmp_path: Path) -> None:
    built = ScaleCampaign(db_url, tmp_path / "scale", seed=7, review_share=1.0)
    try:
        built.record(6)
        assert built.review_queue() == 6, "every page has an ambiguous mark"
    finally:
        built.services.db.dispose()
