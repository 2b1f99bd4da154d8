"""The life of a document on the axis, over real HTTP: every packet kind, every status, the answers.

Packets are written with the project's writer and checked with the independent reader in
``tests/edxml_reference.py`` where they leave the service; WARD_A and WARD_B are both hosted, so a
packet between them is delivered within the transaction of the action that wrote it.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from app.domain.edxml_document_writer import document_id, trace_entry, write_document_packet
from app.domain.edxml_packets import (
    RECEIVER_REMOVED,
    Attachment,
    DocumentPacket,
    EdxmlStatus,
    Organ,
    ReceiverChange,
    Replacement,
    Signer,
    StaffInfo,
)
from app.domain.edxml_status_writer import write_status_packet
from central.change_feed import record_change
from central.models import Attachment as StoredAttachment
from central.models import AxisPacket, Document, RegisterCounter
from central.seed import add_account
from local_db.models import Official
from tests import edxml_reference
from tests.central.conftest import PASSWORD_A, PASSWORD_B, WARD_A, WARD_B, ApiClient, Central, mutation
from tests.central.test_sync_engine import open_desk
from tests.conftest import DEMO_NOW

FOREIGN = "000.00.00.G22"  # Văn phòng Chính phủ: not hosted here, its answers wait for the axis
XML = {"Content-Type": "application/xml"}


# ---------------------------------------------------------------- helpers


def packet(number: int, *, sender: str = FOREIGN, to: str = WARD_A, **changes: Any) -> DocumentPacket:
    """A document packet numbered ``number``/QĐ-UBND of 20/06/2025, from ``sender`` to ``to``."""
    issued = date(2025, 6, 20)
    base = DocumentPacket(
        sender=Organ(sender, f"Cơ quan {sender}"), recipients=(Organ(to, f"Đơn vị {to}"),),
        document_id=document_id(sender, issued, f"{number}/QĐ-UBND"), code_number=str(number),
        code_notation="QĐ-UBND", place="Thành phố Hồ Chí Minh", promulgation_date=issued, type_code="3",
        type_name="Quyết định", subject=f"Quyết định số {number} về việc điều chỉnh", content="",
        signer=Signer("KT. CHỦ TỊCH", "Phó Chủ tịch", "Lê Văn Đức"), due_date=None, priority=0,
        steering_type="", to_places=(), responds_to=(), trace=(), business_doc_type=0,
        business_document_id="", attachments=(Attachment("qd.pdf", "application/pdf", "", "cid:1", b"%PDF-1"),),
        has_signature=False, problems=(),
    )  # fmt: skip
    return replace(base, **changes)


def post(client: ApiClient, data: bytes) -> dict[str, Any]:
    response = client.post("/v1/edxml", data=data, headers=XML)
    assert response.status_code == 200, response.text
    return response.json()


def row(central: Central, edxml_id: str, unit: str = WARD_A, direction: str = "incoming") -> Document | None:
    with central.service.sessions() as session:
        return session.scalar(
            select(Document).where(
                Document.unit_code == unit, Document.direction == direction, Document.edxml_document_id == edxml_id
            )
        )


def act(client: ApiClient, document: Document, action: str, **payload: Any) -> dict[str, Any]:
    (result,) = client.mutate(mutation("document", str(document.id), action, document.version, **payload))
    assert result["status"] == "applied", result
    return result["item"]


def outgoing_original(central: Central, unit: str, number: int, recipients: tuple[str, ...]) -> DocumentPacket:
    """``unit``'s outgoing document already sent to ``recipients``, and the packet it went out as."""
    sent = packet(number, sender=unit, to=recipients[0], recipients=tuple(Organ(r, f"Đơn vị {r}") for r in recipients))
    with central.service.sessions.begin() as session:
        document = Document(
            unit_code=unit, direction="outgoing", number=str(number), notation="QĐ-UBND", doc_type="QĐ",
            issuing_agency_code=unit, issuing_agency_name="Ủy ban nhân dân phường", issued_on=sent.promulgation_date,
            subject=sent.subject, state="sent", recipients=[f"Đơn vị {r}" for r in recipients], trail=[],
            edxml_document_id=sent.document_id, updated_at=DEMO_NOW,
            deliveries=[{"organ_id": r, "name": f"Đơn vị {r}", "status": "pending", "at": None, "note": ""}
                        for r in recipients],
        )  # fmt: skip
        session.add(document)
        session.flush()
        record_change(session, unit, "document", document)
    return sent


