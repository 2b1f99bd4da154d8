"""Taking a citizen's dossier in at the counter, online or offline.

The dossier gets its code from this desk's blocks of numbers (app.desk_numbers), so the receipt
printed now shows the code the portal will show. The dossier row, its files' rows, the audit entry
and the outbox entry that registers it with the central service are written in one transaction;
the files are copied into the profile (and flushed to disk) before it, so a crash at any point
leaves either nothing or the whole dossier, and an unreferenced copy at worst.
"""

from __future__ import annotations

import time as time_module
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path, PurePosixPath

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.attachment_copies import INTAKE_FOLDER, Copy, attachment_rows, copy_all_in, quietly
from app.desk_numbers import desk_id, held_blocks, used_sequences
from app.domain.code_blocks import next_code
from app.domain.dossier_deadline import due_at
from app.domain.dossier_intake import (
    Applicant,
    Registration,
    check_applicant,
    registration_payload,
)
from app.domain.errors import DomainError, tr_noop
from app.domain.labels import CHANNEL_LABELS
from app.domain.procedures import DossierComponent, Procedure, parse_cutoff, procedure_from_fields
from app.domain.statuses import OutboxStatus, SyncState
from app.domain.workflow import DossierState
from app.local_cache import LocalCache
from app.office_calendar import calendar_for
from app.settings import Settings
from kernel.clock import VN_TZ, Clock
from local_db.models import Account, Attachment, AuditLog, Dossier, OutboxEntry
from local_db.models import Procedure as ProcedureRow
from local_db.queries import unified_account

UNCLAIMED_FOLDER = "intake-unclaimed"  # copies no row names, kept a while for IT to recover
UNCLAIMED_DAYS = 30


@dataclass(frozen=True)
class IntakeForm:
    procedure_code: str
    applicant: Applicant
    channel: str
    components: tuple[DossierComponent, ...]  # the papers actually received
    files: tuple[Path, ...] = ()


@dataclass(frozen=True)
class Registered:
    dossier_id: int
    code: str
    received_at: datetime
    due_at: datetime


