from datetime import date

import pytest

from app.domain.agency_code import (
    MAX_CODE_LENGTH,
    Succession,
    parse_agency_code,
    resolve_successor,
    validate_agency_code,
)
from app.domain.errors import DomainError


@pytest.mark.parametrize(
    ("raw", "code", "level", "parent"),
    [
        ("000.00.00.H29", "000.00.00.H29", 1, None),
        ("000.00.12.H29", "000.00.12.H29", 2, "000.00.00.H29"),
        ("000.34.12.H29", "000.34.12.H29", 3, "000.00.12.H29"),
        ("001.34.12.H29", "001.34.12.H29", 4, "000.34.12.H29"),
        ("000.00.00.G22", "000.00.00.G22", 1, None),
    ],
)
def test_standard_codes_have_level_and_parent(raw: str, code: str, level: int, parent: str | None) -> None:
    parsed = parse_agency_code(raw)
    assert parsed.code == code
    assert parsed.is_standard
    assert parsed.level == level
    assert (parsed.parent.code if parsed.parent else None) == parent


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("28.22.H17", "000.28.22.H17"),  # shortened form seen in real edXML packets
        ("  000.00.00.h29 ", "000.00.00.H29"),
        ("000 00 00 H29", "000.00.00.H29"),
        ("000-00-00-H29", "000.00.00.H29"),
        ("000,00,00,H29", "000.00.00.H29"),
        ("H29", "000.00.00.H29"),
        ("5.2.H29", "000.05.02.H29"),
    ],
)
def test_lenient_parsing_keeps_the_raw_string(raw: str, normalised: str) -> None:
    parsed = parse_agency_code(raw)
    assert parsed.code == normalised
    assert parsed.raw == raw


def test_a_long_non_standard_code_is_accepted_but_has_no_structure() -> None:
    parsed = parse_agency_code("VPCP.TTDT.2024")
    assert parsed.code == "VPCP.TTDT.2024"
    assert not parsed.is_standard
    assert parsed.level is None
    assert parsed.parent is None


@pytest.mark.parametrize(
    ("raw", "error_code"),
    [
        ("", "agency_code.empty"),
        ("   ", "agency_code.empty"),
        ("000.00.00.H2$", "agency_code.bad_characters"),
        ("<script>", "agency_code.bad_characters"),
        ("000.00.00.H29;DROP TABLE agency", "agency_code.bad_characters"),
        ("Ủ.00.00.H29", "agency_code.bad_characters"),
        ("1" * (MAX_CODE_LENGTH + 1), "agency_code.too_long"),
    ],
)
def test_malformed_codes_are_refused(raw: str, error_code: str) -> None:
    with pytest.raises(DomainError) as raised:
        parse_agency_code(raw)
    assert raised.value.code == error_code


def test_parse_refuses_non_strings() -> None:
    with pytest.raises(DomainError):
        parse_agency_code(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("code", ["28.22.H17", "000.00.00.h29", "0000.00.00.H29", "000.00.00.H2", "000.00.00.29X"])
def test_strict_validation_wants_the_exact_standard_form(code: str) -> None:
    with pytest.raises(DomainError):
        validate_agency_code(code)


def test_strict_validation_accepts_a_standard_code() -> None:
    validate_agency_code("000.12.34.H29")


MERGER = date(2025, 7, 1)
SUCCESSIONS = {
    "000.01.01.H00": Succession("000.01.01.H00", "000.00.30.H29", MERGER),
    "000.00.00.H00": Succession("000.00.00.H00", "000.00.00.H29", MERGER),
    # a later second reorganisation, to follow chains
    "000.00.30.H29": Succession("000.00.30.H29", "000.00.99.H29", date(2027, 1, 1)),
}


def test_successor_applies_from_its_date() -> None:
    assert resolve_successor("000.01.01.H00", SUCCESSIONS, date(2025, 6, 30)) == "000.01.01.H00"
    assert resolve_successor("000.01.01.H00", SUCCESSIONS, MERGER) == "000.00.30.H29"
    assert resolve_successor("000.00.00.H00", SUCCESSIONS, date(2026, 1, 1)) == "000.00.00.H29"


def test_successor_chains_are_followed_only_as_far_as_the_date_allows() -> None:
    assert resolve_successor("000.01.01.H00", SUCCESSIONS, date(2026, 12, 31)) == "000.00.30.H29"
    assert resolve_successor("000.01.01.H00", SUCCESSIONS, date(2027, 1, 1)) == "000.00.99.H29"


def test_a_code_with_no_successor_stands_for_itself() -> None:
    assert resolve_successor("000.00.00.H29", SUCCESSIONS, date(2030, 1, 1)) == "000.00.00.H29"


def test_a_cycle_in_the_successor_data_is_refused() -> None:
    cycle = {
        "A": Succession("A", "B", MERGER),
        "B": Succession("B", "A", MERGER),
    }
    with pytest.raises(DomainError) as raised:
        resolve_successor("A", cycle, date(2026, 1, 1))
    assert raised.value.code == "agency_code.succession_cycle"
