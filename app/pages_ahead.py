"""The pages of a pull, fetched ahead on a thread of their own while the writer writes.

The fetching thread waits on the server and the link while the writer's SQLite work runs; a few
pages may wait here, so the writer can put what has arrived into one transaction.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

Page = tuple[list[Any], str, bool]  # checked changes, next cursor, has more


class Refetch:
    """The server can no longer serve the cursor: what follows is a fresh snapshot."""


REFETCH = Refetch()
Fetched = Page | Refetch | BaseException


class PagesAhead:
    def __init__(self, fetch: Callable[[str | None], Page | None], cursor: str | None, depth: int = 8) -> None:
        self._waiting: queue.Queue[Fetched] = queue.Queue(depth)
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(fetch, cursor), name="ward-desk-pull", daemon=True)
        self._thread.start()

    def take(self, wait: bool = True) -> Fetched | None:
        """The next page, a refetch, or the error that stopped the fetching; None when ``wait`` is
        False and nothing has arrived yet."""
        try:
            return self._waiting.get(block=wait)
        except queue.Empty:
            return None

    def stop(self) -> None:
        """Fetch no more; a request in flight is not waited for, nor is its page taken."""
        self._stopped.set()

    def _run(self, fetch: Callable[[str | None], Page | None], cursor: str | None) -> None:
        try:
            while not self._stopped.is_set():
                page = fetch(cursor)
                if page is None:
                    self._put(REFETCH)
                    cursor = None
                    continue
                self._put(page)
                _changes, cursor, has_more = page
                if not has_more:
                    return
        except BaseException as error:  # handed to the writer, who raises it
            self._put(error)

    def _put(self, fetched: Fetched) -> None:
        while not self._stopped.is_set():
            try:
                self._waiting.put(fetched, timeout=0.1)
                return
            except queue.Full:
                continue
