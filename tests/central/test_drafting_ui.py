"""An outgoing document on the real window, offscreen, against the real service: drafted with recipients
picked from the directory, signed, numbered by the unit's register, sent on the axis to two units of the
service; one of them registers and finishes it, and the sender's recipient table shows 03, then 06. And
a recall request from an issuer, shown to the recipient and refused."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.domain.edxml_document_writer import write_document_packet
from central import models as server
from local_db.models import Document
from tests.central import test_workbench_ui
from tests.central.conftest import AXIS_PASSWORD, PASSWORD_B, WARD_A, WARD_B, Central, mutation
from tests.central.test_document_axis import outgoing_original, post, row
from tests.central.test_intake_ui import type_into
from tests.central.test_workbench_ui import click, select_remote, wait_synced
from tests.ui.waiting import settle
from ui.main_window import MainWindow

window = test_workbench_ui.window  # the real window on a desk synced with the real service (a fixture)
JUSTICE = "000.00.03.H29"  # Sở Tư pháp: a unit of the same service
SUBJECT = "V/v tổ chức tuyên truyền pháp luật về đất đai năm 2026"


def local_draft(window: MainWindow) -> Document:
    with window.workbench.cache.sessions() as session:
        return session.scalars(select(Document).where(Document.subject == SUBJECT)).one()


def next_outgoing_number(central: Central, issued: Document) -> str:
    """What the register should have given: one above every other outgoing number of the ward that year."""
    with central.service.sessions() as session:
        rows = session.execute(select(server.Document.number, server.Document.issued_on).where(
            server.Document.unit_code == WARD_A, server.Document.direction == "outgoing",
            server.Document.number.is_not(None), server.Document.id != int(issued.remote_id or 0)))  # fmt: skip
        used = [int(n) for n, day in rows if n.isdigit() and day is not None and day.year == issued.issued_on.year]
    return f"{max(used, default=0) + 1:02d}"


def act(window: MainWindow, qtbot: QtBot, action: str) -> None:
    """The action's button, once the item shown has it (a sync's report may be reading it again)."""
    qtbot.waitUntil(lambda: window.detail.findChild(QPushButton, f"action_{action}") is not None, timeout=10000)
    click(window, qtbot, action)


def synced(window: MainWindow, qtbot: QtBot) -> None:
    """A sync asked for now (F5), as the official does to see the answers."""
    with qtbot.waitSignal(window.bridge.sync_finished, timeout=20000):
        window.workbench.sync_now()
    settle(qtbot, window)


def test_draft_sign_issue_send_and_see_the_answers(
    window: MainWindow, qtbot: QtBot, central: Central, tmp_path: Path
) -> None:
    window.draft_action.trigger()
    dialog = window.draft_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.matches.count() > 0)
    dialog.doc_type.setCurrentIndex(dialog.doc_type.findData("KH"))  # Kế hoạch
    type_into(qtbot, dialog, "draftSubject", SUBJECT)
    type_into(qtbot, dialog, "draftSignerName", "Lê Văn Đức")
    type_into(qtbot, dialog, "draftSignerPosition", "KT. CHỦ TỊCH — PHÓ CHỦ TỊCH")
    type_into(qtbot, dialog, "recipientSearch", "phuong sai gon")  # without diacritics
    qtbot.keyClick(dialog.recipient_search, Qt.Key.Key_Return)
    dialog.choose_recipients(JUSTICE)
    assert [r.organ_id for r in dialog.recipients()] == [WARD_B, JUSTICE]
    plan = tmp_path / "ke-hoach.pdf"
    plan.write_bytes(b"%PDF-1.4 ke hoach\n")
    dialog.pick_files([plan])
    qtbot.keyClick(dialog.subject, Qt.Key.Key_Return)  # Enter in a field saves nothing: only Ctrl+Enter does
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: window.detail.detail is not None and window.detail.detail.fields["subject"] == SUBJECT)
    assert "Chưa gửi" in window.detail.body.toPlainText()  # the recipients wait: not sent yet

    wait_synced(window, qtbot)
    draft = local_draft(window)
    assert draft.remote_id is not None and draft.number is None
    for action in ("submit_for_signature", "sign", "issue"):
        act(window, qtbot, action)
    wait_synced(window, qtbot)
    issued = local_draft(window)
    assert issued.issued_on is not None and issued.number == next_outgoing_number(central, issued)
    assert issued.notation == "KH-UBND"
    act(window, qtbot, "send")
    wait_synced(window, qtbot)

    with central.service.sessions() as session:
        sent = session.get_one(server.Document, int(issued.remote_id or 0))
        copy = session.scalars(select(server.Document).where(server.Document.unit_code == WARD_B).where(
            server.Document.edxml_document_id == sent.edxml_document_id)).one()  # fmt: skip
        files = session.scalars(select(server.Attachment.content).where(
            server.Attachment.item_kind == "document", server.Attachment.item_id == copy.id)).all()  # fmt: skip
    assert sent.state == "sent" and sent.edxml_document_id.startswith(f"{WARD_A},")
    assert {d["organ_id"]: d["status"] for d in sent.deliveries} == {WARD_B: "01", JUSTICE: "01"}
    assert (copy.subject, copy.doc_type, copy.number) == (SUBJECT, "KH", issued.number)
    assert copy.issuing_agency_code == WARD_A
    assert files == [b"%PDF-1.4 ke hoach\n"]

    lan = central.client("lan.saigon", PASSWORD_B)
    for action, payload in (("register", {}), ("assign", {"assignee": "Trần Văn Bình"})):
        (result,) = lan.mutate(mutation("document", str(copy.id), action, copy.version, **payload))
        assert result["status"] == "applied", result
        copy.version = result["version"]
        if action == "register":
            synced(window, qtbot)
            qtbot.waitUntil(lambda: "Đã tiếp nhận, vào sổ" in window.detail.body.toPlainText())
            assert {d["organ_id"]: d["status"] for d in local_draft(window).deliveries}[WARD_B] == "03"
    (result,) = lan.mutate(mutation("document", str(copy.id), "mark_done", copy.version))
    assert result["status"] == "applied", result
    synced(window, qtbot)
    qtbot.waitUntil(lambda: "Đã hoàn thành xử lý" in window.detail.body.toPlainText())
    statuses = {d["organ_id"]: d["status"] for d in local_draft(window).deliveries}
    assert statuses == {WARD_B: "06", JUSTICE: "01"}
    assert [e["status"] for e in local_draft(window).trail if e.get("status")] == ["01", "01", "03", "04", "06"]


def test_a_recall_request_is_shown_and_refused_in_the_window(
    window: MainWindow, qtbot: QtBot, central: Central
) -> None:
    sent = outgoing_original(central, WARD_B, 85, (WARD_A,))
    axis = central.client("truc-lien-thong", AXIS_PASSWORD)
    post(axis, write_document_packet(sent))
    synced(window, qtbot)
    arrived = row(central, sent.document_id)
    assert arrived is not None
    select_remote(window, qtbot, "incoming", arrived.id)
    act(window, qtbot, "register")
    wait_synced(window, qtbot)
    lan = central.client("lan.saigon", PASSWORD_B)
    original = row(central, sent.document_id, WARD_B, "outgoing")
    assert original is not None
    (result,) = lan.mutate(mutation("document", str(original.id), "recall", original.version, reason="Sai số liệu"))
    assert result["status"] == "applied", result
    synced(window, qtbot)
    window.detail.show_item("document", window.detail.detail.id)
    qtbot.waitUntil(lambda: "đề nghị thu hồi văn bản này" in window.detail.body.toPlainText())
    assert window.detail.findChild(QPushButton, "action_agree_recall") is not None
    click(window, qtbot, "refuse_recall", "Đã triển khai thực hiện")
    wait_synced(window, qtbot)
    answered = row(central, sent.document_id, WARD_B, "outgoing")
    assert answered is not None and answered.deliveries[0]["status"] == "16"
    back = row(central, sent.document_id)
    assert back is not None and back.state == "registered"
