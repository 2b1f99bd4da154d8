"""Files taken in at the counter reach the service resumably: over HTTP piece by piece, through a
link that drops, after a lost answer, and never doubled or across wards."""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.attachment_uploads import PIECE
from app.counter_intake import CounterIntake
from app.settings import Settings
from central import models as server
from local_db.models import Attachment, Dossier
from tests.central.conftest import PASSWORD_A, PASSWORD_B, WARD_A, ApiClient, Central
from tests.central.test_counter_intake import form
from tests.central.test_fault_proxy import Attempts, desk_via
from tests.central.test_sync_engine import Desk, open_desk
from tests.fault_proxy import FaultProxy, FaultRates

SCAN = ("Giấy chứng sinh — bản quét".encode() + bytes(range(256)) * 16384)[: PIECE * 5 + 1234]  # six pieces


def a_dossier_id(central: Central, unit: str = WARD_A) -> str:
    with central.service.sessions() as session:
        return str(session.scalars(select(server.Dossier.id).where(server.Dossier.unit_code == unit)).first())


def announcement(dossier_id: str, content: bytes, key: str | None = None, **change: object) -> dict:
    digest = hashlib.sha256(content).hexdigest()
    body = {"key": key or str(uuid.uuid4()), "item_kind": "dossier", "item_id": dossier_id, "file_name": "scan.pdf",
            "content_type": "application/pdf", "size": len(content), "sha256": digest}  # fmt: skip
    return body | change


def announce(client: ApiClient, dossier_id: str, content: bytes, key: str | None = None) -> dict:
    response = client.post("/v1/uploads", json=announcement(dossier_id, content, key))
    assert response.status_code == 200, response.text
    return response.json()


def piece(client: ApiClient, key: str, offset: int, data: bytes):
    headers = {"Upload-Offset": str(offset), "Content-Type": "application/octet-stream"}
    return client.http.patch(f"{client.url}/v1/uploads/{key}", data=data, headers=headers, timeout=30)


def server_attachments(central: Central) -> list[server.Attachment]:
    with central.service.sessions() as session:
        return list(session.scalars(select(server.Attachment).where(server.Attachment.file_name != "")))


def test_pieces_out_of_order_are_refused_with_the_offset_and_the_last_one_makes_one_attachment(
    central: Central,
) -> None:
    client = central.client("thu.tdm", PASSWORD_A)
    dossier = a_dossier_id(central)
    started = announce(client, dossier, SCAN)
    key = started["key"]
    assert (started["offset"], started["attachment_id"]) == (0, None)
    assert piece(client, key, 0, SCAN[:PIECE]).json()["offset"] == PIECE
    skipped = piece(client, key, 2 * PIECE, SCAN[2 * PIECE : 3 * PIECE])
    assert (skipped.status_code, skipped.json()["code"], skipped.json()["offset"]) == (409, "upload.offset", PIECE)
    assert announce(client, dossier, SCAN, key)["offset"] == PIECE  # asking again tells where to go on
    offset = PIECE
    while offset < len(SCAN):
        answer = piece(client, key, offset, SCAN[offset : offset + PIECE]).json()
        offset = answer["offset"]
    assert answer["attachment_id"] is not None
    again = piece(client, key, len(SCAN) - 10, SCAN[-10:])  # the last answer was lost: the same attachment
    assert again.json()["attachment_id"] == answer["attachment_id"]
    assert announce(client, dossier, SCAN, key)["attachment_id"] == answer["attachment_id"]
    stored = [a for a in server_attachments(central) if str(a.id) == answer["attachment_id"]]
    assert len(stored) == 1 and stored[0].content == SCAN and stored[0].item_id == int(dossier)
    with central.service.sessions() as session:
        assert session.scalar(select(func.count()).select_from(server.UploadPiece)) == 0  # pieces dropped
    changes, _ = client.all_changes()
    assert [c["id"] for c in changes if c["kind"] == "attachment" and c["id"] == answer["attachment_id"]]


def test_bytes_that_fail_the_checksum_start_again_and_nothing_is_stored(central: Central) -> None:
    client = central.client("thu.tdm", PASSWORD_A)
    before = len(server_attachments(central))
    key = announce(client, a_dossier_id(central), b"%PDF-1.4 the true scan")["key"]
    failed = piece(client, key, 0, b"%PDF-1.4 the fake scan")
    assert (failed.status_code, failed.json()["code"]) == (422, "upload.checksum")
    assert piece(client, key, 0, b"%PDF-1.4 the true scan").json()["attachment_id"] is not None
    assert len(server_attachments(central)) == before + 1


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"item_id": "999999"}, 404, "not_found"),
        ({"size": 60 * 1024 * 1024}, 413, "upload.too_large"),
        ({"sha256": "not-a-digest"}, 422, None),
        ({"key": "../../etc"}, 422, None),
    ],
)
def test_bad_announcements_are_refused(central: Central, change: dict, status: int, code: str | None) -> None:
    client = central.client("thu.tdm", PASSWORD_A)
    response = client.post("/v1/uploads", json=announcement(a_dossier_id(central), b"abc", **change))
    assert response.status_code == status, response.text
    if code:
        assert response.json()["code"] == code


