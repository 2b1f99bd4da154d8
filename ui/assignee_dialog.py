"""Choosing who handles a document: the unit's officials (from the service, kept for offline use), found by
typing part of a name with or without diacritics; Enter takes the one whose words were typed, else what
was typed: a name not on the list (a department, a colleague not yet on the system) is typed in full."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QListWidget, QVBoxLayout, QWidget

from app.domain.vietnamese_text import fold, has_words


class AssigneeDialog(QDialog):
    def __init__(self, title: str, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="assigneeDialog")
        self.setWindowTitle(title)
        self._names = names
        self.search = QLineEdit(objectName="assigneeSearch", clearButtonEnabled=True)
        self.search.setPlaceholderText(self.tr("Type part of a name, e.g. binh"))
        self.search.textChanged.connect(self._filter)
        self.matches = QListWidget(objectName="assigneeMatches")
        self.matches.itemActivated.connect(lambda _item: self.accept())
        hint = (
            self.tr("The unit's officials")
            if names
            else self.tr("The list of the unit's officials comes with the next sync; type the name in full.")
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("&Person or unit to handle it"), buddy=self.search))
        layout.addWidget(self.search)
        layout.addWidget(QLabel(hint, wordWrap=True))
        layout.addWidget(self.matches)
        layout.addWidget(buttons)
        self.resize(460, 420)
        self._filter("")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and self.search.hasFocus():  # from the search into the list
            self.matches.setFocus()
            return
        super().keyPressEvent(event)

    def _filter(self, text: str) -> None:
        words = fold(text).split()
        self.matches.clear()
        self.matches.addItems([name for name in self._names if has_words(name, text)])
        # Enter takes the first name that has every typed word as a whole word ("tran binh" is Trần Văn
        # Bình), never a longer one ("an" is not Anh): then what was typed is taken as it is.
        whole = [row for row in range(self.matches.count())
                 if set(words) <= set(fold(self.matches.item(row).text()).split())]  # fmt: skip
        if words and whole:
            self.matches.setCurrentRow(whole[0])

    def chosen(self) -> str:
        """The highlighted official, else what was typed."""
        item = self.matches.currentItem()
        return item.text() if item is not None else self.search.text().strip()

    @staticmethod
    def ask(parent: QWidget, title: str, names: list[str]) -> tuple[str, bool]:
        dialog = AssigneeDialog(title, names, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.chosen(), accepted and bool(dialog.chosen())
