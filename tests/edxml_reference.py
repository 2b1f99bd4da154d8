"""A second, independent reader of edXML packets (QCVN 102:2016), for tests only.

It shares no code with ``app.domain.edxml*``: it walks a ``xml.dom.minidom`` tree (lxml is not
installed) following the standard's structure, and is *strict* where the project's reader is lenient,
so that what the project writes is checked against the structure rather than against itself:
- the root is ``edXML`` in the QCVN namespace and every element is in that namespace (an XML-DSig
  ``Signature`` subtree aside); no DTD;
- the required elements are there, exactly once: a document's sender, receivers, id, number,
  promulgation date, subject and ``TraceHeaderList/Bussiness/BussinessDocType``; a status packet's
  sender, ``ResponseFor``, ``StaffInfo``, status code and timestamp;
- dates read ``YYYY/MM/DD`` and timestamps ``YYYY/MM/DD HH:mm:ss``, and are real dates; document ids
  read ``OrganId,YYYY/MM/DD,number/notation`` (shape only: the real sample carries 2014/02/30 in
  its trace);
- attachments decode as strict base64 and the manifest lists exactly the attachments present, by
  ContentId.
The standard's spelling (``Bussiness``) is the only one accepted. One convention is the project's own,
for want of a public source: a flash-with-a-set-time document's ``DueDate`` may carry a time.

``parse(data)`` returns plain dicts; :class:`StructureError` says what broke the rules.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import date, datetime, time
from typing import Any
from xml.dom import Node
from xml.dom.minidom import Element, parseString
from xml.parsers.expat import ExpatError

EDXML_NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
XMLDSIG_NS = "http://www.w3.org/2000/09/xmldsig#"
STATUS_CODES = ("01", "02", "03", "04", "05", "06", "13", "15", "16")
_DATE = re.compile(r"(\d{4})/(\d{2})/(\d{2})")
_TIMESTAMP = re.compile(r"(\d{4})/(\d{2})/(\d{2}) (\d{2}):(\d{2}):(\d{2})")
_DOCUMENT_ID = re.compile(r"[^,]+,\d{4}/\d{2}/\d{2},[^,]+")


class StructureError(ValueError):
    """The packet breaks QCVN 102's structure as this reader understands it."""


def parse(data: bytes) -> dict[str, Any]:
    """A document or status packet as plain dicts; ``kind`` is ``"document"`` or ``"status"``."""
    if b"<!DOCTYPE" in data:
        raise StructureError("a DTD is not allowed")
    try:
        root = parseString(data.decode("utf-8")).documentElement
    except (UnicodeDecodeError, ExpatError) as exc:
        raise StructureError(f"not UTF-8 XML: {exc}") from exc
    if (root.namespaceURI, root.localName) != (EDXML_NS, "edXML"):
        raise StructureError(f"root is {{{root.namespaceURI}}}{root.localName}, not edXML")
    _check_namespaces(root)
    envelope = one(root, "edXMLEnvelope")
    header = one(envelope, "edXMLHeader")
    message = one(header, "MessageHeader")
    if children(message, "StatusCode"):
        return _status(message)
    return _document(root, envelope, header, message)


# ---------------------------------------------------------------- the tree


def children(parent: Element, name: str) -> list[Element]:
    return [
        child
        for child in parent.childNodes
        if child.nodeType == Node.ELEMENT_NODE and child.namespaceURI == EDXML_NS and child.localName == name
    ]


def one(parent: Element, name: str) -> Element:
    found = children(parent, name)
    if len(found) != 1:
        raise StructureError(f"{parent.localName} has {len(found)} {name}, expected exactly one")
    return found[0]


def optional(parent: Element, name: str) -> Element | None:
    found = children(parent, name)
    if len(found) > 1:
        raise StructureError(f"{parent.localName} has {len(found)} {name}, expected at most one")
    return found[0] if found else None


def text(element: Element | None) -> str:
    if element is None:
        return ""
    return "".join(node.data for node in element.childNodes if node.nodeType == Node.TEXT_NODE).strip()


def required_text(parent: Element, name: str) -> str:
    value = text(one(parent, name))
    if not value:
        raise StructureError(f"{parent.localName}/{name} is empty")
    return value


def optional_text(parent: Element | None, name: str) -> str:
    return "" if parent is None else text(optional(parent, name))


def _check_namespaces(root: Element) -> None:
    stack = [root]
    while stack:
        element = stack.pop()
        if element.localName == "Signature" and element.namespaceURI in (EDXML_NS, XMLDSIG_NS):
            continue  # a signature's inside is XML-DSig's business
        if element.namespaceURI != EDXML_NS:
            raise StructureError(f"{element.localName} is in namespace {element.namespaceURI!r}")
        stack.extend(child for child in element.childNodes if child.nodeType == Node.ELEMENT_NODE)


