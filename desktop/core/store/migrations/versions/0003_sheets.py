"""scanned sheets and their marks

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 10:47:56.678321
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sheet',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('image_key', sa.String(length=80), nullable=False),
    sa.Column('image_sha256', sa.String(length=64), nullable=False),
    sa.Column('page_index', sa.Integer(), nullable=False),
    sa.Column('archive_path', sa.String(length=300), nullable=False),
    sa.Column('source', sa.String(length=500), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=True),
    sa.Column('serial', sa.Integer(), nullable=True),
    sa.Column('layout_version', sa.Integer(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('box_id', sa.Integer(), nullable=True),
    sa.Column('counted_key', sa.String(length=40), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('qr_text', sa.String(length=64), nullable=True),
    sa.Column('homography', sa.JSON(), nullable=True),
    sa.Column('image_scale', sa.Double(), nullable=False),
    sa.Column('station', sa.String(length=100), nullable=False),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['box_id'], ['ballot_box.id'], name=op.f('fk_sheet_box_id_ballot_box'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_sheet_campaign_id_campaign'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sheet')),
    sa.UniqueConstraint('counted_key', name=op.f('uq_sheet_counted_key')),
    sa.UniqueConstraint('image_key', name=op.f('uq_sheet_image_key'))
    )
    with op.batch_alter_table('sheet', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sheet_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sheet_image_sha256'), ['image_sha256'], unique=False)

    op.create_table('sheet_mark',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sheet_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=200), nullable=False),
    sa.Column('candidate', sa.String(length=16), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('score', sa.Double(), nullable=False),
    sa.ForeignKeyConstraint(['sheet_id'], ['sheet.id'], name=op.f('fk_sheet_mark_sheet_id_sheet'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sheet_mark')),
    sa.UniqueConstraint('sheet_id', 'category', 'candidate', name=op.f('uq_sheet_mark_sheet_id'))
    )


def downgrade() -> None:
    op.drop_table('sheet_mark')
    with op.batch_alter_table('sheet', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sheet_image_sha256'))
        batch_op.drop_index(batch_op.f('ix_sheet_campaign_id'))

    op.drop_table('sheet')
