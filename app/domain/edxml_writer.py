"""Writing edXML packets: one place to import the writers from.

Status packets (this ward's answers) are written in edxml_status_writer, document packets in
edxml_document_writer; both build their trees with edxml_tree. Pure domain code.
"""

from __future__ import annotations

from app.domain.edxml_document_writer import document_id, trace_entry, write_document_packet
from app.domain.edxml_status_writer import write_status_packet, write_status_reply

__all__ = ["document_id", "trace_entry", "write_document_packet", "write_status_packet", "write_status_reply"]
