"""Exports from the real window: the list to Excel, the register and the report as PDF, the slip,
each written on the window's task pool."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
from pytestqt.qtbot import QtBot

from app.one_stop_forms import FormKind
from app.workbench import Workbench
from tests.ui.waiting import WAIT_MS, settle
from ui.main_window import NAVIGATION, MainWindow

ROW = {key: row for row, (key, *_rest) in enumerate(NAVIGATION)}


def test_the_list_on_screen_goes_to_excel(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    window.filters.system.setCurrentIndex(window.filters.system.findData("legacy"))
    settle(qtbot, window)
    with qtbot.waitSignal(window.exported, timeout=WAIT_MS) as written:
        window.export_list(tmp_path / "ds.xlsx")
    saved = written.args[0]
    sheet = openpyxl.load_workbook(saved).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Số đến", "Ngày đến", "Số, ký hiệu")
    assert len(rows) - 1 == window.documents.total > 0
    assert window.statusBar().currentMessage() == f"Đã lưu {saved}"


def test_dossiers_go_to_excel_from_their_list(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    window.navigator.setCurrentRow(ROW["dossiers"])
    settle(qtbot, window)
    with qtbot.waitSignal(window.exported, timeout=WAIT_MS) as written:
        window.export_list(tmp_path / "hs.xlsx")
    rows = list(openpyxl.load_workbook(written.args[0]).active.iter_rows(values_only=True))
    assert rows[0][0] == "Mã hồ sơ" and len(rows) - 1 == window.dossiers.total


def test_the_incoming_register_is_a_pdf_file(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    with qtbot.waitSignal(window.exported, timeout=WAIT_MS) as written:
        window.save_incoming_register((date(2026, 11, 1), date(2026, 11, 30)), "pdf", tmp_path / "so.pdf")
    data = written.args[0].read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 2000


def test_a_dossier_s_receipt_slip(window: MainWindow, workbench: Workbench, qtbot: QtBot, tmp_path: Path) -> None:
    window.navigator.setCurrentRow(ROW["dossiers"])
    settle(qtbot, window)
    window.select_row("dossier", 0)
    settle(qtbot, window)
    assert window.detail.save_button.isVisibleTo(window) and window.detail.print_button.isVisibleTo(window)
    assert window.detail.available_forms()[0] is FormKind.RECEIPT
    with qtbot.waitSignal(window.detail.form_saved, timeout=WAIT_MS) as written:
        window.detail.save_form(FormKind.RECEIPT, tmp_path / "slip.pdf")
    assert written.args[0].read_bytes().startswith(b"%PDF")


def test_the_week_of_meetings_has_no_list_to_export(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    window.navigator.setCurrentRow(ROW["meetings"])
    settle(qtbot, window)
    assert window.export_list(tmp_path / "x.xlsx") is None and not (tmp_path / "x.xlsx").exists()
    assert "không có danh sách" in window.notice.text()
