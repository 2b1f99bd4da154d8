"""Signing with a real PKCS#11 token (SoftHSM2) and checking every verdict, against a real test PKI
(OCSP, CRLs, timestamps) on loopback. pyHanko's own command-line validator checks our file too."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import copy_into_new_writer

from app.domain.errors import DomainError
from app.domain.signature_verdict import RevocationSource, SignatureCheck, Verdict
from app.pdf_signatures import check_pdf_signatures
from app.pdf_signing import Level, agency_stamp, sign_pdf, signer_stamp
from app.signing_token import open_token
from central.demo_pki import DemoPki
from tests.signed_letters import letter_of
from tests.soft_token import SoftToken

NOW = datetime.now(UTC)
LATER = datetime(2027, 7, 1, tzinfo=UTC)  # after "revoked-later" was revoked, 1/6/2027


def _letter(pages: int = 1) -> bytes:
    return letter_of(1 + 4 * (pages - 1))


def _sign(pdf: bytes, token: SoftToken, pki: DemoPki, anchors: tuple, *, online: bool = True) -> bytes:
    with open_token(token.module, token.pin, token.label) as session:
        stamp = signer_stamp("Nguyễn Văn An", "Chủ tịch", "UBND Phường Sài Gòn", NOW)
        signed = sign_pdf(pdf, session, stamp, anchors=anchors, timestamp_url=pki.timestamp_url, online=online)
    assert signed.level is (Level.B_LT if online else Level.B_B)
    return signed.data


def _raw_sign(pdf: bytes, pki: DemoPki, holder: str) -> bytes:
    """Signed PAdES-B-B with the holder's key by pyHanko directly, no check of the certificate."""
    from pyhanko.keys import load_private_key_from_pemder_data
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = load_private_key_from_pemder_data(pki.key_file(holder).read_bytes(), passphrase=None)
    cert = pki.certificate(holder)
    store = SimpleCertificateStore.from_certs([cert, pki.certificate("gov")])
    metadata = signers.PdfSignatureMetadata(field_name="ChuKyNguoiKy", subfilter=fields.SigSeedSubFilter.PADES)
    return (
        signers.PdfSigner(metadata, signers.SimpleSigner(cert, key, store))
        .sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)))
        .getvalue()
    )


def _only(check: SignatureCheck):
    assert not check.unreadable
    assert len(check.findings) == 1
    return check.findings[0]


@pytest.fixture(scope="module")
def signed_letter(pki: DemoPki, tokens: dict[str, SoftToken], anchors: tuple) -> bytes:
    return _sign(_letter(), tokens["chairman"], pki, anchors)


def test_a_letter_signed_on_the_token_checks_valid_offline_from_its_own_revocation_data(signed_letter, anchors):
    finding = _only(check_pdf_signatures(signed_letter, anchors, now=NOW, online=False))
    assert finding.verdict is Verdict.VALID
    assert finding.revocation is RevocationSource.EMBEDDED
    assert finding.timestamped and finding.whole_file
    assert (finding.signer, finding.organisation) == ("Nguyễn Văn An", "UBND Phường Sài Gòn")
    assert finding.issuer == "CA phục vụ các cơ quan Nhà nước (thử nghiệm)"
    assert finding.signed_at is not None and NOW <= finding.signed_at <= datetime.now(UTC)  # the token signed now


def test_the_long_term_signature_still_checks_after_its_certificate_is_revoked(
    pki: DemoPki, tokens: dict[str, SoftToken], anchors: tuple
):
    signed = _sign(_letter(), tokens["revoked-later"], pki, anchors)
    pki.act_at(LATER)
    try:
        offline = _only(check_pdf_signatures(signed, anchors, now=LATER, online=False))
        online = _only(check_pdf_signatures(signed, anchors, now=LATER, online=True))
    finally:
        pki.act_at(None)
    assert offline.verdict is Verdict.VALID, offline.detail  # the timestamp proves it was signed before
    assert online.verdict is Verdict.VALID, online.detail


def test_without_a_timestamp_a_later_revocation_leaves_the_signature_unproven(
    pki: DemoPki, tokens: dict[str, SoftToken], anchors: tuple
):
    signed = _sign(_letter(), tokens["revoked-later"], pki, anchors, online=False)
    pki.act_at(LATER)
    try:
        finding = _only(check_pdf_signatures(signed, anchors, now=LATER, online=True))
    finally:
        pki.act_at(None)
    assert finding.verdict is Verdict.REVOKED, finding.detail
    assert finding.revoked_at == datetime(2027, 6, 1, tzinfo=UTC)


def test_a_basic_signature_is_unchecked_offline_and_checked_online(pki, tokens, anchors):
    signed = _sign(_letter(), tokens["chairman"], pki, anchors, online=False)
    offline = _only(check_pdf_signatures(signed, anchors, now=NOW, online=False))
    online = _only(check_pdf_signatures(signed, anchors, now=NOW, online=True))
    assert offline.verdict is Verdict.VALID_UNCHECKED and offline.revocation is RevocationSource.NONE
    assert not offline.timestamped
    assert online.verdict is Verdict.VALID and online.revocation is RevocationSource.ONLINE


