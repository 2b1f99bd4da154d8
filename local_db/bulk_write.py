"""Inserting many rows at once, straight through the driver's executemany.

A first sync writes 100,000 items. SQLAlchemy's Core insert builds and processes each row's
parameters in Python, which cost more than SQLite's own work (0.9 s of 3.3 s for 20,000 items,
measured with `tests/bench/bench_sync.py --profile`). Here each column's bind processor (the
same one SQLAlchemy would use: UTC datetimes, JSON) is looked up once per statement and rows
go to the driver as tuples.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Table, bindparam, update
from sqlalchemy.engine import Connection, Dialect


def insert_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (column values by name) into ``table``; columns a row leaves out take their
    defaults, as with an ORM or Core insert."""
    for given, group in _by_columns(rows).items():
        names, convert = _plan(table, given, connection.dialect)
        placeholders = ", ".join("?" for _ in names)
        sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({placeholders})"
        connection.exec_driver_sql(sql, [convert(row) for row in group])


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
    """The columns to write and a function turning one row into the driver's tuple."""
    defaults: dict[str, Any] = {}
    for column in table.columns:
        if column.name in given or column.default is None:
            continue
        default = column.default
        if getattr(default, "is_scalar", False):
            defaults[column.name] = default.arg  # type: ignore[attr-defined]
        elif getattr(default, "is_callable", False):
            defaults[column.name] = default.arg  # type: ignore[attr-defined]  # called per row: a fresh []
        else:
            raise ValueError(f"{table.name}.{column.name} has a default this writer cannot apply")
    names = [*given, *defaults]
    processors = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names]
    steps = list(zip(names, processors, strict=True))

    def convert(row: dict[str, Any]) -> tuple[Any, ...]:
        values = []
        for name, process in steps:
            if name in row:
                value = row[name]
            else:
                value = defaults[name]
                value = value(None) if callable(value) else value
            values.append(value if process is None else process(value))
        return tuple(values)

    return names, convert
