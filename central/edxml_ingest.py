"""edXML packets reaching a unit: every document packet kind and every status moves the queue.

A document packet is new, a revocation, an update or a replacement (``BussinessDocType``); a status
packet answers a document a unit sent (01–06, 15, 16) or, from the issuer, asks a recipient to give
one back (13). Recipients are mapped through the successor directory, so a packet still addressed to
a former province's unit reaches the ward that replaced it.

Each packet acts once per unit: its SHA-256 is kept (``EdxmlReceipt``) and a repeat answers
``duplicate``. A revocation or replacement that names a document the unit does not hold yet waits as
a ``PendingPacket`` and applies when the document arrives: it never creates a live document.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.domain.agency_code import parse_agency_code, resolve_successor, validate_agency_code
from app.domain.document_types import stored_code
from app.domain.edxml import read_packet
from app.domain.edxml_admission import PacketRefused, check_admissible
from app.domain.edxml_packets import (
    MAX_PACKET_BYTES,
    RECEIVER_REMOVED,
    DocumentPacket,
    EdxmlPacket,
    EdxmlStatus,
    PacketKind,
    StatusPacket,
)
from app.domain.errors import DomainError
from app.domain.workflow import IncomingState
from app.domain.working_calendar import VN_TZ
from central.axis_answers import DESCRIPTIONS, answer, issuer_code, successions
from central.change_feed import record_bulk_changes, record_change
from central.envelope_signatures import EnvelopeKeys, judge_envelope, keys_of
from central.errors import ApiError
from central.models import Account, Agency, Attachment, Document, EdxmlReceipt, PendingPacket, Unit

MAX_EDXML_BYTES = MAX_PACKET_BYTES
# QCVN 102 priorities: 0 normal, 1 urgent, 2 very urgent, 3 flash, 4 flash with a set time.
PRIORITY_URGENCY = {0: "normal", 1: "urgent", 2: "very_urgent", 3: "flash", 4: "flash"}
# A document nobody acts on any more is not revoked, replaced or recalled again.
_GONE = {IncomingState.WITHDRAWN.value, IncomingState.REPLACED.value}


@dataclass(frozen=True)
class Arrival:
    """A packet read and judged before any transaction: parsing, decoding and hashing the attachments
    and checking the envelope's signature are the slow part of an ingest, so they never hold the
    database's write lock (a sign-in waited 30 s behind 8,000 attachments, then failed)."""

    packet: EdxmlPacket
    digest: str
    envelope: dict[str, str] | None


def read_arrival(data: bytes, keys: EnvelopeKeys, now: datetime) -> Arrival:
    """``data`` read, admitted and judged, or an ApiError saying why it is refused (nothing stored)."""
    try:
        packet = read_packet(data, max_bytes=MAX_EDXML_BYTES)
        check_admissible(packet, now.astimezone(VN_TZ).date())
    except PacketRefused as error:  # returned to the sender (Decree 30 Art. 21): nothing is stored
        raise ApiError(422, error.code, error.english(), error.vietnamese()) from None
    except DomainError as error:
        raise _unreadable(error) from None
    envelope = judge_envelope(keys, data, now) if isinstance(packet, DocumentPacket) else None
    return Arrival(packet, hashlib.sha256(data).hexdigest(), envelope)


_TOO_MUCH_VI = {
    "edxml.too_many_attachments": "Gói tin edXML có quá {limit} tệp đính kèm.",
    "edxml.too_many_elements": "Gói tin edXML có quá {limit} phần tử XML.",
}


def _unreadable(error: DomainError) -> ApiError:
    """A packet over a count limit is too large (413), in both languages; any other is not valid (422)."""
    if error.code in _TOO_MUCH_VI:
        limit = error.params["limit"]
        vietnamese = _TOO_MUCH_VI[error.code].format(limit=limit)
        return ApiError(413, error.code, error.english(), vietnamese, limit=limit)
    return ApiError(422, error.code, error.english(), f"Gói tin edXML không hợp lệ (mã lỗi: {error.code}).")


