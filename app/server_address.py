"""Checking a central server's address as the user typed it, before anything is sent to it.

A password goes over this link, so only ``https://`` is accepted for a server elsewhere; plain
``http://`` only for a service on this very computer (the demo, training, tests on loopback), where
nothing crosses a network, and for a host the organisation names itself in settings.json
(``insecure_http_hosts``, set by IT: no dialog offers it), which the window then warns about whenever
an account there is in use.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Collection
from urllib.parse import urlsplit

from app.domain.errors import DomainError, tr_noop

LOOPBACK_NAMES = ("localhost",)


def checked_server_address(text: str, plain_http_hosts: Collection[str] = ()) -> str:
    """``text`` trimmed, without a trailing slash; a DomainError saying what is wrong otherwise.
    ``plain_http_hosts``: the hosts the organisation allows plain http:// to (Settings.insecure_http_hosts)."""
    address = text.strip().rstrip("/")
    if not address:
        raise DomainError("address_missing", tr_noop("Enter the server address."))
    try:
        parts = urlsplit(address)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError:
        raise _malformed(address) from None
    if parts.scheme not in ("https", "http") or not host or parts.query or parts.fragment:
        raise _malformed(address)
    if parts.scheme == "http" and not plain_http_allowed(host, plain_http_hosts):
        raise not_secure(address)
    return address


def not_secure(address: str) -> DomainError:
    return DomainError(
        "address_not_secure",
        tr_noop(
            "The address {address} is not secure: a server's address starts with https:// (plain "
            "http:// would send your password unprotected). Ask your IT staff for the https:// address."
        ),
        address=address,
    )


def plain_http_allowed(host: str, plain_http_hosts: Collection[str]) -> bool:
    """Whether plain http:// may go to ``host``: this computer, or a host the organisation named."""
    return is_loopback(host) or host.lower() in {allowed.lower() for allowed in plain_http_hosts}


def unencrypted_host(address: str, plain_http_hosts: Collection[str]) -> str | None:
    """The host that an account at ``address`` talks to unencrypted, across a network: an ``http://``
    address off this computer that the organisation allows (one it does not allow is sent nothing).
    What the window's warning names; None for https:// and for this computer."""
    try:
        parts = urlsplit(address)
        host = parts.hostname or ""
    except ValueError:
        return None
    if parts.scheme != "http" or not host or is_loopback(host):
        return None
    return host if plain_http_allowed(host, plain_http_hosts) else None


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _malformed(address: str) -> DomainError:
    return DomainError(
        "address_malformed",
        tr_noop("“{address}” is not a server address. It looks like https://name.of.server"),
        address=address,
    )
