"""Documents drafted here and on the axis: a summary, a draft's key, a flash document's set time, the
edXML id, replacement links both ways, where a refused recall returns to, recipients' statuses; and the
unit's officials, for the assignment picker.

Revision ID: 0013_document_axis
Revises: 0012_new_appointments
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_document_axis"
down_revision = "0012_new_appointments"
branch_labels = None
depends_on = None

_COLUMNS = (
    "due_time",
    "content",
    "draft_key",
    "edxml_document_id",
    "replaces",
    "replaced_by",
    "recall_from_state",
    "deliveries",
)


def upgrade() -> None:
    op.add_column("document", sa.Column("due_time", sa.String(5), nullable=True))
    op.add_column("document", sa.Column("content", sa.String(2000), nullable=True))
    op.add_column("document", sa.Column("draft_key", sa.String(36), nullable=True))
    op.add_column("document", sa.Column("edxml_document_id", sa.String(200), nullable=True))
    op.add_column("document", sa.Column("replaces", sa.JSON(), nullable=False, server_default="[]"))
    op.add_column("document", sa.Column("replaced_by", sa.String(200), nullable=True))
    op.add_column("document", sa.Column("recall_from_state", sa.String(30), nullable=True))
    op.add_column("document", sa.Column("deliveries", sa.JSON(), nullable=False, server_default="[]"))
    op.create_table(
        "official",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("source.id"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("official")
    with op.batch_alter_table("document") as batch:
        for name in _COLUMNS:
            batch.drop_column(name)