class CounterIntake:
    def __init__(self, cache: LocalCache, clock: Clock, settings: Callable[[], Settings]) -> None:
        self.cache = cache
        self.clock = clock
        self._settings = settings
        self._swept = False  # copies left by an intake killed before its transaction: removed once

    def procedures(self) -> list[Procedure]:
        """The catalogue as last synced, by field then name (entries this version cannot use are left out)."""
        with self.cache.sessions() as session:
            rows = session.scalars(select(ProcedureRow).order_by(ProcedureRow.field, ProcedureRow.name)).all()
            usable = []
            for row in rows:
                try:
                    usable.append(procedure_from_fields({c.name: getattr(row, c.name) for c in row.__table__.columns}))
                except DomainError:
                    continue
            return usable

    def promised_due(self, procedure: Procedure, received_at: datetime) -> datetime:
        """The return time the receipt promises: the statutory time in the office's working calendar."""
        return due_at(received_at, procedure.statutory, calendar_for(self._settings()), self.cutoff_for(procedure))

    def cutoff_for(self, procedure: Procedure) -> time | None:
        """The procedure's own cut-off, or the office's from Settings, where the procedure has the rule."""
        return procedure.effective_cutoff(parse_cutoff(self._settings().afternoon_cutoff))

    def register(self, form: IntakeForm) -> Registered:
        """Write the dossier and its registration at once; DomainError (nothing written) if refused."""
        applicant = check_applicant(form.applicant)
        if form.channel not in CHANNEL_LABELS:
            raise DomainError("intake.channel", tr_noop("Choose how the dossier was received."))
        if not form.components:
            raise DomainError("intake.no_papers", tr_noop("Tick at least one paper the applicant handed in."))
        procedure = next((p for p in self.procedures() if p.code == form.procedure_code), None)
        if procedure is None:
            raise DomainError("intake.no_procedure", tr_noop("Choose a procedure from the catalogue."))
        if not self._swept:
            self.set_aside_orphan_copies()
        return copy_all_in(self.cache.profile.attachments_dir, form.files,
                           lambda copies: self._write(form, procedure, applicant, copies))  # fmt: skip

    def set_aside_orphan_copies(self) -> int:
        """Move copied-in files no attachment row names to ``intake-unclaimed`` (kept UNCLAIMED_DAYS):
        copies of an intake killed before its transaction, or scans whose rows were in a damaged cache
        that was rebuilt, which IT may still recover. How many. Run on a session's first intake."""
        self._swept = True
        folder = self.cache.profile.attachments_dir / INTAKE_FOLDER
        on_disk = (
            {f"{INTAKE_FOLDER}/{path.name}" for path in folder.iterdir() if path.is_file()}
            if folder.is_dir()
            else set()
        )
        with self.cache.sessions() as session:
            named = set(
                session.scalars(select(Attachment.local_path).where(Attachment.local_path.like(f"{INTAKE_FOLDER}/%")))
            )
        unclaimed = self.cache.profile.attachments_dir / UNCLAIMED_FOLDER
        orphans = sorted(on_disk - named)
        for relative in orphans:
            unclaimed.mkdir(exist_ok=True)
            quietly(lambda relative=relative: (self.cache.profile.attachments_dir / relative).replace(
                unclaimed / PurePosixPath(relative).name))  # fmt: skip
        self._forget_old_unclaimed(unclaimed)
        return len(orphans)

    def _forget_old_unclaimed(self, unclaimed: Path) -> None:
        if not unclaimed.is_dir():
            return
        oldest = time_module.time() - UNCLAIMED_DAYS * 86400
        for path in unclaimed.iterdir():
            quietly(lambda path=path: path.unlink() if path.is_file() and path.stat().st_mtime < oldest else None)

    def _write(self, form: IntakeForm, procedure: Procedure, applicant: Applicant, copies: list[Copy]) -> Registered:
        """The dossier, its files' rows, its outbox entry and an audit entry: one transaction."""
        received_at = self.clock.now().astimezone(VN_TZ)
        due, cutoff = self.promised_due(procedure, received_at), self.cutoff_for(procedure)
        with self.cache.sessions.begin() as session:
            account = _unified_account(session)
            day = received_at.date()
            blocks = held_blocks(session, account.source_id, account.unit_code)
            code = next_code(account.unit_code, day, blocks, used_sequences(session, account.source_id,
                                                                            account.unit_code, day))  # fmt: skip
            registration = Registration(
                desk_id=desk_id(session), code=code, procedure_code=procedure.code, applicant=applicant,
                channel=form.channel, received_at=received_at, due_at=due,
                cutoff=cutoff.strftime("%H:%M") if cutoff else None, components=form.components,
            )  # fmt: skip
            dossier = _dossier_row(account, procedure, registration)
            session.add(dossier)
            session.flush()
            session.add_all(attachment_rows(account, "dossier", dossier.id, form.files, copies))
            entry = OutboxEntry(
                mutation_id=str(uuid.uuid4()), account_id=account.id, item_kind="dossier", item_id=dossier.id,
                action="register", base_version=0, payload=registration_payload(registration),
                created_at=received_at, status=OutboxStatus.PENDING,
            )  # fmt: skip
            session.add(entry)
            detail = {"mutation_id": entry.mutation_id, "code": str(code), "digest": entry.digest(dossier)}
            session.add(AuditLog(at=received_at, actor=str(account.id), action="register", item_kind="dossier",
                                 item_id=dossier.id, detail=detail))  # fmt: skip
            session.flush()
            return Registered(dossier.id, str(code), received_at, due)


def _unified_account(session: Session) -> Account:
    account = unified_account(session)
    if account is None:
        raise DomainError(
            "intake.no_account",
            tr_noop("Sign in to the city's new system once: dossiers are registered there, with its numbers."),
        )
    return account


def _dossier_row(account: Account, procedure: Procedure, registration: Registration) -> Dossier:
    applicant = registration.applicant
    return Dossier(
        source_id=account.source_id, remote_id=None, version=0, code=str(registration.code),
        procedure_code=procedure.code, procedure_name=procedure.name, unit_code=account.unit_code,
        applicant_name=applicant.name, applicant_id_number=applicant.id_number, applicant_address=applicant.address,
        applicant_phone=applicant.phone, applicant_email=applicant.email, applicant_born_on=applicant.born_on,
        applicant_kind=applicant.kind, received_components=[vars(part) for part in registration.components],
        channel=registration.channel, received_at=registration.received_at,
        statutory_amount=procedure.statutory.amount, statutory_unit=procedure.statutory.unit,
        cutoff=registration.cutoff, due_at=registration.due_at, finished_at=None, state=int(DossierState.ACCEPTED),
        history=[{"at": registration.received_at.isoformat(), "by": account.display_name, "action": "register",
                  "state": int(DossierState.ACCEPTED)}],
        sync_state=SyncState.PENDING, updated_at=registration.received_at,
    )  # fmt: skip
