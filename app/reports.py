"""Read-only figures for the dashboard: a month of one-stop dossiers and documents by state.

The functions take the cache's ``sessionmaker`` (``workbench.cache.sessions``) and nothing else of
the Workbench, so any cache can be reported on. All month boundaries are Vietnam time (``VN_TZ``).

Rules of :func:`dossier_month_report` (one-stop reporting), for a month M and the current time ``now``:

* **Received**: dossiers whose receipt time falls in M (and not after ``now``), whatever their state, by channel.
* The report's moment ("as of") is ``now`` for the current month and the end of M for a past month.
  A dossier counts in the other figures if it was received by that moment; "finished by then" means
  its finish time is before the end of M and not after ``now``.
* **Finished early / on time / late**: processed or returned dossiers finished in M, graded by
  :func:`deadline_status` against ``due_at`` (early = on a date before the due date).
* **Paused**: dossiers stopped in M, and dossiers still waiting for a supplement or for fees.
* **In progress** within / past the deadline: every other dossier not finished by the report's moment,
  received in M or carried over, graded at that moment (due exactly then is still within).
* Dossiers not accepted are counted as received but have no outcome.
* **Carried over** (:func:`procedure_month_report` only): dossiers received before M that had not
  finished before it began and count in one of the outcomes above.

:func:`procedure_month_report` splits the same figures by procedure; its total is
:func:`dossier_month_report`'s figures (tests/integration/test_procedure_report.py compares them).

The cache keeps current states, not a state history, so for a past month a dossier that was open at
its end is paused if it is paused now; every other figure of a past month is exact.

Rules of :func:`feedback_month_report` (citizens' reports routed by 1022), with the same month, moment
and "finished by then" as dossiers (a report's finish is when its answer or its sending back reached
the service); :func:`feedback_counted_in` decides for one report:

* **Received**: reports routed to the unit in M (and not after ``now``); **carried over**: routed
  before M, not finished before it began, and counted in an outcome below.
* **Answered on time / late**: answered in M, graded against ``due_at`` (exactly at it is on time). A
  committed date from a progress note is a promise to the citizen, not a new deadline: an answer after
  ``due_at`` is late whatever date was committed.
* **Sent back** to 1022 (not the unit's competence) in M: counted apart, neither on time nor late.
* **Open in time / overdue**: not finished by the report's moment, graded at that moment.
* A state newer than this client: received, no outcome. Every figure is also given by category.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import NamedTuple, Protocol

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from app.domain.dossier_deadline import DeadlineStatus, deadline_status
from app.domain.workflow import FINISHED_DOSSIER_STATES, DossierState, FeedbackState, IncomingState, OutgoingState
from app.domain.working_calendar import VN_TZ, as_vn_time
from local_db.models import Document, Dossier, Feedback

# The outcomes in the order the dashboard shows them; each is a field of DossierMonthReport.
OUTCOMES = (
    "finished_early",
    "finished_on_time",
    "finished_late",
    "in_progress_in_time",
    "in_progress_overdue",
    "paused",
)
_FINISHED_GRADES = {
    DeadlineStatus.FINISHED_EARLY: "finished_early",
    DeadlineStatus.FINISHED_ON_TIME: "finished_on_time",
    DeadlineStatus.FINISHED_LATE: "finished_late",
}
_WAITING = {
    DossierState.SUPPLEMENT_REQUESTED: "paused_supplement",
    DossierState.FINANCIAL_OBLIGATION: "paused_financial",
}
# Every field a single dossier can count in besides "received".
_OUTCOME_FIELDS = (
    *_FINISHED_GRADES.values(),
    "in_progress_in_time",
    "in_progress_overdue",
    *_WAITING.values(),
    "paused_stopped",
)
_Times = tuple[int, datetime, datetime]  # state, due_at, finish time
DOCUMENT_WORKFLOWS = (("incoming", IncomingState), ("outgoing", OutgoingState))


@dataclass(frozen=True)
class DossierMonthReport:
    month: date  # the first day of the month
    as_of: datetime  # the moment the open-dossier figures describe, in VN_TZ
    received_online: int = 0
    received_in_person: int = 0
    received_post: int = 0
    received_total: int = 0  # also counts channels this client does not know
    finished_early: int = 0
    finished_on_time: int = 0
    finished_late: int = 0
    in_progress_in_time: int = 0
    in_progress_overdue: int = 0
    paused_supplement: int = 0
    paused_financial: int = 0
    paused_stopped: int = 0
    received_carried_over: int = 0  # by procedure_month_report only

    @property
    def received_with_carried_over(self) -> int:
        return self.received_total + self.received_carried_over

    @property
    def finished(self) -> int:
        return self.finished_early + self.finished_on_time + self.finished_late

    @property
    def in_progress(self) -> int:
        return self.in_progress_in_time + self.in_progress_overdue

    @property
    def paused(self) -> int:
        return self.paused_supplement + self.paused_financial + self.paused_stopped

    def outcome_counts(self) -> dict[str, int]:
        """The chart's figures, keyed and ordered as :data:`OUTCOMES`."""
        return {name: getattr(self, name) for name in OUTCOMES}


