"""Checking the identifiers an applicant gives at the counter (pure Python).

A citizen's personal identification number (số định danh cá nhân, on the chip ID card) has 12
digits: the province of birth registration (3), century and sex (1), the last two digits of the
year of birth (2), then 6 random digits. The province codes are those of the 63 provinces before
the 2025 merger (the numbers already issued keep them). An organisation gives its tax code:
10 digits, or 10 digits, a hyphen and 3 digits for a branch.
"""

from __future__ import annotations

from datetime import date

from app.domain.errors import DomainError, tr_noop

PROVINCE_CODES = frozenset((
    "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022",
    "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042",
    "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060", "062", "064", "066",
    "067", "068", "070", "072", "074", "075", "077", "079", "080", "082", "083", "084", "086", "087",
    "089", "091", "092", "093", "094", "095", "096",
))  # fmt: skip


def check_personal_id(text: str, born_on: date | None = None) -> str:
    """The 12-digit number, spaces removed; DomainError when it cannot be a real one (or does not
    match ``born_on``: the 4th to 6th digits encode the year of birth)."""
    number = "".join(str(text).split())
    if len(number) != 12 or not number.isascii() or not number.isdigit():
        raise DomainError(
            "applicant.bad_id", tr_noop("A personal identification number has exactly 12 digits; got “{value}”."),
            value=str(text)[:30],
        )  # fmt: skip
    if number[:3] not in PROVINCE_CODES:
        raise DomainError(
            "applicant.bad_id",
            tr_noop("“{value}” does not start with a province code (001–096) that issues identification numbers."),
            value=number,
        )
    century = 1900 + 100 * (int(number[3]) // 2)
    year = century + int(number[4:6])
    if born_on is not None and born_on.year != year:
        raise DomainError(
            "applicant.id_birth_year",
            tr_noop("Identification number {value} belongs to someone born in {year}, not in {born}."),
            value=number, year=year, born=born_on.year,
        )  # fmt: skip
    return number


def check_tax_code(text: str) -> str:
    """An organisation's tax code: 10 digits, or 10 digits-3 digits for a branch."""
    code = "".join(str(text).split())
    head, _, branch = code.partition("-")
    valid = len(head) == 10 and head.isascii() and head.isdigit()
    branch_valid = len(branch) == 3 and branch.isascii() and branch.isdigit()
    valid = valid and (branch_valid or (not branch and not code.endswith("-")))
    if not valid:
        raise DomainError(
            "applicant.bad_tax_code",
            tr_noop("A tax code has 10 digits, or 10 digits, a hyphen and 3 digits (“{value}”)."),
            value=str(text)[:30],
        )
    return code
