"""Demo 1022 reports written straight into a cache, as a sync would have left them (the service's
generator, ``central.demo_feedback``: every situation, sent back ones included), for the dashboard's and
the reports' tests."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, insert, select

from app.domain.workflow import FeedbackState
from app.workbench import Workbench
from central.agency_directory import AgencyEntry, load_shipped_directory
from central.demo_data import shipped_calendar
from central.demo_feedback import FEEDBACK_MIX, DemoReports
from local_db.models import Feedback, Source
from tests.demo_cache import SOURCES

BLOCK = len(FEEDBACK_MIX)
HOME = AgencyEntry(code="000.00.57.H29", name="Ủy ban nhân dân Phường Thủ Dầu Một", is_ward=True)


def fill_demo_feedback(workbench: Workbench, count: int, seed: int = 1022) -> int:
    """``count`` demo reports in the cache (beside whatever it holds); returns how many were sent back."""
    wards, calendar, now = load_shipped_directory().wards(), shipped_calendar(), workbench.clock.now()
    columns = set(Feedback.__table__.columns.keys())
    rows = []
    with workbench.cache.engine.begin() as connection:
        source_id = _unified_source(connection)
        for number in range(count):
            # each block of the generator's mix seen from a week earlier: every situation in every past month
            if number % BLOCK == 0:
                reports = DemoReports(now - timedelta(weeks=number // BLOCK), seed + number, HOME, wards, calendar)
            row = {key: value for key, value in reports.report(number + 1).items() if key in columns}
            remote_id = f"demo-feedback-{seed}-{number}"
            rows.append({**row, "source_id": source_id, "remote_id": remote_id, "sync_state": "synced"})
        connection.execute(insert(Feedback), rows)
    return sum(row["state"] == FeedbackState.SENT_BACK.value for row in rows)


def _unified_source(connection: Connection) -> Any:
    code, name, kind = SOURCES[0]
    found = connection.scalar(select(Source.id).where(Source.code == code))
    if found is None:
        found = connection.execute(insert(Source).values(code=code, name=name, kind=kind)).inserted_primary_key[0]
    return found