def ingest_packet(session: Session, account: Account, arrival: Arrival, now: datetime) -> dict[str, Any]:
    """A packet posted to the service: by the axis (any unit hosted here) or an official (their own)."""
    only_unit = None if account.role == "axis" else account.unit_code
    return _accept(session, arrival, only_unit, now)


def accept_for_unit(session: Session, data: bytes, unit_code: str, now: datetime) -> dict[str, Any]:
    """A packet another unit of this service sent to ``unit_code`` (central.axis_delivery)."""
    return _accept(session, read_arrival(data, keys_of(session), now), unit_code, now)


def _accept(session: Session, arrival: Arrival, only_unit: str | None, now: datetime) -> dict[str, Any]:
    packet, digest = arrival.packet, arrival.digest
    if isinstance(packet, StatusPacket):
        results = _accept_status(session, packet, digest, only_unit, now)
        return {"packet": "status", "documents": results, "problems": _problems(packet.problems)}
    targets = _target_units(session, packet, now)
    if only_unit is not None:  # an official may import only what is addressed to their own unit
        targets = [unit for unit in targets if unit == only_unit]
    if not targets:
        raise ApiError(422, "edxml.no_recipient", "No recipient of this packet is a unit of this system.",
                       "Không có đơn vị nhận nào của gói tin thuộc hệ thống này.")  # fmt: skip
    results = [_accept_document(session, packet, digest, unit, now, arrival.envelope) for unit in targets]
    unreadable = [{"code": "edxml.bad_recipient", "message": f'The recipient "{raw}" is not an identification code.'}
                  for raw in _unreadable_recipients(packet)]  # fmt: skip
    return {"packet": "document", "kind": packet.kind.value, "documents": results,
            "problems": _problems(packet.problems) + unreadable}  # fmt: skip


def _problems(problems: tuple[Any, ...]) -> list[dict[str, Any]]:
    return [{"code": p.code, "message": p.english()} for p in problems]


def _unreadable_recipients(packet: DocumentPacket) -> list[str]:
    """Recipients whose code is not an identification code: the packet went on, the clerk is told."""
    unreadable = []
    for organ in packet.recipients:
        try:
            validate_agency_code(parse_agency_code(organ.organ_id).code)
        except DomainError:
            unreadable.append(organ.organ_id[:40])
    return unreadable


def _target_units(session: Session, packet: DocumentPacket, now: datetime) -> list[str]:
    """The units of this service a packet is for: its recipients, and those an update adds or removes."""
    organs = [organ.organ_id for organ in packet.recipients]
    organs += [change.organ_id for change in packet.changed_receivers]
    targets: list[str] = []
    for organ_id in organs:
        unit = _hosted_unit(session, organ_id, now)
        if unit is not None and unit not in targets:
            targets.append(unit)
    return targets


def _hosted_unit(session: Session, organ_id: str, now: datetime) -> str | None:
    """The unit of this service an organ id names (a former agency's, its successor), if any."""
    try:
        code = parse_agency_code(organ_id).code
    except DomainError:
        return None
    unit = resolve_successor(code, successions(session), now.astimezone(VN_TZ).date())
    return unit if session.get(Unit, unit) is not None else None


def _removed_from(session: Session, packet: DocumentPacket, unit: str, now: datetime) -> bool:
    """Whether an update takes ``unit`` off the document's receivers."""
    return packet.update_receivers and any(
        change.receiver_type == RECEIVER_REMOVED and _hosted_unit(session, change.organ_id, now) == unit
        for change in packet.changed_receivers
    )


# ---------------------------------------------------------------- receipts


def _seen(session: Session, unit: str, digest: str) -> EdxmlReceipt | None:
    return session.scalar(select(EdxmlReceipt).where(EdxmlReceipt.unit_code == unit, EdxmlReceipt.digest == digest))


