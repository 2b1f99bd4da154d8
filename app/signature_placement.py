"""Where the signer's stamp goes: between the signer's title and name, as Decree 30 (Appendix I)
places the signature image, found by reading the text of the document's last pages (pdfminer).

When the name cannot be found (a scan, another spelling), the caller falls back to the foot of the
last page. Reading is limited to the last pages and to text: a hostile file costs a parse, and any
failure is "not found".
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from app.domain.vietnamese_text import fold

log = logging.getLogger(__name__)

PAGES_SEARCHED = 2  # the signature block is on the last page, or the one before when the body ends late


@dataclass(frozen=True)
class TextBox:
    page: int  # 0-based
    x0: float
    y0: float
    x1: float
    y1: float
    page_size: tuple[float, float]


def find_name(pdf: bytes, name: str) -> TextBox | None:
    """The line that is the signer's name, on one of the last pages (the last one first)."""
    wanted = fold(name).split()
    if not wanted:
        return None
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.pdfpage import PDFPage

        count = sum(1 for _ in PDFPage.get_pages(io.BytesIO(pdf)))
        pages = list(range(max(0, count - PAGES_SEARCHED), count))
        for index, layout in zip(pages, extract_pages(io.BytesIO(pdf), page_numbers=pages), strict=False):
            found = _line(layout, wanted)
            if found is not None:
                return TextBox(index, *found, page_size=(layout.width, layout.height))
    except Exception as error:  # a file from outside: any failure of the reader is "not found"
        log.info("the signer's name could not be looked for: %s", error)
    return None


def _line(layout: object, wanted: list[str]) -> tuple[float, float, float, float] | None:
    from pdfminer.layout import LTTextLine

    best = None
    for line in _lines(layout, LTTextLine):
        if fold(line.get_text()).split() == wanted:
            best = line.bbox  # the lowest match wins: the name under the signature, not one in the body
    return best


def _lines(element: object, kind: type) -> list:
    found = []
    for child in element:  # type: ignore[attr-defined]
        if isinstance(child, kind):
            found.append(child)
        elif hasattr(child, "__iter__"):
            found.extend(_lines(child, kind))
    return found
