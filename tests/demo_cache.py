"""A demo cache written straight into a profile, for tests and benchmarks that need many items fast.

The app gets demo items only by syncing with the demo service (``sandbox.demo``). Tests of the
window, exports and reports need hundreds of items (benchmarks 200,000) in a fresh profile in
milliseconds, so this writes the same generator's rows (``central.demo_data``) in the cache's shape,
as a sync would have left them: three sources (the city's system and the two former provinces'; about
one document in five came through an old one), two accounts (new and old), the agency directory.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, func, insert, select
from sqlalchemy.orm import Session

from app.meetings import absorb_letters
from app.workbench import Workbench
from central.agency_directory import load_shipped_directory
from central.demo_data import DemoGenerator
from local_db.models import Account, Agency, Document, Dossier, Source

SOURCES = (
    ("unified", "Hệ thống dùng chung Thành phố Hồ Chí Minh", "unified"),
    ("legacy-binhduong", "Hệ thống tỉnh Bình Dương (cũ)", "legacy"),
    ("legacy-brvt", "Hệ thống tỉnh Bà Rịa – Vũng Tàu (cũ)", "legacy"),
)
BATCH = 5000


@dataclass(frozen=True)
class DemoSummary:
    documents: int
    dossiers: int


def fill_demo_cache(workbench: Workbench, count: int, seed: int = 2025) -> DemoSummary | None:
    """``count`` demo items in an empty cache (one transaction); a cache that has items is left alone."""
    if workbench.count_documents() or workbench.count_dossiers():
        return None
    with workbench.cache.engine.begin() as connection:
        return write_demo_rows(connection, count, workbench.clock.now(), seed)


def write_demo_rows(connection: Connection, count: int, now: Any, seed: int = 2025) -> DemoSummary:
    generator = DemoGenerator(now, seed)
    source_ids = _sources(connection)
    if not connection.scalar(select(func.count()).select_from(Agency)):
        connection.execute(insert(Agency), _agency_rows())
    _accounts(connection, source_ids, generator)
    pick = random.Random(seed)  # which system each document came through: apart from the generator's own draws
    tables = {"document": Document.__table__, "dossier": Dossier.__table__}
    columns = {kind: set(table.columns.keys()) for kind, table in tables.items()}
    batches: dict[str, list[dict[str, Any]]] = {"document": [], "dossier": []}
    totals = {"document": 0, "dossier": 0}
    for number, (kind, row) in enumerate(generator.items(count)):
        legacy = kind == "document" and pick.random() >= 0.8
        source_id = pick.choice(source_ids[1:]) if legacy else source_ids[0]
        batches[kind].append(_cache_row(row, columns[kind], source_id, f"demo-{kind}-{number}"))
        if len(batches[kind]) >= BATCH:
            totals[kind] += _flush(connection, tables[kind], batches[kind])
    for kind, rows in batches.items():
        totals[kind] += _flush(connection, tables[kind], rows)
    _meetings(connection, source_ids, now)
    return DemoSummary(totals["document"], totals["dossier"])


def _meetings(connection: Connection, source_ids: list[int], now: Any) -> None:
    """The meetings a sync reads from the invitations it writes (app.meetings)."""
    with Session(bind=connection) as session:
        for source_id in source_ids:
            invitations = select(Document.remote_id).where(Document.source_id == source_id, Document.doc_type == "GM")
            absorb_letters(session, source_id, [str(i) for i in connection.scalars(invitations)], now)


def _cache_row(row: dict[str, Any], columns: set[str], source_id: int, remote_id: str) -> dict[str, Any]:
    """The server's row as the cache keeps it: only the cache's columns, with the sync's own."""
    kept = {key: value for key, value in row.items() if key in columns}
    return {**kept, "source_id": source_id, "remote_id": remote_id, "version": 1, "sync_state": "synced"}


def _flush(connection: Connection, table: Any, rows: list[dict[str, Any]]) -> int:
    if not rows:
        return 0
    connection.execute(insert(table), rows)
    done = len(rows)
    rows.clear()
    return done


def _sources(connection: Connection) -> list[int]:
    ids = []
    for code, name, kind in SOURCES:
        found = connection.scalar(select(Source.id).where(Source.code == code))
        if found is None:
            found = connection.execute(insert(Source).values(code=code, name=name, kind=kind)).inserted_primary_key[0]
        ids.append(found)
    return ids


def _agency_rows() -> list[dict[str, Any]]:
    directory = load_shipped_directory()
    rows = []
    for entry in directory.agencies:
        step = directory.successions.get(entry.code)
        rows.append({
            "code": entry.code, "name": entry.name, "level": entry.level, "parent_code": entry.parent_code,
            "successor_code": step.successor if step else None, "successor_from": step.valid_from if step else None,
            "valid_from": None, "valid_to": entry.valid_to,
        })  # fmt: skip
    return rows


def _accounts(connection: Connection, source_ids: list[int], generator: DemoGenerator) -> None:
    if connection.scalar(select(func.count()).select_from(Account)):
        return
    common = {"unit_code": generator.home.code, "created_at": generator.now, "status": "active"}
    connection.execute(
        insert(Account),
        [
            {**common, "source_id": source_ids[0], "login": "demo.tdm", "display_name": "Nguyễn Thị Thu (mới)",
             "role": "new", "parallel_until": None},
            {**common, "source_id": source_ids[1], "login": "thu.nt@binhduong", "display_name": "Nguyễn Thị Thu (cũ)",
             "role": "old", "parallel_until": generator.now.date() + timedelta(days=20)},
        ],
    )  # fmt: skip
