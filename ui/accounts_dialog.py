"""Accounts: the new city account and the old province one side by side; add, sign in again,
sign out, remove. Every call that talks to a server or the keyring runs on a worker thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

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

from app.accounts import PendingActions, SourceInfo
from app.central_client import CentralRejected, CentralTransient, CentralUnreachable
from app.workbench import Workbench

SYSTEMS = (
    ("unified", "unified"),
    ("legacy-binhduong", "legacy"),
    ("legacy-brvt", "legacy"),
)


class AccountsDialog(QDialog):
    finished_call = Signal(object)  # None when done, else a message for the user

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
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
        self._layout()
        self.finished_call.connect(self._after_call)
        self.refresh()

    def _system_name(self, code: str) -> str:
        return {
            "unified": self.tr("City's unified system (new)"),
            "legacy-binhduong": self.tr("Former Bình Dương system (old)"),
            "legacy-brvt": self.tr("Former Bà Rịa – Vũng Tàu system (old)"),
        }[code]

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("System"), self.system)
        form.addRow(self.tr("Server address"), self.url)
        form.addRow(self.tr("Login"), self.login)
        form.addRow(self.tr("Password"), self.password)
        actions = QHBoxLayout()
        for button in (self.sign_out_button, self.remove_button):
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

    def refresh(self) -> None:
        self.accounts.clear()
        for status in self.workbench.account_statuses():
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

    def _selected(self) -> int | None:
        item = self.accounts.currentItem()
        return None if item is None else int(item.data(256))

    # -- calls on a worker -------------------------------------------------------------------------

    def _run(self, call: Callable[[], Any]) -> None:
        self.message.setText(self.tr("Working…"))
        for button in (self.add_button, self.sign_out_button, self.remove_button):
            button.setEnabled(False)

        def work() -> None:
            try:
                call()
                self.finished_call.emit(None)
            except CentralRejected as error:
                self.finished_call.emit(error.message_vi or error.code)
            except (CentralUnreachable, CentralTransient):
                self.finished_call.emit(self.tr("The server cannot be reached; nothing was saved."))
            except PendingActions as error:
                self.finished_call.emit(
                    self.tr("{count} actions of this account still wait to sync; sync first.").format(count=error.count)
                )

        threading.Thread(target=work, name="account-call", daemon=True).start()

    def _after_call(self, problem: object) -> None:
        for button in (self.add_button, self.sign_out_button, self.remove_button):
            button.setEnabled(True)
        self.password.clear()  # never kept longer than the call that needed it
        self.message.setText(str(problem) if problem else self.tr("Done."))
        self.refresh()

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
        account_id = self._selected()
        if account_id is not None:
            self._run(lambda: self.workbench.remove_account(account_id))
