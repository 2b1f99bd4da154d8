"""Accounts: the new city account and the old province one side by side; add, sign in again,
sign out, remove. Every call that talks to a server or the keyring runs on the window's task pool;
whatever happens, the buttons come back and the outcome is said in the user's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.accounts import SourceInfo
from app.domain.labels import SYSTEM_LABELS
from app.workbench import AccountOverview, Workbench
from ui.confirm import confirm
from ui.tasks import TaskRunner
from ui.translation import domain_text, user_text

if TYPE_CHECKING:
    from ui.sign_in_again import SignInAgainDialog

SYSTEMS = (
    ("unified", "unified"),
    ("legacy-binhduong", "legacy"),
    ("legacy-brvt", "legacy"),
)


class AccountsDialog(QDialog):
    finished_call = Signal(object)  # None when done, else a message for the user: the list is refreshed

    def __init__(self, workbench: Workbench, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self._tasks = tasks
        self._key = f"accounts-{id(self)}"
        self._confirm = confirm  # a test answers in its place
        self.setWindowTitle(self.tr("Accounts"))
        self.accounts = QListWidget(objectName="accountList")
        self.system = QComboBox(objectName="system")
        for code, _kind in SYSTEMS:
            self.system.addItem(self._system_name(code), code)
        self.url = QLineEdit(objectName="url", placeholderText="https://…")
        self.login = QLineEdit(objectName="login")
        self.password = QLineEdit(objectName="password", echoMode=QLineEdit.EchoMode.Password)
        self.message = QLabel(objectName="accountMessage", wordWrap=True)
        self.add_button = QPushButton(self.tr("Add account"), objectName="addAccount")
        self.add_button.clicked.connect(self.add_account)
        self.sign_out_button = QPushButton(self.tr("Sign out"), objectName="signOut")
        self.sign_out_button.clicked.connect(self.sign_out)
        self.remove_button = QPushButton(self.tr("Remove"), objectName="removeAccount")
        self.remove_button.clicked.connect(self.remove)
        self.sign_in_again_button = QPushButton(self.tr("Sign in again…"), objectName="signInAgain", enabled=False)
        self.sign_in_again_button.clicked.connect(self.sign_in_again)
        self._statuses: dict[int, AccountOverview] = {}
        self.accounts.currentItemChanged.connect(lambda _current, _previous: self._selection_changed())
        self._layout()
        self.refresh()

    def _system_name(self, code: str) -> str:
        return domain_text(SYSTEM_LABELS[code])

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("System"), self.system)
        form.addRow(self.tr("Server address"), self.url)
        form.addRow(self.tr("Login"), self.login)
        form.addRow(self.tr("Password"), self.password)
        actions = QHBoxLayout()
        for button in (self.sign_in_again_button, self.sign_out_button, self.remove_button):
            actions.addWidget(button)
        actions.addStretch()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.accounts)
        layout.addLayout(actions)
        layout.addLayout(form)
        layout.addWidget(self.add_button)
        layout.addWidget(self.message)
        layout.addWidget(close)

    def refresh(self, then: Callable[[], object] | None = None) -> None:
        """Read the accounts on the task pool and list them; ``then`` runs once they are listed."""

        def show(statuses: list[AccountOverview]) -> None:
            self._show_accounts(statuses)
            if then is not None:
                then()

        def failed(error: BaseException) -> None:
            self._tasks.tell_user(error)
            if then is not None:
                then()

        self._tasks.run(self.workbench.account_statuses, show, failed, key=self._key)

    def _show_accounts(self, statuses: list[AccountOverview]) -> None:
        chosen = self._selected()
        self._statuses = {status.account_id: status for status in statuses}
        self.accounts.clear()
        for status in statuses:
            role = self.tr("new") if status.role == "new" else self.tr("old")
            state = {
                "active": self.tr("signed in"),
                "signed_out": self.tr("signed out"),
                "retired": self.tr("retired"),
            }.get(status.status, status.status)
            text = f"{status.display_name} — {status.source_name} ({role}, {state})"
            if status.pending:
                text += " · " + self.tr("{count} waiting").format(count=status.pending)
            item = QListWidgetItem(text)
            item.setData(256, status.account_id)
            self.accounts.addItem(item)
            if status.account_id == chosen:
                self.accounts.setCurrentItem(item)
        self._selection_changed()

    def _selection_changed(self) -> None:
        """Sign in again is offered for an account that waits for its password, and only then."""
        account = self._statuses.get(self._selected() or -1)
        self.sign_in_again_button.setEnabled(account is not None and account.needs_password)

    def _selected(self) -> int | None:
        item = self.accounts.currentItem()
        return None if item is None else int(item.data(256))

    # -- calls on the task pool ------------------------------------------------------------------

    def _run(self, call: Callable[[], Any]) -> None:
        self.message.setText(self.tr("Working…"))
        self._enable_buttons(False)
        self._tasks.run(call, lambda _answer: self._after_call(None), lambda error: self._after_call(user_text(error)))

    def _after_call(self, problem: str | None) -> None:
        self._enable_buttons(True)
        self.password.clear()  # never kept longer than the call that needed it
        self.message.setText(problem or self.tr("Done."))
        self.refresh(then=lambda: self.finished_call.emit(problem))

    def _enable_buttons(self, enabled: bool) -> None:
        for button in (self.add_button, self.sign_out_button, self.remove_button):
            button.setEnabled(enabled)
        self.sign_in_again_button.setEnabled(False)  # the refreshed list says again which account needs it

    def add_account(self) -> None:
        code = self.system.currentData()
        kind = dict(SYSTEMS)[code]
        source = SourceInfo(code, self._system_name(code), kind, self.url.text().strip())
        login, password = self.login.text().strip(), self.password.text()
        if not (source.base_url and login and password):
            self.message.setText(self.tr("Fill in the server address, the login and the password."))
            return
        self._run(lambda: self.workbench.add_account(source, login, password))

    def sign_out(self) -> None:
        account_id = self._selected()
        if account_id is not None:
            self._run(lambda: self.workbench.sign_out(account_id))

    def remove(self) -> None:
        """After asking: the account's data leave this computer (its waiting actions are refused
        by the core while any remain)."""
        account_id = self._selected()
        if account_id is None:
            return
        account = self._statuses.get(account_id)
        who = account.display_name if account is not None else ""
        question = self.tr("Remove the account “{name}” and its data from this computer?").format(name=who)
        if self._confirm(self, self.tr("Remove"), question, self.tr("Remove")):
            self._run(lambda: self.workbench.remove_account(account_id))

    def sign_in_again(self) -> SignInAgainDialog | None:
        """Only the password is asked: the login and the server are the account's."""
        from ui.sign_in_again import SignInAgainDialog

        account = self._statuses.get(self._selected() or -1)
        if account is None or not account.needs_password:
            return None
        dialog = SignInAgainDialog(self.workbench, self._tasks, account, self)
        dialog.signed_in.connect(lambda _account_id: self._after_call(None))
        dialog.show()
        return dialog
