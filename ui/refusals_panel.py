"""The actions of the item shown that the server refused (a colleague acted first, most often): for
each, the server's truth beside what the official did, in the user's language, and the two ways out:
do it again on the item as it is now, or discard it (after a confirmation). The panel only shows and
asks; the detail pane writes the decision on the window's writer thread."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.domain.errors import DomainError
from app.domain.labels import AXIS_EVENT_LABELS
from app.domain.workflow import DOSSIER, FIELD_LABELS, INCOMING, OUTGOING, Workflow
from app.workbench import ItemDetail, Refusal
from ui.item_models import format_datetime
from ui.translation import domain_text, rejection_text

DETAIL_FIELDS = ("reason", "assignee", "due_on", "result", "new_due", "text")  # what an action's payload tells


def workflow_for(detail: ItemDetail) -> Workflow:
    if detail.kind == "dossier":
        return DOSSIER
    return INCOMING if detail.fields["direction"] == "incoming" else OUTGOING


def action_text(workflow: Workflow, name: str) -> str:
    """An action (or an event of the document axis) in the user's language."""
    try:
        return domain_text(workflow.action(name).label)
    except DomainError:
        label = AXIS_EVENT_LABELS.get(name)
        return domain_text(label) if label else name


def last_act(trail: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The latest entry of the server's trail that says who acted (not an action still waiting here)."""
    return next((entry for entry in reversed(trail) if entry.get("by") and not entry.get("pending")), None)


def _when(value: Any) -> str:
    if isinstance(value, datetime):
        return format_datetime(value)
    try:
        return format_datetime(datetime.fromisoformat(str(value)))
    except ValueError:
        return str(value or "")


class RefusalsPanel(QWidget):
    # the item (kind, id) shown when it was asked, the refused entry, its action's name and label
    redo_wanted = Signal(object, int, str, str)  # to do again
    discard_wanted = Signal(object, int, str, str)  # to give up (confirmed)

    def __init__(self) -> None:
        super().__init__(objectName="refusals")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.confirm_box: QMessageBox | None = None  # the open "discard?" question, if any
        self._enabled = True
        self.hide()

    def show_refusals(self, detail: ItemDetail | None, state_label: str) -> None:
        """One frame per refused action of ``detail``; none (hidden) when it has none."""
        while self._layout.count():
            widget = self._layout.takeAt(0).widget()
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        refusals = detail.rejections if detail is not None else []
        for refusal in refusals:
            assert detail is not None
            self._layout.addWidget(self._frame(detail, refusal, state_label))
        self.setVisible(bool(refusals))
        self.set_enabled(self._enabled)

    def set_enabled(self, enabled: bool) -> None:
        """While a write for the item is on its way the buttons wait; "do it again" only where allowed."""
        self._enabled = enabled
        for button in self.findChildren(QPushButton):
            button.setEnabled(enabled and bool(button.property("allowed")))

    def redo_label(self) -> str:
        return self.tr("Do it again on the current version")

    def discard_label(self) -> str:
        return self.tr("Discard mine")

    def text(self) -> str:
        """What the panel says, as plain text (for the tests and for accessibility tools)."""
        return "\n".join(label.text() for label in self.findChildren(QLabel, "refusalText"))

    def _frame(self, detail: ItemDetail, refusal: Refusal, state_label: str) -> QFrame:
        frame = QFrame(objectName="refusal")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        label = QLabel(self._html(detail, refusal, state_label), objectName="refusalText", wordWrap=True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        action = action_text(workflow_for(detail), refusal.action)
        redo = QPushButton(self.redo_label(), objectName="redoRefused")
        redo.setProperty("allowed", refusal.can_redo)
        redo.setToolTip(
            self.tr("Send “{action}” again, with the same details, on the item as the server has it now.").format(
                action=action
            )
            if refusal.can_redo
            else self.tr("The item's current state does not allow “{action}” any more.").format(action=action)
        )
        ref = (detail.kind, detail.id)
        redo.clicked.connect(lambda: self.redo_wanted.emit(ref, refusal.entry_id, refusal.action, action))
        discard = QPushButton(self.discard_label(), objectName="discardRefused")
        discard.setProperty("allowed", True)
        discard.setToolTip(self.tr("Keep the server's version and drop your action."))
        discard.clicked.connect(lambda: self._confirm_discard(ref, refusal.entry_id, refusal.action, action))
        buttons = QHBoxLayout()
        buttons.addWidget(redo)
        buttons.addWidget(discard)
        buttons.addStretch(1)
        layout = QVBoxLayout(frame)
        layout.addWidget(label)
        layout.addLayout(buttons)
        return frame

    def _html(self, detail: ItemDetail, refusal: Refusal, state_label: str) -> str:
        workflow = workflow_for(detail)
        title = self.tr("The server did not accept “{action}”:").format(action=action_text(workflow, refusal.action))
        reason = rejection_text(refusal.code, refusal.message, refusal.params)
        server, mine = self.tr("On the server now"), self.tr("What you did")
        last = last_act(detail.trail)
        last_text = (
            self.tr("{action} by {who}, {when}").format(
                action=action_text(workflow, str(last.get("action") or "")), who=last["by"], when=_when(last.get("at"))
            )
            if last is not None
            else ""
        )
        did = self.tr("{action} by {who}, {when}").format(
            action=action_text(workflow, refusal.action), who=refusal.by, when=_when(refusal.done_at)
        )
        rows = [
            (self.tr("State: {state}").format(state=state_label), did),
            (self.tr("Last: {action}").format(action=last_text) if last_text else "", self._details(refusal)),
        ]
        cells = "".join(f"<tr><td>{escape(left)}</td><td>{escape(right)}</td></tr>" for left, right in rows)
        return (
            f"<p style='color:#b3261e'><b>{escape(title)}</b> {escape(reason)}</p>"
            f"<table cellpadding='3'><tr><th align='left'>{escape(server)}</th>"
            f"<th align='left'>{escape(mine)}</th></tr>{cells}</table>"
        )

    def _details(self, refusal: Refusal) -> str:
        """The details the official gave with the action (its reason, its assignee, …)."""
        parts = []
        for key in DETAIL_FIELDS:
            value = refusal.payload.get(key)
            if value in (None, ""):
                continue
            name = domain_text(FIELD_LABELS[key]) if key in FIELD_LABELS else self._extra_label(key)
            shown = _when(value) if key == "new_due" else str(value)
            parts.append(f"{name[:1].upper()}{name[1:]}: {shown}")
        return "; ".join(parts)

    def _extra_label(self, key: str) -> str:
        return self.tr("due date") if key == "due_on" else key

    def _confirm_discard(self, ref: tuple[str, int], entry_id: int, name: str, action: str) -> None:
        """Ask first (not modal to the whole program: the window goes on answering meanwhile)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.discard_label(), "", parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one question a click, gone once answered
        box.setText(
            self.tr("Drop your “{action}”? The item stays as the server has it; nothing is sent.").format(action=action)
        )
        box.setObjectName("confirmDiscard")
        discard = box.addButton(self.discard_label(), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        discard.setObjectName("confirmDiscardButton")
        box.buttonClicked.connect(lambda clicked: self._answered(clicked is discard, ref, entry_id, name, action))
        self.confirm_box = box
        box.open()

    def _answered(self, confirmed: bool, ref: tuple[str, int], entry_id: int, name: str, action: str) -> None:
        self.confirm_box = None
        if confirmed:
            self.discard_wanted.emit(ref, entry_id, name, action)
