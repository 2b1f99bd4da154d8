"""The narrow API the window uses: read pages of items, search, act, and run the background services.

The window's task runner calls the reads, the network, keyring and account flows on its pool, and
the writes (``perform``, ``redo_refused``, ``discard_refused``) on its one writer thread. On the UI
thread the window only asks for a sync, saves settings, and looks up one row when the user opens an
attachment.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.action_undo import last_undoable
from app.domain.dossier_record import DossierRecord
from app.domain.dossier_standing import due_soon_until
from app.domain.errors import DomainError, tr_noop
from app.domain.feedback_approval import offered_to_role, refused_for_role
from app.domain.feedback_deadline import FeedbackRule, due_soon_limit
from app.domain.file_names import safe_file_name
from app.domain.incoming_register import RegisterLine
from app.domain.item_lists import (
    EVERY_DOCUMENT,
    EVERY_DOSSIER,
    EVERY_REPORT,
    DocumentFilter,
    DocumentRow,
    DossierFilter,
    DossierRow,
    FeedbackFilter,
    FeedbackRow,
)
from app.domain.statuses import NEEDS_USER, AccountStatus, OutboxStatus
from app.domain.workflow import DOSSIER, Action
from app.domain.working_calendar import VN_TZ, WorkingCalendar
from app.item_actions import ITEM_MODELS, Item, ItemActions, acting_account, workflow_of
from app.meetings import (
    MeetingView,
    OwnChanges,
    count_coming,
    mark_reminded,
    meeting_view,
    meetings_between,
    reminders_due,
    save_own,
)
from app.office_calendar import calendar_for
from app.profile import Profile
from app.settings import SetAside, Settings
from kernel.clock import Clock

if TYPE_CHECKING:  # the network, keyring and sync code loads when the services start, after the first rows
    import threading

    from app.accounts import AccountResult, SourceInfo
    from app.central_client import CentralClient
    from app.counter_intake import CounterIntake, IntakeForm, Registered
    from app.credentials import CredentialStore, SecretLocation
    from app.desk import Desk
    from app.document_signing import DocumentSigning, Signed
    from app.domain.outgoing_draft import Draft
    from app.domain.signature_verdict import SignatureCheck
    from app.edxml_import import PacketPreview
    from app.one_stop_forms import FormKind
    from app.outgoing_drafts import OutgoingDrafts
    from app.signature_checks import SignatureChecks
    from app.sync_engine import SyncReport
    from app.sync_scheduler import SyncScheduler
from local_db.database import take_write_lock
from local_db.models import (
    Account,
    Agency,
    Attachment,
    Comment,
    Document,
    Official,
    OutboxEntry,
    Source,
    SyncCheckpoint,
)
from local_db.queries import (
    count_documents,
    count_dossiers,
    count_feedback,
    document_page,
    dossier_page,
    dossiers_received,
    feedback_page,
    incoming_register,
    unified_account,
)
from local_db.search import search_items

log = logging.getLogger(__name__)

SEARCH_LIMIT = 500  # hits from each search index: documents and dossiers, 1022 reports


@dataclass(frozen=True)
class SearchResult:
    document_ids: list[int]
    dossier_ids: list[int]
    feedback_ids: list[int]  # 1022 reports


@dataclass(frozen=True)
class Refusal:
    """An action done here that the server refused (a colleague acted first, most often), waiting for
    the user: done again on the item as it is now, or given up."""

    entry_id: int
    action: str
    payload: dict[str, Any]  # its details as the user gave them (reason, assignee, …)
    done_at: datetime
    by: str  # the account that did it
    code: str | None  # the server's reason (app.domain.rejections)
    message: str | None  # …its English template
    params: dict[str, Any]  # …and the values that fill it (none on refusals kept before they were)
    can_redo: bool  # the item's state allows the action now, and an account here can send it


@dataclass(frozen=True)
class ItemDetail:
    kind: str
    id: int
    fields: dict[str, Any]
    trail: list[dict[str, Any]]
    comments: list[tuple[str, str, datetime]]  # author, text, when
    attachments: list[AttachmentLine]
    actions: list[Action]
    rejections: list[Refusal]  # this desk's actions the server refused, oldest first
    can_seal: bool = False  # an issued document the agency's token can sign now (đóng dấu số)
    can_sign: bool = False  # "sign" signs its PDF with the token (else it records the approval)
    undoable: Undoable | None = None  # its last action, waiting to be sent, that can still be taken back


class Undoable(NamedTuple):
    entry_id: int
    action: str  # the workflow action's name
    label: str  # its label, untranslated (the window translates it like the action buttons')


SIGNATURE_CHECK_SECONDS = 5.0  # a sync's report waits this long for new files' checks at most; the rest later


class AttachmentLine(NamedTuple):
    id: int
    name: str
    size: int
    here: bool  # on this computer: it opens offline
    unsent: bool  # taken in here, not yet sent to the service
    verdict: str | None  # its signatures' (app.domain.signature_verdict.Verdict), None: unchecked or unsigned
    checked: bool  # a check of these bytes is kept (verdict None then means: no signature)


@dataclass(frozen=True)
class AccountOverview:
    account_id: int
    display_name: str
    source_name: str
    role: str
    status: str
    pending: int
    reachable: bool | None
    last_success_at: datetime | None
    parallel_until: date | None
    problem: str | None = None  # the last sync's (SyncReport.problem)
    login: str = ""
    server: str = ""  # the address of its central system

    @property
    def needs_password(self) -> bool:
        """Signed out, or its session refused by the server: signing in again brings it back."""
        return self.status == AccountStatus.SIGNED_OUT or (
            self.status == AccountStatus.ACTIVE and self.problem == "sign_in"
        )


@dataclass(frozen=True)
class FirstSync:
    """What the first-run assistant's first sync brought: the sync's report, and what the lists now hold."""

    report: SyncReport
    documents: int
    dossiers: int


class Workbench:
    """Built by the composition root (``app.desk.Desk``), which owns every part it uses."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.cache = desk.cache
        self.clock = desk.clock
        self.scheduler: SyncScheduler | None = None
        self.actions = ItemActions(desk.cache, desk.clock, lambda: desk.settings)

    @classmethod
    def open(
        cls, profile: Profile, clock: Clock, credentials: CredentialStore | None = None, **options: Any
    ) -> Workbench:
        """The workbench of a desk built for ``profile`` (see ``Desk`` for the options)."""
        from app.desk import Desk

        return Desk(profile, clock, credentials, **options).workbench

    @property
    def settings(self) -> Settings:
        return self.desk.settings

    @property
    def settings_set_aside(self) -> SetAside | None:
        """What start-up did with a settings file it could not take as it was (None: nothing)."""
        return self.desk.settings_set_aside

    def save_settings(self, settings: Settings) -> None:
        """Keep the new settings; the sync timer takes its new interval at once."""
        self.desk.save_settings(settings)
        if self.scheduler is not None:
            self.scheduler.interval = settings.sync_interval_minutes * 60

    def remember(self, **changes: Any) -> None:
        """Keep what the windows remember between sessions (their size and layout, the last folder):
        written only when it changed; a failure to write is logged, never the end of what the official
        was doing (closing a window, opening a file)."""
        settings = self.settings
        if all(getattr(settings, name) == value for name, value in changes.items()):
            return
        try:
            self.save_settings(replace(settings, **changes))
        except OSError:
            log.warning("what the windows remember could not be kept", exc_info=True)

    def close(self) -> None:
        self.desk.close()

    # -- background services (call start_services from a worker thread) --------------------------

    def start_services(self, on_report: Callable[[SyncReport], None], interval: float | None = None) -> None:
        """Open the keyring and start the sync timer for the active accounts."""
        from app.sync_scheduler import SyncScheduler

        services = self.desk.services()
        seconds = interval if interval is not None else self.settings.sync_interval_minutes * 60

        def after_sync(report: SyncReport) -> None:
            self.follow_sync(report)
            on_report(report)

        self.scheduler = SyncScheduler(services.engine, self.active_account_ids(), seconds, on_report=after_sync)
        self.scheduler.start()

    def follow_sync(self, report: SyncReport) -> None:
        """What follows a sync that reached its service: the files, within the budget, then their
        signatures for a few seconds (the report waits for them; a failure is logged, never raised)."""
        if report.problem is not None:
            return
        self.desk.services().downloads.download_pending(report.account_id, self.settings.attachment_budget_bytes)
        try:
            self.signatures.check_waiting(online=True, seconds=SIGNATURE_CHECK_SECONDS)
        except Exception:
            log.exception("the signatures of new files could not be checked")

    def check_cache_file(self) -> str | None:
        """SQLite's quick check of the cache file and a check of its text (slow: call on a worker). When
        it finds damage, the damage is noted as any met in use: the file is marked, the next start moves it
        aside and rebuilds it, no action is sent from it meanwhile. Returns what was found."""
        from local_db.cache_health import quick_check

        problem = quick_check(self.cache.engine)
        if problem is not None:
            self.cache.damage.note(problem)
        return problem

    def central_client(self, base_url: str) -> CentralClient:
        return self.desk.central_client(base_url)

    def stop_services(self) -> None:
        if self.scheduler is not None:
            self.scheduler.stop()
            self.scheduler = None

    def secrets_kept_for_session_only(self) -> bool:
        """True when no secure keyring could take the accounts' secrets (they live in memory only)."""
        if not self.desk.services_built:  # services not started yet: and importing keyring costs ~100 ms
            return False
        from app.credentials import KeyringState

        return self.desk.credentials.last_state is not KeyringState.AVAILABLE

    # -- accounts (worker thread: they talk to the server and the keyring) -----------------------

    def add_account(self, source: SourceInfo, login: str, password: str) -> SecretLocation:
        """Test the login, save the account, and let the sync timer take it on."""
        result = self.desk.accounts.add_account(source, login, password)
        if self.scheduler is not None:
            self.scheduler.add_account(result.account_id)
        return result.secret

    def check_server(self, address: str) -> str:
        """The address as typed, checked (https, or http on this computer or a host Settings allow) and
        asked whether it answers as a central service; the address to use. Raises what the user must hear."""
        from app.central_client import CentralNotJson, CentralRejected
        from app.server_address import checked_server_address

        url = checked_server_address(address, self.settings.insecure_http_hosts)
        try:  # a web site or a proxy's page answers too, with HTML or a 404 where our health is
            healthy = self.central_client(url).health().get("status") == "ok"
        except (CentralNotJson, CentralRejected):
            healthy = False
        if not healthy:
            raise DomainError("not_a_server", tr_noop("{address} answers, but not as a Ward Desk server."), address=url)
        return url

    def add_account_first(self, source: SourceInfo, login: str, password: str) -> AccountResult:
        """As ``add_account``, but the sync timer takes the account on only after ``first_sync``:
        the first-run assistant shows that sync's progress itself."""
        return self.desk.accounts.add_account(source, login, password)

    def first_sync(self, account_id: int, progress: Callable[[SyncReport], None], cancel: threading.Event) -> FirstSync:
        """A new account's first sync, reporting as it goes; then the sync timer takes it on (also
        when this one failed or was stopped: it tries again by itself, and fetches the files)."""
        try:
            report = self.desk.engine.sync_account(account_id, cancel=cancel, progress=progress)
        finally:
            if self.scheduler is not None:
                self.scheduler.add_account(account_id)
        return FirstSync(report, self.count_documents(), self.count_dossiers())

    def sign_in_again(self, account_id: int, password: str) -> SecretLocation:
        """Bring a signed-out account back with its password: its items and waiting actions stay,
        and it syncs at once."""
        result = self.desk.accounts.sign_in_again(account_id, password)
        if self.scheduler is not None:
            self.scheduler.add_account(account_id)
            self.scheduler.sync_now(account_id)
        return result.secret

    def sign_out(self, account_id: int) -> None:
        self.desk.accounts.sign_out(account_id)
        if self.scheduler is not None:
            self.scheduler.remove_account(account_id)

    def remove_account(self, account_id: int) -> None:
        self.desk.accounts.remove(account_id)
        if self.scheduler is not None:
            self.scheduler.remove_account(account_id)

    def attachment_file(self, attachment_id: int) -> Path | None:
        """The downloaded file of an attachment, if it is on this computer (it opens offline)."""
        from app.attachment_downloads import local_attachment_file

        return local_attachment_file(self.cache, attachment_id)

    def unit_name(self) -> str:
        """The name of the unit the accounts work for (from the directory), for reports and slips."""
        with self.cache.sessions() as session:
            code = session.scalar(select(Account.unit_code).order_by(Account.id))
            name = session.scalar(select(Agency.name).where(Agency.code == code)) if code else None
        return name or code or ""

    def all_documents(self, chosen: DocumentFilter) -> list[DocumentRow]:
        return self.document_page(chosen, 0, max(1, self.count_documents(chosen)))

    def all_dossiers(self, chosen: DossierFilter) -> list[DossierRow]:
        return self.dossier_page(chosen, 0, max(1, self.count_dossiers(chosen)))

    def all_feedback(self, chosen: FeedbackFilter) -> list[FeedbackRow]:
        return self.feedback_page(chosen, 0, max(1, self.count_feedback(chosen)))

    def dossiers_received(self, first: date, last: date) -> list[DossierRecord]:
        """The dossiers received from ``first`` to ``last`` (both included, Vietnam's days), for the register."""
        start = datetime.combine(first, time(0), tzinfo=VN_TZ)
        end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=VN_TZ)
        with self.cache.sessions() as session:
            return dossiers_received(session, start, end)

    def incoming_register(self, first: date, last: date) -> list[RegisterLine]:
        """The incoming documents registered from ``first`` to ``last`` (both included), by arrival, with
        whom each went to: the lines of the incoming-document register."""
        with self.cache.sessions() as session:
            return incoming_register(session, first, last)

    def import_target(self) -> int | None:
        """The account that files an imported edXML document: the active account of the new system."""
        with self.cache.sessions() as session:
            account = unified_account(session)
            return account.id if account is not None else None

    def import_edxml(self, preview: PacketPreview) -> dict[str, Any]:
        """Send a checked packet to the new system (worker thread), then sync to show it."""
        account_id = self.import_target()
        if account_id is None:
            raise DomainError("edxml.no_account", tr_noop("Sign in to the new system to import documents."))
        with self.cache.sessions() as session:
            source = session.get_one(Source, session.get_one(Account, account_id).source_id)
            base_url = source.base_url or ""
        from app.edxml_import import import_packet

        result = import_packet(preview, self.desk.accounts, account_id, self.central_client(base_url))
        self.sync_now()
        return result

    @cached_property
    def intake(self) -> CounterIntake:
        """The counter (built when first used: the window's first rows do not wait for it)."""
        from app.counter_intake import CounterIntake

        return CounterIntake(self.cache, self.clock, lambda: self.desk.settings)

    def register_dossier(self, form: IntakeForm) -> Registered:
        """Take a dossier in at the counter (writer thread); the sync timer registers it at once if it can."""
        registered = self.intake.register(form)
        self.sync_now()
        return registered

    @cached_property
    def drafts(self) -> OutgoingDrafts:
        """Drafting outgoing documents (built when first used)."""
        from app.outgoing_drafts import OutgoingDrafts

        return OutgoingDrafts(self.cache, self.clock)

    def competent_units(self) -> tuple[tuple[str, str], ...]:
        """The agency directory's current units, (code, name) by name: where a 1022 report can be sent back to."""
        today = self.clock.now().astimezone(VN_TZ).date()
        with self.cache.sessions() as session:
            rows = session.execute(
                select(Agency.code, Agency.name)
                .where((Agency.valid_to.is_(None)) | (Agency.valid_to >= today))
                .order_by(Agency.name)
            ).all()
        return tuple((code, name) for code, name in rows)

    def officials(self) -> list[str]:
        """The officials of the unit (the city's system, last fetched while online), for assigning work."""
        with self.cache.sessions() as session:
            account = unified_account(session)
            if account is None:
                return []
            return list(
                session.scalars(
                    select(Official.name).where(Official.source_id == account.source_id).order_by(Official.name)
                )
            )

    def create_draft(self, draft: Draft, files: tuple[Path, ...] = ()) -> int:
        """Write a new outgoing draft (writer thread); the sync timer sends it at once if it can."""
        document_id = self.drafts.create(draft, files)
        self.sync_now()
        return document_id

    # -- digital signatures (call from a worker: pyHanko and the token are slow) ------------------

    @cached_property
    def signatures(self) -> SignatureChecks:
        """The PDF attachments' signature checks (built when first used: pyHanko loads only then)."""
        from app.signature_checks import SignatureChecks

        return SignatureChecks(self.cache, self.clock, lambda: self.desk.settings)

    def signature_check(self, attachment_id: int) -> SignatureCheck | None:
        """The kept check of an attachment, if it still speaks for its bytes and today's anchors."""
        return self.signatures.stored(attachment_id)

    def check_signatures(self, attachment_id: int) -> SignatureCheck | None:
        """Check an attachment's signatures now, online when the last sync reached a service."""
        return self.signatures.check(attachment_id, online=self.is_online())

    @cached_property
    def document_signing(self) -> DocumentSigning:
        from app.document_signing import DocumentSigning

        return DocumentSigning(self.cache, self.clock, lambda: self.desk.settings, self.actions, self.signatures)

    def can_sign(self, document_id: int) -> bool:
        """Whether "sign" signs the document's PDF with the token (else it records the approval)."""
        return self.document_signing.can_sign(document_id)

    def sign_document(self, document_id: int, pin: str) -> Signed:
        """Sign the document's PDF with the token and record "sign"; the PIN is used once, not kept."""
        return self.document_signing.sign(document_id, pin, online=self.is_online())

    def use_demo_signatures(self, anchors: str, timestamp_url: str) -> None:
        """A demo desk trusts its demo PKI (unless Settings name anchors of their own)."""
        settings = self.settings
        if settings.signature_anchors in ("", anchors):
            self.save_settings(replace(settings, signature_anchors=anchors, timestamp_url=timestamp_url))

    def seal_document(self, document_id: int, pin: str) -> list[Signed]:
        """The agency's signature on the issued document's files; the PIN is used once, not kept."""
        sealed = self.document_signing.seal(document_id, pin, online=self.is_online())
        self.sync_now()  # the sealed copies go to the service before the document is sent
        return sealed

    def check_envelope(self, preview: PacketPreview) -> PacketPreview:
        """The packet with its envelope's XML signature judged (slow: call on a worker)."""
        from app.domain.edxml_signature import check_envelope_signature

        finding = check_envelope_signature(
            preview.data, self.signatures.trust().anchors, now=self.clock.now(), online=self.is_online()
        )
        return replace(preview, envelope=finding)

    def is_online(self) -> bool:
        """Whether the last sync of some account reached its service."""
        return bool(self.scheduler) and any(schedule.reachable for schedule in self.scheduler.schedules())

    def sync_now(self) -> bool:
        """Ask the sync timer for a sync at once; False when none can start (the services are not
        running: started offline, still starting or failed; or no account to sync)."""
        if self.scheduler is None or not self.scheduler.schedules():
            return False
        self.scheduler.sync_now()
        return True

    def active_account_ids(self) -> list[int]:
        with self.cache.sessions() as session:
            return list(
                session.scalars(select(Account.id).where(Account.status == AccountStatus.ACTIVE).order_by(Account.id))
            )

    def account_statuses(self) -> list[AccountOverview]:
        schedules = {s.account_id: s for s in self.scheduler.schedules()} if self.scheduler else {}
        with self.cache.sessions() as session:
            rows = session.execute(
                select(Account, Source.name, Source.base_url, SyncCheckpoint.last_success_at)
                .join(Source, Source.id == Account.source_id)
                .outerjoin(SyncCheckpoint, SyncCheckpoint.account_id == Account.id)
                .order_by(Account.id)
            ).all()
            pending = dict(
                session.execute(
                    select(OutboxEntry.account_id, func.count())
                    .where(OutboxEntry.status == OutboxStatus.PENDING)
                    .group_by(OutboxEntry.account_id)
                ).all()
            )
        return [
            AccountOverview(
                account.id,
                account.display_name,
                source_name,
                account.role,
                account.status,
                pending.get(account.id, 0),
                schedules[account.id].reachable if account.id in schedules else None,
                last_success,
                account.parallel_until,
                _last_problem(schedules.get(account.id)),
                account.login,
                base_url or "",
            )
            for account, source_name, base_url, last_success in rows
        ]

    # -- items: details and actions ---------------------------------------------------------------

    def item_detail(self, kind: str, item_id: int) -> ItemDetail | None:
        with self.cache.sessions() as session:
            item = session.get(ITEM_MODELS[kind], item_id)
            if item is None:
                return None
            workflow, state = workflow_of(item)
            fields = {column.name: getattr(item, column.name) for column in item.__table__.columns}
            comments = session.execute(
                select(Comment.author, Comment.body, Comment.created_at)
                .where(Comment.item_kind == kind, Comment.item_id == item_id)
                .order_by(Comment.created_at)
            ).all()
            attachments = session.execute(
                select(
                    Attachment.id, Attachment.file_name, Attachment.size, Attachment.local_path, Attachment.upload_key,
                    Attachment.sha256, Attachment.signature_check, Attachment.supersedes,
                ).where(Attachment.item_kind == kind, Attachment.item_id == item_id)
            ).all()  # fmt: skip
            account = acting_account(session, item.source_id)
            role = account.service_role if account is not None else None
            rejections = _refusals(session, item, kind, workflow.allows, account)
            trail = list(item.trail if isinstance(item, Document) else item.history)
            last = last_undoable(session, kind, item_id)
        return ItemDetail(
            kind, item_id, fields, trail, [tuple(c) for c in comments],
            self._attachment_lines(attachments),
            offered_to_role(kind, [a for a in workflow.allowed_actions(state) if a.name != "comment"]
                            + [workflow.action("comment")], role),
            rejections,
            can_seal=kind == "document" and fields["state"] == "issued" and self.document_signing.can_seal(item_id),
            can_sign=kind == "document" and fields["state"] == "awaiting_signature" and self.can_sign(item_id),
            undoable=Undoable(last.id, last.action, workflow.action(last.action).label) if last else None,
        )  # fmt: skip

    def _attachment_lines(self, rows: list[Any]) -> list[AttachmentLine]:
        from app.signature_checks import kept_check

        fingerprint = self.signatures.fingerprint() if any(row.signature_check for row in rows) else ""
        replaced = {row.supersedes for row in rows if row.supersedes}  # a draft's file its signed copy replaced
        lines = []
        for row in rows:
            if row.sha256 in replaced:
                continue
            check = kept_check(row.signature_check, row.sha256, fingerprint) if row.signature_check else None
            verdict = check.verdict.value if check is not None and check.verdict is not None else None
            here, unsent = row.local_path is not None, row.upload_key is not None
            # shown as it is saved: a server's name with a bidi control would show another extension
            name = safe_file_name(row.file_name)
            lines.append(AttachmentLine(row.id, name, row.size, here, unsent, verdict, check is not None))
        return lines

    def dossier_for_forms(self, dossier_id: int) -> ItemDetail | None:
        """The dossier as its printed forms tell it: its history, then the actions done on this desk
        that wait to sync, as the service will write them (a supplement requested offline is printed
        at once, with its reason)."""
        detail = self.item_detail("dossier", dossier_id)
        if detail is None:
            return None
        with self.cache.sessions() as session:
            pending = session.execute(
                select(OutboxEntry, Account.display_name)
                .join(Account, Account.id == OutboxEntry.account_id)
                .where(OutboxEntry.item_kind == "dossier", OutboxEntry.item_id == dossier_id,
                       OutboxEntry.status == OutboxStatus.PENDING, OutboxEntry.action.not_in(("comment", "register")))
                .order_by(OutboxEntry.id)
            ).all()  # fmt: skip
        entries = [_history_entry(entry, by) for entry, by in pending]  # a registration is in the history already
        return replace(detail, trail=[*detail.trail, *entries])

    def one_stop_form(self, kind: FormKind, dossier_id: int) -> str:
        """One of the dossier's one-stop forms as printable HTML, issued now by the accounts' unit (on a
        worker: the template engine and the QR code take a moment). DomainError if the dossier is gone."""
        from app.one_stop_forms import form_html

        detail = self.dossier_for_forms(dossier_id)
        if detail is None:
            raise DomainError("action.no_item", tr_noop("This item is no longer in the cache."))
        return form_html(kind, detail, self.unit_name(), self.clock.now())

    def perform(
        self, kind: str, item_id: int, action: str, payload: dict[str, Any], files: tuple[Path, ...] = ()
    ) -> str:
        """Record an action durably (DomainError: refused, nothing written) and sync soon; ``files`` (a
        report's progress photos) become the item's attachments with it."""
        mutation_id = self.actions.perform_with_files(kind, item_id, action, payload, files)
        self._sync_soon(mutation_id)
        return mutation_id

    def redo_refused(self, entry_id: int) -> str:
        """Do a refused action again on the item as it is now, as a new action (DomainError: the state
        no longer allows it, nothing written), and sync soon; the item leaves "needs attention"."""
        mutation_id = self.actions.redo(entry_id)
        self._sync_soon(mutation_id)
        return mutation_id

    def undo(self, entry_id: int) -> None:
        """Take back an action still waiting to be sent (DomainError once sent, or if not the item's last)."""
        self.actions.undo(entry_id)

    def discard_refused(self, entry_id: int) -> None:
        """Give a refused action up: the server's version stands; the item leaves "needs attention"."""
        self.actions.discard(entry_id)

    def dismiss_rejections(self, kind: str, item_id: int) -> None:
        """Give every refused action of the item up at once (training's "dismiss" move)."""
        self.actions.dismiss_rejections(kind, item_id)

    def _sync_soon(self, mutation_id: str) -> None:
        if self.scheduler is None:
            return
        with self.cache.sessions() as session:
            account_id = session.scalar(select(OutboxEntry.account_id).where(OutboxEntry.mutation_id == mutation_id))
        if account_id is not None:
            self.scheduler.after_action(account_id)

    def count_documents(self, chosen: DocumentFilter = EVERY_DOCUMENT) -> int:
        with self.cache.sessions() as session:
            return count_documents(session, self._dated_documents(chosen))

    def count_dossiers(self, chosen: DossierFilter = EVERY_DOSSIER) -> int:
        with self.cache.sessions() as session:
            return count_dossiers(session, self._dated_dossiers(chosen))

    def document_page(self, chosen: DocumentFilter, offset: int, limit: int) -> list[DocumentRow]:
        with self.cache.sessions() as session:
            return document_page(session, self._dated_documents(chosen), offset, limit)

    def dossier_page(self, chosen: DossierFilter, offset: int, limit: int) -> list[DossierRow]:
        with self.cache.sessions() as session:
            return dossier_page(session, self._dated_dossiers(chosen), offset, limit)

    def count_feedback(self, chosen: FeedbackFilter = EVERY_REPORT) -> int:
        with self.cache.sessions() as session:
            return count_feedback(session, self._dated_feedback(chosen))

    def feedback_page(self, chosen: FeedbackFilter, offset: int, limit: int) -> list[FeedbackRow]:
        with self.cache.sessions() as session:
            return feedback_page(session, self._dated_feedback(chosen), offset, limit)

    def feedback_rule(self) -> FeedbackRule:
        """How early a report is listed as due (Settings); its answer time comes with each report."""
        return FeedbackRule(due_soon_days=self.settings.feedback_due_soon_days)

    def _dated_documents(self, chosen: DocumentFilter) -> DocumentFilter:
        """ "Due today" and "overdue" by the one clock, unless the caller fixed the day."""
        return chosen if chosen.today is not None else replace(chosen, today=self.clock.now().date())

    def _dated_dossiers(self, chosen: DossierFilter) -> DossierFilter:
        """ "Due soon", "due today" and "overdue" by the one clock and the office's calendar."""
        if chosen.now is None:
            chosen = replace(chosen, now=self.clock.now())
        if chosen.view == "due_soon" and chosen.soon_until is None:  # the calendar only when asked: it loads holidays
            chosen = replace(chosen, soon_until=due_soon_until(chosen.now, self.calendar()))  # type: ignore[arg-type]
        return chosen

    def _dated_feedback(self, chosen: FeedbackFilter) -> FeedbackFilter:
        """ "Due soon", "due today" and "overdue" by the one clock, the office's calendar and Settings."""
        if chosen.now is None:
            chosen = replace(chosen, now=self.clock.now())
        if chosen.view == "due_soon" and chosen.soon_until is None:
            now: datetime = chosen.now  # type: ignore[assignment]
            chosen = replace(chosen, soon_until=due_soon_limit(now, self.feedback_rule(), self.calendar()))
        return chosen

    def calendar(self) -> WorkingCalendar:
        """The office's working calendar (holidays, the Government's days, the days in Settings)."""
        return calendar_for(self.settings)

    # -- meetings (app.meetings): reads on the pool, writes on the writer ------------------------------

    def meetings_of_week(self, monday: date) -> list[MeetingView]:
        """The meetings of the week that starts on ``monday``, by time."""
        with self.cache.sessions() as session:
            return meetings_between(session, monday)

    def meeting(self, meeting_id: int) -> MeetingView | None:
        with self.cache.sessions() as session:
            return meeting_view(session, meeting_id)

    def count_coming_meetings(self) -> int:
        with self.cache.sessions() as session:
            return count_coming(session, self.clock.now())

    def save_meeting(self, meeting_id: int, changes: OwnChanges) -> MeetingView:
        """The official's confirmation, time, place, link, attendees and note (DomainError: not saved)."""
        with self.cache.sessions.begin() as session:
            take_write_lock(session)
            return save_own(session, meeting_id, changes, self.clock.now())

    def meeting_reminders(self) -> list[MeetingView]:
        """The meetings to remind of now (Settings: minutes before), each once for its time (writer)."""
        minutes = self.settings.meeting_reminder_minutes
        if minutes <= 0:
            return []
        with self.cache.sessions.begin() as session:
            take_write_lock(session)
            due = reminders_due(session, self.clock.now(), minutes)
            mark_reminded(session, [meeting.id for meeting in due])
        return due

    def export_meetings(self, meeting_ids: list[int], path: Path) -> Path:
        """The meetings as an iCalendar file at ``path`` (OSError: not written)."""
        from app.meeting_calendar import calendar_file  # icalendar loads when the official exports

        with self.cache.sessions() as session:
            found = [meeting_view(session, meeting_id) for meeting_id in meeting_ids]
        meetings = [meeting for meeting in found if meeting is not None]
        if not meetings:
            raise DomainError("meeting.gone", tr_noop("This meeting is no longer on this computer."))
        path.write_bytes(calendar_file(meetings, self.clock.now()))
        return path

    def search(self, text: str) -> SearchResult | None:
        """None when ``text`` has no word to search for (the view then shows everything)."""
        with self.cache.sessions() as session:
            hits = search_items(session, text, SEARCH_LIMIT)
        if not hits and not any(ch.isalnum() for ch in text):
            return None
        return SearchResult(
            [hit.id for hit in hits if hit.kind == "document"],
            [hit.id for hit in hits if hit.kind == "dossier"],
            [hit.id for hit in hits if hit.kind == "feedback"],
        )


