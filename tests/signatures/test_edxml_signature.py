"""The XML-DSig signature of an edXML envelope, made with keys of the test PKI (signxml signs, as a
sending system would) and checked by the desk: each verdict, offline and online."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from asn1crypto import pem
from lxml import etree
from signxml import XMLSigner, methods

from app.domain.edxml_signature import check_envelope_signature
from app.domain.signature_verdict import RevocationSource, Verdict
from central.demo_pki import DemoPki

SAMPLE = Path(__file__).parents[1] / "data" / "edxml" / "edoc_new.edxml"
NOW = datetime.now(UTC)


def unsigned_packet() -> bytes:
    """The standard's sample without its (unverifiable, non-XML-DSig) Signature element."""
    text = SAMPLE.read_text(encoding="utf-8")
    return re.sub(r"<Signature>.*?</Signature>", "", text, flags=re.DOTALL).encode()


def signed_packet(pki: DemoPki, holder: str, data: bytes | None = None) -> bytes:
    root = etree.fromstring(data or unsigned_packet())
    key = pki.key_file(holder).read_bytes()
    chain = [pem.armor("CERTIFICATE", pki.certificate(label).dump()).decode() for label in (holder, "gov")]
    signer = XMLSigner(method=methods.enveloped, signature_algorithm="rsa-sha256", digest_algorithm="sha256")
    return etree.tostring(signer.sign(root, key=key, cert=chain), xml_declaration=True, encoding="UTF-8")


def test_an_envelope_signed_by_an_agency_is_valid_online_and_unchecked_offline(pki: DemoPki, anchors):
    packet = signed_packet(pki, "agency")
    online = check_envelope_signature(packet, anchors, now=NOW, online=True)
    offline = check_envelope_signature(packet, anchors, now=NOW, online=False)
    assert online is not None and online.verdict is Verdict.VALID and online.revocation is RevocationSource.ONLINE
    assert (online.signer, online.organisation) == ("UBND Phường Sài Gòn", "UBND Phường Sài Gòn")
    assert offline is not None and offline.verdict is Verdict.VALID_UNCHECKED


def test_an_envelope_changed_after_signing_is_said_so(pki: DemoPki, anchors):
    packet = signed_packet(pki, "agency").replace(b"<edXML:CodeNumber>74", b"<edXML:CodeNumber>75", 1)
    assert packet != signed_packet(pki, "agency")
    finding = check_envelope_signature(packet, anchors, now=NOW, online=False)
    assert finding is not None and finding.verdict is Verdict.MODIFIED, finding


@pytest.mark.parametrize(
    ("holder", "verdict"),
    [("stranger", Verdict.UNTRUSTED), ("expired", Verdict.EXPIRED), ("revoked", Verdict.REVOKED)],
)
def test_each_bad_certificate_has_its_verdict(holder, verdict, pki: DemoPki, anchors):
    finding = check_envelope_signature(signed_packet(pki, holder), anchors, now=NOW, online=True)
    assert finding is not None and finding.verdict is verdict, finding


def test_a_damaged_signature_value_is_invalid(pki: DemoPki, anchors):
    packet = signed_packet(pki, "agency")
    damaged = re.sub(rb"<ds:SignatureValue>(.)", rb"<ds:SignatureValue>A\1", packet, count=1)
    damaged = damaged if damaged != packet else re.sub(rb"(SignatureValue>)(.)", rb"\1A", packet, count=1)
    finding = check_envelope_signature(damaged, anchors, now=NOW, online=False)
    assert finding is not None and finding.verdict is Verdict.INVALID, finding


def test_an_unsigned_packet_has_no_finding_and_the_samples_signature_is_not_xml_dsig(anchors):
    assert check_envelope_signature(unsigned_packet(), anchors, now=NOW, online=False) is None
    sample = check_envelope_signature(SAMPLE.read_bytes(), anchors, now=NOW, online=False)
    assert sample is not None and sample.verdict is Verdict.INVALID and "namespace" in sample.detail


def test_hostile_xml_is_a_verdict_not_a_crash(anchors):
    bomb = b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "bbbbbbbb"><!ENTITY c "&b;&b;&b;&b;">]><a>&c;</a>'
    for data in (b"not xml", bomb, b"<edXML><Signature xmlns='http://www.w3.org/2000/09/xmldsig#'/></edXML>"):
        finding = check_envelope_signature(data, anchors, now=NOW, online=False)
        assert finding is None or finding.verdict is Verdict.INVALID
