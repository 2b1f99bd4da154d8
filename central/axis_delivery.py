"""Delivering queued axis packets to the units this service hosts, in the transaction that queued them.

A unit's action queues packets (``central.axis_answers``); one for another unit here is accepted by
that unit at once, as if the axis had brought it, which may queue answers in turn (a document's
arrival answers 01). The chain is short, so a few rounds empty it. Packets for agencies not hosted
here stay queued for the national axis. A packet its addressee refuses is kept, with the reason,
rather than undoing the official's action that wrote it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.edxml import read_document_packet
from central.change_feed import record_change
from central.edxml_ingest import accept_for_unit
from central.errors import ApiError
from central.models import AxisPacket, Document

MAX_ROUNDS = 8  # send → arrival → 01 is three; a longer chain would be a loop


def deliver_local(session: Session, now: datetime) -> int:
    """Deliver every queued packet for a unit hosted here; how many were delivered."""
    delivered = 0
    for _ in range(MAX_ROUNDS):
        packets = session.scalars(select(AxisPacket).where(AxisPacket.local.is_(True)).order_by(AxisPacket.id)).all()
        if not packets:
            break
        for packet in packets:
            try:
                with session.begin_nested():
                    accept_for_unit(session, packet.data, packet.to_organ_id, now)
            except ApiError as error:
                packet.local = False
                packet.refusal = f"{error.code}: {error.en}"[:500]
                if packet.kind == "document":
                    _tell_sender(session, packet, error)
                continue
            session.delete(packet)
            delivered += 1
        session.flush()
    return delivered


def _tell_sender(session: Session, packet: AxisPacket, error: ApiError) -> None:
    """The recipient refused the document: the sender's row for it says so, with the reason."""
    edxml_id = read_document_packet(packet.data).document_id  # written here: it reads
    document = session.scalar(
        select(Document).where(
            Document.unit_code == packet.from_unit, Document.direction == "outgoing",
            Document.edxml_document_id == edxml_id,
        )
    )  # fmt: skip
    if document is None:
        return
    document.deliveries = [
        {**d, "status": "02", "note": f"Không nhận được: {error.vi}"[:1000]} if d.get("organ_id") == packet.to_organ_id
        else d
        for d in document.deliveries
    ]  # fmt: skip
    document.version += 1
    record_change(session, document.unit_code, "document", document)
