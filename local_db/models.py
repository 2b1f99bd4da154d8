"""The local cache: SQLAlchemy 2.0 typed models.

A remote item's identity is (source, remote id); ``id`` is only the local row number. Items that
the user creates offline have no remote id until the server accepts them. Each item keeps the
server's ``version`` so a pull can be applied at any moment; ``sync_state`` says whether local
actions are still waiting for the server. Secrets never live here (see app.credentials).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Float, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.domain.statuses import AccountStatus, OutboxStatus, SyncState
from kernel.json_codec import json_text
from kernel.sql_types import UtcDateTime

UNSYNCED = "sync_state != 'synced'"  # the condition of the partial indexes of unsettled items


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime,
        dict[str, Any]: JSON,
        list[Any]: JSON,
        list[str]: JSON,
        list[dict[str, Any]]: JSON,
    }


class Source(Base):
    """A central system: the city's unified system or a former province's system."""

    __tablename__ = "source"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))  # "unified" or "legacy"
    base_url: Mapped[str | None] = mapped_column(String(500))
    retired_on: Mapped[date | None]


class Account(Base):
    """Non-secret account metadata; the password or refresh token lives in the OS keyring."""

    __tablename__ = "account"
    __table_args__ = (UniqueConstraint("source_id", "login"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"))
    login: Mapped[str] = mapped_column(String(200))
    display_name: Mapped[str] = mapped_column(String(200))
    unit_code: Mapped[str] = mapped_column(String(35))
    role: Mapped[str] = mapped_column(String(10))  # "new" or "old"
    # the account's role on its service ("official", "leader" …), as its last sign-in or token renewal
    # said; None: not known yet (app.domain.feedback_approval)
    service_role: Mapped[str | None] = mapped_column(String(20))
    parallel_until: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default=AccountStatus.ACTIVE)
    created_at: Mapped[datetime]


class Agency(Base):
    """The directory of agencies by identification code, with successors after mergers."""

    __tablename__ = "agency"

    code: Mapped[str] = mapped_column(String(35), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    level: Mapped[int | None]
    parent_code: Mapped[str | None] = mapped_column(String(35))
    successor_code: Mapped[str | None] = mapped_column(String(35))
    successor_from: Mapped[date | None]
    valid_from: Mapped[date | None]
    valid_to: Mapped[date | None]


class Document(Base):
    """An incoming or outgoing official document with the fields of Decree 30/2020."""

    __tablename__ = "document"
    __table_args__ = (
        UniqueConstraint("source_id", "remote_id"),
        Index("ix_document_direction_state", "direction", "state"),
        Index("ix_document_due_on", "due_on"),
        Index("ix_document_arrival_date", "arrival_date"),
        # the lists' orders: incoming by arrival, outgoing by issue date, newest first
        Index("ix_document_direction_arrival", "direction", "arrival_date", "id"),
        Index("ix_document_direction_issued", "direction", "issued_on", "id"),
        # the few items whose actions wait for the server or were refused (views "waiting", "attention")
        Index("ix_document_unsynced", "sync_state", sqlite_where=text(UNSYNCED)),
        # Migration 0007 also makes ix_document_any_order on (coalesce(arrival_date, issued_on), id),
        # the order of the lists of both directions; SQLAlchemy cannot reflect such an index, so it is
        # not declared here (tests/integration/test_migrations.py checks the query plans use it).
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"))
    remote_id: Mapped[str | None] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(default=0)
    direction: Mapped[str] = mapped_column(String(10))  # "incoming" or "outgoing"
    number: Mapped[str | None] = mapped_column(String(30))
    notation: Mapped[str | None] = mapped_column(String(100))
    doc_type: Mapped[str] = mapped_column(String(10))  # abbreviation, "" for Công văn
    issuing_agency_code: Mapped[str | None] = mapped_column(String(35))
    issuing_agency_name: Mapped[str] = mapped_column(String(300))
    issued_on: Mapped[date | None]
    subject: Mapped[str] = mapped_column(String(500))
    urgency: Mapped[str] = mapped_column(String(20), default="normal")
    confidentiality: Mapped[str] = mapped_column(String(20), default="normal")
    signer_name: Mapped[str | None] = mapped_column(String(200))
    signer_position: Mapped[str | None] = mapped_column(String(200))
    arrival_date: Mapped[date | None]
    arrival_number: Mapped[int | None]
    recipients: Mapped[list[str]] = mapped_column(default=list)
    assignee: Mapped[str | None] = mapped_column(String(200))
    due_on: Mapped[date | None]
    due_time: Mapped[str | None] = mapped_column(String(5))  # "HH:MM": hỏa tốc with a set time (edXML priority 4)
    content: Mapped[str | None] = mapped_column(String(2000))  # the summary beside the subject (edXML Content)
    draft_key: Mapped[str | None] = mapped_column(
        String(36)
    )  # the desk that drafted it names it, so a lost answer never doubles it
    state: Mapped[str] = mapped_column(String(30))
    trail: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    # On the document axis (edXML): its id there, the documents it replaces and the one replacing it,
    # where a refused recall returns to, and an outgoing document's recipients with their last status.
    edxml_document_id: Mapped[str | None] = mapped_column(String(200))
    replaces: Mapped[list[str]] = mapped_column(default=list)
    replaced_by: Mapped[str | None] = mapped_column(String(200))
    recall_from_state: Mapped[str | None] = mapped_column(String(30))
    deliveries: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    signature_verdict: Mapped[str | None] = mapped_column(String(30))  # its files' worst (app.signature_checks)
    sync_state: Mapped[str] = mapped_column(String(20), default=SyncState.SYNCED)
    updated_at: Mapped[datetime]
    # The unified queue: copies of one document from the old and the new system share a merge key;
    # all but the shown row point at it.
    merge_key: Mapped[str | None] = mapped_column(String(200), index=True)
    duplicate_of: Mapped[int | None] = mapped_column(index=True)


class Dossier(Base):
    """An administrative-procedure dossier received through the one-stop mechanism."""

    __tablename__ = "dossier"
    __table_args__ = (
        UniqueConstraint("source_id", "remote_id"),
        UniqueConstraint("source_id", "code"),
        Index("ix_dossier_state", "state"),
        Index("ix_dossier_due_at", "due_at"),
        Index("ix_dossier_received_at", "received_at", "id"),  # the list's order, newest first
        Index("ix_dossier_unsynced", "sync_state", sqlite_where=text(UNSYNCED)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"))
    remote_id: Mapped[str | None] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(default=0)
    code: Mapped[str] = mapped_column(String(60))
    procedure_code: Mapped[str] = mapped_column(String(40))
    procedure_name: Mapped[str] = mapped_column(String(300))
    unit_code: Mapped[str] = mapped_column(String(35))
    applicant_name: Mapped[str] = mapped_column(String(200))
    applicant_id_number: Mapped[str | None] = mapped_column(String(20))
    applicant_address: Mapped[str | None] = mapped_column(String(300))
    applicant_phone: Mapped[str | None] = mapped_column(String(30))
    applicant_email: Mapped[str | None] = mapped_column(String(200))
    applicant_born_on: Mapped[date | None]
    applicant_kind: Mapped[str] = mapped_column(String(20), default="person")  # "person" or "organisation"
    received_components: Mapped[list[dict[str, Any]]] = mapped_column(default=list)  # name, originals, copies
    channel: Mapped[str] = mapped_column(String(20))  # "online", "in_person" or "post"
    received_at: Mapped[datetime]
    statutory_amount: Mapped[int]
    statutory_unit: Mapped[str] = mapped_column(String(10))  # "days" or "hours"
    cutoff: Mapped[str | None] = mapped_column(String(5))  # "15:00" when late receipts count next day
    due_at: Mapped[datetime]
    extended_due_at: Mapped[datetime | None]  # the new appointment of an apology (Mẫu 04); due_at stays
    finished_at: Mapped[datetime | None]
    state: Mapped[int]
    history: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    sync_state: Mapped[str] = mapped_column(String(20), default=SyncState.SYNCED)
    updated_at: Mapped[datetime]

    def promised_at(self) -> datetime:
        """The return time last promised: the new appointment of an apology, else the statutory due time."""
        return self.extended_due_at or self.due_at


class Feedback(Base):
    """A citizens' report the 1022 system routed to the unit (the service's ``feedback`` kind). The
    reporter's contact is here only while the service shows it to this account (``contact_hidden``)."""

    __tablename__ = "feedback"
    __table_args__ = (
        UniqueConstraint("source_id", "remote_id"),
        Index("ix_feedback_state", "state"),
        Index("ix_feedback_due_at", "due_at"),
        Index("ix_feedback_routed_at", "routed_at", "id"),  # the list's order, newest first
        Index("ix_feedback_unsynced", "sync_state", sqlite_where=text(UNSYNCED)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"))
    remote_id: Mapped[str | None] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(default=0)
    unit_code: Mapped[str] = mapped_column(String(35))
    code: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(10))  # "hotline", "web" or "app"
    category: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(500))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    content: Mapped[str] = mapped_column(String(4000))
    anonymous: Mapped[bool] = mapped_column(default=False)
    reporter_name: Mapped[str | None] = mapped_column(String(200))
    reporter_phone: Mapped[str | None] = mapped_column(String(30))
    reporter_email: Mapped[str | None] = mapped_column(String(200))
    contact_hidden: Mapped[bool] = mapped_column(default=False)
    received_at: Mapped[datetime]
    routed_at: Mapped[datetime]
    due_at: Mapped[datetime]
    answer_days: Mapped[int]
    answer_day_kind: Mapped[str] = mapped_column(String(10))  # "working" or "calendar"
    committed_on: Mapped[date | None]
    assignee: Mapped[str | None] = mapped_column(String(200))
    answer: Mapped[str | None] = mapped_column(String(4000))
    publish: Mapped[bool | None]
    suggested_unit_code: Mapped[str | None] = mapped_column(String(35))
    sent_back_reason: Mapped[str | None] = mapped_column(String(1000))
    finished_at: Mapped[datetime | None]
    state: Mapped[str] = mapped_column(String(20))
    history: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    sync_state: Mapped[str] = mapped_column(String(20), default=SyncState.SYNCED)
    updated_at: Mapped[datetime]


