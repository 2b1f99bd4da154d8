"""What a check of each PDF attachment's digital signatures found (kept, so it shows offline and is
not repeated for the same bytes and trust anchors), each document's worst verdict for its list, and
which file a signed copy replaces.

Revision ID: 0014_signature_checks
Revises: 0013_document_axis
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_signature_checks"
down_revision = "0013_document_axis"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("attachment", sa.Column("signature_check", sa.Text(), nullable=True))
    op.add_column("attachment", sa.Column("supersedes", sa.String(64), nullable=True))
    op.add_column("document", sa.Column("signature_verdict", sa.String(30), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("document") as batch:
        batch.drop_column("signature_verdict")
    with op.batch_alter_table("attachment") as batch:
        batch.drop_column("supersedes")
        batch.drop_column("signature_check")