def _note_receipt(session: Session, unit: str, digest: str, document: Document | None, now: datetime) -> None:
    document_id = document.id if document is not None else None
    session.add(EdxmlReceipt(unit_code=unit, digest=digest, document_id=document_id, received_at=now))
    session.flush()


def _result(unit: str, document: Document | None, *, duplicate: bool = False) -> dict[str, Any]:
    if document is None:  # a revocation waiting for its document
        return {"unit_code": unit, "id": None, "duplicate": duplicate, "pending": True}
    return {"unit_code": unit, "id": str(document.id), "duplicate": duplicate}


# ---------------------------------------------------------------- document packets


def _accept_document(
    session: Session, packet: DocumentPacket, digest: str, unit: str, now: datetime, envelope: dict | None = None
) -> dict:
    receipt = _seen(session, unit, digest)
    if receipt is not None:  # a revocation that waited names its document once that has arrived
        document = session.get(Document, receipt.document_id) if receipt.document_id else None
        document = document or _incoming(session, unit, packet.document_id or packet.business_document_id)
        return _result(unit, document, duplicate=True)
    # The same packet again is caught by its digest; the same act in other bytes (a new trace time)
    # changes nothing either, and says so.
    if packet.kind is PacketKind.REVOKE:
        document, duplicate = _revoke(session, packet, unit, now)
    elif packet.kind is PacketKind.UPDATE and (existing := _incoming(session, unit, packet.document_id)):
        _require_issuer(existing, packet)
        if _removed_from(session, packet, unit, now):  # no longer a recipient: the copy leaves the queue
            reason = packet.business_reason or "Không còn là nơi nhận văn bản"
            document, duplicate = existing, not _withdraw(session, existing, _sender_name(session, packet), reason, now)
        else:
            document, duplicate = existing, not _update(session, existing, packet, now)
    elif packet.kind is PacketKind.UPDATE and _removed_from(session, packet, unit, now):
        return {"unit_code": unit, "id": None, "duplicate": True}  # taken off before it ever arrived
    else:
        document, duplicate = _arrive(session, packet, unit, now, envelope)
    _note_receipt(session, unit, digest, document, now)
    return _result(unit, document, duplicate=duplicate)


def _incoming(session: Session, unit: str, edxml_id: str) -> Document | None:
    """The unit's incoming copy of a document (an outgoing original may share the id)."""
    if not edxml_id:
        return None
    return session.scalar(
        select(Document)
        .where(Document.unit_code == unit, Document.direction == "incoming")
        .where(Document.edxml_document_id == edxml_id[:200])
        .with_for_update()
    )


def _arrive(
    session: Session, packet: DocumentPacket, unit: str, now: datetime, envelope: dict | None = None
) -> tuple[Document, bool]:
    """A new document (or an update or replacement whose original is not here): added once."""
    existing = _incoming(session, unit, packet.document_id)
    if existing is not None:  # the same document id, in another packet: a duplicate
        return existing, True
    issuer = _sender_name(session, packet)[:300]
    arrival = {"at": now.isoformat(), "by": issuer, "action": "edxml_received", "state": "received"}
    unreadable = _unreadable_recipients(packet)
    if unreadable:  # a stored warning, never a silently dropped recipient
        arrival["note"] = ("Nơi nhận không đúng mã định danh: " + ", ".join(unreadable))[:1000]
    if envelope is not None:  # what the envelope's XML signature was found to be (desks show it)
        arrival["envelope_signature"] = envelope
    document = Document(
        unit_code=unit, direction="incoming", state=IncomingState.RECEIVED.value, updated_at=now,
        edxml_document_id=packet.document_id[:200] or None, trail=[arrival], **_packet_fields(session, packet),
    )  # fmt: skip
    session.add(document)
    session.flush()
    _add_attachments(session, document, packet, known=set())
    if packet.kind is PacketKind.REPLACE:
        _replace_earlier(session, document, packet, now)
    answer(session, document, EdxmlStatus.ARRIVED, DESCRIPTIONS[EdxmlStatus.ARRIVED], "Văn thư", now)
    _apply_pending(session, document, now)
    record_change(session, unit, "document", document)
    return document, False


