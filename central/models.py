"""The central service's tables. Items belong to a unit; a unit's accounts see only its items.

Every change to an item appends to ``change_log`` under the lock of the single ``change_counter``
row, so sequence numbers are handed out in commit order and a pull cursor never skips a row.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Float, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kernel.sql_types import UtcDateTime

# Row ids are PostgreSQL integers: a larger number from a client names no row (and must not reach SQL).
MAX_ROW_ID = 2**31 - 1


def is_row_id(number: int) -> bool:
    """Whether ``number`` can name a row at all."""
    return 1 <= number <= MAX_ROW_ID


def row_id(text: str) -> int | None:
    """The row id a client's text names, or None when it can name no row."""
    number = int(text) if text.isascii() and text.isdigit() else 0
    return number if is_row_id(number) else None


class CentralBase(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime,
        dict[str, Any]: JSON,
        list[str]: JSON,
        list[dict[str, Any]]: JSON,
    }


class Unit(CentralBase):
    __tablename__ = "unit"

    code: Mapped[str] = mapped_column(String(35), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))


class Account(CentralBase):
    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(200), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    unit_code: Mapped[str] = mapped_column(ForeignKey("unit.code"))
    # official | leader (approves; sees reporters' contacts) | axis | operator (the 1022 centre routes reports)
    role: Mapped[str] = mapped_column(String(20), default="official")
    password_hash: Mapped[str] = mapped_column(String(300))
    parallel_until: Mapped[date | None]  # an old account's last day, sent to the client
    disabled_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class Token(CentralBase):
    """Only a hash of each token is kept, so a copy of the database grants no access."""

    __tablename__ = "token"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    kind: Mapped[str] = mapped_column(String(10))  # access | refresh
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    rotated_at: Mapped[datetime | None]  # a refresh token replaced by a newer one
    # the sign-in this token descends from (central.auth): a reused refresh token revokes them all
    family: Mapped[str | None] = mapped_column(String(32), index=True)
    # the refresh token whose rotation issued this one (None: a sign-in); found within its family, so no index
    issued_by: Mapped[int | None]
    # a spent refresh token keeps a hash of the renewal key its rotation came with: the same key again soon
    # is the client retrying a renewal whose answer it lost, not a second holder (central.auth)
    renewal_key_hash: Mapped[str | None] = mapped_column(String(64))


