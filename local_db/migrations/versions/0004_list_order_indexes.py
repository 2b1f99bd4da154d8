"""Indexes for the lists' orders, so a page of 200,000 items does not sort the whole table.

Revision ID: 0004_list_order_indexes
Revises: 0003_unified_queue
"""

from __future__ import annotations

from alembic import op

revision = "0004_list_order_indexes"
down_revision = "0003_unified_queue"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_document_direction_arrival", "document", ["direction", "arrival_date", "id"])
    op.create_index("ix_document_direction_issued", "document", ["direction", "issued_on", "id"])
    op.create_index("ix_dossier_received_at", "dossier", ["received_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_dossier_received_at", "dossier")
    op.drop_index("ix_document_direction_issued", "document")
    op.drop_index("ix_document_direction_arrival", "document")
