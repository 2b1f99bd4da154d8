"""Read edXML packets (QCVN 102:2016, the national document-exchange format).

Two kinds of packet travel between agencies: a *document packet* (the document's metadata, a trace of
the systems it went through, an XML-DSig signature and base64 attachments) and a *status packet*
(the receiver's answer: arrived, accepted, done...). Pure domain code: functions take ``bytes`` and
return frozen objects (edxml_packets); no file access and no Qt. Parsing and the element helpers
are in edxml_elements, attachments in edxml_attachments, the trace and business part in edxml_business;
writing packets in edxml_status_writer and edxml_document_writer.

Real packets are messy, so reading is defensive: elements are matched on their local name in the
QCVN namespace (or in no namespace), the first of duplicated elements wins, and anything odd becomes
a :class:`Problem` on the result. The whole packet is refused with a :class:`DomainError` only when
it is hostile, too large, not XML, not edXML, or lacks what makes it usable.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, time
from xml.etree.ElementTree import Element

from app.domain.document_types import from_edxml
from app.domain.edxml_attachments import read_attachments
from app.domain.edxml_business import check_document_id, read_trace
from app.domain.edxml_elements import (
    Problems,
    child_text,
    children_named,
    element_text,
    first_child,
    local_name,
    parse_date,
    parse_small_int,
    parse_timestamp,
    parse_xml,
)
from app.domain.edxml_packets import (
    MAX_PACKET_BYTES,
    XMLDSIG_NS,
    DocumentPacket,
    EdxmlPacket,
    EdxmlStatus,
    Organ,
    Signer,
    StaffInfo,
    StatusPacket,
)
from app.domain.errors import DomainError, tr_noop


def read_packet(data: bytes, *, max_bytes: int = MAX_PACKET_BYTES) -> EdxmlPacket:
    """Parse an edXML packet of either kind; raise DomainError when it is refused as a whole."""
    root = parse_xml(data, max_bytes)
    problems = Problems()
    envelope, header, message = _locate_message_header(root, problems)
    kind = _packet_kind(message)
    if kind == "status":
        return _build_status(message, problems)
    return _build_document(root, envelope, header, message, problems)


def read_document_packet(data: bytes, *, max_bytes: int = MAX_PACKET_BYTES) -> DocumentPacket:
    packet = read_packet(data, max_bytes=max_bytes)
    if not isinstance(packet, DocumentPacket):
        raise DomainError("edxml.not_document_packet", tr_noop("The edXML file is a status packet, not a document."))
    return packet


def read_status_packet(data: bytes, *, max_bytes: int = MAX_PACKET_BYTES) -> StatusPacket:
    packet = read_packet(data, max_bytes=max_bytes)
    if not isinstance(packet, StatusPacket):
        raise DomainError("edxml.not_status_packet", tr_noop("The edXML file is a document, not a status packet."))
    return packet


# ---------------------------------------------------------------- packet structure


def _locate_message_header(root: Element, problems: Problems) -> tuple[Element, Element, Element]:
    """(envelope, edXMLHeader, MessageHeader); the envelope may be the root or wrapped in <edXML>."""
    root_name = local_name(root)
    if root_name == "edXML":
        envelope = first_child(root, "edXMLEnvelope", problems)
    elif root_name == "edXMLEnvelope":
        envelope = root
    else:
        raise DomainError("edxml.not_edxml", tr_noop("The XML file is not an edXML packet."))
    header = first_child(envelope, "edXMLHeader", problems)
    message = first_child(header, "MessageHeader", problems)
    if envelope is None or header is None or message is None:
        raise DomainError("edxml.no_message_header", tr_noop("The edXML packet has no message header."))
    return envelope, header, message


def _packet_kind(message: Element) -> str:
    if children_named(message, "StatusCode"):
        return "status"
    if any(children_named(message, name) for name in ("Subject", "Code", "DocumentId", "To")):
        return "document"
    if children_named(message, "ResponseFor"):
        return "status"  # refused later for lacking a status code
    raise DomainError("edxml.unknown_kind", tr_noop("The edXML packet is neither a document nor a status packet."))


def _organ(element: Element | None, problems: Problems) -> Organ:
    return Organ(
        organ_id=child_text(element, "OrganId", problems),
        name=child_text(element, "OrganName", problems),
        in_charge=child_text(element, "OrganizationInCharge", problems),
        address=child_text(element, "OrganAdd", problems),
        email=child_text(element, "Email", problems),
        phone=child_text(element, "Telephone", problems),
        fax=child_text(element, "Fax", problems),
        website=child_text(element, "Website", problems),
    )


def _sender(message: Element, problems: Problems) -> Organ:
    sender = _organ(first_child(message, "From", problems), problems)
    if not sender.organ_id:
        problems.missing("From/OrganId")
    if not sender.name:  # not refused (the code names it), but the clerk is told
        problems.missing("From/OrganName")
    return sender


# ---------------------------------------------------------------- document packets


def _build_document(
    root: Element, envelope: Element, header: Element, message: Element, problems: Problems
) -> DocumentPacket:
    subject = child_text(message, "Subject", problems)
    code = first_child(message, "Code", problems)
    code_number = child_text(code, "CodeNumber", problems)
    code_notation = child_text(code, "CodeNotation", problems)
    if not subject and not (code_number or code_notation):
        raise DomainError("edxml.unusable_document", tr_noop("The edXML document has neither a subject nor a number."))
    promulgation = first_child(message, "PromulgationInfo", problems)
    raw_promulgation_date = child_text(promulgation, "PromulgationDate", problems)
    if not raw_promulgation_date:
        problems.missing("PromulgationInfo/PromulgationDate")
    promulgation_date = parse_date(raw_promulgation_date, "PromulgationDate", problems)
    doc_type = first_child(message, "DocumentType", problems)
    other = first_child(message, "OtherInfo", problems)
    trace = read_trace(first_child(header, "TraceHeaderList", problems), problems)
    due_date, due_time = _parse_due(child_text(message, "DueDate", problems), problems)
    packet = DocumentPacket(
        sender=_sender(message, problems),
        recipients=tuple(_organ(to, problems) for to in children_named(message, "To")),
        document_id=child_text(message, "DocumentId", problems),
        code_number=code_number,
        code_notation=code_notation,
        place=child_text(promulgation, "Place", problems),
        promulgation_date=promulgation_date,
        type_code=child_text(doc_type, "Type", problems),
        type_name=child_text(doc_type, "TypeName", problems),
        subject=subject,
        content=child_text(message, "Content", problems),
        signer=_signer(first_child(message, "SignerInfo", problems), problems),
        due_date=due_date,
        priority=parse_small_int(child_text(other, "Priority", problems), "Priority", 4, problems),
        steering_type=child_text(message, "SteeringType", problems),
        to_places=tuple(
            element_text(place) for place in children_named(first_child(message, "ToPlaces", problems), "Place")
        ),
        responds_to=tuple(child_text(rf, "DocumentId", problems) for rf in children_named(message, "ResponseFor")),
        trace=trace.entries,
        business_doc_type=trace.doc_type,
        business_document_id=trace.document_id,
        attachments=read_attachments(root, envelope, problems),
        has_signature=_has_signature(root, envelope, header),
        problems=(),
        business_reason=trace.reason,
        business_staff=trace.staff,
        paper=trace.paper,
        update_info=trace.update_info,
        update_receivers=trace.update_receivers,
        changed_receivers=trace.changed_receivers,
        replacements=trace.replacements,
        due_time=due_time,
    )
    _check_document(packet, problems)
    return _with_problems(packet, problems)


def _with_problems(packet: DocumentPacket, problems: Problems) -> DocumentPacket:
    # Consistency checks need the finished packet, so the frozen packet is rebuilt once at the end.
    return replace(packet, problems=tuple(problems.items))


def _signer(element: Element | None, problems: Problems) -> Signer:
    return Signer(
        competence=child_text(element, "Competence", problems),
        position=child_text(element, "Position", problems),
        full_name=child_text(element, "FullName", problems),
    )


def _parse_due(raw: str, problems: Problems) -> tuple[date | None, time | None]:
    """DueDate as ``YYYY/MM/DD``, or with a time (``YYYY/MM/DD HH:mm:ss``) for a flash-with-a-set-time
    document (priority 4). No public source says where that time goes, so the writer puts it here in
    the trace's timestamp format, and both forms are read."""
    if not raw or len(raw) <= 10:
        return parse_date(raw, "DueDate", problems), None
    moment = parse_timestamp(raw, "DueDate", problems)
    return (None, None) if moment is None else (moment.date(), moment.time())


