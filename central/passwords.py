"""Password hashing with scrypt (standard library); the hash string carries its own parameters, so a
hash made at an older cost still verifies, and is made again at the service's cost at its account's
next sign-in (``needs_rehash``).

The cost is a setting of the service (``CentralService.password_cost``), strong by default. Tests
lower it explicitly in their fixtures, and the demo and training sandboxes use a light one: their
passwords are random 128-bit tokens held in memory, which no cost makes easier or harder to guess.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
from dataclasses import dataclass
from functools import cache

from sqlalchemy.orm import Session

_PREFIX = "scrypt"
COST_KEY = "password_cost"  # the service's cost, on its write sessions (``cost_of``)


@dataclass(frozen=True)
class HashCost:
    n: int
    r: int = 8
    p: int = 1

    @property
    def memory(self) -> int:
        """The bytes scrypt needs (OpenSSL's own count); ``maxmem`` must allow them."""
        return 128 * self.r * (self.n + self.p + 2)


# OWASP's Password Storage Cheat Sheet: N=2^17, r=8, p=1 (128 MiB, ~0.4 s on the reference machine).
STRONG = HashCost(2**17)
# A stored hash asking for more (1 GiB and up) was not written by this service: refused, never computed.
_MAX_MEMORY = HashCost(2**20).memory
# Each hash holds its memory while it runs: the 40 threads of the server's pool at once would take
# 5 GiB, so a few run at a time and the others wait their turn.
_AT_ONCE = threading.BoundedSemaphore(4)


def cost_of(session: Session) -> HashCost:
    """The cost of the service whose session this is (strong for a session of no service)."""
    return session.info.get(COST_KEY, STRONG)


def hash_password(password: str, cost: HashCost = STRONG) -> str:
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, cost, 32)
    encoded = [base64.b64encode(part).decode("ascii") for part in (salt, digest)]
    return f"{_PREFIX}${cost.n}${cost.r}${cost.p}${encoded[0]}${encoded[1]}"


def verify_password(password: str, stored: str) -> bool:
    try:
        cost, salt, expected = _parsed(stored)
        actual = _scrypt(password, salt, cost, len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def needs_rehash(stored: str, cost: HashCost) -> bool:
    """Whether ``stored`` was made at another cost than ``cost`` (or is not a hash of ours at all)."""
    try:
        return _parsed(stored)[0] != cost
    except (ValueError, TypeError):
        return True


@cache
def unknown_login_hash(cost: HashCost) -> str:
    """A hash to verify for a login that does not exist, so timing does not tell which logins do."""
    return hash_password(secrets.token_urlsafe(16), cost)


def _parsed(stored: str) -> tuple[HashCost, bytes, bytes]:
    prefix, n, r, p, salt, digest = stored.split("$")
    if prefix != _PREFIX:
        raise ValueError("not a scrypt hash")
    cost = HashCost(int(n), int(r), int(p))
    if cost.memory > _MAX_MEMORY:
        raise ValueError("scrypt parameters beyond what this service writes")
    return cost, base64.b64decode(salt), base64.b64decode(digest)


def _scrypt(password: str, salt: bytes, cost: HashCost, length: int) -> bytes:
    with _AT_ONCE:
        return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=cost.n, r=cost.r, p=cost.p, dklen=length,
                              maxmem=cost.memory + 1024 * 1024)  # fmt: skip
