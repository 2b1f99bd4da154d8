"""Accounts of a profile: adding, signing in again, changing the password, signing out, removing.

Non-secret metadata lives in the cache (local_db.models.Account); the refresh token goes to the
CredentialStore; nothing is saved until the server has accepted the login. Call from a worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.central_client import CentralClient, CentralRejected, CentralTransient, CentralUnreachable, SignedIn
from app.credentials import CredentialStore, SecretLocation
from app.domain.statuses import AccountStatus, OutboxStatus
from app.local_cache import LocalCache
from app.server_address import checked_server_address
from kernel.clock import Clock
from local_db.models import Account, AuditLog, OutboxEntry, Source, SyncCheckpoint

log = logging.getLogger(__name__)


class NeedsSignIn(Exception):
    """No usable secret for the account (signed out, session-only secret lost, or token refused)."""

    def __init__(self, account_id: int, reason: str) -> None:
        self.account_id = account_id
        self.reason = reason
        super().__init__(f"account {account_id}: {reason}")


class PendingActions(Exception):
    """The account still has actions waiting for the server; removing it would lose them."""

    def __init__(self, count: int) -> None:
        self.count = count
        super().__init__(f"{count} actions are still waiting to sync")


@dataclass(frozen=True)
class SourceInfo:
    code: str
    name: str
    kind: str  # "unified" or "legacy"
    base_url: str


@dataclass(frozen=True)
class AccountResult:
    account_id: int
    secret: SecretLocation


class AccountService:
    def __init__(
        self,
        cache: LocalCache,
        credentials: CredentialStore,
        clock: Clock,
        client_for: Callable[[str], CentralClient] = CentralClient,
        plain_http_hosts: Callable[[], Collection[str]] = lambda: (),
    ) -> None:
        """``plain_http_hosts``: the hosts the organisation allows plain http:// to, as Settings say now."""
        self.cache = cache
        self.credentials = credentials
        self.clock = clock
        self._client_for = client_for
        self._plain_http_hosts = plain_http_hosts

    # -- flows -------------------------------------------------------------------------------

    def add_account(self, source: SourceInfo, login: str, password: str) -> AccountResult:
        """Test the login against the server first; only then save anything. The address is checked
        before that (https, or http on this computer or a host the organisation allows): no password
        goes out over plain http otherwise."""
        source = replace(source, base_url=checked_server_address(source.base_url, self._plain_http_hosts()))
        signed_in = self._client_for(source.base_url).sign_in(login, password)
        with self.cache.sessions.begin() as session:
            source_id = _ensure_source(session, source)
            account = session.scalar(select(Account).where(Account.source_id == source_id, Account.login == login))
            if account is None:
                account = Account(source_id=source_id, login=login, created_at=self.clock.now())
                session.add(account)
            _apply_server_info(account, signed_in.account, source.kind)
            session.flush()
            self._audit(session, login, "account_added", account.id)
            account_id = account.id
        return AccountResult(account_id, self._keep(source.code, login, signed_in))

    def sign_in_again(self, account_id: int, password: str) -> AccountResult:
        source, account = self._load(account_id)
        signed_in = self._client_for(source.base_url).sign_in(account.login, password)
        with self.cache.sessions.begin() as session:
            stored = session.get_one(Account, account_id)
            _apply_server_info(stored, signed_in.account, source.kind)
            self._audit(session, account.login, "signed_in", account_id)
        return AccountResult(account_id, self._keep(source.code, account.login, signed_in))

    def change_password(self, account_id: int, current: str, new: str) -> AccountResult:
        source, account = self._load(account_id)
        token = self.access_token(account_id)
        signed_in = self._client_for(source.base_url).change_password(token, current, new)
        with self.cache.sessions.begin() as session:
            self._audit(session, account.login, "password_changed", account_id)
        self._note_service_role(account, signed_in.account)
        return AccountResult(account_id, self._keep(source.code, account.login, signed_in))

    def set_parallel_until(self, account_id: int, last_day: date | None) -> None:
        """The user sets (or clears) the last day of an old account's parallel period."""
        with self.cache.sessions.begin() as session:
            account = session.get_one(Account, account_id)
            account.parallel_until = last_day
            self._audit(session, account.login, "parallel_until_set", account_id)

    def sign_out(self, account_id: int) -> None:
        """Revoke the tokens on the server when it can be reached, and forget the secret here."""
        source, account = self._load(account_id)
        refresh = self.credentials.secret(source.code, account.login)
        access = self.credentials.access_token(source.code, account.login)
        if access is not None:
            try:
                self._client_for(source.base_url).revoke(access, refresh)
            except (CentralUnreachable, CentralTransient, CentralRejected) as error:
                log.info("sign-out of account %s not confirmed by the server: %s", account_id, type(error).__name__)
        self.credentials.forget(source.code, account.login)
        with self.cache.sessions.begin() as session:
            session.get_one(Account, account_id).status = AccountStatus.SIGNED_OUT
            self._audit(session, account.login, AccountStatus.SIGNED_OUT, account_id)

    def remove(self, account_id: int) -> None:
        """Sign out and remove the account; refused while it has actions waiting for the server."""
        pending = self.pending_count(account_id)
        if pending:
            raise PendingActions(pending)
        self.sign_out(account_id)
        with self.cache.sessions.begin() as session:
            login = session.get_one(Account, account_id).login
            session.execute(delete(SyncCheckpoint).where(SyncCheckpoint.account_id == account_id))
            session.execute(delete(OutboxEntry).where(OutboxEntry.account_id == account_id))
            session.execute(delete(Account).where(Account.id == account_id))
            self._audit(session, login, "account_removed", account_id)

    # -- tokens --------------------------------------------------------------------------------

    def access_token(self, account_id: int) -> str:
        """The in-memory access token, or a fresh one from the stored refresh token."""
        source, account = self._load(account_id)
        token = self.credentials.access_token(source.code, account.login)
        return token if token is not None else self.renew_access_token(account_id)

    def renew_access_token(self, account_id: int, stale: str | None = None) -> str:
        """A fresh access token in place of ``stale`` (the one the server refused, or None: none held).

        One renewal at a time per account: a refresh token works once, and the service takes a second
        use as theft and ends the sign-in everywhere. A thread that waited here finds the token the
        first one got, and uses it instead of refreshing again."""
        source, account = self._load(account_id)
        with self.credentials.renewal_lock(source.code, account.login):
            current = self.credentials.access_token(source.code, account.login)
            if current is not None and current != stale:
                return current  # renewed meanwhile by another thread
            refresh = self.credentials.secret(source.code, account.login)
            if refresh is None:
                raise NeedsSignIn(account_id, "no_secret")
            # a retry after a lost answer sends the same key: the service then knows it is not a stolen copy
            renewal_key = self.credentials.renewal_key(source.code, account.login, refresh)
            try:
                signed_in = self._client_for(source.base_url).refresh(refresh, renewal_key)
            except CentralRejected as error:
                self.credentials.drop_access_token(source.code, account.login)
                raise NeedsSignIn(account_id, error.code) from None
            self._keep(source.code, account.login, signed_in)
        self._note_service_role(account, signed_in.account)
        return signed_in.access_token

    def pending_count(self, account_id: int) -> int:
        with self.cache.sessions() as session:
            query = select(func.count()).where(
                OutboxEntry.account_id == account_id, OutboxEntry.status == OutboxStatus.PENDING
            )
            return session.scalar(query) or 0

    # -- helpers -------------------------------------------------------------------------------

    def _keep(self, source_code: str, login: str, signed_in: SignedIn) -> SecretLocation:
        self.credentials.set_access_token(source_code, login, signed_in.access_token)
        return self.credentials.save_secret(source_code, login, signed_in.refresh_token)

    def _note_service_role(self, account: Account, info: dict[str, Any]) -> None:
        """The role a token renewal's (or a password change's) answer gives ``account`` (as loaded before the
        call), kept when it changed: a write only then, as renewals come every few minutes. Sign-ins:
        ``_apply_server_info``."""
        role = service_role(info)
        if account.service_role == role:
            return
        with self.cache.sessions.begin() as session:
            session.get_one(Account, account.id).service_role = role

    def _load(self, account_id: int) -> tuple[SourceInfo, Account]:
        with self.cache.sessions() as session:
            account = session.get_one(Account, account_id)
            source = session.get_one(Source, account.source_id)
            return SourceInfo(source.code, source.name, source.kind, source.base_url or ""), account

    def _audit(self, session: Session, actor: str, action: str, account_id: int) -> None:
        session.add(AuditLog(at=self.clock.now(), actor=actor, action=action, item_kind="account", item_id=account_id))


def _ensure_source(session: Session, source: SourceInfo) -> int:
    stored = session.scalar(select(Source).where(Source.code == source.code))
    if stored is None:
        stored = Source(code=source.code, name=source.name, kind=source.kind)
        session.add(stored)
    stored.base_url = source.base_url
    session.flush()
    return stored.id


def _apply_server_info(account: Account, info: dict[str, Any], source_kind: str) -> None:
    account.display_name = str(info.get("display_name") or account.login)[:200]
    account.unit_code = str(info.get("unit_code") or "")[:35]
    account.role = "new" if source_kind == "unified" else "old"
    account.service_role = service_role(info)
    until = info.get("parallel_until")
    account.parallel_until = date.fromisoformat(until) if isinstance(until, str) else account.parallel_until
    account.status = AccountStatus.ACTIVE


def service_role(info: dict[str, Any]) -> str | None:
    """The account's role on its service from a sign-in answer's account info ("official", "leader" …);
    None when the answer does not say (the desk then lets the service decide: app.domain.feedback_approval)."""
    role = info.get("role")
    return role[:20] if isinstance(role, str) and role else None
