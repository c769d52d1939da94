"""audit content baseline: the digests of the counted data as it stands, on the chain

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 11:30:00.000000

From this version on, every entry for a change to counted data carries the digests of the rows
it wrote (desktop/core/audit/content.py), and ``audit verify`` recomputes them from the tables.
Entries written before carry none, so this revision appends ``audit.baseline`` entries with
the digests of every counted row present now (no schema change): those rows are covered from
here on, and what happened to them before the upgrade is covered by the baseline only.

Unlike 0007, the digests are computed by the application's own code: they must be the ones
``audit verify`` recomputes. A later change to what a digest covers needs a revision of its
own that appends a new baseline.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from desktop.core.audit.content import KINDS, Kind, Part
from desktop.core.audit.log import record_baseline
from desktop.core.store.models import Sheet

#: The marks as this revision holds them, a row per target (0012 packs them into the sheet's
#: row, and the application's own part reads them there); the rows hashed are the same.
_SHEET_MARK = sa.table("sheet_mark", sa.column("sheet_id", sa.Integer),
                       sa.column("category", sa.String), sa.column("candidate", sa.String),
                       sa.column("state", sa.String), sa.column("score", sa.Float))
#: Kinds whose tables later revisions add (0013: rounds): they do not exist here yet.
_LATER = frozenset({"round_tie", "committee_decision"})
_KINDS = tuple(
    Kind(Sheet, (kind.parts[0], Part("sheet_mark", _SHEET_MARK.c.sheet_id,
                                     (_SHEET_MARK.c.category, _SHEET_MARK.c.candidate,
                                      _SHEET_MARK.c.state, _SHEET_MARK.c.score),
                                     (_SHEET_MARK.c.category, _SHEET_MARK.c.candidate))))
    if kind.model is Sheet else kind for kind in KINDS if kind.name not in _LATER)

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Joined to the migration's transaction: the entries are chained (audit_head locked and
    # moved) when this session commits, and written for good when the migration does.
    with Session(bind=op.get_bind()) as session:
        record_baseline(session, _KINDS)
        session.commit()


def downgrade() -> None:
    """The baseline entries stay: entries are never deleted (the chain would show a gap)."""
