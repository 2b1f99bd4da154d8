"""Asking the token's PIN for one signing: typed hidden, handed to the signing, never kept."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget


class PinDialog(QDialog):
    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinDialog")
        self.setWindowTitle(self.tr("Sign with the token"))
        intro = QLabel(self.tr("Plug in your signing token and type its PIN to sign “{what}”.").format(what=what))
        intro.setWordWrap(True)
        self.pin = QLineEdit(objectName="pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(64)
        note = QLabel(self.tr("The PIN goes to the token only: Ward Desk never stores it."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.sign_button = buttons.addButton(self.tr("Sign"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.sign_button.setEnabled(False)
        self.pin.textChanged.connect(lambda text: self.sign_button.setEnabled(bool(text)))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.pin)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(460, 180)

    @staticmethod
    def ask(parent: QWidget, what: str) -> tuple[str, bool]:
        dialog = PinDialog(what, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        pin = dialog.pin.text()
        dialog.pin.clear()  # the widget outlives this call until Qt deletes it
        dialog.deleteLater()
        return (pin, True) if accepted and pin else ("", False)
