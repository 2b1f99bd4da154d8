"""Asked before what cannot be taken back: in Vietnamese, Cancel by default, nothing written on Cancel."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.workbench import Workbench
from tests.ui.waiting import settle
from ui.confirm import confirm
from ui.main_window import MainWindow


def test_the_question_s_default_answer_is_cancel(qtbot: QtBot, qapp: QApplication, vietnamese: object) -> None:
    """Enter on the question cancels: a hurried official never closes an item by accident."""
    seen: list[str] = []

    def press_enter() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        seen.append(box.defaultButton().text())
        box.defaultButton().click()

    QTimer.singleShot(100, press_enter)
    assert confirm(None, "Đánh dấu hoàn thành", "Chắc chắn?", "Đánh dấu hoàn thành") is False
    assert seen == ["Hủy"]


def _received_document(window: MainWindow, qtbot: QtBot) -> int:
    model = window.documents
    rows = [model.row_at(r) for r in range(model.rowCount())]
    row = next(r for r in rows if r.state in ("assigned", "in_progress"))
    window.detail.show_item("document", row.id)
    qtbot.waitUntil(lambda: window.detail.detail is not None and window.detail.detail.id == row.id)
    return row.id


def test_marking_done_asks_first_and_cancel_writes_nothing(
    window: MainWindow, workbench: Workbench, qtbot: QtBot
) -> None:
    document_id = _received_document(window, qtbot)
    asked: list[tuple[str, str]] = []
    window.detail._confirm = lambda _parent, title, question, _go: asked.append((title, question)) is not None
    assert window.detail.act("mark_done") is False
    settle(qtbot, window)
    assert asked and asked[0][0] == "Đánh dấu hoàn thành" and "không hoàn tác được" in asked[0][1]
    assert workbench.item_detail("document", document_id).fields["state"] != "done"


def test_doing_a_refused_irreversible_action_again_asks_first(window: MainWindow, qtbot: QtBot) -> None:
    document_id = _received_document(window, qtbot)
    asked: list[str] = []
    window.detail._confirm = lambda _parent, title, _question, _go: asked.append(title) is not None
    window.detail.redo_refused(("document", document_id), 12345, "mark_done", "Đánh dấu hoàn thành")
    assert asked == ["Đánh dấu hoàn thành"] and not window.detail._writing  # nothing started
