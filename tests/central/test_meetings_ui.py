"""Lịch họp in the real window, offscreen, against the real service: an invitation that reaches the ward
shows in its day's column, the official confirms it with their note, a change letter moves it, the week's
calendar file is saved, and a reminder comes through the tray before it starts."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import vobject
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.edxml_document_writer import write_document_packet
from tests.central.conftest import ApiClient, Central
from tests.central.test_document_axis import post
from tests.central.test_meetings import INVITE, letter
from tests.central.test_workbench_ui import ROW
from tests.central.test_workbench_ui import window as real_window  # noqa: F401  (the window, as a fixture)
from tests.conftest import DEMO_NOW
from tests.ui.waiting import WAIT_MS, settle
from ui.main_window import MainWindow
from ui.meeting_dialog import MeetingDialog

FRIDAY = 4  # 27/11/2026 in the week of DEMO_NOW (Monday 23/11/2026)


def synced(window: MainWindow, qtbot: QtBot) -> None:
    with qtbot.waitSignal(window.bridge.sync_finished, timeout=WAIT_MS):
        window.sync_now()
    settle(qtbot, window)


def card_texts(window: MainWindow, offset: int) -> list[str]:
    return [card.plain_text() for card in window.meetings_week.cards_of_day(offset)]


def ours(window: MainWindow, offset: int) -> list[str]:
    return [text for text in card_texts(window, offset) if "chuyển đổi số" in text]


def test_an_invitation_shows_in_its_day_and_follows_its_change_letter(
    real_window: MainWindow,  # noqa: F811  (the fixture)
    qtbot: QtBot,
    central: Central,
    axis: ApiClient,
    tmp_path: Path,
) -> None:
    window = real_window
    post(axis, write_document_packet(INVITE))
    synced(window, qtbot)
    window.navigator.setCurrentRow(ROW["meetings"])
    settle(qtbot, window)
    week = window.meetings_week
    assert window.middle.currentWidget() is week and not window.detail.isVisible()
    assert week.headers[FRIDAY].text() == "<b>Thứ Sáu</b><br>27/11/2026"
    assert week.week_label.text() == "Tuần 23/11/2026 – 29/11/2026"
    assert ours(window, FRIDAY) == [
        "08:30 · Họp triển khai chuyển đổi số · Hội trường A, số 86 Lê Thánh Tôn, Phường Sài Gòn"
    ]
    assert all(not ours(window, day) for day in range(7) if day != FRIDAY)
    assert window.navigator.item(ROW["meetings"]).text().startswith("Lịch họp (")

    card = next(c for c in week.cards_of_day(FRIDAY) if "chuyển đổi số" in c.plain_text())
    with qtbot.waitSignal(window.meeting_shown, timeout=WAIT_MS) as shown:
        qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    dialog: MeetingDialog = shown.args[0]
    assert dialog.link.text() == "https://hop.tphcm.gov.vn/p/ubnd-1127" and dialog.join_button.isEnabled()
    dialog.attendees.setPlainText("Nguyễn Thị Thu\nLê Văn Bình")
    dialog.note.setPlainText("Mang báo cáo số liệu")
    with qtbot.waitSignal(window.meeting_saved, timeout=WAIT_MS) as saved:
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert saved.args[0].confirmed and saved.args[0].note == "Mang báo cáo số liệu"
    uid = saved.args[0].uid

    moved = "Thay đổi thời gian họp tại Giấy mời số 512/GM-UBND như sau: Thời gian: 14 giờ 00 ngày 26/11/2026."
    change = letter("530", "TB-UBND", "TB", "V/v thay đổi thời gian họp", moved)
    post(axis, write_document_packet(change))
    synced(window, qtbot)
    qtbot.waitUntil(lambda: bool(ours(window, 3)), timeout=WAIT_MS)  # Thursday now
    assert ours(window, 3)[0].startswith("14:00 · Họp triển khai chuyển đổi số") and not ours(window, FRIDAY)

    target = tmp_path / "lich-hop.ics"
    with qtbot.waitSignal(window.exported, timeout=WAIT_MS):
        window.export_meetings([m.id for m in week.meetings], target)
    calendar = vobject.readOne(target.read_text(encoding="utf-8"))
    assert calendar.vtimezone.tzid.value == "Asia/Ho_Chi_Minh"
    event = next(e for e in calendar.vevent_list if e.uid.value == uid)
    assert int(event.sequence.value) == 2  # confirmed, then moved by the letter
    assert "Mang báo cáo số liệu" in event.description.value

    central.clock.advance(
        DEMO_NOW.replace(day=26, hour=13, minute=40) - DEMO_NOW
    )  # 20 minutes before, within the 30 set
    window.remind_of_meetings()
    settle(qtbot, window)
    assert "Sắp họp lúc 14:00: Họp triển khai chuyển đổi số" in window.notifier.last_message
    window.notifier.last_message = ""
    window.remind_of_meetings()  # once for its time
    settle(qtbot, window)
    assert "chuyển đổi số" not in window.notifier.last_message
    assert central.clock.now() - DEMO_NOW < timedelta(days=2)
