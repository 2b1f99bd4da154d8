"""A damaged cache file: found, and moved aside with what it still holds rescued (``local_db.cache_rescue``).

The cache is a copy of the central systems plus the user's unsent actions, so a damaged file (a disk
fault, a copy cut short, another program's writing) is rebuilt by a full sync. Found at start from the
file's size and header (empty, no longer SQLite's, shorter than it says) or as SQLite opens it
(``is_damage``), or from a mark left by the last session, whose background check (SQLite's
``quick_check`` and a scan of its text for cells that are not UTF-8) or whose reads met damage. The
damaged file is never deleted: it is moved into ``backups/`` with its WAL.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError

from local_db.database import DamageSeen, is_damage, open_read_only
from local_db.models import Base
from local_db.page_scan import HEADER_SIZE, MAGIC, PAGE_SIZES, said_page_size

DAMAGE_MARK = "cache-damaged.txt"  # in the profile folder: the last session found the file damaged
CELL_CHECK_ROWS = 20_000  # rows of a table whose cells are checked at once (a bounded piece of memory)

# What happened, for the user's words; a reason (for the log) starts with its kind and a colon, else it is
# SQLite's own words and the kind is CHECK_FAILED.
TRUNCATED = "truncated"  # the file is shorter than its header says
CHECK_FAILED = "check_failed"  # SQLite found errors in it (its check, or a read that met a damaged page)
EMPTY = "empty"  # the file holds no byte
UNREADABLE = "unreadable"  # its header or schema is damaged: SQLite cannot open it
BAD_TEXT = "bad_text"  # text cells that are not UTF-8
KINDS = (TRUNCATED, CHECK_FAILED, EMPTY, UNREADABLE, BAD_TEXT)

log = logging.getLogger(__name__)


def damage_kind(reason: str) -> str:
    """One of KINDS: what the user is told of ``reason``, which is for the log (sizes in bytes, SQLite's
    own words, all English)."""
    kind = reason.partition(":")[0]
    return kind if kind in KINDS else CHECK_FAILED


@dataclass(frozen=True)
class Recovery:
    """What happened, for the message the user sees (``kind``, the counts) and for the log (``reason``)."""

    reason: str
    moved_to: Path
    accounts: int
    actions_kept: int = 0  # actions not settled with the server, rescued as they were
    actions_held: int = 0  # damaged ones kept for the user to redo or give up, never sent
    actions_lost: int = 0  # known to be lost (their rows or items unreadable)
    lost_uncertain: bool = False  # part of the actions could not be read: more may be lost

    @property
    def kind(self) -> str:
        return damage_kind(self.reason)


def damage_at_start(database: Path, profile_root: Path) -> str | None:
    """Why the cache file must be rebuilt, or None. Cheap: the mark, the size, the header."""
    mark = profile_root / DAMAGE_MARK
    try:
        size = database.stat().st_size
        with database.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
    except FileNotFoundError:
        mark.unlink(missing_ok=True)  # the file it spoke of is gone
        return None  # a new profile (a new cache is made whole under another name, then renamed)
    if mark.exists():
        return mark.read_text(encoding="utf-8", errors="replace").strip() or CHECK_FAILED
    if size == 0:
        return f"{EMPTY}: 0 bytes"
    if header[: len(MAGIC)] != MAGIC:
        return f"{UNREADABLE}: the header is not SQLite's ({header[:16]!r})"
    if len(header) < HEADER_SIZE:
        return f"{TRUNCATED}: {size} bytes"
    page_size = said_page_size(header)
    if page_size not in PAGE_SIZES:
        return f"{UNREADABLE}: the header's page size is {page_size}"
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96]  # the page count is trustworthy only then
    if valid and size < pages * page_size:
        return f"{TRUNCATED}: {size} of {pages * page_size} bytes"
    return None


# Read whole at each start (each is a few rows): every start's reads of them, and the sync's, then cannot
# meet damage there, and an unsent action's text is never sent read with U+FFFD in it.
SMALL_TABLE_READS = (
    "SELECT * FROM source",
    "SELECT * FROM account",
    "SELECT * FROM desk_identity",
    "SELECT * FROM outbox_entry WHERE account_id IN (SELECT id FROM account)"
    " AND status IN ('pending', 'rejected', 'stranded')",  # from the (account, status) index, not a scan
)


def damage_at_open(engine: Engine, damage: DamageSeen) -> str | None:
    """What a first look at the opened cache finds damaged, or None. Cheap whatever the cache's size (a
    few ms): each table has our columns (a damaged schema can rename a column and still be read) and the
    small tables read whole, their text UTF-8 (``damage`` hears of a cell that is not)."""
    with engine.connect() as connection:
        found = set(connection.exec_driver_sql(
            "SELECT m.name, c.name FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS c WHERE m.type = 'table'"
        ).all())  # fmt: skip
        for table in Base.metadata.sorted_tables:
            missing = sorted(column.name for column in table.columns if (table.name, column.name) not in found)
            if missing:
                return f"{UNREADABLE}: the table {table.name} has no column {missing[0]}"
        for sql in SMALL_TABLE_READS:
            connection.exec_driver_sql(sql).fetchall()
    return damage.first


def quick_check(engine: Engine) -> str | None:
    """SQLite's quick_check, then ``bad_cells``; None when the file is sound, else the first complaint.
    Slow on a large cache (≈ 1 s per 100 MB): call it from a worker, never on the way to the first rows."""
    database = engine.url.database
    try:
        with engine.connect() as connection:
            verdict = str(connection.exec_driver_sql("PRAGMA quick_check(1)").scalar())
        if verdict != "ok":
            return verdict
        return None if database is None else bad_cells(Path(database))
    except (DatabaseError, sqlite3.DatabaseError, UnicodeDecodeError) as error:
        if is_damage(error):  # so damaged the check itself cannot run
            return str(error)
        raise


def bad_cells(database: Path) -> str | None:
    """Where a cell of the file cannot be read back as its column's (SQLite's checks pass such a cell; the
    app's read of it fails): text that is not UTF-8, a date or a time SQLite cannot read, JSON that is not,
    a number that is text. A digit changed into another digit is data like any other: not found. SQLite
    does the work a piece of rows at a time (it joins the text, decoded here at once, and counts the cells
    of the wrong kind); a full-text index's own tables are left out (the app reads only their rowids)."""
    connection = open_read_only(database)
    connection.text_factory = bytes
    try:
        entries = connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
        virtual = [name + b"_" for name, sql in entries if (sql or b"").upper().startswith(b"CREATE VIRTUAL")]
        for name, sql in entries:
            if not name.startswith(tuple(virtual)) and name + b"_" not in virtual:
                problem = _bad_cells_in(connection, name.decode(), b"WITHOUT ROWID" in (sql or b"").upper())
                if problem is not None:
                    return problem
    finally:
        connection.close()
    return None