# ---------------------------------------------------------------- values


def parse_date(raw: str, where: str) -> date:
    match = _DATE.fullmatch(raw)
    if not match:
        raise StructureError(f"{where} is not YYYY/MM/DD: {raw!r}")
    try:
        return date(*map(int, match.groups()))
    except ValueError as exc:
        raise StructureError(f"{where} is not a real date: {raw!r}") from exc


def parse_timestamp(raw: str, where: str) -> datetime:
    match = _TIMESTAMP.fullmatch(raw)
    if not match:
        raise StructureError(f"{where} is not YYYY/MM/DD HH:mm:ss: {raw!r}")
    try:
        return datetime(*map(int, match.groups()))
    except ValueError as exc:
        raise StructureError(f"{where} is not a real time: {raw!r}") from exc


def check_document_id(raw: str, where: str) -> str:
    if not _DOCUMENT_ID.fullmatch(raw):
        raise StructureError(f"{where} is not OrganId,YYYY/MM/DD,number/notation: {raw!r}")
    return raw


def small_int(raw: str, upper: int, where: str) -> int:
    if not re.fullmatch(r"[0-9]", raw) or int(raw) > upper:
        raise StructureError(f"{where} should be 0 to {upper}: {raw!r}")
    return int(raw)


def organ(element: Element) -> dict[str, str]:
    return {
        "organ_id": required_text(element, "OrganId"),
        "name": optional_text(element, "OrganName"),
        "in_charge": optional_text(element, "OrganizationInCharge"),
        "address": optional_text(element, "OrganAdd"),
        "email": optional_text(element, "Email"),
        "phone": optional_text(element, "Telephone"),
        "fax": optional_text(element, "Fax"),
        "website": optional_text(element, "Website"),
    }


def staff(element: Element) -> dict[str, str]:
    return {
        "department": optional_text(element, "Department"),
        "name": optional_text(element, "Staff"),
        "mobile": optional_text(element, "Mobile"),
        "email": optional_text(element, "Email"),
    }


# ---------------------------------------------------------------- document packets


def _document(root: Element, envelope: Element, header: Element, message: Element) -> dict[str, Any]:
    receivers = children(message, "To")
    if not receivers:
        raise StructureError("a document packet has no To")
    code = one(message, "Code")
    promulgation = one(message, "PromulgationInfo")
    doc_type = optional(message, "DocumentType")
    signer = optional(message, "SignerInfo")
    other = optional(message, "OtherInfo")
    priority = optional_text(other, "Priority")
    due_date, due_time = _due(optional_text(message, "DueDate"))
    return {
        "kind": "document",
        "from": organ(one(message, "From")),
        "to": [organ(receiver) for receiver in receivers],
        "document_id": check_document_id(required_text(message, "DocumentId"), "DocumentId"),
        "code_number": required_text(code, "CodeNumber"),
        "code_notation": optional_text(code, "CodeNotation"),
        "place": optional_text(promulgation, "Place"),
        "promulgation_date": parse_date(required_text(promulgation, "PromulgationDate"), "PromulgationDate"),
        "type_code": optional_text(doc_type, "Type"),
        "type_name": optional_text(doc_type, "TypeName"),
        "subject": required_text(message, "Subject"),
        "content": optional_text(message, "Content"),
        "signer": {
            "competence": optional_text(signer, "Competence"),
            "position": optional_text(signer, "Position"),
            "full_name": optional_text(signer, "FullName"),
        },
        "due_date": due_date,
        "due_time": due_time,
        "priority": small_int(priority, 4, "Priority") if priority else None,
        "steering_type": optional_text(message, "SteeringType"),
        "to_places": [text(place) for places in children(message, "ToPlaces") for place in children(places, "Place")],
        "responds_to": [
            check_document_id(required_text(response, "DocumentId"), "ResponseFor/DocumentId")
            for response in children(message, "ResponseFor")
        ],
        **_trace(one(header, "TraceHeaderList")),
        "has_signature": _has_signature(root, envelope, header),
        "attachments": _attachments(root, envelope),
    }


def _has_signature(*containers: Element) -> bool:
    # Where the signature sits depends on the sender; _check_namespaces allowed only these two.
    return any(
        child.nodeType == Node.ELEMENT_NODE and child.localName == "Signature"
        for container in containers
        for child in container.childNodes
    )


def _due(raw: str) -> tuple[date | None, time | None]:
    if not raw:
        return None, None
    if " " not in raw:
        return parse_date(raw, "DueDate"), None
    moment = parse_timestamp(raw, "DueDate")
    return moment.date(), moment.time()


