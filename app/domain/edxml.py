"""Read and write edXML packets (QCVN 102:2016, the national document-exchange format).

Two kinds of packet travel between agencies: a *document packet* (the document's metadata, a trace of
the systems it went through, an XML-DSig signature and base64 attachments) and a *status packet*
(the receiver's answer: arrived, accepted, done...). Pure domain code: functions take ``bytes`` and
return frozen objects or ``bytes``; no file access and no Qt.

Real packets are messy, so reading is defensive: elements are matched on their local name in the
QCVN namespace (or in no namespace), the first of duplicated elements wins, and anything odd becomes
a :class:`Problem` on the result. The whole packet is refused with a :class:`DomainError` only when
it is hostile, too large, not XML, not edXML, or lacks what makes it usable.

Dates are ``YYYY/MM/DD`` and timestamps ``YYYY/MM/DD HH:mm:ss`` in Vietnam local time (UTC+7);
timestamps are returned as naive datetimes meaning Vietnam local time.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from enum import Enum
from typing import Any
from xml.etree.ElementTree import Element, ParseError, SubElement, indent, tostring

from defusedxml import DefusedXmlException, DTDForbidden
from defusedxml.ElementTree import fromstring

from app.domain.errors import DomainError, tr_noop
from app.domain.file_names import safe_file_name

EDXML_NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
XMLDSIG_NS = "http://www.w3.org/2000/09/xmldsig#"
MAX_PACKET_BYTES = 64 * 1024 * 1024
# Real packets nest about 8 levels deep; a limit keeps pathological trees away from later code.
MAX_DEPTH = 64
VIETNAM_TZ = timezone(timedelta(hours=7), "ICT")

_DATE_RE = re.compile(r"(\d{4})[/-](\d{1,2})[/-](\d{1,2})")
_TIMESTAMP_RE = re.compile(r"(\d{4})[/-](\d{1,2})[/-](\d{1,2})[ T](\d{1,2}):(\d{2}):(\d{2})")
# Only the start of the file can hold the XML declaration; a BOM may precede it.
_ENCODING_RE = re.compile(rb"^(?:\xef\xbb\xbf)?<\?xml\s[^>]*?encoding\s*=\s*[\"']([^\"']*)[\"']")
_XML_ILLEGAL_RE = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# ---------------------------------------------------------------- result types


@dataclass(frozen=True)
class Problem:
    """Something odd in a packet that did not prevent reading it; ``message`` is translatable."""

    code: str
    message: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def english(self) -> str:
        return self.message.format(**self.params)


@dataclass(frozen=True)
class Organ:
    """An agency as named in a packet. ``organ_id`` is kept raw: agency_code maps it."""

    organ_id: str
    name: str = ""
    in_charge: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""
    fax: str = ""
    website: str = ""


@dataclass(frozen=True)
class Signer:
    competence: str
    position: str
    full_name: str


@dataclass(frozen=True)
class StaffInfo:
    department: str
    name: str
    mobile: str = ""
    email: str = ""


@dataclass(frozen=True)
class TraceEntry:
    """One system the packet went through; ``timestamp`` is None when ``raw_timestamp`` is invalid."""

    organ_id: str
    timestamp: datetime | None
    raw_timestamp: str


@dataclass(frozen=True)
class Attachment:
    """A decoded attachment. ``name`` is untrusted: use ``safe_file_name`` to save it."""

    name: str
    content_type: str
    description: str
    content_id: str
    data: bytes = field(repr=False)
    size: int = field(init=False)
    sha256: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "size", len(self.data))
        object.__setattr__(self, "sha256", hashlib.sha256(self.data).hexdigest())

    @property
    def safe_file_name(self) -> str:
        """The name without directories, control or reserved characters (no path traversal)."""
        return safe_file_name(self.name)


class EdxmlStatus(Enum):
    """Status codes of a status packet (QCVN 102:2016)."""

    ARRIVED = "01"
    REFUSED = "02"
    ACCEPTED = "03"
    ASSIGNED = "04"
    IN_PROGRESS = "05"
    DONE = "06"
    RECALL_REQUESTED = "13"
    RECALLED = "15"
    RECALL_REFUSED = "16"


@dataclass(frozen=True)
class DocumentPacket:
    """A document sent by another agency; ``problems`` lists what was odd in it."""

    sender: Organ
    recipients: tuple[Organ, ...]
    document_id: str
    code_number: str
    code_notation: str
    place: str
    promulgation_date: date | None
    type_code: str
    type_name: str
    subject: str
    content: str
    signer: Signer
    due_date: date | None
    priority: int | None
    steering_type: str
    to_places: tuple[str, ...]
    responds_to: tuple[str, ...]
    trace: tuple[TraceEntry, ...]
    business_doc_type: int | None
    business_document_id: str
    attachments: tuple[Attachment, ...]
    has_signature: bool
    problems: tuple[Problem, ...]

    @property
    def number_notation(self) -> str:
        """The document's code as printed on it, e.g. ``7816/VPCP-TTĐT``."""
        return "/".join(part for part in (self.code_number, self.code_notation) if part)


