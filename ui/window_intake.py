"""The counter's part of ``MainWindow`` (mixed into it): draft an outgoing document; take a dossier in,
then preview and print its receipt and appointment slip, and later any other of its one-stop forms. A
form is made on the task pool (the template engine, segno's QR code), then shown in Qt's print preview,
from which the official prints it, sets the page up or saves it as PDF.

Apart from ``ui.main_window`` to keep each module readable; it uses the window's ``workbench``,
``tasks``, ``detail`` and list refreshes, and its strings keep the window's translation context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow

from app.one_stop_forms import FORM_LABELS, FormKind
from ui.item_models import format_datetime
from ui.translation import domain_text
from ui.window_layout import fit_to_screen

if TYPE_CHECKING:  # Qt's print support and the dialog load when the counter is first used, not at start-up
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from app.counter_intake import Registered
    from ui.draft_dialog import DraftDialog
    from ui.intake_dialog import IntakeDialog


class WindowIntake(QMainWindow):
    """Mixed into MainWindow (listed before QMainWindow there): not a window of its own."""

    intake_dialog: IntakeDialog | None = None
    draft_dialog: DraftDialog | None = None
    print_preview: QPrintPreviewDialog | None = None
    _preview_printer: QPrinter | None = None

    def open_intake(self) -> IntakeDialog:
        """The new-dossier dialog (non-modal, so tests and screen readers reach it like a user)."""
        from ui.intake_dialog import IntakeDialog

        dialog = IntakeDialog(self.workbench, self.tasks, self)  # type: ignore[attr-defined]
        dialog.registered.connect(self._registered)
        self.intake_dialog = dialog
        dialog.open()
        return dialog

    def open_draft(self, editing: int | None = None, fields: dict | None = None) -> DraftDialog:
        """The outgoing document dialog, new or for a draft's fields (non-modal, like the intake)."""
        from ui.draft_dialog import DraftDialog

        dialog = DraftDialog(self.workbench, self.tasks, self, editing)  # type: ignore[attr-defined]
        if fields is not None:
            dialog.load(fields)
        dialog.saved.connect(self._drafted)
        self.draft_dialog = dialog
        dialog.open()
        return dialog

    def _drafted(self, document_id: int) -> None:
        notice = self.tr("Draft saved. It gets its number from the unit's register when it is issued.")
        self.show_notice(notice, done=True)  # type: ignore[attr-defined]
        self.refresh_lists()  # type: ignore[attr-defined]
        self.refresh_counts()  # type: ignore[attr-defined]
        self._current = ("document", document_id)
        self.detail.show_item("document", document_id)  # type: ignore[attr-defined]

    def _registered(self, registered: Registered) -> None:
        self.show_notice(  # type: ignore[attr-defined]
            self.tr("Dossier {code} registered; return due {due}.").format(
                code=registered.code, due=format_datetime(registered.due_at)
            ),
            done=True,
        )
        self.refresh_lists()  # type: ignore[attr-defined]
        self.refresh_counts()  # type: ignore[attr-defined]
        self._current = ("dossier", registered.dossier_id)
        self.detail.show_item("dossier", registered.dossier_id)  # type: ignore[attr-defined]
        self.preview_receipt(registered.dossier_id)

    def preview_receipt(self, dossier_id: int) -> None:
        """The dossier's receipt and appointment slip (form 01) in the print preview."""
        self.preview_form(dossier_id, FormKind.RECEIPT)

    def preview_form(self, dossier_id: int, kind: FormKind) -> None:
        """Make one of the dossier's forms on the task pool, then show it in the print preview."""
        workbench = self.workbench  # type: ignore[attr-defined]
        self.tasks.run(  # type: ignore[attr-defined]
            lambda: workbench.one_stop_form(kind, dossier_id), lambda html: self._show_preview(html, kind)
        )

    def _show_preview(self, html: str, kind: FormKind) -> None:
        preview = self.show_print_preview(html, domain_text(FORM_LABELS[kind]))
        if kind is FormKind.RECEIPT:
            self.receipt_previewed.emit(preview)  # type: ignore[attr-defined]
        self.form_previewed.emit(preview, kind.value)  # type: ignore[attr-defined]

    def show_print_preview(self, html: str, title: str, landscape: bool = False) -> QPrintPreviewDialog:
        """``html`` in Qt's print preview (zoom, pages, page set-up, the printer dialog), one at a time."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from ui.printing import layout_dpi, page_layout, paint_html

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(landscape))
        if self.print_preview is not None:  # one preview at a time: its printer is replaced below
            self.print_preview.close()
            self.print_preview.deleteLater()  # or every preview of the session would stay in memory
        preview = QPrintPreviewDialog(printer, self)
        preview.setWindowTitle(title)
        dpi = layout_dpi()
        preview.paintRequested.connect(lambda device: paint_html(html, device, dpi))
        fit_to_screen(preview, 900, 700)
        self.print_preview, self._preview_printer = preview, printer  # the dialog does not own its printer
        preview.open()
        return preview
