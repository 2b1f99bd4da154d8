"""A late dossier's apology (Mẫu 04) promises a new return time, kept beside the statutory due time.

Revision ID: 0012_new_appointments
Revises: 0011_upload_keys
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_new_appointments"
down_revision = "0011_upload_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("dossier", sa.Column("extended_due_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dossier") as batch:
        batch.drop_column("extended_due_at")
