"""Exports of the demo cache, read back the way a spreadsheet or a browser would read them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from app import excel_exports, export_format, one_stop_forms, printed_forms
from app.domain.item_lists import DocumentFilter, DocumentRow, DossierFilter, DossierRow
from app.domain.working_calendar import VN_TZ
from app.excel_exports import export_documents_xlsx, export_dossiers_xlsx
from app.printed_forms import incoming_register_html
from app.workbench import Workbench
from tests.demo_cache import fill_demo_cache

SCRIPT = "<script>alert('x')</script> & \"quoted\""
FORMULAS = ("=cmd|' /C calc'!A0", "+1+2", "-2+3", "@SUM(A1:A2)")
PERIOD = (date(2026, 10, 1), date(2026, 11, 25))
TS_FILE = Path(__file__).parents[2] / "resources" / "i18n" / "ward_desk_vi.ts"


def translated_catalogue() -> dict[str, str]:
    """The finished translations of the "" context, the one ui.translation.domain_text reads."""
    return {
        message.findtext("source") or "": message.findtext("translation") or ""
        for context in ET.parse(TS_FILE).getroot().iter("context")
        if not context.findtext("name")
        for message in context.iter("message")
        if (translation := message.find("translation")) is not None and translation.get("type") is None
    }


CATALOGUE = translated_catalogue()


def vietnamese(text: str) -> str:
    """What domain_text gives with the Vietnamese translator, without Qt."""
    return CATALOGUE.get(text, text)


def in_vietnamese(*sources: str) -> list[str]:
    texts = [vietnamese(source) for source in sources]
    assert all(not text.isascii() for text in texts), texts  # translated, not the English source
    return texts


@pytest.fixture
def seeded(workbench: Workbench) -> Workbench:
    fill_demo_cache(workbench, 300)
    return workbench


def incoming(workbench: Workbench) -> list[DocumentRow]:
    return workbench.document_page(DocumentFilter("incoming"), 0, 100_000)


def dossiers(workbench: Workbench) -> list[DossierRow]:
    return workbench.dossier_page(DossierFilter(), 0, 100_000)


def sheet(path: Path) -> Worksheet:
    book = load_workbook(path)
    assert len(book.worksheets) == 1
    return book.worksheets[0]


# -- Excel ----------------------------------------------------------------------------------------


def test_incoming_documents_read_back_from_the_workbook(seeded: Workbench, tmp_path: Path) -> None:
    rows = incoming(seeded)
    assert len(rows) == seeded.count_documents(DocumentFilter("incoming")) > 50
    path = tmp_path / "exports" / "văn bản đến.xlsx"
    path.parent.mkdir()
    path.write_bytes(b"an older export")  # replaced, not appended to
    export_documents_xlsx(rows, path, vietnamese, "Văn bản đến")

    ws = sheet(path)
    assert ws.title == "Văn bản đến"
    assert ws.max_row == len(rows) + 1
    assert [cell.value for cell in ws[1]] == in_vietnamese(
        "Arrival no.", "Arrival date", "Number/notation", "Issued on", "Issuing agency", "Subject", "Urgency",
        "Handling due", "State", "System",
    )  # fmt: skip
    assert ws["A1"].value == "Số đến"
    assert all(cell.font.b for cell in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["F"].width > ws.column_dimensions["A"].width >= 9
    for number, row in enumerate(rows[:20], start=2):
        values = [cell.value for cell in ws[number]]
        assert values[0] == row.arrival_number
        assert values[2] == row.number_notation
        assert values[4:6] == [row.issuing_agency_name, row.subject]
        assert values[6] in {"Thường", "Khẩn", "Thượng khẩn", "Hỏa tốc"}
        for column, expected in ((1, row.arrival_date), (3, row.issued_on), (7, row.due_on)):
            cell = ws[number][column]
            assert (cell.value.date() if cell.value else None) == expected
            if expected is not None:
                assert cell.is_date and cell.number_format == "dd/mm/yyyy"
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind


def test_dossier_times_are_vietnam_wall_clock_times(seeded: Workbench, tmp_path: Path) -> None:
    rows = dossiers(seeded)
    path = tmp_path / "dossiers.xlsx"
    export_dossiers_xlsx(rows, path, vietnamese)

    ws = sheet(path)
    assert ws.max_row == len(rows) + 1
    assert [cell.value for cell in ws[1]] == in_vietnamese(
        "Dossier code", "Procedure", "Applicant", "Channel", "Received at", "Return due", "Finished at", "State",
        "System",
    )  # fmt: skip
    assert ws.title == vietnamese("Dossiers")
    for number, row in enumerate(rows[:20], start=2):
        cells = ws[number]
        assert [cells[0].value, cells[1].value, cells[2].value] == [row.code, row.procedure_name, row.applicant_name]
        assert cells[4].value == row.received_at.astimezone(VN_TZ).replace(tzinfo=None)
        assert cells[5].value == row.due_at.astimezone(VN_TZ).replace(tzinfo=None)
        assert cells[4].number_format == "dd/mm/yyyy hh:mm"
        finished = row.finished_at and row.finished_at.astimezone(VN_TZ).replace(tzinfo=None)
        assert cells[6].value == finished


def test_hostile_text_stays_text_in_the_workbook(seeded: Workbench, tmp_path: Path) -> None:
    rows = incoming(seeded)[: len(FORMULAS) + 2]
    subjects = [*FORMULAS, SCRIPT, "bell\x07 and NUL\x00 removed"]
    rows = [replace(row, subject=subject) for row, subject in zip(rows, subjects, strict=True)]
    rows[0] = replace(rows[0], issuing_agency_name='=HYPERLINK("http://evil")')
    path = tmp_path / "hostile.xlsx"
    export_documents_xlsx(rows, path)

    ws = sheet(path)
    for number, formula in enumerate(FORMULAS, start=2):
        cell = ws.cell(number, 6)
        assert (cell.value, cell.data_type, cell.quotePrefix) == (formula, "s", True)
    assert ws.cell(2, 5).value == '=HYPERLINK("http://evil")' and ws.cell(2, 5).data_type == "s"
    assert ws.cell(len(FORMULAS) + 2, 6).value == SCRIPT
    assert ws.cell(len(FORMULAS) + 3, 6).value == "bell and NUL removed"
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml  # not a single formula cell


# -- printable HTML -------------------------------------------------------------------------------


def test_the_incoming_register_has_the_decree_columns_and_escapes_everything(seeded: Workbench) -> None:
    rows = incoming(seeded)
    first = next(number for number, row in enumerate(rows) if row.arrival_number is not None)
    rows[first] = replace(rows[first], subject=SCRIPT, issuing_agency_name="<b>Sở</b>", arrival_date=PERIOD[1])
    page = incoming_register_html(rows, vietnamese, "UBND <phường> Sài Gòn", PERIOD)

    assert "<script>" not in page and "<b>Sở</b>" not in page and "<phường>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quoted&quot;" in page
    assert "&lt;b&gt;Sở&lt;/b&gt;" in page and "UBND &lt;phường&gt; Sài Gòn" in page
    headings = re.findall(r"<th width=\"\d+%\">([^<]*)</th>", page)
    assert headings == in_vietnamese(
        "Arrival date", "Arrival no.", "Author", "Number/notation", "Document date", "Type and subject",
        "Receiving unit or person", "Date forwarded", "Signature", "Notes",
    )  # fmt: skip
    assert headings[5] == "Tên loại và trích yếu nội dung"  # the Decree's own words
    assert vietnamese("INCOMING DOCUMENTS REGISTER") in page
    assert vietnamese("From {start} to {end}").format(start="01/10/2026", end="25/11/2026") in page

    expected = [
        row
        for row in rows
        if row.arrival_number is not None and row.arrival_date and PERIOD[0] <= row.arrival_date <= PERIOD[1]
    ]
    body = page.split("<tbody>")[1]
    assert body.count("<tr>") == len(expected) > 10
    # arrival date, document date, then date forwarded (empty here: a list row has no trail), on every row
    arrivals = re.findall(r'class="date">([\d/]*)<', body)[::3]
    assert [datetime.strptime(text, "%d/%m/%Y").date() for text in arrivals] == sorted(
        row.arrival_date for row in expected if row.arrival_date
    )


def test_the_register_leaves_out_outgoing_and_unregistered_documents(seeded: Workbench) -> None:
    rows = seeded.document_page(DocumentFilter(), 0, 100_000)
    page = incoming_register_html(rows)
    registered = [row for row in rows if row.direction == "incoming" and row.arrival_number is not None]
    assert len(registered) < len(rows)
    assert page.split("<tbody>")[1].count("<tr>") == len(registered)
    assert "INCOMING DOCUMENTS REGISTER" in page  # the English source without a translation


# -- translations -------------------------------------------------------------------------------


def test_every_export_label_is_translated() -> None:
    modules = (excel_exports, export_format, printed_forms, one_stop_forms)
    text = "".join(Path(module.__file__).read_text(encoding="utf-8") for module in modules)
    sources = set(re.findall(r'tr_noop\("([^"]+)"\)', text))
    assert len(sources) > 30  # not vacuous: the workbooks' and the register's labels
    assert sorted(sources - set(CATALOGUE)) == []  # run `make translations-update`, then translate


def test_a_failed_export_leaves_the_previous_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"previous export")

    def fail_halfway(temporary: Path) -> None:
        temporary.write_bytes(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        export_format.replace_atomically(path, fail_halfway)
    assert path.read_bytes() == b"previous export"
    assert list(tmp_path.iterdir()) == [path]
