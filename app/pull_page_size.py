"""How many changes a pull asks for in each request, adapted to how well the link carries them.

Apart from the engine because it is a small rule of its own, tested alone
(tests/unit/test_sync_page_size.py); the engine keeps one for all its runs.
"""

from __future__ import annotations

SMALLEST_PULL_BATCH = 25


class PageSize:
    """How many changes to ask for: halved when a page is lost (a link that drops every few
    seconds still gets small pages through), doubled back after each page that arrives."""

    def __init__(self, largest: int) -> None:
        self.largest = largest
        self.now = largest

    def failed(self) -> None:
        self.now = max(min(SMALLEST_PULL_BATCH, self.largest), self.now // 2)

    def succeeded(self) -> None:
        self.now = min(self.largest, self.now * 2)
