"""Who signs a letter seeded on the demo or training service, and how its signature must check.

Plain values, no pyHanko: scenario files are checked against ``LETTER_SIGNATURES`` without loading
the signing libraries (``central.demo_signatures`` makes the signatures)."""

from __future__ import annotations

from dataclasses import dataclass

# valid: signed long-term by a certificate under the trusted root; changed: then drawn over by a
# later revision; untrusted: under a root nobody trusts; expired: by a certificate that expired in 2024.
LETTER_SIGNATURES = ("valid", "changed", "untrusted", "expired")


@dataclass(frozen=True)
class LetterSigner:
    label: str  # the certificate's label in the test PKI (its key file's name)
    name: str
    organisation: str
    title: str = ""
    signature: str = "valid"  # one of LETTER_SIGNATURES
