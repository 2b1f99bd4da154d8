"""Drafting at the desk against the real service on loopback: a draft written offline with its file and
an action reaches the service once; a lost answer never doubles it; bad input writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.domain.errors import DomainError
from app.domain.outgoing_draft import Draft, DraftRecipient
from app.outgoing_drafts import OutgoingDrafts
from central import models as server
from central.serialize import item_json
from central.server import start_in_thread
from local_db.models import Attachment, Document, OutboxEntry
from tests.central import test_sync_engine
from tests.central.conftest import PASSWORD_A, WARD_A, WARD_B, Central
from tests.central.test_sync_engine import Desk

SUBJECT = "V/v phối hợp tổ chức ngày hội đại đoàn kết toàn dân tộc"


desk = test_sync_engine.desk  # a real desk of thu.tdm on the real service (a fixture)


def offline_with_a_letter(desk: Desk, central: Central, tmp_path: Path, text: bytes) -> tuple[int, Path]:
    """The desk synced once, then the link down, and a letter to attach: the service's port, the letter."""
    desk.sync()
    port = int(central.url.rsplit(":", 1)[1])
    central.server.stop()
    letter = tmp_path / "cong-van.pdf"
    letter.write_bytes(text)
    return port, letter


def drafts(desk: Desk, central: Central) -> OutgoingDrafts:
    return OutgoingDrafts(desk.cache, central.clock)


def a_draft(**changes: object) -> Draft:
    fields: dict = {"doc_type": "CV", "subject": SUBJECT, "content": "", "signer_name": "Lê Văn Đức",
                    "signer_position": "Phó Chủ tịch",
                    "recipients": (DraftRecipient(WARD_B, "Phường Sài Gòn"),)}  # fmt: skip
    return Draft(**(fields | changes))


def server_drafts(central: Central) -> list[server.Document]:
    with central.service.sessions() as session:
        return list(session.scalars(select(server.Document).where(
            server.Document.subject == SUBJECT, server.Document.direction == "outgoing")))  # fmt: skip


def test_a_draft_written_offline_reaches_the_service_once_with_its_file(
    desk: Desk, central: Central, tmp_path: Path
) -> None:
    port, letter = offline_with_a_letter(desk, central, tmp_path, b"%PDF-1.4 cong van\n" * 1000)
    document_id = drafts(desk, central).create(a_draft(), (letter,))
    desk.actions.perform("document", document_id, "submit_for_signature", {})
    with desk.cache.sessions() as session:
        row = session.get_one(Document, document_id)
        assert (row.state, row.remote_id, row.number, row.issuing_agency_code) == ("awaiting_signature", None, None,
                                                                                   WARD_A)  # fmt: skip
        assert [d["status"] for d in row.deliveries] == ["unsent"]
        assert session.scalars(select(OutboxEntry.action).order_by(OutboxEntry.id)).all() == [
            "draft", "submit_for_signature"]  # fmt: skip
    assert desk.sync().problem == "offline"

    central.server = start_in_thread(central.service, port=port)
    back = desk.sync()
    assert (back.problem, back.pushed, back.rejected) == (None, 2, 0)
    assert desk.sync().problem is None  # the file goes once the draft has its id on the service
    (stored,) = server_drafts(central)
    assert (stored.state, stored.direction, stored.signer_name) == ("awaiting_signature", "outgoing", "Lê Văn Đức")
    with central.service.sessions() as session:
        contents = session.scalars(select(server.Attachment.content).where(
            server.Attachment.item_kind == "document", server.Attachment.item_id == stored.id)).all()  # fmt: skip
    assert contents == [letter.read_bytes()]
    with desk.cache.sessions() as session:
        assert session.scalar(select(func.count()).where(Document.subject == SUBJECT)) == 1
        assert session.get_one(Document, document_id).remote_id == str(stored.id)
        assert session.scalars(select(Attachment.remote_id).where(Attachment.item_id == document_id)).one()