def _packet_fields(session: Session, packet: DocumentPacket) -> dict[str, Any]:
    """The columns a document packet sets, on arrival and on an update alike."""
    return {
        "number": packet.code_number[:30] or None,
        "notation": packet.code_notation[:100] or None,
        "doc_type": stored_code(packet.type_code, packet.type_name, packet.code_notation),
        "issuing_agency_code": _clean_code(packet.sender.organ_id),
        "issuing_agency_name": _sender_name(session, packet)[:300],
        "issued_on": packet.promulgation_date,
        "subject": (packet.subject or packet.content or packet.number_notation)[:500],
        "content": packet.content[:2000] or None,
        "urgency": PRIORITY_URGENCY.get(packet.priority or 0, "normal"),
        "signer_name": packet.signer.full_name[:200] or None,
        "signer_position": packet.signer.position[:200] or None,
        "recipients": [organ.name or organ.organ_id for organ in packet.recipients][:50],
        "due_on": packet.due_date,
        "due_time": packet.due_time.strftime("%H:%M") if packet.due_time is not None else None,
    }


def _add_attachments(session: Session, document: Document, packet: DocumentPacket, known: set[str]) -> int:
    """The packet's files the document does not have yet (by SHA-256); logged so a synced desk fetches
    them. Inserted and logged in bulk: one row at a time took 40 s for 8,000 files under the write lock."""
    rows = [
        {"unit_code": document.unit_code, "item_kind": "document", "item_id": document.id,
         "file_name": attachment.safe_file_name,
         "content_type": attachment.content_type[:100] or "application/octet-stream",
         "size": attachment.size, "sha256": attachment.sha256, "content": attachment.data}
        for attachment in packet.attachments
        if attachment.sha256 not in known
    ]  # fmt: skip
    if not rows:
        return 0
    ids = sorted(session.scalars(insert(Attachment).returning(Attachment.id), rows))  # batched: not one per file
    record_bulk_changes(session, document.unit_code, "attachment", [str(i) for i in ids])
    return len(ids)


def _trail(document: Document, entry: dict[str, Any]) -> None:
    document.trail = [*document.trail, entry]
    document.version += 1


def _update(session: Session, document: Document, packet: DocumentPacket, now: datetime) -> bool:
    """The issuer corrected the document: fields and new files taken, the trail says what changed.
    Whether anything did."""
    fields = _packet_fields(session, packet)
    changed = sorted(name for name, value in fields.items() if getattr(document, name) != value)
    for name in changed:
        setattr(document, name, fields[name])
    known = set(session.scalars(select(Attachment.sha256).where(
        Attachment.item_kind == "document", Attachment.item_id == document.id)))  # fmt: skip
    added = _add_attachments(session, document, packet, known)
    if not changed and not added:
        return False
    entry = {"at": now.isoformat(), "by": document.issuing_agency_name, "action": "edxml_updated",
             "state": document.state, "fields": changed, "files_added": added,
             "note": packet.business_reason[:1000]}  # fmt: skip
    _trail(document, entry)
    document.updated_at = now
    record_change(session, document.unit_code, "document", document)
    return True


def _revoke(session: Session, packet: DocumentPacket, unit: str, now: datetime) -> tuple[Document | None, bool]:
    """(the document, whether this changed nothing)."""
    target = packet.document_id or packet.business_document_id
    document = _incoming(session, unit, target)
    sender = _sender_name(session, packet)
    if document is None:  # the revocation came first: it waits for the document, which arrives revoked
        return None, not _wait(session, unit, target, "revoke", None, packet, packet.business_reason, now)
    _require_issuer(document, packet)
    return document, not _withdraw(session, document, sender, packet.business_reason, now)


