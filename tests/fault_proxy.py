"""A fault-injecting HTTP proxy on loopback, between the client and the central service, for tests.

One request per connection: the proxy reads the client's whole request, forces ``Connection: close``
on it and on the answer, and decides per connection, with a seeded ``random.Random``, what goes
wrong. The faults:

``drop_before``  the connection is cut before the request is forwarded (the server never sees it);
``drop_after``   the request reaches the server and its whole answer is read, then the client's
                 connection is cut before any byte of it (the server acted, the client never heard);
``truncate``     the answer is cut half-way through its body (through its head when it has none);
``status_503``   a synthetic ``503 Service Unavailable`` with ``Retry-After: 0``, nothing forwarded;
``delay``        the request is forwarded after a bounded pause (``max_delay`` seconds).

A periodic outage can be added (``outage_period``/``outage_length``): for ``outage_length`` seconds
of every ``outage_period``, new connections are cut at once (``link_down``) and the ones in flight
when the link goes down are cut too (``cut_in_flight``), as a link that drops every few seconds.

Standard library only; binds 127.0.0.1 and forwards only to the loopback service it was given.
``close()`` (or leaving the ``with`` block) stops the listener, cuts what is in flight and joins
the threads.
"""

from __future__ import annotations

import random
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass
from typing import Self
from urllib.parse import urlsplit

FAULTS = ("drop_before", "drop_after", "truncate", "status_503", "delay")
MAX_HEAD = 64 * 1024
MAX_BODY = 64 * 1024 * 1024
IO_TIMEOUT = 30.0
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class FaultRates:
    """Probabilities per connection; their sum is the share of connections that meet a fault."""

    drop_before: float = 0.0
    drop_after: float = 0.0
    truncate: float = 0.0
    status_503: float = 0.0
    delay: float = 0.0

    def __post_init__(self) -> None:
        if any(getattr(self, name) < 0 for name in FAULTS) or self.total > 1.0:
            raise ValueError("fault rates must be ≥ 0 and add up to at most 1")

    @property
    def total(self) -> float:
        return sum(getattr(self, name) for name in FAULTS)

    @classmethod
    def spread(cls, total: float) -> FaultRates:
        """``total`` shared evenly among the five faults."""
        return cls(*([total / len(FAULTS)] * len(FAULTS)))


