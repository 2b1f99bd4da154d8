"""edXML (QCVN 102:2016) reading and writing: real samples, messy input, hostile input, round trips."""

from __future__ import annotations

import base64
import hashlib
import xml.etree.ElementTree as StdET
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app.domain.edxml import read_document_packet, read_packet, read_status_packet
from app.domain.edxml_packets import (
    EDXML_NS,
    MAX_ATTACHMENTS,
    MAX_DEPTH,
    MAX_ELEMENTS,
    Attachment,
    DocumentPacket,
    EdxmlStatus,
    Organ,
    StaffInfo,
    StatusPacket,
    TraceEntry,
)
from app.domain.edxml_status_writer import write_status_packet, write_status_reply
from app.domain.errors import DomainError

DATA = Path(__file__).resolve().parent.parent / "data" / "edxml"
NS = {"e": EDXML_NS}


def sample(name: str) -> bytes:
    return (DATA / name).read_bytes()


def problem_codes(packet: DocumentPacket | StatusPacket) -> list[str]:
    return [problem.code for problem in packet.problems]


def refused(data: bytes, code: str, **kwargs: int) -> DomainError:
    with pytest.raises(DomainError) as info:
        read_packet(data, **kwargs)
    assert info.value.code == code, info.value.english()
    return info.value


# A minimal document packet; tests splice in message-header children and attachments.
_FROM = "<From><OrganId>000.00.00.H29</OrganId><OrganName>UBND TP.HCM</OrganName></From>"
_TO = "<To><OrganId>000.01.31.H29</OrganId><OrganName>UBND phường Bến Nghé</OrganName></To>"
_CODE = "<Code><CodeNumber>12</CodeNumber><CodeNotation>UBND-VP</CodeNotation></Code>"
_PROMULGATION = (
    "<PromulgationInfo><Place>TP.HCM</Place><PromulgationDate>2024/03/05</PromulgationDate></PromulgationInfo>"
)
_DOC_ID = "<DocumentId>000.00.00.H29,2024/03/05,12/UBND-VP</DocumentId>"
_SUBJECT = "<Subject>Về việc kiểm tra</Subject>"
_TYPE = "<DocumentType><Type>1</Type><TypeName>Công văn</TypeName></DocumentType>"


def document(
    message: str | None = None, *, outside: str = "", header: str = "", namespace: str = f' xmlns="{EDXML_NS}"'
) -> bytes:
    if message is None:
        message = _FROM + _TO + _DOC_ID + _CODE + _PROMULGATION + _TYPE + _SUBJECT
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><edXML{namespace}><edXMLEnvelope><edXMLHeader>'
        f"<MessageHeader>{message}</MessageHeader>{header}</edXMLHeader></edXMLEnvelope>{outside}"
        "</edXML>"
    ).encode()


def attachment(content: str, *, name: str = "a.pdf", content_id: str = "cid:1") -> str:
    return (
        f"<Attachment><ContentId>{content_id}</ContentId><AttachmentName>{name}</AttachmentName>"
        f"<ContentType>application/pdf</ContentType>{content}</Attachment>"
    )


_RESPONSE_FOR = (
    "<ResponseFor><OrganId>000.00.00.G22</OrganId><Code>7816/VPCP-TTĐT</Code>"
    "<PromulgationDate>2015/09/30</PromulgationDate>"
    "<DocumentId>000.00.00.G22,2015/09/30,7816/VPCP-TTĐT</DocumentId></ResponseFor>"
)


def status(message: str) -> bytes:
    return document(_FROM + message)


# ---------------------------------------------------------------- the real document sample


@pytest.fixture(scope="module")
def edoc() -> DocumentPacket:
    return read_document_packet(sample("edoc_new.edxml"))


def test_sample_document_sender_and_recipient(edoc: DocumentPacket) -> None:
    assert edoc.sender.organ_id == "000.00.00.A80"
    assert edoc.sender.name == "UBND xã Hòa Tiến - UBND huyện Hòa Vang - Thành phố Đà Nẵng"
    assert edoc.sender.address == "Số 1 Hoàng Hoa Thám, Quận Ba Đình, Hà Nội"
    assert edoc.sender.phone == "8043100"
    assert [organ.organ_id for organ in edoc.recipients] == ["28.22.H17"]
    assert edoc.recipients[0].name == "UBND xã Hòa Sơn - UBND huyện Hòa Vang - Thành phố Đà Nẵng"
    assert edoc.recipients[0].phone == "(84-4) 3821 5137"


