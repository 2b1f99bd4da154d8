"""Asking for the new appointment of an apology (Mẫu 04): a date and time after the return time
promised so far (the statutory due time, or the last appointment) and after now, picked on a
calendar or typed as dd/MM/yyyy HH:mm."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from app.domain.working_calendar import VN_TZ
from ui.item_models import format_datetime

SUGGESTED_DELAY = timedelta(days=3)  # a first suggestion only; the official sets the real date


class AppointmentDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, due: datetime, now: datetime) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        due = due.astimezone(VN_TZ)
        earliest = max(due, now.astimezone(VN_TZ))  # a late dossier's due time is past: promise a time to come
        self.picker = QDateTimeEdit(_qt(earliest + SUGGESTED_DELAY))
        self.picker.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.picker.setCalendarPopup(True)
        self.picker.setMinimumDateTime(_qt(earliest + timedelta(minutes=1)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Return time promised so far"), QLabel(format_datetime(due)))
        form.addRow(self.tr("New appointment"), self.picker)
        form.addRow(buttons)

    def chosen(self) -> datetime:
        return self.picker.dateTime().toPython().replace(tzinfo=VN_TZ)  # type: ignore[union-attr]


def ask_new_appointment(parent: QWidget | None, title: str, due: datetime, now: datetime) -> datetime | None:
    dialog = AppointmentDialog(parent, title, due, now)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _qt(moment: datetime) -> QDateTime:
    return QDateTime(moment.date(), moment.time().replace(second=0, microsecond=0))
