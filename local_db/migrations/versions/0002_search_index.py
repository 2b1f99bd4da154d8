"""Full-text search over documents and dossiers, folded so that "ho so" finds "hồ sơ".

Revision ID: 0002_search_index
Revises: 0001_initial

The FTS5 table holds folded text (see app.domain.vietnamese_text.fold, registered on every
connection as wd_fold). Its rowid encodes the item: 2·id for a document, 2·id + 1 for a dossier,
so triggers can replace one entry without a lookup.
"""

from __future__ import annotations

from alembic import op

revision = "0002_search_index"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

DOCUMENT_TEXT = (
    "wd_fold(coalesce(new.number, '') || '/' || coalesce(new.notation, '') || ' ' || new.subject || ' ' "
    "|| new.issuing_agency_name || ' ' || coalesce(new.issuing_agency_code, ''))"
)
DOSSIER_TEXT = (
    "wd_fold(new.code || ' ' || new.applicant_name || ' ' || new.procedure_name || ' ' || new.procedure_code)"
)

STATEMENTS = [
    "CREATE VIRTUAL TABLE search_index USING fts5(body, tokenize = 'unicode61')",
    f"""CREATE TRIGGER document_search_insert AFTER INSERT ON document BEGIN
        INSERT INTO search_index(rowid, body) VALUES (new.id * 2, {DOCUMENT_TEXT});
    END""",
    f"""CREATE TRIGGER document_search_update
        AFTER UPDATE OF number, notation, subject, issuing_agency_name, issuing_agency_code ON document BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 2;
        INSERT INTO search_index(rowid, body) VALUES (new.id * 2, {DOCUMENT_TEXT});
    END""",
    """CREATE TRIGGER document_search_delete AFTER DELETE ON document BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 2;
    END""",
    f"""CREATE TRIGGER dossier_search_insert AFTER INSERT ON dossier BEGIN
        INSERT INTO search_index(rowid, body) VALUES (new.id * 2 + 1, {DOSSIER_TEXT});
    END""",
    f"""CREATE TRIGGER dossier_search_update
        AFTER UPDATE OF code, applicant_name, procedure_name, procedure_code ON dossier BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 2 + 1;
        INSERT INTO search_index(rowid, body) VALUES (new.id * 2 + 1, {DOSSIER_TEXT});
    END""",
    """CREATE TRIGGER dossier_search_delete AFTER DELETE ON dossier BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 2 + 1;
    END""",
    # Items cached before this revision become searchable too.
    f"INSERT INTO search_index(rowid, body) SELECT new.id * 2, {DOCUMENT_TEXT} FROM document AS new",
    f"INSERT INTO search_index(rowid, body) SELECT new.id * 2 + 1, {DOSSIER_TEXT} FROM dossier AS new",
]


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    for trigger in ("document", "dossier"):
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}_search_{event}")
    op.execute("DROP TABLE IF EXISTS search_index")
