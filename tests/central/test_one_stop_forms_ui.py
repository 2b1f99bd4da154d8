"""The one-stop forms from a dossier's detail pane, on the real window against the real service: the
forms its state calls for, chosen with the mouse and with the keyboard, printed to a PDF printer and
read back with pdftotext."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDateTime, Qt, QTimer
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QLabel, QMenu
from pytestqt.qtbot import QtBot

from app.domain.workflow import DossierState
from app.one_stop_forms import FormKind
from kernel.clock import VN_TZ
from tests.central import test_workbench_ui
from tests.central.conftest import Central
from tests.central.test_intake_ui import printed
from tests.central.test_sync_engine import server_dossiers
from tests.central.test_workbench_ui import click, select_remote, server_dossier, wait_synced
from ui.appointment_dialog import AppointmentDialog
from ui.item_models import format_datetime
from ui.main_window import MainWindow

window = test_workbench_ui.window  # the real window on a desk synced with the real service (a fixture)

OFFICIAL = "Nguyễn Thị Thu"  # the display name of the desk's account (tests/central/conftest.py)
REQUEST = "Bản sao Giấy chứng nhận kết hôn của cha mẹ\nLý do: Tờ khai chưa ghi quê quán của người cha"


def previewed(window: MainWindow, qtbot: QtBot, kind: FormKind, ask: Callable[[], object]) -> QPrintPreviewDialog:
    """The print preview the window opens for ``kind`` once ``ask`` has asked for it."""
    with qtbot.waitSignal(window.form_previewed, timeout=10000, check_params_cb=lambda _p, k: k == kind.value) as shown:
        ask()
    preview = shown.args[0]
    assert preview.isVisible() and preview.windowTitle()
    return preview


def from_the_arrow_menu(window: MainWindow, kind: FormKind) -> None:
    """What a click on the form in the print button's arrow menu does."""
    menu = window.detail.print_button.menu()
    next(action for action in menu.actions() if action.data() == kind.value).trigger()


def from_the_keyboard(window: MainWindow, qtbot: QtBot, kind: FormKind) -> None:
    """Ctrl+P opens the forms menu; Down until the form is lit, then Return."""

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu), "Ctrl+P opened no menu"
        for _ in range(len(menu.actions())):
            qtbot.keyClick(menu, Qt.Key.Key_Down)
            if menu.activeAction() is not None and menu.activeAction().data() == kind.value:
                break
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    window.activateWindow()  # back from the print preview
    qtbot.waitUntil(window.isActiveWindow)
    QTimer.singleShot(50, choose)  # the menu runs its own loop until it is closed
    qtbot.keyClick(window.detail.body, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)


def raw_text(path: Path) -> str:
    """The page's text in the order it was painted: a table cell's lines stay together."""
    run = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(run.stdout.split())


def pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(info.split("Pages:")[1].split()[0])


def test_a_supplement_request_is_printed_on_form_02_and_the_hand_overs_on_form_06(
    window: MainWindow, qtbot: QtBot, central: Central, tmp_path: Path
) -> None:
    dossier = server_dossiers(central, DossierState.SUBMITTED)[0]
    select_remote(window, qtbot, "dossiers", dossier.id)
    assert window.detail.available_forms() == [FormKind.RECEIPT]
    click(window, qtbot, "accept")
    click(window, qtbot, "start_processing")
    click(window, qtbot, "request_supplement", REQUEST)
    assert window.detail.available_forms() == [FormKind.RECEIPT, FormKind.SUPPLEMENT, FormKind.CONTROL]
    assert window.detail.print_button.isVisible() and window.detail.save_button.isVisible()

    preview = previewed(window, qtbot, FormKind.SUPPLEMENT, lambda: from_the_arrow_menu(window, FormKind.SUPPLEMENT))
    text = printed(preview, tmp_path / "mau-02.pdf")
    for expected in (
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Mẫu số 02", f"Mã hồ sơ: {dossier.code}",
        f"Hồ sơ của: {dossier.applicant_name}", "1. Bản sao Giấy chứng nhận kết hôn của cha mẹ",
        "Lý do: Tờ khai chưa ghi quê quán của người cha", "NGƯỜI HƯỚNG DẪN", OFFICIAL,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
    ):  # fmt: skip
        assert expected in text, expected
    assert pages(tmp_path / "mau-02.pdf") == 1
    preview.close()

    click(window, qtbot, "supplement_received")
    click(window, qtbot, "record_result", "Đã cấp Giấy khai sinh bản chính")
    wait_synced(window, qtbot)  # the history as the service wrote it, with the recounted due time
    assert window.detail.available_forms() == [FormKind.RECEIPT, FormKind.CONTROL]
    preview = previewed(window, qtbot, FormKind.CONTROL, lambda: from_the_keyboard(window, qtbot, FormKind.CONTROL))
    printed(preview, tmp_path / "mau-06.pdf")
    text = raw_text(tmp_path / "mau-06.pdf")
    history = server_dossier(central, dossier.id).history
    assert [entry.get("action") for entry in history[-2:]] == ["supplement_received", "record_result"]
    recounted = datetime.fromisoformat(history[-2]["due_at"]).astimezone(VN_TZ)
    for expected in (
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "Mẫu số 06", f"Mã hồ sơ: {dossier.code}",
        "1 Nộp hồ sơ", f"{dossier.applicant_name} {OFFICIAL}", "2 Tiếp nhận hồ sơ", "3 Chuyển xử lý",
        "4 Yêu cầu bổ sung, hoàn thiện hồ sơ",
        "Bản sao Giấy chứng nhận kết hôn của cha mẹ Lý do: Tờ khai chưa ghi quê quán của người cha",
        "5 Nhận hồ sơ bổ sung", f"{OFFICIAL} {OFFICIAL} {recounted:%d/%m/%Y %H:%M}", "6 Có kết quả giải quyết",
        ": Đã cấp Giấy khai sinh bản chính",
    ):  # fmt: skip
        assert expected in text, expected
    assert pages(tmp_path / "mau-06.pdf") == 1
    preview.close()


