"""Any failure is one of a few kinds the user can be told about; everything else is "unexpected"."""

from __future__ import annotations

import errno
import sqlite3

import pytest
from sqlalchemy.exc import OperationalError

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
from app.error_kinds import ErrorKind, kind_of


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (DomainError("x.y", "No."), ErrorKind.DOMAIN),
        (BilingualError("x", "Không.", "No."), ErrorKind.BILINGUAL),
        (CentralRejected(401, "bad_credentials", "Sai mật khẩu.", "Wrong password."), ErrorKind.BILINGUAL),
        (CentralCaMissing("/tmp/ca.pem"), ErrorKind.CA_MISSING),  # before its base classes
        (CentralNotEncrypted("http://10.0.0.5"), ErrorKind.NOT_ENCRYPTED),
        (CentralUntrusted("certificate verify failed"), ErrorKind.UNTRUSTED),  # before its base class
        (CentralUnreachable("down"), ErrorKind.UNREACHABLE),
        (CentralThrottled(30.0), ErrorKind.TOO_MANY_SIGN_INS),  # before its base class
        (CentralTransient(503, 2.0), ErrorKind.SERVER_BUSY),
        (CentralTransient(429, 2.0), ErrorKind.SERVER_BUSY),  # a proxy's 429: only busy
        (NeedsSignIn(1, "signed_out"), ErrorKind.NEEDS_SIGN_IN),
        (PendingActions(3), ErrorKind.PENDING_ACTIONS),
        (sqlite3.OperationalError("database is locked"), ErrorKind.CACHE_BUSY),
        (OperationalError("UPDATE …", {}, sqlite3.OperationalError("database is locked")), ErrorKind.CACHE_BUSY),
        (sqlite3.OperationalError("database or disk is full"), ErrorKind.DISK_FULL),
        (OSError(errno.ENOSPC, "No space left on device"), ErrorKind.DISK_FULL),
        (FileNotFoundError(errno.ENOENT, "No such file or directory", "/tmp/ca.pem"), ErrorKind.FILE),
        (sqlite3.OperationalError("no such table: x"), ErrorKind.UNEXPECTED),
        (KeyError("surprise"), ErrorKind.UNEXPECTED),
        (RuntimeError("bug"), ErrorKind.UNEXPECTED),
    ],
)
def test_each_failure_has_its_kind(error: BaseException, kind: ErrorKind) -> None:
    assert kind_of(error) is kind


def test_a_bilingual_error_speaks_either_language_and_falls_back_to_the_other() -> None:
    both = BilingualError("c", "Tiếng Việt", "English")
    assert (both.text("vi"), both.text("en"), str(both)) == ("Tiếng Việt", "English", "English")
    only_vietnamese = CentralRejected(400, "c", message_vi="Chỉ tiếng Việt")
    assert only_vietnamese.text("en") == "Chỉ tiếng Việt" and CentralRejected(500, "http_500").text("vi") == "http_500"
