"""1022 reports are searched like documents and dossiers: without diacritics, by prefix, ranked.

Revision ID: 0019_feedback_search
Revises: 0018_meetings

Their own index, feedback_search_index (rowid: the report's id), with search_index's tokenizer and
prefixes (migration 0009): search_index's rowids already encode two kinds, and a report's long content
would weigh on the ranking of short document subjects. Triggers keep it up to date as 0009's keep
search_index, the insert trigger stepping aside while a sync indexes its page in one statement
(migration 0006). The reports already in the cache are indexed here; the reporter's name only as
stored (NULL while the service hides the contact from this account).
"""

from __future__ import annotations

from alembic import op

revision = "0019_feedback_search"
down_revision = "0018_meetings"
branch_labels = None
depends_on = None

_REPORT = (
    "replace(replace(new.code || ' ' || new.category || ' ' || new.address || ' ' || new.content || ' ' "
    "|| coalesce(new.reporter_name, ''), 'đ', 'd'), 'Đ', 'D')"
)
_SEARCHED_COLUMNS = "code, category, address, content, reporter_name"


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE feedback_search_index USING fts5(body, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')"
    )
    op.execute(
        "CREATE TRIGGER feedback_search_insert AFTER INSERT ON feedback "
        "WHEN NOT EXISTS (SELECT 1 FROM search_indexing) BEGIN "
        f"INSERT INTO feedback_search_index(rowid, body) VALUES (new.id, {_REPORT}); END"
    )
    op.execute(
        f"CREATE TRIGGER feedback_search_update AFTER UPDATE OF {_SEARCHED_COLUMNS} ON feedback BEGIN "
        "DELETE FROM feedback_search_index WHERE rowid = old.id; "
        f"INSERT INTO feedback_search_index(rowid, body) VALUES (new.id, {_REPORT}); END"
    )
    op.execute(
        "CREATE TRIGGER feedback_search_delete AFTER DELETE ON feedback BEGIN "
        "DELETE FROM feedback_search_index WHERE rowid = old.id; END"
    )
    op.execute(f"INSERT INTO feedback_search_index(rowid, body) SELECT new.id, {_REPORT} FROM feedback AS new")


def downgrade() -> None:
    for event in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS feedback_search_{event}")
    op.execute("DROP TABLE IF EXISTS feedback_search_index")
