"""Printing to PDF: the receipt slip and the register come out as real A4 pages with Vietnamese text."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument

from app.domain.item_lists import DocumentFilter, DossierFilter
from app.one_stop_forms import FormKind, form_html
from app.printed_forms import incoming_register_html
from app.workbench import Workbench
from tests.demo_cache import fill_demo_cache
from ui.printing import save_html_as_pdf
from ui.translation import domain_text


def translated(source: str) -> str:
    text = domain_text(source)
    assert not text.isascii(), source  # Vietnamese, with letters outside ASCII to find in the PDF
    return text


def dark_share(image: QImage) -> float:
    """The share of dark pixels: 0 on a blank page."""
    paper = QImage(image.size(), QImage.Format.Format_RGB32)
    paper.fill(Qt.GlobalColor.white)  # QtPdf renders on a transparent background
    painter = QPainter(paper)
    painter.drawImage(0, 0, image)
    painter.end()
    gray = paper.convertToFormat(QImage.Format.Format_Grayscale8)
    width, stride = gray.width(), gray.bytesPerLine()
    data = bytes(gray.constBits())
    dark = sum(sum(1 for value in data[y * stride : y * stride + width] if value < 128) for y in range(gray.height()))
    return dark / (width * gray.height())


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def open_pdf(path: Path) -> QPdfDocument:
    pdf = QPdfDocument()
    assert pdf.load(str(path)) == QPdfDocument.Error.None_
    return pdf


def test_the_receipt_slip_is_saved_as_an_a4_pdf(vietnamese: object, workbench: Workbench, tmp_path: Path) -> None:
    fill_demo_cache(workbench, 300)
    row = workbench.dossier_page(DossierFilter(), 0, 1)[0]
    detail = workbench.item_detail("dossier", row.id)
    assert detail is not None
    path = tmp_path / "pdf" / "giấy tiếp nhận.pdf"
    path.parent.mkdir()
    save_html_as_pdf(form_html(FormKind.RECEIPT, detail, "Ủy ban nhân dân phường Sài Gòn", workbench.clock.now()), path)

    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 10_000
    assert b"/FontFile2" in data  # the font is embedded, not left to the reader's machine
    assert b"/Subtype /Image" in data  # the QR code
    assert list(path.parent.iterdir()) == [path]

    pdf = open_pdf(path)
    assert pdf.pageCount() == 1
    size = pdf.pagePointSize(0)
    assert (round(size.width()), round(size.height())) == (595, 842)  # A4 portrait
    text = words(pdf.getAllText(0).text())
    title = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"  # in Vietnamese whatever the UI language
    for expected in (title, "Ủy ban nhân dân phường Sài Gòn", "PHƯỜNG SÀI GÒN", row.code):
        assert expected in text
    assert row.applicant_name in text
    assert 0.005 < dark_share(pdf.render(0, QSize(595, 842))) < 0.3

    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm is not None, "poppler-utils is a test dependency (.ci/run installs it)"
    prefix = tmp_path / "page"
    subprocess.run([pdftoppm, "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", path, prefix], check=True)
    image = QImage(str(prefix.with_suffix(".png")))
    assert not image.isNull() and image.width() < image.height()
    assert 0.005 < dark_share(image) < 0.3


def test_the_register_prints_landscape_with_its_header_on_every_page(
    vietnamese: object, workbench: Workbench, tmp_path: Path
) -> None:
    fill_demo_cache(workbench, 300)
    rows = workbench.document_page(DocumentFilter("incoming"), 0, 100_000)
    path = tmp_path / "register.pdf"
    save_html_as_pdf(incoming_register_html(rows, domain_text, "UBND phường Sài Gòn"), path, landscape=True)

    pdf = open_pdf(path)
    assert pdf.pageCount() > 1
    size = pdf.pagePointSize(0)
    assert (round(size.width()), round(size.height())) == (842, 595)
    assert translated("INCOMING DOCUMENTS REGISTER") in words(pdf.getAllText(0).text())
    heading = translated("Arrival date")
    for page in range(pdf.pageCount()):
        assert heading in pdf.getAllText(page).text()  # the table header repeats on every page
