"""Blocks of dossier numbers granted to one desk, so desks can register dossiers offline.

A dossier code ends with the unit's daily sequence (app.domain.dossier_code). While connected,
each desk asks the central service for a block: sequences ``first``–``last`` on every day from
``valid_from`` to ``valid_to``. The service never grants two blocks whose days overlap with
overlapping sequences, so two desks of one unit, online or offline, cannot hand out one code.
A desk uses its numbers in order, day by day; the numbers of a block it did not use on a day are
visible in the register as unused (never skipped silently), and the service refuses a code that
is not in a block of the desk that sends it, or was used already.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from app.domain.dossier_code import MAX_DAILY_SEQUENCE, DossierCode
from app.domain.errors import DomainError, tr_noop

BLOCK_SIZE = 100  # numbers per block: a busy ward desk registers ~40 dossiers a day
BLOCK_DAYS = 31  # a block stays valid a month: a special zone may be cut off for days


@dataclass(frozen=True, order=True)
class CodeBlock:
    valid_from: date
    valid_to: date
    first: int
    last: int

    def covers(self, day: date) -> bool:
        return self.valid_from <= day <= self.valid_to

    def overlaps(self, other: CodeBlock) -> bool:
        days = self.valid_from <= other.valid_to and other.valid_from <= self.valid_to
        return days and self.first <= other.last and other.first <= self.last


def next_code(unit_code: str, day: date, blocks: Iterable[CodeBlock], used: Iterable[int]) -> DossierCode:
    """The lowest number of the desk's blocks valid on ``day`` that it has not used on that day."""
    taken = set(used)
    for block in sorted(block for block in blocks if block.covers(day)):
        for sequence in range(block.first, block.last + 1):
            if sequence not in taken:
                return DossierCode(unit_code, day, sequence)
    raise DomainError(
        "dossier_code.no_numbers",
        tr_noop(
            "This desk has no dossier numbers left for {day}. Connect to the network once: the service "
            "grants the desk a new block of numbers."
        ),
        day=day.strftime("%d/%m/%Y"),
    )


def grant(existing: Iterable[CodeBlock], today: date, size: int = BLOCK_SIZE, days: int = BLOCK_DAYS) -> CodeBlock:
    """A new block from ``today`` for ``days`` days: the lowest ``size`` numbers that no existing
    block of the unit holds on any of those days."""
    valid_to = today + timedelta(days=days - 1)
    busy = sorted((b.first, b.last) for b in existing if b.valid_from <= valid_to and today <= b.valid_to)
    first = 1
    for low, high in busy:
        if first + size - 1 < low:
            break
        first = max(first, high + 1)
    if first + size - 1 > MAX_DAILY_SEQUENCE:
        raise DomainError(
            "dossier_code.no_block",
            tr_noop("All {limit} daily dossier numbers of the unit are granted to desks until {day}."),
            limit=MAX_DAILY_SEQUENCE,
            day=valid_to.strftime("%d/%m/%Y"),
        )
    return CodeBlock(today, valid_to, first, first + size - 1)
