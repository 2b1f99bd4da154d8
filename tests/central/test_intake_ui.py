"""The counter on the real window, offscreen, against the real service: a citizen's dossier taken in
from the keyboard, its receipt printed to a PDF printer and read back, then worked to the end."""

from __future__ import annotations

import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.domain.workflow import DossierState
from central import models as server
from kernel.clock import VN_TZ
from local_db.models import Dossier
from tests.central import test_workbench_ui
from tests.central.conftest import WARD_A, Central
from tests.central.test_workbench_ui import ROW, click, wait_synced
from tests.ui.waiting import settle
from ui.main_window import MainWindow
from ui.printing import page_layout

window = test_workbench_ui.window  # the real window on a desk synced with the real service (a fixture)


def type_into(qtbot: QtBot, dialog: object, name: str, text: str) -> None:
    field = dialog.findChild(QLineEdit, name)  # type: ignore[attr-defined]
    field.setFocus()
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:  # QTest types Latin-1 keys only; Vietnamese letters arrive composed, as an input method commits them
        field.insert(text)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def printed(preview: QPrintPreviewDialog, path: Path) -> str:
    """What the preview's Print button does with a PDF printer chosen; the text on the page."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageLayout(page_layout())
    preview.paintRequested.emit(printer)
    return " ".join(pdf_text(path).split())


def local_dossier(window: MainWindow, applicant: str) -> Dossier:
    with window.workbench.cache.sessions() as session:
        return session.scalars(select(Dossier).where(Dossier.applicant_name == applicant)).one()


def test_a_citizen_s_dossier_from_the_counter_to_the_returned_result(
    window: MainWindow, qtbot: QtBot, central: Central, tmp_path: Path
) -> None:
    window.intake_button.click()
    dialog = window.intake_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.procedure_list.count() > 0)
    type_into(qtbot, dialog, "procedureSearch", "dang ky khai sinh")  # without diacritics
    assert dialog.chosen_procedure().name == "Đăng ký khai sinh"
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.papers.hasFocus() and dialog.papers.count() == 3
    qtbot.keyClick(dialog.papers, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.papers, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.papers, Qt.Key.Key_Space)  # the ID card is only shown, not handed in
    scan = tmp_path / "giay-chung-sinh.pdf"
    scan.write_bytes(b"%PDF-1.4 scan\n")
    dialog.pick_files([scan])
    type_into(qtbot, dialog, "applicantName", "Phạm Thị Ngọc Hân")
    type_into(qtbot, dialog, "applicantId", "079190012345")
    type_into(qtbot, dialog, "applicantBorn", "02/09/1990")
    type_into(qtbot, dialog, "applicantAddress", "15 đường Yersin, Phường Thủ Dầu Một")
    type_into(qtbot, dialog, "applicantPhone", "0912345678")
    with qtbot.waitSignal(window.receipt_previewed, timeout=10000) as previewed:
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    preview = previewed.args[0]
    assert preview.isVisible() and not dialog.isVisible()

    text, today = printed(preview, tmp_path / "giay-hen.pdf"), central.clock.now()
    dossier = local_dossier(window, "Phạm Thị Ngọc Hân")
    due = dossier.due_at.astimezone(VN_TZ)
    assert dossier.code.startswith(f"{WARD_A}-{central.clock.now():%y%m%d}-")
    for expected in (
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", dossier.code, "Phạm Thị Ngọc Hân", "079190012345",
        "Đăng ký khai sinh (1.001193)", "Tờ khai đăng ký khai sinh theo mẫu", "Giấy chứng sinh hoặc văn bản xác nhận",
        f"Phường Thủ Dầu Một, ngày {today:%d} tháng {today:%m} năm {today:%Y}",
        "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN", "Mẫu số 01", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        f"{due:%H} giờ {due:%M} phút, ngày {due:%d} tháng {due:%m} năm {due:%Y}",
    ):  # fmt: skip
        assert expected in text, expected
    assert "Thẻ căn cước" not in text  # not ticked: not received
    preview.close()

    wait_synced(window, qtbot)
    with central.service.sessions() as session:
        stored = session.scalars(select(server.Dossier).where(server.Dossier.code == dossier.code)).one()
    assert stored.state == int(DossierState.ACCEPTED) and stored.applicant_born_on.year == 1990
    window.navigator.setCurrentRow(ROW["dossiers"])
    settle(qtbot, window)
    assert window.detail.detail is None  # another list: the pane waits for a choice in it
    codes = [window.dossiers.row_at(r).code for r in range(window.dossiers.rowCount())]
    window.select_row("dossier", codes.index(dossier.code))
    qtbot.waitUntil(lambda: window.detail.detail is not None and window.detail.detail.fields["code"] == dossier.code)
    click(window, qtbot, "start_processing")
    click(window, qtbot, "request_supplement", "Bổ sung bản sao giấy tờ tùy thân của người đi khai sinh")
    click(window, qtbot, "supplement_received")
    click(window, qtbot, "record_result", "Đã cấp Giấy khai sinh bản chính")
    click(window, qtbot, "return_result")
    wait_synced(window, qtbot)
    with central.service.sessions() as session:
        stored = session.scalars(select(server.Dossier).where(server.Dossier.code == dossier.code)).one()
    assert stored.state == int(DossierState.RETURNED)
    assert [entry["action"] for entry in stored.history] == [
        "register", "start_processing", "request_supplement", "supplement_received", "record_result", "return_result"
    ]  # fmt: skip
    with qtbot.waitSignal(window.receipt_previewed, timeout=10000):  # the slip again, from the detail pane
        window.detail.print_button.click()
    window.print_preview.close()


@pytest.fixture
def before_tet(central: Central) -> None:
    """Wed 03/02/2027 10:00, the last working day before Tết 2027 (Thu 04/02 to Wed 10/02 are off)."""
    central.clock.advance(datetime(2027, 2, 3, 10, 0, tzinfo=VN_TZ) - central.clock.now())


def test_a_supplement_received_before_tet_restarts_the_time_after_tet(
    before_tet: None, window: MainWindow, qtbot: QtBot, central: Central, tmp_path: Path
) -> None:
    dialog = window.open_intake()
    qtbot.waitUntil(lambda: dialog.procedure_list.count() > 0)
    type_into(qtbot, dialog, "procedureSearch", "1.001193")
    type_into(qtbot, dialog, "applicantName", "Lê Văn Tết")
    with qtbot.waitSignal(window.receipt_previewed, timeout=10000) as previewed:
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    # 1 working day from Wed 10:00: 5.5 h that day, the rest on Thu 11/02, the first day after Tết
    assert "10 giờ 00 phút, ngày 11 tháng 02 năm 2027" in printed(previewed.args[0], tmp_path / "giay-hen.pdf")
    previewed.args[0].close()
    dossier = local_dossier(window, "Lê Văn Tết")
    assert dossier.code.startswith(f"{WARD_A}-270203-")
    window.navigator.setCurrentRow(ROW["dossiers"])
    settle(qtbot, window)
    assert window.detail.detail is None  # another list: the pane waits for a choice in it
    codes = [window.dossiers.row_at(r).code for r in range(window.dossiers.rowCount())]
    window.select_row("dossier", codes.index(dossier.code))
    qtbot.waitUntil(lambda: window.detail.detail is not None and window.detail.detail.fields["code"] == dossier.code)
    click(window, qtbot, "start_processing")
    click(window, qtbot, "request_supplement", "Bổ sung giấy chứng sinh bản chính")
    central.clock.advance(timedelta(hours=6))  # the citizen comes back at 16:00, after the 15:00 cut-off
    click(window, qtbot, "supplement_received")
    after_tet = datetime(2027, 2, 11, 17, 0, tzinfo=VN_TZ)  # restarted from Thu 11/02 07:30: one whole day
    assert local_dossier(window, "Lê Văn Tết").due_at == after_tet  # offline too: counted on the desk
    wait_synced(window, qtbot)
    with central.service.sessions() as session:
        stored = session.scalars(select(server.Dossier).where(server.Dossier.code == dossier.code)).one()
    assert stored.due_at == after_tet and stored.history[-1]["due_at"] == after_tet.isoformat()
    assert "11/02/2027 17:00" in window.detail.body.toPlainText()
