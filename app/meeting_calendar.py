"""Meetings as an iCalendar file (RFC 5545) for the official's own calendar: Outlook and Thunderbird import it.

Times are in Asia/Ho_Chi_Minh with its VTIMEZONE, so a calendar set to another zone shows them right. The
UID stays the meeting's and the SEQUENCE is its count of changes, so importing the file again after a
change letter updates the event instead of adding a second one; a cancelled meeting exported alone is an
iTIP CANCEL (METHOD:CANCEL, STATUS:CANCELLED), which removes it from a calendar that has it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from app.meetings import MeetingView

TIME_ZONE = "Asia/Ho_Chi_Minh"
PRODUCT_ID = "-//Ward Desk//Lich hop//VI"
# An invitation that gives no end: the event lasts this long in the calendar (a ward's meeting is
# usually a morning or an afternoon).
DEFAULT_LENGTH = timedelta(hours=2)


def calendar_file(meetings: Sequence[MeetingView], stamp: datetime) -> bytes:
    """The .ics bytes of ``meetings``; ``stamp`` (DTSTAMP) is when the file was made."""
    zone = ZoneInfo(TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    cancelling = len(meetings) == 1 and meetings[0].cancelled
    calendar.add("method", "CANCEL" if cancelling else "PUBLISH")
    for meeting in meetings:
        calendar.add_component(_event(meeting, zone, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(meeting: MeetingView, zone: ZoneInfo, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", meeting.uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", stamp.astimezone(ZoneInfo("UTC")))
    starts = meeting.starts_at.astimezone(zone)
    event.add("dtstart", starts)
    event.add("dtend", (meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH).astimezone(zone))
    event.add("summary", meeting.title)
    if meeting.place:
        event.add("location", meeting.place)
    if meeting.link:
        event.add("url", meeting.link)
    event.add("description", _description(meeting))
    event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED" if meeting.confirmed else "TENTATIVE")
    event.add("transp", "TRANSPARENT" if meeting.cancelled else "OPAQUE")
    return event


def _description(meeting: MeetingView) -> str:
    """The invitation's facts in Vietnamese, as the official reads them in their calendar."""
    facts = (
        ("Giấy mời", meeting.invitation), ("Cơ quan mời", meeting.organiser), ("Chủ trì", meeting.chair),
        ("Đường dẫn", meeting.link), ("Mã phòng", meeting.room), ("Thành phần tham dự", ", ".join(meeting.attendees)),
        ("Ghi chú", meeting.note), ("Thay đổi theo văn bản", meeting.changed_by or ""),
    )  # fmt: skip
    return "\n".join(f"{label}: {value}" for label, value in facts if value)


def calendar_file_name(meetings: Sequence[MeetingView]) -> str:
    """A file name for the export: the meeting's day and invitation, or the week's first day."""
    if not meetings:
        return "lich-hop.ics"
    first = meetings[0].starts_at.strftime("%Y-%m-%d")
    if len(meetings) == 1:
        return f"lich-hop-{first}.ics"
    return f"lich-hop-tuan-{first}.ics"