def _bad_cells_in(connection: sqlite3.Connection, table: str, without_rowid: bool) -> str | None:
    """The first bad cell of ``table``, a range of rows at a time: each text column's cells joined by SQLite
    (no row is built, no sort: ~0.4 s for 120,000 documents), the cells of the wrong kind counted."""
    columns = [
        (row[1].decode(), row[2].decode().upper()) for row in connection.execute(f'PRAGMA table_info("{table}")')
    ]
    texts = [f"group_concat(\"{name}\", x'00')" for name, declared in columns if _holds_text(declared)]
    tests = [test for name, declared in columns if (test := _wrong_kind(name, declared)) is not None]
    wrong = " + ".join(f"({test})" for test in tests) or "0"
    select = f'SELECT sum({wrong}), {", ".join(texts) or "NULL"} FROM "{table}"'
    if without_rowid:  # a small table: at once
        ranges = [(0, 0)]
    else:
        top = connection.execute(f'SELECT max(rowid) FROM "{table}"').fetchone()[0] or 0
        ranges = [(low, low + CELL_CHECK_ROWS - 1) for low in range(0, top + 1, CELL_CHECK_ROWS)]
        select += " WHERE rowid BETWEEN ? AND ?"
    for low, high in ranges:
        wrong_cells, *joined = connection.execute(select, (low, high) if not without_rowid else ()).fetchone()
        where = f"{table} (rows {low}–{high})"
        if wrong_cells:
            return f"{BAD_TEXT}: {wrong_cells} cell(s) of {where} cannot be read as their column's kind"
        try:
            for text in joined:
                (text or b"").decode()
        except UnicodeDecodeError as error:
            return f"{BAD_TEXT}: a text cell of {where} is not UTF-8 ({error.reason})"
    return None


def _holds_text(declared: str) -> bool:
    return declared in ("DATE", "DATETIME", "JSON") or any(word in declared for word in ("CHAR", "TEXT", "CLOB"))


def _wrong_kind(name: str, declared: str) -> str | None:
    """An SQL test, 1 for a cell of ``name`` the app could not read back as its ``declared`` type (a date, a
    time, JSON: their reads fail on it); None for the other types (text reads whole, numbers as they are)."""
    cell = f'"{name}"'
    test = {"DATE": f"date({cell}) IS NULL", "DATETIME": f"datetime({cell}) IS NULL", "JSON": f"NOT json_valid({cell})"}
    if declared not in test:
        return None
    return f"{cell} IS NOT NULL AND (typeof({cell}) != 'text' OR {test[declared]})"


def mark_damaged(profile_root: Path, reason: str) -> None:
    """Rebuild at the next start (the file is in use now)."""
    (profile_root / DAMAGE_MARK).write_text(reason, encoding="utf-8")


def move_aside(database: Path, backups: Path, profile_root: Path, now: datetime) -> Path:
    """Move the damaged file (and its WAL) into a folder of its own in ``backups/``; where it is now."""
    folder = backups / f"damaged-{now.strftime('%Y%m%d-%H%M%S')}"
    suffix = 1
    while folder.exists():  # two rebuilds in one second (a second damage at once): neither overwritten
        suffix += 1
        folder = backups / f"damaged-{now.strftime('%Y%m%d-%H%M%S')}-{suffix}"
    folder.mkdir(parents=True)
    for ending in ("-wal", "-shm", ""):  # the file itself last: a cut here leaves it where it is found again
        part = database.with_name(database.name + ending)
        if part.exists():
            part.rename(folder / part.name)
    (profile_root / DAMAGE_MARK).unlink(missing_ok=True)
    log.warning("the damaged cache file was moved to %s", folder)
    return folder / database.name
