"""The first-run assistant: on a profile with no account, the server's address, then the official's
login and password, then the first sync with its progress and a clear end.

Every call to the server runs on the window's task pool; a failure leaves the page as it was, with a
sentence saying what to correct, and nothing saved (the account is written only once the server has
taken the password). Cancel leaves the window working from what is on this computer; File → First-run
setup… opens the assistant again. The window offers it at start (``WindowStatus.offer_first_run``),
never in demo or training mode.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.accounts import AccountResult, SourceInfo
from app.domain.labels import SYSTEM_LABELS
from app.workbench import FirstSync, Workbench
from ui.accounts_dialog import SYSTEMS
from ui.sign_in_again import sign_in_problem
from ui.tasks import TaskRunner
from ui.translation import domain_text, user_text

if TYPE_CHECKING:
    from app.sync_engine import SyncReport
    from ui.main_window import MainWindow

MINIMUM_SIZE = (600, 440)  # well inside 1366×768 with the taskbar and the title bar
ERROR_STYLE = "color: #b3261e"


def open_first_run(window: MainWindow) -> FirstRunWizard:
    """The assistant (the one already open, if any), wired to the window: its first sync refreshes the
    lists as any sync does, and closing the window stops that sync."""
    wizard = window.findChild(FirstRunWizard)
    if wizard is None or not wizard.isVisible():
        if wizard is not None:  # closed earlier: a new one starts from the first page. The old one is let
            wizard.setParent(None)  # go, not deleted: a first sync it started may still answer to it
        wizard = FirstRunWizard(window.workbench, window.tasks, window)
        wizard.synced.connect(window.on_sync_finished)
        wizard.account_added.connect(window.refresh_status)
        window.closing.connect(wizard.stop_sync)
    wizard.show()
    wizard.raise_()
    return wizard


class FirstRunWizard(QWizard):
    account_added = Signal()
    synced = Signal(object)  # the first sync's SyncReport
    progressed = Signal(int)  # the changes received so far (emitted on the sync's thread, delivered here)

    def __init__(self, workbench: Workbench, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunWizard")
        self.workbench, self.tasks = workbench, tasks
        self.server_url = ""  # as checked by the server page
        self.account_id: int | None = None
        self._stop = threading.Event()
        self.setWindowTitle(self.tr("Set up Ward Desk"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        # Qt ships no Vietnamese for its own buttons: they are ours to translate.
        for which, text in (
            (QWizard.WizardButton.BackButton, self.tr("< Back")),
            (QWizard.WizardButton.NextButton, self.tr("Next >")),
            (QWizard.WizardButton.CommitButton, self.tr("Sign in")),
            (QWizard.WizardButton.FinishButton, self.tr("Finish")),
            (QWizard.WizardButton.CancelButton, self.tr("Cancel")),
        ):
            self.setButtonText(which, text)
        self.server_page = ServerPage(self)
        self.sign_in_page = SignInPage(self)
        self.sync_page = FirstSyncPage(self)
        for page in (self.server_page, self.sign_in_page, self.sync_page):
            self.addPage(page)
        self.setMinimumSize(*MINIMUM_SIZE)

    def validateCurrentPage(self) -> bool:
        """A page that asks the server moves on by itself once the answer is good (see _AskingPage)."""
        page = self.currentPage()
        if isinstance(page, _AskingPage) and not page.ready:
            page.ask()
            return False
        return super().validateCurrentPage()

    # -- the first sync ----------------------------------------------------------------------------

    def start_first_sync(self) -> None:
        """On the pool: the sync timer takes the account on once it ends, however it ends."""
        account_id = self.account_id
        if account_id is None:
            return
        self._stop.clear()
        self.sync_page.running()

        def report(progress: SyncReport) -> None:  # on the sync's thread
            with contextlib.suppress(RuntimeError):  # the wizard is gone with its window: the sync goes on
                self.progressed.emit(progress.pulled)

        self.tasks.run(lambda: self.workbench.first_sync(account_id, report, self._stop), self._synced,
                       self.sync_page.failed, key="first-run-sync", shows_busy=False)  # fmt: skip

    def _synced(self, result: FirstSync) -> None:
        self.sync_page.finished(result)
        self.synced.emit(result.report)

    def stop_sync(self) -> None:
        self._stop.set()

    def signed_in(self, result: AccountResult) -> None:
        self.account_id = result.account_id
        self.account_added.emit()
        if self.isVisible() and self.currentPage() is self.sign_in_page:
            self.next()
        else:  # cancelled while the server answered: the account exists, so it syncs without the pages
            self.start_first_sync()

    def system_name(self, code: str) -> str:
        return domain_text(SYSTEM_LABELS[code])


class _AskingPage(QWizardPage):
    """A page whose Next asks the server on the pool: the fields and buttons wait meanwhile, a good
    answer moves on, a failure says what to correct and gives the fields back."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self.assistant = wizard
        self.ready = False  # the server said yes to what the fields hold now
        self.busy = False
        self.message = QLabel(wordWrap=True)
        self.message.setStyleSheet(ERROR_STYLE)

    def fields(self) -> tuple[QWidget, ...]:
        raise NotImplementedError

    def ask(self) -> None:
        raise NotImplementedError

    def isComplete(self) -> bool:
        return not self.busy

    def changed(self) -> None:
        self.ready = False
        self.message.clear()

    def waiting(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)
        self._set_busy(True)

    def problem(self, text: str, focus: QWidget) -> None:
        self._set_busy(False)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)
        focus.setFocus()

    def answered(self) -> None:
        self._set_busy(False)
        self.message.clear()
        self.ready = True

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for field in self.fields():
            field.setEnabled(not busy)
        self.completeChanged.emit()  # the wizard sets its buttons again here: Back is ours after it
        self.assistant.button(QWizard.WizardButton.BackButton).setEnabled(not busy)


