"""per-box ballot keys for station copies

A station copy holds its boxes' MAC keys (box_key) and the campaign's package tag instead of
the campaign secret (left empty there). Only added, never altered: rebuilding the campaign
table on SQLite would delete every row referencing it.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 11:09:05.956968
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('box_key',
    sa.Column('box_id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.LargeBinary(length=32), nullable=False),
    sa.ForeignKeyConstraint(['box_id'], ['ballot_box.id'], name=op.f('fk_box_key_box_id_ballot_box'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_box_key_campaign_id_campaign'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('box_id', name=op.f('pk_box_key'))
    )
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.add_column(sa.Column('package_tag', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.drop_column('package_tag')
    op.drop_table('box_key')
