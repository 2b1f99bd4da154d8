"""Taking a dossier in at the counter, from the keyboard: find the procedure by typing (with or
without diacritics), tick the papers received, fill in the applicant, attach the scans, and
Ctrl+Enter registers it and shows its receipt. Works offline: the code comes from this desk's
blocks of numbers."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.counter_intake import IntakeForm, Registered
from app.domain.dossier_intake import Applicant
from app.domain.labels import CHANNEL_LABELS
from app.domain.procedures import DossierComponent, Procedure
from app.domain.vietnamese_text import has_words
from app.workbench import Workbench
from ui.file_dialogs import open_files
from ui.form_dialog import FormDialog
from ui.item_models import format_datetime
from ui.tasks import TaskRunner
from ui.translation import domain_text, user_text
from ui.window_layout import fit_to_screen

DATE_FORMAT = "%d/%m/%Y"


class _SearchField(QLineEdit):
    """Enter picks the highlighted procedure (returnPressed) and goes no further: not to the dialog."""

    down_to: QWidget | None = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.returnPressed.emit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Down and self.down_to is not None:  # from the search straight into the list
            self.down_to.setFocus(Qt.FocusReason.TabFocusReason)
            return
        super().keyPressEvent(event)


class IntakeDialog(FormDialog):
    registered = Signal(object)  # the Registered dossier, once written

    def __init__(self, workbench: Workbench, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="intakeDialog")
        self.workbench = workbench
        self._tasks = tasks
        self._procedures: list[Procedure] = []
        self._files: list[Path] = []
        self.setWindowTitle(self.tr("Take in a dossier"))
        self.search = _SearchField(objectName="procedureSearch", clearButtonEnabled=True)
        self.search.setPlaceholderText(self.tr("Type the procedure's name or code, e.g. khai sinh"))
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._take_first)
        self.procedure_list = QListWidget(objectName="procedureList")
        self.procedure_list.currentItemChanged.connect(lambda *_: self._procedure_chosen())
        self.search.down_to = self.procedure_list
        self.procedure_facts = QLabel(objectName="procedureFacts", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.papers = QListWidget(objectName="papersReceived")
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("&Procedure"), buddy=self.search))
        left.addWidget(self.search)
        left.addWidget(self.procedure_list, 3)
        left.addWidget(self.procedure_facts)
        left.addWidget(QLabel(self.tr("Papers &received (Space ticks)"), buddy=self.papers))
        left.addWidget(self.papers, 2)
        layout = QVBoxLayout(self)
        columns = QHBoxLayout()
        columns.addLayout(left, 5)
        columns.addLayout(self._applicant_column(), 4)
        layout.addLayout(columns)
        self.error = QLabel(objectName="intakeError", wordWrap=True)
        self.error.setStyleSheet("color: #b00020; font-weight: bold;")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.register_button = QPushButton(self.tr("Register and show the receipt (Ctrl+Enter)"),
                                           objectName="registerDossier")  # fmt: skip
        self.buttons.addButton(self.register_button, QDialogButtonBox.ButtonRole.AcceptRole)
        for button in self.findChildren(QPushButton):  # Enter in a field must not register half a form
            button.setAutoDefault(False)
            button.setDefault(False)
        self.register_button.clicked.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.submit)
        fit_to_screen(self, 1120, 640)  # never larger than the free screen (1366×768 at 125 %)
        self._load_catalogue()

    # -- building ------------------------------------------------------------------------------

    def _applicant_column(self) -> QVBoxLayout:
        self.person = QRadioButton(self.tr("C&itizen"), objectName="applicantPerson", checked=True)
        self.organisation = QRadioButton(self.tr("Or&ganisation"), objectName="applicantOrganisation")
        kinds = QButtonGroup(self)
        kinds.addButton(self.person)
        kinds.addButton(self.organisation)
        self.person.toggled.connect(lambda _checked: self._kind_changed())
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.person)
        kind_row.addWidget(self.organisation)
        self.name = QLineEdit(objectName="applicantName")
        self.id_number = QLineEdit(objectName="applicantId")
        self.born_on = QLineEdit(objectName="applicantBorn", placeholderText="dd/MM/yyyy")
        self.address = QLineEdit(objectName="applicantAddress")
        self.phone = QLineEdit(objectName="applicantPhone")
        self.email = QLineEdit(objectName="applicantEmail")
        self.channel = QComboBox(objectName="channel")
        for code in ("in_person", "post", "online"):
            self.channel.addItem(domain_text(CHANNEL_LABELS[code]), code)
        form = QFormLayout()
        form.addRow(kind_row)
        form.addRow(self.tr("Full &name"), self.name)
        self.id_label = QLabel(buddy=self.id_number)
        form.addRow(self.id_label, self.id_number)
        self.born_label = QLabel(self.tr("Date of &birth"), buddy=self.born_on)
        form.addRow(self.born_label, self.born_on)
        form.addRow(self.tr("&Address"), self.address)
        form.addRow(self.tr("Ph&one"), self.phone)
        form.addRow(self.tr("&E-mail"), self.email)
        form.addRow(self.tr("C&hannel"), self.channel)
        box = QGroupBox(self.tr("Applicant"))
        box.setLayout(form)
        self.file_list = QListWidget(objectName="intakeFiles")
        self.file_list.setMaximumHeight(90)
        add_files = QPushButton(self.tr("Attach &scans…"), objectName="attachScans", clicked=lambda: self.pick_files())
        column = QVBoxLayout()
        column.addWidget(box)
        column.addWidget(QLabel(self.tr("Files the applicant brought")))
        column.addWidget(self.file_list)
        column.addWidget(add_files, alignment=Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        self._kind_changed()
        return column

    def _kind_changed(self) -> None:
        person = self.person.isChecked()
        self.id_label.setText(self.tr("Personal &ID number (12 digits)") if person else self.tr("&Tax code"))
        self.born_label.setVisible(person)
        self.born_on.setVisible(person)

    # -- the catalogue -------------------------------------------------------------------------

    def _load_catalogue(self) -> None:
        self.procedure_facts.setText(self.tr("Loading the procedure catalogue…"))
        self._tasks.run(self.workbench.intake.procedures, self._show_catalogue, key="intake-catalogue")

    def _show_catalogue(self, procedures: list[Procedure]) -> None:
        self._procedures = procedures
        if not procedures:
            self.procedure_facts.setText(self.tr(
                "The procedure catalogue is not on this computer yet. Connect and sync once (F5) to receive it."
            ))  # fmt: skip
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        self.procedure_list.clear()
        for procedure in self._procedures:
            label = f"{procedure.name} ({procedure.code}) — {procedure.field}"
            if has_words(label, text):
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, procedure)
                self.procedure_list.addItem(item)
        if self.procedure_list.count():
            self.procedure_list.setCurrentRow(0)
        else:
            self._procedure_chosen()

    def _take_first(self) -> None:
        """Enter in the search field picks the highlighted procedure and moves on to the papers."""
        if self.chosen_procedure() is not None:
            self.papers.setFocus(Qt.FocusReason.TabFocusReason)
            self.papers.setCurrentRow(0)

    def chosen_procedure(self) -> Procedure | None:
        item = self.procedure_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _procedure_chosen(self) -> None:
        procedure = self.chosen_procedure()
        self.papers.clear()
        if procedure is None:
            if self._procedures:
                self.procedure_facts.setText(self.tr("No procedure matches; try fewer words."))
            return
        for part in procedure.components:
            item = QListWidgetItem(self._paper_text(part))
            item.setData(Qt.ItemDataRole.UserRole, part)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.papers.addItem(item)
        self.procedure_facts.setText(self._facts(procedure))

    def _paper_text(self, part: DossierComponent) -> str:
        counts = []
        if part.originals:
            counts.append(self.tr("%n original(s)", "", part.originals))
        if part.copies:
            counts.append(self.tr("%n copy(ies)", "", part.copies))
        return f"{part.name} — {', '.join(counts)}"

    def _facts(self, procedure: Procedure) -> str:
        amount = procedure.statutory.amount
        time_text = (self.tr("%n working hour(s)", "", amount) if procedure.statutory.unit == "hours"
                     else self.tr("%n working day(s)", "", amount))  # fmt: skip
        fee = self.tr("free") if procedure.fee == 0 else f"{procedure.fee:,} đ".replace(",", ".")
        due = self.workbench.intake.promised_due(procedure, self.workbench.clock.now())
        lines = [
            self.tr("Statutory time: <b>{time}</b> · fee: <b>{fee}</b>").format(time=time_text, fee=fee),
            self.tr("If received now, the result is due <b>{due}</b>").format(due=format_datetime(due)),
        ]
        cutoff = self.workbench.intake.cutoff_for(procedure)
        if cutoff is not None:
            lines.append(self.tr("Received after {time}, it counts from the next working day.").format(
                time=cutoff.strftime("%H:%M")))  # fmt: skip
        return "<br>".join(lines)

    # -- files ---------------------------------------------------------------------------------

    def pick_files(self, paths: list[Path] | None = None) -> None:
        if paths is None:
            title = self.tr("Attach the applicant's scans")
            paths = open_files(self, self.workbench, title, self.tr("Scans (*.pdf *.jpg *.jpeg *.png);;All files (*)"))
        for path in paths:
            if path not in self._files:
                self._files.append(path)
                self.file_list.addItem(path.name)

    # -- registering ---------------------------------------------------------------------------

    def form(self) -> IntakeForm | str:
        """The form as filled in, or what to tell the user first."""
        procedure = self.chosen_procedure()
        if procedure is None:
            return self.tr("Choose a procedure from the catalogue.")
        born_text = self.born_on.text().strip() if self.person.isChecked() else ""
        try:
            born = datetime.strptime(born_text, DATE_FORMAT).date() if born_text else None
        except ValueError:
            return self.tr("The date of birth must be written dd/MM/yyyy, e.g. 02/09/1990.")
        if born is not None and born > self.workbench.clock.now().date():
            return self.tr("The date of birth is in the future.")
        papers = [
            self.papers.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.papers.count())
            if self.papers.item(row).checkState() == Qt.CheckState.Checked
        ]
        applicant = Applicant(
            name=self.name.text(), kind="person" if self.person.isChecked() else "organisation",
            id_number=self.id_number.text(), born_on=born, address=self.address.text(), phone=self.phone.text(),
            email=self.email.text(),
        )  # fmt: skip
        return IntakeForm(procedure.code, applicant, self.channel.currentData(), tuple(papers), tuple(self._files))

    def submit(self) -> None:
        if not self.register_button.isEnabled():  # already registering: a second key press must not register twice
            return
        form = self.form()
        if isinstance(form, str):
            self.error.setText(form)
            return
        self.error.setText(self.tr("Registering…"))
        self.register_button.setEnabled(False)
        self._tasks.run_write(lambda: self.workbench.register_dossier(form), self._done, self._refused)

    def _done(self, registered: Registered) -> None:
        self.registered.emit(registered)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.register_button.setEnabled(True)
        self.error.setText(user_text(error))