def test_a_refused_dossier_offers_form_03_alone_and_saves_it_as_pdf(
    window: MainWindow, qtbot: QtBot, central: Central, tmp_path: Path
) -> None:
    dossier = server_dossiers(central, DossierState.SUBMITTED)[1]
    select_remote(window, qtbot, "dossiers", dossier.id)
    click(window, qtbot, "refuse", "Thủ tục không thuộc thẩm quyền của phường")
    assert window.detail.available_forms() == [FormKind.REFUSAL]
    target = tmp_path / "mau-03.pdf"
    with qtbot.waitSignal(window.detail.form_saved, timeout=10000) as saved:
        window.detail.save_form(FormKind.REFUSAL, target)
    assert saved.args[0] == target
    text = " ".join(subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout.split())
    for expected in ("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", dossier.code, "không thuộc thẩm quyền của phường"):
        assert expected in text, expected
    assert "Thời gian trả kết quả" not in text  # a refusal makes no appointment


def test_a_late_dossier_gets_an_apology_and_a_new_appointment_printed_on_form_04(
    window: MainWindow, qtbot: QtBot, central: Central, tmp_path: Path
) -> None:
    now = central.clock.now()
    dossier = next(d for d in server_dossiers(central, DossierState.IN_PROGRESS) if d.due_at < now)
    select_remote(window, qtbot, "dossiers", dossier.id)
    assert FormKind.APOLOGY not in window.detail.available_forms()
    new_due = (now + timedelta(days=3)).astimezone(VN_TZ).replace(second=0, microsecond=0)
    seen: list[str] = []

    def pick_the_new_appointment() -> None:  # the real dialog: the official sets the date and presses OK
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AppointmentDialog), dialog
        seen.append(dialog.findChildren(QLabel)[1].text())
        dialog.picker.setDateTime(QDateTime(new_due.date(), new_due.time()))
        dialog.accept()

    QTimer.singleShot(50, pick_the_new_appointment)
    click(window, qtbot, "apologise", "Cần xác minh thêm thông tin cư trú tại Công an phường")
    assert seen == [format_datetime(dossier.due_at)]  # the statutory due time, shown beside the picker
    assert format_datetime(new_due) in window.detail.body.toPlainText()
    assert FormKind.APOLOGY in window.detail.available_forms()
    preview = previewed(window, qtbot, FormKind.APOLOGY, lambda: from_the_arrow_menu(window, FormKind.APOLOGY))
    text = printed(preview, tmp_path / "mau-04.pdf")
    due = dossier.due_at.astimezone(VN_TZ)
    for expected in (
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "Mẫu số 04", dossier.code, f"Kính gửi: {dossier.applicant_name}",
        f"theo quy định: {due:%H} giờ {due:%M} phút, ngày {due:%d} tháng {due:%m} năm {due:%Y}",
        "Lý do: Cần xác minh thêm thông tin cư trú tại Công an phường",
        f"{new_due:%H} giờ {new_due:%M} phút, ngày {new_due:%d} tháng {new_due:%m} năm {new_due:%Y}",
    ):  # fmt: skip
        assert expected in text, expected
    preview.close()
    wait_synced(window, qtbot)
    stored = server_dossier(central, dossier.id)
    assert (stored.due_at, stored.extended_due_at) == (dossier.due_at, new_due)  # kept beside the statutory time
