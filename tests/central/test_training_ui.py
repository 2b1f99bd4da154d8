"""Training mode in the real window: banner, a step ticked when the trainee really does it, reset."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from sandbox.training import TrainingSession, load_shipped_scenarios
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
        panel = TrainingPanel(session, lambda: "vi", window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
        window.show()
        assert window.banner.text().startswith("CHẾ ĐỘ TẬP HUẤN")
        with qtbot.waitSignal(bridge.sync_finished, timeout=20000):
            window.start_services(interval=3600)
        checked(qtbot, panel)
        assert panel.done_steps() == []
        kind, local_id = session.item_ref("doc-1")
        window.refresh_lists()
        settle(qtbot, window)
        rows = [window.documents.row_at(r).id for r in range(window.documents.rowCount())]
        window.select_row(kind, rows.index(local_id))
        qtbot.waitUntil(lambda: window.detail.detail is not None and window.detail.detail.id == local_id)
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
        panel = TrainingPanel(session, lambda: "en", window)
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