def test_sample_document_metadata(edoc: DocumentPacket) -> None:
    assert edoc.document_id == "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"
    assert edoc.code_number == "74fass22"
    assert edoc.code_notation == "VPCP-TTĐT"
    assert edoc.number_notation == "74fass22/VPCP-TTĐT"
    assert edoc.place == "Hà Nội"
    assert edoc.promulgation_date == date(2019, 1, 16)
    assert (edoc.type_code, edoc.type_name) == ("1", "Công văn")
    assert edoc.subject == "V/v kết nối, liên thông phần mềm quản lý văn bản"
    assert edoc.content == "V/v kết nối, liên thông phần mềm quản lý văn bản"
    assert edoc.signer.competence == "TL. BO TRUONG"
    assert edoc.signer.position == "Cuc truong cuc ung dung cong nghe thong tin"
    assert edoc.signer.full_name == "Nguyen Thanh Phuc"
    assert edoc.due_date == date(2018, 9, 28)
    assert edoc.priority == 0
    assert edoc.steering_type == "1"
    assert edoc.to_places == ("Cac bo va co quan ngang bo", "Uy ban nhan dan cac tinh, TP")
    assert edoc.responds_to == ()
    assert edoc.has_signature is True


def test_sample_document_trace(edoc: DocumentPacket) -> None:
    assert edoc.trace == (TraceEntry("000.00.00.G22", datetime(2018, 9, 28, 0, 0, 0), "2018/09/28 00:00:00"),)
    assert edoc.business_doc_type == 0
    assert edoc.business_document_id == "000.00.00.G22,2014/02/30,7806/VPCP-TTĐT"


def test_sample_document_attachment_is_decoded(edoc: DocumentPacket) -> None:
    # Decode independently with the standard library (the sample is trusted) to check the module.
    root = StdET.fromstring(sample("edoc_new.edxml"))
    encoded = root.find("e:AttachmentEncoded/e:Attachment/e:ContentTransferEncoded", NS)
    assert encoded is not None and encoded.text
    expected = base64.b64decode(encoded.text)
    assert len(edoc.attachments) == 1
    found = edoc.attachments[0]
    assert found.name == "1896_QD-TTg_m_294779.doc"
    assert found.content_type == "application/zip"
    assert found.description == "1896_QD-TTg_m_294779.doc"
    assert found.content_id == "cid:209"
    assert found.data == expected
    assert found.size == len(expected) == 270823
    assert found.sha256 == hashlib.sha256(expected).hexdigest()
    assert found.sha256 == "7ab7c43a02a3cf2cedd14ebf2545a37e7a1307e0091b4ba94c2ef1e842a763aa"
    assert found.data[:4] == b"PK\x03\x04"  # labelled .doc but really a zip


def test_sample_document_problems(edoc: DocumentPacket) -> None:
    assert problem_codes(edoc) == [
        "edxml.bad_date",  # 2014/02/30 in the trace's Bussiness/DocumentId
        "edxml.odd_code_number",
        "edxml.document_id_code_mismatch",
        "edxml.document_id_date_mismatch",
        "edxml.due_before_promulgation",
    ]
    assert dict(edoc.problems[0].params) == {"field": "Bussiness/DocumentId", "value": "2014/02/30"}
    assert edoc.problems[2].english() == (
        "The document id says 7816/VPCP-TTĐT but the document number is 74fass22/VPCP-TTĐT."
    )


def test_sample_document_is_not_a_status_packet() -> None:
    with pytest.raises(DomainError) as info:
        read_status_packet(sample("edoc_new.edxml"))
    assert info.value.code == "edxml.not_status_packet"


# ---------------------------------------------------------------- the real status samples


