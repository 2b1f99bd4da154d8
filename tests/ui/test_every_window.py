"""Every window and dialog of the app, opened the way the app opens it after a switch to Vietnamese,
shows no English that Qt or a forgotten tr() would leave (issue 18: "Vietnamese throughout") and fits
a 1366×768 office screen with its taskbar, at 100 % and at 125 %.

Qt ships no Vietnamese catalogue: its buttons (OK, Cancel…), the file and print dialogs and the
context menus are translated by resources/i18n/qtbase_vi.ts, which this test checks on the dialogs
themselves, not on the catalogue."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from datetime import timedelta
from functools import cache
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSize
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtPrintSupport import QPageSetupDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.domain.signature_verdict import RevocationSource, SignatureCheck, SignatureFinding, Verdict
from app.workbench import Workbench
from local_db.models import Meeting
from tests.demo_cache import fill_demo_cache
from tests.signed_letters import SIGNER, letter_of
from tests.ui.waiting import WAIT_MS, settle
from ui.main_window import NAVIGATION, MainWindow
from ui.translation import install_translator

SAMPLES = Path(__file__).parents[1] / "data" / "edxml"
WARD = "000.00.57.H29"  # Phường Thủ Dầu Một in the shipped directory

# Qt's English defaults (standard buttons, the file, print and preview dialogs, context menus, the
# wizard, message boxes) and words of the app's own dialogs that came out English before: none may
# show, as a whole word, in the Vietnamese UI.
ENGLISH = (
    "OK", "Cancel", "Close", "Apply", "Yes", "No", "Save", "Save All", "Open", "Discard", "Reset", "Help",
    "Abort", "Retry", "Ignore", "Restore Defaults", "Browse", "Back", "Forward", "Next", "Finish", "Look in",
    "File name", "Files of type", "Directory", "Detail View", "List View", "Parent Directory", "New Folder",
    "Create New Folder", "Name", "Size", "Type", "Date Modified", "Print", "Print Preview", "Page setup",
    "Page Setup", "Zoom in", "Zoom out", "Fit width", "Fit page", "First page", "Last page", "Next page",
    "Previous page", "Portrait", "Landscape", "Show Details", "Hide Details", "Attachments", "Undo", "Redo",
    "Cut", "Copy", "Paste", "Delete", "Select All", "Step up", "Step down", "Enter a value", "Float",
    "Printer", "Properties", "Copies", "Options", "Paper", "Margins", "Orientation", "Sidebar", "Files",
    "Recent Places", "Show hidden files", "Rename", "Scroll here",
)  # fmt: skip
ENGLISH_WORDS = re.compile(r"\b(?:" + "|".join(re.escape(word) for word in ENGLISH) + r")\b")
PLACEHOLDER = re.compile(r"\{\w*\}")
# 1366×768 less a taskbar at 125 % (Windows' usual setting on such a screen): every size a window asks
# for is 1.25 times larger there, so it must ask for at most this; at 100 % it then fits with room.
SCREEN = QSize(int(1366 / 1.25), int(740 / 1.25))
I18N = Path(__file__).parents[2] / "resources" / "i18n"


def _untranslated_pattern() -> re.Pattern[str]:
    """Any English source of the app's catalogue or of ours of Qt's, shown whole as it is: a text
    no translator ran on (a label set once and not again when the language changed, a forgotten
    tr()). Placeholders match anything; sources kept as they are in Vietnamese ("PDF") do not count."""
    sources = set()
    for ts_file in (I18N / "ward_desk_vi.ts", I18N / "qtbase_vi.ts"):
        for message in ET.parse(ts_file).getroot().iter("message"):
            source, translation = message.findtext("source") or "", message.findtext("translation") or ""
            literal = re.sub(r"\{[^{}]*\}|%\d", "", source)
            if translation != source and re.search(r"[A-Za-z]{2,}", literal):
                sources.add(source)
    parts = [_source_regex(_plain(source)) for source in sorted(sources, key=len, reverse=True)]
    return re.compile("(?:" + "|".join(parts) + ")")


def _source_regex(source: str) -> str:
    pieces = re.split(r"\{[^{}]*\}|%\d", source)
    return ".+?".join(re.escape(piece) for piece in pieces)


UNTRANSLATED = cache(_untranslated_pattern)


def leftovers(texts: list[str]) -> list[str]:
    """The texts that hold an English default or a placeholder no one filled in, or are an English
    source of a catalogue, untranslated."""
    untranslated = UNTRANSLATED()
    return [
        text for text in texts if ENGLISH_WORDS.search(text) or PLACEHOLDER.search(text) or untranslated.fullmatch(text)
    ]


def test_the_detector_catches_english() -> None:
    assert leftovers(["Cancel"]) == ["Cancel"]
    assert leftovers(["Tìm trong:", "Hủy", "Đồng ý", "OK nhé"]) == ["OK nhé"]
    assert leftovers(["Show Details...", "Files of type:", "Xin chào {name}"]) == [
        "Show Details...",
        "Files of type:",
        "Xin chào {name}",
    ]
    assert leftovers(["Nokia", "Openness", "Ok"]) == []  # whole words, Qt's own capitals
    # the catalogues' English sources, placeholders filled in or not, accelerators as shown
    assert leftovers(["Received", "51 documents and 0 dossiers in this list", "Tìm", "Excel (*.xlsx)"]) == [
        "Received",
        "51 documents and 0 dossiers in this list",
    ]
    assert leftovers(["File", "Dossier register (form 07)…"]) == ["File", "Dossier register (form 07)…"]


# -- what a window shows -----------------------------------------------------------------------------


def shown_texts(root: QWidget) -> list[str]:
    """Every text of ``root`` and its shown children a user can read: titles, buttons, labels, group
    boxes, tabs, placeholders, tooltips, combo items, table headers, menu and toolbar actions, and
    the standard context menu of each text field."""
    texts = [root.windowTitle(), root.toolTip()]
    texts += _action_texts(root)
    for widget in root.findChildren(QWidget):
        if widget.isVisibleTo(root):  # menus count through the menu bar's actions, popups below
            texts += _widget_texts(widget)
    return [_plain(text) for text in texts if text and text.strip()]


def _widget_texts(widget: QWidget) -> list[str]:
    texts = [widget.toolTip(), widget.statusTip(), widget.whatsThis(), *_action_texts(widget)]
    if isinstance(widget, QAbstractButton):
        texts.append(widget.text())
    if isinstance(widget, QLabel):
        texts.append(widget.text())
    if isinstance(widget, QGroupBox):
        texts.append(widget.title())
    if isinstance(widget, QTabBar):
        texts += [widget.tabText(index) for index in range(widget.count())]
        texts += [widget.tabToolTip(index) for index in range(widget.count())]
    if isinstance(widget, QLineEdit):
        texts.append(widget.placeholderText())
    if isinstance(widget, QComboBox):
        texts += [widget.itemText(index) for index in range(widget.count())]
    if isinstance(widget, QAbstractSpinBox):
        texts.append(widget.specialValueText())
    if isinstance(widget, QHeaderView) and widget.model() is not None:  # a table's or a tree's column titles
        model, orientation = widget.model(), widget.orientation()
        texts += [str(model.headerData(section, orientation) or "") for section in range(widget.count())]
    if isinstance(widget, QTextEdit):
        texts.append(widget.toPlainText())  # the detail and dialog bodies: their headings and labels
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        texts += _context_menu_texts(widget)
    if isinstance(widget, QDateTimeEdit) and widget.calendarPopup():
        texts += [text for child in [widget.calendarWidget()] for text in _widget_texts(child)]
    return texts


def _action_texts(widget: QWidget) -> list[str]:
    texts: list[str] = []
    for action in widget.actions():
        texts += [action.text(), action.toolTip(), action.iconText()]
        if action.menu() is not None:
            texts += _action_texts(action.menu())
    if isinstance(widget, QMenu):
        texts.append(widget.title())
    return texts


def _context_menu_texts(widget: QLineEdit | QPlainTextEdit | QTextEdit) -> list[str]:
    menu = widget.createStandardContextMenu()
    texts = [action.text() for action in menu.actions()]
    menu.deleteLater()
    return texts


def _plain(text: str) -> str:
    """Rich text as read, accelerators as shown (“Tì&m” reads “Tìm”)."""
    if "<" in text and ">" in text:
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def minimum_size(window: QWidget) -> QSize:
    """The smallest the window lets itself be: its own minimum or its layout's, whichever is larger,
    once every layout has taken in the last changes (a layout's minimum is cached until then)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QCoreApplication.processEvents()
    return window.minimumSize().expandedTo(window.minimumSizeHint())


# -- the windows, as the app opens them ----------------------------------------------------------------


Opener = Callable[[MainWindow, QtBot, Path], QWidget]
OPEN = QFileDialog.AcceptMode.AcceptOpen


@pytest.fixture
def window(qtbot: QtBot, workbench: Workbench, qapp: QApplication) -> Iterator[MainWindow]:
    """The real window on demo data, started in English and switched to Vietnamese as a user does
    (Language → Tiếng Việt): the app's catalogue and Qt's come in together."""
    install_translator(qapp, "en")
    fill_demo_cache(workbench, 120)
    win = MainWindow(workbench)
    qtbot.addWidget(win)
    win.switch_language("vi")
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    settle(qtbot, win)
    yield win
    for dialog in win.findChildren(QDialog):
        dialog.close()
        dialog.deleteLater()
    # Gone now, with what they queued (the file dialog's folder reads): not in the next test's first paint
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    win.uninstall_translator()
    install_translator(qapp, "en")  # the locale back to English for the tests that follow


def _main_window(kind: str) -> Opener:
    """The window with a document or a dossier in its detail pane (their actions, forms, attachments)."""

    def shown(win: MainWindow, qtbot: QtBot, _tmp: Path) -> QWidget:
        win.navigator.setCurrentRow(0 if kind == "document" else 2)  # incoming documents, dossiers
        model = win.documents if kind == "document" else win.dossiers
        qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=WAIT_MS)
        win.select_row(kind, 0)
        qtbot.waitUntil(lambda: win.detail.detail is not None and win.detail.detail.kind == kind, timeout=WAIT_MS)
        # the navigator's counts come after the first paint and widen it: measured once they are in
        qtbot.waitUntil(lambda: "(" in win.navigator.item(0).text(), timeout=WAIT_MS)
        settle(qtbot, win)
        return win

    return shown


