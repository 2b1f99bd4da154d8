"""The office's working calendar: Vietnam's holidays, the Government's announced days (shipped file),
and the days this office set in Settings, which win where they disagree with the file."""

from __future__ import annotations

from datetime import date
from functools import cache

from app.domain.working_calendar import GOVERNMENT_DAYS_RESOURCE, WorkingCalendar, government_days_from_json
from app.settings import Settings
from kernel.resources import load_json_resource


def calendar_for(settings: Settings) -> WorkingCalendar:
    return _calendar(settings.extra_days_off, settings.makeup_working_days)


@cache  # one calendar per set of office days: building one loads the holidays package's tables
def _calendar(office_days_off: tuple[str, ...], office_makeup_days: tuple[str, ...]) -> WorkingCalendar:
    days_off, makeup = government_days_from_json(load_json_resource(GOVERNMENT_DAYS_RESOURCE))
    for text in office_days_off:
        day = date.fromisoformat(text)
        makeup.pop(day, None)
        days_off[day] = "Settings"
    for text in office_makeup_days:
        day = date.fromisoformat(text)
        days_off.pop(day, None)
        makeup[day] = "Settings"
    return WorkingCalendar(days_off, makeup)
