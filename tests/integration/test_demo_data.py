"""The demo generator writes realistic, deterministic rows into a real cache."""

from __future__ import annotations

from datetime import time

from sqlalchemy import func, select

from app.domain.dossier_code import parse_dossier_code
from app.domain.dossier_deadline import StatutoryTime, due_at
from app.domain.workflow import FINISHED_DOSSIER_STATES, DossierState
from app.workbench import Workbench
from central.demo_data import shipped_calendar
from local_db.models import Account, Agency, Document, Dossier, Source
from tests.conftest import DEMO_NOW
from tests.demo_cache import fill_demo_cache

COUNT = 3000


def rows(bench: Workbench, model: type) -> list[tuple]:
    with bench.cache.sessions() as session:
        table = model.__table__
        return [tuple(row) for row in session.execute(select(table).order_by(*table.primary_key.columns))]


def test_demo_data_is_deterministic(workbench: Workbench, tmp_path, clock) -> None:
    from app.profile import Profile

    other = Workbench.open(Profile(tmp_path / "other"), clock)
    try:
        fill_demo_cache(workbench, COUNT)
        fill_demo_cache(other, COUNT)
        for model in (Source, Account, Agency, Document, Dossier):
            assert rows(workbench, model) == rows(other, model)
    finally:
        other.close()


def test_demo_data_has_the_situations_a_ward_meets(workbench: Workbench) -> None:
    summary = fill_demo_cache(workbench, COUNT)
    assert summary is not None
    assert summary.documents + summary.dossiers == COUNT
    today = DEMO_NOW.date()
    with workbench.cache.sessions() as session:
        urgent = session.scalar(select(func.count()).where(Document.urgency.in_(("very_urgent", "flash"))))
        due_today = session.scalar(select(func.count()).where(Document.due_on == today))
        open_dossiers = Dossier.state.not_in([int(s) for s in FINISHED_DOSSIER_STATES])
        overdue = session.scalar(select(func.count()).where(open_dossiers, Dossier.due_at < DEMO_NOW))
        legacy = session.scalar(select(func.count()).select_from(Document).join(Source).where(Source.kind == "legacy"))
        procedures = session.scalar(select(func.count(func.distinct(Dossier.procedure_name))))
    assert urgent > 0
    assert due_today > 0
    assert overdue > 0
    assert legacy > 0  # some items arrived through a former province's system
    assert procedures >= 10


def test_demo_dossiers_have_valid_codes_and_lawful_deadlines(workbench: Workbench) -> None:
    fill_demo_cache(workbench, COUNT)
    calendar = shipped_calendar()  # the server's calendar
    with workbench.cache.sessions() as session:
        dossiers = session.scalars(select(Dossier).limit(300)).all()
    assert dossiers
    for dossier in dossiers:
        code = parse_dossier_code(dossier.code)
        assert code.unit_code == dossier.unit_code
        cutoff = time(15, 0) if dossier.cutoff else None
        expected = due_at(
            dossier.received_at, StatutoryTime(dossier.statutory_amount, dossier.statutory_unit), calendar, cutoff
        )
        assert dossier.due_at == expected
        assert DossierState(dossier.state)
        if dossier.finished_at is not None:
            assert dossier.finished_at >= dossier.received_at


def test_seeding_leaves_a_profile_with_items_alone(workbench: Workbench) -> None:
    assert fill_demo_cache(workbench, 50) is not None
    assert fill_demo_cache(workbench, 50) is None
    assert workbench.count_documents() + workbench.count_dossiers() == 50
