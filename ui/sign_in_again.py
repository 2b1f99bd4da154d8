"""Signing a signed-out account back in: only its password is asked (the login and the server are
known). Its documents, dossiers and waiting actions stay where they are; it syncs again at once.

Also the one place that words a failed sign-in for the first-run assistant: wrong password,
unreachable server, untrusted certificate, each as a sentence the official can act on.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.error_kinds import ErrorKind, kind_of
from app.workbench import AccountOverview, Workbench
from ui.tasks import TaskRunner
from ui.translation import user_text


def sign_in_problem(error: BaseException, address: str) -> str:
    """Why a sign-in (or the check of a server) failed, in the user's language, with what to do.
    The general wording of ``user_text`` speaks of work kept for later, which fits a sync, not this."""
    if kind_of(error) is ErrorKind.UNREACHABLE:
        return QCoreApplication.translate(
            "SignInAgainDialog",
            "Cannot reach the server at {address}. Check the address and this computer's network "
            "connection, then try again.",
        ).format(address=address)
    return user_text(error)


class SignInAgainDialog(QDialog):
    signed_in = Signal(int)  # the account's id, once the server has taken the password

    def __init__(
        self, workbench: Workbench, tasks: TaskRunner, account: AccountOverview, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signInAgainDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # a password field is not kept hidden for later
        self.workbench, self._tasks, self.account = workbench, tasks, account
        self.setWindowTitle(self.tr("Sign in again"))
        intro = QLabel(self.tr("Enter the password of this account. Its documents, dossiers and the actions "
                               "waiting to be sent stay as they are."), wordWrap=True)  # fmt: skip
        self.password = QLineEdit(objectName="signInAgainPassword", echoMode=QLineEdit.EchoMode.Password)
        self.message = QLabel(objectName="signInAgainMessage", wordWrap=True)
        self.message.setStyleSheet("color: #b3261e")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.sign_in_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in_button.setText(self.tr("Sign in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.sign_in)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Account"), QLabel(f"{account.display_name} ({account.login})"))
        form.addRow(self.tr("System"), QLabel(account.source_name))
        form.addRow(self.tr("Server address"), QLabel(account.server))
        form.addRow(self.tr("Password"), self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def sign_in(self) -> None:
        password = self.password.text()
        if not password:
            self.message.setText(self.tr("Enter the password."))
            return
        self.message.setText(self.tr("Signing in…"))
        self._enable(False)
        account_id = self.account.account_id
        self._tasks.run(lambda: self.workbench.sign_in_again(account_id, password), self._done, self._failed,
                        key=self._task_key)  # fmt: skip

    def _done(self, _secret: object) -> None:
        self.password.clear()
        self._enable(True)
        self.signed_in.emit(self.account.account_id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.password.clear()  # never kept longer than the call that needed it
        self._enable(True)
        self.message.setText(sign_in_problem(error, self.account.server))
        self.password.setFocus()

    def done(self, result: int) -> None:
        self.password.clear()  # Cancel too: nothing typed stays in memory
        self._tasks.cancel(self._task_key)  # closed while signing in: the answer has no dialog to go to
        super().done(result)

    @property
    def _task_key(self) -> str:
        return f"sign-in-again-{self.account.account_id}"

    def _enable(self, enabled: bool) -> None:
        self.password.setEnabled(enabled)
        self.sign_in_button.setEnabled(enabled)