class FaultProxy:
    def __init__(
        self,
        upstream_url: str,
        rates: FaultRates,
        seed: int = 0,
        max_delay: float = 0.3,
        outage_period: float | None = None,
        outage_length: float = 0.0,
    ) -> None:
        parts = urlsplit(upstream_url)
        if parts.scheme != "http" or parts.hostname not in _LOOPBACK or parts.port is None:
            raise ValueError(f"the proxy only forwards to a plain-HTTP loopback service, not {upstream_url!r}")
        if not 0 <= max_delay <= 5:
            raise ValueError("max_delay must be between 0 and 5 s")
        if outage_period is not None and not 0 < outage_length < outage_period:
            raise ValueError("outage_length must be between 0 and outage_period")
        self.upstream = (parts.hostname, parts.port)
        self.rates = rates
        self.max_delay = max_delay
        self.outage_period = outage_period
        self.outage_length = outage_length
        self.counters: Counter[str] = Counter()
        # (fault, "POST /v1/mutations") -> count; ("forwarded", name): the requests passed on to the service
        self.by_request: Counter[tuple[str, str]] = Counter()
        self._random = random.Random(seed)
        self._forced: dict[str, list[str | None]] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._open: dict[socket.socket, bool] = {}  # socket -> is it a client's connection
        self._threads: set[threading.Thread] = set()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._started = time.monotonic()
        self._acceptor = threading.Thread(target=self._accept_loop, daemon=True, name="fault-proxy-accept")
        self._acceptor.start()
        self._watchdog: threading.Thread | None = None
        if outage_period is not None:
            self._watchdog = threading.Thread(target=self._outages, daemon=True, name="fault-proxy-outages")
            self._watchdog.start()

    # -- lifetime -----------------------------------------------------------------------------------

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._stop.set()
        self._acceptor.join(timeout=5)
        self._listener.close()
        self._cut_all()
        if self._watchdog is not None:
            self._watchdog.join(timeout=5)
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout=5)

    def force(self, request_name: str, *faults: str | None) -> None:
        """The next requests named ``request_name`` (``"POST /v1/auth/refresh"``) meet these faults
        in order (None: forwarded untouched), whatever the dice say; then the dice again."""
        unknown = [fault for fault in faults if fault is not None and fault not in FAULTS]
        if unknown:
            raise ValueError(f"unknown faults {unknown}")
        with self._lock:
            self._forced.setdefault(request_name, []).extend(faults)

    def summary(self) -> str:
        with self._lock:
            counts = dict(self.counters)
        return " ".join(f"{name}={counts[name]}" for name in sorted(counts))

    # -- the link -----------------------------------------------------------------------------------

    def link_down(self) -> bool:
        if self.outage_period is None:
            return False
        elapsed = time.monotonic() - self._started
        return elapsed % self.outage_period >= self.outage_period - self.outage_length

    def _outages(self) -> None:
        was_down = False
        while not self._stop.wait(0.01):
            down = self.link_down()
            if down and not was_down:
                self._count("outages")
                self._count("cut_in_flight", self._cut_all())
            was_down = down

    def _cut_all(self) -> int:
        """Cut every open connection; returns how many clients were cut."""
        with self._lock:
            sockets, self._open = dict(self._open), {}
        for sock in sockets:
            _reset(sock)
        return sum(sockets.values())

    # -- connections --------------------------------------------------------------------------------

    def _count(self, name: str, amount: int = 1) -> None:
        with self._lock:
            self.counters[name] += amount

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True, name="fault-proxy-conn")
            with self._lock:
                self._threads.add(thread)
            thread.start()

    def _choose(self, request_name: str) -> tuple[str | None, float]:
        with self._lock:
            roll, pause = self._random.random(), self._random.uniform(0, self.max_delay)
            forced = self._forced.get(request_name)
            if forced:
                return forced.pop(0), pause
        for name in FAULTS:
            rate = getattr(self.rates, name)
            if roll < rate:
                return name, pause
            roll -= rate
        return None, 0.0

    def _track(self, sock: socket.socket, client: bool) -> bool:
        with self._lock:
            if self._stop.is_set():
                return False
            self._open[sock] = client
            return True

    def _untrack(self, sock: socket.socket) -> None:
        with self._lock:
            self._open.pop(sock, None)

    def _serve(self, conn: socket.socket) -> None:
        upstream: socket.socket | None = None
        try:
            conn.settimeout(IO_TIMEOUT)
            if not self._track(conn, client=True):
                return
            self._count("connections")
            if self.link_down():
                self._count("link_down")
                _reset(conn)
                return
            request = _read_request(conn)
            if request is None:
                return
            name = _request_name(request)
            fault, pause = self._choose(name)
            if fault is not None:
                with self._lock:
                    self.counters[fault] += 1
                    self.by_request[fault, name] += 1
            if fault == "drop_before":
                _reset(conn)
                return
            if fault != "status_503":
                with self._lock:
                    self.by_request["forwarded", name] += 1  # reached (or will reach) the service
            if fault == "status_503":
                conn.sendall(_SERVICE_UNAVAILABLE)
                return
            if fault == "delay" and self._stop.wait(pause):
                return
            upstream = socket.create_connection(self.upstream, timeout=IO_TIMEOUT)
            if not self._track(upstream, client=False):
                return
            upstream.sendall(request)
            answer = _read_to_end(upstream)
            head_length = answer.find(b"\r\n\r\n") + 4
            if head_length < 4:
                _reset(conn)
                return
            answer = _closing_head(answer[:head_length]) + answer[head_length:]
            head_length = answer.find(b"\r\n\r\n") + 4
            if fault == "drop_after":
                _reset(conn)
                return
            if fault == "truncate":
                body = len(answer) - head_length
                conn.sendall(answer[: head_length + body // 2] if body else answer[: head_length // 2])
                return
            conn.sendall(answer)
            self._count("forwarded")
        except OSError:
            self._count("io_errors")
        finally:
            for sock in (conn, upstream):
                if sock is not None:
                    self._untrack(sock)
                    sock.close()
            with self._lock:
                self._threads.discard(threading.current_thread())


_UNAVAILABLE_BODY = b'{"code":"unavailable","message":{"en":"injected by the fault proxy"}}'
_SERVICE_UNAVAILABLE = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 0\r\n"
    + f"Content-Length: {len(_UNAVAILABLE_BODY)}\r\n".encode()
    + b"Connection: close\r\n\r\n"
    + _UNAVAILABLE_BODY
)


def _reset(sock: socket.socket) -> None:
    """Cut the connection abruptly (TCP RST), as a dropped link does."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _read_request(conn: socket.socket) -> bytes | None:
    """The client's whole request, rewritten to ``Connection: close``; None when it hung up."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk or len(data) > MAX_HEAD:
            return None
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
        elif name.strip().lower() == b"transfer-encoding":
            return None  # the desktop client never streams a request body
    if length > MAX_BODY:
        return None
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        rest += chunk
    return _closing_head(head + b"\r\n\r\n") + rest[:length]


def _request_name(request: bytes) -> str:
    """``METHOD /path`` of a request, without its query."""
    method, _, rest = request.partition(b"\r\n")[0].partition(b" ")
    path = rest.partition(b" ")[0].partition(b"?")[0]
    return f"{method.decode('ascii', 'replace')} {path.decode('ascii', 'replace')}"


def _closing_head(head: bytes) -> bytes:
    """The same head with its hop-by-hop connection headers replaced by ``Connection: close``."""
    lines = head[:-4].split(b"\r\n")
    kept = [
        line
        for line in lines[1:]
        if line.partition(b":")[0].strip().lower() not in (b"connection", b"keep-alive", b"proxy-connection")
    ]
    return b"\r\n".join([lines[0], *kept, b"Connection: close"]) + b"\r\n\r\n"


def _read_to_end(sock: socket.socket) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_BODY:
            raise OSError("answer too large for the fault proxy")
