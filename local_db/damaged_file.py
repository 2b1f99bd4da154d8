"""Reading a damaged cache file row by row, as far as it can be read; the file itself is never changed.

SQLite works on a copy, put right where a sound cache of the same schema says how: a header that no
longer says it is SQLite is written again, schema entries whose text was damaged get the sound
cache's text (SQLite refuses the whole file for one damaged entry otherwise). A table is read whole
when it can be, else in halves, quarters… down to single rows, so that one damaged page costs only
its own rows. Where SQLite cannot read a table at all (its schema entry or the file's first page
lost), its rows are looked for on the pages themselves (``local_db.page_scan``): those of the copy, into which
SQLite first writes what the file's WAL holds committed (the last session's actions, when it was killed).

Text cells come back as bytes: a cell that is not UTF-8 is the caller's to judge, not an exception
that loses the whole table.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from local_db.database import open_read_only
from local_db.page_scan import HEADER_SIZE, MAGIC, Blob, Value, guess_page_size, header_is_sound, scan_records

log = logging.getLogger(__name__)

MOST_PROBES = 50_000  # single-row reads one table may cost before the rest is left to the page scan
SQLITE_VERSION_NUMBER = 3_040_001  # written into a rebuilt header (any sound value does)

Row = dict[str, Value]


@dataclass(frozen=True)
class Column:
    name: str
    declared: str
    not_null: bool
    rowid_alias: bool

    def holds(self, value: Value) -> bool:
        """Whether a cell read off a page can be this column's (the page scan's test of a record)."""
        if value is None:
            return not self.not_null or self.rowid_alias
        if self.rowid_alias:
            return False  # stored as NULL: the rowid is the value
        kind = self.declared.upper()
        if "INT" in kind:
            return isinstance(value, int)
        if any(word in kind for word in ("CHAR", "CLOB", "TEXT")):
            return isinstance(value, bytes) and not isinstance(value, Blob)
        return not isinstance(value, Blob)  # NUMERIC affinity (dates, JSON, booleans): numbers or text


@dataclass(frozen=True)
class Schema:
    """A sound cache's schema: each table's columns in the file's order, and its SQL text."""

    tables: dict[str, tuple[Column, ...]]
    sql: dict[str, str]

    @classmethod
    def of(cls, database: Path) -> Schema:
        connection = open_read_only(database)
        try:
            sql = dict(connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall())
            tables = {name: _columns(connection, name) for name in sql}
        finally:
            connection.close()
        return cls(tables, sql)


def _columns(connection: sqlite3.Connection, table: str) -> tuple[Column, ...]:
    info = connection.execute(f'PRAGMA table_info("{table}")').fetchall()
    alone = sum(1 for row in info if row[5]) == 1  # a single-column INTEGER PRIMARY KEY is the rowid
    return tuple(
        Column(name, declared, bool(not_null), alone and key == 1 and declared.upper() == "INTEGER")
        for _cid, name, declared, not_null, _default, key in info
    )


@dataclass
class TableRead:
    rows: dict[int, Row] = field(default_factory=dict)  # by rowid
    complete: bool = True  # no part of the table (or of the rows asked for) was unreadable
    through_pages: bool = False  # some rows were found by the page scan, not by SQLite


