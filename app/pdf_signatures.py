"""Check the PAdES signatures of a PDF with pyHanko: integrity, trust, validity and revocation.

Offline first: the revocation data a file carries (its DSS, a PAdES-B-LT signature) is enough, and
the certificate is judged at the time a trusted timestamp proves the signature existed, so a file
signed last year still checks today. Online, a missing answer is asked of the authority.
Every failure ends in a verdict, never an exception: a file from outside is hostile input.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from datetime import datetime

from asn1crypto import x509
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESIndeterminate, AdESSubIndic
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.fields import enumerate_sig_fields
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.generic_cms import extract_tst_data_iter
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from app.domain.signature_verdict import RevocationSource, SignatureCheck, SignatureFinding, Verdict

log = logging.getLogger(__name__)
# pyHanko logs each failed check with its traceback; the finding carries what it found, once
for _noisy in ("pyhanko.sign.validation", "pyhanko.sign.diff_analysis"):
    logging.getLogger(_noisy).setLevel(logging.ERROR)

_REVOKED = {AdESIndeterminate.REVOKED_NO_POE, AdESIndeterminate.REVOKED_CA_NO_POE}
_EXPIRED = {AdESIndeterminate.OUT_OF_BOUNDS_NO_POE, AdESIndeterminate.OUT_OF_BOUNDS_NOT_REVOKED}
# no chain to an anchor, or one that does not hold (a self-made certificate, broken constraints)
_UNTRUSTED = {
    AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND,
    AdESIndeterminate.CERTIFICATE_CHAIN_GENERAL_FAILURE,
    AdESIndeterminate.CHAIN_CONSTRAINTS_FAILURE,
}


def check_pdf_signatures(
    data: bytes, anchors: Sequence[x509.Certificate], *, now: datetime, online: bool
) -> SignatureCheck:
    """Every signature of the PDF in ``data``, judged against ``anchors``. Never raises: whatever a
    hostile file makes the libraries do ends in a verdict (the sync that checks it goes on)."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        filled = list(enumerate_sig_fields(reader, filled_status=True))
        dss = _document_security_store(reader)
    except Exception as error:  # a file from outside: any failure of the reader is "unreadable"
        log.info("a PDF could not be read for its signatures: %s", error, exc_info=True)
        return SignatureCheck((), now, online, unreadable=str(error) or type(error).__name__)
    findings = []
    for name, value, field in filled:
        if _is_document_timestamp(value):
            continue
        try:
            signature = EmbeddedPdfSignature(reader, field, name)
        except Exception as error:  # a malformed signature dictionary or CMS blob: this field is invalid
            findings.append(SignatureFinding(name, Verdict.INVALID, detail=f"{type(error).__name__}: {error}"))
            continue
        findings.append(_check_one(signature, dss, anchors, now=now, online=online))
    return SignatureCheck(tuple(findings), now, online)


def _is_document_timestamp(value: object) -> bool:
    try:
        return value.get_object().get("/Type") == "/DocTimeStamp"  # type: ignore[attr-defined]
    except (AttributeError, KeyError, PdfError):
        return False


def _document_security_store(reader: PdfFileReader) -> DocumentSecurityStore | None:
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except (KeyError, ValueError, PdfError):  # no DSS: a B-B signature, or an unsigned file
        return None
    list(dss.load_certs())  # a damaged store fails here, as "unreadable", not in a later pass
    return dss


def _check_one(
    signature: EmbeddedPdfSignature,
    dss: DocumentSecurityStore | None,
    anchors: Sequence[x509.Certificate],
    *,
    now: datetime,
    online: bool,
) -> SignatureFinding:
    field_name = signature.field_name or ""
    try:
        return _judge(signature, dss, anchors, now=now, online=online)
    except Exception as error:  # a malformed signature must end in a verdict, not a crash
        log.info("signature %r could not be checked: %s", field_name, error, exc_info=True)
        return SignatureFinding(field_name, Verdict.INVALID, detail=f"{type(error).__name__}: {error}")


def _judge(
    signature: EmbeddedPdfSignature,
    dss: DocumentSecurityStore | None,
    anchors: Sequence[x509.Certificate],
    *,
    now: datetime,
    online: bool,
) -> SignatureFinding:
    def validate(moment: datetime, revocation: str, fetch: bool) -> PdfSignatureStatus:
        return validate_pdf_signature(signature, _context(dss, anchors, moment, revocation=revocation, fetch=fetch))

    # Integrity and changes first, at the time the signature's timestamp claims (if it has one):
    # a long-term file's revocation data speaks for that time, not for today.
    claimed = _claimed_timestamp(signature)
    first = validate(claimed or now, "soft-fail", False)
    if not first.intact:
        return _finding(signature, Verdict.MODIFIED, first, RevocationSource.NONE, "the signed bytes do not match")
    if not first.valid:
        return _finding(signature, Verdict.INVALID, first, RevocationSource.NONE, "the signature does not verify")
    if _changed_after_signing(first):
        return _finding(signature, Verdict.MODIFIED, first, RevocationSource.NONE, _modification_detail(first))
    # The certificate is judged when the signature provably existed: a trusted timestamp's time, else now.
    moment = _trusted_time(first)
    lenient = first
    if moment is None:
        moment = now
        lenient = first if claimed is None else validate(now, "soft-fail", False)
    if not lenient.trusted:
        return _refused(signature, lenient, RevocationSource.EMBEDDED)
    if not lenient.bottom_line:  # trusted, yet a rule of the file or its timestamp does not hold
        return _broken_rule(signature, lenient)
    sources = [(RevocationSource.EMBEDDED, False)] + ([(RevocationSource.ONLINE, True)] if online else [])
    unknown = ""
    for source, fetch in sources:
        strict = validate(moment, "require", fetch)
        if strict.bottom_line:
            return _finding(signature, Verdict.VALID, strict, source)
        if strict.revocation_details is not None:
            return _refused(signature, strict, source)
        unknown = _problem_text(strict.trust_problem_indic)
    return _finding(signature, Verdict.VALID_UNCHECKED, lenient, RevocationSource.NONE, unknown)


