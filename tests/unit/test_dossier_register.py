"""The dossier register's lines (form 07): order, numbering, the times its history gives, and the
notes that say where each dossier stands when the register is printed."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

from app.domain.dossier_record import DossierRecord, first_event, record_of
from app.domain.workflow import DossierState
from app.domain.working_calendar import VN_TZ
from app.dossier_register import register_html, register_lines, unit_heading
from app.form_templates import BREAK_OPPORTUNITY

S = DossierState
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=VN_TZ)  # a Wednesday morning
SOON_UNTIL = datetime(2026, 11, 26, 9, 30, tzinfo=VN_TZ)  # one working day on


def vn(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=VN_TZ)


def record(number: int, state: DossierState, received: datetime, due: datetime, **fields: object) -> DossierRecord:
    values: dict = {
        "id": number,
        "code": f"000.00.57.H29-2611{received.day:02d}-{number:04d}",
        "procedure_code": "1.001193",
        "procedure_name": "Đăng ký khai sinh",
        "applicant_name": "Nguyễn Thị Lan",
        "applicant_address": "12 đường Yersin, phường Thủ Dầu Một",
        "applicant_phone": "0912345678",
        "channel": "in_person",
        "received_at": received,
        "due_at": due,
        "finished_at": None,
        "state": int(state),
    }
    return DossierRecord(**{**values, **fields})  # type: ignore[arg-type]


RECORDS = [
    record(1, S.RETURNED, vn(11, 3), vn(11, 5, 17), finished_at=vn(11, 4, 10), returned_at=vn(11, 6, 8)),
    record(2, S.RETURNED, vn(11, 3, 8), vn(11, 5, 17), finished_at=vn(11, 5, 17, 1), channel="online"),  # late
    record(3, S.IN_PROGRESS, vn(11, 10), vn(11, 24, 17), started_at=vn(11, 10, 14)),  # overdue
    record(4, S.ACCEPTED, vn(11, 24), vn(11, 26, 8), channel="post"),  # due soon
    record(5, S.IN_PROGRESS, vn(11, 24), vn(11, 28, 17)),  # in time: no note
    record(6, S.SUPPLEMENT_REQUESTED, vn(11, 5), vn(11, 7)),  # paused, though past its old due time
    record(7, S.STOPPED, vn(11, 6), vn(11, 20), finished_at=vn(11, 18, 15)),
    record(8, S.NOT_ACCEPTED, vn(11, 7), vn(11, 7), finished_at=vn(11, 7, 9, 20)),
    record(9, 11, vn(11, 8), vn(11, 9)),  # a status newer than this client  # type: ignore[arg-type]
    record(10, S.PROCESSED, vn(11, 12), vn(11, 14, 17), finished_at=vn(11, 14, 17)),  # at the due time: on time
    record(11, S.WITHDRAWAL_REQUESTED, vn(11, 13), vn(11, 20, 17)),  # its clock still runs: overdue too
]


def test_lines_are_numbered_in_the_order_received() -> None:
    shuffled = [RECORDS[4], RECORDS[0], RECORDS[2], RECORDS[1]]
    lines = register_lines(shuffled, NOW, SOON_UNTIL)
    assert [line.number for line in lines] == [1, 2, 3, 4]
    assert [line.record.id for line in lines] == [2, 1, 3, 5]  # 08:00 before 09:00 on 03/11


def test_the_notes_say_where_each_dossier_stands() -> None:
    notes = {line.record.id: line.notes for line in register_lines(RECORDS, NOW, SOON_UNTIL)}
    assert notes == {
        1: (),
        2: ("Nộp trực tuyến", "Trễ hạn"),
        3: ("Quá hạn",),
        4: ("Nộp qua bưu chính", "Sắp đến hạn"),
        5: (),
        6: ("Chờ bổ sung hồ sơ",),  # its clock is paused: not overdue
        7: ("Dừng xử lý ngày 18/11/2026",),
        8: ("Không tiếp nhận",),
        9: (),
        10: (),
        11: ("Xin rút hồ sơ", "Quá hạn"),
    }


def test_only_a_recorded_result_is_a_result() -> None:
    results = {line.record.id: line.result_at for line in register_lines(RECORDS, NOW, SOON_UNTIL)}
    assert results[1] == vn(11, 4, 10) and results[10] == vn(11, 14, 17)
    assert results[7] is None and results[8] is None  # a stop or a refusal is no result
    assert results[3] is None


def test_the_history_gives_when_processing_began_and_the_result_went_back() -> None:
    history = [
        {"at": "2026-11-03T09:00:00+07:00", "action": "register", "state": 2},
        {"at": "2026-11-03T14:00:00+07:00", "action": "start_processing", "state": 4},
        {"at": "2026-11-04T08:00:00+07:00", "action": "request_supplement", "state": 5},
        {"at": "2026-11-05T08:00:00+07:00", "action": "supplement_received", "state": 4},  # not the first start
        {"at": "2026-11-06T10:00:00+07:00", "action": "record_result", "state": 9},
        {"at": "2026-11-07T16:45:00+07:00", "action": "return_result", "state": 10},
    ]
    fields = {key: value for key, value in vars(RECORDS[0]).items() if key not in ("started_at", "returned_at")}
    made = record_of(fields, history)
    assert (made.started_at, made.returned_at) == (vn(11, 3, 14), vn(11, 7, 16, 45))
    # An older server writes only the new state; a naive or unreadable time is no time at all.
    assert first_event([{"at": "2026-11-03T02:00:00+00:00", "state": 4}], "start_processing", S.IN_PROGRESS) == vn(
        11, 3, 9
    )
    assert first_event([{"at": "2026-11-03T09:00:00", "state": 4}], "start_processing", S.IN_PROGRESS) is None
    assert first_event([{"at": "hôm qua", "action": "return_result"}], "return_result", S.RETURNED) is None
    comment = {"at": "2026-11-03T09:00:00+07:00", "action": "comment", "state": 4}  # an action, not a start
    assert first_event([comment], "start_processing", S.IN_PROGRESS) is None


def test_the_printed_register_escapes_what_citizens_typed_and_lets_codes_break_at_hyphens() -> None:
    hostile = replace(RECORDS[0], applicant_name="<script>alert(1)</script>", applicant_address="<b>12 & 14</b>")
    page = register_html(register_lines([hostile, *RECORDS[1:3]], NOW, SOON_UNTIL), "Ủy ban nhân dân phường Sài Gòn",
                         (date(2026, 11, 1), date(2026, 11, 30)), NOW)  # fmt: skip
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;12 &amp; 14&lt;/b&gt;, 0912345678" in page
    assert "SỔ THEO DÕI HỒ SƠ" in page and "Từ ngày 01/11/2026 đến ngày 30/11/2026" in page
    assert "ỦY BAN NHÂN DÂN<br><b>PHƯỜNG SÀI GÒN</b>" in page
    code = RECORDS[1].code.replace("-", "-" + BREAK_OPPORTUNITY)
    assert code in page
    assert "Tổng số: 3 hồ sơ. In lúc 09:30 ngày 25/11/2026." in page
    assert len(re.findall(r'<th class="index">\(\d+\)</th>', page)) == 12


def test_a_unit_that_is_not_a_people_s_committee_keeps_its_name() -> None:
    assert unit_heading("Ủy ban nhân dân Phường Thủ Dầu Một") == ("ỦY BAN NHÂN DÂN", "PHƯỜNG THỦ DẦU MỘT")
    assert unit_heading("Đặc khu Côn Đảo") == ("", "ĐẶC KHU CÔN ĐẢO")
