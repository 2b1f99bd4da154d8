"""A service database made by an earlier version (a demo or training folder) gains the columns
added since, keeping its rows, instead of failing at the first query; on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import inspect, select, text

from central.agency_directory import load_shipped_directory
from central.database import create_central_engine, create_schema
from central.demo_data import shipped_procedures
from central.models import Dossier, Procedure
from central.seed import load_directory, load_procedures, seed_demo_items
from central.server import build_service
from kernel.clock import FixedClock
from tests.central.conftest import WARD_A
from tests.conftest import DEMO_NOW

DROPPED = {
    "dossier": ("extended_due_at", "applicant_kind", "received_components"),
    "procedure": ("has_cutoff",),
    "token": ("issued_by", "renewal_key_hash"),
}


def test_an_older_service_database_gains_the_new_columns_and_keeps_its_rows(database_url: str) -> None:
    service = build_service("unified", database_url, FixedClock(DEMO_NOW))
    with service.sessions.begin() as session:
        load_directory(session, load_shipped_directory())
        load_procedures(session, shipped_procedures().values())
        seed_demo_items(session, WARD_A, 20, DEMO_NOW)
    service.engine.dispose()
    engine = create_central_engine(database_url)
    with engine.begin() as connection:  # as a database of the version before these columns
        for table, columns in DROPPED.items():
            for column in columns:
                connection.execute(text(f'ALTER TABLE {table} DROP COLUMN "{column}"'))
    create_schema(engine)
    create_schema(engine)  # a second start finds nothing to add
    for table, columns in DROPPED.items():
        assert set(columns) <= {column["name"] for column in inspect(engine).get_columns(table)}
    with engine.connect() as connection:
        dossiers = connection.execute(select(Dossier.applicant_kind, Dossier.received_components,
                                             Dossier.extended_due_at)).all()  # fmt: skip
        cutoffs = set(connection.scalars(select(Procedure.has_cutoff)))
    assert len(dossiers) > 0 and all(tuple(row) == ("person", [], None) for row in dossiers)
    assert cutoffs == {False}
    engine.dispose()
