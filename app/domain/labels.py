"""Display labels of coded field values (English sources the UI translates)."""

from __future__ import annotations

from collections.abc import Mapping

from app.domain.errors import tr_noop

URGENCY_LABELS: Mapping[str, str] = {
    "normal": tr_noop("Normal"),
    "urgent": tr_noop("Urgent"),
    "very_urgent": tr_noop("Very urgent"),
    "flash": tr_noop("Flash"),
}
CONFIDENTIALITY_LABELS: Mapping[str, str] = {
    "normal": tr_noop("Normal"),
    "confidential": tr_noop("Confidential"),
    "secret": tr_noop("Secret"),
    "top_secret": tr_noop("Top secret"),
}
CHANNEL_LABELS: Mapping[str, str] = {
    "online": tr_noop("Online"),
    "in_person": tr_noop("In person"),
    "post": tr_noop("By post"),
}
# How a citizen reached 1022 (a report's channel).
FEEDBACK_CHANNEL_LABELS: Mapping[str, str] = {
    "hotline": tr_noop("1022 hotline"),
    "web": tr_noop("1022 website"),
    "app": tr_noop("Citizens' app"),
}
SOURCE_KIND_LABELS: Mapping[str, str] = {
    "unified": tr_noop("New system"),
    "legacy": tr_noop("Old system"),
}
# The central systems an account can belong to (app.accounts.SourceInfo.code), as the official picks one.
SYSTEM_LABELS: Mapping[str, str] = {
    "unified": tr_noop("City's unified system (new)"),
    "legacy-binhduong": tr_noop("Former Bình Dương system (old)"),
    "legacy-brvt": tr_noop("Former Bà Rịa – Vũng Tàu system (old)"),
}
# An outgoing document's recipient, by the last edXML status it answered ("pending": none yet).
AXIS_STATUS_LABELS: Mapping[str, str] = {
    "unsent": tr_noop("Not sent yet"),
    "pending": tr_noop("Sent, not answered yet"),
    "01": tr_noop("Document delivered"),
    "02": tr_noop("Refused to accept"),
    "03": tr_noop("Accepted and registered"),
    "04": tr_noop("Assigned"),
    "05": tr_noop("In progress"),
    "06": tr_noop("Done"),
    "13": tr_noop("Recall requested"),
    "15": tr_noop("Recall agreed"),
    "16": tr_noop("Recall refused"),
}
# What a document packet does (TraceHeaderList/Bussiness/BussinessDocType).
PACKET_KIND_LABELS: Mapping[str, str] = {
    "new": tr_noop("A new document"),
    "revoke": tr_noop("A revocation of a document sent earlier"),
    "update": tr_noop("An update of a document sent earlier"),
    "replace": tr_noop("A document replacing earlier ones"),
}
# Trail entries written by packets from the issuer rather than by an official here.
AXIS_EVENT_LABELS: Mapping[str, str] = {
    "edxml_received": tr_noop("Arrived on the document axis"),
    "edxml_updated": tr_noop("Updated by the issuer"),
    "edxml_revoked": tr_noop("Revoked by the issuer"),
    "edxml_replaced": tr_noop("Replaced by a later document"),
}


def edxml_id_label(edxml_id: str) -> str:
    """An edXML document id (``organ,YYYY/MM/DD,number/notation``) as people name a document:
    ``63/QĐ-UBND (20/06/2025)``; anything else is shown as it is."""
    parts = [part.strip() for part in edxml_id.split(",")]
    if len(parts) != 3 or len(parts[1]) != 10:
        return edxml_id
    year, month, day = parts[1].split("/") if parts[1].count("/") == 2 else ("", "", "")
    return f"{parts[2]} ({day}/{month}/{year})" if year else edxml_id