class DamagedFile:
    """The damaged file at ``path``, read through a repaired copy in ``work`` (deleted by ``close``)."""

    def __init__(self, path: Path, schema: Schema, work: Path) -> None:
        self.schema = schema
        self.work = work
        work.mkdir(parents=True, exist_ok=True)
        self.copy = work / path.name
        shutil.copyfile(path, self.copy)
        wal = path.with_name(path.name + "-wal")
        if wal.exists():  # what the last session committed but had not yet written into the file
            shutil.copyfile(wal, self.copy.with_name(self.copy.name + "-wal"))
        _rebuild_header_if_lost(self.copy)
        _write_wal_into(self.copy)
        self.connection: sqlite3.Connection | None = _opened(self.copy)
        if self.connection is not None and _repair_schema(self.connection, schema):
            self.connection.close()  # opened again: SQLite reads the schema as it now is
            self.connection = _opened(self.copy)
        self.readable = _readable_tables(self.connection, schema)

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
        shutil.rmtree(self.work, ignore_errors=True)

    def read(self, wanted: dict[str, Iterable[int] | None]) -> dict[str, TableRead]:
        """For each table, its rows (``None``) or those of the rowids given; one page scan at most
        for all the tables SQLite could not read whole."""
        reads = {table: self._sqlite_read(table, rowids) for table, rowids in wanted.items()}
        short = {table: wanted[table] for table, read in reads.items() if not read.complete}
        if short:
            self._from_pages(short, reads)
        return reads

    def rowid_by_index(self, table: str, columns: tuple[str, ...], values: tuple[Value, ...]) -> int | None:
        """The rowid a unique index of ``table`` on ``columns`` gives for ``values`` (a second copy of
        those cells, kept apart from the row's); None when no such index can be read. Raises LookupError
        when the index is read and has no entry for them."""
        if self.connection is None or table not in self.readable:
            return None
        index = _unique_index(self.connection, table, columns)
        if index is None:
            return None
        where = " AND ".join(f'"{column}" = ?' for column in columns)
        try:
            found = self.connection.execute(
                f'SELECT rowid FROM "{table}" INDEXED BY "{index}" WHERE {where}', values
            ).fetchall()
        except sqlite3.Error:
            return None
        if not found:
            raise LookupError(values)
        return int(found[0][0])

    def indexed(self, table: str, index: str, column: str) -> dict[int, Value] | None:
        """Each rowid with its ``column`` as the index ``index`` holds them (a second copy, on other pages:
        it may still answer for rows whose own pages are lost); None when the index cannot be read whole."""
        if self.connection is None or table not in self.readable:
            return None
        try:
            return dict(self.connection.execute(f'SELECT rowid, "{column}" FROM "{table}" INDEXED BY "{index}"'))
        except sqlite3.Error:
            return None

    # -- SQLite ------------------------------------------------------------------------------------

    def _sqlite_read(self, table: str, rowids: Iterable[int] | None) -> TableRead:
        if self.connection is None or table not in self.readable:
            return TableRead(complete=False)
        columns = self.schema.tables[table]
        present = self.readable[table]
        selected = ", ".join(f'"{column.name}"' if at < present else "NULL" for at, column in enumerate(columns))
        reader = _RowReader(self.connection, f'SELECT rowid, {selected} FROM "{table}"', columns)
        if rowids is not None:
            return reader.rows_of(rowids)
        return reader.whole(*self._largest_rowid(table))

    def _largest_rowid(self, table: str) -> tuple[int, bool]:
        """How far up single rows may have to be tried: the largest rowid the table says (then it is
        certain), else the largest its indexes say."""
        assert self.connection is not None
        largest, certain = 0, False
        indexes = [None, *(cell_text(row[1]) for row in self.connection.execute(f'PRAGMA index_list("{table}")'))]
        for index in indexes:
            by = f' INDEXED BY "{index}"' if index else ""
            try:
                found = self.connection.execute(f'SELECT max(rowid) FROM "{table}"{by}').fetchone()[0]
            except sqlite3.Error:
                continue
            largest = max(largest, int(found or 0))
            certain = certain or index is None
        return largest, certain

    # -- the pages themselves ------------------------------------------------------------------------

    def _from_pages(self, short: dict[str, Iterable[int] | None], reads: dict[str, TableRead]) -> None:
        """Rows SQLite could not give, looked for on the pages (a record is a table's when each of its
        cells can be that table's column's); the rows SQLite gave stay as it read them."""
        wanted = {table: (None if rowids is None else set(rowids)) for table, rowids in short.items()}
        widths = {len(self.schema.tables[table]) for table in wanted}
        try:
            for record in scan_records(self.copy, widths.__contains__):
                table = self._table_of(record.values, wanted)
                if table is None:
                    continue
                read, rowids = reads[table], wanted[table]
                if record.rowid not in read.rows and (rowids is None or record.rowid in rowids):
                    read.rows[record.rowid] = _row(self.schema.tables[table], record.rowid, record.values)
                    read.through_pages = True
        except (OSError, ValueError):
            log.warning("the damaged file's pages could not be read", exc_info=True)

    def _table_of(self, values: tuple[Value, ...], wanted: dict[str, set[int] | None]) -> str | None:
        for table in wanted:
            columns = self.schema.tables[table]
            if len(values) == len(columns) and all(map(Column.holds, columns, values)):
                return table
        return None


