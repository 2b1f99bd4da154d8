"""The one place that holds account secrets: refresh tokens in the OS keyring, access tokens
and renewal keys in memory.

Windows Credential Manager, macOS Keychain, Secret Service or KWallet, through ``keyring``. When no
secure backend exists (a Linux box without a Secret Service) or it stays locked, a secret is kept in
this process's memory for the session only and the user is told so; it is never written to a file.
Call from a worker thread: some keyrings block for a long time waiting for an unlock prompt.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
from dataclasses import dataclass
from enum import StrEnum

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, KeyringLocked, PasswordDeleteError

log = logging.getLogger(__name__)

SERVICE_PREFIX = "WardDesk"
# Backends that are not a real secure store: "fail" and "null" store nothing, the keyrings.alt file
# backends write a file in the user's folder (plain text or with a key kept beside it).
_INSECURE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


class SecretStorage(StrEnum):
    KEYRING = "keyring"  # in the OS keyring: survives restarts
    SESSION = "session"  # in memory only: asked for again next start


class KeyringState(StrEnum):
    AVAILABLE = "available"
    LOCKED = "locked"  # a keyring exists but could not be unlocked
    UNAVAILABLE = "unavailable"  # no secure keyring on this machine


@dataclass(frozen=True)
class SecretLocation:
    """Where a secret went, so the user can be told (e.g. "Secret Service" or "this session only")."""

    storage: SecretStorage
    backend: str


def _is_secure(backend: KeyringBackend) -> bool:
    inner = getattr(backend, "backends", None)  # the chainer delegates to the first backend
    if inner is not None:
        return bool(inner) and all(_is_secure(b) for b in inner)
    return not type(backend).__module__.startswith(_INSECURE_MODULES) and backend.priority > 0


def _backend_name(backend: KeyringBackend) -> str:
    return getattr(backend, "name", type(backend).__name__)


class CredentialStore:
    """Refresh tokens per (source, login); access tokens per (source, login) in memory only."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend if backend is not None else keyring.get_keyring()
        self._lock = threading.Lock()
        self._session_secrets: dict[tuple[str, str], str] = {}
        self._access_tokens: dict[tuple[str, str], str] = {}
        self._renewals: dict[tuple[str, str], threading.Lock] = {}
        # per account: (digest of the refresh token being renewed, the renewal key sent with it)
        self._renewal_keys: dict[tuple[str, str], tuple[str, str]] = {}
        self.last_state = KeyringState.AVAILABLE if _is_secure(self._backend) else KeyringState.UNAVAILABLE

    @staticmethod
    def service_name(source_code: str) -> str:
        return f"{SERVICE_PREFIX}:{source_code}"

    @property
    def backend_name(self) -> str:
        return _backend_name(self._backend)

    def save_secret(self, source_code: str, login: str, secret: str) -> SecretLocation:
        key = (source_code, login)
        with self._lock:
            self._renewal_keys.pop(key, None)  # a new refresh token: its renewal gets a key of its own
            if self.last_state is not KeyringState.UNAVAILABLE:
                try:
                    self._backend.set_password(self.service_name(source_code), login, secret)
                    self._session_secrets.pop(key, None)
                    self.last_state = KeyringState.AVAILABLE
                    return SecretLocation(SecretStorage.KEYRING, self.backend_name)
                except KeyringLocked:
                    self.last_state = KeyringState.LOCKED
                except KeyringError as error:
                    log.warning("keyring refused a secret for %s/%s: %s", source_code, login, type(error).__name__)
                    self.last_state = KeyringState.UNAVAILABLE
            self._session_secrets[key] = secret
            return SecretLocation(SecretStorage.SESSION, self.backend_name)

    def secret(self, source_code: str, login: str) -> str | None:
        key = (source_code, login)
        with self._lock:
            if key in self._session_secrets:
                return self._session_secrets[key]
            if self.last_state is KeyringState.UNAVAILABLE:
                return None
            try:
                return self._backend.get_password(self.service_name(source_code), login)
            except KeyringLocked:
                self.last_state = KeyringState.LOCKED
            except KeyringError as error:
                log.warning("keyring could not read %s/%s: %s", source_code, login, type(error).__name__)
            return None

    def forget(self, source_code: str, login: str) -> None:
        """Delete the secret and the access token: from the keyring, and from this session."""
        key = (source_code, login)
        with self._lock:
            self._session_secrets.pop(key, None)
            self._access_tokens.pop(key, None)
            self._renewal_keys.pop(key, None)
            if self.last_state is KeyringState.UNAVAILABLE:
                return
            try:
                self._backend.delete_password(self.service_name(source_code), login)
            except PasswordDeleteError:
                pass  # nothing was stored
            except KeyringError as error:
                log.warning("keyring could not delete %s/%s: %s", source_code, login, type(error).__name__)

    def set_access_token(self, source_code: str, login: str, token: str) -> None:
        with self._lock:
            self._access_tokens[(source_code, login)] = token

    def access_token(self, source_code: str, login: str) -> str | None:
        with self._lock:
            return self._access_tokens.get((source_code, login))

    def drop_access_token(self, source_code: str, login: str) -> None:
        with self._lock:
            self._access_tokens.pop((source_code, login), None)

    def renewal_lock(self, source_code: str, login: str) -> threading.Lock:
        """Held while the account's tokens are renewed: its refresh token must be spent by one thread."""
        with self._lock:
            return self._renewals.setdefault((source_code, login), threading.Lock())

    def renewal_key(self, source_code: str, login: str, refresh_token: str) -> str:
        """The key sent with the renewal of ``refresh_token``: made at its first try, the same at every retry,
        so the service tells a retry after a lost answer from a copied token (central.auth). In memory only:
        after a restart the retry has no key, and the user signs in again."""
        spent = hashlib.sha256(refresh_token.encode()).hexdigest()  # the token itself need not sit here twice
        with self._lock:
            held = self._renewal_keys.get((source_code, login))
            if held is None or held[0] != spent:
                held = self._renewal_keys[(source_code, login)] = (spent, secrets.token_urlsafe(24))
            return held[1]
