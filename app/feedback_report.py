"""The monthly report on citizens' reports routed by the 1022 system, by category: rows are the
categories with a total row, columns grouped as the dashboard counts them (received in the month and
carried over; answered on time / late; in progress within / past the due time; sent back to 1022 as
not the unit's competence). The figures are ``app.reports.feedback_month_report``, the dashboard's
own rules, so the two always agree; "on time" is against the due time, never a committed date.

Written in Vietnamese whatever the window's language, as the monthly report by procedure
(``app.procedure_report``, whose heading lines it shares). Its layout is the template
``resources/forms/bao-cao-thang-phan-anh-1022.html``; the Excel copy is ``app.report_workbooks``.
"""

from __future__ import annotations

from app.dossier_register import unit_heading
from app.form_templates import render
from app.procedure_report import TOTAL_LABEL, Column, Group, as_of_text, month_text
from app.reports import FeedbackFigures, FeedbackMonthReport

TEMPLATE = "bao-cao-thang-phan-anh-1022.html"
TITLE = "BÁO CÁO KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ QUA HỆ THỐNG 1022"
GROUPS = (
    Group("Số phản ánh tiếp nhận", (
        Column("Tổng số", "received_with_carried_over"),
        Column("Trong tháng", "received"),
        Column("Từ kỳ trước", "carried_over"),
    )),
    Group("Số phản ánh đã trả lời", (
        Column("Tổng số", "answered"),
        Column("Đúng hạn", "answered_on_time"),
        Column("Quá hạn", "answered_late"),
    )),
    Group("Số phản ánh đang xử lý", (
        Column("Tổng số", "in_progress"),
        Column("Trong hạn", "open_in_time"),
        Column("Quá hạn", "open_overdue"),
    )),
    Group("Trả lại 1022", (Column("Không thuộc thẩm quyền", "sent_back"),)),
)  # fmt: skip
COLUMNS = tuple(column for group in GROUPS for column in group.columns)
LEADING_HEADERS = ("STT", "Lĩnh vực")
LEADING = tuple(zip(LEADING_HEADERS, (4, 22), (True, False), strict=True))  # header, width %, centred


def figures(report: FeedbackFigures) -> list[int]:
    """One row's numbers in the order of :data:`COLUMNS`."""
    return [getattr(report, column.field) for column in COLUMNS]


def report_html(report: FeedbackMonthReport, unit_name: str) -> str:
    """The report as HTML for ``ui.printing`` (landscape A4). A past month's figures are exact: both
    finishes (answered, sent back) keep their time, so no note about current states is needed."""
    return render(
        TEMPLATE,
        title=TITLE,
        unit=unit_heading(unit_name),
        month=month_text(report),
        as_of=as_of_text(report),
        leading=LEADING,
        groups=GROUPS,
        rows=[((item.category,), figures(item.figures)) for item in report.categories],
        total_label=TOTAL_LABEL,
        total=figures(report.total),
        note="",
    )
