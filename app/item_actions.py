"""A user's action on a document or dossier: checked by the workflow, then written durably at once.

One transaction holds the item's new local state and the outbox entry that carries the action to
the server; the UI may say "done, waiting to sync" as soon as it commits. The item's state is an
optimistic layer over the server's copy: ``reapply_pending`` recomputes it from the outbox after
every server update, so a pull or a rejection can land at any moment.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.action_undo import entry_to_undo, kept_fields, put_back
from app.attachment_copies import Copy, attachment_rows, copy_all_in
from app.domain.dossier_deadline import new_appointment, recounted_due
from app.domain.errors import DomainError, tr_noop
from app.domain.feedback_approval import is_leader_act, offered_to_role
from app.domain.feedback_deadline import committed_date
from app.domain.file_names import safe_file_name
from app.domain.outgoing_draft import draft_columns, draft_from_payload
from app.domain.statuses import NEEDS_USER, AccountStatus, OutboxStatus, SyncState
from app.domain.workflow import (
    DOSSIER,
    FEEDBACK,
    INCOMING,
    OUTGOING,
    Action,
    DossierState,
    FeedbackState,
    Workflow,
)
from app.local_cache import LocalCache
from app.office_calendar import calendar_for
from app.settings import Settings
from kernel.clock import Clock
from local_db.database import take_write_lock
from local_db.models import Account, AuditLog, Comment, Document, Dossier, Feedback, OutboxEntry, Procedure

Item = Document | Dossier | Feedback
ITEM_MODELS: dict[str, type[Document] | type[Dossier] | type[Feedback]] = {
    "document": Document,
    "dossier": Dossier,
    "feedback": Feedback,
}


def acting_account(session: Session, source_id: int) -> Account | None:
    """The account the desk acts with on a source's items: its first signed-in one."""
    query = select(Account).where(Account.source_id == source_id, Account.status == AccountStatus.ACTIVE)
    return session.scalars(query.order_by(Account.id)).first()


def workflow_of(item: Item) -> tuple[Workflow, Enum]:
    if isinstance(item, Dossier):
        return DOSSIER, DossierState(item.state)
    if isinstance(item, Feedback):
        return FEEDBACK, FeedbackState(item.state)
    workflow = INCOMING if item.direction == "incoming" else OUTGOING
    return workflow, workflow.states(item.state)


def _apply_locally(session: Session, item: Item, new_state: Enum, entry: OutboxEntry) -> None:
    payload = entry.payload
    if isinstance(item, Feedback):
        _apply_to_report(item, new_state, entry.action, payload)
        return
    if isinstance(item, Dossier):
        item.state = int(new_state)
        if entry.action == "apologise":
            item.extended_due_at = new_appointment(payload, item.promised_at(), item.received_at)
        elif entry.action == "supplement_received" and payload.get("due_at"):
            item.due_at = datetime.fromisoformat(str(payload["due_at"]))
        return
    back_to = item.recall_from_state or "received"
    item.state = str(new_state.value)
    if entry.action in ("agree_recall", "refuse_recall"):
        item.recall_from_state = None
        if entry.action == "refuse_recall":  # the document goes on where it was when the issuer asked
            item.state = back_to
    if entry.action == "edit_draft":  # checked again here: a payload that is not a draft writes nothing
        for name, value in draft_columns(draft_from_payload(payload)).items():
            setattr(item, name, value)
    if entry.action in ("assign", "forward") and payload.get("assignee"):
        item.assignee = str(payload["assignee"])
        if payload.get("due_on"):
            item.due_on = date.fromisoformat(str(payload["due_on"]))


def _apply_to_report(report: Feedback, new_state: Enum, action: str, payload: dict[str, Any]) -> None:
    """What the service will set (central.feedback_actions), shown until its answer comes."""
    report.state = str(new_state.value)
    if action == "assign":
        report.assignee = str(payload["assignee"])
    elif action == "record_progress" and payload.get("committed_on"):
        report.committed_on = date.fromisoformat(str(payload["committed_on"]))
    elif action == "draft_answer":
        report.answer = str(payload["answer"])
    elif action == "send_answer":
        report.publish = bool(payload["publish"])
    elif action == "send_back":
        report.suggested_unit_code = str(payload["suggested_unit"])
        report.sent_back_reason = str(payload["reason"])


def reapply_pending(session: Session, kind: str, item: Item) -> None:
    """Replay the item's pending actions over the server's copy just written into ``item``."""
    entries = session.scalars(
        select(OutboxEntry)
        .where(
            OutboxEntry.item_kind == kind, OutboxEntry.item_id == item.id, OutboxEntry.status == OutboxStatus.PENDING
        )
        .order_by(OutboxEntry.id)
    ).all()
    workflow, state = workflow_of(item)
    for entry in entries:
        entry.before = kept_fields(kind, item)  # what an undo puts back now that the server's copy moved
        try:
            _apply_locally(session, item, workflow.apply(state, entry.action, entry.payload), entry)
            state = workflow_of(item)[1]  # not always the action's target (a refused recall goes back)
        except DomainError:
            continue  # no longer possible here; the server will say so and keep its truth
    _set_sync_state(session, kind, item, bool(entries))


