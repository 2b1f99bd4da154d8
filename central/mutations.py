"""Applying client mutations: each checked by the shared state machines, each exactly once.

A mutation's outcome is written in the same transaction as its effect, keyed by the client's
mutation id, so a replay (a lost response, a client restarted mid-push) returns the recorded
outcome and changes nothing. The item row is locked for the transaction, so two officials acting
on one dossier at once are applied one after the other and the second is checked against the
first one's result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.domain.dossier_deadline import new_appointment, recounted_due
from app.domain.errors import DomainError
from app.domain.outgoing_draft import draft_columns, draft_from_payload
from app.domain.rejections import SERVICE_REASONS, refusal
from app.domain.statuses import MutationOutcome
from app.domain.workflow import DOSSIER, FEEDBACK, INCOMING, OUTGOING, DossierState, FeedbackState, Workflow
from app.domain.working_calendar import VN_TZ
from central.axis_answers import answer_action, ask_recall
from central.axis_delivery import deliver_local
from central.change_feed import record_change
from central.demo_data import shipped_calendar
from central.document_sending import create_draft, send_document
from central.dossier_registration import register_dossier
from central.feedback_actions import apply_feedback_effects
from central.feedback_privacy import shown_to
from central.models import Account, Comment, Document, Dossier, Feedback, MutationRecord, Procedure, row_id
from central.number_registers import ARRIVAL_REGISTER, OUTGOING_REGISTER, next_number, outgoing_notation
from central.serialize import item_json

MAX_BATCH = 100
_FINISHING = {DossierState.NOT_ACCEPTED, DossierState.STOPPED, DossierState.PROCESSED}


@dataclass(frozen=True)
class Mutation:
    mutation_id: str
    kind: str  # "document", "dossier" or "feedback"
    item_id: str
    base_version: int
    action: str
    payload: dict[str, Any]


def apply_batch(sessions: sessionmaker[Session], account_id: int, batch: list[Mutation], now: datetime) -> list[dict]:
    """Outcomes in order; a transient failure answers ``retry`` and stops the batch there."""
    outcomes: list[dict] = []
    for mutation in batch:
        outcome = apply_one(sessions, account_id, mutation, now)
        outcomes.append(outcome)
        if outcome["status"] == MutationOutcome.RETRY:
            break
    return outcomes


def apply_one(sessions: sessionmaker[Session], account_id: int, mutation: Mutation, now: datetime) -> dict:
    try:
        with sessions.begin() as session:
            recorded = session.get(MutationRecord, mutation.mutation_id)
            if recorded is not None:
                return _replayed(recorded, account_id, mutation)
            outcome = _decide(session, session.get_one(Account, account_id), mutation, now)
            record = MutationRecord(
                mutation_id=mutation.mutation_id, account_id=account_id, outcome=outcome, created_at=now
            )
            session.add(record)
    except IntegrityError:  # the same mutation id committed by a concurrent request
        with sessions() as session:
            recorded = session.get(MutationRecord, mutation.mutation_id)
            if recorded is None:
                return {"mutation_id": mutation.mutation_id, "status": MutationOutcome.RETRY, "code": "conflict"}
            return _replayed(recorded, account_id, mutation)
    except OperationalError:
        return {"mutation_id": mutation.mutation_id, "status": MutationOutcome.RETRY, "code": "busy"}
    return outcome


def _replayed(recorded: MutationRecord, account_id: int, mutation: Mutation) -> dict:
    if recorded.account_id != account_id:  # another account's id: say nothing about its outcome
        return _rejected(mutation, "mutation_id_taken", SERVICE_REASONS["mutation_id_taken"], None)
    return {**recorded.outcome, "status": MutationOutcome.DUPLICATE, "original_status": recorded.outcome["status"]}


def _rejected(mutation: Mutation, code: str, message: str, item: Any, account: Account | None = None,
              **params: Any) -> dict:  # fmt: skip
    return {
        "mutation_id": mutation.mutation_id,
        "status": MutationOutcome.REJECTED,
        "code": code,
        "message": message,
        "params": {key: str(value) for key, value in params.items()},
        "item": None if item is None else _shown(account, mutation.kind, item),
    }


def _shown(account: Account | None, kind: str, item: Any) -> dict[str, Any]:
    """The item as the acting account may see it (a report's contact only to whom it is shown)."""
    data = item_json(item)
    return data if account is None else shown_to(account, kind, data)


def _locked_item(session: Session, account: Account, mutation: Mutation) -> Document | Dossier | Feedback | None:
    model = {"document": Document, "dossier": Dossier, "feedback": Feedback}.get(mutation.kind)
    item_id = row_id(mutation.item_id)
    if model is None or item_id is None:
        return None
    query = select(model).where(model.id == item_id, model.unit_code == account.unit_code)
    return session.scalar(query.with_for_update())


def _workflow(item: Document | Dossier | Feedback) -> tuple[Workflow, Enum]:
    if isinstance(item, Dossier):
        return DOSSIER, DossierState(item.state)
    if isinstance(item, Feedback):
        return FEEDBACK, FeedbackState(item.state)
    workflow = INCOMING if item.direction == "incoming" else OUTGOING
    return workflow, workflow.states(item.state)


def _decide(session: Session, account: Account, mutation: Mutation, now: datetime) -> dict:
    if mutation.kind == "dossier" and mutation.action == "register":
        return _register(session, account, mutation, now)
    if mutation.kind == "document" and mutation.action == "draft":
        return _draft(session, account, mutation, now)
    item = _locked_item(session, account, mutation)
    if item is None:  # absent, or another unit's: the same answer, so nothing leaks
        return _rejected(mutation, "not_found", SERVICE_REASONS["not_found"], None)
    workflow, state = _workflow(item)
    try:
        with session.begin_nested():  # a refusal half-way through undoes what was already set
            new_state = workflow.apply(state, mutation.action, mutation.payload)
            created = _apply_effects(session, account, item, mutation, new_state, now)
    except DomainError as error:
        return _rejected(mutation, error.code, error.message, item, account, **error.params)
    item.version += 1
    item.updated_at = now
    record_change(session, item.unit_code, mutation.kind, item)
    deliver_local(session, now)  # answers and documents for units hosted here arrive with the action
    outcome = {"mutation_id": mutation.mutation_id, "status": MutationOutcome.APPLIED, "version": item.version}
    return {**outcome, "item": _shown(account, mutation.kind, item), "created": created}


def _recount_after_supplement(session: Session, dossier: Dossier, now: datetime, entry: dict) -> None:
    """The dossier is complete again: its due time counts from now, as its procedure says (restart by
    default, see app.domain.dossier_deadline.due_after_supplement); the history keeps the new time."""
    procedure = session.get(Procedure, dossier.procedure_code)
    clock = procedure.supplement_clock if procedure is not None else "restart"
    dossier.due_at = recounted_due(dossier, clock, now, shipped_calendar())
    entry["due_at"] = dossier.due_at.isoformat()


def _register(session: Session, account: Account, mutation: Mutation, now: datetime) -> dict:
    """A dossier registered at a desk: created here with the code its receipt already shows."""
    try:
        with session.begin_nested():
            dossier = register_dossier(session, account, mutation.payload, now)
    except DomainError as error:
        return _rejected(mutation, error.code, error.message, None, **error.params)
    except IntegrityError:  # another request registered the same code at this very moment
        code = str(mutation.payload.get("code"))[:60]
        return _rejected(mutation, "dossier_code.taken", SERVICE_REASONS["dossier_code.taken"], None, dossier=code)
    record_change(session, dossier.unit_code, "dossier", dossier)
    outcome = {"mutation_id": mutation.mutation_id, "status": MutationOutcome.APPLIED, "version": dossier.version}
    return {**outcome, "item": item_json(dossier), "created": {"kind": "dossier", "id": str(dossier.id)}}


def _draft(session: Session, account: Account, mutation: Mutation, now: datetime) -> dict:
    """An outgoing document drafted at a desk (offline perhaps): created here, named by the desk's key."""
    key = str(mutation.payload.get("draft_key") or "")[:36]
    existing = session.scalar(select(Document).where(Document.unit_code == account.unit_code,
                                                     Document.draft_key == key)) if key else None  # fmt: skip
    try:
        document = existing or create_draft(session, account, mutation.payload, now)
    except DomainError as error:
        return _rejected(mutation, error.code, error.message, None, **error.params)
    outcome = {"mutation_id": mutation.mutation_id, "status": MutationOutcome.APPLIED, "version": document.version}
    return {**outcome, "item": item_json(document), "created": {"kind": "document", "id": str(document.id)}}


def _apply_effects(
    session: Session,
    account: Account,
    item: Document | Dossier | Feedback,
    mutation: Mutation,
    new_state: Enum,
    now: datetime,
) -> dict | None:
    payload, action = mutation.payload, mutation.action
    entry = {"at": now.isoformat(), "by": account.display_name, "action": action, "state": new_state.value}
    entry.update({key: payload[key] for key in ("reason", "result", "assignee", "text") if payload.get(key)})
    if action == "comment":
        comment = Comment(
            unit_code=item.unit_code,
            item_kind=mutation.kind,
            item_id=item.id,
            author=account.display_name,
            body=str(payload["text"])[:4000],
            created_at=now,
        )
        session.add(comment)
        record_change(session, item.unit_code, "comment", comment)
        return {"kind": "comment", "id": str(comment.id)}
    if isinstance(item, Feedback):
        apply_feedback_effects(session, account, item, action, payload, new_state, now, entry)
        return None
    if isinstance(item, Dossier):
        item.state = int(new_state)
        if action == "supplement_received":
            _recount_after_supplement(session, item, now, entry)
        elif action == "apologise":
            item.extended_due_at = new_appointment(payload, item.promised_at(), item.received_at)
            entry["new_due"] = item.extended_due_at.isoformat()
        item.history = [*item.history, entry]
        if new_state in _FINISHING:
            item.finished_at = now
        return None
    back_to = item.recall_from_state or "received"
    item.state = str(new_state.value)
    item.trail = [*item.trail, entry]
    _document_fields(session, item, action, payload, now)
    if action == "refuse_recall":  # the document goes on where it was when the issuer asked
        item.state = entry["state"] = back_to
    if item.direction == "incoming":
        answer_action(session, item, account, action, payload, now)
    elif action == "recall":
        ask_recall(session, item, str(payload["reason"]), account.display_name, now)
    elif action == "edit_draft":
        for name, value in draft_columns(draft_from_payload(payload)).items():
            setattr(item, name, value)
    elif action == "send":
        send_document(session, item, account, now)
    return None


def _document_fields(session: Session, item: Document, action: str, payload: dict[str, Any], now: datetime) -> None:
    if action == "register":  # the server numbers arrivals, so two clients can never take one number
        item.arrival_date = now.astimezone(VN_TZ).date()
        item.arrival_number = next_number(session, item.unit_code, ARRIVAL_REGISTER, item.arrival_date.year)
    elif action in ("assign", "forward"):
        item.assignee = str(payload["assignee"])[:200]
        if payload.get("due_on"):
            item.due_on = _parse_date(payload["due_on"])
    elif action == "issue":  # numbered from the unit's outgoing register, per calendar year
        item.issued_on = now.astimezone(VN_TZ).date()
        item.number = f"{next_number(session, item.unit_code, OUTGOING_REGISTER, item.issued_on.year):02d}"
        item.notation = outgoing_notation(item.doc_type)
    elif action in ("agree_recall", "refuse_recall"):
        item.recall_from_state = None


def _parse_date(value: Any) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise refusal("mutation.bad_date", value=str(value)[:20]) from None
