"""The composition root: everything one profile's desk is made of, each part built once, here.

One cache (it holds the writer lock syncs take), one clock, one settings object, one credential
store, one account service, one sync engine, one attachment downloader, and the ``Workbench`` the
window talks to. The window, training, the self-check, tests and benchmarks all build through
``Desk``; nothing else constructs these parts.

The network, keyring and sync parts are built on first use, from a worker: opening a keyring can
wait on the desktop's secret service, and their modules (requests, keyring) cost ~100 ms that the
window's first rows need not wait for.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.local_cache import LocalCache, open_local_cache
from app.profile import Profile
from app.settings import SetAside, Settings, open_settings, save_settings
from kernel.clock import Clock

if TYPE_CHECKING:
    from app.accounts import AccountService
    from app.attachment_downloads import AttachmentDownloads
    from app.central_client import CentralClient
    from app.credentials import CredentialStore
    from app.sync_engine import SyncEngine
    from app.workbench import Workbench

log = logging.getLogger(__name__)

ClientFactory = Callable[[str], "CentralClient"]


@dataclass(frozen=True)
class Services:
    credentials: CredentialStore
    accounts: AccountService
    engine: SyncEngine
    downloads: AttachmentDownloads


class Desk:
    def __init__(
        self,
        profile: Profile,
        clock: Clock,
        credentials: CredentialStore | None = None,
        *,
        session_only: bool = False,
        client_for: ClientFactory | None = None,
        pull_batch: int | None = None,
    ) -> None:
        """``credentials``: a store to use (tests); else the OS keyring, or with ``session_only`` a store
        that keeps secrets in memory for this session only (demo and training write nothing to the keyring).
        ``client_for`` and ``pull_batch``: how to reach a central system and how many changes to pull a page
        (tests and benchmarks change them; the app keeps the defaults)."""
        self.profile = profile
        self.clock = clock
        self.cache: LocalCache = open_local_cache(profile, clock.now())
        if self.cache.migration.backup is not None:
            log.info("migrated %s → %s", self.cache.migration.from_revision, self.cache.migration.to_revision)
        opened = open_settings(profile.root, clock.now())
        self.settings, self._unknown_settings = opened.settings, opened.extra
        # a settings file start-up could not take as it was (set aside; the window says so), as cache.recovery
        self.settings_set_aside: SetAside | None = opened.set_aside
        self.session_only = session_only
        self._credentials = credentials
        self._client_for = client_for
        self._pull_batch = pull_batch
        self._services: Services | None = None
        self._building = threading.Lock()
        from app.workbench import Workbench

        self.workbench: Workbench = Workbench(self)

    @classmethod
    def open(
        cls, profile: Profile, clock: Clock, credentials: CredentialStore | None = None, **options: object
    ) -> Desk:
        return cls(profile, clock, credentials, **options)  # type: ignore[arg-type]

    def close(self) -> None:
        self.workbench.stop_services()
        self.cache.close()

    # -- settings ---------------------------------------------------------------------------------

    def save_settings(self, settings: Settings) -> None:
        save_settings(self.profile.root, settings, self._unknown_settings)
        self.settings = settings

    # -- the network, keyring and sync parts ----------------------------------------------------------

    @property
    def services_built(self) -> bool:
        return self._services is not None

    def services(self) -> Services:
        """Built once, on first use (call from a worker thread: it may open the OS keyring)."""
        with self._building:
            if self._services is None:
                self._services = self._build_services()
            return self._services

    @property
    def credentials(self) -> CredentialStore:
        return self.services().credentials

    @property
    def accounts(self) -> AccountService:
        return self.services().accounts

    @property
    def engine(self) -> SyncEngine:
        return self.services().engine

    @property
    def downloads(self) -> AttachmentDownloads:
        return self.services().downloads

    def central_client(self, base_url: str) -> CentralClient:
        """A client for one central system, trusting the organisation's CA when Settings name one, and
        sending plain http only to the hosts they allow (read at each call, so a changed setting takes
        effect at the next request)."""
        if self._client_for is not None:
            return self._client_for(base_url)
        from app.central_client import CentralClient

        settings = self.settings
        return CentralClient(
            base_url, ca_bundle=settings.ca_bundle or None, plain_http_hosts=settings.insecure_http_hosts
        )

    def _build_services(self) -> Services:
        from app.accounts import AccountService
        from app.attachment_downloads import AttachmentDownloads
        from app.credentials import CredentialStore
        from app.sync_engine import PULL_BATCH, SyncEngine

        credentials = self._credentials
        if credentials is None:
            if self.session_only:
                from keyring.backends import fail

                credentials = CredentialStore(fail.Keyring())
            else:
                credentials = CredentialStore()
        accounts = AccountService(
            self.cache, credentials, self.clock, self.central_client, lambda: self.settings.insecure_http_hosts
        )
        engine = SyncEngine(self.cache, accounts, self.clock, self.central_client, self._pull_batch or PULL_BATCH)
        downloads = AttachmentDownloads(self.cache, accounts, self.central_client)
        return Services(credentials, accounts, engine, downloads)
