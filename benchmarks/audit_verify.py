"""Benchmark: ``audit verify`` with the counted-data check on a database of 100,000 sheets.

    .venv/bin/python benchmarks/audit_verify.py [--sheets 100000] [--marks 60] [--db URL]

Fills a fresh database (a SQLite file in a temp folder unless ``--db`` names an empty one)
with ``--sheets`` sheets of ``--marks`` marks each, written with plain SQL (scanning them would
take hours and measure the reader), covers them with the digests of a baseline (what
migration 0009 appends to an existing database), then times the whole verification: the chain
and every digest recomputed from the tables. Prints seconds, sheets per second and the peak
memory of this process; on a shared machine the CPU seconds of the verification are the
steadier figure.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert
from sqlalchemy.orm import Session

from desktop.core.audit.log import AuditLog, record_baseline
from desktop.core.store.db import Database
from desktop.core.store.models import MarkTargets, Sheet, StoredMark, pack_marks

#: Sheets per INSERT round trip while filling.
FILL_ROWS = 2_000
STATES = ("empty", "empty", "empty", "marked")


def fill(db: Database, sheets: int, marks: int) -> None:
    """Sheets with their marks packed as recording.py stores them (one targets' list)."""
    def packed(i: int) -> tuple[str, bytes]:
        _targets, states, scores = pack_marks([StoredMark(
            f"奖项{m // 20}", f"{m % 20:02d}", STATES[(i + m) % len(STATES)],
            round((i * m % 97) / 97, 4)) for m in range(marks)])
        return states, scores

    targets = [[f"奖项{m // 20}", f"{m % 20:02d}"] for m in range(marks)]
    with db.engine.begin() as connection:
        connection.execute(insert(MarkTargets), {"id": 1, "digest": "bench", "targets": targets})
        for start in range(1, sheets + 1, FILL_ROWS):
            ids = range(start, min(start + FILL_ROWS, sheets + 1))
            connection.execute(insert(Sheet), [{
                "id": i, "image_key": f"{i:064x}:0", "image_sha256": f"{i:064x}",
                "page_index": 0, "archive_path": f"{i:064x}.jpg", "source": f"scan{i}.jpg",
                "campaign_id": None, "serial": i, "layout_version": 1, "page": 1,
                "box_id": None, "counted_key": f"1:{i}:1", "status": "accepted", "reasons": [],
                "image_scale": 1.0, "station": "bench", "recorded_by": "bench",
                "mark_targets_id": 1, "mark_states": packed(i)[0], "mark_scores": packed(i)[1]}
                for i in ids])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=100_000)
    parser.add_argument("--marks", type=int, default=60)
    parser.add_argument("--db", help="an empty database (default: a new SQLite file)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ballotdesk-verify-"))
    db = Database.open(args.db or f"sqlite:///{folder / 'bench.sqlite3'}")
    started = time.perf_counter()
    fill(db, args.sheets, args.marks)
    filled = time.perf_counter()
    with Session(db.engine) as session, session.begin():
        entries = record_baseline(session)
    baselined, cpu = time.perf_counter(), time.process_time()
    result = AuditLog(db).verify()
    verified, cpu = time.perf_counter(), time.process_time() - cpu
    assert result.ok, [m.text("en") for m in result.problems()[:5]]
    assert result.content is not None
    assert result.content.rows == args.sheets
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.sheets} sheets x {args.marks} marks on {db.engine.dialect.name}: "
          f"filled in {filled - started:.1f} s, baseline ({entries} entries) "
          f"{baselined - filled:.1f} s, verify {verified - baselined:.1f} s "
          f"({args.sheets / (verified - baselined):.0f} sheets/s; {cpu:.1f} s CPU in this "
          f"process), peak {peak_mb:.0f} MB")
    db.dispose()


if __name__ == "__main__":
    main()
