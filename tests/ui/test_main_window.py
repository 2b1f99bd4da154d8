"""The real window on a fresh real profile, driven offscreen with pytest-qt."""

from __future__ import annotations

import re
import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTranslator
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox, QTableView
from pytestqt.qtbot import QtBot

from app.domain.item_lists import DocumentFilter
from app.domain.vietnamese_text import fold
from app.domain.workflow import FINISHED_DOSSIER_STATES, PAUSED_DOSSIER_STATES
from app.local_cache import Recovery
from app.profile import Profile
from app.workbench import Workbench
from tests.ui.waiting import load_all, settle
from ui import main as ui_main
from ui.item_models import PAGE_SIZE, DocumentTableModel
from ui.main_window import NAVIGATION, MainWindow

DATE = re.compile(r"^\d{2}/\d{2}/\d{4}( \d{2}:\d{2})?$")


def cells(view: QTableView, row: int) -> list[str]:
    model = view.model()
    return [model.data(model.index(row, column)) for column in range(model.columnCount())]


def header(view: QTableView) -> list[str]:
    model = view.model()
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_window_lists_the_cached_items_in_vietnamese(window: MainWindow, workbench: Workbench) -> None:
    documents = window.findChild(QTableView, "documentTable")
    assert header(documents)[:3] == ["Số đến", "Ngày đến", "Số, ký hiệu"]
    incoming = workbench.count_documents(DocumentFilter("incoming"))
    outgoing = workbench.count_documents(DocumentFilter("outgoing"))
    assert incoming and outgoing
    labels = [window.navigator.item(row).text() for row in range(window.navigator.count())]
    assert labels[:3] == [
        f"Văn bản đến ({incoming})",
        f"Văn bản đi ({outgoing})",
        f"Hồ sơ ({workbench.count_dossiers()})",
    ]
    assert [label.split(" (")[0] for label in labels[3:]] == [
        "Phản ánh 1022", "1022: mới chuyển đến", "1022: đến hạn", "1022: quá hạn",
        "Đến hạn hôm nay", "Sắp đến hạn", "Quá hạn", "Khẩn, hỏa tốc", "Chờ đồng bộ", "Cần xử lý lại", "Lịch họp",
    ]  # fmt: skip
    assert documents.model().rowCount() == min(PAGE_SIZE, incoming)
    first = cells(documents, 0)
    assert first[0].isdigit()
    assert DATE.match(first[1]) and DATE.match(first[3])
    assert first[6] in {"Thường", "Khẩn", "Thượng khẩn", "Hỏa tốc"}
    assert first[9] in {"Hệ thống mới", "Hệ thống cũ"}
    assert window.summary.text() == f"{incoming} văn bản và 0 hồ sơ trong danh sách"


def test_each_view_shows_what_its_name_says(window: MainWindow, workbench: Workbench, qtbot: QtBot) -> None:
    today = workbench.clock.now().date()
    for row, (key, *_rest) in enumerate(NAVIGATION):
        window.navigator.setCurrentRow(row)
        settle(qtbot, window)
        expected = int(window.navigator.item(row).text().rsplit("(", 1)[1].rstrip(")"))
        if key == "meetings":  # the meetings of the coming seven days, in the week view instead of the lists
            assert window.middle.currentWidget() is window.meetings_week and not window.detail.isVisibleTo(window)
            assert expected == workbench.count_coming_meetings() > 0
            continue
        assert window.middle.currentIndex() == 0 and window.detail.isVisibleTo(window)
        shown = window.documents.total * window.document_table.isVisibleTo(window)
        shown += window.dossiers.total * window.dossier_table.isVisibleTo(window)
        shown += window.reports.total * window.report_table.isVisibleTo(window)
        assert shown == expected, key
        rows = [window.documents.row_at(r) for r in range(window.documents.rowCount())]
        if key == "due_today":
            assert rows and all(r.due_on == today for r in rows)
        if key == "urgent":
            assert rows and all(r.urgency in ("very_urgent", "flash") for r in rows)
        if key == "outgoing":
            assert rows and all(r.direction == "outgoing" for r in rows)
        if key == "overdue":
            assert window.dossiers.total > 0


