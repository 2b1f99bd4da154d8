"""What a step on a 1022 report needs, asked in one dialog: a send-back's reason and the competent unit
(from the agency directory), a progress note with its committed date and photos, the answer's text,
whether the answer may be published. The dialog only gathers; the detail pane writes the action."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
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

from app.domain.vietnamese_text import has_words
from app.workbench import Workbench
from ui.file_dialogs import open_files
from ui.form_dialog import FormDialog
from ui.window_layout import fit_to_screen

ASKED_ACTIONS = frozenset({"send_back", "record_progress", "draft_answer", "send_answer"})
MAX_UNITS_SHOWN = 200  # the directory holds thousands: the first that match, as the user types


@dataclass(frozen=True)
class ReportContext:
    """What the dialog shows and checks against: the report as the pane has it."""

    code: str
    unit_code: str  # the unit itself is not a competent unit to send it back to
    answer: str  # the answer drafted so far (a revision starts from it)
    overdue: bool  # past its due time: a progress note must commit to a date
    today: date
    units: tuple[tuple[str, str], ...] = ()  # the directory's current units: (code, name)


@dataclass(frozen=True)
class ReportStep:
    payload: dict[str, Any]
    files: tuple[Path, ...] = field(default=())  # photos of the progress, copied in with the action


class FeedbackDialog(FormDialog):
    def __init__(self, action: str, title: str, context: ReportContext, parent: QWidget | None = None,
                 workbench: Workbench | None = None) -> None:  # fmt: skip
        super().__init__(parent, objectName="feedbackDialog")
        self.setWindowTitle(f"{title} — {context.code}")
        self.action, self.context, self._workbench = action, context, workbench
        self.files: list[Path] = []
        self.problem = QLabel(objectName="feedbackProblem", wordWrap=True)
        self.problem.setStyleSheet("color: #b3261e")
        self.problem.hide()
        self.text = QPlainTextEdit(objectName="feedbackText")
        self.text.setTabChangesFocus(True)
        self._layout = QVBoxLayout(self)
        build = {"send_back": self._send_back, "record_progress": self._progress, "draft_answer": self._answer,
                 "send_answer": self._publish}  # fmt: skip
        build[action]()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(title)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setToolTip("Ctrl+Enter")
        buttons.accepted.connect(self.submit)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # a plain Enter belongs to the text (FormDialog)
            QShortcut(QKeySequence(keys), self, activated=self.submit)
        buttons.rejected.connect(self.reject)
        self._layout.addWidget(self.problem)
        self._layout.addWidget(buttons)
        fit_to_screen(self, 560, 460 if action in ("send_back", "record_progress") else 320)

    # -- the fields of each step ---------------------------------------------------------------------

    def _send_back(self) -> None:
        self._layout.addWidget(QLabel(self.tr("&Why it is not this unit's competence"), buddy=self.text))
        self.text.setFixedHeight(72)
        self._layout.addWidget(self.text)
        self.unit_search = QLineEdit(objectName="unitSearch", clearButtonEnabled=True)
        self.unit_search.setPlaceholderText(self.tr("Type part of a name or code, e.g. phuong sai gon"))
        self.unit_search.textChanged.connect(self._filter_units)
        self.unit_search.returnPressed.connect(lambda: self.units.setCurrentRow(0))
        self.units = QListWidget(objectName="unitMatches")
        self._layout.addWidget(QLabel(self.tr("The &competent unit, from the agency directory"),
                                      buddy=self.unit_search))  # fmt: skip
        self._layout.addWidget(self.unit_search)
        self._layout.addWidget(self.units, 1)
        if not self.context.units:
            hint = self.tr("The agency directory comes with the first sync; sync, then send the report back.")
            self._layout.addWidget(QLabel(hint, wordWrap=True))
        self._filter_units("")

    def _filter_units(self, text: str) -> None:
        self.units.clear()
        for code, name in self.context.units:
            if code != self.context.unit_code and has_words(f"{name} {code}", text):
                item = QListWidgetItem(f"{name} — {code}")
                item.setData(Qt.ItemDataRole.UserRole, code)
                self.units.addItem(item)
                if self.units.count() >= MAX_UNITS_SHOWN:
                    break

    def choose_unit(self, code: str) -> None:
        """The directory's unit with this code, as typing it and Enter would."""
        self.unit_search.setText(code)
        self.units.setCurrentRow(0)

    def _progress(self) -> None:
        self._layout.addWidget(QLabel(self.tr("&What has been done so far"), buddy=self.text))
        self.text.setFixedHeight(96)
        self._layout.addWidget(self.text)
        self.commits = QCheckBox(self.tr("Commit to an answer &date"), objectName="feedbackCommits")
        self.committed_on = QDateEdit(objectName="feedbackCommittedOn", calendarPopup=True, displayFormat="dd/MM/yyyy")
        today = QDate(self.context.today)
        self.committed_on.setMinimumDate(today)
        self.committed_on.setDate(today.addDays(3))
        self.commits.toggled.connect(self.committed_on.setEnabled)
        self.commits.setChecked(self.context.overdue)
        self.committed_on.setEnabled(self.context.overdue)
        row = QHBoxLayout()
        row.addWidget(self.commits)
        row.addWidget(self.committed_on)
        row.addStretch(1)
        self._layout.addLayout(row)
        if self.context.overdue:  # the rule: a late report's progress note names its date (checked in step())
            note = self.tr("This report is past its due time: the progress note must say by when it will be answered.")
            self._layout.addWidget(QLabel(note, wordWrap=True, objectName="feedbackOverdueNote"))
        self.photo_list = QListWidget(objectName="feedbackPhotos")
        add = QPushButton(self.tr("Add &photos…"), objectName="feedbackAddPhotos")
        add.clicked.connect(lambda: self.add_photos())
        self._layout.addWidget(QLabel(self.tr("Photos of the work (sent with the note)")))
        self._layout.addWidget(self.photo_list, 1)
        self._layout.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)

    def add_photos(self, paths: list[Path] | None = None) -> None:
        if paths is None:
            title, filters = self.tr("Photos of the work"), self.tr("Pictures (*.jpg *.jpeg *.png);;All files (*)")
            paths = open_files(self, self._workbench, title, filters)
        for path in paths:
            if path not in self.files:
                self.files.append(path)
                self.photo_list.addItem(path.name)

    def _answer(self) -> None:
        self._layout.addWidget(QLabel(self.tr("The &answer to the citizen"), buddy=self.text))
        self.text.setPlainText(self.context.answer)
        self._layout.addWidget(self.text, 1)

    def _publish(self) -> None:
        self.publish = QCheckBox(self.tr("&Publish this answer on the 1022 portal"), objectName="feedbackPublish")
        self.publish.setChecked(True)
        hint = self.tr("Leave it unticked when the answer holds personal details that must not be made public.")
        self._layout.addWidget(QLabel(self.tr("The approved answer goes back to 1022.")))
        self._layout.addWidget(self.publish)
        self._layout.addWidget(QLabel(hint, wordWrap=True))
        self._layout.addStretch(1)

    # -- the answer --------------------------------------------------------------------------------

    def step(self) -> ReportStep | None:
        """What was filled in, or None with ``problem`` saying what is missing."""
        text = self.text.toPlainText().strip()
        if self.action == "send_answer":
            return ReportStep({"publish": self.publish.isChecked()})
        if not text:
            return self._missing(self.tr("Write the text first."))
        if self.action == "draft_answer":
            return ReportStep({"answer": text})
        if self.action == "send_back":
            chosen = self.units.currentItem()
            if chosen is None:
                return self._missing(self.tr("Choose the competent unit from the list."))
            return ReportStep({"reason": text, "suggested_unit": chosen.data(Qt.ItemDataRole.UserRole)})
        payload: dict[str, Any] = {"text": text}
        if self.context.overdue and not self.commits.isChecked():
            return self._missing(self.tr("This report is past its due time: give the date it will be answered by."))
        if self.commits.isChecked():
            payload["committed_on"] = self.committed_on.date().toPython().isoformat()
        return ReportStep(payload, tuple(self.files))

    def _missing(self, problem: str) -> None:
        self.problem.setText(problem)
        self.problem.show()
        return None

    def submit(self) -> None:
        if self.step() is not None:
            self.accept()

    @staticmethod
    def ask(parent: QWidget, action: str, title: str, context: ReportContext,
            workbench: Workbench | None = None) -> ReportStep | None:  # fmt: skip
        dialog = FeedbackDialog(action, title, context, parent, workbench)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.step()
