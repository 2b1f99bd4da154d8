"""Demo and training items come with real PDFs: seeded beside the rows, logged in the change feed, brought
by a desk's first sync, fetched and checked, and opened in the window's viewer."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from app.domain.signature_verdict import SignatureCheck
from app.profile import Profile
from app.workbench import Workbench
from central import models as server
from central.agency_directory import load_shipped_directory
from central.seed import add_account, load_directory, seed_demo_items
from central.server import build_service
from kernel.clock import FixedClock
from local_db.models import Attachment, Document
from sandbox.demo import DemoLauncher
from tests.central.conftest import TEST_PASSWORD_COST, WARD_A
from tests.central.test_workbench_ui import select_remote
from tests.conftest import DEMO_NOW
from tests.ui.waiting import settle
from ui.main_window import MainWindow
from ui.sync_bridge import SyncBridge

ITEMS, FILES = 120, 80


def seeded(url: str, files: int = FILES) -> Iterator[Session]:
    service = build_service("unified", url, FixedClock(DEMO_NOW), TEST_PASSWORD_COST)
    with service.sessions.begin() as session:
        load_directory(session, load_shipped_directory())
        add_account(session, "thu.tdm", "Mật-khẩu-2026!", WARD_A, "Nguyễn Thị Thu", DEMO_NOW)
        seed_demo_items(session, WARD_A, ITEMS, DEMO_NOW, files=files)
    with service.sessions() as session:
        yield session
    service.engine.dispose()


def newest_first(session: Session) -> list[tuple[str, int]]:
    """The items as the lists show them, the newest first (by arrival, issue or receipt; then id, kind)."""
    documents = session.execute(
        select(server.Document.id, func.coalesce(server.Document.arrival_date, server.Document.issued_on))
    ).all()
    dossiers = session.execute(select(server.Dossier.id, server.Dossier.received_at)).all()
    days = [(day, item_id, "document") for item_id, day in documents]
    days += [(received.date(), item_id, "dossier") for item_id, received in dossiers]
    return [(kind, item_id) for _day, item_id, kind in sorted(days, reverse=True)]


def test_the_newest_items_get_their_pdfs_logged_after_them(database_url: str) -> None:
    for session in seeded(database_url):
        attachments = session.scalars(select(server.Attachment)).all()
        order = newest_first(session)
        attached = {(a.item_kind, a.item_id) for a in attachments}
        assert attached <= set(order[:FILES])  # none for the older items
        newest_documents = [item for item in order[:FILES] if item[0] == "document"]
        newest_dossiers = [item for item in order[:FILES] if item[0] == "dossier"]
        assert set(newest_documents) <= attached  # every document its letter
        assert len(attached & set(newest_dossiers)) >= 0.75 * len(newest_dossiers)  # most dossiers
        per_item = [sum(1 for a in attachments if (a.item_kind, a.item_id) == item) for item in attached]
        assert set(per_item) == {1, 2}  # some with an annex or an ID copy
        for attachment in attachments:
            assert attachment.content.startswith(b"%PDF-1.7") and attachment.content.endswith(b"%%EOF\n")
            assert attachment.sha256 == hashlib.sha256(attachment.content).hexdigest()
            assert attachment.size == len(attachment.content) and attachment.content_type == "application/pdf"
            assert attachment.unit_code == WARD_A and attachment.file_name.endswith(".pdf")
        log = session.execute(select(server.ChangeLog.kind, server.ChangeLog.item_id, server.ChangeLog.seq)).all()
        logged = sorted(int(item_id) for kind, item_id, _ in log if kind == "attachment")
        assert logged == sorted(a.id for a in attachments)
        last_item = max(seq for kind, _, seq in log if kind in ("document", "dossier"))
        assert min(seq for kind, _, seq in log if kind == "attachment") > last_item  # a desk has the item first


def test_a_benchmark_s_seeding_writes_no_file(tmp_path: Path) -> None:
    for session in seeded(f"sqlite:///{tmp_path / 'central.sqlite3'}", files=0):
        assert session.scalar(select(func.count()).select_from(server.Attachment)) == 0


def test_the_same_seeding_gives_the_same_bytes(tmp_path: Path) -> None:
    runs = []
    for name in ("one", "two"):
        for session in seeded(f"sqlite:///{tmp_path / name}.sqlite3"):
            columns = (server.Attachment.item_kind, server.Attachment.item_id, server.Attachment.file_name)
            runs.append(
                session.execute(select(*columns, server.Attachment.content).order_by(server.Attachment.id)).all()
            )
    assert runs[0] == runs[1] and len(runs[0]) > FILES


# -- the demo on a real desk -----------------------------------------------------------------------------


def server_attachments(folder: Path) -> dict[str, tuple[str, str, str, int]]:
    """The demo service's attachments, read from its database file: remote id → kind, name, sha256, item."""
    engine = create_engine(f"sqlite:///{folder / 'central-unified.sqlite3'}")
    try:
        with engine.connect() as db:
            columns = (server.Attachment.id, server.Attachment.item_kind, server.Attachment.file_name,
                       server.Attachment.sha256, server.Attachment.item_id)  # fmt: skip
            return {str(row[0]): tuple(row[1:]) for row in db.execute(select(*columns))}  # type: ignore[misc]
    finally:
        engine.dispose()


