"""A busy week: each day shows its first meetings and a button for the rest (building a card costs the
UI thread about a millisecond; a demo week held hundreds). The week's reading is stood in for: the
rule under test is what the view builds from a list of meetings."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.meetings import MeetingView
from ui.meetings_view import CARDS_SHOWN_PER_DAY, MeetingsWeek
from ui.tasks import TaskRunner

MONDAY = datetime(2026, 11, 30, 8)


class _Clock:
    @staticmethod
    def now() -> datetime:
        return MONDAY


class _Workbench:
    clock = _Clock()


def _meeting(number: int, day: int) -> MeetingView:
    starts = MONDAY + timedelta(days=day, minutes=number)
    return MeetingView(number, f"uid-{number}", 0, f"Họp số {number}", starts, None, "Hội trường A",
                       "", "", "", False, False, False, (), "", "", f"{number}/GM", None)  # fmt: skip


def test_a_busy_day_shows_its_first_meetings_and_the_rest_on_asking(qtbot: QtBot) -> None:
    week = MeetingsWeek(_Workbench(), TaskRunner())  # type: ignore[arg-type]
    qtbot.addWidget(week)
    busy = [_meeting(number, 2) for number in range(CARDS_SHOWN_PER_DAY + 5)]
    week._show_meetings([_meeting(100, 0), *busy])
    assert len(week.cards_of_day(0)) == 1 and week.columns[0].findChild(QPushButton, "moreMeetings") is None
    assert len(week.cards_of_day(2)) == CARDS_SHOWN_PER_DAY
    more = week.columns[2].findChild(QPushButton, "moreMeetings")
    assert more is not None and more.text() == "+ 5 more meetings"
    more.click()
    assert [card.meeting.id for card in week.cards_of_day(2)] == [m.id for m in busy]
