"""What an operator or a trainer makes happen on a central system while trainees watch: a document
arrives for a unit, or another official acts on an item.

The command line (``send-document``, ``act``) and the training sandbox (through
``central.in_process``) both call these, so a document that arrives or an official who acts is the
same whichever of them asked.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.domain.document_types import LETTER
from app.domain.working_calendar import VN_TZ
from central.change_feed import record_change
from central.demo_data import DOCUMENT_TYPES, TOPICS, person
from central.models import Account, Agency, Document, Dossier, Feedback, Unit
from central.mutations import Mutation, apply_one
from central.number_registers import ARRIVAL_REGISTER, next_number

ITEM_MODELS: dict[str, type[Document] | type[Dossier] | type[Feedback]] = {
    "document": Document, "dossier": Dossier, "feedback": Feedback,
}  # fmt: skip


class NotFound(LookupError):
    """The unit, account or item asked for is not on this system (the message says which)."""


def unit_of(session: Session, code: str) -> Unit:
    unit = session.get(Unit, code.strip())
    if unit is None:
        raise NotFound(f"unknown unit “{code}”; run init to load the directory, or add it with create-unit")
    return unit


def account_of(session: Session, login: str) -> Account:
    account = session.scalar(select(Account).where(Account.login == login))
    if account is None:
        raise NotFound(f"no account with the login “{login}”")
    return account


def add_document(session: Session, fields: dict[str, Any], now: datetime) -> Document:
    """A document in the unit's queue, as given; an incoming one already registered takes the next
    arrival number from the counter the server registers with (under its row lock), so numbers never repeat."""
    document = Document(**fields)
    if document.direction == "incoming" and document.state != "received" and not document.arrival_number:
        document.arrival_date = document.arrival_date or now.astimezone(VN_TZ).date()
        document.arrival_number = next_number(session, document.unit_code, ARRIVAL_REGISTER, document.arrival_date.year)
    session.add(document)
    session.flush()
    record_change(session, document.unit_code, "document", document)
    return document


def add_dossier(session: Session, fields: dict[str, Any]) -> Dossier:
    dossier = Dossier(**fields)
    session.add(dossier)
    session.flush()
    record_change(session, dossier.unit_code, "dossier", dossier)
    return dossier


def deliver_document(
    session: Session, unit_code: str, now: datetime, subject: str | None = None, urgency: str = "normal"
) -> Document:
    """A plausible incoming document from a city department arrives now (state: received), as the
    national document axis would deliver it."""
    rng = random.Random()
    unit = unit_of(session, unit_code)
    issuer = _department(session, unit, rng)
    today = now.astimezone(VN_TZ).date()
    position = rng.choice(("Giám đốc", "Phó Giám đốc")) if issuer.name.startswith("Sở ") else "Chánh Văn phòng"
    fields = {
        "unit_code": unit.code, "direction": "incoming", "doc_type": LETTER.code, "state": "received",
        "confidentiality": "normal", "number": str(_next_number(session, issuer.code, today, rng)),
        "notation": f"{_abbreviation(issuer.name)}-VP", "issuing_agency_code": issuer.code,
        "issuing_agency_name": issuer.name, "issued_on": today,
        "subject": subject or rng.choice(DOCUMENT_TYPES[0][1]).format(topic=rng.choice(TOPICS)),
        "urgency": urgency, "signer_name": person(rng), "signer_position": position, "recipients": [unit.name],
        "updated_at": now,
        "trail": [{"at": now.isoformat(), "by": issuer.name, "action": "edxml_received", "state": "received"}],
    }  # fmt: skip
    return add_document(session, fields, now)


def act_as(
    sessions: sessionmaker[Session], login: str, kind: str, item_id: int, action: str, fields: dict[str, Any],
    now: datetime,
) -> dict[str, Any]:  # fmt: skip
    """Act on an item as another official: checked and applied exactly as if that official had synced
    it. Returns the server's outcome (applied, or rejected with the reason)."""
    with sessions() as session:
        account = account_of(session, login)
        if account.disabled_at is not None and account.disabled_at <= now:
            raise NotFound(f"the account “{login}” is disabled")
        item = session.get(ITEM_MODELS[kind], item_id)
        if item is None:
            raise NotFound(f"no {kind} with the id {item_id}")
        mutation = Mutation(str(uuid.uuid4()), kind, str(item.id), item.version, action, dict(fields))
        account_id = account.id
    return apply_one(sessions, account_id, mutation, now)


def _department(session: Session, unit: Unit, rng: random.Random) -> Agency:
    current = select(Agency).where(Agency.valid_to.is_(None), Agency.code != unit.code).order_by(Agency.code)
    agencies = list(session.scalars(current.where(Agency.name.like("Sở %")))) or list(session.scalars(current))
    if not agencies:
        raise NotFound("the directory is empty; load it first (init)")
    return rng.choice(agencies)


def _next_number(session: Session, issuer_code: str, today: date, rng: random.Random) -> int:
    """After the issuer's highest number this year; otherwise as far into the year as today is."""
    numbers = session.scalars(
        select(Document.number).where(
            Document.issuing_agency_code == issuer_code, Document.issued_on >= date(today.year, 1, 1)
        )
    )
    used = [int(number) for number in numbers if number and number.isdigit()]
    return max(used, default=today.timetuple().tm_yday * 3 + rng.randint(0, 20)) + 1


def _abbreviation(name: str) -> str:
    """“Sở Giáo dục và Đào tạo” → SGDĐT, as departments write their notation."""
    words = [word for word in name.split() if word.lower() != "và"]
    return "".join(word[0] for word in words).upper()