def _set_sync_state(session: Session, kind: str, item: Item, waiting: bool) -> None:
    rejected = session.scalar(
        select(OutboxEntry.id).where(
            OutboxEntry.item_kind == kind,
            OutboxEntry.item_id == item.id,
            OutboxEntry.status.in_(NEEDS_USER),
        )
    )
    item.sync_state = SyncState.PENDING if waiting else (SyncState.REJECTED if rejected else SyncState.SYNCED)


def _refused(session: Session, entry_id: int) -> OutboxEntry:
    """A refused action still waiting for the user's decision (two windows, or a double click, settle it once)."""
    entry = session.get(OutboxEntry, entry_id)
    if entry is None or entry.status not in NEEDS_USER:
        raise DomainError("action.settled", tr_noop("This refused action has already been settled."))
    return entry


class ItemActions:
    def __init__(self, cache: LocalCache, clock: Clock, settings: Callable[[], Settings] | None = None) -> None:
        """``settings``: the office's (its working calendar recounts a dossier's due time offline, as the
        service will; without it the local due time waits for the service's answer)."""
        self.cache = cache
        self.clock = clock
        self._settings = settings

    def perform(
        self,
        kind: str,
        item_id: int,
        action: str,
        payload: dict[str, Any] | None = None,
        also: Callable[[Session], None] | None = None,
    ) -> str:
        """Check and record an action; returns its mutation id. DomainError: nothing is written.
        ``also`` writes what goes with the action in its transaction (a signed copy's row)."""
        with self.cache.sessions.begin() as session:
            take_write_lock(session)  # the state checked is the state written over
            return self._record(session, kind, item_id, action, dict(payload or {}), also).mutation_id

    def perform_with_files(
        self, kind: str, item_id: int, action: str, payload: dict[str, Any], files: tuple[Path, ...]
    ) -> str:
        """An action with files that go with it (a report's progress photos): the files are copied into the
        profile first, then written as the item's attachments in the action's transaction, so both reach the
        service or neither is kept. Their names go with the action ("photos"), which makes it not undoable."""
        if not files:
            return self.perform(kind, item_id, action, payload)
        named = {**payload, "photos": ", ".join(safe_file_name(path.name) for path in files)}

        def write(copies: list[Copy]) -> str:
            def add_rows(session: Session) -> None:
                item = session.get_one(ITEM_MODELS[kind], item_id)
                account = session.get_one(Account, self._account_for(session, item.source_id))
                session.add_all(attachment_rows(account, kind, item_id, files, copies))

            return self.perform(kind, item_id, action, named, also=add_rows)

        return copy_all_in(self.cache.profile.attachments_dir, files, write)

    def _record(
        self,
        session: Session,
        kind: str,
        item_id: int,
        action: str,
        payload: dict[str, Any],
        also: Callable[[Session], None] | None = None,
        comment: bool = True,
    ) -> OutboxEntry:
        """The action checked against the item as it is and written with its outbox entry, in ``session``.
        ``comment``: a comment's local copy is written too (not again when a refused comment is redone)."""
        item = session.get(ITEM_MODELS[kind], item_id)
        if item is None:
            raise DomainError("action.no_item", tr_noop("This item is no longer in the cache."))
        workflow, state = workflow_of(item)
        new_state = workflow.apply(state, action, payload)
        if isinstance(item, Feedback) and action == "record_progress":  # as the service will check it now
            committed_date(payload, item.due_at, self.clock.now())
        if isinstance(item, Dossier) and action == "apologise":  # set now: a time already past is a slip
            new_appointment(payload, item.promised_at(), item.received_at, self.clock.now())
        if isinstance(item, Dossier) and action == "supplement_received" and self._settings is not None:
            # the desk's own count, shown until the service's answer (which recounts) and kept in the
            # outbox so a pull before the push replays it rather than showing the old due time
            payload["due_at"] = self._recounted(session, item).isoformat()
        account_id = self._account_for(session, item.source_id)
        if also is not None:
            also(session)
        entry = OutboxEntry(
            mutation_id=str(uuid.uuid4()), account_id=account_id, item_kind=kind, item_id=item.id, action=action,
            base_version=item.version, payload=payload, created_at=self.clock.now(), status=OutboxStatus.PENDING,
            before=kept_fields(kind, item),
        )  # fmt: skip
        session.add(entry)
        _apply_locally(session, item, new_state, entry)
        item.sync_state = SyncState.PENDING
        if action == "comment" and comment:
            session.add(self._local_comment(item, kind, str(payload["text"]), account_id, session))
        detail = {"mutation_id": entry.mutation_id, "digest": entry.digest(item)}  # the digest: see action_digest
        session.add(AuditLog(at=self.clock.now(), actor=str(account_id), action=action, item_kind=kind,
                             item_id=item.id, detail=detail))  # fmt: skip
        return entry

    def _recounted(self, session: Session, dossier: Dossier) -> datetime:
        """The due time once the supplement is in, as the service will count it."""
        procedure = session.get(Procedure, dossier.procedure_code)
        clock = procedure.supplement_clock if procedure is not None else "restart"
        pending = session.scalar(
            select(OutboxEntry.created_at)
            .where(OutboxEntry.item_kind == "dossier", OutboxEntry.item_id == dossier.id,
                   OutboxEntry.action == "request_supplement", OutboxEntry.status == OutboxStatus.PENDING)
            .order_by(OutboxEntry.id.desc())
        )  # fmt: skip
        calendar = calendar_for(self._settings())  # type: ignore[misc]
        # requested offline: the request is in the outbox, not yet in the history
        return recounted_due(dossier, clock, self.clock.now(), calendar, requested_at=pending)

    def redo(self, entry_id: int) -> str:
        """A refused action done again on the item as the server has it now: the same action with the
        same details, as a new entry (a new mutation id), and the refused one settled as redone, in one
        transaction. DomainError when the item's state no longer allows it: nothing is written."""
        with self.cache.sessions.begin() as session:
            take_write_lock(session)
            refused = _refused(session, entry_id)
            kind, item_id = refused.item_kind, refused.item_id
            again = self._record(session, kind, item_id, refused.action, dict(refused.payload), comment=False)
            refused.status = OutboxStatus.REDONE
            detail = {"refused": refused.mutation_id, "mutation_id": again.mutation_id}
            session.add(AuditLog(at=self.clock.now(), actor=str(again.account_id), action="redo_refused",
                                 item_kind=kind, item_id=item_id, detail=detail))  # fmt: skip
            return again.mutation_id

    def discard(self, entry_id: int) -> None:
        """The user gives a refused action up: the server's version stands (DomainError if already settled)."""
        with self.cache.sessions.begin() as session:
            take_write_lock(session)
            refused = _refused(session, entry_id)
            refused.status = OutboxStatus.DISMISSED
            session.add(AuditLog(at=self.clock.now(), actor=str(refused.account_id), action="discard_refused",
                                 item_kind=refused.item_kind, item_id=refused.item_id,
                                 detail={"refused": refused.mutation_id}))  # fmt: skip
            item = session.get(ITEM_MODELS[refused.item_kind], refused.item_id)
            if item is not None:
                reapply_pending(session, refused.item_kind, item)

    def undo(self, entry_id: int) -> None:
        """Take back an action that still waits to be sent: the item as it was before it, the entry
        withdrawn, in one transaction. DomainError (nothing written) once a push has taken it, or when it
        is not the item's last waiting action."""
        with self.cache.sessions.begin() as session:
            take_write_lock(session)  # the push marks what it sends under the same lock
            entry = entry_to_undo(session, entry_id)
            entry.status = OutboxStatus.WITHDRAWN
            item = session.get(ITEM_MODELS[entry.item_kind], entry.item_id)
            if item is not None:
                put_back(entry.item_kind, item, entry.before or {})
                waiting = session.scalar(
                    select(OutboxEntry.id).where(OutboxEntry.item_kind == entry.item_kind,
                                                 OutboxEntry.item_id == item.id,
                                                 OutboxEntry.status == OutboxStatus.PENDING)
                )  # fmt: skip
                _set_sync_state(session, entry.item_kind, item, waiting is not None)
            session.add(AuditLog(at=self.clock.now(), actor=str(entry.account_id), action="undo",
                                 item_kind=entry.item_kind, item_id=entry.item_id,
                                 detail={"withdrawn": entry.mutation_id}))  # fmt: skip

    def dismiss_rejections(self, kind: str, item_id: int) -> None:
        """Every refused action of the item given up at once (training's "dismiss" move)."""
        with self.cache.sessions.begin() as session:
            entries = session.scalars(
                select(OutboxEntry).where(
                    OutboxEntry.item_kind == kind,
                    OutboxEntry.item_id == item_id,
                    OutboxEntry.status.in_(NEEDS_USER),
                )
            ).all()
            for entry in entries:
                entry.status = OutboxStatus.DISMISSED
            item = session.get(ITEM_MODELS[kind], item_id)
            if item is not None:
                reapply_pending(session, kind, item)

    def offered(self, kind: str, source_id: int, actions: list[Action]) -> list[Action]:
        """``actions`` less those the service would refuse the account acting on the source's items for
        its role: a 1022 answer's approval when it is known not to be a leader's."""
        if not any(is_leader_act(kind, action.name) for action in actions):
            return actions
        with self.cache.sessions() as session:
            account = acting_account(session, source_id)
            role = account.service_role if account is not None else None
        return offered_to_role(kind, actions, role)

    def _account_for(self, session: Session, source_id: int) -> int:
        account = acting_account(session, source_id)
        if account is None:
            raise DomainError(
                "action.no_account",
                tr_noop("No signed-in account can act on this system's items. Sign in to that system first."),
            )
        return account.id

    def _local_comment(self, item: Item, kind: str, text: str, account_id: int, session: Session) -> Comment:
        author = session.get_one(Account, account_id).display_name
        return Comment(source_id=item.source_id, remote_id=None, item_kind=kind, item_id=item.id, author=author,
                       body=text, created_at=self.clock.now(), sync_state=SyncState.PENDING)  # fmt: skip
