"""edXML packets sent to hurt the service (issue 19): too many attachments, a flood of elements, a
large packet while others sign in, a database kept busy. Each gets a clear answer, and nobody else
waits on it."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from app.domain.edxml_packets import MAX_ATTACHMENTS, MAX_ELEMENTS
from central import edxml_ingest
from central.agency_directory import load_shipped_directory
from central.api import CentralService
from central.database import create_central_engine, create_schema
from central.errors import BUSY_RETRY_AFTER
from central.models import Attachment, ChangeLog, Document
from central.seed import add_account, load_directory
from central.server import start_in_thread
from kernel.clock import FixedClock
from tests.central.conftest import PASSWORD_B, TEST_PASSWORD_COST, WARD_A, ApiClient, Central
from tests.central.large_packets import packet_with_attachments, packet_with_elements
from tests.central.write_lock import WriteTransactions
from tests.conftest import DEMO_NOW

XML = {"Content-Type": "application/xml"}
on_sqlite = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # SQLite's one write lock


def _counts(central: Central) -> tuple[int, int, int]:
    with central.service.reads() as session:
        return tuple(session.scalar(select(func.count()).select_from(model)) or 0  # type: ignore[return-value]
                     for model in (Document, Attachment, ChangeLog))  # fmt: skip


def _refused(response: requests.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["code"] == code
    assert body["message"]["en"] and body["message"]["vi"]
    return body


def test_more_attachments_than_the_limit_are_a_clear_413(central: Central, axis: ApiClient) -> None:
    before = _counts(central)

    response = axis.post("/v1/edxml", data=packet_with_attachments(WARD_A, MAX_ATTACHMENTS + 1), headers=XML)

    body = _refused(response, 413, "edxml.too_many_attachments")
    assert body["limit"] == MAX_ATTACHMENTS
    assert body["message"]["vi"] == f"Gói tin edXML có quá {MAX_ATTACHMENTS} tệp đính kèm."
    assert _counts(central) == before


def test_a_flood_of_elements_is_a_clear_413(central: Central, axis: ApiClient) -> None:
    before = _counts(central)

    response = axis.post("/v1/edxml", data=packet_with_elements(WARD_A, MAX_ELEMENTS), headers=XML)

    body = _refused(response, 413, "edxml.too_many_elements")
    assert body["message"]["vi"] == f"Gói tin edXML có quá {MAX_ELEMENTS} phần tử XML."
    assert _counts(central) == before


@on_sqlite
def test_a_sign_in_while_a_packet_is_read_does_not_wait_for_it(
    central: Central, axis: ApiClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading, decoding and hashing a packet hold no lock: another official signs in meanwhile.
    (Before, the packet was read inside the write transaction: this sign-in waited for the lock the
    ingest held, 30 s, then failed with a 500 "database is locked".)"""
    read_packet = edxml_ingest.read_packet
    sign_ins: list[int | str] = []

    def reading_while_someone_signs_in(data: bytes, **kwargs: Any) -> Any:
        try:
            sign_ins.append(ApiClient(central.url).login("lan.saigon", PASSWORD_B).status_code)
        except requests.Timeout:
            sign_ins.append("timed out")
        return read_packet(data, **kwargs)

    monkeypatch.setattr(edxml_ingest, "read_packet", reading_while_someone_signs_in)

    response = axis.post("/v1/edxml", data=packet_with_attachments(WARD_A, 10), headers=XML)

    assert response.status_code == 200, response.text
    assert sign_ins == [200]


@pytest.fixture
def signing_in(central: Central) -> Iterator[list[int]]:
    """Another official signing in again and again on a thread, until the test ends."""
    stop, statuses = threading.Event(), []

    def sign_in() -> None:
        while not stop.is_set():
            statuses.append(ApiClient(central.url).login("lan.saigon", PASSWORD_B).status_code)

    thread = threading.Thread(target=sign_in, name="signing-in")
    thread.start()
    yield statuses
    stop.set()
    thread.join()


@on_sqlite
def test_a_packet_at_the_limit_is_stored_in_one_short_transaction_while_others_sign_in(
    central: Central, axis: ApiClient, signing_in: list[int]
) -> None:
    """The files are written in a few batched statements, not three statements each (8,000 small
    files held the write lock 40 s, and a sign-in behind it failed)."""
    before = _counts(central)
    writes = WriteTransactions(central.service.engine)
    try:
        response = axis.post("/v1/edxml", data=packet_with_attachments(WARD_A, MAX_ATTACHMENTS), headers=XML)
        while len(signing_in) < 2:  # at least one sign-in ran beside the ingest, or just after it
            threading.Event().wait(0.05)
    finally:
        writes.stop()

    assert response.status_code == 200, response.text
    documents, attachments, changes = _counts(central)
    assert (documents, attachments) == (before[0] + 1, before[1] + MAX_ATTACHMENTS)
    assert changes == before[2] + MAX_ATTACHMENTS + 1  # every file logged for the desks, and the document
    assert writes.most_statements < 50, f"the ingest ran {writes.most_statements} statements under the lock"
    assert set(signing_in) == {200}, f"sign-ins: {signing_in}; longest hold {writes.longest}"


@pytest.fixture
def short_lock_wait(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A service whose writers wait 0.2 s for SQLite's write lock (30 s as shipped)."""
    database = tmp_path / "central.sqlite3"
    engine = create_central_engine(f"sqlite:///{database}", lock_wait=0.2)
    create_schema(engine)
    service = CentralService("unified", engine, FixedClock(DEMO_NOW), TEST_PASSWORD_COST)
    with service.sessions.begin() as session:
        load_directory(session, load_shipped_directory())
        add_account(session, "lan.saigon", PASSWORD_B, "000.00.30.H29", "Trần Thị Lan", DEMO_NOW)
    server = start_in_thread(service)
    yield server.url, database
    server.stop()
    engine.dispose()


def test_a_database_busy_beyond_the_wait_is_a_503_with_retry_after(short_lock_wait: tuple[str, Path]) -> None:
    url, database = short_lock_wait
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program keeps the write lock
    try:
        busy = ApiClient(url).login("lan.saigon", PASSWORD_B)
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    body = _refused(busy, 503, "busy")
    assert busy.headers["Retry-After"] == str(BUSY_RETRY_AFTER) and body["retry_after"] == BUSY_RETRY_AFTER
    assert body["message"]["vi"].startswith("Máy chủ đang bận")
    assert ApiClient(url).login("lan.saigon", PASSWORD_B).status_code == 200  # the lock gone, all is well
