"""Searching the cache as the user types: diacritics-insensitive, prefix matching, ranked."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.domain.vietnamese_text import fold

_WORD = re.compile(r"\w+")
MAX_QUERY_WORDS = 12


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
    rows = session.execute(
        text("SELECT rowid FROM search_index WHERE search_index MATCH :query ORDER BY rank LIMIT :limit"),
        {"query": query, "limit": limit},
    )
    return [SearchHit("dossier" if rowid % 2 else "document", rowid // 2) for (rowid,) in rows]