@pytest.mark.parametrize(
    ("name", "expected_status", "description"),
    [
        (
            "status_acceptance_03.edxml",
            EdxmlStatus.ACCEPTED,
            "Văn thư cơ - Phòng Văn thư - Lưu trữ: Tiếp nhận văn bản điện tử, vào sổ văn bản đến của đơn vị",
        ),
        ("status_finish_06.edxml", EdxmlStatus.DONE, "Văn thư: Ban hành văn bản đến, hoàn thành xử lý"),
    ],
)
def test_sample_status_packets(name: str, expected_status: EdxmlStatus, description: str) -> None:
    packet = read_status_packet(sample(name))
    assert packet.status is expected_status
    assert packet.sender.organ_id == "000.00.00.H41"
    assert packet.sender.name == "UBND Tỉnh Nghệ An"
    assert packet.response_for_organ_id == "000.00.00.G22"
    assert packet.response_for_code == "7816/VPCP-TTĐT"
    assert packet.response_for_date == date(2015, 9, 30)
    assert packet.response_for_document_id == "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"
    assert packet.staff == StaffInfo("Phong hanh chinh", "Nguyen thi ngoc tram", "84912000001", "ngoctram@nghean.vn")
    assert packet.description == description
    assert packet.timestamp == datetime(2015, 9, 20, 11, 8, 36)
    assert packet.problems == ()


def test_status_sample_is_not_a_document() -> None:
    with pytest.raises(DomainError) as info:
        read_document_packet(sample("status_acceptance_03.edxml"))
    assert info.value.code == "edxml.not_document_packet"


def test_status_code_values() -> None:
    assert [s.value for s in EdxmlStatus] == ["01", "02", "03", "04", "05", "06", "13", "15", "16"]


# ---------------------------------------------------------------- hostile and invalid input


def test_billion_laughs_is_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
        b'<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
        + document(_FROM + _TO + _CODE + "<Subject>&d;</Subject>").split(b"?>", 1)[1]
    )
    refused(bomb, "edxml.dtd_forbidden")


def test_external_entity_is_refused() -> None:
    body = document(_FROM + _TO + _CODE + "<Subject>&x;</Subject>").split(b"?>", 1)[1]
    refused(
        b'<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + body, "edxml.dtd_forbidden"
    )


def test_external_dtd_is_refused() -> None:
    body = document().split(b"?>", 1)[1]
    refused(
        b'<?xml version="1.0"?><!DOCTYPE edXML SYSTEM "http://example.invalid/edxml.dtd">' + body, "edxml.dtd_forbidden"
    )


def test_too_large_is_refused_before_parsing() -> None:
    data = sample("status_finish_06.edxml")
    assert read_packet(data, max_bytes=len(data)).status is EdxmlStatus.DONE
    error = refused(data, "edxml.too_large", max_bytes=len(data) - 1)
    assert error.params == {"limit": len(data) - 1}
    # Garbage over the limit is refused for its size: the parser never sees it.
    refused(b"\x00garbage" * 100, "edxml.too_large", max_bytes=10)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "edxml.empty"),
        (b"  \r\n\t", "edxml.empty"),
        (b"PK\x03\x04 this is a zip, not xml", "edxml.not_xml"),
        (b"<edXML><unclosed></edXML>", "edxml.not_xml"),
        (b"<edXML xmlns:a='x'><b:c/></edXML>", "edxml.not_xml"),  # unbound prefix
        (b"<html><body>hello</body></html>", "edxml.not_edxml"),
        (b"<edXML xmlns='urn:other'><edXMLEnvelope/></edXML>", "edxml.not_edxml"),
        (b"<edXML><edXMLEnvelope><edXMLHeader/></edXMLEnvelope></edXML>", "edxml.no_message_header"),
        (document("<From><OrganId>x</OrganId></From>"), "edxml.unknown_kind"),
    ],
)
def test_invalid_input_is_refused(data: bytes, code: str) -> None:
    refused(data, code)


def test_non_utf8_declaration_is_refused() -> None:
    latin = document().replace(b"UTF-8", b"ISO-8859-1").replace("Về".encode(), b"\xe9")
    error = refused(latin, "edxml.unsupported_encoding")
    assert error.params == {"encoding": "ISO-8859-1"}
    refused(document().replace(b"UTF-8", b"bogus"), "edxml.unsupported_encoding")


def test_invalid_utf8_bytes_are_refused() -> None:
    refused(document().replace("Về".encode(), b"V\xff\xfe"), "edxml.invalid_encoding")
    refused(document().decode().replace("UTF-8", "UTF-16").encode("utf-16"), "edxml.invalid_encoding")


