"""Drafting an outgoing document at this desk, online or offline.

The draft row, its files' rows, the outbox entry that creates it on the service and an audit entry are
written in one transaction (the files copied in before it, as at the counter). The draft carries a key
of its own, so a copy the service sends back before the answer (a lost answer) takes over this row
instead of doubling it. Numbering waits for the service: it gives the number when the document is issued.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.attachment_copies import Copy, attachment_rows, copy_all_in
from app.domain.errors import DomainError, tr_noop
from app.domain.outgoing_draft import Draft, DraftRecipient, check_draft, draft_columns, draft_payload
from app.domain.statuses import OutboxStatus, SyncState
from app.domain.workflow import OutgoingState
from app.local_cache import LocalCache
from kernel.clock import VN_TZ, Clock
from local_db.models import Account, Agency, AuditLog, Document, OutboxEntry
from local_db.queries import unified_account


@dataclass(frozen=True)
class Directory:
    """The agencies a document can be sent to, for the recipient picker: (code, name), by name."""

    agencies: tuple[DraftRecipient, ...]


class OutgoingDrafts:
    def __init__(self, cache: LocalCache, clock: Clock) -> None:
        self.cache = cache
        self.clock = clock

    def directory(self) -> Directory:
        with self.cache.sessions() as session:
            rows = session.execute(select(Agency.code, Agency.name).order_by(Agency.name)).all()
        return Directory(tuple(DraftRecipient(code, name) for code, name in rows))

    def create(self, draft: Draft, files: tuple[Path, ...] = ()) -> int:
        """Write the draft at once; its row id. DomainError (nothing written) if a field is not right."""
        checked = check_draft(draft)
        return copy_all_in(self.cache.profile.attachments_dir, files,
                           lambda copies: self._write(checked, files, copies))  # fmt: skip

    def _write(self, draft: Draft, files: tuple[Path, ...], copies: list[Copy]) -> int:
        now = self.clock.now().astimezone(VN_TZ)
        key = str(uuid.uuid4())
        with self.cache.sessions.begin() as session:
            account = _drafting_account(session)
            unit_name = session.scalar(select(Agency.name).where(Agency.code == account.unit_code))
            document = Document(
                source_id=account.source_id, remote_id=None, version=0, direction="outgoing",
                state=OutgoingState.DRAFT.value, issuing_agency_code=account.unit_code,
                issuing_agency_name=unit_name or account.unit_code, draft_key=key, sync_state=SyncState.PENDING,
                trail=[{"at": now.isoformat(), "by": account.display_name, "action": "draft", "state": "draft"}],
                updated_at=now, **draft_columns(draft),
            )  # fmt: skip
            session.add(document)
            session.flush()
            session.add_all(attachment_rows(account, "document", document.id, files, copies))
            entry = OutboxEntry(
                mutation_id=str(uuid.uuid4()), account_id=account.id, item_kind="document", item_id=document.id,
                action="draft", base_version=0, payload={**draft_payload(draft), "draft_key": key},
                created_at=now, status=OutboxStatus.PENDING,
            )  # fmt: skip
            session.add(entry)
            detail = {"mutation_id": entry.mutation_id, "digest": entry.digest(document)}  # see action_digest
            session.add(AuditLog(at=now, actor=str(account.id), action="draft", item_kind="document",
                                 item_id=document.id, detail=detail))  # fmt: skip
            session.flush()
            return document.id

    def attach(self, document_id: int, files: tuple[Path, ...]) -> None:
        """Add files to a draft made at this desk (they go to the service as the draft's own files did).
        DomainError when the document is no longer a draft here."""
        if not files:
            return
        copy_all_in(self.cache.profile.attachments_dir, files,
                    lambda copies: self._attach(document_id, files, copies))  # fmt: skip

    def _attach(self, document_id: int, files: tuple[Path, ...], copies: list[Copy]) -> None:
        with self.cache.sessions.begin() as session:
            document = session.get(Document, document_id)
            made_here = session.scalar(select(OutboxEntry.account_id).where(
                OutboxEntry.item_kind == "document", OutboxEntry.item_id == document_id,
                OutboxEntry.action == "draft"))  # fmt: skip
            if document is None or document.state != OutgoingState.DRAFT.value or made_here is None:
                raise DomainError("draft.not_a_draft", tr_noop("Files can be added only to a draft written here."))
            account = session.get_one(Account, made_here)
            session.add_all(attachment_rows(account, "document", document_id, files, copies))


def _drafting_account(session: Session) -> Account:
    account = unified_account(session)
    if account is None:
        raise DomainError(
            "draft.no_account",
            tr_noop("Sign in to the city's new system once: documents are drafted and numbered there."),
        )
    return account
