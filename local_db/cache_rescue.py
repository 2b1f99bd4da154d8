"""What is rescued from a damaged cache file into the fresh cache made in its place.

The cache is a copy of the central systems plus what this desk did that they do not have yet: a full
sync rebuilds all but the latter. So, as far as the damaged file can be read (``local_db.damaged_file``),
row by row: the systems and the accounts (their secrets are in the OS keyring, never in the file),
this desk's id (the service lists the dossier numbers it granted under it), and every action not yet
settled with the server, with the item it acts on, the comments written here and the files taken in
here that were not sent yet.

An action keeps its row id (its order) and its mutation id: the server records every mutation id with
its effect, so a replay is answered "duplicate" and never applied twice. It is sent only when each of
its cells reads as written (text UTF-8, payload JSON, the mutation id a UUID) and its audit record, on
other pages of the file, holds the same fingerprint of it and of its item (``action_digest``: a flipped
byte can make a wrong value that still looks right), and the file's indexes, where they still read, agree
on its mutation id and its item's remote id. An action that fails this but can still be shown on its item
is kept as refused, "damaged here", for the user to redo or give up; one whose row, item or account
cannot be read is lost, and counted.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from app.domain.rejections import SERVICE_REASONS
from app.domain.statuses import UNSETTLED, OutboxStatus
from local_db.damaged_file import Column, DamagedFile, Row, Schema, TableRead, cell_text
from local_db.models import Base, action_digest
from local_db.page_scan import Value

log = logging.getLogger(__name__)

DAMAGED_HERE = "damaged_here"  # the reason code of an action kept for the user, not sent
ITEM_KINDS = ("document", "dossier", "feedback")  # app.item_actions.ITEM_MODELS's; each kind's table has its name
UNSETTLED_NAMES = {status.value for status in UNSETTLED}
SETTLED = {status.value for status in OutboxStatus} - UNSETTLED_NAMES
STORED_TIME = "%Y-%m-%d %H:%M:%S.%f"  # SQLAlchemy's for SQLite, in UTC (kernel.sql_types.UtcDateTime)
STATUS_INDEX = "ix_outbox_account_status"  # each action's status, apart from its row: it may outlive the row


@dataclass(frozen=True)
class Rescued:
    """What came back; ``actions_lost`` counts those known to be lost, ``lost_uncertain`` says more may be."""

    accounts: int
    actions_kept: int  # as they were: sent at the next sync, or still shown as refused
    actions_held: int  # damaged: kept as refused "damaged here", never sent
    actions_lost: int
    lost_uncertain: bool


def rescue(damaged: Path, fresh: Connection, fresh_path: Path, work: Path, now: datetime) -> Rescued:
    """Read what can be read from ``damaged`` into the fresh cache (``fresh``, in its transaction);
    ``work`` is a folder for a repaired copy (removed after), ``now`` stamps an action whose time is lost."""
    reader = DamagedFile(damaged, Schema.of(fresh_path), work)
    try:
        return _Rescue(reader, fresh, now).run()
    finally:
        reader.close()


class _Rescue:
    def __init__(self, reader: DamagedFile, fresh: Connection, now: datetime) -> None:
        self.reader = reader
        self.fresh = fresh
        self.now = now.astimezone(UTC).strftime(STORED_TIME)
        self.columns = {table: [column.name for column in columns] for table, columns in reader.schema.tables.items()}
        self.items: dict[tuple[str, int], Row] = {}  # rescued, by kind and id

    def run(self) -> Rescued:
        first = self.reader.read(dict.fromkeys(("source", "account", "desk_identity", "outbox_entry", "audit_log")))
        sources = self._insert("source", first["source"].rows.values())
        accounts = self._insert(
            "account", (row for row in first["account"].rows.values() if row["source_id"] in sources)
        )
        self._insert("desk_identity", (row for row in first["desk_identity"].rows.values() if _is_uuid(row["desk_id"])))
        outbox = first["outbox_entry"]
        candidates = [row for _, row in sorted(outbox.rows.items()) if cell_text(row["status"]) not in SETTLED]
        if candidates:
            self._items(candidates)
        witnesses = _witnesses(first["audit_log"])
        kept, held, lost = self._actions(candidates, accounts, witnesses)
        self._settle_sync_states()
        unread, lost_uncertain = self._unread_actions(outbox, witnesses)
        lost += unread
        log.warning("rescued %d account(s); actions: %d kept, %d held as damaged, %d lost%s", len(accounts),
                    kept, held, lost, " (maybe more)" if lost_uncertain else "")  # fmt: skip
        return Rescued(len(accounts), kept, held, lost, lost_uncertain)

    def _unread_actions(self, outbox: TableRead, witnesses: Witnesses) -> tuple[int, bool]:
        """How many actions the server does not have are in rows that could not be read, as the status index
        says (a damaged page can also hide rows without an error), and whether there may be more: the index
        cannot be read where the table could not be either, it misses rows the table has, it holds a status
        no desk writes, or the audit log names actions no row read holds."""
        read = {cell_text(row["mutation_id"]) for row in outbox.rows.values()}
        unheard = not set(witnesses) <= read  # (or their account was removed since: then told for nothing)
        statuses = self.reader.indexed("outbox_entry", STATUS_INDEX, "status")
        if statuses is None:
            return 0, unheard or not outbox.complete or outbox.through_pages
        unread = [cell_text(status) for rowid, status in statuses.items() if rowid not in outbox.rows]
        lost = sum(1 for status in unread if status in UNSETTLED_NAMES)
        strange = any(status not in SETTLED and status not in UNSETTLED_NAMES for status in unread)
        return lost, unheard or strange or not set(outbox.rows) <= set(statuses)

    # -- items and what goes with them ---------------------------------------------------------------

    def _items(self, actions: list[Row]) -> None:
        """The items the actions act on, with their comments made here and their files not yet sent."""
        wanted: dict[str, Iterable[int] | None] = {
            kind: {row["item_id"] for row in actions if cell_text(row["item_kind"]) == kind and _is_int(row["item_id"])}
            for kind in ITEM_KINDS
        }
        reads = self.reader.read({**wanted, "comment": None, "attachment": None})
        for kind in ITEM_KINDS:
            rows = reads[kind].rows
            self.items.update(((kind, rowid), rows[rowid]) for rowid in self._insert(kind, rows.values()))
        self._insert("comment", (row for row in reads["comment"].rows.values()
                                 if row["remote_id"] is None and self._of_an_item(row)))  # fmt: skip
        self._insert("attachment", (row for row in reads["attachment"].rows.values()
                                    if row["remote_id"] is None and row["upload_key"] is not None
                                    and self._of_an_item(row)))  # fmt: skip

    def _of_an_item(self, row: Row) -> bool:
        return (cell_text(row["item_kind"]), row["item_id"]) in self.items

    # -- actions ------------------------------------------------------------------------------------

    def _actions(self, rows: list[Row], accounts: set[int], witnesses: Witnesses) -> tuple[int, int, int]:
        kept = held = lost = 0
        for row in rows:
            if row["account_id"] not in accounts or not self._of_an_item(row):
                lost += 1
                log.warning("unsent action %s lost: its item or account could not be read", row["id"])
                continue
            doubt = self._doubt(row, witnesses)
            entry = _held(row, doubt, self.now) if doubt else row
            if not self._insert("outbox_entry", [entry], exact=not doubt):
                lost += 1
            elif doubt:
                held += 1
                log.warning("unsent action %s held, not sent: %s", row["id"], doubt)
            else:
                kept += 1
        return kept, held, lost

    def _doubt(self, row: Row, witnesses: Witnesses) -> str | None:
        """Why the action must not be sent as it reads, or None."""
        cells = _cell_doubt(row)
        if cells or cell_text(row["status"]) != OutboxStatus.PENDING:
            return cells  # a refused action is never sent: its cells only need to read
        mutation_id = cell_text(row["mutation_id"])
        try:
            if self.reader.rowid_by_index("outbox_entry", ("mutation_id",), (mutation_id,)) not in (None, row["id"]):
                return "its mutation id's index entry names another row"
        except LookupError:
            return "its mutation id is not in the index"
        seen = witnesses.get(mutation_id, set())
        if not seen:
            return "its audit record cannot be read"
        digests = {digest for *_, digest in seen if digest is not None}
        wanted = (cell_text(row["item_kind"]), row["item_id"], cell_text(row["action"]))
        if digests and not digests & self._digests(row):
            return "its audit record holds another fingerprint of it or of its item"
        if not digests and wanted not in {witness[:3] for witness in seen}:  # recorded before fingerprints were
            return "its audit record names another item or action"
        return self._item_doubt(wanted[0], int(row["item_id"]))  # type: ignore[arg-type]

    def _digests(self, row: Row) -> set[str]:
        """``action_digest`` of the action as its cells read (each readable: ``_cell_doubt`` said so), with its
        item's remote id as read and as it was when an item made here had none yet."""
        kind, item_id = _strict(row["item_kind"]), int(row["item_id"])  # type: ignore[arg-type]
        item = self.items[kind, item_id]
        remote_ids = {None, None if item["remote_id"] is None else cell_text(item["remote_id"])}
        return {
            action_digest(_strict(row["mutation_id"]), int(row["account_id"]), kind, item_id,  # type: ignore[arg-type]
                          int(item["source_id"]), remote_id, _strict(row["action"]), int(row["base_version"]),  # type: ignore[arg-type]
                          _strict(row["payload"]))
            for remote_id in remote_ids
        }  # fmt: skip

    def _item_doubt(self, kind: str, item_id: int) -> str | None:
        item = self.items[kind, item_id]
        if item["remote_id"] is None:
            return None  # made here: the server gives it its id
        try:
            key = (item["source_id"], _strict(item["remote_id"]))
            if self.reader.rowid_by_index(kind, ("source_id", "remote_id"), key) not in (None, item_id):
                return "its item's remote id is another item's in the index"
        except LookupError:
            return "its item's remote id is not in the index"
        except (UnicodeDecodeError, TypeError):
            return "its item's remote id is not readable"
        return None

    def _settle_sync_states(self) -> None:
        """Each rescued item's state of sync as its actions now are (an action held as damaged shows the
        item under "Needs attention"): app.item_actions.reapply_pending's rule, in SQL."""
        for kind in ITEM_KINDS:
            self.fresh.exec_driver_sql(f"""
                UPDATE {kind} SET sync_state = CASE
                    WHEN EXISTS (SELECT 1 FROM outbox_entry o WHERE o.item_kind = '{kind}' AND o.item_id = {kind}.id
                                 AND o.status = 'pending') THEN 'pending'
                    WHEN EXISTS (SELECT 1 FROM outbox_entry o WHERE o.item_kind = '{kind}' AND o.item_id = {kind}.id
                                 AND o.status IN ('rejected', 'stranded')) THEN 'rejected'
                    ELSE 'synced' END""")  # fmt: skip

    # -- writing ----------------------------------------------------------------------------------------

    def _insert(self, table: str, rows: Iterable[Row], exact: bool = False) -> set[int]:
        """Insert the rows, each apart: one the fresh cache refuses (a broken link, a duplicate) is left out;
        their rowids. ``exact``: as they were stored (an action to be sent), else as the app can read them
        back (``_readable``). Text is decoded, unreadable bytes as U+FFFD."""
        columns = self.columns[table]
        statement = f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({", ".join("?" * len(columns))})'
        inserted: set[int] = set()
        for row in rows:
            if not _is_int(row.get("id")):  # every table rescued has one: the rowid, which links it
                continue
            row = row if exact else self._readable(table, row)
            nested = self.fresh.begin_nested()
            try:
                self.fresh.exec_driver_sql(statement, tuple(_stored(row.get(column)) for column in columns))
                nested.commit()
            except DBAPIError as error:
                nested.rollback()
                log.warning("a row of %s was not rescued: %s", table, error.orig)
                continue
            inserted.add(row["id"])  # type: ignore[arg-type]
        return inserted

    def _readable(self, table: str, row: Row) -> Row:
        """The row as the app can read it back: each cell of its column's kind; a damaged one empty where the
        column may be, else a stand-in (a time: now) that the next sync replaces (an item's values come from
        the server; its actions' from their own rows)."""
        return {
            column.name: self._cell(table, column, row.get(column.name)) for column in self.reader.schema.tables[table]
        }

    def _cell(self, table: str, column: Column, value: Value) -> Value | str:
        if column.rowid_alias:
            return value
        readable = _of_kind(column.declared.upper(), value)
        if readable is not None or not column.not_null:
            return readable
        kind = column.declared.upper()
        if kind in ("DATE", "DATETIME"):
            return self.now[:10] if kind == "DATE" else self.now
        if kind == "JSON":
            default = Base.metadata.tables[table].c[column.name].default
            return json.dumps(default.arg(None) if default is not None and default.is_callable else {})  # type: ignore[attr-defined]
        return 0 if "INT" in kind or kind == "BOOLEAN" else ""


