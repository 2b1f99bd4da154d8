"""The meetings' part of ``MainWindow`` (mixed into it): the Lịch họp week view in place of the lists, a
meeting's dialog (confirm, attendees, note; join online; save to the calendar), the .ics export, and the
reminders before each meeting through the tray (``ui.notifications``), checked every minute.

Apart from ``ui.main_window`` to keep each module readable; it uses the window's ``workbench``, ``tasks``,
``notifier`` and exports, and its strings keep the window's translation context.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow

from app.meetings import MeetingView, OwnChanges
from ui.meetings_view import MeetingsWeek
from ui.translation import user_text

if TYPE_CHECKING:
    from ui.meeting_dialog import MeetingDialog

REMINDER_CHECK_MS = 60_000  # reminders are looked for every minute


class WindowMeetings(QMainWindow):
    """Mixed into MainWindow (listed before QMainWindow there): not a window of its own."""

    meeting_dialog: MeetingDialog | None = None

    def build_meetings(self) -> MeetingsWeek:
        self.meetings_week = MeetingsWeek(self.workbench, self.tasks)  # type: ignore[attr-defined]
        self.meetings_week.opened.connect(self.open_meeting)
        self.meetings_week.export_wanted.connect(lambda ids: self.export_meetings(ids))
        self._reminder_timer = QTimer(self, interval=REMINDER_CHECK_MS)
        self._reminder_timer.timeout.connect(self.remind_of_meetings)
        self._reminder_timer.start()
        return self.meetings_week

    def open_meeting(self, meeting_id: int) -> None:
        """The meeting's dialog, once read on the pool (``meeting_shown`` says when it is open)."""
        self.tasks.run(lambda: self.workbench.meeting(meeting_id), self._show_meeting)  # type: ignore[attr-defined]

    def _show_meeting(self, meeting: MeetingView | None) -> None:
        from ui.meeting_dialog import MeetingDialog

        if meeting is None:  # gone meanwhile (a cache rebuilt): the week shows what there is
            self.meetings_week.show_week()
            return
        if self.meeting_dialog is not None:
            self.meeting_dialog.close()
        dialog = self.meeting_dialog = MeetingDialog(meeting, self)
        dialog.save_wanted.connect(self._save_meeting)
        dialog.export_wanted.connect(lambda ids: self.export_meetings(ids))
        dialog.join_wanted.connect(self.join_meeting)
        dialog.open()
        self.meeting_shown.emit(dialog)  # type: ignore[attr-defined]

    def _save_meeting(self, meeting_id: int, changes: OwnChanges) -> None:
        dialog = self.meeting_dialog

        def failed(error: BaseException) -> None:
            if dialog is not None:
                dialog.show_error(user_text(error))

        self.tasks.run_write(lambda: self.workbench.save_meeting(meeting_id, changes),  # type: ignore[attr-defined]
                             self._meeting_written, failed)  # fmt: skip

    def _meeting_written(self, meeting: MeetingView) -> None:
        if self.meeting_dialog is not None and self.meeting_dialog.meeting.id == meeting.id:
            self.meeting_dialog.accept()
        self.meetings_week.show_week()
        self.meeting_saved.emit(meeting)  # type: ignore[attr-defined]

    def export_meetings(self, meeting_ids: list[int], path: Path | None = None) -> Path | None:
        """The meetings as an .ics file the official imports in Outlook or Thunderbird (written on the pool)."""
        from app.meeting_calendar import calendar_file_name

        known = {m.id: m for m in self.meetings_week.meetings}
        if self.meeting_dialog is not None:
            known[self.meeting_dialog.meeting.id] = self.meeting_dialog.meeting
        suggested = calendar_file_name([known[i] for i in meeting_ids if i in known])
        title = self.tr("Export calendar (.ics)")
        target = self._save_path(title, suggested, self.tr("iCalendar (*.ics)"), path)  # type: ignore[attr-defined]
        if target is None:
            return None
        self._export(lambda _token: self.workbench.export_meetings(meeting_ids, target), target)  # type: ignore[attr-defined]
        return target

    def join_meeting(self, link: str) -> bool:
        """Open an online meeting's link in the browser; only a web address is opened."""
        url = QUrl(link.strip())
        if url.scheme().lower() not in ("http", "https") or not url.host():
            self.show_notice(self.tr("This meeting's link is not a web address: {link}").format(link=link))  # type: ignore[attr-defined]
            return False
        return QDesktopServices.openUrl(url)

    def remind_of_meetings(self) -> None:
        """The meetings starting soon, each told once for its time (the cache marks it on the writer)."""
        self.tasks.run_write(self.workbench.meeting_reminders, self.notifier.tell_meetings)  # type: ignore[attr-defined]

    def show_meetings_week(self) -> None:
        self.meetings_week.show_week()
