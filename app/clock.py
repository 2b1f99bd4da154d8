"""The one clock of the application: injectable, so tests control deadlines and transitions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol

from app.domain.working_calendar import VN_TZ


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, aware, in Vietnam time."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC).astimezone(VN_TZ)


class FixedClock:
    """A clock that moves only when told to (tests, demos, training scenarios)."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._at = at.astimezone(VN_TZ)

    def now(self) -> datetime:
        return self._at

    def advance(self, delta: timedelta) -> None:
        self._at += delta
