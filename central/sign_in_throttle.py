"""Wrong passwords cost time: per login and per client address, the service makes the sender wait.

A login may be tried ``FREE_TRIES["login"]`` times wrongly, an address (an office behind one router
has many officials) ``FREE_TRIES["address"]`` times; each wrong try beyond that doubles the wait
from ``FIRST_WAIT`` up to ``MAX_WAIT``. While a login or address waits, a try is refused with 429
before its password is even checked, so guessing during the wait learns nothing. Counts are
forgotten ``FORGET_AFTER`` the last wrong try, and a login's count on its first right one.

Nobody can lock an official out by guessing at their login from elsewhere: the address a login last
signed in from (``KnownSignIn``) is not held back by that login's count, only by its own address's.
The counts live in the database, so every worker process of the service sees the same ones.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import case, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from central.errors import ApiError
from central.models import KnownSignIn, SignInFailure

FREE_TRIES = {"login": 5, "address": 20}
FIRST_WAIT = timedelta(seconds=1)
MAX_WAIT = timedelta(minutes=15)
FORGET_AFTER = timedelta(hours=1)
KNOWN_FOR = timedelta(days=90)  # an address unused this long is a stranger again
MAX_ADDRESS = 45  # the longest text form of an IPv6 address


def check(session: Session, login: str, address: str, now: datetime) -> None:
    """Raise a 429 ApiError while the login or the address must wait."""
    keys = [_key("address", address)]
    if not _known(session, login, address):
        keys.append(_key("login", login))
    table = SignInFailure.__table__
    waits = session.scalars(select(table.c.blocked_until).where(table.c.key.in_(keys), table.c.blocked_until > now))
    until = max(waits, default=None)
    if until is not None:
        raise too_many(until, now)


def count_failure(session: Session, login: str, address: str, now: datetime) -> None:
    for kind, value in (("login", login), ("address", address)):
        key = _key(kind, value)
        failures = _counted(session, key, now)
        if failures > FREE_TRIES[kind]:
            wait = min(FIRST_WAIT * 2 ** min(failures - FREE_TRIES[kind] - 1, 20), MAX_WAIT)
            session.execute(update(SignInFailure).where(SignInFailure.key == key).values(blocked_until=now + wait))


def count_success(session: Session, login: str, address: str, now: datetime) -> None:
    """The login's count starts again, its address is known; counts and addresses of old are dropped."""
    session.execute(delete(SignInFailure).where(SignInFailure.key == _key("login", login)))
    known = _insert(session)(KnownSignIn).values(login=login, address=address[:MAX_ADDRESS], last_success_at=now)
    session.execute(known.on_conflict_do_update(index_elements=["login", "address"], set_={"last_success_at": now}))
    session.execute(delete(KnownSignIn).where(KnownSignIn.last_success_at < now - KNOWN_FOR))
    session.execute(delete(SignInFailure).where(SignInFailure.last_failure_at < now - FORGET_AFTER))


def too_many(until: datetime, now: datetime) -> ApiError:
    seconds = max(1, math.ceil((until - now).total_seconds()))
    en_wait, vi_wait = (f"{seconds} seconds", f"{seconds} giây") if seconds < 60 else (
        f"{math.ceil(seconds / 60)} minutes", f"{math.ceil(seconds / 60)} phút")  # fmt: skip
    return ApiError(
        429, "too_many_sign_ins",
        f"Too many wrong passwords for this account or from this address. Try again in {en_wait}.",
        f"Nhập sai mật khẩu quá nhiều lần với tài khoản này hoặc từ địa chỉ này. Vui lòng thử lại sau {vi_wait}.",
        retry_after=seconds, retry_at=until.isoformat(),
    )  # fmt: skip


def _key(kind: str, value: str) -> str:
    return f"{kind}:{value[:MAX_ADDRESS] if kind == 'address' else value}"


def _known(session: Session, login: str, address: str) -> bool:
    found = select(KnownSignIn.login).where(KnownSignIn.login == login, KnownSignIn.address == address[:MAX_ADDRESS])
    return session.scalar(found) is not None


def _counted(session: Session, key: str, now: datetime) -> int:
    """One more wrong try for ``key`` (the first after a quiet ``FORGET_AFTER`` counts as the first),
    counted in one statement: two processes counting at once both count."""
    table = SignInFailure.__table__
    stale = table.c.last_failure_at < now - FORGET_AFTER
    fresh = _insert(session)(table).values(key=key, failures=1, last_failure_at=now)
    counted = fresh.on_conflict_do_update(
        index_elements=[table.c.key],
        set_={"failures": case((stale, 1), else_=table.c.failures + 1), "last_failure_at": now},
    ).returning(table.c.failures)
    return session.execute(counted).scalar_one()


def _insert(session: Session):  # type: ignore[no-untyped-def]  # the dialect's insert, which can upsert
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