def statuses(central: Central, edxml_id: str, unit: str) -> dict[str, str]:
    document = row(central, edxml_id, unit, "outgoing")
    assert document is not None
    return {d["organ_id"]: d["status"] for d in document.deliveries}


def queued_for_axis(central: Central, organ_id: str) -> list[dict[str, Any]]:
    """What waits for the national axis, read back with the independent reader."""
    with central.service.sessions() as session:
        rows = session.scalars(
            select(AxisPacket).where(AxisPacket.to_organ_id == organ_id).order_by(AxisPacket.id)
        ).all()
        assert all(not r.local and r.refusal is None for r in rows)
        return [edxml_reference.parse(r.data) for r in rows]


# ---------------------------------------------------------------- answers from the queue


def test_each_action_answers_the_issuer_hosted_here(central: Central, axis: ApiClient, thu: ApiClient) -> None:
    central.clock.advance(timedelta(microseconds=123456))  # a real clock's time: answers are to the second
    sent = outgoing_original(central, WARD_B, 41, (WARD_A,))
    post(axis, write_document_packet(sent))
    assert statuses(central, sent.document_id, WARD_B) == {WARD_A: "01"}  # arrived, answered at once

    document = row(central, sent.document_id)
    assert document is not None and document.state == "received"
    for action, payload, code in (
        ("register", {}, "03"),
        ("assign", {"assignee": "Trần Văn Bình"}, "04"),
        ("start", {}, "05"),
        ("mark_done", {}, "06"),
    ):
        item = act(thu, document, action, **payload)
        assert statuses(central, sent.document_id, WARD_B) == {WARD_A: code}, action
        document = row(central, sent.document_id)
        assert document is not None and document.version == item["version"]
    original = row(central, sent.document_id, WARD_B, "outgoing")
    assert original is not None
    assert [e["status"] for e in original.trail] == ["01", "03", "04", "05", "06"]
    assert original.deliveries[0]["note"] == "Đã hoàn thành xử lý"
    assert original.state == "sent"


def test_a_refusal_answers_02_with_its_reason(central: Central, axis: ApiClient, thu: ApiClient) -> None:
    sent = outgoing_original(central, WARD_B, 42, (WARD_A,))
    post(axis, write_document_packet(sent))
    document = row(central, sent.document_id)
    assert document is not None
    act(thu, document, "refuse", reason="Gửi nhầm đơn vị")
    original = row(central, sent.document_id, WARD_B, "outgoing")
    assert original is not None
    assert original.deliveries[0]["status"] == "02"
    assert original.deliveries[0]["note"] == "Từ chối tiếp nhận: Gửi nhầm đơn vị"


def test_answers_to_an_agency_not_hosted_here_wait_for_the_axis(
    central: Central, axis: ApiClient, thu: ApiClient
) -> None:
    incoming = packet(43)
    post(axis, write_document_packet(incoming))
    document = row(central, incoming.document_id)
    assert document is not None
    act(thu, document, "register")
    queued = queued_for_axis(central, FOREIGN)
    assert [(p["kind"], p["status_code"], p["response_for_document_id"]) for p in queued] == [
        ("status", "01", incoming.document_id),
        ("status", "03", incoming.document_id),
    ]
    assert queued[1]["from"]["organ_id"] == WARD_A
    assert queued[1]["staff"]["name"] == "Nguyễn Thị Thu"