def test_a_byte_changed_in_the_signed_range_is_a_change_after_signing(signed_letter, anchors):
    at = signed_letter.index(b"/MediaBox")
    tampered = signed_letter[:at] + b"/MediaBoy" + signed_letter[at + 9 :]
    assert _only(check_pdf_signatures(tampered, anchors, now=NOW, online=False)).verdict is Verdict.MODIFIED


def test_an_incremental_update_that_changes_the_page_is_a_change_after_signing(signed_letter, anchors):
    writer = IncrementalPdfFileWriter(io.BytesIO(signed_letter))
    drawing = generic.StreamObject(stream_data=b"BT /F1 40 Tf 100 400 Td (KHONG) Tj ET")
    writer.add_stream_to_page(0, writer.add_object(drawing))
    out = io.BytesIO()
    writer.write(out)
    finding = _only(check_pdf_signatures(out.getvalue(), anchors, now=NOW, online=False))
    assert finding.verdict is Verdict.MODIFIED
    assert not finding.whole_file


def test_a_second_signature_added_later_keeps_the_first_valid(signed_letter, pki, tokens, anchors):
    with open_token(tokens["agency"].module, tokens["agency"].pin, "agency") as session:
        stamp = agency_stamp("UBND Phường Sài Gòn", NOW)
        both = sign_pdf(signed_letter, session, stamp, anchors=anchors, timestamp_url=pki.timestamp_url, online=True)
    check = check_pdf_signatures(both.data, anchors, now=NOW, online=False)
    assert [finding.verdict for finding in check.findings] == [Verdict.VALID, Verdict.VALID]
    assert [finding.signer for finding in check.findings] == ["Nguyễn Văn An", "UBND Phường Sài Gòn"]
    assert [finding.field_name for finding in check.findings] == ["ChuKyNguoiKy", "ChuKyCoQuan"]


@pytest.mark.parametrize(
    ("holder", "offline", "online"),
    [
        ("expired", Verdict.EXPIRED, Verdict.EXPIRED),
        # Offline, a file with no revocation data cannot tell; online, the OCSP answer can.
        ("revoked", Verdict.VALID_UNCHECKED, Verdict.SIGNED_AFTER_REVOCATION),
        ("stranger", Verdict.UNTRUSTED, Verdict.UNTRUSTED),
    ],
)
def test_each_bad_certificate_has_its_own_verdict(holder, offline, online, pki, anchors):
    signed = _raw_sign(_letter(), pki, holder)  # as other software signs: Ward Desk refuses these certificates
    for connected, verdict in ((False, offline), (True, online)):
        finding = _only(check_pdf_signatures(signed, anchors, now=NOW, online=connected))
        assert finding.verdict is verdict, (connected, finding.detail)


@pytest.mark.parametrize(
    ("holder", "code", "online"),
    [
        ("revoked", "signing.certificate_revoked", True),
        ("expired", "signing.certificate_expired", True),
        ("stranger", "signing.certificate_untrusted", True),
        # offline, what can be known without the authority: validity dates and the chain
        ("expired", "signing.certificate_expired", False),
        ("stranger", "signing.certificate_untrusted", False),
    ],
)
def test_signing_with_a_bad_certificate_is_refused(holder, code, online, pki, tokens, anchors):
    token = tokens[holder]
    with open_token(token.module, token.pin, token.label) as session, pytest.raises(DomainError) as refused:
        stamp = signer_stamp("Trần Thị Bình", "Phó Chủ tịch", "UBND Phường Sài Gòn", NOW)
        sign_pdf(_letter(), session, stamp, anchors=anchors, timestamp_url=pki.timestamp_url, online=online)
    assert refused.value.code == code


def test_an_untrusted_root_is_untrusted_even_when_the_file_is_intact(signed_letter, pki):
    from app.trust_anchors import load_trust_anchors

    rogue = load_trust_anchors(b"".join([_pem(pki, "rogue")]))
    assert _only(check_pdf_signatures(signed_letter, rogue, now=NOW, online=False)).verdict is Verdict.UNTRUSTED


def _pem(pki: DemoPki, label: str) -> bytes:
    from asn1crypto import pem

    return pem.armor("CERTIFICATE", pki.certificate(label).dump())


def test_a_damaged_signature_value_is_invalid_not_a_crash(signed_letter, anchors):
    start = signed_letter.index(b"/Contents <") + len(b"/Contents <")
    damaged = signed_letter[:start] + b"30" + b"0" * 200 + signed_letter[start + 202 :]
    assert _only(check_pdf_signatures(damaged, anchors, now=NOW, online=False)).verdict is Verdict.INVALID


def test_a_malformed_signature_dictionary_is_invalid_not_a_crash(signed_letter, anchors):
    reader = PdfFileReader(io.BytesIO(signed_letter))
    writer = copy_into_new_writer(reader)
    field = writer.root["/AcroForm"]["/Fields"][0].get_object()
    signature = field["/V"].get_object()
    signature[pdf_name("/ByteRange")] = generic.ArrayObject([generic.NumberObject(0)])
    out = io.BytesIO()
    writer.write(out)
    check = check_pdf_signatures(out.getvalue(), anchors, now=NOW, online=False)
    assert check.verdict is Verdict.INVALID


