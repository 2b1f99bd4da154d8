"""The dashboard on demo data, in Vietnamese: its charts show exactly the report's numbers, the
dossiers' and documents' on one tab, the month's 1022 reports on the other."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QRect
from PySide6.QtGui import QFontMetrics, QImage
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

import ui.dashboard
from app.domain.dossier_deadline import DeadlineStatus, deadline_status
from app.domain.dossier_standing import Standing, due_soon_until, standing
from app.domain.item_lists import DossierFilter
from app.domain.workflow import FINISHED_DOSSIER_STATES, PAUSED_DOSSIER_STATES, STATE_LABELS, IncomingState
from app.reports import OUTCOMES, documents_by_state, dossier_month_report, feedback_month_report
from app.workbench import Workbench
from tests.demo_cache import fill_demo_cache
from tests.demo_feedback import fill_demo_feedback
from tests.integration.helpers import add_source, dossier_row, insert_dossiers
from ui.dashboard import TOP_CATEGORIES, DashboardWidget, chart_categories
from ui.tasks import TaskRunner
from ui.translation import domain_text


@pytest.fixture
def dashboard(qtbot: QtBot, workbench: Workbench, vietnamese: object) -> Iterator[DashboardWidget]:
    fill_demo_cache(workbench, 500)
    tasks = TaskRunner()
    widget = DashboardWidget(workbench, tasks)
    qtbot.addWidget(widget)
    widget.resize(1400, 620)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: tasks.idle)  # the figures, read on the task pool, are shown
    yield widget
    tasks.shutdown()


def assert_charts_match_the_reports(widget: DashboardWidget, workbench: Workbench) -> None:
    now = workbench.clock.now()
    report = dossier_month_report(workbench.cache.sessions, now.date(), now)
    assert [piece.value() for piece in widget.outcome_series.slices()] == list(report.outcome_counts().values())
    rows = documents_by_state(workbench.cache.sessions)[::-1]  # the chart draws its categories bottom-up
    for direction, bars in widget.document_sets.items():
        assert [bars.at(i) for i in range(bars.count())] == [r.count if r.direction == direction else 0 for r in rows]
    assert len(widget.state_axis.categories()) == len(rows)


def test_the_lists_count_dossiers_as_the_dashboard_does(dashboard: DashboardWidget, workbench: Workbench) -> None:
    """One definition of overdue, due today and paused: the "Quá hạn" and "Đến hạn hôm nay" lists hold the
    dashboard's overdue dossiers and those due later today; none waiting for the citizen is among them."""
    report = dashboard.report
    overdue = workbench.count_dossiers(DossierFilter(None, "overdue"))
    assert overdue == report.in_progress_overdue > 0
    now = workbench.clock.now()
    rows = workbench.dossier_page(DossierFilter(None, "all"), 0, 10_000)
    running = [row for row in rows if row.state not in PAUSED_DOSSIER_STATES | FINISHED_DOSSIER_STATES]
    due_today = [row for row in running if deadline_status(now, row.due_at) is DeadlineStatus.DUE_TODAY]
    assert workbench.count_dossiers(DossierFilter(None, "due_today")) == len(due_today)
    listed = workbench.dossier_page(DossierFilter(None, "overdue"), 0, 10_000)
    assert not any(row.state in PAUSED_DOSSIER_STATES for row in listed)
    assert report.paused_supplement + report.paused_financial == sum(
        row.state in PAUSED_DOSSIER_STATES - FINISHED_DOSSIER_STATES for row in rows
    )


def test_the_due_soon_list_and_the_colours_follow_one_definition(
    dashboard: DashboardWidget, workbench: Workbench
) -> None:
    """ "Due soon" (at most one working day left, in the office's calendar) lists exactly the dossiers
    the lists colour as due soon; overdue ones are coloured as overdue, paused ones as paused."""
    now = workbench.clock.now()
    until = due_soon_until(now, workbench.calendar())
    rows = workbench.dossier_page(DossierFilter(None, "all"), 0, 10_000)
    standings = {row.id: standing(row.state, row.due_at, row.finished_at, now, until) for row in rows}
    soon = workbench.dossier_page(DossierFilter(None, "due_soon"), 0, 10_000)
    assert {row.id for row in soon} == {i for i, s in standings.items() if s is Standing.DUE_SOON} != set()
    overdue = workbench.dossier_page(DossierFilter(None, "overdue"), 0, 10_000)
    assert {row.id for row in overdue} == {i for i, s in standings.items() if s is Standing.OVERDUE}
    assert workbench.count_dossiers(DossierFilter(None, "overdue")) == dashboard.report.in_progress_overdue


