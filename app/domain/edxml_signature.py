"""The XML-DSig signature of an edXML envelope: does it hold, and who made it?

signxml checks the signature itself (canonicalisation, digests, the signature value) with the
certificate the envelope carries; pyhanko-certvalidator then judges that certificate as it judges a
PDF signer's: a chain to the organisation's anchors, validity, revocation (online when allowed). An
envelope has no trusted timestamp, so the certificate is judged now. Packets on the axis still use
RSA-SHA1 (the standard's sample does): accepted, and said in the finding's detail.
"""

from __future__ import annotations

import asyncio
import base64
import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from asn1crypto import x509
from lxml import etree
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import (
    ExpiredError,
    InsufficientRevinfoError,
    InvalidCertificateError,
    NotYetValidError,
    PathBuildingError,
    PathValidationError,
    RevokedError,
)
from signxml import (
    InvalidCertificate,
    InvalidDigest,
    InvalidInput,
    InvalidSignature,
    SignatureConfiguration,
    XMLVerifier,
)
from signxml.algorithms import DigestAlgorithm, SignatureMethod

from app.domain.signature_verdict import RevocationSource, SignatureFinding, Verdict

log = logging.getLogger(__name__)

DSIG = "http://www.w3.org/2000/09/xmldsig#"
FIELD = "edXML"  # the finding's field name: the envelope, not a PDF field
_LEGACY = (SignatureMethod.RSA_SHA1, DigestAlgorithm.SHA1)
_CONFIG = SignatureConfiguration(
    location=".//",
    expect_references=1,
    signature_methods=frozenset({*SignatureConfiguration().signature_methods, SignatureMethod.RSA_SHA1}),
    digest_algorithms=frozenset({*SignatureConfiguration().digest_algorithms, DigestAlgorithm.SHA1}),
)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def check_envelope_signature(
    data: bytes, anchors: Sequence[x509.Certificate], *, now: datetime, online: bool
) -> SignatureFinding | None:
    """The envelope's signature judged; None when the packet carries none. Never raises: a packet
    from outside is hostile input, and whatever it holds ends in a verdict."""
    try:
        return _check(data, anchors, now=now, online=online)
    except Exception as error:
        log.info("an envelope signature could not be checked: %s", error, exc_info=True)
        return SignatureFinding(FIELD, Verdict.INVALID, detail=f"{type(error).__name__}: {error}")


def _check(data: bytes, anchors: Sequence[x509.Certificate], *, now: datetime, online: bool) -> SignatureFinding | None:
    try:
        root = etree.fromstring(data, parser=_PARSER)
    except etree.XMLSyntaxError as error:
        return SignatureFinding(FIELD, Verdict.INVALID, detail=f"unreadable XML: {error}")
    signatures = root.findall(f".//{{{DSIG}}}Signature")
    if not signatures:
        foreign = [
            node for node in root.iter() if isinstance(node.tag, str) and etree.QName(node).localname == "Signature"
        ]
        if foreign:  # a "Signature" outside the XML-DSig namespace cannot be checked as one
            return SignatureFinding(FIELD, Verdict.INVALID, detail="a Signature element outside the XML-DSig namespace")
        return None
    if len(signatures) > 1:
        return SignatureFinding(FIELD, Verdict.INVALID, detail="more than one envelope signature")
    certificates = _certificates(signatures[0])
    if not certificates:
        return SignatureFinding(FIELD, Verdict.INVALID, detail="the signature carries no certificate")
    signer = certificates[0]
    # The signature is checked at a time the certificate was valid: whether it is valid now is the
    # certificate judgement's to say (an expired certificate is "expired", not "invalid").
    config = replace(_CONFIG, verification_time=signer.not_valid_before + timedelta(seconds=1))
    try:
        XMLVerifier().verify(data, x509_cert=_pem(signer), expect_config=config, parser=_PARSER)
    except InvalidDigest as error:
        return _finding(signer, Verdict.MODIFIED, RevocationSource.NONE, f"the envelope changed after signing: {error}")
    except (InvalidSignature, InvalidCertificate, InvalidInput, ValueError, etree.LxmlError) as error:
        return _finding(signer, Verdict.INVALID, RevocationSource.NONE, f"{type(error).__name__}: {error}")
    weak = "RSA-SHA1 / SHA-1 (legacy, accepted)" if _uses_sha1(signatures[0]) else ""
    return _judge_certificate(signer, certificates[1:], anchors, now=now, online=online, note=weak)


def _judge_certificate(
    signer: x509.Certificate,
    others: list[x509.Certificate],
    anchors: Sequence[x509.Certificate],
    *,
    now: datetime,
    online: bool,
    note: str,
) -> SignatureFinding:
    sources = [(RevocationSource.EMBEDDED, False)] + ([(RevocationSource.ONLINE, True)] if online else [])
    for source, fetch in sources:
        context = ValidationContext(trust_roots=list(anchors), other_certs=others, moment=now, allow_fetching=fetch,
                                    revocation_mode="require", crls=[], ocsps=[])  # fmt: skip
        try:
            asyncio.run(CertificateValidator(signer, validation_context=context).async_validate_usage(set()))
            return _finding(signer, Verdict.VALID, source, note)
        except RevokedError as error:
            return _finding(signer, Verdict.REVOKED, source, str(error))
        except (ExpiredError, NotYetValidError) as error:
            return _finding(signer, Verdict.EXPIRED, RevocationSource.NONE, str(error))
        except PathBuildingError as error:
            return _finding(signer, Verdict.UNTRUSTED, RevocationSource.NONE, str(error))
        except InsufficientRevinfoError:
            continue  # nothing says: online next, if allowed
        except (PathValidationError, InvalidCertificateError) as error:  # a broken chain, a self-made certificate
            return _finding(signer, Verdict.UNTRUSTED, RevocationSource.NONE, str(error))
    return _finding(signer, Verdict.VALID_UNCHECKED, RevocationSource.NONE, note)


def _certificates(signature: etree._Element) -> list[x509.Certificate]:
    found = []
    for node in signature.iterfind(f".//{{{DSIG}}}X509Certificate"):
        try:
            certificate = x509.Certificate.load(base64.b64decode("".join((node.text or "").split()), validate=True))
            certificate.native  # noqa: B018 (a malformed certificate fails here, not later)
            found.append(certificate)
        except (ValueError, TypeError) as error:
            log.info("an envelope certificate could not be read: %s", error)
    return found


def _uses_sha1(signature: etree._Element) -> bool:
    methods = {node.get("Algorithm") for node in signature.iter() if node.get("Algorithm")}
    return any(method.value in methods for method in _LEGACY)


def _pem(certificate: x509.Certificate) -> str:
    body = base64.encodebytes(certificate.dump()).decode("ascii")
    return f"-----BEGIN CERTIFICATE-----\n{body}-----END CERTIFICATE-----\n"


def _finding(signer: x509.Certificate, verdict: Verdict, revocation: RevocationSource, detail: str) -> SignatureFinding:
    subject = signer.subject.native
    return SignatureFinding(
        field_name=FIELD,
        verdict=verdict,
        signer=str(subject.get("common_name", "")),
        organisation=str(subject.get("organization_name", "")),
        issuer=str(signer.issuer.native.get("common_name", "")),
        serial=format(signer.serial_number, "X"),
        revocation=revocation,
        detail=detail,
    )
