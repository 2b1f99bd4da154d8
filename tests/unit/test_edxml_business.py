"""edXML (QCVN 102:2016) business part: revoke, update and replace packets, both spellings, a flash
document's set time, and what is malformed in them."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from app.domain.edxml import read_document_packet
from app.domain.edxml_packets import (
    EDXML_NS,
    DocumentPacket,
    PacketKind,
    ReceiverChange,
    Replacement,
    StaffInfo,
)

DATA = Path(__file__).resolve().parent.parent / "data" / "edxml"

_MESSAGE = (
    "<From><OrganId>000.00.00.H29</OrganId><OrganName>UBND TP.HCM</OrganName></From>"
    "<To><OrganId>000.01.31.H29</OrganId><OrganName>UBND phường Bến Nghé</OrganName></To>"
    "<DocumentId>000.00.00.H29,2024/03/05,12/UBND-VP</DocumentId>"
    "<Code><CodeNumber>12</CodeNumber><CodeNotation>UBND-VP</CodeNotation></Code>"
    "<PromulgationInfo><Place>TP.HCM</Place><PromulgationDate>2024/03/05</PromulgationDate></PromulgationInfo>"
    "<DocumentType><Type>1</Type><TypeName>Công văn</TypeName></DocumentType>"
    "<Subject>Về việc kiểm tra</Subject>"
)
_OLD_ID = "000.00.00.H29,2024/02/01,7/UBND-VP"


def packet(business: str, *, extra: str = "") -> DocumentPacket:
    data = (
        f'<edXML xmlns="{EDXML_NS}"><edXMLEnvelope><edXMLHeader><MessageHeader>{_MESSAGE}{extra}</MessageHeader>'
        f"<TraceHeaderList>{business}</TraceHeaderList></edXMLHeader></edXMLEnvelope></edXML>"
    ).encode()
    return read_document_packet(data)


def codes(found: DocumentPacket) -> list[str]:
    return [problem.code for problem in found.problems]


def test_sample_business_part() -> None:
    found = read_document_packet((DATA / "edoc_new.edxml").read_bytes())
    assert found.kind is PacketKind.NEW
    assert found.business_reason == "Văn bản điện tử mới"
    assert found.paper == 0
    assert found.business_staff == StaffInfo(
        "Văn thư văn phòng", "Nguyễn Thị Ngọc Trâm", "84912000001", "vanthuvanphong@gov.vn"
    )
    assert (found.replacements, found.changed_receivers, found.due_time) == ((), (), None)


@pytest.mark.parametrize(
    ("raw", "kind"),
    [("0", PacketKind.NEW), ("1", PacketKind.REVOKE), ("2", PacketKind.UPDATE), ("3", PacketKind.REPLACE)],
)
def test_kind_from_business_doc_type(raw: str, kind: PacketKind) -> None:
    found = packet(f"<Bussiness><BussinessDocType>{raw}</BussinessDocType></Bussiness>")
    assert found.kind is kind
    assert kind.code == int(raw)
    assert PacketKind.from_code(int(raw)) is kind


def test_no_business_part_is_a_new_document() -> None:
    found = packet("")
    assert found.business_doc_type is None
    assert found.kind is PacketKind.NEW
    assert found.problems == ()
    with pytest.raises(ValueError):
        PacketKind.from_code(4)


def test_revoke_with_reason() -> None:
    found = packet(
        "<Bussiness><BussinessDocType>1</BussinessDocType><BussinessDocReason>Thu hồi do sai sót</BussinessDocReason>"
        f"<DocumentId>{_OLD_ID}</DocumentId></Bussiness>"
    )
    assert found.kind is PacketKind.REVOKE
    assert found.business_reason == "Thu hồi do sai sót"
    assert found.business_document_id == _OLD_ID
    assert found.problems == ()


def test_update_with_receiver_changes() -> None:
    found = packet(
        "<Bussiness><BussinessDocType>2</BussinessDocType><BussinessDocReason>Cập nhật nơi nhận</BussinessDocReason>"
        "<BussinessDocumentInfo><DocumentInfo>0</DocumentInfo><DocumentReceiver>1</DocumentReceiver>"
        "<ReceiverList><Receiver><ReceiverType>0</ReceiverType><OrganId>000.00.00.H41</OrganId></Receiver>"
        "<Receiver><ReceiverType>1</ReceiverType><OrganId>000.00.00.H14</OrganId></Receiver></ReceiverList>"
        "</BussinessDocumentInfo></Bussiness>"
    )
    assert found.kind is PacketKind.UPDATE
    assert (found.update_info, found.update_receivers) == (False, True)
    assert found.changed_receivers == (ReceiverChange("000.00.00.H41", 0), ReceiverChange("000.00.00.H14", 1))
    assert found.problems == ()


def test_replace_with_two_replaced_documents() -> None:
    other = "000.00.00.H29,2024/01/15,3/UBND-VP"
    found = packet(
        "<Bussiness><BussinessDocType>3</BussinessDocType><ReplacementInfoList>"
        f"<ReplacementInfo><DocumentId>{_OLD_ID}</DocumentId><OrganIdList><OrganId>A</OrganId><OrganId>B</OrganId>"
        f"</OrganIdList></ReplacementInfo><ReplacementInfo><DocumentId>{other}</DocumentId></ReplacementInfo>"
        "</ReplacementInfoList></Bussiness>"
    )
    assert found.kind is PacketKind.REPLACE
    assert found.replacements == (Replacement(_OLD_ID, ("A", "B")), Replacement(other, ()))
    assert found.replaces == (_OLD_ID, other)
    assert found.problems == ()


def test_business_spelling_with_one_s_is_read() -> None:
    found = packet(
        "<Business><BusinessDocType>2</BusinessDocType><BusinessDocReason>Sửa trích yếu</BusinessDocReason>"
        "<BusinessDocumentInfo><DocumentInfo>1</DocumentInfo></BusinessDocumentInfo></Business>"
    )
    assert found.kind is PacketKind.UPDATE
    assert found.business_reason == "Sửa trích yếu"
    assert found.update_info is True
    assert found.problems == ()


def test_both_spellings_at_once_is_a_duplicate() -> None:
    found = packet(
        "<Bussiness><BussinessDocType>1</BussinessDocType></Bussiness>"
        "<Business><BusinessDocType>3</BusinessDocType></Business>"
    )
    assert found.kind is PacketKind.REVOKE
    assert codes(found) == ["edxml.duplicate_element"]


def test_malformed_business_values_are_reported() -> None:
    found = packet(
        "<Bussiness><BussinessDocType>2</BussinessDocType><Paper>yes</Paper>"
        "<BussinessDocumentInfo><DocumentInfo>2</DocumentInfo><ReceiverList>"
        "<Receiver><ReceiverType>7</ReceiverType><OrganId>X</OrganId></Receiver>"
        "<Receiver><ReceiverType>1</ReceiverType></Receiver></ReceiverList></BussinessDocumentInfo>"
        "<ReplacementInfoList><ReplacementInfo><DocumentId>not-an-id</DocumentId></ReplacementInfo>"
        "<ReplacementInfo/></ReplacementInfoList></Bussiness>"
    )
    assert found.paper is None
    assert found.update_info is False
    assert found.changed_receivers == (ReceiverChange("X", None), ReceiverChange("", 1))
    assert found.replacements == (Replacement("not-an-id"), Replacement(""))
    assert [(p.code, p.params.get("field")) for p in found.problems] == [
        ("edxml.bad_number", "Paper"),
        ("edxml.bad_number", "BussinessDocumentInfo/DocumentInfo"),
        ("edxml.bad_number", "ReceiverType"),
        ("edxml.missing_field", "ReceiverList/Receiver/OrganId"),
        ("edxml.bad_document_id", "ReplacementInfo/DocumentId"),
        ("edxml.missing_field", "ReplacementInfo/DocumentId"),
    ]


def test_due_date_with_a_set_time_for_flash_documents() -> None:
    found = packet("", extra="<DueDate>2024/03/06 16:30:00</DueDate><OtherInfo><Priority>4</Priority></OtherInfo>")
    assert (found.priority, found.due_date, found.due_time) == (4, date(2024, 3, 6), time(16, 30))
    assert found.problems == ()
    plain = packet("", extra="<DueDate>2024/03/06</DueDate><OtherInfo><Priority>4</Priority></OtherInfo>")
    assert (plain.due_date, plain.due_time) == (date(2024, 3, 6), None)


def test_bad_due_time_is_reported() -> None:
    found = packet("", extra="<DueDate>2024/03/06 25:00:00</DueDate>")
    assert (found.due_date, found.due_time) == (None, None)
    assert codes(found) == ["edxml.bad_timestamp"]
