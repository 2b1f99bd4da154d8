"""Writing edXML status packets: this ward's answer about a document it received.

Apart from the reader because the two share only the packet types and the namespace: writing builds
a tree in the standard's element order (edxml_tree) and refuses text that XML cannot carry, so that
every packet written here reads back the same. Pure domain code: it returns ``bytes``.
"""

from __future__ import annotations

from datetime import date, datetime

from app.domain.edxml_packets import DocumentPacket, EdxmlStatus, Organ, StaffInfo
from app.domain.edxml_tree import (
    add_all,
    add_group,
    format_date,
    format_timestamp,
    new_message_header,
    to_bytes,
    write_organ,
    write_staff,
)
from app.domain.errors import DomainError, tr_noop


def write_status_packet(
    *,
    sender: Organ,
    response_for_organ_id: str,
    response_for_code: str,
    response_for_date: date | None,
    response_for_document_id: str,
    staff: StaffInfo,
    status: EdxmlStatus,
    description: str,
    timestamp: datetime,
) -> bytes:
    """Build a UTF-8 status packet answering a document, elements in the standard's order.

    ``timestamp`` is Vietnam local time: a naive value is taken as such, an aware one is converted;
    seconds are the finest unit the format carries. Empty optional fields are left out.
    """
    if not sender.organ_id.strip():
        raise DomainError("edxml.missing_sender", tr_noop("The sending agency has no identification code."))
    if not (response_for_document_id.strip() or response_for_code.strip()):
        raise DomainError(
            "edxml.missing_response_for", tr_noop("The status packet does not say which document it answers.")
        )
    root, _header, message = new_message_header()
    write_organ(message, "From", sender)
    add_group(
        message,
        "ResponseFor",
        [
            ("OrganId", response_for_organ_id, True),
            ("Code", response_for_code, True),
            ("PromulgationDate", format_date(response_for_date), False),
            ("DocumentId", response_for_document_id, True),
        ],
    )
    write_staff(message, staff)
    add_all(
        message,
        [
            ("StatusCode", status.value, True),
            ("Description", description, True),
            ("Timestamp", format_timestamp(timestamp), True),
        ],
    )
    return to_bytes(root)


def write_status_reply(
    document: DocumentPacket,
    *,
    sender: Organ,
    staff: StaffInfo,
    status: EdxmlStatus,
    description: str,
    timestamp: datetime,
) -> bytes:
    """A status packet answering ``document``; the issuing organ is taken from its document id."""
    issuer = document.document_id.split(",")[0].strip() or document.sender.organ_id
    return write_status_packet(
        sender=sender,
        response_for_organ_id=issuer,
        response_for_code=document.number_notation,
        response_for_date=document.promulgation_date,
        response_for_document_id=document.document_id,
        staff=staff,
        status=status,
        description=description,
        timestamp=timestamp,
    )