class _RowReader:
    """One table's SELECT, read whole or by rowid ranges narrowed down around the damaged pages."""

    def __init__(self, connection: sqlite3.Connection, select: str, columns: tuple[Column, ...]) -> None:
        self.connection = connection
        self.select = select
        self.columns = columns
        self.probes = 0

    def whole(self, upper: int, certain: bool) -> TableRead:
        """Every row; when the table cannot be read at once, range by range up to ``upper`` (rows above
        it are missed unless ``certain``: then there are none)."""
        read = TableRead()
        try:
            read.rows = self._rows(self.connection.execute(self.select))
            return read
        except sqlite3.Error:
            pass  # a damaged page on the way: narrowed down to below
        self._narrow(read, 1, max(upper, 1))
        read.complete = read.complete and certain
        return read

    def rows_of(self, rowids: Iterable[int]) -> TableRead:
        read = TableRead()
        for rowid in sorted(set(rowids)):
            try:
                found = self.connection.execute(f"{self.select} WHERE rowid = ?", (rowid,)).fetchall()
            except sqlite3.Error:
                read.complete = False
                continue
            read.rows.update(self._rows(found))  # none where SQLite's tree still answers: gone, not damaged
        return read

    def _narrow(self, read: TableRead, low: int, high: int) -> None:
        """Rows of [low, high]: the range at once, else its halves (a stack, not recursion)."""
        ranges = [(low, high)]
        while ranges:
            low, high = ranges.pop()
            self.probes += 1
            if self.probes > MOST_PROBES:
                read.complete = False
                return
            try:
                found = self.connection.execute(f"{self.select} WHERE rowid BETWEEN ? AND ?", (low, high)).fetchall()
            except sqlite3.Error:
                if low == high:
                    read.complete = False  # this row's page is damaged
                else:
                    middle = (low + high) // 2
                    ranges += [(middle + 1, high), (low, middle)]
                continue
            read.rows.update(self._rows(found))

    def _rows(self, found: Iterable[tuple[Any, ...]]) -> dict[int, Row]:
        """The rows of a SELECT's result, by rowid (its first cell)."""
        return {rowid: _row(self.columns, rowid, values) for rowid, *values in found}


def _row(columns: tuple[Column, ...], rowid: int, values: Iterable[Value]) -> Row:
    """A record's cells by column name; the rowid alias's is the rowid (the page stores NULL for it; SQLite
    reads it as the rowid, and the column is never one the copy lacks: a key is never added later)."""
    return {
        column.name: (rowid if column.rowid_alias else value) for column, value in zip(columns, values, strict=True)
    }


def _opened(copy: Path) -> sqlite3.Connection | None:
    """The copy, open for reading and repair; None when SQLite cannot open it at all."""
    try:
        connection = sqlite3.connect(copy, isolation_level=None)
        connection.text_factory = bytes
        connection.execute("PRAGMA writable_schema=ON")  # damaged entries of other tables are passed over
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection
    except (sqlite3.Error, UnicodeDecodeError) as error:
        log.warning("SQLite cannot read the damaged file's schema (%s): its pages are read instead", error)
        return None


def _repair_schema(connection: sqlite3.Connection, schema: Schema) -> bool:
    """Give our tables whose entry SQLite cannot use as ours (its text damaged: the table unknown, or a
    column's name or type not ours: "INTEGER NOT NULL" read as a type "INTEGER ?OT" makes the rowid a
    column of NULLs) the sound entry's text; True when one was (open the copy again then)."""
    repaired = False
    try:
        for table in schema.tables:
            if not _our_columns_read(connection, schema, table):
                changed = connection.execute(
                    "UPDATE sqlite_master SET type = 'table', sql = ? WHERE name = ?", (schema.sql[table], table)
                )
                repaired = repaired or changed.rowcount > 0
    except sqlite3.Error as error:
        log.warning("the damaged file's schema could not be put right (%s)", error)
    return repaired


