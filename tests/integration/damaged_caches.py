"""A real cache with unsent work in it, ways to damage its file as disks and copies do, and a reader
that says, independently of the app, which of its rows SQLite can still read.

The cache is made as the app makes it (``Workbench.open``), filled with demo items, and the official's
actions recorded through the app (``Workbench.perform``: outbox row, local comment and audit record in
one transaction); some are then refused by the server, some applied, as a sync would have left them.
"""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from unittest import mock

from keyring.backends import fail
from sqlalchemy import select, update

from app.credentials import CredentialStore
from app.profile import Profile
from app.workbench import Workbench
from kernel.clock import FixedClock
from local_db.database import open_read_only
from local_db.models import Document, Dossier, Feedback, OutboxEntry
from tests.demo_cache import fill_demo_cache

ITEMS = 300
PENDING = 18  # actions recorded here and not sent
REFUSED = 3  # refused by the server, waiting for the user
APPLIED = 3  # settled: nothing to rescue
UNSETTLED = ("pending", "rejected", "stranded")
ITEM_TABLES = ("document", "dossier", "feedback")

Row = dict[str, Any]


def build_cache(profile: Profile, clock: FixedClock) -> None:
    """Demo items, two accounts, and the official's actions on items of both systems and both kinds; the
    same bytes at each run (seeded mutation ids), so that a seeded damage falls on the same cells."""
    ids = random.Random(2026)
    with mock.patch("uuid.uuid4", lambda: uuid.UUID(int=ids.getrandbits(128), version=4)):
        _build_cache(profile, clock)


def _build_cache(profile: Profile, clock: FixedClock) -> None:
    workbench = Workbench.open(profile, clock, CredentialStore(fail.Keyring()))
    try:
        fill_demo_cache(workbench, ITEMS)
        with workbench.cache.sessions() as session:  # items of the systems the two accounts belong to
            documents = session.scalars(select(Document.id).where(Document.source_id < 3).order_by(Document.id)).all()
            dossiers = session.scalars(select(Dossier.id).order_by(Dossier.id)).all()
        report = _feedback(workbench, clock)
        workbench.perform("feedback", report, "accept", {})  # a report from 1022 taken by the unit
        targets = [("document", item) for item in documents[::7]] + [("dossier", item) for item in dossiers[::5]]
        for number, (kind, item) in enumerate(targets[: PENDING + REFUSED + APPLIED - 1]):
            workbench.perform(kind, item, "comment", {"text": f"Ý kiến số {number}: đề nghị xử lý trước ngày 30"})
        with workbench.cache.sessions.begin() as session:
            ids = session.scalars(select(OutboxEntry.id).order_by(OutboxEntry.id)).all()
            session.execute(update(OutboxEntry).where(OutboxEntry.id.in_(ids[PENDING : PENDING + REFUSED]))
                            .values(status="rejected", reject_code="not_found", reject_reason="No such item.",
                                    reject_params={}))  # fmt: skip
            session.execute(update(OutboxEntry).where(OutboxEntry.id.in_(ids[PENDING + REFUSED :])).values(
                status="applied"))  # fmt: skip
    finally:
        workbench.close()


def _feedback(workbench: Workbench, clock: FixedClock) -> int:
    """A citizens' report routed to the unit through the city's system, as a sync leaves it."""
    now = clock.now()
    with workbench.cache.sessions.begin() as session:
        report = Feedback(source_id=1, remote_id="demo-feedback-1", version=1, unit_code="000.00.57.H29",
                          code="1022-2026-000123", channel="hotline", category="Trật tự đô thị",
                          address="Đường Yersin, phường Thủ Dầu Một", content="Lấn chiếm vỉa hè trước chợ.",
                          received_at=now, routed_at=now, due_at=now + timedelta(days=10), answer_days=10,
                          answer_day_kind="working", state="routed", updated_at=now)  # fmt: skip
        session.add(report)
        session.flush()
        return report.id


@dataclass(frozen=True)
class Snapshot:
    """Every row of the tables a rescue cares about, as SQLite stores them (text as bytes), by rowid."""

    tables: dict[str, dict[int, Row]]

    @classmethod
    def of(cls, database: Path) -> Snapshot:
        connection = _bytes_reader(database)
        try:
            return cls(
                {
                    table: {
                        row["row_number"]: _without_rowid(row)
                        for row in connection.execute(f"SELECT rowid AS row_number, * FROM {table}")
                    }
                    for table in ("source", "account", "outbox_entry", *ITEM_TABLES)
                }
            )
        finally:
            connection.close()

    def unsettled(self) -> dict[int, Row]:
        return {rowid: row for rowid, row in self.tables["outbox_entry"].items() if row["status"] in UNSETTLED_BYTES}


UNSETTLED_BYTES = tuple(status.encode() for status in UNSETTLED)


def _bytes_reader(database: Path) -> sqlite3.Connection:
    connection = open_read_only(database)
    connection.text_factory = bytes
    connection.row_factory = sqlite3.Row
    return connection


def _without_rowid(row: sqlite3.Row) -> Row:
    return {name: value for name, value in zip(row.keys(), row, strict=True) if name != "row_number"}


