"""Search triggers step aside while a writer indexes its new rows in one statement.

Revision ID: 0006_search_bulk_indexing
Revises: 0005_search_prefixes

A first sync inserts 100,000 items. Indexing them one trigger at a time is 2.4× slower than one
INSERT … SELECT per page (measured: 8,100 against 19,800 documents/s in 200-row transactions). A
writer that indexes its own rows puts a row in ``search_indexing`` inside its transaction, and the
insert triggers skip while it is there; no other connection ever sees it, since it is removed
before the transaction commits (or vanishes with a rollback).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_search_bulk_indexing"
down_revision = "0005_search_prefixes"
branch_labels = None
depends_on = None

DOCUMENT_TEXT = (
    "wd_fold(coalesce(new.number, '') || '/' || coalesce(new.notation, '') || ' ' || new.subject || ' ' "
    "|| new.issuing_agency_name || ' ' || coalesce(new.issuing_agency_code, ''))"
)
DOSSIER_TEXT = (
    "wd_fold(new.code || ' ' || new.applicant_name || ' ' || new.procedure_name || ' ' || new.procedure_code)"
)
ROW_TEXT = {"document": ("new.id * 2", DOCUMENT_TEXT), "dossier": ("new.id * 2 + 1", DOSSIER_TEXT)}


def _insert_triggers(when: str) -> None:
    for table, (rowid, body) in ROW_TEXT.items():
        op.execute(f"DROP TRIGGER {table}_search_insert")
        op.execute(
            f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} {when}BEGIN "
            f"INSERT INTO search_index(rowid, body) VALUES ({rowid}, {body}); END"
        )


def upgrade() -> None:
    op.create_table("search_indexing", sa.Column("id", sa.Integer(), primary_key=True))
    _insert_triggers("WHEN NOT EXISTS (SELECT 1 FROM search_indexing) ")


def downgrade() -> None:
    _insert_triggers("")
    op.drop_table("search_indexing")
