"""Packets the clerk must return to their sender (Decree 30 Art. 21), on the desk before any upload."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.domain.edxml import read_packet
from app.domain.edxml_admission import PacketRefused, check_admissible
from app.edxml_import import open_packet
from tests.unit.test_edxml import _CODE, _DOC_ID, _SUBJECT, _TO, _TYPE, document

TODAY = date(2026, 11, 25)
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "edxml"


def _packet(sender: str, promulgation: str = "2024/03/05") -> bytes:
    dated = f"<PromulgationInfo><PromulgationDate>{promulgation}</PromulgationDate></PromulgationInfo>"
    return document(sender + _TO + _DOC_ID + _CODE + dated + _TYPE + _SUBJECT)


def _refusal(data: bytes) -> PacketRefused:
    with pytest.raises(PacketRefused) as info:
        check_admissible(read_packet(data), TODAY)
    assert info.value.english() and info.value.vietnamese() != info.value.english()
    return info.value


NAMED = "<From><OrganId>000.00.00.H29</OrganId><OrganName>UBND TP.HCM</OrganName></From>"


@pytest.mark.parametrize(
    "sender",
    ["", "<From><OrganName>UBND TP.HCM</OrganName></From>", "<From><OrganId>  </OrganId></From>"],
    ids=["no-from", "no-id", "blank-id"],
)
def test_a_packet_without_a_sender_code_is_refused(sender: str) -> None:
    assert _refusal(_packet(sender)).code == "edxml.no_sender"


@pytest.mark.parametrize("organ_id", ["UBND phường!", "000.00.00.H29" + ".1" * 20, "Sở Nội vụ"])
def test_a_packet_whose_sender_code_is_malformed_is_refused(organ_id: str) -> None:
    refusal = _refusal(_packet(f"<From><OrganId>{organ_id}</OrganId><OrganName>X</OrganName></From>"))
    assert refusal.code == "edxml.bad_sender"
    assert "Mã định danh" in refusal.vietnamese()


def test_a_sender_with_a_code_but_no_name_is_filed_with_a_warning() -> None:
    packet = read_packet(_packet("<From><OrganId>000.00.00.H29</OrganId></From>"))
    check_admissible(packet, TODAY)
    assert [p.params.get("field") for p in packet.problems] == ["From/OrganName"]


@pytest.mark.parametrize(
    ("issued", "code"),
    [("2026/11/27", "edxml.issued_in_future"), ("2099/01/01", "edxml.issued_in_future"),
     ("1944/12/31", "edxml.issued_too_early"), ("0001/01/01", "edxml.issued_too_early")],
)  # fmt: skip
def test_impossible_promulgation_dates_are_refused(issued: str, code: str) -> None:
    assert _refusal(_packet(NAMED, issued)).code == code


@pytest.mark.parametrize("issued", ["2026/11/26", "2026/11/25", "1945/09/02"])
def test_dates_within_the_allowance_are_filed(issued: str) -> None:
    check_admissible(read_packet(_packet(NAMED, issued)), TODAY)


def test_the_real_sample_packets_are_admissible() -> None:
    for name in ("edoc_new.edxml", "status_acceptance_03.edxml", "status_finish_06.edxml"):
        check_admissible(read_packet((SAMPLES / name).read_bytes()), TODAY)


def test_the_desk_refuses_the_file_before_uploading_it(tmp_path: Path) -> None:
    path = tmp_path / "no-sender.edxml"
    path.write_bytes(_packet(""))
    with pytest.raises(PacketRefused) as info:
        open_packet(path, TODAY)
    assert info.value.code == "edxml.no_sender"
    path.write_bytes(_packet(NAMED))
    assert open_packet(path, TODAY).packet.sender.organ_id == "000.00.00.H29"
