"""results: combination rule and notice settings, tie decisions

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21 11:22:16.363054
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('result_setting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('online_votes', sa.String(length=16), nullable=False),
    sa.Column('normalise', sa.String(length=8), nullable=False),
    sa.Column('weights', sa.JSON(), nullable=False),
    sa.Column('notice', sa.JSON(), nullable=False),
    sa.Column('set_by', sa.String(length=100), nullable=False),
    sa.Column('set_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_result_setting_campaign_id_campaign'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_result_setting')),
    sa.UniqueConstraint('campaign_id', name=op.f('uq_result_setting_campaign_id'))
    )
    op.create_table('tie_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('tied', sa.JSON(), nullable=False),
    sa.Column('winners', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('decided_by', sa.String(length=100), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_tie_decision_campaign_id_campaign'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['category_id'], ['category.id'], name=op.f('fk_tie_decision_category_id_category'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tie_decision'))
    )
    with op.batch_alter_table('tie_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tie_decision_campaign_id'), ['campaign_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('tie_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tie_decision_campaign_id'))

    op.drop_table('tie_decision')
    op.drop_table('result_setting')
