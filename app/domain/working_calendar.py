"""Working days and working hours of a Vietnamese public office (pure Python, no I/O, no Qt).

A day is a working day unless it is a Saturday, a Sunday, a public holiday or an extra day off.
Public holidays (and the weekend make-up days tied to the swaps the package knows about) come from
the ``holidays`` package (``holidays.country_holidays("VN")``), which covers any year lazily.
Days the government announced that the package does not have are passed in as plain values:
``extra_days_off`` and ``makeup_working_days`` (see :func:`government_days_from_json` for the
data file format). Precedence, first match wins:

1. an extra day off is never a working day;
2. a make-up working day is always a working day (even a Saturday, a Sunday or a holiday);
3. a public holiday of the package is not a working day;
4. a weekend make-up day of the package (``weekend_workdays``) is a working day;
5. Saturday and Sunday are not working days; any other day is.

Vietnam is UTC+7 without daylight saving time: every datetime is converted to :data:`VN_TZ` and
naive datetimes are refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from enum import StrEnum
from typing import Any

from app.domain.errors import DomainError, tr_noop

VN_TZ = timezone(timedelta(hours=7), "ICT")

#: Searching further than this many days for a working day means the calendar has none.
MAX_SEARCH_DAYS = 3660

#: Default office hours: morning 07:30–11:30 and afternoon 13:00–17:00 (8 hours a day).
DEFAULT_WORKING_PERIODS: tuple[tuple[time, time], ...] = (
    (time(7, 30), time(11, 30)),
    (time(13, 0), time(17, 0)),
)

_SATURDAY = 5
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_JSON_LISTS = ("extra_days_off", "makeup_working_days")
_JSON_OTHER_KEYS = ("version",)


def as_vn_time(value: datetime, what: str = "datetime") -> datetime:
    """Return ``value`` converted to :data:`VN_TZ`; refuse naive datetimes with a DomainError."""
    if not isinstance(value, datetime):
        raise DomainError(
            "datetime.not_datetime",
            tr_noop("The {what} must be a date and time, got {value!r}."),
            what=what,
            value=value,
        )
    if value.tzinfo is None or value.utcoffset() is None:
        raise DomainError(
            "datetime.naive",
            tr_noop("The {what} {value} has no time zone; a time zone aware value is required."),
            what=what,
            value=value.isoformat(),
        )
    return value.astimezone(VN_TZ)


class DayOffKind(StrEnum):
    """Why a day is not a working day."""

    HOLIDAY = "holiday"
    WEEKEND = "weekend"
    EXTRA_DAY_OFF = "extra_day_off"


@dataclass(frozen=True)
class DayOff:
    """A non-working day with its reason: ``name`` is the holiday name or the note of an extra day
    off (may be empty for an extra day off given without a note, and is empty for a weekend)."""

    day: date
    kind: DayOffKind
    name: str


def _dates_with_notes(values: Mapping[date, str] | Iterable[date], what: str) -> dict[date, str]:
    items = values.items() if isinstance(values, Mapping) else ((d, "") for d in values)
    result: dict[date, str] = {}
    for d, note in items:
        if not isinstance(d, date) or isinstance(d, datetime):
            raise DomainError(
                "calendar.bad_day",
                tr_noop("Every entry of {what} must be a date, got {value!r}."),
                what=what,
                value=d,
            )
        result[d] = str(note or "")
    return result


def _check_periods(periods: Sequence[tuple[time, time]]) -> tuple[tuple[time, time], ...]:
    checked = tuple((start, end) for start, end in periods)
    if not checked:
        raise DomainError("calendar.no_working_hours", tr_noop("At least one working period per day is required."))
    previous_end: time | None = None
    for start, end in checked:
        if not isinstance(start, time) or not isinstance(end, time):
            raise DomainError(
                "calendar.bad_working_period",
                tr_noop("A working period must be two times of day, got {start!r}–{end!r}."),
                start=start,
                end=end,
            )
        if start.tzinfo is not None or end.tzinfo is not None:
            raise DomainError(
                "calendar.bad_working_period",
                tr_noop("Working hours are Vietnam wall-clock times without a time zone: {start}–{end}."),
                start=start.isoformat(),
                end=end.isoformat(),
            )
        if start >= end:
            raise DomainError(
                "calendar.bad_working_period",
                tr_noop("A working period must start before it ends: {start}–{end}."),
                start=start.isoformat(),
                end=end.isoformat(),
            )
        if previous_end is not None and start < previous_end:
            raise DomainError(
                "calendar.bad_working_period",
                tr_noop("Working periods must be in order and must not overlap: {start}–{end}."),
                start=start.isoformat(),
                end=end.isoformat(),
            )
        previous_end = end
    return checked


def _duration(start: time, end: time) -> timedelta:
    return datetime.combine(date.min, end) - datetime.combine(date.min, start)


class WorkingCalendar:
    """Working days and hours of the office, with Vietnamese public holidays from ``holidays``.

    ``extra_days_off`` and ``makeup_working_days`` accept a mapping date → note (as returned by
    :func:`government_days_from_json`) or any iterable of dates. A day in both is an error.
    ``working_periods`` are (start, end) wall-clock times in Vietnam, in order, not overlapping.
    ``language`` is passed to the ``holidays`` package for holiday names ("vi", "en_US", "th").
    """

    def __init__(
        self,
        extra_days_off: Mapping[date, str] | Iterable[date] = (),
        makeup_working_days: Mapping[date, str] | Iterable[date] = (),
        working_periods: Sequence[tuple[time, time]] = DEFAULT_WORKING_PERIODS,
        *,
        language: str = "vi",
    ) -> None:
        self._extra_days_off = _dates_with_notes(extra_days_off, "extra days off")
        self._makeup_days = _dates_with_notes(makeup_working_days, "make-up working days")
        both = sorted(set(self._extra_days_off) & set(self._makeup_days))
        if both:
            raise DomainError(
                "calendar.day_off_and_makeup",
                tr_noop("{day} cannot be both an extra day off and a make-up working day."),
                day=both[0].isoformat(),
            )
        self._periods = _check_periods(working_periods)
        self._hours_per_day = sum((_duration(s, e) for s, e in self._periods), timedelta())
        # expand=True: asking about any date of a year computes that whole year (lazy coverage).
        import holidays  # ~50 ms to import: loaded with the first calendar, not on the way to the first rows

        self._holidays = holidays.country_holidays("VN", expand=True, language=language)
        self._covered_years: set[int] = set()
        self._working_days: dict[date, bool] = {}

    # -- configuration -------------------------------------------------------------------------

    @property
    def working_periods(self) -> tuple[tuple[time, time], ...]:
        return self._periods

    @property
    def hours_per_day(self) -> timedelta:
        """Working time in one working day (8 hours with the default periods)."""
        return self._hours_per_day

    @property
    def extra_days_off(self) -> Mapping[date, str]:
        return dict(self._extra_days_off)

    @property
    def makeup_working_days(self) -> Mapping[date, str]:
        return dict(self._makeup_days)

    # -- days ----------------------------------------------------------------------------------

    def _cover(self, year: int) -> None:
        if year not in self._covered_years:
            _ = date(year, 1, 1) in self._holidays  # populates the year (expand=True)
            self._covered_years.add(year)

    def _holiday_name(self, d: date) -> str | None:
        self._cover(d.year)
        return self._holidays.get(d)

    def _is_package_weekend_workday(self, d: date) -> bool:
        self._cover(d.year)
        return d in getattr(self._holidays, "weekend_workdays", ())

    def is_working_day(self, d: date) -> bool:
        """True when the office works on ``d`` (see the module docstring for precedence)."""
        d = _as_date(d)
        known = self._working_days.get(d)
        if known is None:  # remembered: the lists ask about the same days for every row they paint
            known = self._working_days[d] = self._works_on(d)
        return known

    def _works_on(self, d: date) -> bool:
        if d in self._extra_days_off:
            return False
        if d in self._makeup_days:
            return True
        if self._holiday_name(d) is not None:
            return False
        if self._is_package_weekend_workday(d):
            return True
        return d.weekday() < _SATURDAY

    def day_off_reason(self, d: date) -> DayOff | None:
        """Why ``d`` is not a working day, for display; None when it is a working day.

        A holiday falling on a weekend is reported as a holiday.
        """
        d = _as_date(d)
        if self.is_working_day(d):
            return None
        if d in self._extra_days_off:
            return DayOff(d, DayOffKind.EXTRA_DAY_OFF, self._extra_days_off[d])
        name = self._holiday_name(d)
        if name is not None:
            return DayOff(d, DayOffKind.HOLIDAY, name)
        return DayOff(d, DayOffKind.WEEKEND, "")

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        return self._step(_as_date(d), 1)

    def working_day_on_or_after(self, d: date) -> date:
        """``d`` itself when it is a working day, otherwise the next working day."""
        d = _as_date(d)
        return d if self.is_working_day(d) else self._step(d, 1)

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before ``d``."""
        return self._step(_as_date(d), -1)

    def _step(self, d: date, direction: int) -> date:
        one = timedelta(days=direction)
        for _ in range(MAX_SEARCH_DAYS):
            try:
                d = d + one
            except OverflowError:
                break
            if self.is_working_day(d):
                return d
        raise DomainError(
            "calendar.no_working_day",
            tr_noop("No working day found within {limit} days of {day}; check the calendar settings."),
            limit=MAX_SEARCH_DAYS,
            day=d.isoformat(),
        )

    def add_working_days(self, d: date, n: int) -> date:
        """The ``n``-th working day after ``d`` (``d`` itself is not counted).

        ``n == 0`` returns ``d`` unchanged; a negative ``n`` counts backwards (the ``|n|``-th
        working day before ``d``).
        """
        d = _as_date(d)
        n = _as_int(n, "number of working days")
        direction = 1 if n > 0 else -1
        for _ in range(abs(n)):
            d = self._step(d, direction)
        return d

    def working_days_between(self, a: date, b: date) -> int:
        """Number of working days in the half-open interval (a, b]; negative when ``b < a``.

        Consistent with :meth:`add_working_days`: ``working_days_between(a, add_working_days(a, n))
        == n`` for any ``n``.
        """
        a, b = _as_date(a), _as_date(b)
        if b < a:
            return -self.working_days_between(b, a)
        count = 0
        d = a + timedelta(days=1)
        while d <= b:
            if self.is_working_day(d):
                count += 1
            d += timedelta(days=1)
        return count

    # -- hours ---------------------------------------------------------------------------------

    def working_periods_on(self, d: date) -> tuple[tuple[datetime, datetime], ...]:
        """The working periods of ``d`` as aware datetimes in VN_TZ; empty on a day off."""
        d = _as_date(d)
        if not self.is_working_day(d):
            return ()
        return tuple(
            (datetime.combine(d, s, tzinfo=VN_TZ), datetime.combine(d, e, tzinfo=VN_TZ)) for s, e in self._periods
        )

    def is_working_time(self, moment: datetime) -> bool:
        """True when ``moment`` is inside a working period (start included, end excluded)."""
        moment = as_vn_time(moment)
        return any(s <= moment < e for s, e in self.working_periods_on(moment.date()))

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time between two instants; negative when ``end`` is before ``start``."""
        start, end = as_vn_time(start, "start"), as_vn_time(end, "end")
        if end < start:
            return -self.working_time_between(end, start)
        total = timedelta()
        d = start.date()
        while d <= end.date():
            for s, e in self.working_periods_on(d):
                lo, hi = max(s, start), min(e, end)
                if hi > lo:
                    total += hi - lo
            d += timedelta(days=1)
        return total


def _as_date(d: date) -> date:
    if isinstance(d, datetime):
        return as_vn_time(d).date()
    if not isinstance(d, date):
        raise DomainError("calendar.bad_day", tr_noop("Expected a date, got {value!r}."), value=d)
    return d


def _as_int(n: Any, what: str) -> int:
    if isinstance(n, bool) or not isinstance(n, int):
        raise DomainError(
            "calendar.bad_number",
            tr_noop("The {what} must be a whole number, got {value!r}."),
            what=what,
            value=n,
        )
    return n


# -- data file --------------------------------------------------------------------------------


def _bad_data(message: str, **params: Any) -> DomainError:
    return DomainError("calendar.bad_government_days", message, **params)


def _parse_entries(obj: Mapping[str, Any], key: str) -> dict[date, str]:
    if key not in obj:
        raise _bad_data(tr_noop('The government days data has no "{key}" list.'), key=key)
    entries = obj[key]
    if not isinstance(entries, list):
        raise _bad_data(tr_noop('"{key}" must be a list, got {value!r}.'), key=key, value=entries)
    result: dict[date, str] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise _bad_data(
                tr_noop('Entry {index} of "{key}" must be an object with "date" and "note".'),
                key=key,
                index=index,
            )
        unknown = sorted(k for k in entry if k not in ("date", "note") and not str(k).startswith("_"))
        if unknown:
            raise _bad_data(
                tr_noop('Entry {index} of "{key}" has an unknown field "{field}".'),
                key=key,
                index=index,
                field=unknown[0],
            )
        raw = entry.get("date")
        if not isinstance(raw, str) or not _ISO_DATE.fullmatch(raw):
            raise _bad_data(
                tr_noop('Entry {index} of "{key}": the date must be written YYYY-MM-DD, got {value!r}.'),
                key=key,
                index=index,
                value=raw,
            )
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            raise _bad_data(
                tr_noop('Entry {index} of "{key}": {value} is not a real date.'),
                key=key,
                index=index,
                value=raw,
            ) from None
        note = entry.get("note")
        if not isinstance(note, str) or not note.strip():
            raise _bad_data(
                tr_noop('Entry {index} of "{key}" ({day}) needs a non-empty note giving its source.'),
                key=key,
                index=index,
                day=raw,
            )
        if day in result:
            raise _bad_data(tr_noop('{day} appears twice in "{key}".'), key=key, day=raw)
        result[day] = note.strip()
    return result


def government_days_from_json(obj: Any) -> tuple[dict[date, str], dict[date, str]]:
    """Turn the parsed ``vn_government_days.json`` into ``(extra_days_off, makeup_working_days)``.

    Expected shape (keys starting with ``_`` are comments and ignored; ``version`` is allowed)::

        {"extra_days_off": [{"date": "2026-02-23", "note": "source"}],
         "makeup_working_days": [{"date": "2026-03-07", "note": "source"}]}

    Each result maps a date to its note. Raises DomainError ``calendar.bad_government_days`` on a
    wrong shape, a date not written ``YYYY-MM-DD`` or not real, a missing note, a duplicate, or a
    day listed both as a day off and as a make-up working day.
    """
    if not isinstance(obj, Mapping):
        raise _bad_data(tr_noop("The government days data must be a JSON object, got {value!r}."), value=obj)
    unknown = sorted(str(k) for k in obj if k not in _JSON_LISTS + _JSON_OTHER_KEYS and not str(k).startswith("_"))
    if unknown:
        raise _bad_data(tr_noop('The government days data has an unknown key "{key}".'), key=unknown[0])
    extra_days_off = _parse_entries(obj, "extra_days_off")
    makeup_days = _parse_entries(obj, "makeup_working_days")
    both = sorted(set(extra_days_off) & set(makeup_days))
    if both:
        raise _bad_data(
            tr_noop("{day} is listed both as an extra day off and as a make-up working day."),
            day=both[0].isoformat(),
        )
    return extra_days_off, makeup_days


GOVERNMENT_DAYS_RESOURCE = "data/vn_government_days.json"  # under resources/, shipped with both sides


def office_calendar(government_days: Any) -> WorkingCalendar:
    """The ward office's calendar: Vietnam's public holidays and the Government's announced days off and
    make-up working days (``government_days`` is the parsed ``GOVERNMENT_DAYS_RESOURCE``)."""
    return WorkingCalendar(*government_days_from_json(government_days))
