"""Files taken in at the counter are sent to the service resumably: each keeps the key its upload
goes by, so a try after a dropped link or a restart goes on where the last one stopped.

Revision ID: 0011_upload_keys
Revises: 0010_counter_intake
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_upload_keys"
down_revision = "0010_counter_intake"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("attachment", sa.Column("upload_key", sa.String(36), nullable=True))
    # a file taken in before this version has no key yet: give it one so it is sent too
    op.execute(
        "UPDATE attachment SET upload_key = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||"
        " substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) ||"
        " substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
        " WHERE remote_id IS NULL AND local_path IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("attachment") as batch:
        batch.drop_column("upload_key")
