"""Checking and converting items as the central service sends them into rows of the local cache.

Server data is input like any other: every field is checked against the local column's type and
length, and an item that does not fit raises BadServerData, so its whole batch is refused.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Integer, String, Text, TypeDecorator
from sqlalchemy.sql.schema import Column

from app.domain.labels import CHANNEL_LABELS, CONFIDENTIALITY_LABELS, URGENCY_LABELS
from app.domain.workflow import DossierState, IncomingState, OutgoingState
from local_db.models import Agency, Attachment, Comment, Document, Dossier

# Columns the client keeps for itself; never taken from the server.
LOCAL_ONLY = {
    "id", "source_id", "remote_id", "sync_state", "item_id", "local_path", "downloaded_bytes", "merge_key",
    "duplicate_of",
}  # fmt: skip
LOCAL_MODELS: dict[str, type] = {
    "document": Document,
    "dossier": Dossier,
    "comment": Comment,
    "attachment": Attachment,
    "agency": Agency,
}


class BadServerData(ValueError):
    """The server sent something that does not fit the cache; nothing of its batch is stored."""


def _coerce(column: Column[Any], value: Any) -> Any:
    if value is None:
        if not column.nullable:
            raise BadServerData(f"{column.name} is missing")
        return None
    kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
    try:
        if isinstance(kind, DateTime):
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is None:
                raise BadServerData(f"{column.name} has no time zone")
            return parsed
        if isinstance(kind, Date):
            return date.fromisoformat(value)
        if isinstance(kind, Integer):
            if isinstance(value, bool) or not isinstance(value, int):
                raise BadServerData(f"{column.name} is not a whole number")
            return value
        if isinstance(kind, String | Text):
            if not isinstance(value, str):
                raise BadServerData(f"{column.name} is not text")
            if isinstance(kind, String) and kind.length and len(value) > kind.length:
                raise BadServerData(f"{column.name} is too long")
            return value
        if isinstance(kind, JSON):
            if not isinstance(value, list | dict):
                raise BadServerData(f"{column.name} is not a list or object")
            return value
    except (TypeError, ValueError) as error:
        if isinstance(error, BadServerData):
            raise
        raise BadServerData(f"{column.name} is not valid") from None
    raise BadServerData(f"{column.name} has an unexpected type")


_CODED = {
    ("document", "urgency"): set(URGENCY_LABELS),
    ("document", "confidentiality"): set(CONFIDENTIALITY_LABELS),
    ("document", "direction"): {"incoming", "outgoing"},
    ("dossier", "channel"): set(CHANNEL_LABELS),
    ("dossier", "state"): {int(state) for state in DossierState},
    ("dossier", "statutory_unit"): {"days", "hours"},
}
_DOCUMENT_STATES = {"incoming": {s.value for s in IncomingState}, "outgoing": {s.value for s in OutgoingState}}


def _check_codes(kind: str, fields: dict[str, Any]) -> None:
    """Coded values must be ones this version knows, or the views and state machines would break."""
    for (coded_kind, name), allowed in _CODED.items():
        if coded_kind == kind and name in fields and fields[name] not in allowed:
            raise BadServerData(f"{kind} {name} {str(fields[name])[:30]!r} is unknown")
    if kind == "document" and fields.get("state") not in _DOCUMENT_STATES.get(fields.get("direction", ""), set()):
        raise BadServerData(f"document state {str(fields.get('state'))[:30]!r} is unknown")


def local_fields(kind: str, item: Any) -> dict[str, Any]:
    """The cache's columns for a server item of ``kind``; BadServerData if anything is off."""
    if not isinstance(item, dict):
        raise BadServerData(f"a {kind} is not an object")
    model = LOCAL_MODELS[kind]
    fields = {}
    for column in model.__table__.columns:
        if column.name in LOCAL_ONLY or (column.primary_key and kind != "agency"):
            continue
        if column.name not in item:
            if column.default is not None or column.nullable:
                continue
            raise BadServerData(f"{column.name} is missing from a {kind}")
        fields[column.name] = _coerce(column, item[column.name])
    _check_codes(kind, fields)
    return fields
