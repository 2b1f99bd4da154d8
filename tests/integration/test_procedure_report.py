"""The monthly report by procedure, on a real cache: each procedure's figures, the dossiers carried
over, and totals that are the dashboard's own figures (app.reports.dossier_month_report)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.procedure_report import COLUMNS, figures, report_html
from app.report_workbooks import procedure_report_xlsx
from app.reports import DossierMonthReport, dossier_month_report, procedure_month_report
from app.workbench import Workbench
from tests.conftest import DEMO_NOW
from tests.demo_cache import fill_demo_cache
from tests.integration.helpers import add_source, dossier_row, insert_dossiers
from tests.integration.test_reports import DOSSIERS, NOVEMBER, OCTOBER, dossier_fields, vn

BIRTH = ("1.001193", "Đăng ký khai sinh")
MARRIAGE = ("1.000894", "Đăng ký kết hôn")
# The dashboard test's dossiers (tests/integration/test_reports.py), these under birth registration;
# the rest under marriage registration.
BIRTHS = {"early", "early-eve", "late", "carried-finished", "supplement", "refused", "finished-october"}


@pytest.fixture
def cache(workbench: Workbench) -> Workbench:
    with workbench.cache.engine.begin() as connection:
        source = add_source(connection)
        rows = []
        for code in DOSSIERS:
            procedure_code, name = BIRTH if code in BIRTHS else MARRIAGE
            rows.append(dossier_row(source, code, "Lê Văn Tám", name, procedure_code=procedure_code,
                                    **dossier_fields(code)))  # fmt: skip
        # From a newer server: a channel and a status this client does not know. Received, no outcome.
        newer = {"channel": "kiosk", "state": 11, "received_at": vn(11, 6), "due_at": vn(11, 9), "finished_at": None}
        rows.append(dossier_row(source, "newer", "Lê Văn Tám", BIRTH[1], procedure_code=BIRTH[0], **newer))
        older = {**newer, "received_at": vn(10, 20), "due_at": vn(10, 23)}  # open at October's end: not carried
        rows.append(
            dossier_row(source, "newer-october", "Lê Văn Tám", MARRIAGE[1], procedure_code=MARRIAGE[0], **older)
        )
        insert_dossiers(connection, rows)
    return workbench


def test_each_procedure_is_counted_where_the_dashboard_counts_it(cache: Workbench) -> None:
    report = procedure_month_report(cache.cache.sessions, NOVEMBER, DEMO_NOW)
    assert [(item.code, item.name) for item in report.procedures] == [MARRIAGE, BIRTH]  # by code
    births = report.procedures[1].figures
    assert births == DossierMonthReport(
        month=NOVEMBER,
        as_of=DEMO_NOW,
        received_online=3,  # early, early-eve, supplement
        received_in_person=1,  # refused
        received_post=1,  # late
        received_total=6,  # and newer, from a kiosk
        received_carried_over=1,  # carried-finished: received in October, finished in November
        finished_early=3,  # early, early-eve, carried-finished
        finished_late=1,
        paused_supplement=1,
    )
    marriages = report.procedures[0].figures
    # fees-carried, overdue-carried and last-instant came from October; stopped-october ended there, and
    # newer-october, in a status this client does not know, has no outcome to carry over
    assert marriages.received_carried_over == 3
    assert (marriages.received_total, marriages.finished_on_time, marriages.paused_stopped) == (9, 2, 1)


def test_the_total_is_the_dashboard_s_month(cache: Workbench) -> None:
    for month in (NOVEMBER, OCTOBER):
        report = procedure_month_report(cache.cache.sessions, month, DEMO_NOW)
        dashboard = dossier_month_report(cache.cache.sessions, month, DEMO_NOW)
        assert replace(report.total, received_carried_over=0) == dashboard
        for field in ("received_total", "finished", "in_progress", "paused"):
            assert sum(getattr(item.figures, field) for item in report.procedures) == getattr(report.total, field)


def test_every_dossier_received_or_carried_over_ends_somewhere(cache: Workbench) -> None:
    """Received and carried over = finished + in progress + paused + refused + unknown status."""
    total = procedure_month_report(cache.cache.sessions, NOVEMBER, DEMO_NOW).total
    assert total.received_with_carried_over == 15 + 4
    assert total.received_with_carried_over == total.finished + total.in_progress + total.paused + 1 + 1


def test_on_demo_data_the_totals_agree_with_the_dashboard_month_by_month(workbench: Workbench) -> None:
    fill_demo_cache(workbench, 600)
    for month in (date(2026, 8, 1), date(2026, 9, 1), date(2026, 10, 1), NOVEMBER):
        report = procedure_month_report(workbench.cache.sessions, month, DEMO_NOW)
        assert replace(report.total, received_carried_over=0) == dossier_month_report(
            workbench.cache.sessions, month, DEMO_NOW
        )
        summed = [sum(column) for column in zip(*(figures(item.figures) for item in report.procedures), strict=True)]
        assert summed == figures(report.total)
    assert report.total.received_carried_over > 10 and report.total.finished_late > 0


def test_the_report_workbook_and_page_carry_the_same_figures(cache: Workbench, tmp_path: Path) -> None:
    report = procedure_month_report(cache.cache.sessions, OCTOBER, DEMO_NOW)
    path = tmp_path / "báo cáo.xlsx"
    procedure_report_xlsx(report, path, "Ủy ban nhân dân phường Sài Gòn")

    sheet = load_workbook(path).active
    assert sheet["A3"].value == "BÁO CÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
    assert [sheet["A4"].value, sheet["A5"].value] == ["Tháng 10 năm 2026", "Số liệu tính đến hết ngày 31/10/2026"]
    groups = [cell.value for cell in sheet[7] if cell.value]
    assert groups == ["STT", "Mã thủ tục", "Tên thủ tục hành chính", "Số hồ sơ nhận giải quyết",
                      "Số hồ sơ đã giải quyết", "Số hồ sơ đang giải quyết", "Số hồ sơ tạm dừng"]  # fmt: skip
    assert [cell.value for cell in sheet[8]][3:] == [column.header for column in COLUMNS]
    assert sheet.freeze_panes == "D10" and sheet.page_setup.orientation == "landscape"
    rows = list(sheet.iter_rows(min_row=10, max_row=9 + len(report.procedures) + 1, values_only=True))
    assert [row[:3] for row in rows] == [(1, *MARRIAGE), (2, *BIRTH), (None, None, "Tổng cộng")]
    assert list(rows[-1][3:]) == figures(report.total)
    assert rows[-1][3] == 7 + 0  # October: seven received (newer-october too), none carried over from September

    page = report_html(report, "Ủy ban nhân dân phường Sài Gòn")
    total_row = page.split('<tr class="total">')[1]
    assert [int(n) for n in re.findall(r"<b>(\d+)</b>", total_row)] == figures(report.total)
    assert "Số liệu tính đến hết ngày 31/10/2026" in page and "trạng thái hiện nay" in page  # a past month
    current = report_html(procedure_month_report(cache.cache.sessions, NOVEMBER, DEMO_NOW), "")
    assert "Số liệu tính đến 09:30 ngày 25/11/2026" in current and "trạng thái hiện nay" not in current


def test_a_month_with_no_dossier_is_a_total_of_zeros(workbench: Workbench) -> None:
    report = procedure_month_report(workbench.cache.sessions, NOVEMBER, DEMO_NOW)
    assert report.procedures == [] and figures(report.total) == [0] * len(COLUMNS)
    assert report.as_of == datetime(2026, 11, 25, 9, 30, tzinfo=DEMO_NOW.tzinfo)
