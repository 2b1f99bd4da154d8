"""The Decree 30/2020 catalogue of document types and its edXML mapping."""

from __future__ import annotations

import pytest

from app.domain.document_types import (
    CATALOGUE,
    LETTER,
    MAX_CODE_LENGTH,
    UNSTATED,
    DocumentType,
    by_code,
    from_edxml,
    stored_code,
    to_edxml,
    type_label,
)

# Decree 30/2020 Art. 7 and Appendix III, as ../shared/DOMAIN.md lists them (name → abbreviation).
DECREE_30 = {
    "Nghị quyết": "NQ", "Quyết định": "QĐ", "Chỉ thị": "CT", "Quy chế": "QC", "Quy định": "QyĐ",
    "Thông cáo": "TC", "Thông báo": "TB", "Hướng dẫn": "HD", "Chương trình": "CTr", "Kế hoạch": "KH",
    "Phương án": "PA", "Đề án": "ĐA", "Dự án": "DA", "Báo cáo": "BC", "Biên bản": "BB", "Tờ trình": "TTr",
    "Hợp đồng": "HĐ", "Công điện": "CĐ", "Bản ghi nhớ": "BGN", "Bản thỏa thuận": "BTT", "Giấy ủy quyền": "GUQ",
    "Giấy mời": "GM", "Giấy giới thiệu": "GGT", "Giấy nghỉ phép": "GNP", "Phiếu gửi": "PG", "Phiếu chuyển": "PC",
    "Phiếu báo": "PB", "Công văn": "", "Thư công": "",
}  # fmt: skip


def test_the_catalogue_is_the_decrees_29_types() -> None:
    assert {t.name: t.abbreviation for t in CATALOGUE} == DECREE_30
    assert len(CATALOGUE) == 29


def test_codes_and_edxml_codes_are_unique_and_fit_the_column() -> None:
    assert len({t.code for t in CATALOGUE}) == len({t.edxml_code for t in CATALOGUE}) == 29
    assert all(0 < len(t.code) <= MAX_CODE_LENGTH and t.code != UNSTATED for t in CATALOGUE)
    assert all(t.code == t.abbreviation for t in CATALOGUE if t.abbreviation)


@pytest.mark.parametrize("doc_type", CATALOGUE, ids=lambda t: t.code)
def test_code_to_edxml_and_back(doc_type: DocumentType) -> None:
    type_code, type_name = to_edxml(doc_type.code)
    assert from_edxml(type_code, type_name) == doc_type  # as we write it
    assert from_edxml(type_code, "") == doc_type  # by its code alone
    assert from_edxml("", type_name) == doc_type  # by its name alone
    assert stored_code(type_code, type_name) == doc_type.code


def test_the_real_sample_code_is_a_letter() -> None:
    assert from_edxml("1", "Công văn") == LETTER  # the integration example's packet


@pytest.mark.parametrize(
    ("type_code", "type_name", "notation", "expected"),
    [
        ("1", "Quyết định", "UBND", "QĐ"),  # the name wins over a code that would say công văn
        ("1", "QUYẾT ĐỊNH (cá biệt)", "", "QĐ"),
        ("", "Nghị quyết cá biệt", "", "NQ"),
        ("", "Bản thoả thuận", "", "BTT"),  # the old tone placement
        ("", "Quyet dinh", "", "QĐ"),  # no diacritics
        ("", "QĐ", "", "QĐ"),  # the abbreviation as the name
        ("", "", "KH-UBND", "KH"),  # Decree 30 notation: abbreviation, then issuer
        ("", "", "QyĐ-UBND", "QyĐ"),
        ("", "", "HĐ-UBND", "HĐ"),  # not Hướng dẫn (HD): abbreviations are not folded
        ("", "", "ĐA-UBND", "ĐA"),  # not Dự án (DA)
        ("", "", "CTr-UBND", "CTr"),
    ],
)
def test_a_packets_type_is_read_by_name_then_notation_then_code(
    type_code: str, type_name: str, notation: str, expected: str
) -> None:
    assert stored_code(type_code, type_name, notation) == expected


def test_a_letters_notation_says_nothing_about_its_type() -> None:
    assert from_edxml("", "", "UBND-VX") is None  # công văn: issuer, then field
    assert from_edxml("", "", "QĐ") is None  # a bare word is not a notation


def test_an_unknown_type_is_kept_raw_and_an_unstated_one_marked() -> None:
    assert stored_code("77", "Sắc lệnh") == "Sắc lệnh"
    assert stored_code("77", "") == "77"
    assert stored_code("", "Một loại văn bản rất dài") == "Một loại v"  # cut to the column
    assert stored_code("", "") == UNSTATED
    assert stored_code("  ", "  ") == UNSTATED


def test_labels_never_pretend_an_unknown_type_is_a_letter() -> None:
    assert type_label("QĐ") == ("Quyết định", {})
    assert type_label("CV") == ("Công văn", {})
    assert type_label("") == ("Công văn", {})  # rows written before the catalogue stored a letter so
    assert type_label(UNSTATED)[0] == "not stated by the sender"
    template, params = type_label("Sắc lệnh")
    assert template.format(**params) == "“Sắc lệnh” (not a Decree 30 type)"


def test_unknown_codes_cannot_be_written() -> None:
    assert by_code("Sắc lệnh") is None
    with pytest.raises(KeyError):
        to_edxml("Sắc lệnh")
