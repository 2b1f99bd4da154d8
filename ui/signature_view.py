"""How a signature check looks: a small mark per verdict (shape and colour, so it reads without
colour too) for the lists and the detail pane, and the dialog with every signature's details."""

from __future__ import annotations

from functools import cache
from html import escape

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from app.domain.signature_verdict import (
    REVOCATION_LABELS,
    VERDICT_EXPLANATIONS,
    VERDICT_LABELS,
    SignatureCheck,
    SignatureFinding,
    Verdict,
)
from ui.item_models import format_datetime
from ui.translation import domain_text
from ui.window_layout import fit_to_screen

# colour and glyph of each verdict's mark: green tick, amber question, orange exclamation, red cross
_MARKS = {
    Verdict.VALID: ("#1e7d32", "✓"),
    Verdict.VALID_UNCHECKED: ("#9a6700", "?"),
    Verdict.UNTRUSTED: ("#c25e00", "!"),
    Verdict.EXPIRED: ("#c25e00", "!"),
    Verdict.REVOKED: ("#b3261e", "✗"),
    Verdict.SIGNED_AFTER_REVOCATION: ("#b3261e", "✗"),
    Verdict.MODIFIED: ("#b3261e", "✗"),
    Verdict.INVALID: ("#b3261e", "✗"),
}


def verdict_colour(verdict: Verdict) -> str:
    return _MARKS[verdict][0]


@cache
def verdict_icon(verdict: Verdict) -> QIcon:
    """A filled circle with the verdict's glyph, drawn once per verdict."""
    colour, glyph = _MARKS[verdict]
    icon = QIcon()
    for size in (16, 24, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(colour))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(size * 0.7))
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, glyph)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def verdict_label(verdict: Verdict) -> str:
    return domain_text(VERDICT_LABELS[verdict])


class SignatureDialog(QDialog):
    """Every signature of one file: who, by which authority, when, and what was found."""

    def __init__(self, file_name: str, check: SignatureCheck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signatureDialog")
        self.setWindowTitle(self.tr("Digital signatures — {file}").format(file=file_name))
        self.summary = QLabel(objectName="signatureSummary", wordWrap=True)
        self.body = QTextBrowser(objectName="signatureDetails")
        self.body.setOpenLinks(False)
        buttons = QDialogButtonBox()
        self.recheck_button = buttons.addButton(self.tr("Check again"), QDialogButtonBox.ButtonRole.ActionRole)
        self.recheck_button.setObjectName("recheckSignatures")  # the detail pane connects it
        close = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.body, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 760, 480)  # never larger than the free screen (1366×768 at 125 %)
        self.show_check(check)

    def show_check(self, check: SignatureCheck) -> None:
        self.check = check
        verdict = check.verdict
        how = self.tr("checked online") if check.online else self.tr("checked on this computer, offline")
        when = self.tr("Checked {when}, {how}.").format(when=format_datetime(check.checked_at), how=how)
        if check.unreadable:
            head = self.tr("This file cannot be read as a PDF: its signatures cannot be checked.")
        elif verdict is None:
            head = self.tr("This file carries no digital signature.")
        else:
            head = f"<b style='color:{verdict_colour(verdict)}'>{escape(verdict_label(verdict))}</b>"
            count = self.tr("signatures in the file: {count}").format(count=len(check.findings))
            head = f"{head} · {escape(count)}"
        self.summary.setText(f"{head}<br>{escape(when)}")
        self.body.setHtml("".join(self._finding_html(number, f) for number, f in enumerate(check.findings, 1)))
        self.recheck_button.setEnabled(True)

    def _finding_html(self, number: int, finding: SignatureFinding) -> str:
        colour = verdict_colour(finding.verdict)
        title = self.tr("Signature {number}: {verdict}").format(number=number, verdict=verdict_label(finding.verdict))
        if finding.timestamped:
            time_source = self.tr("from a trusted timestamp authority")
        else:
            time_source = self.tr("as the signer's computer said (no trusted timestamp)")
        signed_at = format_datetime(finding.signed_at) if finding.signed_at else self.tr("not stated")
        rows = [
            (self.tr("Signer"), finding.signer or "—"),
            (self.tr("Organisation"), finding.organisation or "—"),
            (self.tr("Certificate issued by"), finding.issuer or "—"),
            (self.tr("Certificate serial number"), finding.serial or "—"),
            (self.tr("Signed at"), f"{signed_at} ({time_source})" if finding.signed_at else signed_at),
            (self.tr("Revocation"), domain_text(REVOCATION_LABELS[finding.revocation])),
            (self.tr("Changed after signing"), self.tr("no") if finding.whole_file else self.tr("yes")),
        ]
        if finding.revoked_at is not None:
            rows.append((self.tr("Revoked on"), format_datetime(finding.revoked_at)))
        if finding.field_name:
            rows.append((self.tr("Signature field"), finding.field_name))
        if finding.detail:
            rows.append((self.tr("Technical detail, for IT (as the validator wrote it)"), finding.detail))
        cells = "".join(f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in rows)
        explanation = domain_text(VERDICT_EXPLANATIONS[finding.verdict])
        return (
            f"<h3 style='color:{colour}'>{escape(title)}</h3><p>{escape(explanation)}</p>"
            f"<table cellpadding='3'>{cells}</table>"
        )

    def checking(self) -> None:
        """A new check is on its way: the button waits for it."""
        self.recheck_button.setEnabled(False)
