"""The window's exports, a part of ``MainWindow`` (mixed into it): the list on screen as Excel, the
incoming-document register for a period as PDF, the dossier register (form 07) for a period, the
monthly report by procedure and the monthly 1022 report by category as Excel or PDF
(``ui.report_dialogs`` choose what they cover). Each is written on the
task pool with the busy indicator and Cancel, into a temporary file swapped in at the end;
``exported`` tells when the file is there, ``export_failed`` why it is not (also shown in a message).

Apart from ``ui.main_window`` to keep each module readable; it uses the window's ``workbench``,
``tasks``, lists and ``_labels``/``_navigation``, and its strings keep the window's translation context.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox

from app.export_format import Period
from ui.file_dialogs import save_file
from ui.report_dialogs import PRINT
from ui.tasks import CancelToken
from ui.translation import domain_text, user_text

if TYPE_CHECKING:  # the registers' and reports' code loads when first used
    from app.dossier_register import RegisterLine
    from app.reports import FeedbackMonthReport, ProcedureMonthReport

Row = TypeVar("Row")
_PATTERNS = {"xlsx": "Excel (*.xlsx)", "pdf": "PDF (*.pdf)"}


def _until_cancelled(rows: Iterable[Row], token: CancelToken) -> Iterator[Row]:
    """The rows an export writes, one at a time, stopping where the user pressed Cancel."""
    for row in rows:
        token.check()
        yield row


class WindowExports(QMainWindow):
    """Mixed into MainWindow (listed before QMainWindow there): not a window of its own."""

    def _save_path(self, title: str, suggested: str, pattern: str, path: Path | None) -> Path | None:
        if path is not None:
            return path
        return save_file(self, self.workbench, title, suggested, pattern)  # type: ignore[attr-defined]

    def export_list(self, path: Path | None = None) -> Path | None:
        """The list on screen (its view, search and filters) as an Excel file, written on the task pool
        (Cancel in the status bar stops it); returns the file it will be, ``exported`` says when."""
        # the first list the view shows (a mixed view's documents, as before); the week of meetings has none
        tables = self._tables().items()  # type: ignore[attr-defined]
        kind = next((kind for kind, table in tables if table.isVisibleTo(self)), None)
        if kind is None:
            self.show_notice(self.tr("This view has no list to export: choose a list on the left first."))  # type: ignore[attr-defined]
            return None
        target = self._save_path(self.tr("Export this list to Excel"), "danh-sach.xlsx", "Excel (*.xlsx)", path)
        if target is None:
            return None
        title = self._labels()[self._navigation()[0]]
        chosen = self._tables()[kind].model().current_filter()  # type: ignore[attr-defined]

        def write(token: CancelToken) -> Path:
            from app import excel_exports  # openpyxl only when exporting

            reads = {"document": (self.workbench.all_documents, excel_exports.export_documents_xlsx),
                     "dossier": (self.workbench.all_dossiers, excel_exports.export_dossiers_xlsx),
                     "feedback": (self.workbench.all_feedback, excel_exports.export_feedback_xlsx)}  # fmt: skip
            read, export = reads[kind]
            rows: list[Any] = read(chosen)  # type: ignore[operator]
            export(_until_cancelled(rows, token), target, domain_text, title)  # type: ignore[operator]
            return target

        self._export(write, target)
        return target

    def open_incoming_register_dialog(self) -> QDialog:
        """The incoming-document register (sổ đăng ký văn bản đến): choose a period, then PDF or paper."""
        from ui.report_dialogs import RegisterDialog

        today, title = self.workbench.clock.now().date(), self.tr("Incoming documents register")
        dialog = RegisterDialog(
            today, self.save_incoming_register, self, title, "incomingRegisterDialog", (PRINT, "pdf")
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def save_incoming_register(self, period: Period, kind: str, path: Path | None = None) -> Path | None:
        """The incoming documents registered in ``period``, in the layout of Decree 30/2020, Appendix IV, as
        PDF ("pdf") or in the print preview ("print"), made on the pool."""
        title = self.tr("Incoming documents register")

        def page(token: CancelToken) -> str:
            from app.printed_forms import incoming_register_html

            lines = self.workbench.incoming_register(*period)
            unit = self.workbench.unit_name()
            return incoming_register_html(_until_cancelled(lines, token), domain_text, unit, period)

        if kind == PRINT:
            self._preview_paper(page, title, "incoming-register")
            return Path()  # nothing saved: the dialog's work is done
        name = f"so-van-ban-den_{period[0]:%d-%m-%Y}_{period[1]:%d-%m-%Y}.pdf"
        target = self._save_path(title, name, _PATTERNS["pdf"], path)
        if target is None:
            return None
        self._export_pdf(page, target, landscape=True)
        return target

    def open_register_dialog(self) -> QDialog:
        """The dossier register (sổ theo dõi hồ sơ, form 07): choose a period, then Excel or PDF."""
        from ui.report_dialogs import RegisterDialog

        dialog = RegisterDialog(self.workbench.clock.now().date(), self.save_dossier_register, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # a new one each time: none piles up
        dialog.show()
        return dialog

    def open_monthly_report_dialog(self) -> QDialog:
        """The monthly report by procedure and result: choose a month, then Excel or PDF."""
        from ui.report_dialogs import MonthlyReportDialog

        dialog = MonthlyReportDialog(self.workbench.clock.now().date(), self.save_monthly_report, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_feedback_report_dialog(self) -> QDialog:
        """The monthly report on 1022 citizens' reports by category: choose a month, then Excel or PDF."""
        from ui.report_dialogs import MonthlyReportDialog

        today, title = self.workbench.clock.now().date(), self.tr("Monthly 1022 report by category")
        dialog = MonthlyReportDialog(today, self.save_feedback_report, self, title, "feedbackReportDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def save_dossier_register(self, period: Period, kind: str, path: Path | None = None) -> Path | None:
        """The register of the dossiers received in ``period``, as ``kind`` ("xlsx" or "pdf") or in the print
        preview ("print"), on the pool."""
        now, title = self.workbench.clock.now(), self.tr("Dossier register (form 07)")

        def lines(token: CancelToken) -> tuple[list[RegisterLine], str]:
            from app.domain.dossier_standing import due_soon_until
            from app.dossier_register import register_lines

            records = self.workbench.dossiers_received(*period)
            token.check()
            soon_until = due_soon_until(now, self.workbench.calendar())
            return register_lines(records, now, soon_until), self.workbench.unit_name()

        def page(token: CancelToken) -> str:
            from app.dossier_register import register_html

            return register_html(*lines(token), period, now)

        if kind == PRINT:
            self._preview_paper(page, title, "07")
            return Path()  # nothing saved: the dialog's work is done
        name = f"so-theo-doi-ho-so_{period[0]:%d-%m-%Y}_{period[1]:%d-%m-%Y}.{kind}"
        target = self._save_path(title, name, _PATTERNS[kind], path)
        if target is None:
            return None

        def xlsx(token: CancelToken) -> Path:
            from app.report_workbooks import register_xlsx  # openpyxl only when exporting

            chosen, unit = lines(token)
            register_xlsx(chosen, target, unit, period, now)
            return target

        self._export_as(kind, xlsx, page, target)
        return target

    def save_monthly_report(self, month: date, kind: str, path: Path | None = None) -> Path | None:
        """The month's report by procedure and result, as ``kind`` ("xlsx" or "pdf") or in the print preview
        ("print"), on the pool."""
        now, title = self.workbench.clock.now(), self.tr("Monthly dossier report by procedure")

        def report() -> tuple[ProcedureMonthReport, str]:
            from app.reports import procedure_month_report

            return procedure_month_report(self.workbench.cache.sessions, month, now), self.workbench.unit_name()

        def page(_token: CancelToken) -> str:
            from app.procedure_report import report_html

            return report_html(*report())

        if kind == PRINT:
            self._preview_paper(page, title, "report")
            return Path()
        name = f"bao-cao-ho-so_{month:%m-%Y}.{kind}"
        target = self._save_path(title, name, _PATTERNS[kind], path)
        if target is None:
            return None

        def xlsx(_token: CancelToken) -> Path:
            from app.report_workbooks import procedure_report_xlsx

            figures, unit = report()
            procedure_report_xlsx(figures, target, unit)
            return target

        self._export_as(kind, xlsx, page, target)
        return target

    def save_feedback_report(self, month: date, kind: str, path: Path | None = None) -> Path | None:
        """The month's 1022 reports by category, as ``kind`` ("xlsx" or "pdf") or in the print preview
        ("print"), on the pool."""
        now, title = self.workbench.clock.now(), self.tr("Monthly 1022 report by category")

        def report() -> tuple[FeedbackMonthReport, str]:
            from app.reports import feedback_month_report

            return feedback_month_report(self.workbench.cache.sessions, month, now), self.workbench.unit_name()

        def page(_token: CancelToken) -> str:
            from app.feedback_report import report_html

            return report_html(*report())

        if kind == PRINT:
            self._preview_paper(page, title, "feedback-report")
            return Path()
        name = f"bao-cao-phan-anh-1022_{month:%m-%Y}.{kind}"
        target = self._save_path(title, name, _PATTERNS[kind], path)
        if target is None:
            return None

        def xlsx(_token: CancelToken) -> Path:
            from app.report_workbooks import feedback_report_xlsx

            figures, unit = report()
            feedback_report_xlsx(figures, target, unit)
            return target

        self._export_as(kind, xlsx, page, target)
        return target

    def _preview_paper(self, html: Callable[[CancelToken], str], title: str, name: str) -> None:
        """A landscape paper made on the pool, then shown in the print preview (``form_previewed`` says so)."""

        def show(page: str) -> None:
            preview = self.show_print_preview(page, title, landscape=True)  # type: ignore[attr-defined]
            self.form_previewed.emit(preview, name)  # type: ignore[attr-defined]

        self.tasks.run(html, show, cancellable=True)

    def _export_as(
        self, kind: str, xlsx: Callable[[CancelToken], Path], pdf: Callable[[CancelToken], str], target: Path
    ) -> None:
        if kind == "pdf":
            self._export_pdf(pdf, target, landscape=True)
        else:
            self._export(xlsx, target)

    def _export_pdf(self, html: Callable[[CancelToken], str], target: Path, landscape: bool = False) -> None:
        from ui.printing import layout_dpi, save_html_as_pdf  # Qt's print support only when printing

        dpi = layout_dpi()  # the screens belong to the UI thread

        def write(token: CancelToken) -> Path:
            page = html(token)
            token.check()
            save_html_as_pdf(page, target, landscape=landscape, dpi=dpi)
            return target

        self._export(write, target)

    def _export(self, write: Callable[[CancelToken], Path], target: Path) -> None:
        self.tasks.run(write, self._exported, lambda error: self._not_exported(target, error), cancellable=True)

    def _exported(self, path: Path) -> None:
        self.statusBar().showMessage(self.tr("Saved {path}").format(path=path), 8000)
        self.exported.emit(path)

    def _not_exported(self, target: Path, error: BaseException) -> None:
        """Say why, in the user's language, in the status bar and in a message that does not block the
        window; the earlier file, if any, is left as it was."""
        if _refused_by_target(error, target):  # on Windows: the file is open in Excel or a PDF reader
            text = self.tr("{file} could not be saved: it may be open in another program, such as Excel or a PDF "
                           "reader, or the folder may be read-only. Close it, or save under another name.")  # fmt: skip
            text = text.format(file=target)
        else:
            text = user_text(error)
        self.show_notice(text)  # type: ignore[attr-defined]
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Not saved"), text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("exportFailed")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.export_failed.emit(text)


def _refused_by_target(error: BaseException, target: Path) -> bool:
    """Access to the file being saved (or its temporary file beside it) was refused."""
    if not isinstance(error, PermissionError):
        return False
    names = [Path(name) for name in (error.filename, error.filename2) if name]
    return any(name == target or name.parent == target.parent for name in names)
