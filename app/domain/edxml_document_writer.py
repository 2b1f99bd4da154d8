"""Writing edXML document packets (QCVN 102:2016): a new document, or one that revokes, updates or
replaces a document sent earlier. Pure domain code: it returns ``bytes``.

The packet is built in the standard's element order (edxml_tree does the text checks and formats),
without the XML-DSig ``Signature``, which signing adds later. What the receiver needs to register the
document (sender, receivers, id, number, subject, promulgation date) is required; a field that is
empty and optional is left out; and a packet is refused rather than written inconsistent (a
replacement that replaces nothing, an update's receiver changes on a new document), so that
``read_document_packet(write_document_packet(p))`` gives ``p`` back with no problems.

Element order: the message header follows the real packet in ``samples/edxml``; inside
``Bussiness`` the writer follows the standard's item numbering as public integration code gives it
(2.2.1 BussinessDocType, 2.2.2 BussinessDocReason, 2.2.3 BussinessDocumentInfo, 2.2.4 DocumentId,
2.2.5 StaffInfo, 2.2.6 Paper, 2.2.8 ReplacementInfoList); the sample and VNPT's library put
DocumentId first, which is why the reader ignores order (sources: edxml_business).
"""

from __future__ import annotations

import base64
from datetime import date, datetime
from xml.etree.ElementTree import Element, SubElement

from app.domain.edxml_packets import VIETNAM_TZ, Attachment, DocumentPacket, PacketKind, TraceEntry
from app.domain.edxml_tree import (
    add_all,
    add_group,
    format_date,
    format_timestamp,
    new_message_header,
    q,
    require,
    to_bytes,
    write_organ,
    write_staff,
    xml_text,
)
from app.domain.errors import DomainError, tr_noop


def document_id(organ_id: str, promulgation_date: date, number_notation: str) -> str:
    """``OrganId,YYYY/MM/DD,number/notation``, the id QCVN 102 gives a document."""
    parts = (organ_id.strip(), number_notation.strip())
    if not all(parts) or any("," in part for part in parts):
        raise DomainError(
            "edxml.bad_document_id_parts",
            tr_noop("A document id needs an organ code and a number without commas."),
        )
    return f"{parts[0]},{format_date(promulgation_date)},{parts[1]}"


def trace_entry(organ_id: str, when: datetime) -> TraceEntry:
    """The trace entry a system adds when it sends the packet on, as the reader will return it."""
    raw = format_timestamp(when)
    if when.tzinfo is not None:
        when = when.astimezone(VIETNAM_TZ).replace(tzinfo=None)
    return TraceEntry(organ_id, when.replace(microsecond=0), raw)


def write_document_packet(packet: DocumentPacket) -> bytes:
    """A UTF-8 document packet; DomainError when ``packet`` lacks essentials, is inconsistent or
    holds text that XML cannot carry. ``problems`` and ``has_signature`` are not written."""
    _check_essentials(packet)
    _check_business(packet)
    root, header, message = new_message_header()
    _write_message(message, packet)
    _write_trace(SubElement(header, q("TraceHeaderList")), packet)
    if packet.attachments:
        _write_attachments(root, packet.attachments)
    return to_bytes(root)


# ---------------------------------------------------------------- checks


def _check_essentials(packet: DocumentPacket) -> None:
    if not packet.sender.organ_id.strip():
        raise DomainError("edxml.missing_sender", tr_noop("The sending agency has no identification code."))
    if not packet.recipients:
        require("", "To")
    for recipient in packet.recipients:
        require(recipient.organ_id, "To/OrganId")
    for value, name in (
        (packet.document_id, "DocumentId"),
        (packet.code_number, "Code/CodeNumber"),
        (packet.subject, "Subject"),
        (format_date(packet.promulgation_date), "PromulgationInfo/PromulgationDate"),
    ):
        require(value, name)
    if packet.priority is not None and not 0 <= packet.priority <= 4:
        raise DomainError("edxml.bad_priority", tr_noop("The priority must be 0 to 4."))
    if packet.due_time is not None and packet.due_date is None:
        raise DomainError("edxml.due_time_without_date", tr_noop("A due time needs a due date."))
    if any(entry.timestamp is None for entry in packet.trace):
        raise DomainError("edxml.bad_trace", tr_noop("A trace entry has no valid time."))


