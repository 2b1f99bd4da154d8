"""1022 citizens' reports: a third queue beside documents and dossiers (the service's kind ``feedback``).

Revision ID: 0017_feedback
Revises: 0016_outbox_undo
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017_feedback"
down_revision = "0016_outbox_undo"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("source.id"), nullable=False),
        sa.Column("remote_id", sa.String(100), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.String(35), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("category", sa.String(100), nullable=False),
        sa.Column("address", sa.String(500), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("content", sa.String(4000), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("reporter_name", sa.String(200), nullable=True),
        sa.Column("reporter_phone", sa.String(30), nullable=True),
        sa.Column("reporter_email", sa.String(200), nullable=True),
        sa.Column("contact_hidden", sa.Boolean(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("routed_at", sa.DateTime(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("answer_days", sa.Integer(), nullable=False),
        sa.Column("answer_day_kind", sa.String(10), nullable=False),
        sa.Column("committed_on", sa.Date(), nullable=True),
        sa.Column("assignee", sa.String(200), nullable=True),
        sa.Column("answer", sa.String(4000), nullable=True),
        sa.Column("publish", sa.Boolean(), nullable=True),
        sa.Column("suggested_unit_code", sa.String(35), nullable=True),
        sa.Column("sent_back_reason", sa.String(1000), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("history", sa.JSON(), nullable=False),
        sa.Column("sync_state", sa.String(20), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("source_id", "remote_id"),
    )
    op.create_index("ix_feedback_state", "feedback", ["state"])
    op.create_index("ix_feedback_due_at", "feedback", ["due_at"])
    op.create_index("ix_feedback_routed_at", "feedback", ["routed_at", "id"])
    op.create_index("ix_feedback_unsynced", "feedback", ["sync_state"], sqlite_where=sa.text("sync_state != 'synced'"))


def downgrade() -> None:
    op.drop_table("feedback")
