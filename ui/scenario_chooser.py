"""The trainer's choice of a training scenario: every file of the scenarios folder with its title,
description and what it involves, found by typing (diacritics optional), started with Enter or a
double-click. A file that does not load is listed with its error, and the others still are.

Shown when training starts without ``--scenario`` and from the training panel ("Change scenario…").
Loading reads a few small JSON files (milliseconds): done here, on the UI thread, before it shows.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.vietnamese_text import fold, has_words
from sandbox.training import Scenario, ScenarioError, Text, scan_scenarios
from ui.translation import current_language, user_text

log = logging.getLogger(__name__)

ENTRY_ROLE = Qt.ItemDataRole.UserRole  # the row's Scenario, or the ScenarioError of its file
DEFAULT_SIZE = (760, 520)  # well inside 1366×768 at 125 % (1092×592)


def choose_scenario(parent: QWidget | None = None, current: str | None = None) -> Scenario | None:
    """Ask which scenario to start; None when the trainer cancels. ``current``: the one running now."""
    dialog = ScenarioChooser(parent, current=current)
    try:
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


class ScenarioChooser(QDialog):
    def __init__(self, parent: QWidget | None = None, folder: Path | None = None, current: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scenarioChooser")
        self._current = current
        self.search = QLineEdit(objectName="scenarioSearch", clearButtonEnabled=True)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)  # ↑/↓ move in the list while typing goes on here
        self.list = QListWidget(objectName="scenarioList", wordWrap=True, alternatingRowColors=True, spacing=2)
        self.list.currentItemChanged.connect(self._show_current)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.details = QLabel(objectName="scenarioDetails", wordWrap=True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)  # a description, without jumps
        self.wipe_note = QLabel(objectName="scenarioWipeNote", wordWrap=True, visible=current is not None)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.start_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.start_button.setObjectName("scenarioStart")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.intro = QLabel(wordWrap=True)
        for widget in (self.intro, self.search, self.list, self.details, self.wipe_note, self.buttons):
            layout.addWidget(widget)
        layout.setStretch(2, 1)
        self.retranslate()
        self._fill(scan_scenarios(folder))
        self.resize(*DEFAULT_SIZE)
        self.search.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Choose a training scenario"))
        self.intro.setText(self.tr("Choose the scenario to practise. Type a few words to find one."))
        self.search.setPlaceholderText(self.tr("Search (diacritics optional)"))
        self.wipe_note.setText(self.tr("Starting another scenario wipes everything done in this session."))
        self.start_button.setText(self.tr("Start"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    # -- the list ------------------------------------------------------------------------------------

    def _fill(self, entries: list[Scenario | ScenarioError]) -> None:
        for entry in entries:
            item = QListWidgetItem(self._row_text(entry))
            item.setData(ENTRY_ROLE, entry)
            if isinstance(entry, ScenarioError):
                log.warning("a scenario file does not load: %s", entry)
                item.setForeground(Qt.GlobalColor.darkRed)
            self.list.addItem(item)
        self._select_first(self._current)

    def _row_text(self, entry: Scenario | ScenarioError) -> str:
        if isinstance(entry, ScenarioError):
            heading = self.tr("⚠ {file} cannot be used").format(file=entry.file)
            return f"{heading}\n{user_text(entry)}"
        return f"{self._text(entry.title)}\n{self.summary(entry)}"

    def summary(self, scenario: Scenario) -> str:
        """One short line: how many steps, and what else the scenario brings into the room."""
        parts = [self.tr("{count} step(s)").format(count=len(scenario.steps))]
        if scenario.accounts.old is not None:
            parts.append(self.tr("an old system's account beside the new one"))
        if scenario.walk_ins:
            parts.append(self.tr("{count} citizen(s) at the counter").format(count=len(scenario.walk_ins)))
        if scenario.events:
            parts.append(self.tr("{count} live event(s)").format(count=len(scenario.events)))
        return " · ".join(parts)

    def _text(self, text: Text | None) -> str:
        if text is None:
            return ""
        return text.vi if current_language() == "vi" else text.en

    def _haystack(self, entry: Scenario | ScenarioError) -> str:
        """What typing looks in: both languages, so a trainer finds a scenario whichever they think in."""
        if isinstance(entry, ScenarioError):
            return f"{entry.file} {entry.message_vi} {entry.message_en}"
        texts = [entry.title, *([entry.description] if entry.description else [])]
        return " ".join([entry.id, entry.file, *(_both(text) for text in texts)])

    def _filter(self, query: str) -> None:
        """Show the rows with every word typed; choose the one whose title has them as typed (so
        "chu ky" chooses "…chữ ký số…", not a description's "chứng sinh… đăng ký"), else the first."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(not has_words(self._haystack(item.data(ENTRY_ROLE)), query))
        phrase = " ".join(fold(query).split())
        best = next((item.data(ENTRY_ROLE).id for item in self._shown_scenarios()
                     if phrase and phrase in fold(_both(item.data(ENTRY_ROLE).title))), None)  # fmt: skip
        self._select_first(best)

    def _shown_scenarios(self) -> list[QListWidgetItem]:
        items = (self.list.item(row) for row in range(self.list.count()))
        return [item for item in items if not item.isHidden() and isinstance(item.data(ENTRY_ROLE), Scenario)]

    def _select_first(self, scenario_id: str | None) -> None:
        """The scenario ``scenario_id`` when shown, else the first shown one that can start."""
        shown = [self.list.item(row) for row in range(self.list.count()) if not self.list.item(row).isHidden()]
        good = self._shown_scenarios()
        wanted = next((item for item in good if item.data(ENTRY_ROLE).id == scenario_id), None)
        item = wanted or (good[0] if good else (shown[0] if shown else None))
        self.list.setCurrentItem(item)
        if item is None:
            self._show_current(None)

    def _show_current(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        entry = None if item is None else item.data(ENTRY_ROLE)
        self.start_button.setEnabled(isinstance(entry, Scenario))
        if isinstance(entry, ScenarioError):
            hint = self.tr("Fix the file (its format is in the scenarios folder's README.md) and open this again.")
            self.details.setText(f"{user_text(entry)}\n{hint}")
        elif isinstance(entry, Scenario):
            self.details.setText(self._text(entry.description) or self._text(entry.title))
        else:
            self.details.setText(self.tr("No scenario matches what you typed."))

    # -- choosing ------------------------------------------------------------------------------------

    def chosen(self) -> Scenario | None:
        item = self.list.currentItem()
        entry = None if item is None or item.isHidden() else item.data(ENTRY_ROLE)
        return entry if isinstance(entry, Scenario) else None

    def accept(self) -> None:
        """Enter (Start is the default button, from the search or the list), a double-click or Start:
        only a scenario that loaded can start."""
        if self.chosen() is not None:
            super().accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """↑ and ↓ in the search move the list's choice, so typing and choosing need no mouse."""
        if watched is self.search and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(event.key()))
            if step is not None:
                self._move(step)
                return True
        return super().eventFilter(watched, event)

    def _move(self, step: int) -> None:
        rows = [row for row in range(self.list.count()) if not self.list.item(row).isHidden()]
        if not rows:
            return
        now = self.list.currentRow()
        later = [row for row in rows if (row - now) * step > 0]
        if later:
            self.list.setCurrentRow(later[0] if step > 0 else later[-1])


def _both(text: Text) -> str:
    """Both languages: an English UI's trainer may still type the Vietnamese words, and the reverse."""
    return f"{text.vi} {text.en}"
