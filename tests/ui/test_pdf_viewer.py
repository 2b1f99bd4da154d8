"""The PDF viewer on real letters (the demo service's Decree 30 layout): zoom, fit, pages, saving a copy,
printing into a real QPrinter writing a PDF, a damaged file, and a window that fits the screen."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from app.settings import load_settings
from app.workbench import Workbench
from tests.signed_letters import letter_of_pages
from tests.ui.test_printing import dark_share
from ui.pdf_viewer import PdfViewer

PAGES = 3
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


@pytest.fixture(scope="module")
def letter_bytes() -> bytes:
    return letter_of_pages(PAGES)


@pytest.fixture
def letter(tmp_path: Path, letter_bytes: bytes) -> Path:
    path = tmp_path / "Quyết định 12.pdf"
    path.write_bytes(letter_bytes)
    return path


def open_viewer(qtbot: QtBot, path: Path, workbench: Workbench) -> PdfViewer:
    viewer = PdfViewer(path, workbench)
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitExposed(viewer)
    viewer.activateWindow()
    qtbot.waitUntil(viewer.isActiveWindow)  # the window's keys need the window active
    return viewer


@pytest.fixture
def viewer(qtbot: QtBot, letter: Path, workbench: Workbench, vietnamese: object) -> PdfViewer:
    return open_viewer(qtbot, letter, workbench)


def press(
    qtbot: QtBot, viewer: PdfViewer, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(viewer.view, key, modifier)


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]


def test_zoom_steps_in_and_out_with_buttons_and_keys(viewer: PdfViewer, qtbot: QtBot) -> None:
    assert viewer.view.zoomMode() == QPdfView.ZoomMode.FitToWidth  # it opens as wide as the window
    fitted = viewer.zoom()
    viewer.zoom_in_action.trigger()
    assert viewer.view.zoomMode() == QPdfView.ZoomMode.Custom
    larger = viewer.view.zoomFactor()
    assert larger > fitted and viewer.zoom_label.text() == f"{round(larger * 100)} %"
    press(qtbot, viewer, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert viewer.view.zoomFactor() > larger
    press(qtbot, viewer, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, viewer, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert viewer.view.zoomFactor() < larger
    for _ in range(20):  # never below the smallest step
        viewer.zoom_out_action.trigger()
    assert viewer.view.zoomFactor() == 0.25 and viewer.zoom_label.text() == "25 %"


def test_fit_page_shows_a_whole_page_and_ctrl_0_fits_the_width_again(viewer: PdfViewer, qtbot: QtBot) -> None:
    width_zoom = viewer.zoom()
    viewer.fit_page_action.trigger()
    assert viewer.view.zoomMode() == QPdfView.ZoomMode.FitInView
    page = viewer.document.pagePointSize(0) * viewer.zoom() * viewer.view.logicalDpiY() / 72
    assert page.height() <= viewer.view.viewport().height()  # the whole page, top to bottom
    assert viewer.zoom() < width_zoom and viewer.zoom_label.text() == f"{round(viewer.zoom() * 100)} %"
    press(qtbot, viewer, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert viewer.view.zoomMode() == QPdfView.ZoomMode.FitToWidth and viewer.zoom() == pytest.approx(width_zoom)


def test_pages_go_forward_and_back_and_the_box_says_where(viewer: PdfViewer, qtbot: QtBot) -> None:
    assert (viewer.current_page, viewer.page_box.text()) == (0, "Trang 1 / 3")
    assert not viewer.previous_action.isEnabled() and viewer.next_action.isEnabled()
    press(qtbot, viewer, Qt.Key.Key_PageDown)
    assert (viewer.current_page, viewer.page_box.text()) == (1, "Trang 2 / 3")
    viewer.next_action.trigger()
    assert (viewer.current_page, viewer.page_box.text()) == (2, "Trang 3 / 3")
    assert not viewer.next_action.isEnabled()
    press(qtbot, viewer, Qt.Key.Key_PageUp)
    assert viewer.page_box.text() == "Trang 2 / 3"
    viewer.page_box.lineEdit().selectAll()  # typing a page number, as an official would
    QTest.keyClicks(viewer.page_box.lineEdit(), "1")
    QTest.keyClick(viewer.page_box.lineEdit(), Qt.Key.Key_Return)
    assert (viewer.current_page, viewer.page_box.text()) == (0, "Trang 1 / 3")
    viewer.view.verticalScrollBar().setValue(viewer.view.verticalScrollBar().maximum())  # scrolling to the end
    qtbot.waitUntil(lambda: viewer.page_box.text() == "Trang 3 / 3")


def test_a_copy_is_saved_where_the_user_chooses_byte_for_byte(
    viewer: PdfViewer, qtbot: QtBot, letter: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "USB"
    elsewhere.mkdir()
    asked: list[str] = []

    def choose(_parent: QWidget, _title: str, proposed: str, _filters: str) -> tuple[str, str]:
        asked.append(proposed)
        return str(elsewhere / "ban-sao.pdf"), _filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    with qtbot.waitSignal(viewer.saved, timeout=10000) as saved:
        viewer.save_action.trigger()
    assert Path(asked[0]).name == letter.name  # the file's own name is proposed
    assert saved.args == [elsewhere / "ban-sao.pdf"]
    assert (elsewhere / "ban-sao.pdf").read_bytes() == letter.read_bytes()
    assert [p.name for p in elsewhere.iterdir()] == ["ban-sao.pdf"]  # no temporary file left
    assert "Đã lưu bản sao" in viewer.status.text()


def test_printing_sends_every_page_to_a_real_printer(viewer: PdfViewer, qtbot: QtBot, tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(viewer.printed, timeout=60000) as printed:
        viewer.print_document(printer)
        assert not viewer.print_action.isEnabled() and viewer.progress.isVisibleTo(viewer)  # one print at a time
        qtbot.keyClick(viewer.view, Qt.Key.Key_PageDown)  # the window answers while the pages print
        assert viewer.page_box.text() == "Trang 2 / 3"
    assert printed.args == [PAGES] and viewer.progress.value() == PAGES
    assert pdf_pages(tmp_path / "printed.pdf") == PAGES
    assert viewer.status.text() == f"Đã gửi tới máy in. Số trang: {PAGES}"
    assert viewer.print_action.isEnabled() and not viewer.progress.isVisibleTo(viewer)
    out = QPdfDocument()
    assert out.load(str(tmp_path / "printed.pdf")) == QPdfDocument.Error.None_
    size = out.pagePointSize(0)
    assert (round(size.width()), round(size.height())) == (595, 842)  # A4, as the letter
    for page in range(PAGES):  # the letter's text is on every page, not blank paper
        assert dark_share(out.render(page, QSize(298, 421))) > 0.002, page


def test_printing_can_be_stopped(viewer: PdfViewer, qtbot: QtBot, tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    viewer.print_document(printer)
    viewer.cancel_print_button.click()
    qtbot.waitUntil(lambda: not viewer.printing, timeout=30000)
    assert viewer.status.text() == "Đã dừng in." and viewer.print_action.isEnabled()


def test_closing_while_printing_lets_the_printing_finish(
    qtbot: QtBot, letter: Path, workbench: Workbench, tmp_path: Path
) -> None:
    viewer = PdfViewer(letter, workbench)  # not handed to qtbot: it deletes itself
    viewer.show()
    qtbot.waitExposed(viewer)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(viewer.printed, timeout=60000):
        viewer.print_document(printer)
        viewer.close()
        assert not viewer.isVisible() and shiboken6.isValid(viewer)
    qtbot.waitUntil(lambda: not shiboken6.isValid(viewer))  # then the window goes
    assert pdf_pages(tmp_path / "printed.pdf") == PAGES


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"%PDF-1.4\n1 0 obj garbage", "Đây không phải là tệp PDF, hoặc tệp đã bị hỏng."),
        (b"PK\x03\x04 a zip file", "Đây không phải là tệp PDF, hoặc tệp đã bị hỏng."),
        (None, "Tệp không còn trên máy này."),
    ],
)
def test_a_file_that_is_no_readable_pdf_is_said_so(
    qtbot: QtBot, workbench: Workbench, vietnamese: object, tmp_path: Path, content: bytes | None, reason: str
) -> None:
    path = tmp_path / "hỏng.pdf"
    if content is not None:
        path.write_bytes(content)
    viewer = open_viewer(qtbot, path, workbench)
    assert not viewer.loaded and viewer.pages.currentWidget() is viewer.message
    assert viewer.message.text().startswith("Không hiển thị được tệp này: " + reason)
    assert str(path) in viewer.message.text()
    assert not any(a.isEnabled() for a in (viewer.print_action, viewer.zoom_in_action, viewer.next_action))
    assert viewer.save_action.isEnabled() == (content is not None)  # the bytes can still go elsewhere
    assert viewer.print_document() is None
    viewer.zoom_in()
    viewer.next_page()  # the keys do nothing harmful
    close = viewer.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert close.text() == "Đóng"
    close.click()
    assert not viewer.isVisible()


def test_the_window_fits_the_screen_and_remembers_its_size(
    qtbot: QtBot, letter: Path, workbench: Workbench, vietnamese: object
) -> None:
    available = QGuiApplication.primaryScreen().availableGeometry().size()
    workbench.save_settings(replace(workbench.settings, pdf_viewer_size=(4000, 3000)))  # from a larger screen
    viewer = open_viewer(qtbot, letter, workbench)
    assert viewer.width() <= available.width() and viewer.height() <= available.height()
    assert viewer.minimumWidth() <= 1366 and viewer.minimumHeight() <= 740
    assert viewer.minimumWidth() <= available.width() and viewer.minimumHeight() <= available.height()
    viewer.resize(700, 500)
    viewer.close()
    assert workbench.settings.pdf_viewer_size == (700, 500)
    assert load_settings(workbench.cache.profile.root)[0].pdf_viewer_size == (700, 500)  # in the settings file
    again = open_viewer(qtbot, letter, workbench)
    assert again.size() == QSize(700, 500)
