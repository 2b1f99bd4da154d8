"""Setting the lists' indexes aside while a first download fills the cache, and building them again.

A first sync writes 100,000 items. Keeping the lists' eleven indexes up to date page by page cost
1.4 s of it (the same pages written with and without them); building them once at the end costs
0.4 s. While they are aside the lists still work: SQLite sorts instead of reading an index. The
search indexes, which must find what arrives, stay; they only merge their segments less often while
the download runs.

Each dropped index's CREATE statement is committed with the drop in ``set_aside_index``, so a
process killed mid-download leaves the next opening of the cache what it needs (app.local_cache
calls put_back after migrating; the sync engine before it pulls). A migration that changes one of
these indexes must drop it with IF EXISTS.
"""

from __future__ import annotations

import logging

from sqlalchemy import delete, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from local_db.models import SetAsideIndex
from local_db.search import SEARCH_INDEXES

log = logging.getLogger(__name__)

# The lists' orders and filters. The sync reads none of them: it keeps the unique (source,
# remote id) constraints and the unified queue's merge_key and duplicate_of indexes, which it uses.
LIST_INDEXES = (
    "ix_document_direction_state",
    "ix_document_due_on",
    "ix_document_arrival_date",
    "ix_document_direction_arrival",
    "ix_document_direction_issued",
    "ix_document_unsynced",
    "ix_document_any_order",
    "ix_dossier_state",
    "ix_dossier_due_at",
    "ix_dossier_received_at",
    "ix_dossier_unsynced",
)
# FTS5 merges a search index's segments whenever 4 of one level exist (its default). Merging at
# 16 during a download saved 0.9 s of 3.0 s of SQLite work per 100,000 items; a search on what it
# built is ~10 % slower (raw FTS5 median 19.8 → 22.0 ms) until later writes have merged further.
_DOWNLOAD_AUTOMERGE = 16
_AUTOMERGE = 4


def set_aside(session: Session) -> None:
    """Drop the list indexes, recording how to build each again, and let the search indexes merge
    less often; inside a write transaction."""
    for name in LIST_INDEXES:
        create_sql = _index_sql(session, name)
        if create_sql is not None:
            session.add(SetAsideIndex(name=name, create_sql=create_sql))
            session.execute(text(f'DROP INDEX "{name}"'))
    _merge_search_indexes_at(session, _DOWNLOAD_AUTOMERGE)


def put_back(sessions: sessionmaker[Session]) -> int:
    """Build the indexes set aside, each in its own short transaction (a user's action waits for
    none of them longer than a moment); returns how many. If the disk is full or the file locked,
    the rest stay aside for the next call (the cache's opening, the next pull): the lists work
    without them."""
    with sessions() as session:  # driver SQL: this runs at every start, and the ORM's first query costs ~7 ms
        aside = session.connection().exec_driver_sql("SELECT name, create_sql FROM set_aside_index").all()
    built = 0
    try:
        if aside:  # first: the rows stay until the indexes are built, so a kill here repeats this
            with sessions.begin() as session:
                _merge_search_indexes_at(session, _AUTOMERGE)
        for name, create_sql in aside:
            with sessions.begin() as session:
                if _index_sql(session, name) is None:
                    _build(session, create_sql)
                session.execute(delete(SetAsideIndex).where(SetAsideIndex.name == name))
            built += 1
    except OperationalError as error:
        log.warning("the list indexes set aside stay aside for now: %s", error)
    return built


def _build(session: Session, create_sql: str) -> None:
    session.execute(text(create_sql))


def _merge_search_indexes_at(session: Session, segments: int) -> None:
    for index in SEARCH_INDEXES:
        session.execute(text(f"INSERT INTO {index}({index}, rank) VALUES ('automerge', :n)"), {"n": segments})


def _index_sql(session: Session, name: str) -> str | None:
    """The index's CREATE statement, None if there is no such index."""
    return session.scalar(text("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = :name"), {"name": name})
