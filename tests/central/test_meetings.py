"""Meetings end to end: invitation packets reach the real service on loopback through the edXML axis, the
desk syncs, and its meetings follow the letters (a change letter, an edXML update, a revocation) while the
official's own note and attendees stay, and its calendar file says the same in iCalendar."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import vobject
from sqlalchemy import select, update

from app.domain.edxml_document_writer import document_id, write_document_packet
from app.domain.edxml_packets import Attachment, DocumentPacket, Organ, Signer
from app.domain.working_calendar import VN_TZ
from app.meeting_calendar import calendar_file
from app.meetings import OwnChanges, meeting_view, save_own
from local_db.models import Meeting, SyncCheckpoint
from tests.central.conftest import WARD_A, ApiClient, Central
from tests.central.test_document_axis import post
from tests.central.test_sync_engine import Desk, open_desk
from tests.conftest import DEMO_NOW

CITY = "000.00.00.H29"  # Ủy ban nhân dân Thành phố
ISSUED = date(2026, 11, 24)
INVITATION = """Ủy ban nhân dân Thành phố trân trọng kính mời Chủ tịch Ủy ban nhân dân các phường dự họp.
Thời gian: 08 giờ 30 phút, thứ Sáu, ngày 27/11/2026.
Địa điểm: Hội trường A, số 86 Lê Thánh Tôn, Phường Sài Gòn.
Chủ trì: Đồng chí Nguyễn Văn Hùng - Phó Chủ tịch Ủy ban nhân dân Thành phố.
Hình thức: trực tuyến, đường dẫn: https://hop.tphcm.gov.vn/p/ubnd-1127, mã phòng: 823 114 907."""


def letter(number: str, notation: str, type_code: str, subject: str, content: str) -> DocumentPacket:
    return DocumentPacket(
        sender=Organ(CITY, "Ủy ban nhân dân Thành phố Hồ Chí Minh"), recipients=(Organ(WARD_A, "Phường Thủ Dầu Một"),),
        document_id=document_id(CITY, ISSUED, f"{number}/{notation}"), code_number=number, code_notation=notation,
        place="Thành phố Hồ Chí Minh", promulgation_date=ISSUED, type_code=type_code, type_name="", subject=subject,
        content=content, signer=Signer("KT. CHỦ TỊCH", "Phó Chủ tịch", "Nguyễn Văn Hùng"), due_date=None, priority=0,
        steering_type="", to_places=(), responds_to=(), trace=(), business_doc_type=0, business_document_id="",
        attachments=(Attachment("gm.pdf", "application/pdf", "", "cid:1", b"%PDF-1"),), has_signature=False,
        problems=(),
    )  # fmt: skip


INVITE = letter("512", "GM-UBND", "GM", "Giấy mời họp triển khai chuyển đổi số", INVITATION)


@pytest.fixture
def desk(central: Central, tmp_path: Path) -> Iterator[Desk]:
    opened = open_desk(central, tmp_path / "desk")
    yield opened
    opened.cache.close()


def meeting_of(desk: Desk) -> Meeting:
    with desk.cache.sessions() as session:
        return session.scalars(select(Meeting).where(Meeting.number == "512")).one()


def keep_own(desk: Desk, meeting: Meeting, note: str, attendees: tuple[str, ...]) -> None:
    with desk.cache.sessions.begin() as session:
        save_own(session, meeting.id, OwnChanges(meeting.starts_at, meeting.ends_at, meeting.place, meeting.link,
                                                 meeting.room, attendees, note), DEMO_NOW)  # fmt: skip


def exported(desk: Desk, meeting: Meeting) -> Any:
    """The meeting's .ics read back by another library (vobject)."""
    with desk.cache.sessions() as session:
        view = meeting_view(session, meeting.id)
    assert view is not None
    return vobject.readOne(calendar_file([view], DEMO_NOW).decode())


