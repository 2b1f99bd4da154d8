"""When to sync: on start, on an interval, soon after an action, on demand, and again after a failure.

A failed sync (offline, busy server) is retried by a timer with exponential backoff and jitter,
so a stuck outbox drains even when the user does nothing; a retry never waits longer than the sync
interval, so once the server is back the desk reconnects by the timer's next tick at the latest.
One worker thread runs the syncs; ``on_report`` is called on that thread (the UI bridge re-emits it
as a Qt signal).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from app.sync_engine import SyncEngine, SyncReport

log = logging.getLogger(__name__)

FIRST_RETRY = 5.0
MAX_RETRY = 600.0
JITTER = 0.2
# An action goes out this long after it is taken: time to undo it (app.action_undo), or to add the next.
AFTER_ACTION_DELAY = 5.0


@dataclass
class AccountSchedule:
    account_id: int
    next_at: float = 0.0  # monotonic seconds; 0 = as soon as possible
    failures: int = 0
    reachable: bool | None = None  # None: not tried yet
    last_report: SyncReport | None = None


def retry_delay(
    failures: int,
    rng: random.Random,
    retry_after: float | None = None,
    first: float = FIRST_RETRY,
    ceiling: float = MAX_RETRY,
) -> float:
    """5 s, 10 s, 20 s … up to ``ceiling`` (10 min, or the sync interval when shorter), ±20 % so that
    many desks do not hit the server together, never past the ceiling; a server's Retry-After wins."""
    base = min(ceiling, first * 2 ** max(0, failures - 1))
    delay = min(ceiling, base * (1 + rng.uniform(-JITTER, JITTER)))
    return max(delay, retry_after or 0.0)


class SyncScheduler:
    def __init__(
        self,
        engine: SyncEngine,
        account_ids: list[int],
        interval: float,
        on_report: Callable[[SyncReport], None] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
        first_retry: float = FIRST_RETRY,
    ) -> None:
        self.engine = engine
        self.first_retry = first_retry
        self.interval = interval
        self.on_report = on_report
        self._monotonic = monotonic
        self._rng = rng or random.Random()
        self._schedules = {account_id: AccountSchedule(account_id) for account_id in account_ids}
        self._wake = threading.Condition()
        self._stopping = False
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None

    # -- control (any thread) -----------------------------------------------------------------------

    def start(self) -> None:
        thread = threading.Thread(target=self._loop, name="sync-scheduler", daemon=True)
        thread.start()
        # Known only once started: a stop() from another thread meanwhile (a training window replaced
        # right after it opened) has nothing to join, and the loop sees _stopping and ends at once.
        self._thread = thread

    def stop(self, timeout: float = 30.0) -> None:
        with self._wake:
            self._stopping = True
            self._cancel.set()
            self._wake.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)

    def sync_now(self, account_id: int | None = None, delay: float = 0.0) -> None:
        """Sync soon: on demand (delay 0), or shortly after an action (a burst of clicks is one sync)."""
        with self._wake:
            due = self._monotonic() + delay
            for schedule in self._schedules.values():
                if account_id is None or schedule.account_id == account_id:
                    schedule.next_at = min(schedule.next_at, due) if schedule.failures == 0 else due
            self._wake.notify_all()

    def after_action(self, account_id: int) -> None:
        self.sync_now(account_id, AFTER_ACTION_DELAY)

    def add_account(self, account_id: int) -> None:
        with self._wake:
            self._schedules.setdefault(account_id, AccountSchedule(account_id))
            self._wake.notify_all()

    def remove_account(self, account_id: int) -> None:
        with self._wake:
            self._schedules.pop(account_id, None)

    @property
    def retry_ceiling(self) -> float:
        """The longest wait before a retry: never later than the next regular sync would be."""
        return min(MAX_RETRY, self.interval)

    def cancel_current(self) -> None:
        self._cancel.set()

    def schedules(self) -> list[AccountSchedule]:
        with self._wake:
            return list(self._schedules.values())

    # -- the worker --------------------------------------------------------------------------------

    def run_due(self) -> list[SyncReport]:
        """Sync every account that is due now, in turn; returns their reports."""
        reports = []
        for schedule in self.schedules():
            if schedule.next_at <= self._monotonic():
                reports.append(self._sync(schedule))
        return reports

    def _sync(self, schedule: AccountSchedule) -> SyncReport:
        self._cancel.clear()
        with self._wake:  # an action or a click while this sync runs may come after its push: kept below
            schedule.next_at = float("inf")
        report = self.engine.sync_account(schedule.account_id, cancel=self._cancel)
        now = self._monotonic()
        with self._wake:
            asked = schedule.next_at
            schedule.last_report = report
            if report.problem in ("offline", "untrusted", "ca_missing", "not_encrypted", "busy"):
                schedule.failures += 1
                schedule.reachable = report.problem == "busy"
                delay = retry_delay(
                    schedule.failures, self._rng, report.retry_after, self.first_retry, self.retry_ceiling
                )
                schedule.next_at = now + delay
            elif report.problem == "sign_in":
                schedule.reachable = True
                schedule.next_at = float("inf")  # until the user signs in again
            else:
                schedule.failures = 0
                schedule.reachable = True
                schedule.next_at = min(asked, now + self.interval)
        if self.on_report is not None:
            self.on_report(report)
        return report

    def _loop(self) -> None:
        while True:
            with self._wake:
                if self._stopping:
                    return
                wait = min(s.next_at for s in self._schedules.values()) - self._monotonic() if self._schedules else 60
                if wait > 0:
                    self._wake.wait(timeout=min(wait, 60.0))
                    continue
            try:
                self.run_due()
            except Exception:  # a bug must not kill the timer: log it and try again later
                log.exception("sync failed unexpectedly")
                with self._wake:
                    for schedule in self._schedules.values():
                        schedule.next_at = self._monotonic() + self.retry_ceiling
