"""Training mode in the real window: banner, a step ticked when the trainee really does it, reset."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from sandbox.training import TrainingSession, load_shipped_scenarios
from tests.central.test_intake_ui import type_into
from tests.ui.waiting import settle
from ui.main_window import MainWindow
from ui.sync_bridge import SyncBridge
from ui.training_panel import TrainingPanel
from ui.translation import install_translator


def checked(qtbot: QtBot, panel: TrainingPanel) -> None:
    """Until the panel shows a check of the steps asked for now (checks run on the window's pool)."""
    panel.refresh_steps()
    qtbot.waitUntil(lambda: not panel.checking, timeout=15000)


def test_a_trainee_registers_the_document_and_the_step_ticks(qtbot: QtBot, qapp: QApplication, tmp_path: Path):
    translator = install_translator(qapp, "vi")
    scenario = next(s for s in load_shipped_scenarios() if s.id == "incoming-document")
    session = TrainingSession(scenario, tmp_path / "training")
    try:
        workbench = session.start()
        bridge = SyncBridge()
        window = MainWindow(workbench, bridge, translator)
        qtbot.addWidget(window)
        window.show_banner(
            QCoreApplication.translate("MainWindow", "TRAINING MODE — practice data, nothing here is real work")
        )
        panel = TrainingPanel(session, window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
        window.show()
        assert window.banner.text().startswith("CHẾ ĐỘ TẬP HUẤN")
        with qtbot.waitSignal(bridge.sync_finished, timeout=20000):
            window.start_services(interval=3600)
        checked(qtbot, panel)
        assert panel.done_steps() == []
        _show(qtbot, window, session, "doc-1")
        # the panel points at the button to use (its timer looks again every second)
        qtbot.waitUntil(lambda: (panel.refresh_steps(), panel.pointed_control())[1] == "action_register")
        with qtbot.waitSignal(window.detail.acted, timeout=10000):  # written on the window's writer thread
            window.detail.findChild(QPushButton, "action_register").click()
        qtbot.waitUntil(lambda: not panel.checking, timeout=15000)  # the panel looked again after the action
        assert "register" not in panel.done_steps()  # recorded here, not yet on the server
        with qtbot.waitSignal(bridge.sync_finished, timeout=20000):
            window.sync_now()
        qtbot.waitUntil(lambda: "register" in panel.done_steps(), timeout=10000)
        checked(qtbot, panel)
        assert panel.steps.item(0).text().startswith("✔ 1.")
        with qtbot.waitSignal(panel.reset_done, timeout=30000) as reset:
            panel.reset()
        fresh = reset.args[0]
        checked(qtbot, panel)
        assert fresh is not workbench and panel.done_steps() == []
    finally:
        session.close()
        if translator is not None:
            QCoreApplication.removeTranslator(translator)


@pytest.mark.parametrize("scenario_id", [s.id for s in load_shipped_scenarios()])
def test_every_shipped_scenario_plays_through_the_window(
    scenario_id: str, qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    """Each step's model answer is played; the window's side panel ticks that step, not before."""
    scenario = next(s for s in load_shipped_scenarios() if s.id == scenario_id)
    session = TrainingSession(scenario, tmp_path / "training")
    try:
        workbench = session.start()
        window = MainWindow(workbench, SyncBridge())
        qtbot.addWidget(window)
        panel = TrainingPanel(session, window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
        window.show()
        for step in (s for s in scenario.steps if s.check is not None):  # an instruction is never ticked
            checked(qtbot, panel)
            assert step.id not in panel.done_steps(), f"{scenario_id}: {step.id} ticked before it was done"
            session.play_solution(step.id)
            qtbot.waitUntil(lambda step=step: (panel.refresh_steps(), step.id in panel.done_steps())[1], timeout=15000)
        checked(qtbot, panel)
        marks = [panel.steps.item(row).text()[0] for row in range(panel.steps.count())]
        assert marks == ["✔" if step.check is not None else "➜" for step in scenario.steps]
        session.reset()
        checked(qtbot, panel)
        assert panel.done_steps() == []
    finally:
        session.close()


def test_a_trainee_takes_the_citizen_in_at_the_counter_and_the_steps_tick(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    """The counter scenario from the keyboard: the dossier the trainee registers is the one its steps follow."""
    translator = install_translator(qapp, "vi")
    scenario = next(s for s in load_shipped_scenarios() if s.id == "citizen-at-the-counter")
    session = TrainingSession(scenario, tmp_path / "training")
    try:
        window = MainWindow(session.start(), SyncBridge(), translator)
        qtbot.addWidget(window)
        panel = TrainingPanel(session, window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
        window.show()
        with qtbot.waitSignal(window.bridge.sync_finished, timeout=20000):
            window.start_services(interval=3600)
        checked(qtbot, panel)
        assert panel.done_steps() == [] and panel.pointed_control() == "intakeButton"
        assert panel.steps.item(1).text().startswith("➜ 2. Giấy tiếp nhận hồ sơ")  # an instruction, never ticked
        take_in_from_the_keyboard(qtbot, window)
        qtbot.waitUntil(lambda: (panel.refresh_steps(), "take-in" in panel.done_steps())[1], timeout=20000)
        assert panel.steps.item(0).text().startswith("✔ 1.") and "print-receipt" not in panel.done_steps()
        assert session.item_ref("ds-ha") == ("dossier", window.detail.detail.id)  # the dossier just shown
        window.detail._ask = lambda _parent, _title, _label: ("Nộp bản chính Giấy chứng sinh", True)
        for step, action in (("start-processing", "start_processing"), ("request-supplement", "request_supplement")):
            qtbot.waitUntil(lambda a=action: (panel.refresh_steps(), panel.pointed_control())[1] == f"action_{a}")
            with qtbot.waitSignal(window.detail.acted, timeout=10000):
                window.detail.findChild(QPushButton, f"action_{action}").click()
            qtbot.waitUntil(lambda s=step: (panel.refresh_steps(), s in panel.done_steps())[1], timeout=20000)
        checked(qtbot, panel)
        assert panel.done_steps() == ["take-in", "start-processing", "request-supplement"]
    finally:
        session.close()
        if translator is not None:
            QCoreApplication.removeTranslator(translator)


def take_in_from_the_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+N, the procedure by typing, Space unticks the ID card only shown, the applicant, Ctrl+Enter."""
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.intake_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.procedure_list.count() > 0)
    type_into(qtbot, dialog, "procedureSearch", "khai sinh")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Space):
        qtbot.keyClick(dialog.papers, key)
    for name, text in (("applicantName", "Trần Thị Thu Hà"), ("applicantId", "079195004321"),
                       ("applicantBorn", "14/03/1995"), ("applicantAddress", "27 đường Nguyễn Văn Bảo, Phường Gò Vấp"),
                       ("applicantPhone", "0903456789")):  # fmt: skip
        type_into(qtbot, dialog, name, text)
    with qtbot.waitSignal(window.receipt_previewed, timeout=10000) as previewed:
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    previewed.args[0].close()


def test_a_trainee_sees_each_letter_s_signature_and_it_still_checks_with_the_network_down(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    """The signatures scenario in Vietnamese: the valid letter's details name its signer and the
    revocation data inside the file; the changed one says so; offline, checking again still says valid."""
    from ui.signature_view import SignatureDialog

    translator = install_translator(qapp, "vi")
    scenario = next(s for s in load_shipped_scenarios() if s.id == "digital-signatures")
    session = TrainingSession(scenario, tmp_path / "training")
    try:
        window = MainWindow(session.start(), SyncBridge(), translator)
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(window.bridge.sync_finished, timeout=30000):
            window.start_services(interval=3600)
        _show(qtbot, window, session, "doc-changed")
        qtbot.waitUntil(lambda: "Bị thay đổi sau khi ký" in window.detail.body.toPlainText(), timeout=20000)
        _show(qtbot, window, session, "doc-valid")
        qtbot.waitUntil(lambda: "Chữ ký số hợp lệ" in window.detail.body.toPlainText(), timeout=20000)
        session.fire("network-down")
        with qtbot.waitSignal(window.bridge.sync_finished, timeout=30000):
            window.sync_now()  # it fails: the desk knows it is offline
        [line] = window.detail.detail.attachments
        window.detail.show_signatures(line.id)
        qtbot.waitUntil(lambda: isinstance(window.detail.signature_dialog, SignatureDialog), timeout=10000)
        dialog = window.detail.signature_dialog
        assert dialog.check.online
        dialog.recheck_button.click()
        qtbot.waitUntil(lambda: not dialog.check.online, timeout=20000)
        text = dialog.body.toPlainText()
        assert "Chữ ký số hợp lệ" in text and "Huỳnh Thị Lan" in text and "Sở Nội vụ" in text
        assert "từ dữ liệu thu hồi trong tệp" in text
        dialog.reject()
    finally:
        session.close()
        QCoreApplication.removeTranslator(translator)


def _show(qtbot: QtBot, window: MainWindow, session: TrainingSession, key: str) -> None:
    kind, local_id = session.item_ref(key)
    window.refresh_lists()
    settle(qtbot, window)
    rows = [window.documents.row_at(r).id for r in range(window.documents.rowCount())]
    window.select_row(kind, rows.index(local_id))
    qtbot.waitUntil(lambda: window.detail.detail is not None and window.detail.detail.id == local_id)


def test_the_training_window_fits_the_screen_and_presentation_mode_reads_from_the_back_of_the_room(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    """With its panel it fits 1366×768 at 125 %; in presentation mode (large type, dark palette) it
    still fits at 100 %, every list row is light on dark, and a click is framed in yellow."""
    from PySide6.QtGui import QColor
    from PySide6.QtTest import QTest

    from tests.ui.test_window_layout import SCREEN_AT_125, _fits
    from ui import presentation

    translator = install_translator(qapp, "vi")
    scenario = next(s for s in load_shipped_scenarios() if s.id == "incoming-document")
    session = TrainingSession(scenario, tmp_path / "training")
    normal_size = qapp.font().pointSize()
    try:
        window = MainWindow(session.start(), SyncBridge(), translator)
        qtbot.addWidget(window)
        banner = QCoreApplication.translate("MainWindow", "TRAINING MODE — practice data, nothing here is real work")
        window.show_banner(banner)
        panel = TrainingPanel(session, window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
        window.resize(1366, 740)
        window.show()
        with qtbot.waitSignal(window.bridge.sync_finished, timeout=30000):
            window.start_services(interval=3600)
        settle(qtbot, window)
        assert _fits(window, *SCREEN_AT_125), window.minimumSizeHint()

        panel.presentation.setChecked(True)
        qtbot.waitUntil(lambda: qapp.font().pointSize() == presentation.POINT_SIZE)
        settle(qtbot, window)
        assert _fits(window, 1366, 740), window.minimumSizeHint()
        table = window.document_table
        assert table.verticalHeader().defaultSectionSize() > table.fontMetrics().height()  # rows grew with the type
        picture = table.viewport().grab().toImage()
        for row in range(min(4, window.documents.rowCount())):
            rect = table.visualRect(window.documents.index(row, 1))
            background = QColor(picture.pixel(rect.right() - 2, rect.center().y()))
            assert background.lightness() < 80, (row, background.name())  # no white row under white text
        with qtbot.waitSignal(window.bridge.sync_finished, timeout=30000):
            QTest.mouseClick(window.sync_button, Qt.MouseButton.LeftButton)
        flash = presentation._state["flash"]
        assert flash.flashed is window.sync_button and flash.frame.geometry().contains(
            window.sync_button.mapToGlobal(window.sync_button.rect().center())
        )
        panel.presentation.setChecked(False)
        assert qapp.font().pointSize() == normal_size and not presentation.is_on()
    finally:
        presentation.set_on(False)
        session.close()
        QCoreApplication.removeTranslator(translator)
