"""A unit's own documents: drafts made at a desk, and issued documents sent on the axis as edXML.

Sending writes one document packet (QCVN 102) with the document's fields and files and queues it for
each recipient (``central.axis_answers.queue``): a unit hosted here receives it in the same transaction,
others wait for the national axis. Each recipient's row in ``deliveries`` then moves with its answers.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.document_types import to_edxml
from app.domain.edxml_document_writer import document_id, trace_entry, write_document_packet
from app.domain.edxml_packets import MAX_PACKET_BYTES, Attachment, DocumentPacket, Organ, Signer
from app.domain.outgoing_draft import PENDING, draft_columns, draft_from_payload
from app.domain.rejections import refusal
from app.domain.workflow import OutgoingState
from app.domain.working_calendar import VN_TZ
from central.axis_answers import queue
from central.change_feed import record_change
from central.envelope_signatures import sign_envelope
from central.models import Account, Document, Unit
from central.models import Attachment as StoredAttachment

# Urgency → edXML priority (0 normal, 1 urgent, 2 very urgent, 3 flash; 4 is flash with a set time).
URGENCY_PRIORITY = {"normal": 0, "urgent": 1, "very_urgent": 2, "flash": 3}


def create_draft(session: Session, account: Account, payload: dict[str, Any], now: datetime) -> Document:
    """The draft a desk wrote; DomainError (nothing written) when a field is not right."""
    draft = draft_from_payload(payload)
    unit = session.get_one(Unit, account.unit_code)
    document = Document(
        unit_code=unit.code, direction="outgoing", state=OutgoingState.DRAFT.value, issuing_agency_code=unit.code,
        issuing_agency_name=unit.name, draft_key=str(payload.get("draft_key") or "")[:36] or None, updated_at=now,
        trail=[{"at": now.isoformat(), "by": account.display_name, "action": "draft", "state": "draft"}],
        **draft_columns(draft),
    )  # fmt: skip
    session.add(document)
    session.flush()
    record_change(session, unit.code, "document", document)
    return document


def send_document(session: Session, document: Document, account: Account, now: datetime) -> None:
    """Send an issued document to each recipient as one edXML document packet. A document with no
    recipient on the axis (one written before drafting here, sent on paper) is only marked sent."""
    if not document.deliveries:
        return
    unit = session.get_one(Unit, document.unit_code)
    packet = _packet(session, document, unit, now)
    data = sign_envelope(session, unit.code, write_document_packet(packet))
    if len(data) > MAX_PACKET_BYTES:  # the axis carries at most this much: nobody could receive it
        raise refusal("send.too_large", limit=MAX_PACKET_BYTES // 2**20)
    document.edxml_document_id = packet.document_id
    at = now.replace(microsecond=0).isoformat()  # to the second, as the answers' timestamps are
    document.deliveries = [{**d, "status": PENDING, "at": at, "note": ""} for d in document.deliveries]
    for delivery in document.deliveries:
        queue(session, unit.code, str(delivery["organ_id"]), "document", data, now)


def _packet(session: Session, document: Document, unit: Unit, now: datetime) -> DocumentPacket:
    assert document.issued_on is not None and document.number  # the workflow sends only issued documents
    type_code, type_name = to_edxml(document.doc_type)
    number_notation = f"{document.number}/{document.notation}" if document.notation else document.number
    stored = session.scalars(
        select(StoredAttachment)
        .where(StoredAttachment.item_kind == "document", StoredAttachment.item_id == document.id)
        .order_by(StoredAttachment.id)
    ).all()
    replaced = {f.supersedes for f in stored if f.supersedes}  # a draft's file its signed copy replaced
    files = [f for f in stored if f.sha256 not in replaced]
    return DocumentPacket(
        sender=Organ(unit.code, unit.name, in_charge=unit.name),
        recipients=tuple(Organ(str(d["organ_id"]), str(d.get("name") or "")) for d in document.deliveries),
        document_id=document_id(unit.code, document.issued_on, number_notation),
        code_number=document.number, code_notation=document.notation or "", place="Thành phố Hồ Chí Minh",
        promulgation_date=document.issued_on, type_code=type_code, type_name=type_name, subject=document.subject,
        content=document.content or "",
        signer=Signer("", document.signer_position or "", document.signer_name or ""),
        due_date=document.due_on, priority=URGENCY_PRIORITY.get(document.urgency, 0), steering_type="",
        to_places=(), responds_to=(), trace=(trace_entry(unit.code, now.astimezone(VN_TZ)),), business_doc_type=0,
        business_document_id="", has_signature=False, problems=(),
        attachments=tuple(Attachment(f.file_name, f.content_type, "", f"cid:{f.id}", f.content) for f in files),
    )  # fmt: skip
