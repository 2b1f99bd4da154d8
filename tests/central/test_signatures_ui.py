"""Signed PDFs on the real window, offscreen, against the real service: a letter signed on a SoftHSM2
token (PAdES-B-LT, the test PKI on loopback) arrives with a document; the desk checks it on a worker,
the detail pane and the list say it is valid, and the details dialog names the signer. A copy changed
after signing says so; the kept check is not repeated, and new trust anchors bring a new one."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import replace
from pathlib import Path

from asn1crypto import pem
from asn1crypto.pem import unarmor
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.accounts import SourceInfo
from app.credentials import CredentialStore
from app.domain.outgoing_draft import Draft, DraftRecipient
from app.domain.signature_verdict import RevocationSource, Verdict
from app.profile import Profile
from app.workbench import Workbench
from central import models as server
from central.change_feed import record_change
from central.demo_pki import DemoPki
from local_db.models import Attachment, Document
from tests.central import test_workbench_ui
from tests.central.conftest import PASSWORD_B, WARD_A, WARD_B, Central
from tests.central.test_drafting_ui import act, synced
from tests.central.test_workbench_ui import select_remote, wait_synced
from tests.signatures.test_pdf_signatures import _letter, _sign, pyhanko_validate
from tests.soft_token import SoftToken
from ui.main_window import MainWindow
from ui.pin_dialog import PinDialog
from ui.signature_view import SignatureDialog

window = test_workbench_ui.window  # the real window on a desk synced with the real service (a fixture)
SUBJECT = "Quyết định kiện toàn Tổ công tác chuyển đổi số phường"


def pem_body(pem: bytes) -> bytes:
    return unarmor(pem)[2]


def _local_document(window: MainWindow) -> Document:
    with window.workbench.cache.sessions() as session:
        return session.scalars(select(Document).where(Document.subject == SUBJECT)).one()


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


def _files_holding(folder: Path, secrets: list[bytes]) -> list[Path]:
    """Every file under ``folder`` that contains one of ``secrets`` (as bytes, UTF-8 or UTF-16)."""
    forms = [form for secret in secrets for form in (secret, secret.decode("latin-1").encode("utf-16-le"))]
    return [path for path in folder.rglob("*") if path.is_file() and any(f in path.read_bytes() for f in forms)]


def test_a_document_signed_on_the_token_is_sent_and_checks_valid_at_the_receiving_desk_offline(
    window: MainWindow, central: Central, pki: DemoPki, tokens: dict[str, SoftToken], root_pem_file: Path,
    anchors, qtbot: QtBot, tmp_path: Path,
) -> None:  # fmt: skip
    token = tokens["chairman"]
    # The service signs the ward's envelopes with the ward's agency certificate, and judges arrivals.
    chain = [pem.armor("CERTIFICATE", pki.certificate(label).dump()).decode() for label in ("thu-dau-mot", "gov")]
    central.service.envelopes.signers[WARD_A] = (pki.key_file("thu-dau-mot").read_bytes(), chain)
    central.service.envelopes.anchors = anchors
    window.workbench.save_settings(replace(
        window.workbench.settings, signature_anchors=str(root_pem_file), pkcs11_module=token.module,
        pkcs11_token=token.label, timestamp_url=pki.timestamp_url,
    ))  # fmt: skip
    letter = tmp_path / "Quyết định kiện toàn tổ công tác.pdf"
    letter.write_bytes(_letter())
    draft = Draft("QĐ", SUBJECT, "", "Nguyễn Văn An", "Chủ tịch", (DraftRecipient(WARD_B, "Phường Sài Gòn"),))
    window.workbench.create_draft(draft, (letter,))
    wait_synced(window, qtbot)
    local = _local_document(window)
    select_remote(window, qtbot, "outgoing", int(local.remote_id or 0))
    act(window, qtbot, "submit_for_signature")
    wait_synced(window, qtbot)
    typed: list[str] = []

    def pin_typed(parent: object, what: str) -> tuple[str, bool]:  # the real dialog, as the signer fills it
        dialog = PinDialog(what, parent)  # type: ignore[arg-type]
        dialog.pin.setText(token.pin)
        typed.append(what)
        assert dialog.sign_button.isEnabled()
        return dialog.pin.text(), True

    window.detail._ask_pin = pin_typed
    qtbot.waitUntil(lambda: window.detail.findChild(QPushButton, "action_sign") is not None, timeout=10000)
    with qtbot.waitSignal(window.detail.acted, timeout=60000):  # the token, the timestamp, the OCSP answer
        window.detail.findChild(QPushButton, "action_sign").click()
    qtbot.waitUntil(lambda: "Chữ ký số hợp lệ" in _detail_text(window), timeout=30000)
    assert typed == [SUBJECT]
    assert [line.name for line in window.detail.detail.attachments] == [f"{letter.stem}-da-ky.pdf"]
    act(window, qtbot, "issue")
    wait_synced(window, qtbot)
    synced(window, qtbot)  # the number the register gave
    # The clerk adds the agency's signature with the agency's token, once the number is known.
    window.workbench.save_settings(replace(window.workbench.settings, pkcs11_token=tokens["agency"].label))
    token = tokens["agency"]
    qtbot.waitUntil(lambda: window.detail.findChild(QPushButton, "action_seal") is not None, timeout=10000)
    qtbot.mouseClick(window.detail.findChild(QPushButton, "action_seal"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [line.name for line in window.detail.detail.attachments]
                    == [f"{letter.stem}-ban-hanh.pdf"], timeout=30000)  # fmt: skip
    qtbot.waitUntil(lambda: "Chữ ký số hợp lệ" in _detail_text(window), timeout=30000)
    assert window.detail.findChild(QPushButton, "action_seal") is None  # sealed once
    wait_synced(window, qtbot)
    synced(window, qtbot)  # the sealed copy reaches the service before the document goes out
    act(window, qtbot, "send")
    wait_synced(window, qtbot)
    synced(window, qtbot)

    with central.service.sessions() as session:
        sent = session.get_one(server.Document, int(local.remote_id or 0))
        received = session.scalars(
            select(server.Document).where(
                server.Document.unit_code == WARD_B, server.Document.edxml_document_id == sent.edxml_document_id
            )
        ).one()
        arrived = session.scalars(select(server.Attachment).where(
            server.Attachment.item_kind == "document", server.Attachment.item_id == received.id)).all()  # fmt: skip
    assert sent.state == "sent"
    envelope = received.trail[0]["envelope_signature"]  # the arriving envelope, judged by the service
    assert envelope["verdict"] == "valid_unchecked" and envelope["signer"] == "UBND Phường Thủ Dầu Một", envelope
    assert [a.file_name for a in arrived] == [f"{letter.stem}-ban-hanh.pdf"]  # the sealed copy, not the draft

    # The receiving ward's desk: synced once, then checked with no network at all.
    receiving = Workbench.open(Profile(tmp_path / "sai-gon"), central.clock, CredentialStore(fail.Keyring()))
    try:
        receiving.save_settings(replace(receiving.settings, signature_anchors=str(root_pem_file)))
        receiving.add_account(SourceInfo("unified", "Hệ thống dùng chung", "unified", central.url), "lan.saigon",
                              PASSWORD_B)  # fmt: skip
        report = receiving.desk.engine.sync_account(receiving.active_account_ids()[0])
        assert report.problem is None
        receiving.desk.downloads.download_pending(receiving.active_account_ids()[0], 10**9)
        pki.stop_serving()
        try:
            with receiving.cache.sessions() as session:
                attachment_id = session.scalars(select(Attachment.id).where(
                    Attachment.file_name == f"{letter.stem}-ban-hanh.pdf")).one()  # fmt: skip
            check = receiving.signatures.check(attachment_id, online=False)
            received_file = receiving.attachment_file(attachment_id)
        finally:
            pki.serve_again()
    finally:
        receiving.close()
    assert check is not None and check.verdict is Verdict.VALID, check
    signer, agency = check.findings
    assert all(f.revocation is RevocationSource.EMBEDDED and f.timestamped for f in check.findings)
    assert (signer.signer, signer.organisation) == ("Nguyễn Văn An", "UBND Phường Sài Gòn")
    assert (agency.signer, agency.field_name) == ("UBND Phường Sài Gòn", "ChuKyCoQuan")
    # The same file, as the receiving ward has it, passes pyHanko's own command-line validator.
    assert received_file is not None
    independent = pyhanko_validate(received_file.read_bytes(), root_pem_file, tmp_path)
    assert independent.returncode == 0, independent.stdout + independent.stderr
    assert independent.stdout.count("The signer's certificate is trusted.") == 2

    # Neither the PIN nor the private key is anywhere in the signer's profile.
    secrets = [token.pin.encode()]
    for holder in ("chairman", "agency"):
        key_der = pem_body(pki.key_file(holder).read_bytes())
        secrets += [key_der, base64.b64encode(key_der)[:64]]
    assert _files_holding(window.workbench.cache.profile.root, secrets) == []
