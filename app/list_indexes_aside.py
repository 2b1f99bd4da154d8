"""The lists' indexes set aside while a first download fills an almost empty cache.

Apart from the engine because it is a guard with its own rule (when to set the indexes aside, how
long they may stay aside, that they always come back) around the pull, not part of its control flow.
"""

from __future__ import annotations

import time

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from local_db.models import Document, Dossier
from local_db.set_aside_indexes import put_back, set_aside

# A download from no cursor into a cache holding fewer items than this sets the lists' indexes
# aside and builds them at its end: 14 µs saved per item written, 4 µs spent per item there.
BULK_BELOW = 10_000
BULK_SECONDS = 60.0  # the longest they stay aside; then they are built and the download goes on


class ListIndexesAside:
    """A first download into an almost empty cache writes faster without the lists' indexes
    (local_db.set_aside_indexes): they are set aside before its first write and put back when the
    pull ends, however it ends, or after BULK_SECONDS, so that on a slow link the lists soon read
    indexes again. Anything left aside (by a killed process) is put back first."""

    def __init__(self, sessions: sessionmaker[Session], first_download: bool) -> None:
        self.sessions = sessions
        put_back(sessions)
        self.wanted = first_download and self._few_items()
        self.since: float | None = None

    def _few_items(self) -> bool:
        with self.sessions() as session:
            items = session.scalar(select(func.count(Document.id))) + session.scalar(select(func.count(Dossier.id)))
        return items < BULK_BELOW

    def before_write(self) -> None:
        if self.wanted and self.since is None:
            with self.sessions.begin() as session:
                set_aside(session)
            self.since = time.monotonic()

    def after_write(self) -> None:
        if self.since is not None and time.monotonic() - self.since > BULK_SECONDS:
            self.put_back()

    def put_back(self) -> None:
        if self.since is None:
            return
        self.wanted, self.since = False, None
        put_back(self.sessions)