def _edxml(win: MainWindow, qtbot: QtBot, tmp: Path) -> QWidget:
    path = tmp / "tu-usb.edxml"
    path.write_bytes((SAMPLES / "edoc_new.edxml").read_bytes().replace(b"28.22.H17", WARD.encode()))
    with qtbot.waitSignal(win.edxml_opened, timeout=WAIT_MS) as opened:  # read on the window's task pool
        win.open_edxml(path)
    return opened.args[0]


def _pdf_viewer(win: MainWindow, _qtbot: QtBot, tmp: Path) -> QWidget:
    from ui.pdf_viewer import PdfViewer

    path = tmp / "quyet-dinh.pdf"
    path.write_bytes(letter_of(2))
    viewer = PdfViewer(path, win.workbench, win)
    assert viewer.loaded
    viewer.show()
    return viewer


def _signatures(win: MainWindow, _qtbot: QtBot, _tmp: Path) -> QWidget:
    from ui.signature_view import SignatureDialog

    now = win.workbench.clock.now()
    finding = SignatureFinding(
        "Signature1", Verdict.VALID, SIGNER, "UBND Phường Sài Gòn", "CA thử nghiệm", "1a2b", now - timedelta(days=1),
        timestamped=True, revocation=RevocationSource.ONLINE,
    )  # fmt: skip
    dialog = SignatureDialog("quyet-dinh.pdf", SignatureCheck((finding,), now, online=True), win)
    dialog.show()
    return dialog