def test_a_document_typed_in_by_hand_answers_nobody(central: Central, thu: ApiClient) -> None:
    with central.service.sessions() as session:
        document = session.scalars(
            select(Document).where(Document.unit_code == WARD_A, Document.state == "received")
        ).first()
        assert document is not None and document.edxml_document_id is None
    act(thu, document, "register")
    with central.service.sessions() as session:
        assert session.scalars(select(AxisPacket)).all() == []


# ---------------------------------------------------------------- packet kinds


def test_a_revocation_before_its_document_waits_and_the_document_arrives_withdrawn(
    central: Central, axis: ApiClient
) -> None:
    original = packet(51)
    reason = "Ban hành sai thẩm quyền"
    revocation = write_document_packet(replace(original, business_doc_type=1, business_reason=reason))

    first = post(axis, revocation)
    assert first["kind"] == "revoke"
    assert first["documents"] == [{"unit_code": WARD_A, "id": None, "duplicate": False, "pending": True}]
    assert row(central, original.document_id) is None  # never a live document
    assert post(axis, revocation)["documents"][0]["duplicate"] is True

    arrived = post(axis, write_document_packet(original))
    document = row(central, original.document_id)
    assert document is not None and arrived["documents"][0]["id"] == str(document.id)
    assert document.state == "withdrawn"
    assert [e["action"] for e in document.trail] == ["edxml_received", "edxml_revoked"]
    assert document.trail[1]["reason"] == reason
    assert post(axis, write_document_packet(original))["documents"][0]["duplicate"] is True
    assert post(axis, revocation)["documents"][0]["duplicate"] is True
    resent = replace(
        original,
        business_doc_type=1,
        business_reason=reason,
        trace=(trace_entry(FOREIGN, datetime(2025, 6, 22, 8, 0)),),
    )  # other bytes, the same act
    assert post(axis, write_document_packet(resent))["documents"][0]["duplicate"] is True
    document_again = row(central, original.document_id)
    assert document_again is not None and document_again.version == document.version


def test_a_revoked_document_leaves_the_queue(central: Central, axis: ApiClient, thu: ApiClient) -> None:
    original = packet(52)
    post(axis, write_document_packet(original))
    document = row(central, original.document_id)
    assert document is not None
    act(thu, document, "register")

    post(axis, write_document_packet(replace(original, business_doc_type=1, business_reason="Thu hồi")))
    document = row(central, original.document_id)
    assert document is not None and document.state == "withdrawn"
    (result,) = thu.mutate(mutation("document", str(document.id), "assign", document.version, assignee="Bình"))
    assert result["status"] == "rejected" and result["code"] == "workflow.illegal_action"


def test_a_replacement_chain_links_both_ways(central: Central, axis: ApiClient) -> None:
    first, second, third = packet(61), packet(62), packet(63)
    second = replace(second, business_doc_type=3, replacements=(Replacement(first.document_id, (WARD_A,)),))
    third = replace(third, business_doc_type=3, replacements=(Replacement(second.document_id, (WARD_A,)),))
    for each in (first, second, third):
        assert post(axis, write_document_packet(each))["documents"][0]["duplicate"] is False
    for each in (first, second, third):  # every repeat changes nothing
        assert post(axis, write_document_packet(each))["documents"][0]["duplicate"] is True

    a, b, c = (row(central, p.document_id) for p in (first, second, third))
    assert a is not None and b is not None and c is not None
    assert (a.state, a.replaced_by, a.replaces) == ("replaced", second.document_id, [])
    assert (b.state, b.replaced_by, b.replaces) == ("replaced", third.document_id, [first.document_id])
    assert (c.state, c.replaced_by, c.replaces) == ("received", None, [second.document_id])
    assert [e["action"] for e in a.trail] == ["edxml_received", "edxml_replaced"]


def test_a_replacement_before_the_document_it_replaces(central: Central, axis: ApiClient) -> None:
    old, new = packet(64), packet(65)
    new = replace(new, business_doc_type=3, replacements=(Replacement(old.document_id),))
    post(axis, write_document_packet(new))
    post(axis, write_document_packet(old))
    earlier = row(central, old.document_id)
    assert earlier is not None and (earlier.state, earlier.replaced_by) == ("replaced", new.document_id)


