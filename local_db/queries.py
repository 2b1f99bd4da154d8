"""Read-only queries the views page through: small typed rows, never ORM objects across threads."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, false, func, select, text
from sqlalchemy.orm import Session

from app.domain.dossier_record import DossierRecord, record_of
from app.domain.incoming_register import RegisterLine, forwarded_on
from app.domain.item_lists import (
    EVERY_DOCUMENT,
    EVERY_DOSSIER,
    EVERY_REPORT,
    DocumentFilter,
    DocumentRow,
    DossierFilter,
    DossierRow,
    FeedbackFilter,
    FeedbackRow,
    Narrowing,
    SortOrder,
)
from app.domain.statuses import AccountStatus, SyncState
from app.domain.workflow import (
    CLOSED_DOCUMENT_STATES,
    CLOSED_FEEDBACK_STATES,
    FINISHED_DOSSIER_STATES,
    PAUSED_DOSSIER_STATES,
    FeedbackState,
)
from kernel.clock import VN_TZ
from local_db.models import UNSYNCED, Account, Document, Dossier, Feedback, Source

T = TypeVar("T")


_DOCUMENT_COLUMNS = (
    Document.id,
    Document.direction,
    Document.arrival_number,
    Document.arrival_date,
    Document.number,
    Document.notation,
    Document.issued_on,
    Document.issuing_agency_name,
    Document.subject,
    Document.urgency,
    Document.due_on,
    Document.state,
    Source.kind,
    Document.sync_state,
    Document.signature_verdict,
)
_DOSSIER_COLUMNS = (
    Dossier.id,
    Dossier.code,
    Dossier.procedure_name,
    Dossier.applicant_name,
    Dossier.channel,
    Dossier.received_at,
    Dossier.due_at,
    Dossier.finished_at,
    Dossier.state,
    Source.kind,
    Dossier.sync_state,
)

_FEEDBACK_COLUMNS = (
    Feedback.id, Feedback.code, Feedback.category, Feedback.content, Feedback.address, Feedback.channel,
    Feedback.routed_at, Feedback.due_at, Feedback.finished_at, Feedback.assignee, Feedback.state, Source.kind,
    Feedback.sync_state,
)  # fmt: skip


_CLOSED_DOCUMENT_STATES = sorted(state.value for state in CLOSED_DOCUMENT_STATES)
_NOT_RUNNING = sorted(int(state) for state in PAUSED_DOSSIER_STATES | FINISHED_DOSSIER_STATES)
_CLOSED_FEEDBACK_STATES = sorted(state.value for state in CLOSED_FEEDBACK_STATES)
_URGENT = ("very_urgent", "flash")


# The columns a list can be sorted by; anything else is refused, never passed to SQL.
DOCUMENT_SORTS: dict[str, Any] = {
    "arrival_number": Document.arrival_number, "arrival_date": Document.arrival_date, "number": Document.number,
    "issued_on": Document.issued_on, "issuing_agency_name": Document.issuing_agency_name,
    "subject": Document.subject, "urgency": Document.urgency, "due_on": Document.due_on, "state": Document.state,
    "source": Source.kind,
}  # fmt: skip
DOSSIER_SORTS: dict[str, Any] = {
    "code": Dossier.code, "procedure_name": Dossier.procedure_name, "applicant_name": Dossier.applicant_name,
    "channel": Dossier.channel, "received_at": Dossier.received_at, "due_at": Dossier.due_at,
    "state": Dossier.state, "source": Source.kind,
}  # fmt: skip
FEEDBACK_SORTS: dict[str, Any] = {
    "code": Feedback.code, "category": Feedback.category, "content": Feedback.content, "address": Feedback.address,
    "channel": Feedback.channel, "routed_at": Feedback.routed_at, "due_at": Feedback.due_at,
    "assignee": Feedback.assignee, "state": Feedback.state, "source": Source.kind,
}  # fmt: skip


def _sorted_by(sorts: dict[str, Any], sort: SortOrder, tie: Any) -> tuple[ColumnElement[Any], ...]:
    column = sorts[sort.key]  # KeyError for a key that is not a list column
    return (column.desc() if sort.descending else column.asc()), (tie.desc() if sort.descending else tie.asc())


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _document_narrowing(n: Narrowing) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if n.source_kind:
        conditions.append(Document.source_id.in_(select(Source.id).where(Source.kind == n.source_kind)))
    if n.state:
        conditions.append(Document.state == n.state)
    if n.urgency:
        conditions.append(Document.urgency == n.urgency)
    if n.assignee:
        conditions.append(Document.assignee.ilike(_like(n.assignee), escape="\\"))
    if n.due_from:
        conditions.append(Document.due_on >= n.due_from)
    if n.due_to:
        conditions.append(Document.due_on <= n.due_to)
    return conditions


def _dossier_narrowing(chosen: DossierFilter) -> list[ColumnElement[bool]]:
    n = chosen.narrowing
    if n.urgency or n.assignee:  # fields only documents have
        return [false()]
    conditions: list[ColumnElement[bool]] = []
    if n.source_kind:
        conditions.append(Dossier.source_id.in_(select(Source.id).where(Source.kind == n.source_kind)))
    if n.state:
        conditions.append(Dossier.state == int(n.state) if n.state.isdigit() else false())
    return conditions + _due_between(Dossier.due_at, n, chosen.now)


def _due_between(due_at: Any, n: Narrowing, now: datetime | None) -> list[ColumnElement[bool]]:
    """A due time within the narrowing's days, whole days in the office's time zone."""
    conditions: list[ColumnElement[bool]] = []
    if n.due_from:
        tz = _required(now, "now").tzinfo
        conditions.append(due_at >= datetime.combine(n.due_from, time(0), tzinfo=tz))
    if n.due_to:
        tz = _required(now, "now").tzinfo
        conditions.append(due_at < datetime.combine(n.due_to + timedelta(days=1), time(0), tzinfo=tz))
    return conditions


def _feedback_narrowing(chosen: FeedbackFilter) -> list[ColumnElement[bool]]:
    n = chosen.narrowing
    if n.urgency:  # a document's field
        return [false()]
    conditions: list[ColumnElement[bool]] = []
    if n.source_kind:
        conditions.append(Feedback.source_id.in_(select(Source.id).where(Source.kind == n.source_kind)))
    if n.state:
        conditions.append(Feedback.state == n.state)
    if n.assignee:
        conditions.append(Feedback.assignee.ilike(_like(n.assignee), escape="\\"))
    return conditions + _due_between(Feedback.due_at, n, chosen.now)


# The partial indexes' condition, word for word: SQLite uses such an index only when the query's
# WHERE repeats it (it does not work out that "= 'pending'" implies it).
_UNSYNCED = text(UNSYNCED)


def _unsynced(model: type[Document] | type[Dossier] | type[Feedback], sync_state: str) -> Select[tuple[int]]:
    """The ids of the few items in ``sync_state``, from their partial index. As a subquery of their
    own, so the list's query does not walk its order index over every row to find them."""
    return select(model.id).where(_UNSYNCED, model.sync_state == sync_state)


