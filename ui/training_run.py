"""Training mode's one window at a time: built on a session's desk, built again after a reset and
after the trainer changes the scenario (a new session in the same folder), the old one closed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTranslator, Signal
from PySide6.QtWidgets import QToolBar

from sandbox.training import ScenarioChange, TrainingSession
from ui.main_window import MainWindow
from ui.sync_bridge import SyncBridge
from ui.training_panel import TrainingPanel
from ui.window_layout import fit_to_screen

if TYPE_CHECKING:
    from app.workbench import Workbench


class TrainingRun(QObject):
    """``finished`` when the trainer closes the training window (not when a rebuild replaces it)."""

    finished = Signal()

    def __init__(self, session: TrainingSession, translator: QTranslator | None) -> None:
        super().__init__()
        self.session = session
        self.bridge = SyncBridge()
        self._translator = translator
        self.window: MainWindow | None = None
        self.panel: TrainingPanel | None = None

    def open_window(self, workbench: Workbench, problem: str = "") -> None:
        """A window on ``workbench`` with the training banner and panel; the one before it closes."""
        old = self.window
        window = MainWindow(workbench, self.bridge, self._translator)
        window.keeps_layout = False  # the training folder is wiped at each start: nothing to keep
        window.show_banner(banner_text())
        window.installEventFilter(self)  # the banner follows a change of language, as the window does
        panel = TrainingPanel(self.session, window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
        panel.reset_done.connect(self.open_window)
        panel.scenario_changed.connect(self._take_change)
        panel.stopped.connect(self._stopped)
        panel.message.setText(problem)
        window.closing.connect(self.finished)
        if old is not None:
            old.closing.disconnect(self.finished)
            old.close()
            old.deleteLater()
        fit_to_screen(window, 1600, 900)  # the training folder is wiped at each start: nothing to restore
        window.show()
        window.start_services()
        self.window, self.panel = window, panel

    def _stopped(self) -> None:
        """Its desk is closed: nothing in the window may act on it until a reset brings a new one."""
        if self.window is not None:
            self.window.centralWidget().setEnabled(False)
            self.window.menuBar().setEnabled(False)
            self.window.sync_button.setEnabled(False)
            for toolbar in self.window.findChildren(QToolBar):
                toolbar.setEnabled(False)

    def _take_change(self, change: ScenarioChange, problem: str) -> None:
        self.session = change.session
        self.open_window(change.workbench, problem)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.window.show_banner(banner_text())
        return super().eventFilter(watched, event)

    def close(self) -> None:
        self.session.close()


def banner_text() -> str:
    return QCoreApplication.translate("MainWindow", "TRAINING MODE — practice data, nothing here is real work")
