"""Demo 1022 reports written straight into a cache, as a sync would have left them (the service's
generator, ``central.demo_data``), with about one in ten of the older ones sent back to 1022 (the
generator routes every report to the competent unit), for the dashboard's and the reports' tests."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, insert, select

from app.domain.workflow import FeedbackState
from app.workbench import Workbench
from central.demo_data import DemoGenerator
from local_db.models import Feedback, Source
from tests.demo_cache import SOURCES

SENT_BACK = {"suggested_unit_code": "000.00.30.H29", "sent_back_reason": "Không thuộc địa bàn phường"}


def fill_demo_feedback(workbench: Workbench, count: int, seed: int = 1022) -> int:
    """``count`` demo reports in the cache (beside whatever it holds); returns how many were sent back."""
    generator, pick = DemoGenerator(workbench.clock.now(), seed), random.Random(seed)
    columns = set(Feedback.__table__.columns.keys())
    rows = []
    with workbench.cache.engine.begin() as connection:
        source_id = _unified_source(connection)
        for number in range(count):
            row = {key: value for key, value in generator.feedback(number + 1).items() if key in columns}
            old = row["routed_at"] < generator.now - timedelta(days=2)
            if old and row["state"] == FeedbackState.ROUTED.value and pick.random() < 0.5:
                finished = row["routed_at"] + timedelta(hours=3)
                row.update(SENT_BACK, state=FeedbackState.SENT_BACK.value, finished_at=finished)
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
