"""rounds, channels and the committee's decision

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 18:30:00.000000

A campaign runs in rounds (``campaign_round``), each with its channels (``round_channel``:
online sources, public and delegates' paper ballots, the expert panel, each with an optional
weight), the count per category that goes on to the next round (``round_advance``), the
candidates standing in a later round (``round_candidate``), ties at a round's cut
(``round_tie``) and the leading group's decision (``committee_decision``, ``decision_line``).
A box belongs to a round's paper channel (``ballot_box.channel_id``), a print batch to a
round (``print_batch.round_id``).

Every existing campaign gets one round holding what it has: a public paper channel with its
boxes and batches, a channel per online source, an expert channel if it has expert scores. No
channel gets a weight of its own (NULL: the campaign's combination rule decides, as before), so
a one-round campaign counts exactly as it did.

The two new columns are added without rebuilding their tables: on SQLite, ``ALTER TABLE ADD
COLUMN`` with its ``REFERENCES`` clause (a rebuild would drop the old ``ballot_box`` table,
which cascades to box keys and is refused by batches and sheets). Nothing the audit chain
digests changes, so no baseline is needed.

Not reversible: the downgrade refuses (a backup of a SQLite file is taken before the upgrade).
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

#: What the one round of an existing campaign and its channels are called (stored data).
ROUND_NAME = "投票评选"
PAPER_NAME = "群众投票"
EXPERTS_NAME = "专家评审"


def _created() -> list[sa.Column[dt.datetime]]:
    return [sa.Column("created_at", sa.DateTime(), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "campaign_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("status", sa.Enum("open", "closed", name="round_status",
                                    native_enum=False, length=32), nullable=False),
        *_created(),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaign.id"],
                                name=op.f("fk_campaign_round_campaign_id_campaign"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_round")),
        sa.UniqueConstraint("campaign_id", "position",
                            name=op.f("uq_campaign_round_campaign_id")),
    )
    op.create_table(
        "round_advance",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["category_id"], ["category.id"],
                                name=op.f("fk_round_advance_category_id_category"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["round_id"], ["campaign_round.id"],
                                name=op.f("fk_round_advance_round_id_campaign_round"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("round_id", "category_id", name=op.f("pk_round_advance")),
    )
    op.create_table(
        "round_channel",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Enum("online", "paper_public", "paper_delegates", "experts",
                                  name="channel_kind", native_enum=False, length=32),
                  nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("weight", sa.Double(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        *_created(),
        sa.ForeignKeyConstraint(["round_id"], ["campaign_round.id"],
                                name=op.f("fk_round_channel_round_id_campaign_round"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["source_id"], ["online_source.id"],
                                name=op.f("fk_round_channel_source_id_online_source"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_channel")),
        sa.UniqueConstraint("round_id", "name", name=op.f("uq_round_channel_round_id")),
    )
    op.create_table(
        "round_candidate",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["candidate_id"], ["candidate.id"],
                                name=op.f("fk_round_candidate_candidate_id_candidate"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["round_id"], ["campaign_round.id"],
                                name=op.f("fk_round_candidate_round_id_campaign_round"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("round_id", "candidate_id", name=op.f("pk_round_candidate")),
    )
    op.create_table(
        "round_tie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("tied", sa.JSON(), nullable=False),
        sa.Column("advancing", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["category_id"], ["category.id"],
                                name=op.f("fk_round_tie_category_id_category"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["round_id"], ["campaign_round.id"],
                                name=op.f("fk_round_tie_round_id_campaign_round"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_tie")),
    )
    op.create_index(op.f("ix_round_tie_round_id"), "round_tie", ["round_id"], unique=False)
    op.create_table(
        "committee_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("meeting", sa.String(length=300), nullable=False),
        sa.Column("attendees", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaign.id"],
                                name=op.f("fk_committee_decision_campaign_id_campaign"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["round_id"], ["campaign_round.id"],
                                name=op.f("fk_committee_decision_round_id_campaign_round"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committee_decision")),
    )
    op.create_index(op.f("ix_committee_decision_campaign_id"), "committee_decision",
                    ["campaign_id"], unique=False)
    op.create_table(
        "decision_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("chosen", sa.Boolean(), nullable=False),
        sa.Column("departure", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["candidate_id"], ["candidate.id"],
                                name=op.f("fk_decision_line_candidate_id_candidate"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["category_id"], ["category.id"],
                                name=op.f("fk_decision_line_category_id_category"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["decision_id"], ["committee_decision.id"],
                                name=op.f("fk_decision_line_decision_id_committee_decision"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_line")),
        sa.UniqueConstraint("decision_id", "candidate_id",
                            name=op.f("uq_decision_line_decision_id")),
    )
    _add_reference("ballot_box", "channel_id", "round_channel")
    _add_reference("print_batch", "round_id", "campaign_round")
    _one_round_per_campaign()


def _add_reference(table: str, column: str, target: str) -> None:
    """A nullable column referencing ``target``, its table not rebuilt (see above)."""
    if op.get_bind().dialect.name == "sqlite":
        # SQLite reflects no name and no ON DELETE of an inline reference: it has neither.
        op.execute(f"ALTER TABLE {table} ADD COLUMN {column} INTEGER REFERENCES {target} (id)")
        return
    op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
    op.create_foreign_key(op.f(f"fk_{table}_{column}_{target}"), table, target, [column], ["id"])


def _one_round_per_campaign() -> None:
    connection = op.get_bind()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rounds = sa.table("campaign_round", sa.column("id", sa.Integer),
                      sa.column("campaign_id", sa.Integer), sa.column("position", sa.Integer),
                      sa.column("name", sa.String), sa.column("status", sa.String),
                      sa.column("created_at", sa.DateTime))
    channels = sa.table("round_channel", sa.column("id", sa.Integer),
                        sa.column("round_id", sa.Integer), sa.column("kind", sa.String),
                        sa.column("name", sa.String), sa.column("source_id", sa.Integer),
                        sa.column("created_at", sa.DateTime))
    campaigns = connection.execute(sa.text("SELECT id FROM campaign ORDER BY id")).scalars()
    for campaign_id in list(campaigns):
        round_id = connection.execute(sa.insert(rounds).values(
            campaign_id=campaign_id, position=1, name=ROUND_NAME, status="open",
            created_at=now).returning(rounds.c.id)).scalar_one()
        paper_id = connection.execute(sa.insert(channels).values(
            round_id=round_id, kind="paper_public", name=PAPER_NAME, created_at=now)
            .returning(channels.c.id)).scalar_one()
        sources = connection.execute(sa.text(
            "SELECT id, name FROM online_source WHERE campaign_id = :c ORDER BY id"),
            {"c": campaign_id}).all()
        for source_id, name in sources:
            connection.execute(sa.insert(channels).values(
                round_id=round_id, kind="online", name=name, source_id=source_id,
                created_at=now))
        if connection.execute(sa.text(
                "SELECT count(*) FROM expert_score WHERE campaign_id = :c"),
                {"c": campaign_id}).scalar_one():
            connection.execute(sa.insert(channels).values(
                round_id=round_id, kind="experts", name=EXPERTS_NAME, created_at=now))
        connection.execute(sa.text("UPDATE ballot_box SET channel_id = :ch "
                                   "WHERE campaign_id = :c"), {"ch": paper_id, "c": campaign_id})
        connection.execute(sa.text("UPDATE print_batch SET round_id = :r "
                                   "WHERE campaign_id = :c"), {"r": round_id, "c": campaign_id})


def downgrade() -> None:
    raise NotImplementedError("0013 is not reversible: restore the backup taken before it")
