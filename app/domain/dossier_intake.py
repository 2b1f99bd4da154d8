"""A dossier taken in at the counter: the applicant, the papers received, and the registration the
desk sends the central service (pure Python; the desk and the service check it with the same rules).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Literal

from app.domain.applicant_ids import check_personal_id, check_tax_code
from app.domain.dossier_code import DossierCode, parse_dossier_code
from app.domain.dossier_deadline import LONGEST_PROMISE_DAYS
from app.domain.errors import DomainError, tr_noop
from app.domain.labels import CHANNEL_LABELS
from app.domain.procedures import DossierComponent, parse_cutoff
from app.domain.working_calendar import as_vn_time

ApplicantKind = Literal["person", "organisation"]
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9 .]{8,15}$")
MAX_FILE_BYTES = 50 * 1024 * 1024  # a scan the citizen brought; larger files are not papers of a dossier


@dataclass(frozen=True)
class Applicant:
    name: str
    kind: ApplicantKind = "person"
    id_number: str | None = None  # a person's 12-digit identification number, an organisation's tax code
    born_on: date | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Registration:
    """What the desk registered, with the code it printed on the receipt."""

    desk_id: str
    code: DossierCode
    procedure_code: str
    applicant: Applicant
    channel: str
    received_at: datetime
    due_at: datetime
    cutoff: str | None
    components: tuple[DossierComponent, ...]


def check_applicant(applicant: Applicant) -> Applicant:
    """The applicant with identifiers normalised; DomainError naming the first field that is wrong."""
    name = " ".join(applicant.name.split())
    if not name or len(name) > 200:
        raise DomainError("applicant.no_name", tr_noop("Enter the applicant's full name (at most 200 characters)."))
    id_number = (applicant.id_number or "").strip() or None
    if applicant.kind == "person" and id_number is not None:
        id_number = check_personal_id(id_number, applicant.born_on)
    elif applicant.kind == "organisation":
        if id_number is None:
            raise DomainError("applicant.no_tax_code", tr_noop("Enter the organisation's tax code."))
        id_number = check_tax_code(id_number)
    elif applicant.kind != "person":
        raise DomainError("applicant.bad_kind", tr_noop("The applicant is a person or an organisation."))
    phone = (applicant.phone or "").strip() or None
    if phone is not None and not _PHONE.match(phone):
        raise DomainError("applicant.bad_phone", tr_noop("“{value}” is not a phone number."), value=phone[:30])
    email = (applicant.email or "").strip() or None
    if email is not None and (len(email) > 200 or not _EMAIL.match(email)):
        raise DomainError("applicant.bad_email", tr_noop("“{value}” is not an e-mail address."), value=email[:60])
    address = " ".join((applicant.address or "").split()) or None
    if address is not None and len(address) > 300:
        raise DomainError("applicant.long_address", tr_noop("The address is longer than 300 characters."))
    return replace(applicant, name=name, id_number=id_number, phone=phone, email=email, address=address)


def registration_payload(registration: Registration) -> dict[str, str | int | None]:
    """The flat payload of the "register" mutation (the protocol takes scalar values only)."""
    applicant = registration.applicant
    components = [{"name": c.name, "originals": c.originals, "copies": c.copies} for c in registration.components]
    return {
        "desk_id": registration.desk_id,
        "code": str(registration.code),
        "procedure_code": registration.procedure_code,
        "applicant_kind": applicant.kind,
        "applicant_name": applicant.name,
        "applicant_id_number": applicant.id_number,
        "applicant_born_on": applicant.born_on.isoformat() if applicant.born_on else None,
        "applicant_address": applicant.address,
        "applicant_phone": applicant.phone,
        "applicant_email": applicant.email,
        "channel": registration.channel,
        "received_at": registration.received_at.isoformat(),
        "due_at": registration.due_at.isoformat(),
        "cutoff": registration.cutoff,
        "received_components": json.dumps(components, ensure_ascii=False),
    }


def parse_registration(payload: Mapping[str, Any]) -> Registration:
    """Check a "register" payload as the service receives it; DomainError when anything is off."""
    text = _texts(payload)
    applicant = check_applicant(
        Applicant(
            name=text("applicant_name") or "",
            kind=text("applicant_kind") or "person",  # type: ignore[arg-type]
            id_number=text("applicant_id_number"),
            born_on=_day(text("applicant_born_on")),
            address=text("applicant_address"),
            phone=text("applicant_phone"),
            email=text("applicant_email"),
        )
    )
    received_at, due = _moment(text("received_at")), _moment(text("due_at"))
    code = parse_dossier_code(text("code") or "")
    if code.received_on != received_at.date():
        raise _bad(tr_noop("The date in dossier code {dossier} is not the day it was received."), dossier=code)
    if due <= received_at:
        raise _bad(tr_noop("The promised return time must come after the receipt time."))
    if (due - received_at).days >= LONGEST_PROMISE_DAYS:
        raise _bad(tr_noop("The promised return time is more than {days} days away."), days=LONGEST_PROMISE_DAYS)
    channel = text("channel") or ""
    if channel not in CHANNEL_LABELS:
        raise _bad(tr_noop("Unknown channel “{value}”."), value=channel[:20])
    cutoff = text("cutoff")
    if cutoff is not None:
        parse_cutoff(cutoff)
    return Registration(
        desk_id=text("desk_id") or "",
        code=code,
        procedure_code=text("procedure_code") or "",
        applicant=applicant,
        channel=channel,
        received_at=received_at,
        due_at=due,
        cutoff=cutoff,
        components=_components(text("received_components") or "[]"),
    )


def _texts(payload: Mapping[str, Any]) -> Any:
    def text(key: str) -> str | None:
        value = payload.get(key)
        if value is not None and not isinstance(value, str):
            raise _bad(tr_noop("The field {key} of the registration is not text."), key=key)
        return value

    return text


def _day(text: str | None) -> date | None:
    try:
        return None if text is None else date.fromisoformat(text)
    except ValueError:
        raise _bad(tr_noop("“{value}” is not a date."), value=text[:20]) from None


def _moment(text: str | None) -> datetime:
    try:
        moment = datetime.fromisoformat(text or "")
    except ValueError:
        raise _bad(tr_noop("“{value}” is not a date and time."), value=str(text)[:40]) from None
    if moment.tzinfo is None:
        raise _bad(tr_noop("“{value}” has no time zone."), value=str(text)[:40])
    return as_vn_time(moment)


def _components(text: str) -> tuple[DossierComponent, ...]:
    try:
        entries = json.loads(text)
        parts = tuple(DossierComponent(str(e["name"])[:500], int(e["originals"]), int(e["copies"])) for e in entries)
    except (ValueError, TypeError, KeyError):
        raise _bad(tr_noop("The list of papers received cannot be read.")) from None
    if not parts:
        raise _bad(tr_noop("Tick at least one paper the applicant handed in."))
    return parts


def _bad(message: str, **params: Any) -> DomainError:
    return DomainError("registration.invalid", message, **params)
