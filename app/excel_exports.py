"""Excel lists of the documents, dossiers and 1022 reports a view shows (openpyxl). Every text cell is kept as
text, never a formula: subjects, names and addresses come from other systems and from citizens."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.domain.errors import tr_noop
from app.domain.item_lists import DocumentRow, DossierRow, FeedbackRow
from app.domain.labels import CHANNEL_LABELS, FEEDBACK_CHANNEL_LABELS, SOURCE_KIND_LABELS, URGENCY_LABELS
from app.domain.workflow import STATE_LABELS
from app.domain.working_calendar import as_vn_time
from app.export_format import (
    Translate,
    document_state,
    dossier_state,
    feedback_state,
    label,
    replace_atomically,
    same_text,
    systems_of,
)

Row = TypeVar("Row")
EXCEL_DATE = "dd/mm/yyyy"
EXCEL_DATETIME = "dd/mm/yyyy hh:mm"
# Excel (and LibreOffice) may read a text starting with these as a formula: CSV/DDE injection.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHEET_NAME_FORBIDDEN = re.compile(r"[\\/*?:\[\]]")


def excel_datetime(value: datetime | None) -> datetime | None:
    """Excel has no time zones: a wall-clock time in Vietnam."""
    return None if value is None else as_vn_time(value).replace(tzinfo=None)


@dataclass(frozen=True)
class _Column(Generic[Row]):
    header: str  # English source
    width: int  # in characters
    value: Callable[[Row], Any]
    number_format: str | None = None


def _document_columns(translate: Translate) -> list[_Column[DocumentRow]]:
    return [
        _Column(tr_noop("Arrival no."), 9, lambda r: r.arrival_number),
        _Column(tr_noop("Arrival date"), 12, lambda r: r.arrival_date, EXCEL_DATE),
        _Column(tr_noop("Number/notation"), 20, lambda r: r.number_notation),
        _Column(tr_noop("Issued on"), 12, lambda r: r.issued_on, EXCEL_DATE),
        _Column(tr_noop("Issuing agency"), 36, lambda r: r.issuing_agency_name),
        _Column(tr_noop("Subject"), 70, lambda r: r.subject),
        _Column(tr_noop("Urgency"), 13, lambda r: label(URGENCY_LABELS, r.urgency, translate)),
        _Column(tr_noop("Handling due"), 12, lambda r: r.due_on, EXCEL_DATE),
        _Column(tr_noop("State"), 20, lambda r: label(STATE_LABELS, document_state(r), translate)),
        _Column(tr_noop("System"), 16, lambda r: systems_of(r, translate)),
    ]


def _dossier_columns(translate: Translate) -> list[_Column[DossierRow]]:
    return [
        _Column(tr_noop("Dossier code"), 28, lambda r: r.code),
        _Column(tr_noop("Procedure"), 50, lambda r: r.procedure_name),
        _Column(tr_noop("Applicant"), 26, lambda r: r.applicant_name),
        _Column(tr_noop("Channel"), 14, lambda r: label(CHANNEL_LABELS, r.channel, translate)),
        _Column(tr_noop("Received at"), 17, lambda r: excel_datetime(r.received_at), EXCEL_DATETIME),
        _Column(tr_noop("Return due"), 17, lambda r: excel_datetime(r.due_at), EXCEL_DATETIME),
        _Column(tr_noop("Finished at"), 17, lambda r: excel_datetime(r.finished_at), EXCEL_DATETIME),
        _Column(tr_noop("State"), 24, lambda r: label(STATE_LABELS, dossier_state(r.state), translate)),
        _Column(tr_noop("System"), 16, lambda r: label(SOURCE_KIND_LABELS, r.source_kind, translate)),
    ]


def _feedback_columns(translate: Translate) -> list[_Column[FeedbackRow]]:
    return [
        _Column(tr_noop("Report code"), 22, lambda r: r.code),
        _Column(tr_noop("Category"), 24, lambda r: r.category),
        _Column(tr_noop("Content"), 70, lambda r: r.content),
        _Column(tr_noop("Place"), 40, lambda r: r.address),
        _Column(tr_noop("Channel"), 16, lambda r: label(FEEDBACK_CHANNEL_LABELS, r.channel, translate)),
        _Column(tr_noop("Routed"), 17, lambda r: excel_datetime(r.routed_at), EXCEL_DATETIME),
        _Column(tr_noop("Answer due"), 17, lambda r: excel_datetime(r.due_at), EXCEL_DATETIME),
        _Column(tr_noop("Finished at"), 17, lambda r: excel_datetime(r.finished_at), EXCEL_DATETIME),
        _Column(tr_noop("State"), 24, lambda r: label(STATE_LABELS, feedback_state(r.state), translate)),
        _Column(tr_noop("Handled by"), 24, lambda r: r.assignee or ""),
    ]


def export_documents_xlsx(
    rows: Sequence[DocumentRow],
    path: str | os.PathLike[str],
    translate: Translate = same_text,
    title: str | None = None,
) -> None:
    """Write the documents to a one-sheet workbook at ``path`` (replaced atomically)."""
    _export_xlsx(rows, _document_columns(translate), path, translate, title or translate(tr_noop("Documents")))


def export_dossiers_xlsx(
    rows: Sequence[DossierRow],
    path: str | os.PathLike[str],
    translate: Translate = same_text,
    title: str | None = None,
) -> None:
    """Write the dossiers to a one-sheet workbook at ``path`` (replaced atomically)."""
    _export_xlsx(rows, _dossier_columns(translate), path, translate, title or translate(tr_noop("Dossiers")))


def export_feedback_xlsx(
    rows: Sequence[FeedbackRow],
    path: str | os.PathLike[str],
    translate: Translate = same_text,
    title: str | None = None,
) -> None:
    """Write the 1022 reports to a one-sheet workbook at ``path`` (replaced atomically)."""
    _export_xlsx(rows, _feedback_columns(translate), path, translate, title or translate(tr_noop("1022 reports")))


def new_sheet(title: str) -> tuple[Workbook, Worksheet]:
    """A workbook of one sheet named ``title`` (cut to Excel's rules), made by Ward Desk."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = sheet_name(title)
    workbook.properties.title = clean_text(title)
    workbook.properties.creator = "Ward Desk"
    return workbook, sheet


def _export_xlsx(
    rows: Iterable[Row], columns: Sequence[_Column[Row]], path: str | os.PathLike[str], translate: Translate, title: str
) -> None:
    workbook, sheet = new_sheet(title)
    _write_header(sheet, [translate(column.header) for column in columns], [column.width for column in columns])
    for row_number, row in enumerate(rows, start=2):
        for column_number, column in enumerate(columns, start=1):
            write_cell(sheet, row_number, column_number, column.value(row), column.number_format)
    _finish_sheet(sheet)
    replace_atomically(path, workbook.save)


def _write_header(sheet: Worksheet, headers: Sequence[str], widths: Sequence[int]) -> None:
    bold = Font(bold=True)
    for number, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = write_cell(sheet, 1, number, text, None)
        cell.font = bold
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(number)].width = max(width, len(text) + 2)


def write_cell(sheet: Worksheet, row: int, column: int, value: Any, number_format: str | None) -> Any:
    if isinstance(value, str):
        value = clean_text(value)
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        cell.data_type = "s"  # stored as a string, never as a formula
        cell.quotePrefix = True  # and Excel keeps it text when someone edits the cell
    elif number_format is not None and value is not None:
        cell.number_format = number_format
    return cell


def _finish_sheet(sheet: Worksheet) -> None:
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.print_title_rows = "1:1"  # the header on every printed page
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def clean_text(text: str) -> str:
    """Control characters are not allowed in a workbook (openpyxl refuses the whole file)."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def sheet_name(title: str) -> str:
    name = _SHEET_NAME_FORBIDDEN.sub(" ", clean_text(title)).strip().strip("'")[:31].strip()
    return name or "Sheet1"
