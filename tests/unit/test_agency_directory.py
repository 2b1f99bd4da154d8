"""The shipped agency directory never borrows another province's real code for a placeholder."""

from __future__ import annotations

import re
from datetime import date

from app.domain.agency_code import parse_agency_code, resolve_successor, validate_agency_code
from central.agency_directory import load_shipped_directory
from kernel.resources import load_json_resource

MERGER = date(2025, 7, 1)
HCMC = "H29"
# Level-1 codes ../shared/DOMAIN.md gives from real packets (alphabetical list of the 63 former
# provinces), with H57 that the directory once borrowed and Bình Dương's two candidates (unconfirmed).
REAL_PROVINCE_CODES = {"H02", "H14", HCMC, "H41", "H57", "H08", "H09"}


def _level1(code: str) -> str:
    return code.rsplit(".", 1)[-1]


def test_every_unconfirmed_code_is_marked_a_placeholder() -> None:
    data = load_json_resource("data/agency_directory.json")
    confirmed = set(data["confirmed_codes"])
    for item in data["agencies"]:
        assert item.get("placeholder", False) is (item["code"] not in confirmed), item


def test_no_former_province_placeholder_uses_a_real_province_code() -> None:
    directory = load_shipped_directory()
    for entry in directory.agencies:
        level1 = _level1(entry.code)
        if entry.placeholder and level1 not in {HCMC, "H02"}:  # the city's and BR-VT's are confirmed
            assert level1 not in REAL_PROVINCE_CODES, entry
            assert re.fullmatch(r"[A-Z]00", level1), entry  # numbers run from 01: 00 is nobody's


def test_placeholder_codes_are_valid_codes() -> None:
    for entry in load_shipped_directory().agencies:
        validate_agency_code(entry.code)
        assert parse_agency_code(entry.code).code == entry.code


def test_successions_still_map_the_former_provinces_units_to_the_city() -> None:
    directory = load_shipped_directory()
    former = [e for e in directory.agencies if e.valid_to is not None]
    assert {_level1(e.code) for e in former} == {"H00", "H02"}
    for entry in former:
        successor = resolve_successor(entry.code, directory.successions, MERGER)
        assert _level1(successor) == HCMC, entry
        assert resolve_successor(entry.code, directory.successions, date(2025, 6, 30)) == entry.code
    assert resolve_successor("000.00.00.H57", directory.successions, MERGER) == "000.00.00.H57"  # not ours
    wards = {e.code for e in directory.wards()}
    assert all(
        resolve_successor(e.code, directory.successions, MERGER) in wards
        for e in former
        if parse_agency_code(e.code).level == 3
    )
