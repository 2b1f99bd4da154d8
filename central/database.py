"""The central service's database: SQLite by default (a file, zero set-up), PostgreSQL by URL."""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Dialect,
    Engine,
    String,
    create_engine,
    event,
    insert,
    inspect,
    literal,
    select,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from central.models import CentralBase, ChangeCounter
from kernel.json_codec import json_text, json_value

WRITE_OPTIONS = {"sqlite_begin": "IMMEDIATE"}
APPLICATION_NAME = "ward-desk-central"


LOCK_WAIT = 30.0  # seconds a writer waits for SQLite's write lock before the request answers 503


def _sqlite_transactions(engine: Engine, lock_wait: float) -> None:
    """Writers take SQLite's write lock at BEGIN, so they queue instead of failing to upgrade a
    read lock; readers begin deferred and, in WAL mode, never block a writer."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: object) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute(f"PRAGMA busy_timeout={int(lock_wait * 1000)}")
        dbapi_connection.execute("PRAGMA foreign_keys=ON")

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql(f"BEGIN {connection.get_execution_options().get('sqlite_begin', 'DEFERRED')}")


def create_central_engine(url: str, lock_wait: float = LOCK_WAIT) -> Engine:
    json_options = {"json_serializer": json_text, "json_deserializer": json_value}
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": lock_wait}, **json_options)
        _sqlite_transactions(engine, lock_wait)
    else:
        # The process id in pg_stat_activity tells an operator which worker process holds which connection.
        connect_args = {"application_name": f"{APPLICATION_NAME} {os.getpid()}"}
        engine = create_engine(
            url, pool_pre_ping=True, pool_size=10, max_overflow=10, connect_args=connect_args, **json_options
        )
    return engine


def create_schema(engine: Engine) -> None:
    """Create missing tables and the change counter row (idempotent, safe for several processes)."""
    CentralBase.metadata.create_all(engine)
    _add_missing_columns(engine)
    with engine.begin() as connection:
        if connection.scalar(select(ChangeCounter.id).where(ChangeCounter.id == 1)) is None:
            connection.execute(insert(ChangeCounter).values(id=1, value=0, epoch=1, horizon=0))


def _add_missing_columns(engine: Engine) -> None:
    """A service database made by an earlier version gets the columns added since (all nullable or
    with a plain default), so a demo or training folder keeps working after an update."""
    with engine.begin() as connection:
        for table in CentralBase.metadata.sorted_tables:
            have = {column["name"] for column in inspect(connection).get_columns(table.name)}
            for column in table.columns:
                if column.name not in have:
                    _add_column(connection, table.name, column)


def _add_column(connection: Connection, table: str, column: Column[Any]) -> None:
    sql = _add_column_sql(connection.dialect, table, column)
    try:
        with connection.begin_nested():  # another process starting at once may add it first
            connection.exec_driver_sql(sql)
    except DBAPIError:
        if column.name not in {found["name"] for found in inspect(connection).get_columns(table)}:
            raise


def _add_column_sql(dialect: Dialect, table: str, column: Column[Any]) -> str:
    kind = column.type.compile(dialect=dialect)
    default = column.default.arg if column.default is not None and column.default.is_scalar else None
    if default is None and column.default is not None:  # a callable default such as list: its value now
        default = column.default.arg(None)
    if default is None:
        if not column.nullable:
            raise RuntimeError(f"the service database lacks {table}.{column.name} and it has no default")
        return f'ALTER TABLE "{table}" ADD COLUMN "{column.name}" {kind}'
    value = json_text(default) if isinstance(default, list | dict) else default
    as_type = String() if isinstance(default, list | dict) else column.type
    literal_sql = _literal(value, as_type, dialect)
    return f'ALTER TABLE "{table}" ADD COLUMN "{column.name}" {kind} NOT NULL DEFAULT {literal_sql}'


def _literal(value: Any, kind: Any, dialect: Dialect) -> str:
    """``value`` written as SQL the way ``dialect`` writes a literal of ``kind`` (TRUE on PostgreSQL, 1 on SQLite)."""
    return str(literal(value, kind).compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


def write_sessions(engine: Engine, info: dict[str, Any] | None = None) -> sessionmaker[Session]:
    """Sessions for transactions that write (``with sessions.begin()``); ``info`` rides on each."""
    return sessionmaker(engine.execution_options(**WRITE_OPTIONS), expire_on_commit=False, info=info or {})


def read_sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