@dataclass(frozen=True)
class StatusPacket:
    """An agency's answer about a document we sent; ``timestamp`` is naive Vietnam local time."""

    sender: Organ
    response_for_organ_id: str
    response_for_code: str
    response_for_date: date | None
    response_for_document_id: str
    staff: StaffInfo
    status: EdxmlStatus
    description: str
    timestamp: datetime | None
    problems: tuple[Problem, ...] = ()


EdxmlPacket = DocumentPacket | StatusPacket


# ---------------------------------------------------------------- public reading API


def read_packet(data: bytes, *, max_bytes: int = MAX_PACKET_BYTES) -> DocumentPacket | StatusPacket:
    """Parse an edXML packet of either kind; raise DomainError when it is refused as a whole."""
    root = _parse_xml(data, max_bytes)
    problems = _Problems()
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


# ---------------------------------------------------------------- safe parsing


def _parse_xml(data: bytes, max_bytes: int) -> Element:
    # Size first: nothing else may touch an oversized input.
    if len(data) > max_bytes:
        raise DomainError("edxml.too_large", tr_noop("The edXML file is larger than {limit} bytes."), limit=max_bytes)
    if not data or data.isspace():
        raise DomainError("edxml.empty", tr_noop("The edXML file is empty."))
    _check_encoding(data)
    try:
        # forbid_dtd also stops billion laughs and external entities, which need a DTD.
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DTDForbidden as exc:
        raise DomainError(
            "edxml.dtd_forbidden", tr_noop("The edXML file declares a DTD, which is refused for safety.")
        ) from exc
    except DefusedXmlException as exc:
        raise DomainError("edxml.unsafe_xml", tr_noop("The edXML file uses unsafe XML features.")) from exc
    except ParseError as exc:
        raise DomainError("edxml.not_xml", tr_noop("The file is not valid XML ({detail})."), detail=str(exc)) from exc
    _check_depth(root)
    return root


def _check_encoding(data: bytes) -> None:
    """QCVN 102 mandates UTF-8; refuse other declarations and undecodable bytes up front."""
    declared = _ENCODING_RE.match(data)
    if declared and declared.group(1).decode("ascii", "replace").lower() not in ("utf-8", "utf8"):
        raise DomainError(
            "edxml.unsupported_encoding",
            tr_noop("The edXML file declares encoding {encoding}; only UTF-8 is accepted."),
            encoding=declared.group(1).decode("ascii", "replace"),
        )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DomainError(
            "edxml.invalid_encoding",
            tr_noop("The edXML file is not valid UTF-8 (byte {position})."),
            position=exc.start,
        ) from exc


def _check_depth(root: Element) -> None:
    stack = [(root, 1)]
    while stack:  # iterative: a deep tree must not exhaust the Python stack here
        element, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise DomainError(
                "edxml.too_deep", tr_noop("The edXML file nests elements deeper than {limit} levels."), limit=MAX_DEPTH
            )
        stack.extend((child, depth + 1) for child in element)


# ---------------------------------------------------------------- element helpers


