"""Opening an edXML file (e.g. from a USB stick handed over by an old system): check it, show it,
and hand it to the central service, which files it in the unit's queue like the national axis."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.accounts import AccountService
from app.central_client import CentralClient
from app.domain.agency_code import parse_agency_code
from app.domain.edxml import read_packet
from app.domain.edxml_admission import check_admissible
from app.domain.edxml_packets import MAX_PACKET_BYTES, DocumentPacket, Problem, StatusPacket
from app.domain.errors import DomainError, tr_noop
from app.domain.signature_verdict import SignatureFinding


@dataclass(frozen=True)
class CodeCheck:
    organ_id: str
    valid: bool
    standard: bool


@dataclass(frozen=True)
class PacketPreview:
    path: Path
    data: bytes
    packet: DocumentPacket | StatusPacket
    codes: tuple[CodeCheck, ...]
    envelope: SignatureFinding | None = None  # the envelope's XML signature, once checked

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.packet.problems


def _check_code(organ_id: str) -> CodeCheck:
    try:
        code = parse_agency_code(organ_id)
    except DomainError:
        return CodeCheck(organ_id, False, False)
    return CodeCheck(organ_id, True, code.is_standard)


def open_packet(path: Path, today: date) -> PacketPreview:
    """Read and check a file; DomainError (translatable) when it is not a usable, safe edXML packet,
    or one the service would return to its sender (edxml_admission), so the clerk learns it first."""
    try:
        size = path.stat().st_size
        if size > MAX_PACKET_BYTES:
            raise DomainError("edxml.too_large", tr_noop("The edXML file is larger than {limit} bytes."),
                              limit=MAX_PACKET_BYTES)  # fmt: skip
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise DomainError("edxml.unreadable", tr_noop("The file cannot be read: {reason}"), reason=reason) from None
    packet = read_packet(data)
    check_admissible(packet, today)
    organs = [packet.sender] + (list(packet.recipients) if isinstance(packet, DocumentPacket) else [])
    return PacketPreview(path, data, packet, tuple(_check_code(organ.organ_id) for organ in organs))


def import_packet(preview: PacketPreview, accounts: AccountService, account_id: int, client: CentralClient) -> dict:
    """Send the packet to the account's system (call on a worker thread); returns the service's answer."""
    token = accounts.access_token(account_id)
    return client.post_edxml(token, preview.data)