def test_deep_nesting_is_refused() -> None:
    deep = "<x>" * (MAX_DEPTH + 5) + "</x>" * (MAX_DEPTH + 5)
    refused(document(_FROM + _CODE + _SUBJECT + f"<OtherInfo>{deep}</OtherInfo>"), "edxml.too_deep")
    very_deep = b"<a>" * 200_000 + b"</a>" * 200_000  # must not blow the stack either
    refused(document(_FROM + _CODE + _SUBJECT).replace(b"</edXML>", very_deep + b"</edXML>"), "edxml.too_deep")


def test_deep_nesting_is_refused_while_parsing() -> None:
    """Refused at the level too deep, before the parser reads on: the broken rest is never reached."""
    deep = b"<x>" * (MAX_DEPTH + 1)
    refused(document(_FROM + _CODE + _SUBJECT).replace(b"</edXML>", deep + b"<<< not XML"), "edxml.too_deep")


def test_a_flood_of_elements_is_refused_while_parsing() -> None:
    """16.8 million empty elements took 3 GB before anything counted them. The count is kept while
    parsing: the packet is refused at element MAX_ELEMENTS + 1 (the broken rest is never reached)."""
    flood = "<e/>" * MAX_ELEMENTS
    error = refused(document(_FROM + _CODE + _SUBJECT + f"<ToPlaces>{flood}</ToPlaces><<< not XML"),
                    "edxml.too_many_elements")  # fmt: skip
    assert error.params == {"limit": MAX_ELEMENTS}
    packet = read_document_packet(document(_FROM + _CODE + _SUBJECT + "<ToPlaces>" + "<e/>" * 1000 + "</ToPlaces>"))
    assert packet.subject == "Về việc kiểm tra"  # a thousand spare elements are nothing unusual


def _with_attachments(count: int) -> bytes:
    content = "<ContentTransferEncoded>" + base64.b64encode(b"%PDF-1.4").decode() + "</ContentTransferEncoded>"
    files = "".join(attachment(content, name=f"{i}.pdf", content_id=f"cid:{i}") for i in range(count))
    return document(outside=f"<AttachmentEncoded>{files}</AttachmentEncoded>")


def test_more_attachments_than_the_limit_are_refused() -> None:
    assert len(read_document_packet(_with_attachments(MAX_ATTACHMENTS)).attachments) == MAX_ATTACHMENTS
    error = refused(_with_attachments(MAX_ATTACHMENTS + 1), "edxml.too_many_attachments")
    assert error.params == {"limit": MAX_ATTACHMENTS}


