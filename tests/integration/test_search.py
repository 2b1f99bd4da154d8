"""Search on a real SQLite file through the FTS5 index that the migrations build."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from app.workbench import Workbench
from local_db.models import Document
from local_db.search import fts_query, search_items
from tests.integration.helpers import (
    add_source,
    document_row,
    dossier_row,
    insert_documents,
    insert_dossiers,
)
from tests.unit.test_vietnamese_text import ALL_LETTERS


@pytest.fixture
def letters_bench(workbench: Workbench) -> Workbench:
    """One document per Vietnamese letter, its subject a word made of that letter."""
    with workbench.cache.engine.begin() as connection:
        source = add_source(connection)
        rows = [
            document_row(source, f"doc-{index}", f"Văn bản thử {letter}x{letter.upper()}k")
            for index, (letter, _) in enumerate(ALL_LETTERS)
        ]
        insert_documents(connection, rows)
    return workbench


def test_typing_without_diacritics_finds_every_vietnamese_letter(letters_bench: Workbench) -> None:
    for index, (letter, plain) in enumerate(ALL_LETTERS):
        found = letters_bench.search(f"{plain}x{plain}k")
        assert found is not None
        expected_ids = {i + 1 for i, (_, other) in enumerate(ALL_LETTERS) if other == plain}
        assert set(found.document_ids) == expected_ids, letter
        assert index + 1 in found.document_ids


def test_typing_with_diacritics_finds_the_same(letters_bench: Workbench) -> None:
    assert letters_bench.search("ữxỮk") == letters_bench.search("uxuk")


@pytest.fixture
def realistic(workbench: Workbench) -> Workbench:
    with workbench.cache.engine.begin() as connection:
        source = add_source(connection)
        insert_documents(
            connection,
            [
                document_row(
                    source, "a", "V/v triển khai Đề án 06 về chuyển đổi số", number="7816", notation="VPCP-TTĐT"
                ),
                document_row(source, "b", "Kế hoạch phòng, chống dịch sốt xuất huyết", number="45", notation="KH-UBND"),
                document_row(source, "c", "Hướng dẫn đăng ký khai sinh trực tuyến", number="9", notation="HD-STP"),
            ],
        )
        insert_dossiers(
            connection,
            [
                dossier_row(source, "000.00.30.H29-251125-0001", "Nguyễn Thị Thủy", "Đăng ký khai sinh"),
                dossier_row(source, "000.00.30.H29-251125-0002", "Trần Văn Đức", "Đăng ký kết hôn"),
            ],
        )
    return workbench


@pytest.mark.parametrize(
    ("query", "documents", "dossiers"),
    [
        ("dang ky khai sinh", [3], [1]),
        ("chuyen doi so", [1], []),
        ("sot xuat huyet", [2], []),
        ("thuy", [], [1]),
        ("duc", [], [2]),
        ("7816", [1], []),
        ("ttdt", [1], []),
        ("0002", [], [2]),
        ("251125", [], [1, 2]),
        ("ket", [], [2]),  # prefix as the user types
        ("chuy", [1], []),
        ("dang ky ket", [], [2]),
        ("không có gì", [], []),
    ],
)
def test_search_finds_by_subject_number_notation_applicant_and_procedure(
    realistic: Workbench, query: str, documents: list[int], dossiers: list[int]
) -> None:
    found = realistic.search(query)
    assert found is not None
    assert sorted(found.document_ids) == documents
    assert sorted(found.dossier_ids) == dossiers


def test_better_matches_rank_first(realistic: Workbench) -> None:
    with realistic.cache.engine.begin() as connection:
        source = add_source(connection, "legacy-binhduong")
        insert_documents(
            connection,
            [document_row(source, "d", "Khai sinh, khai sinh và khai sinh: tổng hợp đăng ký khai sinh")],
        )
    with realistic.cache.sessions() as session:
        hits = search_items(session, "khai sinh")
    assert (hits[0].kind, hits[0].id) == ("document", 4)


def test_editing_an_item_updates_the_index(realistic: Workbench) -> None:
    with realistic.cache.engine.begin() as connection:
        connection.execute(update(Document).where(Document.id == 2).values(subject="Báo cáo triều cường"))
    assert realistic.search("sot xuat").document_ids == []
    assert realistic.search("trieu cuong").document_ids == [2]


@pytest.mark.parametrize("typed", ['"', "*", "AND", "NEAR(", "khai OR", ")(", "a:b", "^"])
def test_fts_syntax_typed_by_the_user_is_plain_text(realistic: Workbench, typed: str) -> None:
    realistic.search(typed)  # must not raise an FTS5 syntax error


def test_nothing_to_search_shows_everything(realistic: Workbench) -> None:
    assert realistic.search("") is None
    assert realistic.search("  ,.;  ") is None
    assert fts_query("!!!") is None


def test_query_words_are_quoted_prefixes() -> None:
    """The index's tokenizer folds the words as it folded the items; đ, a letter of its own, is made d."""
    assert fts_query("Đăng  ký") == '"Dăng"* "ký"*'
    assert fts_query("ho\u0302\u0300 so\u031b") == '"hồ"* "sơ"*'  # marks typed apart stay in their word


def test_text_in_other_scripts_is_found_as_written(realistic: Workbench) -> None:
    with realistic.cache.engine.begin() as connection:
        insert_documents(connection, [document_row(add_source(connection, "legacy-brvt"), "e", "Йод и άλφα, Straße")])
    for typed in ("йод", "ΆΛΦΑ", "straße"):
        assert realistic.search(typed).document_ids == [4], typed
