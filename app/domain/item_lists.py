"""What a list of items asks the cache for, and the rows it gets back: plain values, shared by
the window (which builds filters) and the cache's queries (which answer them)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from app.domain.workflow import CLOSED_DOCUMENT_STATES

_CLOSED_STATES = frozenset(state.value for state in CLOSED_DOCUMENT_STATES)


@dataclass(frozen=True)
class DocumentRow:
    id: int
    direction: str
    arrival_number: int | None
    arrival_date: date | None
    number: str | None
    notation: str | None
    issued_on: date | None
    issuing_agency_name: str
    subject: str
    urgency: str
    due_on: date | None
    state: str
    source_kind: str
    sync_state: str
    signature_verdict: str | None = None  # its files' worst (app.domain.signature_verdict.Verdict)
    copy_source_kinds: tuple[str, ...] = ()  # other systems the same document also came through

    @property
    def number_notation(self) -> str:
        return f"{self.number or '…'}/{self.notation}" if self.notation else self.number or ""

    def overdue_on(self, today: date) -> bool:
        """Past its due date and still open: what the "overdue" view lists."""
        return self.due_on is not None and self.due_on < today and self.state not in _CLOSED_STATES


@dataclass(frozen=True)
class DossierRow:
    id: int
    code: str
    procedure_name: str
    applicant_name: str
    channel: str
    received_at: datetime
    due_at: datetime
    finished_at: datetime | None
    state: int
    source_kind: str
    sync_state: str


@dataclass(frozen=True)
class FeedbackRow:
    """A 1022 report in a list."""

    id: int
    code: str
    category: str
    content: str
    address: str
    channel: str
    routed_at: datetime
    due_at: datetime
    finished_at: datetime | None
    assignee: str | None
    state: str
    source_kind: str
    sync_state: str


VIEWS = ("all", "new", "due_today", "due_soon", "overdue", "urgent", "waiting", "attention")


@dataclass(frozen=True)
class Narrowing:
    """What the user narrowed a list to: a system, a state, an urgency, an assignee, a deadline range."""

    source_kind: str | None = None  # "unified" or "legacy"
    state: str | None = None  # a document or report state, or a dossier state number as text
    urgency: str | None = None
    assignee: str | None = None  # part of the name, any case
    due_from: date | None = None
    due_to: date | None = None


@dataclass(frozen=True)
class SortOrder:
    """A list sorted by one of its columns (a key of DOCUMENT_SORTS, DOSSIER_SORTS or FEEDBACK_SORTS)."""

    key: str
    descending: bool = False


@dataclass(frozen=True)
class DocumentFilter:
    """Which documents a list shows: a direction, a view (due today, overdue …), search results."""

    direction: str | None = None
    ids: Sequence[int] | None = None
    view: str = "all"
    today: date | None = None  # the office's date, for due today and overdue
    narrowing: Narrowing = Narrowing()
    sort: SortOrder | None = None  # None: newest first


@dataclass(frozen=True)
class DossierFilter:
    ids: Sequence[int] | None = None
    view: str = "all"
    now: datetime | None = None  # aware; for due today and overdue
    soon_until: datetime | None = None  # aware; for due soon (app.domain.dossier_standing.due_soon_until)
    narrowing: Narrowing = Narrowing()
    sort: SortOrder | None = None  # None: most recently received first


@dataclass(frozen=True)
class FeedbackFilter:
    ids: Sequence[int] | None = None
    view: str = "all"  # "new": routed here, not yet taken (mới chuyển đến)
    now: datetime | None = None  # aware; for due today, due soon and overdue
    soon_until: datetime | None = None  # aware; for due soon (app.domain.feedback_deadline.due_soon_limit)
    narrowing: Narrowing = Narrowing()
    sort: SortOrder | None = None  # None: most recently routed first


EVERY_DOCUMENT = DocumentFilter()
EVERY_DOSSIER = DossierFilter()
EVERY_REPORT = FeedbackFilter()