def _required(moment: T | None, name: str) -> T:
    """The office's day or time comes from the app's one clock (the Workbench fills it in)."""
    if moment is None:
        raise ValueError(f"the filter's {name} is not set")
    return moment


def _document_conditions(chosen: DocumentFilter) -> list[ColumnElement[bool]]:
    # One row per real document. "+ 0" keeps SQLite from answering this through the duplicate_of
    # index, which holds nearly every row; the lists' order indexes are the ones to read.
    conditions: list[ColumnElement[bool]] = [(Document.duplicate_of + 0).is_(None)]
    if chosen.direction is not None:
        conditions.append(Document.direction == chosen.direction)
    if chosen.ids is not None:
        conditions.append(Document.id.in_(chosen.ids))
    return conditions + _document_view(chosen) + _document_narrowing(chosen.narrowing)


def _document_view(chosen: DocumentFilter) -> list[ColumnElement[bool]]:
    open_item = Document.state.not_in(_CLOSED_DOCUMENT_STATES)
    match chosen.view:
        case "due_today":
            return [Document.due_on == _required(chosen.today, "today"), open_item]
        case "overdue":
            return [Document.due_on < _required(chosen.today, "today"), open_item]
        case "due_soon" | "new":
            return [false()]  # due soon is counted in working time (dossiers, reports); newly routed: a report
        case "urgent":
            return [Document.urgency.in_(_URGENT), open_item]
        case "waiting":
            return [Document.id.in_(_unsynced(Document, SyncState.PENDING))]
        case "attention":
            return [Document.id.in_(_unsynced(Document, SyncState.REJECTED))]
        case "all":
            return []
    raise ValueError(f"unknown view {chosen.view!r}")


