"""Small indexes of the items whose actions are not settled, for the "waiting" and "attention" views.

Revision ID: 0007_unsynced_indexes
Revises: 0006_search_bulk_indexing

Without them those views read the whole table in list order to find a handful of rows (≈ 150 ms
at 200,000 items, on the UI thread). Partial indexes hold only the unsynced rows, so a sync that
writes 100,000 synced items does not pay for them. A query uses them when its WHERE repeats the
index's condition (local_db.queries does).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_unsynced_indexes"
down_revision = "0006_search_bulk_indexing"
branch_labels = None
depends_on = None

UNSYNCED = sa.text("sync_state != 'synced'")


def upgrade() -> None:
    op.create_index("ix_document_unsynced", "document", ["sync_state"], sqlite_where=UNSYNCED)
    op.create_index("ix_dossier_unsynced", "dossier", ["sync_state"], sqlite_where=UNSYNCED)


def downgrade() -> None:
    op.drop_index("ix_dossier_unsynced", "dossier")
    op.drop_index("ix_document_unsynced", "document")
