"""Opening the profile's SQLite database: WAL, foreign keys, the search folding function, and text that
reads even where the file is damaged."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.orm import Session, sessionmaker

from app.domain.vietnamese_text import fold
from kernel.json_codec import json_text, json_value

# The search triggers of revisions 0002–0008 call this (0009 folds in SQLite): an older cache is
# migrated through them, so every connection still has it.
FOLD_FUNCTION = "wd_fold"
# SQLite's result codes for a damaged file (the low byte of the extended code Python reports).
SQLITE_CORRUPT, SQLITE_NOTADB = 11, 26

log = logging.getLogger(__name__)


class DamageSeen:
    """Damage met while the cache is in use: a text cell that is not UTF-8, or a page SQLite calls
    corrupt. The first is told to the listeners (the cache marks the file to be rebuilt at the next
    start; the window tells the user); a listener that fails is logged, never the read's failure.

    Its ``text`` is every connection's text factory: a cell that is not UTF-8 reads with U+FFFD in place
    of its bad bytes, so a list shows its rows (pysqlite would fail the whole query) and the damage is
    told. A Python call per text cell costs ~20 % of a bare fetch of text; a page of 100 rows, nothing."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.first: str | None = None
        self._listeners: list[Callable[[str], None]] = []

    def listen(self, listener: Callable[[str], None]) -> None:
        """Tell ``listener`` of the first damage (at once if it was already seen)."""
        with self._lock:
            self._listeners.append(listener)
            seen = self.first
        if seen is not None:
            self._tell(listener, seen)

    def note(self, reason: str) -> None:
        with self._lock:
            if self.first is not None:
                return
            self.first = reason
            listeners = list(self._listeners)
        log.error("the cache file is damaged: %s", reason)
        for listener in listeners:
            self._tell(listener, reason)

    def text(self, data: bytes) -> str:
        try:
            return data.decode()
        except UnicodeDecodeError as error:
            self.note(f"bad_text: a text cell is not UTF-8 ({error.reason} at byte {error.start})")
            return data.decode(errors="replace")

    @staticmethod
    def _tell(listener: Callable[[str], None], reason: str) -> None:
        try:
            listener(reason)
        except Exception:
            log.exception("a listener of the cache's damage failed")


def is_damage(error: BaseException) -> bool:
    """Whether an error met reading the cache says its file is damaged: SQLite's "corrupt" or "not a
    database", or text (an error message quoting the schema) that is not UTF-8. Not "locked", "disk
    full" or "read-only": those leave the file as it was."""
    original = getattr(error, "orig", None) or error
    if isinstance(original, UnicodeDecodeError):
        return True
    code = getattr(original, "sqlite_errorcode", None)
    return (
        isinstance(original, sqlite3.DatabaseError)
        and code is not None
        and code & 0xFF
        in (
            SQLITE_CORRUPT,
            SQLITE_NOTADB,
        )
    )


def _fold_sql(value: Any) -> str:
    return "" if value is None else fold(str(value))


def _configure_connection(dbapi_connection: sqlite3.Connection, damage: DamageSeen) -> None:
    dbapi_connection.text_factory = damage.text
    dbapi_connection.create_function(FOLD_FUNCTION, 1, _fold_sql, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # FULL: a commit is on disk before the UI says an action is done, even across a power cut.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Statement journals and temporary B-trees in memory, not in temp files: a first sync of 100,000
    # items made 2.5 million pwrite calls with the default, 373,000 with this (strace -c). (A larger
    # page cache saved little more and doubled the window's peak memory, so it keeps the default.)
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def open_read_only(path: Path) -> sqlite3.Connection:
    """Plain sqlite3 on ``path`` for reading only. By URI, and a proper one: a folder named "Phòng #2" or
    "50%" would otherwise be cut at the "#" (another file opened, even made) or decoded."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def enable_write_ahead_log(engine: Engine) -> None:
    """Readers never block the writer. Persistent in the file, so set once it is known to be ours."""
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA journal_mode=WAL")


def create_database_engine(path: Path, damage: DamageSeen | None = None) -> Engine:
    """An engine on the SQLite file at ``path`` (created if missing); ``damage`` hears of damage met."""
    seen = damage or DamageSeen()
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False},
        json_serializer=json_text,
        json_deserializer=json_value,
    )
    event.listen(engine, "connect", lambda connection, _record: _configure_connection(connection, seen))

    @event.listens_for(engine, "handle_error")
    def _damaged(context: ExceptionContext) -> None:
        if is_damage(context.original_exception):
            seen.note(f"{context.original_exception}")

    return engine


def take_write_lock(session: Session) -> None:
    """Make the session's transaction SQLite's writer now (BEGIN IMMEDIATE), before it reads what it
    decides on. pysqlite runs reads outside any transaction and begins one only at the first write, so
    without this a row read to decide a write may be changed by another thread's commit in between
    (a pull would then write over an action taken meanwhile without replaying it). Other writers wait
    (busy_timeout); readers never do (WAL)."""
    connection = session.connection()
    if not connection.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