Witnesses = dict[str, set[tuple[str, Any, str, str | None]]]  # by mutation id: (kind, item id, action, digest)


def _witnesses(audit: TableRead) -> Witnesses:
    """What the damaged file's audit log says each action was (``action_digest`` where it was recorded)."""
    witnesses: Witnesses = {}
    for row in audit.rows.values():
        try:
            detail = json.loads(_strict(row["detail"]))
            mutation_id, digest = detail["mutation_id"], detail.get("digest")
        except (ValueError, TypeError, KeyError, AttributeError):
            continue
        if isinstance(mutation_id, str):
            witness = (cell_text(row["item_kind"]), row["item_id"], cell_text(row["action"]), digest)
            witnesses.setdefault(mutation_id, set()).add(witness)
    return witnesses


def _cell_doubt(row: Row) -> str | None:
    """Why the action's cells do not read as written, or None."""
    try:
        texts = {name: _strict(row[name]) for name in ("mutation_id", "item_kind", "action", "status", "created_at")}
        for name in ("last_error", "reject_code", "reject_reason"):
            if row[name] is not None:
                _strict(row[name])
        payload = json.loads(_strict(row["payload"]))
        params = None if row["reject_params"] is None else json.loads(_strict(row["reject_params"]))
        datetime.fromisoformat(texts["created_at"])
    except (UnicodeDecodeError, ValueError, TypeError):
        return "a cell of it is not readable text, JSON or a time"
    if not _is_uuid(row["mutation_id"]) or texts["status"] not in UNSETTLED_NAMES:
        return "its mutation id or its status is not one a desk writes"
    if not isinstance(payload, dict) or not (params is None or isinstance(params, dict)):
        return "its payload is not a JSON object"
    if not all(_is_int(row[name]) for name in ("base_version", "attempts")):
        return "a number of it is not a number"
    return None