def _broken_rule(signature: EmbeddedPdfSignature, status: PdfSignatureStatus) -> SignatureFinding:
    """The file's own rules: changes its certification forbids, a seed value's constraints, a
    timestamp that does not hold."""
    if status.docmdp_ok is False:
        detail = "a change the document's certification forbids was made after signing"
        return _finding(signature, Verdict.MODIFIED, status, RevocationSource.NONE, detail, changed=True)
    if not status.seed_value_ok:
        return _finding(
            signature, Verdict.INVALID, status, RevocationSource.NONE, "the signature field's rules do not hold"
        )
    stamp = status.timestamp_validity
    if stamp is not None and not (stamp.intact and stamp.valid and stamp.trusted):
        return _finding(signature, Verdict.INVALID, status, RevocationSource.NONE, "its timestamp does not hold")
    return _finding(
        signature, Verdict.INVALID, status, RevocationSource.NONE, _problem_text(status.trust_problem_indic)
    )


def _refused(signature: EmbeddedPdfSignature, status: PdfSignatureStatus, source: RevocationSource) -> SignatureFinding:
    return _finding(signature, _verdict_for(status), status, source, _problem_text(status.trust_problem_indic))


def _context(
    dss: DocumentSecurityStore | None,
    anchors: Sequence[x509.Certificate],
    moment: datetime,
    *,
    revocation: str,
    fetch: bool,
) -> ValidationContext:
    # retroactive_revinfo: an OCSP answer fetched seconds after the timestamp still speaks for it.
    kwargs = {
        "trust_roots": list(anchors),
        "moment": moment,
        "allow_fetching": fetch,
        "revocation_mode": revocation,
        "retroactive_revinfo": True,
        "crls": [],  # none known yet (rather than None, which pyHanko refuses offline with "require")
        "ocsps": [],
    }
    if dss is None:
        return ValidationContext(**kwargs)
    return dss.as_validation_context(kwargs)


def _claimed_timestamp(signature: EmbeddedPdfSignature) -> datetime | None:
    """The time the signature's timestamp token says, before anything about it is checked."""
    try:
        for token in extract_tst_data_iter(signature.signer_info, signed=False):
            return token["encap_content_info"]["content"].parsed["gen_time"].native
    except (KeyError, ValueError, TypeError, AttributeError):
        return None
    return None


def _trusted_time(status: PdfSignatureStatus) -> datetime | None:
    stamp = status.timestamp_validity
    if stamp is not None and stamp.intact and stamp.valid and stamp.trusted:
        return stamp.timestamp
    return None


def _changed_after_signing(status: PdfSignatureStatus) -> bool:
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return False
    if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return True
    level = status.modification_level
    return level is None or level.value > ModificationLevel.FORM_FILLING.value


def _modification_detail(status: PdfSignatureStatus) -> str:
    diff = status.diff_result
    return f"later revision: {diff}" if diff is not None else "the signature does not cover the file"


def _verdict_for(status: PdfSignatureStatus) -> Verdict:
    problem = status.trust_problem_indic
    if problem in _REVOKED or status.revocation_details is not None:
        revoked = status.revocation_details
        signed = _trusted_time(status) or status.signer_reported_dt
        if revoked is not None and signed is not None and signed >= revoked.revocation_date:
            return Verdict.SIGNED_AFTER_REVOCATION
        return Verdict.REVOKED
    if problem in _EXPIRED or problem == AdESIndeterminate.NOT_YET_VALID:
        return Verdict.EXPIRED
    if problem in _UNTRUSTED:
        return Verdict.UNTRUSTED
    return Verdict.INVALID


def _problem_text(problem: AdESSubIndic | None) -> str:
    return problem.name if problem is not None else ""


def _finding(
    signature: EmbeddedPdfSignature,
    verdict: Verdict,
    status: PdfSignatureStatus,
    revocation: RevocationSource,
    detail: str = "",
    changed: bool = False,
) -> SignatureFinding:
    cert = signature.signer_cert
    subject = cert.subject.native
    stamp = _trusted_time(status)
    return SignatureFinding(
        field_name=signature.field_name or "",
        verdict=verdict,
        signer=str(subject.get("common_name", "")),
        organisation=str(subject.get("organization_name", "")),
        issuer=str(cert.issuer.native.get("common_name", "")),
        serial=format(cert.serial_number, "X"),
        signed_at=stamp or status.signer_reported_dt,
        timestamped=stamp is not None,
        revocation=revocation if verdict is Verdict.VALID or status.revocation_details else RevocationSource.NONE,
        revoked_at=status.revocation_details.revocation_date if status.revocation_details else None,
        whole_file=not changed and verdict is not Verdict.MODIFIED and not _changed_after_signing(status),
        detail=detail,
    )
