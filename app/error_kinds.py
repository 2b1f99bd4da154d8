"""What kind of failure an exception is, as the user must hear it: the one place that knows the
exception types of the network, the keyring, the cache and the file system, so the window
(``ui.translation.user_text``) never needs to import them to say what happened."""

from __future__ import annotations

import sqlite3
from enum import Enum

from sqlalchemy.exc import DBAPIError

from app.accounts import NeedsSignIn, PendingActions
from app.central_client import (
    CentralCaMissing,
    CentralNotEncrypted,
    CentralRejected,
    CentralThrottled,
    CentralTransient,
    CentralUnreachable,
    CentralUntrusted,
)
from app.domain.errors import BilingualError, DomainError
from local_db.database import is_damage


class ErrorKind(Enum):
    DOMAIN = "domain"  # a rule refused: DomainError, translated by the UI
    BILINGUAL = "bilingual"  # the message came in both languages (server, scenario file)
    CA_MISSING = "ca_missing"  # the certificate authority file set in Settings is not there
    NOT_ENCRYPTED = "not_encrypted"  # plain http to a host the organisation does not allow
    UNTRUSTED = "untrusted"  # the server's certificate is not trusted
    UNREACHABLE = "unreachable"  # no network, server off, link dropped
    TOO_MANY_SIGN_INS = "too_many_sign_ins"  # 429 to a sign-in: wrong passwords; retry after a wait
    SERVER_BUSY = "server_busy"  # 5xx, 429, 503: nothing was decided
    NEEDS_SIGN_IN = "needs_sign_in"
    PENDING_ACTIONS = "pending_actions"
    CACHE_BUSY = "cache_busy"  # SQLite locked/busy behind another writer
    CACHE_DAMAGED = "cache_damaged"  # the cache file is damaged: rebuilt at the next start
    DISK_FULL = "disk_full"
    FILE = "file"  # a file could not be read or written
    UNEXPECTED = "unexpected"  # a bug: logged whole, shown as such


def kind_of(error: BaseException) -> ErrorKind:
    """The first matching kind; subclasses are tested before their bases (untrusted before unreachable)."""
    for types, kind in _KINDS:
        if isinstance(error, types):
            return kind
    if is_damage(error):
        return ErrorKind.CACHE_DAMAGED
    if isinstance(error, sqlite3.OperationalError | DBAPIError):
        return _database_kind(str(error).lower())
    if isinstance(error, OSError):
        return ErrorKind.DISK_FULL if error.errno == 28 else ErrorKind.FILE  # ENOSPC
    return ErrorKind.UNEXPECTED


_KINDS: tuple[tuple[type[BaseException] | tuple[type[BaseException], ...], ErrorKind], ...] = (
    (DomainError, ErrorKind.DOMAIN),
    ((BilingualError, CentralRejected), ErrorKind.BILINGUAL),
    (CentralCaMissing, ErrorKind.CA_MISSING),
    (CentralNotEncrypted, ErrorKind.NOT_ENCRYPTED),
    (CentralUntrusted, ErrorKind.UNTRUSTED),
    (CentralUnreachable, ErrorKind.UNREACHABLE),
    (CentralThrottled, ErrorKind.TOO_MANY_SIGN_INS),
    (CentralTransient, ErrorKind.SERVER_BUSY),
    (NeedsSignIn, ErrorKind.NEEDS_SIGN_IN),
    (PendingActions, ErrorKind.PENDING_ACTIONS),
)


def _database_kind(text: str) -> ErrorKind:
    if "locked" in text or "busy" in text:
        return ErrorKind.CACHE_BUSY
    if "disk is full" in text or "database or disk is full" in text:
        return ErrorKind.DISK_FULL
    return ErrorKind.UNEXPECTED
