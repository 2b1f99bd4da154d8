"""Running a central system: build it from a database URL, serve it with uvicorn (also in a thread)."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from app.domain.feedback_deadline import DEFAULT_FEEDBACK_RULE, FeedbackRule
from central.api import CentralService, create_app
from central.database import create_central_engine, create_schema
from central.passwords import STRONG, HashCost
from kernel.clock import Clock, SystemClock

SYSTEMS = ("unified", "legacy-binhduong", "legacy-brvt")
DEFAULT_PORTS = {"unified": 8700, "legacy-binhduong": 8701, "legacy-brvt": 8702}
DATABASE_ENV = "WARD_DESK_CENTRAL_DATABASE"
WORKER_ENV = "WARD_DESK_CENTRAL_WORKER"  # the rest of a worker's settings, as JSON
# A worker busy with a burst of requests may answer the supervisor's ping late; uvicorn's 5 s would
# kill and restart a loaded but healthy worker, cutting its requests off.
WORKER_PING_TIMEOUT = 30


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


@dataclass(frozen=True)
class WorkerSettings:
    """What the operator chose for the service that each worker process must know too."""

    system: str
    database_url: str
    feedback_rule: FeedbackRule = DEFAULT_FEEDBACK_RULE

    def pass_to_workers(self) -> None:
        """Spawned workers read their settings from the environment (uvicorn imports them by name)."""
        os.environ[DATABASE_ENV] = self.database_url
        os.environ[WORKER_ENV] = json.dumps({"system": self.system, "feedback_rule": asdict(self.feedback_rule)})

    @classmethod
    def from_environment(cls) -> WorkerSettings:
        settings = json.loads(os.environ[WORKER_ENV])
        return cls(settings["system"], os.environ[DATABASE_ENV], FeedbackRule(**settings["feedback_rule"]))


def serve_in_processes(settings: WorkerSettings, host: str, port: int, workers: int) -> None:
    """``workers`` processes accept on one socket, each with its own service and connection pool on
    the same database: everything they share lives there (the change counter, tokens, mutation
    outcomes, number registers). The caller has created the schema already, so workers never race
    to. uvicorn's supervisor starts a new worker in place of one that dies."""
    settings.pass_to_workers()
    uvicorn.run(
        f"{__name__}:worker_app", factory=True, workers=workers, host=host, port=port, log_level="info",
        timeout_worker_healthcheck=WORKER_PING_TIMEOUT,
    )  # fmt: skip


def worker_app() -> FastAPI:
    """The app of one worker process of ``serve_in_processes``."""
    settings = WorkerSettings.from_environment()
    service = CentralService(system=settings.system, engine=create_central_engine(settings.database_url),
                             clock=SystemClock(), feedback_rule=settings.feedback_rule)  # fmt: skip
    return create_app(service)
