"""What an edXML packet (QCVN 102:2016) is made of, as the reader returns it and the writer takes it.

The standard's constants (namespaces, limits, Vietnam's time zone) and the frozen result types stand
apart from the code that reads and writes packets, so that a caller holding a packet (the import
preview, the service's ingest, the dialog) needs none of that code. Pure domain code.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from enum import Enum, StrEnum
from typing import Any

from app.domain.file_names import safe_file_name

EDXML_NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
XMLDSIG_NS = "http://www.w3.org/2000/09/xmldsig#"
MAX_PACKET_BYTES = 64 * 1024 * 1024
# Real packets nest about 8 levels deep; a limit keeps pathological trees away from later code.
MAX_DEPTH = 64
# A packet with a thousand annexes is already far beyond a real one. Each attachment becomes a row,
# and each element costs memory while parsing (16.8 million empty ones took 3 GB before this limit).
MAX_ATTACHMENTS = 1000
MAX_ELEMENTS = 50_000
VIETNAM_TZ = timezone(timedelta(hours=7), "ICT")


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
        """The name as it is saved and shown (app.domain.file_names owns the rule)."""
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


class PacketKind(StrEnum):
    """What a document packet does, from ``Bussiness/BussinessDocType`` (QCVN 102:2016)."""

    NEW = "new"  # 0: a new document
    REVOKE = "revoke"  # 1: take back a document sent earlier
    UPDATE = "update"  # 2: correct a sent document's details or its receivers
    REPLACE = "replace"  # 3: a document that replaces earlier ones

    @property
    def code(self) -> int:
        """The ``BussinessDocType`` number."""
        return _KIND_CODES.index(self)

    @classmethod
    def from_code(cls, code: int | None) -> PacketKind:
        """The kind of a ``BussinessDocType``; a packet that states none is a new document."""
        if code is None:
            return cls.NEW
        if not 0 <= code < len(_KIND_CODES):
            raise ValueError(f"BussinessDocType {code} is not 0-3")
        return _KIND_CODES[code]


_KIND_CODES = (PacketKind.NEW, PacketKind.REVOKE, PacketKind.UPDATE, PacketKind.REPLACE)

# ReceiverList/Receiver/ReceiverType of an update. The standard's text was not available: the only
# public example (the national integration SDK's sample update) marks an organ it dropped from To
# with 0 and one it keeps or adds with 1. *Unconfirmed*; kept as numbers so nothing is lost.
RECEIVER_REMOVED = 0
RECEIVER_ADDED = 1


@dataclass(frozen=True)
class ReceiverChange:
    """One receiver an update touches; ``receiver_type`` is None when the packet's value is not 0/1."""

    organ_id: str
    receiver_type: int | None


@dataclass(frozen=True)
class Replacement:
    """A document a replacing packet replaces, and the organs that had received it."""

    document_id: str
    organ_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentPacket:
    """A document sent by another agency; ``problems`` lists what was odd in it.

    The fields after ``problems`` come from ``TraceHeaderList/Bussiness`` (the business part:
    why the packet was sent, what an update changes, which documents a replacement replaces) and
    from a flash-with-a-set-time priority (``due_time``); they default to "nothing said".
    """

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
    business_reason: str = ""
    business_staff: StaffInfo | None = None
    paper: int | None = None  # Bussiness/Paper: 1 when a paper copy is also sent
    update_info: bool = False  # BussinessDocumentInfo/DocumentInfo: the document's details changed
    update_receivers: bool = False  # BussinessDocumentInfo/DocumentReceiver: its receivers changed
    changed_receivers: tuple[ReceiverChange, ...] = ()
    replacements: tuple[Replacement, ...] = ()
    due_time: time | None = None  # priority 4 (hỏa tốc hẹn giờ): the time on due_date

    @property
    def number_notation(self) -> str:
        """The document's code as printed on it, e.g. ``7816/VPCP-TTĐT``."""
        return "/".join(part for part in (self.code_number, self.code_notation) if part)

    @property
    def kind(self) -> PacketKind:
        return PacketKind.from_code(self.business_doc_type)

    @property
    def replaces(self) -> tuple[str, ...]:
        """The ids of the documents this packet replaces."""
        return tuple(replacement.document_id for replacement in self.replacements)


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
