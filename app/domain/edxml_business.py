"""The business part of a document packet: ``TraceHeaderList`` (the systems it went through) and its
``Bussiness`` element (new, revoke, update or replace; why; what an update changes; what a
replacement replaces). Pure domain code.

Apart from the packet reader because the business part has its own nesting and its own spellings.
QCVN 102:2016 spells ``Bussiness``, ``BussinessDocType``, ``BussinessDocReason`` and
``BussinessDocumentInfo`` with a double s; some public integration code writes ``Business...``
instead, so both spellings are read (the writers write the standard's). Sources for the names and
the nesting (the standard's own text was not available):
- the real packet in ``samples/edxml`` (the national integration example: ``Bussiness`` holding
  ``DocumentId``, ``BussinessDocType``, ``BussinessDocReason``, ``Paper``, ``StaffInfo``);
- the national LGSP/X-Road SDK's C# sample (``EdXML102``: update with ``BussinessDocumentInfo``
  ``DocumentInfo``/``DocumentReceiver`` flags and ``ReceiverList/Receiver`` of ``ReceiverType`` and
  ``OrganId``; replace with ``ReplacementInfoList/ReplacementInfo`` of ``DocumentId`` and
  ``OrganIdList/OrganId``);
- VNPT's Java edXML library (``com.vnpt.xml.base.header``: the same names) and Bkav's edoc SDK,
  which reads both ``Bussiness...`` and ``Business...`` and writes ``Business...``;
- an adapter's data model numbering the standard's items 2.2.1-2.2.8 (the writer's order).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from xml.etree.ElementTree import Element

from app.domain.edxml_elements import (
    Problems,
    child_text,
    children_named,
    element_text,
    parse_date,
    parse_small_int,
    parse_timestamp,
)
from app.domain.edxml_packets import ReceiverChange, Replacement, StaffInfo, TraceEntry
from app.domain.errors import tr_noop

# Each name as the standard spells it, then the spelling some senders use instead.
BUSINESS = ("Bussiness", "Business")
DOC_TYPE = ("BussinessDocType", "BusinessDocType")
DOC_REASON = ("BussinessDocReason", "BusinessDocReason")
DOCUMENT_INFO = ("BussinessDocumentInfo", "BusinessDocumentInfo")


@dataclass(frozen=True)
class Business:
    """What ``TraceHeaderList`` says, ready to go into a DocumentPacket."""

    entries: tuple[TraceEntry, ...] = ()
    doc_type: int | None = None
    document_id: str = ""
    reason: str = ""
    staff: StaffInfo | None = None
    paper: int | None = None
    update_info: bool = False
    update_receivers: bool = False
    changed_receivers: tuple[ReceiverChange, ...] = ()
    replacements: tuple[Replacement, ...] = ()


def read_trace(trace_list: Element | None, problems: Problems) -> Business:
    entries = _trace_entries(trace_list, problems)  # first, so problems come in the file's order
    business = first_spelled(trace_list, BUSINESS, problems)
    document_id = child_text(business, "DocumentId", problems)
    if document_id:
        check_document_id(document_id, "Bussiness/DocumentId", problems)
    info = first_spelled(business, DOCUMENT_INFO, problems)
    return Business(
        entries=entries,
        doc_type=parse_small_int(text_spelled(business, DOC_TYPE, problems), "BussinessDocType", 3, problems),
        document_id=document_id,
        reason=text_spelled(business, DOC_REASON, problems),
        staff=_staff(first_spelled(business, ("StaffInfo",), problems), problems),
        paper=parse_small_int(child_text(business, "Paper", problems), "Paper", 1, problems),
        update_info=_flag(info, "DocumentInfo", problems),
        update_receivers=_flag(info, "DocumentReceiver", problems),
        changed_receivers=_receiver_changes(info, problems),
        replacements=_replacements(first_spelled(business, ("ReplacementInfoList",), problems), problems),
    )


def first_spelled(parent: Element | None, spellings: tuple[str, ...], problems: Problems) -> Element | None:
    """The first child under any of the spellings; more than one is reported like a duplicate."""
    found = [child for name in spellings for child in children_named(parent, name)]
    if len(found) > 1:
        problems.add(
            "edxml.duplicate_element",
            tr_noop("The element {element} appears more than once; the first is used."),
            element=spellings[0],
        )
    return found[0] if found else None


def text_spelled(parent: Element | None, spellings: tuple[str, ...], problems: Problems) -> str:
    return element_text(first_spelled(parent, spellings, problems))


def check_document_id(document_id: str, field_name: str, problems: Problems) -> tuple[date | None, str]:
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
    return parse_date(parts[1], field_name, problems), parts[2]


def _trace_entries(trace_list: Element | None, problems: Problems) -> tuple[TraceEntry, ...]:
    entries = []
    for header in children_named(trace_list, "TraceHeader"):
        raw = child_text(header, "Timestamp", problems)
        entries.append(
            TraceEntry(
                organ_id=child_text(header, "OrganId", problems),
                timestamp=parse_timestamp(raw, "TraceHeader/Timestamp", problems),
                raw_timestamp=raw,
            )
        )
    return tuple(entries)


def _staff(element: Element | None, problems: Problems) -> StaffInfo | None:
    if element is None:
        return None
    return StaffInfo(
        department=child_text(element, "Department", problems),
        name=child_text(element, "Staff", problems),
        mobile=child_text(element, "Mobile", problems),
        email=child_text(element, "Email", problems),
    )


def _flag(info: Element | None, name: str, problems: Problems) -> bool:
    # 1 means "this changed"; an absent or malformed flag (reported) means nothing is claimed.
    return parse_small_int(child_text(info, name, problems), f"BussinessDocumentInfo/{name}", 1, problems) == 1


def _receiver_changes(info: Element | None, problems: Problems) -> tuple[ReceiverChange, ...]:
    changes = []
    for receivers in children_named(info, "ReceiverList"):
        for receiver in children_named(receivers, "Receiver"):
            raw_type = child_text(receiver, "ReceiverType", problems)
            organ_id = child_text(receiver, "OrganId", problems)
            if not organ_id:
                problems.missing("ReceiverList/Receiver/OrganId")
            if not raw_type:
                problems.missing("ReceiverList/Receiver/ReceiverType")
            receiver_type = parse_small_int(raw_type, "ReceiverType", 1, problems)
            changes.append(ReceiverChange(organ_id, receiver_type))
    return tuple(changes)


def _replacements(replacement_list: Element | None, problems: Problems) -> tuple[Replacement, ...]:
    found = []
    for info in children_named(replacement_list, "ReplacementInfo"):
        document_id = child_text(info, "DocumentId", problems)
        if document_id:
            check_document_id(document_id, "ReplacementInfo/DocumentId", problems)
        else:
            problems.missing("ReplacementInfo/DocumentId")
        organ_ids = tuple(
            element_text(organ)
            for organ_list in children_named(info, "OrganIdList")
            for organ in children_named(organ_list, "OrganId")
        )
        found.append(Replacement(document_id, organ_ids))
    return tuple(found)
