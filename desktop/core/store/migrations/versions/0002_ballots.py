"""ballot boxes, layout versions, print batches, serial notes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 10:23:17.884420
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('ballot_box',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('location', sa.String(length=300), nullable=False),
    sa.Column('responsible', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_ballot_box_campaign_id_campaign'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ballot_box')),
    sa.UniqueConstraint('campaign_id', 'name', name=op.f('uq_ballot_box_campaign_id'))
    )
    op.create_table('layout_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('paper', sa.Enum('A4', 'A3', 'Letter', name='paper', native_enum=False, length=32), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('layout_json', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_layout_version_campaign_id_campaign'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_layout_version')),
    sa.UniqueConstraint('campaign_id', 'version', name=op.f('uq_layout_version_campaign_id'))
    )
    op.create_table('serial_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('serial', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('spoiled', 'unused', name='serial_state', native_enum=False, length=32), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_serial_note_campaign_id_campaign'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_serial_note')),
    sa.UniqueConstraint('campaign_id', 'serial', name=op.f('uq_serial_note_campaign_id'))
    )
    op.create_table('print_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('box_id', sa.Integer(), nullable=False),
    sa.Column('layout_id', sa.Integer(), nullable=False),
    sa.Column('first_serial', sa.Integer(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('destination', sa.String(length=500), nullable=False),
    sa.Column('printed_by', sa.String(length=100), nullable=False),
    sa.Column('printed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['box_id'], ['ballot_box.id'], name=op.f('fk_print_batch_box_id_ballot_box'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_print_batch_campaign_id_campaign'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['layout_id'], ['layout_version.id'], name=op.f('fk_print_batch_layout_id_layout_version'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_print_batch')),
    sa.UniqueConstraint('campaign_id', 'first_serial', name=op.f('uq_print_batch_campaign_id'))
    )


def downgrade() -> None:
    op.drop_table('print_batch')
    op.drop_table('serial_note')
    op.drop_table('layout_version')
    op.drop_table('ballot_box')
