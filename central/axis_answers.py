"""What a unit says on the document axis: status packets about documents, kept to be delivered.

An official's action on an incoming document answers its issuer with the matching edXML status (03
accepted on registering, 02 refused, 04 assigned, 05 in progress, 06 done, 15/16 to a recall); a
document's arrival answers 01; an issuer's recall asks each recipient with 13. The packet is written
in the transaction of the action, as an ``AxisPacket`` row: so it exists exactly when the action does,
and a desk offline simply has not sent the action yet. ``central.axis_delivery`` then hands packets
for units this service hosts to them at once and keeps the rest for the national axis.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.agency_code import Succession, parse_agency_code, resolve_successor
from app.domain.edxml_packets import EdxmlStatus, Organ, StaffInfo
from app.domain.edxml_status_writer import write_status_packet
from app.domain.errors import DomainError
from app.domain.working_calendar import VN_TZ
from central.models import Account, Agency, AxisPacket, Document, Unit

# The incoming workflow's actions that the issuer hears of; the rest (submit, comment) stay inside.
ACTION_STATUS: dict[str, EdxmlStatus] = {
    "register": EdxmlStatus.ACCEPTED,
    "refuse": EdxmlStatus.REFUSED,
    "assign": EdxmlStatus.ASSIGNED,
    "forward": EdxmlStatus.ASSIGNED,
    "start": EdxmlStatus.IN_PROGRESS,
    "mark_done": EdxmlStatus.DONE,
    "agree_recall": EdxmlStatus.RECALLED,
    "refuse_recall": EdxmlStatus.RECALL_REFUSED,
}
DESCRIPTIONS: dict[EdxmlStatus, str] = {
    EdxmlStatus.ARRIVED: "Đã nhận văn bản",
    EdxmlStatus.ACCEPTED: "Đã tiếp nhận, vào sổ văn bản đến",
    EdxmlStatus.REFUSED: "Từ chối tiếp nhận",
    EdxmlStatus.ASSIGNED: "Đã phân công xử lý",
    EdxmlStatus.IN_PROGRESS: "Đang xử lý",
    EdxmlStatus.DONE: "Đã hoàn thành xử lý",
    EdxmlStatus.RECALL_REQUESTED: "Đề nghị thu hồi văn bản",
    EdxmlStatus.RECALLED: "Đồng ý thu hồi văn bản",
    EdxmlStatus.RECALL_REFUSED: "Không đồng ý thu hồi văn bản",
}


def answer_action(
    session: Session, document: Document, account: Account, action: str, payload: dict[str, Any], now: datetime
) -> None:
    """Queue the status an official's action on an incoming axis document owes its issuer."""
    status = ACTION_STATUS.get(action)
    if status is None or not document.edxml_document_id:
        return
    detail = payload.get("reason") or payload.get("assignee") or ""
    description = f"{DESCRIPTIONS[status]}: {detail}" if detail else DESCRIPTIONS[status]
    answer(session, document, status, description[:1000], account.display_name, now)


def answer(
    session: Session, document: Document, status: EdxmlStatus, description: str, staff: str, now: datetime
) -> None:
    """Queue ``status`` about an incoming ``document`` for the agency that issued it."""
    issuer = issuer_code(document)
    if issuer is None:  # nobody to answer (a document typed in by hand)
        return
    unit = session.get_one(Unit, document.unit_code)
    data = _status_packet(unit, document, issuer, status, description, staff, now)
    queue(session, unit.code, issuer, "status", data, now)


def ask_recall(session: Session, document: Document, reason: str, staff: str, now: datetime) -> None:
    """An issuer recalls an outgoing document: each recipient on the axis is asked (13)."""
    if not document.edxml_document_id:  # sent on paper: nobody on the axis to ask
        return
    unit = session.get_one(Unit, document.unit_code)
    description = f"{DESCRIPTIONS[EdxmlStatus.RECALL_REQUESTED]}: {reason}"[:1000]
    data = _status_packet(unit, document, unit.code, EdxmlStatus.RECALL_REQUESTED, description, staff, now)
    for delivery in document.deliveries:
        queue(session, unit.code, str(delivery["organ_id"]), "status", data, now)


def _status_packet(
    unit: Unit, document: Document, issuer: str, status: EdxmlStatus, description: str, staff: str, now: datetime
) -> bytes:
    """``unit``'s status packet about ``document`` (issued by ``issuer``)."""
    return write_status_packet(
        sender=Organ(organ_id=unit.code, name=unit.name, in_charge=unit.name),
        response_for_organ_id=issuer,
        response_for_code="/".join(p for p in (document.number, document.notation) if p),
        response_for_date=document.issued_on,
        response_for_document_id=document.edxml_document_id or "",
        staff=StaffInfo(department="Văn thư", name=staff),
        status=status,
        description=description,
        timestamp=now.astimezone(VN_TZ),
    )


def queue(session: Session, from_unit: str, to_organ_id: str, kind: str, data: bytes, now: datetime) -> None:
    """Keep a packet for ``to_organ_id``: for its successor when a ward of this service replaced it."""
    successor = resolve_successor(to_organ_id, successions(session), now.astimezone(VN_TZ).date())
    hosted = session.get(Unit, successor) is not None
    to = successor if hosted else to_organ_id
    session.add(AxisPacket(from_unit=from_unit, to_organ_id=to, kind=kind, data=data, local=hosted, created_at=now))
    session.flush()


def successions(session: Session) -> dict[str, Succession]:
    """The directory's successions: a former agency's code and the unit that took over from it."""
    rows = session.scalars(select(Agency).where(Agency.successor_code.is_not(None)))
    return {a.code: Succession(a.code, a.successor_code, a.successor_from) for a in rows if a.successor_from}


def issuer_code(document: Document) -> str | None:
    """The agency that sent the document (its packet's From, checked at admission), else the first
    part of its edXML document id: answers go back to the sender, not to whoever an id names."""
    raw = document.issuing_agency_code or (document.edxml_document_id or "").split(",")[0].strip()
    try:
        return parse_agency_code(raw).code
    except DomainError:
        return None
