"""Opening the profile's SQLite database: WAL, foreign keys, and the search folding function."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from app.domain.vietnamese_text import fold
from kernel.json_codec import json_text, json_value

# The search triggers of revisions 0002–0008 call this (0009 folds in SQLite): an older cache is
# migrated through them, so every connection still has it.
FOLD_FUNCTION = "wd_fold"


def _fold_sql(value: Any) -> str:
    return "" if value is None else fold(str(value))


def _configure_connection(dbapi_connection: sqlite3.Connection, _record: object) -> None:
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


def enable_write_ahead_log(engine: Engine) -> None:
    """Readers never block the writer. Persistent in the file, so set once it is known to be ours."""
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA journal_mode=WAL")


def create_database_engine(path: Path) -> Engine:
    """An engine on the SQLite file at ``path`` (created if missing)."""
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False},
        json_serializer=json_text,
        json_deserializer=json_value,
    )
    event.listen(engine, "connect", _configure_connection)
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
