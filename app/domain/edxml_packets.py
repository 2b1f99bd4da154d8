"""What an edXML packet (QCVN 102:2016) is made of, as the reader returns it and the writer takes it.

The standard's constants (namespaces, limits, Vietnam's time zone) and the frozen result types stand
apart from the code that reads and writes packets, so that a caller holding a packet (the import
preview, the service's ingest, the dialog) needs none of that code. Pure domain code.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from enum import Enum
from typing import Any

from app.domain.file_names import safe_file_name

EDXML_NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
XMLDSIG_NS = "http://www.w3.org/2000/09/xmldsig#"
MAX_PACKET_BYTES = 64 * 1024 * 1024
# Real packets nest about 8 levels deep; a limit keeps pathological trees away from later code.
MAX_DEPTH = 64
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
