"""Lịch họp: the official's meetings of one week, Monday to Sunday, a column a day (its date as dd/MM/yyyy),
each meeting a card with its time, title and place; a cancelled one struck through, today's column marked.
The previous and next week, this week, and the week's calendar file (.ics). Read on the task pool."""

from __future__ import annotations

import html
from datetime import date, timedelta

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.meetings import MeetingView, week_start
from app.workbench import Workbench
from ui.flow_layout import FlowLayout
from ui.tasks import TaskRunner

CARDS_SHOWN_PER_DAY = 8  # a ward's busiest day; the rest of a day behind a button
DAY_COLUMN_MIN_WIDTH = 96  # seven of them fit beside the navigator at 1366×768
# One sheet for the whole week, cards told apart by a property: a sheet per card made Qt parse and
# polish each one (300 cards took 0.8 s on the UI thread).
WEEK_STYLE = """
QFrame#dayColumn[today="true"] { background: #fff8e1; }
QFrame#meetingCard { background: #fffde7; border: 1px solid #90a4ae; border-radius: 4px; }
QFrame#meetingCard[state="confirmed"] { background: #e3f2fd; }
QFrame#meetingCard[state="cancelled"] { background: #eeeeee; }
"""


class MeetingCard(QFrame):
    """One meeting in its day's column: a click or Enter opens it."""

    opened = Signal(int)

    def __init__(self, meeting: MeetingView, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="meetingCard")
        self.meeting = meeting
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setProperty("state", "cancelled" if meeting.cancelled else "confirmed" if meeting.confirmed else "")
        self.label = QLabel(self._text(), wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 3, 4, 3)
        layout.addWidget(self.label)
        self.setToolTip(self.plain_text())
        self.setAccessibleName(self.plain_text())

    def _text(self) -> str:
        meeting = self.meeting
        when = meeting.starts_at.strftime("%H:%M")
        if meeting.ends_at is not None:
            when += "–" + meeting.ends_at.strftime("%H:%M")
        text = f"<b>{when}</b><br>{html.escape(meeting.title)}"
        if meeting.place:
            text += f"<br><i>{html.escape(meeting.place)}</i>"
        if meeting.cancelled:
            cancelled = self.tr("Cancelled")  # outside the f-string: lupdate finds it there
            text = f"<s>{text}</s><br>{html.escape(cancelled)}"
        elif meeting.online:
            text += "<br>" + html.escape(self.tr("Online"))
        return text

    def plain_text(self) -> str:
        meeting = self.meeting
        parts = [meeting.starts_at.strftime("%H:%M"), meeting.title, meeting.place]
        if meeting.cancelled:
            parts.append(self.tr("Cancelled"))
        return " · ".join(part for part in parts if part)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.opened.emit(self.meeting.id)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.opened.emit(self.meeting.id)
            return
        super().keyPressEvent(event)


