"""packed marks: a sheet's target states and scores in its own row, not a row per target

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 14:40:00.000000

``sheet_mark`` held one row per target of every sheet (category name, candidate, state, score:
about 100 bytes a target with its unique index, 5 KB of a sheet's 5.9 KB), and every count
loaded them as objects. A sheet now carries its marks packed (models.py, ``Sheet.mark_*``):
the id of its targets' list in the new table ``mark_targets`` (one row per distinct list, in
practice one per layout page), a string of one state code per target and the scores as doubles
in the same order (exactly the stored floats). Every mark is kept, empty ones and scores too.

The audit digests of a sheet's marks are computed from the unpacked rows, the same rows
``sheet_mark`` held (audit_content.py), so every digest already on the chain still verifies:
no new baseline. The image archive is untouched.

Not reversible: the downgrade refuses (a backup of a SQLite file is taken before the upgrade).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from alembic import op

from desktop.core.store.models import StoredMark, pack_marks

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

#: Sheets converted per round trip, and marks read per round trip.
CHUNK_SHEETS = 2000
STREAM_ROWS = 20000


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def upgrade() -> None:
    op.create_table(
        "mark_targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("targets", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mark_targets")),
        sa.UniqueConstraint("digest", name=op.f("uq_mark_targets_digest")),
    )
    # A plain number, no foreign key: SQLite adds one to an existing table only by rebuilding
    # it, and dropping the old sheet table would cascade to its decisions. Lists are never
    # deleted, and an edited reference changes the sheet's marks digest (audit verify names it).
    op.add_column("sheet", sa.Column("mark_targets_id", sa.Integer(), nullable=True))
    op.add_column("sheet", sa.Column("mark_states", sa.Text(), nullable=False,
                                     server_default=""))
    op.add_column("sheet", sa.Column("mark_scores", sa.LargeBinary(), nullable=False,
                                     server_default=""))
    connection = op.get_bind()
    # SQLite stored the default as text: every sheet gets a real (empty) blob first.
    connection.execute(sa.text("UPDATE sheet SET mark_scores = :empty"), {"empty": b""})
    targets_table = sa.table("mark_targets", sa.column("id", sa.Integer),
                             sa.column("digest", sa.String), sa.column("targets", sa.JSON))
    ids: dict[str, int] = {}
    update = sa.text("UPDATE sheet SET mark_targets_id = :t, mark_states = :st, "
                     "mark_scores = :sc WHERE id = :id")
    batch: list[dict[str, Any]] = []
    for sheet_id, marks in _marks_by_sheet(connection):
        targets = [[category, candidate] for category, candidate, _state, _score in marks]
        text = _canonical(targets)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest not in ids:
            ids[digest] = connection.execute(
                sa.insert(targets_table).values(digest=digest, targets=targets)
                .returning(targets_table.c.id)).scalar_one()
        try:
            _targets, states, scores = pack_marks([StoredMark(c, n, st, float(sc))
                                                   for c, n, st, sc in marks])
        except KeyError as exc:
            raise RuntimeError(f"sheet {sheet_id}: unknown mark state {exc}") from exc
        batch.append({"t": ids[digest], "st": states, "sc": scores, "id": sheet_id})
        if len(batch) >= CHUNK_SHEETS:
            connection.execute(update, batch)
            batch = []
    if batch:
        connection.execute(update, batch)
    op.drop_table("sheet_mark")


def _marks_by_sheet(connection: sa.Connection
                    ) -> Iterator[tuple[int, list[tuple[str, str, str, float]]]]:
    """Each sheet's marks in the reader's order (the order they were written in)."""
    rows = connection.execute(
        sa.text("SELECT sheet_id, category, candidate, state, score FROM sheet_mark "
                "ORDER BY sheet_id, id").execution_options(yield_per=STREAM_ROWS))
    current: int | None = None
    marks: list[tuple[str, str, str, float]] = []
    for sheet_id, category, candidate, state, score in rows:
        if sheet_id != current:
            if current is not None:
                yield current, marks
            current, marks = sheet_id, []
        marks.append((category, candidate, state, score))
    if current is not None:
        yield current, marks


def downgrade() -> None:
    raise NotImplementedError("0012 is not reversible: restore the backup taken before it")