def test_an_update_changes_fields_and_adds_files_once(central: Central, axis: ApiClient) -> None:
    original = packet(71)
    post(axis, write_document_packet(original))
    update = replace(
        original, business_doc_type=2, business_reason="Sửa trích yếu", update_info=True,
        subject="Quyết định số 71 về việc điều chỉnh (sửa đổi)", priority=4, due_date=date(2025, 6, 23),
        due_time=time(16, 30), attachments=(*original.attachments, Attachment("phu-luc.pdf", "application/pdf",
                                                                             "", "cid:2", b"%PDF-2")),
    )  # fmt: skip
    data = write_document_packet(update)
    result = post(axis, data)
    assert result["kind"] == "update" and result["documents"][0]["duplicate"] is False
    assert post(axis, data)["documents"][0]["duplicate"] is True
    resent = write_document_packet(replace(update, trace=(trace_entry(FOREIGN, datetime(2025, 6, 22, 8, 0)),)))
    assert post(axis, resent)["documents"][0]["duplicate"] is True  # the same correction in other bytes

    document = row(central, original.document_id)
    assert document is not None
    assert document.subject == update.subject
    assert (document.urgency, document.due_on, document.due_time) == ("flash", date(2025, 6, 23), "16:30")
    entry = document.trail[-1]
    assert entry["action"] == "edxml_updated" and entry["note"] == "Sửa trích yếu" and entry["files_added"] == 1
    assert {"subject", "urgency", "due_on", "due_time"} <= set(entry["fields"])
    with central.service.sessions() as session:
        names = session.scalars(select(StoredAttachment.file_name).where(StoredAttachment.item_id == document.id)).all()
    assert sorted(names) == ["phu-luc.pdf", "qd.pdf"]


def test_a_recipient_that_is_not_a_code_is_a_stored_warning(central: Central, axis: ApiClient) -> None:
    incoming = packet(72, recipients=(Organ(WARD_A, "Phường Thủ Dầu Một"), Organ("UBND xa ?", "Xã ?")))
    result = post(axis, write_document_packet(incoming))
    assert [p["code"] for p in result["problems"]] == ["edxml.bad_recipient"]
    document = row(central, incoming.document_id)
    assert document is not None and document.trail[0]["note"] == "Nơi nhận không đúng mã định danh: UBND xa ?"


# ---------------------------------------------------------------- recall


def recall_setup(central: Central, axis: ApiClient, thu: ApiClient, number: int) -> tuple[DocumentPacket, Document]:
    sent = outgoing_original(central, WARD_B, number, (WARD_A,))
    post(axis, write_document_packet(sent))
    document = row(central, sent.document_id)
    assert document is not None
    act(thu, document, "register")
    original = row(central, sent.document_id, WARD_B, "outgoing")
    assert original is not None
    return sent, original


def test_a_recall_refused_puts_the_document_back(
    central: Central, axis: ApiClient, thu: ApiClient, lan: ApiClient
) -> None:
    sent, original = recall_setup(central, axis, thu, 81)
    act(lan, original, "recall", reason="Sai số liệu")
    document = row(central, sent.document_id)
    assert document is not None and (document.state, document.recall_from_state) == ("recall_requested", "registered")
    assert document.trail[-1]["status"] == "13"

    act(thu, document, "refuse_recall", reason="Đã triển khai thực hiện")
    document = row(central, sent.document_id)
    assert document is not None and (document.state, document.recall_from_state) == ("registered", None)
    assert statuses(central, sent.document_id, WARD_B) == {WARD_A: "16"}