def _trace(trace_list: Element) -> dict[str, Any]:
    business = one(trace_list, "Bussiness")
    business_id = optional_text(business, "DocumentId")
    paper = optional_text(business, "Paper")
    staff_element = optional(business, "StaffInfo")
    replacements = [
        {
            "document_id": check_document_id(required_text(info, "DocumentId"), "ReplacementInfo/DocumentId"),
            "organ_ids": [text(organ_id) for organ_id in children(one(info, "OrganIdList"), "OrganId")],
        }
        for replacement_list in children(business, "ReplacementInfoList")
        for info in children(replacement_list, "ReplacementInfo")
    ]
    return {
        "trace": [
            {
                "organ_id": required_text(entry, "OrganId"),
                "timestamp": parse_timestamp(required_text(entry, "Timestamp"), "TraceHeader/Timestamp"),
            }
            for entry in children(trace_list, "TraceHeader")
        ],
        "business_doc_type": small_int(required_text(business, "BussinessDocType"), 3, "BussinessDocType"),
        "business_reason": optional_text(business, "BussinessDocReason"),
        "business_document_id": check_document_id(business_id, "Bussiness/DocumentId") if business_id else "",
        "business_staff": None if staff_element is None else staff(staff_element),
        "paper": small_int(paper, 1, "Paper") if paper else None,
        **_update(optional(business, "BussinessDocumentInfo")),
        "replaces": [replacement["document_id"] for replacement in replacements],
        "replacements": replacements,
    }


def _update(info: Element | None) -> dict[str, Any]:
    if info is None:
        return {"update_info": False, "update_receivers": False, "changed_receivers": []}
    return {
        "update_info": small_int(required_text(info, "DocumentInfo"), 1, "DocumentInfo") == 1,
        "update_receivers": small_int(required_text(info, "DocumentReceiver"), 1, "DocumentReceiver") == 1,
        "changed_receivers": [
            {
                "organ_id": required_text(receiver, "OrganId"),
                "receiver_type": small_int(required_text(receiver, "ReceiverType"), 1, "ReceiverType"),
            }
            for receiver_list in children(info, "ReceiverList")
            for receiver in children(receiver_list, "Receiver")
        ],
    }


def _attachments(root: Element, envelope: Element) -> list[dict[str, Any]]:
    body = optional(envelope, "edXMLBody")
    manifest = None if body is None else optional(body, "edXMLManifest")
    references = [] if manifest is None else children(manifest, "Reference")
    listed = {required_text(reference, "ContentId"): reference for reference in references}
    if len(listed) != len(references):
        raise StructureError("the manifest lists a ContentId twice")
    encoded = optional(root, "AttachmentEncoded")
    found = [] if encoded is None else [_attachment(element, listed) for element in children(encoded, "Attachment")]
    present = [attachment["content_id"] for attachment in found]
    if len(set(present)) != len(present) or set(present) != set(listed):
        raise StructureError(f"manifest {sorted(listed)} does not match attachments {sorted(present)}")
    return found


def _attachment(element: Element, listed: dict[str, Element]) -> dict[str, Any]:
    content_id = required_text(element, "ContentId")
    reference = listed.get(content_id)
    payload = "".join(required_text(element, "ContentTransferEncoded").split())
    try:
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise StructureError(f"attachment {content_id} is not base64") from exc
    return {
        "content_id": content_id,
        "name": optional_text(element, "AttachmentName") or optional_text(reference, "AttachmentName"),
        "content_type": optional_text(element, "ContentType") or optional_text(reference, "ContentType"),
        "description": optional_text(element, "Description") or optional_text(reference, "Description"),
        "data": data,
    }


# ---------------------------------------------------------------- status packets


def _status(message: Element) -> dict[str, Any]:
    response = one(message, "ResponseFor")
    status_code = required_text(message, "StatusCode")
    if status_code not in STATUS_CODES:
        raise StructureError(f"unknown StatusCode {status_code!r}")
    promulgated = optional_text(response, "PromulgationDate")
    return {
        "kind": "status",
        "from": organ(one(message, "From")),
        "response_for_organ_id": required_text(response, "OrganId"),
        "response_for_code": required_text(response, "Code"),
        "response_for_date": parse_date(promulgated, "ResponseFor/PromulgationDate") if promulgated else None,
        "response_for_document_id": check_document_id(required_text(response, "DocumentId"), "ResponseFor/DocumentId"),
        "staff": staff(one(message, "StaffInfo")),
        "status_code": status_code,
        "description": text(one(message, "Description")),
        "timestamp": parse_timestamp(required_text(message, "Timestamp"), "Timestamp"),
    }
