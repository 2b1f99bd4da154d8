"""Dossiers registered at a desk's counter, and the blocks of dossier numbers desks register them with.

A desk may register offline for days, so it prints codes from blocks the service granted it
(app.domain.code_blocks). The service grants blocks under the unit's row lock, so two desks
asking at once get disjoint blocks, and it accepts a registered code only from a block of the
desk that sends it, once.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.code_blocks import CodeBlock as Block
from app.domain.code_blocks import grant
from app.domain.dossier_code import DossierCode, next_dossier_code
from app.domain.dossier_intake import parse_registration
from app.domain.rejections import refusal
from app.domain.workflow import DossierState
from app.domain.working_calendar import VN_TZ
from central.models import Account, CodeBlock, Dossier, Procedure, Unit

MAX_OPEN_BLOCKS = 4  # per desk: enough for a month offline, not an endless loop of grants
CLOCK_SKEW = timedelta(minutes=10)  # a desk's clock may run this much ahead of the service's


def desk_blocks(session: Session, account: Account, desk_id: str, now: datetime) -> list[CodeBlock]:
    """The desk's blocks still valid today, oldest first."""
    today = now.astimezone(VN_TZ).date()
    query = select(CodeBlock).where(
        CodeBlock.unit_code == account.unit_code, CodeBlock.desk_id == desk_id, CodeBlock.valid_to >= today
    )
    return list(session.scalars(query.order_by(CodeBlock.id)))


def grant_block(session: Session, account: Account, desk_id: str, now: datetime) -> CodeBlock:
    """A new block for the desk (DomainError when it already holds enough)."""
    session.scalar(select(Unit).where(Unit.code == account.unit_code).with_for_update())  # one grant at a time
    if len(desk_blocks(session, account, desk_id, now)) >= MAX_OPEN_BLOCKS:
        raise refusal("code_block.enough", count=MAX_OPEN_BLOCKS)
    today = now.astimezone(VN_TZ).date()
    rows = session.scalars(select(CodeBlock).where(CodeBlock.unit_code == account.unit_code,
                                                   CodeBlock.valid_to >= today))  # fmt: skip
    used_today = _highest_sequence(session, account.unit_code, today)  # numbered before any block was granted
    taken = [Block(today, today, 1, used_today)] if used_today else []
    block = grant([_block(row) for row in rows] + taken, today)
    row = CodeBlock(unit_code=account.unit_code, desk_id=desk_id, account_id=account.id, valid_from=block.valid_from,
                    valid_to=block.valid_to, first_seq=block.first, last_seq=block.last, granted_at=now)  # fmt: skip
    session.add(row)
    session.flush()
    return row


def block_json(row: CodeBlock) -> dict[str, Any]:
    return {"id": str(row.id), "unit_code": row.unit_code, "valid_from": row.valid_from.isoformat(),
            "valid_to": row.valid_to.isoformat(), "first": row.first_seq, "last": row.last_seq}  # fmt: skip


def register_dossier(session: Session, account: Account, payload: dict[str, Any], now: datetime) -> Dossier:
    """The dossier a desk registered; DomainError (nothing written) when the service cannot accept it."""
    registration = parse_registration(payload)
    code = registration.code
    if code.unit_code != account.unit_code:
        raise refusal("registration.other_unit", dossier=code)
    if registration.received_at > now + CLOCK_SKEW:
        raise refusal("registration.future", dossier=code)
    if not _granted(session, account, registration.desk_id, code.received_on, code.sequence):
        raise refusal("dossier_code.not_granted", dossier=code)
    if session.scalar(select(Dossier.id).where(Dossier.code == str(code))) is not None:
        raise refusal("dossier_code.taken", dossier=code)
    procedure = session.get(Procedure, registration.procedure_code)
    if procedure is None:
        raise refusal("registration.unknown_procedure", procedure=registration.procedure_code[:40])
    applicant = registration.applicant
    dossier = Dossier(
        unit_code=account.unit_code, code=str(code), procedure_code=procedure.code, procedure_name=procedure.name,
        applicant_name=applicant.name, applicant_id_number=applicant.id_number, applicant_address=applicant.address,
        applicant_phone=applicant.phone, applicant_email=applicant.email, applicant_born_on=applicant.born_on,
        applicant_kind=applicant.kind, channel=registration.channel, received_at=registration.received_at,
        statutory_amount=procedure.statutory_amount, statutory_unit=procedure.statutory_unit,
        cutoff=registration.cutoff, due_at=registration.due_at, finished_at=None, state=int(DossierState.ACCEPTED),
        received_components=[vars(part) for part in registration.components],
        history=[{"at": registration.received_at.isoformat(), "by": account.display_name, "action": "register",
                  "state": int(DossierState.ACCEPTED)}],
        version=1, updated_at=now,
    )  # fmt: skip
    session.add(dossier)
    session.flush()
    return dossier


def service_code(session: Session, unit_code: str, day: date) -> DossierCode:
    """The code for a dossier the service receives itself (online, from an operator): after every
    number used and every number granted to a desk on that day, so it never takes a desk's number."""
    existing = list(session.scalars(select(Dossier.code).where(Dossier.unit_code == unit_code)))
    granted = session.scalar(
        select(func.max(CodeBlock.last_seq)).where(
            CodeBlock.unit_code == unit_code, CodeBlock.valid_from <= day, CodeBlock.valid_to >= day
        )
    )
    if granted:
        existing.append(str(DossierCode(unit_code, day, granted)))
    return next_dossier_code(unit_code, day, existing)


def _highest_sequence(session: Session, unit_code: str, day: date) -> int:
    first, last = str(DossierCode(unit_code, day, 1)), str(DossierCode(unit_code, day, 9999))
    highest = session.scalar(select(func.max(Dossier.code)).where(Dossier.code.between(first, last)))
    return int(highest.rsplit("-", 1)[1]) if highest else 0


def _granted(session: Session, account: Account, desk_id: str, day: date, sequence: int) -> bool:
    query = select(CodeBlock.id).where(
        CodeBlock.unit_code == account.unit_code, CodeBlock.desk_id == desk_id, CodeBlock.valid_from <= day,
        CodeBlock.valid_to >= day, CodeBlock.first_seq <= sequence, CodeBlock.last_seq >= sequence,
    )  # fmt: skip
    return session.scalar(query.limit(1)) is not None


def _block(row: CodeBlock) -> Block:
    return Block(row.valid_from, row.valid_to, row.first_seq, row.last_seq)
