"""The training clock: real time (or a test's clock) moved forward by "days pass" events."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from kernel.clock import Clock


class TrainingClock:
    """Real time (or a test's clock) moved forward by "days pass" events; shared by desk and services."""

    def __init__(self, base: Clock) -> None:
        self._base = base
        self._offset = timedelta()
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._base.now() + self._offset

    def advance(self, delta: timedelta) -> None:
        with self._lock:
            self._offset += delta
