"""The rule that counts a month of 1022 reports (app.reports.tally_feedback), on stand-in reports: the
boundaries of on time and late, of the month in Vietnam time, sent back apart, and the committed date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest

from app.domain.feedback_deadline import DEFAULT_FEEDBACK_RULE, FeedbackStanding, feedback_standing
from app.domain.working_calendar import VN_TZ, WorkingCalendar
from app.reports import FeedbackFigures, tally_feedback

NOVEMBER, OCTOBER = date(2026, 11, 1), date(2026, 10, 1)
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=VN_TZ)  # Wednesday
DUE = datetime(2026, 11, 20, 17, 0, tzinfo=VN_TZ)


def vn(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=VN_TZ)


ROUTED = vn(11, 13)


@dataclass(frozen=True)
class Report:
    """A stand-in for a cache row: only what the rule reads, and a committed date it must ignore."""

    state: str
    routed_at: datetime = ROUTED
    due_at: datetime = DUE
    finished_at: datetime | None = None
    category: str = "Giao thông"
    committed_on: date | None = None


def total(*reports: Report, month: date = NOVEMBER, now: datetime = NOW) -> FeedbackFigures:
    return tally_feedback(reports, month, now).total


def test_an_answer_exactly_at_the_due_time_is_on_time_a_minute_after_is_late() -> None:
    assert total(Report("answered", finished_at=DUE)) == FeedbackFigures(received=1, answered_on_time=1)
    late = Report("answered", finished_at=DUE + timedelta(minutes=1))
    assert total(late) == FeedbackFigures(received=1, answered_late=1)


def test_a_committed_date_does_not_make_a_late_answer_on_time() -> None:
    """The committed date of a progress note is a promise to the citizen; the legal due time stays."""
    kept_promise = Report("answered", finished_at=vn(11, 23, 10), committed_on=date(2026, 11, 24))
    assert total(kept_promise) == FeedbackFigures(received=1, answered_late=1)
    still_open = Report("assigned", committed_on=date(2026, 11, 30))  # past due, a date promised: still overdue
    assert total(still_open) == FeedbackFigures(received=1, open_overdue=1)


def test_a_report_routed_late_on_the_last_day_counts_in_that_month() -> None:
    """23:30 on 31/10 in Vietnam is 16:30 UTC on the same day; 00:00 on 01/11 is 17:00 UTC on 31/10."""
    last_evening = Report("routed", routed_at=datetime(2026, 10, 31, 16, 30, tzinfo=UTC), due_at=vn(11, 6, 17))
    first_instant = Report("routed", routed_at=vn(11, 1, 0), due_at=vn(11, 6, 17))
    assert last_evening.routed_at == vn(10, 31, 23, 30)
    october = tally_feedback([last_evening, first_instant], OCTOBER, NOW).total
    assert october == FeedbackFigures(received=1, open_in_time=1)  # at October's end, due in November
    november = tally_feedback([last_evening, first_instant], NOVEMBER, NOW).total
    assert november == FeedbackFigures(received=1, carried_over=1, open_overdue=2)


def test_a_report_sent_back_counts_apart() -> None:
    sent_back = Report("sent_back", finished_at=vn(11, 13, 10))
    assert total(sent_back) == FeedbackFigures(received=1, sent_back=1)
    late_sent_back = Report("sent_back", finished_at=DUE + timedelta(days=2))  # neither late nor overdue
    assert total(late_sent_back) == FeedbackFigures(received=1, sent_back=1)


def test_open_reports_are_graded_at_the_moment_of_the_report() -> None:
    due_now = Report("answer_drafted", due_at=NOW)
    assert total(due_now) == FeedbackFigures(received=1, open_in_time=1)  # due exactly now: not yet overdue
    assert total(Report("accepted", due_at=NOW - timedelta(minutes=1))) == FeedbackFigures(received=1, open_overdue=1)
    # October, read in November: graded at October's end; answered since, it was open then
    answered_since = Report("answered", routed_at=vn(10, 28), due_at=vn(11, 4, 17), finished_at=vn(11, 2))
    assert total(answered_since, month=OCTOBER) == FeedbackFigures(received=1, open_in_time=1)
    assert total(answered_since) == FeedbackFigures(carried_over=1, answered_on_time=1)


def test_reports_finished_before_the_month_and_not_yet_routed_are_not_counted() -> None:
    finished_in_october = Report("answered", routed_at=vn(10, 5), due_at=vn(10, 12, 17), finished_at=vn(10, 9))
    routed_later_today = Report("routed", routed_at=NOW + timedelta(hours=1), due_at=vn(12, 2, 17))
    assert total(finished_in_october, routed_later_today) == FeedbackFigures()


def test_an_answer_waiting_in_the_outbox_leaves_when_it_syncs() -> None:
    """Answered here, not yet synced (no finish time): it can reach 1022 at the earliest now."""
    waiting = Report("answered", routed_at=vn(10, 28), due_at=vn(11, 4, 17))
    assert total(waiting) == FeedbackFigures(carried_over=1, answered_late=1)
    assert total(waiting, month=OCTOBER) == FeedbackFigures(received=1, open_in_time=1)


def test_a_state_newer_than_this_client_is_received_without_outcome() -> None:
    assert total(Report("escalated")) == FeedbackFigures(received=1)
    assert total(Report("escalated", routed_at=vn(10, 20))) == FeedbackFigures()


def test_figures_by_category_the_busiest_first_and_summing_to_the_total() -> None:
    reports = [
        Report("answered", finished_at=vn(11, 14), category="Vệ sinh môi trường"),
        Report("routed", category="Trật tự đô thị", due_at=vn(11, 30, 17)),
        Report("sent_back", finished_at=vn(11, 14), category="Vệ sinh môi trường"),
        Report("answered", routed_at=vn(10, 30), finished_at=vn(11, 3), due_at=vn(11, 6, 17), category="Y tế"),
    ]
    report = tally_feedback(reports, NOVEMBER, NOW)
    assert report.month == NOVEMBER and report.as_of == NOW
    assert [(item.category, item.figures) for item in report.categories] == [
        ("Vệ sinh môi trường", FeedbackFigures(received=2, answered_on_time=1, sent_back=1)),
        ("Trật tự đô thị", FeedbackFigures(received=1, open_in_time=1)),
        ("Y tế", FeedbackFigures(carried_over=1, answered_on_time=1)),
    ]
    assert report.total == FeedbackFigures(received=3, carried_over=1, answered_on_time=2, open_in_time=1, sent_back=1)
    assert report.total.received_with_carried_over == report.total.answered + report.total.in_progress + 1


def test_a_past_month_ends_at_its_end_and_a_future_one_is_refused() -> None:
    assert tally_feedback([], OCTOBER, NOW).as_of == vn(11, 1, 0)
    with pytest.raises(ValueError, match="12/2026"):
        tally_feedback([], date(2026, 12, 1), NOW)


@pytest.mark.parametrize("shift", [timedelta(0), timedelta(minutes=1), -timedelta(minutes=1), timedelta(days=3)])
def test_on_time_late_and_overdue_as_feedback_standing_grades_them(shift: timedelta) -> None:
    """One definition: the month's grades are those of app.domain.feedback_deadline."""
    calendar = WorkingCalendar()
    answered = feedback_standing(NOW, DUE, DEFAULT_FEEDBACK_RULE, calendar, DUE + shift)
    counted = total(Report("answered", finished_at=DUE + shift)).outcome_counts()
    assert counted["answered_late"] == (answered is FeedbackStanding.ANSWERED_LATE)
    now = DUE + shift  # the open report read then
    open_standing = feedback_standing(now, DUE, DEFAULT_FEEDBACK_RULE, calendar)
    counted = total(Report("assigned"), now=now).outcome_counts()
    assert counted["open_overdue"] == (open_standing is FeedbackStanding.OVERDUE)
