"""Printing the HTML forms of app.printed_forms: to a PDF file, or to a printer chosen by the user.

QTextDocument lays the HTML out on A4 pages; the PDF embeds (a subset of) the application's
default font, which has the Vietnamese glyphs (Segoe UI on Windows, DejaVu Sans on Linux).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QFont, QGuiApplication, QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

# Decree 30/2020 page margins (top, bottom 20 mm; left 30 mm; right 15 mm), in millimetres.
MARGINS_MM = QMarginsF(30, 20, 15, 20)
LANDSCAPE_MARGINS_MM = QMarginsF(20, 20, 15, 20)  # a wide register needs the width more than the binding edge
FONT_POINTS = 11
PDF_DPI = 300


def page_layout(landscape: bool = False) -> QPageLayout:
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    margins = LANDSCAPE_MARGINS_MM if landscape else MARGINS_MM
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, margins, QPageLayout.Unit.Millimeter)


def save_html_as_pdf(html: str, path: str | os.PathLike[str], landscape: bool = False, dpi: int | None = None) -> None:
    """Write ``html`` as an A4 PDF at ``path`` (replaced atomically: never half a file). On a worker
    thread, pass ``dpi`` (``layout_dpi()``, read on the UI thread, which owns the screens)."""
    from app.export_format import replace_atomically  # not on the way to the window's first rows

    dpi = dpi if dpi is not None else layout_dpi()
    replace_atomically(path, lambda temporary: _write_pdf(html, temporary, landscape, dpi))


def print_html(html: str, parent: QWidget | None = None, landscape: bool = False) -> bool:
    """Ask for a printer and print ``html`` on A4; False when the user cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(landscape))
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    paint_html(html, printer)
    return True


def _write_pdf(html: str, path: Path, landscape: bool, dpi: int) -> None:
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(page_layout(landscape))
    writer.setCreator("Ward Desk")
    paint_html(html, writer, dpi)  # ends its painter, which closes the file before the caller swaps it in


def paint_html(html: str, device: QPagedPaintDevice, dpi: int | None = None) -> None:
    """Lay ``html`` out on the device's pages (a printer, a PDF writer, a print preview's pages)."""
    document = text_document(html)
    # A paginated document keeps its own layout and is scaled onto the device's printable area;
    # unpaginated, QTextDocument.print_ would add 2 cm margins of its own on top of ours.
    document.setDocumentMargin(0)
    document.setPageSize(_printable_size(device, dpi if dpi is not None else layout_dpi()))
    document.print_(device)


def text_document(html: str) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultFont(QFont(QGuiApplication.font().family(), FONT_POINTS))
    document.setHtml(html)
    return document


def layout_dpi() -> int:
    """The screen's logical DPI, as fonts are laid out (ask on the UI thread)."""
    screen = QGuiApplication.primaryScreen()
    return round(screen.logicalDotsPerInchY()) if screen is not None else 96


def _printable_size(device: QPagedPaintDevice, dpi: int) -> QSizeF:
    """The printable area in the layout's pixels."""
    area = device.pageLayout().paintRect(QPageLayout.Unit.Inch)
    return QSizeF(area.width() * dpi, area.height() * dpi)
