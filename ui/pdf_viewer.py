"""Reading a PDF attachment inside the app (QtPdf), from the profile's copy: it works offline.

An official reads, zooms, goes from page to page, prints and saves a copy of the letter without
leaving the program. Printing renders each page with QtPdf at the printer's resolution on the task
pool, page by page with progress, so a long file never freezes the window. The window fits the
screen it opens on (a 1366×768 office screen too) and remembers its size in the settings.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QImage, QKeySequence, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ui.file_dialogs import save_file
from ui.tasks import Cancelled, CancelToken, Task, TaskRunner
from ui.translation import user_text

if TYPE_CHECKING:
    from app.workbench import Workbench

# The zoom factors the − and + buttons step through, as a reader's zoom menu offers them.
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
# A page is rendered at the printer's resolution up to this: 600 dpi is what office lasers print, and
# an A4 page at 1,200 dpi (Qt's PDF printer) would be a 550 MB image.
MAX_PRINT_DPI = 600
DEFAULT_SIZE = QSize(900, 1000)
MINIMUM_SIZE = QSize(640, 420)  # the toolbar still fits; far under a 1366×768 screen's 1366×740
FRAME = QSize(16, 48)  # the title bar and borders the window manager adds around the dialog


class PrinterNotReady(OSError):
    """The printer (or the PDF file it writes) could not be opened for painting."""


class PdfViewer(QDialog):
    printed = Signal(int)  # the pages sent to the printer, once the printer has them all
    saved = Signal(object)  # the Path of a copy, once it is written
    _page_printed = Signal(int)  # from the printing worker: pages done so far (queued to the UI thread)

    def __init__(self, path: Path, workbench: Workbench | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path, self.workbench = path, workbench
        # Deleted once closed: an official opens dozens of files a day, and each dialog holds its file open.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(path.name)
        self._tasks = TaskRunner(self)
        # Printing is this runner's only cancellable work; a stopped task answers here, not to on_failed.
        self._tasks.cancelled.connect(lambda: self._print_finished(self.tr("Printing stopped.")))
        self._print_task: Task | None = None
        self._delete_after_print = False
        self.document = QPdfDocument(self)
        self.error = self.document.load(str(path))
        self.view = QPdfView(self, objectName="pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.message = QLabel(self._problem_text(), objectName="pdfProblem", wordWrap=True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.view)
        self.pages.addWidget(self.message)
        self.pages.setCurrentWidget(self.view if self.loaded else self.message)
        self._build_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._toolbar())
        layout.addWidget(self.pages, 1)
        layout.addLayout(self._bottom_row())
        self.view.pageNavigator().currentPageChanged.connect(self._show_page_number)
        self.view.zoomFactorChanged.connect(self._show_zoom)
        self.view.zoomModeChanged.connect(self._show_zoom)
        self._page_printed.connect(self._show_print_progress)
        self.view.viewport().installEventFilter(self)
        self._fit_screen()
        self._update_controls()

    @property
    def loaded(self) -> bool:
        return self.error == QPdfDocument.Error.None_ and self.document.pageCount() > 0

    @property
    def page_count(self) -> int:
        return self.document.pageCount() if self.loaded else 0

    @property
    def current_page(self) -> int:
        """The page on screen, from 0."""
        return self.view.pageNavigator().currentPage()

    @property
    def printing(self) -> bool:
        return self._print_task is not None

    # -- building ---------------------------------------------------------------------------------

    def _action(self, text: str, name: str, slot: Callable[[], object], keys: Sequence[QKeySequence] = ()) -> QAction:
        action = QAction(text, self, objectName=name)
        action.setShortcuts(list(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if keys:  # the tooltip tells the keys: officials learn them by hovering
            action.setToolTip(f"{text} ({keys[0].toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(slot)
        self.addAction(action)  # the keys work wherever the focus is in the window
        return action

    def _build_actions(self) -> None:
        standard, key = QKeySequence.keyBindings, QKeySequence
        # Ctrl+= as well as Ctrl++: on most keyboards "+" is Shift+"=", and people press Ctrl and "=".
        zoom_in_keys = [*standard(key.StandardKey.ZoomIn), key("Ctrl+=")]
        zoom_out_keys = standard(key.StandardKey.ZoomOut)
        self.zoom_out_action = self._action(self.tr("Zoom out"), "zoomOut", self.zoom_out, zoom_out_keys)
        self.zoom_in_action = self._action(self.tr("Zoom in"), "zoomIn", self.zoom_in, zoom_in_keys)
        self.fit_width_action = self._action(self.tr("Fit width"), "fitWidth", self.fit_width, [key("Ctrl+0")])
        self.fit_page_action = self._action(self.tr("Fit page"), "fitPage", self.fit_page)
        self.previous_action = self._action(self.tr("Previous page"), "previousPage", self.previous_page,
                                            [key(Qt.Key.Key_PageUp)])  # fmt: skip
        self.next_action = self._action(self.tr("Next page"), "nextPage", self.next_page, [key(Qt.Key.Key_PageDown)])
        self.first_action = self._action(self.tr("First page"), "firstPage", lambda: self.go_to_page(0),
                                         [key("Ctrl+Home")])  # fmt: skip
        self.last_action = self._action(self.tr("Last page"), "lastPage", lambda: self.go_to_page(self.page_count - 1),
                                        [key("Ctrl+End")])  # fmt: skip
        # Lambdas: a slot with a default argument would get the action's "checked" flag in it.
        self.print_action = self._action(self.tr("Print…"), "print", lambda: self.print_document(),
                                         standard(key.StandardKey.Print))  # fmt: skip
        self.save_action = self._action(self.tr("Save a copy…"), "saveCopy", lambda: self.save_copy(),
                                        standard(key.StandardKey.Save))  # fmt: skip

    def _toolbar(self) -> QToolBar:
        bar = QToolBar(self, objectName="pdfTools")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.zoom_label = QLabel(objectName="zoomPercent")
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("400 %") + 8)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_box = QSpinBox(objectName="pageNumber", keyboardTracking=False)
        self.page_box.setAccessibleName(self.tr("Page number"))
        self.page_box.valueChanged.connect(lambda number: self.go_to_page(number - 1))
        bar.addAction(self.zoom_out_action)
        bar.addWidget(self.zoom_label)
        bar.addAction(self.zoom_in_action)
        bar.addAction(self.fit_width_action)
        bar.addAction(self.fit_page_action)
        bar.addSeparator()
        bar.addAction(self.previous_action)
        bar.addWidget(self.page_box)
        bar.addAction(self.next_action)
        bar.addSeparator()
        bar.addAction(self.print_action)
        bar.addAction(self.save_action)
        return bar

    def _bottom_row(self) -> QHBoxLayout:
        self.status = QLabel(objectName="pdfStatus", wordWrap=True)
        self.progress = QProgressBar(objectName="printProgress", maximumWidth=200)
        self.progress.setFormat(self.tr("Page %v of %m"))
        self.cancel_print_button = QPushButton(self.tr("Stop printing"), objectName="cancelPrint")
        self.cancel_print_button.clicked.connect(self.cancel_print)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))  # Qt has no Vietnamese
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.progress)
        row.addWidget(self.cancel_print_button)
        row.addWidget(buttons)
        return row

    def _problem_text(self) -> str:
        """Why the file is not shown, in the user's words; "" when it is."""
        if self.loaded:
            return ""
        errors = QPdfDocument.Error
        reason = {
            errors.FileNotFound: self.tr("The file is no longer on this computer."),
            errors.IncorrectPassword: self.tr("The file is protected by a password."),
            errors.UnsupportedSecurityScheme: self.tr("The file is protected in a way this program cannot open."),
        }.get(self.error, self.tr("It is not a PDF file, or the file is damaged."))
        return self.tr("This file cannot be shown: {reason}\n\n{file}").format(reason=reason, file=self.path)

    # -- the window's size --------------------------------------------------------------------------

    def _available(self) -> QRect:
        """The part of the screen the window may take (without the taskbar)."""
        anchor = self.parentWidget()
        screen = anchor.screen() if anchor is not None else QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)

    def _fit_screen(self) -> None:
        """The remembered size (else a portrait page's), never more than the screen has room for."""
        room = self._available().size() - FRAME
        remembered = self.workbench.settings.pdf_viewer_size if self.workbench is not None else (0, 0)
        wanted = QSize(*remembered) if min(remembered) > 0 else DEFAULT_SIZE
        self.setMinimumSize(MINIMUM_SIZE.boundedTo(room))
        # No maximum: the user may still maximise it, or take it to a larger screen.
        self.resize(wanted.boundedTo(room).expandedTo(self.minimumSize()))

    def _remember_size(self) -> None:
        if self.workbench is None or self.isMaximized() or self.isFullScreen():
            return
        self.workbench.remember(pdf_viewer_size=(self.width(), self.height()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._show_zoom()  # a fitted page's zoom changes with the view's size
        return super().eventFilter(watched, event)

    # -- zoom -------------------------------------------------------------------------------------

    def zoom(self) -> float:
        """The zoom the page is shown at (1 = its printed size); a fit mode's too."""
        mode = self.view.zoomMode()
        if mode == QPdfView.ZoomMode.Custom or not self.loaded:
            return self.view.zoomFactor()
        # As QPdfView computes a fitted zoom: the page at screen resolution against the viewport less margins.
        points = self.document.pagePointSize(max(self.current_page, 0))
        scale = self.view.logicalDpiX() / 72
        margins, viewport = self.view.documentMargins(), self.view.viewport().size()
        width = (viewport.width() - margins.left() - margins.right()) / (points.width() * scale)
        if mode == QPdfView.ZoomMode.FitToWidth:
            return width
        height = (viewport.height() - margins.top() - margins.bottom()) / (points.height() * scale)
        return min(width, height)

    def set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(max(factor, ZOOM_STEPS[0]), ZOOM_STEPS[-1]))
        self._update_controls()

    def zoom_in(self) -> None:
        now = self.zoom()
        self.set_zoom(next((step for step in ZOOM_STEPS if step > now * 1.01), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        now = self.zoom()
        self.set_zoom(next((step for step in reversed(ZOOM_STEPS) if step < now / 1.01), ZOOM_STEPS[0]))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._update_controls()

    def fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self._update_controls()

    def _show_zoom(self) -> None:
        self.zoom_label.setText(f"{round(self.zoom() * 100)} %" if self.loaded else "")

    # -- pages ------------------------------------------------------------------------------------

    def go_to_page(self, page: int) -> None:
        """Show page ``page`` (from 0) at the top of the view."""
        if not self.loaded:
            return
        page = min(max(page, 0), self.page_count - 1)
        if page != self.current_page:
            self.view.pageNavigator().jump(page, QPointF(), 0)  # zoom 0: keep the zoom
        self._update_controls()

    def previous_page(self) -> None:
        self.go_to_page(self.current_page - 1)

    def next_page(self) -> None:
        self.go_to_page(self.current_page + 1)

    def _show_page_number(self, *_page: int) -> None:
        """The page box reads "Trang 3 / 12" (and stays a box to type a page number in)."""
        template = self.tr("Page {page} / {count}").replace("{count}", str(self.page_count))
        before, _mark, after = template.partition("{page}")
        self.page_box.blockSignals(True)  # showing the page is no request to go there
        self.page_box.setRange(1 if self.loaded else 0, self.page_count)
        self.page_box.setPrefix(before)
        self.page_box.setSuffix(after)
        self.page_box.setValue(self.current_page + 1 if self.loaded else 0)
        self.page_box.blockSignals(False)
        self.previous_action.setEnabled(self.loaded and self.current_page > 0)
        self.next_action.setEnabled(self.loaded and self.current_page < self.page_count - 1)

    def _update_controls(self) -> None:
        for action in (self.zoom_out_action, self.zoom_in_action, self.fit_width_action, self.fit_page_action,
                       self.first_action, self.last_action):  # fmt: skip
            action.setEnabled(self.loaded)
        self.page_box.setEnabled(self.loaded)
        self.print_action.setEnabled(self.loaded and not self.printing)
        self.save_action.setEnabled(self.path.is_file())  # a damaged file can still be saved, to open elsewhere
        self.progress.setVisible(self.printing)
        self.cancel_print_button.setVisible(self.printing)
        self._show_page_number()
        self._show_zoom()

    # -- printing ---------------------------------------------------------------------------------

    def print_document(self, printer: QPrinter | None = None) -> Task | None:
        """Ask for a printer and the pages (or use ``printer`` as it is set) and print on the task pool;
        ``printed`` says when the printer has every page. None if nothing is printed."""
        if not self.loaded or self.printing:
            return None
        pages: Sequence[int] = range(self.page_count)
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            chosen = self._ask_pages(printer)
            if chosen is None:
                return None
            pages = chosen
        self.progress.setRange(0, len(pages))
        self.progress.setValue(0)
        self.status.setText(self.tr("Printing…"))
        source, target, report = self.path, printer, self._report_page

        def work(token: CancelToken) -> int:
            return print_pages(source, target, pages, token, report)

        self._print_task = self._tasks.run(work, self._printed, self._print_failed, cancellable=True)
        self._update_controls()
        return self._print_task

    def _ask_pages(self, printer: QPrinter) -> Sequence[int] | None:
        """The print dialog: the printer, and all pages, this page or a range of them."""
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print {file}").format(file=self.path.name))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        dialog.setMinMax(1, self.page_count)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        chosen = printer.printRange()
        if chosen == QPrinter.PrintRange.CurrentPage:
            return [self.current_page]
        if chosen == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            return range(printer.fromPage() - 1, min(printer.toPage(), self.page_count))
        return range(self.page_count)

    def _report_page(self, done: int) -> None:
        """Called on the printing worker; the signal brings the count to the UI thread."""
        self._page_printed.emit(done)

    def _show_print_progress(self, done: int) -> None:
        self.progress.setValue(done)

    def cancel_print(self) -> None:
        if self._print_task is not None and self._print_task.token is not None:
            self._print_task.token.cancel()
            self.status.setText(self.tr("Stopping the printing…"))

    def _printed(self, pages: int) -> None:
        self._print_finished(self.tr("Sent to the printer. Pages: {count}").format(count=pages))
        self.printed.emit(pages)

    def _print_failed(self, error: BaseException) -> None:
        if isinstance(error, PrinterNotReady):
            self._print_finished(self.tr("The printer could not be started. Check that it is on and try again."))
        else:
            self._print_finished(self.tr("Printing failed: {reason}").format(reason=user_text(error)))

    def _print_finished(self, text: str) -> None:
        self._print_task = None
        self.status.setText(text)
        self._update_controls()
        if self._delete_after_print:  # closed while printing: the window went, the printing went on
            self._tasks.shutdown()
            self.deleteLater()

    # -- saving a copy ----------------------------------------------------------------------------

    def save_copy(self, target: Path | None = None) -> Path | None:
        """Copy the file where the user chooses (written beside it, then swapped in: never half a file);
        ``saved`` says when it is there. None if no place was chosen."""
        if target is None:
            target = save_file(self, self.workbench, self.tr("Save a copy"), self.path.name, self.tr("PDF (*.pdf)"))
            if target is None:
                return None
        source, destination = self.path, target

        def copy() -> Path:
            from app.export_format import replace_atomically

            replace_atomically(destination, lambda temporary: shutil.copyfile(source, temporary))
            return destination

        self.status.setText(self.tr("Saving a copy…"))
        self._tasks.run(copy, self._copied, self._copy_failed)
        return target

    def _copied(self, path: Path) -> None:
        self.status.setText(self.tr("Saved a copy: {path}").format(path=path))
        self.saved.emit(path)

    def _copy_failed(self, error: BaseException) -> None:
        self.status.setText(user_text(error))

    # -- closing ----------------------------------------------------------------------------------

    def done(self, result: int) -> None:
        """Every way of closing ends here (Esc, Close, the title bar): remember the size; a print under
        way goes on to its end, the window hidden, and is deleted after it."""
        self._remember_size()
        if self.printing:
            self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
            self._delete_after_print = True
        else:
            self._tasks.shutdown()
        super().done(result)


def print_pages(
    path: Path, printer: QPrinter, pages: Sequence[int], token: CancelToken, report: Callable[[int], None]
) -> int:
    """Paint ``pages`` (from 0) of the PDF at ``path`` on ``printer``, each fitted to the paper; for a
    worker thread (QPainter may paint on a printer off the UI thread; QtPdf serialises its renders)."""
    document = QPdfDocument()  # this thread's own: the viewer's belongs to the UI thread
    if document.load(str(path)) != QPdfDocument.Error.None_:
        raise OSError(0, "not a readable PDF", str(path))  # the user reads "could not be read: <file>"
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    printer.setFullPage(True)  # the paper's corner is (0, 0): an A4 letter prints on A4 at its own size
    painter = QPainter()
    if not painter.begin(printer):
        raise PrinterNotReady(printer.printerName() or printer.outputFileName())
    try:
        for done, page in enumerate(pages, start=1):
            token.check()
            if done > 1:
                printer.newPage()
            _paint_page(painter, printer, _render(document, page, dpi))
            report(done)
    except Cancelled:
        printer.abort()  # what was sent is dropped by the print system, not printed as half a job
        raise
    finally:
        painter.end()
    return len(pages)


def _render(document: QPdfDocument, page: int, dpi: int) -> QImage:
    """The page at ``dpi``, on white paper (QtPdf leaves the background transparent)."""
    points = document.pagePointSize(page)
    image = document.render(page, QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi)))
    paper = QPainter(image)
    paper.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOver)
    paper.fillRect(image.rect(), Qt.GlobalColor.white)
    paper.end()
    image.convertTo(QImage.Format.Format_RGB32)  # opaque: a printer gets no alpha mask to blend
    return image


def _paint_page(painter: QPainter, printer: QPrinter, image: QImage) -> None:
    """The page as large as the paper takes it, centred; turned a quarter if its orientation is not the paper's."""
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    turned = (image.width() > image.height()) != (paper.width() > paper.height())
    across, down = (image.height(), image.width()) if turned else (image.width(), image.height())
    scale = min(paper.width() / across, paper.height() / down)
    width, height = image.width() * scale, image.height() * scale  # the image's own sides, before turning
    painter.save()
    painter.translate(paper.width() / 2, paper.height() / 2)
    if turned:
        painter.rotate(90)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    # Lossless: a page of text is half the size flate-compressed than as a JPEG, and has no smudges.
    painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
    painter.drawImage(QRectF(-width / 2, -height / 2, width, height), image)
    painter.restore()
