"""Exports from the real window: the list to Excel, the register and the report as PDF, the slip."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from app.workbench import Workbench
from ui.main_window import NAVIGATION, MainWindow

ROW = {key: row for row, (key, *_rest) in enumerate(NAVIGATION)}


def test_the_list_on_screen_goes_to_excel(window: MainWindow, tmp_path: Path) -> None:
    window.filters.system.setCurrentIndex(window.filters.system.findData("legacy"))
    saved = window.export_list(tmp_path / "ds.xlsx")
    sheet = openpyxl.load_workbook(saved).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Số đến", "Ngày đến", "Số, ký hiệu")
    assert len(rows) - 1 == window.documents.total > 0


def test_dossiers_go_to_excel_from_their_list(window: MainWindow, tmp_path: Path) -> None:
    window.navigator.setCurrentRow(ROW["dossiers"])
    rows = list(openpyxl.load_workbook(window.export_list(tmp_path / "hs.xlsx")).active.iter_rows(values_only=True))
    assert rows[0][0] == "Mã hồ sơ" and len(rows) - 1 == window.dossiers.total


def test_the_register_and_the_report_are_pdf_files(window: MainWindow, tmp_path: Path) -> None:
    for saved in (window.save_register_pdf(tmp_path / "so.pdf"), window.save_ontime_report_pdf(tmp_path / "bc.pdf")):
        data = saved.read_bytes()
        assert data.startswith(b"%PDF") and len(data) > 2000


def test_a_dossier_s_receipt_slip(window: MainWindow, workbench: Workbench, tmp_path: Path) -> None:
    window.navigator.setCurrentRow(ROW["dossiers"])
    window.select_row("dossier", 0)
    assert window.detail.receipt_button.isVisibleTo(window)
    saved = window.detail.save_receipt(tmp_path / "slip.pdf")
    assert saved.read_bytes().startswith(b"%PDF")
