"""The dossier register (form 07), the monthly report by procedure and the monthly 1022 report by
category as Excel workbooks: the unit and the period above a frozen two-level header, widths and
wrapping set, dates as real dates shown dd/mm/yyyy, and a landscape A4 page fitted to the width for
printing from Excel. In Vietnamese, as their printed copies (``app.dossier_register``,
``app.procedure_report``, ``app.feedback_report``). Text cells stay text, never formulas
(``app.excel_exports.write_cell``); the file is replaced atomically."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app import feedback_report as feedback_form
from app import procedure_report as form
from app.domain.working_calendar import as_vn_time
from app.dossier_register import FORM_NAME, TITLE, RegisterLine, footer_text, period_text, unit_heading
from app.excel_exports import EXCEL_DATE, EXCEL_DATETIME, excel_datetime, new_sheet, write_cell
from app.export_format import Period, replace_atomically
from app.reports import FeedbackMonthReport, ProcedureMonthReport

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="EEEEEE")
_WRAP_TOP = Alignment(vertical="top", wrap_text=True)
_CENTERED = Alignment(horizontal="center", vertical="center", wrap_text=True)


@dataclass(frozen=True)
class _Column:
    header: str
    width: float  # in characters
    value: Callable[[Any], Any] = lambda _item: None
    number_format: str | None = None
    group: str = ""  # the header above this one's, shared with its neighbours of the same group


def _day(value: datetime | None) -> date | None:
    """A time as its day in Vietnam: the register's later columns write the day only."""
    return None if value is None else as_vn_time(value).date()


_REGISTER_COLUMNS: tuple[_Column, ...] = (
    _Column("STT", 6, lambda line: line.number),
    _Column("Mã hồ sơ", 27, lambda line: line.record.code),
    _Column("Mã thủ tục", 11, lambda line: line.record.procedure_code, group="Thủ tục hành chính"),
    _Column("Tên thủ tục", 40, lambda line: line.record.procedure_name, group="Thủ tục hành chính"),
    _Column("Họ và tên", 24, lambda line: line.record.applicant_name, group="Người nộp hồ sơ"),
    _Column("Địa chỉ", 36, lambda line: line.record.applicant_address, group="Người nộp hồ sơ"),
    _Column("Số điện thoại", 14, lambda line: line.record.applicant_phone, group="Người nộp hồ sơ"),
    _Column("Ngày nhận", 17, lambda line: excel_datetime(line.record.received_at), EXCEL_DATETIME),
    _Column("Hẹn trả kết quả", 17, lambda line: excel_datetime(line.record.due_at), EXCEL_DATETIME),
    _Column("Chuyển xử lý", 12, lambda line: _day(line.record.started_at), EXCEL_DATE),
    _Column("Ngày có kết quả", 12, lambda line: _day(line.result_at), EXCEL_DATE),
    _Column("Ngày trả", 12, lambda line: _day(line.record.returned_at), EXCEL_DATE, group="Trả kết quả"),
    _Column("Người nhận ký, ghi rõ họ tên", 16, group="Trả kết quả"),
    _Column("Ghi chú", 28, lambda line: "; ".join(line.notes)),
)  # fmt: skip


def register_xlsx(
    lines: Sequence[RegisterLine], path: str | os.PathLike[str], unit_name: str, period: Period, printed_at: datetime
) -> None:
    """The register at ``path`` (replaced atomically)."""
    workbook, sheet = new_sheet("Sổ theo dõi hồ sơ")
    columns = _REGISTER_COLUMNS
    first_row = _heading(sheet, unit_name, TITLE, [period_text(period)], len(columns), FORM_NAME)
    data_row = _column_headers(sheet, first_row, columns)
    for offset, line in enumerate(lines):
        _data_row(sheet, data_row + offset, [column.value(line) for column in columns], columns)
    _note(sheet, data_row + len(lines) + 1, footer_text(len(lines), printed_at))
    _finish(sheet, first_row, data_row)
    replace_atomically(path, workbook.save)


def _report_columns() -> tuple[_Column, ...]:
    leading = tuple(_Column(header, width) for header, width in zip(form.LEADING_HEADERS, (6, 11, 46), strict=True))
    numbers = tuple(_Column(column.header, 10, group=group.header) for group in form.GROUPS for column in group.columns)
    return leading + numbers


def procedure_report_xlsx(report: ProcedureMonthReport, path: str | os.PathLike[str], unit_name: str) -> None:
    """The monthly report by procedure at ``path`` (replaced atomically)."""
    workbook, sheet = new_sheet(f"Báo cáo {report.month:%m-%Y}")
    columns = _report_columns()
    lines = [form.month_text(report), form.as_of_text(report)]
    first_row = _heading(sheet, unit_name, form.TITLE, lines, len(columns), "")
    data_row = _column_headers(sheet, first_row, columns)
    for offset, item in enumerate(report.procedures):
        values = [offset + 1, item.code, item.name, *form.figures(item.figures)]
        _data_row(sheet, data_row + offset, values, columns)
    total_row = data_row + len(report.procedures)
    _data_row(sheet, total_row, [None, None, form.TOTAL_LABEL, *form.figures(report.total)], columns)
    for cell in sheet[total_row]:
        cell.font = Font(bold=True)
    if form.is_past_month(report):
        _note(sheet, total_row + 2, form.PAST_MONTH_NOTE)
    _finish(sheet, first_row, data_row, frozen_columns=3)
    replace_atomically(path, workbook.save)


