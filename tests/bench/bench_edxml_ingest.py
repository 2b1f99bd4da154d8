"""How an abusive edXML packet weighs on the service (issue 19): a plain script, not a pytest test::

    .venv/bin/python tests/bench/bench_edxml_ingest.py [--attachments N] [--size BYTES] [--lift-limits]
    .venv/bin/python tests/bench/bench_edxml_ingest.py --elements N

``--attachments N`` (default 8000, of ``--size`` bytes each) builds the service on a temporary SQLite file, serves it on
loopback, and posts one packet with N small attachments while another thread signs in again and
again. It prints the ingest's wall time and answer, the longest time any transaction held SQLite's
write lock (from BEGIN IMMEDIATE to its end), how the sign-ins fared, and the peak RSS. The service
refuses more than MAX_ATTACHMENTS attachments or MAX_ELEMENTS elements; ``--lift-limits`` raises
both so the ingest itself is timed at that size.

``--elements N`` parses a packet with N extra empty elements (16,600,000 make a 64 MiB packet) and
prints the outcome, the time and the peak RSS: the memory a flood of elements costs.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # central/ is not in every install of the package

import requests

from central.agency_directory import load_shipped_directory
from central.seed import add_account, load_directory
from central.server import build_service, start_in_thread
from kernel.clock import FixedClock
from tests.central.large_packets import packet_with_attachments, packet_with_elements
from tests.central.write_lock import WriteTransactions
from tests.conftest import DEMO_NOW

WARD = "000.00.57.H29"
AXIS, AXIS_PASSWORD = "truc-lien-thong", "axis-secret-2026"
OFFICIAL, OFFICIAL_PASSWORD = "thu.tdm", "Mat-khau-2026!"


def peak_rss_mib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


@contextmanager
def lifted_limits(lift: bool) -> Iterator[None]:
    import app.domain.edxml_attachments as attachments
    import app.domain.edxml_elements as elements

    if not lift or not hasattr(attachments, "MAX_ATTACHMENTS"):  # an older service has none to lift
        yield
        return
    kept = attachments.MAX_ATTACHMENTS, elements.MAX_ELEMENTS
    attachments.MAX_ATTACHMENTS = elements.MAX_ELEMENTS = 10**9
    try:
        yield
    finally:
        attachments.MAX_ATTACHMENTS, elements.MAX_ELEMENTS = kept


def _sign_ins(url: str, stop: threading.Event, results: list[tuple[float, int]]) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        response = requests.post(f"{url}/v1/auth/token", json={"login": OFFICIAL, "password": OFFICIAL_PASSWORD},
                                 timeout=120)  # fmt: skip
        results.append((time.perf_counter() - started, response.status_code))
        stop.wait(0.05)


def bench_attachments(count: int, size: int, lift: bool) -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-edxml-"))
    service = build_service("unified", f"sqlite:///{folder / 'central.sqlite3'}", FixedClock(DEMO_NOW))
    with service.sessions.begin() as session:
        load_directory(session, load_shipped_directory())
        add_account(session, AXIS, AXIS_PASSWORD, "000.00.00.H29", "Trục liên thông", DEMO_NOW, "axis")
        add_account(session, OFFICIAL, OFFICIAL_PASSWORD, WARD, "Nguyễn Thị Thu", DEMO_NOW)
    server = start_in_thread(service)
    login = {"login": AXIS, "password": AXIS_PASSWORD}
    token = requests.post(f"{server.url}/v1/auth/token", json=login, timeout=60).json()["access_token"]
    data = packet_with_attachments(WARD, count, size)
    writes = WriteTransactions(service.engine)
    stop, sign_ins = threading.Event(), []
    signing = threading.Thread(target=_sign_ins, args=(server.url, stop, sign_ins))
    with lifted_limits(lift):
        signing.start()
        started = time.perf_counter()
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/xml"}
        response = requests.post(f"{server.url}/v1/edxml", data=data, headers=headers, timeout=600)
        took = time.perf_counter() - started
        stop.set()
        signing.join()
    server.stop()
    service.engine.dispose()
    answer = "" if response.status_code == 200 else " " + response.text[:160]
    print(f"packet: {count} attachments, {len(data) / 2**20:.1f} MiB; limits {'lifted' if lift else 'as shipped'}")
    print(f"ingest: {took:.2f} s, HTTP {response.status_code}{answer}")
    longest = writes.longest
    print(f"longest write-lock hold: {longest.seconds:.3f} s ({longest.statements} statements)")
    statuses = sorted({status for _, status in sign_ins})
    print(f"sign-ins during it: {len(sign_ins)}, slowest {max(t for t, _ in sign_ins):.2f} s, HTTP {statuses}")
    print(f"peak RSS: {peak_rss_mib()} MiB")


def bench_elements(count: int) -> None:
    from app.domain.edxml import read_packet
    from app.domain.edxml_packets import MAX_PACKET_BYTES
    from app.domain.errors import DomainError

    data = packet_with_elements(WARD, count)
    before = peak_rss_mib()
    started = time.perf_counter()
    try:
        read_packet(data, max_bytes=MAX_PACKET_BYTES)
        outcome = "read"
    except DomainError as error:
        outcome = f"refused: {error.code}"
    took = time.perf_counter() - started
    print(f"packet: {count} extra elements, {len(data) / 2**20:.1f} MiB (limit {MAX_PACKET_BYTES / 2**20:.0f} MiB)")
    print(f"parse: {took:.2f} s, {outcome}; peak RSS {before} MiB before parsing, {peak_rss_mib()} MiB after")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--attachments", type=int, default=8000)
    parser.add_argument("--size", type=int, default=64, help="bytes of each attachment (default 64)")
    parser.add_argument("--lift-limits", action="store_true", help="raise the attachment and element limits")
    parser.add_argument("--elements", type=int, help="parse a packet with this many extra elements instead")
    args = parser.parse_args()
    if args.elements is not None:
        bench_elements(args.elements)
    else:
        bench_attachments(args.attachments, args.size, args.lift_limits)


if __name__ == "__main__":
    main()
