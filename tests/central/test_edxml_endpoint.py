"""POST /v1/edxml over real HTTP: documents become incoming items, statuses trail entries, bad input changes nothing."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from central import api as central_api
from central import edxml_ingest
from central.change_feed import record_change
from central.models import Attachment, ChangeLog, Document
from tests.central.conftest import WARD_A, WARD_B, ApiClient, Central
from tests.conftest import DEMO_NOW

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "edxml"
SAMPLE_TO = b"<edXML:OrganId>28.22.H17</edXML:OrganId>"
OLD_CODE_A = "000.01.01.H00"  # former Bình Dương unit, succeeded by WARD_A from 2025-07-01
NO_SUCH_UNIT = "000.00.99.H29"  # well-formed, but no unit of this system
SAMPLE_DOCUMENT_ID = "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"
SAMPLE_SUBJECT = "V/v kết nối, liên thông phần mềm quản lý văn bản"
XML = {"Content-Type": "application/xml"}


# ---------------------------------------------------------------- helpers


def _sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def _document_to(*organ_ids: str, priority: int | None = None) -> bytes:
    """The sample document packet addressed to ``organ_ids`` (one <To> each) instead of 28.22.H17."""
    data = _sample("edoc_new.edxml")
    assert data.count(SAMPLE_TO) == 1
    start = data.index(b"<edXML:To>")
    end = data.index(b"</edXML:To>", start) + len(b"</edXML:To>")
    template = data[start:end]
    blocks = b"\n        ".join(template.replace(b"28.22.H17", code.encode()) for code in organ_ids)
    data = data[:start] + blocks + data[end:]
    if priority is not None:
        old = b"<edXML:Priority>0</edXML:Priority>"
        assert data.count(old) == 1
        data = data.replace(old, f"<edXML:Priority>{priority}</edXML:Priority>".encode())
    return data


def _sample_attachment_sha256() -> tuple[str, int]:
    """Decoded independently of the service's reader: the base64 text between the tags, stdlib only."""
    match = re.search(rb"<edXML:ContentTransferEncoded[^>]*>([^<]+)</edXML:ContentTransferEncoded>",
                      _sample("edoc_new.edxml"))  # fmt: skip
    assert match is not None
    content = base64.b64decode(b"".join(match.group(1).split()), validate=True)
    assert content[:2] == b"PK"  # the sample's attachment is a zip
    return hashlib.sha256(content).hexdigest(), len(content)


def _post(client: ApiClient, data: Any, **headers: str) -> requests.Response:
    return client.post("/v1/edxml", data=data, headers=XML | headers)


def _counts(central: Central) -> dict[str, int]:
    with central.service.sessions() as session:
        return {
            "documents": session.scalar(select(func.count()).select_from(Document)) or 0,
            "attachments": session.scalar(select(func.count()).select_from(Attachment)) or 0,
            "change_log": session.scalar(select(func.count()).select_from(ChangeLog)) or 0,
        }


def _documents_with_edxml_id(central: Central, edxml_id: str = SAMPLE_DOCUMENT_ID) -> list[tuple[int, str, str]]:
    with central.service.sessions() as session:
        rows = session.execute(
            select(Document.id, Document.unit_code, Document.direction)
            .where(Document.edxml_document_id == edxml_id)
            .order_by(Document.id)
        )
        return [tuple(row) for row in rows]


def _changes_since(client: ApiClient, cursor: str) -> list[dict[str, Any]]:
    response = client.get("/v1/changes", params={"cursor": cursor, "limit": 500})
    assert response.status_code == 200, response.text
    page = response.json()
    assert page["has_more"] is False
    return page["changes"]


def _synced(client: ApiClient) -> str:
    """Pull the whole snapshot, as a client does at first sign-in; returns the cursor to follow the log."""
    _, cursor = client.all_changes(limit=500)
    return cursor


def _find(changes: list[dict[str, Any]], kind: str, item_id: str) -> dict[str, Any] | None:
    found = [c for c in changes if c["kind"] == kind and c["id"] == item_id]
    assert len(found) <= 1
    return found[0] if found else None