def test_another_ward_can_neither_attach_to_a_dossier_nor_continue_an_upload(central: Central) -> None:
    ours = central.client("thu.tdm", PASSWORD_A)
    theirs = central.client("lan.saigon", PASSWORD_B)
    key = announce(ours, a_dossier_id(central), b"abc")["key"]
    foreign = theirs.post("/v1/uploads", json=announcement(a_dossier_id(central), b"abc"))
    assert foreign.status_code == 404
    assert piece(theirs, key, 0, b"abc").status_code == 404


def test_a_key_used_for_another_file_is_refused(central: Central) -> None:
    client = central.client("thu.tdm", PASSWORD_A)
    key = announce(client, a_dossier_id(central), b"first file")["key"]
    refused = client.post("/v1/uploads", json=announcement(a_dossier_id(central), b"diff", key))
    assert (refused.status_code, refused.json()["code"]) == (409, "upload.mismatch")


def register_with_scan(desk: Desk, central: Central, folder: Path) -> int:
    scan = folder / "giay-chung-sinh.pdf"
    scan.write_bytes(SCAN)
    registered = CounterIntake(desk.cache, central.clock, Settings).register(form(files=(scan,)))
    with desk.cache.sessions() as session:
        return session.scalars(select(Attachment.id).where(Attachment.item_id == registered.dossier_id)).one()


def local_attachment(desk: Desk, attachment_id: int) -> Attachment:
    with desk.cache.sessions() as session:
        return session.get_one(Attachment, attachment_id)


def pushed_with_its_file_held_back(desk: Desk, central: Central, folder: Path) -> tuple[int, str, str]:
    """A dossier registered with a scan and pushed, its scan not sent: (attachment id, its key, dossier's id there)."""
    desk.sync()
    attachment_id = register_with_scan(desk, central, folder)
    key = str(local_attachment(desk, attachment_id).upload_key)
    with desk.cache.sessions.begin() as session:
        session.get_one(Attachment, attachment_id).upload_key = None
    desk.sync()
    with desk.cache.sessions.begin() as session:
        session.get_one(Attachment, attachment_id).upload_key = key
        dossier = session.get_one(Dossier, session.get_one(Attachment, attachment_id).item_id)
        return attachment_id, key, str(dossier.remote_id)


def test_a_scan_taken_in_offline_goes_on_where_a_dropped_link_stopped(central: Central, tmp_path: Path) -> None:
    with FaultProxy(central.url, FaultRates(), seed=3) as proxy:
        desk = desk_via(central, tmp_path / "desk", proxy.url, Attempts())
        try:
            assert desk.sync().problem is None
            attachment_id = register_with_scan(desk, central, tmp_path)
            key = local_attachment(desk, attachment_id).upload_key
            patch = f"PATCH /v1/uploads/{key}"
            proxy.force(patch, None, None, "drop_before")  # the link drops while the third piece is sent
            assert desk.sync().problem == "offline"
            with central.service.sessions() as session:
                upload = session.scalars(select(server.Upload).where(server.Upload.key == key)).one()
            assert (upload.received, upload.attachment_id) == (2 * PIECE, None)
            proxy.force(patch, None, None, None, "drop_after")  # the last piece lands, its answer is lost
            assert desk.sync().problem == "offline"
            assert local_attachment(desk, attachment_id).remote_id is None
            report = desk.sync()
            assert (report.problem, report.uploaded) == (None, 1), report.details
        finally:
            desk.cache.close()
    sent = sum(count for (fault, name), count in proxy.by_request.items() if name == patch and fault == "forwarded")
    stored = [a for a in server_attachments(central) if a.sha256 == hashlib.sha256(SCAN).hexdigest()]
    assert len(stored) == 1 and stored[0].content == SCAN
    row = local_attachment(desk, attachment_id)
    assert (row.remote_id, row.upload_key) == (str(stored[0].id), None)
    assert sent == 6, dict(proxy.by_request)  # each piece reached the service once, the lost last one too


def test_a_pull_that_brings_the_file_first_leaves_one_row_with_the_local_copy(central: Central, tmp_path: Path) -> None:
    desk = open_desk(central, tmp_path / "desk")
    try:
        attachment_id, key, dossier_remote_id = pushed_with_its_file_held_back(desk, central, tmp_path)
        client = central.client("thu.tdm", PASSWORD_A)  # a run sent every byte and was killed before linking
        start = announce(client, dossier_remote_id, SCAN, key)
        for offset in range(0, len(SCAN), PIECE):
            piece(client, key, offset, SCAN[offset : offset + PIECE])
        desk.sync(push=False)  # a pull alone brings the service's copy beside it
        assert desk.count(Attachment) == 2 and start["offset"] == 0
        assert desk.sync().uploaded == 1
        assert desk.count(Attachment) == 1
        kept = local_attachment(desk, attachment_id)
        assert kept.remote_id is not None and kept.local_path is not None and kept.upload_key is None
    finally:
        desk.cache.close()


