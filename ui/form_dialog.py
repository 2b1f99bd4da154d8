"""A dialog whose form is saved by Ctrl+Enter only.

QDialogButtonBox makes its accept button the default when the dialog is shown, so QDialog would press
it on any Enter a field does not use itself: half a form registered, a second draft saved. Here a plain
Enter that reaches the dialog does nothing (fields that use Enter — a search list — still get it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog


class FormDialog(QDialog):
    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            event.accept()
            return
        super().keyPressEvent(event)
