"""The narrow API the window uses: read pages of items, search, act, and run the background services.

The window's task runner calls the reads, the network, keyring and account flows on its pool, and
the writes (``perform``, ``dismiss_rejections``) on its one writer thread. On the UI thread the
window only asks for a sync, saves settings, and looks up one row when the user opens an attachment.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from app.clock import Clock
from app.domain.errors import DomainError, tr_noop
from app.domain.workflow import Action
from app.item_actions import ITEM_MODELS, ItemActions, workflow_of
from app.local_cache import LocalCache, open_local_cache
from app.profile import Profile
from app.settings import Settings, load_settings, save_settings

if TYPE_CHECKING:  # the network, keyring and sync code loads when the services start, after the first rows
    from app.accounts import AccountService, SourceInfo
    from app.attachment_downloads import AttachmentDownloads
    from app.central_client import CentralClient
    from app.credentials import CredentialStore, SecretLocation
    from app.demo_data import DemoSummary
    from app.edxml_import import PacketPreview
    from app.sync_engine import SyncEngine, SyncReport
    from app.sync_scheduler import SyncScheduler
from local_db.models import Account, Agency, Attachment, Comment, Dossier, OutboxEntry, Source, SyncCheckpoint
from local_db.queries import (
    DocumentFilter,
    DocumentRow,
    DossierFilter,
    DossierRow,
    count_documents,
    count_dossiers,
    document_page,
    dossier_page,
)
from local_db.search import search_items

log = logging.getLogger(__name__)

SEARCH_LIMIT = 500


@dataclass(frozen=True)
class SearchResult:
    document_ids: list[int]
    dossier_ids: list[int]


@dataclass(frozen=True)
class ItemDetail:
    kind: str
    id: int
    fields: dict[str, Any]
    trail: list[dict[str, Any]]
    comments: list[tuple[str, str, datetime]]  # author, text, when
    attachments: list[tuple[int, str, int, bool]]  # id, file name, size, here offline
    actions: list[Action]
    rejections: list[tuple[str, str]]  # action, reason from the server


@dataclass(frozen=True)
class AccountStatus:
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


class Workbench:
    def __init__(self, cache: LocalCache, clock: Clock, credentials: CredentialStore | None = None) -> None:
        self.cache = cache
        self.clock = clock
        self._credentials = credentials
        self.accounts: AccountService | None = None
        self.engine: SyncEngine | None = None
        self.scheduler: SyncScheduler | None = None
        self.embedded: Any = None  # an app.embedded_central.EmbeddedCentral while a demo runs
        self.downloads: AttachmentDownloads | None = None
        self.actions = ItemActions(cache, clock)
        self.settings, self._unknown_settings = load_settings(cache.profile.root)

    def save_settings(self, settings: Settings) -> None:
        """Keep the new settings; the sync timer takes its new interval at once."""
        save_settings(self.cache.profile.root, settings, self._unknown_settings)
        self.settings = settings
        if self.scheduler is not None:
            self.scheduler.interval = settings.sync_interval_minutes * 60

    @classmethod
    def open(cls, profile: Profile, clock: Clock) -> Workbench:
        cache = open_local_cache(profile, clock.now())
        if cache.migration.backup is not None:
            log.info("migrated %s → %s", cache.migration.from_revision, cache.migration.to_revision)
        return cls(cache, clock)

    def close(self) -> None:
        self.stop_services()
        self.cache.close()

    # -- background services (call start_services from a worker thread) --------------------------

    def start_services(
        self, demo_items: int | None, on_report: Callable[[SyncReport], None], interval: float | None = None
    ) -> None:
        """Open the keyring, start the embedded demo service if asked, and the sync timer."""
        from keyring.backends import fail

        from app.accounts import AccountService
        from app.attachment_downloads import AttachmentDownloads
        from app.credentials import CredentialStore
        from app.sync_engine import SyncEngine
        from app.sync_scheduler import SyncScheduler

        credentials = self._credentials
        if credentials is None:  # the demo writes nothing to the OS keyring
            credentials = CredentialStore(fail.Keyring()) if demo_items is not None else CredentialStore()
        self.accounts = AccountService(self.cache, credentials, self.clock, self.central_client)
        self.engine = SyncEngine(self.cache, self.accounts, self.clock, self.central_client)
        self.downloads = AttachmentDownloads(self.cache, self.accounts, self.central_client)
        if demo_items is not None:
            from app.embedded_central import start_demo_central  # the service's code only when a demo runs

            self.embedded = start_demo_central(self.cache.profile.root / "demo-central", self.clock, demo_items)
            self.accounts.add_account(self.embedded.source, self.embedded.login, self.embedded.password)
        seconds = interval if interval is not None else self.settings.sync_interval_minutes * 60

        def after_sync(report: SyncReport) -> None:
            if report.problem is None:  # attachments follow the metadata, within the budget
                self.downloads.download_pending(report.account_id, self.settings.attachment_budget_bytes)
            on_report(report)

        self.scheduler = SyncScheduler(self.engine, self.active_account_ids(), seconds, on_report=after_sync)
        self.scheduler.start()

    def check_cache_file(self) -> str | None:
        """SQLite's quick check of the cache file (slow: call on a worker). When it finds damage the
        file is marked, and the next start moves it aside and rebuilds it; returns what was found."""
        from local_db.cache_health import mark_damaged, quick_check

        problem = quick_check(self.cache.engine)
        if problem is not None:
            log.error("the cache file is damaged: %s", problem)
            mark_damaged(self.cache.profile.root, problem)
        return problem

    def central_client(self, base_url: str) -> CentralClient:
        """A client for one central system, trusting the organisation's CA when Settings name one
        (read at each call, so a changed setting takes effect at the next request)."""
        from app.central_client import CentralClient

        return CentralClient(base_url, ca_bundle=self.settings.ca_bundle or None)

    def stop_services(self) -> None:
        if self.scheduler is not None:
            self.scheduler.stop()
            self.scheduler = None
        if self.embedded is not None:
            self.embedded.stop()
            self.embedded = None

    def secrets_kept_for_session_only(self) -> bool:
        """True when no secure keyring could take the accounts' secrets (they live in memory only)."""
        if self.accounts is None:  # services not started yet: and importing keyring costs ~100 ms
            return False
        from app.credentials import KeyringState

        return self.accounts.credentials.last_state is not KeyringState.AVAILABLE

    # -- accounts (worker thread: they talk to the server and the keyring) -----------------------

    def _account_service(self) -> AccountService:
        from app.accounts import AccountService
        from app.credentials import CredentialStore

        if self.accounts is None:
            credentials = self._credentials or CredentialStore()
            self.accounts = AccountService(self.cache, credentials, self.clock, self.central_client)
        return self.accounts

    def add_account(self, source: SourceInfo, login: str, password: str) -> SecretLocation:
        """Test the login, save the account, and let the sync timer take it on."""
        result = self._account_service().add_account(source, login, password)
        if self.scheduler is not None:
            self.scheduler.add_account(result.account_id)
        return result.secret

    def sign_out(self, account_id: int) -> None:
        self._account_service().sign_out(account_id)
        if self.scheduler is not None:
            self.scheduler.remove_account(account_id)

    def remove_account(self, account_id: int) -> None:
        self._account_service().remove(account_id)
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

    def import_target(self) -> int | None:
        """The account that files an imported edXML document: the active account of the new system."""
        with self.cache.sessions() as session:
            query = (
                select(Account.id)
                .join(Source, Source.id == Account.source_id)
                .where(Account.status == "active", Source.kind == "unified")
                .order_by(Account.id)
            )
            return session.scalar(query)

    def import_edxml(self, preview: PacketPreview) -> dict[str, Any]:
        """Send a checked packet to the new system (worker thread), then sync to show it."""
        account_id = self.import_target()
        if account_id is None or self.accounts is None:
            raise DomainError("edxml.no_account", tr_noop("Sign in to the new system to import documents."))
        with self.cache.sessions() as session:
            source = session.get_one(Source, session.get_one(Account, account_id).source_id)
            base_url = source.base_url or ""
        from app.edxml_import import import_packet

        result = import_packet(preview, self.accounts, account_id, self.central_client(base_url))
        self.sync_now()
        return result

    def sync_now(self) -> bool:
        """Ask the sync timer for a sync at once; False when none can start (the services are not
        running: started offline, still starting or failed; or no account to sync)."""
        if self.scheduler is None or not self.scheduler.schedules():
            return False
        self.scheduler.sync_now()
        return True

    def active_account_ids(self) -> list[int]:
        with self.cache.sessions() as session:
            return list(session.scalars(select(Account.id).where(Account.status == "active").order_by(Account.id)))

    def account_statuses(self) -> list[AccountStatus]:
        schedules = {s.account_id: s for s in self.scheduler.schedules()} if self.scheduler else {}
        with self.cache.sessions() as session:
            rows = session.execute(
                select(Account, Source.name, SyncCheckpoint.last_success_at)
                .join(Source, Source.id == Account.source_id)
                .outerjoin(SyncCheckpoint, SyncCheckpoint.account_id == Account.id)
                .order_by(Account.id)
            ).all()
            pending = dict(
                session.execute(
                    select(OutboxEntry.account_id, func.count())
                    .where(OutboxEntry.status == "pending")
                    .group_by(OutboxEntry.account_id)
                ).all()
            )
        return [
            AccountStatus(
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
            )
            for account, source_name, last_success in rows
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
                select(Attachment.id, Attachment.file_name, Attachment.size, Attachment.local_path).where(
                    Attachment.item_kind == kind, Attachment.item_id == item_id
                )
            ).all()
            rejections = session.execute(
                select(OutboxEntry.action, OutboxEntry.reject_reason).where(
                    OutboxEntry.item_kind == kind, OutboxEntry.item_id == item_id,
                    OutboxEntry.status.in_(("rejected", "stranded")),
                )
            ).all()  # fmt: skip
            trail = list(item.history if isinstance(item, Dossier) else item.trail)
        return ItemDetail(
            kind, item_id, fields, trail, [tuple(c) for c in comments],
            [(a_id, name, size, path is not None) for a_id, name, size, path in attachments],
            [a for a in workflow.allowed_actions(state) if a.name != "comment"] + [workflow.action("comment")],
            [(action, reason or "") for action, reason in rejections],
        )  # fmt: skip

    def perform(self, kind: str, item_id: int, action: str, payload: dict[str, Any]) -> str:
        """Record an action durably (DomainError: refused, nothing written) and sync soon."""
        mutation_id = self.actions.perform(kind, item_id, action, payload)
        if self.scheduler is not None:
            with self.cache.sessions() as session:
                entry = session.scalar(select(OutboxEntry).where(OutboxEntry.mutation_id == mutation_id))
                account_id = entry.account_id if entry else None
            if account_id is not None:
                self.scheduler.after_action(account_id)
        return mutation_id

    def dismiss_rejections(self, kind: str, item_id: int) -> None:
        """The user has seen why the server said no: the item leaves "needs attention"."""
        self.actions.dismiss_rejections(kind, item_id)

    def seed_demo_if_empty(self, count: int) -> DemoSummary | None:
        """Fill an empty profile with demo data; a profile that has items is left alone."""
        with self.cache.sessions() as session:
            if count_documents(session) or count_dossiers(session):
                return None
        with self.cache.engine.begin() as connection:
            from app.demo_data import write_demo_data

            summary = write_demo_data(connection, count, self.clock.now())
        log.info("demo data written: %s", summary)
        return summary

    def count_documents(self, chosen: DocumentFilter = DocumentFilter()) -> int:  # noqa: B008 (frozen)
        with self.cache.sessions() as session:
            return count_documents(session, chosen)

    def count_dossiers(self, chosen: DossierFilter = DossierFilter()) -> int:  # noqa: B008 (frozen)
        with self.cache.sessions() as session:
            return count_dossiers(session, chosen)

    def document_page(self, chosen: DocumentFilter, offset: int, limit: int) -> list[DocumentRow]:
        with self.cache.sessions() as session:
            return document_page(session, chosen, offset, limit)

    def dossier_page(self, chosen: DossierFilter, offset: int, limit: int) -> list[DossierRow]:
        with self.cache.sessions() as session:
            return dossier_page(session, chosen, offset, limit)

    def search(self, text: str) -> SearchResult | None:
        """None when ``text`` has no word to search for (the view then shows everything)."""
        with self.cache.sessions() as session:
            hits = search_items(session, text, SEARCH_LIMIT)
        if not hits and not any(ch.isalnum() for ch in text):
            return None
        return SearchResult(
            [hit.id for hit in hits if hit.kind == "document"],
            [hit.id for hit in hits if hit.kind == "dossier"],
        )


def _last_problem(schedule: Any) -> str | None:
    report = schedule.last_report if schedule is not None else None
    return report.problem if report is not None else None