def test_due_soon_stands_beside_overdue_and_due_today(dashboard: DashboardWidget, workbench: Workbench) -> None:
    """ "Sắp đến hạn" counts the running dossiers dossier_standing calls due soon, as the navigator does."""
    now = workbench.clock.now()
    until = due_soon_until(now, workbench.calendar())
    rows = workbench.dossier_page(DossierFilter(None, "all"), 0, 10_000)
    places = [standing(row.state, row.due_at, row.finished_at, now, until) for row in rows]
    assert dashboard.watched == {
        "overdue": places.count(Standing.OVERDUE),
        "due_today": workbench.count_dossiers(DossierFilter(None, "due_today")),
        "due_soon": places.count(Standing.DUE_SOON),
    }
    assert dashboard.watched["due_soon"] > 0 and dashboard.watched["overdue"] == dashboard.report.in_progress_overdue
    figures = dashboard.figures.text()
    due_soon = figures.index("Sắp đến hạn (còn một ngày làm việc)")
    assert figures.index("Quá hạn") < figures.index("Đến hạn hôm nay") < due_soon
    assert f">{dashboard.watched['due_soon']}</td>" in figures[due_soon:].split("</tr>")[0]


def test_the_charts_show_this_months_report(dashboard: DashboardWidget, workbench: Workbench) -> None:
    assert_charts_match_the_reports(dashboard, workbench)
    report = dashboard.report
    assert report.received_total > 0 and report.finished > 0 and report.in_progress_overdue > 0
    assert len(dashboard.outcome_series.slices()) == len(OUTCOMES)
    assert "11/2026" in dashboard.title.text()
    # the domain's labels are in Vietnamese, with each state's count
    received = domain_text(STATE_LABELS[IncomingState.RECEIVED])
    assert received != "Received"
    assert dashboard.state_axis.categories()[-1] == f"{received} ({dashboard.documents[0].count})"  # on top
    figures = dashboard.figures.text()
    for number in (report.received_total, report.finished, report.in_progress, report.paused):
        assert f">{number}</td>" in figures


def test_refresh_reads_the_cache_again(dashboard: DashboardWidget, workbench: Workbench, qtbot: QtBot) -> None:
    before = dashboard.report.received_total
    with workbench.cache.engine.begin() as connection:
        source = add_source(connection, "extra")
        now = workbench.clock.now()
        insert_dossiers(connection, [dossier_row(source, "X-1", "Lê Thị Hoa", "Đăng ký kết hôn", received_at=now)])
    with qtbot.waitSignal(dashboard.refreshed, timeout=10_000):
        dashboard.refresh()
    assert dashboard.report.received_total == before + 1
    assert_charts_match_the_reports(dashboard, workbench)


def test_the_dashboard_can_be_saved_as_a_picture(dashboard: DashboardWidget, tmp_path: Path) -> None:
    shot = tmp_path / "dashboard.png"
    assert dashboard.grab().save(str(shot))
    image = QImage(str(shot))
    assert not image.isNull() and image.width() >= 1000 and image.height() >= 400
    # not a blank surface: the charts put many colours on it
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20


