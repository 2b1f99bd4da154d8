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


# Two indexes, whose tokenizer strips diacritics and case itself (in SQLite, without calling back into
# Python for each row): search_index for documents and dossiers (migration 0009), its rowid encoding
# the item: 2·id for a document, 2·id + 1 for a dossier; feedback_search_index for 1022 reports (0019),
# its rowid the report's id. đ and Đ, letters of their own, are made d here and in the query.
ITEM_INDEX = "search_index"
REPORT_INDEX = "feedback_search_index"
SEARCH_INDEXES = (ITEM_INDEX, REPORT_INDEX)


@dataclass(frozen=True)
class _IndexedText:
    """What an index holds for a row of one table, as the triggers of its migration write it."""

    index: str
    rowid: str
    body: str


def _without_d(body: str) -> str:
    return f"replace(replace({body}, 'đ', 'd'), 'Đ', 'D')"


_INDEXED_TEXT = {
    "document": _IndexedText(
        ITEM_INDEX,
        "new.id * 2",
        _without_d(
            "coalesce(new.number, '') || '/' || coalesce(new.notation, '') || ' ' || new.subject "
            "|| ' ' || new.issuing_agency_name || ' ' || coalesce(new.issuing_agency_code, '')"
        ),
    ),
    "dossier": _IndexedText(
        ITEM_INDEX,
        "new.id * 2 + 1",
        _without_d("new.code || ' ' || new.applicant_name || ' ' || new.procedure_name || ' ' || new.procedure_code"),
    ),
    # The reporter's name only as stored: NULL while the service hides the contact from this account.
    "feedback": _IndexedText(
        REPORT_INDEX,
        "new.id",
        _without_d(
            "new.code || ' ' || new.category || ' ' || new.address || ' ' || new.content || ' ' "
            "|| coalesce(new.reporter_name, '')"
        ),
    ),
}


SEARCHED_KINDS = frozenset(_INDEXED_TEXT)  # the kinds the search indexes hold


@contextmanager
def indexed_together(session: Session, table: str) -> Iterator[None]:
    """Rows inserted into ``table`` (document, dossier or feedback) inside this block are indexed for
    search by one statement at its end instead of a trigger each: 2.4× faster for a page of a sync.

    Call it inside a write transaction: new rows get ids above today's largest, and the flag that
    turns the triggers aside is never committed.
    """
    indexed = _INDEXED_TEXT[table]
    first_new = session.scalar(text(f"SELECT coalesce(max(id), 0) + 1 FROM {table}"))
    session.execute(text("INSERT INTO search_indexing (id) VALUES (1)"))
    yield
    session.execute(text("DELETE FROM search_indexing"))
    index_new = (
        f"INSERT INTO {indexed.index}(rowid, body) SELECT {indexed.rowid}, {indexed.body} "
        f"FROM {table} AS new WHERE new.id >= :at"
    )
    session.execute(text(index_new), {"at": first_new})


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "document", "dossier" or "feedback"
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
    """Documents, dossiers and 1022 reports matching ``user_text``, best (BM25) first within each index:
    up to ``limit`` from each (a rank is of its own index's statistics, so the two do not compare)."""
    query = fts_query(user_text)
    if query is None:
        return []
    # While a word is up to three letters long the user is still typing and tens of thousands of items
    # may match ("h29" is in every agency code): ranking them all costs up to ~200 ms at 200,000 items
    # (tests/bench/bench_window.py), so the newest come first until the words grow.
    words = _query_words(user_text)
    order = "s.rank" if min(len(word) for word in words) >= RANKED_WORD_LENGTH else "s.rowid DESC"
    match = f"MATCH :query ORDER BY {order} LIMIT :limit"  # each index's rows as s, ranked alike
    asked = {"query": query, "limit": limit}
    # A copy of a document from another system stands for the row the unified queue shows.
    items = session.execute(
        text(
            "SELECT CASE WHEN s.rowid % 2 = 0 THEN coalesce(d.duplicate_of, d.id) END, s.rowid "
            f"FROM {ITEM_INDEX} AS s LEFT JOIN document AS d ON s.rowid % 2 = 0 AND d.id = s.rowid / 2 "
            f"WHERE {ITEM_INDEX} {match}"
        ),
        asked,
    )
    hits: dict[SearchHit, None] = {}  # ordered and unique: a dict, not a list scan per hit
    for shown_document, rowid in items:
        hits[SearchHit("dossier", rowid // 2) if rowid % 2 else SearchHit("document", shown_document)] = None
    reports = session.scalars(text(f"SELECT s.rowid FROM {REPORT_INDEX} AS s WHERE {REPORT_INDEX} {match}"), asked)
    hits.update((SearchHit("feedback", report), None) for report in reports)
    return list(hits)
