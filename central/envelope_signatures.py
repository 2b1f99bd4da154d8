"""The XML-DSig signature of the edXML envelopes the service writes and receives.

A unit hosted here may have a signing key (its agency certificate): every packet it sends is signed,
the Signature placed in ``edXMLHeader`` as the axis's packets carry it. Every document packet that
arrives is checked against the service's trust anchors, and the verdict is kept in the document's
arrival entry of its trail, which desks show. The keys and anchors ride on the service's sessions
(``session.info``), so the functions that write and read packets need no more arguments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from app.domain.edxml_packets import EDXML_NS

if TYPE_CHECKING:  # signxml, lxml and pyhanko-certvalidator load with the first envelope, not the service
    from asn1crypto import x509

INFO_KEY = "envelopes"


@dataclass
class EnvelopeKeys:
    """Per unit, a key (PEM) and its certificate chain (PEM, the unit's first); the anchors to judge
    the envelopes that arrive. Empty: nothing is signed, and an arriving signature is "untrusted"."""

    signers: dict[str, tuple[bytes, list[str]]] = field(default_factory=dict)
    anchors: tuple[x509.Certificate, ...] = ()


def keys_of(session: Session) -> EnvelopeKeys:
    return session.info.get(INFO_KEY) or EnvelopeKeys()


def sign_envelope(session: Session, unit_code: str, data: bytes) -> bytes:
    """``data`` signed with the unit's key, if it has one; as it was otherwise."""
    signer = keys_of(session).signers.get(unit_code)
    if signer is None:
        return data
    from lxml import etree
    from signxml import XMLSigner, methods

    key, chain = signer
    root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    signed = XMLSigner(method=methods.enveloped, signature_algorithm="rsa-sha256", digest_algorithm="sha256").sign(
        root, key=key, cert=chain
    )
    _into_header(signed)
    return etree.tostring(signed, xml_declaration=True, encoding="UTF-8")


def _into_header(root: Any) -> None:
    """The Signature where QCVN 102 packets carry it: the enveloped-signature transform takes it out
    wherever it is, so moving it keeps the digest."""
    from app.domain.edxml_signature import DSIG

    signature = root.find(f"{{{DSIG}}}Signature")
    header = root.find(f".//{{{EDXML_NS}}}edXMLHeader")
    if signature is not None and header is not None:
        header.append(signature)


def judge_envelope(keys: EnvelopeKeys, data: bytes, now: datetime) -> dict[str, str] | None:
    """What the arriving envelope's signature was found to be, for the arrival's trail entry (judged
    before the ingest's transaction: it needs the anchors, not the database)."""
    if b"Signature" not in data:  # no signature at all: nothing to load or check
        return None
    from app.domain.edxml_signature import check_envelope_signature

    finding = check_envelope_signature(data, keys.anchors, now=now, online=False)
    if finding is None:
        return None
    return {"verdict": finding.verdict.value, "signer": finding.signer, "organisation": finding.organisation,
            "detail": finding.detail[:500]}  # fmt: skip
