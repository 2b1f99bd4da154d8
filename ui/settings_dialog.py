"""Settings: language, sync interval, attachment budget, afternoon cut-off, extra days off and
make-up working days (one date a line, dd/MM/yyyy), the organisation's certificate authority."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from app.settings import (
    ATTACHMENT_BUDGET_MB,
    MEETING_REMINDER_MINUTES,
    SYNC_INTERVAL_MINUTES,
    Settings,
    is_ca_bundle,
)
from ui.file_dialogs import open_file

if TYPE_CHECKING:
    from app.workbench import Workbench

DATE_FORMAT = "%d/%m/%Y"


def parse_dates(text: str) -> tuple[list[str], list[str]]:
    """ISO dates for the settings file, and the lines that are not dd/MM/yyyy dates."""
    good, bad = [], []
    for line in (raw.strip() for raw in text.splitlines()):
        if not line:
            continue
        try:
            good.append(datetime.strptime(line, DATE_FORMAT).date().isoformat())
        except ValueError:
            bad.append(line)
    return sorted(set(good)), bad


def _shown(dates: tuple[str, ...]) -> str:
    return "\n".join(date.fromisoformat(d).strftime(DATE_FORMAT) for d in dates)


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None, workbench: Workbench | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.original = settings
        self.workbench = workbench  # its file dialogs start in the last folder and remember the new one
        self.result_settings: Settings | None = None
        self.language = QComboBox(objectName="language")
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        low, high = SYNC_INTERVAL_MINUTES  # what a settings file may hold: the same ranges
        self.interval = QSpinBox(objectName="interval", minimum=low, maximum=high, value=settings.sync_interval_minutes)
        self.interval.setSuffix(self.tr(" min"))
        low, high = ATTACHMENT_BUDGET_MB
        self.budget = QSpinBox(objectName="budget", minimum=low, maximum=high, value=settings.attachment_budget_mb)
        self.budget.setSuffix(" MB")
        low, high = MEETING_REMINDER_MINUTES
        self.reminder = QSpinBox(objectName="meetingReminder", minimum=low, maximum=high,
                                 value=settings.meeting_reminder_minutes)  # fmt: skip
        self.reminder.setSuffix(self.tr(" min"))
        self.reminder.setSpecialValueText(self.tr("no reminder"))
        self.cutoff = QTimeEdit(QTime.fromString(settings.afternoon_cutoff, "HH:mm"), objectName="cutoff")
        self.cutoff.setDisplayFormat("HH:mm")
        self.cutoff.setTimeRange(QTime(11, 0), QTime(17, 30))  # the afternoon (app.domain.procedures.parse_cutoff)
        self.days_off = QPlainTextEdit(_shown(settings.extra_days_off), objectName="daysOff")
        self.makeup = QPlainTextEdit(_shown(settings.makeup_working_days), objectName="makeupDays")
        self.ca_bundle = QLineEdit(settings.ca_bundle, objectName="caBundle")
        self.ca_bundle.setPlaceholderText(self.tr("the usual public authorities"))
        ca_row = self._with_chooser(self.ca_bundle, "chooseCaBundle", self._choose_ca_bundle)
        self.anchors = QLineEdit(settings.signature_anchors, objectName="signatureAnchors")
        self.anchors.setPlaceholderText(self.tr("none set: no signature can be trusted"))
        anchors_row = self._with_chooser(self.anchors, "chooseAnchors", self._choose_anchors)
        self.pkcs11_module = QLineEdit(settings.pkcs11_module, objectName="pkcs11Module")
        self.pkcs11_module.setPlaceholderText(self.tr("the token vendor's module (.dll on Windows)"))
        module_row = self._with_chooser(self.pkcs11_module, "choosePkcs11Module", self._choose_module)
        self.pkcs11_token = QLineEdit(settings.pkcs11_token, objectName="pkcs11Token")
        self.pkcs11_token.setPlaceholderText(self.tr("empty: the token plugged in"))
        self.timestamp_url = QLineEdit(settings.timestamp_url, objectName="timestampUrl")
        self.timestamp_url.setPlaceholderText("http://…")
        self.error = QLabel(objectName="settingsError", styleSheet="color: #b3261e")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Sync every"), self.interval)
        form.addRow(self.tr("Space for attachments"), self.budget)
        form.addRow(self.tr("Afternoon cut-off"), self.cutoff)
        form.addRow(self.tr("Remind of a meeting"), self.reminder)
        form.addRow(self.tr("Extra days off (dd/MM/yyyy, one a line)"), self.days_off)
        form.addRow(self.tr("Make-up working days (dd/MM/yyyy, one a line)"), self.makeup)
        form.addRow(self.tr("Certificate authority (PEM file)"), ca_row)
        form.addRow(self.tr("Signature trust anchors (PEM file)"), anchors_row)
        form.addRow(self.tr("Signing token's PKCS#11 module"), module_row)
        form.addRow(self.tr("Token (its label, when several)"), self.pkcs11_token)
        form.addRow(self.tr("Timestamp authority (URL)"), self.timestamp_url)
        form.addRow(self.error)
        form.addRow(buttons)
        self.error.setText(self._missing_files())  # a file set once and since deleted or moved: said at once

    def accept(self) -> None:
        """Refuse bad dates with a clear message; nothing changes until everything is valid."""
        days_off, bad_off = parse_dates(self.days_off.toPlainText())
        makeup, bad_makeup = parse_dates(self.makeup.toPlainText())
        both = sorted(set(days_off) & set(makeup))
        if bad_off or bad_makeup:
            lines = ", ".join(bad_off + bad_makeup)
            self.error.setText(self.tr("Not a date (dd/MM/yyyy): {lines}").format(lines=lines))
            return
        missing = self._missing_files()
        if missing:
            self.error.setText(missing)
            return
        ca_bundle = self.ca_bundle.text().strip()
        if ca_bundle and not is_ca_bundle(ca_bundle):
            self.error.setText(self.tr("Not a PEM file of certificates: {path}").format(path=ca_bundle))
            return
        signing = self._signing_problem()
        if signing:
            self.error.setText(signing)
            return
        if both:
            shown = ", ".join(date.fromisoformat(d).strftime(DATE_FORMAT) for d in both)
            self.error.setText(self.tr("A day cannot be both off and a make-up working day: {days}").format(days=shown))
            return
        # What the file choosers remembered meanwhile (the last folder) is not this dialog's to undo.
        latest = self.workbench.settings if self.workbench is not None else self.original
        self.result_settings = replace(
            latest,
            language=self.language.currentData(),
            sync_interval_minutes=self.interval.value(),
            attachment_budget_mb=self.budget.value(),
            afternoon_cutoff=self.cutoff.time().toString("HH:mm"),
            meeting_reminder_minutes=self.reminder.value(),
            extra_days_off=tuple(days_off),
            makeup_working_days=tuple(makeup),
            ca_bundle=ca_bundle,
            signature_anchors=self.anchors.text().strip(),
            pkcs11_module=self.pkcs11_module.text().strip(),
            pkcs11_token=self.pkcs11_token.text().strip(),
            timestamp_url=self.timestamp_url.text().strip(),
        )
        super().accept()

    def _missing_files(self) -> str:
        """The files named here that are not there, each with what to do; "" when none is missing."""
        found = []
        for field, text in (
            (self.ca_bundle, self.tr("The certificate authority file {path} does not exist (deleted or moved?): "
                                     "choose it again, or clear the field to trust the usual public authorities.")),
            (self.anchors, self.tr("The signature trust anchors file {path} does not exist (deleted or moved?): "
                                   "choose it again.")),
            (self.pkcs11_module, self.tr("The signing token's module {path} does not exist (deleted or moved?): "
                                         "choose it again.")),
        ):  # fmt: skip
            path = field.text().strip()
            if path and not Path(path).is_file():
                found.append(text.format(path=path))
        return "\n".join(found)

    def _signing_problem(self) -> str:
        """After _missing_files: every file named is there."""
        anchors, url = self.anchors.text().strip(), self.timestamp_url.text().strip()
        if anchors and not is_ca_bundle(anchors):
            return self.tr("Not a PEM file of certificates: {path}").format(path=anchors)
        if url and not url.startswith(("http://", "https://")):
            return self.tr("The timestamp authority's address starts with http:// or https://")
        return ""

    def _with_chooser(self, field: QLineEdit, name: str, choose: Callable[[], None]) -> QHBoxLayout:
        button = QPushButton(self.tr("Choose…"), objectName=name)
        button.clicked.connect(choose)
        row = QHBoxLayout()
        row.addWidget(field, 1)
        row.addWidget(button)
        return row

    def _choose_anchors(self) -> None:
        title = self.tr("Root certificates trusted for signed documents")
        path = open_file(self, self.workbench, title, self.tr("Certificates (*.pem *.crt *.cer)"))
        if path is not None:
            self.anchors.setText(str(path))

    def _choose_module(self) -> None:
        title = self.tr("The signing token's PKCS#11 module")
        path = open_file(self, self.workbench, title, self.tr("Modules (*.dll *.so *.dylib)"))
        if path is not None:
            self.pkcs11_module.setText(str(path))

    def _choose_ca_bundle(self) -> None:
        title = self.tr("Certificate authority of your organisation")
        path = open_file(self, self.workbench, title, self.tr("Certificates (*.pem *.crt *.cer)"))
        if path is not None:
            self.ca_bundle.setText(str(path))