def test_a_file_that_is_not_a_pdf_is_invalid_and_an_unsigned_pdf_has_no_verdict(anchors):
    broken = check_pdf_signatures(b"%PDF-1.7\nnot really", anchors, now=NOW, online=False)
    assert broken.unreadable and broken.verdict is Verdict.INVALID
    plain = check_pdf_signatures(_letter(), anchors, now=NOW, online=False)
    assert plain.findings == () and plain.verdict is None


def test_the_check_survives_its_own_storage(signed_letter, anchors):
    check = check_pdf_signatures(signed_letter, anchors, now=NOW, online=False)
    assert SignatureCheck.from_text(check.to_text()) == check


def pyhanko_validate(pdf: bytes, root_pem_file: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    """`pyhanko sign validate` (pyHanko's own command line: online, hard-fail) on ``pdf``."""
    cli = shutil.which("pyhanko", path=os.path.dirname(sys.executable)) or shutil.which("pyhanko")
    if cli is None:
        if os.environ.get("CI"):
            pytest.fail("pyhanko-cli is missing on CI")
        pytest.skip("pyhanko-cli is not installed")
    path = folder / "signed.pdf"
    path.write_bytes(pdf)
    command = [cli, "sign", "validate", "--trust", str(root_pem_file), "--trust-replace", "--pretty-print", str(path)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_pyhankos_own_validator_accepts_the_signed_file(signed_letter, root_pem_file: Path, tmp_path: Path):
    """An independent check: the file validates with pyHanko's own command-line validator."""
    result = pyhanko_validate(signed_letter, root_pem_file, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The signer's certificate is trusted." in result.stdout
    assert "The signature is cryptographically sound." in result.stdout


def test_a_damaged_signature_store_is_unreadable_not_a_crash(signed_letter, anchors):
    """A /DSS whose certificates are not streams makes pyHanko raise AttributeError deep inside."""
    writer = IncrementalPdfFileWriter(io.BytesIO(signed_letter))
    writer.root[pdf_name("/DSS")] = generic.DictionaryObject(
        {pdf_name("/Certs"): generic.ArrayObject([generic.NullObject()])}
    )
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    check = check_pdf_signatures(out.getvalue(), anchors, now=NOW, online=True)
    assert check.verdict is Verdict.INVALID


def test_a_comment_added_to_a_file_certified_for_form_filling_only_breaks_its_certification(pki, anchors):
    """Certified allowing form filling only (DocMDP 2), then a comment is added: not allowed."""
    from pyhanko.keys import load_private_key_from_pemder_data
    from pyhanko.sign import fields, signers
    from pyhanko.sign.fields import MDPPerm
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = load_private_key_from_pemder_data(pki.key_file("chairman").read_bytes(), passphrase=None)
    cert = pki.certificate("chairman")
    signer = signers.SimpleSigner(cert, key, SimpleCertificateStore.from_certs([cert, pki.certificate("gov")]))
    metadata = signers.PdfSignatureMetadata(field_name="ChungThuc", certify=True, docmdp_permissions=MDPPerm.FILL_FORMS,
                                            subfilter=fields.SigSeedSubFilter.PADES)  # fmt: skip
    certified = signers.PdfSigner(metadata, signer).sign_pdf(IncrementalPdfFileWriter(io.BytesIO(_letter())))
    writer = IncrementalPdfFileWriter(certified)
    page_ref, _ = writer.find_page_for_modification(0)
    comment = generic.DictionaryObject({
        pdf_name("/Type"): pdf_name("/Annot"), pdf_name("/Subtype"): pdf_name("/Text"),
        pdf_name("/Rect"): generic.ArrayObject([generic.NumberObject(n) for n in (100, 100, 120, 120)]),
        pdf_name("/Contents"): generic.TextStringObject("Sửa lại số liệu"),
    })  # fmt: skip
    page = page_ref.get_object()
    page[pdf_name("/Annots")] = generic.ArrayObject([writer.add_object(comment)])
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    finding = check_pdf_signatures(out.getvalue(), anchors, now=NOW, online=False).findings[0]
    assert finding.field_name == "ChungThuc" and finding.verdict is Verdict.MODIFIED, finding
    assert not finding.whole_file


def test_the_stamp_goes_between_the_signers_title_and_printed_name(signed_letter):
    """Decree 30 places the signature above the signer's name; the agency's over its left third."""
    from app.signature_placement import find_name

    name = find_name(signed_letter, "Nguyễn Văn An")
    assert name is not None
    reader = PdfFileReader(io.BytesIO(signed_letter))
    field = reader.root["/AcroForm"]["/Fields"][0].get_object()
    x0, y0, x1, y1 = (float(v) for v in field["/Rect"])
    assert name.y1 < y0 < y1 < name.y1 + 80  # just above the name, below the title
    assert x0 < (name.x0 + name.x1) / 2 < x1
    assert find_name(signed_letter, "Trần Văn Không Có") is None
    assert find_name(b"%PDF-1.7 broken", "Nguyễn Văn An") is None
