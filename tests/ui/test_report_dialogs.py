"""The dossier register (form 07), the monthly report by procedure and the monthly 1022 report by
category from the real window's File menu: the dialogs choose the period or the month, the file
dialog the name, and the files are written on the task pool, read back here as a spreadsheet and as
PDF text."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QFileDialog, QMessageBox, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from app import feedback_report
from app.domain.item_lists import DocumentFilter
from app.export_format import format_date
from app.procedure_report import figures
from app.reports import dossier_month_report, feedback_month_report
from app.workbench import Workbench
from local_db.models import Document
from tests.demo_feedback import fill_demo_feedback
from tests.ui.waiting import WAIT_MS, settle
from ui.main_window import MainWindow

ASSIGNED_TO = "Phòng Tư pháp"


class FileDialogAnswers:
    """Stands in for QFileDialog.getSaveFileName: answers with the next path, remembers what was asked."""

    def __init__(self) -> None:
        self.paths: list[Path] = []
        self.asked: list[tuple[str, str]] = []  # suggested name, pattern
        self.folders: list[Path] = []  # the folder each dialog opened in

    def __call__(self, _parent: Any, _title: str, suggested: str, pattern: str) -> tuple[str, str]:
        self.asked.append((Path(suggested).name, pattern))  # proposed in the folder last used (ui.file_dialogs)
        self.folders.append(Path(suggested).parent)
        return str(self.paths.pop(0)), pattern


@pytest.fixture
def file_dialog(monkeypatch: pytest.MonkeyPatch) -> Iterator[FileDialogAnswers]:
    answers = FileDialogAnswers()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answers)
    yield answers


def open_dialog(window: MainWindow, qtbot: QtBot, action: str, name: str) -> QDialog:
    getattr(window, action).trigger()  # as File → … does
    dialog = window.findChild(QDialog, name)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def save(dialog: QDialog, qtbot: QtBot, window: MainWindow, kind: str) -> Path:
    name = dialog.objectName()
    with qtbot.waitSignal(window.exported, timeout=WAIT_MS) as written:
        dialog.findChild(QPushButton, f"save_{kind}").click()
    qtbot.waitUntil(lambda: window.findChild(QDialog, name) is None)  # closed, and gone, once writing started
    return written.args[0]


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


def test_the_dossier_register_for_a_chosen_period(
    window: MainWindow, workbench: Workbench, qtbot: QtBot, tmp_path: Path, file_dialog: FileDialogAnswers
) -> None:
    dialog = open_dialog(window, qtbot, "dossier_register_action", "registerDialog")
    first, last = dialog.findChild(QDateEdit, "firstDay"), dialog.findChild(QDateEdit, "lastDay")
    assert (first.text(), last.text()) == ("01/11/2026", "30/11/2026")  # this month, at first
    dialog.findChild(QPushButton, "lastMonth").click()
    assert (first.text(), last.text()) == ("01/10/2026", "31/10/2026")
    file_dialog.paths.append(tmp_path / "so-theo-doi.xlsx")
    saved = save(dialog, qtbot, window, "xlsx")
    assert file_dialog.asked[-1] == ("so-theo-doi-ho-so_01-10-2026_31-10-2026.xlsx", "Excel (*.xlsx)")
    sheet = openpyxl.load_workbook(saved).active
    assert sheet["A3"].value == "SỔ THEO DÕI HỒ SƠ" and sheet["A4"].value == "Từ ngày 01/10/2026 đến ngày 31/10/2026"
    received = workbench.dossiers_received(date(2026, 10, 1), date(2026, 10, 31))
    codes = [row[1] for row in sheet.iter_rows(min_row=9, max_row=8 + len(received), values_only=True)]
    assert codes == [record.code for record in received] and len(codes) > 20
    assert window.statusBar().currentMessage() == f"Đã lưu {saved}"

    dialog = open_dialog(window, qtbot, "dossier_register_action", "registerDialog")
    dialog.findChild(QPushButton, "thisQuarter").click()
    file_dialog.paths.append(tmp_path / "so-theo-doi.pdf")
    saved = save(dialog, qtbot, window, "pdf")
    assert file_dialog.folders[-1] == tmp_path  # where the first one was saved
    assert saved.read_bytes().startswith(b"%PDF")
    text = pdf_text(saved)  # poppler-utils is a test dependency (.ci/run installs it)
    assert "SỔ THEO DÕI HỒ SƠ" in text and "Từ ngày 01/10/2026 đến ngày 31/12/2026" in text and "Ghi chú" in text


def assign_in_the_cache(workbench: Workbench, first: date, last: date) -> Document:
    """One incoming document registered in the period given to ASSIGNED_TO late on 31/10/2026 UTC,
    01/11/2026 in Vietnam, as the service's trail records an assignment (central.mutations)."""
    with workbench.cache.sessions.begin() as session:
        document = session.scalars(
            select(Document).where(
                Document.direction == "incoming",
                Document.arrival_number.is_not(None),
                Document.arrival_date.between(first, last),
                Document.duplicate_of.is_(None),
            )
        ).first()
        assert document is not None
        entry = {"at": "2026-10-31T18:30:00+00:00", "by": "Lê Văn Tâm", "action": "assign", "assignee": ASSIGNED_TO}
        values = {"assignee": ASSIGNED_TO, "trail": [*document.trail, entry], "state": "assigned"}
        session.execute(update(Document).where(Document.id == document.id).values(**values))
        session.expunge(document)
        return document


