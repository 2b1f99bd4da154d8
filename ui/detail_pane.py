"""The detail pane: every field of the selected item, its trail, comments, attachments and the
actions its state allows; an action asks for what it needs, then is written on the window's writer
thread while its buttons wait, and the item is shown again once it is saved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.file_names import is_pdf
from app.domain.labels import (
    AXIS_EVENT_LABELS,
    AXIS_STATUS_LABELS,
    CHANNEL_LABELS,
    CONFIDENTIALITY_LABELS,
    FEEDBACK_CHANNEL_LABELS,
    URGENCY_LABELS,
    edxml_id_label,
)
from app.domain.signature_verdict import SignatureCheck, Verdict
from app.domain.workflow import (
    CLOSED_FEEDBACK_STATES,
    CONFIRMED_ACTIONS,
    FEEDBACK,
    FIELD_LABELS,
    STATE_LABELS,
    Action,
    DossierState,
    FeedbackState,
    IncomingState,
    OutgoingState,
)
from app.domain.working_calendar import VN_TZ
from app.one_stop_forms import FILE_STEMS, FORM_LABELS, FormKind, forms_for
from app.workbench import AttachmentLine, ItemDetail, Undoable, Workbench
from ui.appointment_dialog import ask_new_appointment
from ui.assignee_dialog import AssigneeDialog
from ui.confirm import confirm
from ui.feedback_dialog import ASKED_ACTIONS, FeedbackDialog, ReportContext, ReportStep
from ui.file_dialogs import save_file
from ui.icons import icon
from ui.item_models import format_date, format_datetime
from ui.pin_dialog import PinDialog
from ui.refusals_panel import RefusalsPanel
from ui.signature_view import SignatureDialog, verdict_colour, verdict_label
from ui.tasks import CancelToken, TaskRunner
from ui.translation import document_type_text, domain_text, user_text

MAX_ACTION_BUTTONS = 9  # Ctrl+1 … Ctrl+9
BUTTON_COLUMNS = 2


def _value(value: Any) -> str:
    if isinstance(value, datetime):
        return format_datetime(value) if value.tzinfo else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


ItemRef = tuple[str, int]  # kind, id


class DetailPane(QWidget):
    acted = Signal(str, int)  # kind, id: a change to the item was written here
    draft_edit_wanted = Signal(int, object)  # an outgoing draft's id and fields, for the drafting dialog
    form_saved = Signal(object)  # the Path of a one-stop form saved as PDF, once written
    receipt_wanted = Signal(int)  # the dossier whose receipt slip (form 01) the user wants to see and print
    form_wanted = Signal(int, str)  # a dossier and another of its forms (a FormKind value) to see and print
    signatures_checked = Signal(str, int)  # an item whose files' signatures were just checked (its list mark)

    def __init__(
        self,
        workbench: Workbench,
        tasks: TaskRunner,
        ask: Callable[[QWidget, str, str], tuple[str, bool]] | None = None,
        ask_time: Callable[[QWidget, str, datetime, datetime], datetime | None] | None = None,
        ask_assignee: Callable[[QWidget, str, list[str]], tuple[str, bool]] | None = None,
        ask_pin: Callable[[QWidget, str], tuple[str, bool]] | None = None,
        confirm_action: Callable[[QWidget, str, str, str], bool] | None = None,
        ask_report: Callable[[QWidget, str, str, ReportContext], ReportStep | None] | None = None,
    ) -> None:
        super().__init__()
        self.workbench = workbench
        self._tasks = tasks
        self._ask = ask or (lambda parent, title, label: QInputDialog.getMultiLineText(parent, title, label))
        self._ask_time = ask_time or ask_new_appointment
        self._ask_assignee = ask_assignee or AssigneeDialog.ask
        self._ask_pin = ask_pin or PinDialog.ask
        self._confirm = confirm_action or confirm
        self._ask_report = ask_report or (
            lambda parent, action, title, context: FeedbackDialog.ask(parent, action, title, context, workbench)
        )
        self._units: tuple[tuple[str, str], ...] = ()  # the directory's units, for sending a report back
        self._officials: list[str] = []  # the unit's officials, for assigning (read with each document shown)
        self.detail: ItemDetail | None = None
        self._writing: set[ItemRef] = set()  # items with a write on its way: their buttons wait
        self._checks_tried: set[int] = set()  # attachments whose signatures were checked while shown here
        self._checks_done: set[int] = set()  # …and whose check has answered
        self.signature_dialog: SignatureDialog | None = None
        self.title = QLabel()
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body = QTextBrowser()
        self.body.setObjectName("detailBody")
        self.body.setOpenLinks(False)
        self.body.anchorClicked.connect(self._open_link)
        self.buttons = QGridLayout()
        self.message = QLabel(objectName="detailMessage", wordWrap=True)  # what became of the last action
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.refusals = RefusalsPanel()  # the actions the server refused: the server's truth beside ours
        self.refusals.redo_wanted.connect(self.redo_refused)
        self.refusals.discard_wanted.connect(self.discard_refused)
        self.print_button = self._forms_button("printForms", "Ctrl+P", self.want_form)
        self.save_button = self._forms_button("saveForms", "Ctrl+Shift+S", lambda kind: self.save_form(kind))
        forms_row = QHBoxLayout()
        forms_row.addWidget(self.print_button)
        forms_row.addWidget(self.save_button)
        forms_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.refusals)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.message)
        layout.addLayout(self.buttons)
        layout.addLayout(forms_row)
        self._show(None)

    def _forms_button(self, name: str, keys: str, chosen: Callable[[FormKind], object]) -> QToolButton:
        """A button for the dossier's forms: a click takes the first (the receipt, where there is one),
        its arrow or ``keys`` open the menu of every form the dossier's state calls for."""
        button = QToolButton(objectName=name)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setMenu(QMenu(button))
        button.menu().triggered.connect(lambda action: chosen(FormKind(action.data())))
        button.clicked.connect(lambda: self._first_form(chosen))
        shortcut = QShortcut(QKeySequence(keys), button)
        shortcut.activated.connect(lambda: button.isVisible() and button.showMenu())
        button.setProperty("keys", keys)
        return button

    # -- showing -----------------------------------------------------------------------------------

    def show_item(self, kind: str | None, item_id: int | None) -> None:
        """Read the item on a worker and show it when it arrives. Until another item arrives its actions
        wait, so a click never lands on the item shown before; the same item read again keeps them."""
        if kind is None or item_id is None:
            self._tasks.cancel("detail")
            self._show(None)
            return
        if not self._showing((kind, item_id)):
            self._enable_actions(False)
        self._tasks.run(lambda: self.workbench.item_detail(kind, item_id), self._show, key="detail",
                        on_failed=self._not_read)  # fmt: skip

    def _keep_officials(self, names: list[str]) -> None:
        self._officials = names

    def _keep_units(self, units: tuple[tuple[str, str], ...]) -> None:
        self._units = units

    def _not_read(self, error: BaseException) -> None:
        """The item could not be read: the pane shows no item (so no button acts on the one shown before)
        and says why; selecting an item reads it again."""
        self._show(None)
        self._say(self.tr("This item could not be read: {reason}").format(reason=user_text(error)))

    def _show(self, detail: ItemDetail | None) -> None:
        if detail is None or self.detail is None or (detail.kind, detail.id) != (self.detail.kind, self.detail.id):
            self._say("")  # a message about another item
        self.detail = detail
        self._clear_buttons()
        self._fill_forms(detail)
        self.refusals.show_refusals(detail, self._state_label(detail) if detail is not None else "")
        if detail is None:
            self.title.setText(self.tr("Select a document or a dossier to see it here."))
            self.body.setHtml("")
            return
        if any("assignee" in action.required for action in detail.actions):  # the picker's names, off the UI thread
            self._tasks.run(self.workbench.officials, self._keep_officials, key="officials")
        if any(action.name == "send_back" for action in detail.actions) and not self._units:
            self._tasks.run(self.workbench.competent_units, self._keep_units, key="units")
        self.title.setText(self._title(detail))
        self.body.setHtml(self._html(detail))
        self._check_waiting_signatures(detail)
        for index, action in enumerate(detail.actions):
            self._add_button(action, index)
        if detail.can_seal:
            self._add_seal_button(len(detail.actions))
        if detail.undoable is not None:
            self._add_undo_button(detail.undoable, self.buttons.count())
        self._enable_actions((detail.kind, detail.id) not in self._writing)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _showing(self, ref: ItemRef) -> bool:
        return self.detail is not None and (self.detail.kind, self.detail.id) == ref

    def _enable_actions(self, enabled: bool) -> None:
        for index in range(self.buttons.count()):
            widget = self.buttons.itemAt(index).widget()
            if widget is not None:
                widget.setEnabled(enabled)
        self.refusals.set_enabled(enabled)

    def _title(self, detail: ItemDetail) -> str:
        f = detail.fields
        if detail.kind == "dossier":
            return f"{f['code']} — {f['procedure_name']}"
        if detail.kind == "feedback":
            return self.tr("1022 report {code} — {category}").format(code=f["code"], category=f["category"])
        number = f"{f['number'] or '…'}/{f['notation']}" if f["notation"] else (f["number"] or "")
        return f"{number} — {f['subject']}"

    def _state_label(self, detail: ItemDetail) -> str:
        """The state in words; as stored when it is none the desk knows (a cell a damaged cache file read
        wrong, until the sync's copy replaces it)."""
        f = detail.fields
        try:
            if detail.kind == "dossier":
                state: Any = DossierState(f["state"])
            elif detail.kind == "feedback":
                state = FeedbackState(f["state"])
            else:
                state = (IncomingState if f["direction"] == "incoming" else OutgoingState)(f["state"])
        except ValueError:
            return str(f["state"])
        return domain_text(STATE_LABELS[state])

    def _rows(self, detail: ItemDetail) -> list[tuple[str, str]]:
        f = detail.fields
        rows = [(self.tr("State"), self._state_label(detail))]
        if detail.kind == "dossier":
            rows += [
                (self.tr("Applicant"), _value(f["applicant_name"])),
                (self.tr("ID number"), _value(f["applicant_id_number"])),
                (self.tr("Address"), _value(f["applicant_address"])),
                (self.tr("Phone"), _value(f["applicant_phone"])),
                (self.tr("Channel"), domain_text(CHANNEL_LABELS.get(f["channel"], f["channel"]))),
                (self.tr("Received"), _value(f["received_at"])),
                (self.tr("Statutory time"), self._statutory(f)),
                (self.tr("Due"), _value(f["due_at"])),
                *([(self.tr("New appointment"), _value(f["extended_due_at"]))] if f["extended_due_at"] else []),
                (self.tr("Finished"), _value(f["finished_at"])),
            ]
        elif detail.kind == "feedback":
            rows += self._report_rows(f)
        else:
            if f["direction"] == "outgoing":
                rows.append((self.tr("Number"), self._outgoing_number(f)))
            rows += [
                (self.tr("Issuing agency"), _value(f["issuing_agency_name"])),
                (self.tr("Issued on"), _value(f["issued_on"])),
                (self.tr("Type"), document_type_text(f["doc_type"])),
                (self.tr("Urgency"), domain_text(URGENCY_LABELS.get(f["urgency"], f["urgency"]))),
                (self.tr("Confidentiality"), domain_text(CONFIDENTIALITY_LABELS.get(f["confidentiality"], ""))),
                (self.tr("Signer"), " — ".join(filter(None, [f["signer_position"], f["signer_name"]]))),
                (self.tr("Arrival date"), _value(f["arrival_date"])),
                (self.tr("Arrival no."), _value(f["arrival_number"])),
                (self.tr("Recipients"), _value(f["recipients"])),
                (self.tr("Assignee"), _value(f["assignee"])),
                (self.tr("Due"), " ".join(filter(None, [_value(f["due_on"]), f["due_time"] or ""]))),
            ]
            if f["replaces"]:
                rows.append((self.tr("Replaces"), ", ".join(edxml_id_label(i) for i in f["replaces"])))
            if f["replaced_by"]:
                rows.append((self.tr("Replaced by"), edxml_id_label(f["replaced_by"])))
            envelope = self._envelope_signature(detail)
            if envelope:
                rows.append((self.tr("edXML packet's signature"), envelope))
        if f["sync_state"] == "pending":
            rows.append((self.tr("Sync"), self.tr("Waiting to sync: saved on this computer, not yet on the server.")))
        return rows

    def _report_rows(self, f: dict[str, Any]) -> list[tuple[str, str]]:
        """A 1022 report's facts; the reporter's contact only as the service shows it to this account."""
        if f["anonymous"]:
            reporter = self.tr("Anonymous report: no contact")
        elif f["contact_hidden"]:
            reporter = self.tr("Shown only to the official handling it and the unit's leaders")
        else:
            reporter = " · ".join(filter(None, [f["reporter_name"], f["reporter_phone"], f["reporter_email"]]))
        kind = self.tr("working days") if f["answer_day_kind"] == "working" else self.tr("calendar days")
        rows = [
            (self.tr("Channel"), domain_text(FEEDBACK_CHANNEL_LABELS.get(f["channel"], f["channel"]))),
            (self.tr("Category"), _value(f["category"])),
            (self.tr("Place"), _value(f["address"])),
            (self.tr("Reporter"), reporter),
            (self.tr("Received by 1022"), _value(f["received_at"])),
            (self.tr("Routed to the unit"), _value(f["routed_at"])),
            (self.tr("Answer time"), f"{f['answer_days']} {kind}"),
            (self.tr("Answer due"), _value(f["due_at"])),
        ]
        optional = (
            (self.tr("Committed answer date"), _value(f["committed_on"])),
            (self.tr("Handled by"), _value(f["assignee"])),
            (self.tr("Sent back because"), _value(f["sent_back_reason"])),
            (self.tr("Competent unit suggested"), _value(f["suggested_unit_code"])),
            (self.tr("Published"), "" if f["publish"] is None else self.tr("Yes") if f["publish"] else self.tr("No")),
            (self.tr("Finished"), _value(f["finished_at"])),
        )
        return rows + [(label, value) for label, value in optional if value]

    def _report_html(self, f: dict[str, Any]) -> str:
        """The citizen's words, the answer drafted, and the place on a map when 1022 gave coordinates."""
        content_title, answer_title = self.tr("Content of the report"), self.tr("Answer")
        parts = [f"<h4>{escape(content_title)}</h4><p>{escape(f['content'])}</p>"]
        if f["latitude"] is not None and f["longitude"] is not None:
            where = f"{f['latitude']:.5f}, {f['longitude']:.5f}"
            link = escape(self.tr("show on a map"))
            parts.append(f"<p>{escape(where)} — <a href='map:{f['latitude']},{f['longitude']}'>{link}</a></p>")
        if f["answer"]:
            parts.append(f"<h4>{escape(answer_title)}</h4><p>{escape(f['answer'])}</p>")
        return "".join(parts)

    def _envelope_signature(self, detail: ItemDetail) -> str:
        """What the service found the arriving edXML envelope's XML signature to be."""
        found = next((e.get("envelope_signature") for e in detail.trail if e.get("envelope_signature")), None)
        if not isinstance(found, dict) or found.get("verdict") not in set(Verdict):
            return ""
        who = " — ".join(filter(None, [str(found.get("signer") or ""), str(found.get("organisation") or "")]))
        label = verdict_label(Verdict(found["verdict"]))
        return f"{label}: {who}" if who else label

    def _outgoing_number(self, f: dict[str, Any]) -> str:
        if f["number"]:
            return "/".join(filter(None, [f["number"], f["notation"]]))
        if f["state"] in (OutgoingState.ISSUED, OutgoingState.SENT):  # issued here, not numbered by the service yet
            return self.tr("Given by the unit's register as soon as this computer reaches the service")
        return self.tr("Given by the unit's register when the document is issued")

    def _statutory(self, f: dict[str, Any]) -> str:
        unit = self.tr("working days") if f["statutory_unit"] == "days" else self.tr("working hours")
        return f"{f['statutory_amount']} {unit}"

    def _html(self, detail: ItemDetail) -> str:
        parts = []
        trail_title, comments_title = self.tr("Processing trail"), self.tr("Comments")
        attachments_title = self.tr("Attachments")
        notice = self._axis_notice(detail)
        if notice:
            parts.append(f"<p style='color:#8a4b00'><b>{escape(notice)}</b></p>")
        parts.append("<table cellpadding='3'>")
        parts += [f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in self._rows(detail)]
        parts.append("</table>")
        if detail.kind == "feedback":
            parts.append(self._report_html(detail.fields))
        if detail.kind == "document" and detail.fields["deliveries"]:
            parts.append(self._deliveries_html(detail.fields["deliveries"]))
        parts.append(f"<h4>{escape(trail_title)}</h4><ul>")
        for entry in detail.trail:
            when, by = _value(_parse_time(entry.get("at"))), str(entry.get("by") or "")
            pieces = [when, by, self._axis_event(entry), self._entry_state(detail, entry)]
            pieces += [str(entry[k]) for k in ("assignee", "reason", "result", "note") if entry.get(k)]
            if detail.kind == "feedback":
                pieces += self._report_entry(entry)
            parts.append(f"<li>{escape(' · '.join(p for p in pieces if p))}</li>")
        parts.append("</ul>")
        if detail.comments:
            parts.append(f"<h4>{escape(comments_title)}</h4><ul>")
            parts += [f"<li><b>{escape(a)}</b>: {escape(t)}</li>" for a, t, _ in detail.comments]
            parts.append("</ul>")
        if detail.attachments:
            parts.append(f"<h4>{escape(attachments_title)}</h4><ul>")
            for line in detail.attachments:
                where = self.tr("on this computer") if line.here else self.tr("not downloaded yet")
                where = self.tr("on this computer, not yet sent to the service") if line.unsent else where
                label = f"<a href='attachment:{line.id}'>{escape(line.name)}</a>" if line.here else escape(line.name)
                parts.append(f"<li>{label} ({line.size:,} B, {escape(where)}){self._signature_html(line)}</li>")
            parts.append("</ul>")
        return "".join(parts)

    # -- the one-stop forms ------------------------------------------------------------------------

    def _fill_forms(self, detail: ItemDetail | None) -> None:
        """The forms menus list what the dossier's state calls for; no dossier or no form, no buttons."""
        forms = (
            forms_for(detail.fields["state"], detail.fields["extended_due_at"] is not None)
            if detail is not None and detail.kind == "dossier"
            else []
        )
        texts = ((self.print_button, self.tr("Print a form…")), (self.save_button, self.tr("Save as PDF…")))
        for button, text in texts:
            button.setText(text)
            keys = QKeySequence(button.property("keys")).toString(QKeySequence.SequenceFormat.NativeText)
            first = domain_text(FORM_LABELS[forms[0]]) if forms else ""
            button.setToolTip(self.tr("Click: {form}. Arrow or {keys}: every form of this dossier.").format(
                form=first, keys=keys))  # fmt: skip
            menu = button.menu()
            menu.clear()
            for kind in forms:
                menu.addAction(domain_text(FORM_LABELS[kind])).setData(kind.value)
            button.setVisible(bool(forms))

    def available_forms(self) -> list[FormKind]:
        """The forms the menus offer for the dossier shown."""
        return [FormKind(action.data()) for action in self.print_button.menu().actions()]

    def _first_form(self, chosen: Callable[[FormKind], object]) -> None:
        forms = self.available_forms()
        if forms:
            chosen(forms[0])

    def want_form(self, kind: FormKind) -> None:
        """Ask the window for the form's print preview (made off the UI thread)."""
        if self.detail is None or self.detail.kind != "dossier":
            return
        if kind is FormKind.RECEIPT:
            self.receipt_wanted.emit(self.detail.id)
        else:
            self.form_wanted.emit(self.detail.id, kind.value)

    def save_form(self, kind: FormKind, path: Path | None = None) -> Path | None:
        """One of the dossier's forms as a PDF file: made on the task pool (``form_saved`` says when the
        file is there); returns the file it will be, None if the user chose none."""
        if self.detail is None or self.detail.kind != "dossier":
            return None
        if path is None:
            suggested = f"{FILE_STEMS[kind]}-{self.detail.fields['code']}.pdf"
            title = domain_text(FORM_LABELS[kind])
            path = save_file(self, self.workbench, title, suggested, "PDF (*.pdf)")
            if path is None:
                return None
        from ui.printing import layout_dpi, save_html_as_pdf  # Qt's print support only when printing

        dossier_id, target, dpi = self.detail.id, path, layout_dpi()  # the screens belong to the UI thread

        def write(token: CancelToken) -> Path:
            html = self.workbench.one_stop_form(kind, dossier_id)
            token.check()
            save_html_as_pdf(html, target, dpi=dpi)
            return target

        self._tasks.run(write, self._form_written, cancellable=True)
        return path

    def _form_written(self, path: Path) -> None:
        self._say(self.tr("Saved {path}").format(path=path))
        self.form_saved.emit(path)

    def _open_link(self, url: QUrl) -> None:
        if url.scheme() == "attachment" and url.path().isdigit():
            self.open_attachment(int(url.path()))
        elif url.scheme() == "signature" and url.path().isdigit():
            self.show_signatures(int(url.path()))
        elif url.scheme() == "map":
            latitude, _, longitude = url.path().partition(",")
            map_url = f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}#map=18/{latitude}/{longitude}"
            QDesktopServices.openUrl(QUrl(map_url))

    # -- digital signatures ------------------------------------------------------------------------

    def _signature_html(self, line: AttachmentLine) -> str:
        """What the file's signatures were found to be, with a link to their details."""
        if line.verdict is not None:
            verdict = Verdict(line.verdict)
            details = self.tr("signature details…")
            return (
                f"<br><span style='color:{verdict_colour(verdict)}'><b>● {escape(verdict_label(verdict))}</b></span>"
                f" — <a href='signature:{line.id}'>{escape(details)}</a>"
            )
        if line.checked:
            unsigned = self.tr("No digital signature")
            return f"<br>{escape(unsigned)}"
        if line.here and is_pdf(line.name) and line.id in self._checks_done:
            unchecked = self.tr("The digital signatures could not be checked on this computer.")
            return f"<br><i>{escape(unchecked)}</i>"
        if line.here and is_pdf(line.name):
            checking = self.tr("Checking the digital signatures…")
            return f"<br><i>{escape(checking)}</i>"
        return ""

    def _check_waiting_signatures(self, detail: ItemDetail) -> None:
        """Check the first PDF of the item shown that has no check yet (on a worker); the pane shows
        the item again when it is done, which checks the next one."""
        waiting = [
            line.id
            for line in detail.attachments
            if line.here and not line.checked and is_pdf(line.name) and line.id not in self._checks_tried
        ]
        if not waiting:
            return
        attachment_id = waiting[0]
        self._checks_tried.add(attachment_id)
        ref = (detail.kind, detail.id)
        self._tasks.run(lambda: self.workbench.check_signatures(attachment_id),
                        lambda _check: self._checked(ref, attachment_id),
                        on_failed=lambda error: self._check_failed(ref, error), key="signature-check")  # fmt: skip

    def _checked(self, ref: ItemRef, attachment_id: int | None = None) -> None:
        if attachment_id is not None:
            self._checks_done.add(attachment_id)
        if self._showing(ref):
            self.show_item(*ref)
        self.signatures_checked.emit(*ref)

    def _check_failed(self, ref: ItemRef, error: BaseException) -> None:
        if self._showing(ref):
            self._say(self.tr("The digital signatures could not be checked: {reason}").format(reason=user_text(error)))

    def show_signatures(self, attachment_id: int) -> None:
        """The signatures of one attachment in their dialog, with a button to check them again."""
        lines = [line for line in (self.detail.attachments if self.detail else []) if line.id == attachment_id]
        if not lines:
            return
        name = lines[0].name
        self._tasks.run(lambda: self.workbench.signature_check(attachment_id),
                        lambda check: self._open_signatures(attachment_id, name, check), key="signatures")  # fmt: skip

    def _open_signatures(self, attachment_id: int, name: str, check: SignatureCheck | None) -> None:
        if check is None:
            return
        dialog = SignatureDialog(name, check, parent=self)
        ref = (self.detail.kind, self.detail.id) if self.detail else None

        def recheck() -> None:
            dialog.checking()
            self._tasks.run(lambda: self.workbench.check_signatures(attachment_id), shown, key="signature-recheck",
                            on_failed=lambda error: dialog.show_check(dialog.check))  # fmt: skip

        def shown(result: SignatureCheck | None) -> None:
            if result is not None:
                dialog.show_check(result)
            if ref is not None:
                self._checked(ref)

        dialog.recheck_button.clicked.connect(recheck)
        self.signature_dialog = dialog
        dialog.open()

    def open_attachment(self, attachment_id: int) -> QDialog | None:
        """A PDF opens in the built-in viewer; other files in the system's program for them."""
        path = self.workbench.attachment_file(attachment_id)
        if path is None:
            QMessageBox.information(self, self.tr("Attachments"), self.tr("This file is not on this computer yet."))
            return None
        if path.suffix.lower() != ".pdf":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
            return None
        from ui.pdf_viewer import PdfViewer  # QtPdf only when a PDF is opened

        viewer = PdfViewer(path, self.workbench, self)
        viewer.show()
        return viewer

    def _axis_notice(self, detail: ItemDetail) -> str:
        """What the issuer did to an incoming document, said before anything else."""
        state = detail.fields.get("state") if detail.kind == "document" else None
        if state == IncomingState.RECALL_REQUESTED:
            return self.tr("The issuer asks for this document back: agree to the recall or refuse it.")
        if state == IncomingState.WITHDRAWN:
            return self.tr("The issuer has withdrawn this document: nothing more is to be done with it.")
        if state == IncomingState.REPLACED:
            return self.tr("This document was replaced by {document}: work on that one.").format(
                document=edxml_id_label(detail.fields["replaced_by"] or "")
            )
        updated = [e for e in detail.trail if e.get("action") == "edxml_updated"] if state else []
        if updated:
            notice = self.tr("The issuer updated this document on {when}: what changed is in the processing trail.")
            return notice.format(when=_value(_parse_time(updated[-1].get("at"))))
        return ""

    def _axis_event(self, entry: dict[str, Any]) -> str:
        """A trail entry a packet wrote: the status a recipient answered, or what the issuer did."""
        if entry.get("status"):
            status = str(entry["status"])
            return f"{status} {domain_text(AXIS_STATUS_LABELS.get(status, status))}"
        label = AXIS_EVENT_LABELS.get(str(entry.get("action")))
        return domain_text(label) if label else ""

    def _deliveries_html(self, deliveries: list[dict[str, Any]]) -> str:
        """An outgoing document's recipients on the axis, each with the last status it answered."""
        head = (self.tr("Recipient"), self.tr("Status"), self.tr("Since"), self.tr("Note"))
        title = self.tr("Recipients on the document axis")
        rows = [f"<h4>{escape(title)}</h4>",
                "<table cellpadding='3' border='1' cellspacing='0'><tr>",
                *(f"<th align='left'>{escape(h)}</th>" for h in head), "</tr>"]  # fmt: skip
        for delivery in deliveries:
            status = str(delivery.get("status") or "pending")
            cells = (
                str(delivery.get("name") or delivery.get("organ_id") or ""),
                domain_text(AXIS_STATUS_LABELS.get(status, status)),
                _value(_parse_time(delivery.get("at"))) if delivery.get("at") else "",
                str(delivery.get("note") or ""),
            )
            rows.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
        rows.append("</table>")
        return "".join(rows)

    def _report_step(self, action: str) -> str:
        if action == "route":
            return self.tr("Routed by 1022")
        return domain_text(FEEDBACK.action(action).label) if FEEDBACK.has_action(action) else ""

    def _report_entry(self, entry: dict[str, Any]) -> list[str]:
        """What a step on a report recorded: its note, committed date, photos, the unit suggested."""
        pieces = [str(entry[k]) for k in ("text", "suggested_unit") if entry.get(k)]
        if entry.get("committed_on"):
            committed = _value(_parse_time(entry["committed_on"]))
            pieces.append(self.tr("answer committed for {date}").format(date=committed))
        if entry.get("photos"):
            pieces.append(self.tr("photos: {names}").format(names=entry["photos"]))
        return pieces

    def _entry_state(self, detail: ItemDetail, entry: dict[str, Any]) -> str:
        """The state a trail entry led to, in words (entries from other systems may have none; a
        recipient's answer leaves the document's state as it was, so says only the answer)."""
        if entry.get("status"):
            return ""
        try:
            if detail.kind == "dossier":
                return domain_text(STATE_LABELS[DossierState(int(entry["state"]))])
            if detail.kind == "feedback":  # the step, not the state: a progress note leaves the state as it was
                return self._report_step(str(entry.get("action")))
            states = IncomingState if detail.fields["direction"] == "incoming" else OutgoingState
            return domain_text(STATE_LABELS[states(entry["state"])])
        except (KeyError, ValueError, TypeError):
            return ""

    # -- acting ------------------------------------------------------------------------------------

    def _clear_buttons(self) -> None:
        while self.buttons.count():
            widget = self.buttons.takeAt(0).widget()
            if widget is not None:
                widget.setParent(None)  # gone from the pane at once (a shortcut or a search finds the new one)
                widget.deleteLater()

    def _add_button(self, action: Action, index: int) -> None:
        button = QPushButton(domain_text(action.label))
        button.setObjectName(f"action_{action.name}")
        button.setAccessibleName(domain_text(action.label))
        if index < MAX_ACTION_BUTTONS:
            button.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            button.setToolTip(f"Ctrl+{index + 1}")
        button.clicked.connect(lambda _checked=False, name=action.name: self.act(name))
        self.buttons.addWidget(button, index // BUTTON_COLUMNS, index % BUTTON_COLUMNS)

    def act(self, name: str) -> bool:
        """Ask for what the action needs, then write it on the writer thread; the item's buttons wait
        until it is saved (then the item is shown again) or refused (then the reason is shown)."""
        if self.detail is None:
            return False
        action = next(a for a in self.detail.actions if a.name == name)
        if name == "edit_draft":  # the whole draft, in the drafting dialog
            files = [name for _id, name, *_rest in self.detail.attachments]
            self.draft_edit_wanted.emit(self.detail.id, {**self.detail.fields, "files": files})
            return True
        if name == "sign" and self.detail.can_sign:
            return self._sign_with_token(domain_text(action.label))
        if self.detail.kind == "feedback" and name in ASKED_ACTIONS:
            return self._act_on_report(action)
        payload: dict[str, Any] = {}
        for field in action.required:
            if field == "new_due":  # a date and time, after the statutory due time
                promised = self.detail.fields["extended_due_at"] or self.detail.fields["due_at"]
                when = self._ask_time(self, domain_text(action.label), promised, self.workbench.clock.now())
                if when is None:
                    return False
                payload[field] = when.isoformat()
                continue
            if field == "assignee":  # from the unit's officials
                text, ok = self._ask_assignee(self, domain_text(action.label), self._officials)
            else:
                text, ok = self._ask(self, domain_text(action.label), domain_text(FIELD_LABELS.get(field, field)))
            if not ok:
                return False
            payload[field] = text.strip()
        if name in CONFIRMED_ACTIONS and not self._confirm_irreversible(domain_text(action.label)):
            return False
        kind, item_id = self.detail.kind, self.detail.id
        self._write((kind, item_id), domain_text(action.label),
                    lambda: self.workbench.perform(kind, item_id, name, payload))  # fmt: skip
        return True

    def _act_on_report(self, action: Action) -> bool:
        """A step on a 1022 report, asked in its dialog (ui.feedback_dialog), then written like any action."""
        assert self.detail is not None
        f, now = self.detail.fields, self.workbench.clock.now()
        overdue = f["due_at"] < now and f["state"] not in CLOSED_FEEDBACK_STATES  # a StrEnum set holds the text too
        context = ReportContext(f["code"], f["unit_code"], f["answer"] or "", overdue, now.astimezone(VN_TZ).date(),
                                self._units)  # fmt: skip
        label = domain_text(action.label)
        step = self._ask_report(self, action.name, label, context)
        if step is None:
            return False
        if action.name in CONFIRMED_ACTIONS and not self._confirm_irreversible(label):
            return False
        item_id, name = self.detail.id, action.name
        self._write(("feedback", item_id), label,
                    lambda: self.workbench.perform("feedback", item_id, name, step.payload, step.files))  # fmt: skip
        return True

    def _confirm_irreversible(self, label: str) -> bool:
        fields = self.detail.fields if self.detail is not None else {}
        name = str(fields.get("subject") or fields.get("code") or "")  # a report: its 1022 code
        question = self.tr("“{action}”: {item}\n\nOnce synced, this cannot be taken back from this desk. Go on?")
        return self._confirm(self, label, question.format(action=label, item=name), label)

    def redo_refused(self, ref: ItemRef, entry_id: int, name: str, action: str) -> None:
        """The refused action again, as a new one, on the item as it is now; it leaves "Needs attention".
        One that cannot be taken back is asked about first, as when it was first done."""
        if name in CONFIRMED_ACTIONS and not self._confirm_irreversible(action):
            return
        label = f"{action}: {self.refusals.redo_label()}"
        self._write(ref, label, lambda: self.workbench.redo_refused(entry_id))

    def discard_refused(self, ref: ItemRef, entry_id: int, _name: str, action: str) -> None:
        """The refused action given up (confirmed already): the server's version stands. ``ref`` is the
        item the question was about, even if the pane shows another one by now."""
        label = f"{action}: {self.refusals.discard_label()}"
        self._write(ref, label, lambda: self.workbench.discard_refused(entry_id))

    def _add_undo_button(self, undoable: Undoable, index: int) -> None:
        label = self.tr("Undo “{action}”").format(action=domain_text(undoable.label))
        button = QPushButton(label, objectName="undo_action")
        button.setIcon(icon("undo"))
        button.setShortcut(QKeySequence.StandardKey.Undo)
        button.setToolTip(self.tr("Not sent to the server yet, so it can still be taken back (Ctrl+Z)."))
        button.clicked.connect(lambda: self.undo(undoable))
        self.buttons.addWidget(button, index // BUTTON_COLUMNS, index % BUTTON_COLUMNS)

    def undo(self, undoable: Undoable) -> None:
        """Take the last action back while it waits to be sent; if a sync took it meanwhile, say so."""
        if self.detail is None:
            return
        label = self.tr("Undo “{action}”").format(action=domain_text(undoable.label))
        self._write((self.detail.kind, self.detail.id), label, lambda: self.workbench.undo(undoable.entry_id))

    def _add_seal_button(self, index: int) -> None:
        button = QPushButton(self.tr("Agency's signature (digital seal)…"), objectName="action_seal")
        button.setToolTip(self.tr("Sign the issued document's files with the agency's token, before sending it."))
        button.clicked.connect(self.seal)
        self.buttons.addWidget(button, index // BUTTON_COLUMNS, index % BUTTON_COLUMNS)

    def seal(self) -> bool:
        """The agency's token's PIN, then the agency's signature on the writer thread."""
        if self.detail is None or not self.detail.can_seal:
            return False
        pin, ok = self._ask_pin(self, str(self.detail.fields["subject"]))
        if not ok:
            return False
        document_id = self.detail.id
        label = self.tr("Agency's signature")
        self._write(("document", document_id), label, lambda: self.workbench.seal_document(document_id, pin), True)
        return True

    def _sign_with_token(self, label: str) -> bool:
        """The PIN for this signing, then the signing and "sign" on the writer thread."""
        assert self.detail is not None
        pin, ok = self._ask_pin(self, str(self.detail.fields["subject"]))
        if not ok:
            return False
        document_id = self.detail.id
        # the closure holds the PIN until the signing is done, nothing longer
        self._write(("document", document_id), label, lambda: self.workbench.sign_document(document_id, pin), True)
        return True

    def _write(self, ref: ItemRef, label: str, work: Callable[[], object], slow: bool = False) -> None:
        """``slow``: work that waits on a token or the network before its short write (a signing) runs
        on the pool, so the writer thread is not held for the others meanwhile."""
        self._writing.add(ref)
        self._enable_actions(False)
        self._say(self.tr("Saving “{action}”…").format(action=label))
        done, failed = (lambda _answer: self._written(ref)), (lambda error: self._not_written(ref, label, error))
        if slow:
            self._tasks.run(work, done, failed)
        else:
            self._tasks.run_write(work, done, failed)

    def _written(self, ref: ItemRef) -> None:
        self._writing.discard(ref)
        if self._showing(ref):
            self._say("")
            self.show_item(*ref)
        self.acted.emit(*ref)

    def _not_written(self, ref: ItemRef, label: str, error: BaseException) -> None:
        self._writing.discard(ref)
        self._say(self.tr("“{action}” was not saved: {reason}").format(action=label, reason=user_text(error)))
        if self._showing(ref):
            self._enable_actions(True)
            self.show_item(*ref)  # the item as it is now (the refusal may come from a change meanwhile)


def _parse_time(value: Any) -> datetime | date | str:
    text = str(value or "")
    try:
        return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    except ValueError:
        return text
