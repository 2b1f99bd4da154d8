"""The demo attachments are real PDFs: poppler opens them as A4, and gives back their Vietnamese
with every diacritic (the embedded font subset and its ToUnicode map are right), byte for byte the
same from the same values."""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import zlib
from datetime import date, datetime
from pathlib import Path

import pytest

from app.domain.working_calendar import VN_TZ
from central.agency_directory import load_shipped_directory
from central.demo_data import DEMO_UNIT_NAME
from central.demo_files import DemoFiles
from central.demo_pdfs import Application, Letter, annex_pdf, application_pdf, letter_pdf, vietnamese_date
from central.pdf_font import shipped_font

POPPLER = shutil.which("pdfinfo") is not None and shutil.which("pdftotext") is not None
needs_poppler = pytest.mark.skipif(not POPPLER and not os.environ.get("CI"), reason="poppler-utils is not installed")

# Every Vietnamese letter: the 12 vowels with their 6 tones, and đ; in both cases.
VIETNAMESE = "aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự yỳýỷỹỵ đ"
ALPHABET = f"{VIETNAMESE} {VIETNAMESE.upper()}"


def letter(**changes: object) -> Letter:
    fields: dict[str, object] = {
        "agency": (("ỦY BAN NHÂN DÂN", True), ("PHƯỜNG THỦ DẦU MỘT", True)),
        "number": "125",
        "notation": "UBND-VP",
        "place": "Thủ Dầu Một",
        "issued_on": date(2026, 3, 5),
        "title": None,
        "subject": "V/v triển khai chuyển đổi số và Đề án 06",
        "addressees": ("Sở Nội vụ", "Sở Tư pháp"),
        "body": (("p", "Ủy ban nhân dân Phường Thủ Dầu Một đề nghị các đơn vị phối hợp thực hiện."),),
        "copies_to": ("- Như trên;", "- Lưu: VT, UBND."),
        "signature": ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        "signer": "Nguyễn Thị Hồng Nhung",
        "issuer": "Ủy ban nhân dân Phường Thủ Dầu Một",
        "sealed": True,
    }
    return Letter(**{**fields, **changes})  # type: ignore[arg-type]


def form(applicant: str = "Nguyễn Thị Hồng Nhung") -> Application:
    return Application(
        form_code="CT01", title="TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ", addressee="Ủy ban nhân dân Phường Thủ Dầu Một",
        fields=(("Họ, chữ đệm, tên người yêu cầu:", applicant), ("Nội dung đề nghị:", ALPHABET)),
        papers=("Thẻ căn cước hoặc giấy tờ tùy thân của người yêu cầu (xuất trình)",), place="Thủ Dầu Một",
        signed_on=date(2026, 11, 25), applicant=applicant, received_stamp="09 giờ 30, ngày 25/11/2026",
    )  # fmt: skip


def info(path: Path) -> dict[str, str]:
    result = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    assert result.stderr == "", result.stderr  # poppler complains of nothing
    return dict(line.split(":", 1) for line in result.stdout.splitlines() if ":" in line)


def page_sizes(path: Path) -> list[str]:
    pages = int(info(path)["Pages"])
    result = subprocess.run(["pdfinfo", "-f", "1", "-l", str(pages), str(path)], check=True, capture_output=True,
                            text=True)  # fmt: skip
    return re.findall(r"Page +\d+ size: +([^\n]+)", result.stdout)


def text_of(path: Path) -> str:
    result = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True)
    assert result.stderr == "", result.stderr
    return result.stdout