LINE_START = re.compile(r"^\s*(\d\d/\d\d/\d{4})\s+(\d+)\s")  # arrival date and number: columns 1 and 2


def register_lines(text: str) -> dict[tuple[str, str], list[str]]:
    """The register's PDF text by line of the book, in order: (arrival date, arrival number) → the words
    of the text lines down to the next (a cell's text wraps onto the lines under it)."""
    lines: dict[tuple[str, str], list[str]] = {}
    words: list[str] = []
    for text_line in text.splitlines():
        if start := LINE_START.match(text_line):
            words = lines.setdefault(start.groups(), [])
            assert not words, f"{start.groups()} twice"
        words.extend(text_line.split())
    return lines


def test_the_incoming_register_for_a_chosen_period(
    window: MainWindow, workbench: Workbench, qtbot: QtBot, tmp_path: Path, file_dialog: FileDialogAnswers
) -> None:
    first, last = date(2026, 10, 1), date(2026, 10, 31)
    assigned = assign_in_the_cache(workbench, first, last)
    dialog = open_dialog(window, qtbot, "register_action", "incomingRegisterDialog")
    assert dialog.windowTitle() == "Sổ đăng ký văn bản đến"
    start, end = dialog.findChild(QDateEdit, "firstDay"), dialog.findChild(QDateEdit, "lastDay")
    assert (start.text(), end.text()) == ("01/11/2026", "30/11/2026")  # this month, at first
    assert dialog.findChild(QPushButton, "save_xlsx") is None  # the register is paper: PDF or print
    dialog.findChild(QPushButton, "lastMonth").click()
    file_dialog.paths.append(tmp_path / "so-den.pdf")
    saved = save(dialog, qtbot, window, "pdf")
    assert file_dialog.asked[-1] == ("so-van-ban-den_01-10-2026_31-10-2026.pdf", "PDF (*.pdf)")
    text = pdf_text(saved)
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" in text and "Từ ngày 01/10/2026 đến ngày 31/10/2026" in text

    # exactly October's registered documents, by arrival, each once (the lists' rows, counted apart)
    rows = workbench.all_documents(DocumentFilter("incoming"))
    october = sorted(
        (
            row
            for row in rows
            if row.arrival_number is not None and row.arrival_date and first <= row.arrival_date <= last
        ),
        key=lambda row: (row.arrival_date, row.arrival_number, row.id),
    )
    book = register_lines(text)
    assert list(book) == [(format_date(row.arrival_date), str(row.arrival_number)) for row in october]
    assert len(october) > 20 and any(row.arrival_date < first for row in rows)  # other months exist, left out

    # whom each assigned document went to (column 7); the date forwarded (column 8) in Vietnam's calendar
    words = book[(format_date(assigned.arrival_date), str(assigned.arrival_number))]
    assert "01/11/2026" in words and all(word in words for word in ASSIGNED_TO.split())
    lines = workbench.incoming_register(first, last)
    assert sum(bool(line.assignee) for line in lines) > 10
    for line in lines:
        words = book[(format_date(line.document.arrival_date), str(line.document.arrival_number))]
        assert all(word in words for word in line.assignee.split())


def test_the_monthly_report_for_a_chosen_month(
    window: MainWindow, workbench: Workbench, qtbot: QtBot, tmp_path: Path, file_dialog: FileDialogAnswers
) -> None:
    dialog = open_dialog(window, qtbot, "monthly_report_action", "monthlyReportDialog")
    month, year = dialog.findChild(QComboBox, "month"), dialog.findChild(QSpinBox, "year")
    assert (month.currentText(), year.value(), year.maximum()) == ("Tháng 11", 2026, 2026)
    save_xlsx = dialog.findChild(QPushButton, "save_xlsx")
    month.setCurrentIndex(11)  # December has not begun: nothing to report
    assert not save_xlsx.isEnabled()
    month.setCurrentIndex(9)
    assert save_xlsx.isEnabled()
    file_dialog.paths.append(tmp_path / "bao-cao.xlsx")
    saved = save(dialog, qtbot, window, "xlsx")
    assert file_dialog.asked[-1] == ("bao-cao-ho-so_10-2026.xlsx", "Excel (*.xlsx)")
    rows = list(openpyxl.load_workbook(saved).active.iter_rows(min_row=10, values_only=True))
    total = next(row for row in rows if row[2] == "Tổng cộng")
    dashboard = dossier_month_report(workbench.cache.sessions, date(2026, 10, 1), workbench.clock.now())
    in_october = figures(dashboard)  # what the dashboard counts for October
    assert list(total[4:7]) == in_october[1:4] and list(total[8:]) == in_october[5:]
    assert total[3] == dashboard.received_total + total[7] and total[7] > 0  # received in October and carried over

    dialog = open_dialog(window, qtbot, "monthly_report_action", "monthlyReportDialog")
    file_dialog.paths.append(tmp_path / "bao-cao.pdf")
    saved = save(dialog, qtbot, window, "pdf")
    text = pdf_text(saved)
    assert "BÁO CÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in text and "Tháng 11 năm 2026" in text


