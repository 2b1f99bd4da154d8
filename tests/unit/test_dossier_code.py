from datetime import date

import pytest

from app.domain.dossier_code import DossierCode, next_dossier_code, parse_dossier_code
from app.domain.errors import DomainError

UNIT = "000.12.34.H29"


def test_parses_the_example_of_the_one_stop_rules() -> None:
    code = parse_dossier_code("000.12.34.H29-250715-0007")
    assert code == DossierCode(UNIT, date(2025, 7, 15), 7)
    assert str(code) == "000.12.34.H29-250715-0007"


def test_surrounding_spaces_and_lower_case_are_forgiven() -> None:
    assert str(parse_dossier_code("  000.12.34.h29-250715-0007\n")) == "000.12.34.H29-250715-0007"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "000.12.34.H29",
        "000.12.34.H29-250715",
        "000.12.34.H29-250230-0001",  # 30 February
        "000.12.34.H29-2507150-0001",
        "000.12.34.H29-25071a-0001",
        "000.12.34.H29-250715-0000",
        "000.12.34.H29-250715-12345",
        "000.12.34.H29-250715-12a4",
        "28.22.H17-250715-0001",  # a shortened unit code is not valid inside a dossier code
        "000.12.34.H29-250715-0001; DROP TABLE dossier",
    ],
)
def test_invalid_codes_are_refused(text: str) -> None:
    with pytest.raises(DomainError):
        parse_dossier_code(text)


def test_next_code_follows_the_highest_of_that_unit_and_day() -> None:
    existing = [
        "000.12.34.H29-250715-0001",
        "000.12.34.H29-250715-0009",
        "000.12.34.H29-250714-0042",  # another day
        "000.99.34.H29-250715-0077",  # another unit
        "garbage",
    ]
    assert str(next_dossier_code(UNIT, date(2025, 7, 15), existing)) == "000.12.34.H29-250715-0010"


def test_the_first_code_of_a_day_is_0001() -> None:
    assert str(next_dossier_code(UNIT, date(2026, 1, 2), [])) == "000.12.34.H29-260102-0001"


def test_a_full_day_is_refused() -> None:
    with pytest.raises(DomainError) as raised:
        next_dossier_code(UNIT, date(2025, 7, 15), ["000.12.34.H29-250715-9999"])
    assert raised.value.code == "dossier_code.day_full"
    assert raised.value.params["day"] == "15/07/2025"


def test_next_code_needs_a_valid_unit() -> None:
    with pytest.raises(DomainError):
        next_dossier_code("H29", date(2025, 7, 15), [])