def _check_business(packet: DocumentPacket) -> None:
    """Refuse business details that contradict the packet's kind."""
    if packet.business_doc_type is not None and not 0 <= packet.business_doc_type <= 3:
        raise DomainError("edxml.bad_business_type", tr_noop("The business document type must be 0 to 3."))
    kind = packet.kind
    if (kind is PacketKind.REPLACE) != bool(packet.replacements):
        raise DomainError(
            "edxml.bad_replacement",
            tr_noop("A replacing packet, and only a replacing packet, lists the documents it replaces."),
        )
    if kind is not PacketKind.UPDATE and _has_update_info(packet):
        raise DomainError("edxml.bad_update", tr_noop("Only an update packet says what it changes."))
    if any(change.receiver_type not in (0, 1) for change in packet.changed_receivers):
        raise DomainError("edxml.bad_receiver_type", tr_noop("A receiver change must be 0 or 1."))
    if packet.paper is not None and packet.paper not in (0, 1):
        raise DomainError("edxml.bad_paper", tr_noop("Paper must be 0 or 1."))


def _has_update_info(packet: DocumentPacket) -> bool:
    return packet.update_info or packet.update_receivers or bool(packet.changed_receivers)


# ---------------------------------------------------------------- message header


def _write_message(message: Element, packet: DocumentPacket) -> None:
    write_organ(message, "From", packet.sender)
    for recipient in packet.recipients:
        write_organ(message, "To", recipient)
    add_all(message, [("DocumentId", packet.document_id, True)])
    add_group(message, "Code", [("CodeNumber", packet.code_number, True), ("CodeNotation", packet.code_notation, True)])
    add_group(
        message,
        "PromulgationInfo",
        [("Place", packet.place, True), ("PromulgationDate", format_date(packet.promulgation_date), True)],
    )
    add_group(message, "DocumentType", [("Type", packet.type_code, True), ("TypeName", packet.type_name, True)])
    add_all(message, [("Subject", packet.subject, True), ("Content", packet.content, False)])
    add_group(
        message,
        "SignerInfo",
        [
            ("Competence", packet.signer.competence, False),
            ("Position", packet.signer.position, False),
            ("FullName", packet.signer.full_name, True),
        ],
    )
    add_all(message, [("DueDate", _due(packet), False)])
    if packet.priority is not None:
        add_group(message, "OtherInfo", [("Priority", str(packet.priority), True)])
    add_all(message, [("SteeringType", packet.steering_type, False)])
    if packet.to_places:
        add_all(SubElement(message, q("ToPlaces")), [("Place", place, True) for place in packet.to_places])
    for responded in packet.responds_to:
        add_group(message, "ResponseFor", _response_for(responded))


def _due(packet: DocumentPacket) -> str:
    # A flash-with-a-set-time document (priority 4) carries its time after the date, in the trace's
    # timestamp format: no public source says where else it goes (see edxml._parse_due).
    if packet.due_date is None or packet.due_time is None:
        return format_date(packet.due_date)
    return format_timestamp(datetime.combine(packet.due_date, packet.due_time.replace(tzinfo=None)))


def _response_for(responded_id: str) -> list[tuple[str, str, bool]]:
    """The document answered, its organ, code and date taken from its id when the id has them."""
    parts = [part.strip() for part in responded_id.split(",")]
    organ, promulgated, code = parts if len(parts) == 3 else ("", "", "")
    return [
        ("OrganId", organ, False),
        ("Code", code, False),
        ("PromulgationDate", promulgated, False),
        ("DocumentId", responded_id, True),
    ]


