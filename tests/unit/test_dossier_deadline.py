"""Dossier due times in working time (office hours 07:30–11:30 and 13:00–17:00, 8 h a day).

2026 days used (holidays 0.109, VN): Tết 16–20/02 (Mon–Fri); 30/04 (Thu); 01/05 (Fri);
Hùng Kings observed 27/04 (Mon); 31/08 (Mon, swapped with make-up Sat 22/08); 01/09 (Tue); 02/09 (Wed).
March 2026: Fri 6, Sat 7, Sun 8, Mon 9 … Thu 12, Fri 13.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from app.domain.dossier_deadline import (
    DeadlineStatus,
    StatutoryTime,
    clock_start,
    deadline_status,
    due_after_supplement,
    due_at,
    remaining_working_time,
    supplement_requested_at,
)
from app.domain.errors import DomainError
from app.domain.working_calendar import MAX_SEARCH_DAYS, VN_TZ, WorkingCalendar

CUTOFF = time(15, 0)


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar()


def vn(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=VN_TZ)


def days(n: int) -> StatutoryTime:
    return StatutoryTime(n, "days")


def hours(n: int) -> StatutoryTime:
    return StatutoryTime(n, "hours")


# -- statutory time -------------------------------------------------------------------------------


def test_statutory_time_as_working_time():
    assert days(3).working_time(timedelta(hours=8)) == timedelta(hours=24)
    assert hours(4).working_time(timedelta(hours=8)) == timedelta(hours=4)
    assert StatutoryTime(2).unit == "days"


@pytest.mark.parametrize(
    ("amount", "unit", "code"),
    [
        (0, "days", "deadline.bad_amount"),
        (-3, "days", "deadline.bad_amount"),
        (0, "hours", "deadline.bad_amount"),
        (1.5, "days", "deadline.bad_amount"),
        (True, "days", "deadline.bad_amount"),
        ("3", "days", "deadline.bad_amount"),
        (3, "weeks", "deadline.bad_unit"),
        (3, "Days", "deadline.bad_unit"),
    ],
)
def test_statutory_time_refuses_bad_values(amount, unit, code):
    with pytest.raises(DomainError) as err:
        StatutoryTime(amount, unit)
    assert err.value.code == code


def test_bad_amount_message():
    with pytest.raises(DomainError) as err:
        StatutoryTime(0, "days")
    assert err.value.english() == "The statutory time must be positive, got 0."
    assert err.value.params == {"amount": 0}


# -- clock start ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "cutoff", "expected"),
    [
        (vn(2026, 3, 9, 9, 0), None, vn(2026, 3, 9, 9, 0)),  # inside the morning
        (vn(2026, 3, 9, 7, 30), None, vn(2026, 3, 9, 7, 30)),  # exactly at opening
        (vn(2026, 3, 9, 6, 0), None, vn(2026, 3, 9, 7, 30)),  # early morning
        (vn(2026, 3, 9, 11, 30), None, vn(2026, 3, 9, 13, 0)),  # end of morning
        (vn(2026, 3, 9, 12, 15), None, vn(2026, 3, 9, 13, 0)),  # lunch
        (vn(2026, 3, 9, 17, 0), None, vn(2026, 3, 10, 7, 30)),  # closing time
        (vn(2026, 3, 9, 17, 30), None, vn(2026, 3, 10, 7, 30)),  # evening
        (vn(2026, 3, 7, 9, 0), None, vn(2026, 3, 9, 7, 30)),  # Saturday
        (vn(2026, 2, 17, 10, 0), None, vn(2026, 2, 23, 7, 30)),  # Tết
        (vn(2026, 3, 9, 15, 0), CUTOFF, vn(2026, 3, 9, 15, 0)),  # exactly at cut-off: same day
        (vn(2026, 3, 9, 15, 1), CUTOFF, vn(2026, 3, 10, 7, 30)),  # after cut-off
        (vn(2026, 3, 6, 15, 30), CUTOFF, vn(2026, 3, 9, 7, 30)),  # Friday after cut-off
        (vn(2026, 3, 7, 16, 0), CUTOFF, vn(2026, 3, 9, 7, 30)),  # Saturday, cut-off irrelevant
        (vn(2026, 3, 9, 10, 0), CUTOFF, vn(2026, 3, 9, 10, 0)),  # before cut-off
    ],
)
def test_clock_start(cal, received, cutoff, expected):
    assert clock_start(received, cal, cutoff) == expected


# -- due_at: plain weeks --------------------------------------------------------------------------


def test_three_days_from_monday_morning(cal):
    assert due_at(vn(2026, 3, 9, 9, 0), days(3), cal) == vn(2026, 3, 12, 9, 0)


def test_one_day_from_opening_ends_same_day_at_closing(cal):
    assert due_at(vn(2026, 3, 9, 7, 30), days(1), cal) == vn(2026, 3, 9, 17, 0)


def test_after_cutoff_counts_from_next_morning_and_ends_at_period_end(cal):
    # Received Mon 15:30 after the 15:00 cut-off → counted from Tue 07:30 → due Tue 17:00.
    due = due_at(vn(2026, 3, 9, 15, 30), days(1), cal, cutoff=CUTOFF)
    assert due == vn(2026, 3, 10, 17, 0)
    # Without the cut-off the same receipt runs from Mon 15:30: 1 h 30 Mon + 6 h 30 Tue → Tue 15:30.
    assert due_at(vn(2026, 3, 9, 15, 30), days(1), cal) == vn(2026, 3, 10, 15, 30)


def test_exactly_at_cutoff_counts_same_day(cal):
    # Mon 15:00–17:00 = 2 h, Tue 07:30–11:30 = 4 h, Tue 13:00 + 2 h → 15:00.
    assert due_at(vn(2026, 3, 9, 15, 0), days(1), cal, cutoff=CUTOFF) == vn(2026, 3, 10, 15, 0)


def test_received_on_saturday(cal):
    assert due_at(vn(2026, 3, 7, 9, 0), days(1), cal) == vn(2026, 3, 9, 17, 0)
    assert due_at(vn(2026, 3, 7, 9, 0), days(2), cal) == vn(2026, 3, 10, 17, 0)


def test_received_at_lunch(cal):
    # Starts 13:00: Mon 13–17 (4 h) + Tue 07:30–11:30 (4 h) → Tue 11:30, not Tue 13:00.
    assert due_at(vn(2026, 3, 9, 12, 15), days(1), cal) == vn(2026, 3, 10, 11, 30)
    assert due_at(vn(2026, 3, 9, 12, 15), hours(4), cal) == vn(2026, 3, 9, 17, 0)


def test_received_in_the_evening(cal):
    assert due_at(vn(2026, 3, 9, 17, 30), days(1), cal) == vn(2026, 3, 10, 17, 0)
    assert due_at(vn(2026, 3, 9, 17, 30), days(3), cal) == vn(2026, 3, 12, 17, 0)


def test_received_online_in_utc(cal):
    # 02:00 UTC = 09:00 in Vietnam; the result is in VN time.
    due = due_at(datetime(2026, 3, 9, 2, 0, tzinfo=UTC), days(3), cal)
    assert due == vn(2026, 3, 12, 9, 0)
    assert due.utcoffset() == timedelta(hours=7)
    assert (due.day, due.hour, due.minute) == (12, 9, 0)
    # Sun 8 Mar 23:00 UTC is Mon 9 Mar 06:00 in Vietnam: the clock starts Mon 07:30.
    assert due_at(datetime(2026, 3, 8, 23, 0, tzinfo=UTC), days(1), cal) == vn(2026, 3, 9, 17, 0)


def test_seconds_are_kept(cal):
    received = datetime(2026, 3, 9, 9, 0, 42, tzinfo=VN_TZ)
    assert due_at(received, days(1), cal) == datetime(2026, 3, 10, 9, 0, 42, tzinfo=VN_TZ)


# -- due_at: hours-based procedures ---------------------------------------------------------------


def test_four_hours_crossing_lunch(cal):
    # 10:00–11:30 = 1 h 30, then 13:00 + 2 h 30 → 15:30.
    assert due_at(vn(2026, 3, 9, 10, 0), hours(4), cal) == vn(2026, 3, 9, 15, 30)


def test_eight_hours_crossing_weekend(cal):
    # Fri 14:00–17:00 = 3 h, Mon 07:30–11:30 = 4 h, Mon 13:00 + 1 h → Mon 14:00.
    assert due_at(vn(2026, 3, 6, 14, 0), hours(8), cal) == vn(2026, 3, 9, 14, 0)
    assert due_at(vn(2026, 3, 6, 14, 0), days(1), cal) == vn(2026, 3, 9, 14, 0)


def test_hours_ending_exactly_at_noon(cal):
    assert due_at(vn(2026, 3, 9, 7, 30), hours(4), cal) == vn(2026, 3, 9, 11, 30)
    assert due_at(vn(2026, 3, 9, 7, 30), hours(5), cal) == vn(2026, 3, 9, 14, 0)


# -- due_at: holidays -----------------------------------------------------------------------------


def test_across_tet_2026(cal):
    # Thu 12/2 09:00 + 5 days: Fri 13, (14–22 off), Mon 23, Tue 24, Wed 25, Thu 26 → Thu 26/2 09:00.
    assert due_at(vn(2026, 2, 12, 9, 0), days(5), cal) == vn(2026, 2, 26, 9, 0)
    # After the cut-off on Thu 12/2: counted from Fri 13 07:30; 2 days → Mon 23/2 17:00.
    assert due_at(vn(2026, 2, 12, 16, 0), days(2), cal, cutoff=CUTOFF) == vn(2026, 2, 23, 17, 0)
    # Submitted online during Tết.
    assert due_at(vn(2026, 2, 17, 10, 0), days(1), cal) == vn(2026, 2, 23, 17, 0)
    # 8 hours from Fri 13/2 14:00: 3 h on Friday, then Mon 23/2 → 14:00.
    assert due_at(vn(2026, 2, 13, 14, 0), hours(8), cal) == vn(2026, 2, 23, 14, 0)


def test_across_30_april_and_1_may_2026(cal):
    # Wed 29/4 10:00 + 2 days: (30/4, 1/5, weekend off) Mon 4/5, Tue 5/5 → Tue 5/5 10:00.
    assert due_at(vn(2026, 4, 29, 10, 0), days(2), cal) == vn(2026, 5, 5, 10, 0)
    # Fri 24/4 14:00 + 3 days: 27/4 observed Hùng Kings → Tue 28, Wed 29, Mon 4/5 → Mon 4/5 14:00.
    assert due_at(vn(2026, 4, 24, 14, 0), days(3), cal) == vn(2026, 5, 4, 14, 0)


def test_across_national_day_2026(cal):
    # Fri 28/8 10:00: 29–30 weekend, 31/8 (swap), 1/9 and 2/9 off → Thu 3/9.
    assert due_at(vn(2026, 8, 28, 10, 0), days(1), cal) == vn(2026, 9, 3, 10, 0)
    assert due_at(vn(2026, 8, 28, 10, 0), days(2), cal) == vn(2026, 9, 4, 10, 0)
    # The package's make-up Saturday 22/8 is a working day.
    assert due_at(vn(2026, 8, 21, 10, 0), days(1), cal) == vn(2026, 8, 22, 10, 0)
    assert due_at(vn(2026, 8, 22, 8, 0), hours(2), cal) == vn(2026, 8, 22, 10, 0)


# -- due_at: government days ----------------------------------------------------------------------


def test_extra_day_off_changes_due_date(cal):
    received = vn(2026, 3, 6, 10, 0)  # Friday
    assert due_at(received, days(1), cal) == vn(2026, 3, 9, 10, 0)
    closed_monday = WorkingCalendar(extra_days_off={date(2026, 3, 9): "closure"})
    assert due_at(received, days(1), closed_monday) == vn(2026, 3, 10, 10, 0)


def test_makeup_saturday_changes_due_date(cal):
    received = vn(2026, 3, 6, 10, 0)  # Friday
    working_saturday = WorkingCalendar(makeup_working_days={date(2026, 3, 7): "make-up"})
    assert due_at(received, days(1), working_saturday) == vn(2026, 3, 7, 10, 0)
    # Received on that Saturday: the clock starts right away.
    assert due_at(vn(2026, 3, 7, 9, 0), days(1), working_saturday) == vn(2026, 3, 9, 9, 0)
    assert due_at(vn(2026, 3, 7, 9, 0), days(1), cal) == vn(2026, 3, 9, 17, 0)


def test_custom_working_hours():
    seven_and_half = WorkingCalendar(working_periods=[(time(8, 0), time(12, 0)), (time(13, 30), time(17, 0))])
    # A day is 7 h 30 here: Mon 08:00 + 1 day → Mon 17:00; + 2 days → Tue 17:00.
    assert due_at(vn(2026, 3, 9, 8, 0), days(1), seven_and_half) == vn(2026, 3, 9, 17, 0)
    assert due_at(vn(2026, 3, 9, 8, 0), days(2), seven_and_half) == vn(2026, 3, 10, 17, 0)
    assert due_at(vn(2026, 3, 9, 7, 45), hours(5), seven_and_half) == vn(2026, 3, 9, 14, 30)


# -- due_at: errors -------------------------------------------------------------------------------


def test_due_at_refuses_naive_receipt(cal):
    with pytest.raises(DomainError) as err:
        due_at(datetime(2026, 3, 9, 9, 0), days(1), cal)
    assert err.value.code == "datetime.naive"


@pytest.mark.parametrize("cutoff", [time(15, 0, tzinfo=VN_TZ), "15:00"])
def test_due_at_refuses_bad_cutoff(cal, cutoff):
    with pytest.raises(DomainError) as err:
        due_at(vn(2026, 3, 9, 9, 0), days(1), cal, cutoff=cutoff)
    assert err.value.code == "deadline.bad_cutoff"


def test_due_at_refuses_non_statutory(cal):
    with pytest.raises(DomainError) as err:
        due_at(vn(2026, 3, 9, 9, 0), 3, cal)  # type: ignore[arg-type]
    assert err.value.code == "deadline.bad_statutory_time"


def test_due_at_with_no_working_day_stops():
    start = date(2026, 3, 9)
    never = WorkingCalendar(extra_days_off=[start + timedelta(days=i) for i in range(MAX_SEARCH_DAYS + 10)])
    with pytest.raises(DomainError) as err:
        due_at(vn(2026, 3, 9, 9, 0), days(1), never)
    assert err.value.code == "calendar.no_working_day"


# -- remaining working time -----------------------------------------------------------------------


def test_remaining_positive(cal):
    due = vn(2026, 3, 12, 9, 0)
    assert remaining_working_time(vn(2026, 3, 9, 9, 0), due, cal) == timedelta(hours=24)
    # Wednesday evening: only Thu 07:30–09:00 is left.
    assert remaining_working_time(vn(2026, 3, 11, 18, 0), due, cal) == timedelta(hours=1, minutes=30)
    # During lunch on Wednesday: Wed 13–17 + Thu 07:30–09:00.
    assert remaining_working_time(vn(2026, 3, 11, 12, 0), due, cal) == timedelta(hours=5, minutes=30)


def test_remaining_zero_at_due_time(cal):
    due = vn(2026, 3, 12, 9, 0)
    assert remaining_working_time(due, due, cal) == timedelta(0)


def test_remaining_negative_when_overdue(cal):
    due = vn(2026, 3, 12, 9, 0)
    # Thu 09:00–11:30 + 13:00–17:00 = 6 h 30, Fri 07:30–10:00 = 2 h 30 → 9 h late.
    assert remaining_working_time(vn(2026, 3, 13, 10, 0), due, cal) == timedelta(hours=-9)
    # On Saturday: all of Thursday after 09:00 and all of Friday → 14 h 30 late.
    assert remaining_working_time(vn(2026, 3, 14, 10, 0), due, cal) == -timedelta(hours=14, minutes=30)


def test_remaining_across_tet(cal):
    due = due_at(vn(2026, 2, 12, 9, 0), days(5), cal)
    assert due == vn(2026, 2, 26, 9, 0)
    # Fri 13/2 16:00: 1 h on Friday, then Mon 23, Tue 24, Wed 25 (24 h) and Thu 26 07:30–09:00.
    assert remaining_working_time(vn(2026, 2, 13, 16, 0), due, cal) == timedelta(hours=26, minutes=30)


def test_remaining_refuses_naive(cal):
    with pytest.raises(DomainError) as err:
        remaining_working_time(datetime(2026, 3, 9, 9, 0), vn(2026, 3, 12, 9, 0), cal)
    assert err.value.code == "datetime.naive"


# -- status ---------------------------------------------------------------------------------------

DUE = vn(2026, 3, 12, 9, 0)


@pytest.mark.parametrize(
    ("now", "finished", "expected"),
    [
        (vn(2026, 3, 11, 16, 0), None, DeadlineStatus.IN_TIME),
        (vn(2026, 3, 11, 23, 59), None, DeadlineStatus.IN_TIME),
        (vn(2026, 3, 12, 0, 0), None, DeadlineStatus.DUE_TODAY),
        (vn(2026, 3, 12, 8, 0), None, DeadlineStatus.DUE_TODAY),
        (vn(2026, 3, 12, 9, 0), None, DeadlineStatus.DUE_TODAY),  # at the due time: not yet past
        (vn(2026, 3, 12, 9, 1), None, DeadlineStatus.OVERDUE),
        (vn(2026, 3, 13, 8, 0), None, DeadlineStatus.OVERDUE),
        (vn(2026, 3, 20, 8, 0), vn(2026, 3, 11, 16, 0), DeadlineStatus.FINISHED_EARLY),
        (vn(2026, 3, 20, 8, 0), vn(2026, 3, 12, 8, 0), DeadlineStatus.FINISHED_ON_TIME),
        (vn(2026, 3, 20, 8, 0), vn(2026, 3, 12, 9, 0), DeadlineStatus.FINISHED_ON_TIME),
        (vn(2026, 3, 20, 8, 0), vn(2026, 3, 12, 9, 1), DeadlineStatus.FINISHED_LATE),
        (vn(2026, 3, 20, 8, 0), vn(2026, 3, 16, 9, 0), DeadlineStatus.FINISHED_LATE),
        # The finish time decides, whatever "now" is.
        (vn(2026, 3, 10, 8, 0), vn(2026, 3, 10, 7, 0), DeadlineStatus.FINISHED_EARLY),
    ],
)
def test_deadline_status(now, finished, expected):
    assert deadline_status(now, DUE, finished) is expected


def test_status_uses_vietnam_dates():
    # 2026-03-11 17:30 UTC is Thu 12 Mar 00:30 in Vietnam: already the due date.
    assert deadline_status(datetime(2026, 3, 11, 17, 30, tzinfo=UTC), DUE) is DeadlineStatus.DUE_TODAY
    assert deadline_status(datetime(2026, 3, 11, 16, 30, tzinfo=UTC), DUE) is DeadlineStatus.IN_TIME
    # Finished 2026-03-11 17:30 UTC = 12 Mar 00:30 VN: on the due date, before the due time.
    assert (
        deadline_status(vn(2026, 3, 20), DUE, datetime(2026, 3, 11, 17, 30, tzinfo=UTC))
        is DeadlineStatus.FINISHED_ON_TIME
    )


def test_status_refuses_naive():
    with pytest.raises(DomainError) as err:
        deadline_status(datetime(2026, 3, 11, 9, 0), DUE)
    assert err.value.code == "datetime.naive"
    with pytest.raises(DomainError) as err:
        deadline_status(vn(2026, 3, 11, 9, 0), DUE, datetime(2026, 3, 11, 9, 0))
    assert err.value.code == "datetime.naive"


# -- after a supplement -----------------------------------------------------------------------------


def test_a_supplement_received_after_the_cut_off_before_tet_2027_restarts_after_tet(cal):
    """Tết 2027 (holidays package): Thu 04/02 to Wed 10/02 are days off, with the weekend between."""
    supplied = vn(2027, 2, 3, 16)  # after 15:00: counts from the next working day, Thu 11/02
    new_due = due_after_supplement("restart", supplied, vn(2027, 2, 3, 10), vn(2027, 2, 3, 9), days(1), cal, CUTOFF)
    assert new_due == vn(2027, 2, 11, 17)


def test_a_supplement_before_national_day_2026_restarts_the_whole_time_after_the_break(cal):
    """31/08 (swapped), 01/09 and 02/09/2026 are days off: 3 working days from Fri 28/08 10:00."""
    new_due = due_after_supplement(
        "restart", vn(2026, 8, 28, 10), vn(2026, 8, 24, 9, 30), vn(2026, 8, 27, 9, 30), days(3), cal, CUTOFF
    )
    assert new_due == vn(2026, 9, 7, 10)


def test_resume_counts_on_the_working_time_left_when_the_supplement_was_asked_for(cal):
    # asked Mon 24/08 09:30 with the due time Wed 26/08 09:30: 16 working hours were left
    new_due = due_after_supplement(
        "resume", vn(2026, 8, 28, 14), vn(2026, 8, 24, 9, 30), vn(2026, 8, 26, 9, 30), days(3), cal
    )
    assert new_due == vn(2026, 9, 4, 14)  # Fri 3 h, Thu 03/09 8 h, Fri 04/09 4 h + 1 h
    late = due_after_supplement("resume", vn(2026, 8, 28, 14), vn(2026, 8, 27, 9), vn(2026, 8, 26, 9), days(3), cal)
    assert late == vn(2026, 8, 28, 14)  # already late when asked: due as soon as its clock starts again
    with pytest.raises(DomainError):
        due_after_supplement("later", vn(2026, 8, 28, 14), vn(2026, 8, 24), vn(2026, 8, 26), days(3), cal)


def test_the_last_supplement_request_is_read_from_the_history():
    history = [
        {"at": "2026-08-20T09:00:00+07:00", "action": "request_supplement"},
        {"at": "2026-08-21T09:00:00+07:00", "action": "supplement_received"},
        {"at": "2026-08-24T09:30:00+07:00", "action": "request_supplement"},
    ]
    assert supplement_requested_at(history) == vn(2026, 8, 24, 9, 30)
    assert supplement_requested_at(history[:0]) is None
