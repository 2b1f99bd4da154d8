"""Writers and the change log: a transaction's changes enter the log as its last statements, in the
order it recorded them; what a rolled-back savepoint or transaction made never does; and a
transaction still at work does not hold up other writers (every worker process waits on the one
counter otherwise: tests/bench/bench_load.py saw most connections waiting on it)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from central.api import CentralService
from central.change_feed import record_bulk_changes, record_change
from central.models import ChangeCounter, ChangeLog, Comment
from central.seed import add_unit
from central.server import build_service

UNIT = "000.00.57.H29"
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def service(database_url: str) -> Iterator[CentralService]:
    yield from _service(database_url)


@pytest.fixture
def service_on_postgres(postgres_url: str) -> Iterator[CentralService]:
    yield from _service(postgres_url)


def _service(url: str) -> Iterator[CentralService]:
    service = build_service("unified", url)
    with service.sessions.begin() as session:
        add_unit(session, UNIT, "Ủy ban nhân dân Phường Thủ Dầu Một")
    yield service
    service.engine.dispose()


def comment(session: Session, body: str) -> Comment:
    row = Comment(unit_code=UNIT, item_kind="document", item_id=1, author="Thu", body=body, created_at=NOW)
    session.add(row)
    record_change(session, UNIT, "comment", row)
    return row


def logged(service: CentralService) -> list[tuple[int, str]]:
    with service.reads() as session:
        return [(row.seq, row.item_id) for row in session.scalars(select(ChangeLog).order_by(ChangeLog.seq))]


def test_a_transaction_logs_what_it_kept_in_the_order_it_recorded(service: CentralService) -> None:
    with service.sessions.begin() as session:
        first = comment(session, "một")
        assert first.id is not None  # callers use the new item's id at once
        with pytest.raises(LookupError), session.begin_nested():
            comment(session, "undone with its savepoint")
            record_bulk_changes(session, UNIT, "attachment", ["98", "99"])
            raise LookupError
        with session.begin_nested():
            kept = comment(session, "hai")
            record_bulk_changes(session, UNIT, "attachment", ["7", "8"])
        last = comment(session, "ba")
    assert logged(service) == [(1, str(first.id)), (2, str(kept.id)), (3, "7"), (4, "8"), (5, str(last.id))]
    with pytest.raises(LookupError), service.sessions.begin() as session:
        comment(session, "undone with its transaction")
        raise LookupError
    with service.sessions.begin() as session:
        after = comment(session, "bốn")
    assert logged(service)[5:] == [(6, str(after.id))]
    with service.reads() as session:
        assert session.get_one(ChangeCounter, 1).value == 6


def test_an_open_transaction_does_not_hold_up_other_writers(service_on_postgres: CentralService) -> None:
    """The counter's row lock was taken at the first recorded change and held to the commit, so a
    second writer waited for the first to finish all its work; now only for its last statements.
    Commit order is still log order: the writer that commits first gets the lower position.
    (On SQLite one writer at a time is let in from BEGIN on: there is nothing to overlap.)"""
    service = service_on_postgres
    outcome: list[object] = []

    def second_writer() -> None:
        try:
            with service.sessions.begin() as session:
                session.execute(text("SET LOCAL lock_timeout = '3s'"))
                outcome.append(comment(session, "second, committed first").id)
        except Exception as error:
            outcome.append(error)

    with service.sessions.begin() as session:
        first = comment(session, "first, still at work")
        writer = threading.Thread(target=second_writer)
        writer.start()
        writer.join(timeout=30)
        assert isinstance(outcome[0], int), outcome
    assert logged(service) == [(1, str(outcome[0])), (2, str(first.id))]
