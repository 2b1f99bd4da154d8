"""What a check of a file's digital signatures found, in words an official reads.

One verdict per signature, from the best to the worst; a file's verdict is its worst signature's.
The findings are kept with the attachment (JSON), so a document shows its verdict offline and a
check is not repeated for the same bytes.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from app.domain.errors import tr_noop


class Verdict(StrEnum):
    VALID = "valid"
    VALID_UNCHECKED = "valid_unchecked"  # sound and trusted, revocation not yet known
    UNTRUSTED = "untrusted"  # no chain to an anchor the organisation trusts
    EXPIRED = "expired"  # the certificate was not valid when it signed
    REVOKED = "revoked"  # revoked, and nothing proves the signature came before
    SIGNED_AFTER_REVOCATION = "signed_after_revocation"  # the signing time is after the revocation
    MODIFIED = "modified"  # the file was changed after signing
    INVALID = "invalid"  # the signature itself does not hold (or cannot be read)


SEVERITY = tuple(Verdict)  # index = how bad

VERDICT_LABELS = {
    Verdict.VALID: tr_noop("Valid signature"),
    Verdict.VALID_UNCHECKED: tr_noop("Valid, revocation not yet checked"),
    Verdict.UNTRUSTED: tr_noop("Untrusted signer"),
    Verdict.EXPIRED: tr_noop("Certificate expired"),
    Verdict.REVOKED: tr_noop("Certificate revoked"),
    Verdict.SIGNED_AFTER_REVOCATION: tr_noop("Signed after revocation"),
    Verdict.MODIFIED: tr_noop("Changed after signing"),
    Verdict.INVALID: tr_noop("Invalid signature"),
}

VERDICT_EXPLANATIONS = {
    Verdict.VALID: tr_noop(
        "The file is as it was signed, and the certificate was valid and not revoked at signing time."
    ),
    Verdict.VALID_UNCHECKED: tr_noop(
        "The file is as it was signed and the certificate chains to a trusted root, but whether it was revoked "
        "could not be checked: the file carries no revocation data and the check was made offline."
    ),
    Verdict.UNTRUSTED: tr_noop(
        "The certificate does not chain to a root your organisation trusts (Settings → Signature trust anchors)."
    ),
    Verdict.EXPIRED: tr_noop("The certificate was outside its validity period when the file was signed."),
    Verdict.REVOKED: tr_noop(
        "The certificate has been revoked, and no trusted timestamp proves the signature was made before that."
    ),
    Verdict.SIGNED_AFTER_REVOCATION: tr_noop("The file was signed after the certificate had been revoked."),
    Verdict.MODIFIED: tr_noop("The file was changed after it was signed: what you see is not what was signed."),
    Verdict.INVALID: tr_noop("The signature is damaged or does not match its certificate."),
}


class RevocationSource(StrEnum):
    EMBEDDED = "embedded"  # from the revocation data the file carries (offline, long-term)
    ONLINE = "online"  # asked of the authority's OCSP responder or CRL now
    NONE = "none"  # not checked


REVOCATION_LABELS = {
    RevocationSource.EMBEDDED: tr_noop("from the revocation data in the file"),
    RevocationSource.ONLINE: tr_noop("checked online with the authority"),
    RevocationSource.NONE: tr_noop("not checked"),
}


@dataclass(frozen=True)
class SignatureFinding:
    field_name: str
    verdict: Verdict
    signer: str = ""
    organisation: str = ""
    issuer: str = ""
    serial: str = ""  # the certificate's serial number, hexadecimal
    signed_at: datetime | None = None
    timestamped: bool = False  # signed_at comes from a trusted timestamp authority, not the signer's clock
    revocation: RevocationSource = RevocationSource.NONE
    revoked_at: datetime | None = None
    whole_file: bool = True  # nothing was added after signing but revocation data and later signatures
    detail: str = ""  # the validator's own words, for the details dialog

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for name in ("signed_at", "revoked_at"):
            moment = getattr(self, name)
            data[name] = moment.isoformat() if moment else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SignatureFinding:
        moments = {
            name: datetime.fromisoformat(data[name]) if data.get(name) else None for name in ("signed_at", "revoked_at")
        }
        return cls(
            **{
                **data,
                **moments,
                "verdict": Verdict(data["verdict"]),
                "revocation": RevocationSource(data.get("revocation", "none")),
            }
        )


@dataclass(frozen=True)
class SignatureCheck:
    """Every signature of one file, checked at ``checked_at`` (online or not)."""

    findings: tuple[SignatureFinding, ...]
    checked_at: datetime
    online: bool
    unreadable: str = ""  # the file could not be read as a PDF at all

    @property
    def verdict(self) -> Verdict | None:
        """The worst signature's verdict; None when the file carries no signature."""
        if self.unreadable:
            return Verdict.INVALID
        if not self.findings:
            return None
        return max((finding.verdict for finding in self.findings), key=SEVERITY.index)

    def to_text(self) -> str:
        return json.dumps(
            {
                "findings": [finding.to_json() for finding in self.findings],
                "checked_at": self.checked_at.isoformat(),
                "online": self.online,
                "unreadable": self.unreadable,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_text(cls, text: str) -> SignatureCheck:
        data = json.loads(text)
        return cls(
            findings=tuple(SignatureFinding.from_json(item) for item in data["findings"]),
            checked_at=datetime.fromisoformat(data["checked_at"]),
            online=bool(data["online"]),
            unreadable=data.get("unreadable", ""),
        )


def worst(verdicts: list[Verdict | None]) -> Verdict | None:
    """A document's verdict from its files' (None: nothing signed)."""
    known = [verdict for verdict in verdicts if verdict is not None]
    return max(known, key=SEVERITY.index) if known else None
