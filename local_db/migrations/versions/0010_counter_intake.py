"""Intake at the counter: the procedure catalogue, the desk's blocks of dossier numbers, and the
applicant's and papers' fields a receipt prints.

Revision ID: 0010_counter_intake
Revises: 0009_search_native_folding

Only tables and nullable or defaulted columns are added: every row already there stays as it was.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_counter_intake"
down_revision = "0009_search_native_folding"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "procedure",
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("field", sa.String(100), nullable=False),
        sa.Column("statutory_amount", sa.Integer(), nullable=False),
        sa.Column("statutory_unit", sa.String(10), nullable=False),
        sa.Column("fee", sa.Integer(), nullable=False),
        sa.Column("has_cutoff", sa.Boolean(), nullable=False),
        sa.Column("cutoff", sa.String(5), nullable=True),
        sa.Column("supplement_clock", sa.String(10), nullable=False),
        sa.Column("components", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_table(
        "code_block",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("source.id"), nullable=False),
        sa.Column("remote_id", sa.String(100), nullable=False),
        sa.Column("unit_code", sa.String(35), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=False),
        sa.Column("first_seq", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.UniqueConstraint("source_id", "remote_id"),
    )
    op.create_table(
        "desk_identity",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("desk_id", sa.String(36), nullable=False),
    )
    # plain ALTER TABLE ADD COLUMN: SQLite adds these without copying the table
    op.add_column("dossier", sa.Column("applicant_email", sa.String(200), nullable=True))
    op.add_column("dossier", sa.Column("applicant_born_on", sa.Date(), nullable=True))
    op.add_column("dossier", sa.Column("applicant_kind", sa.String(20), nullable=False, server_default="person"))
    op.add_column("dossier", sa.Column("received_components", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("dossier") as batch:
        for column in ("received_components", "applicant_kind", "applicant_born_on", "applicant_email"):
            batch.drop_column(column)
    op.drop_table("desk_identity")
    op.drop_table("code_block")
    op.drop_table("procedure")
