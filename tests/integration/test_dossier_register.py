"""The dossier register (form 07) from a real cache: which dossiers a period holds, Vietnam's days
as its boundaries, and the Excel copy read back the way a spreadsheet reads it."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.domain.dossier_standing import due_soon_until
from app.domain.workflow import DossierState
from app.domain.working_calendar import VN_TZ
from app.dossier_register import register_lines
from app.report_workbooks import register_xlsx
from app.workbench import Workbench
from tests.conftest import DEMO_NOW
from tests.integration.helpers import add_source, dossier_row, insert_dossiers

S = DossierState
NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def vn(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=VN_TZ)


# code: (state, received, due, finished, history)
DOSSIERS = {
    "before": (S.RETURNED, vn(10, 31, 23, 59), vn(11, 3, 17), vn(11, 2, 10), []),  # 16:59 UTC: October
    "first": (S.RETURNED, vn(11, 1, 0), vn(11, 4, 17), vn(11, 3, 10), [
        {"at": "2026-11-02T08:00:00+07:00", "action": "start_processing", "state": 4},
        {"at": "2026-11-03T10:00:00+07:00", "action": "record_result", "state": 9},
        {"at": "2026-11-05T15:30:00+07:00", "action": "return_result", "state": 10},
    ]),
    "late": (S.PROCESSED, vn(11, 12), vn(11, 14, 17), vn(11, 17, 9), []),
    "overdue": (S.IN_PROGRESS, vn(11, 18), vn(11, 24, 17), None, []),
    "last": (S.ACCEPTED, vn(11, 30, 23, 59), vn(12, 2, 17), None, []),  # received after now: still November's
    "after": (S.ACCEPTED, vn(12, 1, 0), vn(12, 3, 17), None, []),
}  # fmt: skip


@pytest.fixture
def cache(workbench: Workbench) -> Workbench:
    with workbench.cache.engine.begin() as connection:
        source = add_source(connection)
        rows = []
        for code, (state, received, due, finished, history) in DOSSIERS.items():
            fields = {"state": int(state), "received_at": received, "due_at": due, "finished_at": finished}
            rows.append(dossier_row(source, code, "Trần Văn Bình", "Đăng ký khai sinh", **fields, history=history,
                                    applicant_address="5 đường Lê Lợi", applicant_phone="0909000111"))  # fmt: skip
        rows.append(dossier_row(source, "=HYPERLINK(1)", "=cmd|'/C calc'!A0", "+Đăng ký", received_at=vn(11, 20),
                                finished_at=None, applicant_address=None, applicant_phone=None))  # fmt: skip
        insert_dossiers(connection, rows)
    return workbench


def lines_of(workbench: Workbench, period: tuple[date, date]) -> list:
    now = workbench.clock.now()
    return register_lines(workbench.dossiers_received(*period), now, due_soon_until(now, workbench.calendar()))


def test_a_period_holds_the_dossiers_received_on_its_days_in_vietnam(cache: Workbench) -> None:
    codes = [record.code for record in cache.dossiers_received(*NOVEMBER)]
    assert codes == ["first", "late", "overdue", "=HYPERLINK(1)", "last"]
    assert [record.code for record in cache.dossiers_received(date(2026, 10, 31), date(2026, 10, 31))] == ["before"]
    assert [record.code for record in cache.dossiers_received(date(2026, 12, 1), date(2026, 12, 31))] == ["after"]
    first = cache.dossiers_received(date(2026, 11, 1), date(2026, 11, 1))
    assert [(r.code, r.started_at, r.returned_at) for r in first] == [("first", vn(11, 2, 8), vn(11, 5, 15, 30))]


def test_the_register_workbook_reads_back(cache: Workbench, tmp_path: Path) -> None:
    lines = lines_of(cache, NOVEMBER)
    path = tmp_path / "exports" / "sổ theo dõi.xlsx"
    path.parent.mkdir()
    path.write_bytes(b"an older register")  # replaced whole
    register_xlsx(lines, path, "Ủy ban nhân dân phường Sài Gòn", NOVEMBER, DEMO_NOW)

    book = load_workbook(path)
    assert len(book.worksheets) == 1
    sheet = book.active
    assert sheet.title == "Sổ theo dõi hồ sơ"
    assert [sheet["A1"].value, sheet["A2"].value] == ["ỦY BAN NHÂN DÂN", "PHƯỜNG SÀI GÒN"]
    assert sheet["A3"].value == "SỔ THEO DÕI HỒ SƠ" and sheet["A4"].value == "Từ ngày 01/11/2026 đến ngày 30/11/2026"
    header = [cell.value for cell in sheet[6]]
    assert header[:3] == ["STT", "Mã hồ sơ", "Thủ tục hành chính"] and header[-1] == "Ghi chú"
    assert [cell.value for cell in sheet[7]][11:13] == ["Ngày trả", "Người nhận ký, ghi rõ họ tên"]
    assert [cell.value for cell in sheet[8]][-1] == "(14)"
    assert sheet.freeze_panes == "A9" and sheet.print_title_rows == "$6:$8"
    setup = sheet.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.column_dimensions["D"].width > sheet.column_dimensions["A"].width
    assert sheet["D9"].alignment.wrap_text

    rows = list(sheet.iter_rows(min_row=9, max_row=8 + len(lines), values_only=True))
    assert [row[0] for row in rows] == [1, 2, 3, 4, 5]
    first = rows[0]
    assert first[1:7] == ("first", "1.001193", "Đăng ký khai sinh", "Trần Văn Bình", "5 đường Lê Lợi", "0909000111")
    assert first[7:12] == (datetime(2026, 11, 1, 0, 0), datetime(2026, 11, 4, 17, 0), datetime(2026, 11, 2),
                           datetime(2026, 11, 3), datetime(2026, 11, 5))  # fmt: skip
    assert sheet["H9"].is_date and sheet["H9"].number_format == "dd/mm/yyyy hh:mm"
    assert sheet["J9"].is_date and sheet["J9"].number_format == "dd/mm/yyyy"
    assert rows[1][1] == "late" and rows[1][10] == datetime(2026, 11, 17) and rows[1][13] == "Nộp trực tuyến; Trễ hạn"
    assert rows[2][13] == "Nộp trực tuyến; Quá hạn"
    hostile = rows[3]
    assert hostile[1:5] == ("=HYPERLINK(1)", "1.001193", "+Đăng ký", "=cmd|'/C calc'!A0")
    assert sheet["B12"].data_type == "s" and sheet["B12"].quotePrefix
    with zipfile.ZipFile(path) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()  # not one formula
    assert sheet.cell(9 + len(lines) + 1, 1).value == "Tổng số: 5 hồ sơ. In lúc 09:30 ngày 25/11/2026."
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind
