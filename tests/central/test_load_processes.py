"""Two worker processes of ``python -m central serve --workers 2`` on one PostgreSQL database, a dozen
desks at once over real HTTP: no 5xx, and the change feed the desks pull from either process skips
and repeats nothing (tests/load_desks.py checks every page against the database's log).
``make bench-load`` runs the same at scale (tests/bench/bench_load.py)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from central.api import CentralService
from central.server import start_in_thread
from kernel.json_codec import json_text, json_value
from tests.load_desks import ChangeLogIndex, FeedCheck, LogRow, Page, Workload, check_pages, feed_problems
from tests.load_service import (
    ServiceProcesses,
    connections_by_process,
    directory_wards,
    drive,
    holdings,
    seed,
    synced_desks,
)

pytestmark = pytest.mark.slow

WARDS, DESKS, ITEMS_PER_WARD = 3, 12, 30
SIGN_INS = 3  # each costs the service half a second of a core (a strong scrypt); the others hold a token
# No pause between syncs, many actions and packets: writers in both processes overlap all the time.
WORK = Workload(act_share=0.8, actions=3, edxml_share=0.4, think=0, syncs=6)


def test_two_worker_processes_serve_desks_at_once(postgres_url: str, tmp_path: Path) -> None:
    accounts = seed(postgres_url, directory_wards(WARDS), DESKS, ITEMS_PER_WARD)
    service = ServiceProcesses.start(postgres_url, workers=2, log=tmp_path / "service.log")
    try:
        desks = synced_desks(accounts, postgres_url, seed_value=1)
        # A new connection per request: the kernel deals them out to both workers.
        run = asyncio.run(drive(service.url, postgres_url, desks, WORK, DESKS, sign_ins=SIGN_INS, fresh=True))
        workers, holding = service.worker_pids(), connections_by_process(postgres_url)
    finally:
        status = service.stop()
    traffic = run.traffic
    assert traffic.failures == [] and run.after.failures == []
    assert traffic.server_errors() == 0 and run.after.server_errors() == 0
    assert len(run.desks) == DESKS and len(run.readers) == WARDS
    assert len(workers) == 2 and workers <= holding, "both workers served desks"
    assert traffic.outcomes["applied"] > 0 and sum(traffic.statuses["edxml"].values()) > 0
    found = holdings(postgres_url)
    check = feed_problems([*run.desks, *run.readers], found.log, found.items)
    assert check.ok(), check.summary()
    assert check.rows > 0
    assert (status, service.worker_deaths(), service.tracebacks()) == (0, [], 0), service.output()[-3000:]


def test_a_request_holds_one_database_connection_at_a_time(postgres_url: str) -> None:
    """An action's request read the caller's token in one connection and wrote in a second while it
    still held the first: under load every thread of a worker held one and waited for another, until
    the pool's timeout answered 500 (seen in ``make bench-load``). With a pool of one connection, a
    request that needs two at once never completes."""
    accounts = seed(postgres_url, directory_wards(1), 1, 4)
    engine = create_engine(postgres_url, pool_size=1, max_overflow=0, pool_timeout=2,
                           json_serializer=json_text, json_deserializer=json_value)  # fmt: skip
    server = start_in_thread(CentralService("unified", engine))
    try:
        (desk,) = synced_desks(accounts, postgres_url, seed_value=1)
        work = Workload(act_share=1, actions=1, edxml_share=1, think=0, syncs=2)
        run = asyncio.run(drive(server.url, postgres_url, [desk], work, 1, sign_ins=1))
    finally:
        server.stop()
        engine.dispose()
    assert run.traffic.failures == [] and run.traffic.server_errors() == 0
    assert sum(run.traffic.statuses["mutations"].values()) == 2 and sum(run.traffic.statuses["edxml"].values()) == 2


def test_the_feed_check_finds_skipped_and_repeated_rows() -> None:
    """The check itself (a unit test of one rule): pages that tile the log pass; a page that left out a
    row of its span, one that went back over rows already sent, and a desk that stopped short fail."""
    log = ChangeLogIndex([LogRow(1, None, "agency", "A"), LogRow(2, "W", "document", "1"),
                          LogRow(3, "X", "document", "9"), LogRow(4, "W", "comment", "5"),
                          LogRow(5, "W", "document", "1")])  # fmt: skip
    whole = [Page(0, 2, (("agency", "A"), ("document", "1"))), Page(2, 5, (("comment", "5"), ("document", "1")))]
    check = FeedCheck()
    check_pages(check, "desk", "W", whole, log)
    assert check.ok() and check.rows == 4
    for pages, kind in (
        ([Page(0, 2, (("agency", "A"), ("document", "1"))), Page(2, 5, (("document", "1"),))], "skipped"),
        ([Page(0, 4, (("agency", "A"), ("document", "1"), ("comment", "5"))), whole[1]], "repeated"),
        ([Page(0, 2, (("agency", "A"), ("document", "1")))], "skipped"),
    ):  # fmt: skip
        check = FeedCheck()
        check_pages(check, "desk", "W", pages, log)
        assert set(check.counts) == {kind}, check.summary()
