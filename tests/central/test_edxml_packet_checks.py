"""POST /v1/edxml over real HTTP: the document's type is kept, and a packet with no usable sender or an
impossible date is refused in both languages with nothing stored."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from central.models import Document
from tests.central.conftest import WARD_A, ApiClient, Central
from tests.central.test_edxml_endpoint import SAMPLE_DOCUMENT_ID, _assert_refused, _counts, _document_to, _post

SAMPLE_FROM_ID = b"<edXML:OrganId>000.00.00.A80</edXML:OrganId>"
SAMPLE_FROM_NAME = re.compile(rb"<edXML:OrganName>UBND x\xc3\xa3 H\xc3\xb2a Ti\xe1\xba\xbfn[^<]*</edXML:OrganName>")
SAMPLE_TYPE = b"<edXML:Type>1</edXML:Type>"
SAMPLE_TYPE_NAME = "<edXML:TypeName>Công văn</edXML:TypeName>".encode()
SAMPLE_DATE = b"<edXML:PromulgationDate>2019/01/16</edXML:PromulgationDate>"


def _packet(*replacements: tuple[bytes, bytes], document_id: str = "000.00.00.A80,2019/01/16,9/X") -> bytes:
    data = _document_to(WARD_A)
    assert data.count(SAMPLE_DOCUMENT_ID.encode()) == 1
    data = data.replace(SAMPLE_DOCUMENT_ID.encode(), document_id.encode())
    for old, new in replacements:
        assert data.count(old) >= 1, old
        data = data.replace(old, new, 1)
    return data


def _stored(central: Central, document_id: str) -> Document:
    with central.service.sessions() as session:
        document = session.scalar(select(Document).where(Document.edxml_document_id == document_id))
        assert document is not None
        session.expunge(document)
        return document


def test_the_real_sample_is_stored_as_a_letter(central: Central, axis: ApiClient) -> None:
    response = _post(axis, _document_to(WARD_A))
    assert response.status_code == 200, response.text
    assert _stored(central, SAMPLE_DOCUMENT_ID).doc_type == "CV"


@pytest.mark.parametrize(
    ("type_code", "type_name", "expected"),
    [("1", "Quyết định", "QĐ"), ("3", "", "QĐ"), ("1", "Kế hoạch", "KH"), ("77", "Sắc lệnh", "Sắc lệnh")],
)
def test_the_packets_type_becomes_the_documents_type(
    central: Central, axis: ApiClient, type_code: str, type_name: str, expected: str
) -> None:
    document_id = f"000.00.00.A80,2019/01/16,{type_code}/{expected}"
    data = _packet(
        (SAMPLE_TYPE, f"<edXML:Type>{type_code}</edXML:Type>".encode()),
        (SAMPLE_TYPE_NAME, f"<edXML:TypeName>{type_name}</edXML:TypeName>".encode()),
        document_id=document_id,
    )
    response = _post(axis, data)
    assert response.status_code == 200, response.text
    assert _stored(central, document_id).doc_type == expected
    problems = {p["code"] for p in response.json()["problems"]}
    assert ("edxml.unknown_document_type" in problems) is (expected == "Sắc lệnh")


NO_FROM_ID = (SAMPLE_FROM_ID, b"")
BAD_FROM_ID = (SAMPLE_FROM_ID, "<edXML:OrganId>UBND xã Hòa Tiến</edXML:OrganId>".encode())


@pytest.mark.parametrize(
    ("replacement", "code", "vi"),
    [
        (NO_FROM_ID, "edxml.no_sender", "cơ quan gửi"),
        (BAD_FROM_ID, "edxml.bad_sender", "không hợp lệ"),
        ((SAMPLE_DATE, b"<edXML:PromulgationDate>2026/11/27</edXML:PromulgationDate>"), "edxml.issued_in_future",
         "sau ngày hôm nay"),
        ((SAMPLE_DATE, b"<edXML:PromulgationDate>1900/01/16</edXML:PromulgationDate>"), "edxml.issued_too_early",
         "trước năm 1945"),
    ],
    ids=["no-sender", "malformed-sender", "future", "before-1945"],
)  # fmt: skip
def test_a_packet_to_return_is_refused_in_both_languages(
    central: Central, axis: ApiClient, replacement: tuple[bytes, bytes], code: str, vi: str
) -> None:
    before = _counts(central)
    body = _assert_refused(_post(axis, _packet(replacement)), 422, code)
    assert vi in body["message"]["vi"]
    assert "edXML" not in body["message"]["vi"] or "Gói tin" in body["message"]["vi"]
    assert _counts(central) == before


def test_a_sender_without_a_name_is_named_never_left_empty(central: Central, axis: ApiClient) -> None:
    document_id = "000.00.00.H29,2019/01/16,5/UBND-VP"
    data = _packet((SAMPLE_FROM_ID, b"<edXML:OrganId>000.00.00.H29</edXML:OrganId>"), document_id=document_id)
    data = SAMPLE_FROM_NAME.sub(b"", data, count=1)
    response = _post(axis, data)
    assert response.status_code == 200, response.text
    assert "From/OrganName" in {p["message"].split("no ")[-1].rstrip(".") for p in response.json()["problems"]}
    stored = _stored(central, document_id)
    assert stored.issuing_agency_code == "000.00.00.H29"
    assert stored.issuing_agency_name == "Ủy ban nhân dân Thành phố Hồ Chí Minh"  # from the directory
    assert stored.trail[0]["by"] == stored.issuing_agency_name