def written(tmp_path: Path, content: bytes, name: str = "file.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


@needs_poppler
def test_a_letter_is_one_a4_page_with_its_vietnamese_whole(tmp_path: Path) -> None:
    path = written(tmp_path, letter_pdf(letter()))
    assert info(path)["Pages"].strip() == "1"
    assert page_sizes(path) == ["595.28 x 841.89 pts (A4)"]
    text = " ".join(text_of(path).split())
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ỦY BAN NHÂN DÂN PHƯỜNG THỦ DẦU MỘT",
        "Số: 125/UBND-VP", "Thủ Dầu Một, ngày 05 tháng 3 năm 2026", "V/v triển khai chuyển đổi số và Đề án 06",
        "Kính gửi: - Sở Nội vụ;", "Ủy ban nhân dân Phường Thủ Dầu Một đề nghị các đơn vị phối hợp thực hiện.",
        "Nơi nhận:", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH", "Nguyễn Thị Hồng Nhung",
    ):  # fmt: skip
        assert expected in text


@needs_poppler
def test_the_font_is_embedded_as_a_subset_with_a_unicode_map(tmp_path: Path) -> None:
    path = written(tmp_path, letter_pdf(letter()))
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    [row] = fonts.splitlines()[2:]
    assert row.split()[:7] == ["WDDEMO+DejaVuSerif", "CID", "TrueType", "Identity-H", "yes", "yes", "yes"]
    assert path.stat().st_size < 20_000  # the glyphs it uses, not the 380 KB font


@needs_poppler
def test_every_vietnamese_letter_comes_back_from_a_scanned_form(tmp_path: Path) -> None:
    path = written(tmp_path, application_pdf(form(), random.Random(1)))
    assert page_sizes(path) == ["595.28 x 841.89 pts (A4)"]
    text = " ".join(text_of(path).split())
    assert "Họ, chữ đệm, tên người yêu cầu: Nguyễn Thị Hồng Nhung" in text
    assert "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ" in text and "Mẫu CT01" in text
    assert ALPHABET in text  # all 146 letters, in both cases, each with its own marks


@needs_poppler
def test_a_long_letter_runs_onto_a_numbered_second_page(tmp_path: Path) -> None:
    paragraph = ("p", "Rà soát, tổng hợp đầy đủ số liệu và tình hình thực hiện trên địa bàn; xác định rõ khó khăn.")
    path = written(tmp_path, letter_pdf(letter(body=(paragraph,) * 30)))
    assert page_sizes(path) == ["595.28 x 841.89 pts (A4)"] * 2
    second = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(path), "-"], check=True, capture_output=True,
                            text=True).stdout  # fmt: skip
    assert second.split()[0] == "2"  # the page number, at the top
    assert "Nguyễn Thị Hồng Nhung" in second  # the signature follows the text


@needs_poppler
def test_demo_files_of_a_ward_open_and_read_back(tmp_path: Path) -> None:
    files = DemoFiles(load_shipped_directory(), DEMO_UNIT_NAME)
    row = {
        "doc_type": "QĐ", "number": "12", "notation": "QĐ-UBND", "issuing_agency_code": "000.00.57.H29",
        "issuing_agency_name": DEMO_UNIT_NAME, "issued_on": date(2026, 11, 20), "signer_name": "Trần Thị Mai",
        "signer_position": "Phó Chủ tịch", "recipients": [DEMO_UNIT_NAME],
        "subject": "Quyết định thành lập tổ công tác lưu trữ hồ sơ sau hợp nhất",
    }  # fmt: skip
    documents = [files.for_document(row, random.Random(seed)) for seed in range(8)]
    assert any(len(found) == 2 for found in documents)  # some come with an annex
    for number, demo in enumerate(demo for found in documents for demo in found):
        text = " ".join(text_of(written(tmp_path, demo.content, f"{number}.pdf")).split())
        assert demo.content_type == "application/pdf" and demo.file_name.endswith("12-QĐ-UBND.pdf")
        assert "Quyết định số 12/QĐ-UBND" in text if demo.file_name.startswith("Phụ lục") else "QUYẾT ĐỊNH" in text
    dossier = {
        "procedure_code": "1.001193", "procedure_name": "Đăng ký khai sinh", "applicant_name": "Nguyễn Thị Hồng Nhung",
        "applicant_id_number": "074195001234", "applicant_address": "45 đường Yersin, Phường Thủ Dầu Một",
        "received_at": datetime(2026, 11, 25, 9, 10, tzinfo=VN_TZ),
    }  # fmt: skip
    papers = next(found for seed in range(20) if len(found := files.for_dossier(dossier, random.Random(seed))) == 2)
    declaration, id_copy = (" ".join(text_of(written(tmp_path, p.content, p.file_name)).split()) for p in papers)
    assert "TỜ KHAI ĐĂNG KÝ KHAI SINH" in declaration and "Nguyễn Thị Hồng Nhung" in declaration
    assert "Giấy chứng sinh hoặc văn bản xác nhận việc sinh" in declaration  # the procedure's papers, ticked
    assert "CĂN CƯỚC" in id_copy and "NGUYỄN THỊ HỒNG NHUNG" in id_copy and "074195001234" in id_copy
    assert "Giới tính: Nữ" in id_copy and "/1995" in id_copy  # as the number says: a woman born in 1995


