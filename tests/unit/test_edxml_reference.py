"""The independent reference reader (tests/edxml_reference.py) against the shipped samples and against
every packet the project's writers produce: it must accept them and see what the project's reader sees."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest

from app.domain.edxml import read_document_packet, read_packet, read_status_packet
from app.domain.edxml_document_writer import write_document_packet
from app.domain.edxml_packets import (
    Attachment,
    DocumentPacket,
    EdxmlStatus,
    Organ,
    StaffInfo,
    StatusPacket,
)
from app.domain.edxml_status_writer import write_status_packet
from tests.edxml_reference import STATUS_CODES, StructureError, parse
from tests.unit.test_edxml_writer import BLOB, KINDS, PDF, SENDER, make_packet

DATA = Path(__file__).resolve().parent.parent / "data" / "edxml"
SAMPLES = sorted(DATA.glob("*.edxml"))


def organ_view(organ: Organ) -> dict[str, str]:
    return {
        "organ_id": organ.organ_id,
        "name": organ.name,
        "in_charge": organ.in_charge,
        "address": organ.address,
        "email": organ.email,
        "phone": organ.phone,
        "fax": organ.fax,
        "website": organ.website,
    }


def staff_view(staff: StaffInfo) -> dict[str, str]:
    return {"department": staff.department, "name": staff.name, "mobile": staff.mobile, "email": staff.email}


def document_view(packet: DocumentPacket) -> dict[str, Any]:
    """The project's reading, in the reference reader's shape."""
    return {
        "kind": "document",
        "from": organ_view(packet.sender),
        "to": [organ_view(organ) for organ in packet.recipients],
        "document_id": packet.document_id,
        "code_number": packet.code_number,
        "code_notation": packet.code_notation,
        "place": packet.place,
        "promulgation_date": packet.promulgation_date,
        "type_code": packet.type_code,
        "type_name": packet.type_name,
        "subject": packet.subject,
        "content": packet.content,
        "signer": {
            "competence": packet.signer.competence,
            "position": packet.signer.position,
            "full_name": packet.signer.full_name,
        },
        "due_date": packet.due_date,
        "due_time": packet.due_time,
        "priority": packet.priority,
        "steering_type": packet.steering_type,
        "to_places": list(packet.to_places),
        "responds_to": list(packet.responds_to),
        "trace": [{"organ_id": entry.organ_id, "timestamp": entry.timestamp} for entry in packet.trace],
        "business_doc_type": packet.business_doc_type,
        "business_reason": packet.business_reason,
        "business_document_id": packet.business_document_id,
        "business_staff": None if packet.business_staff is None else staff_view(packet.business_staff),
        "paper": packet.paper,
        "update_info": packet.update_info,
        "update_receivers": packet.update_receivers,
        "changed_receivers": [
            {"organ_id": change.organ_id, "receiver_type": change.receiver_type} for change in packet.changed_receivers
        ],
        "replaces": list(packet.replaces),
        "replacements": [
            {"document_id": replacement.document_id, "organ_ids": list(replacement.organ_ids)}
            for replacement in packet.replacements
        ],
        "has_signature": packet.has_signature,
        "attachments": [
            {
                "content_id": attachment.content_id,
                "name": attachment.name,
                "content_type": attachment.content_type,
                "description": attachment.description,
                "data": attachment.data,
            }
            for attachment in packet.attachments
        ],
    }


def status_view(packet: StatusPacket) -> dict[str, Any]:
    return {
        "kind": "status",
        "from": organ_view(packet.sender),
        "response_for_organ_id": packet.response_for_organ_id,
        "response_for_code": packet.response_for_code,
        "response_for_date": packet.response_for_date,
        "response_for_document_id": packet.response_for_document_id,
        "staff": staff_view(packet.staff),
        "status_code": packet.status.value,
        "description": packet.description,
        "timestamp": packet.timestamp,
    }


def project_view(data: bytes) -> dict[str, Any]:
    packet = read_packet(data)
    return document_view(packet) if isinstance(packet, DocumentPacket) else status_view(packet)


# ---------------------------------------------------------------- the shipped samples


@pytest.mark.parametrize("path", SAMPLES, ids=[path.name for path in SAMPLES])
def test_samples_parse_and_agree_with_the_project_reader(path: Path) -> None:
    data = path.read_bytes()
    assert parse(data) == project_view(data)


def test_sample_document_through_the_reference() -> None:
    found = parse((DATA / "edoc_new.edxml").read_bytes())
    assert found["kind"] == "document"
    assert found["from"]["organ_id"] == "000.00.00.A80"
    assert [organ["organ_id"] for organ in found["to"]] == ["28.22.H17"]
    assert (found["code_number"], found["code_notation"]) == ("74fass22", "VPCP-TTĐT")
    assert (found["business_doc_type"], found["replaces"]) == (0, [])
    assert [(a["name"], len(a["data"])) for a in found["attachments"]] == [("1896_QD-TTg_m_294779.doc", 270823)]


def test_sample_status_through_the_reference() -> None:
    found = parse((DATA / "status_finish_06.edxml").read_bytes())
    assert (found["kind"], found["status_code"]) == ("status", "06")
    assert found["response_for_document_id"] == "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"


# ---------------------------------------------------------------- what the project writes


@pytest.mark.parametrize("kind", list(KINDS))
def test_written_documents_of_each_kind_agree(kind: str) -> None:
    attachments = (
        Attachment("Công văn.pdf", "application/pdf", "Văn bản chính", "cid:1", PDF),
        Attachment("dữ liệu.bin", "application/octet-stream", "", "cid:2", BLOB),
    )
    data = write_document_packet(make_packet(**KINDS[kind], attachments=attachments))
    found = parse(data)
    assert found == document_view(read_document_packet(data))
    assert found["business_doc_type"] == ["new", "revoke", "update", "replace"].index(kind)
    assert [attachment["data"] for attachment in found["attachments"]] == [PDF, BLOB]


def test_written_flash_document_with_a_set_time_agrees() -> None:
    data = write_document_packet(make_packet(priority=4, due_date=date(2024, 3, 6), due_time=time(8, 0)))
    assert parse(data)["due_time"] == time(8, 0)
    assert parse(data) == document_view(read_document_packet(data))


@pytest.mark.parametrize("code", STATUS_CODES)
def test_written_status_packets_of_each_code_agree(code: str) -> None:
    data = write_status_packet(
        sender=SENDER,
        response_for_organ_id="000.00.00.G22",
        response_for_code="7816/VPCP-TTĐT",
        response_for_date=None,
        response_for_document_id="000.00.00.G22,2015/09/30,7816/VPCP-TTĐT",
        staff=StaffInfo("Văn phòng", "Trần Thị Bích"),
        status=EdxmlStatus(code),
        description="Đã xử lý <xong> & lưu",
        timestamp=datetime(2024, 3, 5, 14, 7, 9),
    )
    found = parse(data)
    assert found == status_view(read_status_packet(data))
    assert (found["status_code"], found["timestamp"]) == (code, datetime(2024, 3, 5, 14, 7, 9))


def test_status_codes_match_the_project() -> None:
    assert tuple(status.value for status in EdxmlStatus) == STATUS_CODES


# ---------------------------------------------------------------- the reference is strict


def _written() -> bytes:
    attachment = Attachment("a.pdf", "application/pdf", "", "cid:1", PDF)
    return write_document_packet(make_packet(attachments=(attachment,)))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (b"QCVN_102_2016", b"QCVN_102_2099", "root is"),
        (b"<PromulgationDate>2024/03/05", b"<PromulgationDate>2024-03-05", "YYYY/MM/DD"),
        (b"<Timestamp>2024/03/05 09:15:30", b"<Timestamp>2024/03/05 9:15", "HH:mm:ss"),
        (b"<BussinessDocType>0", b"<BussinessDocType>7", "BussinessDocType"),
        (b"Bussiness>", b"Business>", "Bussiness"),  # the opening and the closing tag
        (b"<ContentId>cid:1</ContentId>", b"<ContentId>cid:9</ContentId>", "manifest"),
        (b"<ContentTransferEncoded>", b"<ContentTransferEncoded>*", "base64"),
        (b"<Subject>", b'<Subject xmlns="urn:other">', "namespace"),
        (b"<?xml version='1.0' encoding='utf-8'?>", b"<?xml version='1.0'?><!DOCTYPE edXML>", "DTD"),
    ],
)
def test_the_reference_refuses_what_breaks_the_structure(old: bytes, new: bytes, message: str) -> None:
    data = _written()
    assert old in data
    with pytest.raises(StructureError, match=message):
        parse(data.replace(old, new, 2 if old == b"Bussiness>" else 1))


def test_the_reference_refuses_a_status_without_its_document() -> None:
    data = write_status_packet(
        sender=SENDER,
        response_for_organ_id="",
        response_for_code="7816/VPCP-TTĐT",
        response_for_date=None,
        response_for_document_id="7816",
        staff=StaffInfo("", ""),
        status=EdxmlStatus.DONE,
        description="",
        timestamp=datetime(2024, 3, 5),
    )
    with pytest.raises(StructureError):
        parse(data)
