"""Logins and tokens: short-lived access tokens and rotating refresh tokens, stored only as hashes.

Every token belongs to a *family*: the tokens one sign-in and its renewals issued. A refresh token
works once; presenting it again means two parties hold it, so the whole family is revoked and both
must sign in again (OAuth 2.0 Security Best Current Practice, refresh token rotation).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from central import sign_in_throttle as throttle
from central.models import Account, Token
from central.password_policy import check_new_password
from central.passwords import HashCost, hash_password, needs_rehash, unknown_login_hash, verify_password

ACCESS_LIFETIME = timedelta(minutes=15)
REFRESH_LIFETIME = timedelta(days=30)


class AuthError(Exception):
    def __init__(self, code: str, status: int = 401) -> None:
        self.code = code
        self.status = status
        super().__init__(code)


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def _issue(session: Session, account: Account, now: datetime, family: str | None = None) -> TokenPair:
    """A new pair: of ``family`` when renewing, else of a new family (a sign-in)."""
    access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    family = family or secrets.token_hex(16)
    for kind, token, lifetime in (("access", access, ACCESS_LIFETIME), ("refresh", refresh, REFRESH_LIFETIME)):
        session.add(Token(account_id=account.id, kind=kind, token_hash=_digest(token), expires_at=now + lifetime,
                          family=family))  # fmt: skip
    return TokenPair(access, refresh, int(ACCESS_LIFETIME.total_seconds()))


def _usable(account: Account, now: datetime) -> None:
    if account.disabled_at is not None and account.disabled_at <= now:
        raise AuthError("account_disabled", 403)


@dataclass(frozen=True)
class SignInAttempt:
    login: str
    password: str
    address: str  # the client's, as the server saw it (behind a trusted proxy, the one it names)


def sign_in(
    reads: sessionmaker[Session], writes: sessionmaker[Session], attempt: SignInAttempt, now: datetime, cost: HashCost
) -> tuple[TokenPair, Account]:
    """The password is checked (and an old-cost hash made again) outside any write transaction: at
    the strong cost a hash takes ~0.4 s, which other writers must not wait for. A login or address
    that sent too many wrong passwords gets a 429 first (central.sign_in_throttle)."""
    with reads() as db:
        throttle.check(db, attempt.login, attempt.address, now)
        account = db.scalar(select(Account).where(Account.login == attempt.login))
    # Hash even for an unknown login, at the same cost, so timing does not tell which logins exist.
    stored = account.password_hash if account else unknown_login_hash(cost)
    if not verify_password(attempt.password, stored) or account is None:
        with writes.begin() as db:
            throttle.count_failure(db, attempt.login, attempt.address, now)
        raise AuthError("bad_credentials")
    rehashed = hash_password(attempt.password, cost) if needs_rehash(stored, cost) else None
    with writes.begin() as db:
        account = db.get_one(Account, account.id)
        _usable(account, now)
        if rehashed is not None and account.password_hash == stored:  # unless it was changed meanwhile
            account.password_hash = rehashed
        throttle.count_success(db, attempt.login, attempt.address, now)
        return _issue(db, account, now), account


def _token(session: Session, token: str, kind: str, now: datetime) -> Token:
    query = select(Token).where(Token.token_hash == _digest(token), Token.kind == kind)
    # a refresh token's row is locked: of two refreshes with it at once, the second sees it rotated
    found = session.scalar(query.with_for_update() if kind == "refresh" else query)
    if found is None or found.revoked_at is not None:
        raise AuthError("invalid_token")
    if found.rotated_at is not None:
        _revoke_family(session, found, now)
        raise AuthError("refresh_token_reused")  # the caller commits before answering, or the revocation is lost
    if found.expires_at <= now:
        raise AuthError("token_expired")
    return found


def refresh(session: Session, refresh_token: str, now: datetime) -> TokenPair:
    """Rotate: the presented refresh token works this once, and its family goes on in the new pair."""
    old = _token(session, refresh_token, "refresh", now)
    account = session.get_one(Account, old.account_id)
    _usable(account, now)
    old.rotated_at = now
    old.family = old.family or secrets.token_hex(16)  # a token issued before families: one starts here
    return _issue(session, account, now, old.family)


def _revoke_family(session: Session, token: Token, now: datetime) -> None:
    """Every token of the reused token's family (a token from before families has only itself)."""
    family = Token.family == token.family if token.family is not None else Token.id == token.id
    session.execute(update(Token).where(family, Token.revoked_at.is_(None)).values(revoked_at=now))


def revoke(session: Session, account: Account, tokens: list[str], now: datetime) -> None:
    """Sign out: the given tokens of this account stop working (others' tokens are untouched)."""
    hashes = [_digest(token) for token in tokens]
    session.execute(
        update(Token)
        .where(Token.account_id == account.id, Token.token_hash.in_(hashes), Token.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def change_password(
    reads: sessionmaker[Session],
    writes: sessionmaker[Session],
    account: Account,
    attempt: SignInAttempt,
    new: str,
    now: datetime,
    cost: HashCost,
) -> TokenPair:
    """Every earlier token of the account stops working; the caller gets a fresh pair. A wrong
    current password (``attempt``) counts as a wrong sign-in; ``new`` must pass central.password_policy."""
    current, address = attempt.password, attempt.address
    with reads() as db:
        throttle.check(db, account.login, address, now)
    if not verify_password(current, account.password_hash):
        with writes.begin() as db:
            throttle.count_failure(db, account.login, address, now)
        raise AuthError("bad_credentials")
    check_new_password(new, account.login, current)
    new_hash = hash_password(new, cost)  # before the transaction, as at sign-in
    with writes.begin() as db:
        row = db.get_one(Account, account.id)
        if row.password_hash != account.password_hash:  # changed by another request meanwhile
            raise AuthError("bad_credentials")
        row.password_hash = new_hash
        db.execute(update(Token).where(Token.account_id == row.id, Token.revoked_at.is_(None)).values(revoked_at=now))
        return _issue(db, row, now)


def account_for_access_token(session: Session, access_token: str, now: datetime) -> Account:
    token = _token(session, access_token, "access", now)
    account = session.get_one(Account, token.account_id)
    _usable(account, now)
    return account
