"""A service database made by an earlier version (a demo or training folder) gains the columns
added since, keeping its rows, instead of failing at the first query."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, select, text

from central.database import create_central_engine, create_schema
from central.in_process import InProcessCentral
from central.models import Dossier
from kernel.clock import FixedClock
from tests.central.conftest import WARD_A
from tests.conftest import DEMO_NOW


def test_an_older_service_database_gains_the_new_columns_and_keeps_its_rows(tmp_path: Path) -> None:
    central = InProcessCentral("unified", tmp_path / "central.sqlite3", FixedClock(DEMO_NOW))
    central.load_shipped_directory()
    central.seed_demo_items(WARD_A, 20)
    central.close()
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    engine = create_central_engine(url)
    with engine.begin() as connection:  # as a database of the version before these columns
        for column in ("extended_due_at", "applicant_kind", "received_components"):
            connection.execute(text(f"ALTER TABLE dossier DROP COLUMN {column}"))
    create_schema(engine)
    columns = {column["name"] for column in inspect(engine).get_columns("dossier")}
    assert {"extended_due_at", "applicant_kind", "received_components"} <= columns
    with engine.connect() as connection:
        rows = connection.execute(select(Dossier.applicant_kind, Dossier.received_components,
                                         Dossier.extended_due_at)).all()  # fmt: skip
    assert len(rows) > 0 and all(tuple(row) == ("person", [], None) for row in rows)