class DocumentStateCount(NamedTuple):
    direction: str  # "incoming" or "outgoing"
    state: str
    count: int


@dataclass(frozen=True)
class _Period:
    start: datetime
    end: datetime  # the first instant of the next month
    now: datetime

    @property
    def as_of(self) -> datetime:
        return min(self.now, self.end)

    def reached(self, moment: datetime) -> bool:
        """Whether ``moment`` is inside the month or before it, and not in the future."""
        return moment < self.end and moment <= self.now


def _period(month: date, now: datetime) -> _Period:
    start = datetime(month.year, month.month, 1, tzinfo=VN_TZ)
    end = datetime(month.year + month.month // 12, month.month % 12 + 1, 1, tzinfo=VN_TZ)
    now = as_vn_time(now, "current time")
    if start > now:
        raise ValueError(f"{month:%m/%Y} has not begun at {now.isoformat()}")
    return _Period(start, end, now)


def dossier_month_report(sessions: sessionmaker[Session], month: date, now: datetime) -> DossierMonthReport:
    """The one-stop figures of the month containing ``month`` (see the module docstring for the rules).

    ``now`` must be aware; a month that has not begun at ``now`` is a ValueError.
    """
    period = _period(month, now)
    with sessions() as session:
        received = _received_by_channel(session, period)
        rows = _candidate_dossiers(session, period)
    outcomes = Counter(outcome for row in rows if (outcome := _outcome(row, period)) is not None)
    return DossierMonthReport(
        month=period.start.date(),
        as_of=period.as_of,
        received_online=received.get("online", 0),
        received_in_person=received.get("in_person", 0),
        received_post=received.get("post", 0),
        received_total=sum(received.values()),
        **{name: outcomes[name] for name in _OUTCOME_FIELDS},
    )


def _received_by_channel(session: Session, period: _Period) -> dict[str, int]:
    query = (
        select(Dossier.channel, func.count())
        .where(Dossier.received_at >= period.start, Dossier.received_at < period.end, Dossier.received_at <= period.now)
        .group_by(Dossier.channel)
    )
    return {channel: count for channel, count in session.execute(query)}


def _candidate_dossiers(session: Session, period: _Period) -> list[_Times]:
    """Dossiers received by the month's end, less those that finished before it (most of the cache)."""
    finished_states = [int(state) for state in FINISHED_DOSSIER_STATES]
    query = select(Dossier.state, Dossier.due_at, _finish_time()).where(
        Dossier.received_at < period.end,
        Dossier.received_at <= period.now,
        Dossier.state.in_([int(state) for state in DossierState]),  # a status newer than this client: no outcome
        or_(Dossier.state.not_in(finished_states), _finish_time() >= period.start),
    )
    return [(state, due, finished) for state, due, finished in session.execute(query)]


def _finish_time() -> ColumnElement[datetime]:
    # The server sends finished_at with every final state; the last change stands in if a row lacks it.
    return func.coalesce(Dossier.finished_at, Dossier.updated_at)


def _outcome(row: _Times, period: _Period) -> str | None:
    """The report field a candidate dossier counts in, or None (finished before the month, refused)."""
    code, due, finished = row
    state = DossierState(code)
    if state in FINISHED_DOSSIER_STATES and period.reached(finished):
        return _finished_outcome(state, due, finished, period)
    if state in _WAITING:
        return _WAITING[state]
    if deadline_status(period.as_of, due) is DeadlineStatus.OVERDUE:
        return "in_progress_overdue"
    return "in_progress_in_time"


def _finished_outcome(state: DossierState, due: datetime, finished: datetime, period: _Period) -> str | None:
    if finished < period.start or state is DossierState.NOT_ACCEPTED:
        return None
    if state is DossierState.STOPPED:
        return "paused_stopped"
    return _FINISHED_GRADES[deadline_status(finished, due, finished)]  # processed or returned


# -- the same figures by procedure --------------------------------------------------------------

_COUNT_FIELDS = tuple(field.name for field in fields(DossierMonthReport) if field.name not in ("month", "as_of"))
_RECEIVED_FIELDS = {"online": "received_online", "in_person": "received_in_person", "post": "received_post"}
_KNOWN_STATES = frozenset(int(state) for state in DossierState)


@dataclass(frozen=True)
class ProcedureMonth:
    code: str
    name: str
    figures: DossierMonthReport  # this procedure's dossiers only


@dataclass(frozen=True)
class ProcedureMonthReport:
    month: date  # the first day of the month
    as_of: datetime
    procedures: list[ProcedureMonth]  # by code; those with at least one figure
    total: DossierMonthReport  # the figures of dossier_month_report, with the carried-over count


class _ProcedureRow(NamedTuple):
    code: str
    name: str
    channel: str
    received_at: datetime
    state: int
    due: datetime
    finished: datetime


def procedure_month_report(sessions: sessionmaker[Session], month: date, now: datetime) -> ProcedureMonthReport:
    """:func:`dossier_month_report`'s figures for each procedure, and dossiers carried over into the month."""
    period = _period(month, now)
    with sessions() as session:
        rows = _procedure_rows(session, period)
    counts: dict[str, Counter[str]] = {}
    names: dict[str, str] = {}
    for row in rows:
        counted = _counted_in(row, period)
        if counted:
            counts.setdefault(row.code, Counter()).update(counted)
            names.setdefault(row.code, row.name)  # the newest dossier's name: the catalogue may rename
    procedures = [ProcedureMonth(code, names[code], _figures(period, counts[code])) for code in sorted(counts)]
    return ProcedureMonthReport(
        period.start.date(), period.as_of, procedures, _figures(period, sum(counts.values(), Counter()))
    )


def _procedure_rows(session: Session, period: _Period) -> list[_ProcedureRow]:
    """Dossiers received in the month, and earlier ones that had not finished before it (newest first)."""
    finished_states = [int(state) for state in FINISHED_DOSSIER_STATES]
    query = (
        select(Dossier.procedure_code, Dossier.procedure_name, Dossier.channel, Dossier.received_at, Dossier.state,
               Dossier.due_at, _finish_time())
        .where(
            Dossier.received_at < period.end,
            Dossier.received_at <= period.now,
            or_(Dossier.received_at >= period.start, Dossier.state.not_in(finished_states),
                _finish_time() >= period.start),
        )
        .order_by(Dossier.received_at.desc(), Dossier.id.desc())
    )  # fmt: skip
    return [_ProcedureRow(*row) for row in session.execute(query)]


def _counted_in(row: _ProcedureRow, period: _Period) -> list[str]:
    """The report fields one dossier counts in: received (or carried over), and its outcome."""
    known = row.state in _KNOWN_STATES  # a status newer than this client: received, no outcome
    outcome = _outcome((row.state, row.due, row.finished), period) if known else None
    counted = [] if outcome is None else [outcome]
    if row.received_at >= period.start:
        counted += ["received_total", *([_RECEIVED_FIELDS[row.channel]] if row.channel in _RECEIVED_FIELDS else [])]
    elif outcome is not None:
        counted.append("received_carried_over")
    return counted


def _figures(period: _Period, counts: Counter[str]) -> DossierMonthReport:
    return DossierMonthReport(
        month=period.start.date(), as_of=period.as_of, **{name: counts[name] for name in _COUNT_FIELDS}
    )


def documents_by_state(sessions: sessionmaker[Session]) -> list[DocumentStateCount]:
    """Documents per direction and state: every state of both workflows in workflow order (zeros
    included, so charts keep their shape), then states this client does not know. Copies of a
    document from another system (the unified queue's duplicates) are not counted twice."""
    query = (
        select(Document.direction, Document.state, func.count())
        .where(Document.duplicate_of.is_(None))
        .group_by(Document.direction, Document.state)
    )
    with sessions() as session:
        counted = {(direction, state): count for direction, state, count in session.execute(query)}
    known = [(direction, str(state)) for direction, states in DOCUMENT_WORKFLOWS for state in states]
    rows = [DocumentStateCount(direction, state, counted.pop((direction, state), 0)) for direction, state in known]
    return rows + [DocumentStateCount(d, s, count) for (d, s), count in sorted(counted.items())]


# -- citizens' reports routed by 1022 -----------------------------------------------------------

# The outcomes in the order the dashboard and the monthly report show them; each a field of FeedbackFigures.
FEEDBACK_OUTCOMES = ("answered_on_time", "answered_late", "open_in_time", "open_overdue", "sent_back")
_FINISHED_FEEDBACK = frozenset({FeedbackState.ANSWERED, FeedbackState.SENT_BACK})


@dataclass(frozen=True)
class FeedbackFigures:
    received: int = 0  # routed to the unit in the month
    carried_over: int = 0  # routed before it, counted in an outcome of the month
    answered_on_time: int = 0
    answered_late: int = 0
    open_in_time: int = 0
    open_overdue: int = 0
    sent_back: int = 0  # to 1022, as not the unit's competence

    @property
    def received_with_carried_over(self) -> int:
        return self.received + self.carried_over

    @property
    def answered(self) -> int:
        return self.answered_on_time + self.answered_late

    @property
    def in_progress(self) -> int:
        return self.open_in_time + self.open_overdue

    def outcome_counts(self) -> dict[str, int]:
        """The chart's figures, keyed and ordered as :data:`FEEDBACK_OUTCOMES`."""
        return {name: getattr(self, name) for name in FEEDBACK_OUTCOMES}


@dataclass(frozen=True)
class FeedbackCategoryMonth:
    category: str
    figures: FeedbackFigures  # this category's reports only


@dataclass(frozen=True)
class FeedbackMonthReport:
    month: date  # the first day of the month
    as_of: datetime
    categories: list[FeedbackCategoryMonth]  # those with a figure; the most reports first, then by name
    total: FeedbackFigures


class FeedbackTimes(Protocol):
    """What the counting rule reads of a report: a cache row, or a unit test's stand-in."""

    @property
    def category(self) -> str: ...
    @property
    def state(self) -> str: ...
    @property
    def routed_at(self) -> datetime: ...
    @property
    def due_at(self) -> datetime: ...
    @property
    def finished_at(self) -> datetime | None: ...


class _FeedbackRow(NamedTuple):
    category: str
    state: str
    routed_at: datetime
    due_at: datetime
    finished_at: datetime | None


def feedback_month_report(sessions: sessionmaker[Session], month: date, now: datetime) -> FeedbackMonthReport:
    """The 1022 figures of the month containing ``month``, in total and by category (rules: the module
    docstring); ``now`` must be aware, and a month that has not begun at ``now`` is a ValueError."""
    period = _period(month, now)
    finished_states = [state.value for state in _FINISHED_FEEDBACK]
    query = select(Feedback.category, Feedback.state, Feedback.routed_at, Feedback.due_at, Feedback.finished_at).where(
        Feedback.routed_at < period.end,
        Feedback.routed_at <= period.now,
        or_(Feedback.routed_at >= period.start, Feedback.state.not_in(finished_states),
            Feedback.finished_at.is_(None), Feedback.finished_at >= period.start),
    )  # fmt: skip
    with sessions() as session:
        rows = [_FeedbackRow(*row) for row in session.execute(query)]
    return tally_feedback(rows, month, now)


def tally_feedback(reports: Iterable[FeedbackTimes], month: date, now: datetime) -> FeedbackMonthReport:
    """The counting rule, pure: where each of ``reports`` counts in the month of ``month`` at ``now``."""
    period = _period(month, now)
    counts: dict[str, Counter[str]] = {}
    for report in reports:
        counted = _feedback_counted_in(report, period)
        if counted:
            counts.setdefault(report.category, Counter()).update(counted)
    categories = [FeedbackCategoryMonth(name, _feedback_figures(counted)) for name, counted in counts.items()]
    categories.sort(key=lambda item: (-item.figures.received_with_carried_over, item.category))
    total = _feedback_figures(sum(counts.values(), Counter()))
    return FeedbackMonthReport(period.start.date(), period.as_of, categories, total)


def _feedback_counted_in(report: FeedbackTimes, period: _Period) -> list[str]:
    """The fields one report counts in: received (or carried over), and its outcome."""
    if not period.reached(report.routed_at):  # routed after the month, or not yet
        return []
    outcome = _feedback_outcome(report, period)
    counted = [] if outcome is None else [outcome]
    if report.routed_at >= period.start:
        counted.append("received")
    elif outcome is not None:
        counted.append("carried_over")
    return counted


def _feedback_outcome(report: FeedbackTimes, period: _Period) -> str | None:
    """The outcome a report routed by the period's moment counts in, or None (finished before the month,
    or a state newer than this client)."""
    try:
        state = FeedbackState(report.state)
    except ValueError:
        return None
    if state in _FINISHED_FEEDBACK:
        # An answer still in the outbox reaches 1022 when it syncs (the service then sets finished_at): not before now.
        finished = report.finished_at or period.now
        if finished < period.start:
            return None
        if period.reached(finished):
            if state is FeedbackState.SENT_BACK:
                return "sent_back"
            # As feedback_standing grades it. A committed date (committed_on) is a promise to the citizen, not a
            # new deadline: the legal one stays due_at, so an answer after it is late whatever was committed.
            return "answered_late" if finished > report.due_at else "answered_on_time"
    return "open_overdue" if period.as_of > report.due_at else "open_in_time"


_FEEDBACK_FIELDS = tuple(field.name for field in fields(FeedbackFigures))


def _feedback_figures(counts: Counter[str]) -> FeedbackFigures:
    return FeedbackFigures(**{name: counts[name] for name in _FEEDBACK_FIELDS})
