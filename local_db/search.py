"""Searching the cache as the user types: diacritics-insensitive, prefix matching, ranked."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.domain.vietnamese_text import fold

_WORD = re.compile(r"\w+")
MAX_QUERY_WORDS = 12
RANKED_WORD_LENGTH = 3


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "document" or "dossier"
    id: int


def fts_query(user_text: str) -> str | None:
    """Turn what the user typed into an FTS5 query: every word must match as a prefix.

    Each word is quoted, so FTS5 operators typed by the user (AND, NEAR, *, quotes) stay plain text.
    """
    words = _WORD.findall(fold(user_text))[:MAX_QUERY_WORDS]
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def search_items(session: Session, user_text: str, limit: int = 200) -> list[SearchHit]:
    """Documents and dossiers matching ``user_text``, best (BM25) first."""
    query = fts_query(user_text)
    if query is None:
        return []
    # While a word is one or two letters long the user is still typing and thousands of items match:
    # ranking them all costs ~200 ms at 200,000 items, so show the newest first until the words grow.
    words = _WORD.findall(fold(user_text))[:MAX_QUERY_WORDS]
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