def test_a_recall_agreed_withdraws_the_document(
    central: Central, axis: ApiClient, thu: ApiClient, lan: ApiClient
) -> None:
    sent, original = recall_setup(central, axis, thu, 82)
    act(lan, original, "recall", reason="Sai số liệu")
    document = row(central, sent.document_id)
    assert document is not None
    act(thu, document, "agree_recall")
    document = row(central, sent.document_id)
    assert document is not None and document.state == "withdrawn"
    assert statuses(central, sent.document_id, WARD_B) == {WARD_A: "15"}


def test_only_the_issuer_may_ask_for_a_document_back(central: Central, axis: ApiClient) -> None:
    incoming = packet(83)
    post(axis, write_document_packet(incoming))
    stranger = write_status_packet(
        sender=Organ(WARD_B, "Phường Sài Gòn"), response_for_organ_id=FOREIGN, response_for_code="83/QĐ-UBND",
        response_for_date=incoming.promulgation_date, response_for_document_id=incoming.document_id,
        staff=StaffInfo("Văn thư", "Lan"), status=EdxmlStatus.RECALL_REQUESTED, description="Thu hồi",
        timestamp=datetime(2025, 6, 21, 9, 0),
    )  # fmt: skip
    response = axis.post("/v1/edxml", data=stranger, headers=XML)
    assert response.status_code == 404, response.text
    document = row(central, incoming.document_id)
    assert document is not None and document.state == "received"


# ---------------------------------------------------------------- registers


def test_arrival_numbers_stay_unique_when_two_desks_register_at_once(
    central: Central, axis: ApiClient, thu: ApiClient
) -> None:
    for number in range(100, 116):
        post(axis, write_document_packet(packet(number)))
    with central.service.sessions.begin() as session:
        rows = session.execute(select(Document.arrival_number, Document.arrival_date).where(
            Document.unit_code == WARD_A, Document.arrival_number.is_not(None)))  # fmt: skip
        used = {number for number, day in rows if day is not None and day.year == DEMO_NOW.year}
        waiting = session.scalars(select(Document).where(Document.unit_code == WARD_A, Document.state == "received",
                                                         Document.edxml_document_id.is_not(None))).all()  # fmt: skip
        # no counter yet: both desks make the year's first number at once (PostgreSQL: one insert waits, fails
        # on the unique key, and takes the other's counter), and it starts above the numbers already used
        session.execute(delete(RegisterCounter).where(RegisterCounter.unit_code == WARD_A))
    assert len(waiting) == 16 and used  # the seeded register already has numbers
    second_desk = central.client("thu.tdm", PASSWORD_A)

    def register(pair: tuple[ApiClient, Document]) -> int:
        client, document = pair
        return int(act(client, document, "register")["arrival_number"])

    with ThreadPoolExecutor(2) as pool:
        numbers = list(pool.map(register, [(thu if i % 2 else second_desk, d) for i, d in enumerate(waiting)]))
    assert len(set(numbers)) == 16
    assert not set(numbers) & used
    assert sorted(numbers) == list(range(max(used) + 1, max(used) + 17))


def signed_documents(central: Central, count: int) -> tuple[list[Document], set[int]]:
    """``count`` signed outgoing documents of WARD_B, and the outgoing numbers it used this year already."""
    with central.service.sessions.begin() as session:
        documents = []
        for index in range(count):
            document = Document(
                unit_code=WARD_B, direction="outgoing", doc_type="QĐ" if index else "CV", issuing_agency_code=WARD_B,
                issuing_agency_name="Phường Sài Gòn", subject=f"Văn bản {index}", state="signed", trail=[],
                updated_at=DEMO_NOW,
            )  # fmt: skip
            session.add(document)
            session.flush()
            record_change(session, WARD_B, "document", document)
            documents.append(document)
        rows = session.execute(select(Document.number, Document.issued_on).where(
            Document.unit_code == WARD_B, Document.direction == "outgoing", Document.number.is_not(None)))  # fmt: skip
        used = {int(n) for n, day in rows if n.isdigit() and day is not None and day.year == DEMO_NOW.year}
    return documents, used


