"""The counter's part of ``MainWindow`` (mixed into it): take a dossier in, then preview and print its
receipt and appointment slip. The slip is made on the task pool (segno draws its QR code), then
shown in Qt's print preview, from which the official prints it or saves it as PDF.

Apart from ``ui.main_window`` to keep each module readable; it uses the window's ``workbench``,
``tasks``, ``detail`` and list refreshes, and its strings keep the window's translation context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow

from ui.item_models import format_datetime
from ui.translation import domain_text

if TYPE_CHECKING:  # Qt's print support and the dialog load when the counter is first used, not at start-up
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from app.counter_intake import Registered
    from ui.intake_dialog import IntakeDialog


class WindowIntake(QMainWindow):
    """Mixed into MainWindow (listed before QMainWindow there): not a window of its own."""

    intake_dialog: IntakeDialog | None = None
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

    def _registered(self, registered: Registered) -> None:
        self.show_notice(  # type: ignore[attr-defined]
            self.tr("Dossier {code} registered; return due {due}.").format(
                code=registered.code, due=format_datetime(registered.due_at)
            )
        )
        self.refresh_lists()  # type: ignore[attr-defined]
        self.refresh_counts()  # type: ignore[attr-defined]
        self._current = ("dossier", registered.dossier_id)
        self.detail.show_item("dossier", registered.dossier_id)  # type: ignore[attr-defined]
        self.preview_receipt(registered.dossier_id)

    def preview_receipt(self, dossier_id: int) -> None:
        """Make the dossier's receipt slip on the task pool, then show it in the print preview."""
        workbench = self.workbench  # type: ignore[attr-defined]

        def make() -> str:
            from app.printed_forms import receipt_slip_html  # segno only when a slip is made

            detail = workbench.item_detail("dossier", dossier_id)
            place = workbench.unit_name()
            return receipt_slip_html(detail, place, domain_text, workbench.clock.now())

        self.tasks.run(make, self._show_preview)  # type: ignore[attr-defined]

    def _show_preview(self, html: str) -> None:
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from ui.printing import layout_dpi, page_layout, paint_html

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout())
        preview = QPrintPreviewDialog(printer, self)
        preview.setWindowTitle(self.tr("Receipt and appointment slip"))
        dpi = layout_dpi()
        preview.paintRequested.connect(lambda device: paint_html(html, device, dpi))
        preview.resize(900, 700)
        self.print_preview, self._preview_printer = preview, printer  # the dialog does not own its printer
        preview.open()
        self.receipt_previewed.emit(preview)  # type: ignore[attr-defined]
