"""The dashboard on demo data, in Vietnamese: its charts show exactly the report's numbers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from app.domain.dossier_deadline import DeadlineStatus, deadline_status
from app.domain.dossier_standing import Standing, due_soon_until, standing
from app.domain.item_lists import DossierFilter
from app.domain.workflow import FINISHED_DOSSIER_STATES, PAUSED_DOSSIER_STATES, STATE_LABELS, IncomingState
from app.reports import OUTCOMES, documents_by_state, dossier_month_report
from app.workbench import Workbench
from tests.demo_cache import fill_demo_cache
from tests.integration.helpers import add_source, dossier_row, insert_dossiers
from ui.dashboard import DashboardWidget
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