class Procedure(Base):
    """The unit's procedure catalogue, as the central service sends it (rules: app.domain.procedures)."""

    __tablename__ = "procedure"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    field: Mapped[str] = mapped_column(String(100))
    statutory_amount: Mapped[int]
    statutory_unit: Mapped[str] = mapped_column(String(10))
    fee: Mapped[int] = mapped_column(default=0)
    has_cutoff: Mapped[bool] = mapped_column(default=False)
    cutoff: Mapped[str | None] = mapped_column(String(5))
    supplement_clock: Mapped[str] = mapped_column(String(10), default="restart")
    components: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    version: Mapped[int] = mapped_column(default=1)


class CodeBlock(Base):
    """Dossier numbers the central service granted this desk (see app.domain.code_blocks)."""

    __tablename__ = "code_block"
    __table_args__ = (UniqueConstraint("source_id", "remote_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"))
    remote_id: Mapped[str] = mapped_column(String(100))
    unit_code: Mapped[str] = mapped_column(String(35))
    valid_from: Mapped[date]
    valid_to: Mapped[date]
    first_seq: Mapped[int]
    last_seq: Mapped[int]


class Official(Base):
    """An official of an account's unit (the service's GET /v1/officials), for the assignment picker."""

    __tablename__ = "official"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"))
    name: Mapped[str] = mapped_column(String(200))


