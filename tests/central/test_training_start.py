"""Starting training mode from the command line: an unknown scenario and a second start are each
refused with a message in the user's language, and nothing of a running session is touched."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton

from kernel.clock import FixedClock
from sandbox.training import TrainingSession, load_shipped_scenarios
from tests.conftest import DEMO_NOW
from ui import main as ui_main
from ui.main_window import MainWindow


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text: messages.append(f"{title}\n{text}"))
    return messages


def test_an_unknown_scenario_is_refused_with_the_known_ones_listed(
    tmp_path: Path, shown: list[str], vietnamese: QTranslator
) -> None:
    code = ui_main.main(["--training", "--scenario", "NO_SUCH_ID", "--profile", str(tmp_path / "training")])
    assert code == 2 and len(shown) == 1
    known = [scenario.id for scenario in load_shipped_scenarios()]
    assert "Không có kịch bản tập huấn “NO_SUCH_ID”" in shown[0]
    assert all(scenario_id in shown[0] for scenario_id in known)
    assert not (tmp_path / "training").exists()  # nothing was started or written


def test_a_second_start_on_a_running_session_s_folder_is_refused_and_the_first_goes_on(
    tmp_path: Path, shown: list[str], vietnamese: QTranslator
) -> None:
    root = tmp_path / "training"
    scenario = load_shipped_scenarios()[0]
    running = TrainingSession(scenario, root, FixedClock(DEMO_NOW))
    running.start()
    try:
        assert [report.problem for report in running.sync()] == [None]
        code = ui_main.main(["--training", "--scenario", scenario.id, "--profile", str(root)])
        assert code == 2 and len(shown) == 1
        assert "Chế độ tập huấn đang mở trong một cửa sổ khác" in shown[0]
        assert running.online and running.profile.database_path.exists()  # its services and data untouched
        assert [report.problem for report in running.sync()] == [None]
        assert running.workbench is not None and running.workbench.count_documents() > 0
    finally:
        running.close()


def test_the_first_start_shows_its_progress_and_a_cancel_opens_nothing(
    tmp_path: Path, shown: list[str], vietnamese: QTranslator
) -> None:
    """The trainer sees the start working (not a frozen screen), and may change their mind: the start
    ends, is closed, and the folder is free for the next start."""
    root = tmp_path / "training"
    scenario = load_shipped_scenarios()[0]
    seen: list[str] = []

    def cancel_once_shown() -> None:
        progress = next((w for w in QApplication.topLevelWidgets()
                         if w.objectName() == "trainingStarting" and w.isVisible()), None)  # fmt: skip
        if progress is None:
            QTimer.singleShot(10, cancel_once_shown)
            return
        assert isinstance(progress, QProgressDialog)
        seen.append(progress.labelText())
        progress.findChild(QPushButton).click()  # as the trainer does
        seen.append(progress.labelText())

    QTimer.singleShot(0, cancel_once_shown)
    guard = QTimer(singleShot=True, interval=60_000)  # a window opened after all: the test fails, not hangs
    guard.timeout.connect(QApplication.quit)
    guard.start()
    code = ui_main.main(["--training", "--scenario", scenario.id, "--profile", str(root)])
    guard.stop()
    assert (code, shown) == (0, [])
    assert seen == ["Đang chuẩn bị môi trường tập huấn…", "Đang dừng…"]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    again = TrainingSession(scenario, root, FixedClock(DEMO_NOW))
    try:
        workbench = again.start()  # nothing of the cancelled start holds the folder or a port
        assert [report.problem for report in again.sync()] == [None]
        assert workbench.count_documents() > 0
    finally:
        again.close()
