"""Telling the official, without being asked, when a flash or very urgent document arrives and
how many dossiers are due today: a system-tray message, or the status bar where there is no tray."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QMainWindow, QSystemTrayIcon

from app.domain.item_lists import DocumentFilter, DossierFilter
from app.workbench import Workbench

MESSAGE_MS = 10_000


def _icon() -> QIcon:
    pixmap = QPixmap(32, 32)
    pixmap.fill(QColor("#b3261e"))
    return QIcon(pixmap)


class Notifier(QObject):
    def __init__(self, window: QMainWindow, workbench: Workbench) -> None:
        super().__init__(window)
        self.window = window
        self.workbench = workbench
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(_icon(), window)
            self.tray.show()
        self._seen_urgent: set[int] | None = None  # None: the first look only learns what is there
        self._told_due_today: str | None = None
        self.last_message = ""

    def check(self) -> str:
        """After a sync: new urgent documents, and (once a day) the dossiers due today."""
        lines = self._new_urgent() + self._due_today()
        if lines:
            self.last_message = "\n".join(lines)
            self._show(self.last_message)
        return "\n".join(lines)

    def _new_urgent(self) -> list[str]:
        today = self.workbench.clock.now().date()
        rows = self.workbench.document_page(DocumentFilter("incoming", None, "urgent", today), 0, 500)
        if self._seen_urgent is None:  # at start: what is already there is not news
            self._seen_urgent = {row.id for row in rows}
            return []
        fresh = [row for row in rows if row.id not in self._seen_urgent]
        self._seen_urgent |= {row.id for row in fresh}
        template = self.tr("Urgent document: {number} — {subject}")
        return [template.format(number=row.number_notation, subject=row.subject) for row in fresh]

    def _due_today(self) -> list[str]:
        now = self.workbench.clock.now()
        key = now.date().isoformat()
        if self._told_due_today == key:
            return []
        self._told_due_today = key
        count = self.workbench.count_dossiers(DossierFilter(None, "due_today", now))
        return [self.tr("{count} dossiers are due today.").format(count=count)] if count else []

    def _show(self, text: str) -> None:
        title = self.tr("Ward Desk")
        if self.tray is not None:
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, MESSAGE_MS)
        self.window.statusBar().showMessage(text.replace("\n", "  ·  "), MESSAGE_MS)