class ServerPage(_AskingPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Your system's server"))
        self.setSubTitle(self.tr(
            "Ward Desk keeps your documents and dossiers on this computer and brings them up to date from "
            "your system's server. Check the address your IT staff gave you."))  # fmt: skip
        self.message.setObjectName("firstRunServerMessage")
        self.system = QComboBox(objectName="firstRunSystem")
        for code, _kind in SYSTEMS:
            self.system.addItem(wizard.system_name(code), code)
        self.address = QLineEdit(objectName="firstRunAddress", placeholderText="https://…")
        self.address.setText(self.default_address())
        self.address.textEdited.connect(lambda _text: self.changed())
        self.system.currentIndexChanged.connect(lambda _index: self._system_changed())
        skip = QLabel(self.tr("Not now? Cancel: Ward Desk works with what is on this computer, and File → "
                              "First-run setup… brings this assistant back."), wordWrap=True)  # fmt: skip
        form = QFormLayout()
        form.addRow(self.tr("System"), self.system)
        form.addRow(self.tr("Server address"), self.address)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch()
        layout.addWidget(skip)

    def default_address(self) -> str:
        """The city's address from the settings; the former provinces' systems have no default."""
        return self.assistant.workbench.settings.default_server_url if self.system.currentData() == "unified" else ""

    def _system_changed(self) -> None:
        if self.address.text().strip() in ("", self.assistant.workbench.settings.default_server_url):
            self.address.setText(self.default_address())
        self.changed()

    def fields(self) -> tuple[QWidget, ...]:
        return (self.system, self.address)

    def ask(self) -> None:
        typed = self.address.text()
        self.waiting(self.tr("Contacting the server…"))
        self.assistant.tasks.run(lambda: self.assistant.workbench.check_server(typed), self._checked,
                                 lambda error: self.problem(sign_in_problem(error, typed.strip()), self.address),
                                 key="first-run-server")  # fmt: skip

    def _checked(self, url: str) -> None:
        self.answered()
        self.assistant.server_url = url
        if self.assistant.currentPage() is self:
            self.assistant.next()


class SignInPage(_AskingPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Your account"))
        self.setSubTitle(self.tr("The login and password you use for this system. The password goes to the "
                                 "server only and is not kept on this computer."))  # fmt: skip
        self.setCommitPage(True)  # once signed in, the account exists: no way back to change it
        self.message.setObjectName("firstRunSignInMessage")
        self.system = QLabel(objectName="firstRunChosenSystem")
        self.server = QLabel(objectName="firstRunServer")
        self.login = QLineEdit(objectName="firstRunLogin")
        self.password = QLineEdit(objectName="firstRunPassword", echoMode=QLineEdit.EchoMode.Password)
        for field in (self.login, self.password):
            field.textEdited.connect(lambda _text: self.changed())
        form = QFormLayout()
        form.addRow(self.tr("System"), self.system)
        form.addRow(self.tr("Server"), self.server)
        form.addRow(self.tr("Login"), self.login)
        form.addRow(self.tr("Password"), self.password)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch()

    def initializePage(self) -> None:
        self.system.setText(self.assistant.server_page.system.currentText())
        self.server.setText(self.assistant.server_url)
        self.login.setFocus()

    def fields(self) -> tuple[QWidget, ...]:
        return (self.login, self.password)

    def ask(self) -> None:
        login, password = self.login.text().strip(), self.password.text()
        if not (login and password):
            self.problem(self.tr("Enter your login and your password."), self.password if login else self.login)
            return
        code = self.assistant.server_page.system.currentData()
        source = SourceInfo(code, self.assistant.system_name(code), dict(SYSTEMS)[code], self.assistant.server_url)
        self.waiting(self.tr("Signing in…"))
        self.assistant.tasks.run(lambda: self.assistant.workbench.add_account_first(source, login, password),
                                 self._signed_in, self._refused, key="first-run-sign-in")  # fmt: skip

    def _signed_in(self, result: AccountResult) -> None:
        self.password.clear()  # never kept longer than the call that needed it
        self.answered()
        self.assistant.signed_in(result)

    def _refused(self, error: BaseException) -> None:
        self.password.clear()
        self.problem(sign_in_problem(error, self.assistant.server_url), self.password)


class FirstSyncPage(QWizardPage):
    """The first sync: a bar while it runs with what has arrived so far, then what the lists hold, or
    why it stopped with a Try again (the sync timer retries by itself as well)."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self.assistant = wizard
        self.done = False
        self.setTitle(self.tr("First sync"))
        self.setSubTitle(self.tr("Ward Desk brings your documents and dossiers from the server. The first time "
                                 "this can take a few minutes."))  # fmt: skip
        self.setFinalPage(True)
        self.bar = QProgressBar(objectName="firstSyncProgress", textVisible=False)
        self.status = QLabel(objectName="firstSyncStatus", wordWrap=True)
        self.retry = QPushButton(self.tr("Try again"), objectName="firstSyncRetry")
        self.retry.clicked.connect(wizard.start_first_sync)
        self.retry.hide()
        wizard.progressed.connect(self._progressed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.retry)
        layout.addStretch()

    def initializePage(self) -> None:
        # the sync goes on by itself if the assistant is closed now: it is no longer a Cancel
        self.assistant.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Close"))
        self.assistant.start_first_sync()

    def isComplete(self) -> bool:
        return self.done

    def running(self) -> None:
        self.done = False
        self.retry.hide()
        self.bar.setRange(0, 0)  # the service does not say how much will come: a busy bar, and a count
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Bringing your documents and dossiers to this computer…"))
        self.completeChanged.emit()

    def _progressed(self, count: int) -> None:
        if not self.done:
            self.status.setText(self.tr("Bringing your documents and dossiers to this computer: {count} changes "
                                        "received…").format(count=count))  # fmt: skip

    def finished(self, result: FirstSync) -> None:
        problem = result.report.problem
        if problem is None:
            self.bar.setRange(0, 1)
            self.bar.setValue(1)
            self.status.setText(self.tr(
                "Done: {documents} documents and {dossiers} dossiers are on this computer. Ward Desk keeps them "
                "up to date by itself; their files follow in the background."
            ).format(documents=result.documents, dossiers=result.dossiers))  # fmt: skip
            self._end(error=False)
            return
        self._stopped(self._why(problem))

    def failed(self, error: BaseException) -> None:
        self._stopped(user_text(error))

    def _stopped(self, reason: str) -> None:
        self._end(error=True)
        text = self.tr("Your account is set up, but the first sync stopped: {reason} Try again now, or finish: "
                       "Ward Desk tries again by itself.")  # fmt: skip
        self.status.setText(text.format(reason=reason))

    def _end(self, error: bool) -> None:
        self.done = True
        if error:
            self.bar.setRange(0, 1)
            self.bar.setValue(0)
            self.status.setStyleSheet(ERROR_STYLE)
        self.retry.setVisible(error)
        self.completeChanged.emit()

    def _why(self, problem: str) -> str:
        return {
            "offline": self.tr("the server could not be reached."),
            "untrusted": self.tr("the server's certificate is not trusted (Settings: certificate authority)."),
            "ca_missing": self.tr("the certificate authority file set in Settings is missing: {file}.").format(
                file=self.assistant.workbench.settings.ca_bundle
            ),
            "busy": self.tr("the server is busy."),
            "sign_in": self.tr("the server refused the session (File → Accounts…: Sign in again)."),
            "cancelled": self.tr("it was stopped."),
        }.get(problem, self.tr("the server sent data this version cannot read; tell IT."))
