"""The window's status bar and background services, a part of ``MainWindow`` (mixed into it): what the
lists hold, a notice when something failed (in the user's words), work that has run a while with its
Cancel, and per account whether the server is reachable and what waits; F5. The services (keyring,
demo service, sync timer) start here, since their state is what this part shows.

Apart from ``ui.main_window`` to keep each module readable; it uses the window's ``workbench``,
``tasks``, ``bridge``, ``banner`` and ``on_cache_damaged``, and its strings keep the window's
translation context (``MainWindow``).
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QProgressBar, QPushButton

from app.server_address import unencrypted_host
from app.workbench import AccountOverview
from ui.eliding_label import ElidingLabel
from ui.item_models import format_datetime
from ui.translation import user_text

if TYPE_CHECKING:
    from sandbox.demo import DemoLauncher

FAILED_COLOUR, DONE_COLOUR = "#b3261e", "#1e6b34"
NOTICE_MS = 30_000  # how long a failure or an answer to F5 stays in the status bar


class Services(Enum):
    """The background services (keyring, sync timer, demo service), as the window knows them."""

    NOT_ASKED = "not_asked"  # nothing started them (a window on the cache alone)
    OFFLINE = "offline"  # started with --offline: nothing is sent or fetched
    STARTING = "starting"
    RUNNING = "running"
    FAILED = "failed"


class WindowStatus(QMainWindow):
    """Mixed into MainWindow (listed before QMainWindow there): not a window of its own."""

    services: Services
    _first_rows: bool
    _services_problem: str
    _services_asked: tuple[DemoLauncher | None, float | None]

    def _build_status_bar(self) -> None:
        self.summary = ElidingLabel(objectName="summary")
        self.notice = QLabel(objectName="notice", wordWrap=True)  # a failure, or why F5 did not sync
        self.notice.hide()
        self._notice_timer = QTimer(self, singleShot=True, interval=NOTICE_MS)
        self._notice_timer.timeout.connect(self.notice.hide)
        self.connection = ElidingLabel(objectName="connection")  # two accounts' states can be long
        # an account on a host the organisation lets plain http:// go to: said for as long as it is in use
        self.unencrypted = QLabel(objectName="unencryptedWarning")
        self.unencrypted.setStyleSheet(f"color: {FAILED_COLOUR}; font-weight: bold")
        self.unencrypted.hide()
        self.progress = QProgressBar(objectName="syncProgress", maximumWidth=120)
        self.progress.setRange(0, 0)  # busy indicator while a sync runs
        self.progress.hide()
        self.busy = QProgressBar(objectName="busy", maximumWidth=120)  # work running for over BUSY_DELAY_MS
        self.busy.setRange(0, 0)
        self.busy.hide()
        self.cancel_button = QPushButton(objectName="cancelWork")
        self.cancel_button.clicked.connect(self.tasks.cancel_all)
        self.cancel_button.hide()
        self.sign_in_again_button = QPushButton(objectName="signInAgainStatus")  # an account waits for its password
        self.sign_in_again_button.clicked.connect(self._sign_in_again)
        self.sign_in_again_button.hide()
        self._needs_password: AccountOverview | None = None
        self.sync_button = QPushButton(objectName="syncNow")
        self.sync_button.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.sync_button.clicked.connect(self.sync_now)
        bar = self.statusBar()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.notice, 2)
        # the later of a notice and a temporary message (reminders, "saved") is shown, never both overlapping
        bar.messageChanged.connect(lambda message: message and self.notice.hide())
        bar.addPermanentWidget(self.busy)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.unencrypted)
        bar.addPermanentWidget(self.connection, 3)
        bar.addPermanentWidget(self.sign_in_again_button)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.sync_button)

    def show_notice(self, text: str, done: bool = False) -> None:
        """Tell the user something in the status bar for a while: a failure in their words (red), or
        with ``done`` a piece of work finished (green: red would read as something gone wrong)."""
        self.notice.setStyleSheet(f"color: {DONE_COLOUR if done else FAILED_COLOUR}")
        self.statusBar().clearMessage()  # a reminder's temporary message would be drawn over it
        self.notice.setText(text)
        self.notice.show()
        self._notice_timer.start()

    def _show_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.busy.setToolTip(self.tr("Working…"))
        self.cancel_button.setVisible(busy and self.tasks.can_cancel)

    def on_services_failed(self, message: str) -> None:
        self.services, self._services_problem = Services.FAILED, message
        self.refresh_status()

    # -- background services and sync ---------------------------------------------------------------

    def start_services(self, demo: DemoLauncher | None = None, interval: float | None = None) -> None:
        """Keyring, demo service and sync timer start on the task pool: the window is usable meanwhile.
        With a demo, its service starts first and the desk signs in to it. The first time, SQLite's
        check of the cache file follows there."""
        first = self.services is Services.NOT_ASKED
        self.services, self._services_asked = Services.STARTING, (demo, interval)
        self.refresh_status()

        def start() -> None:
            self.workbench.stop_services()  # what a failed start left running
            if demo is not None:
                central = demo.start()
                self.workbench.add_account(central.source, central.login, central.password)
                if central.signatures is not None:
                    signatures = central.signatures
                    self.workbench.use_demo_signatures(str(signatures.trust_anchors), signatures.timestamp_url)
            self.workbench.start_services(on_report=self.bridge.report, interval=interval)

        def after(_answer: object = None) -> None:
            if first:
                self.tasks.run(self.workbench.check_cache_file, self._cache_checked, shows_busy=False)

        def started(_answer: object) -> None:
            self.services = Services.RUNNING
            self.refresh_status()
            after()

        def failed(error: BaseException) -> None:
            self.on_services_failed(user_text(error))
            after()

        self.tasks.run(start, started, failed, key="services", shows_busy=False)

    def _cache_checked(self, problem: str | None) -> None:
        if problem is not None:
            self.on_cache_damaged(problem)

    def offer_first_run(self) -> None:
        """At start: the first-run assistant when this profile has no account at all — on real work
        only: a demo or training desk (secrets kept for the session only, or the training banner) never
        asks. Read on the pool; the assistant's module loads only when it is wanted."""
        if self.workbench.desk.session_only or self.banner.isVisibleTo(self):
            return

        def answer(statuses: list[AccountOverview]) -> None:
            if not statuses:
                self.open_first_run()

        self.tasks.run(self.workbench.account_statuses, answer, key="first-run", shows_busy=False)

    def work_offline(self) -> None:
        """Started with --offline: no service runs, and the status bar says so."""
        self.services = Services.OFFLINE
        self.refresh_status()

    def sync_now(self) -> None:
        """F5: a sync at once; where none can start, a word on why, at once (never a spinner)."""
        if self.workbench.sync_now():
            self.progress.show()
            return
        if self.services is Services.FAILED:
            self.show_notice(self.tr("Starting sync again…"))
            self.start_services(*self._services_asked)
        elif self.services is Services.OFFLINE:
            self.show_notice(self.tr("This desk works offline: it was started without sync, so nothing was sent. "
                                     "Start Ward Desk again without --offline to sync."))  # fmt: skip
        elif self.services is Services.STARTING:
            self.show_notice(self.tr("Sync is still starting; it runs by itself as soon as it is ready."))
        else:
            self.show_notice(self.tr("Nothing to sync: no account is signed in (File → Accounts…)."))

    def refresh_status(self) -> None:
        """The accounts' states, read on the task pool, then shown in the status bar (after the first
        rows have painted: until then the window asks nothing else of the pool)."""
        if self._first_rows:
            return  # MainWindow._after_first_rows asks for it
        self.tasks.run(self.workbench.account_statuses, self._show_status, key="status")

    def _show_status(self, statuses: list[AccountOverview]) -> None:
        parts = [self._account_state(status) for status in statuses]
        real_work = not self.workbench.desk.session_only and not self.banner.isVisibleTo(self)
        if parts and real_work and self.workbench.secrets_kept_for_session_only():
            parts.append(self.tr("no secure keyring: you will sign in again after a restart"))
        if self.services is Services.OFFLINE:
            parts.insert(0, self.tr("Working offline: started without sync"))
        elif self.services is Services.FAILED:
            parts.insert(0, self.tr("Background services stopped: {message}").format(message=self._services_problem))
        self.connection.setText("   |   ".join(parts) if parts else self.tr("No account: working from the cache"))
        self._warn_unencrypted(statuses)
        self._needs_password = next((status for status in statuses if status.needs_password), None)
        self.sign_in_again_button.setText(self.tr("Sign in again…"))
        self.sign_in_again_button.setVisible(self._needs_password is not None)

    def _warn_unencrypted(self, statuses: list[AccountOverview]) -> None:
        allowed = self.workbench.settings.insecure_http_hosts
        hosts = {unencrypted_host(status.server, allowed) for status in statuses if status.status != "retired"}
        named = sorted(host for host in hosts if host is not None)
        self.unencrypted.setText(self.tr("Unencrypted connection to {hosts}").format(hosts=", ".join(named)))
        self.unencrypted.setToolTip(self.tr(
            "Your organisation lets Ward Desk use plain http:// with this server: what is sent to it, your "
            "password included, can be read on the network. Ask your IT staff for its https:// address."
        ))  # fmt: skip
        self.unencrypted.setVisible(bool(named))

    def _sign_in_again(self) -> QDialog | None:
        """The password of the (first) account that waits for it; the status follows the answer."""
        from ui.sign_in_again import SignInAgainDialog

        if self._needs_password is None:
            return None
        dialog = SignInAgainDialog(self.workbench, self.tasks, self._needs_password, self)
        dialog.signed_in.connect(lambda _account_id: self.refresh_status())
        dialog.show()
        return dialog

    def _account_state(self, status: AccountOverview) -> str:
        if status.status == "retired":
            state = self.tr("retired")
        elif status.needs_password:
            state = self.tr("signed out")
        elif self.services is Services.OFFLINE:
            state = self.tr("not syncing")
        elif status.reachable is None:
            state = self.tr("connecting…")
        elif status.reachable:
            state = self.tr("online")
        elif status.problem == "ca_missing":
            state = self.tr("the certificate authority file set in Settings is missing: {file}").format(
                file=self.workbench.settings.ca_bundle
            )
        elif status.problem == "not_encrypted":
            state = self.tr("plain http:// to this server is not allowed: ask your IT staff for its https:// address")
        elif status.problem == "untrusted":
            state = self.tr("the server's certificate is not trusted (Settings: certificate authority)")
        else:
            state = self.tr("offline")
        part = f"{status.display_name}: {state}"
        if status.last_success_at is not None:
            part += " · " + self.tr("synced {when}").format(when=format_datetime(status.last_success_at))
        if status.pending:
            part += " · " + self.tr("{count} waiting").format(count=status.pending)
        if status.role == "old" and status.parallel_until is not None and status.status != "retired":
            until = status.parallel_until.strftime("%d/%m/%Y")
            part += " · " + self.tr("old account ends {date}").format(date=until)
        return part