def _held(row: Row, doubt: str, now: str) -> Row:
    """The action as the user will see it: refused, "damaged here", with what can be read of it."""
    try:
        payload = json.loads(cell_text(row["payload"]))
    except (ValueError, TypeError):
        payload = None
    mutation_id = cell_text(row["mutation_id"])
    return {
        **row,
        "mutation_id": mutation_id if _is_uuid(row["mutation_id"]) else str(uuid.uuid4()),  # never sent
        "payload": json.dumps(payload if isinstance(payload, dict) else {}, ensure_ascii=False),
        "created_at": row["created_at"] if _is_time(row["created_at"]) else now,
        "status": OutboxStatus.STRANDED.value,
        "base_version": row["base_version"] if _is_int(row["base_version"]) else 0,
        "attempts": row["attempts"] if _is_int(row["attempts"]) else 0,
        "reject_code": DAMAGED_HERE,
        "reject_reason": SERVICE_REASONS["damaged_here"],
        "reject_params": "{}",
        "last_error": doubt,
    }


def _is_uuid(value: Value) -> bool:
    try:
        text = _strict(value)
        return len(text) == 36 and str(uuid.UUID(text)) == text.lower()
    except (UnicodeDecodeError, ValueError, TypeError):
        return False


def _of_kind(declared: str, value: Value) -> Value | str:
    """The cell as its column's kind reads it back (text decoded), or None when it cannot be."""
    if value is None:
        return None
    if "INT" in declared or declared == "BOOLEAN":
        return value if _is_int(value) else None
    if declared in ("DATE", "DATETIME", "JSON"):
        try:
            text = _strict(value)
            (date.fromisoformat if declared == "DATE" else datetime.fromisoformat if declared == "DATETIME"
             else json.loads)(text)  # fmt: skip
        except (UnicodeDecodeError, ValueError, TypeError):
            return None
        return text
    if isinstance(value, bytes):
        return value.decode(errors="replace")
    return str(value) if any(word in declared for word in ("CHAR", "TEXT", "CLOB")) else value


def _is_int(value: Value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_time(value: Value) -> bool:
    try:
        datetime.fromisoformat(_strict(value))
        return True
    except (UnicodeDecodeError, ValueError, TypeError):
        return False


def _strict(value: Value | str) -> str:
    """Text that is UTF-8 (UnicodeDecodeError if not; TypeError if the cell is not text)."""
    if isinstance(value, str):
        return value
    if not isinstance(value, bytes):
        raise TypeError(value)
    return value.decode()


def _stored(value: Value) -> Value | str:
    """A cell as the fresh cache stores it: text decoded (unreadable bytes as U+FFFD), the rest as is."""
    if isinstance(value, bytes) and type(value) is bytes:
        return value.decode(errors="replace")
    return value
