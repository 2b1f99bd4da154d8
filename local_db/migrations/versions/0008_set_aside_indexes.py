"""A first download may set the lists' indexes aside and build them once at its end.

Revision ID: 0008_set_aside_indexes
Revises: 0007_unsynced_indexes

``set_aside_index`` holds each set-aside index's CREATE statement, as sqlite_master had it. It is
committed with the drop, so a process killed mid-download leaves the next opening of the cache
what it needs to build them again (local_db.set_aside_indexes).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_set_aside_indexes"
down_revision = "0007_unsynced_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "set_aside_index",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("create_sql", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("set_aside_index")
