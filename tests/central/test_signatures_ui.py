"""Signed PDFs on the real window, offscreen, against the real service: a letter signed on a SoftHSM2
token (PAdES-B-LT, the test PKI on loopback) arrives with a document; the desk checks it on a worker,
the detail pane and the list say it is valid, and the details dialog names the signer. A copy changed
after signing says so; the kept check is not repeated, and new trust anchors bring a new one."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.domain.signature_verdict import Verdict
from central import models as server
from central.change_feed import record_change
from central.demo_pki import DemoPki
from local_db.models import Attachment, Document
from tests.central import test_workbench_ui
from tests.central.conftest import WARD_A, Central
from tests.central.test_workbench_ui import select_remote
from tests.signatures.test_pdf_signatures import _letter, _sign
from tests.soft_token import SoftToken
from ui.main_window import MainWindow
from ui.signature_view import SignatureDialog

window = test_workbench_ui.window  # the real window on a desk synced with the real service (a fixture)


def _attach(central: Central, document_id: int, name: str, content: bytes) -> None:
    with central.service.sessions.begin() as session:
        attachment = server.Attachment(unit_code=WARD_A, item_kind="document", item_id=document_id, file_name=name,
                                       content_type="application/pdf", size=len(content),
                                       sha256=hashlib.sha256(content).hexdigest(), content=content)  # fmt: skip
        session.add(attachment)
        record_change(session, WARD_A, "attachment", attachment)


def _two_documents(central: Central) -> list[server.Document]:
    with central.service.sessions() as session:
        query = select(server.Document).where(
            server.Document.unit_code == WARD_A, server.Document.direction == "incoming"
        )
        return list(session.scalars(query.order_by(server.Document.id).limit(2)))


def _detail_text(window: MainWindow) -> str:
    return window.detail.body.toPlainText()


def _local_verdict(window: MainWindow, remote_id: int) -> str | None:
    with window.workbench.cache.sessions() as session:
        return session.scalar(select(Document.signature_verdict).where(Document.remote_id == str(remote_id)))


def _kept_check(window: MainWindow) -> str | None:
    with window.workbench.cache.sessions() as session:
        query = select(Attachment.signature_check).where(Attachment.file_name == "Quyết định ký số.pdf")
        return session.scalar(query)


def _list_mark(window: MainWindow, remote_id: int) -> object:
    with window.workbench.cache.sessions() as session:
        local_id = session.scalar(select(Document.id).where(Document.remote_id == str(remote_id)))
    model = window.documents
    for row in range(model.rowCount()):
        if model.row_at(row).id == local_id:
            icon = model.data(model.index(row, model.NUMBER_COLUMN), Qt.ItemDataRole.DecorationRole)
            return None if icon is None or icon.isNull() else icon
    return None


def test_a_signed_letter_is_checked_and_shown_valid_and_a_changed_copy_is_not(
    window: MainWindow, central: Central, pki: DemoPki, tokens: dict[str, SoftToken], anchors, root_pem_file: Path,
    qtbot: QtBot,
) -> None:  # fmt: skip
    signed = _sign(_letter(), tokens["chairman"], pki, anchors)
    at = signed.index(b"/MediaBox")
    changed = signed[:at] + b"/MediaBoy" + signed[at + 9 :]
    valid_doc, changed_doc = _two_documents(central)
    _attach(central, valid_doc.id, "Quyết định ký số.pdf", signed)
    _attach(central, changed_doc.id, "Quyết định bị sửa.pdf", changed)
    window.workbench.save_settings(replace(window.workbench.settings, signature_anchors=str(root_pem_file)))
    with qtbot.waitSignal(window.bridge.sync_finished, timeout=20000):
        window.sync_now()

    select_remote(window, qtbot, "incoming", valid_doc.id)
    qtbot.waitUntil(lambda: "Chữ ký số hợp lệ" in _detail_text(window), timeout=20000)
    assert _local_verdict(window, valid_doc.id) == Verdict.VALID
    qtbot.waitUntil(lambda: _list_mark(window, valid_doc.id) is not None, timeout=10000)  # the list's mark
    [line] = window.detail.detail.attachments
    window.detail.show_signatures(line.id)
    qtbot.waitUntil(lambda: isinstance(window.detail.signature_dialog, SignatureDialog), timeout=10000)
    dialog = window.detail.signature_dialog
    text = dialog.body.toPlainText()
    assert "Nguyễn Văn An" in text and "UBND Phường Sài Gòn" in text
    assert "CA phục vụ các cơ quan Nhà nước (thử nghiệm)" in text
    assert "từ dữ liệu thu hồi trong tệp" in text  # revocation from the file's own data
    dialog.reject()

    select_remote(window, qtbot, "incoming", changed_doc.id)
    qtbot.waitUntil(lambda: "Bị thay đổi sau khi ký" in _detail_text(window), timeout=20000)
    assert _local_verdict(window, changed_doc.id) == Verdict.MODIFIED


def test_a_kept_check_is_not_repeated_and_new_anchors_check_again(
    window: MainWindow, central: Central, pki: DemoPki, tokens: dict[str, SoftToken], anchors, root_pem_file: Path,
    qtbot: QtBot, tmp_path: Path,
) -> None:  # fmt: skip
    signed = _sign(_letter(), tokens["chairman"], pki, anchors)
    [document, _other] = _two_documents(central)
    _attach(central, document.id, "Quyết định ký số.pdf", signed)
    window.workbench.save_settings(replace(window.workbench.settings, signature_anchors=str(root_pem_file)))
    with qtbot.waitSignal(window.bridge.sync_finished, timeout=20000):
        window.sync_now()  # after the downloads, the sync checks what arrived
    assert _local_verdict(window, document.id) == Verdict.VALID
    kept = _kept_check(window)
    assert window.workbench.signatures.check_waiting(online=True) == 0
    # Another organisation's roots: the same file no longer chains to a trusted root.
    rogue = tmp_path / "rogue.pem"
    from asn1crypto import pem

    rogue.write_bytes(pem.armor("CERTIFICATE", pki.certificate("rogue").dump()))
    window.workbench.save_settings(replace(window.workbench.settings, signature_anchors=str(rogue)))
    assert window.workbench.signatures.check_waiting(online=False) == 1
    assert _local_verdict(window, document.id) == Verdict.UNTRUSTED
    with window.workbench.cache.sessions() as session:
        assert (
            session.scalar(select(Attachment.signature_check).where(Attachment.file_name == "Quyết định ký số.pdf"))
            != kept
        )
