"""Writing edXML document packets (QCVN 102:2016): round trips of every kind, Vietnamese text in every
field, attachments byte for byte, priorities, refusals, and the standard's element order."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as StdET
from datetime import UTC, date, datetime, time
from typing import Any

import pytest

from app.domain.edxml import read_document_packet
from app.domain.edxml_document_writer import document_id, trace_entry, write_document_packet
from app.domain.edxml_packets import (
    EDXML_NS,
    Attachment,
    DocumentPacket,
    Organ,
    PacketKind,
    ReceiverChange,
    Replacement,
    Signer,
    StaffInfo,
)
from app.domain.errors import DomainError

NS = {"e": EDXML_NS}
SENDER = Organ(
    "000.01.31.H29",
    "UBND phường Bến Nghé",
    "UBND Quận 1",
    "29 Đinh Tiên Hoàng, phường Bến Nghé",
    "bennghe@tphcm.gov.vn",
    "028 3829 0000",
    "028 3829 0001",
    "bennghe.tphcm.gov.vn",
)
RECIPIENTS = (
    Organ("000.00.00.H29", "UBND Thành phố Hồ Chí Minh", "Văn phòng UBND Thành phố"),
    Organ("000.02.31.H29", "UBND phường Đa Kao", "Ủy ban nhân dân Quận 1", "Số 2 Mai Thị Lựu"),
)
ISSUED = date(2024, 3, 5)
DOC_ID = document_id("000.01.31.H29", ISSUED, "125/UBND-VP")
OLD_IDS = ("000.01.31.H29,2024/02/01,98/UBND-VP", "000.01.31.H29,2024/01/15,41/UBND-VP")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
BLOB = bytes(range(256)) * 3 + b"\x00\xff\r\n\r"


def make_packet(**overrides: Any) -> DocumentPacket:
    values: dict[str, Any] = {
        "sender": SENDER,
        "recipients": RECIPIENTS,
        "document_id": DOC_ID,
        "code_number": "125",
        "code_notation": "UBND-VP",
        "place": "Thành phố Hồ Chí Minh",
        "promulgation_date": ISSUED,
        "type_code": "1",
        "type_name": "Công văn",
        "subject": "Về việc rà soát hồ sơ đất đai <khẩn> & báo cáo",
        "content": "Đề nghị các đơn vị rà soát.\nBáo cáo trước ngày 15/3.",
        "signer": Signer("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Đức"),
        "due_date": date(2024, 3, 15),
        "priority": 1,
        "steering_type": "1",
        "to_places": ("Như trên", "Lưu: VT, Văn phòng"),
        "responds_to": ("000.00.00.H29,2024/02/20,501/UBND-ĐT",),
        "trace": (trace_entry("000.01.31.H29", datetime(2024, 3, 5, 9, 15, 30)),),
        "business_doc_type": 0,
        "business_document_id": DOC_ID,
        "attachments": (),
        "has_signature": False,
        "problems": (),
        "business_reason": "Văn bản điện tử mới",
        "business_staff": StaffInfo("Văn thư", "Trần Thị Bích Ngọc", "0909000111", "vanthu@tphcm.gov.vn"),
        "paper": 0,
    }
    values.update(overrides)
    return DocumentPacket(**values)


def round_trip(packet: DocumentPacket) -> DocumentPacket:
    return read_document_packet(write_document_packet(packet))


def refused(code: str, **overrides: Any) -> DomainError:
    with pytest.raises(DomainError) as info:
        write_document_packet(make_packet(**overrides))
    assert info.value.code == code, info.value.english()
    return info.value


def local_names(element: StdET.Element) -> list[str]:
    return [child.tag.split("}")[1] for child in element]


# ---------------------------------------------------------------- round trips, one per kind

KINDS: dict[str, dict[str, Any]] = {
    "new": {},
    "revoke": {
        "business_doc_type": 1,
        "business_reason": "Thu hồi văn bản do ban hành nhầm",
        "business_document_id": OLD_IDS[0],
    },
    "update": {
        "business_doc_type": 2,
        "business_reason": "Cập nhật nơi nhận văn bản",
        "update_info": False,
        "update_receivers": True,
        "changed_receivers": (ReceiverChange("000.00.00.H41", 0), ReceiverChange("000.02.31.H29", 1)),
    },
    "replace": {
        "business_doc_type": 3,
        "business_reason": "Văn bản thay thế văn bản số 98 và số 41",
        "replacements": (
            Replacement(OLD_IDS[0], ("000.00.00.H29", "000.02.31.H29")),
            Replacement(OLD_IDS[1], ("000.00.00.H29",)),
        ),
    },
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_round_trip_of_each_kind(kind: str) -> None:
    packet = make_packet(**KINDS[kind])
    back = round_trip(packet)
    assert back == packet
    assert back.kind is PacketKind(kind)
    assert back.problems == ()


def test_replace_lists_both_replaced_ids() -> None:
    assert round_trip(make_packet(**KINDS["replace"])).replaces == OLD_IDS


def test_minimal_packet_round_trips() -> None:
    packet = make_packet(
        recipients=RECIPIENTS[:1],
        content="",
        signer=Signer("", "", "Lê Thị Hoa"),
        due_date=None,
        priority=None,
        steering_type="",
        to_places=(),
        responds_to=(),
        trace=(),
        business_document_id="",
        business_reason="",
        business_staff=None,
        paper=None,
    )
    assert round_trip(packet) == packet


def test_unstated_business_type_is_written_as_new() -> None:
    back = round_trip(make_packet(business_doc_type=None))
    assert (back.business_doc_type, back.kind) == (0, PacketKind.NEW)


def test_vietnamese_text_is_utf8_and_escaped() -> None:
    data = write_document_packet(make_packet())
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    assert "Về việc rà soát hồ sơ đất đai &lt;khẩn&gt; &amp; báo cáo".encode() in data
    assert "<FullName>Nguyễn Văn Đức</FullName>".encode() in data


# ---------------------------------------------------------------- attachments


def test_attachments_round_trip_byte_for_byte() -> None:
    attachments = (
        Attachment("Công văn 125.pdf", "application/pdf", "Văn bản chính", "cid:1", PDF),
        Attachment("dữ liệu.bin", "application/octet-stream", "", "cid:2", BLOB),
    )
    back = round_trip(make_packet(attachments=attachments))
    assert back.attachments == attachments
    assert [a.data for a in back.attachments] == [PDF, BLOB]
    assert back.problems == ()


@pytest.mark.parametrize(
    ("attachments", "code"),
    [
        ((Attachment("a.pdf", "", "", "cid:1", b""),), "edxml.attachment_empty"),
        ((Attachment("a.pdf", "", "", "", PDF),), "edxml.bad_content_id"),
        ((Attachment("a", "", "", "cid:1", PDF), Attachment("b", "", "", "cid:1", PDF)), "edxml.bad_content_id"),
        ((Attachment("", "", "", "cid:1", PDF),), "edxml.missing_field"),
    ],
)
def test_bad_attachments_are_refused(attachments: tuple[Attachment, ...], code: str) -> None:
    refused(code, attachments=attachments)


# ---------------------------------------------------------------- priorities and the set time


@pytest.mark.parametrize("priority", [0, 1, 2, 3, 4])
def test_priorities_round_trip(priority: int) -> None:
    packet = make_packet(priority=priority)
    assert round_trip(packet).priority == priority


def test_flash_with_a_set_time_carries_the_time_on_the_due_date() -> None:
    packet = make_packet(priority=4, due_date=date(2024, 3, 6), due_time=time(16, 30))
    data = write_document_packet(packet)
    assert b"<DueDate>2024/03/06 16:30:00</DueDate>" in data
    assert round_trip(packet) == packet


def test_bad_priority_and_due_time_are_refused() -> None:
    refused("edxml.bad_priority", priority=5)
    refused("edxml.due_time_without_date", priority=4, due_date=None, due_time=time(9, 0))


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    "overrides",
    [
        {"subject": "chuông\x07"},
        {"content": "a\x00b"},
        {"sender": dataclasses.replace(SENDER, name="UBND\x1b")},
        {"to_places": ("Như trên\x0c",)},
        {"business_reason": "lý do\x01"},
        {"signer": Signer("", "", "Tên\ufffe")},
        {"attachments": (Attachment("tệp\x02.pdf", "", "", "cid:1", PDF),)},
    ],
)
def test_illegal_characters_are_refused(overrides: dict[str, Any]) -> None:
    refused("edxml.invalid_character", **overrides)


def test_missing_essentials_are_refused() -> None:
    refused("edxml.missing_sender", sender=Organ(" "))
    for overrides, field in [
        ({"recipients": ()}, "To"),
        ({"recipients": (Organ(""),)}, "To/OrganId"),
        ({"document_id": ""}, "DocumentId"),
        ({"code_number": ""}, "Code/CodeNumber"),
        ({"subject": " "}, "Subject"),
        ({"promulgation_date": None}, "PromulgationInfo/PromulgationDate"),
    ]:
        assert refused("edxml.missing_field", **overrides).params == {"field": field}


def test_inconsistent_business_parts_are_refused() -> None:
    refused("edxml.bad_replacement", business_doc_type=3)
    refused("edxml.bad_replacement", replacements=(Replacement(OLD_IDS[0]),))
    refused("edxml.bad_update", update_info=True)
    refused("edxml.bad_update", changed_receivers=(ReceiverChange("X", 1),))
    refused("edxml.bad_receiver_type", business_doc_type=2, changed_receivers=(ReceiverChange("X", None),))
    refused("edxml.bad_business_type", business_doc_type=4)
    refused("edxml.bad_paper", paper=2)


def test_document_id_helper() -> None:
    assert DOC_ID == "000.01.31.H29,2024/03/05,125/UBND-VP"
    assert document_id(" 000.00.00.G22 ", date(2015, 9, 30), "7816/VPCP-TTĐT") == (
        "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"
    )
    for organ, number in (("", "1/UBND"), ("A", " "), ("A,B", "1/UBND"), ("A", "1,2/UBND")):
        with pytest.raises(DomainError):
            document_id(organ, ISSUED, number)


def test_trace_entry_helper_converts_aware_times() -> None:
    entry = trace_entry("X", datetime(2024, 3, 5, 2, 15, 30, 999, tzinfo=UTC))
    assert entry.timestamp == datetime(2024, 3, 5, 9, 15, 30)
    assert entry.raw_timestamp == "2024/03/05 09:15:30"


# ---------------------------------------------------------------- the standard's element order


def test_element_order_follows_the_standard() -> None:
    attachments = (Attachment("a.pdf", "application/pdf", "Văn bản", "cid:1", PDF),)
    root = StdET.fromstring(write_document_packet(make_packet(**KINDS["update"], attachments=attachments)))
    assert local_names(root) == ["edXMLEnvelope", "AttachmentEncoded"]
    envelope = root.find("e:edXMLEnvelope", NS)
    assert envelope is not None and local_names(envelope) == ["edXMLHeader", "edXMLBody"]
    header = envelope.find("e:edXMLHeader", NS)
    assert header is not None and local_names(header) == ["MessageHeader", "TraceHeaderList"]  # no Signature
    message = header.find("e:MessageHeader", NS)
    assert message is not None
    assert local_names(message) == [
        "From",
        "To",
        "To",
        "DocumentId",
        "Code",
        "PromulgationInfo",
        "DocumentType",
        "Subject",
        "Content",
        "SignerInfo",
        "DueDate",
        "OtherInfo",
        "SteeringType",
        "ToPlaces",
        "ResponseFor",
    ]
    children = {name: message.find(f"e:{name}", NS) for name in ("From", "PromulgationInfo", "ResponseFor")}
    assert local_names(children["From"]) == [  # type: ignore[arg-type]
        "OrganId",
        "OrganName",
        "OrganizationInCharge",
        "OrganAdd",
        "Email",
        "Telephone",
        "Fax",
        "Website",
    ]
    assert local_names(children["PromulgationInfo"]) == ["Place", "PromulgationDate"]  # type: ignore[arg-type]
    assert local_names(children["ResponseFor"]) == [  # type: ignore[arg-type]
        "OrganId",
        "Code",
        "PromulgationDate",
        "DocumentId",
    ]
    trace = header.find("e:TraceHeaderList", NS)
    assert trace is not None and local_names(trace) == ["TraceHeader", "Bussiness"]
    business = trace.find("e:Bussiness", NS)
    assert business is not None
    assert local_names(business) == [
        "BussinessDocType",
        "BussinessDocReason",
        "BussinessDocumentInfo",
        "DocumentId",
        "StaffInfo",
        "Paper",
    ]
    info = business.find("e:BussinessDocumentInfo", NS)
    assert info is not None and local_names(info) == ["DocumentInfo", "DocumentReceiver", "ReceiverList"]
    receiver = info.find("e:ReceiverList/e:Receiver", NS)
    assert receiver is not None and local_names(receiver) == ["ReceiverType", "OrganId"]
    reference = envelope.find("e:edXMLBody/e:edXMLManifest/e:Reference", NS)
    assert reference is not None
    assert local_names(reference) == ["ContentId", "AttachmentName", "Description", "ContentType"]
    attachment = root.find("e:AttachmentEncoded/e:Attachment", NS)
    assert attachment is not None
    assert local_names(attachment) == [
        "ContentId",
        "AttachmentName",
        "Description",
        "ContentType",
        "ContentTransferEncoded",
    ]


def test_replacement_list_comes_last_in_business() -> None:
    root = StdET.fromstring(write_document_packet(make_packet(**KINDS["replace"])))
    business = root.find("e:edXMLEnvelope/e:edXMLHeader/e:TraceHeaderList/e:Bussiness", NS)
    assert business is not None
    assert local_names(business)[-1] == "ReplacementInfoList"
    info = business.find("e:ReplacementInfoList/e:ReplacementInfo", NS)
    assert info is not None and local_names(info) == ["DocumentId", "OrganIdList"]
