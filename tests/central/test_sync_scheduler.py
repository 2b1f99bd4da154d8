"""The timer that keeps syncing: retries with backoff, and drains the outbox with no click."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from app.domain.workflow import DossierState
from app.sync_scheduler import AFTER_ACTION_DELAY, MAX_RETRY, SyncScheduler, retry_delay
from central.server import start_in_thread
from tests.central.conftest import Central
from tests.central.test_sync_engine import open_desk, server_dossiers


def test_retry_delays_grow_with_jitter_up_to_a_ceiling() -> None:
    rng = random.Random(7)
    delays = [retry_delay(n, rng) for n in range(1, 12)]
    assert 4.0 <= delays[0] <= 6.0
    assert 8.0 <= delays[1] <= 12.0
    assert all(d <= MAX_RETRY * 1.2 for d in delays)
    assert max(delays) >= MAX_RETRY * 0.8
    assert len({round(d, 3) for d in delays[-4:]}) == 4  # jittered, not in lockstep


def test_a_busy_server_s_retry_after_is_honoured() -> None:
    assert retry_delay(1, random.Random(1), retry_after=120.0) == 120.0


@pytest.fixture
def desk(central: Central, tmp_path: Path):
    opened = open_desk(central, tmp_path / "desk")
    yield opened
    opened.cache.close()


def wait_for(condition, timeout: float = 15.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_the_timer_pushes_actions_once_the_service_is_back(desk, central: Central) -> None:
    desk.sync()
    port = int(central.url.rsplit(":", 1)[1])
    central.server.stop()
    dossier = server_dossiers(central, DossierState.SUBMITTED)[0]
    desk.act("dossier", dossier.id, "accept")
    reports = []
    scheduler = SyncScheduler(desk.engine, [desk.account_id], interval=3600, on_report=reports.append,
                              first_retry=0.2)  # fmt: skip
    scheduler.start()
    try:
        assert wait_for(lambda: len(reports) >= 2)  # it failed, and the timer tried again by itself
        assert {r.problem for r in reports} == {"offline"}
        assert scheduler.schedules()[0].reachable is False
        central.server = start_in_thread(central.service, port=port)
        assert wait_for(lambda: [e.status for e in desk.outbox()] == ["applied"])
        assert wait_for(lambda: scheduler.schedules()[0].reachable is True)
    finally:
        scheduler.stop()
    assert reports[-1].problem is None


def test_sync_now_runs_at_once_and_the_interval_waits(desk, central: Central) -> None:
    clock = [1000.0]
    scheduler = SyncScheduler(desk.engine, [desk.account_id], interval=300, monotonic=lambda: clock[0])
    assert [r.problem for r in scheduler.run_due()] == [None]  # due at start
    assert scheduler.run_due() == []  # not again before the interval
    clock[0] += 299
    assert scheduler.run_due() == []
    scheduler.sync_now()
    assert len(scheduler.run_due()) == 1
    clock[0] += 301
    assert len(scheduler.run_due()) == 1


def test_no_retry_waits_longer_than_the_interval() -> None:
    rng = random.Random(11)
    delays = [retry_delay(n, rng, ceiling=60.0) for n in range(1, 15)]
    assert all(d <= 60.0 for d in delays)
    assert delays[0] < 10.0 and max(delays) >= 60.0 * 0.8  # the backoff still starts small and grows
    assert retry_delay(9, rng, retry_after=120.0, ceiling=60.0) == 120.0  # the server's Retry-After wins


def test_the_desk_reconnects_by_the_next_tick_after_the_server_returns(desk, central: Central) -> None:
    desk.sync()
    port = int(central.url.rsplit(":", 1)[1])
    central.server.stop()
    clock = [1000.0]
    scheduler = SyncScheduler(desk.engine, [desk.account_id], interval=60, monotonic=lambda: clock[0],
                              rng=random.Random(5))  # fmt: skip
    waits = []
    for _ in range(8):  # backoff 5, 10, 20, 40, 80 … s: past the interval from the fifth failure on
        assert [r.problem for r in scheduler.run_due()] == ["offline"]
        [schedule] = scheduler.schedules()
        waits.append(schedule.next_at - clock[0])
        clock[0] = schedule.next_at
    assert max(waits) <= 60 and waits[-1] >= 60 * 0.8
    central.server = start_in_thread(central.service, port=port)
    clock[0] += 60  # the timer's next tick after the server is back
    assert [r.problem for r in scheduler.run_due()] == [None]
    scheduler.interval = 30  # a shorter interval in Settings shortens the retries at once
    central.server.stop()
    clock[0] = scheduler.schedules()[0].next_at
    for _ in range(7):
        assert [r.problem for r in scheduler.run_due()] == ["offline"]
        assert scheduler.schedules()[0].next_at - clock[0] <= 30
        clock[0] = scheduler.schedules()[0].next_at


def test_an_action_while_a_sync_runs_is_synced_soon_not_at_the_next_interval(desk) -> None:
    """The sync may have pushed already when the action comes: its "sync soon" must outlive that sync."""
    clock = [1000.0]
    scheduler = SyncScheduler(desk.engine, [desk.account_id], interval=300, monotonic=lambda: clock[0])
    sync_account = desk.engine.sync_account

    def sync_with_an_action_meanwhile(account_id: int, **kwargs: object) -> object:
        report = sync_account(account_id, **kwargs)
        scheduler.after_action(account_id)  # e.g. the trainee clicks "Start processing" now
        return report

    desk.engine.sync_account = sync_with_an_action_meanwhile
    assert [r.problem for r in scheduler.run_due()] == [None]
    [schedule] = scheduler.schedules()
    assert schedule.next_at <= clock[0] + AFTER_ACTION_DELAY  # the action's delay, not the 300 s interval
    desk.engine.sync_account = sync_account
    clock[0] += AFTER_ACTION_DELAY
    assert [r.problem for r in scheduler.run_due()] == [None]
    assert scheduler.schedules()[0].next_at == clock[0] + 300  # nothing asked meanwhile: the interval
