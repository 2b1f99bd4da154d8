"""An outgoing document's draft (Decree 30/2020, Art. 8–11): the fields a drafter fills in, checked alike
by the desk before it writes anything and by the service when the draft reaches it.

The number and notation are not the drafter's: the service gives them from the unit's outgoing register
when the document is issued. Recipients are agencies of the directory, named by identification code, so
the document can travel on the axis to each of them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain.agency_code import parse_agency_code, validate_agency_code
from app.domain.document_types import by_code
from app.domain.errors import DomainError, tr_noop
from app.domain.labels import CONFIDENTIALITY_LABELS, URGENCY_LABELS

MAX_SUBJECT = 500  # Appendix VI: Subject at most 500 characters
MAX_CONTENT = 2000
MAX_NAME = 200
MAX_RECIPIENTS = 50
MAX_PAYLOAD_TEXT = 4000  # a mutation's text field (central.schemas.MAX_STRING)
UNSENT = "unsent"  # a recipient's status until the document is sent
PENDING = "pending"  # sent, no answer yet


@dataclass(frozen=True)
class DraftRecipient:
    organ_id: str
    name: str


@dataclass(frozen=True)
class Draft:
    doc_type: str
    subject: str
    content: str
    signer_name: str
    signer_position: str
    recipients: tuple[DraftRecipient, ...]
    urgency: str = "normal"
    confidentiality: str = "normal"
    due_on: date | None = None


def check_draft(draft: Draft) -> Draft:
    """The draft with its text trimmed; DomainError naming the first field that is not right."""
    if by_code(draft.doc_type) is None:
        raise DomainError("draft.type", tr_noop("Choose the document type from the list."))
    subject = draft.subject.strip()
    if not subject:
        raise DomainError("draft.subject", tr_noop("Write the subject (trích yếu) of the document."))
    if len(subject) > MAX_SUBJECT:
        raise DomainError(
            "draft.subject_long", tr_noop("The subject has at most {limit} characters."), limit=MAX_SUBJECT
        )
    if len(draft.content.strip()) > MAX_CONTENT:
        raise DomainError("draft.content_long", tr_noop("The summary has at most {limit} characters."),
                          limit=MAX_CONTENT)  # fmt: skip
    if not draft.signer_name.strip():
        raise DomainError("draft.signer", tr_noop("Name who signs the document."))
    if draft.urgency not in URGENCY_LABELS or draft.confidentiality not in CONFIDENTIALITY_LABELS:
        raise DomainError("draft.coded", tr_noop("Choose the urgency and the confidentiality from the lists."))
    return Draft(
        doc_type=draft.doc_type, subject=subject, content=draft.content.strip(),
        signer_name=draft.signer_name.strip()[:MAX_NAME], signer_position=draft.signer_position.strip()[:MAX_NAME],
        recipients=_checked_recipients(draft.recipients), urgency=draft.urgency,
        confidentiality=draft.confidentiality, due_on=draft.due_on,
    )  # fmt: skip


def _checked_recipients(recipients: tuple[DraftRecipient, ...]) -> tuple[DraftRecipient, ...]:
    if not recipients:
        raise DomainError("draft.no_recipient", tr_noop("Choose at least one recipient from the agency directory."))
    if len(recipients) > MAX_RECIPIENTS:
        raise DomainError("draft.recipients", tr_noop("A document goes to at most {limit} recipients at once."),
                          limit=MAX_RECIPIENTS)  # fmt: skip
    seen: list[DraftRecipient] = []
    for recipient in recipients:
        code = parse_agency_code(recipient.organ_id).code
        validate_agency_code(code)  # a recipient must be an agency the axis can route to: the standard form
        if all(r.organ_id != code for r in seen):
            seen.append(DraftRecipient(code, recipient.name.strip()[:300] or code))
    if len(_recipients_text(tuple(seen))) > MAX_PAYLOAD_TEXT:  # the outbox carries them as one text field
        raise DomainError("draft.recipients", tr_noop("A document goes to at most {limit} recipients at once."),
                          limit=len(seen) - 1)  # fmt: skip
    return tuple(seen)


def _recipients_text(recipients: tuple[DraftRecipient, ...]) -> str:
    return json.dumps([{"organ_id": r.organ_id, "name": r.name} for r in recipients], ensure_ascii=False)


def draft_payload(draft: Draft) -> dict[str, Any]:
    """The draft as an outbox payload (JSON)."""
    return {
        "doc_type": draft.doc_type, "subject": draft.subject, "content": draft.content,
        "signer_name": draft.signer_name, "signer_position": draft.signer_position,
        "recipients": _recipients_text(draft.recipients),
        "urgency": draft.urgency, "confidentiality": draft.confidentiality,
        "due_on": draft.due_on.isoformat() if draft.due_on else None,
    }  # fmt: skip


def draft_from_payload(payload: Mapping[str, Any]) -> Draft:
    """A payload as the service receives it, checked as the desk checked it."""
    try:
        recipients = tuple(
            DraftRecipient(str(r["organ_id"]), str(r.get("name") or "")) for r in json.loads(payload["recipients"])
        )
        due = payload.get("due_on")
        text = {name: str(payload.get(name) or "") for name in ("content", "signer_name", "signer_position")}
        draft = Draft(
            doc_type=str(payload["doc_type"]), subject=str(payload["subject"]), recipients=recipients,
            urgency=str(payload.get("urgency") or "normal"),
            confidentiality=str(payload.get("confidentiality") or "normal"),
            due_on=date.fromisoformat(str(due)) if due else None, **text,
        )  # fmt: skip
    except (KeyError, TypeError, ValueError, AttributeError):  # json.JSONDecodeError is a ValueError
        raise DomainError("draft.payload", tr_noop("The draft is incomplete or malformed.")) from None
    return check_draft(draft)


def draft_columns(draft: Draft) -> dict[str, Any]:
    """The document's columns a draft sets, on both sides; recipients wait as "unsent"."""
    return {
        "doc_type": draft.doc_type, "subject": draft.subject, "content": draft.content or None,
        "signer_name": draft.signer_name, "signer_position": draft.signer_position or None,
        "urgency": draft.urgency, "confidentiality": draft.confidentiality, "due_on": draft.due_on,
        "recipients": [r.name for r in draft.recipients],
        "deliveries": [{"organ_id": r.organ_id, "name": r.name, "status": UNSENT, "at": None, "note": ""}
                       for r in draft.recipients],
    }  # fmt: skip