def _readable_tables(connection: sqlite3.Connection | None, schema: Schema) -> dict[str, int]:
    """Our tables SQLite reads in the copy as ours, each with how many of our columns it has."""
    if connection is None:
        return {}
    readable: dict[str, int] = {}
    for table in schema.tables:
        try:
            present = _our_columns_read(connection, schema, table)
        except sqlite3.Error:
            continue
        if present:
            readable[table] = present
    return readable


def _our_columns_read(connection: sqlite3.Connection, schema: Schema, table: str) -> int:
    """How many of our columns SQLite reads ``table`` in the copy with: our first ones, in our order, with our
    names and types (an older revision's table lacks those added since); 0 when it reads others."""
    ours = [(column.name, column.declared, column.not_null) for column in schema.tables[table]]
    found = [
        (cell_text(row[1]), cell_text(row[2]), bool(row[3]))
        for row in connection.execute(f'PRAGMA table_info("{table}")')
    ]
    return len(found) if found == ours[: len(found)] else 0


def _unique_index(connection: sqlite3.Connection, table: str, columns: tuple[str, ...]) -> str | None:
    try:
        for _seq, name, unique, *_rest in connection.execute(f'PRAGMA index_list("{table}")'):
            indexed = tuple(cell_text(row[2]) for row in connection.execute(f'PRAGMA index_info("{cell_text(name)}")'))
            if unique and indexed == columns:
                return cell_text(name)
    except sqlite3.Error:
        return None
    return None


def _rebuild_header_if_lost(copy: Path) -> None:
    """Write a header anew when the copy's no longer says it is SQLite (zeroed, overwritten); the rest of
    the first page (the schema's root) is kept."""
    with copy.open("r+b") as handle:
        header = handle.read(HEADER_SIZE)
        if header_is_sound(header):
            return
        data = header + handle.read()
        page_size = guess_page_size(data)
        handle.seek(0)
        handle.write(_header(page_size, max(len(data) // page_size, 1)))
    log.warning("the damaged file's header was rebuilt (pages of %d bytes)", page_size)


def _write_wal_into(copy: Path) -> None:
    """The committed frames of the copy's WAL written into the copy, so that the page scan, which reads the
    file alone, finds what SQLite finds: a session killed before it closed the cache left its last actions
    in the WAL only. SQLite does it as its last connection closes (a checkpoint, of frames its salts and
    checksums show committed: a frame cut short is not applied); a read of the header's schema cookie opens
    the WAL without the schema, which may be lost (the pragma wal_checkpoint needs it)."""
    wal = copy.with_name(copy.name + "-wal")
    if not wal.exists():
        return
    try:
        connection = sqlite3.connect(copy)
        try:
            connection.execute("PRAGMA schema_version").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as error:
        log.warning("the damaged file's WAL could not be read (%s)", error)
    if wal.exists():
        log.warning("the damaged file's WAL was not written into its copy: the page scan cannot see its pages")


def _header(page_size: int, pages: int) -> bytes:
    """A rollback-journal header, UTF-8, schema format 4, no freelist (its pages, if any, are lost)."""
    header = bytearray(HEADER_SIZE)
    header[: len(MAGIC)] = MAGIC
    header[16:18] = (1 if page_size == 65536 else page_size).to_bytes(2, "big")
    header[18:24] = bytes((1, 1, 0, 64, 32, 32))
    header[24:28] = (1).to_bytes(4, "big")  # change counter
    header[28:32] = pages.to_bytes(4, "big")
    header[40:44] = (1).to_bytes(4, "big")  # schema cookie
    header[44:48] = (4).to_bytes(4, "big")  # schema format
    header[56:60] = (1).to_bytes(4, "big")  # UTF-8
    header[92:96] = (1).to_bytes(4, "big")  # the page count above is valid for this change counter
    header[96:100] = SQLITE_VERSION_NUMBER.to_bytes(4, "big")
    return bytes(header)


def cell_text(value: Value) -> str:
    """A cell as text, unreadable bytes as U+FFFD (never an exception)."""
    if isinstance(value, bytes):
        return value.decode(errors="replace")
    return "" if value is None else str(value)
