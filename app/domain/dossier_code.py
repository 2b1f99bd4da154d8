"""Dossier codes of the one-stop mechanism: ``<unit code>-<YYMMDD of receipt>-<4-digit sequence>``.

E.g. ``000.12.34.H29-250715-0007`` is the seventh dossier received by that unit on 15/07/2025.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from app.domain.agency_code import validate_agency_code
from app.domain.errors import DomainError, tr_noop

MAX_DAILY_SEQUENCE = 9999


@dataclass(frozen=True, order=True)
class DossierCode:
    unit_code: str
    received_on: date
    sequence: int

    def __str__(self) -> str:
        return f"{self.unit_code}-{self.received_on:%y%m%d}-{self.sequence:04d}"


def parse_dossier_code(text: str) -> DossierCode:
    """Parse and validate strictly (surrounding spaces and lower case are forgiven)."""
    cleaned = text.strip().upper() if isinstance(text, str) else ""
    pieces = cleaned.rsplit("-", 2)
    if len(pieces) != 3:
        raise _bad(text, tr_noop("A dossier code has the form 000.00.00.H29-YYMMDD-0001: “{code}”."))
    unit, day, sequence = pieces
    validate_agency_code(unit)
    received_on = _parse_day(day, text)
    if len(sequence) != 4 or not sequence.isdigit() or int(sequence) == 0:
        raise _bad(text, tr_noop("The sequence at the end of “{code}” must be four digits from 0001."))
    return DossierCode(unit_code=unit, received_on=received_on, sequence=int(sequence))


def next_dossier_code(unit_code: str, received_on: date, existing: Iterable[str]) -> DossierCode:
    """The next code for ``unit_code`` on ``received_on``, after the highest one already issued.

    Codes of other units or days, and unreadable codes, are ignored: they cannot collide.
    """
    validate_agency_code(unit_code)
    highest = 0
    for text in existing:
        try:
            code = parse_dossier_code(text)
        except DomainError:
            continue
        if code.unit_code == unit_code and code.received_on == received_on:
            highest = max(highest, code.sequence)
    if highest >= MAX_DAILY_SEQUENCE:
        raise DomainError(
            "dossier_code.day_full",
            tr_noop("Unit {unit} has already issued {limit} dossier codes on {day}."),
            unit=unit_code,
            limit=MAX_DAILY_SEQUENCE,
            day=received_on.strftime("%d/%m/%Y"),
        )
    return DossierCode(unit_code=unit_code, received_on=received_on, sequence=highest + 1)


def _parse_day(day: str, text: str) -> date:
    if len(day) != 6 or not day.isdigit():
        raise _bad(text, tr_noop("The receipt date in “{code}” must be six digits, YYMMDD."))
    try:
        return datetime.strptime(day, "%y%m%d").date()
    except ValueError:
        raise _bad(text, tr_noop("The receipt date in “{code}” is not a real date.")) from None


def _bad(text: object, message: str) -> DomainError:
    return DomainError("dossier_code.invalid", message, code=str(text)[:60])