# ---------------------------------------------------------------- trace and business


def _write_trace(trace_list: Element, packet: DocumentPacket) -> None:
    for entry in packet.trace:
        assert entry.timestamp is not None  # checked above
        add_group(
            trace_list,
            "TraceHeader",
            [("OrganId", entry.organ_id, True), ("Timestamp", format_timestamp(entry.timestamp), True)],
        )
    business = SubElement(trace_list, q("Bussiness"))  # sic: the standard's spelling
    add_all(
        business,
        [
            ("BussinessDocType", str(packet.kind.code), True),
            ("BussinessDocReason", packet.business_reason, False),
        ],
    )
    if packet.kind is PacketKind.UPDATE:
        _write_update(business, packet)
    add_all(business, [("DocumentId", packet.business_document_id, False)])
    if packet.business_staff is not None:
        write_staff(business, packet.business_staff)
    if packet.paper is not None:
        add_all(business, [("Paper", str(packet.paper), True)])
    if packet.replacements:
        _write_replacements(business, packet)


def _write_update(business: Element, packet: DocumentPacket) -> None:
    info = add_group(
        business,
        "BussinessDocumentInfo",
        [
            ("DocumentInfo", str(int(packet.update_info)), True),
            ("DocumentReceiver", str(int(packet.update_receivers)), True),
        ],
    )
    receivers = SubElement(info, q("ReceiverList"))
    for change in packet.changed_receivers:
        require(change.organ_id, "ReceiverList/Receiver/OrganId")
        fields = [("ReceiverType", str(change.receiver_type), True), ("OrganId", change.organ_id, True)]
        add_group(receivers, "Receiver", fields)


def _write_replacements(business: Element, packet: DocumentPacket) -> None:
    replacement_list = SubElement(business, q("ReplacementInfoList"))
    for replacement in packet.replacements:
        require(replacement.document_id, "ReplacementInfo/DocumentId")
        info = add_group(replacement_list, "ReplacementInfo", [("DocumentId", replacement.document_id, True)])
        add_all(SubElement(info, q("OrganIdList")), [("OrganId", organ, True) for organ in replacement.organ_ids])


# ---------------------------------------------------------------- attachments


def _write_attachments(root: Element, attachments: tuple[Attachment, ...]) -> None:
    """The manifest in edXMLBody, the base64 content in AttachmentEncoded after the envelope (as in
    the real packet), matched by ContentId, which must therefore be present and unique."""
    content_ids = [attachment.content_id.strip() for attachment in attachments]
    if not all(content_ids) or len(set(content_ids)) != len(content_ids):
        raise DomainError("edxml.bad_content_id", tr_noop("Each attachment needs its own content id."))
    envelope = root.find(q("edXMLEnvelope"))
    assert envelope is not None
    manifest = SubElement(SubElement(envelope, q("edXMLBody")), q("edXMLManifest"))
    encoded = SubElement(root, q("AttachmentEncoded"))
    for attachment in attachments:
        _check_attachment(attachment)
        add_group(manifest, "Reference", _attachment_fields(attachment))
        element = add_group(encoded, "Attachment", _attachment_fields(attachment))
        # base64 is plain ASCII, so it needs no XML check; one line, as the real packet has it.
        SubElement(element, q("ContentTransferEncoded")).text = base64.b64encode(attachment.data).decode("ascii")


def _check_attachment(attachment: Attachment) -> None:
    require(attachment.name, "AttachmentName")
    if not attachment.data:
        raise DomainError(
            "edxml.attachment_empty", tr_noop("The attachment {name} has no content."), name=attachment.name
        )
    xml_text("AttachmentName", attachment.name)


def _attachment_fields(attachment: Attachment) -> list[tuple[str, str, bool]]:
    return [
        ("ContentId", attachment.content_id, True),
        ("AttachmentName", attachment.name, True),
        ("Description", attachment.description, False),
        ("ContentType", attachment.content_type, False),
    ]
