"""Retiring an old province account end to end: notice, last push, secret out of the keyring,
items still readable; and an account the server closed early with actions still pending."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from keyring.backends import SecretService
from sqlalchemy import func, select, update

from app.accounts import SourceInfo
from app.credentials import CredentialStore
from app.desk import Desk
from app.domain.workflow import DossierState
from app.item_actions import ItemActions
from app.profile import Profile
from app.transition import Transition
from central import models as server
from central.seed import add_account
from central.server import start_in_thread
from local_db.models import Account, Document, Dossier, OutboxEntry
from tests.central.conftest import WARD_A, Central
from tests.central.test_sync_engine import server_dossiers
from tests.conftest import DEMO_NOW

OLD_LOGIN, OLD_PASSWORD = "thu.nt@binhduong", "Mk-cu-Binh-Duong-2026"
ENDS_ON = DEMO_NOW.date() + timedelta(days=10)


@pytest.fixture
def old_desk(central: Central, secure_store: CredentialStore, tmp_path: Path):
    """A desk whose only account is an old Bình Dương one (served, for the test, by the same service)."""
    with central.service.sessions.begin() as session:
        add_account(session, OLD_LOGIN, OLD_PASSWORD, WARD_A, "Nguyễn Thị Thu (cũ)", DEMO_NOW, parallel_until=ENDS_ON)
    desk = Desk(Profile(tmp_path / "desk"), central.clock, secure_store)
    source = SourceInfo("legacy-binhduong", "Hệ thống Bình Dương (cũ)", "legacy", central.url)
    added = desk.accounts.add_account(source, OLD_LOGIN, OLD_PASSWORD)
    desk.engine.sync_account(added.account_id)
    yield desk.cache, desk.accounts, desk.engine, added.account_id
    desk.close()


def in_keyring() -> str | None:
    return SecretService.Keyring().get_password("WardDesk:legacy-binhduong", OLD_LOGIN)


def test_a_notice_comes_in_the_days_before_the_end(old_desk, central: Central) -> None:
    cache, accounts, engine, account_id = old_desk
    transition = Transition(cache, accounts, engine, central.clock)
    assert [(n.account_id, n.days_left) for n in transition.notices()] == [(account_id, 10)]
    assert transition.notices(days_before=7) == []
    assert transition.retire_if_due(account_id).status == "not_due"


def test_on_its_date_the_old_account_pushes_its_last_actions_then_retires(old_desk, central: Central) -> None:
    cache, accounts, engine, account_id = old_desk
    dossier = server_dossiers(central, DossierState.SUBMITTED)[0]
    with cache.sessions() as session:
        local_id = session.scalar(select(Dossier.id).where(Dossier.remote_id == str(dossier.id)))
        documents_before = session.scalar(select(func.count()).select_from(Document))
    ItemActions(cache, central.clock).perform("dossier", local_id, "accept")
    assert in_keyring() is not None

    central.clock.advance(timedelta(days=10))
    result = Transition(cache, accounts, engine, central.clock).retire_if_due(account_id)

    assert (result.status, result.stranded) == ("retired", ())
    with central.service.sessions() as session:
        assert session.get_one(server.Dossier, dossier.id).state == int(DossierState.ACCEPTED)
    assert in_keyring() is None
    with cache.sessions() as session:
        assert session.get_one(Account, account_id).status == "retired"
        assert session.scalar(select(func.count()).select_from(Document)) == documents_before  # still readable
    assert engine.sync_account(account_id).problem == "retired"
    cache.engine.dispose()
    for path in cache.profile.root.rglob("*"):  # the database, its WAL, logs, settings: no password
        assert not path.is_file() or OLD_PASSWORD.encode() not in path.read_bytes(), path


def test_retiring_while_offline_waits_and_loses_nothing(old_desk, central: Central) -> None:
    cache, accounts, engine, account_id = old_desk
    dossier = server_dossiers(central, DossierState.SUBMITTED)[0]
    with cache.sessions() as session:
        local_id = session.scalar(select(Dossier.id).where(Dossier.remote_id == str(dossier.id)))
    ItemActions(cache, central.clock).perform("dossier", local_id, "accept")
    port = int(central.url.rsplit(":", 1)[1])
    central.server.stop()
    central.clock.advance(timedelta(days=11))
    transition = Transition(cache, accounts, engine, central.clock)
    waiting = transition.retire_if_due(account_id)
    assert (waiting.status, waiting.problem) == ("waiting", "offline")
    assert in_keyring() is not None  # still needed to push
    central.server = start_in_thread(central.service, port=port)
    assert transition.retire_if_due(account_id).status == "retired"
    with cache.sessions() as session:
        assert [e.status for e in session.scalars(select(OutboxEntry))] == ["applied"]


def test_an_account_the_server_closed_early_keeps_its_actions_for_the_user(old_desk, central: Central) -> None:
    cache, accounts, engine, account_id = old_desk
    dossier = server_dossiers(central, DossierState.IN_PROGRESS)[0]
    with cache.sessions() as session:
        local_id = session.scalar(select(Dossier.id).where(Dossier.remote_id == str(dossier.id)))
    ItemActions(cache, central.clock).perform("dossier", local_id, "comment", {"text": "Chờ bàn giao"})
    with central.service.sessions.begin() as session:
        session.execute(update(server.Account).where(server.Account.login == OLD_LOGIN).values(disabled_at=DEMO_NOW))
    transition = Transition(cache, accounts, engine, central.clock)
    report = engine.sync_account(account_id)  # days before its date: the server says no
    assert (report.problem, report.details) == ("sign_in", ["account_disabled"])
    result = transition.after_sync(report)
    assert result is not None and result.status == "retired" and result.problem == "account_disabled"
    assert len(result.stranded) == 1
    with cache.sessions() as session:
        entry = session.get_one(OutboxEntry, result.stranded[0])
        assert (entry.status, entry.reject_code) == ("stranded", "account_retired")
        assert entry.payload == {"text": "Chờ bàn giao"}
    assert in_keyring() is None


def test_the_user_can_set_the_end_date_of_the_old_account(old_desk, central: Central) -> None:
    cache, accounts, engine, account_id = old_desk
    accounts.set_parallel_until(account_id, DEMO_NOW.date() + timedelta(days=3))
    transition = Transition(cache, accounts, engine, central.clock)
    assert [(n.account_id, n.days_left) for n in transition.notices()] == [(account_id, 3)]
    central.clock.advance(timedelta(days=3))
    assert transition.retire_if_due(account_id).status == "retired"