class Agency(CentralBase):
    __tablename__ = "agency"

    code: Mapped[str] = mapped_column(String(35), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    successor_code: Mapped[str | None] = mapped_column(String(35))
    successor_from: Mapped[date | None]
    valid_to: Mapped[date | None]
    version: Mapped[int] = mapped_column(default=1)


class Document(CentralBase):
    __tablename__ = "document"
    __table_args__ = (
        Index("ix_central_document_unit", "unit_code"),
        # one incoming copy of an edXML document per unit, even when the axis delivers it twice at once
        UniqueConstraint("unit_code", "direction", "edxml_document_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("unit.code"))
    direction: Mapped[str] = mapped_column(String(10))
    number: Mapped[str | None] = mapped_column(String(30))
    notation: Mapped[str | None] = mapped_column(String(100))
    doc_type: Mapped[str] = mapped_column(String(10), default="")
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
    edxml_document_id: Mapped[str | None] = mapped_column(String(200), index=True)
    # edXML ids of the documents this one replaces, and of the one that replaced it (links both ways)
    replaces: Mapped[list[str]] = mapped_column(default=list)
    replaced_by: Mapped[str | None] = mapped_column(String(200))
    recall_from_state: Mapped[str | None] = mapped_column(String(30))  # where a refused recall returns to
    # An outgoing document's recipients on the axis: organ_id, name, status (edXML code or "pending"), at, note
    deliveries: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime]


class Dossier(CentralBase):
    __tablename__ = "dossier"
    __table_args__ = (Index("ix_central_dossier_unit", "unit_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("unit.code"))
    code: Mapped[str] = mapped_column(String(60), unique=True)
    procedure_code: Mapped[str] = mapped_column(String(40))
    procedure_name: Mapped[str] = mapped_column(String(300))
    applicant_name: Mapped[str] = mapped_column(String(200))
    applicant_id_number: Mapped[str | None] = mapped_column(String(20))
    applicant_address: Mapped[str | None] = mapped_column(String(300))
    applicant_phone: Mapped[str | None] = mapped_column(String(30))
    applicant_email: Mapped[str | None] = mapped_column(String(200))
    applicant_born_on: Mapped[date | None]
    applicant_kind: Mapped[str] = mapped_column(String(20), default="person")  # person | organisation
    received_components: Mapped[list[dict[str, Any]]] = mapped_column(default=list)  # name, originals, copies
    channel: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[datetime]
    statutory_amount: Mapped[int]
    statutory_unit: Mapped[str] = mapped_column(String(10))
    cutoff: Mapped[str | None] = mapped_column(String(5))
    due_at: Mapped[datetime]
    extended_due_at: Mapped[datetime | None]  # the new appointment of an apology (Mẫu 04); due_at stays
    finished_at: Mapped[datetime | None]
    state: Mapped[int]
    history: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime]

    def promised_at(self) -> datetime:
        """The return time last promised: the new appointment of an apology, else the statutory due time."""
        return self.extended_due_at or self.due_at


class Feedback(CentralBase):
    """A citizens' report the 1022 operator routed to a unit (app.domain.workflow.FEEDBACK). The reporter's
    contact reaches only the accounts allowed to see it (central.feedback_privacy)."""

    __tablename__ = "feedback"
    __table_args__ = (Index("ix_central_feedback_unit", "unit_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("unit.code"))
    code: Mapped[str] = mapped_column(String(40), unique=True)  # 1022's own code: a retried routing finds it
    channel: Mapped[str] = mapped_column(String(10))  # hotline | web | app
    category: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(500))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    content: Mapped[str] = mapped_column(String(4000))
    anonymous: Mapped[bool] = mapped_column(default=False)
    reporter_name: Mapped[str | None] = mapped_column(String(200))
    reporter_phone: Mapped[str | None] = mapped_column(String(30))
    reporter_email: Mapped[str | None] = mapped_column(String(200))
    received_at: Mapped[datetime]  # by 1022
    routed_at: Mapped[datetime]  # to this unit: the answer time counts from here
    due_at: Mapped[datetime]
    answer_days: Mapped[int]  # the rule the due time was counted with (app.domain.feedback_deadline)
    answer_day_kind: Mapped[str] = mapped_column(String(10))
    committed_on: Mapped[date | None]  # the answer date a progress note committed to
    assignee: Mapped[str | None] = mapped_column(String(200))
    answer: Mapped[str | None] = mapped_column(String(4000))
    publish: Mapped[bool | None]
    suggested_unit_code: Mapped[str | None] = mapped_column(String(35))  # sent back: the competent unit
    sent_back_reason: Mapped[str | None] = mapped_column(String(1000))
    finished_at: Mapped[datetime | None]  # answered or sent back
    state: Mapped[str] = mapped_column(String(20))
    history: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime]


class Procedure(CentralBase):
    """The catalogue's procedures (app.domain.procedures has their rules); every account sees them."""

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


class CodeBlock(CentralBase):
    """Daily dossier numbers ``first_seq``–``last_seq`` of one unit, granted to one desk for the days
    ``valid_from``–``valid_to`` (see app.domain.code_blocks)."""

    __tablename__ = "code_block"
    __table_args__ = (Index("ix_code_block_unit", "unit_code", "valid_to"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("unit.code"))
    desk_id: Mapped[str] = mapped_column(String(36))
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    valid_from: Mapped[date]
    valid_to: Mapped[date]
    first_seq: Mapped[int]
    last_seq: Mapped[int]
    granted_at: Mapped[datetime]


class Comment(CentralBase):
    __tablename__ = "comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("unit.code"))
    item_kind: Mapped[str] = mapped_column(String(10))
    item_id: Mapped[int]
    author: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(default=1)


class Attachment(CentralBase):
    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("unit.code"))
    item_kind: Mapped[str] = mapped_column(String(10))
    item_id: Mapped[int]
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    # The SHA-256 of the item's file this one replaces: a signed copy of a draft's PDF. The replaced
    # file stays (history), but is no longer sent on the axis nor shown as the document's file.
    supersedes: Mapped[str | None] = mapped_column(String(64))


class Upload(CentralBase):
    """A file a desk sends in pieces (central.file_uploads): it becomes an attachment once every byte
    has arrived and matches the SHA-256 the desk announced. ``key`` is the desk's, so a retry finds it."""

    __tablename__ = "upload"
    __table_args__ = (UniqueConstraint("unit_code", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("unit.code"))
    key: Mapped[str] = mapped_column(String(36))
    item_kind: Mapped[str] = mapped_column(String(10))
    item_id: Mapped[int]
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    supersedes: Mapped[str | None] = mapped_column(String(64))  # becomes the attachment's
    received: Mapped[int] = mapped_column(default=0)
    attachment_id: Mapped[int | None]
    created_at: Mapped[datetime]


class UploadPiece(CentralBase):
    """Bytes of an unfinished upload, one row per request: appending never rewrites what arrived."""

    __tablename__ = "upload_piece"

    upload_id: Mapped[int] = mapped_column(ForeignKey("upload.id"), primary_key=True)
    offset: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ChangeCounter(CentralBase):
    """One row. ``epoch`` changes when the log is rebuilt; seqs up to ``horizon`` are compacted away."""

    __tablename__ = "change_counter"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(default=0)
    epoch: Mapped[int] = mapped_column(default=1)
    horizon: Mapped[int] = mapped_column(default=0)


class ChangeLog(CentralBase):
    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_unit_seq", "unit_code", "seq"),)

    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    unit_code: Mapped[str | None] = mapped_column(String(35))  # None: everyone sees it (directory)
    kind: Mapped[str] = mapped_column(String(10))
    item_id: Mapped[str] = mapped_column(String(40))
    op: Mapped[str] = mapped_column(String(10), default="upsert")  # upsert | tombstone


class MutationRecord(CentralBase):
    """The outcome of each client mutation, written in the same transaction as its effect."""

    __tablename__ = "mutation_record"

    mutation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    outcome: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime]


class RegisterCounter(CentralBase):
    """The last number of a unit's register (arrivals, outgoing) in a year: numbers restart on
    1 January (Decree 30/2020). Taken under this row's lock, so two desks never get one number."""

    __tablename__ = "register_counter"
    __table_args__ = (UniqueConstraint("unit_code", "register", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(35))
    register: Mapped[str] = mapped_column(String(20))
    year: Mapped[int]
    value: Mapped[int] = mapped_column(default=0)


class EdxmlReceipt(CentralBase):
    """A packet a unit has acted on, by its digest: the same packet delivered again changes nothing."""

    __tablename__ = "edxml_receipt"
    __table_args__ = (UniqueConstraint("unit_code", "digest"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(35))
    digest: Mapped[str] = mapped_column(String(64))
    document_id: Mapped[int | None]
    received_at: Mapped[datetime]


class PendingPacket(CentralBase):
    """A revocation or replacement that reached a unit before the document it names: it waits here
    and applies when that document arrives, rather than creating a live document."""

    __tablename__ = "pending_packet"
    __table_args__ = (Index("ix_pending_packet_target", "unit_code", "edxml_document_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(35))
    edxml_document_id: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10))  # revoke | replace
    by_document_id: Mapped[str | None] = mapped_column(String(200))  # the replacing document
    sender_name: Mapped[str] = mapped_column(String(300))
    sender_code: Mapped[str | None] = mapped_column(String(35))  # applies only to a document this agency issued
    reason: Mapped[str] = mapped_column(String(1000), default="")
    received_at: Mapped[datetime]


class AxisPacket(CentralBase):
    """A packet a unit sends on the axis. One for a unit hosted here is delivered within the same
    transaction and deleted; one for another agency stays for the national axis to collect."""

    __tablename__ = "axis_packet"

    id: Mapped[int] = mapped_column(primary_key=True)
    from_unit: Mapped[str] = mapped_column(String(35))
    to_organ_id: Mapped[str] = mapped_column(String(35))
    kind: Mapped[str] = mapped_column(String(10))  # document | status
    data: Mapped[bytes] = mapped_column(LargeBinary)
    local: Mapped[bool] = mapped_column(default=False, index=True)  # for a unit hosted here: delivered at once
    refusal: Mapped[str | None] = mapped_column(String(500))  # why the unit here refused it (kept, not lost)
    created_at: Mapped[datetime]


class SignInFailure(CentralBase):
    """Failed sign-ins counted per login (``login:…``) and per client address (``address:…``), in the
    database so that every worker process of the service counts the same tries (central.sign_in_throttle)."""

    __tablename__ = "sign_in_failure"

    key: Mapped[str] = mapped_column(String(250), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime] = mapped_column(index=True)
    blocked_until: Mapped[datetime | None]


class KnownSignIn(CentralBase):
    """An address a login last signed in from successfully: tries at that login from elsewhere do not
    block it there, so nobody can lock an official out of their own office by guessing."""

    __tablename__ = "known_sign_in"

    login: Mapped[str] = mapped_column(String(200), primary_key=True)
    address: Mapped[str] = mapped_column(String(45), primary_key=True)
    last_success_at: Mapped[datetime] = mapped_column(index=True)
