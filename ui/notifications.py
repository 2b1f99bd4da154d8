"""Telling the official, without being asked, when a flash or very urgent document or a 1022 report
arrives, how many dossiers are due today and that a meeting starts soon: a system-tray message, or the status bar where
there is no tray."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QMainWindow, QSystemTrayIcon

from app.domain.item_lists import DocumentFilter, DocumentRow, DossierFilter, FeedbackFilter, FeedbackRow
from app.meetings import MeetingView
from app.workbench import Workbench
from ui.tasks import TaskRunner

MESSAGE_MS = 10_000
Row = TypeVar("Row", DocumentRow, FeedbackRow)


@dataclass(frozen=True)
class News:
    day: str  # ISO date of the look
    urgent: list[DocumentRow]  # the urgent incoming documents now in the cache
    due_today: int  # dossiers due today
    routed: list[FeedbackRow]  # the 1022 reports newly routed to the unit, not yet taken


def _unseen(seen: set[int] | None, rows: list[Row]) -> tuple[set[int], list[Row]]:
    """The ids seen now, and the rows not seen before; none at the first look (``seen`` None): what is
    already there at start is not news."""
    ids = {row.id for row in rows}
    if seen is None:
        return ids, []
    return seen | ids, [row for row in rows if row.id not in seen]


def _icon() -> QIcon:
    pixmap = QPixmap(32, 32)
    pixmap.fill(QColor("#b3261e"))
    return QIcon(pixmap)


class Notifier(QObject):
    def __init__(self, window: QMainWindow, workbench: Workbench, tasks: TaskRunner) -> None:
        super().__init__(window)
        self.window = window
        self.workbench = workbench
        self._tasks = tasks
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(_icon(), window)
            self.tray.show()
        self._seen_urgent: set[int] | None = None  # None: the first look only learns what is there
        self._seen_routed: set[int] | None = None
        self._told_due_today: str | None = None
        self.last_message = ""

    def check(self) -> None:
        """After a sync: new urgent documents, and (once a day) the dossiers due today. The cache is
        read on the task pool; what is news is decided, and told, on the UI thread."""
        now = self.workbench.clock.now()
        self._tasks.run(lambda: self._read(now), self._tell_news, key="news", shows_busy=False)

    def _read(self, now: datetime) -> News:
        urgent = self.workbench.document_page(DocumentFilter("incoming", None, "urgent", now.date()), 0, 500)
        due_today = self.workbench.count_dossiers(DossierFilter(None, "due_today", now))
        routed = self.workbench.feedback_page(FeedbackFilter(None, "new", now), 0, 500)
        return News(now.date().isoformat(), urgent, due_today, routed)

    def _tell_news(self, news: News) -> None:
        lines = self._new_urgent(news.urgent) + self._new_reports(news.routed) + self._due_today(news)
        if lines:
            self.last_message = "\n".join(lines)
            self._show(self.last_message)

    def _new_urgent(self, rows: list[DocumentRow]) -> list[str]:
        self._seen_urgent, fresh = _unseen(self._seen_urgent, rows)
        template = self.tr("Urgent document: {number} — {subject}")
        return [template.format(number=row.number_notation, subject=row.subject) for row in fresh]

    def _new_reports(self, rows: list[FeedbackRow]) -> list[str]:
        self._seen_routed, fresh = _unseen(self._seen_routed, rows)
        template = self.tr("New 1022 report: {code} — {category}, {place}")
        return [template.format(code=row.code, category=row.category, place=row.address) for row in fresh]

    def _due_today(self, news: News) -> list[str]:
        if self._told_due_today == news.day:
            return []
        self._told_due_today = news.day
        count = news.due_today
        return [self.tr("{count} dossiers are due today.").format(count=count)] if count else []

    def tell_meetings(self, meetings: list[MeetingView]) -> None:
        """The meetings about to start (app.meetings.reminders_due), one line each."""
        lines = []
        for meeting in meetings:
            if meeting.place:
                template = self.tr("Meeting at {time}: {title} — {place}")
            else:
                template = self.tr("Meeting at {time}: {title}")
            lines.append(template.format(time=meeting.starts_at.strftime("%H:%M"), title=meeting.title,
                                         place=meeting.place))  # fmt: skip
        if lines:
            self.last_message = "\n".join(lines)
            self._show(self.last_message)

    def _show(self, text: str) -> None:
        title = self.tr("Ward Desk")
        if self.tray is not None:
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, MESSAGE_MS)
        self.window.statusBar().showMessage(text.replace("\n", "  ·  "), MESSAGE_MS)
