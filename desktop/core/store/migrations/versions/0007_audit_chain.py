"""audit chain: prev_hash and hash on every audit entry, and the chain's head

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21 11:23:59.066202

Existing entries are chained in id order. Their ids are first made consecutive (1, 2, 3…):
a PostgreSQL sequence skips the numbers of rolled-back transactions, and from now on a gap
means a deleted entry. Nothing refers to an audit entry's id, and no earlier version showed it.

The hashing is written out here rather than imported, so that this revision keeps doing what
it did when later code changes; it is the scheme of desktop/core/audit/entries.py and docs/audit.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

GENESIS = "0" * 64
HASHED_FIELDS = ("id", "at", "actor", "campaign_id", "action", "entity", "entity_id",
                 "before", "after")

audit_entry = sa.table(
    "audit_entry",
    sa.column("id", sa.Integer()),
    sa.column("at", sa.DateTime()),
    sa.column("actor", sa.String()),
    sa.column("campaign_id", sa.Integer()),
    sa.column("action", sa.String()),
    sa.column("entity", sa.String()),
    sa.column("entity_id", sa.Integer()),
    sa.column("before", sa.JSON()),
    sa.column("after", sa.JSON()),
    sa.column("prev_hash", sa.String()),
    sa.column("hash", sa.String()),
)
audit_head = sa.table(
    "audit_head",
    sa.column("id", sa.Integer()),
    sa.column("last_id", sa.Integer()),
    sa.column("last_hash", sa.String()),
)


def _hash(row: dict[str, Any], prev_hash: str) -> str:
    fields = {key: row[key] for key in HASHED_FIELDS}
    at: dt.datetime = fields["at"]  # stored as naive UTC
    if at.tzinfo is not None:
        at = at.astimezone(dt.UTC)
    fields["at"] = at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((text + prev_hash).encode("utf-8")).hexdigest()


def _chain_existing_entries() -> tuple[int, str]:
    connection = op.get_bind()
    rows = [dict(row) for row in connection.execute(
        sa.select(audit_entry).order_by(audit_entry.c.id)).mappings()]
    for number, row in enumerate(rows, start=1):
        if row["id"] != number:  # ascending: the new id is always free
            connection.execute(audit_entry.update().where(audit_entry.c.id == row["id"])
                               .values(id=number))
            row["id"] = number
    prev_hash = GENESIS
    for row in rows:
        row["prev_hash"] = prev_hash
        row["hash"] = prev_hash = _hash(row, prev_hash)
    if rows:
        connection.execute(
            audit_entry.update().where(audit_entry.c.id == sa.bindparam("row_id"))
            .values(prev_hash=sa.bindparam("new_prev"), hash=sa.bindparam("new_hash")),
            [{"row_id": r["id"], "new_prev": r["prev_hash"], "new_hash": r["hash"]}
             for r in rows])
    return len(rows), prev_hash


def upgrade() -> None:
    op.create_table('audit_head',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_id', sa.Integer(), nullable=False),
    sa.Column('last_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_head'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('hash', sa.String(length=64), nullable=True))

    last_id, last_hash = _chain_existing_entries()
    op.bulk_insert(audit_head, [{"id": 1, "last_id": last_id, "last_hash": last_hash}])

    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.alter_column('prev_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_audit_entry_prev_hash'), ['prev_hash'])


def downgrade() -> None:
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_audit_entry_prev_hash'), type_='unique')
        batch_op.drop_column('hash')
        batch_op.drop_column('prev_hash')

    op.drop_table('audit_head')
