"""The monthly report on administrative dossiers by procedure and result: rows are procedures with a
total row, columns are grouped as one-stop reporting splits dossiers (received online / in person /
by post and carried over; finished early / on time / late; in progress within / past the deadline;
paused for a supplement, for fees, stopped). The figures are ``app.reports.procedure_month_report``,
the dashboard's own rules, so the two always agree.

Written in Vietnamese whatever the window's language (it goes to the ward's leaders and the city).
Its layout is the template ``resources/forms/bao-cao-thang-theo-thu-tuc.html``; the Excel copy is
``app.report_workbooks``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from app.domain.working_calendar import as_vn_time
from app.dossier_register import unit_heading
from app.form_templates import day_text, hour_text, render
from app.reports import DossierMonthReport, FeedbackMonthReport, ProcedureMonthReport

TEMPLATE = "bao-cao-thang-theo-thu-tuc.html"
TITLE = "BÁO CÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
TOTAL_LABEL = "Tổng cộng"
# The cache keeps current states: a past month's open dossiers are paused if they are paused now.
PAST_MONTH_NOTE = "Hồ sơ đang giải quyết và tạm dừng của tháng đã qua được xếp theo trạng thái hiện nay của hồ sơ."


@dataclass(frozen=True)
class Column:
    header: str
    field: str  # an attribute (field or property) of the figures: DossierMonthReport, FeedbackFigures


@dataclass(frozen=True)
class Group:
    header: str
    columns: tuple[Column, ...]


GROUPS = (
    Group("Số hồ sơ nhận giải quyết", (
        Column("Tổng số", "received_with_carried_over"),
        Column("Trực tuyến", "received_online"),
        Column("Trực tiếp", "received_in_person"),
        Column("Bưu chính", "received_post"),
        Column("Từ kỳ trước", "received_carried_over"),
    )),
    Group("Số hồ sơ đã giải quyết", (
        Column("Tổng số", "finished"),
        Column("Trước hạn", "finished_early"),
        Column("Đúng hạn", "finished_on_time"),
        Column("Quá hạn", "finished_late"),
    )),
    Group("Số hồ sơ đang giải quyết", (
        Column("Tổng số", "in_progress"),
        Column("Trong hạn", "in_progress_in_time"),
        Column("Quá hạn", "in_progress_overdue"),
    )),
    Group("Số hồ sơ tạm dừng", (
        Column("Tổng số", "paused"),
        Column("Chờ bổ sung", "paused_supplement"),
        Column("Chờ nghĩa vụ tài chính", "paused_financial"),
        Column("Dừng xử lý", "paused_stopped"),
    )),
)  # fmt: skip
COLUMNS = tuple(column for group in GROUPS for column in group.columns)
LEADING_HEADERS = ("STT", "Mã thủ tục", "Tên thủ tục hành chính")
LEADING = tuple(zip(LEADING_HEADERS, (3, 7, 16), (True, True, False), strict=True))  # header, width %, centred


def figures(report: DossierMonthReport) -> list[int]:
    """One row's numbers in the order of :data:`COLUMNS`."""
    return [getattr(report, column.field) for column in COLUMNS]


MonthReport = ProcedureMonthReport | FeedbackMonthReport  # the monthly reports share their heading lines


def month_text(report: MonthReport) -> str:
    return f"Tháng {report.month.month:02d} năm {report.month.year}"


def as_of_text(report: MonthReport) -> str:
    if is_past_month(report):
        return f"Số liệu tính đến hết ngày {day_text(report.as_of - timedelta(days=1))}"
    return f"Số liệu tính đến {hour_text(report.as_of)} ngày {day_text(report.as_of)}"


def is_past_month(report: MonthReport) -> bool:
    """Whether the figures describe the month's end (a past month) rather than now, during it."""
    as_of = as_vn_time(report.as_of)
    return (as_of.year, as_of.month) != (report.month.year, report.month.month)


def report_html(report: ProcedureMonthReport, unit_name: str) -> str:
    """The report as HTML for ``ui.printing`` (landscape A4)."""
    return render(
        TEMPLATE,
        title=TITLE,
        unit=unit_heading(unit_name),
        month=month_text(report),
        as_of=as_of_text(report),
        leading=LEADING,
        groups=GROUPS,
        rows=[((item.code, item.name), figures(item.figures)) for item in report.procedures],
        total_label=TOTAL_LABEL,
        total=figures(report.total),
        note=PAST_MONTH_NOTE if is_past_month(report) else "",
    )
