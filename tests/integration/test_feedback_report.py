"""The month's 1022 figures on a real cache: received and carried over, answered on time and late,
open in time and overdue, sent back apart, by category; an answer still in the outbox; and the
monthly report's workbook and page, which carry the same figures."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import astuple
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import insert, select

from app.feedback_report import COLUMNS, figures, report_html
from app.report_workbooks import feedback_report_xlsx
from app.reports import FeedbackFigures, feedback_month_report
from app.workbench import Workbench
from local_db.models import Account, Feedback
from tests.conftest import DEMO_NOW
from tests.demo_feedback import fill_demo_feedback
from tests.integration.helpers import add_source, feedback_row, insert_reports
from tests.integration.test_reports import NOVEMBER, OCTOBER, vn

UNIT = "Ủy ban nhân dân phường Thủ Dầu Một"
# code: (category, state, routed, due, finished, committed). DEMO_NOW is Wednesday 25/11/2026 09:30.
REPORTS: dict[str, tuple[str, str, datetime, datetime, datetime | None, date | None]] = {
    "on-time-exact": ("Sự cố hạ tầng", "answered", vn(11, 10, 8), vn(11, 17, 17), vn(11, 17, 17), None),
    "late-minute": ("Sự cố hạ tầng", "answered", vn(11, 11), vn(11, 18, 17), vn(11, 18, 17, 1), None),
    # a progress note promised 13/11; answered on 12/11, three days past the due time: late all the same
    "late-committed": ("Giao thông", "answered", vn(11, 2), vn(11, 9, 17), vn(11, 12, 10), date(2026, 11, 13)),
    "sent-back": ("Giao thông", "sent_back", vn(11, 5), vn(11, 12, 17), vn(11, 5, 14), None),
    "last-evening": ("Vệ sinh môi trường", "assigned", vn(10, 31, 23, 30), vn(11, 7, 17), None, None),
    "first-instant": ("Vệ sinh môi trường", "answer_drafted", vn(11, 1, 0), vn(11, 26, 17), None, None),
    "overdue": ("Trật tự đô thị", "accepted", vn(11, 14), vn(11, 21, 17), None, date(2026, 11, 27)),
    "carried-answered": ("Y tế", "answered", vn(10, 27), vn(11, 3, 17), vn(11, 2), None),
    "october-answered": ("Y tế", "answered", vn(10, 5), vn(10, 12, 17), vn(10, 9), None),
    "october-sent-back": ("Khác", "sent_back", vn(10, 20), vn(10, 27, 17), vn(10, 20, 15), None),
    "newer-state": ("Khác", "escalated", vn(11, 20), vn(11, 27, 17), None, None),  # from a newer service
    "approved": ("Du lịch", "answer_approved", vn(11, 16), vn(11, 23, 17), None, None),  # answered below
}


def report_fields(code: str) -> dict[str, Any]:
    category, state, routed, due, finished, committed = REPORTS[code]
    return {"category": category, "state": state, "received_at": routed, "routed_at": routed, "due_at": due,
            "finished_at": finished, "committed_on": committed}  # fmt: skip


@pytest.fixture
def cache(workbench: Workbench) -> Workbench:
    with workbench.cache.engine.begin() as connection:
        source = add_source(connection)
        account = {"login": "thu.nt", "display_name": "Nguyễn Thị Thu", "unit_code": "000.00.57.H29", "role": "new"}
        connection.execute(insert(Account).values(source_id=source, status="active", created_at=DEMO_NOW, **account))
        content = "Đèn chiếu sáng công cộng bị hỏng nhiều ngày."
        insert_reports(connection, [feedback_row(source, code, content, **report_fields(code)) for code in REPORTS])
    return workbench


def summed(rows: Iterable[FeedbackFigures]) -> tuple[int, ...]:
    return tuple(sum(column) for column in zip(*(astuple(row) for row in rows), strict=True))


def answer_offline(workbench: Workbench, code: str) -> None:
    """Send the approved answer from the desk, with no service to take it: it waits in the outbox."""
    with workbench.cache.sessions() as session:
        report_id = session.scalar(select(Feedback.id).where(Feedback.code == code))
    workbench.perform("feedback", report_id, "send_answer", {"publish": False})
    with workbench.cache.sessions() as session:
        report = session.get(Feedback, report_id)
        assert report is not None and (report.state, report.finished_at) == ("answered", None)


def test_the_current_month_counts_every_report_where_the_rules_put_it(cache: Workbench) -> None:
    answer_offline(cache, "approved")  # due 23/11 17:00, leaving now at the earliest: late
    report = feedback_month_report(cache.cache.sessions, date(2026, 11, 25), DEMO_NOW)
    assert (report.month, report.as_of) == (NOVEMBER, DEMO_NOW)
    assert report.total == FeedbackFigures(
        received=8,  # all of November's, newer-state too
        carried_over=2,  # last-evening (routed 31/10 23:30), carried-answered
        answered_on_time=2,  # on-time-exact (at the due time itself), carried-answered
        answered_late=3,  # late-minute, late-committed (a committed date is no deadline), approved
        open_in_time=1,  # first-instant
        open_overdue=2,  # overdue (its committed date notwithstanding), last-evening
        sent_back=1,  # sent-back, neither on time nor late; october-sent-back is October's
    )
    total = report.total
    assert total.received_with_carried_over == total.answered + total.in_progress + total.sent_back + 1  # newer
    by_category = {item.category: item.figures for item in report.categories}
    assert [item.category for item in report.categories] == [
        "Giao thông", "Sự cố hạ tầng", "Vệ sinh môi trường", "Du lịch", "Khác", "Trật tự đô thị", "Y tế",
    ]  # fmt: skip  # the most reports first, then by name
    assert by_category["Giao thông"] == FeedbackFigures(received=2, answered_late=1, sent_back=1)
    assert by_category["Vệ sinh môi trường"] == FeedbackFigures(
        received=1, carried_over=1, open_in_time=1, open_overdue=1
    )
    assert by_category["Khác"] == FeedbackFigures(received=1)  # a state this client does not know
    assert astuple(total) == summed(by_category.values())


def test_a_past_month_is_counted_as_it_stood_at_its_end(cache: Workbench) -> None:
    report = feedback_month_report(cache.cache.sessions, OCTOBER, DEMO_NOW)
    assert report.as_of == vn(11, 1, 0)
    assert report.total == FeedbackFigures(
        received=4,  # last-evening, carried-answered, october-answered, october-sent-back
        answered_on_time=1,  # october-answered
        open_in_time=2,  # last-evening and carried-answered: open on 31/10 at midnight, due in November
        sent_back=1,
    )


def test_the_month_boundaries_are_vietnam_time(cache: Workbench) -> None:
    at_midnight = feedback_month_report(cache.cache.sessions, NOVEMBER, vn(11, 1, 0))
    assert at_midnight.total.received == 1 and at_midnight.categories[0].category == "Vệ sinh môi trường"
    assert at_midnight.total.carried_over == 2  # last-evening and carried-answered, both open then


def test_an_empty_cache_and_a_month_not_begun(workbench: Workbench) -> None:
    report = feedback_month_report(workbench.cache.sessions, NOVEMBER, DEMO_NOW)
    assert (report.categories, report.total) == ([], FeedbackFigures())
    with pytest.raises(ValueError, match="12/2026"):
        feedback_month_report(workbench.cache.sessions, date(2026, 12, 1), DEMO_NOW)


def test_on_demo_data_every_report_ends_somewhere_month_by_month(workbench: Workbench) -> None:
    sent_back = fill_demo_feedback(workbench, 300)
    assert sent_back > 3
    for month in (date(2026, 8, 1), date(2026, 9, 1), date(2026, 10, 1), NOVEMBER):
        report = feedback_month_report(workbench.cache.sessions, month, DEMO_NOW)
        total = report.total
        assert total.received_with_carried_over == total.answered + total.in_progress + total.sent_back
        assert summed(item.figures for item in report.categories) == astuple(total)
    assert total.received > 20 and total.carried_over > 0 and total.answered_late > 0 and total.open_overdue > 0


def test_the_workbook_and_the_page_carry_the_same_figures(cache: Workbench, tmp_path: Path) -> None:
    report = feedback_month_report(cache.cache.sessions, OCTOBER, DEMO_NOW)
    path = tmp_path / "phản ánh.xlsx"
    feedback_report_xlsx(report, path, UNIT)

    sheet = load_workbook(path).active
    assert sheet["A3"].value == "BÁO CÁO KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ QUA HỆ THỐNG 1022"
    assert [sheet["A4"].value, sheet["A5"].value] == ["Tháng 10 năm 2026", "Số liệu tính đến hết ngày 31/10/2026"]
    groups = [cell.value for cell in sheet[7] if cell.value]
    assert groups == ["STT", "Lĩnh vực", "Số phản ánh tiếp nhận", "Số phản ánh đã trả lời", "Số phản ánh đang xử lý",
                      "Trả lại 1022"]  # fmt: skip
    assert [cell.value for cell in sheet[8]][2:] == [column.header for column in COLUMNS]
    assert sheet.freeze_panes == "C10" and sheet.page_setup.orientation == "landscape"
    rows = list(sheet.iter_rows(min_row=10, max_row=10 + len(report.categories), values_only=True))
    assert [row[:2] for row in rows] == [(1, "Y tế"), (2, "Khác"), (3, "Vệ sinh môi trường"), (None, "Tổng cộng")]
    assert list(rows[-1][2:]) == figures(report.total) == [4, 4, 0, 1, 1, 0, 2, 2, 0, 1]

    page = report_html(report, UNIT)
    total_row = page.split('<tr class="total">')[1]
    assert [int(n) for n in re.findall(r"<b>(\d+)</b>", total_row)] == figures(report.total)
    assert "Số liệu tính đến hết ngày 31/10/2026" in page and "Vệ sinh môi trường" in page
    current = report_html(feedback_month_report(cache.cache.sessions, NOVEMBER, DEMO_NOW), UNIT)
    assert "Tháng 11 năm 2026" in current and "Số liệu tính đến 09:30 ngày 25/11/2026" in current