def test_outgoing_numbers_come_from_the_register(central: Central, lan: ApiClient) -> None:
    documents, used = signed_documents(central, 3)
    issued = [act(lan, d, "issue") for d in documents]
    start = max(used, default=0) + 1
    assert [(i["number"], i["notation"]) for i in issued] == [
        (f"{start:02d}", "UBND-VP"), (f"{start + 1:02d}", "QĐ-UBND"), (f"{start + 2:02d}", "QĐ-UBND")]  # fmt: skip


def test_outgoing_numbers_stay_unique_when_two_desks_issue_at_once(central: Central, lan: ApiClient) -> None:
    documents, used = signed_documents(central, 12)
    second_desk = central.client("lan.saigon", PASSWORD_B)
    with ThreadPoolExecutor(2) as pool:
        numbers = list(pool.map(lambda pair: int(act(*pair, "issue")["number"]),
                                [(lan if i % 2 else second_desk, d) for i, d in enumerate(documents)]))  # fmt: skip
    start = max(used, default=0) + 1
    assert sorted(numbers) == list(range(start, start + 12))


# ---------------------------------------------------------------- drafting and sending


def test_a_draft_sent_to_an_agency_elsewhere_waits_for_the_axis_as_a_readable_packet(
    central: Central, lan: ApiClient
) -> None:
    key = "6f1c2a8e-3b7d-4c1e-9a55-0d2f4e6b8a10"
    draft = {"doc_type": "TB", "subject": "Thông báo lịch tiếp công dân tháng 7", "content": "Lịch tiếp công dân",
             "signer_name": "Trần Thị Lan", "signer_position": "Chủ tịch", "urgency": "urgent",
             "confidentiality": "normal", "due_on": "2025-07-10", "draft_key": key,
             "recipients": json.dumps([{"organ_id": FOREIGN, "name": "Văn phòng Chính phủ"}])}  # fmt: skip
    (created,) = lan.mutate(mutation("document", "0", "draft", 0, **draft))
    assert created["status"] == "applied", created
    (again,) = lan.mutate(mutation("document", "0", "draft", 0, **draft))  # a new mutation id, the same draft
    assert again["created"] == created["created"]  # the desk's key names one draft
    document = row_by_id(central, int(created["created"]["id"]))
    assert (document.state, document.deliveries[0]["status"]) == ("draft", "unsent")
    for action in ("submit_for_signature", "sign", "issue", "send"):
        act(lan, document, action)
        document = row_by_id(central, document.id)
    (parsed,) = queued_for_axis(central, FOREIGN)
    assert parsed["kind"] == "document" and parsed["document_id"] == document.edxml_document_id
    assert (parsed["code_number"], parsed["code_notation"]) == (document.number, "TB-UBND")
    assert parsed["from"]["organ_id"] == WARD_B and [t["organ_id"] for t in parsed["to"]] == [FOREIGN]
    assert (parsed["subject"], parsed["priority"]) == ("Thông báo lịch tiếp công dân tháng 7", 1)
    assert document.deliveries[0]["status"] == "pending"


def test_a_draft_with_a_bad_field_is_refused_and_nothing_is_made(central: Central, lan: ApiClient) -> None:
    bad = {"doc_type": "XX", "subject": "Một văn bản", "signer_name": "Lan",
           "recipients": json.dumps([{"organ_id": WARD_A}])}  # fmt: skip
    (result,) = lan.mutate(mutation("document", "0", "draft", 0, **bad))
    assert result["status"] == "rejected" and result["code"] == "draft.type"
    with central.service.sessions() as session:
        assert session.scalars(select(Document).where(Document.subject == "Một văn bản")).all() == []


def row_by_id(central: Central, document_id: int) -> Document:
    with central.service.sessions() as session:
        return session.get_one(Document, document_id)


# ---------------------------------------------------------------- the assignment picker's list


