"""One meeting: what the invitation says (organiser, invitation, chair), what the official confirms (time,
place, link and room, who attends, a note), and the buttons to join it online and to save it to their
calendar (.ics). Saving runs on the window's writer; the dialog closes when it is written."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.working_calendar import VN_TZ
from app.meeting_calendar import DEFAULT_LENGTH
from app.meetings import MeetingView, OwnChanges

TEXT_BOX_HEIGHT = 56  # two lines: the dialog fits a 1366×768 screen


class MeetingDialog(QDialog):
    save_wanted = Signal(int, object)  # the meeting's id, OwnChanges
    export_wanted = Signal(list)  # [the meeting's id]
    join_wanted = Signal(str)  # the link

    def __init__(self, meeting: MeetingView, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="meetingDialog")
        self.meeting = meeting
        self.setWindowTitle(self.tr("Meeting"))
        title = QLabel(f"<b>{_escaped(meeting.title)}</b>", objectName="meetingTitle", wordWrap=True)
        self.status = QLabel(self._status_text(), objectName="meetingStatus", wordWrap=True)
        self.status.setStyleSheet("color: #b3261e" if meeting.cancelled else "color: #8a5300")
        self.status.setVisible(bool(self.status.text()))
        self.starts = _picker(meeting.starts_at, "meetingStarts")
        self.ends = _picker(meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH, "meetingEnds")
        self.place = QLineEdit(meeting.place, objectName="meetingPlace")
        self.link = QLineEdit(meeting.link, objectName="meetingLink", placeholderText="https://…")
        self.room = QLineEdit(meeting.room, objectName="meetingRoom")
        self.attendees = QPlainTextEdit("\n".join(meeting.attendees), objectName="meetingAttendees")
        self.attendees.setPlaceholderText(self.tr("One name a line"))
        self.note = QPlainTextEdit(meeting.note, objectName="meetingNote")
        for box in (self.attendees, self.note):
            box.setFixedHeight(TEXT_BOX_HEIGHT)
        self.confirmed = QCheckBox(self.tr("Confirmed: in my calendar"), objectName="meetingConfirmed")
        self.confirmed.setChecked(meeting.confirmed or not meeting.cancelled)
        self.error = QLabel(objectName="meetingError", wordWrap=True, styleSheet="color: #b3261e")
        self.error.hide()
        self.join_button = QPushButton(self.tr("Join"), objectName="joinMeeting")
        self.join_button.setToolTip(self.tr("Open the meeting's link in the browser"))
        self.join_button.setEnabled(bool(meeting.link) and not meeting.cancelled)
        self.join_button.clicked.connect(lambda: self.join_wanted.emit(self.link.text().strip()))
        self.export_button = QPushButton(self.tr("Export calendar (.ics)…"), objectName="exportMeeting")
        self.export_button.clicked.connect(lambda: self.export_wanted.emit([meeting.id]))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        form = QFormLayout()
        form.addRow(self.tr("Invited by"), QLabel(_invited_by(meeting), wordWrap=True))
        if meeting.chair:
            form.addRow(self.tr("Chair"), QLabel(meeting.chair, wordWrap=True))
        form.addRow(self.tr("Starts"), self.starts)
        form.addRow(self.tr("Ends"), self.ends)
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("Link"), self.link)
        form.addRow(self.tr("Room code"), self.room)
        form.addRow(self.tr("Who attends"), self.attendees)
        form.addRow(self.tr("My note"), self.note)
        form.addRow(self.confirmed)
        actions = QHBoxLayout()
        actions.addWidget(self.join_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        actions.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(actions)
        self.setMinimumWidth(520)

    def _status_text(self) -> str:
        meeting = self.meeting
        if meeting.cancelled:
            if meeting.changed_by:
                return self.tr("This meeting was cancelled (letter {letter}).").format(letter=meeting.changed_by)
            return self.tr("This meeting was cancelled.")
        if meeting.changed_by:
            return self.tr("Changed by letter {letter}: check the time and place.").format(letter=meeting.changed_by)
        return ""

    def changes(self) -> OwnChanges:
        names = tuple(line.strip() for line in self.attendees.toPlainText().splitlines() if line.strip())
        return OwnChanges(
            _moment(self.starts), _moment(self.ends), self.place.text(), self.link.text(), self.room.text(), names,
            self.note.toPlainText(), self.confirmed.isChecked(),
        )  # fmt: skip

    def _save(self) -> None:
        changes = self.changes()
        if changes.ends_at is not None and changes.ends_at <= changes.starts_at:
            self.show_error(self.tr("The meeting must end after it starts."))
            return
        self.save_wanted.emit(self.meeting.id, changes)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _invited_by(meeting: MeetingView) -> str:
    return f"{meeting.organiser} ({meeting.invitation})" if meeting.invitation else meeting.organiser


def _picker(moment: datetime, name: str) -> QDateTimeEdit:
    local = moment.astimezone(VN_TZ)
    picker = QDateTimeEdit(QDateTime(local.date(), local.time().replace(second=0, microsecond=0)), objectName=name)
    picker.setDisplayFormat("dd/MM/yyyy HH:mm")
    picker.setCalendarPopup(True)
    return picker


def _moment(picker: QDateTimeEdit) -> datetime:
    chosen = picker.dateTime().toPython().replace(tzinfo=VN_TZ)  # type: ignore[union-attr]
    return chosen.replace(second=0, microsecond=0)
