"""Reading meetings out of Vietnamese invitations and the letters that change or cancel them, written as
wards and departments write them: labelled or in one sentence, with or without diacritics."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.domain.invitations import InvitationRef, looks_like_meeting_letter, read_letter
from app.domain.working_calendar import VN_TZ

ISSUED = date(2026, 3, 10)


def at(day: int, hour: int, minute: int = 0, month: int = 3, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


LABELLED = """ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH
TP. Hồ Chí Minh, ngày 10 tháng 3 năm 2026
GIẤY MỜI
Họp triển khai công tác chuyển đổi số năm 2026
Ủy ban nhân dân Thành phố trân trọng kính mời: Chủ tịch Ủy ban nhân dân các phường, xã, đặc khu.
Thời gian: 08 giờ 00 phút, thứ Hai, ngày 16/3/2026.
Địa điểm: Hội trường A, Trụ sở Ủy ban nhân dân Thành phố, số 86 Lê Thánh Tôn, Phường Sài Gòn.
Chủ trì: Đồng chí Nguyễn Văn Hùng - Phó Chủ tịch Ủy ban nhân dân Thành phố.
Hình thức: trực tuyến qua Hệ thống hội nghị truyền hình của Thành phố,
đường dẫn: https://hop.tphcm.gov.vn/p/ubnd-2026-031, mã phòng: 823 114 907, mật khẩu: 2026.
Đề nghị các đơn vị tham dự đúng thành phần."""


def test_a_labelled_invitation_gives_every_fact() -> None:
    reading = read_letter("Giấy mời họp triển khai công tác chuyển đổi số năm 2026", LABELLED, "GM", "45", "GM-UBND",
                          ISSUED)  # fmt: skip
    facts = reading.facts
    assert reading.invitation and not reading.cancels and reading.refers_to == ()
    assert facts.starts_at == at(16, 8)
    assert facts.place == "Hội trường A, Trụ sở Ủy ban nhân dân Thành phố, số 86 Lê Thánh Tôn, Phường Sài Gòn"
    assert facts.chair == "Nguyễn Văn Hùng - Phó Chủ tịch Ủy ban nhân dân Thành phố"
    assert facts.link == "https://hop.tphcm.gov.vn/p/ubnd-2026-031"
    assert facts.room == "823 114 907 (mật khẩu: 2026)"
    assert facts.online
    assert facts.title == "Họp triển khai công tác chuyển đổi số năm 2026"


def test_the_same_invitation_typed_without_diacritics_reads_the_same() -> None:
    plain = """GIAY MOI
Thoi gian: 8 gio 00, thu Hai, ngay 16/3/2026.
Dia diem: Hoi truong A, UBND Thanh pho.
Chu tri: Dong chi Nguyen Van Hung, Pho Chu tich UBND Thanh pho.
Duong dan: https://hop.tphcm.gov.vn/p/ubnd-2026-031"""
    facts = read_letter("Giay moi hop trien khai chuyen doi so", plain, "GM", "45", "GM-UBND", ISSUED).facts
    assert facts.starts_at == at(16, 8)
    assert facts.place == "Hoi truong A, UBND Thanh pho"
    assert facts.chair == "Nguyen Van Hung, Pho Chu tich UBND Thanh pho"
    assert facts.link == "https://hop.tphcm.gov.vn/p/ubnd-2026-031"


