"""The central service as a city runs it, for load tests: several worker processes
(``python -m central serve --workers N``) on a PostgreSQL database, seeded with wards, one account
per desk and demo items; and what the database holds afterwards, to check the desks against.

Used by tests/bench/bench_load.py and tests/central/test_load_processes.py.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import aiohttp
import requests
from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.orm import Session

from central import auth
from central.agency_directory import load_shipped_directory
from central.database import APPLICATION_NAME
from central.demo_data import shipped_procedures
from central.models import Account, ChangeCounter, ChangeLog, Document, Dossier
from central.passwords import hash_password
from central.seed import load_directory, load_procedures, seed_demo_items
from central.server import build_service
from kernel.clock import VN_TZ
from tests.load_desks import (
    ChangeLogIndex,
    DeskClient,
    ItemKey,
    ItemView,
    LogRow,
    SimulatedDesk,
    Traffic,
    Workload,
    cursor_at,
    desk_day,
    gather_bounded,
    pull,
    sign_in,
)

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "Mật-khẩu-Tải-2026!"
STARTUP_LINE = "Application startup complete."
WORKER_DIED = "died"  # uvicorn's supervisor: "Child process [pid] died"
REQUEST_TIMEOUT = 120  # seconds; an answer later than this counts as a failure
KEEP_ALIVE = 3  # seconds
SIGN_INS_AT_ONCE = 8  # and catch-up pulls: a few at a time, as desks come online over minutes


def directory_wards(count: int) -> list[str]:
    """The first ``count`` wards and communes of the shipped directory (42 at most)."""
    wards = [entry.code for entry in load_shipped_directory().agencies if entry.is_ward and entry.valid_to is None]
    if count > len(wards):
        raise ValueError(f"the shipped directory has {len(wards)} wards, not {count}")
    return wards[:count]


@dataclass(frozen=True)
class DeskAccount:
    login: str
    unit: str


def seed(database_url: str, wards: list[str], desks: int, items_per_ward: int) -> list[DeskAccount]:
    """Directory, procedures, demo items per ward and one official's account per desk, spread over the
    wards. The accounts share one password hash, made once: each sign-in still costs the service a
    full scrypt, but seeding thousands of accounts does not cost minutes."""
    now = datetime.now(VN_TZ)
    service = build_service("unified", database_url)
    password_hash = hash_password(PASSWORD)
    accounts = [DeskAccount(f"desk{number:05d}", wards[number % len(wards)]) for number in range(desks)]
    try:
        with service.sessions.begin() as session:
            load_directory(session, load_shipped_directory())
            load_procedures(session, shipped_procedures().values())
            for index, ward in enumerate(wards):
                seed_demo_items(session, ward, items_per_ward, now, seed=index + 1)
            rows = [{"login": a.login, "display_name": f"Cán bộ {a.login}", "unit_code": a.unit, "role": "official",
                     "password_hash": password_hash, "created_at": now} for a in accounts]  # fmt: skip
            session.execute(insert(Account), rows)
    finally:
        service.engine.dispose()
    return accounts


# ---------------------------------------------------------------- the service's processes


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class ServiceProcesses:
    """``python -m central serve --workers N``; its output (uvicorn's log, access lines) goes to ``log``."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path
    workers: int

    @classmethod
    def start(cls, database_url: str, workers: int, log: Path, timeout: float = 60) -> ServiceProcesses:
        port = free_port()
        command = [sys.executable, "-m", "central", "--database", database_url, "serve", "--port", str(port),
                   "--workers", str(workers)]  # fmt: skip
        with log.open("wb") as output:
            process = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
        started = cls(f"http://127.0.0.1:{port}", process, log, workers)
        started.wait_until_serving(timeout)
        return started

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_until_serving(self, timeout: float) -> None:
        """Every worker has started (each logs it), and the port answers."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the service exited with {self.process.returncode}:\n{self.output()[-2000:]}")
            if self.output().count(STARTUP_LINE) >= self.workers:
                try:
                    requests.get(f"{self.url}/v1/health", timeout=2).raise_for_status()
                    return
                except requests.RequestException:
                    pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the service did not start in {timeout:.0f} s:\n{self.output()[-2000:]}")

    def worker_pids(self) -> set[int]:
        """The worker processes started so far (each logs "Started server process [pid]")."""
        return {int(pid) for pid in re.findall(r"Started server process \[(\d+)\]", self.output())}

    def stop(self) -> int:
        """Ctrl+C, as an operator stops it; its exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def worker_deaths(self) -> list[str]:
        return [line for line in self.output().splitlines() if WORKER_DIED in line and "Child process" in line]

    def tracebacks(self) -> int:
        return self.output().count("Traceback (most recent call last)")


# ---------------------------------------------------------------- what the database holds


@dataclass(frozen=True)
class Holdings:
    """The change log and each unit's documents and dossiers with their versions."""

    log: ChangeLogIndex
    items: dict[str, dict[ItemKey, int]]
    rows: int


def feed_position(database_url: str) -> tuple[int, int]:
    """The change counter's (epoch, value): where a desk that has synced just now stands."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            counter = connection.execute(select(ChangeCounter.epoch, ChangeCounter.value)).one()
            return counter.epoch, counter.value
    finally:
        engine.dispose()


def ward_items(database_url: str, wards: list[str]) -> dict[str, dict[ItemKey, ItemView]]:
    """Each ward's documents and dossiers as a synced desk holds them."""
    engine = create_engine(database_url)
    items: dict[str, dict[ItemKey, ItemView]] = {ward: {} for ward in wards}
    try:
        with engine.connect() as connection:
            for row in connection.execute(select(Document.id, Document.unit_code, Document.version,
                                                 Document.state, Document.direction)):  # fmt: skip
                if row.unit_code in items:
                    items[row.unit_code][("document", str(row.id))] = ItemView(row.version, row.state, row.direction)
            for row in connection.execute(select(Dossier.id, Dossier.unit_code, Dossier.version, Dossier.state)):
                if row.unit_code in items:
                    items[row.unit_code][("dossier", str(row.id))] = ItemView(row.version, row.state, None)
    finally:
        engine.dispose()
    return items


def holdings(database_url: str) -> Holdings:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            log = [LogRow(*row) for row in connection.execute(
                select(ChangeLog.seq, ChangeLog.unit_code, ChangeLog.kind, ChangeLog.item_id))]  # fmt: skip
            items: dict[str, dict[ItemKey, int]] = defaultdict(dict)
            for model, kind in ((Document, "document"), (Dossier, "dossier")):
                for item_id, unit, version in connection.execute(select(model.id, model.unit_code, model.version)):
                    items[unit][(kind, str(item_id))] = version
    finally:
        engine.dispose()
    return Holdings(ChangeLogIndex(log), dict(items), len(log))


def connections_by_process(database_url: str) -> set[int]:
    """The service processes (by pid) that hold a connection to the database now."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            names = connection.execute(
                text("SELECT application_name FROM pg_stat_activity WHERE application_name LIKE :prefix"),
                {"prefix": f"{APPLICATION_NAME} %"},
            ).scalars()
            return {int(name.rpartition(" ")[2]) for name in names}
    finally:
        engine.dispose()


def synced_desks(accounts: list[DeskAccount], database_url: str, seed_value: int) -> list[SimulatedDesk]:
    """A desk per account, each already holding its ward's items and standing at the feed's end."""
    epoch, value = feed_position(database_url)
    items = ward_items(database_url, sorted({account.unit for account in accounts}))
    start = cursor_at(epoch, value)
    wards = sorted(items)
    desks = []
    for number, account in enumerate(accounts):
        desk = SimulatedDesk(
            account.login, account.unit, number, start, dict(items[account.unit]), _rng(seed_value, number)
        )
        desk.neighbours = tuple(ward for ward in wards if ward != account.unit)
        desks.append(desk)
    return desks


def _rng(seed_value: int, number: int) -> random.Random:
    return random.Random(seed_value * 1_000_003 + number)


def readers_from_start(desks: list[SimulatedDesk], database_url: str) -> list[SimulatedDesk]:
    """One fresh reader per ward, signed in as one of its desks, pulling the whole log from position 0."""
    epoch, _ = feed_position(database_url)
    first: dict[str, SimulatedDesk] = {}
    for desk in desks:
        if desk.token:
            first.setdefault(desk.unit, desk)
    start = cursor_at(epoch, 0)
    return [
        SimulatedDesk(f"{desk.login} from 0", desk.unit, desk.number, start, {}, _rng(0, 0), token=desk.token)
        for desk in first.values()
    ]


# ---------------------------------------------------------------- a run


@dataclass
class LoadRun:
    """``traffic``: the load itself (sign-ins under "login"); ``after``: the catch-up pulls and the
    readers from position 0, which are checks, not load."""

    desks: list[SimulatedDesk]
    readers: list[SimulatedDesk]
    traffic: Traffic
    after: Traffic
    sign_in_seconds: float
    load_seconds: float
    load_average: float  # the machine's, over the last minute, as the desks stopped (other work counts too)


async def drive(
    url: str,
    database_url: str,
    desks: list[SimulatedDesk],
    work: Workload,
    connections: int,
    *,
    sign_ins: int,
    fresh: bool = False,
) -> LoadRun:
    """The first ``sign_ins`` desks sign in (a few at a time); the others hold a token from earlier
    (``signed_in_earlier``): each sign-in costs the service a strong scrypt, half a second of a core
    here, so thousands would take many minutes and measure nothing else. Then all work at once, and
    afterwards each catches up and a reader per ward pulls the whole log. ``connections``: how many
    the desks share at most; ``fresh``: a new connection per request, so that the kernel deals them
    out to every worker."""
    traffic, after = Traffic(), Traffic()
    signed_in_earlier(database_url, desks[sign_ins:])
    # Idle connections are dropped before uvicorn drops them (after 5 s): a request sent on one the
    # server is closing at that moment would fail with "server disconnected".
    reuse = {"force_close": True} if fresh else {"keepalive_timeout": KEEP_ALIVE}
    connector = aiohttp.TCPConnector(limit=connections, **reuse)
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
        client = DeskClient(url, http, traffic)
        started = time.monotonic()
        await gather_bounded((sign_in(client, desk, PASSWORD) for desk in desks[:sign_ins]), SIGN_INS_AT_ONCE)
        signed_in = [desk for desk in desks if desk.token]
        sign_in_seconds, started = time.monotonic() - started, time.monotonic()
        today = datetime.now(VN_TZ).date()
        await asyncio.gather(*(desk_day(client, desk, work, today, started) for desk in signed_in))
        load_seconds, load_average = time.monotonic() - started, os.getloadavg()[0]
        client.traffic = after
        await gather_bounded((pull(client, desk) for desk in signed_in), SIGN_INS_AT_ONCE)
        readers = readers_from_start(signed_in, database_url)
        await gather_bounded((pull(client, reader) for reader in readers), SIGN_INS_AT_ONCE)
    return LoadRun(signed_in, readers, traffic, after, sign_in_seconds, load_seconds, load_average)


def signed_in_earlier(database_url: str, desks: list[SimulatedDesk]) -> None:
    """Each desk gets the tokens a sign-in gives (the service's own ``_issue``), as if it had signed
    in before the run: an access token lasts 15 minutes, longer than any run."""
    if not desks:
        return
    engine = create_engine(database_url)
    now = datetime.now(VN_TZ)
    try:
        with Session(engine) as session, session.begin():
            accounts = {a.login: a for a in session.scalars(select(Account).where(
                Account.login.in_([desk.login for desk in desks])))}  # fmt: skip
            for desk in desks:
                desk.token = auth._issue(session, accounts[desk.login], now).access_token
    finally:
        engine.dispose()
