"""Accounts and their secrets against the real service and a real Secret Service (gnome-keyring)."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

import pytest
from keyring.backends import SecretService, fail
from sqlalchemy import select

from app.accounts import AccountService, NeedsSignIn, PendingActions, SourceInfo
from app.central_client import CentralClient, CentralRejected, SignedIn
from app.credentials import CredentialStore, KeyringState, SecretStorage
from app.local_cache import open_local_cache
from app.logging_setup import configure_logging
from app.profile import Profile
from central.models import Account as CentralAccount
from central.seed import add_account
from local_db.models import Account, OutboxEntry
from tests.central.conftest import PASSWORD_A, WARD_A, Central
from tests.conftest import DEMO_NOW

OLD_PASSWORD = "Mật-khẩu-cũ-BD-2026"


@pytest.fixture
def two_sources(central: Central) -> tuple[SourceInfo, SourceInfo]:
    """The city's system and, for the test, the same service standing in for the old province's."""
    with central.service.sessions.begin() as session:
        add_account(session, "thu.nt@binhduong", OLD_PASSWORD, WARD_A, "Nguyễn Thị Thu (cũ)", DEMO_NOW,
                    parallel_until=DEMO_NOW.date())  # fmt: skip
    return (
        SourceInfo("unified", "Hệ thống dùng chung", "unified", central.url),
        SourceInfo("legacy-binhduong", "Hệ thống Bình Dương (cũ)", "legacy", central.url),
    )


@pytest.fixture
def profile_cache(tmp_path: Path):
    profile = Profile(tmp_path / "profile")
    cache = open_local_cache(profile)
    configure_logging(profile)
    yield cache
    cache.close()


def test_two_accounts_secrets_side_by_side_in_the_keyring(secure_store: CredentialStore) -> None:
    assert secure_store.last_state is KeyringState.AVAILABLE
    new = secure_store.save_secret("unified", "thu.tdm", "refresh-new-1")
    old = secure_store.save_secret("legacy-binhduong", "thu.tdm", "refresh-old-1")
    assert new.storage is old.storage is SecretStorage.KEYRING
    fresh = CredentialStore(SecretService.Keyring())  # another process reading the same keyring
    assert fresh.secret("unified", "thu.tdm") == "refresh-new-1"
    assert fresh.secret("legacy-binhduong", "thu.tdm") == "refresh-old-1"
    secure_store.save_secret("unified", "thu.tdm", "refresh-new-2")
    assert fresh.secret("unified", "thu.tdm") == "refresh-new-2"
    secure_store.forget("unified", "thu.tdm")
    assert fresh.secret("unified", "thu.tdm") is None
    assert fresh.secret("legacy-binhduong", "thu.tdm") == "refresh-old-1"
    secure_store.forget("legacy-binhduong", "thu.tdm")
    assert SecretService.Keyring().get_password("WardDesk:legacy-binhduong", "thu.tdm") is None


def test_a_wrong_password_saves_nothing(profile_cache, secure_store, central: Central, two_sources) -> None:
    service = AccountService(profile_cache, secure_store, central.clock)
    with pytest.raises(CentralRejected) as rejected:
        service.add_account(two_sources[0], "thu.tdm", "sai-mat-khau")
    assert rejected.value.code == "bad_credentials" and rejected.value.message_vi
    with profile_cache.sessions() as session:
        assert session.scalars(select(Account)).all() == []
    assert secure_store.secret("unified", "thu.tdm") is None


def test_every_flow_leaves_no_password_or_token_in_files(
    profile_cache, secure_store: CredentialStore, central: Central, two_sources
) -> None:
    service = AccountService(profile_cache, secure_store, central.clock)
    new = service.add_account(two_sources[0], "thu.tdm", PASSWORD_A)
    old = service.add_account(two_sources[1], "thu.nt@binhduong", OLD_PASSWORD)
    assert new.secret.storage is SecretStorage.KEYRING
    with profile_cache.sessions() as session:
        accounts = {a.login: a for a in session.scalars(select(Account))}
    assert accounts["thu.tdm"].role == "new" and accounts["thu.tdm"].unit_code == WARD_A
    assert accounts["thu.nt@binhduong"].role == "old"
    assert accounts["thu.nt@binhduong"].parallel_until == DEMO_NOW.date()

    secrets = {PASSWORD_A, OLD_PASSWORD}
    secrets.add(secure_store.secret("unified", "thu.tdm"))
    token = service.access_token(new.account_id)
    secrets.add(token)
    client = CentralClient(central.url)
    assert client.changes(token, None, 50)["changes"]  # a pull with the account's token works
    service.access_token(old.account_id)

    changed = "Mật-khẩu-mới-2026!"
    secrets.add(changed)
    service.change_password(new.account_id, PASSWORD_A, changed)
    secrets.add(secure_store.secret("unified", "thu.tdm"))
    with pytest.raises(CentralRejected):
        client.sign_in("thu.tdm", PASSWORD_A)
    service.sign_in_again(new.account_id, changed)
    secrets.add(secure_store.secret("unified", "thu.tdm"))
    service.sign_out(old.account_id)
    assert secure_store.secret("legacy-binhduong", "thu.nt@binhduong") is None

    profile_cache.engine.dispose()  # let SQLite write everything out, WAL included
    leaks = [
        (path.name, secret)
        for path in profile_cache.profile.root.rglob("*")
        if path.is_file()
        for secret in secrets
        if secret and secret.encode() in path.read_bytes()
    ]
    assert leaks == []
    assert any(profile_cache.profile.logs_dir.iterdir())


def test_a_refused_refresh_token_asks_for_a_new_sign_in(profile_cache, secure_store, central, two_sources) -> None:
    service = AccountService(profile_cache, secure_store, central.clock)
    added = service.add_account(two_sources[1], "thu.nt@binhduong", OLD_PASSWORD)
    with central.service.sessions.begin() as session:
        account = session.scalar(select(CentralAccount).where(CentralAccount.login == "thu.nt@binhduong"))
        account.disabled_at = DEMO_NOW
    secure_store.drop_access_token("legacy-binhduong", "thu.nt@binhduong")
    with pytest.raises(NeedsSignIn) as needs:
        service.access_token(added.account_id)
    assert needs.value.reason == "account_disabled"


def test_removing_an_account_with_pending_actions_is_refused(profile_cache, secure_store, central, two_sources):
    service = AccountService(profile_cache, secure_store, central.clock)
    added = service.add_account(two_sources[0], "thu.tdm", PASSWORD_A)
    with profile_cache.sessions.begin() as session:
        session.add(OutboxEntry(mutation_id="3f1c7e9a-1111-4222-8333-944455556666", account_id=added.account_id,
                                item_kind="dossier", item_id=1, action="accept", base_version=1, payload={},
                                created_at=DEMO_NOW))  # fmt: skip
    with pytest.raises(PendingActions) as refused:
        service.remove(added.account_id)
    assert refused.value.count == 1
    assert secure_store.secret("unified", "thu.tdm") is not None


def test_without_a_keyring_the_secret_lives_for_the_session_only(profile_cache, central, two_sources) -> None:
    store = CredentialStore(fail.Keyring())
    assert store.last_state is KeyringState.UNAVAILABLE
    service = AccountService(profile_cache, store, central.clock)
    added = service.add_account(two_sources[0], "thu.tdm", PASSWORD_A)
    assert added.secret.storage is SecretStorage.SESSION
    refresh = store.secret("unified", "thu.tdm")
    assert refresh
    store.drop_access_token("unified", "thu.tdm")
    assert service.access_token(added.account_id)  # renewed from the session secret
    profile_cache.engine.dispose()
    for path in profile_cache.profile.root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert PASSWORD_A.encode() not in data and store.secret("unified", "thu.tdm").encode() not in data
    assert CredentialStore(fail.Keyring()).secret("unified", "thu.tdm") is None  # gone with the session


class _RefreshMeeting(CentralClient):
    """A client whose refresh waits (up to a second) for a second refresh to arrive: two threads that
    both reach the network with the same refresh token are made to send it at once."""

    def __init__(self, base_url: str, arrived: threading.Barrier) -> None:
        super().__init__(base_url)
        self.arrived = arrived

    def refresh(self, refresh_token: str, renewal_key: str | None = None) -> SignedIn:
        with contextlib.suppress(threading.BrokenBarrierError):  # alone: the other waits for this renewal
            self.arrived.wait()
        return super().refresh(refresh_token, renewal_key)


def test_two_threads_renewing_at_once_spend_the_refresh_token_once(profile_cache, central, two_sources) -> None:
    """A sync and a download both find the access token gone: the service takes a refresh token's
    second use as theft and ends the sign-in, so the desk must renew once and share the result."""
    store = CredentialStore(fail.Keyring())
    arrived = threading.Barrier(2, timeout=1)
    service = AccountService(profile_cache, store, central.clock, lambda url: _RefreshMeeting(url, arrived))
    added = service.add_account(two_sources[0], "thu.tdm", PASSWORD_A)
    stale = store.access_token("unified", "thu.tdm")
    renewed: dict[int, str | Exception] = {}

    def renew(number: int) -> None:
        try:
            renewed[number] = service.renew_access_token(added.account_id, stale=stale)
        except NeedsSignIn as error:
            renewed[number] = error

    threads = [threading.Thread(target=renew, args=(number,)) for number in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert renewed[1] == renewed[2] != stale, renewed  # one renewal, used by both
    client = CentralClient(central.url)
    assert client.me(str(renewed[1]))["login"] == "thu.tdm"  # the sign-in lives on
    assert client.refresh(store.secret("unified", "thu.tdm")).access_token  # and so does its refresh token


def test_a_refresh_token_used_elsewhere_asks_for_a_new_sign_in(profile_cache, central, two_sources) -> None:
    """A copy of the desk's refresh token was spent somewhere else: the desk's own renewal is the reuse,
    the service ends the sign-in, and the desk asks the user to sign in again (no endless retries)."""
    store = CredentialStore(fail.Keyring())
    service = AccountService(profile_cache, store, central.clock)
    added = service.add_account(two_sources[0], "thu.tdm", PASSWORD_A)
    CentralClient(central.url).refresh(store.secret("unified", "thu.tdm"))  # the copy, used first
    with pytest.raises(NeedsSignIn) as needs:
        service.renew_access_token(added.account_id, stale=store.access_token("unified", "thu.tdm"))
    assert needs.value.reason == "refresh_token_reused"
    assert store.access_token("unified", "thu.tdm") is None


def local_account(cache, account_id: int) -> Account:
    with cache.sessions() as session:
        return session.get_one(Account, account_id)


def set_service_role(central: Central, login: str, role: str) -> None:
    with central.service.sessions.begin() as session:
        session.scalars(select(CentralAccount).where(CentralAccount.login == login)).one().role = role


def test_the_service_role_is_kept_at_sign_in_and_every_renewal(
    profile_cache, secure_store: CredentialStore, central: Central, two_sources
) -> None:
    """Its role on the service (apart from ``role``: which system), so the desk offers a 1022 answer's
    approval only to a leader; an account cached before it was kept (NULL) learns it at its next renewal."""
    with central.service.sessions.begin() as session:
        add_account(session, "hung.tdm", "Lanh-dao-2026!", WARD_A, "Nguyễn Văn Hùng", DEMO_NOW, "leader")
    service = AccountService(profile_cache, secure_store, central.clock)
    official = service.add_account(two_sources[0], "thu.tdm", PASSWORD_A)
    leader = service.add_account(two_sources[0], "hung.tdm", "Lanh-dao-2026!")
    assert local_account(profile_cache, official.account_id).service_role == "official"
    assert (local_account(profile_cache, leader.account_id).role,
            local_account(profile_cache, leader.account_id).service_role) == ("new", "leader")  # fmt: skip

    set_service_role(central, "thu.tdm", "leader")  # Thu made vice-chairwoman
    with profile_cache.sessions.begin() as session:
        session.get_one(Account, leader.account_id).service_role = None  # as a cache from before 0020 has it
    service.renew_access_token(official.account_id, stale=service.access_token(official.account_id))
    service.renew_access_token(leader.account_id, stale=service.access_token(leader.account_id))
    assert local_account(profile_cache, official.account_id).service_role == "leader"
    assert local_account(profile_cache, leader.account_id).service_role == "leader"

    set_service_role(central, "thu.tdm", "official")
    service.change_password(official.account_id, PASSWORD_A, "Mật-khẩu-mới-2026!")
    assert local_account(profile_cache, official.account_id).service_role == "official"
    set_service_role(central, "thu.tdm", "leader")
    service.sign_in_again(official.account_id, "Mật-khẩu-mới-2026!")
    assert local_account(profile_cache, official.account_id).service_role == "leader"
