"""Answer deadlines of citizens' reports routed by the 1022 system (pure Python, no I/O).

The city's regulation (Decision 1478/QĐ-UBND of 2020, *unconfirmed* after the merger) is reported
to give the competent unit 5 days to answer, without saying working or calendar days. Both numbers
are therefore a :class:`FeedbackRule`, never constants in the code: the service that routes reports
(the stand-in for 1022) counts each report's due time with its configured rule and sends the rule
it used with the report, so the desk shows and checks the same due time.

Conventions:

* ``working`` days count as dossiers do (app.domain.dossier_deadline): ``answer_days`` working days
  of working time from the routing instant, or from the start of the next working period when the
  report arrives out of office hours, walked through the working periods, so holidays and weekends
  do not count.
* ``calendar`` days follow the Civil Code (2015, Art. 147–148): the day of routing is not counted;
  the period ends on day ``routed + answer_days``; when that day is a day off (weekend, holiday,
  extra day off) it ends on the next working day. The due time is the close of office that day
  (the end of its last working period), never 24:00: an answer is sent in office hours.
* "Due soon" (the view *đến hạn*): not answered, not yet overdue, and due no later than the close
  of office of the ``due_soon_days``-th working day after today (0: due today).
* All datetimes are time zone aware; results are in Vietnam time (``VN_TZ``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, Literal, get_args

from app.domain.dossier_deadline import StatutoryTime, due_at
from app.domain.errors import DomainError, tr_noop
from app.domain.working_calendar import WorkingCalendar, as_vn_time

DayKind = Literal["working", "calendar"]
DAY_KINDS: tuple[str, ...] = get_args(DayKind)
LONGEST_ANSWER_DAYS = 90  # a rule beyond this is a typing slip, not a regulation
LONGEST_COMMITMENT_DAYS = 400  # a committed date further away is a mistake, not a promise


@dataclass(frozen=True)
class FeedbackRule:
    """How long a unit has to answer a routed report (the reported, *unconfirmed*, 5 working days by
    default), and how early the desk lists it as due soon."""

    answer_days: int = 5
    day_kind: DayKind = "working"
    due_soon_days: int = 1

    def __post_init__(self) -> None:
        if type(self.answer_days) is not int or not 1 <= self.answer_days <= LONGEST_ANSWER_DAYS:
            raise DomainError(
                "feedback_rule.bad_days",
                tr_noop("The answer time of a report must be a whole number of days from 1 to {most}, got {days!r}."),
                most=LONGEST_ANSWER_DAYS,
                days=self.answer_days,
            )
        if self.day_kind not in DAY_KINDS:
            raise DomainError(
                "feedback_rule.bad_day_kind",
                tr_noop('The answer time of a report counts "working" or "calendar" days, got {kind!r}.'),
                kind=self.day_kind,
            )
        if type(self.due_soon_days) is not int or not 0 <= self.due_soon_days <= LONGEST_ANSWER_DAYS:
            raise DomainError(
                "feedback_rule.bad_due_soon",
                tr_noop("The days before a report's due time it is listed as due must be 0 to {most}, got {days!r}."),
                most=LONGEST_ANSWER_DAYS,
                days=self.due_soon_days,
            )


DEFAULT_FEEDBACK_RULE = FeedbackRule()


class FeedbackStanding(StrEnum):
    IN_TIME = "in_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    ANSWERED_ON_TIME = "answered_on_time"
    ANSWERED_LATE = "answered_late"


def close_of_office(day: date, calendar: WorkingCalendar) -> datetime:
    """The end of the last working period of ``day``, a working day."""
    return calendar.working_periods_on(day)[-1][1]


def answer_due_at(routed_at: datetime, rule: FeedbackRule, calendar: WorkingCalendar) -> datetime:
    """The time by which the unit must answer a report routed to it at ``routed_at``."""
    routed = as_vn_time(routed_at, "routing time")
    if rule.day_kind == "working":
        return due_at(routed, StatutoryTime(rule.answer_days, "days"), calendar)
    last_day = calendar.working_day_on_or_after(routed.date() + timedelta(days=rule.answer_days))
    return close_of_office(last_day, calendar)


def due_soon_limit(now: datetime, rule: FeedbackRule, calendar: WorkingCalendar) -> datetime:
    """Reports not answered and due at or before this instant (and not yet overdue) are due soon."""
    today = as_vn_time(now, "current time").date()
    day = calendar.add_working_days(calendar.working_day_on_or_after(today), rule.due_soon_days)
    return close_of_office(day, calendar)


def feedback_standing(
    now: datetime,
    due: datetime,
    rule: FeedbackRule,
    calendar: WorkingCalendar,
    answered_at: datetime | None = None,
) -> FeedbackStanding:
    """Where a report stands against its due time; ``answered_at``: when its answer went back to 1022."""
    due = as_vn_time(due, "due time")
    if answered_at is not None:
        late = as_vn_time(answered_at, "answer time") > due
        return FeedbackStanding.ANSWERED_LATE if late else FeedbackStanding.ANSWERED_ON_TIME
    if as_vn_time(now, "current time") > due:
        return FeedbackStanding.OVERDUE
    if due <= due_soon_limit(now, rule, calendar):
        return FeedbackStanding.DUE_SOON
    return FeedbackStanding.IN_TIME


def committed_date(payload: dict[str, Any], due: datetime, now: datetime) -> date | None:
    """The date a progress note commits the answer for (``committed_on``, ISO), checked: a report
    already past its due time must have one, and it is never in the past. None: none given (in time)."""
    now_vn, due_vn = as_vn_time(now, "current time"), as_vn_time(due, "due time")
    text = payload.get("committed_on")
    if text is None or (isinstance(text, str) and not text.strip()):
        if now_vn > due_vn:
            raise DomainError(
                "feedback.commitment_needed",
                tr_noop("This report is past its due time: the progress note needs a committed answer date."),
            )
        return None
    try:
        committed = date.fromisoformat(str(text))
    except ValueError:
        raise DomainError("feedback.bad_commitment", tr_noop("The committed date is not a date.")) from None
    if committed < now_vn.date():
        raise DomainError("feedback.bad_commitment", tr_noop("The committed date must not be in the past."))
    if (committed - now_vn.date()).days > LONGEST_COMMITMENT_DAYS:
        raise DomainError(
            "feedback.bad_commitment",
            tr_noop("The committed date is more than {days} days away."),
            days=LONGEST_COMMITMENT_DAYS,
        )
    return committed
