"""Running a central system: build it from a database URL, serve it with uvicorn (also in a thread)."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from central.api import CentralService, create_app
from central.database import create_central_engine, create_schema
from central.passwords import STRONG, HashCost
from kernel.clock import Clock, SystemClock

SYSTEMS = ("unified", "legacy-binhduong", "legacy-brvt")
DEFAULT_PORTS = {"unified": 8700, "legacy-binhduong": 8701, "legacy-brvt": 8702}


def build_service(
    system: str, database_url: str, clock: Clock | None = None, password_cost: HashCost = STRONG
) -> CentralService:
    engine = create_central_engine(database_url)
    create_schema(engine)
    return CentralService(system=system, engine=engine, clock=clock or SystemClock(), password_cost=password_cost)


@dataclass
class RunningServer:
    url: str
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def start_in_thread(
    service: CentralService, host: str = "127.0.0.1", port: int = 0, tls: tuple[Path, Path] | None = None
) -> RunningServer:
    """Serve on loopback in a daemon thread; port 0 picks a free port. Returns once it accepts.
    ``tls``: (certificate chain, private key) files to serve HTTPS."""
    # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY on accepted sockets only when the protocol says TCP,
    # and without it a small answer after its headers waits 40 ms for a delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    actual_port = sock.getsockname()[1]
    certificate, key = tls if tls is not None else (None, None)
    config = uvicorn.Config(
        create_app(service), log_level="warning", access_log=False, lifespan="off",
        ssl_certfile=certificate, ssl_keyfile=key,
    )  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True, name="central-service")
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the central service did not start")
        time.sleep(0.01)
    scheme = "https" if tls is not None else "http"
    return RunningServer(f"{scheme}://{host}:{actual_port}", server, thread)


def serve_forever(service: CentralService, host: str, port: int) -> None:
    uvicorn.run(create_app(service), host=host, port=port, log_level="info")