@pytest.fixture
def demo_window(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> Iterator[tuple[MainWindow, Path]]:
    """The window as ``ward-desk --demo`` opens it: a fresh profile, the demo service started and synced."""
    workbench = Workbench.open(Profile(tmp_path / "desk"), FixedClock(DEMO_NOW), session_only=True)
    demo = DemoLauncher(tmp_path / "demo-central", workbench.clock, 40)
    bridge = SyncBridge()
    window = MainWindow(workbench, bridge)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(bridge.sync_finished, timeout=60_000):
        window.start_services(demo, interval=3600)
    settle(qtbot, window)
    yield window, tmp_path / "demo-central"
    window.close()  # its reads end before the cache closes (ui.tasks.TaskRunner.shutdown)
    workbench.close()
    demo.stop()


def test_a_demo_desk_fetches_the_pdfs_and_opens_them(demo_window: tuple[MainWindow, Path], qtbot: QtBot) -> None:
    window, folder = demo_window
    on_server = server_attachments(folder)
    assert len(on_server) > 40  # every one of the 40 items is among the newest: most have a file, some two
    with window.workbench.cache.sessions() as session:
        local = session.scalars(select(Attachment)).all()
    assert sorted(a.remote_id for a in local) == sorted(on_server)  # the first sync brought them all
    downloads = window.workbench.desk.services().downloads
    for attachment in local:  # fetched after the sync, before the window heard of it; checked again here
        path = downloads.local_file(attachment.id)
        assert path is not None, attachment.file_name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == on_server[attachment.remote_id][2]
        assert path.name == on_server[attachment.remote_id][1]
    two_papers = next(item for item in _items(on_server) if item[0] == "dossier" and _count(on_server, item) == 2)
    document = next(item for item in _items(on_server) if item[0] == "document")
    for (kind, item_id), key in ((two_papers, "dossiers"), (document, "incoming")):
        if kind == "document" and _direction(folder, item_id) == "outgoing":
            key = "outgoing"
        select_remote(window, qtbot, key, item_id)
        shown = window.detail.detail.attachments
        assert len(shown) == _count(on_server, (kind, item_id)) and all(line.here for line in shown)
        for attachment_id, *_ in shown:
            viewer = window.detail.open_attachment(attachment_id)
            qtbot.addWidget(viewer)
            assert viewer.loaded and viewer.document.pageCount() >= 1


def _items(on_server: dict[str, tuple[str, str, str, int]]) -> list[tuple[str, int]]:
    return sorted({(kind, item_id) for kind, _name, _sha, item_id in on_server.values()})


def _count(on_server: dict[str, tuple[str, str, str, int]], item: tuple[str, int]) -> int:
    return sum(1 for kind, _name, _sha, item_id in on_server.values() if (kind, item_id) == item)


def _direction(folder: Path, document_id: int) -> str:
    engine = create_engine(f"sqlite:///{folder / 'central-unified.sqlite3'}")
    try:
        with engine.connect() as db:
            return db.scalar(select(server.Document.direction).where(server.Document.id == document_id)) or ""
    finally:
        engine.dispose()


def test_the_demos_newest_letters_come_signed_and_the_desk_checks_them(
    demo_window: tuple[MainWindow, Path],
) -> None:
    """Six letters signed by their own signers under the demo PKI, long-term: four check valid, one was
    changed after signing, one is signed under a root the demo desk does not trust."""
    window, _folder = demo_window
    with window.workbench.cache.sessions() as session:
        verdicts = session.scalars(select(Document.signature_verdict).where(Document.signature_verdict.is_not(None)))
        counted = Counter(verdicts)
        kept = session.scalars(select(Attachment.signature_check).where(Attachment.signature_check.like("%ChuKy%")))
        signers = {SignatureCheck.from_text(json.loads(check)["check"]).findings[0].signer for check in kept}
        named = set(session.scalars(select(Document.signer_name).where(Document.signature_verdict.is_not(None))))
    assert counted == {"valid": 4, "modified": 1, "untrusted": 1}
    assert signers == named  # each letter is signed by the person it names
    assert window.workbench.settings.signature_anchors.endswith("root.pem")
