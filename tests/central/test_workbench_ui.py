"""The real window, offscreen, driven through the daily workflows against the real service."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backends import fail
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.accounts import SourceInfo
from app.credentials import CredentialStore
from app.domain.workflow import DossierState
from app.profile import Profile
from app.workbench import Workbench
from central import models as server
from central.change_feed import record_change
from central.server import start_in_thread
from tests.central.conftest import PASSWORD_A, WARD_A, Central
from tests.central.test_sync_engine import server_dossiers
from tests.ui.waiting import settle
from ui.assignee_dialog import AssigneeDialog
from ui.main_window import NAVIGATION, MainWindow
from ui.sync_bridge import SyncBridge
from ui.translation import install_translator

ROW = {key: row for row, (key, *_rest) in enumerate(NAVIGATION)}


@pytest.fixture
def window(qtbot: QtBot, qapp: QApplication, central: Central, tmp_path: Path) -> Iterator[MainWindow]:
    translator = install_translator(qapp, "vi")
    # A real desk whose OS offers no secure keyring (keyring's "fail" backend): secrets live in memory.
    bench = Workbench.open(Profile(tmp_path / "desk"), central.clock, CredentialStore(fail.Keyring()))
    bench.add_account(SourceInfo("unified", "Hệ thống dùng chung", "unified", central.url), "thu.tdm", PASSWORD_A)
    bridge = SyncBridge()
    win = MainWindow(bench, bridge)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(bridge.sync_finished, timeout=20000):
        win.start_services(interval=3600)
    settle(qtbot, win)
    answers: list[str] = []
    win.detail._ask = lambda _parent, _title, _label: (answers.pop(0), True)
    win.detail._ask_assignee = lambda parent, title, names: picked(AssigneeDialog(title, names, parent), answers.pop(0))
    win.answers = answers  # type: ignore[attr-defined]
    confirmed: list[str] = []  # the irreversible actions the official was asked about (and said yes to)
    win.detail._confirm = lambda _parent, title, _question, _go: confirmed.append(title) is None
    win.confirmed = confirmed  # type: ignore[attr-defined]
    yield win
    win.close()  # its reads end before the cache closes (ui.tasks.TaskRunner.shutdown)
    bench.close()
    if translator is not None:
        QCoreApplication.removeTranslator(translator)


def picked(dialog: AssigneeDialog, typed: str) -> tuple[str, bool]:
    """The assignment picker as the official uses it: type, then Enter takes the best match."""
    dialog.search.setText(typed)
    return dialog.chosen(), True


def select_remote(window: MainWindow, qtbot: QtBot, key: str, remote_id: int) -> None:
    window.navigator.setCurrentRow(ROW[key])
    settle(qtbot, window)
    kind = "dossier" if key == "dossiers" else "document"
    model = window.dossiers if kind == "dossier" else window.documents
    with window.workbench.cache.sessions() as session:
        from local_db.models import Document, Dossier

        local_model = Dossier if kind == "dossier" else Document
        local_id = session.scalar(select(local_model.id).where(local_model.remote_id == str(remote_id)))
    while True:
        rows = [model.row_at(r).id for r in range(model.rowCount())]
        if local_id in rows or not model.canFetchMore(model.index(-1, -1)):
            break
        model.fetchMore(model.index(-1, -1))
        settle(qtbot, window)
    window.select_row(kind, rows.index(local_id))
    qtbot.waitUntil(lambda: window.detail.detail is not None and window.detail.detail.id == local_id)
    settle(qtbot, window)


def click(window: MainWindow, qtbot: QtBot, action: str, *answers: str) -> None:
    window.answers.extend(answers)  # type: ignore[attr-defined]
    button = window.detail.findChild(QPushButton, f"action_{action}")
    assert button is not None, f"no button for {action}"
    qtbot.waitUntil(button.isEnabled)  # as the user waits for it (a sync's report may be reading the item again)
    with qtbot.waitSignal(window.detail.acted, timeout=5000):  # written on the window's writer thread
        button.click()
    settle(qtbot, window)  # and the item read again


def wait_synced(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: window.workbench.account_statuses()[0].pending == 0, timeout=20000)


def server_document(central: Central, document_id: int) -> server.Document:
    with central.service.sessions() as session:
        return session.get_one(server.Document, document_id)


def server_dossier(central: Central, dossier_id: int) -> server.Dossier:
    with central.service.sessions() as session:
        return session.get_one(server.Dossier, dossier_id)


@pytest.fixture
def received_document(central: Central) -> int:
    with central.service.sessions.begin() as session:
        document = session.scalars(
            select(server.Document).where(server.Document.unit_code == WARD_A, server.Document.direction == "incoming")
        ).first()
        document.state, document.arrival_number, document.version = "received", None, document.version + 1
        record_change(session, WARD_A, "document", document)
    return document.id


@pytest.fixture
def window_with_received(received_document: int, window: MainWindow) -> tuple[MainWindow, int]:
    return window, received_document


def test_an_incoming_document_from_arrival_to_done(window_with_received, central: Central, qtbot: QtBot) -> None:
    window, document_id = window_with_received
    select_remote(window, qtbot, "incoming", document_id)
    assert "Mới đến" in window.detail.body.toPlainText()
    click(window, qtbot, "register")
    assert "Chờ đồng bộ" in window.detail.body.toPlainText()
    click(window, qtbot, "assign", "nguyen thi thu")  # the unit's official, found without diacritics
    click(window, qtbot, "forward", "Lê Văn Hùng")
    click(window, qtbot, "mark_done")
    wait_synced(window, qtbot)
    document = server_document(central, document_id)
    assert document.state == "done" and document.assignee == "Lê Văn Hùng" and document.arrival_number is not None
    assert [e["action"] for e in document.trail[-4:]] == ["register", "assign", "forward", "mark_done"]
    assert document.trail[-3]["assignee"] == "Nguyễn Thị Thu"


def test_a_dossier_accepted_supplemented_decided_and_returned(window: MainWindow, central: Central, qtbot) -> None:
    dossier = server_dossiers(central, DossierState.SUBMITTED)[0]
    select_remote(window, qtbot, "dossiers", dossier.id)
    click(window, qtbot, "accept")
    click(window, qtbot, "start_processing")
    click(window, qtbot, "request_supplement", "Thiếu bản sao giấy chứng sinh")
    click(window, qtbot, "supplement_received")
    click(window, qtbot, "record_result", "Đã cấp Giấy khai sinh bản chính")
    click(window, qtbot, "return_result")
    wait_synced(window, qtbot)
    after = server_dossier(central, dossier.id)
    assert after.state == int(DossierState.RETURNED)
    assert [h.get("action") for h in after.history][-6:] == [
        "accept", "start_processing", "request_supplement", "supplement_received", "record_result", "return_result",
    ]  # fmt: skip


def test_an_action_taken_offline_syncs_later(window: MainWindow, central: Central, qtbot: QtBot) -> None:
    port = int(central.url.rsplit(":", 1)[1])
    central.server.stop()
    dossier = server_dossiers(central, DossierState.SUBMITTED)[0]
    select_remote(window, qtbot, "dossiers", dossier.id)
    click(window, qtbot, "accept")
    assert "Chờ đồng bộ" in window.detail.body.toPlainText()
    window.navigator.setCurrentRow(ROW["waiting"])
    settle(qtbot, window)
    assert window.dossiers.total == 1
    qtbot.waitUntil(lambda: "mất kết nối" in window.connection.text(), timeout=10000)
    central.server = start_in_thread(central.service, port=port)
    window.sync_button.click()
    wait_synced(window, qtbot)
    assert server_dossier(central, dossier.id).state == int(DossierState.ACCEPTED)
    qtbot.waitUntil(lambda: "trực tuyến" in window.connection.text(), timeout=10000)


def test_without_a_secure_keyring_the_status_bar_says_so(window: MainWindow, qtbot: QtBot) -> None:
    # the fixture's credential store has no keyring (keyring's "fail" backend): secrets live in memory
    window.refresh_status()
    qtbot.waitUntil(lambda: "không có kho khóa an toàn" in window.connection.text())


SAMPLES = Path(__file__).parents[1] / "data" / "edxml"


def test_an_edxml_file_is_shown_checked_and_imported_into_the_queue(
    window: MainWindow, central: Central, qtbot: QtBot, tmp_path: Path
) -> None:
    packet = (SAMPLES / "edoc_new.edxml").read_bytes().replace(b"28.22.H17", WARD_A.encode())
    path = tmp_path / "tu-usb.edxml"
    path.write_bytes(packet)
    with qtbot.waitSignal(window.edxml_opened, timeout=15000) as opened:  # read on the window's task pool
        window.open_edxml(path)
    dialog = opened.args[0]
    assert dialog is not None
    qtbot.addWidget(dialog)
    text = dialog.body.toPlainText()
    assert "V/v kết nối, liên thông phần mềm quản lý văn bản" in text
    assert "Công văn" in text  # the type row: the catalogue's name for the sample's Type 1 / TypeName
    # the sample's Signature is not an XML-DSig one (no namespace, a cut certificate): not valid, said plainly
    assert "Chữ ký số không hợp lệ" in text
    assert "Điều chưa xác nhận được" in text  # the sample's inconsistent dates are listed
    with qtbot.waitSignal(dialog.imported, timeout=15000):
        dialog.import_button.click()
    assert dialog.status.text() == "Đã đưa vào danh sách văn bản đến."
    qtbot.waitUntil(
        lambda: (
            window.workbench.search("lien thong phan mem") is not None
            and len(window.workbench.search("lien thong phan mem").document_ids) == 1
        ),
        timeout=15000,
    )


def test_a_revocation_file_says_what_it_is_and_that_it_waits_for_its_document(
    window: MainWindow, central: Central, qtbot: QtBot, tmp_path: Path
) -> None:
    packet = (SAMPLES / "edoc_new.edxml").read_bytes().replace(b"28.22.H17", WARD_A.encode())
    revocation = packet.replace(b"<edXML:BussinessDocType>0</edXML:BussinessDocType>",
                                b"<edXML:BussinessDocType>1</edXML:BussinessDocType>")  # fmt: skip
    assert revocation != packet
    path = tmp_path / "thu-hoi.edxml"
    path.write_bytes(revocation)
    with qtbot.waitSignal(window.edxml_opened, timeout=15000) as opened:
        window.open_edxml(path)
    dialog = opened.args[0]
    qtbot.addWidget(dialog)
    assert "Thu hồi văn bản đã gửi trước đó" in dialog.body.toPlainText()
    with qtbot.waitSignal(dialog.imported, timeout=15000):
        dialog.import_button.click()
    assert dialog.status.text() == "Lệnh thu hồi được giữ lại chờ văn bản: khi đến, văn bản sẽ ở trạng thái đã thu hồi."


def test_a_hostile_edxml_file_is_refused_with_a_message(
    window: MainWindow, tmp_path: Path, monkeypatch, qtbot: QtBot
) -> None:
    path = tmp_path / "xau.edxml"
    path.write_bytes(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>')
    shown: list[str] = []
    opened: list[object] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    window.edxml_opened.connect(opened.append)
    window.open_edxml(path)
    settle(qtbot, window)
    assert len(shown) == 1 and shown[0] and opened == []


def test_the_accounts_dialog_adds_an_old_account_beside_the_new_one(
    window: MainWindow, central: Central, qtbot: QtBot
) -> None:
    from central.seed import add_account as add_server_account
    from tests.conftest import DEMO_NOW

    with central.service.sessions.begin() as session:
        add_server_account(session, "thu.nt@binhduong", "Mk-cu-2026", WARD_A, "Nguyễn Thị Thu (cũ)", DEMO_NOW)
    dialog = window.show_accounts()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.accounts.count() == 1)
    dialog.system.setCurrentIndex(dialog.system.findData("legacy-binhduong"))
    dialog.url.setText(central.url)
    dialog.login.setText("thu.nt@binhduong")
    dialog.password.setText("sai-mat-khau")
    with qtbot.waitSignal(dialog.finished_call, timeout=15000):
        dialog.add_button.click()
    assert dialog.message.text() == "Sai tên đăng nhập hoặc mật khẩu." and dialog.accounts.count() == 1
    assert dialog.password.text() == ""
    dialog.password.setText("Mk-cu-2026")
    with qtbot.waitSignal(dialog.finished_call, timeout=15000):
        dialog.add_button.click()
    assert dialog.accounts.count() == 2
    assert "cũ" in dialog.accounts.item(1).text()
    dialog.accounts.setCurrentRow(1)
    with qtbot.waitSignal(dialog.finished_call, timeout=15000):
        dialog.sign_out_button.click()
    assert "đã đăng xuất" in dialog.accounts.item(1).text()


def test_a_new_flash_document_is_announced(window: MainWindow, central: Central, qtbot: QtBot) -> None:
    window.notifier.check()  # what is there at start is not news
    settle(qtbot, window)
    with central.service.sessions.begin() as session:
        document = server.Document(
            unit_code=WARD_A, direction="incoming", number="99", notation="CĐ-UBND", doc_type="CĐ",
            issuing_agency_code="000.00.00.H29", issuing_agency_name="Ủy ban nhân dân Thành phố",
            subject="Công điện về ứng phó bão số 9", urgency="flash", state="received",
            updated_at=central.clock.now(),
        )  # fmt: skip
        session.add(document)
        session.flush()
        record_change(session, WARD_A, "document", document)
    with qtbot.waitSignal(window.bridge.sync_finished, timeout=15000):
        window.sync_now()
    qtbot.waitUntil(lambda: "Công điện về ứng phó bão số 9" in window.notifier.last_message)
    assert window.notifier.last_message.startswith("Văn bản khẩn: 99/CĐ-UBND")


def _pdf_bytes(folder: Path) -> bytes:
    from PySide6.QtGui import QPainter, QPdfWriter

    path = folder / "cong-van.pdf"
    writer = QPdfWriter(str(path))
    painter = QPainter(writer)
    painter.drawText(200, 200, "Công văn số 99/UBND-VP về ứng phó bão")
    painter.end()
    return path.read_bytes()


def test_a_pdf_attachment_is_downloaded_after_sync_and_opens_in_the_viewer(
    window: MainWindow, central: Central, qtbot: QtBot, tmp_path: Path
) -> None:
    import hashlib

    content = _pdf_bytes(tmp_path)
    with central.service.sessions.begin() as session:
        document = session.scalars(select(server.Document).where(server.Document.unit_code == WARD_A)).first()
        attachment = server.Attachment(unit_code=WARD_A, item_kind="document", item_id=document.id,
                                       file_name="Công văn 99.pdf", content_type="application/pdf", size=len(content),
                                       sha256=hashlib.sha256(content).hexdigest(), content=content)  # fmt: skip
        session.add(attachment)
        record_change(session, WARD_A, "attachment", attachment)
    with qtbot.waitSignal(window.bridge.sync_finished, timeout=15000):
        window.sync_now()
    key = "incoming" if document.direction == "incoming" else "outgoing"
    select_remote(window, qtbot, key, document.id)
    [(attachment_id, name, size, here, _unsent, _verdict, _checked)] = window.detail.detail.attachments
    assert (name, size, here) == ("Công văn 99.pdf", len(content), True)
    assert "attachment:" in window.detail.body.toHtml()
    viewer = window.detail.open_attachment(attachment_id)
    qtbot.addWidget(viewer)
    assert viewer.loaded and viewer.document.pageCount() == 1
