"""The dossier register (form 07), the monthly report by procedure and the monthly 1022 report by
category printed to landscape A4 PDF,
read back with poppler's pdftotext: every word inside the page's margins, none broken across
lines, the title, the period and the last column there."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.domain.dossier_standing import due_soon_until
from app.dossier_register import register_html, register_lines
from app.feedback_report import report_html as feedback_report_html
from app.form_templates import BREAK_OPPORTUNITY
from app.procedure_report import report_html
from app.reports import feedback_month_report, procedure_month_report
from app.workbench import Workbench
from tests.demo_cache import fill_demo_cache
from tests.demo_feedback import fill_demo_feedback
from ui.printing import LANDSCAPE_MARGINS_MM, save_html_as_pdf

# a platform condition on a developer's machine only: under CI, poppler-utils missing is a failure
pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None and not os.environ.get("CI"), reason="poppler-utils is not installed"
)

UNIT = "Ủy ban nhân dân Phường Thủ Dầu Một"
NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))
A4_LANDSCAPE = (842, 595)  # points
POINTS_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class Word:
    page: int
    left: float
    right: float
    text: str


def pdf_words(path: Path) -> tuple[list[Word], list[tuple[int, int]]]:
    """Every word pdftotext finds, with its page and horizontal extent; and each page's size."""
    output = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True).stdout
    root = ET.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", output))
    namespace = {"x": "http://www.w3.org/1999/xhtml"}
    words, sizes = [], []
    for number, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page")):
        sizes.append((round(float(page.get("width", 0))), round(float(page.get("height", 0)))))
        for word in page.findall("x:word", namespace):
            text = (word.text or "").replace(BREAK_OPPORTUNITY, "")
            words.append(Word(number, float(word.get("xMin", 0)), float(word.get("xMax", 0)), text))
    return words, sizes


class _Text(HTMLParser):
    """The words a page's HTML prints (its <title> and <style> print nothing)."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._skip += tag in ("style", "title")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "title")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.words.extend(data.replace(BREAK_OPPORTUNITY, " ").split())


def html_words(page: str) -> Counter[str]:
    parser = _Text()
    parser.feed(page)
    return Counter(parser.words)


def layout_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


def assert_fits_the_page(page: str, path: Path) -> list[Word]:
    """Nothing past the margins, and every word of the HTML printed whole as often as the HTML has it
    (a word broken across lines would be two other words; the table's header repeats on each page)."""
    words, sizes = pdf_words(path)
    assert set(sizes) == {A4_LANDSCAPE}
    left = LANDSCAPE_MARGINS_MM.left() * POINTS_PER_MM
    right = A4_LANDSCAPE[0] - LANDSCAPE_MARGINS_MM.right() * POINTS_PER_MM
    outside = [word for word in words if word.left < left - 1 or word.right > right + 1]
    assert outside == []
    printed = Counter(word.text for word in words)
    missing = {word: count for word, count in html_words(page).items() if printed[word] < count}
    assert missing == {}
    return words


@pytest.fixture
def demo(qapp: QApplication, workbench: Workbench) -> Workbench:
    fill_demo_cache(workbench, 700)
    return workbench


def test_the_register_fits_landscape_a4(demo: Workbench, tmp_path: Path) -> None:
    now = demo.clock.now()
    records = demo.dossiers_received(*NOVEMBER)
    lines = register_lines(records, now, due_soon_until(now, demo.calendar()))
    page = register_html(lines, UNIT, NOVEMBER, now)
    path = tmp_path / "so-theo-doi.pdf"
    save_html_as_pdf(page, path, landscape=True)

    words = assert_fits_the_page(page, path)
    text = layout_text(path)
    for expected in ("SỔ THEO DÕI HỒ SƠ", "Từ ngày 01/11/2026 đến ngày 30/11/2026", "PHƯỜNG THỦ DẦU MỘT", "(12)"):
        assert expected in text
    pages = max(word.page for word in words) + 1
    assert pages > 1 and sum(word.text == "Ghi" for word in words) >= pages  # the last header, on every page
    last_column = max(word.right for word in words if word.text == "Ghi")
    assert any(word.text == "Quá" and word.right > last_column - 40 for word in words)  # a note in it, whole
    unit, _, rest = lines[-1].record.code.partition("-")
    assert re.search(rf"{re.escape(unit)}-\s.*\n.*\b{re.escape(rest)}\b", text)  # the code, broken at its hyphen
    assert f"Tổng số: {len(lines)} hồ sơ." in text


def test_the_monthly_report_fits_landscape_a4(demo: Workbench, tmp_path: Path) -> None:
    report = procedure_month_report(demo.cache.sessions, date(2026, 10, 1), demo.clock.now())
    page = report_html(report, UNIT)
    path = tmp_path / "bao-cao.pdf"
    save_html_as_pdf(page, path, landscape=True)

    assert_fits_the_page(page, path)
    text = layout_text(path)
    for expected in ("BÁO CÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "Tháng 10 năm 2026", "(19)", "Tổng cộng"):
        assert expected in text
    assert re.search(r"Dừng\s+.*\n(.*\n)?.*xử lý", text)  # the last column's header, under its group
    total_line = next(line for line in text.splitlines() if "Tổng cộng" in line)
    figures = [int(number) for number in re.findall(r"\d+", total_line)]
    assert figures[0] == report.total.received_with_carried_over and figures[-1] == report.total.paused_stopped


def test_the_monthly_1022_report_fits_landscape_a4(demo: Workbench, tmp_path: Path) -> None:
    fill_demo_feedback(demo, 300)
    report = feedback_month_report(demo.cache.sessions, date(2026, 10, 1), demo.clock.now())
    page = feedback_report_html(report, UNIT)
    path = tmp_path / "bao-cao-1022.pdf"
    save_html_as_pdf(page, path, landscape=True)

    printed = assert_fits_the_page(page, path)
    rightmost = {word.text for word in printed if word.right > max(w.right for w in printed if w.text == "Quá")}
    assert {"Không", "thuộc", "thẩm", "quyền"} <= rightmost  # the last column's header, whole, in the last column
    text = layout_text(path)
    words = " ".join(text.split())  # the title takes two lines
    for expected in ("PHẢN ÁNH, KIẾN NGHỊ QUA HỆ THỐNG 1022", "Tháng 10 năm 2026", "(12)", "Tổng cộng", "Lĩnh vực"):
        assert expected in words
    total_line = next(line for line in text.splitlines() if "Tổng cộng" in line)
    figures = [int(number) for number in re.findall(r"\d+", total_line)]
    assert figures[0] == report.total.received_with_carried_over and figures[-1] == report.total.sent_back
    assert len(report.categories) >= 6 and report.total.sent_back > 0
