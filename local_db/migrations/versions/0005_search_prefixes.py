"""Prefix indexes for the search: one, two and three letters typed are answered from an index.

Revision ID: 0005_search_prefixes
Revises: 0004_list_order_indexes

Without them FTS5 scans every token that starts with "h" when the user has typed one letter
(about 200 ms on 200,000 items). The index is rebuilt from the items, so nothing is lost.
"""

from __future__ import annotations

from alembic import op

revision = "0005_search_prefixes"
down_revision = "0004_list_order_indexes"
branch_labels = None
depends_on = None

DOCUMENT_TEXT = (
    "wd_fold(coalesce(new.number, '') || '/' || coalesce(new.notation, '') || ' ' || new.subject || ' ' "
    "|| new.issuing_agency_name || ' ' || coalesce(new.issuing_agency_code, ''))"
)
DOSSIER_TEXT = (
    "wd_fold(new.code || ' ' || new.applicant_name || ' ' || new.procedure_name || ' ' || new.procedure_code)"
)


def _rebuild(options: str) -> None:
    op.execute("DROP TABLE search_index")
    op.execute(f"CREATE VIRTUAL TABLE search_index USING fts5(body, tokenize = 'unicode61'{options})")
    op.execute(f"INSERT INTO search_index(rowid, body) SELECT new.id * 2, {DOCUMENT_TEXT} FROM document AS new")
    op.execute(f"INSERT INTO search_index(rowid, body) SELECT new.id * 2 + 1, {DOSSIER_TEXT} FROM dossier AS new")


def upgrade() -> None:
    _rebuild(", prefix = '1 2 3'")


def downgrade() -> None:
    _rebuild("")
