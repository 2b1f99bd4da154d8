"""The counter's pure rules: blocks of dossier numbers, applicant identifiers, catalogue entries and
the registration payload both sides check."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.applicant_ids import check_personal_id, check_tax_code
from app.domain.code_blocks import CodeBlock, grant, next_code
from app.domain.dossier_code import DossierCode
from app.domain.dossier_intake import Applicant, Registration, parse_registration, registration_payload
from app.domain.dossier_standing import Standing, due_soon_until, standing, working_days_left
from app.domain.errors import DomainError
from app.domain.procedures import DossierComponent, procedure_fields, procedure_from_fields
from app.domain.workflow import DossierState
from app.domain.working_calendar import VN_TZ, WorkingCalendar
from central.demo_data import shipped_procedures

UNIT = "000.00.57.H29"
DAY = date(2026, 11, 25)
_CALENDAR = WorkingCalendar()


def test_grants_never_overlap_on_a_shared_day_and_reuse_numbers_of_expired_blocks() -> None:
    granted: list[CodeBlock] = []
    for offset in (0, 0, 3, 10, 40):
        today = DAY + timedelta(days=offset)
        live = [block for block in granted if block.valid_to >= today]
        block = grant(live, today)
        assert not any(block.overlaps(other) for other in live)
        granted.append(block)
    assert [(b.first, b.last) for b in granted] == [(1, 100), (101, 200), (201, 300), (301, 400), (1, 100)]


@given(st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=30))
def test_any_sequence_of_grants_keeps_blocks_apart(offsets: list[int]) -> None:
    granted: list[CodeBlock] = []
    for offset in sorted(offsets):
        today = DAY + timedelta(days=offset)
        block = grant([b for b in granted if b.valid_to >= today], today)
        assert all(not block.overlaps(other) for other in granted if other.valid_to >= today)
        granted.append(block)


def test_a_desk_uses_its_numbers_in_order_skipping_used_ones_and_says_when_none_are_left() -> None:
    blocks = [CodeBlock(DAY, DAY + timedelta(days=30), 101, 200)]
    assert next_code(UNIT, DAY, blocks, {101, 102, 150}) == DossierCode(UNIT, DAY, 103)
    assert next_code(UNIT, DAY + timedelta(days=30), blocks, ()) == DossierCode(UNIT, DAY + timedelta(days=30), 101)
    with pytest.raises(DomainError):  # the block is over
        next_code(UNIT, DAY + timedelta(days=31), blocks, ())
    with pytest.raises(DomainError) as none_left:
        next_code(UNIT, DAY, blocks, set(range(101, 201)))
    assert none_left.value.code == "dossier_code.no_numbers"
    with pytest.raises(DomainError):
        grant([CodeBlock(DAY, DAY, 1, 9950)], DAY)


def test_personal_identification_numbers_and_tax_codes() -> None:
    assert check_personal_id(" 079 203 001 234 ") == "079203001234"
    assert check_personal_id("079203001234", date(2003, 5, 1)) == "079203001234"  # 2: born in the 2000s
    assert check_personal_id("001190012345", date(1990, 9, 2)) == "001190012345"
    for bad, code in (("07920300123", "applicant.bad_id"), ("003203001234", "applicant.bad_id"),
                      ("07920300123x", "applicant.bad_id")):  # fmt: skip
        with pytest.raises(DomainError) as refused:
            check_personal_id(bad)
        assert refused.value.code == code
    with pytest.raises(DomainError) as wrong_year:
        check_personal_id("079203001234", date(1990, 1, 1))
    assert wrong_year.value.params["year"] == 2003
    assert check_tax_code("0312345678") == "0312345678"
    assert check_tax_code("0312345678-001") == "0312345678-001"
    for bad in ("031234567", "0312345678-", "0312345678-01", "03123456789"):
        with pytest.raises(DomainError):
            check_tax_code(bad)


def test_the_shipped_catalogue_is_usable_and_round_trips() -> None:
    catalogue = shipped_procedures()
    assert len(catalogue) >= 30
    assert {p.field for p in catalogue.values()} >= {"Hộ tịch", "Cư trú", "Chứng thực", "Đất đai", "Bảo trợ xã hội"}
    for procedure in catalogue.values():
        assert procedure_from_fields(procedure_fields(procedure)) == procedure
    birth = catalogue["1.001193"]
    assert birth.effective_cutoff(time(15, 0)) == time(15, 0)
    assert catalogue["2.000815"].effective_cutoff(time(15, 0)) is None


@pytest.mark.parametrize(
    "change",
    [{"components": []}, {"fee": -1}, {"fee": 1.5}, {"cutoff": "19:00"}, {"supplement_clock": "later"},
     {"name": ""}, {"statutory_amount": 0}, {"components": [{"name": "x", "originals": 0, "copies": 0}]},
     {"has_cutoff": "yes"}],
)  # fmt: skip
def test_a_catalogue_entry_that_cannot_be_used_is_refused(change: dict) -> None:
    fields = {**procedure_fields(shipped_procedures()["1.001193"]), **change}
    with pytest.raises(DomainError):
        procedure_from_fields(fields)


def registration(**changes: object) -> dict:
    received = datetime(2026, 11, 25, 9, 30, tzinfo=VN_TZ)
    sent = Registration(
        desk_id="7c9e6679-7425-40de-944b-e07fc1f90ae7", code=DossierCode(UNIT, DAY, 7), procedure_code="1.001193",
        applicant=Applicant("Nguyễn Văn An", id_number="079203001234", email="an@example.vn"), channel="in_person",
        received_at=received, due_at=received + timedelta(days=1), cutoff="15:00",
        components=(DossierComponent("Tờ khai", 1, 0), DossierComponent("Giấy chứng sinh", 1, 1)),
    )  # fmt: skip
    return {**registration_payload(sent), **changes}


def test_a_registration_payload_is_read_back_as_sent() -> None:
    parsed = parse_registration(registration())
    assert parsed.code == DossierCode(UNIT, DAY, 7)
    assert parsed.components == (DossierComponent("Tờ khai", 1, 0), DossierComponent("Giấy chứng sinh", 1, 1))
    assert parsed.applicant.email == "an@example.vn"


@pytest.mark.parametrize(
    "changes",
    [{"code": f"{UNIT}-251124-0007"}, {"due_at": "2026-11-25T09:00:00+07:00"}, {"received_at": "2026-11-25T09:30"},
     {"channel": "fax"}, {"received_components": "[]"}, {"received_components": "{"}, {"applicant_name": 5},
     {"applicant_email": "not-an-address"}, {"cutoff": "9:99"}, {"applicant_kind": "organisation"}],
)  # fmt: skip
def test_a_bad_registration_is_refused(changes: dict) -> None:
    with pytest.raises(DomainError):
        parse_registration(registration(**changes))


def test_where_a_dossier_stands() -> None:
    calendar = WorkingCalendar()
    now = datetime(2026, 8, 28, 14, 0, tzinfo=VN_TZ)  # Fri; 31/08, 01/09 and 02/09 are days off
    until = due_soon_until(now, calendar)
    assert until == datetime(2026, 9, 3, 14, 0, tzinfo=VN_TZ)  # 3 h on Friday, 5 h on Thu 03/09
    running = int(DossierState.IN_PROGRESS)
    assert standing(running, until, None, now, until) is Standing.DUE_SOON
    assert standing(running, until + timedelta(minutes=1), None, now, until) is Standing.IN_TIME
    assert standing(running, now - timedelta(minutes=1), None, now, until) is Standing.OVERDUE
    late_but_waiting = int(DossierState.SUPPLEMENT_REQUESTED)
    assert standing(late_but_waiting, now - timedelta(days=3), None, now, until) is Standing.PAUSED
    assert standing(running, now - timedelta(days=3), now, now, until) is Standing.FINISHED
    assert working_days_left(now, until, calendar) == 1.0
    assert working_days_left(now, datetime(2026, 8, 28, 8, 30, tzinfo=VN_TZ), calendar) == -0.5


@given(st.integers(0, 400 * 24 * 4), st.integers(-400 * 24 * 4, 400 * 24 * 4))
def test_working_days_left_counts_as_the_calendar_walks(start: int, span: int) -> None:
    calendar = _CALENDAR
    now = datetime(2026, 1, 1, tzinfo=VN_TZ) + timedelta(minutes=15 * start)
    due = now + timedelta(minutes=15 * span)
    walked = calendar.working_time_between(now, due) / calendar.hours_per_day
    assert working_days_left(now, due, calendar) == pytest.approx(walked)
