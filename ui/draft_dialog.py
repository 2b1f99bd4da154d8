"""Drafting an outgoing document: the Decree 30 fields, recipients picked from the agency directory by
typing part of a name or code (with or without diacritics), the files, then "Save the draft". Works
offline: the number comes from the unit's register when the document is issued."""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.document_types import CATALOGUE, LETTER
from app.domain.errors import DomainError
from app.domain.labels import CONFIDENTIALITY_LABELS, URGENCY_LABELS
from app.domain.outgoing_draft import Draft, DraftRecipient, check_draft, draft_payload
from app.domain.vietnamese_text import has_words
from app.outgoing_drafts import Directory
from app.workbench import Workbench
from ui.file_dialogs import open_files
from ui.form_dialog import FormDialog
from ui.tasks import TaskRunner
from ui.translation import domain_text, user_text
from ui.window_layout import fit_to_screen

MAX_SHOWN = 200  # directory matches listed at once: typing narrows them


class DraftDialog(FormDialog):
    saved = Signal(int)  # the draft's row id, once written

    def __init__(
        self, workbench: Workbench, tasks: TaskRunner, parent: QWidget | None = None, editing: int | None = None
    ) -> None:
        super().__init__(parent, objectName="draftDialog")
        self.workbench = workbench
        self._tasks = tasks
        self.editing = editing  # the draft's row id when changing one; None for a new draft
        self._directory: tuple[DraftRecipient, ...] = ()
        self._files: list[Path] = []
        self.setWindowTitle(self.tr("Draft an outgoing document"))
        layout = QVBoxLayout(self)
        columns = QHBoxLayout()
        columns.addLayout(self._fields_column(), 5)
        columns.addLayout(self._recipients_column(), 4)
        layout.addLayout(columns)
        self.error = QLabel(objectName="draftError", wordWrap=True)
        self.error.setStyleSheet("color: #b00020; font-weight: bold;")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = QPushButton(self.tr("Save the draft (Ctrl+Enter)"), objectName="saveDraft")
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        for button in self.findChildren(QPushButton):  # Enter in a field must not save half a draft
            button.setAutoDefault(False)
            button.setDefault(False)
        self.save_button.clicked.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.submit)
        fit_to_screen(self, 1120, 620)  # never larger than the free screen (1366×768 at 125 %)
        self._tasks.run(self.workbench.drafts.directory, self._show_directory, key="draft-directory")

    # -- building ------------------------------------------------------------------------------

    def _fields_column(self) -> QFormLayout:
        self.doc_type = QComboBox(objectName="draftType")
        for kind in CATALOGUE:
            self.doc_type.addItem(kind.name, kind.code)
        self.doc_type.setCurrentIndex(self.doc_type.findData(LETTER.code))
        self.subject = QLineEdit(objectName="draftSubject", maxLength=500)
        self.subject.setPlaceholderText(self.tr("V/v … (what the document is about)"))
        self.content = QPlainTextEdit(objectName="draftContent")
        self.content.setTabChangesFocus(True)
        self.content.setPlaceholderText(self.tr("A short summary of the content (optional)"))
        self.signer_name = QLineEdit(objectName="draftSignerName", maxLength=200)
        self.signer_position = QLineEdit(objectName="draftSignerPosition", maxLength=200)
        self.signer_position.setPlaceholderText(self.tr("e.g. KT. CHỦ TỊCH — PHÓ CHỦ TỊCH"))
        self.urgency = self._coded_combo("draftUrgency", URGENCY_LABELS)
        self.confidentiality = self._coded_combo("draftConfidentiality", CONFIDENTIALITY_LABELS)
        self.has_due = QCheckBox(self.tr("Answer due by"), objectName="draftHasDue")
        self.due_on = QDateEdit(objectName="draftDue", calendarPopup=True, displayFormat="dd/MM/yyyy", enabled=False)
        today = self.workbench.clock.now().date()
        self.due_on.setDate(QDate(today.year, today.month, today.day).addDays(7))
        self.has_due.toggled.connect(self.due_on.setEnabled)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due_on, 1)
        self.file_list = QListWidget(objectName="draftFiles")
        self.file_list.setMaximumHeight(70)
        self.attach_button = QPushButton(self.tr("Attach files…"), objectName="draftAttach")
        self.attach_button.clicked.connect(lambda: self.pick_files())
        form = QFormLayout()
        form.addRow(self.tr("&Type"), self.doc_type)
        form.addRow(self.tr("&Subject"), self.subject)
        form.addRow(self.tr("Su&mmary"), self.content)
        form.addRow(self.tr("Signer's &name"), self.signer_name)
        form.addRow(self.tr("Signer's &position"), self.signer_position)
        form.addRow(self.tr("&Urgency"), self.urgency)
        form.addRow(self.tr("&Confidentiality"), self.confidentiality)
        form.addRow(due_row)
        form.addRow(self.tr("Files"), self.file_list)
        form.addRow("", self.attach_button)
        return form

    def _coded_combo(self, name: str, labels: dict[str, str]) -> QComboBox:
        combo = QComboBox(objectName=name)
        for code, label in labels.items():
            combo.addItem(domain_text(label), code)
        return combo

    def _recipients_column(self) -> QVBoxLayout:
        self.recipient_search = QLineEdit(objectName="recipientSearch", clearButtonEnabled=True)
        self.recipient_search.setPlaceholderText(self.tr("Type part of a name or code, e.g. phuong sai gon"))
        self.recipient_search.textChanged.connect(self._filter)
        self.recipient_search.returnPressed.connect(self._add_first)
        self.matches = QListWidget(objectName="recipientMatches")
        self.matches.itemActivated.connect(self._add)
        self.chosen = QListWidget(objectName="recipientsChosen")
        self.chosen.itemActivated.connect(lambda item: self.chosen.takeItem(self.chosen.row(item)))
        column = QVBoxLayout()
        column.addWidget(QLabel(self.tr("&Recipients from the agency directory (Enter adds)"),
                                buddy=self.recipient_search))  # fmt: skip
        column.addWidget(self.recipient_search)
        column.addWidget(self.matches, 3)
        column.addWidget(QLabel(self.tr("Sent to (Enter on one removes it)"), buddy=self.chosen))
        column.addWidget(self.chosen, 2)
        return column

    # -- the directory -------------------------------------------------------------------------

    def _show_directory(self, directory: Directory) -> None:
        self._directory = directory.agencies
        self._filter(self.recipient_search.text())

    def _filter(self, text: str) -> None:
        self.matches.clear()
        for agency in self._directory:
            if has_words(f"{agency.name} {agency.organ_id}", text):
                item = QListWidgetItem(f"{agency.name} — {agency.organ_id}")
                item.setData(Qt.ItemDataRole.UserRole, agency)
                self.matches.addItem(item)
                if self.matches.count() >= MAX_SHOWN:
                    break

    def _add_first(self) -> None:
        item = self.matches.currentItem() or self.matches.item(0)
        if item is not None:
            self._add(item)

    def _add(self, item: QListWidgetItem) -> None:
        agency: DraftRecipient = item.data(Qt.ItemDataRole.UserRole)
        if agency.organ_id not in [r.organ_id for r in self.recipients()]:
            chosen = QListWidgetItem(f"{agency.name} — {agency.organ_id}")
            chosen.setData(Qt.ItemDataRole.UserRole, agency)
            self.chosen.addItem(chosen)
        self.recipient_search.selectAll()

    def recipients(self) -> tuple[DraftRecipient, ...]:
        return tuple(self.chosen.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.chosen.count()))

    def choose_recipients(self, *codes: str) -> None:
        """Add the directory's agencies with these codes, as typing each code and Enter would."""
        for code in codes:
            self.recipient_search.setText(code)
            self._add_first()

    # -- files and saving ----------------------------------------------------------------------

    def pick_files(self, paths: list[Path] | None = None) -> None:
        if paths is None:
            title = self.tr("Attach the document's files")
            filters = self.tr("Documents (*.pdf *.doc *.docx *.odt);;All files (*)")
            paths = open_files(self, self.workbench, title, filters)
        for path in paths:
            if path not in self._files:
                self._files.append(path)
                self.file_list.addItem(path.name)

    def draft(self) -> Draft:
        due = self.due_on.date().toPython() if self.has_due.isChecked() else None
        return Draft(
            doc_type=str(self.doc_type.currentData()), subject=self.subject.text(),
            content=self.content.toPlainText(), signer_name=self.signer_name.text(),
            signer_position=self.signer_position.text(), recipients=self.recipients(),
            urgency=str(self.urgency.currentData()), confidentiality=str(self.confidentiality.currentData()),
            due_on=due if isinstance(due, date) else None,
        )  # fmt: skip

    def load(self, fields: dict[str, Any]) -> None:
        """Fill the form with a draft's fields, to change it; files picked now are added to its own."""
        self.setWindowTitle(self.tr("Edit the draft"))
        self.doc_type.setCurrentIndex(max(0, self.doc_type.findData(fields["doc_type"])))
        self.subject.setText(fields["subject"] or "")
        self.content.setPlainText(fields["content"] or "")
        self.signer_name.setText(fields["signer_name"] or "")
        self.signer_position.setText(fields["signer_position"] or "")
        self.urgency.setCurrentIndex(max(0, self.urgency.findData(fields["urgency"])))
        self.confidentiality.setCurrentIndex(max(0, self.confidentiality.findData(fields["confidentiality"])))
        if fields["due_on"] is not None:
            self.has_due.setChecked(True)
            self.due_on.setDate(QDate(fields["due_on"].year, fields["due_on"].month, fields["due_on"].day))
        for delivery in fields["deliveries"]:
            agency = DraftRecipient(str(delivery["organ_id"]), str(delivery.get("name") or ""))
            item = QListWidgetItem(f"{agency.name} — {agency.organ_id}")
            item.setData(Qt.ItemDataRole.UserRole, agency)
            self.chosen.addItem(item)
        for name in fields.get("files", ()):  # what it has already: new files are added to them
            self.file_list.addItem(name)

    def submit(self) -> None:
        if not self.save_button.isEnabled():  # already saving: a second key press must not make a second draft
            return
        try:
            draft = check_draft(self.draft())  # said at once, before anything is written
        except DomainError as error:
            self.error.setText(user_text(error))
            return
        self.error.setText(self.tr("Saving the draft…"))
        self.save_button.setEnabled(False)
        self._tasks.run_write(partial(self._save, draft, tuple(self._files)), self._done, self._refused)

    def _save(self, draft: Draft, files: tuple[Path, ...]) -> int:
        """On the writer thread: a new draft, or the change of this one, written durably."""
        if self.editing is None:
            return self.workbench.create_draft(draft, files)
        self.workbench.perform("document", self.editing, "edit_draft", draft_payload(draft))
        self.workbench.drafts.attach(self.editing, files)  # after: a refused change adds no file
        return self.editing

    def _done(self, document_id: int) -> None:
        self.saved.emit(document_id)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(user_text(error))
