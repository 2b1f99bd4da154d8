"""The roots an organisation trusts for signed documents: a PEM file it sets in Settings.

Light on purpose (asn1crypto only): the desk reads it to tell whether a kept check still holds,
without loading pyHanko.
"""

from __future__ import annotations

from asn1crypto import pem, x509


class TrustAnchorError(ValueError):
    """The anchors file cannot be read or holds no certificate."""


def load_trust_anchors(pem_bytes: bytes) -> tuple[x509.Certificate, ...]:
    """Certificates from a PEM bundle (the organisation's roots, set in Settings)."""
    try:
        anchors = tuple(
            x509.Certificate.load(der)
            for kind, _, der in pem.unarmor(pem_bytes, multiple=True)
            if kind == "CERTIFICATE"
        )
        for anchor in anchors:
            anchor.native  # noqa: B018 (parses the whole certificate now, not later in a worker)
    except (ValueError, TypeError) as error:
        raise TrustAnchorError(str(error)) from error
    if not anchors:
        raise TrustAnchorError("no certificate in the file")
    return anchors
