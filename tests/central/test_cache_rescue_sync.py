"""Actions rescued from a damaged cache reach the real service once each, then the cache fills again by
a full sync; while a file is known to be damaged, nothing is sent from it."""

from __future__ import annotations

from pathlib import Path

from keyring.backends import fail
from sqlalchemy import func, select

from app import desk as app_desk
from app.accounts import SourceInfo
from app.credentials import CredentialStore
from app.domain.workflow import DossierState
from app.profile import Profile
from app.sync_engine import SyncEngine
from central import models as server
from central.server import start_in_thread
from local_db.models import Document, Dossier, OutboxEntry
from tests.central.conftest import PASSWORD_A, Central
from tests.central.test_sync_engine import AnswerLost, server_count, server_dossiers
from tests.integration import damaged_caches as damaged


def _open(central: Central, folder: Path, credentials: CredentialStore) -> app_desk.Desk:
    return app_desk.Desk(Profile(folder), central.clock, credentials, pull_batch=25)


def _local_id(desk: app_desk.Desk, model: type[Dossier], remote_id: int) -> int:
    with desk.cache.sessions() as session:
        return session.scalars(select(model.id).where(model.remote_id == str(remote_id))).one()


def test_rescued_actions_reach_the_service_once_each_and_the_cache_fills_again(
    central: Central, tmp_path: Path
) -> None:
    credentials = CredentialStore(fail.Keyring())  # stands for the OS keyring: it outlives the cache file
    folder = tmp_path / "desk"
    desk = _open(central, folder, credentials)
    source = SourceInfo("unified", "Hệ thống dùng chung", "unified", central.url)
    account_id = desk.accounts.add_account(source, "thu.tdm", PASSWORD_A).account_id
    assert desk.engine.sync_account(account_id).problem is None
    submitted, other = server_dossiers(central, DossierState.SUBMITTED)[:2]
    working = server_dossiers(central, DossierState.IN_PROGRESS)[0]
    actions = desk.workbench.actions
    actions.perform("dossier", _local_id(desk, Dossier, working.id), "comment", {"text": "Trả lời bị mất"})
    AnswerLost.lost = 0  # applied on the service, its answer lost: still pending here
    lossy = SyncEngine(desk.cache, desk.accounts, central.clock, client_for=AnswerLost)
    assert lossy.sync_account(account_id).problem == "offline"
    port = int(central.url.rsplit(":", 1)[1])
    central.server.stop()
    actions.perform("dossier", _local_id(desk, Dossier, submitted.id), "accept", {})
    actions.perform("dossier", _local_id(desk, Dossier, other.id), "accept", {})
    desk.close()
    damaged.zeroed(0, 100)(folder / "ward-desk.sqlite3")  # the header lost: "not a database" to SQLite

    central.server = start_in_thread(central.service, port=port)
    rescued = _open(central, folder, credentials)
    try:
        recovery = rescued.cache.recovery
        assert recovery is not None and (recovery.actions_kept, recovery.actions_lost) == (3, 0)
        report = rescued.engine.sync_account(account_id)  # the account kept its id and its secret
        assert report.problem is None and report.pushed == 3  # the lost answer's replay: "duplicate"
        with central.service.sessions() as session:
            assert session.scalar(select(func.count()).select_from(server.Comment)) == 1  # applied once
            assert session.scalar(select(func.count()).select_from(server.MutationRecord)) == 3
            assert session.get_one(server.Dossier, submitted.id).state == int(DossierState.ACCEPTED)
        with rescued.cache.sessions() as session:
            assert set(session.scalars(select(OutboxEntry.status))) == {"applied"}
            assert session.scalar(select(func.count()).select_from(Document)) == server_count(central, server.Document)
    finally:
        rescued.close()


def test_a_cache_found_damaged_in_use_sends_nothing_until_it_is_rebuilt(central: Central, tmp_path: Path) -> None:
    """Its unsent actions may read wrong (a bad byte read as U+FFFD): the next start rescues only those
    whose cells and audit record agree. Pulling on is harmless: the service's copy is its own."""
    desk = _open(central, tmp_path / "desk", CredentialStore(fail.Keyring()))
    try:
        source = SourceInfo("unified", "Hệ thống dùng chung", "unified", central.url)
        account_id = desk.accounts.add_account(source, "thu.tdm", PASSWORD_A).account_id
        desk.engine.sync_account(account_id)
        submitted = server_dossiers(central, DossierState.SUBMITTED)[0]
        desk.workbench.actions.perform("dossier", _local_id(desk, Dossier, submitted.id), "accept", {})
        desk.cache.damage.note("bad_text: a text cell is not UTF-8")
        report = desk.engine.sync_account(account_id)
        assert report.problem is None and report.pushed == 0
        with central.service.sessions() as session:
            assert session.get_one(server.Dossier, submitted.id).state == int(DossierState.SUBMITTED)
        assert (tmp_path / "desk" / "cache-damaged.txt").exists()  # the next start rebuilds it
    finally:
        desk.close()