def test_a_local_copy_changed_since_intake_is_not_sent_and_is_named(central: Central, tmp_path: Path) -> None:
    desk = open_desk(central, tmp_path / "desk")
    try:
        desk.sync()
        attachment_id = register_with_scan(desk, central, tmp_path)
        row = local_attachment(desk, attachment_id)
        (desk.cache.profile.attachments_dir / str(row.local_path)).write_bytes(SCAN[:-1] + b"!")
        report = desk.sync()
        assert report.problem is None and report.uploaded == 0
        assert report.unsendable == ["giay-chung-sinh.pdf"]
        assert not [a for a in server_attachments(central) if a.file_name == "giay-chung-sinh.pdf"]
        with central.service.sessions() as session:  # checked before sending: not a byte went out
            assert session.scalars(select(server.Upload.received)).all() == [0]
    finally:
        desk.cache.close()


def test_a_file_the_service_refuses_is_named_and_the_sync_goes_on(central: Central, tmp_path: Path) -> None:
    desk = open_desk(central, tmp_path / "desk")
    try:
        attachment_id, key, dossier_remote_id = pushed_with_its_file_held_back(desk, central, tmp_path)
        client = central.client("thu.tdm", PASSWORD_A)  # the key already names another file on the service
        announce(client, dossier_remote_id, b"another file", key)
        colleague = central.client("thu.tdm", PASSWORD_A)
        assert colleague.post("/v1/uploads", json=announcement(dossier_remote_id, SCAN, key)).status_code == 409
        report = desk.sync()
        assert (report.problem, report.uploaded, report.unsendable) == (None, 0, ["giay-chung-sinh.pdf"])
        assert local_attachment(desk, attachment_id).remote_id is None  # kept here, named to the user
    finally:
        desk.cache.close()


def test_small_pieces_are_refused_and_an_abandoned_upload_is_dropped(central: Central) -> None:
    client = central.client("thu.tdm", PASSWORD_A)
    dossier = a_dossier_id(central)
    key = announce(client, dossier, SCAN)["key"]
    tiny = piece(client, key, 0, SCAN[:10])  # not the last piece: a flood of tiny rows is refused
    assert (tiny.status_code, tiny.json()["code"]) == (422, "upload.piece_too_small")
    assert piece(client, key, 0, SCAN[:PIECE]).json()["offset"] == PIECE
    central.clock.advance(timedelta(days=15))  # the desk never came back for it
    announce(central.client("thu.tdm", PASSWORD_A), dossier, b"a later file")
    with central.service.sessions() as session:
        assert session.scalars(select(server.Upload.key).where(server.Upload.key == key)).all() == []
        assert session.scalar(select(func.count()).select_from(server.UploadPiece)) == 0


def _outgoing_with_a_file(central: Central, state: str = "awaiting_signature") -> tuple[str, bytes]:
    """An outgoing document of ward A with one stored file; its id and the file's bytes."""
    draft = b"%PDF-1.7 du thao"
    with central.service.sessions.begin() as session:
        document = server.Document(unit_code=WARD_A, direction="outgoing", state=state, subject="Dự thảo",
                                   issuing_agency_code=WARD_A, issuing_agency_name="Phường", urgency="normal",
                                   updated_at=central.clock.now())  # fmt: skip
        session.add(document)
        session.flush()
        session.add(server.Attachment(unit_code=WARD_A, item_kind="document", item_id=document.id,
                                      file_name="du-thao.pdf", content_type="application/pdf", size=len(draft),
                                      sha256=hashlib.sha256(draft).hexdigest(), content=draft))  # fmt: skip
        return str(document.id), draft


def _copy_of(document_id: str, content: bytes, replaced: bytes, **change: object) -> dict:
    body = announcement(document_id, content, item_kind="document", supersedes=hashlib.sha256(replaced).hexdigest())
    return body | change


def test_a_signed_copy_replaces_only_a_file_of_its_own_unsent_document_and_only_once(central: Central) -> None:
    client = central.client("thu.tdm", PASSWORD_A)
    document_id, draft = _outgoing_with_a_file(central)
    first, second = b"%PDF-1.7 ban ky so 1", b"%PDF-1.7 ban ky so 2"
    unknown = client.post("/v1/uploads", json=_copy_of(document_id, first, b"another file"))
    itself = client.post("/v1/uploads", json=_copy_of(document_id, first, first))
    assert (unknown.status_code, itself.status_code) == (422, 422)
    assert unknown.json()["code"] == "upload.supersedes_unknown"
    started = client.post("/v1/uploads", json=_copy_of(document_id, first, draft))
    assert started.status_code == 200, started.text
    assert piece(client, started.json()["key"], 0, first).json()["attachment_id"] is not None
    twice = client.post("/v1/uploads", json=_copy_of(document_id, second, draft))  # another desk's copy
    assert twice.status_code == 409 and twice.json()["code"] == "upload.superseded"
    sent_id, sent_draft = _outgoing_with_a_file(central, state="sent")
    late = client.post("/v1/uploads", json=_copy_of(sent_id, second, sent_draft))
    assert late.status_code == 422 and late.json()["code"] == "upload.supersedes_refused"
