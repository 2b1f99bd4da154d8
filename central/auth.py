"""Logins and tokens: short-lived access tokens and rotating refresh tokens, stored only as hashes.

Every token belongs to a *family*: the tokens one sign-in and its renewals issued. A refresh token
works once; presenting it again means two parties hold it, so the whole family is revoked and both
must sign in again (OAuth 2.0 Security Best Current Practice, refresh token rotation).

One exception keeps a lost answer from ending a sign-in: a client sends a random *renewal key* with
each renewal and the same key when it retries that renewal. The spent token presented again with its
key, soon after its rotation, while the pair that rotation issued is still unused, is that retry: the
unreceived pair is revoked and a new one issued, so one live pair at most. Any other reuse is theft.
The key lives only in the client's memory, so a refresh token copied from its keyring has no key.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session, sessionmaker

from central import sign_in_throttle as throttle
from central.models import Account, Token
from central.password_policy import check_new_password
from central.passwords import HashCost, hash_password, needs_rehash, unknown_login_hash, verify_password

ACCESS_LIFETIME = timedelta(minutes=15)
REFRESH_LIFETIME = timedelta(days=30)
# How long after a rotation its client may retry it (the desk's retries come 5, 10, 20, 40, 80 s apart).
RENEWAL_RETRY_WINDOW = timedelta(minutes=5)


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


def _issue(session: Session, account: Account, now: datetime, spent: Token | None = None) -> TokenPair:
    """A new pair: in the family of the ``spent`` refresh token when renewing, else of a new family (a sign-in)."""
    access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    family = spent.family if spent is not None and spent.family else secrets.token_hex(16)
    issued_by = spent.id if spent is not None else None
    for kind, token, lifetime in (("access", access, ACCESS_LIFETIME), ("refresh", refresh, REFRESH_LIFETIME)):
        session.add(Token(account_id=account.id, kind=kind, token_hash=_digest(token), expires_at=now + lifetime,
                          family=family, issued_by=issued_by))  # fmt: skip
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


def _unrevoked(session: Session, token: str, kind: str) -> Token:
    query = select(Token).where(Token.token_hash == _digest(token), Token.kind == kind)
    # a refresh token's row is locked: of two refreshes with it at once, the second sees it rotated
    found = session.scalar(query.with_for_update() if kind == "refresh" else query)
    if found is None or found.revoked_at is not None:
        raise AuthError("invalid_token")
    return found


def _token(session: Session, token: str, kind: str, now: datetime) -> Token:
    found = _unrevoked(session, token, kind)
    if found.expires_at <= now:
        raise AuthError("token_expired")
    return found


def refresh(session: Session, refresh_token: str, now: datetime, renewal_key: str | None = None) -> TokenPair:
    """Rotate: the presented refresh token works this once, and its family goes on in the new pair.
    Presented again, it is a retry of a lost answer when ``renewal_key`` allows (``_is_retry``), else theft."""
    old = _unrevoked(session, refresh_token, "refresh")
    if old.rotated_at is not None:
        return _retry(session, old, renewal_key, now)
    if old.expires_at <= now:
        raise AuthError("token_expired")
    account = session.get_one(Account, old.account_id)
    _usable(account, now)
    old.rotated_at = now
    old.renewal_key_hash = _digest(renewal_key) if renewal_key is not None else None
    old.family = old.family or secrets.token_hex(16)  # a token issued before families: one starts here
    return _issue(session, account, now, old)


def _retry(session: Session, spent: Token, renewal_key: str | None, now: datetime) -> TokenPair:
    """The pair the first attempt issued was never received: it stops working, and a new one replaces it."""
    if not _is_retry(session, spent, renewal_key, now):
        _revoke_family(session, spent, now)
        raise AuthError("refresh_token_reused")  # the caller commits before answering, or the revocation is lost
    account = session.get_one(Account, spent.account_id)
    _usable(account, now)
    session.execute(update(Token).where(*_issued_by(spent), Token.revoked_at.is_(None)).values(revoked_at=now))
    return _issue(session, account, now, spent)


def _is_retry(session: Session, spent: Token, renewal_key: str | None, now: datetime) -> bool:
    """The same key as at the rotation, within the window, and the newest refresh token the rotation
    (or an earlier retry) issued neither renewed nor revoked: its answer never reached the client."""
    if renewal_key is None or spent.renewal_key_hash is None or spent.rotated_at is None:
        return False
    if now - spent.rotated_at > RENEWAL_RETRY_WINDOW:
        return False
    if not hmac.compare_digest(_digest(renewal_key), spent.renewal_key_hash):
        return False
    # locked: a renewal with that newest token, racing this retry, is then seen as done (and this is theft)
    newest = session.scalar(
        select(Token).where(*_issued_by(spent), Token.kind == "refresh").order_by(Token.id.desc()).limit(1)
        .with_for_update()
    )  # fmt: skip
    return newest is not None and newest.rotated_at is None and newest.revoked_at is None


def _issued_by(spent: Token) -> tuple[ColumnElement[bool], ...]:
    """The tokens the rotations of ``spent`` issued (looked up through the family's index)."""
    return Token.family == spent.family, Token.issued_by == spent.id


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
