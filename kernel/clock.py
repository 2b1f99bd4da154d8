"""The one clock of the desk and the central service: injectable, so tests control deadlines and
transitions, and a training sandbox can make days pass for both sides at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Protocol

# The same zone as app.domain.working_calendar.VN_TZ (the kernel imports nothing of ours; a test
# checks that the two agree).
VN_TZ = timezone(timedelta(hours=7), "ICT")  # no daylight saving since 1975


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
