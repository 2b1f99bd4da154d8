"""Writing edXML status packets: this ward's answer about a document it received.

Apart from the reader because the two share only the packet types and the namespace: writing builds
a tree in the standard's element order and refuses text that XML cannot carry, so that every packet
written here reads back the same. Pure domain code: it returns ``bytes``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from app.domain.edxml_packets import EDXML_NS, VIETNAM_TZ, DocumentPacket, EdxmlStatus, Organ, StaffInfo
from app.domain.errors import DomainError, tr_noop

_XML_ILLEGAL_RE = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


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
    root = Element(_q("edXML"))
    message = SubElement(SubElement(SubElement(root, _q("edXMLEnvelope")), _q("edXMLHeader")), _q("MessageHeader"))
    _write_organ(message, sender)
    _add_all(
        SubElement(message, _q("ResponseFor")),
        [
            ("OrganId", response_for_organ_id, True),
            ("Code", response_for_code, True),
            ("PromulgationDate", _format_date(response_for_date), False),
            ("DocumentId", response_for_document_id, True),
        ],
    )
    _add_all(
        SubElement(message, _q("StaffInfo")),
        [
            ("Department", staff.department, True),
            ("Staff", staff.name, True),
            ("Mobile", staff.mobile, False),
            ("Email", staff.email, False),
        ],
    )
    _add_all(
        message,
        [
            ("StatusCode", status.value, True),
            ("Description", description, True),
            ("Timestamp", _format_timestamp(timestamp), True),
        ],
    )
    indent(root)
    return tostring(root, encoding="utf-8", xml_declaration=True, default_namespace=EDXML_NS)


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


def _q(name: str) -> str:
    return f"{{{EDXML_NS}}}{name}"


def _write_organ(message: Element, organ: Organ) -> None:
    _add_all(
        SubElement(message, _q("From")),
        [
            ("OrganId", organ.organ_id, True),
            ("OrganName", organ.name, True),
            ("OrganizationInCharge", organ.in_charge, True),
            ("OrganAdd", organ.address, False),
            ("Email", organ.email, False),
            ("Telephone", organ.phone, False),
            ("Fax", organ.fax, False),
            ("Website", organ.website, False),
        ],
    )


def _add_all(parent: Element, fields: Iterable[tuple[str, str, bool]]) -> None:
    """Append (name, text, required) children; optional ones are skipped when empty."""
    for name, text, required in fields:
        cleaned = _xml_text(name, text)
        if cleaned or required:
            SubElement(parent, _q(name)).text = cleaned


def _xml_text(name: str, text: str) -> str:
    # ElementTree escapes < and & but happily writes control characters that no parser accepts.
    bad = _XML_ILLEGAL_RE.search(text)
    if bad:
        raise DomainError(
            "edxml.invalid_character",
            tr_noop("{field} contains a character that XML cannot carry (U+{codepoint})."),
            field=name,
            codepoint=f"{ord(bad.group()):04X}",
        )
    # A bare CR would come back as LF after parsing; normalise so the packet round-trips.
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _format_date(value: date | None) -> str:
    return "" if value is None else f"{value.year:04d}/{value.month:02d}/{value.day:02d}"


def _format_timestamp(value: datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(VIETNAM_TZ).replace(tzinfo=None)
    return f"{_format_date(value.date())} {value:%H:%M:%S}"
