"""Talking to one central system over HTTP. The only module of the client that uses ``requests``.

Failures come back as a few exception types the sync engine and account flows can act on:
unreachable (try later), transient (the server asked to retry), rejected (a clear answer with a
stable code: wrong password, disabled account, must refetch …).
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import NewConnectionError

from app.domain.errors import BilingualError
from app.server_address import plain_http_allowed

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 30.0
THROTTLED_CODE = "too_many_sign_ins"
DEFAULT_THROTTLE_WAIT = 60.0  # seconds, should a proxy have dropped the Retry-After header


class CentralUnreachable(Exception):
    """No answer: the network is down, the server is off, or the link dropped mid-response."""


class CentralNotReached(CentralUnreachable):
    """No connection was made at all (refused, no such host, connect timeout): the request never left,
    so nothing it asked can have happened on the server."""


class CentralNotJson(CentralUnreachable):
    """Something answered, but not with JSON: a web page, a proxy's login page, another program. For
    the sync it is no answer at all; the first-run assistant says it is not a Ward Desk server."""


class CentralUntrusted(CentralUnreachable):
    """The server's TLS certificate could not be verified: not trusted, so not talked to. An
    organisation with its own certificate authority sets it in Settings (ca_bundle)."""


class CentralCaMissing(CentralUntrusted, CentralNotReached):
    """The certificate authority file set in Settings is not there (deleted, moved, on a USB stick taken
    out): nothing is sent (the request never leaves), and the user is told which file to set again.
    Checked before each request, since requests would raise a bare OSError for it."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"the certificate authority file {path} is missing")


class CentralNotEncrypted(CentralUntrusted, CentralNotReached):
    """A plain http:// address off this computer that the organisation has not allowed (or no longer
    does: Settings.insecure_http_hosts): no password or token goes out unprotected (the request never
    leaves)."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__(f"plain http:// to {address} is not allowed")


class CentralTransient(Exception):
    """The server answered 5xx, 429 or 503: nothing was decided; retry after ``retry_after`` s."""

    def __init__(self, status: int, retry_after: float | None) -> None:
        self.status = status
        self.retry_after = retry_after
        super().__init__(f"HTTP {status}")


class CentralThrottled(CentralTransient):
    """The server takes no sign-in for this login or from this computer for ``retry_after`` seconds:
    too many wrong passwords (429 ``too_many_sign_ins``). The user is told until when."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(429, retry_after)
        self.retry_after: float = retry_after


class CentralRejected(BilingualError):
    """A definite answer: ``code`` is stable, the messages are for people."""

    def __init__(self, status: int, code: str, message_vi: str = "", message_en: str = "") -> None:
        self.status = status
        super().__init__(code, message_vi, message_en)


@dataclass(frozen=True)
class SignedIn:
    access_token: str
    refresh_token: str
    expires_in: int
    account: dict[str, Any]


