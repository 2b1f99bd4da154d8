"""Legal deadlines of administrative-procedure dossiers, counted in working time (pure Python).

Conventions:

* A statutory time in working days is counted as that many working days' worth of working time
  (``amount × calendar.hours_per_day``, 8 hours with the default office hours), walked through the
  working periods; so a dossier received Monday 09:00 with 3 working days is due Thursday 09:00.
* The clock starts at the receipt time when that instant is inside a working period of a working
  day. Otherwise (lunch break, evening, night, weekend, holiday — online submissions arrive at any
  time) it starts at the start of the next working period. If the procedure has an afternoon
  cut-off and the dossier is received on a working day strictly after it, the clock starts at the
  start of the next working day. The cut-off is a Vietnam wall-clock time; receipt exactly at the
  cut-off counts for the same day.
* When the working time runs out exactly at the end of a period, the due time is that end (e.g.
  Tuesday 17:00), never the start of the next period (not Wednesday 07:30).
* All datetimes must be time zone aware; they are converted to Vietnam time (``VN_TZ``) and the
  results are aware datetimes in ``VN_TZ``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum
from typing import Any, Literal, get_args

from app.domain.errors import DomainError, tr_noop
from app.domain.working_calendar import WorkingCalendar, as_vn_time

LONGEST_PROMISE_DAYS = 400  # a due time further away is a mistake, not a procedure

TimeUnit = Literal["days", "hours"]
_UNITS: tuple[str, ...] = get_args(TimeUnit)


@dataclass(frozen=True)
class StatutoryTime:
    """The time the law gives for a procedure: ``amount`` working days or working hours."""

    amount: int
    unit: TimeUnit = "days"

    def __post_init__(self) -> None:
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise DomainError(
                "deadline.bad_amount",
                tr_noop("The statutory time must be a whole number, got {amount!r}."),
                amount=self.amount,
            )
        if self.amount <= 0:
            raise DomainError(
                "deadline.bad_amount",
                tr_noop("The statutory time must be positive, got {amount}."),
                amount=self.amount,
            )
        if self.unit not in _UNITS:
            raise DomainError(
                "deadline.bad_unit",
                tr_noop('Unknown unit of statutory time {unit!r}; expected "days" or "hours".'),
                unit=self.unit,
            )

    def working_time(self, hours_per_day: timedelta) -> timedelta:
        """The statutory time as working time (a day is ``hours_per_day`` of working time)."""
        if self.unit == "days":
            return hours_per_day * self.amount
        return timedelta(hours=self.amount)


class DeadlineStatus(StrEnum):
    IN_TIME = "in_time"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"
    FINISHED_EARLY = "finished_early"
    FINISHED_ON_TIME = "finished_on_time"
    FINISHED_LATE = "finished_late"


def clock_start(received_at: datetime, calendar: WorkingCalendar, cutoff: time | None = None) -> datetime:
    """The instant the statutory clock starts for a dossier received at ``received_at``.

    See the module docstring for the rules (working period, next period, afternoon cut-off).
    """
    received = as_vn_time(received_at, "receipt time")
    if cutoff is not None and (not isinstance(cutoff, time) or cutoff.tzinfo is not None):
        raise DomainError(
            "deadline.bad_cutoff",
            tr_noop("The cut-off must be a Vietnam wall-clock time without a time zone, got {cutoff!r}."),
            cutoff=cutoff,
        )
    day = received.date()
    before_cutoff = cutoff is None or received.time() <= cutoff
    if before_cutoff and calendar.is_working_day(day):
        for start, end in calendar.working_periods_on(day):
            if received < start:
                return start
            if received < end:
                return received
    next_day = calendar.next_working_day(day)
    return calendar.working_periods_on(next_day)[0][0]


def due_at(
    received_at: datetime,
    statutory: StatutoryTime,
    calendar: WorkingCalendar,
    cutoff: time | None = None,
) -> datetime:
    """The legal due time of a dossier, as an aware datetime in VN_TZ.

    The clock starts as described by :func:`clock_start`; then ``statutory`` working time
    (days × ``calendar.hours_per_day``, or hours) is walked forward through the working periods.
    If the time runs out exactly at the end of a period, that end is the due time (received after
    the cut-off on Monday with 1 working day → counted from Tuesday 07:30 → due Tuesday 17:00, not
    Wednesday 07:30).
    """
    if not isinstance(statutory, StatutoryTime):
        raise DomainError(
            "deadline.bad_statutory_time",
            tr_noop("Expected a statutory time, got {value!r}."),
            value=statutory,
        )
    position = clock_start(received_at, calendar, cutoff)
    return add_working_time(position, statutory.working_time(calendar.hours_per_day), calendar)


def due_after_supplement(
    clock: str,
    supplied_at: datetime,
    requested_at: datetime,
    due: datetime,
    statutory: StatutoryTime,
    calendar: WorkingCalendar,
    cutoff: time | None = None,
) -> datetime:
    """The new due time once a requested supplement makes the dossier complete at ``supplied_at``.

    ``restart`` (the default of Decree 118 as read here): the whole statutory time counts again from
    the complete dossier, with the same rules as a receipt (cut-off, next working period).
    ``resume``: the working time that was left when the supplement was requested (at
    ``requested_at``, against ``due``) counts on from the complete dossier; a dossier already
    late when the supplement was requested is due as soon as its clock starts again.
    """
    if clock == "restart":
        return due_at(supplied_at, statutory, calendar, cutoff)
    if clock != "resume":
        raise DomainError(
            "deadline.bad_clock", tr_noop('The supplement clock must be "restart" or "resume", got {clock!r}.'),
            clock=clock,
        )  # fmt: skip
    left = remaining_working_time(requested_at, due, calendar)
    start = clock_start(supplied_at, calendar, cutoff)
    if left <= timedelta(0):
        return start
    return add_working_time(start, left, calendar)


def add_working_time(position: datetime, remaining: timedelta, calendar: WorkingCalendar) -> datetime:
    """``remaining`` working time forward from ``position`` (inside a working period, or at the start
    of one: see clock_start) through the working periods; when it runs out exactly at the end of a
    period, that end."""
    day = position.date()
    while True:
        for start, end in calendar.working_periods_on(day):
            if end <= position:
                continue
            begin = max(start, position)
            available = end - begin
            if remaining <= available:
                return begin + remaining
            remaining -= available
        day = calendar.next_working_day(day)


def remaining_working_time(now: datetime, due: datetime, calendar: WorkingCalendar) -> timedelta:
    """Working time left from ``now`` until ``due``.

    Negative when overdue: then it is minus the working time elapsed since the due time.
    """
    now = as_vn_time(now, "current time")
    due = as_vn_time(due, "due time")
    return calendar.working_time_between(now, due)


def deadline_status(now: datetime, due: datetime, finished_at: datetime | None = None) -> DeadlineStatus:
    """Where a dossier stands against its due time (dates are Vietnam dates).

    Unfinished: OVERDUE once ``now`` is past ``due``; DUE_TODAY when due on today's date and not
    yet past (``now == due`` is still DUE_TODAY); IN_TIME otherwise.
    Finished: FINISHED_EARLY on a date before the due date; FINISHED_ON_TIME on the due date at or
    before the due time; FINISHED_LATE after the due time.
    """
    now = as_vn_time(now, "current time")
    due = as_vn_time(due, "due time")
    if finished_at is not None:
        finished = as_vn_time(finished_at, "finish time")
        if finished.date() < due.date():
            return DeadlineStatus.FINISHED_EARLY
        if finished <= due:
            return DeadlineStatus.FINISHED_ON_TIME
        return DeadlineStatus.FINISHED_LATE
    if now > due:
        return DeadlineStatus.OVERDUE
    if now.date() == due.date():
        return DeadlineStatus.DUE_TODAY
    return DeadlineStatus.IN_TIME


def recounted_due(
    stored: Any, clock: str, supplied_at: datetime, calendar: WorkingCalendar, requested_at: datetime | None = None
) -> datetime:
    """due_after_supplement for a dossier as the service and the desk store it (``due_at``, ``history``,
    ``statutory_amount``, ``statutory_unit``, ``cutoff`` as "HH:MM"); ``requested_at`` defaults to the
    last request in its history."""
    requested = requested_at or supplement_requested_at(stored.history) or supplied_at
    cutoff = time.fromisoformat(stored.cutoff) if stored.cutoff else None
    statutory = StatutoryTime(stored.statutory_amount, stored.statutory_unit)
    return due_after_supplement(clock, supplied_at, requested, stored.due_at, statutory, calendar, cutoff)


def supplement_requested_at(history: list[dict[str, Any]]) -> datetime | None:
    """When the last supplement was requested, from a dossier's history (None: never)."""
    for entry in reversed(history):
        if entry.get("action") == "request_supplement":
            try:
                return datetime.fromisoformat(str(entry.get("at")))
            except ValueError:
                return None
    return None


def new_appointment(
    payload: Mapping[str, Any], due: datetime, received_at: datetime, now: datetime | None = None
) -> datetime:
    """The later return time an apology (Mẫu 04) promises: after the statutory due time, which the
    dossier keeps beside it (reports still count the dossier late), or after the last appointment
    (pass the later of the two as ``due``), after ``now`` when the official sets it, and within reason."""
    try:
        promised = datetime.fromisoformat(str(payload.get("new_due")))
    except ValueError:
        raise _appointment_error(tr_noop("The new appointment is not a date and time.")) from None
    if promised.tzinfo is None:
        raise _appointment_error(tr_noop("The new appointment is not a date and time."))
    if promised <= due:
        raise _appointment_error(tr_noop("The new appointment must be after the statutory due time."))
    if now is not None and promised <= now:
        raise _appointment_error(tr_noop("The new appointment must be in the future."))
    if (promised - received_at).days >= LONGEST_PROMISE_DAYS:
        raise _appointment_error(tr_noop("The new appointment is more than {days} days after receipt."),
                                 days=LONGEST_PROMISE_DAYS)  # fmt: skip
    return promised


def _appointment_error(message: str, **params: Any) -> DomainError:
    return DomainError("apology.bad_appointment", message, **params)
