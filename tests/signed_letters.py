"""A ward's decision letter as the demo service writes it (Decree 30 layout, Vietnamese text), for
the signing tests and the signature benchmark."""

from __future__ import annotations

import io
from datetime import date

from pyhanko.pdf_utils.reader import PdfFileReader

from central.demo_pdfs import Letter, letter_pdf

SIGNER = "Nguyễn Văn An"


def letter_of(paragraphs: int) -> bytes:
    paragraph = ("p", "Ủy ban nhân dân phường giao các bộ phận chuyên môn phối hợp thực hiện. " * 12)
    return letter_pdf(
        Letter(
            agency=(("ỦY BAN NHÂN DÂN", False), ("PHƯỜNG SÀI GÒN", True)),
            number=None,
            notation="QĐ-UBND",
            place="Sài Gòn",
            issued_on=date(2026, 12, 3),
            title="QUYẾT ĐỊNH",
            subject="Về việc kiện toàn Tổ công tác chuyển đổi số",
            addressees=(),
            body=(paragraph,) * paragraphs,
            copies_to=("Như trên;", "Lưu: VT."),
            signature=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
            signer=SIGNER,
            issuer="UBND Phường Sài Gòn",
            sealed=False,
        )
    )


def page_count(pdf: bytes) -> int:
    return int(PdfFileReader(io.BytesIO(pdf)).root["/Pages"]["/Count"])


def letter_of_pages(pages: int) -> bytes:
    """A letter of exactly ``pages`` pages (paragraphs added until it has them)."""
    paragraphs = 1
    while page_count(pdf := letter_of(paragraphs)) < pages:
        paragraphs += 1
    return pdf