@pytest.mark.parametrize(
    ("content", "starts", "ends"),
    [
        ("Thời gian: 14 giờ 30 phút, ngày 12/3/2026 (thứ Năm).", at(12, 14, 30), None),
        ("Thời gian: 14h00, thứ Năm, ngày 12 tháng 3 năm 2026.", at(12, 14), None),
        ("Vào lúc 8g30 ngày 05-04-2026 tại Phòng họp số 2.", at(5, 8, 30, month=4), None),
        ("Thời gian: từ 08 giờ 00 đến 11 giờ 30 ngày 17/3/2026.", at(17, 8), at(17, 11, 30)),
        ("Thời gian: ngày 18/3/2026, từ 13h30 - 16h30.", at(18, 13, 30), at(18, 16, 30)),
        ("Thời gian: 2 giờ chiều thứ Sáu, ngày 20/3/2026.", at(20, 14), None),
        ("Thoi gian: 7 gio 30 sang ngay 19/3/2026", at(19, 7, 30), None),
        ("Thời gian: 08:00 ngày 21/3/2026.", at(21, 8), None),
        ("Thời gian: 9 giờ, ngày 23/3 (thứ Hai).", at(23, 9), None),  # no year: the letter's
        ("Thời gian: 08 giờ 00, ngày 16/3/26.", at(16, 8), None),
        ("kính mời dự họp vào lúc 15 giờ ngày 24 tháng 3 năm 2026 tại Hội trường Phường.", at(24, 15), None),
        ("Thời gian: 1 buổi, bắt đầu lúc 7 giờ 30 phút sáng thứ Ba, ngày 17/3/2026.", at(17, 7, 30), None),
    ],
)
def test_times_as_they_are_written(content: str, starts: datetime, ends: datetime | None) -> None:
    facts = read_letter("Giấy mời họp", content, "GM", "1", "GM-UBND", ISSUED).facts
    assert (facts.starts_at, facts.ends_at) == (starts, ends)


def test_a_december_letter_without_a_year_means_the_next_january() -> None:
    facts = read_letter("Giấy mời", "Thời gian: 8 giờ ngày 05/01", "GM", "9", "GM-UBND", date(2026, 12, 28)).facts
    assert facts.starts_at == datetime(2027, 1, 5, 8, tzinfo=VN_TZ)


def test_the_issue_date_of_the_header_is_never_the_meeting() -> None:
    content = "Thủ Dầu Một, ngày 10 tháng 3 năm 2026\nKính mời dự họp lúc 14 giờ ngày 13/3/2026."
    assert read_letter("Giấy mời", content, "GM", "3", "GM-UBND", ISSUED).facts.starts_at == at(13, 14)


def test_inline_place_and_chair_in_one_sentence() -> None:
    content = (
        "Ủy ban nhân dân Phường trân trọng kính mời đại diện lãnh đạo các khu phố dự họp vào lúc 8 giờ 30 ngày "
        "18/3/2026 tại Phòng họp số 1, Ủy ban nhân dân Phường Thủ Dầu Một, do đồng chí Trần Thị Mai, Phó Chủ tịch "
        "Ủy ban nhân dân Phường chủ trì."
    )
    facts = read_letter("V/v mời họp giao ban khu phố", content, "", None, None, ISSUED).facts
    assert facts.starts_at == at(18, 8, 30)
    assert facts.place == "Phòng họp số 1, Ủy ban nhân dân Phường Thủ Dầu Một"
    assert facts.chair == "Trần Thị Mai, Phó Chủ tịch Ủy ban nhân dân Phường"
    assert not facts.online


def test_a_place_in_the_city_keeps_its_abbreviation() -> None:
    content = "Thời gian: 8 giờ ngày 16/3/2026.\nĐịa điểm: Sở Nội vụ TP. Hồ Chí Minh, số 132 Cô Bắc, P. Cầu Ông Lãnh."
    facts = read_letter("Giấy mời", content, "GM", "2", "GM-SNV", ISSUED).facts
    assert facts.place == "Sở Nội vụ TP. Hồ Chí Minh, số 132 Cô Bắc, P. Cầu Ông Lãnh"


def test_an_online_meeting_with_a_meeting_id_only() -> None:
    content = "Thời gian: 9 giờ ngày 16/3/2026. Hình thức: họp trực tuyến. Meeting ID: 915 2231 8874; Passcode: abc123"
    facts = read_letter("Giấy mời họp trực tuyến", content, "GM", "2", "GM-SNV", ISSUED).facts
    assert facts.online and facts.link == ""
    assert facts.room == "915 2231 8874 (mật khẩu: abc123)"


def test_a_letter_of_another_kind_without_a_time_is_no_invitation() -> None:
    reading = read_letter("V/v báo cáo kết quả cải cách thủ tục hành chính", "Đề nghị báo cáo trước ngày 20/3/2026.",
                          "", "12", "UBND-VP", ISSUED)  # fmt: skip
    assert not reading.invitation
    gm_without_time = read_letter("Giấy mời họp", "Thời gian: sẽ thông báo sau.", "GM", "4", "GM-UBND", ISSUED)
    assert not gm_without_time.invitation and gm_without_time.facts.starts_at is None