def test_utf8_is_checked_piece_by_piece_across_piece_boundaries() -> None:
    """The check reads 1 MiB at a time: a letter cut by a boundary is fine, a bad byte is found where it is."""
    piece = 1024 * 1024
    packets = [document(_FROM + _CODE + "<Subject>" + "a" * shift + "ệ" * (piece // 3) + "</Subject>")
               for shift in range(3)]  # fmt: skip
    assert any(0x80 <= data[piece] < 0xC0 for data in packets)  # "ệ" is three bytes: one is cut at the boundary
    for data in packets:
        assert read_document_packet(data).subject.endswith("ệ")
    bad = document(_FROM + _CODE + "<Subject>" + "a" * piece + "</Subject>").replace(b"aaaa</", b"a\xffa</")
    error = refused(bad, "edxml.invalid_encoding")
    assert error.params == {"position": bad.index(b"\xff")}


# ---------------------------------------------------------------- messy but readable documents


def test_minimal_document_reads_cleanly() -> None:
    packet = read_document_packet(document())
    assert packet.number_notation == "12/UBND-VP"
    assert packet.recipients[0].name == "UBND phường Bến Nghé"
    assert packet.promulgation_date == date(2024, 3, 5)
    assert packet.attachments == ()
    assert packet.has_signature is False
    assert packet.problems == ()


def test_no_namespace_and_odd_prefixes_are_tolerated() -> None:
    plain = read_document_packet(document(namespace=""))
    assert plain.subject == "Về việc kiểm tra"
    prefixed = (
        f'<q:edXML xmlns:q="{EDXML_NS}"><q:edXMLEnvelope><edXMLHeader><q:MessageHeader>'
        f'<From><q:OrganId>A</q:OrganId></From><k:Subject xmlns:k="{EDXML_NS}">S</k:Subject>'
        "</q:MessageHeader></edXMLHeader></q:edXMLEnvelope></q:edXML>"
    ).encode()
    packet = read_document_packet(prefixed)
    assert (packet.sender.organ_id, packet.subject) == ("A", "S")


def test_elements_in_a_foreign_namespace_are_ignored() -> None:
    packet = read_document_packet(
        document(_FROM + _CODE + '<Subject xmlns="urn:evil">forged</Subject><Subject>real</Subject>')
    )
    assert packet.subject == "real"
    assert "edxml.duplicate_element" not in problem_codes(packet)


def test_duplicated_element_keeps_the_first_and_reports() -> None:
    packet = read_document_packet(
        document(
            _FROM + _TO + _DOC_ID + _CODE + _PROMULGATION + _TYPE + "<Subject>first</Subject><Subject>second</Subject>"
        )
    )
    assert packet.subject == "first"
    assert problem_codes(packet) == ["edxml.duplicate_element"]
    assert dict(packet.problems[0].params) == {"element": "Subject"}


def test_impossible_dates_become_none_with_problems() -> None:
    packet = read_document_packet(
        document(
            _FROM
            + _TO
            + _CODE
            + _SUBJECT
            + "<PromulgationInfo><PromulgationDate>2019/02/30</PromulgationDate></PromulgationInfo>"
            + "<DueDate>soon</DueDate>",
            header="<TraceHeaderList><TraceHeader><OrganId>T</OrganId><Timestamp>2019/13/01 25:00:00"
            "</Timestamp></TraceHeader></TraceHeaderList>",
        )
    )
    assert packet.promulgation_date is None
    assert packet.due_date is None
    assert packet.trace == (TraceEntry("T", None, "2019/13/01 25:00:00"),)
    bad = [(p.code, p.params["value"]) for p in packet.problems if p.code.startswith("edxml.bad_")]
    assert bad == [
        ("edxml.bad_date", "2019/02/30"),
        ("edxml.bad_timestamp", "2019/13/01 25:00:00"),
        ("edxml.bad_date", "soon"),
    ]


@pytest.mark.parametrize(("raw", "expected"), [("4", 4), ("0", 0), ("5", None), ("high", None), ("", None)])
def test_priority_range(raw: str, expected: int | None) -> None:
    packet = read_document_packet(
        document(_FROM + _CODE + _SUBJECT + f"<OtherInfo><Priority>{raw}</Priority></OtherInfo>")
    )
    assert packet.priority == expected
    assert ("edxml.bad_number" in problem_codes(packet)) == (raw in ("5", "high"))


def test_business_doc_type_out_of_range_is_reported() -> None:
    packet = read_document_packet(
        document(
            header="<TraceHeaderList><Bussiness><BussinessDocType>9</BussinessDocType></Bussiness></TraceHeaderList>"
        )
    )
    assert packet.business_doc_type is None
    assert problem_codes(packet) == ["edxml.bad_number"]


def test_document_without_subject_and_code_is_refused() -> None:
    refused(document(_FROM + _TO + _DOC_ID + "<Subject>  </Subject>"), "edxml.unusable_document")


def test_document_with_only_a_code_is_read_with_problems() -> None:
    packet = read_document_packet(document(_CODE))
    assert packet.number_notation == "12/UBND-VP"
    assert [p.params.get("field") for p in packet.problems] == [
        "PromulgationInfo/PromulgationDate",
        "From/OrganId",
        "From/OrganName",
        "DocumentId",
        "Subject",
        "To",
        "DocumentType",
    ]


def test_malformed_document_id_is_reported() -> None:
    packet = read_document_packet(
        document(_FROM + _TO + _CODE + _SUBJECT + _TYPE + _PROMULGATION + "<DocumentId>just-a-number</DocumentId>")
    )
    assert packet.document_id == "just-a-number"
    assert problem_codes(packet) == ["edxml.bad_document_id"]


def test_attachments_good_broken_and_missing() -> None:
    good = base64.b64encode("nội dung".encode()).decode()
    wrapped = "\n".join([good[:4], good[4:]])  # line breaks inside base64 are allowed
    packet = read_document_packet(
        document(
            header="<Signature xmlns='http://www.w3.org/2000/09/xmldsig#'><SignatureValue>x</SignatureValue>"
            "</Signature>",
            outside="<AttachmentEncoded>"
            + attachment(f"<ContentTransferEncoded>{wrapped}</ContentTransferEncoded>")
            # "*" would be silently dropped by a lenient decoder, leaving valid base64
            + attachment(
                "<ContentTransferEncoded>QUJD*RA==</ContentTransferEncoded>", name="broken.pdf", content_id="cid:2"
            )
            + attachment(
                f"<ContentTransferEncoded>base64</ContentTransferEncoded><Value>{good}</Value>",
                name="value-form.pdf",
                content_id="cid:3",
            )
            + "</AttachmentEncoded>",
        ).replace(
            b"</edXMLHeader>",
            b"</edXMLHeader><edXMLBody><edXMLManifest><Reference>"
            b"<ContentId>cid:9</ContentId><AttachmentName>lost.pdf</AttachmentName>"
            b"</Reference></edXMLManifest></edXMLBody>",
        )
    )
    assert [(a.name, a.data) for a in packet.attachments] == [
        ("a.pdf", "nội dung".encode()),
        ("value-form.pdf", "nội dung".encode()),
    ]
    assert packet.attachments[0].size == len("nội dung".encode())
    assert [(p.code, p.params["name"]) for p in packet.problems] == [
        ("edxml.attachment_bad_base64", "broken.pdf"),
        ("edxml.attachment_missing", "lost.pdf"),
    ]
    assert packet.has_signature is True


@pytest.mark.parametrize(
    "content",
    [
        "<ContentTransferEncoded/>",
        "<ContentTransferEncoded>base64</ContentTransferEncoded>",  # encoding named, content missing
        "<ContentTransferEncoded>base64</ContentTransferEncoded><Value> </Value>",
    ],
)
def test_empty_attachment_is_reported_and_omitted(content: str) -> None:
    packet = read_document_packet(document(outside=f"<AttachmentEncoded>{attachment(content)}</AttachmentEncoded>"))
    assert packet.attachments == ()
    assert problem_codes(packet) == ["edxml.attachment_empty"]


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\win.ini", "win.ini"),
        ("CON.txt", "_CON.txt"),
        ("bad:na*me?.pdf", "bad_na_me_.pdf"),
        ("..", "attachment"),
        ("Quyết định 12.pdf", "Quyết định 12.pdf"),
    ],
)
def test_attachment_safe_file_name(name: str, safe: str) -> None:
    assert Attachment(name, "", "", "", b"").safe_file_name == safe


