"""The official's role on the service (``official``, ``leader`` …) kept per account, apart from ``role``
(which system: "new" or "old"), so the desk offers a 1022 answer's approval only to a leader
(app.domain.feedback_approval). Accounts already there get NULL, unknown, until their next sign-in or
token renewal records it.

Revision ID: 0020_official_role
Revises: 0019_feedback_search
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020_official_role"
down_revision = "0019_feedback_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("account", sa.Column("service_role", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("account") as batch:
        batch.drop_column("service_role")
