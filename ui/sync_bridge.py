"""Re-emits the core's background events as Qt signals, delivered on the UI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from app.sync_engine import SyncReport


class SyncBridge(QObject):
    """Lives on the UI thread; ``report`` may be called from any thread (queued delivery)."""

    sync_finished = Signal(object)  # SyncReport
    services_failed = Signal(str)
    cache_damaged = Signal(str)  # the background check of the cache file found damage

    def report(self, report: SyncReport) -> None:
        self.sync_finished.emit(report)

    def failed(self, message: str) -> None:
        self.services_failed.emit(message)

    def damaged(self, reason: str) -> None:
        self.cache_damaged.emit(reason)