def test_the_dashboard_opens_from_the_window_menu(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = window.show_dashboard()
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.findChild(DashboardWidget) is not None
    with qtbot.waitSignal(dialog.findChild(DashboardWidget).refreshed, timeout=10_000):
        pass  # its figures come from the window's task pool
    assert window.dashboard_action.text() == "&Bảng tổng hợp"


# A 1366×768 screen at 125 %: 1092×614 logical pixels, 592 of them under a dialog's title bar.
SMALL_SCREEN = (1092, 592)


def inside(widget: QWidget, ancestor: QWidget) -> bool:
    return ancestor.rect().contains(QRect(widget.mapTo(ancestor, widget.rect().topLeft()), widget.size()))


def assert_readable_at_its_smallest(dialog: QDialog, widget: DashboardWidget, qtbot: QtBot) -> None:
    """The dialog fits the small screen; at its minimum size every legend entry shows whole with its
    count, and the bar chart gives each state's label its row and its width."""
    # the layout has taken in the language just chosen (a posted request): shrinking first would stop short
    qtbot.waitUntil(lambda: dialog.minimumSize() == dialog.minimumSizeHint())
    smallest = dialog.minimumSizeHint()
    assert smallest.width() <= SMALL_SCREEN[0] and smallest.height() <= SMALL_SCREEN[1], smallest
    dialog.resize(smallest)
    qtbot.waitUntil(lambda: dialog.size() == smallest)
    QCoreApplication.processEvents()
    for name, count in widget.report.outcome_counts().items():
        entry = widget.outcome_legend.entries[name]
        assert entry.isVisible() and inside(entry, dialog), name
        assert entry.text().endswith(f": {count}") and len(entry.text()) > len(f": {count}") + 3
        assert entry.height() >= entry.heightForWidth(entry.width()), f"{entry.text()} is cut"
    chart, categories = widget.document_chart, widget.state_axis.categories()
    metrics = QFontMetrics(widget.state_axis.labelsFont())
    assert chart.plotArea().height() / len(categories) >= metrics.height() + 9  # lower: Qt Charts hides the label
    assert chart.plotArea().left() >= max(metrics.horizontalAdvance(text) for text in categories)  # else elided
    assert inside(widget.document_view, dialog) and inside(widget.outcome_view, dialog)


def assert_1022_tab_readable_at_its_smallest(dialog: QDialog, widget: DashboardWidget, qtbot: QtBot) -> None:
    """On the 1022 tab, at the dialog's minimum size: every legend entry whole with its count, each
    category's label whole on its row."""
    widget.tabs.setCurrentIndex(1)
    qtbot.waitUntil(widget.feedback_view.isVisible)
    QCoreApplication.processEvents()
    for name, count in widget.feedback.total.outcome_counts().items():
        entry = widget.feedback_legend.entries[name]
        assert entry.isVisible() and inside(entry, dialog), name
        assert entry.text().endswith(f": {count}") and entry.height() >= entry.heightForWidth(entry.width())
    chart, categories = widget.feedback_chart, widget.category_axis.categories()
    metrics = QFontMetrics(widget.category_axis.labelsFont())
    assert chart.plotArea().height() / len(categories) >= metrics.height() + 9
    assert chart.plotArea().left() >= max(metrics.horizontalAdvance(text) for text in categories)
    assert inside(widget.feedback_view, dialog) and inside(widget.feedback_figures, dialog)
    widget.tabs.setCurrentIndex(0)


def test_the_dashboard_fits_a_small_screen_in_both_languages(window, workbench: Workbench, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    fill_demo_feedback(workbench, 200)
    dialog = window.show_dashboard()
    qtbot.addWidget(dialog)
    widget = dialog.findChild(DashboardWidget)
    qtbot.waitUntil(lambda: widget.report.received_total > 0)
    assert widget.outcome_legend.entries["in_progress_overdue"].text().startswith("Đang giải quyết, quá hạn: ")
    assert_readable_at_its_smallest(dialog, widget, qtbot)
    assert_1022_tab_readable_at_its_smallest(dialog, widget, qtbot)
    window.switch_language("en")
    try:
        entry = widget.outcome_legend.entries["in_progress_overdue"]
        qtbot.waitUntil(lambda: entry.text().startswith("In progress, past the deadline: "))  # the change is posted
        assert widget.title.text() == "Dashboard — Month 11/2026"
        assert widget.tabs.tabText(1) == f"1022 reports ({widget.feedback.total.open_overdue} overdue)"
        assert_readable_at_its_smallest(dialog, widget, qtbot)
        assert_1022_tab_readable_at_its_smallest(dialog, widget, qtbot)
    finally:
        window.switch_language("vi")


def assert_shows_1022_month(widget: DashboardWidget, workbench: Workbench, month: date) -> None:
    """The 1022 tab's figures, bars, legend and title are ``month``'s, as app.reports counts them."""
    report = feedback_month_report(workbench.cache.sessions, month, workbench.clock.now())
    assert widget.month == month and widget.feedback == report
    rows = chart_categories(report)[::-1]  # the chart draws its categories bottom-up
    for name, bars in widget.feedback_sets.items():
        assert [bars.at(i) for i in range(bars.count())] == [getattr(row.figures, name) for row in rows], name
    for name, count in report.total.outcome_counts().items():
        assert widget.feedback_legend.entries[name].text().endswith(f": {count}")
    total = report.total
    overdue = f" ({total.open_overdue} quá hạn)" if total.open_overdue else ""  # none: the plain title
    assert widget.tabs.tabText(1) == f"Phản ánh 1022{overdue}"
    figures = widget.feedback_figures.text()
    assert f"Tháng {month:%m/%Y}" in figures

    def number_after(label: str, start: int = 0) -> str:
        return figures[figures.index(label, start) :].split("</tr>")[0]

    answered = figures.index("Phản ánh đã trả lời")
    assert f">{total.received}</td>" in number_after("Phản ánh tiếp nhận")
    assert f">{total.carried_over}</td>" in number_after("Từ các tháng trước chuyển sang")
    assert f">{total.answered_on_time}</td>" in number_after("Đúng hạn", answered)
    assert f">{total.answered_late}</td>" in number_after("Quá hạn", answered)
    assert f">{total.open_overdue}</td>" in number_after("Quá hạn", figures.index("Phản ánh đang xử lý"))
    assert f">{total.sent_back}</td>" in number_after("Đã trả lại 1022")


def test_the_1022_tab_shows_the_months_reports_by_category(window, workbench: Workbench, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    """The month's 1022 reports from the window's menu: received, on time, late, overdue, sent back,
    and the busiest categories on top, the others in one bar; another month, its own figures."""
    sent_back = fill_demo_feedback(workbench, 200)
    dialog = window.show_dashboard()
    qtbot.addWidget(dialog)
    widget = dialog.findChild(DashboardWidget)
    qtbot.waitUntil(lambda: widget.feedback.total.received > 0)
    widget.tabs.setCurrentIndex(1)
    qtbot.waitUntil(widget.feedback_figures.isVisible)
    november = date(2026, 11, 1)
    assert_shows_1022_month(widget, workbench, november)
    total = widget.feedback.total
    assert min(total.answered_on_time, total.answered_late, total.open_overdue, total.sent_back) > 0 < sent_back
    report = widget.feedback
    categories = widget.category_axis.categories()
    busiest = report.categories[0]
    assert categories[-1] == f"{busiest.category} ({busiest.figures.received_with_carried_over})"  # on top
    others = report.categories[TOP_CATEGORIES:]
    assert len(categories) == TOP_CATEGORIES + 1 and len(others) >= 2  # the demo's eight categories
    summed = sum(item.figures.received_with_carried_over for item in others)
    assert categories[0] == f"{len(others)} lĩnh vực khác ({summed})"
    with qtbot.waitSignal(widget.refreshed, timeout=10_000):
        widget.previous_button.click()
    assert_shows_1022_month(widget, workbench, date(2026, 10, 1))
    assert widget.feedback.total != total


def read_threads(monkeypatch: pytest.MonkeyPatch) -> list[threading.Thread]:
    """The threads the dashboard's month reports are counted on, from now on."""
    threads: list[threading.Thread] = []
    count = ui.dashboard.dossier_month_report

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return count(*args, **kwargs)

    monkeypatch.setattr(ui.dashboard, "dossier_month_report", counted)
    return threads


def assert_shows_month(widget: DashboardWidget, workbench: Workbench, month: date) -> None:
    """The figures, the pie, its legend and the title are ``month``'s, as the workbench counts them."""
    report = dossier_month_report(workbench.cache.sessions, month, workbench.clock.now())
    last = date(month.year + month.month // 12, month.month % 12 + 1, 1).toordinal() - 1
    assert widget.month == month and widget.report == report
    assert report.received_total == len(workbench.dossiers_received(month, date.fromordinal(last)))
    assert [piece.value() for piece in widget.outcome_series.slices()] == list(report.outcome_counts().values())
    for name, count in report.outcome_counts().items():
        assert widget.outcome_legend.entries[name].text().endswith(f": {count}")
    assert widget.title.text() == f"Bảng tổng hợp — Tháng {month:%m/%Y}"
    assert f"Tháng {month:%m/%Y}" in widget.figures.text() and f">{report.received_total}</td>" in widget.figures.text()
    assert (widget.month_box.currentIndex() + 1, widget.year_box.value()) == (month.month, month.year)


def test_switching_month_shows_that_months_figures(
    dashboard: DashboardWidget, workbench: Workbench, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    november, october = date(2026, 11, 1), date(2026, 10, 1)
    assert_shows_month(dashboard, workbench, november)  # this month, in the office's time, at first
    assert not dashboard.next_button.isEnabled() and dashboard.year_box.maximum() == 2026
    threads = read_threads(monkeypatch)
    with qtbot.waitSignal(dashboard.refreshed, timeout=10_000):
        dashboard.previous_button.click()
    assert_shows_month(dashboard, workbench, october)
    assert (
        dashboard.report.outcome_counts()
        != dossier_month_report(workbench.cache.sessions, november, workbench.clock.now()).outcome_counts()
    )
    assert dashboard.next_button.isEnabled() and dashboard.previous_button.text() == "◀ Tháng trước"
    with qtbot.waitSignal(dashboard.refreshed, timeout=10_000):
        dashboard.month_box.setCurrentIndex(7)  # August, picked from the list
    assert_shows_month(dashboard, workbench, date(2026, 8, 1))
    with qtbot.waitSignal(dashboard.refreshed, timeout=10_000):
        dashboard.year_box.setValue(2025)
    assert_shows_month(dashboard, workbench, date(2025, 8, 1))
    with qtbot.waitSignal(dashboard.refreshed, timeout=10_000):
        dashboard.year_box.setValue(2026)
    with qtbot.waitSignal(dashboard.refreshed, timeout=10_000):
        dashboard.month_box.setCurrentIndex(11)  # December has not begun: this month's figures instead
    assert_shows_month(dashboard, workbench, november)
    assert threads and threading.main_thread() not in threads  # counted on the task pool, never the UI thread
