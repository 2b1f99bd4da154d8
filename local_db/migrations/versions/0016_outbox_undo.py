"""An action waiting in the outbox can be taken back until it is sent: ``sent_at`` marks the moment a
push took it (from then on the server may have applied it, so it is no longer the desk's to undo), and
``before`` holds the item's fields as they were just before the action, to put back.

Revision ID: 0016_outbox_undo
Revises: 0015_reject_params
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_outbox_undo"
down_revision = "0015_reject_params"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("outbox_entry", sa.Column("sent_at", sa.DateTime(), nullable=True))
    op.add_column("outbox_entry", sa.Column("before", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox_entry") as batch:
        batch.drop_column("before")
        batch.drop_column("sent_at")
