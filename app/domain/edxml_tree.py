"""Building edXML element trees: the pieces both packet writers share. Pure domain code.

Apart from the writers because a status packet and a document packet are built the same way: elements
in the QCVN namespace, text checked for what XML cannot carry (so that every packet written reads
back the same), optional fields left out when empty, dates ``YYYY/MM/DD`` and timestamps
``YYYY/MM/DD HH:mm:ss`` in Vietnam local time, UTF-8 bytes out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from app.domain.edxml_packets import EDXML_NS, VIETNAM_TZ, Organ, StaffInfo
from app.domain.errors import DomainError, tr_noop

_XML_ILLEGAL_RE = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

Field = tuple[str, str, bool]
"""(element name, text, required): a required element is written even when empty."""


def q(name: str) -> str:
    """The element name in the QCVN namespace."""
    return f"{{{EDXML_NS}}}{name}"


def new_message_header() -> tuple[Element, Element, Element]:
    """(root, edXMLHeader, MessageHeader) of an empty packet."""
    root = Element(q("edXML"))
    header = SubElement(SubElement(root, q("edXMLEnvelope")), q("edXMLHeader"))
    return root, header, SubElement(header, q("MessageHeader"))


def to_bytes(root: Element) -> bytes:
    indent(root)
    return tostring(root, encoding="utf-8", xml_declaration=True, default_namespace=EDXML_NS)


def add_all(parent: Element, fields: Iterable[Field]) -> None:
    """Append (name, text, required) children; optional ones are skipped when empty."""
    for name, text, required in fields:
        cleaned = xml_text(name, text)
        if cleaned or required:
            SubElement(parent, q(name)).text = cleaned


def add_group(parent: Element, name: str, fields: Iterable[Field]) -> Element:
    group = SubElement(parent, q(name))
    add_all(group, fields)
    return group


def xml_text(name: str, text: str) -> str:
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


def write_organ(parent: Element, tag: str, organ: Organ) -> None:
    """``From`` or ``To``: the standard's order, name and organ in charge always present."""
    add_group(
        parent,
        tag,
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


def write_staff(parent: Element, staff: StaffInfo) -> None:
    add_group(
        parent,
        "StaffInfo",
        [
            ("Department", staff.department, True),
            ("Staff", staff.name, True),
            ("Mobile", staff.mobile, False),
            ("Email", staff.email, False),
        ],
    )


def format_date(value: date | None) -> str:
    return "" if value is None else f"{value.year:04d}/{value.month:02d}/{value.day:02d}"


def format_timestamp(value: datetime) -> str:
    """Vietnam local time: a naive value is taken as such, an aware one is converted; seconds are
    the finest unit the format carries."""
    if value.tzinfo is not None:
        value = value.astimezone(VIETNAM_TZ).replace(tzinfo=None)
    return f"{format_date(value.date())} {value:%H:%M:%S}"


def require(value: str, field_name: str) -> None:
    """Refuse a packet that lacks what its receiver needs to register it."""
    if not value.strip():
        raise DomainError("edxml.missing_field", tr_noop("The packet has no {field}."), field=field_name)
