"""The dashboard's figures, counted on a real cache of dossiers with known receipt, due and finish times."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from app.domain.workflow import DossierState, IncomingState, OutgoingState
from app.domain.working_calendar import VN_TZ
from app.reports import DocumentStateCount, DossierMonthReport, documents_by_state, dossier_month_report
from app.workbench import Workbench
from tests.conftest import DEMO_NOW
from tests.integration.helpers import add_source, document_row, dossier_row, insert_documents, insert_dossiers

S = DossierState
NOVEMBER = date(2026, 11, 1)
OCTOBER = date(2026, 10, 1)


def vn(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=VN_TZ)


# code: (channel, state, received, due, finished). DEMO_NOW is Wednesday 25/11/2026 09:30.
DOSSIERS: dict[str, tuple[str, DossierState, datetime, datetime, datetime | None]] = {
    "early": ("online", S.RETURNED, vn(11, 10, 8), vn(11, 12, 8), vn(11, 11, 10)),
    "early-eve": ("online", S.PROCESSED, vn(11, 10, 8), vn(11, 12, 8), vn(11, 11, 23, 59)),  # day before due
    "on-time-exact": ("in_person", S.PROCESSED, vn(11, 12), vn(11, 16, 10), vn(11, 16, 10)),  # at the due time
    "on-time-day": ("in_person", S.RETURNED, vn(11, 13), vn(11, 17, 16), vn(11, 17, 8)),  # due date, earlier
    "late": ("post", S.RETURNED, vn(11, 14), vn(11, 18, 10), vn(11, 18, 10, 1)),  # a minute past due
    "carried-finished": ("online", S.RETURNED, vn(10, 28), vn(11, 3), vn(11, 2)),  # early, received in October
    "finished-october": ("online", S.RETURNED, vn(10, 5), vn(10, 9), vn(10, 30)),  # late, in October only
    "supplement": ("online", S.SUPPLEMENT_REQUESTED, vn(11, 20), vn(11, 27), None),
    "fees-carried": ("post", S.FINANCIAL_OBLIGATION, vn(10, 20), vn(10, 30), None),
    "stopped": ("in_person", S.STOPPED, vn(11, 3), vn(11, 10), vn(11, 19)),
    "stopped-october": ("in_person", S.STOPPED, vn(10, 2), vn(10, 9), vn(10, 25)),
    "within": ("online", S.IN_PROGRESS, vn(11, 24), vn(11, 26, 16), None),
    "due-later-today": ("online", S.ACCEPTED, vn(11, 24), vn(11, 25, 15), None),
    "due-right-now": ("online", S.IN_PROGRESS, vn(11, 24), DEMO_NOW, None),  # now == due: still within
    "overdue": ("post", S.IN_PROGRESS, vn(11, 18), vn(11, 24, 17), None),
    "overdue-carried": ("in_person", S.ACCEPTED, vn(10, 15), vn(10, 20), None),
    "withdrawal": ("online", S.WITHDRAWAL_REQUESTED, vn(11, 5), vn(11, 30), None),
    "refused": ("in_person", S.NOT_ACCEPTED, vn(11, 5), vn(11, 6), vn(11, 5, 10)),
    "first-instant": ("online", S.SUBMITTED, vn(11, 1, 0), vn(11, 30), None),  # 31/10 17:00 UTC: November
    "last-instant": ("post", S.SUBMITTED, vn(10, 31, 23, 59), vn(11, 30), None),  # 31/10 16:59 UTC: October
}


def dossier_fields(code: str) -> dict[str, Any]:
    channel, state, received, due, finished = DOSSIERS[code]
    return {"channel": channel, "state": int(state), "received_at": received, "due_at": due, "finished_at": finished}


@pytest.fixture
def cache(workbench: Workbench) -> Workbench:
    with workbench.cache.engine.begin() as connection:
        source = add_source(connection)
        rows = [
            dossier_row(source, code, "Nguyễn Văn An", "Đăng ký khai sinh", **dossier_fields(code)) for code in DOSSIERS
        ]
        insert_dossiers(connection, rows)
    return workbench


def test_the_current_month_counts_every_dossier_where_the_rules_put_it(cache: Workbench) -> None:
    report = dossier_month_report(cache.cache.sessions, date(2026, 11, 25), DEMO_NOW)
    assert report == DossierMonthReport(
        month=NOVEMBER,
        as_of=DEMO_NOW,
        # early, early-eve, within, due-later-today, due-right-now, supplement, withdrawal, first-instant
        received_online=8,
        received_in_person=4,  # on-time-exact, on-time-day, stopped, refused
        received_post=2,  # late, overdue
        received_total=14,
        finished_early=3,  # early, early-eve, carried-finished
        finished_on_time=2,  # on-time-exact, on-time-day
        finished_late=1,  # late
        in_progress_in_time=6,  # within, due-later-today, due-right-now, withdrawal, first-instant, last-instant
        in_progress_overdue=2,  # overdue, overdue-carried
        paused_supplement=1,
        paused_financial=1,  # fees-carried: received in October, still waiting for fees
        paused_stopped=1,  # stopped in November; stopped-october is not counted
    )
    assert (report.finished, report.in_progress, report.paused) == (6, 8, 3)
    assert report.outcome_counts() == {
        "finished_early": 3,
        "finished_on_time": 2,
        "finished_late": 1,
        "in_progress_in_time": 6,
        "in_progress_overdue": 2,
        "paused": 3,
    }


def test_a_past_month_is_counted_as_it_stood_at_its_end(cache: Workbench) -> None:
    report = dossier_month_report(cache.cache.sessions, OCTOBER, DEMO_NOW)
    assert report == DossierMonthReport(
        month=OCTOBER,
        as_of=datetime(2026, 11, 1, tzinfo=VN_TZ),
        received_online=2,  # carried-finished, finished-october
        received_in_person=2,  # stopped-october, overdue-carried
        received_post=2,  # fees-carried, last-instant
        received_total=6,
        finished_late=1,  # finished-october
        in_progress_in_time=2,  # carried-finished (finished in November, due 03/11), last-instant
        in_progress_overdue=1,  # overdue-carried
        paused_financial=1,
        paused_stopped=1,  # stopped-october
    )


def test_the_month_boundaries_are_vietnam_time(cache: Workbench) -> None:
    at_midnight = dossier_month_report(cache.cache.sessions, NOVEMBER, vn(11, 1, 0))
    assert at_midnight.received_online == at_midnight.received_total == 1  # first-instant, at that very instant
    assert at_midnight.as_of == vn(11, 1, 0)


def test_a_month_that_has_not_begun_is_refused(cache: Workbench) -> None:
    with pytest.raises(ValueError, match="12/2026"):
        dossier_month_report(cache.cache.sessions, date(2026, 12, 1), DEMO_NOW)


def test_an_empty_cache_reports_zeros(workbench: Workbench) -> None:
    report = dossier_month_report(workbench.cache.sessions, NOVEMBER, DEMO_NOW)
    assert report == DossierMonthReport(NOVEMBER, DEMO_NOW)
    assert all(row.count == 0 for row in documents_by_state(workbench.cache.sessions))


def test_documents_are_counted_by_direction_and_state_once_each(workbench: Workbench) -> None:
    with workbench.cache.engine.begin() as connection:
        source = add_source(connection)
        legacy = add_source(connection, "legacy")
        insert_documents(
            connection,
            [
                document_row(source, "in-1", "Kế hoạch", state="registered"),
                document_row(source, "in-2", "Báo cáo", state="registered"),
                document_row(source, "in-3", "Giấy mời", state="done"),
                document_row(source, "out-1", "Tờ trình", direction="outgoing", state="draft"),
                document_row(source, "out-2", "Công văn", direction="outgoing", state="sent"),
                document_row(source, "in-4", "Thông báo", state="archived"),  # a state newer than this client
            ],
        )
        # the old system's copy of in-1: the unified queue shows one row, the report counts one document
        insert_documents(connection, [document_row(legacy, "in-1-old", "Kế hoạch", state="received", duplicate_of=1)])
    rows = documents_by_state(workbench.cache.sessions)
    assert [row for row in rows if row.count] == [
        DocumentStateCount("incoming", "registered", 2),
        DocumentStateCount("incoming", "done", 1),
        DocumentStateCount("outgoing", "draft", 1),
        DocumentStateCount("outgoing", "sent", 1),
        DocumentStateCount("incoming", "archived", 1),
    ]
    assert [(row.direction, row.state) for row in rows[:2]] == [("incoming", "received"), ("incoming", "refused")]
    assert len(rows) == len(IncomingState) + len(OutgoingState) + 1  # every state of both, then the unknown one
