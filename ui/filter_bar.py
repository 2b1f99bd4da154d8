"""The row of filters above the lists: system (old/new), state, urgency, assignee, deadline range."""

from __future__ import annotations

from datetime import date
from enum import Enum

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QLineEdit, QWidget

from app.domain.item_lists import Narrowing
from app.domain.labels import SOURCE_KIND_LABELS, URGENCY_LABELS
from app.domain.workflow import STATE_LABELS, DossierState, FeedbackState, IncomingState, OutgoingState
from ui.flow_layout import FlowLayout
from ui.translation import domain_text

NO_DATE = QDate(2000, 1, 1)  # shown as "—": no bound


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit(objectName=name, calendarPopup=True, displayFormat="dd/MM/yyyy")
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText("—")
    edit.setDate(NO_DATE)
    return edit


def _bound(edit: QDateEdit) -> date | None:
    return None if edit.date() == NO_DATE else edit.date().toPython()


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.system = QComboBox(objectName="filterSystem")
        self.state = QComboBox(objectName="filterState")
        self.urgency = QComboBox(objectName="filterUrgency")
        self.assignee = QLineEdit(objectName="filterAssignee", clearButtonEnabled=True, minimumWidth=110)
        self.due_from = _date_edit("filterDueFrom")
        self.due_to = _date_edit("filterDueTo")
        self.due_label = QLabel()
        for combo in (self.system, self.state, self.urgency):  # as wide as a choice, not as the longest one
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(9)
        layout = FlowLayout(self)  # one row on a wide window, two on a narrow one or in large type
        for widget in (self.system, self.state, self.urgency, self.assignee, self.due_label, self.due_from,
                       self.due_to):  # fmt: skip
            layout.addWidget(widget)
        for combo in (self.system, self.state, self.urgency):
            combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.assignee.textChanged.connect(lambda _text: self.changed.emit())
        self.due_from.dateChanged.connect(lambda _date: self.changed.emit())
        self.due_to.dateChanged.connect(lambda _date: self.changed.emit())
        self._states: list[Enum] = []  # labelled anew in each language
        self.retranslate()

    def retranslate(self) -> None:
        self._fill(self.system, self.tr("All systems"), [(k, domain_text(v)) for k, v in SOURCE_KIND_LABELS.items()])
        self._fill(self.urgency, self.tr("Any urgency"), [(k, domain_text(v)) for k, v in URGENCY_LABELS.items()])
        self._fill(self.state, self.tr("Any state"), self._state_choices())
        self.assignee.setPlaceholderText(self.tr("Handled by…"))
        self.due_label.setText(self.tr("Due from / to"))
        for widget, name in ((self.system, self.tr("System")), (self.state, self.tr("State")),
                             (self.urgency, self.tr("Urgency")), (self.assignee, self.tr("Handled by")),
                             (self.due_from, self.tr("Due from")), (self.due_to, self.tr("Due to"))):  # fmt: skip
            widget.setAccessibleName(name)

    def set_kind(self, kind: str | None) -> None:
        """The states offered follow the list: incoming, outgoing, dossiers, 1022 reports, or none for mixed
        views; urgency only where documents show."""
        states: dict[str, type[Enum]] = {"incoming": IncomingState, "outgoing": OutgoingState, "dossiers": DossierState,
                                         "feedback": FeedbackState}  # fmt: skip
        self._states = list(states.get(kind or "", ()))
        documents_shown = kind not in ("dossiers", "feedback")
        if not documents_shown:
            self.urgency.setCurrentIndex(0)  # a document's field: kept, it would empty the list
        self.urgency.setEnabled(documents_shown)
        self.state.blockSignals(True)
        self._fill(self.state, self.tr("Any state"), self._state_choices())
        self.state.blockSignals(False)
        self.state.setEnabled(bool(self._states))

    def _state_choices(self) -> list[tuple[str, str]]:
        return [(str(state.value), domain_text(STATE_LABELS[state])) for state in self._states]

    @staticmethod
    def _fill(combo: QComboBox, everything: str, choices: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for key, label in choices:
            combo.addItem(label, key)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def narrowing(self) -> Narrowing:
        return Narrowing(
            source_kind=self.system.currentData(),
            state=self.state.currentData(),
            urgency=self.urgency.currentData(),
            assignee=self.assignee.text().strip() or None,
            due_from=_bound(self.due_from),
            due_to=_bound(self.due_to),
        )