def _add_outgoing(central: Central, unit: str, edxml_id: str = SAMPLE_DOCUMENT_ID) -> int:
    """An outgoing document already sent through the axis, inserted as the service would."""
    with central.service.sessions.begin() as session:
        document = Document(
            unit_code=unit, direction="outgoing", number="7816", notation="VPCP-TTĐT", doc_type="CV",
            issuing_agency_code=unit, issuing_agency_name="Ủy ban nhân dân phường", issued_on=date(2015, 9, 30),
            subject="Kết nối liên thông văn bản", state="sent", recipients=["UBND Tỉnh Nghệ An"],
            trail=[{"at": DEMO_NOW.isoformat(), "by": "Nguyễn Thị Thu", "action": "send", "state": "sent"}],
            edxml_document_id=edxml_id, updated_at=DEMO_NOW,
        )  # fmt: skip
        session.add(document)
        session.flush()
        record_change(session, unit, "document", document)
        return document.id


def _document_row(central: Central, document_id: int) -> tuple[int, list[dict[str, Any]]]:
    with central.service.sessions() as session:
        document = session.get_one(Document, document_id)
        return document.version, list(document.trail)


def _assert_refused(response: requests.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code
    assert body["message"]["en"] and body["message"]["vi"]
    return body


# ---------------------------------------------------------------- document packets


def test_packet_to_a_former_provinces_code_reaches_the_successor_ward(
    central: Central, axis: ApiClient, thu: ApiClient, lan: ApiClient
) -> None:
    cursor_a, cursor_b = _synced(thu), _synced(lan)
    before = _counts(central)

    response = _post(axis, _document_to(OLD_CODE_A))

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["packet"] == "document"
    assert len(body["documents"]) == 1
    result = body["documents"][0]
    assert result["unit_code"] == WARD_A
    assert result["duplicate"] is False
    assert {p["code"] for p in body["problems"]} >= {"edxml.odd_code_number", "edxml.document_id_code_mismatch"}
    assert _counts(central) == {"documents": before["documents"] + 1, "attachments": before["attachments"] + 1,
                                "change_log": before["change_log"] + 2}  # fmt: skip
    assert _documents_with_edxml_id(central) == [(int(result["id"]), WARD_A, "incoming")]

    # Ward A's official sees it when following the log, with its attachment.
    changes = _changes_since(thu, cursor_a)
    change = _find(changes, "document", result["id"])
    assert change is not None and change["op"] == "upsert" and change["version"] == 1
    item = change["item"]
    assert item["unit_code"] == WARD_A
    assert item["direction"] == "incoming"
    assert item["state"] == "received"
    assert item["subject"] == SAMPLE_SUBJECT
    assert item["number"] == "74fass22"
    assert item["notation"] == "VPCP-TTĐT"
    assert item["urgency"] == "normal"  # Priority 0
    assert item["issuing_agency_code"] == "000.00.00.A80"
    assert item["issuing_agency_name"] == "UBND xã Hòa Tiến - UBND huyện Hòa Vang - Thành phố Đà Nẵng"
    assert item["issued_on"] == "2019-01-16"
    assert item["due_on"] == "2018-09-28"
    assert item["signer_name"] == "Nguyen Thanh Phuc"
    assert item["edxml_document_id"] == SAMPLE_DOCUMENT_ID
    assert [entry["action"] for entry in item["trail"]] == ["edxml_received"]
    attachments = [c for c in changes if c["kind"] == "attachment"]
    assert len(attachments) == 1
    attachment = attachments[0]["item"]
    sha256, size = _sample_attachment_sha256()
    assert attachment["item_kind"] == "document" and attachment["item_id"] == int(result["id"])
    assert attachment["unit_code"] == WARD_A
    assert attachment["file_name"] == "1896_QD-TTg_m_294779.doc"
    assert attachment["content_type"] == "application/zip"
    assert (attachment["sha256"], attachment["size"]) == (sha256, size)
    assert "content" not in attachment

    # A fresh snapshot (a newly installed client) shows the same.
    snapshot, _ = thu.all_changes(limit=500)
    assert _find(snapshot, "document", result["id"])["item"]["subject"] == SAMPLE_SUBJECT
    assert _find(snapshot, "attachment", attachments[0]["id"]) is not None

    download = thu.get(f"/v1/attachments/{attachments[0]['id']}")
    assert download.status_code == 200
    assert hashlib.sha256(download.content).hexdigest() == sha256
    assert download.headers["X-Content-SHA256"] == sha256

    # Ward B sees neither the document nor the attachment.
    assert _changes_since(lan, cursor_b) == []
    snapshot_b, _ = lan.all_changes(limit=500)
    assert _find(snapshot_b, "document", result["id"]) is None
    assert [c for c in snapshot_b if c["kind"] == "attachment"] == []
    refused = lan.get(f"/v1/attachments/{attachments[0]['id']}")
    _assert_refused(refused, 404, "not_found")


def test_the_same_packet_twice_is_one_document(central: Central, axis: ApiClient, thu: ApiClient) -> None:
    first = _post(axis, _document_to(OLD_CODE_A))
    assert first.status_code == 200, first.text
    first_id = first.json()["documents"][0]["id"]
    cursor = _synced(thu)
    before = _counts(central)

    again = _post(axis, _document_to(OLD_CODE_A))
    # The same document addressed by the new code is the same document too.
    by_new_code = _post(axis, _document_to(WARD_A))

    for response in (again, by_new_code):
        assert response.status_code == 200, response.text
        assert response.json()["documents"] == [{"unit_code": WARD_A, "id": first_id, "duplicate": True}]
    assert _counts(central) == before
    assert _documents_with_edxml_id(central) == [(int(first_id), WARD_A, "incoming")]
    assert _changes_since(thu, cursor) == []


def test_packet_to_the_new_code_works_the_same(central: Central, axis: ApiClient, thu: ApiClient) -> None:
    cursor = _synced(thu)

    response = _post(axis, _document_to(WARD_A, priority=2))

    assert response.status_code == 200, response.text
    result = response.json()["documents"]
    assert [(r["unit_code"], r["duplicate"]) for r in result] == [(WARD_A, False)]
    change = _find(_changes_since(thu, cursor), "document", result[0]["id"])
    assert change is not None
    assert change["item"]["state"] == "received"
    assert change["item"]["subject"] == SAMPLE_SUBJECT
    assert change["item"]["notation"] == "VPCP-TTĐT"
    assert change["item"]["urgency"] == "very_urgent"  # Priority 2


@pytest.mark.parametrize("organ_id", ["28.22.H17", NO_SUCH_UNIT, "not a code"])
def test_packet_to_no_unit_of_this_system_is_refused(central: Central, axis: ApiClient, organ_id: str) -> None:
    before = _counts(central)

    response = _post(axis, _document_to(organ_id))

    _assert_refused(response, 422, "edxml.no_recipient")
    assert _counts(central) == before
    assert _documents_with_edxml_id(central) == []


def test_axis_packet_to_two_wards_gives_each_its_own_copy(central: Central, axis: ApiClient) -> None:
    response = _post(axis, _document_to(OLD_CODE_A, WARD_B, WARD_A, NO_SUCH_UNIT))

    assert response.status_code == 200, response.text
    results = response.json()["documents"]
    assert [(r["unit_code"], r["duplicate"]) for r in results] == [(WARD_A, False), (WARD_B, False)]
    rows = _documents_with_edxml_id(central)
    assert sorted((str(i), unit) for i, unit, _ in rows) == sorted((r["id"], r["unit_code"]) for r in results)
    with central.service.sessions() as session:
        owners = session.execute(select(Attachment.unit_code, Attachment.item_id).order_by(Attachment.unit_code))
        assert sorted(tuple(row) for row in owners) == sorted((r["unit_code"], int(r["id"])) for r in results)


def test_an_official_may_import_a_packet_for_their_own_unit(central: Central, thu: ApiClient) -> None:
    response = _post(thu, _document_to(OLD_CODE_A))

    assert response.status_code == 200, response.text
    assert [(r["unit_code"], r["duplicate"]) for r in response.json()["documents"]] == [(WARD_A, False)]
    assert [(unit, direction) for _, unit, direction in _documents_with_edxml_id(central)] == [(WARD_A, "incoming")]


def test_an_official_cannot_import_into_another_ward(central: Central, thu: ApiClient, lan: ApiClient) -> None:
    cursor_b = _synced(lan)
    before = _counts(central)

    response = _post(thu, _document_to(WARD_B))

    _assert_refused(response, 422, "edxml.no_recipient")
    assert _counts(central) == before
    assert _documents_with_edxml_id(central) == []
    assert _changes_since(lan, cursor_b) == []

    # Addressed to both wards, only the official's own ward gets it.
    both = _post(thu, _document_to(WARD_B, WARD_A))
    assert both.status_code == 200, both.text
    assert [r["unit_code"] for r in both.json()["documents"]] == [WARD_A]
    assert [unit for _, unit, _ in _documents_with_edxml_id(central)] == [WARD_A]
    assert _changes_since(lan, cursor_b) == []


def test_an_incoming_copy_is_not_mistaken_for_the_units_own_outgoing_document(
    central: Central, axis: ApiClient
) -> None:
    outgoing = _add_outgoing(central, WARD_A)
    before = _counts(central)

    response = _post(axis, _document_to(WARD_A))

    assert response.status_code == 200, response.text
    [result] = response.json()["documents"]
    assert result["duplicate"] is False
    assert result["id"] != str(outgoing)
    assert _counts(central)["documents"] == before["documents"] + 1
    assert _documents_with_edxml_id(central) == [
        (outgoing, WARD_A, "outgoing"),
        (int(result["id"]), WARD_A, "incoming"),
    ]


# ---------------------------------------------------------------- status packets


def test_status_packets_move_the_recipients_row_and_append_to_the_trail(
    central: Central, axis: ApiClient, thu: ApiClient
) -> None:
    outgoing = _add_outgoing(central, WARD_A)
    cursor = _synced(thu)
    version, trail = _document_row(central, outgoing)
    assert version == 1 and len(trail) == 1

    expected = {"unit_code": WARD_A, "id": str(outgoing), "duplicate": False}
    accepted = _post(axis, _sample("status_acceptance_03.edxml"))
    assert accepted.status_code == 200, accepted.text
    assert accepted.json() == {"packet": "status", "kind": None, "documents": [expected], "problems": []}
    assert _document_row(central, outgoing)[0] == 2

    finished = _post(axis, _sample("status_finish_06.edxml"))
    assert finished.status_code == 200, finished.text
    assert finished.json() == {"packet": "status", "kind": None, "documents": [expected], "problems": []}

    change = _find(_changes_since(thu, cursor), "document", str(outgoing))
    assert change is not None
    assert change["version"] == 3
    item = change["item"]
    assert item["version"] == 3
    assert item["state"] == "sent"  # the document stays sent; each recipient's row moves
    assert item["deliveries"] == [{"organ_id": "000.00.00.H41", "name": "UBND Tỉnh Nghệ An", "status": "06",
                                   "at": "2015-09-20T11:08:36+07:00", "note": added_note(item)}]  # fmt: skip
    assert item["trail"][0]["action"] == "send"
    added = item["trail"][1:]
    assert [(e["action"], e["status"]) for e in added] == [("edxml_status", "03"), ("edxml_status", "06")]
    assert added[0]["by"] == "UBND Tỉnh Nghệ An"
    assert added[0]["at"] == "2015-09-20T11:08:36+07:00"
    assert added[0]["note"].startswith("Văn thư cơ - Phòng Văn thư - Lưu trữ: Tiếp nhận văn bản điện tử")
    assert added[1]["note"] == "Văn thư: Ban hành văn bản đến, hoàn thành xử lý"
    assert _document_row(central, outgoing) == (3, item["trail"])


def added_note(item: dict[str, Any]) -> str:
    return str(item["trail"][-1]["note"])


def test_a_status_packet_delivered_twice_is_recorded_once(central: Central, axis: ApiClient) -> None:
    outgoing = _add_outgoing(central, WARD_A)
    first = _post(axis, _sample("status_acceptance_03.edxml"))
    again = _post(axis, _sample("status_acceptance_03.edxml"))
    assert [r.json()["documents"][0]["duplicate"] for r in (first, again)] == [False, True]
    version, trail = _document_row(central, outgoing)
    assert version == 2
    assert [e.get("status") for e in trail].count("03") == 1


def test_the_same_packet_posted_at_once_makes_one_document(central: Central, axis: ApiClient) -> None:
    from concurrent.futures import ThreadPoolExecutor

    packet = _document_to(OLD_CODE_A)
    with ThreadPoolExecutor(4) as pool:
        responses = list(pool.map(lambda _: _post(axis, packet), range(4)))
    assert [r.status_code for r in responses] == [200] * 4
    ids = {r.json()["documents"][0]["id"] for r in responses}
    assert len(ids) == 1
    assert sorted(r.json()["documents"][0]["duplicate"] for r in responses) == [False, True, True, True]


def test_status_touches_only_outgoing_documents(central: Central, axis: ApiClient) -> None:
    incoming = _post(axis, _document_to(WARD_A))
    assert incoming.status_code == 200, incoming.text
    incoming_id = int(incoming.json()["documents"][0]["id"])
    before = _counts(central)

    response = _post(axis, _sample("status_acceptance_03.edxml"))

    _assert_refused(response, 404, "edxml.unknown_document")
    assert _counts(central) == before
    assert _document_row(central, incoming_id)[0] == 1


def test_status_for_an_unknown_document_is_404(central: Central, axis: ApiClient) -> None:
    outgoing = _add_outgoing(central, WARD_A)
    before = _counts(central)
    packet = _sample("status_acceptance_03.edxml").replace(
        b"<edXML:DocumentId>000.00.00.G22,2015/09/30,7816/", b"<edXML:DocumentId>000.00.00.G22,2015/09/30,9999/"
    )
    assert packet != _sample("status_acceptance_03.edxml")

    response = _post(axis, packet)

    _assert_refused(response, 404, "edxml.unknown_document")
    assert _counts(central) == before
    assert _document_row(central, outgoing)[0] == 1


def test_another_wards_official_cannot_touch_the_document(central: Central, lan: ApiClient, thu: ApiClient) -> None:
    outgoing = _add_outgoing(central, WARD_A)
    cursor = _synced(thu)
    before_row = _document_row(central, outgoing)
    before = _counts(central)

    response = _post(lan, _sample("status_acceptance_03.edxml"))

    body = _assert_refused(response, 404, "edxml.unknown_document")
    assert str(outgoing) not in response.text and WARD_A not in response.text
    assert set(body) == {"code", "message"}
    assert _counts(central) == before
    assert _document_row(central, outgoing) == before_row
    assert _changes_since(thu, cursor) == []

    # The ward's own official may record it (a status file brought in by hand).
    own = _post(thu, _sample("status_acceptance_03.edxml"))
    assert own.status_code == 200, own.text
    assert own.json()["documents"] == [{"unit_code": WARD_A, "id": str(outgoing), "duplicate": False}]
    assert _document_row(central, outgoing)[0] == 2


# ---------------------------------------------------------------- refused packets

BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE edXML [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader><MessageHeader>
<To><OrganId>000.00.57.H29</OrganId></To><DocumentId>x,2025/01/01,1/X</DocumentId>
<Subject>&lol9;</Subject></MessageHeader></edXMLHeader></edXMLEnvelope></edXML>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE edXML [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader><MessageHeader>
<To><OrganId>000.00.57.H29</OrganId></To><DocumentId>x,2025/01/01,1/X</DocumentId>
<Subject>&xxe;</Subject></MessageHeader></edXMLHeader></edXMLEnvelope></edXML>
"""

DEEP = b"<edXML>" + b"<a>" * 200 + b"</a>" * 200 + b"</edXML>"

REFUSED = [
    pytest.param(BILLION_LAUGHS, "edxml.dtd_forbidden", id="billion-laughs"),
    pytest.param(EXTERNAL_ENTITY, "edxml.dtd_forbidden", id="external-entity"),
    pytest.param(b"this is not XML at all <<<", "edxml.not_xml", id="not-xml"),
    pytest.param(b"<edXML><unclosed></edXML>", "edxml.not_xml", id="broken-xml"),
    pytest.param(b"", "edxml.empty", id="empty"),
    pytest.param(b"   \n\t ", "edxml.empty", id="blank"),
    pytest.param(b"<html><body><p>Xin ch\xc3\xa0o</p></body></html>", "edxml.not_edxml", id="not-edxml"),
    pytest.param(
        b'<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"/>', "edxml.no_message_header", id="no-header"
    ),
    pytest.param(b'<?xml version="1.0" encoding="ISO-8859-1"?><edXML/>', "edxml.unsupported_encoding", id="latin1"),
    pytest.param(b"<edXML>\xff\xfe</edXML>", "edxml.invalid_encoding", id="bad-utf8"),
    pytest.param(DEEP, "edxml.too_deep", id="too-deep"),
]


@pytest.mark.parametrize(("data", "code"), REFUSED)
def test_hostile_or_malformed_packets_are_refused(central: Central, axis: ApiClient, data: bytes, code: str) -> None:
    before = _counts(central)

    response = _post(axis, data)

    body = _assert_refused(response, 422, code)
    assert "root:" not in response.text  # nothing of /etc/passwd comes back
    assert len(response.content) < 2000
    assert set(body) == {"code", "message"}
    assert _counts(central) == before


def test_status_packet_with_an_unknown_status_code_is_refused(central: Central, axis: ApiClient) -> None:
    _add_outgoing(central, WARD_A)
    before = _counts(central)
    packet = _sample("status_acceptance_03.edxml").replace(b"<edXML:StatusCode>03<", b"<edXML:StatusCode>99<")

    _assert_refused(_post(axis, packet), 422, "edxml.unknown_status")
    assert _counts(central) == before


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """The middleware and the body reader look central.api.MAX_EDXML_BYTES up at request time."""
    limit = 4096
    monkeypatch.setattr(central_api, "MAX_EDXML_BYTES", limit)
    monkeypatch.setattr(edxml_ingest, "MAX_EDXML_BYTES", limit)
    yield limit


def test_a_body_over_the_limit_is_refused_by_its_length(central: Central, axis: ApiClient, small_limit: int) -> None:
    before = _counts(central)
    data = _document_to(WARD_A)
    assert len(data) > small_limit

    response = _post(axis, data)

    _assert_refused(response, 413, "too_large")
    assert _counts(central) == before


def test_a_chunked_body_over_the_limit_is_refused_while_read(
    central: Central, axis: ApiClient, small_limit: int
) -> None:
    before = _counts(central)
    data = _document_to(WARD_A)[: small_limit * 2]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the middleware cannot tell in advance
        for start in range(0, len(data), 1024):
            yield data[start : start + 1024]

    response = _post(axis, chunks())

    assert "Content-Length" not in response.request.headers
    _assert_refused(response, 413, "too_large")
    assert _counts(central) == before


def test_a_body_at_the_limit_is_read(central: Central, axis: ApiClient, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _document_to(WARD_A)
    monkeypatch.setattr(central_api, "MAX_EDXML_BYTES", len(data))
    monkeypatch.setattr(edxml_ingest, "MAX_EDXML_BYTES", len(data))

    response = _post(axis, data)

    assert response.status_code == 200, response.text
    assert response.json()["documents"][0]["unit_code"] == WARD_A


def test_the_packet_reader_keeps_its_own_limit(
    central: Central, axis: ApiClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _counts(central)
    monkeypatch.setattr(edxml_ingest, "MAX_EDXML_BYTES", 4096)

    _assert_refused(_post(axis, _document_to(WARD_A)), 422, "edxml.too_large")
    assert _counts(central) == before


@pytest.mark.parametrize(
    ("headers", "code"),
    [({}, "missing_token"), ({"Authorization": "Bearer not-a-token"}, "invalid_token")],
    ids=["no-token", "bad-token"],
)
def test_a_packet_without_a_valid_token_is_refused(central: Central, headers: dict[str, str], code: str) -> None:
    before = _counts(central)

    response = requests.post(f"{central.url}/v1/edxml", data=_document_to(WARD_A), headers=XML | headers, timeout=30)

    _assert_refused(response, 401, code)
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert _counts(central) == before