def _require_issuer(document: Document, packet: DocumentPacket) -> None:
    """Only the agency that issued a document may revoke, correct or replace it."""
    if issuer_code(document) != _clean_code(packet.sender.organ_id):
        raise ApiError(422, "edxml.not_issuer",
                       "Only the agency that issued the document may revoke, update or replace it.",
                       "Chỉ cơ quan ban hành văn bản mới được thu hồi, cập nhật hoặc thay thế văn bản.")  # fmt: skip


def _withdraw(session: Session, document: Document, by: str, reason: str, now: datetime) -> bool:
    if document.state in _GONE:
        return False
    document.state = IncomingState.WITHDRAWN.value
    document.recall_from_state = None
    _trail(document, {"at": now.isoformat(), "by": by[:300], "action": "edxml_revoked",
                      "state": document.state, "reason": reason[:1000]})  # fmt: skip
    document.updated_at = now
    record_change(session, document.unit_code, "document", document)
    return True


def _replace_earlier(session: Session, document: Document, packet: DocumentPacket, now: datetime) -> None:
    """A replacement names the documents it supersedes: each is marked, linked both ways."""
    replaced = [i for i in packet.replaces if i and i != packet.document_id][:50]
    document.replaces = [i[:200] for i in replaced]
    for edxml_id in replaced:
        earlier = _incoming(session, document.unit_code, edxml_id)
        if earlier is None:
            _wait(session, document.unit_code, edxml_id, "replace", document.edxml_document_id, packet,
                  packet.business_reason, now)  # fmt: skip
        elif issuer_code(earlier) == _clean_code(packet.sender.organ_id):  # another agency's stays as it is
            _mark_replaced(session, earlier, document.edxml_document_id or "", document.issuing_agency_name, now)


def _mark_replaced(session: Session, document: Document, by_id: str, by: str, now: datetime) -> None:
    if document.state in _GONE:
        return
    document.state = IncomingState.REPLACED.value
    document.replaced_by = by_id[:200] or None
    document.recall_from_state = None
    _trail(document, {"at": now.isoformat(), "by": by[:300], "action": "edxml_replaced",
                      "state": document.state, "note": by_id[:200]})  # fmt: skip
    document.updated_at = now
    record_change(session, document.unit_code, "document", document)


def _wait(
    session: Session,
    unit: str,
    edxml_id: str,
    kind: str,
    by_id: str | None,
    packet: DocumentPacket,
    reason: str,
    now: datetime,
) -> bool:
    """Keep a revocation or replacement for a document not here yet; False if it already waits."""
    waiting = select(PendingPacket.id).where(
        PendingPacket.unit_code == unit, PendingPacket.edxml_document_id == edxml_id[:200], PendingPacket.kind == kind
    )
    if by_id:  # a replacement waits once per replacing document
        waiting = waiting.where(PendingPacket.by_document_id == by_id)
    if session.scalar(waiting) is not None:
        return False
    session.add(PendingPacket(unit_code=unit, edxml_document_id=edxml_id[:200], kind=kind, by_document_id=by_id,
                              sender_name=_sender_name(session, packet)[:300],
                              sender_code=_clean_code(packet.sender.organ_id), reason=reason[:1000],
                              received_at=now))  # fmt: skip
    session.flush()
    return True


def _apply_pending(session: Session, document: Document, now: datetime) -> None:
    """A revocation or replacement that came before this document applies now."""
    if not document.edxml_document_id:
        return
    waiting = session.scalars(
        select(PendingPacket)
        .where(PendingPacket.unit_code == document.unit_code)
        .where(PendingPacket.edxml_document_id == document.edxml_document_id)
        .order_by(PendingPacket.id)
    ).all()
    for pending in waiting:
        if pending.sender_code is not None and pending.sender_code != issuer_code(document):
            continue  # not from the document's issuer: it stays waiting, and never applies
        if pending.kind == "revoke":
            _withdraw(session, document, pending.sender_name, pending.reason, now)
        else:
            _mark_replaced(session, document, pending.by_document_id or "", pending.sender_name, now)
        session.delete(pending)


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


# ---------------------------------------------------------------- status packets