def _feedback_columns() -> tuple[_Column, ...]:
    number, category = feedback_form.LEADING_HEADERS
    groups = feedback_form.GROUPS
    numbers = tuple(_Column(column.header, 11, group=group.header) for group in groups for column in group.columns)
    return (_Column(number, 6), _Column(category, 30), *numbers)


def feedback_report_xlsx(report: FeedbackMonthReport, path: str | os.PathLike[str], unit_name: str) -> None:
    """The monthly 1022 report by category at ``path`` (replaced atomically)."""
    workbook, sheet = new_sheet(f"Phản ánh 1022 {report.month:%m-%Y}")
    columns = _feedback_columns()
    lines = [form.month_text(report), form.as_of_text(report)]
    first_row = _heading(sheet, unit_name, feedback_form.TITLE, lines, len(columns), "")
    data_row = _column_headers(sheet, first_row, columns)
    for offset, item in enumerate(report.categories):
        _data_row(sheet, data_row + offset, [offset + 1, item.category, *feedback_form.figures(item.figures)], columns)
    total_row = data_row + len(report.categories)
    _data_row(sheet, total_row, [None, form.TOTAL_LABEL, *feedback_form.figures(report.total)], columns)
    for cell in sheet[total_row]:
        cell.font = Font(bold=True)
    _finish(sheet, first_row, data_row, frozen_columns=2)
    replace_atomically(path, workbook.save)


# -- the parts every sheet shares --------------------------------------------------------------


def _heading(sheet: Worksheet, unit_name: str, title: str, lines: list[str], width: int, corner: str) -> int:
    """The unit (two lines, left), ``corner`` (right), the title and ``lines`` centred across the
    sheet; returns the row where the column headers start."""
    committee, ward = unit_heading(unit_name)
    write_cell(sheet, 1, 1, committee, None)
    write_cell(sheet, 2, 1, ward, None).font = Font(bold=True)
    if corner:
        write_cell(sheet, 1, width, corner, None).font = Font(italic=True)
        sheet.cell(1, width).alignment = Alignment(horizontal="right")
    write_cell(sheet, 3, 1, title, None).font = Font(bold=True, size=14)
    for number, text in enumerate(lines, start=4):
        write_cell(sheet, number, 1, text, None).font = Font(italic=True)
    for row in range(3, 4 + len(lines)):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        sheet.cell(row, 1).alignment = Alignment(horizontal="center")
    return 5 + len(lines)


def _column_headers(sheet: Worksheet, top: int, columns: Sequence[_Column]) -> int:
    """Two header rows (a group over its columns, a lone column over both) and the numbered row
    (1), (2)… of the forms; returns the first data row."""
    for number, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = column.width
        if column.group:
            _header_cell(sheet, top, number, column.group)
            _header_cell(sheet, top + 1, number, column.header)
        else:
            _header_cell(sheet, top, number, column.header)
            _header_cell(sheet, top + 1, number, None)
            sheet.merge_cells(start_row=top, start_column=number, end_row=top + 1, end_column=number)
        _header_cell(sheet, top + 2, number, f"({number})").font = Font(italic=True)
    for first, last in _group_spans(columns):
        sheet.merge_cells(start_row=top, start_column=first, end_row=top, end_column=last)
    return top + 3


def _group_spans(columns: Sequence[_Column]) -> list[tuple[int, int]]:
    """The first and last column of each run of neighbours under one group header."""
    spans: list[tuple[int, int]] = []
    for number, column in enumerate(columns, start=1):
        if not column.group:
            continue
        if spans and spans[-1][1] == number - 1 and columns[number - 2].group == column.group:
            spans[-1] = (spans[-1][0], number)
        else:
            spans.append((number, number))
    return spans


def _header_cell(sheet: Worksheet, row: int, column: int, text: str | None) -> Any:
    cell = write_cell(sheet, row, column, text, None)
    cell.font = Font(bold=True)
    cell.alignment = _CENTERED
    cell.border = _BOX
    cell.fill = _HEADER_FILL
    return cell


def _data_row(sheet: Worksheet, row: int, values: Sequence[Any], columns: Sequence[_Column]) -> None:
    for number, (value, column) in enumerate(zip(values, columns, strict=True), start=1):
        cell = write_cell(sheet, row, number, value, column.number_format)
        cell.alignment = _WRAP_TOP
        cell.border = _BOX


def _note(sheet: Worksheet, row: int, text: str) -> None:
    write_cell(sheet, row, 1, text, None).font = Font(italic=True)


def _finish(sheet: Worksheet, header_row: int, data_row: int, frozen_columns: int = 0) -> None:
    """Frozen headers, the headers on every printed page, landscape A4 as wide as the page."""
    sheet.freeze_panes = sheet.cell(data_row, frozen_columns + 1)
    sheet.print_title_rows = f"{header_row}:{data_row - 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddFooter.center.text = "Trang &P / &N"
    sheet.print_options.horizontalCentered = True
