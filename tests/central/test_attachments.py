"""Attachments over HTTP: whole, resumed with Range, cached with ETag, and never across wards."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from central.change_feed import record_change
from central.models import Attachment, Document
from tests.central.conftest import PASSWORD_A, PASSWORD_B, WARD_A, Central

CONTENT = bytes(range(256)) * 40 + "Công văn số 7816/VPCP-TTĐT".encode()


@pytest.fixture
def attachment_id(central: Central) -> int:
    with central.service.sessions.begin() as session:
        document = session.scalars(select(Document).where(Document.unit_code == WARD_A)).first()
        attachment = Attachment(unit_code=WARD_A, item_kind="document", item_id=document.id,
                                file_name="cong-van-7816.pdf", content_type="application/pdf", size=len(CONTENT),
                                sha256=hashlib.sha256(CONTENT).hexdigest(), content=CONTENT)  # fmt: skip
        session.add(attachment)
        record_change(session, WARD_A, "attachment", attachment)
    return attachment.id


def test_the_attachment_metadata_arrives_in_the_change_feed(central: Central, attachment_id: int) -> None:
    changes, _ = central.client("thu.tdm", PASSWORD_A).all_changes()
    [change] = [c for c in changes if c["kind"] == "attachment"]
    assert change["id"] == str(attachment_id)
    assert change["item"]["sha256"] == hashlib.sha256(CONTENT).hexdigest()
    assert change["item"]["size"] == len(CONTENT)
    assert "content" not in change["item"]


def test_whole_download_with_etag_and_sha256(central: Central, attachment_id: int) -> None:
    client = central.client("thu.tdm", PASSWORD_A)
    response = client.get(f"/v1/attachments/{attachment_id}")
    assert response.status_code == 200
    assert response.content == CONTENT
    digest = hashlib.sha256(CONTENT).hexdigest()
    assert response.headers["ETag"] == f'"{digest}"'
    assert response.headers["X-Content-SHA256"] == digest
    assert response.headers["Accept-Ranges"] == "bytes"
    cached = client.get(f"/v1/attachments/{attachment_id}", headers={"If-None-Match": f'"{digest}"'})
    assert cached.status_code == 304 and cached.content == b""


def test_a_download_resumes_with_ranges(central: Central, attachment_id: int) -> None:
    client = central.client("thu.tdm", PASSWORD_A)
    received = b""
    while len(received) < len(CONTENT):
        end = len(received) + 999
        part = client.get(f"/v1/attachments/{attachment_id}", headers={"Range": f"bytes={len(received)}-{end}"})
        assert part.status_code == 206
        assert part.headers["Content-Range"].startswith(f"bytes {len(received)}-")
        assert part.headers["Content-Range"].endswith(f"/{len(CONTENT)}")
        received += part.content
    assert received == CONTENT
    tail = client.get(f"/v1/attachments/{attachment_id}", headers={"Range": "bytes=-10"})
    assert tail.status_code == 206 and tail.content == CONTENT[-10:]
    rest = client.get(f"/v1/attachments/{attachment_id}", headers={"Range": "bytes=10000-"})
    assert rest.status_code == 206 and rest.content == CONTENT[10000:]


@pytest.mark.parametrize("header", ["bytes=999999-", "bytes=5-2", "bytes=-", "lines=1-2", "bytes=a-b"])
def test_an_impossible_range_is_416(central: Central, attachment_id: int, header: str) -> None:
    response = central.client("thu.tdm", PASSWORD_A).get(f"/v1/attachments/{attachment_id}", headers={"Range": header})
    assert response.status_code == 416
    assert response.json()["code"] == "range_not_satisfiable"


def test_another_ward_cannot_download_it(central: Central, attachment_id: int) -> None:
    saigon = central.client("lan.saigon", PASSWORD_B)
    response = saigon.get(f"/v1/attachments/{attachment_id}")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    missing = saigon.get("/v1/attachments/999999")
    assert missing.status_code == 404 and missing.json() == response.json()  # the same answer: nothing leaks
    changes, _ = saigon.all_changes()
    assert not [c for c in changes if c["kind"] == "attachment"]
    assert saigon.get("/v1/attachments/not-a-number").status_code == 422
