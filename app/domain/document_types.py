"""The catalogue of official document types (Decree 30/2020/NĐ-CP, Art. 7; abbreviations in Appendix III).

A type's ``code`` is what ``doc_type`` stores on both sides (at most 10 characters): the Appendix III
abbreviation, and for the two types that have none, ``CV`` (Công văn, the code most systems use) and
``ThC`` (Thư công). An empty ``doc_type`` is how rows written before this catalogue stored a công văn,
so it is still read as one; nothing writes it any more.

edXML (QCVN 102:2016) carries a type as ``DocumentType/Type``, ``TypeDetail`` and ``TypeName``. The
standard's code list was not available when this was written: the only code seen on a real packet is
``Type`` 1 with ``TypeName`` "Công văn" (the public integration example in ``samples/edxml``). So the
codes below are ours and *unconfirmed*, kept in this one table (:data:`CATALOGUE`) so that the real list
replaces them in one place; a packet is therefore read by its name first, then by the abbreviation
that opens its notation (``QĐ-UBND``), and only then by its code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.errors import tr_noop
from app.domain.vietnamese_text import fold

MAX_CODE_LENGTH = 10  # the doc_type columns of the cache and the service
LEGACY_LETTER_CODE = ""  # how a công văn was stored before the catalogue
UNSTATED = "?"  # what a packet that gives no type is stored as: never shown as a công văn


@dataclass(frozen=True)
class DocumentType:
    code: str  # stored in doc_type; stable
    name: str  # the Vietnamese name, as the decree writes it
    abbreviation: str  # Appendix III; "" for Công văn and Thư công
    edxml_code: str  # DocumentType/Type written and recognised (unconfirmed but "1")


def _t(code: str, name: str, edxml_code: str, abbreviation: str | None = None) -> DocumentType:
    return DocumentType(code, name, code if abbreviation is None else abbreviation, edxml_code)


# Art. 7's order. The only edXML code confirmed by a real packet is Công văn's "1".
CATALOGUE: tuple[DocumentType, ...] = (
    _t("NQ", "Nghị quyết", "2"),
    _t("QĐ", "Quyết định", "3"),
    _t("CT", "Chỉ thị", "4"),
    _t("QC", "Quy chế", "5"),
    _t("QyĐ", "Quy định", "6"),
    _t("TC", "Thông cáo", "7"),
    _t("TB", "Thông báo", "8"),
    _t("HD", "Hướng dẫn", "9"),
    _t("CTr", "Chương trình", "10"),
    _t("KH", "Kế hoạch", "11"),
    _t("PA", "Phương án", "12"),
    _t("ĐA", "Đề án", "13"),
    _t("DA", "Dự án", "14"),
    _t("BC", "Báo cáo", "15"),
    _t("BB", "Biên bản", "16"),
    _t("TTr", "Tờ trình", "17"),
    _t("HĐ", "Hợp đồng", "18"),
    _t("CV", "Công văn", "1", abbreviation=""),
    _t("CĐ", "Công điện", "19"),
    _t("BGN", "Bản ghi nhớ", "20"),
    _t("BTT", "Bản thỏa thuận", "21"),
    _t("GUQ", "Giấy ủy quyền", "22"),
    _t("GM", "Giấy mời", "23"),
    _t("GGT", "Giấy giới thiệu", "24"),
    _t("GNP", "Giấy nghỉ phép", "25"),
    _t("PG", "Phiếu gửi", "26"),
    _t("PC", "Phiếu chuyển", "27"),
    _t("PB", "Phiếu báo", "28"),
    _t("ThC", "Thư công", "29", abbreviation=""),
)
LETTER = next(t for t in CATALOGUE if t.code == "CV")

_BY_CODE = {t.code: t for t in CATALOGUE}
_BY_EDXML = {t.edxml_code: t for t in CATALOGUE}
_BY_ABBREVIATION = {t.abbreviation: t for t in CATALOGUE if t.abbreviation}
# upper-case, not folded: folding would make ĐA (Đề án) DA (Dự án) and HĐ (Hợp đồng) HD (Hướng dẫn)
_BY_UPPER_ABBREVIATION = {t.abbreviation.upper(): t for t in CATALOGUE if t.abbreviation}
# "Quyết định (cá biệt)", "QUYẾT ĐỊNH", "Quyet dinh", "Bản thoả thuận" (old tone placement) all match
_BY_FOLDED_NAME = {re.sub(r"[^a-z]", "", fold(t.name)): t for t in CATALOGUE}


def by_code(code: str) -> DocumentType | None:
    """The catalogue's type for a stored ``doc_type``; the legacy empty value is a công văn."""
    return LETTER if code == LEGACY_LETTER_CODE else _BY_CODE.get(code)


def to_edxml(code: str) -> tuple[str, str]:
    """(Type, TypeName) to write for a stored ``doc_type``; KeyError when it is not in the catalogue."""
    doc_type = by_code(code)
    if doc_type is None:
        raise KeyError(code)
    return doc_type.edxml_code, doc_type.name


def from_edxml(type_code: str, type_name: str, notation: str = "") -> DocumentType | None:
    """The type a packet states: by name, then by its notation's leading abbreviation, then by code."""
    return _by_name(type_name) or _by_notation(notation) or _BY_EDXML.get(type_code.strip())


def _by_name(name: str) -> DocumentType | None:
    if not name.strip():
        return None
    key = re.sub(r"\(.*?\)|cabiet$", "", re.sub(r"[^a-z()]", "", fold(name)))  # "(cá biệt)" qualifies, not names
    return _BY_FOLDED_NAME.get(key) or _by_abbreviation(name.strip())


def _by_notation(notation: str) -> DocumentType | None:
    """``QĐ-UBND`` → Quyết định; a công văn's notation opens with its issuer (``UBND-VX``) and says nothing."""
    head = notation.strip().split("-", 1)[0]
    return _by_abbreviation(head) if "-" in notation else None


def _by_abbreviation(text: str) -> DocumentType | None:
    return _BY_ABBREVIATION.get(text) or _BY_UPPER_ABBREVIATION.get(text.upper())


def stored_code(type_code: str, type_name: str, notation: str = "") -> str:
    """What ``doc_type`` keeps for a packet's type: the catalogue's code, else the raw text as sent
    (cut to the column), which the window shows as not in the catalogue; "?" when nothing is stated."""
    doc_type = from_edxml(type_code, type_name, notation)
    if doc_type is not None:
        return doc_type.code
    raw = (type_name.strip() or type_code.strip())[:MAX_CODE_LENGTH]
    return raw if raw and raw != LEGACY_LETTER_CODE else UNSTATED


def type_label(code: str) -> tuple[str, dict[str, str]]:
    """(template, params) to show a stored ``doc_type``: the type's Vietnamese name (an official
    term, the same in both languages), or a translatable marker that never pretends to be a type."""
    doc_type = by_code(code)
    if doc_type is not None:
        return doc_type.name, {}
    if code == UNSTATED:
        return tr_noop("not stated by the sender"), {}
    return tr_noop("“{code}” (not a Decree 30 type)"), {"code": code}
