"""The demo ward's 1022 reports: seeded in every situation its queue shows, brought by the demo desk's
first sync with the citizens' photos, and given to a demo made before the queue existed."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.feedback_deadline import DEFAULT_FEEDBACK_RULE, FeedbackStanding, feedback_standing
from app.domain.workflow import FEEDBACK, FeedbackState
from app.domain.working_calendar import VN_TZ
from app.profile import Profile
from app.workbench import Workbench
from central.agency_directory import load_shipped_directory
from central.demo_data import shipped_calendar
from central.demo_feedback import DemoReports
from central.in_process import InProcessCentral
from kernel.clock import FixedClock
from local_db.models import Attachment, Feedback
from sandbox.demo import DEMO_REPORTS, DEMO_UNIT, DemoCentral, start_demo_central
from tests.conftest import DEMO_NOW

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[DemoCentral]:
    started = start_demo_central(tmp_path / "demo-central", FixedClock(DEMO_NOW), 30, signatures=False)
    yield started
    started.stop()


def first_sync(demo: DemoCentral, folder: Path) -> Workbench:
    """A fresh demo desk, as ``ward-desk --demo`` makes it, after its first sync and the files it fetched."""
    workbench = Workbench.open(Profile(folder), FixedClock(DEMO_NOW), session_only=True)
    workbench.add_account(demo.source, demo.login, demo.password)
    for account_id in workbench.active_account_ids():
        report = workbench.desk.engine.sync_account(account_id)
        assert report.problem is None
        workbench.follow_sync(report)
    return workbench


def standings(reports: list[Feedback]) -> Counter[str]:
    calendar, counted = shipped_calendar(), Counter[str]()
    for report in reports:
        answered_at = report.finished_at if report.state == FeedbackState.ANSWERED else None
        counted[feedback_standing(DEMO_NOW, report.due_at, DEFAULT_FEEDBACK_RULE, calendar, answered_at)] += 1
        fresh = report.state == FeedbackState.ROUTED and report.routed_at.astimezone(VN_TZ).date() == DEMO_NOW.date()
        counted["routed today"] += fresh
    return counted


def test_the_demo_desk_s_first_sync_brings_the_ward_s_1022_reports(demo: DemoCentral, tmp_path: Path) -> None:
    workbench = first_sync(demo, tmp_path / "desk")
    try:
        with workbench.cache.sessions() as session:
            reports = list(session.scalars(select(Feedback)))
            photos = list(session.scalars(select(Attachment).where(Attachment.item_kind == "feedback")))
        downloads = workbench.desk.services().downloads
        assert len(reports) == DEMO_REPORTS and {r.unit_code for r in reports} == {DEMO_UNIT}
        counted = standings(reports)
        assert counted["routed today"] >= 5  # "mới chuyển đến"
        assert counted[FeedbackStanding.DUE_SOON] >= 5 and counted[FeedbackStanding.OVERDUE] >= 4
        assert counted[FeedbackStanding.ANSWERED_ON_TIME] >= 10 and counted[FeedbackStanding.ANSWERED_LATE] >= 2
        states = Counter(r.state for r in reports)
        assert set(states) == {state.value for state in FeedbackState}, states  # every state of the queue
        sent_back = [r for r in reports if r.state == FeedbackState.SENT_BACK]
        assert sent_back and all(r.suggested_unit_code and r.sent_back_reason for r in sent_back)
        assert any(r.anonymous and r.contact_hidden is False for r in reports)
        assert any(r.latitude is not None for r in reports) and any(r.latitude is None for r in reports)
        overdue_noted = [r for r in reports if r.state == FeedbackState.ASSIGNED and r.committed_on is not None]
        assert overdue_noted and all(r.committed_on >= DEMO_NOW.date() for r in overdue_noted)
        assert photos and {p.content_type for p in photos} == {"image/png"}
        for photo in photos:  # fetched with the first sync and whole
            path = downloads.local_file(photo.id)
            assert path is not None and path.read_bytes().startswith(PNG_SIGNATURE)
            assert hashlib.sha256(path.read_bytes()).hexdigest() == photo.sha256
    finally:
        workbench.close()


def test_a_demo_report_s_history_is_the_actions_that_brought_it_there() -> None:
    """Replayed through the workflow, each history arrives at the report's state, in time order, by now."""
    home = next(ward for ward in load_shipped_directory().wards() if ward.code == DEMO_UNIT)
    for now in (DEMO_NOW, datetime(2026, 11, 29, 3, 0, tzinfo=VN_TZ), datetime(2027, 2, 8, 12, 0, tzinfo=VN_TZ)):
        generator = DemoReports(now, 1022, home, load_shipped_directory().wards(), shipped_calendar())
        for number in range(1, 41):  # two rounds of the mix: on a Sunday night and during Tết too
            row = generator.report(number)
            state, moments = FeedbackState.ROUTED, [datetime.fromisoformat(e["at"]) for e in row["history"]]
            for entry in row["history"][1:]:
                action = FEEDBACK.action(entry["action"])
                assert state in action.sources, (number, entry)
                state = FeedbackState(action.target or state)
            assert state.value == row["state"] and row["version"] == len(row["history"])
            assert moments == sorted(moments) and moments[-1] <= now and row["received_at"] <= row["routed_at"]


def test_a_demo_made_before_the_queue_gets_its_reports_at_the_next_start(tmp_path: Path) -> None:
    folder, clock = tmp_path / "demo-central", FixedClock(DEMO_NOW)
    folder.mkdir()
    earlier = InProcessCentral("unified", folder / "central-unified.sqlite3", clock)
    earlier.load_shipped_directory()
    earlier.add_account("thu.tdm", "whatever-it-was", DEMO_UNIT, "Nguyễn Thị Thu")
    earlier.seed_demo_items(DEMO_UNIT, 10, files=0)
    earlier.close()
    for _start in range(2):  # and only once
        start_demo_central(folder, clock, 10, signatures=False).stop()
    demo = start_demo_central(folder, clock, 10, signatures=False)
    workbench = first_sync(demo, tmp_path / "desk")
    try:
        with workbench.cache.sessions() as session:
            assert len(session.scalars(select(Feedback)).all()) == DEMO_REPORTS
    finally:
        workbench.close()
        demo.stop()