def test_a_cut_off_subject_is_shown_whole_in_its_tooltip(window: MainWindow) -> None:
    model = window.documents
    index = model.index(0, DocumentTableModel.SUBJECT_COLUMN)
    assert model.data(index, Qt.ItemDataRole.ToolTipRole) == model.row_at(0).subject


def test_rows_are_fetched_page_by_page_as_the_user_scrolls(window: MainWindow, qtbot: QtBot) -> None:
    view = window.findChild(QTableView, "documentTable")
    model = view.model()
    assert model.rowCount() == PAGE_SIZE < model.total
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > PAGE_SIZE)
    load_all(qtbot, window, model)
    assert model.rowCount() == model.total
    assert len({model.row_at(r).id for r in range(model.rowCount())}) == model.total


def test_typing_without_accents_filters_both_lists(window: MainWindow, qtbot: QtBot) -> None:
    window.navigator.setCurrentRow(2)  # dossiers
    settle(qtbot, window)
    before = window.dossiers.total
    with qtbot.waitSignal(window.search_shown, timeout=10_000):  # after the pause in typing, on a worker
        qtbot.keyClicks(window.search, "dang ky khai sinh")
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.dossiers.total != before)
    dossiers = window.findChild(QTableView, "dossierTable")
    assert 0 < window.dossiers.total < before
    for row in range(dossiers.model().rowCount()):
        code, procedure, applicant = cells(dossiers, row)[:3]
        assert all(word in fold(f"{code} {procedure} {applicant}") for word in ("dang", "ky", "khai", "sinh"))
    assert window.summary.text().startswith("Tìm thấy")
    window.search.clear()
    qtbot.waitUntil(lambda: window.dossiers.total == before)


def test_ctrl_f_moves_to_the_search_box(window: MainWindow, qtbot: QtBot) -> None:
    window.findChild(QTableView, "documentTable").setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search.hasFocus)


def test_overdue_paused_and_due_soon_dossiers_are_marked(
    window: MainWindow, workbench: Workbench, qtbot: QtBot
) -> None:
    """Red: running and past its due time; grey: waiting for the citizen (its clock is paused, so it is
    not overdue whatever its due time); amber: due within one working day."""
    window.navigator.setCurrentRow(2)
    model = window.dossiers
    load_all(qtbot, window, model)
    now = workbench.clock.now()

    def colour(r: int) -> str | None:
        brush = model.data(model.index(r, 0), Qt.ItemDataRole.ForegroundRole)
        return None if brush is None else brush.name()

    rows = [model.row_at(r) for r in range(model.rowCount())]
    stopped = PAUSED_DOSSIER_STATES | FINISHED_DOSSIER_STATES
    overdue = [
        r for r, row in enumerate(rows) if row.finished_at is None and row.state not in stopped and row.due_at < now
    ]
    paused = [r for r, row in enumerate(rows) if row.finished_at is None and row.state in PAUSED_DOSSIER_STATES
              and row.state not in FINISHED_DOSSIER_STATES]  # fmt: skip
    assert overdue and paused
    assert [r for r in range(len(rows)) if colour(r) == "#b3261e"] == overdue
    assert [r for r in range(len(rows)) if colour(r) == "#5f6368"] == paused
    soon = [r for r in range(len(rows)) if colour(r) == "#9a5b00"]
    assert all(rows[r].due_at >= now and rows[r].state not in stopped for r in soon)
    assert all(model.display(rows[r], model.LEFT_COLUMN).startswith("−") for r in overdue)


def test_start_up_shows_the_window_with_demo_data_and_can_screenshot(tmp_path: Path, qapp: QApplication) -> None:
    shot = tmp_path / "window.png"
    code = ui_main.main(["--profile", str(tmp_path / "p"), "--demo", "--demo-items", "300", "--screenshot", str(shot)])
    assert code == 0
    from app.workbench import Workbench as Bench

    reopened = Bench.open(Profile(tmp_path / "p"), ui_main.SystemClock())
    try:
        assert reopened.count_documents() + reopened.count_dossiers() == 300  # synced from the demo service
    finally:
        reopened.close()
    image = QImage(str(shot))
    assert image.width() >= 780 and image.height() >= 600  # the offscreen screen is 800×800: fitted to it
    assert (tmp_path / "p" / "logs" / "ward-desk.log").exists()


