"""One row per real document: copies that arrive through the old and the new system are linked.

Revision ID: 0003_unified_queue
Revises: 0002_search_index

``merge_key`` is the issuing agency (mapped to its successor) + number/notation + issue date;
``duplicate_of`` points a copy at the row the unified queue shows.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_unified_queue"
down_revision = "0002_search_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("document") as batch:
        batch.add_column(sa.Column("merge_key", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("duplicate_of", sa.Integer(), nullable=True))
        batch.create_index("ix_document_merge_key", ["merge_key"])
        batch.create_index("ix_document_duplicate_of", ["duplicate_of"])


def downgrade() -> None:
    with op.batch_alter_table("document") as batch:
        batch.drop_index("ix_document_duplicate_of")
        batch.drop_index("ix_document_merge_key")
        batch.drop_column("duplicate_of")
        batch.drop_column("merge_key")