def test_a_change_letter_names_the_invitation_and_gives_the_new_time() -> None:
    content = (
        "Ủy ban nhân dân Phường thông báo thay đổi thời gian họp tại Giấy mời số 12/GM-UBND ngày 05/3/2026 "
        "như sau:\nThời gian: 14 giờ 00 ngày 17/3/2026.\nĐịa điểm: không thay đổi."
    )
    reading = read_letter("V/v thay đổi thời gian họp", content, "TB", "15", "TB-UBND", ISSUED)
    assert reading.refers_to == (InvitationRef("12", "gm-ubnd"),)
    assert reading.facts.starts_at == at(17, 14)
    assert reading.facts.place == ""  # "không thay đổi": the place stays as it was
    assert not reading.cancels


def test_a_change_in_one_sentence_takes_the_new_time_not_the_old_one() -> None:
    content = "dời cuộc họp theo Giấy mời số 12/GM-UBND từ 8 giờ ngày 16/3/2026 sang 14 giờ 30 ngày 17/3/2026."
    reading = read_letter("V/v dời lịch họp", content, "", "16", "UBND-VP", ISSUED)
    assert reading.facts.starts_at == at(17, 14, 30)
    assert not reading.cancels


@pytest.mark.parametrize(
    "subject",
    [
        "V/v hoãn cuộc họp theo Giấy mời số 12/GM-UBND",
        "Thông báo hủy Giấy mời số 012/GM-UBND",
        "V/v tam hoan cuoc hop (Giay moi so 12/GM-UBND)",
        "Không tổ chức họp theo Giấy mời số 12/GM-UBND ngày 05/3/2026",
    ],
)
def test_cancellations(subject: str) -> None:
    reading = read_letter(subject, "Lý do: lãnh đạo bận công tác đột xuất.", "TB", "20", "TB-UBND", ISSUED)
    assert reading.cancels
    assert reading.refers_to == (InvitationRef("12", "gm-ubnd"),)


def test_a_postponement_to_a_new_time_is_a_change() -> None:
    reading = read_letter("V/v hoãn cuộc họp", "Hoãn cuộc họp tại Giấy mời số 12/GM-UBND sang 9 giờ ngày 20/3/2026.",
                          "TB", "21", "TB-UBND", ISSUED)  # fmt: skip
    assert not reading.cancels and reading.facts.starts_at == at(20, 9)


def test_an_invitation_mentioning_a_postponement_does_not_cancel_itself() -> None:
    content = "Thời gian: 8 giờ ngày 16/3/2026. Trường hợp hoãn cuộc họp, Văn phòng sẽ thông báo sau."
    reading = read_letter("Giấy mời họp", content, "GM", "30", "GM-UBND", ISSUED)
    assert reading.invitation and not reading.cancels


def test_the_same_letter_read_twice_has_the_same_digest() -> None:
    one = read_letter("Giấy mời họp", LABELLED, "GM", "45", "GM-UBND", ISSUED)
    two = read_letter("Giấy mời họp", LABELLED, "GM", "45", "GM-UBND", ISSUED)
    other = read_letter("Giấy mời họp", LABELLED.replace("16/3/2026", "17/3/2026"), "GM", "45", "GM-UBND", ISSUED)
    assert one.digest() == two.digest() != other.digest()


def test_numbers_that_are_not_times() -> None:
    content = "Căn cứ Quyết định số 15/2026/QĐ-UBND; phòng 2 hội trường; diện tích 2 ha. Thời gian: 8h30 ngày 16/3/2026"
    facts = read_letter("Giấy mời", content, "GM", "5", "GM-UBND", ISSUED).facts
    assert facts.starts_at == at(16, 8, 30)


def test_the_first_look_is_cheap_and_wide() -> None:
    assert looks_like_meeting_letter("GM", None, "Giấy mời", None)
    assert looks_like_meeting_letter("", "GM-UBND", "Về việc", None)
    assert looks_like_meeting_letter("TB", "TB-UBND", "V/v hoãn cuộc họp", None)
    assert looks_like_meeting_letter("", "UBND-VP", "V/v", "theo Giấy mời số 12/GM-UBND")
    assert not looks_like_meeting_letter("QĐ", "QĐ-UBND", "Quyết định thành lập tổ công tác", "Điều 1. Thành lập")