def test_start_up_refuses_a_database_from_a_newer_version(
    tmp_path: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile = Profile(tmp_path / "p")
    Workbench.open(profile, ui_main.SystemClock()).close()
    with sqlite3.connect(profile.database_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_future'")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, title, text: shown.append(f"{title}\n{text}"))
    assert ui_main.main(["--profile", str(profile.root)]) == 2
    assert len(shown) == 1
    assert "phiên bản Ward Desk mới hơn" in shown[0] and str(profile.database_path) in shown[0]


def test_a_rebuilt_cache_is_explained_in_vietnamese(
    qtbot: QtBot, workbench: Workbench, vietnamese: QTranslator, tmp_path: Path
) -> None:
    damaged = tmp_path / "backups" / "damaged-20261125-093000" / "ward-desk.sqlite3"
    workbench.cache.recovery = Recovery("truncated: 313344 of 626688 bytes", damaged, accounts=2, actions_kept=3,
                                        actions_held=1, actions_lost=2)  # fmt: skip
    window = MainWindow(workbench, translator=vietnamese)
    qtbot.addWidget(window)
    window.show()
    notice = window.cache_notice.text()
    assert window.cache_notice.isVisible()
    # what went wrong in words, not the log's "truncated: … bytes" (English in the Vietnamese banner)
    assert notice.startswith("Tệp dữ liệu trên máy này bị hỏng (tệp ngắn hơn kích thước đúng của nó")
    assert "Giữ lại 2 tài khoản" in notice and str(damaged) in notice
    assert "Đã khôi phục từ tệp hỏng 3 thao tác" in notice and "1 thao tác bị hỏng" in notice
    assert "Không đọc được 2 thao tác chưa gửi" in notice and "Một phần của tệp" not in notice
    assert not re.search(r"truncated|bytes|313344", notice)
    window.on_cache_damaged("Page 151: btreeInitPage() returns error code 11")
    notice = window.cache_notice.text()
    assert "(kiểm tra tệp phát hiện có lỗi bên trong)" in notice and "Vui lòng khởi động lại Ward Desk" in notice
    assert not re.search(r"Page|btreeInitPage|error code", notice)
    window.switch_language("en")
    window.show_recovery(workbench.cache.recovery)
    assert window.cache_notice.text().startswith(
        "The data file on this computer was damaged (the file is shorter than it should be"
    )
    window.switch_language("vi")
    window.uninstall_translator()  # the one the switch installed; the fixture's own went with the switch


def test_the_first_page_shows_before_the_count(
    window: MainWindow, workbench: Workbench, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = workbench.count_documents(window.documents.current_filter())
    count = workbench.count_documents
    release = threading.Event()
    monkeypatch.setattr(workbench, "count_documents", lambda chosen: release.wait(10) and count(chosen))
    with qtbot.waitSignal(window.documents.loaded, timeout=10_000):
        window.documents.reload()
    assert expected > PAGE_SIZE and window.documents.rowCount() == PAGE_SIZE  # shown before any count
    assert window.documents.total is None and "…" in window.summary.text()
    release.set()
    qtbot.waitUntil(lambda: window.documents.total == expected)
    qtbot.waitUntil(lambda: str(expected) in window.summary.text())

    # two counts run; the first one's answer, for the list as it was, arrives late and must not be taken
    late, first_counting = threading.Event(), threading.Event()

    def old_list_then_real(chosen: DocumentFilter) -> int:
        if not first_counting.is_set():
            first_counting.set()
            late.wait(10)
            return -1
        return count(chosen)

    monkeypatch.setattr(workbench, "count_documents", old_list_then_real)
    window.documents.reload()
    qtbot.waitUntil(first_counting.is_set)
    window.documents.reload()
    assert window.documents.total in (None, expected)
    qtbot.waitUntil(lambda: window.documents.total == expected)
    late.set()
    settle(qtbot, window)
    assert window.documents.total == expected
    model = window.documents
    load_all(qtbot, window, model)
    assert model.rowCount() == expected  # scrolling to the end needs no total


def test_only_the_latest_search_s_answer_is_shown(window: MainWindow, workbench: Workbench, qtbot: QtBot) -> None:
    expected = workbench.search("khai sinh")
    assert expected is not None and expected.dossier_ids
    window.navigator.setCurrentRow([key for key, *_ in NAVIGATION].index("dossiers"))
    window.search.setText("ket hon")
    window.apply_search()
    with qtbot.waitSignal(window.search_shown, timeout=10_000):
        window.search.setText("khai sinh")  # typed on before the first answer is shown
        window.apply_search()
    qtbot.waitUntil(lambda: window.dossiers.total == len(expected.dossier_ids))
    shown = {window.dossiers.row_at(r).id for r in range(window.dossiers.rowCount())}
    assert shown <= set(expected.dossier_ids)
    assert window._result == expected  # the answer to "ket hon", if late, was dropped


def test_the_column_counts_and_dates_the_lists_use_match_their_definitions(window: MainWindow) -> None:
    from datetime import UTC, date, datetime

    from ui.item_models import format_date, format_datetime

    assert len(window.documents.header_labels()) == window.documents.COLUMNS
    assert len(window.dossiers.header_labels()) == window.dossiers.COLUMNS
    for day in (date(2026, 1, 2), date(2026, 12, 31), date(2025, 7, 1)):
        assert format_date(day) == day.strftime("%d/%m/%Y")
    moment = datetime(2026, 11, 25, 17, 5, tzinfo=UTC)  # 00:05 the next day in Hồ Chí Minh City
    assert format_datetime(moment) == "26/11/2026 00:05"


def test_clicking_a_column_header_sorts_the_whole_list_by_it(
    window: MainWindow, workbench: Workbench, qtbot: QtBot
) -> None:
    header = window.document_table.horizontalHeader()
    subject = window.documents.SORT_KEYS.index("subject")
    everything = workbench.document_page(window.documents.current_filter(), 0, 100_000)
    subjects = sorted(row.subject for row in everything)
    assert len(everything) > PAGE_SIZE  # more than the rows loaded: the sort must be the database's

    with qtbot.waitSignal(window.documents.sorted, timeout=10_000):  # sorted in the database, on a worker
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(subject) + 5, 5)
        )
    shown = [window.documents.row_at(r).subject for r in range(window.documents.rowCount())]
    assert shown == subjects[:PAGE_SIZE]
    assert header.sortIndicatorSection() == subject

    with qtbot.waitSignal(window.documents.sorted, timeout=10_000):
        window.document_table.sortByColumn(subject, Qt.SortOrder.DescendingOrder)
    assert window.documents.row_at(0).subject == subjects[-1]
    load_all(qtbot, window, window.documents)
    assert [window.documents.row_at(r).subject for r in range(window.documents.rowCount())] == subjects[::-1]
    assert window.documents.total == len(everything)  # sorting changes the order, not the list


def test_a_sort_runs_on_a_worker_and_then_shows(window: MainWindow, workbench: Workbench, qtbot: QtBot) -> None:
    applicant = window.dossiers.SORT_KEYS.index("applicant_name")
    window.navigator.setCurrentRow([key for key, *_ in NAVIGATION].index("dossiers"))
    names = sorted(row.applicant_name for row in workbench.dossier_page(window.dossiers.current_filter(), 0, 10_000))
    with qtbot.waitSignal(window.dossiers.sorted, timeout=10_000):
        window.dossier_table.sortByColumn(applicant, Qt.SortOrder.AscendingOrder)
    assert [window.dossiers.row_at(r).applicant_name for r in range(window.dossiers.rowCount())] == names[:PAGE_SIZE]


def test_a_reminder_and_a_notice_never_overlap_in_the_status_bar(window: MainWindow) -> None:
    """A reminder is the status bar's temporary message, drawn where the notice stands: the later wins."""
    bar = window.statusBar()
    window.show_notice("Đã tiếp nhận hồ sơ", done=True)
    bar.showMessage("Có 23 hồ sơ đến hạn trả kết quả hôm nay.", 60_000)  # as ui.notifications does
    assert bar.currentMessage() and not window.notice.isVisible()
    window.show_notice("Đã tiếp nhận hồ sơ khác", done=True)
    assert bar.currentMessage() == "" and window.notice.isVisible()
