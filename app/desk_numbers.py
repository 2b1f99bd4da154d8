"""The dossier numbers this desk holds: its identity, the blocks the service granted it, the numbers it
used, and when to ask for more (rules: app.domain.code_blocks). The sync engine tops the blocks up
while connected; intake takes numbers from them, online or offline alike."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.code_blocks import CodeBlock
from app.domain.dossier_code import MAX_DAILY_SEQUENCE, DossierCode
from app.server_items import BadServerData
from local_db.models import CodeBlock as CodeBlockRow
from local_db.models import DeskIdentity, Dossier

LOW_WATER = 40  # fewer numbers left for today than this: ask for another block
LOOK_AHEAD = timedelta(days=14)  # a desk that may go offline holds numbers for two weeks ahead


def desk_id(session: Session) -> str:
    """This cache's desk id, made on first use (inside the caller's write transaction)."""
    row = session.get(DeskIdentity, 1)
    if row is None:
        row = DeskIdentity(id=1, desk_id=str(uuid.uuid4()))
        session.add(row)
        session.flush()
    return row.desk_id


def held_blocks(session: Session, source_id: int, unit_code: str) -> list[CodeBlock]:
    rows = session.scalars(
        select(CodeBlockRow).where(CodeBlockRow.source_id == source_id, CodeBlockRow.unit_code == unit_code)
    )
    return [CodeBlock(row.valid_from, row.valid_to, row.first_seq, row.last_seq) for row in rows]


def used_sequences(session: Session, source_id: int, unit_code: str, day: date) -> set[int]:
    """The sequences of ``day`` this cache knows as used: its own dossiers and those pulled."""
    first, last = str(DossierCode(unit_code, day, 1)), str(DossierCode(unit_code, day, MAX_DAILY_SEQUENCE))
    codes = session.scalars(  # a range, not LIKE: it is answered from the (source_id, code) unique index
        select(Dossier.code).where(Dossier.source_id == source_id, Dossier.code.between(first, last))
    )
    # every code in that range starts with the day's prefix; its last four characters are the sequence
    return {int(code[-4:]) for code in codes if len(code) == len(first) and code[-4:].isdigit()}


def needs_more(session: Session, source_id: int, unit_code: str, today: date) -> bool:
    """Whether to ask for another block (the sync engine asks every 10 minutes; counted in the index)."""
    blocks = held_blocks(session, source_id, unit_code)
    left = sum(block.last - block.first + 1 - _used_in(session, source_id, unit_code, today, block)
               for block in blocks if block.covers(today))  # fmt: skip
    return left < LOW_WATER or not any(block.covers(today + LOOK_AHEAD) for block in blocks)


def _used_in(session: Session, source_id: int, unit_code: str, day: date, block: CodeBlock) -> int:
    first, last = str(DossierCode(unit_code, day, block.first)), str(DossierCode(unit_code, day, block.last))
    query = select(func.count()).where(Dossier.source_id == source_id, Dossier.code.between(first, last))
    return session.scalar(query) or 0


def store_blocks(session: Session, source_id: int, unit_code: str, answers: list[Any]) -> None:
    """Keep the granted blocks the service sent (each checked; BadServerData refuses them all)."""
    for answer in answers:
        block = _checked(answer, unit_code)
        exists = session.scalar(
            select(CodeBlockRow.id).where(CodeBlockRow.source_id == source_id, CodeBlockRow.remote_id == answer["id"])
        )
        if exists is None:
            session.add(CodeBlockRow(source_id=source_id, remote_id=answer["id"], unit_code=unit_code,
                                     valid_from=block.valid_from, valid_to=block.valid_to, first_seq=block.first,
                                     last_seq=block.last))  # fmt: skip


def _checked(answer: Any, unit_code: str) -> CodeBlock:
    try:
        block = CodeBlock(
            date.fromisoformat(answer["valid_from"]), date.fromisoformat(answer["valid_to"]),
            answer["first"], answer["last"],
        )  # fmt: skip
        valid = isinstance(answer["id"], str) and 0 < len(answer["id"]) <= 100 and answer["unit_code"] == unit_code
    except (KeyError, TypeError, ValueError):
        raise BadServerData("a block of dossier numbers is not readable") from None
    numbers = type(block.first) is int and type(block.last) is int and 1 <= block.first <= block.last <= 9999
    if not (valid and numbers and block.valid_from <= block.valid_to):
        raise BadServerData("a block of dossier numbers is not valid")
    return block
