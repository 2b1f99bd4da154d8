"""A damaged cache file: found, moved aside, and what can be read from it salvaged.

The cache is a copy of the central systems plus the user's unsent actions, so a damaged file
(a disk fault, a copy cut short) is rebuilt by a full sync. Found at start from the file's header
(a truncated file is shorter than its header says) or from a mark left by the background
``PRAGMA quick_check`` of the last session. The damaged file is never deleted: it is moved into
``backups/`` with its WAL, and the sources and accounts are read back from it so the rebuilt
cache syncs with the same accounts (their secrets are in the OS keyring, keyed by system and
login, not in this file).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, create_engine, func, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.domain.statuses import OutboxStatus
from local_db.models import Account, OutboxEntry, Source

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
DAMAGE_MARK = "cache-damaged.txt"  # in the profile folder: the last quick_check failed


TRUNCATED = "truncated"  # the file is shorter than its header says
CHECK_FAILED = "check_failed"  # SQLite's integrity check found errors (the mark left by the last session)


def damage_kind(reason: str) -> str:
    """TRUNCATED or CHECK_FAILED: what the user is told of ``reason``, which is for the log (sizes in
    bytes, SQLite's own words, all English)."""
    return TRUNCATED if reason.startswith(f"{TRUNCATED}:") else CHECK_FAILED


@dataclass(frozen=True)
class Recovery:
    """What happened, for the message the user sees (``kind``) and for the log (``reason``)."""

    reason: str
    moved_to: Path
    accounts: int
    unsent_actions: int | None  # None: the damaged file could not say

    @property
    def kind(self) -> str:
        return damage_kind(self.reason)


@dataclass
class Salvage:
    sources: list[dict[str, Any]] = field(default_factory=list)
    accounts: list[dict[str, Any]] = field(default_factory=list)
    unsent_actions: int | None = None


def damage_at_start(database: Path, profile_root: Path) -> str | None:
    """Why the cache file must be rebuilt, or None. Cheap: the header, the size, the mark."""
    mark = profile_root / DAMAGE_MARK
    if mark.exists():
        return mark.read_text(encoding="utf-8").strip() or "damaged"
    try:
        size = database.stat().st_size
        with database.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
    except FileNotFoundError:
        return None
    if size == 0 or not SQLITE_MAGIC.startswith(header[: len(SQLITE_MAGIC)]):
        return None  # empty (a new cache) or not SQLite at all: that is migrate's "foreign" case
    if len(header) < HEADER_SIZE:
        return f"{TRUNCATED}: {size} bytes"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96]  # the page count is trustworthy only then
    if valid and size < pages * page_size:
        return f"{TRUNCATED}: {size} of {pages * page_size} bytes"
    return None


def quick_check(engine: Engine) -> str | None:
    """SQLite's quick_check; None when the file is sound, else its first complaint. Slow on a large
    cache (≈ 1 s per 100 MB): call it from a worker, never on the way to the first rows."""
    with engine.connect() as connection:
        verdict = str(connection.exec_driver_sql("PRAGMA quick_check(1)").scalar())
    return None if verdict == "ok" else verdict


def mark_damaged(profile_root: Path, reason: str) -> None:
    """Rebuild at the next start (the file is in use now)."""
    (profile_root / DAMAGE_MARK).write_text(reason, encoding="utf-8")


def move_aside(database: Path, backups: Path, profile_root: Path, now: datetime) -> tuple[Path, Salvage]:
    """Move the damaged file (and its WAL) into ``backups/``; read what can be read from it first."""
    salvage = _salvage(database)
    folder = backups / f"damaged-{now.strftime('%Y%m%d-%H%M%S')}"
    folder.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        part = database.with_name(database.name + suffix)
        if part.exists():
            part.rename(folder / part.name)
    (profile_root / DAMAGE_MARK).unlink(missing_ok=True)
    return folder / database.name, salvage


def restore(session: Session, salvage: Salvage) -> int:
    """Put the salvaged sources and accounts into a fresh cache; returns the accounts restored."""
    if salvage.sources:
        session.execute(insert(Source), salvage.sources)
    if salvage.accounts:
        session.execute(insert(Account), salvage.accounts)
    return len(salvage.accounts)


def _salvage(database: Path) -> Salvage:
    """Sources, accounts and the count of unsent actions, as far as the damaged file still says."""
    found = Salvage()
    engine = create_engine(f"sqlite:///file:{database}?mode=ro&uri=true")
    try:
        with engine.connect() as connection:
            found.sources = _readable(connection, Source.__table__)
            found.accounts = _readable(connection, Account.__table__)
            try:
                unsent = select(func.count()).where(OutboxEntry.status == OutboxStatus.PENDING)
                found.unsent_actions = connection.scalar(unsent)
            except SQLAlchemyError:
                found.unsent_actions = None
    except SQLAlchemyError:
        pass  # not even openable: nothing to salvage
    finally:
        engine.dispose()
    return found


def _readable(connection: Connection, table: Table) -> list[dict[str, Any]]:
    try:
        return [dict(row) for row in connection.execute(select(table)).mappings()]
    except SQLAlchemyError:
        return []
