"""Taking back an action that still waits in the outbox: the item goes back to how it was before it.

Only the item's last waiting action can be taken back (as an editor's undo: the ones before it may be
what made it possible), and only until a push takes it. From the moment a push marks it sent
(``OutboxEntry.sent_at``, written under the cache's write lock before the request leaves) the server
may have applied it, so taking it back here would show a state the server does not have; undo and
push take the same lock, so exactly one of them wins. The fields an action changes are kept with it
(``OutboxEntry.before``), refreshed whenever the pending actions are replayed over a newer server copy.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import DomainError, tr_noop
from app.domain.statuses import OutboxStatus
from local_db.models import Document, Dossier, Feedback, OutboxEntry

# The columns workflow actions change (app.item_actions._apply_locally), with how they are kept in JSON.
KEPT_FIELDS: dict[str, dict[str, type]] = {
    "document": {"state": str, "recall_from_state": str, "assignee": str, "due_on": date},
    "dossier": {"state": int, "extended_due_at": datetime, "due_at": datetime},
    "feedback": {
        "state": str,
        "assignee": str,
        "committed_on": date,
        "answer": str,
        "publish": bool,
        "suggested_unit_code": str,
        "sent_back_reason": str,
    },
}
# Actions that leave more than these fields behind (a new item, a comment's row, a signed file, a
# redrafted text): they stay in the outbox; a recall or a later action is the way to change them.
NOT_UNDOABLE = frozenset({"draft", "comment", "sign", "edit_draft"})


def undoable(kind: str, action: str) -> bool:
    return action not in NOT_UNDOABLE and not (kind == "dossier" and action == "register")


def _undoable_entry(entry: OutboxEntry) -> bool:
    """Its fields were kept, its kind can be taken back, and no file went with it (a report's progress photos
    are the item's attachments from the moment the action is written, on their way to the service)."""
    return entry.before is not None and undoable(entry.item_kind, entry.action) and not entry.payload.get("photos")


def kept_fields(kind: str, item: Document | Dossier | Feedback) -> dict[str, Any]:
    """The fields an action may change, as JSON (dates as ISO text)."""
    kept: dict[str, Any] = {}
    for name in KEPT_FIELDS[kind]:
        value = getattr(item, name)
        kept[name] = value.isoformat() if isinstance(value, date) else value
    return kept


def put_back(kind: str, item: Document | Dossier | Feedback, kept: dict[str, Any]) -> None:
    for name, of_type in KEPT_FIELDS[kind].items():
        value = kept.get(name)
        if value is not None and of_type is date:
            value = date.fromisoformat(value)
        elif value is not None and of_type is datetime:
            value = datetime.fromisoformat(value)
        setattr(item, name, value)


def _last_waiting(session: Session, kind: str, item_id: int) -> OutboxEntry | None:
    return session.scalar(
        select(OutboxEntry)
        .where(OutboxEntry.item_kind == kind, OutboxEntry.item_id == item_id,
               OutboxEntry.status == OutboxStatus.PENDING)
        .order_by(OutboxEntry.id.desc())
    )  # fmt: skip


def last_undoable(session: Session, kind: str, item_id: int) -> OutboxEntry | None:
    """The item's last waiting action if it can still be taken back."""
    last = _last_waiting(session, kind, item_id)
    if last is None or last.sent_at is not None or not _undoable_entry(last):
        return None
    return last


def entry_to_undo(session: Session, entry_id: int) -> OutboxEntry:
    """The waiting action, checked (under the write lock) that it can still be taken back."""
    entry = session.get(OutboxEntry, entry_id)
    if entry is None or entry.status != OutboxStatus.PENDING:
        raise DomainError("undo.settled", tr_noop("This action no longer waits to be sent: there is nothing to undo."))
    if entry.sent_at is not None:
        raise DomainError(
            "undo.sent", tr_noop("This action has already been sent to the server: it can no longer be undone here.")
        )
    if not _undoable_entry(entry):
        raise DomainError("undo.not_undoable", tr_noop("This kind of action cannot be undone."))
    last = _last_waiting(session, entry.item_kind, entry.item_id)
    if last is None or last.id != entry.id:
        raise DomainError("undo.not_last", tr_noop("Only the last action on this item can be undone."))
    return entry
