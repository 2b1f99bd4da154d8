"""edXML packets from the national document axis: documents become incoming items, statuses trail entries.

Recipients are mapped through the successor directory, so a packet still addressed to a former
province's unit reaches the ward that replaced it. A packet already received is not added twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.agency_code import Succession, parse_agency_code, resolve_successor
from app.domain.document_types import stored_code
from app.domain.edxml import read_packet
from app.domain.edxml_admission import PacketRefused, check_admissible
from app.domain.edxml_packets import MAX_PACKET_BYTES, DocumentPacket, StatusPacket
from app.domain.errors import DomainError
from app.domain.working_calendar import VN_TZ
from central.change_feed import record_change
from central.errors import ApiError
from central.models import Account, Agency, Attachment, Document, Unit

MAX_EDXML_BYTES = MAX_PACKET_BYTES
# QCVN 102 priorities: 0 normal, 1 urgent, 2 very urgent, 3 flash, 4 flash with a set time.
PRIORITY_URGENCY = {0: "normal", 1: "urgent", 2: "very_urgent", 3: "flash", 4: "flash"}


def _problems(problems: tuple[Any, ...]) -> list[dict[str, Any]]:
    return [{"code": p.code, "message": p.english()} for p in problems]


def ingest_packet(session: Session, account: Account, data: bytes, now: datetime) -> dict[str, Any]:
    try:
        packet = read_packet(data, max_bytes=MAX_EDXML_BYTES)
        check_admissible(packet, now.astimezone(VN_TZ).date())
    except PacketRefused as error:  # returned to the sender (Decree 30 Art. 21): nothing is stored
        raise ApiError(422, error.code, error.english(), error.vietnamese()) from None
    except DomainError as error:
        raise ApiError(422, error.code, error.english(), "Gói tin edXML không hợp lệ: " + error.english()) from None
    if isinstance(packet, StatusPacket):
        return _ingest_status(session, account, packet, now)
    return _ingest_document(session, account, packet, now)


def _successions(session: Session) -> dict[str, Succession]:
    rows = session.scalars(select(Agency).where(Agency.successor_code.is_not(None)))
    return {a.code: Succession(a.code, a.successor_code, a.successor_from) for a in rows if a.successor_from}


def _target_units(session: Session, packet: DocumentPacket, now: datetime) -> list[str]:
    successions = _successions(session)
    targets: list[str] = []
    for organ in packet.recipients:
        try:
            code = parse_agency_code(organ.organ_id).code
        except DomainError:
            continue
        unit = resolve_successor(code, successions, now.astimezone(VN_TZ).date())
        if session.get(Unit, unit) is not None and unit not in targets:
            targets.append(unit)
    return targets


def _ingest_document(session: Session, account: Account, packet: DocumentPacket, now: datetime) -> dict[str, Any]:
    targets = _target_units(session, packet, now)
    if account.role != "axis":  # an official may import only what is addressed to their own unit
        targets = [unit for unit in targets if unit == account.unit_code]
    if not targets:
        raise ApiError(422, "edxml.no_recipient", "No recipient of this packet is a unit of this system.",
                       "Không có đơn vị nhận nào của gói tin thuộc hệ thống này.")  # fmt: skip
    documents = [_document_for(session, packet, unit, now) for unit in targets]
    return {"packet": "document", "documents": documents, "problems": _problems(packet.problems)}


def _document_for(session: Session, packet: DocumentPacket, unit: str, now: datetime) -> dict[str, Any]:
    edxml_id = packet.document_id[:200] or None  # compared as stored, so a long id is still found again
    existing = None  # a packet without a document id cannot be recognised again
    if edxml_id is not None:  # only an incoming copy counts: the unit's outgoing original may share the id
        existing = session.scalar(
            select(Document).where(
                Document.unit_code == unit, Document.direction == "incoming", Document.edxml_document_id == edxml_id
            )
        )
    if existing is not None:
        return {"unit_code": unit, "id": str(existing.id), "duplicate": True}
    issuer = _sender_name(session, packet)[:300]
    document = Document(
        unit_code=unit,
        direction="incoming",
        number=packet.code_number[:30] or None,
        notation=packet.code_notation[:100] or None,
        doc_type=stored_code(packet.type_code, packet.type_name, packet.code_notation),
        issuing_agency_code=_clean_code(packet.sender.organ_id),
        issuing_agency_name=issuer,
        issued_on=packet.promulgation_date,
        subject=(packet.subject or packet.content or packet.number_notation)[:500],
        urgency=PRIORITY_URGENCY.get(packet.priority or 0, "normal"),
        signer_name=packet.signer.full_name[:200] or None,
        signer_position=packet.signer.position[:200] or None,
        recipients=[organ.name or organ.organ_id for organ in packet.recipients][:50],
        due_on=packet.due_date,
        state="received",
        trail=[{"at": now.isoformat(), "by": issuer, "action": "edxml_received", "state": "received"}],
        edxml_document_id=edxml_id,
        updated_at=now,
    )
    session.add(document)
    session.flush()
    rows = [
        Attachment(unit_code=unit, item_kind="document", item_id=document.id, file_name=attachment.safe_file_name,
                   content_type=attachment.content_type[:100] or "application/octet-stream",
                   size=attachment.size, sha256=attachment.sha256, content=attachment.data)
        for attachment in packet.attachments
    ]  # fmt: skip
    session.add_all(rows)
    record_change(session, unit, "document", document)
    for row in rows:  # a client that has already synced learns of the attachments from the log
        record_change(session, unit, "attachment", row)
    return {"unit_code": unit, "id": str(document.id), "duplicate": False}


def _sender_name(session: Session, packet: DocumentPacket) -> str:
    """The packet's name for its sender, else the directory's, else the code (admission ensured one)."""
    if packet.sender.name:
        return packet.sender.name
    code = _clean_code(packet.sender.organ_id)
    agency = session.get(Agency, code) if code else None
    return agency.name if agency is not None else packet.sender.organ_id


def _clean_code(raw: str) -> str | None:
    try:
        return parse_agency_code(raw).code
    except DomainError:
        return None


def _ingest_status(session: Session, account: Account, packet: StatusPacket, now: datetime) -> dict[str, Any]:
    query = select(Document).where(
        Document.direction == "outgoing", Document.edxml_document_id == packet.response_for_document_id
    )
    if account.role != "axis":
        query = query.where(Document.unit_code == account.unit_code)
    documents = session.scalars(query.with_for_update()).all()
    if not documents:
        raise ApiError(404, "edxml.unknown_document", "No outgoing document matches this status packet.",
                       "Không tìm thấy văn bản đi tương ứng với gói tin trạng thái.")  # fmt: skip
    entry = {
        "at": (packet.timestamp.replace(tzinfo=VN_TZ) if packet.timestamp else now).isoformat(),
        "by": packet.sender.name or packet.sender.organ_id,
        "action": "edxml_status",
        "status": packet.status.value,
        "note": packet.description[:1000],
    }
    for document in documents:
        if entry in document.trail:  # the same status packet delivered again
            continue
        document.trail = [*document.trail, entry]
        document.version += 1
        document.updated_at = now
        record_change(session, document.unit_code, "document", document)
    results = [{"unit_code": d.unit_code, "id": str(d.id), "duplicate": False} for d in documents]
    return {"packet": "status", "documents": results, "problems": _problems(packet.problems)}
