"""What the service's write transactions do on SQLite, watched through SQLAlchemy's engine events:
how long each held the write lock (from BEGIN IMMEDIATE, where the service's writers take it, to
COMMIT or ROLLBACK) and how many statements it ran. The ingest tests and benchmark read it."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, event


@dataclass
class WriteTransaction:
    seconds: float
    statements: int


class WriteTransactions:
    """Every write transaction of ``engine`` from now until ``stop``."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.done: list[WriteTransaction] = []
        self._open: dict[int, tuple[float, int]] = {}
        self._lock = threading.Lock()
        self._listeners = (("begin", self._begin), ("commit", self._end), ("rollback", self._end),
                           ("before_cursor_execute", self._statement))  # fmt: skip
        for name, listener in self._listeners:
            event.listen(engine, name, listener)

    def stop(self) -> None:
        for name, listener in self._listeners:
            event.remove(self.engine, name, listener)

    @property
    def longest(self) -> WriteTransaction:
        return max(self.done, key=lambda done: done.seconds, default=WriteTransaction(0.0, 0))

    @property
    def most_statements(self) -> int:
        return max((done.statements for done in self.done), default=0)

    def _begin(self, connection: Any) -> None:
        if connection.get_execution_options().get("sqlite_begin") == "IMMEDIATE":
            with self._lock:
                self._open[id(connection)] = (time.perf_counter(), 0)

    def _statement(self, connection: Any, *_args: Any) -> None:
        with self._lock:
            if id(connection) in self._open:
                started, count = self._open[id(connection)]
                self._open[id(connection)] = (started, count + 1)

    def _end(self, connection: Any) -> None:
        with self._lock:
            opened = self._open.pop(id(connection), None)
            if opened is not None:
                self.done.append(WriteTransaction(time.perf_counter() - opened[0], opened[1]))