def test_a_lost_answer_never_doubles_a_draft(desk: Desk, central: Central) -> None:
    desk.sync()
    document_id = drafts(desk, central).create(a_draft())
    with desk.cache.sessions() as session:
        entry = session.scalars(select(OutboxEntry).where(OutboxEntry.action == "draft")).one()
        mutation = {"mutation_id": entry.mutation_id, "seq": entry.id, "kind": "document", "item_id": "0",
                    "base_version": 0, "action": "draft", "payload": entry.payload}  # fmt: skip
    (reached,) = central.client("thu.tdm", PASSWORD_A).mutate(mutation)
    assert reached["status"] == "applied"  # ... and its answer never came back
    assert desk.sync().problem is None
    (stored,) = server_drafts(central)
    with desk.cache.sessions() as session:
        rows = session.scalars(select(Document).where(Document.subject == SUBJECT)).all()
    assert [(r.id, r.remote_id) for r in rows] == [(document_id, str(stored.id))]


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"doc_type": "XX"}, "draft.type"),
        ({"subject": "   "}, "draft.subject"),
        ({"signer_name": ""}, "draft.signer"),
        ({"recipients": ()}, "draft.no_recipient"),
        ({"recipients": (DraftRecipient("not a code", "?"),)}, "agency_code.not_standard"),
        ({"urgency": "soon"}, "draft.coded"),
    ],
)
def test_a_bad_draft_is_refused_and_nothing_is_written(
    desk: Desk, central: Central, tmp_path: Path, changes: dict, code: str
) -> None:
    desk.sync()
    letter = tmp_path / "thu.pdf"
    letter.write_bytes(b"%PDF-1.4\n")
    before = (desk.count(Document), desk.count(OutboxEntry), desk.count(Attachment))
    with pytest.raises(DomainError) as refused:
        drafts(desk, central).create(a_draft(**changes), (letter,))
    assert refused.value.code == code
    assert (desk.count(Document), desk.count(OutboxEntry), desk.count(Attachment)) == before
    assert not list((desk.cache.profile.attachments_dir / "intake").glob("*"))  # the copy went too


def test_a_document_sent_offline_goes_out_with_its_files_and_summary(
    desk: Desk, central: Central, tmp_path: Path
) -> None:
    port, letter = offline_with_a_letter(desk, central, tmp_path, b"%PDF-1.4 cong van gui di\n" * 2000)
    document_id = drafts(desk, central).create(a_draft(content="Tóm tắt: phối hợp tổ chức ngày hội"), (letter,))
    for action in ("submit_for_signature", "sign", "issue", "send"):  # all of it while the link is down
        desk.actions.perform("document", document_id, action, {})
    central.server = start_in_thread(central.service, port=port)
    for _ in range(3):
        assert desk.sync().problem is None
    (stored,) = server_drafts(central)
    assert stored.state == "sent" and stored.content == "Tóm tắt: phối hợp tổ chức ngày hội"
    assert item_json(stored)["content"] == stored.content  # the summary travels to every desk
    with central.service.sessions() as session:
        copy = session.scalars(select(server.Document).where(server.Document.unit_code == WARD_B).where(
            server.Document.edxml_document_id == stored.edxml_document_id)).one()  # fmt: skip
        files = session.scalars(select(server.Attachment.content).where(
            server.Attachment.item_kind == "document", server.Attachment.item_id == copy.id)).all()  # fmt: skip
    assert files == [letter.read_bytes()]  # the document waited for its file before it went out
    assert copy.content == stored.content


def test_files_added_to_a_draft_later_reach_the_service_and_only_while_it_is_a_draft(
    desk: Desk, central: Central, tmp_path: Path
) -> None:
    desk.sync()
    document_id = drafts(desk, central).create(a_draft())
    assert desk.sync().problem is None
    annex = tmp_path / "phu-luc.pdf"
    annex.write_bytes(b"%PDF-1.4 phu luc\n" * 500)
    drafts(desk, central).attach(document_id, (annex,))
    assert desk.sync().problem is None
    (stored,) = server_drafts(central)
    with central.service.sessions() as session:
        contents = session.scalars(select(server.Attachment.content).where(
            server.Attachment.item_kind == "document", server.Attachment.item_id == stored.id)).all()  # fmt: skip
    assert contents == [annex.read_bytes()]

    desk.actions.perform("document", document_id, "submit_for_signature", {})
    before = desk.count(Attachment)
    with pytest.raises(DomainError) as refused:
        drafts(desk, central).attach(document_id, (annex,))
    assert refused.value.code == "draft.not_a_draft"
    assert desk.count(Attachment) == before
    assert len(list((desk.cache.profile.attachments_dir / "intake").glob("*"))) == 1  # the refused copy went
