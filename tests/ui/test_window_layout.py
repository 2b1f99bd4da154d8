"""The window on a ward office's screen: it fits 1366×768 at 125 %, its filters wrap instead of
overlapping, it opens where the official left it, and its toolbar follows the list shown."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.workbench import Workbench
from tests.ui.waiting import settle
from ui.item_models import DocumentTableModel
from ui.main_window import NAVIGATION, MainWindow
from ui.sync_bridge import SyncBridge

# 1366×768 less a taskbar, at 125 % (every size a window asks for is 1.25 times larger on screen)
SCREEN_AT_125 = (int(1366 / 1.25), int(740 / 1.25))
ROWS = {key: row for row, (key, *_rest) in enumerate(NAVIGATION)}


def _fits(widget: QWidget, width: int, height: int) -> bool:
    size = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    return size.width() <= width and size.height() <= height


def test_the_window_fits_a_1366_screen_at_125_percent_in_both_languages(
    window: MainWindow, qtbot: QtBot, qapp: QApplication
) -> None:
    assert _fits(window, *SCREEN_AT_125), window.minimumSizeHint()
    window.switch_language("en")
    settle(qtbot, window)
    assert _fits(window, *SCREEN_AT_125), window.minimumSizeHint()
    window.switch_language("vi")


def test_the_filters_wrap_onto_a_second_row_and_never_overlap(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(1800, 740)  # one row
    settle(qtbot, window)
    wide_rows = window.filters.height()
    window.resize(*SCREEN_AT_125)
    qtbot.waitUntil(lambda: window.filters.height() > wide_rows)
    fields = [f for f in window.filters.findChildren(QWidget) if f.parent() is window.filters and f.isVisible()]
    boxes = [QRect(f.geometry()) for f in fields]
    assert len(boxes) == 7
    assert all(window.filters.rect().contains(box) for box in boxes)
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a.intersects(b)]


def test_the_window_opens_as_the_official_left_it(window: MainWindow, workbench: Workbench, qtbot: QtBot) -> None:
    window.resize(790, 600)  # the offscreen screen is 800×800: a kept size is fitted to the screen
    window.splitter.setSizes([150, 300, 320])
    window.document_table.setColumnWidth(DocumentTableModel.SUBJECT_COLUMN, 420)
    settle(qtbot, window)
    sizes = window.splitter.sizes()
    window.close()
    assert workbench.settings.window_layout["subject_width"] == "420"

    reopened = MainWindow(workbench, SyncBridge())
    qtbot.addWidget(reopened)
    assert reopened.restore_layout()
    reopened.show()
    settle(qtbot, reopened)
    assert reopened.splitter.sizes() == sizes
    assert reopened.document_table.columnWidth(DocumentTableModel.SUBJECT_COLUMN) == 420
    assert (reopened.width(), reopened.height()) == (790, 600)


def test_a_fresh_profile_has_no_layout_to_restore_and_a_damaged_one_is_ignored(
    workbench: Workbench, qtbot: QtBot
) -> None:
    fresh = MainWindow(workbench, SyncBridge())
    qtbot.addWidget(fresh)
    assert not fresh.restore_layout()
    from dataclasses import replace

    workbench.save_settings(replace(workbench.settings, window_layout={"geometry": "not base64 ✗", "lists": "@@"}))
    damaged = MainWindow(workbench, SyncBridge())
    qtbot.addWidget(damaged)
    assert not damaged.restore_layout()


def test_another_list_empties_the_detail_pane_and_hides_what_means_nothing_there(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.select_row("document", 0)
    qtbot.waitUntil(lambda: window.detail.detail is not None)
    window.navigator.setCurrentRow(ROWS["outgoing"])
    settle(qtbot, window)
    assert window.detail.detail is None
    assert all(window.document_table.isColumnHidden(c) for c in DocumentTableModel.ARRIVAL_COLUMNS)
    window.navigator.setCurrentRow(ROWS["incoming"])
    settle(qtbot, window)
    assert not any(window.document_table.isColumnHidden(c) for c in DocumentTableModel.ARRIVAL_COLUMNS)


def test_the_toolbar_shows_the_list_s_own_actions_in_vietnamese_and_they_act(window: MainWindow, qtbot: QtBot) -> None:
    def shown() -> set[str]:
        return {action.text() for action in window.toolbar.bar.actions() if action.isVisible()}

    assert {"Đồng bộ", "Tiếp nhận", "Mở edXML", "Sổ VB đến", "Xuất Excel"} <= shown()
    assert "Soạn thảo" not in shown()
    window.navigator.setCurrentRow(ROWS["outgoing"])
    settle(qtbot, window)
    assert "Soạn thảo" in shown() and "Mở edXML" not in shown()
    assert window.draft_action in window.file_menu.actions() and window.draft_action.isVisible()  # menu keeps it
    assert not window.toolbar.actions["draft_action"].icon().isNull()
    window.toolbar.button("draft_action").click()
    from ui.draft_dialog import DraftDialog

    qtbot.waitUntil(lambda: any(isinstance(w, DraftDialog) and w.isVisible() for w in QApplication.topLevelWidgets()))
    for dialog in [w for w in QApplication.topLevelWidgets() if isinstance(w, DraftDialog)]:
        dialog.reject()


def test_an_overdue_document_has_a_clock_beside_its_due_date(window: MainWindow, qtbot: QtBot) -> None:
    window.navigator.setCurrentRow(ROWS["overdue"])
    settle(qtbot, window)
    model = window.documents
    assert model.rowCount() > 0
    today = window.workbench.clock.now().date()
    for row in range(model.rowCount()):
        item = model.row_at(row)
        mark = model.data(model.index(row, DocumentTableModel.DUE_COLUMN), 1)  # Qt.DecorationRole
        assert item.overdue_on(today) and mark is not None and not mark.isNull()
    window.navigator.setCurrentRow(ROWS["incoming"])
    settle(qtbot, window)
    on_time = [r for r in range(model.rowCount()) if not model.row_at(r).overdue_on(today)]
    assert on_time and all(model.data(model.index(r, DocumentTableModel.DUE_COLUMN), 1) is None for r in on_time)