def _refusals(
    session: Session, item: Item, kind: str, allows: Callable[[Any, str], bool], account: Account | None
) -> list[Refusal]:
    """The item's refused actions waiting for the user, each with whether it can be done again now by
    ``account``, the one acting on the item's system."""
    rows = session.execute(
        select(OutboxEntry, Account.display_name)
        .join(Account, Account.id == OutboxEntry.account_id)
        .where(OutboxEntry.item_kind == kind, OutboxEntry.item_id == item.id, OutboxEntry.status.in_(NEEDS_USER))
        .order_by(OutboxEntry.id)
    ).all()
    if not rows:
        return []
    state = workflow_of(item)[1]
    role = account.service_role if account is not None else None

    def can_redo(action: str) -> bool:  # a leader's act refused to a known non-leader: refused again
        return account is not None and allows(state, action) and not refused_for_role(kind, action, role)

    return [_refusal(entry, by, can_redo(entry.action)) for entry, by in rows]


def _refusal(entry: OutboxEntry, by: str, can_redo: bool) -> Refusal:
    params = dict(entry.reject_params or {})
    return Refusal(entry.id, entry.action, dict(entry.payload), entry.created_at, by, entry.reject_code,
                   entry.reject_reason, params, can_redo)  # fmt: skip


def _history_entry(entry: OutboxEntry, by: str) -> dict[str, Any]:
    """A dossier action waiting in the outbox, as the service's history will record it (central.mutations)."""
    target = DOSSIER.action(entry.action).target
    written = {"at": entry.created_at.isoformat(), "by": by, "action": entry.action, "pending": True}
    written.update({key: entry.payload[key] for key in ("reason", "result", "assignee") if entry.payload.get(key)})
    return written | ({"state": target.value} if target is not None else {})


def _last_problem(schedule: Any) -> str | None:
    report = schedule.last_report if schedule is not None else None
    return report.problem if report is not None else None
