"""A unit's number registers: arrivals (số đến) and outgoing documents (số văn bản đi).

Decree 30/2020 numbers each register per calendar year from 01 on 1 January, never twice. The service
owns the registers, so two desks registering at once can never take one number: a number is taken under
the row lock of its counter. A counter starts above every number already used that year in the unit
(rows seeded or imported before it existed), so a register never gives a number a document holds.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import extract, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain.document_types import by_code
from central.models import Document, RegisterCounter

ARRIVAL_REGISTER = "arrivals"
OUTGOING_REGISTER = "outgoing"


def next_number(session: Session, unit_code: str, register: str, year: int) -> int:
    """The register's next number for ``year``; the caller's transaction holds its counter until commit."""
    counter = _locked_counter(session, unit_code, register, year)
    if counter is None:  # the year's first number: made in a savepoint, as another desk may make it at once
        session.flush()  # the caller's own pending rows first: only the counter's insert may fail in there
        try:
            with session.begin_nested():
                highest = _highest_used(session, unit_code, register).get(year, 0)
                session.add(RegisterCounter(unit_code=unit_code, register=register, year=year, value=highest))
        except IntegrityError:  # it did: its counter is the one (waited for until that desk committed)
            pass
        counter = _locked_counter(session, unit_code, register, year)
        assert counter is not None
    counter.value += 1
    session.flush()
    return counter.value


def _locked_counter(session: Session, unit_code: str, register: str, year: int) -> RegisterCounter | None:
    return session.scalar(
        select(RegisterCounter)
        .where(RegisterCounter.unit_code == unit_code, RegisterCounter.register == register)
        .where(RegisterCounter.year == year)
        .with_for_update()
    )


def catch_up(session: Session, unit_code: str) -> None:
    """Raise the unit's counters above numbers written without them (bulk seeding)."""
    for register in (ARRIVAL_REGISTER, OUTGOING_REGISTER):
        for year, highest in _highest_used(session, unit_code, register).items():
            counter = _locked_counter(session, unit_code, register, year)
            if counter is None:
                session.add(RegisterCounter(unit_code=unit_code, register=register, year=year, value=highest))
            else:
                counter.value = max(counter.value, highest)
    session.flush()


def _highest_used(session: Session, unit_code: str, register: str) -> dict[int, int]:
    if register == ARRIVAL_REGISTER:
        year = extract("year", Document.arrival_date)
        rows = session.execute(
            select(year, func.max(Document.arrival_number))
            .where(Document.unit_code == unit_code, Document.direction == "incoming")
            .where(Document.arrival_number.is_not(None), Document.arrival_date.is_not(None))
            .group_by(year)
        )
        return {int(y): int(n) for y, n in rows}
    highest: dict[int, int] = defaultdict(int)
    # Outgoing numbers are text on the wire (other systems' "74fass22" too), so they are read here.
    rows = session.execute(
        select(Document.issued_on, Document.number).where(
            Document.unit_code == unit_code, Document.direction == "outgoing", Document.number.is_not(None)
        )
    )
    for issued_on, number in rows:
        if isinstance(issued_on, date) and number and number.isdigit():
            highest[issued_on.year] = max(highest[issued_on.year], int(number))
    return dict(highest)


def outgoing_notation(doc_type: str) -> str:
    """The notation after the number (Decree 30, Appendix I): the type's abbreviation and the issuing
    body, ``QĐ-UBND``; a công văn has no type abbreviation and names the drafting office instead."""
    kind = by_code(doc_type)
    abbreviation = kind.abbreviation if kind is not None else ""
    return f"{abbreviation}-UBND" if abbreviation else "UBND-VP"
