"""Whether a well-formed edXML packet may be filed, by the desk's preview and by the service alike.

Decree 30/2020 Art. 21 has the clerk check a received document and *return* an invalid one, so a
packet that cannot be answered or registered is refused, with the reason in both languages (the
service has no Qt, so the Vietnamese is here, next to the English the desk translates):
- a sender with no identification code, or one that is not a code (nobody to answer on the axis,
  no issuing agency for the register);
- a promulgation date more than a day ahead (time zones and clocks allow one day) or before 1945
  (the State's first documents), which cannot be a real document's.
A sender with a valid code but no name is *not* refused: the code identifies it and the service
names it from its directory; the packet says so in a problem (a stored, visible warning).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from app.domain.agency_code import parse_agency_code
from app.domain.edxml_packets import DocumentPacket, Organ, StatusPacket
from app.domain.errors import DomainError, tr_noop

EARLIEST_DOCUMENT = date(1945, 1, 1)
FUTURE_ALLOWANCE = timedelta(days=1)


class PacketRefused(DomainError):
    """A packet refused as a whole; ``vietnamese()`` is for the service's bilingual answer."""

    def __init__(self, code: str, message: str, message_vi: str, /, **params: Any) -> None:
        super().__init__(code, message, **params)
        self.message_vi = message_vi

    def vietnamese(self) -> str:
        return self.message_vi.format(**self.params)


def check_admissible(packet: DocumentPacket | StatusPacket, today: date) -> None:
    """Raise PacketRefused when the packet must be returned to its sender rather than filed."""
    _check_sender(packet.sender)
    if isinstance(packet, DocumentPacket) and packet.promulgation_date is not None:
        _check_promulgation(packet.promulgation_date, today)


def _check_sender(sender: Organ) -> None:
    if not sender.organ_id.strip():
        raise PacketRefused(
            "edxml.no_sender",
            tr_noop("The packet does not say which agency sent it (From/OrganId is missing)."),
            "Gói tin không cho biết cơ quan gửi (thiếu From/OrganId).",
        )
    try:
        parse_agency_code(sender.organ_id)
    except DomainError:
        raise PacketRefused(
            "edxml.bad_sender",
            tr_noop("The sender's identification code “{code}” is not a valid code."),
            "Mã định danh của cơ quan gửi “{code}” không hợp lệ.",
            code=sender.organ_id[:60],
        ) from None


def _check_promulgation(issued: date, today: date) -> None:
    if issued > today + FUTURE_ALLOWANCE:
        raise PacketRefused(
            "edxml.issued_in_future",
            tr_noop("The document is dated {date}, after today: it cannot have been issued yet."),
            "Văn bản ghi ngày ban hành {date}, sau ngày hôm nay: không thể đã được ban hành.",
            date=issued.isoformat(),
        )
    if issued < EARLIEST_DOCUMENT:
        raise PacketRefused(
            "edxml.issued_too_early",
            tr_noop("The document is dated {date}, before 1945: the date is impossible."),
            "Văn bản ghi ngày ban hành {date}, trước năm 1945: ngày không thể có.",
            date=issued.isoformat(),
        )
