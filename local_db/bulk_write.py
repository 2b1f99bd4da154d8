"""Inserting many rows at once, straight through the driver's executemany.

A first sync writes 100,000 items. SQLAlchemy's Core insert builds and processes each row's
parameters in Python, which cost more than SQLite's own work (0.9 s of 3.3 s for 20,000 items,
measured with `tests/bench/bench_sync.py --profile`). Here each column's bind processor (the
same one SQLAlchemy would use: UTC datetimes, JSON) is looked up once per statement and rows
go to the driver as tuples.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from itertools import chain
from typing import Any

from sqlalchemy import Table, TypeDecorator, bindparam, update
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.types import TypeEngine

from kernel.sql_types import UtcDateTime


def insert_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (column values by name) into ``table``; columns a row leaves out take their
    defaults, as with an ORM or Core insert.

    Rows go ROWS_PER_STATEMENT to one INSERT: the driver lets go of Python's lock for each
    statement it runs, and a thread that takes it meanwhile (the sync's fetching thread) keeps it
    for up to 5 ms. One row per statement made the writer wait that long up to once a row; 32 rows
    per statement wait 32× less often, run as fast alone, and made a first sync of 100,000 items
    ~12 % faster (alternating runs of tests/bench/bench_sync.py's first sync).
    """
    for given, group in _by_columns(rows).items():
        names, convert = _plan(table, given, connection.dialect)
        values = [convert(row) for row in group]
        per_statement = max(1, min(ROWS_PER_STATEMENT, _MOST_VALUES // len(names)))
        one_row = f"({', '.join('?' for _ in names)})"
        into = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES "
        whole = len(values) - len(values) % per_statement
        if whole:
            sql = into + ", ".join([one_row] * per_statement)
            for start in range(0, whole, per_statement):
                connection.exec_driver_sql(sql, tuple(chain.from_iterable(values[start : start + per_statement])))
        if whole < len(values):
            connection.exec_driver_sql(into + one_row, values[whole:])


ROWS_PER_STATEMENT = 32
_MOST_VALUES = 999  # values one statement may bind in SQLite before 3.32


def update_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Update ``rows``, each the new values by column name plus ``row_id``, the row's ``id``."""
    for _given, group in _by_columns(rows).items():
        connection.execute(update(table).where(table.c.id == bindparam("row_id")), group)


def _by_columns(rows: Sequence[dict[str, Any]]) -> dict[tuple[str, ...], list[dict[str, Any]]]:
    """Rows grouped by the columns they carry: one executemany takes one statement shape, and a
    server may leave out optional fields on some items."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(row), []).append(row)
    return groups


def _plan(table: Table, given: tuple[str, ...], dialect: Dialect) -> tuple[list[str], Callable[[dict], tuple]]:
    """The columns to write and a function turning one row into the driver's tuple. Every row of a
    group carries exactly ``given``, in that order (see _by_columns)."""
    defaults: list[Any] = []
    for column in table.columns:
        if column.name in given or column.default is None:
            continue
        default = column.default
        if not (getattr(default, "is_scalar", False) or getattr(default, "is_callable", False)):
            raise ValueError(f"{table.name}.{column.name} has a default this writer cannot apply")
        defaults.append((column.name, default.arg))  # type: ignore[attr-defined]  # a callable: per row, a fresh []
    names = [*given, *(name for name, _default in defaults)]
    processors = [bind_processor_for(table.c[name].type, dialect) for name in names]
    processed = [(at, process) for at, process in enumerate(processors[: len(given)]) if process is not None]
    default_processors = processors[len(given) :]

    def convert(row: dict[str, Any]) -> tuple[Any, ...]:
        values = list(row.values())
        for at, process in processed:
            values[at] = process(values[at])
        for (_name, default), process in zip(defaults, default_processors, strict=True):
            value = default(None) if callable(default) else default
            values.append(value if process is None else process(value))
        return tuple(values)

    return names, convert


def bind_processor_for(column_type: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """The column's bind processor; for SQLite's dates and times a faster one writing the same
    text (tests/integration/test_bulk_write.py compares them): a first sync converts ~300,000."""
    impl = column_type.dialect_impl(dialect)
    if dialect.name == "sqlite" and getattr(impl, "_storage_format", None) in _SQLITE_DEFAULT_FORMATS:
        if isinstance(column_type, UtcDateTime):
            return _utc_text
        if isinstance(impl, sqlite.DATE) and not isinstance(column_type, TypeDecorator):
            return _date_text
    return impl.bind_processor(dialect)


_SQLITE_DEFAULT_FORMATS = (sqlite.DATE._storage_format, sqlite.DATETIME._storage_format)


def _utc_text(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is UTC:  # as the server's datetimes parse: their text less the "+00:00"
        return value.isoformat(" ", "microseconds")[:-6]
    if value.tzinfo is None:
        raise ValueError("naive datetimes are ambiguous; pass an aware datetime")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _date_text(value: date | None) -> str | None:
    return None if value is None else value.isoformat()
