"""WorkingCalendar: Vietnamese holidays (from the ``holidays`` package), weekends, government days.

Dates relied on, as given by holidays 0.109 for VN 2026 (checked in the venv):
Tết 16–20/02 (Mon–Fri; 14–15 and 21–22 are weekends); Hùng Kings 26/04 (Sun) observed 27/04 (Mon);
30/04 (Thu); 01/05 (Fri); 31/08 (Mon, swapped with the make-up Saturday 22/08); 01/09 (Tue); 02/09 (Wed).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from app.domain.errors import DomainError
from app.domain.working_calendar import (
    DEFAULT_WORKING_PERIODS,
    GOVERNMENT_DAYS_RESOURCE,
    MAX_SEARCH_DAYS,
    VN_TZ,
    DayOff,
    DayOffKind,
    WorkingCalendar,
    as_vn_time,
    government_days_from_json,
)

DATA_FILE = Path(__file__).resolve().parents[2] / "resources" / "data" / "vn_government_days.json"


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar()


# -- time zone ------------------------------------------------------------------------------------


def test_vn_tz_is_utc_plus_7_without_dst():
    assert VN_TZ.utcoffset(None) == timedelta(hours=7)
    assert VN_TZ.tzname(None) == "ICT"
    assert datetime(2026, 7, 1, tzinfo=VN_TZ).utcoffset() == timedelta(hours=7)


def test_as_vn_time_converts_and_refuses_naive():
    utc = datetime(2026, 3, 8, 23, 0, tzinfo=UTC)
    converted = as_vn_time(utc)
    assert converted == datetime(2026, 3, 9, 6, 0, tzinfo=VN_TZ)
    assert converted.tzinfo is VN_TZ
    assert (converted.hour, converted.day) == (6, 9)
    with pytest.raises(DomainError) as err:
        as_vn_time(datetime(2026, 3, 9, 9, 0))
    assert err.value.code == "datetime.naive"
    with pytest.raises(DomainError) as err:
        as_vn_time(date(2026, 3, 9))  # type: ignore[arg-type]
    assert err.value.code == "datetime.not_datetime"


# -- working days ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 2, 13), True),  # Fri before Tết
        (date(2026, 2, 14), False),  # Sat
        (date(2026, 2, 15), False),  # Sun
        (date(2026, 2, 16), False),  # Lunar New Year's Eve
        (date(2026, 2, 17), False),  # Tết
        (date(2026, 2, 18), False),
        (date(2026, 2, 19), False),
        (date(2026, 2, 20), False),
        (date(2026, 2, 21), False),  # Sat
        (date(2026, 2, 22), False),  # Sun
        (date(2026, 2, 23), True),  # back to work
        (date(2026, 1, 1), False),  # New Year's Day
        (date(2026, 1, 2), True),
        (date(2026, 4, 27), False),  # Hùng Kings observed
        (date(2026, 4, 29), True),
        (date(2026, 4, 30), False),
        (date(2026, 5, 1), False),
        (date(2026, 5, 4), True),
        (date(2026, 8, 22), True),  # make-up Saturday (package)
        (date(2026, 8, 29), False),  # ordinary Saturday
        (date(2026, 8, 31), False),  # swapped day off
        (date(2026, 9, 1), False),
        (date(2026, 9, 2), False),
        (date(2026, 9, 3), True),
        (date(2026, 3, 9), True),  # ordinary Monday
    ],
)
def test_is_working_day_2026(cal, day, expected):
    assert cal.is_working_day(day) is expected


def test_covers_any_year_lazily(cal):
    assert cal.is_working_day(date(2031, 1, 1)) is False  # New Year's Day, far year
    assert cal.is_working_day(date(2031, 1, 2)) is True  # Thursday
    assert cal.is_working_day(date(2019, 4, 30)) is False
    assert cal.is_working_day(date(2027, 9, 2)) is False
    assert cal.is_working_day(date(2027, 9, 3)) is False  # package: 2/9 + adjacent Friday
    assert cal.is_working_day(date(2027, 9, 6)) is True


def test_datetime_argument_uses_vietnam_date(cal):
    # 2026-02-13 17:30 UTC is already Sat 14 Feb 00:30 in Vietnam.
    assert cal.is_working_day(datetime(2026, 2, 13, 17, 30, tzinfo=UTC)) is False
    assert cal.is_working_day(datetime(2026, 2, 13, 16, 59, tzinfo=UTC)) is True
    with pytest.raises(DomainError) as err:
        cal.is_working_day(datetime(2026, 2, 13, 9, 0))
    assert err.value.code == "datetime.naive"


def test_next_working_day(cal):
    assert cal.next_working_day(date(2026, 2, 12)) == date(2026, 2, 13)
    assert cal.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)  # over Tết
    assert cal.next_working_day(date(2026, 4, 29)) == date(2026, 5, 4)  # over 30/4–1/5
    assert cal.next_working_day(date(2026, 8, 28)) == date(2026, 9, 3)  # over 2/9
    assert cal.next_working_day(date(2026, 8, 21)) == date(2026, 8, 22)  # make-up Saturday
    assert cal.next_working_day(date(2025, 12, 31)) == date(2026, 1, 2)  # across the year end


def test_previous_and_on_or_after(cal):
    assert cal.previous_working_day(date(2026, 2, 23)) == date(2026, 2, 13)
    assert cal.working_day_on_or_after(date(2026, 2, 14)) == date(2026, 2, 23)
    assert cal.working_day_on_or_after(date(2026, 2, 13)) == date(2026, 2, 13)


def test_add_working_days(cal):
    assert cal.add_working_days(date(2026, 2, 12), 5) == date(2026, 2, 26)
    assert cal.add_working_days(date(2026, 2, 14), 1) == date(2026, 2, 23)
    assert cal.add_working_days(date(2026, 4, 24), 3) == date(2026, 5, 4)
    assert cal.add_working_days(date(2026, 8, 28), 1) == date(2026, 9, 3)
    assert cal.add_working_days(date(2026, 2, 14), 0) == date(2026, 2, 14)
    assert cal.add_working_days(date(2026, 2, 23), -1) == date(2026, 2, 13)
    assert cal.add_working_days(date(2026, 2, 26), -5) == date(2026, 2, 12)


def test_add_working_days_refuses_non_integer(cal):
    with pytest.raises(DomainError) as err:
        cal.add_working_days(date(2026, 2, 12), 1.5)  # type: ignore[arg-type]
    assert err.value.code == "calendar.bad_number"
    with pytest.raises(DomainError):
        cal.add_working_days(date(2026, 2, 12), True)  # type: ignore[arg-type]


def test_working_days_between(cal):
    assert cal.working_days_between(date(2026, 2, 12), date(2026, 2, 26)) == 5
    assert cal.working_days_between(date(2026, 2, 26), date(2026, 2, 12)) == -5
    assert cal.working_days_between(date(2026, 2, 13), date(2026, 2, 22)) == 0
    assert cal.working_days_between(date(2026, 3, 9), date(2026, 3, 9)) == 0
    assert cal.working_days_between(date(2026, 8, 21), date(2026, 9, 3)) == 7  # 22/8 Sat counts
    # Consistency with add_working_days.
    for n in (1, 4, 17, 40):
        assert cal.working_days_between(date(2026, 1, 30), cal.add_working_days(date(2026, 1, 30), n)) == n


# -- reasons --------------------------------------------------------------------------------------


def test_day_off_reason(cal):
    assert cal.day_off_reason(date(2026, 2, 14)) == DayOff(date(2026, 2, 14), DayOffKind.WEEKEND, "")
    assert cal.day_off_reason(date(2026, 2, 17)) == DayOff(date(2026, 2, 17), DayOffKind.HOLIDAY, "Tết Nguyên Đán")
    assert cal.day_off_reason(date(2026, 9, 2)) == DayOff(date(2026, 9, 2), DayOffKind.HOLIDAY, "Quốc khánh")
    assert cal.day_off_reason(date(2026, 3, 9)) is None
    assert cal.day_off_reason(date(2026, 8, 22)) is None  # make-up Saturday


def test_holiday_on_weekend_reported_as_holiday():
    cal = WorkingCalendar(language="en_US")
    reason = cal.day_off_reason(date(2026, 4, 26))  # Sunday and Hùng Kings' day
    assert reason is not None
    assert reason.kind is DayOffKind.HOLIDAY
    assert reason.name == "Hung Kings' Commemoration Day"
    assert cal.day_off_reason(date(2026, 2, 17)).name == "Lunar New Year"  # type: ignore[union-attr]


# -- government days ------------------------------------------------------------------------------


def test_extra_day_off_and_makeup_day():
    cal = WorkingCalendar(
        extra_days_off={date(2026, 3, 9): "test closure"},
        makeup_working_days={date(2026, 3, 7): "test make-up"},
    )
    assert cal.is_working_day(date(2026, 3, 9)) is False
    assert cal.is_working_day(date(2026, 3, 7)) is True  # Saturday
    assert cal.is_working_day(date(2026, 3, 8)) is False  # Sunday unaffected
    assert cal.day_off_reason(date(2026, 3, 9)) == DayOff(date(2026, 3, 9), DayOffKind.EXTRA_DAY_OFF, "test closure")
    assert cal.next_working_day(date(2026, 3, 6)) == date(2026, 3, 7)
    assert cal.next_working_day(date(2026, 3, 7)) == date(2026, 3, 10)
    assert cal.extra_days_off == {date(2026, 3, 9): "test closure"}
    assert cal.makeup_working_days == {date(2026, 3, 7): "test make-up"}


def test_extra_day_off_overrides_package_makeup_and_makeup_overrides_holiday():
    cal = WorkingCalendar(extra_days_off=[date(2026, 8, 22)], makeup_working_days=[date(2026, 8, 31)])
    assert cal.is_working_day(date(2026, 8, 22)) is False
    assert cal.is_working_day(date(2026, 8, 31)) is True
    assert cal.day_off_reason(date(2026, 8, 22)) == DayOff(date(2026, 8, 22), DayOffKind.EXTRA_DAY_OFF, "")


def test_day_both_off_and_makeup_refused():
    with pytest.raises(DomainError) as err:
        WorkingCalendar(extra_days_off=[date(2026, 3, 7)], makeup_working_days=[date(2026, 3, 7)])
    assert err.value.code == "calendar.day_off_and_makeup"
    assert err.value.params["day"] == "2026-03-07"


def test_bad_day_values_refused():
    with pytest.raises(DomainError) as err:
        WorkingCalendar(extra_days_off=["2026-03-07"])  # type: ignore[list-item]
    assert err.value.code == "calendar.bad_day"


def test_no_working_day_in_horizon():
    start = date(2026, 1, 1)
    every_day = [start + timedelta(days=i) for i in range(MAX_SEARCH_DAYS + 10)]
    cal = WorkingCalendar(extra_days_off=every_day)
    with pytest.raises(DomainError) as err:
        cal.next_working_day(start)
    assert err.value.code == "calendar.no_working_day"
    with pytest.raises(DomainError) as err:
        cal.add_working_days(start, 1)
    assert err.value.code == "calendar.no_working_day"


# -- working hours --------------------------------------------------------------------------------


def test_default_hours(cal):
    assert cal.working_periods == DEFAULT_WORKING_PERIODS
    assert cal.working_periods == ((time(7, 30), time(11, 30)), (time(13, 0), time(17, 0)))
    assert cal.hours_per_day == timedelta(hours=8)
    assert cal.working_periods_on(date(2026, 3, 9)) == (
        (datetime(2026, 3, 9, 7, 30, tzinfo=VN_TZ), datetime(2026, 3, 9, 11, 30, tzinfo=VN_TZ)),
        (datetime(2026, 3, 9, 13, 0, tzinfo=VN_TZ), datetime(2026, 3, 9, 17, 0, tzinfo=VN_TZ)),
    )
    assert cal.working_periods_on(date(2026, 2, 17)) == ()


def test_custom_hours():
    cal = WorkingCalendar(working_periods=[(time(8, 0), time(12, 0)), (time(13, 30), time(17, 0))])
    assert cal.hours_per_day == timedelta(hours=7, minutes=30)


@pytest.mark.parametrize(
    "periods",
    [
        [],
        [(time(12, 0), time(11, 0))],
        [(time(8, 0), time(8, 0))],
        [(time(8, 0), time(12, 0)), (time(11, 0), time(17, 0))],  # overlap
        [(time(13, 0), time(17, 0)), (time(7, 30), time(11, 30))],  # out of order
        [(time(8, 0, tzinfo=VN_TZ), time(12, 0, tzinfo=VN_TZ))],
        [("08:00", "12:00")],
    ],
)
def test_bad_working_hours_refused(periods):
    with pytest.raises(DomainError) as err:
        WorkingCalendar(working_periods=periods)
    assert err.value.code in {"calendar.no_working_hours", "calendar.bad_working_period"}


def test_is_working_time(cal):
    assert cal.is_working_time(datetime(2026, 3, 9, 7, 30, tzinfo=VN_TZ)) is True
    assert cal.is_working_time(datetime(2026, 3, 9, 11, 30, tzinfo=VN_TZ)) is False
    assert cal.is_working_time(datetime(2026, 3, 9, 12, 0, tzinfo=VN_TZ)) is False
    assert cal.is_working_time(datetime(2026, 3, 9, 16, 59, tzinfo=VN_TZ)) is True
    assert cal.is_working_time(datetime(2026, 3, 7, 9, 0, tzinfo=VN_TZ)) is False  # Saturday
    assert cal.is_working_time(datetime(2026, 3, 9, 2, 0, tzinfo=UTC)) is True  # 09:00 ICT


def test_working_time_between(cal):
    mon_9 = datetime(2026, 3, 9, 9, 0, tzinfo=VN_TZ)
    thu_9 = datetime(2026, 3, 12, 9, 0, tzinfo=VN_TZ)
    assert cal.working_time_between(mon_9, thu_9) == timedelta(hours=24)
    assert cal.working_time_between(thu_9, mon_9) == timedelta(hours=-24)
    assert cal.working_time_between(mon_9, mon_9) == timedelta(0)
    # Fri 13 Feb 16:00 → Mon 23 Feb 09:00 across Tết: 1 h + 1 h 30.
    assert cal.working_time_between(
        datetime(2026, 2, 13, 16, 0, tzinfo=VN_TZ), datetime(2026, 2, 23, 9, 0, tzinfo=VN_TZ)
    ) == timedelta(hours=2, minutes=30)


# -- government days data file --------------------------------------------------------------------


def _entry(day: str, note: str = "source") -> dict[str, str]:
    return {"date": day, "note": note}


def test_government_days_from_json_ok():
    extra, makeup = government_days_from_json(
        {
            "_comment": "anything",
            "version": 1,
            "extra_days_off": [_entry("2026-03-09", " closure "), _entry("2026-03-10")],
            "makeup_working_days": [{"date": "2026-03-07", "note": "make-up", "_why": "x"}],
        }
    )
    assert extra == {date(2026, 3, 9): "closure", date(2026, 3, 10): "source"}
    assert makeup == {date(2026, 3, 7): "make-up"}
    cal = WorkingCalendar(extra, makeup)
    assert cal.is_working_day(date(2026, 3, 7)) is True
    assert cal.is_working_day(date(2026, 3, 10)) is False


def test_shipped_data_file_is_valid_and_consistent_with_package():
    obj = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    assert "_comment" in obj
    extra, makeup = government_days_from_json(obj)
    cal = WorkingCalendar(extra, makeup)
    # The public servants' Tết 2026 break is 14–22/02/2026 (Sat to Sun): no working day inside.
    tet = [date(2026, 2, 14) + timedelta(days=i) for i in range(9)]
    assert [d for d in tet if cal.is_working_day(d)] == []
    assert cal.is_working_day(date(2026, 2, 13)) is True
    assert cal.is_working_day(date(2026, 2, 23)) is True
    # Every listed day changes something the package alone would say.
    plain = WorkingCalendar()
    assert all(plain.is_working_day(d) for d in extra)
    assert not any(plain.is_working_day(d) for d in makeup)


@pytest.mark.parametrize(
    ("obj", "fragment"),
    [
        ([], "JSON object"),
        ({"makeup_working_days": []}, "extra_days_off"),
        ({"extra_days_off": []}, "makeup_working_days"),
        ({"extra_days_off": {}, "makeup_working_days": []}, "must be a list"),
        ({"extra_days_off": ["2026-03-09"], "makeup_working_days": []}, "must be an object"),
        ({"extra_days_off": [_entry("09/03/2026")], "makeup_working_days": []}, "YYYY-MM-DD"),
        ({"extra_days_off": [_entry("20260309")], "makeup_working_days": []}, "YYYY-MM-DD"),
        ({"extra_days_off": [{"note": "n"}], "makeup_working_days": []}, "YYYY-MM-DD"),
        ({"extra_days_off": [_entry("2026-02-30")], "makeup_working_days": []}, "not a real date"),
        ({"extra_days_off": [{"date": "2026-03-09"}], "makeup_working_days": []}, "note"),
        ({"extra_days_off": [_entry("2026-03-09", "  ")], "makeup_working_days": []}, "note"),
        ({"extra_days_off": [_entry("2026-03-09", 5)], "makeup_working_days": []}, "note"),  # type: ignore[arg-type]
        (
            {"extra_days_off": [{"date": "2026-03-09", "note": "n", "kind": "x"}], "makeup_working_days": []},
            "unknown field",
        ),
        (
            {"extra_days_off": [_entry("2026-03-09"), _entry("2026-03-09")], "makeup_working_days": []},
            "appears twice",
        ),
        (
            {"extra_days_off": [_entry("2026-03-07")], "makeup_working_days": [_entry("2026-03-07")]},
            "both",
        ),
        ({"extra_day_off": [], "extra_days_off": [], "makeup_working_days": []}, "unknown key"),
    ],
)
def test_government_days_from_json_bad_data(obj, fragment):
    with pytest.raises(DomainError) as err:
        government_days_from_json(obj)
    assert err.value.code == "calendar.bad_government_days"
    assert fragment in err.value.english()


def test_the_demo_service_and_training_count_deadlines_with_the_shipped_government_days(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Both sandboxes build their calendar from the shipped file: a day it closes the offices is no working day."""
    import central.demo_data
    import sandbox.training.seeding
    from central.agency_directory import load_shipped_directory

    closure = date(2026, 11, 23)  # a Monday
    read: list[str] = []

    def shipped(relative: str) -> object:
        read.append(relative)
        return {"extra_days_off": [_entry(closure.isoformat(), "closure")], "makeup_working_days": []}

    monkeypatch.setattr(central.demo_data, "load_json_resource", shipped)
    now = datetime(2026, 11, 20, 9, tzinfo=VN_TZ)
    directory = load_shipped_directory()
    demo = central.demo_data.DemoGenerator(now, directory=directory)
    training = sandbox.training.seeding.ScenarioItems("000.00.57.H29", now, directory)
    assert read == [GOVERNMENT_DAYS_RESOURCE] * 2
    assert WorkingCalendar().is_working_day(closure)
    assert not demo.calendar.is_working_day(closure) and not training.calendar.is_working_day(closure)