def test_an_invitation_becomes_a_meeting_and_a_change_letter_updates_it(
    central: Central, axis: ApiClient, desk: Desk, tmp_path: Path
) -> None:
    post(axis, write_document_packet(INVITE))
    assert desk.sync().problem is None
    meeting = meeting_of(desk)
    assert meeting.starts_at == datetime(2026, 11, 27, 8, 30, tzinfo=VN_TZ)
    assert meeting.place == "Hội trường A, số 86 Lê Thánh Tôn, Phường Sài Gòn"
    assert meeting.chair == "Nguyễn Văn Hùng - Phó Chủ tịch Ủy ban nhân dân Thành phố"
    assert (meeting.link, meeting.room, meeting.online) == ("https://hop.tphcm.gov.vn/p/ubnd-1127", "823 114 907", True)
    assert (meeting.sequence, meeting.cancelled) == (0, False)
    assert meeting.organiser == "Ủy ban nhân dân Thành phố Hồ Chí Minh"
    keep_own(desk, meeting, "Mang báo cáo số liệu", ("Nguyễn Thị Thu", "Lê Văn Bình"))
    confirmed = meeting_of(desk)
    assert confirmed.confirmed and confirmed.sequence == 1  # the calendar's TENTATIVE becomes CONFIRMED
    first = exported(desk, confirmed).vevent

    change = letter("530", "TB-UBND", "TB", "V/v thay đổi thời gian họp",
                    "Thay đổi thời gian họp tại Giấy mời số 512/GM-UBND ngày 24/11/2026 như sau:\n"
                    "Thời gian: 14 giờ 00 ngày 27/11/2026. Địa điểm: không thay đổi.")  # fmt: skip
    post(axis, write_document_packet(change))
    assert desk.sync().problem is None
    changed = meeting_of(desk)
    assert changed.id == meeting.id and changed.uid == meeting.uid
    assert changed.starts_at == datetime(2026, 11, 27, 14, 0, tzinfo=VN_TZ)
    assert changed.sequence == 2 and changed.changed_by == "530/TB-UBND"
    assert changed.place == meeting.place  # "không thay đổi" is no place
    assert (changed.note, changed.attendees) == ("Mang báo cáo số liệu", ["Nguyễn Thị Thu", "Lê Văn Bình"])
    assert changed.confirmed is False  # a new time: the official confirms again
    second = exported(desk, changed).vevent
    assert second.uid.value == first.uid.value and int(second.sequence.value) == int(first.sequence.value) + 1
    assert second.dtstart.value == datetime(2026, 11, 27, 14, 0, tzinfo=VN_TZ)

    # a re-sync (the service could no longer serve the cursor: a snapshot again) changes nothing
    with desk.cache.sessions.begin() as session:
        session.execute(update(SyncCheckpoint).values(cursor=None))
    assert desk.sync().problem is None
    again = meeting_of(desk)
    assert (again.sequence, again.starts_at, again.note) == (2, changed.starts_at, "Mang báo cáo số liệu")


def test_an_edxml_update_and_a_revocation_of_the_invitation(central: Central, axis: ApiClient, desk: Desk) -> None:
    post(axis, write_document_packet(INVITE))
    desk.sync()
    meeting = meeting_of(desk)
    keep_own(desk, meeting, "Đi cùng Văn phòng", ())
    moved = INVITATION.replace("Hội trường A, số 86 Lê Thánh Tôn", "Phòng họp số 3, số 86 Lê Thánh Tôn")
    post(axis, write_document_packet(replace(INVITE, content=moved, business_doc_type=2, business_reason="Đổi phòng",
                                             update_info=True)))  # fmt: skip
    desk.sync()
    updated = meeting_of(desk)
    assert updated.place == "Phòng họp số 3, số 86 Lê Thánh Tôn, Phường Sài Gòn"
    assert (updated.uid, updated.sequence, updated.note) == (meeting.uid, 2, "Đi cùng Văn phòng")

    post(axis, write_document_packet(replace(INVITE, business_doc_type=1, business_reason="Hủy cuộc họp")))
    desk.sync()
    cancelled = meeting_of(desk)
    assert cancelled.cancelled and cancelled.sequence == 3 and not cancelled.confirmed
    calendar = exported(desk, cancelled)
    assert calendar.method.value == "CANCEL"
    assert calendar.vevent.status.value == "CANCELLED" and calendar.vevent.uid.value == meeting.uid


def test_a_cancellation_letter_cancels_the_meeting_it_names(central: Central, axis: ApiClient, desk: Desk) -> None:
    post(axis, write_document_packet(INVITE))
    desk.sync()
    post(axis, write_document_packet(letter("531", "TB-UBND", "TB", "V/v hoãn cuộc họp theo Giấy mời số 512/GM-UBND",
                                            "Lý do: lãnh đạo bận công tác đột xuất.")))  # fmt: skip
    desk.sync()
    meeting = meeting_of(desk)
    assert meeting.cancelled and meeting.sequence == 1 and meeting.changed_by == "531/TB-UBND"
