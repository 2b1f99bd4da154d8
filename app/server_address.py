"""Checking a central server's address as the user typed it, before anything is sent to it.

A password goes over this link, so only ``https://`` is accepted for a server elsewhere; plain
``http://`` only for a service on this very computer (the demo, training, tests on loopback),
where nothing crosses a network.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from app.domain.errors import DomainError, tr_noop

LOOPBACK_NAMES = ("localhost",)


def checked_server_address(text: str) -> str:
    """``text`` trimmed, without a trailing slash; a DomainError saying what is wrong otherwise."""
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
    if parts.scheme == "http" and not is_loopback(host):
        raise DomainError(
            "address_not_secure",
            tr_noop(
                "The address {address} is not secure: a server's address starts with https:// (plain "
                "http:// would send your password unprotected). Ask your IT staff for the https:// address."
            ),
            address=address,
        )
    return address


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
