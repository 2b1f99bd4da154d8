"""A document that reaches a ward through the old province's system and the city's is one row."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from keyring.backends import fail
from sqlalchemy import select

from app.accounts import SourceInfo
from app.credentials import CredentialStore
from app.desk import Desk
from app.domain.item_lists import DocumentFilter
from app.profile import Profile
from central import models as server
from central.agency_directory import load_shipped_directory
from central.change_feed import record_change
from central.seed import add_account, add_unit, load_directory
from central.server import build_service, start_in_thread
from local_db.models import Account, Document, OutboxEntry
from tests.central.conftest import PASSWORD_A, TEST_PASSWORD_COST, WARD_A, Central
from tests.conftest import DEMO_NOW

OLD_WARD = "000.01.01.H00"  # the former Bình Dương unit that Phường Thủ Dầu Một replaced
OLD_PASSWORD = "Mk-cu-Binh-Duong-2026"
SUBJECT = "Kế hoạch bàn giao hồ sơ lưu trữ khi sắp xếp đơn vị hành chính"


def add_document(service, unit: str, issuer: str, remote_subject: str = SUBJECT) -> int:
    with service.sessions.begin() as session:
        document = server.Document(
            unit_code=unit, direction="incoming", number="15", notation="KH-UBND", doc_type="KH",
            issuing_agency_code=issuer, issuing_agency_name="Ủy ban nhân dân tỉnh", issued_on=date(2025, 6, 20),
            subject=remote_subject, state="received", updated_at=DEMO_NOW,
        )  # fmt: skip
        session.add(document)
        session.flush()
        record_change(session, unit, "document", document)
        return document.id


@pytest.fixture
def legacy(tmp_path: Path) -> Iterator[str]:
    service = build_service(
        "legacy-binhduong", f"sqlite:///{tmp_path / 'legacy.sqlite3'}", password_cost=TEST_PASSWORD_COST
    )
    with service.sessions.begin() as session:
        load_directory(session, load_shipped_directory())
        add_unit(session, OLD_WARD, "Ủy ban nhân dân phường Phú Cường (cũ)")
        add_account(session, "thu.nt@binhduong", OLD_PASSWORD, OLD_WARD, "Nguyễn Thị Thu (cũ)", DEMO_NOW)
    add_document(service, OLD_WARD, "000.00.00.H00")  # the old province's code …
    running = start_in_thread(service)
    yield running.url
    running.stop()
    service.engine.dispose()


def test_old_and_new_copies_merge_into_one_row(central: Central, legacy: str, tmp_path: Path) -> None:
    new_id = add_document(central.service, WARD_A, "000.00.00.H29")  # … and the city's, its successor
    desk = Desk(Profile(tmp_path / "desk"), central.clock, CredentialStore(fail.Keyring()))
    cache, bench = desk.cache, desk.workbench
    try:
        accounts = desk.accounts
        new = accounts.add_account(SourceInfo("unified", "Mới", "unified", central.url), "thu.tdm", PASSWORD_A)
        old = accounts.add_account(SourceInfo("legacy-binhduong", "Cũ", "legacy", legacy), "thu.nt@binhduong",
                                   OLD_PASSWORD)  # fmt: skip
        assert desk.engine.sync_account(old.account_id).problem is None
        assert desk.engine.sync_account(new.account_id).problem is None

        hits = bench.search("ban giao ho so luu tru")
        assert hits is not None and len(hits.document_ids) == 1
        [row] = bench.document_page(DocumentFilter("incoming", hits.document_ids), 0, 10)
        assert (row.source_kind, row.copy_source_kinds) == ("unified", ("legacy",))
        with cache.sessions() as session:
            copies = session.scalars(select(Document).where(Document.subject == SUBJECT)).all()
            assert len(copies) == 2 and len({c.merge_key for c in copies}) == 1
            shown = next(c for c in copies if c.duplicate_of is None)
            assert shown.remote_id == str(new_id)

        bench.perform("document", row.id, "register", {})
        with cache.sessions() as session:
            entry = session.scalars(select(OutboxEntry)).one()
            assert session.get_one(Account, entry.account_id).login == "thu.tdm"  # the owner of the shown copy
    finally:
        desk.close()


def test_a_document_only_the_old_system_has_stays_its_own_row(central: Central, legacy: str, tmp_path) -> None:
    desk = Desk(Profile(tmp_path / "desk"), central.clock, CredentialStore(fail.Keyring()))
    try:
        old = desk.accounts.add_account(SourceInfo("legacy-binhduong", "Cũ", "legacy", legacy), "thu.nt@binhduong",
                                        OLD_PASSWORD)  # fmt: skip
        desk.engine.sync_account(old.account_id)
        bench = desk.workbench
        [row] = bench.document_page(DocumentFilter("incoming", bench.search("ban giao").document_ids), 0, 10)
        assert (row.source_kind, row.copy_source_kinds) == ("legacy", ())
    finally:
        desk.close()