def _sign_in_again(win: MainWindow, _qtbot: QtBot, _tmp: Path) -> QWidget:
    from ui.sign_in_again import SignInAgainDialog  # as the accounts dialog and the status bar open it

    dialog = SignInAgainDialog(win.workbench, win.tasks, win.workbench.account_statuses()[0], win)
    dialog.show()
    return dialog


def _settings(win: MainWindow, _qtbot: QtBot, _tmp: Path) -> QWidget:
    from ui.settings_dialog import SettingsDialog  # the app runs it with exec(): shown here instead

    dialog = SettingsDialog(win.workbench.settings, win)
    dialog.show()
    return dialog


def _assignee(win: MainWindow, _qtbot: QtBot, _tmp: Path) -> QWidget:
    from ui.assignee_dialog import AssigneeDialog

    dialog = AssigneeDialog("Giao xử lý", ["Nguyễn Văn An", "Trần Thị Bình"], win)
    dialog.show()
    return dialog


def _pin(win: MainWindow, _qtbot: QtBot, _tmp: Path) -> QWidget:
    from ui.pin_dialog import PinDialog

    dialog = PinDialog("quyet-dinh.pdf", win)
    dialog.show()
    return dialog


def _appointment(win: MainWindow, _qtbot: QtBot, _tmp: Path) -> QWidget:
    from ui.appointment_dialog import AppointmentDialog

    now = win.workbench.clock.now()
    dialog = AppointmentDialog(win, "Xin lỗi và hẹn lại", now + timedelta(days=2), now)
    dialog.show()
    return dialog