class DeskIdentity(Base):
    """One row: the id this installation's cache gives itself, so the service grants numbers per desk."""

    __tablename__ = "desk_identity"

    id: Mapped[int] = mapped_column(primary_key=True)
    desk_id: Mapped[str] = mapped_column(String(36))


class Comment(Base):
    __tablename__ = "comment"
    __table_args__ = (UniqueConstraint("source_id", "remote_id"), Index("ix_comment_item", "item_kind", "item_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"))
    remote_id: Mapped[str | None] = mapped_column(String(100))
    item_kind: Mapped[str] = mapped_column(String(10))  # "document" or "dossier"
    item_id: Mapped[int]
    author: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    sync_state: Mapped[str] = mapped_column(String(20), default=SyncState.SYNCED)


class Attachment(Base):
    __tablename__ = "attachment"
    __table_args__ = (UniqueConstraint("source_id", "remote_id"), Index("ix_attachment_item", "item_kind", "item_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"))
    remote_id: Mapped[str | None] = mapped_column(String(100))
    item_kind: Mapped[str] = mapped_column(String(10))
    item_id: Mapped[int]
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    local_path: Mapped[str | None] = mapped_column(String(500))  # relative to the profile
    downloaded_bytes: Mapped[int] = mapped_column(default=0)
    upload_key: Mapped[str | None] = mapped_column(String(36))  # a file taken in here, until the service has it
    # app.signature_checks: what the signatures of these bytes were found to be, against which anchors
    signature_check: Mapped[str | None] = mapped_column(Text)
    supersedes: Mapped[str | None] = mapped_column(String(64))  # a signed copy: the SHA-256 of the file it replaces