# ---------------------------------------------------------------- messy status packets


def test_status_without_response_for_is_refused() -> None:
    refused(status("<StatusCode>03</StatusCode>"), "edxml.missing_response_for")


def test_status_missing_pieces_are_refused() -> None:
    refused(status(_RESPONSE_FOR), "edxml.missing_status_code")
    refused(
        status("<ResponseFor><OrganId>X</OrganId></ResponseFor><StatusCode>03</StatusCode>"),
        "edxml.missing_response_for",
    )
    error = refused(status(_RESPONSE_FOR + "<StatusCode>99</StatusCode>"), "edxml.unknown_status")
    assert error.params == {"value": "99"}


def test_status_code_without_leading_zero_and_bad_timestamp() -> None:
    packet = read_status_packet(
        status(_RESPONSE_FOR + "<StatusCode>3</StatusCode><Timestamp>2015/09/31 10:00:00</Timestamp>")
    )
    assert packet.status is EdxmlStatus.ACCEPTED
    assert packet.timestamp is None
    assert problem_codes(packet) == ["edxml.bad_timestamp"]


# ---------------------------------------------------------------- writing status packets

SENDER = Organ("000.01.31.H29", "UBND phường Bến Nghé", "UBND Quận 1", "29 Đinh Tiên Hoàng", "bn@tphcm.gov.vn")
STAFF = StaffInfo("Văn phòng", "Trần Thị Bích", "0909000111", "")