class _Problems:
    """Collects problems while a packet is read."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, code: str, message: str, /, **params: Any) -> None:
        self.items.append(Problem(code, message, params))

    def missing(self, field_name: str) -> None:
        self.add("edxml.missing_field", tr_noop("The packet has no {field}."), field=field_name)


def _local_name(element: Element, *namespaces: str) -> str | None:
    """Local name when the element is in the QCVN namespace (or another given one) or none."""
    tag = element.tag
    if not isinstance(tag, str):  # comments and processing instructions
        return None
    if not tag.startswith("{"):
        return tag
    namespace, _, name = tag[1:].partition("}")
    return name if namespace in (EDXML_NS, *namespaces) else None


def _children(parent: Element | None, name: str) -> list[Element]:
    return [] if parent is None else [child for child in parent if _local_name(child) == name]


def _child(parent: Element | None, name: str, problems: _Problems) -> Element | None:
    found = _children(parent, name)
    if len(found) > 1:
        problems.add(
            "edxml.duplicate_element",
            tr_noop("The element {element} appears more than once; the first is used."),
            element=name,
        )
    return found[0] if found else None


def _text(element: Element | None) -> str:
    return "" if element is None else "".join(element.itertext()).strip()


def _child_text(parent: Element | None, name: str, problems: _Problems) -> str:
    return _text(_child(parent, name, problems))


def _parse_date(raw: str, field_name: str, problems: _Problems) -> date | None:
    """A ``YYYY/MM/DD`` date; an impossible one (2019/02/30) is reported, not raised."""
    if not raw:
        return None
    match = _DATE_RE.fullmatch(raw)
    if match:
        try:
            return date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    problems.add("edxml.bad_date", tr_noop('{field} is not a valid date: "{value}".'), field=field_name, value=raw)
    return None


def _parse_timestamp(raw: str, field_name: str, problems: _Problems) -> datetime | None:
    """A ``YYYY/MM/DD HH:mm:ss`` timestamp as a naive datetime in Vietnam local time."""
    if not raw:
        return None
    match = _TIMESTAMP_RE.fullmatch(raw)
    if match:
        try:
            return datetime(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    problems.add(
        "edxml.bad_timestamp", tr_noop('{field} is not a valid timestamp: "{value}".'), field=field_name, value=raw
    )
    return None


def _parse_small_int(raw: str, field_name: str, upper: int, problems: _Problems) -> int | None:
    """An integer in 0..upper, or None (reported) when it is something else."""
    if not raw:
        return None
    if re.fullmatch(r"[0-9]+", raw) and int(raw) <= upper:
        return int(raw)
    problems.add(
        "edxml.bad_number",
        tr_noop('{field} should be a number from 0 to {upper}: "{value}".'),
        field=field_name,
        upper=upper,
        value=raw,
    )
    return None


# ---------------------------------------------------------------- packet structure


def _locate_message_header(root: Element, problems: _Problems) -> tuple[Element, Element, Element]:
    """(envelope, edXMLHeader, MessageHeader); the envelope may be the root or wrapped in <edXML>."""
    root_name = _local_name(root)
    if root_name == "edXML":
        envelope = _child(root, "edXMLEnvelope", problems)
    elif root_name == "edXMLEnvelope":
        envelope = root
    else:
        raise DomainError("edxml.not_edxml", tr_noop("The XML file is not an edXML packet."))
    header = _child(envelope, "edXMLHeader", problems)
    message = _child(header, "MessageHeader", problems)
    if envelope is None or header is None or message is None:
        raise DomainError("edxml.no_message_header", tr_noop("The edXML packet has no message header."))
    return envelope, header, message


def _packet_kind(message: Element) -> str:
    if _children(message, "StatusCode"):
        return "status"
    if any(_children(message, name) for name in ("Subject", "Code", "DocumentId", "To")):
        return "document"
    if _children(message, "ResponseFor"):
        return "status"  # refused later for lacking a status code
    raise DomainError("edxml.unknown_kind", tr_noop("The edXML packet is neither a document nor a status packet."))


def _organ(element: Element | None, problems: _Problems) -> Organ:
    return Organ(
        organ_id=_child_text(element, "OrganId", problems),
        name=_child_text(element, "OrganName", problems),
        in_charge=_child_text(element, "OrganizationInCharge", problems),
        address=_child_text(element, "OrganAdd", problems),
        email=_child_text(element, "Email", problems),
        phone=_child_text(element, "Telephone", problems),
        fax=_child_text(element, "Fax", problems),
        website=_child_text(element, "Website", problems),
    )


def _sender(message: Element, problems: _Problems) -> Organ:
    sender = _organ(_child(message, "From", problems), problems)
    if not sender.organ_id:
        problems.missing("From/OrganId")
    return sender


# ---------------------------------------------------------------- document packets


@dataclass(frozen=True)
class _Trace:
    entries: tuple[TraceEntry, ...]
    business_doc_type: int | None
    business_document_id: str


def _build_document(
    root: Element, envelope: Element, header: Element, message: Element, problems: _Problems
) -> DocumentPacket:
    subject = _child_text(message, "Subject", problems)
    code = _child(message, "Code", problems)
    code_number = _child_text(code, "CodeNumber", problems)
    code_notation = _child_text(code, "CodeNotation", problems)
    if not subject and not (code_number or code_notation):
        raise DomainError("edxml.unusable_document", tr_noop("The edXML document has neither a subject nor a number."))
    promulgation = _child(message, "PromulgationInfo", problems)
    raw_promulgation_date = _child_text(promulgation, "PromulgationDate", problems)
    if not raw_promulgation_date:
        problems.missing("PromulgationInfo/PromulgationDate")
    promulgation_date = _parse_date(raw_promulgation_date, "PromulgationDate", problems)
    doc_type = _child(message, "DocumentType", problems)
    other = _child(message, "OtherInfo", problems)
    trace = _read_trace(_child(header, "TraceHeaderList", problems), problems)
    packet = DocumentPacket(
        sender=_sender(message, problems),
        recipients=tuple(_organ(to, problems) for to in _children(message, "To")),
        document_id=_child_text(message, "DocumentId", problems),
        code_number=code_number,
        code_notation=code_notation,
        place=_child_text(promulgation, "Place", problems),
        promulgation_date=promulgation_date,
        type_code=_child_text(doc_type, "Type", problems),
        type_name=_child_text(doc_type, "TypeName", problems),
        subject=subject,
        content=_child_text(message, "Content", problems),
        signer=_signer(_child(message, "SignerInfo", problems), problems),
        due_date=_parse_date(_child_text(message, "DueDate", problems), "DueDate", problems),
        priority=_parse_small_int(_child_text(other, "Priority", problems), "Priority", 4, problems),
        steering_type=_child_text(message, "SteeringType", problems),
        to_places=tuple(_text(place) for place in _children(_child(message, "ToPlaces", problems), "Place")),
        responds_to=tuple(_child_text(rf, "DocumentId", problems) for rf in _children(message, "ResponseFor")),
        trace=trace.entries,
        business_doc_type=trace.business_doc_type,
        business_document_id=trace.business_document_id,
        attachments=_read_attachments(root, envelope, problems),
        has_signature=_has_signature(root, envelope, header),
        problems=(),
    )
    _check_document(packet, problems)
    return _with_problems(packet, problems)


def _with_problems(packet: DocumentPacket, problems: _Problems) -> DocumentPacket:
    # Consistency checks need the finished packet, so the frozen packet is rebuilt once at the end.
    return replace(packet, problems=tuple(problems.items))


def _signer(element: Element | None, problems: _Problems) -> Signer:
    return Signer(
        competence=_child_text(element, "Competence", problems),
        position=_child_text(element, "Position", problems),
        full_name=_child_text(element, "FullName", problems),
    )


def _read_trace(trace_list: Element | None, problems: _Problems) -> _Trace:
    entries = []
    for header in _children(trace_list, "TraceHeader"):
        raw = _child_text(header, "Timestamp", problems)
        entries.append(
            TraceEntry(
                organ_id=_child_text(header, "OrganId", problems),
                timestamp=_parse_timestamp(raw, "TraceHeader/Timestamp", problems),
                raw_timestamp=raw,
            )
        )
    business = _child(trace_list, "Bussiness", problems)  # sic: the standard's spelling
    business_id = _child_text(business, "DocumentId", problems)
    if business_id:
        _check_document_id(business_id, "Bussiness/DocumentId", problems)
    doc_type = _parse_small_int(_child_text(business, "BussinessDocType", problems), "BussinessDocType", 3, problems)
    return _Trace(tuple(entries), doc_type, business_id)


def _check_document_id(document_id: str, field_name: str, problems: _Problems) -> tuple[date | None, str]:
    """Check ``OrganId,YYYY/MM/DD,number/notation``; return its (date, code) parts."""
    parts = [part.strip() for part in document_id.split(",")]
    if len(parts) != 3 or not all(parts):
        problems.add(
            "edxml.bad_document_id",
            tr_noop('{field} should read "organ,YYYY/MM/DD,number/notation": "{value}".'),
            field=field_name,
            value=document_id,
        )
        return None, ""
    return _parse_date(parts[1], field_name, problems), parts[2]


def _check_document(packet: DocumentPacket, problems: _Problems) -> None:
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


def _check_document_id_matches(packet: DocumentPacket, problems: _Problems) -> None:
    id_date, id_code = _check_document_id(packet.document_id, "DocumentId", problems)
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
    return any(_local_name(child, XMLDSIG_NS) == "Signature" for container in containers for child in container)


# ---------------------------------------------------------------- attachments


@dataclass(frozen=True)
class _ManifestEntry:
    content_type: str
    description: str
    name: str


def _read_attachments(root: Element, envelope: Element, problems: _Problems) -> tuple[Attachment, ...]:
    body = _child(envelope, "edXMLBody", problems)
    manifest = _read_manifest(_child(body, "edXMLManifest", problems), problems)
    containers = {id(c): c for c in (root, envelope, body) if c is not None}.values()
    elements = [
        attachment
        for container in containers
        for encoded in _children(container, "AttachmentEncoded")
        for attachment in _children(encoded, "Attachment")
    ]
    attachments = [_decode_attachment(element, manifest, problems) for element in elements]
    found = [attachment for attachment in attachments if attachment is not None]
    present = {_text(next(iter(_children(element, "ContentId")), None)) for element in elements}
    for content_id, entry in manifest.items():
        if content_id not in present:
            problems.add(
                "edxml.attachment_missing",
                tr_noop("The attachment {name} is listed but not included."),
                name=entry.name or content_id,
            )
    return tuple(found)


def _read_manifest(manifest: Element | None, problems: _Problems) -> dict[str, _ManifestEntry]:
    entries: dict[str, _ManifestEntry] = {}
    for reference in _children(manifest, "Reference"):
        content_id = _child_text(reference, "ContentId", problems)
        entries.setdefault(
            content_id,
            _ManifestEntry(
                content_type=_child_text(reference, "ContentType", problems),
                description=_child_text(reference, "Description", problems),
                name=_child_text(reference, "AttachmentName", problems),
            ),
        )
    return entries


def _decode_attachment(
    element: Element, manifest: Mapping[str, _ManifestEntry], problems: _Problems
) -> Attachment | None:
    """Decode one attachment strictly; a broken one is reported and omitted."""
    content_id = _child_text(element, "ContentId", problems)
    listed = manifest.get(content_id, _ManifestEntry("", "", ""))
    name = _child_text(element, "AttachmentName", problems) or listed.name or content_id or "attachment"
    payload = _attachment_payload(element, problems)
    if not payload:
        problems.add("edxml.attachment_empty", tr_noop("The attachment {name} has no content."), name=name)
        return None
    try:
        data = base64.b64decode("".join(payload.split()), validate=True)
    except ValueError:  # binascii.Error, or non-ASCII text
        problems.add(
            "edxml.attachment_bad_base64",
            tr_noop("The attachment {name} is not valid base64 and was left out."),
            name=name,
        )
        return None
    return Attachment(
        name=name,
        content_type=_child_text(element, "ContentType", problems) or listed.content_type,
        description=_child_text(element, "Description", problems) or listed.description,
        content_id=content_id,
        data=data,
    )


def _attachment_payload(element: Element, problems: _Problems) -> str:
    # Real senders put the base64 straight into ContentTransferEncoded; others put the
    # encoding name there and the content in a Value element. Accept both.
    value = _child(element, "Value", problems)
    if value is not None:
        return _text(value)
    encoded = _child_text(element, "ContentTransferEncoded", problems)
    return "" if encoded.lower() == "base64" else encoded


# ---------------------------------------------------------------- status packets


def _build_status(message: Element, problems: _Problems) -> StatusPacket:
    response = _child(message, "ResponseFor", problems)
    document_id = _child_text(response, "DocumentId", problems)
    code = _child_text(response, "Code", problems)
    if response is None or not (document_id or code):
        raise DomainError(
            "edxml.missing_response_for", tr_noop("The status packet does not say which document it answers.")
        )
    if not document_id:
        problems.missing("ResponseFor/DocumentId")
    status = _parse_status(_child_text(message, "StatusCode", problems))
    staff = _child(message, "StaffInfo", problems)
    raw_timestamp = _child_text(message, "Timestamp", problems)
    if not raw_timestamp:
        problems.missing("Timestamp")
    return StatusPacket(
        sender=_sender(message, problems),
        response_for_organ_id=_child_text(response, "OrganId", problems),
        response_for_code=code,
        response_for_date=_parse_date(
            _child_text(response, "PromulgationDate", problems), "ResponseFor/PromulgationDate", problems
        ),
        response_for_document_id=document_id,
        staff=StaffInfo(
            department=_child_text(staff, "Department", problems),
            name=_child_text(staff, "Staff", problems),
            mobile=_child_text(staff, "Mobile", problems),
            email=_child_text(staff, "Email", problems),
        ),
        status=status,
        description=_child_text(message, "Description", problems),
        timestamp=_parse_timestamp(raw_timestamp, "Timestamp", problems),
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


# ---------------------------------------------------------------- writing


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