def _check_document(packet: DocumentPacket, problems: Problems) -> None:
    """Report missing essentials and inconsistencies that a clerk should look at."""
    for name, value in (
        ("DocumentId", packet.document_id),
        ("Subject", packet.subject),
        ("Code/CodeNumber", packet.code_number),
    ):
        if not value:
            problems.missing(name)
    if not packet.recipients:
        problems.missing("To")
    _check_type(packet, problems)
    if packet.code_number and not re.fullmatch(r"[0-9]+", packet.code_number):
        problems.add(
            "edxml.odd_code_number", tr_noop('The document number "{value}" is not a number.'), value=packet.code_number
        )
    if packet.document_id:
        _check_document_id_matches(packet, problems)
    if packet.due_date and packet.promulgation_date and packet.due_date < packet.promulgation_date:
        problems.add(
            "edxml.due_before_promulgation",
            tr_noop("The due date {due} is before the promulgation date {date}."),
            due=packet.due_date.isoformat(),
            date=packet.promulgation_date.isoformat(),
        )


def _check_type(packet: DocumentPacket, problems: Problems) -> None:
    if from_edxml(packet.type_code, packet.type_name, packet.code_notation) is not None:
        return
    if not (packet.type_code or packet.type_name):
        problems.missing("DocumentType")
        return
    problems.add(
        "edxml.unknown_document_type",
        tr_noop("The document type “{name}” ({code}) is not one of Decree 30's types."),
        name=packet.type_name,
        code=packet.type_code,
    )