def _accept_status(
    session: Session, packet: StatusPacket, digest: str, only_unit: str | None, now: datetime
) -> list[dict[str, Any]]:
    asking = packet.status is EdxmlStatus.RECALL_REQUESTED  # from the issuer to its recipients
    documents = _answered_documents(session, packet, only_unit, "incoming" if asking else "outgoing")
    if not documents:
        raise ApiError(404, "edxml.unknown_document", "No document here matches this status packet.",
                       "Không tìm thấy văn bản tương ứng với gói tin trạng thái.")  # fmt: skip
    results = []
    for document in documents:
        if _seen(session, document.unit_code, digest) is not None:
            results.append(_result(document.unit_code, document, duplicate=True))
            continue
        act = _recall_requested if asking else _delivery_status
        changed = act(session, document, packet, now)
        _note_receipt(session, document.unit_code, digest, document, now)
        results.append(_result(document.unit_code, document, duplicate=not changed))
    return results


def _answered_documents(session: Session, packet: StatusPacket, only_unit: str | None, direction: str) -> list:
    query = select(Document).where(
        Document.direction == direction, Document.edxml_document_id == packet.response_for_document_id[:200]
    )
    if only_unit is not None:
        query = query.where(Document.unit_code == only_unit)
    documents = list(session.scalars(query.with_for_update()))
    if direction == "incoming":  # only the issuer may ask for its document back
        sender = _clean_code(packet.sender.organ_id)
        documents = [d for d in documents if sender is not None and issuer_code(d) == sender]
    return documents


def _status_entry(packet: StatusPacket, now: datetime, state: str) -> dict[str, Any]:
    return {
        "at": (packet.timestamp.replace(tzinfo=VN_TZ) if packet.timestamp else now).isoformat(),
        "by": packet.sender.name or packet.sender.organ_id,
        "action": "edxml_status",
        "status": packet.status.value,
        "state": state,
        "note": packet.description[:1000],
    }


def _delivery_status(session: Session, document: Document, packet: StatusPacket, now: datetime) -> bool:
    """A recipient's answer: its row in the document's recipient table takes the new status. The same
    answer again (in other bytes) changes nothing; an older one arriving late only joins the trail."""
    organ = _clean_code(packet.sender.organ_id) or packet.sender.organ_id[:35]
    entry = {**_status_entry(packet, now, document.state), "organ_id": organ}
    if any(_same_answer(old, entry) for old in document.trail):
        return False
    row = {"organ_id": organ, "name": packet.sender.name or organ, "status": packet.status.value,
           "at": entry["at"], "note": entry["note"]}  # fmt: skip
    mine = next((d for d in document.deliveries if d.get("organ_id") == organ), None)
    if mine is None:  # an answer from an agency the document was not sent to through here (the axis fanned it out)
        document.deliveries = [*document.deliveries, row]
    elif _moment(mine.get("at")) <= _moment(row["at"]):
        row["name"] = mine.get("name") or row["name"]
        document.deliveries = [row if d is mine else d for d in document.deliveries]
    _trail(document, entry)
    document.updated_at = now
    record_change(session, document.unit_code, "document", document)
    return True


def _same_answer(old: dict[str, Any], new: dict[str, Any]) -> bool:
    keys = ("action", "organ_id", "status", "at")
    return all(old.get(key) == new[key] for key in keys)


def _moment(value: Any) -> datetime:
    """A stored time, for comparing (an ISO text; a row not yet answered counts as long ago)."""
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return datetime.min.replace(tzinfo=VN_TZ)


def _recall_requested(session: Session, document: Document, packet: StatusPacket, now: datetime) -> bool:
    """The issuer asks for its document back: the official agrees (15) or refuses (16)."""
    if document.state in _GONE or document.state == IncomingState.RECALL_REQUESTED.value:
        return False
    document.recall_from_state = document.state
    document.state = IncomingState.RECALL_REQUESTED.value
    _trail(document, _status_entry(packet, now, document.state))
    document.updated_at = now
    record_change(session, document.unit_code, "document", document)
    return True
