"""An edXML file shown readably: who sent it to whom, what it is, what could be checked, and a
button that files it in the unit's queue through the new system."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from app.domain.document_types import stored_code
from app.domain.edxml_packets import DocumentPacket, StatusPacket
from app.domain.labels import PACKET_KIND_LABELS, edxml_id_label
from app.edxml_import import PacketPreview
from app.workbench import Workbench
from ui.item_models import format_date
from ui.signature_view import verdict_label
from ui.tasks import TaskRunner
from ui.translation import document_type_text, domain_text, user_text
from ui.window_layout import fit_to_screen


class EdxmlDialog(QDialog):
    imported = Signal(object)  # the service's answer (dict) or the reason it was not imported (str), once shown

    def __init__(
        self,
        preview: PacketPreview,
        workbench: Workbench,
        tasks: TaskRunner,
        can_import: bool,  # an account of the new system is signed in to file it
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.preview = preview
        self.workbench = workbench
        self._tasks = tasks
        self.setWindowTitle(self.tr("edXML packet — {name}").format(name=preview.path.name))
        self.body = QTextBrowser(objectName="edxmlBody")
        self.body.setHtml(self._html())
        self.status = QLabel(objectName="edxmlStatus", wordWrap=True)
        self.import_button = QPushButton(self.tr("Import into the queue"), objectName="edxmlImport")
        self.import_button.setEnabled(isinstance(preview.packet, DocumentPacket) and can_import)
        self.import_button.clicked.connect(self.start_import)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        fit_to_screen(self, 760, 620)  # never larger than the free screen (1366×768 at 125 %)

    def _rows(self) -> list[tuple[str, str]]:
        packet = self.preview.packet
        rows = [(self.tr("Sender"), f"{packet.sender.name} ({packet.sender.organ_id})")]
        if isinstance(packet, StatusPacket):
            return [
                *rows,
                (self.tr("Answers document"), packet.response_for_document_id),
                (self.tr("Status"), f"{packet.status.value} — {packet.description}"),
            ]
        signed = self._envelope_signature()
        doc_type = stored_code(packet.type_code, packet.type_name, packet.code_notation)
        kind = domain_text(PACKET_KIND_LABELS[packet.kind.value])
        if packet.business_reason:
            kind = f"{kind}: {packet.business_reason}"
        replaced = (
            [(self.tr("Replaces"), ", ".join(edxml_id_label(i) for i in packet.replaces))] if packet.replaces else []
        )
        return [
            *rows,
            (self.tr("Packet"), kind),
            *replaced,
            (self.tr("Recipients"), "; ".join(f"{o.name} ({o.organ_id})" for o in packet.recipients)),
            (self.tr("Number/notation"), packet.number_notation),
            (self.tr("Issued on"), format_date(packet.promulgation_date)),
            (self.tr("Type"), document_type_text(doc_type)),
            (self.tr("Subject"), packet.subject),
            (self.tr("Signer"), " — ".join(filter(None, [packet.signer.position, packet.signer.full_name]))),
            (self.tr("Due"), format_date(packet.due_date)),
            (self.tr("Digital signature"), signed),
        ]

    def _envelope_signature(self) -> str:
        finding = self.preview.envelope
        if finding is None:
            return self.tr("none")
        who = " — ".join(filter(None, [finding.signer, finding.organisation]))
        return f"{verdict_label(finding.verdict)}: {who}" if who else verdict_label(finding.verdict)

    def _html(self) -> str:
        parts = ["<table cellpadding='3'>"]
        parts += [f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in self._rows()]
        parts.append("</table>")
        if isinstance(self.preview.packet, DocumentPacket) and self.preview.packet.attachments:
            title = self.tr("Attachments")  # not inside the f-string: lupdate would not see it there
            parts.append(f"<h4>{escape(title)}</h4><ul>")
            for item in self.preview.packet.attachments:
                parts.append(f"<li>{escape(item.safe_file_name)} — {item.size:,} B</li>")
            parts.append("</ul>")
        checks = [c for c in self.preview.codes if not c.valid or not c.standard]
        problems = [domain_text(p.message).format(**p.params) for p in self.preview.problems]
        problems += [self.tr("Identification code not in the standard form: {code}").format(code=c.organ_id)
                     for c in checks]  # fmt: skip
        title = self.tr("What could not be confirmed") if problems else self.tr("Every checked field is in order")
        parts.append(f"<h4>{escape(title)}</h4><ul>")
        parts += [f"<li>{escape(text)}</li>" for text in problems]
        parts.append("</ul>")
        return "".join(parts)

    def start_import(self) -> None:
        """The upload runs on the task pool: a slow link must not freeze the window."""
        self.import_button.setEnabled(False)
        self.status.setText(self.tr("Sending to the new system…"))
        self._tasks.run(lambda: self.workbench.import_edxml(self.preview), self._show_result, self._not_imported)

    def _show_result(self, result: dict) -> None:
        self.status.setText(self._result_text(result))
        self.imported.emit(result)

    def _result_text(self, result: dict) -> str:
        """What the packet did in the queue, as the service answered."""
        documents = result.get("documents", [])
        if any(d.get("duplicate") for d in documents):
            return self.tr("Already in the queue: nothing changed.")
        if any(d.get("pending") for d in documents):
            return self.tr("The revocation waits for its document: it will arrive withdrawn.")
        return {
            "revoke": self.tr("The document was withdrawn from the queue."),
            "update": self.tr("The document in the queue was updated."),
            "replace": self.tr("Filed in the queue; the documents it replaces are marked replaced."),
        }.get(str(result.get("kind")), self.tr("Filed in the queue."))

    def _not_imported(self, error: BaseException) -> None:
        reason = user_text(error)  # nothing was filed: the button is there for another try
        self.status.setText(self.tr("Not imported: {reason}").format(reason=reason))
        self.import_button.setEnabled(True)
        self.imported.emit(reason)
