"""Training mode in the window: a banner nobody can mistake for real work, the scenario's steps
ticked as the trainee really does them, the trainer's live events, reset, presentation mode."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from sandbox.training import TrainingError, TrainingSession
from ui.background import on_worker

CHECK_INTERVAL_MS = 1000
PANEL_MIN_WIDTH = 380
POINTER_STYLE = "border: 3px solid #ffd400; font-weight: bold"
PRESENTATION_POINT_SIZE = 15
PRESENTATION_STYLE = (
    "QWidget { background: #000; color: #fff; } QListWidget::item:selected { background: #ffd400; color: #000; }"
)


class TrainingPanel(QDockWidget):
    """The trainer's side panel. ``reset_done`` brings the new Workbench after a reset (UI thread)."""

    event_done = Signal(str)  # "" on success, else a message
    reset_done = Signal(object)

    def __init__(self, session: TrainingSession, language: Callable[[], str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("trainingPanel")
        self.session = session
        self._language = language
        self.steps = QListWidget(objectName="trainingSteps", wordWrap=True)
        self.setMinimumWidth(PANEL_MIN_WIDTH)
        self.events = QWidget()
        self.events_layout = QVBoxLayout(self.events)
        self.message = QLabel(objectName="trainingMessage", wordWrap=True)
        self.reset_button = QPushButton(objectName="trainingReset")
        self.reset_button.clicked.connect(self.reset)
        self.presentation = QCheckBox(objectName="presentationMode")
        self.presentation.toggled.connect(self.set_presentation)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.title = QLabel(wordWrap=True)
        self.title.setStyleSheet("font-weight: bold")
        for widget in (self.title, self.steps, self.events, self.message, self.reset_button, self.presentation):
            layout.addWidget(widget)
        self.setWidget(body)
        self.event_done.connect(self._after_event)
        self._timer = QTimer(self, interval=CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.refresh_steps)
        self._timer.start()
        self._normal_font = QApplication.font()
        self._pointed: QWidget | None = None
        self.retranslate()

    def _text(self, text) -> str:  # type: ignore[no-untyped-def]
        return text.vi if self._language() == "vi" else text.en

    def retranslate(self) -> None:
        scenario = self.session.scenario
        self.setWindowTitle(self.tr("Training"))
        self.title.setText(self._text(scenario.title))
        self.reset_button.setText(self.tr("Reset for the next group"))
        self.presentation.setText(self.tr("Presentation mode (large, high contrast)"))
        while self.events_layout.count():
            self.events_layout.takeAt(0).widget().deleteLater()
        for event in scenario.events:
            button = QPushButton(self._text(event.title), objectName=f"event_{event.id}")
            button.clicked.connect(lambda _checked=False, event_id=event.id: self.fire(event_id))
            self.events_layout.addWidget(button)
        self.refresh_steps()

    def refresh_steps(self) -> None:
        """Ticks come from what the trainee really did (the cache, the outbox, the server)."""
        statuses = {status.step_id: status.done for status in self.session.check_steps()}
        self._point_at_next(statuses)
        self.steps.clear()
        for number, step in enumerate(self.session.scenario.steps, start=1):
            done = statuses.get(step.id, False)
            item = QListWidgetItem(f"{'✔' if done else '○'} {number}. {self._text(step.text)}")
            item.setData(Qt.ItemDataRole.UserRole, step.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, self.tr("done") if done else self.tr("to do"))
            self.steps.addItem(item)

    def _point_at_next(self, statuses: dict[str, bool]) -> None:
        """Outline the control the next step needs (its action button, or "Sync now")."""
        if self._pointed is not None and isValid(self._pointed):  # the detail pane rebuilds its buttons
            self._pointed.setStyleSheet("")
        self._pointed = None
        step = next((s for s in self.session.scenario.steps if not statuses.get(s.id)), None)
        window = self.parentWidget()
        if step is None or window is None:
            return
        moves = sorted(step.solution, key=lambda move: move.kind != "perform")  # the action button first
        for move in moves:
            name = {"perform": f"action_{move.action}", "sync": "syncNow"}.get(move.kind)
            control = window.findChild(QWidget, name) if name else None
            if control is not None and control.isVisible():
                control.setStyleSheet(POINTER_STYLE)
                self._pointed = control
                return

    def pointed_control(self) -> str | None:
        return self._pointed.objectName() if self._pointed is not None and isValid(self._pointed) else None

    def done_steps(self) -> list[str]:
        return [status.step_id for status in self.session.check_steps() if status.done]

    def fire(self, event_id: str) -> None:
        def run() -> None:
            try:
                self.session.fire(event_id)
                self.session.retire_due_accounts()  # a "days pass" event may reach an old account's end
                self.event_done.emit("")
            except TrainingError as error:
                self.event_done.emit(error.message_vi if self._language() == "vi" else error.message_en)

        threading.Thread(target=run, name="training-event", daemon=True).start()

    def _after_event(self, problem: str) -> None:
        self.message.setText(problem or self.tr("Event fired."))
        self.refresh_steps()

    def reset(self) -> None:
        self.reset_button.setEnabled(False)
        self.message.setText(self.tr("Resetting…"))
        on_worker(self.session.reset, self.reset_done.emit)

    def set_presentation(self, on: bool) -> None:
        """Larger type and high contrast, for a projector."""
        app = QApplication.instance()
        font = QFont(self._normal_font)
        if on:
            font.setPointSize(PRESENTATION_POINT_SIZE)
        app.setFont(font)
        app.setStyleSheet(PRESENTATION_STYLE if on else "")
