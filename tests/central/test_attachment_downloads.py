"""Attachments fetched after the metadata: resumable, checked, kept inside the profile, within a budget."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import ClassVar

import pytest
import requests
from sqlalchemy import select

from app.attachment_downloads import AttachmentDownloads
from app.central_client import CentralClient
from central import models as server
from central.change_feed import record_change
from local_db.models import Attachment
from tests.central.conftest import WARD_A, Central
from tests.central.test_sync_engine import Desk, open_desk

CONTENT = (b"%PDF-1.4 Ward Desk test " + bytes(range(256))) * 900


def add_server_attachment(central: Central, name: str, content: bytes = CONTENT, sha: str | None = None) -> int:
    with central.service.sessions.begin() as session:
        document = session.scalars(select(server.Document).where(server.Document.unit_code == WARD_A)).first()
        attachment = server.Attachment(unit_code=WARD_A, item_kind="document", item_id=document.id, file_name=name,
                                       content_type="application/pdf", size=len(content),
                                       sha256=sha or hashlib.sha256(content).hexdigest(), content=content)  # fmt: skip
        session.add(attachment)
        record_change(session, WARD_A, "attachment", attachment)
    return attachment.id


@pytest.fixture
def desk(central: Central, tmp_path: Path):
    opened = open_desk(central, tmp_path / "desk")
    yield opened
    opened.cache.close()


def downloads(desk: Desk) -> AttachmentDownloads:
    return AttachmentDownloads(desk.cache, desk.engine.accounts)


def local_attachment(desk: Desk, remote_id: int) -> Attachment:
    with desk.cache.sessions() as session:
        return session.scalars(select(Attachment).where(Attachment.remote_id == str(remote_id))).one()


def test_an_attachment_is_fetched_checked_and_opens_offline(desk: Desk, central: Central) -> None:
    remote = add_server_attachment(central, "Công văn 15.pdf")
    desk.sync()
    report = downloads(desk).download_pending(desk.account_id, budget=10_000_000)
    assert (report.downloaded, report.bytes, report.failed) == (1, len(CONTENT), [])
    central.server.stop()  # offline from here on
    path = downloads(desk).local_file(local_attachment(desk, remote).id)
    assert path is not None and path.read_bytes() == CONTENT
    assert desk.cache.profile.attachments_dir.resolve() in path.resolve().parents


class RecordingClient(CentralClient):
    """The real client, remembering where each download asked to start."""

    starts: ClassVar[list[int]] = []
    statuses: ClassVar[list[int]] = []

    def attachment(self, access_token: str, attachment_id: str, start: int = 0) -> requests.Response:
        RecordingClient.starts.append(start)
        response = super().attachment(access_token, attachment_id, start)
        RecordingClient.statuses.append(response.status_code)
        return response


class StopAfterTwoChunks(threading.Event):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def is_set(self) -> bool:  # asked before each chunk
        self.calls += 1
        return self.calls > 3


def test_a_cut_download_resumes_where_it_stopped(desk: Desk, central: Central) -> None:
    remote = add_server_attachment(central, "ho-so.pdf")
    desk.sync()
    RecordingClient.starts, RecordingClient.statuses = [], []
    store = AttachmentDownloads(desk.cache, desk.engine.accounts, client_for=RecordingClient)
    first = store.download_pending(desk.account_id, budget=10_000_000, cancel=StopAfterTwoChunks())
    assert first.downloaded == 0
    partial = local_attachment(desk, remote).downloaded_bytes
    assert 0 < partial < len(CONTENT)
    second = store.download_pending(desk.account_id, budget=10_000_000)
    assert second.downloaded == 1
    assert RecordingClient.starts == [0, partial] and RecordingClient.statuses == [200, 206]
    assert store.local_file(local_attachment(desk, remote).id).read_bytes() == CONTENT


def test_a_hostile_file_name_stays_inside_the_profile(desk: Desk, central: Central) -> None:
    remote = add_server_attachment(central, "../../../../etc/cron.d/ward-desk")
    desk.sync()
    assert downloads(desk).download_pending(desk.account_id, budget=10_000_000).downloaded == 1
    path = downloads(desk).local_file(local_attachment(desk, remote).id)
    assert path.name == "ward-desk"
    assert desk.cache.profile.attachments_dir.resolve() in path.resolve().parents
    assert not Path("/etc/cron.d/ward-desk").exists()


def test_a_file_that_fails_its_sha256_is_not_kept(desk: Desk, central: Central) -> None:
    remote = add_server_attachment(central, "sai.pdf", sha="0" * 64)
    desk.sync()
    report = downloads(desk).download_pending(desk.account_id, budget=10_000_000)
    assert report.downloaded == 0 and report.failed == ["sai.pdf: sha256 mismatch"]
    stored = local_attachment(desk, remote)
    assert stored.local_path is None and stored.downloaded_bytes == 0
    assert not [p for p in desk.cache.profile.attachments_dir.rglob("*") if p.is_file()]


def test_the_budget_is_respected(desk: Desk, central: Central) -> None:
    add_server_attachment(central, "lon.pdf")
    desk.sync()
    report = downloads(desk).download_pending(desk.account_id, budget=len(CONTENT) - 1)
    assert (report.downloaded, report.over_budget) == (0, 1)
    assert downloads(desk).used_bytes() == 0
