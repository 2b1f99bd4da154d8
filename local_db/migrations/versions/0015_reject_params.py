"""A refused action keeps the values of the server's reason (its ``params``), so the reason is shown
in the user's language with them filled in; and an action done again or discarded is settled for good
("redone" is a new outbox status in the same text column, needing no change).

Revision ID: 0015_reject_params
Revises: 0014_signature_checks
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_reject_params"
down_revision = "0014_signature_checks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("outbox_entry", sa.Column("reject_params", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox_entry") as batch:
        batch.drop_column("reject_params")
