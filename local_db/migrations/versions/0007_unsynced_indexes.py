"""Indexes for the views that were slow at 200,000 items: "waiting", "attention", and the lists of both
directions (due today, overdue, urgent).

Revision ID: 0007_unsynced_indexes
Revises: 0006_search_bulk_indexing

Without them those views read the whole table in list order to find a handful of rows (≈ 150 ms
at 200,000 items, on the UI thread). Partial indexes hold only the unsynced rows, so a sync that
writes 100,000 synced items does not pay for them. A query uses them when its WHERE repeats the
index's condition (local_db.queries does). The lists of both directions order by
coalesce(arrival date, issue date): an expression index lets them stop after a page instead of
sorting every open document (≈ 110 ms).
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
    # the order of the lists that hold both directions (due today, overdue, urgent): newest first
    op.execute("CREATE INDEX ix_document_any_order ON document (coalesce(arrival_date, issued_on), id)")


def downgrade() -> None:
    op.drop_index("ix_document_any_order", "document")
    op.drop_index("ix_dossier_unsynced", "dossier")
    op.drop_index("ix_document_unsynced", "document")