def test_the_officials_of_the_caller_s_unit_by_name_only(central: Central, thu: ApiClient) -> None:
    with central.service.sessions.begin() as session:
        add_account(session, "mai.tdm", PASSWORD_A, WARD_A, "Trần Thị Mai", DEMO_NOW)
        gone = add_account(session, "hung.tdm", PASSWORD_A, WARD_A, "Lê Văn Hùng", DEMO_NOW)
        gone.disabled_at = DEMO_NOW
    response = thu.get("/v1/officials")
    assert response.status_code == 200, response.text
    assert response.json() == {"officials": [{"name": "Nguyễn Thị Thu"}, {"name": "Trần Thị Mai"}]}


def test_a_desk_keeps_its_unit_s_officials_for_offline_use(central: Central, tmp_path: Path) -> None:
    desk = open_desk(central, tmp_path / "desk")
    try:
        assert desk.sync().problem is None
        with desk.cache.sessions() as session:
            assert session.scalars(select(Official.name)).all() == ["Nguyễn Thị Thu"]
    finally:
        desk.cache.close()


# ---------------------------------------------------------------- only the issuer, and the same answer once


def test_only_the_issuer_may_revoke_or_update_a_document(central: Central, axis: ApiClient) -> None:
    original = packet(91)
    post(axis, write_document_packet(original))
    impostor = replace(original, sender=Organ(WARD_B, "Phường Sài Gòn"), business_reason="Thu hồi")
    for kind in (1, 2):
        data = write_document_packet(replace(impostor, business_doc_type=kind, subject="Đổi trích yếu"))
        response = axis.post("/v1/edxml", data=data, headers=XML)
        assert response.status_code == 422 and response.json()["code"] == "edxml.not_issuer", response.text
    document = row(central, original.document_id)
    assert document is not None and (document.state, document.subject) == ("received", original.subject)

    early = packet(92)  # a revocation from another agency, before the document: it never applies
    post(axis, write_document_packet(replace(early, sender=Organ(WARD_B, "Phường Sài Gòn"), business_doc_type=1)))
    post(axis, write_document_packet(early))
    arrived = row(central, early.document_id)
    assert arrived is not None and arrived.state == "received"


def test_an_update_that_takes_the_unit_off_the_receivers_withdraws_its_copy(central: Central, axis: ApiClient) -> None:
    original = packet(93, recipients=(Organ(WARD_A, "Phường Thủ Dầu Một"), Organ(WARD_B, "Phường Sài Gòn")))
    post(axis, write_document_packet(original))
    update = replace(original, business_doc_type=2, update_receivers=True, recipients=(Organ(WARD_B, "Sài Gòn"),),
                     changed_receivers=(ReceiverChange(WARD_A, RECEIVER_REMOVED),),
                     business_reason="Gửi nhầm")  # fmt: skip
    result = post(axis, write_document_packet(update))
    assert {d["unit_code"] for d in result["documents"]} == {WARD_A, WARD_B}
    mine, theirs = row(central, original.document_id), row(central, original.document_id, WARD_B)
    assert mine is not None and (mine.state, mine.trail[-1]["reason"]) == ("withdrawn", "Gửi nhầm")
    assert theirs is not None and theirs.state == "received"


def test_the_same_answer_in_other_bytes_is_recorded_once(central: Central, axis: ApiClient) -> None:
    sent = outgoing_original(central, WARD_B, 94, (WARD_A,))
    answers = [
        write_status_packet(
            sender=Organ(WARD_A, "Phường Thủ Dầu Một"), response_for_organ_id=WARD_B, response_for_code="94/QĐ-UBND",
            response_for_date=sent.promulgation_date, response_for_document_id=sent.document_id,
            staff=StaffInfo("Văn thư", "Thu"), status=EdxmlStatus.ACCEPTED, description=description,
            timestamp=datetime(2025, 6, 21, 9, 0),
        )
        for description in ("Đã vào sổ", "Đã vào sổ văn bản đến")
    ]  # fmt: skip
    assert [post(axis, data)["documents"][0]["duplicate"] for data in answers] == [False, True]
    original = row(central, sent.document_id, WARD_B, "outgoing")
    assert original is not None and [e.get("status") for e in original.trail] == ["03"]
