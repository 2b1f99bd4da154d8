"""The one question before an action that cannot be taken back: in the user's language, with the
safe answer as the default (Enter or Esc never does the irreversible thing by accident)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(parent: QWidget | None, title: str, question: str, go: str) -> bool:
    """``go`` names what happens (e.g. "Đánh dấu hoàn thành"); the other answer is Cancel."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
    box.setObjectName("confirmAction")
    yes = box.addButton(go, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(QCoreApplication.translate("Confirm", "Cancel"), QMessageBox.ButtonRole.RejectRole)
    yes.setObjectName("confirmYes")
    no.setObjectName("confirmNo")
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes
