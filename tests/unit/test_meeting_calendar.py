"""The .ics a meeting exports, read back by another library (vobject), as Outlook and Thunderbird read it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import vobject

from app.domain.working_calendar import VN_TZ
from app.meeting_calendar import DEFAULT_LENGTH, calendar_file, calendar_file_name
from app.meetings import MeetingView, meeting_uid

STAMP = datetime(2026, 11, 25, 9, 30, tzinfo=VN_TZ)
MEETING = MeetingView(
    id=1, uid=meeting_uid("unified", "4711"), sequence=0, title="Họp triển khai chuyển đổi số",
    starts_at=datetime(2026, 11, 27, 8, 30, tzinfo=VN_TZ), ends_at=None,
    place="Hội trường A, số 86 Lê Thánh Tôn, Phường Sài Gòn", chair="Nguyễn Văn Hùng - Phó Chủ tịch",
    link="https://hop.tphcm.gov.vn/p/ubnd-1127", room="823 114 907", online=True, cancelled=False, confirmed=True,
    attendees=("Nguyễn Thị Thu", "Lê Văn Bình"), note="Mang báo cáo; số liệu quý III", organiser="UBND Thành phố",
    invitation="512/GM-UBND", changed_by=None,
)  # fmt: skip


def read(*meetings: MeetingView) -> vobject.base.Component:
    return vobject.readOne(calendar_file(list(meetings), STAMP).decode("utf-8"))


def test_the_event_is_in_vietnam_s_time_zone_with_its_facts() -> None:
    calendar = read(MEETING)
    assert calendar.method.value == "PUBLISH" and calendar.version.value == "2.0"
    assert calendar.vtimezone.tzid.value == "Asia/Ho_Chi_Minh"
    event = calendar.vevent
    assert "TZID=Asia/Ho_Chi_Minh" in calendar_file([MEETING], STAMP).decode().replace("\r\n ", "")
    assert event.dtstart.value == MEETING.starts_at and event.dtstart.value.utcoffset() == timedelta(hours=7)
    assert event.dtend.value == MEETING.starts_at + DEFAULT_LENGTH  # the invitation gave no end
    assert (event.summary.value, event.location.value, event.url.value) == (MEETING.title, MEETING.place, MEETING.link)
    assert event.status.value == "CONFIRMED" and int(event.sequence.value) == 0
    assert "Thành phần tham dự: Nguyễn Thị Thu, Lê Văn Bình" in event.description.value
    assert "Ghi chú: Mang báo cáo; số liệu quý III" in event.description.value  # escaped and read back whole


def test_a_change_keeps_the_uid_and_raises_the_sequence() -> None:
    changed = replace(
        MEETING, sequence=1, starts_at=MEETING.starts_at.replace(hour=14, minute=0), changed_by="530/TB-UBND"
    )
    before, after = read(MEETING).vevent, read(changed).vevent
    assert before.uid.value == after.uid.value == meeting_uid("unified", "4711")
    assert int(after.sequence.value) == int(before.sequence.value) + 1
    assert after.dtstart.value == datetime(2026, 11, 27, 14, 0, tzinfo=VN_TZ)


def test_the_uid_is_the_invitation_s_own() -> None:
    assert meeting_uid("unified", "4711") == meeting_uid("unified", "4711") != meeting_uid("unified", "4712")
    assert meeting_uid("unified", "4711") != meeting_uid("legacy-binhduong", "4711")
    assert meeting_uid("unified", "4711").endswith("@ward-desk")


def test_a_cancelled_meeting_exports_as_a_cancellation() -> None:
    calendar = read(replace(MEETING, cancelled=True, sequence=2))
    assert calendar.method.value == "CANCEL"
    assert calendar.vevent.status.value == "CANCELLED" and int(calendar.vevent.sequence.value) == 2
    week = read(MEETING, replace(MEETING, id=2, uid="other@ward-desk", cancelled=True))
    assert week.method.value == "PUBLISH"  # a week with one cancelled: each event says its own status
    assert sorted(event.status.value for event in week.vevent_list) == ["CANCELLED", "CONFIRMED"]


def test_an_unconfirmed_meeting_is_tentative_and_file_names_say_the_day() -> None:
    assert read(replace(MEETING, confirmed=False)).vevent.status.value == "TENTATIVE"
    assert calendar_file_name([MEETING]) == "lich-hop-2026-11-27.ics"
    assert calendar_file_name([MEETING, MEETING]) == "lich-hop-tuan-2026-11-27.ics"