def test_the_monthly_1022_report_for_a_chosen_month(
    window: MainWindow, workbench: Workbench, qtbot: QtBot, tmp_path: Path, file_dialog: FileDialogAnswers
) -> None:
    fill_demo_feedback(workbench, 200)
    dialog = open_dialog(window, qtbot, "feedback_report_action", "feedbackReportDialog")
    assert dialog.windowTitle() == "Báo cáo phản ánh 1022 hằng tháng theo lĩnh vực"
    assert window.feedback_report_action.text() == "Báo cáo phản ánh 1022 hằng tháng theo &lĩnh vực…"
    dialog.findChild(QComboBox, "month").setCurrentIndex(9)  # October
    file_dialog.paths.append(tmp_path / "phan-anh.xlsx")
    saved = save(dialog, qtbot, window, "xlsx")
    assert file_dialog.asked[-1] == ("bao-cao-phan-anh-1022_10-2026.xlsx", "Excel (*.xlsx)")

    sheet = openpyxl.load_workbook(saved).active
    assert sheet["A3"].value == feedback_report.TITLE and sheet["A4"].value == "Tháng 10 năm 2026"
    assert sheet["A5"].value == "Số liệu tính đến hết ngày 31/10/2026"
    assert [cell.value for cell in sheet[8]][2:] == [column.header for column in feedback_report.COLUMNS]
    report = feedback_month_report(workbench.cache.sessions, date(2026, 10, 1), workbench.clock.now())
    rows = list(sheet.iter_rows(min_row=10, max_row=10 + len(report.categories), values_only=True))
    assert [row[1] for row in rows] == [item.category for item in report.categories] + ["Tổng cộng"]
    assert [list(row[2:]) for row in rows[:-1]] == [feedback_report.figures(item.figures) for item in report.categories]
    assert list(rows[-1][2:]) == feedback_report.figures(report.total)
    total = report.total
    assert total.received > 20 and total.answered_on_time > 0 and total.answered_late > 0 and total.sent_back > 0

    dialog = open_dialog(window, qtbot, "feedback_report_action", "feedbackReportDialog")
    file_dialog.paths.append(tmp_path / "phan-anh.pdf")
    saved = save(dialog, qtbot, window, "pdf")
    text = " ".join(pdf_text(saved).split())
    assert "PHẢN ÁNH, KIẾN NGHỊ QUA HỆ THỐNG 1022" in text and "Tháng 11 năm 2026" in text and "Lĩnh vực" in text


def test_a_file_open_in_another_program_is_told_and_left_alone(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "exports" / "so-theo-doi.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"the register Excel has open")

    def locked(source: Any, destination: Any) -> None:  # what Windows answers while Excel holds the file
        raise PermissionError(13, "The process cannot access the file", str(source))

    monkeypatch.setattr(os, "replace", locked)
    with qtbot.waitSignal(window.export_failed, timeout=WAIT_MS) as failed:
        window.save_dossier_register((date(2026, 11, 1), date(2026, 11, 30)), "xlsx", target)
    settle(qtbot, window)
    assert failed.args[0].startswith(f"Không lưu được {target}")
    assert "Excel" in failed.args[0]
    box = window.findChild(QMessageBox, "exportFailed")
    assert box is not None and box.isVisible() and box.text() == failed.args[0]
    assert window.notice.text() == failed.args[0]  # and in the status bar, as every failure
    assert target.read_bytes() == b"the register Excel has open"
    assert list(target.parent.iterdir()) == [target]  # no temporary file left behind
    box.close()


def test_the_register_and_the_report_open_in_the_print_preview(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, file_dialog: FileDialogAnswers
) -> None:
    for action, name, paper, title in (
        ("register_action", "incomingRegisterDialog", "incoming-register", "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"),
        ("dossier_register_action", "registerDialog", "07", "SỔ THEO DÕI HỒ SƠ"),
        ("monthly_report_action", "monthlyReportDialog", "report", "BÁO CÁO KẾT QUẢ GIẢI QUYẾT"),
        ("feedback_report_action", "feedbackReportDialog", "feedback-report", "XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ"),
    ):
        dialog = open_dialog(window, qtbot, action, name)
        with qtbot.waitSignal(window.form_previewed, timeout=WAIT_MS) as shown:
            dialog.findChild(QPushButton, "save_print").click()
        preview, kind = shown.args
        assert kind == paper and preview.isVisible() and file_dialog.asked == []  # no file asked for
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / f"{paper}.pdf"))
        printer.setPageLayout(window._preview_printer.pageLayout())  # what Print sends: landscape A4
        preview.paintRequested.emit(printer)
        assert printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
        assert title in " ".join(pdf_text(tmp_path / f"{paper}.pdf").split())
        preview.close()
