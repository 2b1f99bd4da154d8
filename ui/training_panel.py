"""Training mode in the window: a banner nobody can mistake for real work, the scenario's steps
ticked as the trainee really does them, the trainer's live events, reset, a change of scenario
(ui.scenario_chooser), presentation mode. Texts follow the UI language, also when it changes.

The steps are checked, the events fired and the sandbox reset on the window's task pool (they read
the trainee's cache and the training service's database, or restart services); the ticks are looked
at again after an event, an action, a sync report, and on a slow timer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from sandbox.training import Scenario, ScenarioChange, StepStatus, Text, TrainingSession
from ui import presentation
from ui.confirm import confirm
from ui.scenario_chooser import choose_scenario
from ui.translation import current_language, user_text

if TYPE_CHECKING:
    from app.sync_engine import SyncReport
    from app.workbench import Workbench
    from ui.main_window import MainWindow

CHECK_INTERVAL_MS = 5000  # the slow look; what the trainee does is looked at when it happens
PANEL_MIN_WIDTH = 260
POINTER_STYLE = "border: 3px solid #ffd400; font-weight: bold"


class TrainingPanel(QDockWidget):
    """The trainer's side panel in ``window``. ``reset_done`` brings the new Workbench after a reset,
    ``scenario_changed`` the ScenarioChange after another scenario was chosen (and why it did not
    start, "" when it did): the window is built again on either."""

    event_done = Signal(str)  # "" on success, else a message
    reset_done = Signal(object)
    scenario_changed = Signal(object, str)
    stopped = Signal()  # neither a reset nor the scenario before a change could start: no session runs
    steps_checked = Signal()  # the ticks show a check asked for before this

    def __init__(self, session: TrainingSession, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("trainingPanel")
        self.session = session
        self._tasks = window.tasks
        self._done: dict[str, bool] = {}  # step id → done, as the last check found
        self._checking = False
        self._check_again = False  # asked for while a check ran: one more follows it
        self.steps = QListWidget(objectName="trainingSteps", wordWrap=True)
        self.setMinimumWidth(PANEL_MIN_WIDTH)
        self.events = QWidget()
        self.events_layout = QVBoxLayout(self.events)
        self.message = QLabel(objectName="trainingMessage", wordWrap=True)
        self.reset_button = QPushButton(objectName="trainingReset")
        self.reset_button.clicked.connect(self.ask_reset)
        self.change_button = QPushButton(objectName="trainingChangeScenario")
        self.change_button.clicked.connect(self.ask_change)
        self._confirm = confirm  # a test answers in its place
        self.presentation = QCheckBox(objectName="presentationMode")
        self.presentation.setChecked(presentation.is_on())  # a reset keeps the room's mode
        if presentation.is_on():
            presentation.fit_rows(window)
        self.presentation.toggled.connect(self.set_presentation)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.title = QLabel(wordWrap=True)
        self.title.setStyleSheet("font-weight: bold")
        controls = (self.reset_button, self.change_button, self.presentation)
        for widget in (self.title, self.steps, self.events, self.message, *controls):
            layout.addWidget(widget)
        self.setWidget(body)
        window.detail.acted.connect(self._after_action)
        window.bridge.sync_finished.connect(self._after_sync)
        self._timer = QTimer(self, interval=CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.refresh_steps)
        self._timer.start()
        self._pointed: QWidget | None = None
        self.retranslate()

    def _text(self, text: Text) -> str:
        """A scenario's own text in the language the window speaks now (not the profile's setting:
        a training profile is new at each start, and ``--language`` does not write it)."""
        return text.vi if current_language() == "vi" else text.en

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:  # Language → English/Tiếng Việt in the window
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        scenario = self.session.scenario
        self.setWindowTitle(self.tr("Training"))
        self.title.setText(self._text(scenario.title))
        self.reset_button.setText(self.tr("Reset for the next group"))
        self.change_button.setText(self.tr("Change scenario…"))
        self.presentation.setText(self.tr("Presentation mode"))
        self.presentation.setToolTip(self.tr("Large type and high contrast, for a projector"))
        while self.events_layout.count():
            self.events_layout.takeAt(0).widget().deleteLater()
        for event in scenario.events:
            button = QPushButton(self._text(event.title), objectName=f"event_{event.id}")
            button.clicked.connect(lambda _checked=False, event_id=event.id: self.fire(event_id))
            self.events_layout.addWidget(button)
        self._show_steps()  # in the new language at once; the check follows
        self.refresh_steps()

    def refresh_steps(self) -> None:
        """Check the steps again on the task pool: one check at a time, and one more after it when
        asked meanwhile, so frequent asking never starves the answer."""
        if self._checking:
            self._check_again = True
            return
        self._checking = True
        self._tasks.run(self.session.check_steps, self._take_check, self._check_failed, shows_busy=False)

    @property
    def checking(self) -> bool:
        """A check runs, or one more is to follow it."""
        return self._checking or self._check_again

    def _take_check(self, statuses: list[StepStatus]) -> None:
        self._done = {status.step_id: status.done for status in statuses}
        self._show_steps()
        self._check_over()
        self.steps_checked.emit()

    def _check_failed(self, error: BaseException) -> None:
        self.message.setText(user_text(error))
        self._check_over()

    def _check_over(self) -> None:
        self._checking = False
        if self._check_again:
            self._check_again = False
            self.refresh_steps()

    def _after_action(self, _kind: str, _item_id: int) -> None:
        self.refresh_steps()

    def _after_sync(self, _report: SyncReport) -> None:
        self.refresh_steps()

    def _show_steps(self) -> None:
        """Ticks come from what the trainee really did (the cache, the outbox, the server)."""
        self._point_at_next(self._done)
        self.steps.clear()
        for number, step in enumerate(self.session.scenario.steps, start=1):
            done = self._done.get(step.id, False)
            mark, state = ("✔", self.tr("done")) if done else ("○", self.tr("to do"))
            if step.check is None:  # nothing could see it done: an instruction, never ticked
                mark, state = "➜", self.tr("instruction, not ticked")
            item = QListWidgetItem(f"{mark} {number}. {self._text(step.text)}")
            item.setData(Qt.ItemDataRole.UserRole, step.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, state)
            self.steps.addItem(item)

    def _point_at_next(self, statuses: dict[str, bool]) -> None:
        """Outline the control the next step needs (its action button, or "Sync now")."""
        if self._pointed is not None and isValid(self._pointed):  # the detail pane rebuilds its buttons
            self._pointed.setStyleSheet("")
        self._pointed = None
        step = next((s for s in self.session.scenario.steps if s.check is not None and not statuses.get(s.id)), None)
        window = self.parentWidget()
        if step is None or window is None:
            return
        moves = sorted(step.solution, key=lambda move: move.kind == "sync")  # the action's own control first
        for move in moves:
            name = {"perform": f"action_{move.action}", "sync": "syncNow", "register": "intakeButton"}.get(move.kind)
            control = window.findChild(QWidget, name) if name else None
            if control is not None and control.isVisible():
                control.setStyleSheet(POINTER_STYLE)
                self._pointed = control
                return

    def pointed_control(self) -> str | None:
        return self._pointed.objectName() if self._pointed is not None and isValid(self._pointed) else None

    def done_steps(self) -> list[str]:
        """The steps done, as the last check found them."""
        return [step_id for step_id, done in self._done.items() if done]

    def fire(self, event_id: str) -> None:
        """A trainer's live event, on the task pool; the controls wait for it."""

        def run() -> None:
            self.session.fire(event_id)
            self.session.retire_due_accounts()  # a "days pass" event may reach an old account's end

        self._enable_controls(False)
        self._tasks.run(run, lambda _answer: self._after_event(""), lambda error: self._after_event(user_text(error)))

    def _after_event(self, problem: str) -> None:
        self._enable_controls(True)
        self.message.setText(problem or self.tr("Event fired."))
        self.refresh_steps()
        self.event_done.emit(problem)

    def ask_reset(self) -> None:
        """The reset wipes what the room did: asked first, Cancel by default."""
        question = self.tr("Start the scenario again from the beginning? Everything done in this session is wiped.")
        if self._confirm(self, self.tr("Reset for the next group"), question, self.tr("Reset")):
            self.reset()

    def reset(self) -> None:
        """Back to the scenario's start, on the task pool; ``reset_done`` brings the new Workbench."""
        self._enable_controls(False)
        self.message.setText(self.tr("Resetting…"))
        self._tasks.run(self.session.reset, self._after_reset, self._reset_failed)

    def _after_reset(self, workbench: Workbench) -> None:
        self._enable_controls(True)
        self.message.setText("")
        self._done = {}  # nothing of the last run is left: the ticks go, and a check follows
        self._show_steps()
        self.refresh_steps()
        self.reset_done.emit(workbench)

    def _reset_failed(self, error: BaseException) -> None:
        """Reset stays enabled to try again; when no session runs any more the window says so and waits."""
        self._enable_controls(True)
        if self.session.workbench is None:
            stopped = self.tr("The training environment has stopped: {reason} Press “{button}” to start it again.")
            self.message.setText(stopped.format(reason=user_text(error), button=self.reset_button.text()))
            self.change_button.setEnabled(False)
            self.stopped.emit()
            return
        self.message.setText(user_text(error))

    def ask_change(self) -> None:
        """The trainer picks another scenario (the chooser says the session is wiped); Cancel changes nothing."""
        chosen = choose_scenario(self.window(), current=self.session.scenario.id)
        if chosen is not None:
            self.change_to(chosen)

    def change_to(self, scenario: Scenario) -> None:
        """Close this session and start ``scenario`` in its folder, on the task pool (it starts services)."""
        self._enable_controls(False)
        self.message.setText(self.tr("Starting the scenario…"))

        def done(change: ScenarioChange) -> None:
            self._after_change(scenario, change)

        self._tasks.run(lambda: self.session.change_scenario(scenario), done, self._reset_failed)

    def _after_change(self, chosen: Scenario, change: ScenarioChange) -> None:
        self._enable_controls(True)
        self.message.setText("")
        problem = ""
        if change.problem is not None:  # the scenario that ran started again: the room can go on
            problem = self.tr("“{title}” could not start: {reason} This scenario started again from its beginning.")
            problem = problem.format(title=self._text(chosen.title), reason=user_text(change.problem))
        self.scenario_changed.emit(change, problem)

    def _enable_controls(self, enabled: bool) -> None:
        self.reset_button.setEnabled(enabled)
        self.change_button.setEnabled(enabled)
        for index in range(self.events_layout.count()):
            self.events_layout.itemAt(index).widget().setEnabled(enabled)

    def set_presentation(self, on: bool) -> None:
        """Larger type and high contrast for every window, for a projector (ui.presentation)."""
        presentation.set_on(on)
        window = self.parentWidget()
        if isinstance(window, QMainWindow):  # large type: the lists need the room more than the steps
            window.resizeDocks([self], [PANEL_MIN_WIDTH + 60], Qt.Orientation.Horizontal)