class CentralClient:
    def __init__(
        self,
        base_url: str,
        http: requests.Session | None = None,
        ca_bundle: str | None = None,
        plain_http_hosts: Collection[str] = (),
    ) -> None:
        """``ca_bundle``: a PEM file of the certificate authorities to trust instead of the usual
        ones (an organisation's own CA). Certificates are always verified. ``plain_http_hosts``: the
        hosts besides this computer that http:// may go to (Settings.insecure_http_hosts)."""
        self.base_url = base_url.rstrip("/")
        self.plain_http_hosts = tuple(plain_http_hosts)
        self.http = http or requests.Session()
        # Passed with each request: a Session's own verify loses to $REQUESTS_CA_BUNDLE in requests.
        self.verify: str | bool = ca_bundle or True

    def _request(self, method: str, path: str, token: str | None = None, **kwargs: Any) -> requests.Response:
        headers = kwargs.pop("headers", {})
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        self._check_link()
        try:
            response = self.http.request(
                method, f"{self.base_url}{path}", headers=headers, timeout=(CONNECT_TIMEOUT, READ_TIMEOUT),
                verify=self.verify, **kwargs,
            )  # fmt: skip
        except requests.exceptions.SSLError as error:
            raise CentralUntrusted(_certificate_problem(error)) from None
        except requests.RequestException as error:  # includes truncated bodies and dropped links
            if _never_connected(error):
                raise CentralNotReached(type(error).__name__) from None
            raise CentralUnreachable(type(error).__name__) from None
        if response.status_code == 429 and _error_code(response) == THROTTLED_CODE:
            raise CentralThrottled(_retry_after(response) or DEFAULT_THROTTLE_WAIT)
        if response.status_code in (429, 500, 502, 503, 504):
            raise CentralTransient(response.status_code, _retry_after(response))
        if response.status_code >= 400:
            raise _rejected(response)
        return response

    def _check_link(self) -> None:
        """Before anything is sent: plain http only where allowed, and the organisation's CA file
        readable where requests would use it (https)."""
        parts = urlsplit(self.base_url)
        if parts.scheme == "http" and not plain_http_allowed(parts.hostname or "", self.plain_http_hosts):
            raise CentralNotEncrypted(self.base_url)
        path = self.verify
        if (
            parts.scheme == "https"
            and isinstance(path, str)
            and not (os.path.isfile(path) and os.access(path, os.R_OK))
        ):
            raise CentralCaMissing(path)

    def _json(self, method: str, path: str, token: str | None = None, **kwargs: Any) -> dict[str, Any]:
        response = self._request(method, path, token, **kwargs)
        try:
            body = response.json()
        except ValueError:
            raise CentralNotJson("a non-JSON answer") from None
        if not isinstance(body, dict):
            raise CentralNotJson("a JSON answer that is not an object")
        return body

    def health(self) -> dict[str, Any]:
        return self._json("GET", "/v1/health")

    def sign_in(self, login: str, password: str) -> SignedIn:
        return _signed_in(self._json("POST", "/v1/auth/token", json={"login": login, "password": password}))

    def refresh(self, refresh_token: str, renewal_key: str | None = None) -> SignedIn:
        """``renewal_key``: the same for every retry of one renewal (CredentialStore.renewal_key)."""
        body = {"refresh_token": refresh_token, "renewal_key": renewal_key}
        return _signed_in(self._json("POST", "/v1/auth/refresh", json=body))

    def change_password(self, access_token: str, current: str, new: str) -> SignedIn:
        body = {"current_password": current, "new_password": new}
        return _signed_in(self._json("POST", "/v1/auth/password", access_token, json=body))

    def revoke(self, access_token: str, refresh_token: str | None) -> None:
        self._request("POST", "/v1/auth/revoke", access_token, json={"refresh_token": refresh_token})

    def me(self, access_token: str) -> dict[str, Any]:
        return self._json("GET", "/v1/me", access_token)

    def changes(self, access_token: str, cursor: str | None, limit: int) -> dict[str, Any]:
        params: dict[str, Any] = {"limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        return self._json("GET", "/v1/changes", access_token, params=params)

    def push(self, access_token: str, mutations: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return self._json("POST", "/v1/mutations", access_token, json={"mutations": mutations})["results"]

    def code_blocks(self, access_token: str, desk_id: str) -> list[Any]:
        blocks = self._json("GET", "/v1/code-blocks", access_token, params={"desk_id": desk_id}).get("blocks")
        if not isinstance(blocks, list):
            raise CentralUnreachable("unexpected answer")
        return blocks

    def officials(self, access_token: str) -> list[str]:
        """The names of the officials of the account's unit."""
        answer = self._json("GET", "/v1/officials", access_token).get("officials")
        if not isinstance(answer, list) or not all(isinstance(o, dict) and isinstance(o.get("name"), str)
                                                   and 0 < len(o["name"]) <= 200 for o in answer):  # fmt: skip
            raise CentralUnreachable("unexpected answer")
        return [o["name"] for o in answer]

    def grant_code_block(self, access_token: str, desk_id: str) -> dict[str, Any]:
        return self._json("POST", "/v1/code-blocks", access_token, json={"desk_id": desk_id})

    def post_edxml(self, access_token: str, data: bytes) -> dict[str, Any]:
        headers = {"Content-Type": "application/xml"}
        return self._json("POST", "/v1/edxml", access_token, data=data, headers=headers)

    def start_upload(self, access_token: str, announced: dict[str, Any]) -> dict[str, Any]:
        """Announce a file (key, item, name, type, size, sha256); the answer says where to go on from."""
        return self._json("POST", "/v1/uploads", access_token, json=announced)

    def upload_piece(self, access_token: str, key: str, offset: int, data: bytes) -> dict[str, Any]:
        headers = {"Upload-Offset": str(offset), "Content-Type": "application/octet-stream"}
        return self._json("PATCH", f"/v1/uploads/{key}", access_token, data=data, headers=headers)

    def attachment(self, access_token: str, attachment_id: str, start: int = 0) -> requests.Response:
        # identity: byte offsets must count the file's own bytes, not a compressed stream's
        headers = {"Accept-Encoding": "identity"} | ({"Range": f"bytes={start}-"} if start else {})
        return self._request("GET", f"/v1/attachments/{attachment_id}", access_token, headers=headers, stream=True)


def _certificate_problem(error: Exception) -> str:
    text = str(error)
    return "certificate verify failed" if "CERTIFICATE_VERIFY_FAILED" in text else "TLS handshake failed"


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    return float(value) if value.replace(".", "", 1).isdigit() else None


def _error_code(response: requests.Response) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return None
    return body.get("code") if isinstance(body, dict) else None


def _rejected(response: requests.Response) -> CentralRejected:
    try:
        body = response.json()
        message = body.get("message") or {}
        return CentralRejected(response.status_code, str(body["code"]), message.get("vi", ""), message.get("en", ""))
    except (ValueError, KeyError, TypeError, AttributeError):
        return CentralRejected(response.status_code, f"http_{response.status_code}")


def _signed_in(body: dict[str, Any]) -> SignedIn:
    try:
        return SignedIn(str(body["access_token"]), str(body["refresh_token"]), int(body["expires_in"]),
                        dict(body["account"]))  # fmt: skip
    except (KeyError, TypeError, ValueError):
        raise CentralUnreachable("malformed sign-in answer") from None


def _never_connected(error: requests.RequestException) -> bool:
    """Whether the connection failed before any byte of the request was sent."""
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return True
    reason = getattr(error.args[0], "reason", None) if error.args else None  # urllib3's MaxRetryError
    return isinstance(error, requests.exceptions.ConnectionError) and isinstance(reason, NewConnectionError)
