"""An official's USB token, through its vendor's PKCS#11 module (a DLL on Windows, a .so elsewhere).

The PIN is asked for each signing session, given to the token and forgotten: it is never stored,
logged or kept on an object that outlives the session. Every failure a person can meet (no token,
wrong PIN, locked token, a module that will not load) is a ``DomainError`` with its own code.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pkcs11
from asn1crypto import x509
from pkcs11 import Attribute, ObjectClass
from pkcs11 import exceptions as p11

from app.domain.errors import DomainError, tr_noop

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TokenInfo:
    label: str
    manufacturer: str
    serial: str


@dataclass
class TokenSession:
    """An open, logged-in session and the signing certificate found on it."""

    session: pkcs11.Session
    certificate: x509.Certificate
    key_id: bytes
    token: TokenInfo


# Where token vendors' modules usually are, for the self-check when Settings name none: OpenSC, SafeNet
# eToken (the tokens of several Vietnamese CAs), SoftHSM2. A vendor's own DLL is chosen in Settings.
KNOWN_MODULES = (
    r"C:\Windows\System32\eTPKCS11.dll",
    r"C:\Windows\System32\opensc-pkcs11.dll",
    "/usr/lib/libeTPkcs11.so",
    "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
    "/opt/homebrew/lib/softhsm/libsofthsm2.so",
)


def find_module(configured: str = "") -> str | None:
    """The module Settings name, else the first known one on this computer."""
    if configured:
        return configured
    return next((place for place in KNOWN_MODULES if Path(place).is_file()), None)


def _library(module_path: str) -> pkcs11.lib:
    if not module_path or not Path(module_path).is_file():
        raise DomainError(
            "token.module_missing",
            tr_noop("The token's signing module was not found: {path}. Choose it in Settings."),
            path=module_path or "—",
        )
    try:
        return pkcs11.lib(module_path)
    except (RuntimeError, OSError, p11.PKCS11Error) as error:
        log.warning("PKCS#11 module %s did not load: %s", module_path, error)
        raise DomainError(
            "token.module_unusable",
            tr_noop(
                "The signing module {path} could not be loaded. Is it the token vendor's module for this computer?"
            ),
            path=module_path,
        ) from error


def list_tokens(module_path: str) -> list[TokenInfo]:
    """The tokens plugged in (for Settings and the self-check)."""
    library = _library(module_path)
    return [_info(slot.get_token()) for slot in library.get_slots(token_present=True)]


def _info(token: pkcs11.Token) -> TokenInfo:
    return TokenInfo(
        token.label.strip(), token.manufacturer_id.strip(), token.serial.decode("ascii", "replace").strip()
    )


@contextmanager
def open_token(module_path: str, pin: str, token_label: str | None = None) -> Iterator[TokenSession]:
    """Log in to the token (the first one, or the one labelled ``token_label``) for one signing session."""
    library = _library(module_path)
    slots = library.get_slots(token_present=True)
    tokens = [slot.get_token() for slot in slots]
    if token_label:
        tokens = [token for token in tokens if token.label.strip() == token_label]
    if not tokens:
        raise DomainError("token.absent", tr_noop("No signing token is plugged in."))
    token = tokens[0]
    session = _log_in(token, pin)
    try:
        certificate, key_id = _signing_certificate(session)
        yield TokenSession(session, certificate, key_id, _info(token))
    finally:
        session.close()


def _log_in(token: pkcs11.Token, pin: str) -> pkcs11.Session:
    try:
        return token.open(user_pin=pin)
    except (p11.PinIncorrect, p11.PinInvalid, p11.PinLenRange):
        raise DomainError("token.pin_incorrect", tr_noop("The PIN is not correct.")) from None
    except p11.PinLocked:
        raise DomainError(
            "token.pin_locked", tr_noop("The token is locked after too many wrong PINs. Ask the certificate issuer.")
        ) from None
    except p11.PinExpired:
        raise DomainError(
            "token.pin_expired", tr_noop("The token's PIN has expired: change it with the vendor's tool.")
        ) from None
    except p11.PKCS11Error as error:
        log.warning("token login failed: %s", type(error).__name__)
        raise DomainError(
            "token.unusable", tr_noop("The token did not answer. Unplug it, plug it in again and retry.")
        ) from None


def _signing_certificate(session: pkcs11.Session) -> tuple[x509.Certificate, bytes]:
    """The certificate whose private key is on the token; the one for signing when there are several."""
    key_ids = {key[Attribute.ID] for key in session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})}
    candidates = []
    for item in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
        if item[Attribute.ID] not in key_ids:
            continue
        certificate = x509.Certificate.load(item[Attribute.VALUE])
        candidates.append((certificate, item[Attribute.ID]))
    if not candidates:
        raise DomainError("token.no_certificate", tr_noop("The token holds no certificate with its key."))
    candidates.sort(
        key=lambda pair: "non_repudiation" not in (pair[0].key_usage_value.native if pair[0].key_usage_value else set())
    )
    return candidates[0]
