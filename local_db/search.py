"""Searching the cache as the user types: diacritics-insensitive, prefix matching, ranked."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

_WORD = re.compile(r"\w+")
MAX_QUERY_WORDS = 12
RANKED_WORD_LENGTH = 4  # shorter words list the newest first (see search_items)


# What the search index holds for each row (as the triggers of migration 0009 write it); the rowid
# encodes the item: 2·id for a document, 2·id + 1 for a dossier. The index's tokenizer strips
# diacritics and case itself (in SQLite, without calling back into Python for each row); đ and Đ,
# letters of their own, are made d here and in the query.
_INDEXED_TEXT = {
    "document": (
        "new.id * 2",
        "replace(replace(coalesce(new.number, '') || '/' || coalesce(new.notation, '') || ' ' || new.subject "
        "|| ' ' || new.issuing_agency_name || ' ' || coalesce(new.issuing_agency_code, ''), 'đ', 'd'), 'Đ', 'D')",
    ),
    "dossier": (
        "new.id * 2 + 1",
        "replace(replace(new.code || ' ' || new.applicant_name || ' ' || new.procedure_name || ' ' "
        "|| new.procedure_code, 'đ', 'd'), 'Đ', 'D')",
    ),
}


SEARCHED_KINDS = frozenset(_INDEXED_TEXT)  # the kinds the search index holds


@contextmanager
def indexed_together(session: Session, table: str) -> Iterator[None]:
    """Rows inserted into ``table`` (document or dossier) inside this block are indexed for search
    by one statement at its end instead of a trigger each: 2.4× faster for a page of a sync.

    Call it inside a write transaction: new rows get ids above today's largest, and the flag that
    turns the triggers aside is never committed.
    """
    rowid, body = _INDEXED_TEXT[table]
    first_new = session.scalar(text(f"SELECT coalesce(max(id), 0) + 1 FROM {table}"))
    session.execute(text("INSERT INTO search_indexing (id) VALUES (1)"))
    yield
    session.execute(text("DELETE FROM search_indexing"))
    index_new = f"INSERT INTO search_index(rowid, body) SELECT {rowid}, {body} FROM {table} AS new WHERE new.id >= :at"
    session.execute(text(index_new), {"at": first_new})


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "document" or "dossier"
    id: int


def fts_query(user_text: str) -> str | None:
    """Turn what the user typed into an FTS5 query: every word must match as a prefix.

    Each word is quoted, so FTS5 operators typed by the user (AND, NEAR, *, quotes) stay plain text.
    """
    words = _query_words(user_text)
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def _query_words(user_text: str) -> list[str]:
    """The words typed, for the index's tokenizer to fold as it folded the items (so both sides
    always agree); composed first, so that a mark typed separately stays inside its word."""
    composed = unicodedata.normalize("NFC", user_text).replace("đ", "d").replace("Đ", "D")
    return _WORD.findall(composed)[:MAX_QUERY_WORDS]


def search_items(session: Session, user_text: str, limit: int = 200) -> list[SearchHit]:
    """Documents and dossiers matching ``user_text``, best (BM25) first."""
    query = fts_query(user_text)
    if query is None:
        return []
    # While a word is up to three letters long the user is still typing and tens of thousands of items
    # may match ("h29" is in every agency code): ranking them all costs up to ~200 ms at 200,000 items
    # (tests/bench/bench_window.py), so the newest come first until the words grow.
    words = _query_words(user_text)
    order = "s.rank" if min(len(word) for word in words) >= RANKED_WORD_LENGTH else "s.rowid DESC"
    # A copy of a document from another system stands for the row the unified queue shows.
    rows = session.execute(
        text(
            "SELECT CASE WHEN s.rowid % 2 = 0 THEN coalesce(d.duplicate_of, d.id) END, s.rowid "
            "FROM search_index AS s LEFT JOIN document AS d ON s.rowid % 2 = 0 AND d.id = s.rowid / 2 "
            f"WHERE search_index MATCH :query ORDER BY {order} LIMIT :limit"
        ),
        {"query": query, "limit": limit},
    )
    hits: dict[SearchHit, None] = {}  # ordered and unique: a dict, not a list scan per hit
    for shown_document, rowid in rows:
        hits[SearchHit("dossier", rowid // 2) if rowid % 2 else SearchHit("document", shown_document)] = None
    return list(hits)
