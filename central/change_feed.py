"""The change feed: commit-ordered sequence numbers, opaque cursors, snapshots after must-refetch.

A writer bumps the single ``change_counter`` row as the last step of its transaction (the changes
it recorded wait until then). The row lock (PostgreSQL) or the database write lock (SQLite) is held
until commit, so no transaction can commit a lower sequence number after a reader has seen a higher
one, whichever worker process wrote it.

A cursor is base64 of ``{"e": epoch, "s": seq}`` while following the log, or of
``{"e": epoch, "s": start, "k": kind, "i": last id}`` while sending a snapshot (no cursor, or
after 409 must-refetch): every visible item kind by kind, then the log from ``start`` on.
Items changed during the snapshot are sent again from the log, which is harmless.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, func, insert, or_, select, update
from sqlalchemy.orm import Session, SessionTransaction

from central.feedback_privacy import shown_to
from central.models import Account, ChangeCounter, ChangeLog, row_id
from central.serialize import CODE_KEYED, ITEM_MODELS, item_columns, item_json, item_key, items_json

SNAPSHOT_KINDS = ("agency", "procedure", "document", "dossier", "feedback", "comment", "attachment")
_SHARED_KINDS = ("agency", "procedure")  # keyed by code, seen by every unit


class MustRefetch(Exception):
    """The cursor is from another epoch or older than what the log still holds."""


class BadCursor(Exception):
    pass


@dataclass(frozen=True)
class Cursor:
    epoch: int
    seq: int
    snapshot_kind: str | None = None
    snapshot_after: str | None = None

    def encode(self) -> str:
        data: dict[str, Any] = {"e": self.epoch, "s": self.seq}
        if self.snapshot_kind is not None:
            data.update(k=self.snapshot_kind, i=self.snapshot_after)
        return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(text: str) -> Cursor:
    try:
        data = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        epoch, seq = data["e"], data["s"]
        kind, after = data.get("k"), data.get("i")
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
        raise BadCursor(text[:40]) from error
    valid = type(epoch) is int and type(seq) is int and seq >= 0  # not bool, an int subclass (found by fuzzing)
    valid = valid and (kind is None or kind in SNAPSHOT_KINDS) and (after is None or isinstance(after, str))
    if valid and kind not in (None, *_SHARED_KINDS) and after is not None:  # the last row id sent, as text
        valid = row_id(after) is not None
    if not valid:
        raise BadCursor(text[:40])
    return Cursor(epoch, seq, kind, after)


def record_change(session: Session, unit_code: str | None, kind: str, item: Any, op: str = "upsert") -> None:
    """Log a change of ``item`` when the transaction commits (see ``_log_on_commit``)."""
    session.flush()  # the item's id, now: callers use it at once
    _pending(session).append((unit_code, kind, item_key(item), op))


def record_bulk_changes(session: Session, unit_code: str | None, kind: str, item_ids: list[str]) -> None:
    """Log many items at once when the transaction commits: one INSERT for them all."""
    _pending(session).extend((unit_code, kind, item_id, "upsert") for item_id in item_ids)


_PENDING, _MARKS = "change_feed.pending", "change_feed.savepoint_marks"
Pending = list[tuple[str | None, str, str, str]]  # unit, kind, item id, op


def _pending(session: Session) -> Pending:
    pending: Pending | None = session.info.get(_PENDING)
    if pending is None:
        pending = session.info[_PENDING] = []
        if not event.contains(session, "before_commit", _log_on_commit):
            event.listen(session, "before_commit", _log_on_commit)
            event.listen(session, "after_transaction_create", _mark_savepoint)
            event.listen(session, "after_soft_rollback", _forget_rolled_back)
    return pending


def _log_on_commit(session: Session) -> None:
    """The transaction's changes enter the log, in the order they were recorded, as its very last
    statements: the counter's row lock is held from here to the commit only, not while the rest of
    the transaction runs (every writer of every worker process waits for it)."""
    if session.in_nested_transaction():  # a savepoint's commit: the transaction goes on
        return
    pending: Pending = session.info.pop(_PENDING, None) or []
    session.info.pop(_MARKS, None)
    if not pending:
        return
    last = session.execute(
        update(ChangeCounter)
        .where(ChangeCounter.id == 1)
        .values(value=ChangeCounter.value + len(pending))
        .returning(ChangeCounter.value)
    ).scalar_one()
    first = last - len(pending) + 1
    rows = [{"seq": first + index, "unit_code": unit, "kind": kind, "item_id": item_id, "op": op}
            for index, (unit, kind, item_id, op) in enumerate(pending)]  # fmt: skip
    session.execute(insert(ChangeLog), rows)


def _mark_savepoint(session: Session, transaction: SessionTransaction) -> None:
    if transaction.nested:
        session.info.setdefault(_MARKS, {})[transaction] = len(session.info.get(_PENDING) or [])


def _forget_rolled_back(session: Session, transaction: SessionTransaction) -> None:
    """What a rolled-back savepoint recorded is not logged; nothing of a rolled-back transaction is.
    (A savepoint begun before the session's first recorded change had nothing pending: mark 0.)"""
    if not transaction.nested:
        session.info.pop(_PENDING, None)
        session.info.pop(_MARKS, None)
        return
    mark = session.info.get(_MARKS, {}).pop(transaction, 0)
    del session.info.get(_PENDING, [])[mark:]


@dataclass(frozen=True)
class ChangePage:
    changes: list[dict[str, Any]]
    next_cursor: str
    has_more: bool


def _counter(session: Session) -> ChangeCounter:
    return session.get_one(ChangeCounter, 1)


def read_changes(session: Session, account: Account, cursor_text: str | None, limit: int) -> ChangePage:
    counter = _counter(session)
    if cursor_text is None:
        cursor = Cursor(counter.epoch, counter.value, SNAPSHOT_KINDS[0], None)
    else:
        cursor = decode_cursor(cursor_text)
        if cursor.epoch != counter.epoch or cursor.seq < counter.horizon or cursor.seq > counter.value:
            raise MustRefetch()
    if cursor.snapshot_kind is not None:
        return _snapshot_page(session, account, cursor, limit)
    return _log_page(session, account, cursor, limit)


def _visible(model: type, account: Account) -> Any:
    return True if model in CODE_KEYED else model.unit_code == account.unit_code


def _next_kind(kind: str) -> str | None:
    index = SNAPSHOT_KINDS.index(kind) + 1
    return SNAPSHOT_KINDS[index] if index < len(SNAPSHOT_KINDS) else None


def _snapshot_changes(session: Session, account: Account, kind: str, after: str | None, limit: int) -> list[Any]:
    model = ITEM_MODELS[kind]
    key = model.code if model in CODE_KEYED else model.id
    query = select(*item_columns(model)).where(_visible(model, account)).order_by(key).limit(limit)
    if after is not None:
        query = query.where(key > (after if model in CODE_KEYED else int(after)))
    return [_upsert(kind, shown_to(account, kind, item)) for item in items_json(model, session.execute(query))]


def _snapshot_page(session: Session, account: Account, cursor: Cursor, limit: int) -> ChangePage:
    changes: list[dict[str, Any]] = []
    kind, after = cursor.snapshot_kind, cursor.snapshot_after
    while kind is not None and len(changes) < limit:
        room = limit - len(changes)
        page = _snapshot_changes(session, account, kind, after, room)
        changes += page
        if len(page) < room:
            kind, after = _next_kind(kind), None
        else:
            after = page[-1]["id"]
    next_cursor = Cursor(cursor.epoch, cursor.seq, kind, after)  # kind None: the snapshot is done
    return ChangePage(changes, next_cursor.encode(), True)


def _log_page(session: Session, account: Account, cursor: Cursor, limit: int) -> ChangePage:
    rows = session.scalars(
        select(ChangeLog)
        .where(ChangeLog.seq > cursor.seq, or_(ChangeLog.unit_code == account.unit_code, ChangeLog.unit_code.is_(None)))
        .order_by(ChangeLog.seq)
        .limit(limit + 1)
    ).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    latest: dict[tuple[str, str], ChangeLog] = {}
    for row in rows:  # an item changed twice in one page is sent once, as it is now
        latest.pop((row.kind, row.item_id), None)
        latest[(row.kind, row.item_id)] = row
    changes = [_log_change(session, account, row) for row in latest.values()]
    last_seq = rows[-1].seq if rows else cursor.seq
    return ChangePage(changes, Cursor(cursor.epoch, last_seq).encode(), has_more)


def _upsert(kind: str, item: dict[str, Any]) -> dict[str, Any]:
    version = item.get("version", 1)  # attachments never change: always version 1
    return {"kind": kind, "id": item["id"], "version": version, "op": "upsert", "item": item}


def _log_change(session: Session, account: Account, row: ChangeLog) -> dict[str, Any]:
    model = ITEM_MODELS[row.kind]
    item = session.get(model, row.item_id if model in CODE_KEYED else int(row.item_id))
    if item is None or row.op == "tombstone":
        reason = "deleted" if item is None else "removed_from_queue"
        return {"kind": row.kind, "id": row.item_id, "op": "tombstone", "reason": reason}
    return _upsert(row.kind, shown_to(account, row.kind, item_json(item)))


def log_size(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(ChangeLog)) or 0


def compact(session: Session, keep_last: int) -> int:
    """Drop all but the last ``keep_last`` log rows; older cursors then get must-refetch."""
    counter = _counter(session)
    horizon = max(counter.horizon, counter.value - keep_last)
    session.execute(ChangeLog.__table__.delete().where(ChangeLog.seq <= horizon))
    counter.horizon = horizon
    return horizon