def test_the_same_values_give_the_same_bytes() -> None:
    assert letter_pdf(letter()) == letter_pdf(letter())
    assert application_pdf(form(), random.Random(7)) == application_pdf(form(), random.Random(7))
    assert letter_pdf(letter()) != letter_pdf(letter(signer="Trần Văn Nam"))
    files = DemoFiles(load_shipped_directory(), DEMO_UNIT_NAME, seed=2025)
    row = {"doc_type": "", "number": "3", "notation": "UBND-VP", "subject": "V/v báo cáo", "recipients": ["Sở Y tế"]}
    assert files.for_item("document", 41, row) == files.for_item("document", 41, row)
    assert files.for_item("document", 41, row) != files.for_item("document", 42, row)


def test_the_subset_keeps_only_what_is_used() -> None:
    font = shipped_font()
    subset = font.subset("Độc lập")
    assert len(subset.program) < 2_000 and len(subset.widths) < 20  # .notdef, 7 letters and the parts of ộ, Đ, ậ
    assert sorted(subset.glyphs) == sorted(set("Độc lập"))
    assert subset.widths[subset.glyphs["l"]] == font.width(font.cmap["l"])


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
        (date(2026, 2, 28), "ngày 28 tháng 02 năm 2026"),
        (date(2026, 3, 9), "ngày 09 tháng 3 năm 2026"),
        (date(2026, 11, 25), "ngày 25 tháng 11 năm 2026"),
    ],
)
def test_dates_are_written_as_decree_30_wants(day: date, expected: str) -> None:
    assert vietnamese_date(day) == expected


def test_an_annex_is_a_table(tmp_path: Path) -> None:
    files = DemoFiles(load_shipped_directory(), DEMO_UNIT_NAME)
    annex = files.annex(letter(), "Công văn", random.Random(3))
    assert annex.caption == "(Kèm theo Công văn số 125/UBND-VP ngày 05/03/2026 của Ủy ban nhân dân Phường Thủ Dầu Một)"
    assert len(annex.rows) >= 5 and all(len(row) == len(annex.columns) for row in annex.rows)
    assert annex_pdf(annex, date(2026, 3, 5)).startswith(b"%PDF-1.7")


def drawing_of(content: bytes) -> bytes:
    """Every stream of the file, inflated (the pages' operators among them)."""
    streams = re.findall(rb"stream\n(.*?)\nendstream", content, re.S)
    return b"\n".join(zlib.decompress(stream) for stream in streams)


def test_a_draft_is_neither_sealed_nor_signed() -> None:
    sealed, draft = letter_pdf(letter()), letter_pdf(letter(number=None, sealed=False))
    assert b"0.78 0.08 0.1 rg" in drawing_of(sealed)  # the seal's red star
    assert b"0.78 0.08 0.1 rg" not in drawing_of(draft) and b"0.08 0.16 0.55 RG" not in drawing_of(draft)