def _not_saved(win: MainWindow, qtbot: QtBot, tmp: Path) -> QWidget:
    """The message box the app shows when an export fails (into a folder that does not exist)."""
    with qtbot.waitSignal(win.export_failed, timeout=WAIT_MS):
        win.export_list(tmp / "khong-co" / "danh-sach.xlsx")
    box = win.findChild(QMessageBox, "exportFailed")
    assert box is not None
    return box


def _not_here(win: MainWindow, _qtbot: QtBot, _tmp: Path) -> QWidget:
    """As the detail pane's QMessageBox.information says an attachment is not downloaded yet."""
    title = QCoreApplication.translate("DetailPane", "Attachments")
    text = QCoreApplication.translate("DetailPane", "This file is not on this computer yet.")
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, win)
    box.show()
    return box


def _reason(win: MainWindow, _qtbot: QtBot, _tmp: Path) -> QWidget:
    """As the detail pane's QInputDialog.getMultiLineText asks for an action's reason."""
    dialog = QInputDialog(win)
    dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
    dialog.setWindowTitle("Trả lại hồ sơ")
    dialog.setLabelText("Lý do")
    dialog.show()
    return dialog


def _scenario_chooser(win: MainWindow, _qtbot: QtBot, _tmp: Path) -> QWidget:
    from ui.scenario_chooser import ScenarioChooser  # as the training panel opens it: modal, over the window

    dialog = ScenarioChooser(win, current="incoming-document")
    dialog.show()
    return dialog


def _meetings_week(win: MainWindow, qtbot: QtBot, _tmp: Path) -> QWidget:
    """Lịch họp: the week of meetings in place of the lists, the navigator's counts in."""
    win.navigator.setCurrentRow([key for key, *_ in NAVIGATION].index("meetings"))
    qtbot.waitUntil(lambda: "(" in win.navigator.item(0).text(), timeout=WAIT_MS)
    settle(qtbot, win)
    return win


def _meeting(win: MainWindow, qtbot: QtBot, _tmp: Path) -> QWidget:
    """A meeting's dialog, as a click on its card opens it."""
    with win.workbench.cache.sessions() as session:
        meeting_id = session.scalar(select(Meeting.id).where(Meeting.link != "").order_by(Meeting.id))
    assert meeting_id is not None  # the demo's online invitations
    with qtbot.waitSignal(win.meeting_shown, timeout=WAIT_MS) as shown:
        win.open_meeting(meeting_id)
    return shown.args[0]