def _check_document_id_matches(packet: DocumentPacket, problems: Problems) -> None:
    id_date, id_code = check_document_id(packet.document_id, "DocumentId", problems)
    if id_code and packet.number_notation and id_code != packet.number_notation:
        problems.add(
            "edxml.document_id_code_mismatch",
            tr_noop("The document id says {id_code} but the document number is {code}."),
            id_code=id_code,
            code=packet.number_notation,
        )
    if id_date and packet.promulgation_date and id_date != packet.promulgation_date:
        problems.add(
            "edxml.document_id_date_mismatch",
            tr_noop("The document id says {id_date} but the promulgation date is {date}."),
            id_date=id_date.isoformat(),
            date=packet.promulgation_date.isoformat(),
        )


def _has_signature(*containers: Element) -> bool:
    """Whether an XML-DSig Signature is present; it is NOT verified here.

    Depending on the sender's software it sits in edXMLHeader, the envelope or the root.
    """
    return any(local_name(child, XMLDSIG_NS) == "Signature" for container in containers for child in container)


# ---------------------------------------------------------------- status packets


def _build_status(message: Element, problems: Problems) -> StatusPacket:
    response = first_child(message, "ResponseFor", problems)
    document_id = child_text(response, "DocumentId", problems)
    code = child_text(response, "Code", problems)
    if response is None or not (document_id or code):
        raise DomainError(
            "edxml.missing_response_for", tr_noop("The status packet does not say which document it answers.")
        )
    if not document_id:
        problems.missing("ResponseFor/DocumentId")
    status = _parse_status(child_text(message, "StatusCode", problems))
    staff = first_child(message, "StaffInfo", problems)
    raw_timestamp = child_text(message, "Timestamp", problems)
    if not raw_timestamp:
        problems.missing("Timestamp")
    return StatusPacket(
        sender=_sender(message, problems),
        response_for_organ_id=child_text(response, "OrganId", problems),
        response_for_code=code,
        response_for_date=parse_date(
            child_text(response, "PromulgationDate", problems), "ResponseFor/PromulgationDate", problems
        ),
        response_for_document_id=document_id,
        staff=StaffInfo(
            department=child_text(staff, "Department", problems),
            name=child_text(staff, "Staff", problems),
            mobile=child_text(staff, "Mobile", problems),
            email=child_text(staff, "Email", problems),
        ),
        status=status,
        description=child_text(message, "Description", problems),
        timestamp=parse_timestamp(raw_timestamp, "Timestamp", problems),
        problems=tuple(problems.items),
    )


def _parse_status(raw: str) -> EdxmlStatus:
    if not raw:
        raise DomainError("edxml.missing_status_code", tr_noop("The status packet has no status code."))
    normalized = raw.zfill(2) if raw.isascii() and raw.isdigit() else raw  # some senders write "3"
    try:
        return EdxmlStatus(normalized)
    except ValueError:
        raise DomainError("edxml.unknown_status", tr_noop('Unknown edXML status code "{value}".'), value=raw) from None
