"""online votes (sources, imports, totals, flagged rows, mappings) and expert scores

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 10:54:21.112366
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('online_mapping',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('shape', sa.String(length=64), nullable=False),
    sa.Column('headers', sa.JSON(), nullable=False),
    sa.Column('mapping', sa.JSON(), nullable=False),
    sa.Column('saved_by', sa.String(length=100), nullable=False),
    sa.Column('saved_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_online_mapping_campaign_id_campaign'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_online_mapping')),
    sa.UniqueConstraint('campaign_id', 'shape', name=op.f('uq_online_mapping_campaign_id'))
    )
    op.create_table('online_source',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('voter_limit', sa.Integer(), nullable=True),
    sa.Column('voter_limit_period', sa.String(length=8), nullable=False),
    sa.Column('ip_burst_votes', sa.Integer(), nullable=False),
    sa.Column('ip_burst_seconds', sa.Integer(), nullable=False),
    sa.Column('spike_votes_per_minute', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_online_source_campaign_id_campaign'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_online_source')),
    sa.UniqueConstraint('campaign_id', 'name', name=op.f('uq_online_source_campaign_id'))
    )
    op.create_table('expert_rule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('max_score', sa.Double(), nullable=True),
    sa.Column('drop_extremes', sa.Boolean(), nullable=True),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_expert_rule_campaign_id_campaign'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['category_id'], ['category.id'], name=op.f('fk_expert_rule_category_id_category'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expert_rule')),
    sa.UniqueConstraint('campaign_id', 'category_id', name=op.f('uq_expert_rule_campaign_id'))
    )
    op.create_table('online_import',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('shape', sa.String(length=8), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('flagged_rows', sa.Integer(), nullable=False),
    sa.Column('encoding', sa.String(length=16), nullable=True),
    sa.Column('sheet', sa.String(length=100), nullable=True),
    sa.Column('settings', sa.JSON(), nullable=False),
    sa.Column('imported_by', sa.String(length=100), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.Column('withdrawn_by', sa.String(length=100), nullable=True),
    sa.Column('withdrawn_at', sa.DateTime(), nullable=True),
    sa.Column('withdraw_note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_online_import_campaign_id_campaign'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['online_source.id'], name=op.f('fk_online_import_source_id_online_source'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_online_import'))
    )
    with op.batch_alter_table('online_import', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_online_import_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_online_import_sha256'), ['sha256'], unique=False)

    op.create_table('expert_score',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('expert', sa.String(length=100), nullable=False),
    sa.Column('score', sa.Double(), nullable=False),
    sa.Column('entered_by', sa.String(length=100), nullable=False),
    sa.Column('entered_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_expert_score_campaign_id_campaign'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate.id'], name=op.f('fk_expert_score_candidate_id_candidate'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expert_score')),
    sa.UniqueConstraint('candidate_id', 'expert', name=op.f('uq_expert_score_candidate_id'))
    )
    with op.batch_alter_table('expert_score', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_expert_score_campaign_id'), ['campaign_id'], unique=False)

    op.create_table('online_flag',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.Column('row', sa.Integer(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('time', sa.String(length=40), nullable=False),
    sa.Column('voter', sa.String(length=200), nullable=False),
    sa.Column('ip', sa.String(length=64), nullable=False),
    sa.Column('candidate_ids', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['import_id'], ['online_import.id'], name=op.f('fk_online_flag_import_id_online_import'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_online_flag'))
    )
    with op.batch_alter_table('online_flag', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_online_flag_import_id'), ['import_id'], unique=False)

    op.create_table('online_total',
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('votes', sa.Integer(), nullable=False),
    sa.Column('unflagged', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate.id'], name=op.f('fk_online_total_candidate_id_candidate'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['import_id'], ['online_import.id'], name=op.f('fk_online_total_import_id_online_import'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('import_id', 'candidate_id', name=op.f('pk_online_total'))
    )


def downgrade() -> None:
    op.drop_table('online_total')
    with op.batch_alter_table('online_flag', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_online_flag_import_id'))

    op.drop_table('online_flag')
    with op.batch_alter_table('expert_score', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_expert_score_campaign_id'))

    op.drop_table('expert_score')
    with op.batch_alter_table('online_import', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_online_import_sha256'))
        batch_op.drop_index(batch_op.f('ix_online_import_campaign_id'))

    op.drop_table('online_import')
    op.drop_table('expert_rule')
    op.drop_table('online_source')
    op.drop_table('online_mapping')