class MeetingsWeek(QWidget):
    """The week view. ``opened`` carries the id of the meeting the official clicked; ``export_wanted``
    the ids of the week's meetings."""

    opened = Signal(int)
    export_wanted = Signal(list)
    shown = Signal()  # a week's meetings are on screen

    def __init__(self, workbench: Workbench, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="meetingsWeek")
        self.workbench = workbench
        self.tasks = tasks
        self.monday = week_start(workbench.clock.now().date())
        self.meetings: list[MeetingView] = []
        self.previous_button = QPushButton(objectName="previousWeek")
        self.today_button = QPushButton(objectName="thisWeek")
        self.next_button = QPushButton(objectName="nextWeek")
        self.week_label = QLabel(objectName="weekLabel")
        self.export_button = QPushButton(objectName="exportWeek")
        self.previous_button.clicked.connect(lambda: self.show_week(self.monday - timedelta(days=7)))
        self.next_button.clicked.connect(lambda: self.show_week(self.monday + timedelta(days=7)))
        self.today_button.clicked.connect(lambda: self.show_week(week_start(self.workbench.clock.now().date())))
        self.export_button.clicked.connect(lambda: self.export_wanted.emit([m.id for m in self.meetings]))
        bar_widget = QWidget(objectName="weekBar")
        bar = FlowLayout(bar_widget)  # one row at 1366×768, two on a narrow window or in large type
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (self.previous_button, self.today_button, self.next_button, self.week_label, self.export_button):
            bar.addWidget(widget)
        centred = Qt.AlignmentFlag.AlignCenter
        self.headers = [QLabel(objectName=f"dayHeader{day}", alignment=centred) for day in range(7)]
        self.columns = [QFrame(objectName="dayColumn") for _day in range(7)]
        grid_widget = QWidget()
        grid_widget.setStyleSheet(WEEK_STYLE)
        grid = QGridLayout(grid_widget)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(3)
        for day, (header, column) in enumerate(zip(self.headers, self.columns, strict=True)):
            header.setWordWrap(True)
            column.setMinimumWidth(DAY_COLUMN_MIN_WIDTH)
            column.setFrameShape(QFrame.Shape.StyledPanel)
            column_layout = QVBoxLayout(column)
            column_layout.setContentsMargins(2, 2, 2, 2)
            column_layout.setSpacing(3)
            column_layout.addStretch(1)
            grid.addWidget(header, 0, day)
            grid.addWidget(column, 1, day)
            grid.setColumnStretch(day, 1)
        grid.setRowStretch(1, 1)
        scroll = QScrollArea(widgetResizable=True, objectName="weekScroll")
        scroll.setWidget(grid_widget)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.empty_label = QLabel(objectName="noMeetings", alignment=Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(bar_widget)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.empty_label)
        self.retranslate()

    def retranslate(self) -> None:
        self.previous_button.setText(self.tr("‹ Previous week"))
        self.today_button.setText(self.tr("Today"))
        self.next_button.setText(self.tr("Next week ›"))
        self.export_button.setText(self.tr("Export calendar (.ics)…"))
        self.export_button.setToolTip(self.tr("Save this week's meetings for Outlook or Thunderbird"))
        self.empty_label.setText(self.tr("No meetings this week."))
        self._show_headers()
        self._show_cards()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- the week ------------------------------------------------------------------------------------

    def show_week(self, monday: date | None = None) -> None:
        """Read the week of ``monday`` (the one shown when None) on the pool; the latest asked wins."""
        self.monday = monday or self.monday
        self._show_headers()
        first = self.monday
        self.tasks.run(lambda: self.workbench.meetings_of_week(first), self._show_meetings, key="meetings-week")

    def _show_meetings(self, meetings: list[MeetingView]) -> None:
        self.meetings = meetings
        self._show_cards()
        self.shown.emit()

    def day_names(self) -> list[str]:
        return [self.tr("Monday"), self.tr("Tuesday"), self.tr("Wednesday"), self.tr("Thursday"), self.tr("Friday"),
                self.tr("Saturday"), self.tr("Sunday")]  # fmt: skip

    def _show_headers(self) -> None:
        today = self.workbench.clock.now().date()
        last = self.monday + timedelta(days=6)
        self.week_label.setText(self.tr("Week {first} – {last}").format(
            first=self.monday.strftime("%d/%m/%Y"), last=last.strftime("%d/%m/%Y")))  # fmt: skip
        for offset, (header, name) in enumerate(zip(self.headers, self.day_names(), strict=True)):
            day = self.monday + timedelta(days=offset)
            header.setText(f"<b>{html.escape(name)}</b><br>{day.strftime('%d/%m/%Y')}")
            column = self.columns[offset]
            column.setProperty("today", day == today)
            column.style().unpolish(column)
            column.style().polish(column)

    def _show_cards(self) -> None:
        for column in self.columns:
            layout = column.layout()
            while layout.count() > 1:  # the stretch at the end stays
                item = layout.takeAt(0)
                if item.widget() is not None:
                    item.widget().deleteLater()
        days: list[list[MeetingView]] = [[] for _ in range(7)]
        for meeting in self.meetings:
            offset = (meeting.starts_at.date() - self.monday).days
            if 0 <= offset < 7:
                days[offset].append(meeting)
        for offset, meetings in enumerate(days):
            self._fill_day(offset, meetings[:CARDS_SHOWN_PER_DAY], len(meetings) - CARDS_SHOWN_PER_DAY)
        self.empty_label.setVisible(not self.meetings)
        self.export_button.setEnabled(bool(self.meetings))

    def _fill_day(self, offset: int, meetings: list[MeetingView], more: int) -> None:
        """A day's cards, laid out once (the column hidden meanwhile); past the first few, a button
        brings the rest: building a card costs the UI thread ~1 ms, and a busy week held hundreds."""
        column = self.columns[offset]
        column.hide()
        layout = column.layout()
        for meeting in meetings:
            card = MeetingCard(meeting)
            card.opened.connect(self.opened)
            layout.insertWidget(layout.count() - 1, card)
        if more > 0:
            button = QPushButton(self.tr("+ {count} more meetings").format(count=more), objectName="moreMeetings")
            button.clicked.connect(lambda: self._show_whole_day(offset, button))
            layout.insertWidget(layout.count() - 1, button)
        column.show()

    def _show_whole_day(self, offset: int, button: QPushButton) -> None:
        button.deleteLater()
        shown = {card.meeting.id for card in self.cards_of_day(offset)}
        day = self.monday + timedelta(days=offset)
        rest = [m for m in self.meetings if m.starts_at.date() == day and m.id not in shown]
        self._fill_day(offset, rest, 0)

    def cards_of_day(self, offset: int) -> list[MeetingCard]:
        """The cards in the column of Monday + ``offset`` days, top to bottom."""
        layout = self.columns[offset].layout()
        cards = [layout.itemAt(index).widget() for index in range(layout.count())]
        return [card for card in cards if isinstance(card, MeetingCard)]