def readable_rows(database: Path, originals: Snapshot, work: Path) -> dict[str, dict[int, Row]]:
    """What plain sqlite3 still reads of each original row, one row at a time (text as bytes, so a cell
    that is not UTF-8 reads too), on a copy of the damaged file (SQLite may write beside a file it opens)."""
    work.mkdir(parents=True, exist_ok=True)
    copy = work / "reference.sqlite3"
    shutil.copyfile(database, copy)
    wal = database.with_name(database.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
    found: dict[str, dict[int, Row]] = {table: {} for table in originals.tables}
    try:
        connection = _bytes_reader(copy)
    except (sqlite3.Error, UnicodeDecodeError):
        return found
    try:
        for table, rows in originals.tables.items():
            for rowid in rows:
                try:
                    row = connection.execute(
                        f"SELECT rowid AS row_number, * FROM {table} WHERE rowid = ?", (rowid,)
                    ).fetchone()
                except (sqlite3.Error, UnicodeDecodeError):  # the error message quotes damaged text
                    continue
                if row is not None:
                    found[table][rowid] = _without_rowid(row)
    finally:
        connection.close()
    return found


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# A session that records the official's comments and is killed before it closes the cache (a power cut, a
# crash): what it committed is in the WAL only (closing, or a checkpoint after 1000 pages, would have
# written it into the file). Its last line is printed once each action was recorded (synchronous=FULL).
KILLED_SESSION = """
import sys
from datetime import datetime
from pathlib import Path
from keyring.backends import fail
from sqlalchemy import select
from app.credentials import CredentialStore
from app.profile import Profile
from app.workbench import Workbench
from kernel.clock import FixedClock
from local_db.models import Document

workbench = Workbench.open(Profile(Path(sys.argv[1])), FixedClock(datetime.fromisoformat(sys.argv[2])),
                           CredentialStore(fail.Keyring()))
with workbench.cache.sessions() as session:
    documents = session.scalars(select(Document.id).where(Document.source_id < 3).order_by(Document.id)).all()
done = [workbench.perform("document", item, "comment", {"text": f"Ghi chú lúc mất điện số {number}"})
        for number, item in enumerate(documents[1 : 1 + int(sys.argv[3]) * 3 : 3])]
print(" ".join(done), flush=True)
sys.stdin.read()  # killed here, the cache open
"""


def recorded_then_killed(profile: Profile, clock: FixedClock, count: int) -> list[str]:
    """``count`` actions recorded by a session that is then SIGKILLed: their mutation ids. They are in the
    cache's WAL, not in its file."""
    root = Path(__file__).resolve().parents[2]
    command = [sys.executable, "-c", KILLED_SESSION, str(profile.root), clock.now().isoformat(), str(count)]
    session = subprocess.Popen(command, cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert session.stdout is not None
        done = session.stdout.readline().split()
    finally:
        session.kill()
        session.communicate(timeout=30)
    assert len(done) == count, "the session did not record its actions"
    return done


# -- damage ----------------------------------------------------------------------------------------------

Damage = Callable[[Path], None]


def flipped(count: int, seed: int) -> Damage:
    """``count`` bytes anywhere in the file, each XOR-ed with a random non-zero value."""

    def damage(path: Path) -> None:
        data = bytearray(path.read_bytes())
        pick = random.Random(seed)
        for _ in range(count):
            data[pick.randrange(len(data))] ^= pick.randrange(1, 256)
        path.write_bytes(bytes(data))

    return damage


def zeroed(start: int, length: int) -> Damage:
    def damage(path: Path) -> None:
        with path.open("r+b") as handle:
            handle.seek(start)
            handle.write(bytes(length))

    return damage


def zeroed_pages(pages: list[int], page_size: int = 4096) -> Damage:
    """Whole pages (1 is the header's) written over with zeros, as a bad sector reads back."""

    def damage(path: Path) -> None:
        for page in pages:
            zeroed((page - 1) * page_size, page_size)(path)

    return damage


def zeroed_pages_of(table: str) -> Damage:
    """Every page of one table's B-tree (SQLite's dbstat says which, before the damage)."""

    def damage(path: Path) -> None:
        connection = sqlite3.connect(path)
        try:
            pages = [row[0] for row in connection.execute("SELECT pageno FROM dbstat WHERE name = ?", (table,))]
        finally:
            connection.close()
        zeroed_pages(pages)(path)

    return damage


def truncated(fraction: float) -> Damage:
    def damage(path: Path) -> None:
        with path.open("r+b") as handle:
            handle.truncate(int(path.stat().st_size * fraction))

    return damage


def flipped_in_text(needle: bytes, offset: int, value: int = 0xFF) -> Damage:
    """One byte of the first place ``needle`` is stored (the schema's text, say) set to ``value``."""

    def damage(path: Path) -> None:
        data = bytearray(path.read_bytes())
        data[data.index(needle) + offset] = value
        path.write_bytes(bytes(data))

    return damage


def bad_text(table: str, column: str, rowid: int) -> Damage:
    """A cell that is not UTF-8 (SQLite stores and checks it as any text: quick_check passes it)."""

    def damage(path: Path) -> None:
        written(path, f"UPDATE {table} SET {column} = CAST(x'4e677579ff656e205468e1bb8b' AS TEXT) WHERE rowid = ?",
                (rowid,))  # fmt: skip

    return damage


def emptied(path: Path) -> None:
    path.write_bytes(b"")


def made_newer(path: Path) -> None:
    written(path, "UPDATE alembic_version SET version_num = '0099_from_the_future'")


def written(path: Path, sql: str, parameters: tuple[Any, ...] = ()) -> None:
    """One statement committed and the connection closed: the change is in the file, not left in its WAL."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute(sql, parameters)
    finally:
        connection.close()