def _dossier_conditions(chosen: DossierFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [] if chosen.ids is None else [Dossier.id.in_(chosen.ids)]
    return conditions + _dossier_view(chosen) + _dossier_narrowing(chosen)


def _dossier_view(chosen: DossierFilter) -> list[ColumnElement[bool]]:
    # The dashboard's rule (app.domain.dossier_deadline.deadline_status, app/reports.py): only a running
    # dossier is due or overdue; one waiting for the citizen is paused, and due today means not yet past.
    running = [Dossier.finished_at.is_(None), Dossier.state.not_in(_NOT_RUNNING)]
    match chosen.view:
        case "due_today":
            now = _required(chosen.now, "now").astimezone(VN_TZ)  # today is Vietnam's day
            day_end = datetime.combine(now.date(), time(0), tzinfo=VN_TZ) + timedelta(days=1)
            return [Dossier.due_at >= now, Dossier.due_at < day_end, *running]
        case "due_soon":  # at most one working day left (app.domain.dossier_standing)
            now, until = _required(chosen.now, "now"), _required(chosen.soon_until, "soon_until")
            return [Dossier.due_at >= now, Dossier.due_at <= until, *running]
        case "overdue":
            return [Dossier.due_at < _required(chosen.now, "now"), *running]
        case "urgent" | "new":
            return [false()]  # urgency is a document's field, newly routed a report's
        case "waiting":
            return [Dossier.id.in_(_unsynced(Dossier, SyncState.PENDING))]
        case "attention":
            return [Dossier.id.in_(_unsynced(Dossier, SyncState.REJECTED))]
        case "all":
            return []
    raise ValueError(f"unknown view {chosen.view!r}")


def _feedback_conditions(chosen: FeedbackFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [] if chosen.ids is None else [Feedback.id.in_(chosen.ids)]
    return conditions + _feedback_view(chosen) + _feedback_narrowing(chosen)


def _feedback_view(chosen: FeedbackFilter) -> list[ColumnElement[bool]]:
    # app.domain.feedback_deadline.feedback_standing's rule: only a report not yet answered or sent back is
    # due or overdue; a committed date is a promise, the due time stays the one the report is late against.
    open_report = Feedback.state.not_in(_CLOSED_FEEDBACK_STATES)
    match chosen.view:
        case "new":
            return [Feedback.state == FeedbackState.ROUTED.value]
        case "due_today":
            now = _required(chosen.now, "now").astimezone(VN_TZ)
            day_end = datetime.combine(now.date(), time(0), tzinfo=VN_TZ) + timedelta(days=1)
            return [Feedback.due_at >= now, Feedback.due_at < day_end, open_report]
        case "due_soon":
            now, until = _required(chosen.now, "now"), _required(chosen.soon_until, "soon_until")
            return [Feedback.due_at >= now, Feedback.due_at <= until, open_report]
        case "overdue":
            return [Feedback.due_at < _required(chosen.now, "now"), open_report]
        case "urgent":
            return [false()]
        case "waiting":
            return [Feedback.id.in_(_unsynced(Feedback, SyncState.PENDING))]
        case "attention":
            return [Feedback.id.in_(_unsynced(Feedback, SyncState.REJECTED))]
        case "all":
            return []
    raise ValueError(f"unknown view {chosen.view!r}")


def count_documents(session: Session, chosen: DocumentFilter = EVERY_DOCUMENT) -> int:
    return session.scalar(select(func.count()).select_from(Document).where(*_document_conditions(chosen))) or 0


def count_dossiers(session: Session, chosen: DossierFilter = EVERY_DOSSIER) -> int:
    return session.scalar(select(func.count()).select_from(Dossier).where(*_dossier_conditions(chosen))) or 0


def _document_order(direction: str | None) -> tuple[ColumnElement[Any], ...]:
    """Newest first, in an order an index serves: incoming by arrival, outgoing by issue date."""
    if direction == "incoming":  # not yet registered (no arrival date) first: they wait for the clerk
        return Document.arrival_date.desc().nulls_first(), Document.id.desc()
    if direction == "outgoing":
        return Document.issued_on.desc().nulls_first(), Document.id.desc()
    return func.coalesce(Document.arrival_date, Document.issued_on).desc(), Document.id.desc()


def document_page(session: Session, chosen: DocumentFilter, offset: int, limit: int) -> list[DocumentRow]:
    """Newest arrivals first (outgoing documents by issue date)."""
    query = (
        select(*_DOCUMENT_COLUMNS)
        .join(Source, Source.id == Document.source_id)
        .where(*_document_conditions(chosen))
        .order_by(
            *_sorted_by(DOCUMENT_SORTS, chosen.sort, Document.id) if chosen.sort else _document_order(chosen.direction)
        )
        .offset(offset)
        .limit(limit)
    )
    rows = [DocumentRow(*row) for row in session.execute(query)]
    return _with_copies(session, rows)


def _with_copies(session: Session, rows: list[DocumentRow]) -> list[DocumentRow]:
    copies = session.execute(
        select(Document.duplicate_of, Source.kind)
        .join(Source, Source.id == Document.source_id)
        .where(Document.duplicate_of.in_([row.id for row in rows]))
    ).all()
    if not copies:
        return rows
    kinds: dict[int, list[str]] = {}
    for shown_id, kind in copies:
        kinds.setdefault(shown_id, []).append(kind)
    return [replace(row, copy_source_kinds=tuple(kinds.get(row.id, ()))) for row in rows]


def dossier_page(session: Session, chosen: DossierFilter, offset: int, limit: int) -> list[DossierRow]:
    """Most recently received first."""
    query = (
        select(*_DOSSIER_COLUMNS)
        .join(Source, Source.id == Dossier.source_id)
        .where(*_dossier_conditions(chosen))
        .order_by(
            *_sorted_by(DOSSIER_SORTS, chosen.sort, Dossier.id)
            if chosen.sort
            else (Dossier.received_at.desc(), Dossier.id.desc())
        )
        .offset(offset)
        .limit(limit)
    )
    return [DossierRow(*row) for row in session.execute(query)]


def count_feedback(session: Session, chosen: FeedbackFilter = EVERY_REPORT) -> int:
    return session.scalar(select(func.count()).select_from(Feedback).where(*_feedback_conditions(chosen))) or 0


def feedback_page(session: Session, chosen: FeedbackFilter, offset: int, limit: int) -> list[FeedbackRow]:
    """Most recently routed first."""
    query = (
        select(*_FEEDBACK_COLUMNS)
        .join(Source, Source.id == Feedback.source_id)
        .where(*_feedback_conditions(chosen))
        .order_by(
            *_sorted_by(FEEDBACK_SORTS, chosen.sort, Feedback.id)
            if chosen.sort
            else (Feedback.routed_at.desc(), Feedback.id.desc())
        )
        .offset(offset)
        .limit(limit)
    )
    return [FeedbackRow(*row) for row in session.execute(query)]


_RECORD_COLUMNS = (
    Dossier.id, Dossier.code, Dossier.procedure_code, Dossier.procedure_name, Dossier.applicant_name,
    Dossier.applicant_address, Dossier.applicant_phone, Dossier.channel, Dossier.received_at, Dossier.due_at,
    Dossier.finished_at, Dossier.state,
)  # fmt: skip


def dossiers_received(session: Session, start: datetime, end: datetime) -> list[DossierRecord]:
    """Dossiers received from ``start`` (included) to ``end`` (excluded), in the order received:
    the register's rows, with the times their histories give."""
    query = (
        select(*_RECORD_COLUMNS, Dossier.history)
        .where(Dossier.received_at >= start, Dossier.received_at < end)
        .order_by(Dossier.received_at, Dossier.id)
    )
    names = [column.key for column in _RECORD_COLUMNS]
    records = []
    for *values, history in session.execute(query):
        fields = dict(zip(names, values, strict=True))
        fields["applicant_address"] = fields["applicant_address"] or ""
        fields["applicant_phone"] = fields["applicant_phone"] or ""
        records.append(record_of(fields, history or []))
    return records


def incoming_register(session: Session, first: date, last: date) -> list[RegisterLine]:
    """The register's lines: incoming documents given an arrival number from ``first`` to ``last``
    (both included), by arrival, each once (not its copies from another system), with the unit or
    person it went to and the day it was handed on."""
    query = (
        select(*_DOCUMENT_COLUMNS, Document.assignee, Document.trail)
        .join(Source, Source.id == Document.source_id)
        .where(
            (Document.duplicate_of + 0).is_(None),  # "+ 0": as in _document_conditions
            Document.direction == "incoming",
            Document.arrival_number.is_not(None),
            Document.arrival_date >= first,
            Document.arrival_date <= last,
        )
        .order_by(Document.arrival_date, Document.arrival_number, Document.id)
    )
    return [
        RegisterLine(DocumentRow(*values), assignee or "", forwarded_on(trail or []))
        for *values, assignee, trail in session.execute(query)
    ]


def unified_account(session: Session) -> Account | None:
    """The active account of the city's new system (it files imported documents and registers dossiers)."""
    query = (
        select(Account)
        .join(Source, Source.id == Account.source_id)
        .where(Account.status == AccountStatus.ACTIVE, Source.kind == "unified")
        .order_by(Account.id)
    )
    return session.scalar(query)