class Meeting(Base):
    """A meeting an invitation (Giấy mời) brought, kept on this desk only: the official's calendar.

    The letters' facts (time, place, chair, link) come from the documents (app.meetings reads them at each
    pull); the official's own confirmation, attendees and note are theirs and never sync. ``uid`` and
    ``sequence`` are the calendar event's (iCalendar): a letter that changes the meeting raises the sequence,
    so a calendar that imported it updates the same event.
    """

    __tablename__ = "meeting"
    __table_args__ = (Index("ix_meeting_starts_at", "starts_at"), Index("ix_meeting_source_document", "source_id",
                                                                         "document_remote_id"))  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"))
    document_remote_id: Mapped[str] = mapped_column(String(100))  # the invitation that brought it
    uid: Mapped[str] = mapped_column(String(200), unique=True)
    sequence: Mapped[int] = mapped_column(default=0)
    number: Mapped[str | None] = mapped_column(String(30))  # the invitation's, as letters name it
    notation: Mapped[str | None] = mapped_column(String(100))
    organiser: Mapped[str] = mapped_column(String(300))  # the issuing agency's name
    organiser_code: Mapped[str | None] = mapped_column(String(35))
    title: Mapped[str] = mapped_column(String(500))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime | None]
    place: Mapped[str] = mapped_column(String(300), default="")
    chair: Mapped[str] = mapped_column(String(300), default="")
    link: Mapped[str] = mapped_column(String(1000), default="")
    room: Mapped[str] = mapped_column(String(300), default="")
    online: Mapped[bool] = mapped_column(default=False)
    cancelled: Mapped[bool] = mapped_column(default=False)
    letter_facts: Mapped[dict[str, Any]] = mapped_column(default=dict)  # the facts as the letters last gave them
    letters: Mapped[list[dict[str, Any]]] = mapped_column(default=list)  # {"id", "edxml", "digest", "label"}
    changed_by: Mapped[str | None] = mapped_column(String(150))  # the last letter that changed it ("15/TB-UBND")
    # the official's own
    confirmed: Mapped[bool] = mapped_column(default=False)
    attendees: Mapped[list[str]] = mapped_column(default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    reminded_for: Mapped[datetime | None]  # the start time a reminder was shown for (a new time reminds again)
    updated_at: Mapped[datetime]


class OutboxEntry(Base):
    """A user action waiting for the server; ``id`` gives the order actions are pushed in."""

    __tablename__ = "outbox_entry"
    __table_args__ = (Index("ix_outbox_account_status", "account_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mutation_id: Mapped[str] = mapped_column(String(36), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    item_kind: Mapped[str] = mapped_column(String(10))
    item_id: Mapped[int]
    action: Mapped[str] = mapped_column(String(40))
    base_version: Mapped[int]
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(20), default=OutboxStatus.PENDING)  # an OutboxStatus
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    reject_code: Mapped[str | None] = mapped_column(String(60))
    reject_reason: Mapped[str | None] = mapped_column(Text)  # the server's English template (its ``message``)
    reject_params: Mapped[dict[str, Any] | None]  # the values that fill it (none on rows kept before 0015)
    sent_at: Mapped[datetime | None]  # when a push took it: from then on it cannot be undone here
    before: Mapped[dict[str, Any] | None]  # the item's fields the action changes, as they were (app.action_undo)

    def digest(self, item: Document | Dossier | Feedback) -> str:
        """What the action says and the item it acts on, fingerprinted as stored (kept in its audit record)."""
        return action_digest(self.mutation_id, self.account_id, self.item_kind, self.item_id, item.source_id,
                             item.remote_id, self.action, self.base_version, json_text(self.payload))  # fmt: skip


def action_digest(
    mutation_id: str, account_id: int, item_kind: str, item_id: int, source_id: int, remote_id: str | None,
    action: str, base_version: int, payload: str,
) -> str:  # fmt: skip
    """A fingerprint of what an action sends and of the item it is sent for (``payload`` as stored: its JSON
    text), kept in the action's audit record, on other pages of the file: rescued from a damaged file, an
    action is sent only when the two still agree (local_db.cache_rescue), so a byte changed in either is
    never sent as the user's action, nor to another item. An item made here has no remote id yet."""
    import hashlib  # when an action is recorded or rescued: not on the way to the first rows

    fields = (mutation_id, account_id, item_kind, item_id, source_id, remote_id, action, base_version, payload)
    return hashlib.sha256("\x1f".join(map(str, fields)).encode()).hexdigest()[:32]


class SyncCheckpoint(Base):
    """Where the last pull for an account stopped; written in the same transaction as its batch."""

    __tablename__ = "sync_checkpoint"

    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), primary_key=True)
    cursor: Mapped[str | None] = mapped_column(String(500))
    last_pull_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]


class AuditLog(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(60))
    item_kind: Mapped[str | None] = mapped_column(String(10))
    item_id: Mapped[int | None]
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class SearchIndexing(Base):
    """Present only inside a write transaction whose writer indexes its new rows for search itself
    (see local_db.search.indexed_together); the search triggers skip while a row is here."""

    __tablename__ = "search_indexing"

    id: Mapped[int] = mapped_column(primary_key=True)


class SetAsideIndex(Base):
    """A list index a first download dropped, to be built again (see local_db.set_aside_indexes)."""

    __tablename__ = "set_aside_index"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    create_sql: Mapped[str] = mapped_column(Text)
