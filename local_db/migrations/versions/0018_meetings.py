"""Meetings: the invitations (Giấy mời) the desk read, with the official's own confirmation, attendees and
note (app.meetings). A new table only: every row already there stays as it was.

Revision ID: 0018_meetings
Revises: 0017_feedback
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018_meetings"
down_revision = "0017_feedback"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("source.id"), nullable=False),
        sa.Column("document_remote_id", sa.String(100), nullable=False),
        sa.Column("uid", sa.String(200), nullable=False, unique=True),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(30), nullable=True),
        sa.Column("notation", sa.String(100), nullable=True),
        sa.Column("organiser", sa.String(300), nullable=False),
        sa.Column("organiser_code", sa.String(35), nullable=True),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("place", sa.String(300), nullable=False),
        sa.Column("chair", sa.String(300), nullable=False),
        sa.Column("link", sa.String(1000), nullable=False),
        sa.Column("room", sa.String(300), nullable=False),
        sa.Column("online", sa.Boolean(), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("letter_facts", sa.JSON(), nullable=False),
        sa.Column("letters", sa.JSON(), nullable=False),
        sa.Column("changed_by", sa.String(150), nullable=True),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.Column("attendees", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reminded_for", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_meeting_starts_at", "meeting", ["starts_at"])
    op.create_index("ix_meeting_source_document", "meeting", ["source_id", "document_remote_id"])


def downgrade() -> None:
    op.drop_index("ix_meeting_source_document", "meeting")
    op.drop_index("ix_meeting_starts_at", "meeting")
    op.drop_table("meeting")