def write_example(
    status_value: EdxmlStatus = EdxmlStatus.ACCEPTED,
    description: str = "Đã nhận <bản gốc> & vào sổ",
    **overrides: object,
) -> bytes:
    values: dict[str, object] = {
        "sender": SENDER,
        "response_for_organ_id": "000.00.00.G22",
        "response_for_code": "7816/VPCP-TTĐT",
        "response_for_date": date(2015, 9, 30),
        "response_for_document_id": "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT",
        "staff": STAFF,
        "status": status_value,
        "description": description,
        "timestamp": datetime(2024, 3, 5, 14, 7, 9),
    }
    values.update(overrides)
    return write_status_packet(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize("status_value", list(EdxmlStatus))
def test_written_status_packet_round_trips(status_value: EdxmlStatus) -> None:
    assert read_status_packet(write_example(status_value)) == StatusPacket(
        sender=SENDER,
        response_for_organ_id="000.00.00.G22",
        response_for_code="7816/VPCP-TTĐT",
        response_for_date=date(2015, 9, 30),
        response_for_document_id="000.00.00.G22,2015/09/30,7816/VPCP-TTĐT",
        staff=STAFF,
        status=status_value,
        description="Đã nhận <bản gốc> & vào sổ",
        timestamp=datetime(2024, 3, 5, 14, 7, 9),
        problems=(),
    )


def test_written_status_packet_escapes_and_encodes_utf8() -> None:
    data = write_example()
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    assert "Đã nhận &lt;bản gốc&gt; &amp; vào sổ".encode() in data
    assert f'<edXML xmlns="{EDXML_NS}">'.encode() in data
    assert b"<StatusCode>03</StatusCode>" in data
    assert b"<Timestamp>2024/03/05 14:07:09</Timestamp>" in data
    assert b"<PromulgationDate>2015/09/30</PromulgationDate>" in data


def test_written_status_packet_follows_spec_order() -> None:
    root = StdET.fromstring(write_example())
    message = root.find("e:edXMLEnvelope/e:edXMLHeader/e:MessageHeader", NS)
    assert message is not None
    local = [child.tag.split("}")[1] for child in message]
    assert local == ["From", "ResponseFor", "StaffInfo", "StatusCode", "Description", "Timestamp"]
    response = message.find("e:ResponseFor", NS)
    assert response is not None
    assert [c.tag.split("}")[1] for c in response] == ["OrganId", "Code", "PromulgationDate", "DocumentId"]
    staff = message.find("e:StaffInfo", NS)
    assert staff is not None
    assert [c.tag.split("}")[1] for c in staff] == ["Department", "Staff", "Mobile"]  # empty Email left out


def test_aware_timestamp_is_written_in_vietnam_time() -> None:
    packet = read_status_packet(write_example(timestamp=datetime(2024, 3, 5, 7, 0, 0, 500, tzinfo=UTC)))
    assert packet.timestamp == datetime(2024, 3, 5, 14, 0, 0)


def test_writer_refuses_what_xml_cannot_carry() -> None:
    with pytest.raises(DomainError) as info:
        write_example(description="bell\x07")
    assert info.value.code == "edxml.invalid_character"
    assert info.value.params == {"field": "Description", "codepoint": "0007"}
    with pytest.raises(DomainError) as info:
        write_example(sender=Organ(" "))
    assert info.value.code == "edxml.missing_sender"
    with pytest.raises(DomainError) as info:
        write_example(response_for_document_id="", response_for_code="")
    assert info.value.code == "edxml.missing_response_for"


def test_status_reply_to_the_sample_document(edoc: DocumentPacket) -> None:
    reply = read_status_packet(
        write_status_reply(
            edoc,
            sender=SENDER,
            staff=STAFF,
            status=EdxmlStatus.ARRIVED,
            description="Đã đến",
            timestamp=datetime(2024, 1, 2, 3, 4, 5),
        )
    )
    assert reply.response_for_organ_id == "000.00.00.G22"
    assert reply.response_for_code == "74fass22/VPCP-TTĐT"
    assert reply.response_for_date == date(2019, 1, 16)
    assert reply.response_for_document_id == "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"
    assert reply.status is EdxmlStatus.ARRIVED
    assert reply.problems == ()
