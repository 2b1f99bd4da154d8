"""A colleague acted first, and the official settles it on the real window, offscreen, against the real
service: the refusal reads in Vietnamese beside the server's truth; "Làm lại trên bản hiện tại" sends
the action again once the state allows it, "Bỏ thao tác của tôi" (confirmed) leaves the server as it
is; either way the item leaves "Cần xử lý lại" and the navigation's counter says so."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from app.domain.workflow import DossierState
from tests.central import test_conflicts, test_workbench_ui
from tests.central.conftest import Central
from tests.central.test_conflicts import colleague_acts
from tests.central.test_sync_engine import server_dossiers
from tests.central.test_workbench_ui import ROW, click, select_remote, server_dossier, wait_synced
from tests.ui.waiting import settle
from ui.main_window import MainWindow

window = test_workbench_ui.window  # the real window on a desk synced with the real service (a fixture)
colleague = test_conflicts.colleague  # another official of the ward, acting on the service (a fixture)
ENGLISH = ("is not possible", "while the item", "The server", "{", "}")


def attention_count(window: MainWindow) -> str:
    return window.navigator.item(ROW["attention"]).text()


def open_the_refused(window: MainWindow, qtbot: QtBot) -> None:
    """As the official finds it: "Cần xử lý lại", its one dossier."""
    qtbot.waitUntil(lambda: attention_count(window).endswith("(1)"), timeout=15000)
    window.navigator.setCurrentRow(ROW["attention"])
    settle(qtbot, window)
    assert window.dossiers.total == 1
    window.select_row("dossier", 0)
    qtbot.waitUntil(lambda: window.detail.refusals.isVisible(), timeout=10000)
    settle(qtbot, window)


def panel_button(window: MainWindow, name: str) -> QPushButton:
    button = window.detail.refusals.findChild(QPushButton, name)
    assert button is not None, name
    return button


@pytest.mark.usefixtures("colleague")
def test_discarded_after_a_colleague_returned_the_result_first(
    window: MainWindow, central: Central, qtbot: QtBot
) -> None:
    dossier = server_dossiers(central, DossierState.PROCESSED)[0]
    select_remote(window, qtbot, "dossiers", dossier.id)
    colleague_acts(central, dossier.id, "return_result")  # not yet pulled here
    click(window, qtbot, "return_result")  # pushed at once: refused
    wait_synced(window, qtbot)
    open_the_refused(window, qtbot)
    said = window.detail.refusals.text()
    assert "Máy chủ không chấp nhận “Trả kết quả”:" in said
    assert "Không thể thực hiện thao tác “Trả kết quả” khi văn bản/hồ sơ đang ở trạng thái “Đã trả kết quả”." in said
    assert "Trên máy chủ hiện nay" in said and "Trạng thái: Đã trả kết quả" in said
    assert "Võ Quốc Minh" in said and "Nguyễn Thị Thu" in said  # who acted last there, who acted here
    assert not any(english in said for english in ENGLISH), said
    redo, discard = panel_button(window, "redoRefused"), panel_button(window, "discardRefused")
    assert redo.text() == "Làm lại trên bản hiện tại" and not redo.isEnabled()  # returned: nothing to redo
    assert discard.text() == "Bỏ thao tác của tôi" and discard.isEnabled()
    before = server_dossier(central, dossier.id)

    discard.click()  # asks first; cancelling changes nothing
    box = window.detail.refusals.confirm_box
    assert box is not None and box.isVisible() and "Trả kết quả" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    settle(qtbot, window)
    assert window.detail.refusals.isVisible() and attention_count(window).endswith("(1)")

    discard.click()
    box = window.detail.refusals.confirm_box
    assert box is not None
    confirm = box.findChild(QPushButton, "confirmDiscardButton")
    assert confirm.text() == "Bỏ thao tác của tôi"
    with qtbot.waitSignal(window.detail.acted, timeout=5000):  # written on the window's writer thread
        confirm.click()
    qtbot.waitUntil(lambda: attention_count(window).endswith("(0)"), timeout=10000)
    settle(qtbot, window)
    assert window.dossiers.total == 0
    window.sync_button.click()
    wait_synced(window, qtbot)
    after = server_dossier(central, dossier.id)
    assert (after.state, after.version, after.history) == (before.state, before.version, before.history)


@pytest.mark.usefixtures("colleague")
def test_done_again_on_the_current_version_once_the_state_allows_it(
    window: MainWindow, central: Central, qtbot: QtBot
) -> None:
    dossier = server_dossiers(central, DossierState.IN_PROGRESS)[0]
    select_remote(window, qtbot, "dossiers", dossier.id)
    colleague_acts(central, dossier.id, "request_financial_obligation", reason="Nộp lệ phí trước")
    click(window, qtbot, "request_supplement", "Thiếu bản sao giấy khai sinh")
    wait_synced(window, qtbot)
    open_the_refused(window, qtbot)
    said = window.detail.refusals.text()
    assert "Máy chủ không chấp nhận “Yêu cầu bổ sung hồ sơ”:" in said
    assert "Trạng thái: Yêu cầu thực hiện nghĩa vụ tài chính" in said
    assert "Thiếu bản sao giấy khai sinh" in said  # what the official gave with it
    assert not any(english in said for english in ENGLISH), said
    redo = panel_button(window, "redoRefused")
    assert not redo.isEnabled()  # "financial obligation requested": no supplement is asked from there

    colleague_acts(central, dossier.id, "financial_obligation_met")  # back in progress, seen at the next sync
    window.sync_button.click()
    qtbot.waitUntil(lambda: panel_button(window, "redoRefused").isEnabled(), timeout=15000)
    settle(qtbot, window)
    with qtbot.waitSignal(window.detail.acted, timeout=5000):
        panel_button(window, "redoRefused").click()
    qtbot.waitUntil(lambda: attention_count(window).endswith("(0)"), timeout=10000)
    wait_synced(window, qtbot)
    after = server_dossier(central, dossier.id)
    assert after.state == int(DossierState.SUPPLEMENT_REQUESTED)
    last = after.history[-1]
    assert (last["action"], last["by"], last["reason"]) == (
        "request_supplement", "Nguyễn Thị Thu", "Thiếu bản sao giấy khai sinh",
    )  # fmt: skip
    qtbot.waitUntil(lambda: not window.detail.refusals.isVisible(), timeout=10000)
