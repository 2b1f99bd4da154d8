"""The window's exports, a part of ``MainWindow`` (mixed into it): the list on screen as Excel, the
incoming-document register and the on-time report as PDF, each written on the task pool with the
busy indicator and Cancel; ``exported`` tells when the file is there.

Apart from ``ui.main_window`` to keep each module readable; it uses the window's ``workbench``,
``tasks``, lists and ``_labels``/``_navigation``, and its strings keep the window's translation context.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtWidgets import QFileDialog, QMainWindow

from app.domain.item_lists import DocumentFilter, DossierFilter
from ui.tasks import CancelToken
from ui.translation import domain_text

Row = TypeVar("Row")


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
        chosen, _filter = QFileDialog.getSaveFileName(self, title, suggested, pattern)
        return Path(chosen) if chosen else None

    def export_list(self, path: Path | None = None) -> Path | None:
        """The list on screen (its view, search and filters) as an Excel file, written on the task pool
        (Cancel in the status bar stops it); returns the file it will be, ``exported`` says when."""
        target = self._save_path(self.tr("Export this list to Excel"), "danh-sach.xlsx", "Excel (*.xlsx)", path)
        if target is None:
            return None
        title = self._labels()[self._navigation()[0]]
        documents = self.document_table.isVisibleTo(self)
        chosen = (self.documents if documents else self.dossiers).current_filter()

        def write(token: CancelToken) -> Path:
            from app.excel_exports import export_documents_xlsx, export_dossiers_xlsx  # openpyxl only when exporting

            if documents:
                rows: list[Any] = self.workbench.all_documents(chosen)
                export_documents_xlsx(_until_cancelled(rows, token), target, domain_text, title)  # type: ignore[arg-type]
            else:
                rows = self.workbench.all_dossiers(chosen)
                export_dossiers_xlsx(_until_cancelled(rows, token), target, domain_text, title)  # type: ignore[arg-type]
            return target

        self._export(write)
        return target

    def save_register_pdf(self, path: Path | None = None) -> Path | None:
        """The incoming-document register in the layout of Decree 30/2020, Appendix IV (on the pool)."""
        target = self._save_path(self.tr("Incoming documents register"), "so-van-ban-den.pdf", "PDF (*.pdf)", path)
        if target is None:
            return None
        chosen = DocumentFilter("incoming", today=self.workbench.clock.now().date())

        def html(token: CancelToken) -> str:
            from app.printed_forms import incoming_register_html

            rows = self.workbench.all_documents(chosen)
            return incoming_register_html(_until_cancelled(rows, token), domain_text, self.workbench.unit_name())

        self._export_pdf(html, target, landscape=True)
        return target

    def save_ontime_report_pdf(self, path: Path | None = None) -> Path | None:
        target = self._save_path(self.tr("Dossier on-time report"), "bao-cao-ho-so.pdf", "PDF (*.pdf)", path)
        if target is None:
            return None
        now = self.workbench.clock.now()

        def html(token: CancelToken) -> str:
            from app.printed_forms import dossier_ontime_report_html

            rows = self.workbench.all_dossiers(DossierFilter(now=now))
            return dossier_ontime_report_html(_until_cancelled(rows, token), now, domain_text,
                                              self.workbench.unit_name())  # fmt: skip

        self._export_pdf(html, target)
        return target

    def _export_pdf(self, html: Callable[[CancelToken], str], target: Path, landscape: bool = False) -> None:
        from ui.printing import layout_dpi, save_html_as_pdf  # Qt's print support only when printing

        dpi = layout_dpi()  # the screens belong to the UI thread

        def write(token: CancelToken) -> Path:
            page = html(token)
            token.check()
            save_html_as_pdf(page, target, landscape=landscape, dpi=dpi)
            return target

        self._export(write)

    def _export(self, write: Callable[[CancelToken], Path]) -> None:
        self.tasks.run(write, self._exported, cancellable=True)

    def _exported(self, path: Path) -> None:
        self.statusBar().showMessage(self.tr("Saved {path}").format(path=path), 8000)
        self.exported.emit(path)
