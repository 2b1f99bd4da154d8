"""The central service under a city's load: ``make bench-load``.

    .venv/bin/python tests/bench/bench_load.py [--desks 2000] [--wards 40] [--workers 2] [--seconds 60] ...

Starts a throwaway PostgreSQL cluster on loopback (tests/postgres_server.py, Debian's postgresql),
seeds it (the shipped directory, ``--wards`` wards with ``--items`` demo items each, one official's
account per desk; not timed) and serves it as an operator would at city scale:
``python -m central --database postgresql://… serve --workers N``. Then ``--desks`` simulated desks
(tests/load_desks.py, one aiohttp client sharing ``--connections`` connections) start: ``--sign-ins``
of them sign in, a few at a time, and the others hold a token from earlier (a sign-in costs the
service a strong scrypt, ~0.5 s of a core here: 2000 would take about ten minutes). For
``--seconds`` they sync as the desk does, every ``--think`` seconds on average
(60: 2000 desks make the load of 10,000 at the desk's default interval of 5 minutes; the city has
168 wards and communes): push 1 to ``--actions`` actions on their ward's items (in ``--act-share``
of syncs; one in 20 drafts a document for another ward, which that ward then handles, answering
back), import an edXML packet for their ward (in ``--edxml-share`` of syncs), and pull the change
feed to its end.

It prints, per endpoint, requests, throughput, p50/p90/p99/max latency and the answers' statuses;
the actions' outcomes; and the check of the feed across processes: every page each desk pulled
during the run, and a fresh pull of each ward's whole log from position 0 after it, against the
database's change log (nothing skipped, nothing repeated), and each desk's items, as the feed told
it, against the database's versions. Exit status 1 if any answer was a 5xx, any request got no
answer, a worker died, or the feed check failed. ``--json FILE`` writes the figures too.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # central/ is not in every install of the package

from sqlalchemy import create_engine

from tests import postgres_server
from tests.bench.bench_table import table
from tests.load_desks import FeedCheck, Traffic, Workload, feed_problems
from tests.load_service import (
    LoadRun,
    ServiceProcesses,
    connections_by_process,
    directory_wards,
    drive,
    holdings,
    seed,
    synced_desks,
)

ENDPOINTS = {"login": "POST /v1/auth/token", "changes": "GET /v1/changes", "mutations": "POST /v1/mutations",
             "edxml": "POST /v1/edxml"}  # fmt: skip
MAX_WORKERS = 4  # each holds up to 20 connections; the test cluster allows 100


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--desks", type=int, default=2000, help="simulated desks, one account each (default 2000)")
    parser.add_argument("--wards", type=int, default=40, help="wards the desks work for, 42 at most (default 40)")
    parser.add_argument("--items", type=int, default=60, help="demo documents and dossiers per ward (default 60)")
    parser.add_argument("--workers", type=int, default=2, help=f"service processes, 1 to {MAX_WORKERS} (default 2)")
    parser.add_argument("--seconds", type=float, default=60, help="how long the desks work (default 60)")
    parser.add_argument("--think", type=float, default=60, help="mean seconds between a desk's syncs (default 60)")
    parser.add_argument("--act-share", type=float, default=0.3, help="share of syncs that push actions (0.3)")
    parser.add_argument("--actions", type=int, default=3, help="most actions pushed in one sync (default 3)")
    parser.add_argument("--edxml-share", type=float, default=0.05, help="share of syncs importing a packet (0.05)")
    parser.add_argument("--sign-ins", type=int, default=50,
                        help="desks that sign in at the start; the others hold a token from earlier (50)")  # fmt: skip
    parser.add_argument("--connections", type=int, default=200, help="HTTP connections the desks share (200)")
    parser.add_argument("--seed", type=int, default=1, help="the desks' random choices (default 1)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    arguments = parser.parse_args()
    if not 1 <= arguments.workers <= MAX_WORKERS:
        parser.error(f"--workers must be 1 to {MAX_WORKERS}")
    return arguments


def milliseconds(values: list[float], share: float) -> str:
    if not values:
        return ""
    ordered = sorted(values)
    return f"{ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000:.0f}"


def endpoint_rows(traffic: Traffic, load_seconds: float, sign_in_seconds: float) -> list[tuple[str, ...]]:
    rows = [("endpoint", "requests", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "5xx", "statuses")]
    for endpoint, label in ENDPOINTS.items():
        seconds = traffic.seconds.get(endpoint, [])
        statuses = traffic.statuses.get(endpoint, Counter())
        window = sign_in_seconds if endpoint == "login" else load_seconds
        errors = sum(n for status, n in statuses.items() if status >= 500)
        shown = " ".join(f"{status}×{n}" for status, n in sorted(statuses.items()))
        rows.append((label, str(len(seconds)), f"{len(seconds) / window:.1f}" if window else "",
                     milliseconds(seconds, 0.5), milliseconds(seconds, 0.9), milliseconds(seconds, 0.99),
                     milliseconds(seconds, 1.0), str(errors), shown))  # fmt: skip
    return rows


def database_errors(cluster: postgres_server.PostgresCluster) -> Counter[str]:
    """What PostgreSQL logged as errors (deadlocks, lock timeouts…), by message."""
    log = (cluster.folder / "log").read_text(encoding="utf-8", errors="replace")
    return Counter(line.partition("ERROR:")[2].strip()[:80] for line in log.splitlines() if "ERROR:" in line)


def report(arguments: argparse.Namespace, run: LoadRun, check: FeedCheck, service: ServiceProcesses,
           holding: set[int], log_rows: int, errors: Counter[str]) -> dict[str, Any]:  # fmt: skip
    traffic = run.traffic
    during = sum(len(v) for k, v in traffic.seconds.items() if k != "login")
    signing = min(arguments.sign_ins, arguments.desks)
    print(f"\nSign-in: {signing} desks through the API in {run.sign_in_seconds:.1f} s (8 at a time), "
          f"{arguments.desks - signing} with a token from earlier; {len(run.desks)} desks at work.")  # fmt: skip
    print(f"Load: {run.load_seconds:.1f} s, {during} requests, {during / run.load_seconds:.1f} req/s in all; "
          f"load average {run.load_average:.1f} at its end on {os.cpu_count()} cores.\n")  # fmt: skip
    rows = endpoint_rows(traffic, run.load_seconds, run.sign_in_seconds)
    print(table(rows))
    outcomes = ", ".join(f"{name} {n}" for name, n in traffic.outcomes.most_common())
    print(f"\nActions: {sum(traffic.outcomes.values())} ({outcomes}).")
    print(f"Requests with no HTTP answer: {len(traffic.failures)}; unexpected answers listed below: "
          f"{len(traffic.failures) + len(run.after.failures)}.")  # fmt: skip
    for failure in (traffic.failures + run.after.failures)[:10]:
        print(f"  {failure}")
    workers = service.worker_pids()
    print(f"Worker processes: {len(workers)} started, {len(workers & holding)} holding database connections, "
          f"{len(service.worker_deaths())} died; tracebacks in the service's log: {service.tracebacks()}.")  # fmt: skip
    shown = "; ".join(f"{n}× {message}" for message, n in errors.most_common(5)) or "none"
    print(f"PostgreSQL's errors: {shown}. The service's log: {service.log}")
    print(f"Change feed ({log_rows} log rows; every desk's pages, and {len(run.readers)} pulls from position 0): "
          f"{check.summary()}")  # fmt: skip
    server_errors = traffic.server_errors() + run.after.server_errors()
    passed = server_errors == 0 and not traffic.failures and not run.after.failures and check.ok()
    passed = passed and not service.worker_deaths() and len(run.desks) == arguments.desks
    print(f"\n{'PASSED' if passed else 'FAILED'}: {server_errors} answers 5xx.")
    return {"passed": passed, "rows": [list(row) for row in rows], "server_errors": server_errors,
            "load_seconds": run.load_seconds, "sign_in_seconds": run.sign_in_seconds, "load_average": run.load_average,
            "outcomes": dict(traffic.outcomes), "feed": check.summary(), "database_errors": dict(errors),
            "failures": traffic.failures[:50], "arguments": {k: str(v) for k, v in vars(arguments).items()},
            "machine": platform.platform(), "cpus": os.cpu_count()}  # fmt: skip


def main() -> int:
    arguments = parse_arguments()
    if not postgres_server.available():
        raise SystemExit("PostgreSQL is not installed (Debian package postgresql)")
    work = Workload(arguments.act_share, arguments.actions, arguments.edxml_share, arguments.think,
                    seconds=arguments.seconds)  # fmt: skip
    cluster = postgres_server.start_cluster()
    folder = Path(tempfile.mkdtemp(prefix="ward-desk-load-"))
    try:
        admin = create_engine(cluster.admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.exec_driver_sql("CREATE DATABASE ward_desk")
        admin.dispose()
        url = cluster.url("ward_desk")
        started = time.monotonic()
        accounts = seed(url, directory_wards(arguments.wards), arguments.desks, arguments.items)
        print(f"Seeded {arguments.wards} wards × {arguments.items} items and {arguments.desks} accounts "
              f"in {time.monotonic() - started:.1f} s.", flush=True)  # fmt: skip
        service = ServiceProcesses.start(url, arguments.workers, folder / "service.log")
        print(f"Serving with {arguments.workers} worker processes at {service.url}; the desks start.", flush=True)
        try:
            desks = synced_desks(accounts, url, arguments.seed)
            run = asyncio.run(drive(service.url, url, desks, work, arguments.connections, sign_ins=arguments.sign_ins))
            holding = connections_by_process(url)
        finally:
            service.stop()
        found = holdings(url)
        check = feed_problems([*run.desks, *run.readers], found.log, found.items)
        figures = report(arguments, run, check, service, holding, found.rows, database_errors(cluster))
        figures["latency_median_ms"] = {k: statistics.median(v) * 1000 for k, v in run.traffic.seconds.items() if v}
        if arguments.json:
            arguments.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")
        return 0 if figures["passed"] else 1
    finally:
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
