"""The narrow API the window uses: open a profile, read pages of items, search, seed demo data."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from app.clock import Clock
from app.demo_data import DemoSummary, write_demo_data
from app.local_cache import LocalCache, open_local_cache
from app.profile import Profile
from local_db.queries import (
    DocumentFilter,
    DocumentRow,
    DossierRow,
    count_documents,
    count_dossiers,
    document_page,
    dossier_page,
)
from local_db.search import search_items

log = logging.getLogger(__name__)

SEARCH_LIMIT = 500


@dataclass(frozen=True)
class SearchResult:
    document_ids: list[int]
    dossier_ids: list[int]


class Workbench:
    def __init__(self, cache: LocalCache, clock: Clock) -> None:
        self.cache = cache
        self.clock = clock

    @classmethod
    def open(cls, profile: Profile, clock: Clock) -> Workbench:
        cache = open_local_cache(profile)
        if cache.migration.backup is not None:
            log.info("migrated %s → %s", cache.migration.from_revision, cache.migration.to_revision)
        return cls(cache, clock)

    def close(self) -> None:
        self.cache.close()

    def seed_demo_if_empty(self, count: int) -> DemoSummary | None:
        """Fill an empty profile with demo data; a profile that has items is left alone."""
        with self.cache.sessions() as session:
            if count_documents(session) or count_dossiers(session):
                return None
        with self.cache.engine.begin() as connection:
            summary = write_demo_data(connection, count, self.clock.now())
        log.info("demo data written: %s", summary)
        return summary

    def count_documents(self, chosen: DocumentFilter = DocumentFilter()) -> int:  # noqa: B008 (frozen)
        with self.cache.sessions() as session:
            return count_documents(session, chosen)

    def count_dossiers(self, ids: Sequence[int] | None = None) -> int:
        with self.cache.sessions() as session:
            return count_dossiers(session, ids)

    def document_page(self, chosen: DocumentFilter, offset: int, limit: int) -> list[DocumentRow]:
        with self.cache.sessions() as session:
            return document_page(session, chosen, offset, limit)

    def dossier_page(self, ids: Sequence[int] | None, offset: int, limit: int) -> list[DossierRow]:
        with self.cache.sessions() as session:
            return dossier_page(session, ids, offset, limit)

    def search(self, text: str) -> SearchResult | None:
        """None when ``text`` has no word to search for (the view then shows everything)."""
        with self.cache.sessions() as session:
            hits = search_items(session, text, SEARCH_LIMIT)
        if not hits and not any(ch.isalnum() for ch in text):
            return None
        return SearchResult(
            [hit.id for hit in hits if hit.kind == "document"],
            [hit.id for hit in hits if hit.kind == "dossier"],
        )
