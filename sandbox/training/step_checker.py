"""Whether a scenario's step is done, from what the trainee really did: the local cache, the outbox
and the server's rows (never from a "next" button)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.statuses import OutboxStatus, SyncState
from app.domain.workflow import DossierState
from app.item_actions import ITEM_MODELS
from local_db.models import Account, Comment, Dossier, Meeting, OutboxEntry, Source, SyncCheckpoint
from sandbox.training.scenario import AccountCheck, AllCheck, Check, ItemCheck, MeetingCheck, OutboxCheck, WalkIn


@dataclass(frozen=True)
class RemoteItem:
    system: str  # "new" or "old"
    kind: str
    remote_id: str


class ScenarioPlaces(Protocol):
    """What a running training session tells the checker."""

    account_ids: dict[str, int]  # "new" / "old" → the desk's account id
    walk_in_ids: dict[str, int]  # walk-in key → the desk's dossier id, once found (see walk_in_dossier)

    def remote_item(self, key: str) -> RemoteItem | None: ...

    def walk_in(self, key: str) -> WalkIn | None: ...

    def source_code(self, role: str) -> str: ...

    def server_item(self, remote: RemoteItem) -> dict[str, Any] | None: ...


def local_item(session: Session, source_code: str, remote: RemoteItem) -> Any:
    """The trainee's copy of a scenario item in the desk's cache, None until a sync brings it."""
    model = ITEM_MODELS[remote.kind]
    return session.scalar(
        select(model)
        .join(Source, Source.id == model.source_id)
        .where(Source.code == source_code, model.remote_id == remote.remote_id)
    )


def local_meeting(session: Session, source_code: str, invitation: RemoteItem) -> Meeting | None:
    """The meeting the trainee's desk read from a scenario's invitation, None until a sync brings it."""
    return session.scalar(
        select(Meeting)
        .join(Source, Source.id == Meeting.source_id)
        .where(Source.code == source_code, Meeting.document_remote_id == invitation.remote_id)
    )


def walk_in_dossier(session: Session, walk_in: WalkIn, bound: dict[str, int]) -> Dossier | None:
    """The dossier the trainee registered at this desk for a walk-in: the first with its procedure and
    the applicant's name (spacing, case and Unicode form aside: an input method may compose letters
    either way). Bound once found, so a second registration never moves later steps to another dossier."""
    if walk_in.key in bound:
        return session.get(Dossier, bound[walk_in.key])
    registered_here = select(OutboxEntry.item_id).where(
        OutboxEntry.item_kind == "dossier", OutboxEntry.action == "register"
    )
    candidates = session.scalars(
        select(Dossier)
        .where(Dossier.id.in_(registered_here), Dossier.procedure_code == walk_in.procedure_code,
               Dossier.id.not_in(list(bound.values())))
        .order_by(Dossier.id)
    )  # fmt: skip
    found = next((d for d in candidates if _same_name(d.applicant_name, walk_in.applicant_name)), None)
    if found is not None:
        bound[walk_in.key] = found.id
    return found


def _same_name(typed: str, expected: str) -> bool:
    def norm(name: str) -> str:
        return " ".join(unicodedata.normalize("NFC", name).casefold().split())

    return norm(typed) == norm(expected)


def _state_name(kind: str, state: Any) -> str:
    return DossierState(state).name.lower() if kind == "dossier" else str(state)


class StepChecker:
    """Evaluates a step's check against the local cache, the outbox and the server's rows. ``where``
    answers what only the running session knows: its accounts, and where each scenario item is."""

    def __init__(self, where: ScenarioPlaces, session: Session) -> None:
        self.where = where
        self.session = session

    def holds(self, check: Check) -> bool:
        if isinstance(check, AllCheck):
            return all(self.holds(part) for part in check.checks)
        if isinstance(check, OutboxCheck):
            return self._outbox(check)
        if isinstance(check, AccountCheck):
            return self._account(check)
        if isinstance(check, MeetingCheck):
            return self._meeting(check)
        return self._item(check)

    def _meeting(self, check: MeetingCheck) -> bool:
        invitation = self.where.remote_item(check.meeting)
        if invitation is None:
            return False
        meeting = local_meeting(self.session, self.where.source_code(invitation.system), invitation)
        if meeting is None:
            return False
        wanted = {"confirmed": check.confirmed, "changed": check.changed, "cancelled": check.cancelled}
        found = {
            "confirmed": meeting.confirmed,
            "changed": meeting.changed_by is not None,
            "cancelled": meeting.cancelled,
        }
        return all(value is None or found[name] == value for name, value in wanted.items())

    def _outbox(self, check: OutboxCheck) -> bool:
        statuses = (OutboxStatus.PENDING,) if check.status == "pending" else _REFUSED
        query = select(func.count()).select_from(OutboxEntry).where(OutboxEntry.status.in_(statuses))
        count = self.session.scalar(query) or 0
        return count == 0 if check.count == 0 else count >= check.count

    def _account(self, check: AccountCheck) -> bool:
        account_id = self.where.account_ids.get(check.account)
        account = None if account_id is None else self.session.get(Account, account_id)
        if account is None or (check.status is not None and account.status != check.status):
            return False
        if check.synced is not None:
            checkpoint = self.session.get(SyncCheckpoint, account.id)
            if (checkpoint is not None and checkpoint.last_success_at is not None) != check.synced:
                return False
        return check.stranded is None or self._stranded(account.id) == check.stranded

    def _stranded(self, account_id: int) -> int:
        query = select(func.count()).where(
            OutboxEntry.account_id == account_id, OutboxEntry.status == OutboxStatus.STRANDED
        )
        return self.session.scalar(query) or 0

    def _find(self, key: str) -> tuple[str, Any, RemoteItem | None]:
        """A scenario item's kind, the trainee's copy (None if not on the desk) and its place on the
        server (None until there: an event's document not yet sent, a walk-in's dossier not yet synced)."""
        walk_in = self.where.walk_in(key)
        if walk_in is not None:
            dossier = walk_in_dossier(self.session, walk_in, self.where.walk_in_ids)
            remote_id = None if dossier is None else dossier.remote_id
            return "dossier", dossier, None if remote_id is None else RemoteItem("new", "dossier", remote_id)
        remote = self.where.remote_item(key)
        if remote is None:  # an event's document that has not arrived
            return "document", None, None
        return remote.kind, local_item(self.session, self.where.source_code(remote.system), remote), remote

    def _item(self, check: ItemCheck) -> bool:
        kind, item, remote = self._find(check.item)
        if item is None:
            return False
        tests: list[Callable[[], bool]] = [
            lambda: check.state is None or _state_name(kind, item.state) == check.state,
            lambda: check.assignee is None or item.assignee == check.assignee,
            lambda: self._entries_ok(check, kind, item.id),
            lambda: self._sync_ok(check, remote, item),
            lambda: check.comments is None or self._comments(check, kind, item.id) >= check.comments,
        ]
        return all(test() for test in tests)

    def _entries_ok(self, check: ItemCheck, kind: str, item_id: int) -> bool:
        if check.action is None and not (check.rejected or check.dismissed):
            return True
        statuses = _entry_statuses(check)
        query = select(func.count()).where(
            OutboxEntry.item_kind == kind, OutboxEntry.item_id == item_id, OutboxEntry.status.in_(statuses)
        )
        if check.action is not None:
            query = query.where(OutboxEntry.action == check.action)
        return (self.session.scalar(query) or 0) > 0

    def _sync_ok(self, check: ItemCheck, remote: RemoteItem | None, item: Any) -> bool:
        """With an action, "synced" is that action's outcome; otherwise the item's own sync state."""
        if check.synced is None or check.action is not None:
            return True
        if not check.synced:
            return item.sync_state == SyncState.PENDING
        if item.sync_state != SyncState.SYNCED or remote is None:
            return False
        truth = self.where.server_item(remote)
        if truth is None or truth["version"] != item.version:
            return False
        return check.state is None or _state_name(remote.kind, truth["state"]) == check.state

    def _comments(self, check: ItemCheck, kind: str, item_id: int) -> int:
        query = select(func.count()).where(Comment.item_kind == kind, Comment.item_id == item_id)
        if check.synced:
            query = query.where(Comment.remote_id.is_not(None))
        return self.session.scalar(query) or 0


# Refused by the server, whatever the trainee decided since (nothing yet, discarded, or done again).
_REFUSED = (OutboxStatus.REJECTED, OutboxStatus.DISMISSED, OutboxStatus.REDONE)


def _entry_statuses(check: ItemCheck) -> tuple[str, ...]:
    if check.dismissed:  # the trainee resolved it by discarding the action
        return (OutboxStatus.DISMISSED,)
    if check.rejected:
        return _REFUSED
    applied, pending = OutboxStatus.APPLIED, OutboxStatus.PENDING
    return {True: (applied,), False: (pending,), None: (pending, applied)}[check.synced]
