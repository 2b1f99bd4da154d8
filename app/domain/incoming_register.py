"""A line of the incoming-document register (sổ đăng ký văn bản đến, Decree 30/2020, Appendix IV):
the document, and what its list row does not carry: the unit or person it went to (column 7) and
the day it was handed on (column 8), read from the document's trail."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.domain.item_lists import DocumentRow
from app.domain.working_calendar import as_vn_time

HANDING_ON = ("assign", "forward")  # the actions that give a document to a unit or a person


@dataclass(frozen=True)
class RegisterLine:
    document: DocumentRow
    assignee: str = ""  # "" until the document is assigned
    forwarded_on: date | None = None  # the day of its last assignment or forwarding, if the trail says


def forwarded_on(trail: Sequence[Mapping[str, Any]]) -> date | None:
    """The day (Vietnam's) of the trail's last assignment or forwarding; None when it has none or its
    time cannot be read (a trail comes from other systems)."""
    for entry in reversed(trail):
        if entry.get("action") in HANDING_ON:
            return _day(entry.get("at"))
    return None


def _day(value: Any) -> date | None:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    if moment.tzinfo is None:  # a bare day ("2026-11-20") or a local time: the office's day as written
        return moment.date()
    return as_vn_time(moment).date()
