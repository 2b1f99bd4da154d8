"""Checking and converting items as the central service sends them into rows of the local cache.

Server data is input like any other: every field is checked against the local column's type and
length, and an item that does not fit raises BadServerData, so its whole batch is refused.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, String, Text, TypeDecorator
from sqlalchemy.sql.schema import Column

from app.domain.errors import DomainError
from app.domain.feedback_deadline import DAY_KINDS
from app.domain.labels import CHANNEL_LABELS, CONFIDENTIALITY_LABELS, URGENCY_LABELS
from app.domain.procedures import procedure_from_fields
from app.domain.workflow import DossierState, FeedbackState, IncomingState, OutgoingState
from local_db.models import Agency, Attachment, Comment, Document, Dossier, Feedback, Procedure

# Columns the client keeps for itself; never taken from the server.
LOCAL_ONLY = {
    "id", "source_id", "remote_id", "sync_state", "item_id", "local_path", "downloaded_bytes", "merge_key",
    "duplicate_of", "upload_key", "signature_check", "signature_verdict",
}  # fmt: skip
LOCAL_MODELS: dict[str, type] = {
    "document": Document,
    "dossier": Dossier,
    "feedback": Feedback,
    "comment": Comment,
    "attachment": Attachment,
    "agency": Agency,
    "procedure": Procedure,
}
CODE_KEYED_KINDS = ("agency", "procedure")  # shared by every unit, keyed by their code


class BadServerData(ValueError):
    """The server sent something that does not fit the cache; nothing of its batch is stored."""


Check = Callable[[Any], Any]
_ABSENT = object()  # a field the item leaves out


def _checker(column: Column[Any]) -> Check | None:
    """A function that checks and converts one value for ``column``, None for text (checked inline
    by local_fields: most fields are text). Built once per column: a pull checks every field of
    100,000 items, so the type dispatch must not run per value."""
    name = column.name
    kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type

    def invalid() -> BadServerData:
        return BadServerData(f"{name} is not valid")

    if isinstance(kind, DateTime):

        def check(value: Any) -> Any:
            try:
                parsed = datetime.fromisoformat(value)
            except (TypeError, ValueError):
                raise invalid() from None
            if parsed.tzinfo is None:
                raise BadServerData(f"{name} has no time zone")
            return parsed

    elif isinstance(kind, Date):

        def check(value: Any) -> Any:
            try:
                return date.fromisoformat(value)
            except (TypeError, ValueError):
                raise invalid() from None

    elif isinstance(kind, Integer):

        def check(value: Any) -> Any:
            if type(value) is not int:  # bool is an int subclass, and not a number here
                raise BadServerData(f"{name} is not a whole number")
            return value

    elif isinstance(kind, Float):

        def check(value: Any) -> Any:
            if type(value) not in (int, float) or value != value or abs(value) == float("inf"):
                raise BadServerData(f"{name} is not a number")
            return float(value)

    elif isinstance(kind, Boolean):

        def check(value: Any) -> Any:
            if type(value) is not bool:
                raise BadServerData(f"{name} is not true or false")
            return value

    elif isinstance(kind, String | Text):
        return None

    elif isinstance(kind, JSON):

        def check(value: Any) -> Any:
            if not isinstance(value, list | dict):
                raise BadServerData(f"{name} is not a list or object")
            return value

    else:
        raise TypeError(f"no check for {name}'s type {kind!r}")
    return check


class _Field(NamedTuple):
    name: str
    check: Check | None  # None: text, at most ``longest`` characters
    longest: int
    nullable: bool
    optional: bool  # may be left out: the column has a default or takes NULL


@cache
def _fields_of(kind: str) -> tuple[_Field, ...]:
    fields = []
    for column in LOCAL_MODELS[kind].__table__.columns:
        if column.name in LOCAL_ONLY or (column.primary_key and kind not in CODE_KEYED_KINDS):
            continue
        longest = getattr(column.type, "length", None) or sys.maxsize
        optional = column.default is not None or bool(column.nullable)
        fields.append(_Field(column.name, _checker(column), longest, bool(column.nullable), optional))
    return tuple(fields)


_CODED = {
    ("document", "urgency"): set(URGENCY_LABELS),
    ("document", "confidentiality"): set(CONFIDENTIALITY_LABELS),
    ("document", "direction"): {"incoming", "outgoing"},
    ("dossier", "channel"): set(CHANNEL_LABELS),
    ("dossier", "state"): {int(state) for state in DossierState},
    ("dossier", "statutory_unit"): {"days", "hours"},
    ("dossier", "applicant_kind"): {"person", "organisation"},
    ("procedure", "statutory_unit"): {"days", "hours"},
    ("feedback", "state"): {state.value for state in FeedbackState},
    ("feedback", "channel"): {"hotline", "web", "app"},
    ("feedback", "answer_day_kind"): set(DAY_KINDS),
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
    fields = {}
    for name, check, longest, nullable, optional in _fields_of(kind):
        value = item.get(name, _ABSENT)
        if check is None and type(value) is str:
            if len(value) > longest:
                raise BadServerData(f"{name} is too long")
        elif value is None:
            if not nullable:
                raise BadServerData(f"{name} is missing")
        elif value is _ABSENT:
            if optional:
                continue
            raise BadServerData(f"{name} is missing from a {kind}")
        elif check is None:
            raise BadServerData(f"{name} is not text")
        else:
            value = check(value)
        fields[name] = value
    _check_codes(kind, fields)
    if kind == "procedure":  # a catalogue entry the intake dialog could not use is refused here
        try:
            procedure_from_fields(fields)
        except DomainError as error:
            raise BadServerData(f"procedure {str(fields.get('code'))[:40]!r}: {error.english()}") from None
    return fields