def _file_dialog(context: str, title: str, filters: str, accept: QFileDialog.AcceptMode) -> Opener:
    """Qt's own file dialog, as ui.file_dialogs' QFileDialog.getOpenFileNames/getSaveFileName show it
    where the desktop offers none (a Linux office PC without a GTK or KDE platform theme), with the
    title and filters of one of the app's callers."""

    def opened(win: MainWindow, _qtbot: QtBot, tmp: Path) -> QWidget:
        translate = QCoreApplication.translate
        dialog = QFileDialog(win, translate(context, title), str(tmp), translate(context, filters))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(accept)
        if accept is QFileDialog.AcceptMode.AcceptOpen:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setViewMode(QFileDialog.ViewMode.Detail)  # its column headers too
        dialog.show()
        return dialog

    return opened


def _print_preview(win: MainWindow, _qtbot: QtBot, _tmp: Path) -> QWidget:
    return win.show_print_preview("<h1>Giấy tiếp nhận hồ sơ và hẹn trả kết quả</h1>", "Giấy tiếp nhận")


def _print_dialog(win: MainWindow, _qtbot: QtBot, _tmp: Path) -> QWidget:
    """As ui.printing.print_html (and the preview's Print button) asks for a printer."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, win)
    dialog._printer = printer  # type: ignore[attr-defined]  # the dialog does not own it
    dialog.show()
    return dialog


def _page_setup(win: MainWindow, _qtbot: QtBot, _tmp: Path) -> QWidget:
    """As the print preview's Page setup button opens it."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPageSetupDialog(printer, win)
    dialog._printer = printer  # type: ignore[attr-defined]
    dialog.show()
    return dialog


WINDOWS: dict[str, Opener] = {
    "main window, a document": _main_window("document"),
    "main window, a dossier": _main_window("dossier"),
    "intake": lambda win, _qtbot, _tmp: win.open_intake(),
    "draft": lambda win, _qtbot, _tmp: win.open_draft(),
    "dashboard": lambda win, _qtbot, _tmp: win.show_dashboard(),
    "accounts": lambda win, _qtbot, _tmp: win.show_accounts(),
    "sign in again": _sign_in_again,
    "first run": lambda win, _qtbot, _tmp: win.open_first_run(),
    "register": lambda win, _qtbot, _tmp: win.open_register_dialog(),
    "monthly report": lambda win, _qtbot, _tmp: win.open_monthly_report_dialog(),
    "monthly 1022 report": lambda win, _qtbot, _tmp: win.open_feedback_report_dialog(),
    "settings": _settings,
    "assignee": _assignee,
    "pin": _pin,
    "appointment": _appointment,
    "signatures": _signatures,
    "edxml": _edxml,
    "pdf viewer": _pdf_viewer,
    "message box": _not_saved,
    "information box": _not_here,
    "reason": _reason,
    "scenario chooser": _scenario_chooser,
    "meetings week": _meetings_week,
    "meeting": _meeting,
    "open file": _file_dialog(
        "IntakeDialog", "Attach the applicant's scans", "Scans (*.pdf *.jpg *.jpeg *.png);;All files (*)", OPEN
    ),
    "save file": _file_dialog("PdfViewer", "Save a copy", "PDF (*.pdf)", QFileDialog.AcceptMode.AcceptSave),
    "print preview": _print_preview,
    "print": _print_dialog,
    "page setup": _page_setup,
}


@pytest.mark.parametrize("name", WINDOWS)
def test_every_window_is_vietnamese_and_fits_the_screen(
    name: str, window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    shown = WINDOWS[name](window, qtbot, tmp_path)
    qtbot.waitExposed(shown)
    settle(qtbot, window)
    texts = shown_texts(shown)
    assert texts, name  # a window that shows nothing would pass the rest
    assert leftovers(texts) == [], name
    size = minimum_size(shown)
    print(f"{name}: minimum {size.width()}×{size.height()}")
    assert size.width() <= SCREEN.width() and size.height() <= SCREEN.height(), (name, size)
