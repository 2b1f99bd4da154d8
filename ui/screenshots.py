"""Screenshots of the main views for the docs: run under a real X server (``make screenshots``
starts Xvfb), on a fresh demo profile synced from the demo service (sandbox.demo)."""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from app.profile import Profile
from app.workbench import Workbench
from kernel.clock import SystemClock
from sandbox.demo import DemoLauncher
from ui.main_window import NAVIGATION, MainWindow
from ui.sync_bridge import SyncBridge
from ui.translation import install_translator

PARTNER_UNIT = "000.00.30.H29"  # Phường Sài Gòn, a recipient that answers in the screenshots
PARTNER_LOGIN = "lan.saigon"
COLLEAGUE_LOGIN = "hung.tdm"  # acts first on the service, for the conflict's picture
ROWS = {key: row for row, (key, *_rest) in enumerate(NAVIGATION)}
SHOTS = (
    ("incoming", "document", "01-van-ban-den.png"),
    ("dossiers", "dossier", "02-ho-so.png"),
    ("due_today", None, "03-den-han-hom-nay.png"),
    ("overdue", None, "04-qua-han.png"),
    ("meetings", None, "17-lich-hop.png"),  # this week's meetings, read from the demo's invitations
    ("feedback_new", "feedback", "18-phan-anh-1022.png"),  # the 1022 reports newly routed to the ward
)


def _wait(app: QApplication, milliseconds: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def _settle(app: QApplication, window: MainWindow, limit_ms: int = 10_000) -> None:
    """Until the window's reads have all answered (or a time limit)."""
    for _ in range(limit_ms // 20):
        if window.tasks.idle:
            return
        _wait(app, 20)


def _counter_shots(app: QApplication, window: MainWindow, out: Path) -> None:
    """The intake dialog filled in as at the counter, and the receipt in the print preview, on a
    1366×768 screen (a ward office's usual PC)."""
    window.resize(1366, 768)
    dialog = window.open_intake()
    _settle(app, window)
    dialog.search.setText("khai sinh")
    dialog.name.setText("Phạm Thị Ngọc Hân")
    dialog.id_number.setText("079190012345")
    dialog.born_on.setText("02/09/1990")
    dialog.address.setText("15 đường Yersin, Phường Thủ Dầu Một")
    dialog.phone.setText("0912 345 678")
    _wait(app, 400)
    dialog.grab().save(str(out / "06-tiep-nhan-ho-so.png"))
    print(out / "06-tiep-nhan-ho-so.png")
    shown = QEventLoop()
    window.receipt_previewed.connect(lambda _preview: shown.quit())
    QTimer.singleShot(20_000, shown.quit)
    dialog.submit()
    shown.exec()
    _wait(app, 800)
    if window.print_preview is not None:
        window.print_preview.resize(1000, 740)
        _wait(app, 400)
        window.print_preview.grab().save(str(out / "07-giay-hen.png"))
        print(out / "07-giay-hen.png")
        window.print_preview.close()


def _synced(app: QApplication, window: MainWindow, rounds: int = 1) -> None:
    """Sync now, ``rounds`` times (a draft's actions wait for the id its first push brings)."""
    for _ in range(rounds):
        done = QEventLoop()
        window.bridge.sync_finished.connect(done.quit)
        QTimer.singleShot(20_000, done.quit)
        window.workbench.sync_now()
        done.exec()
        window.bridge.sync_finished.disconnect(done.quit)
    _settle(app, window)


def _drafting_shots(app: QApplication, window: MainWindow, demo: DemoLauncher, out: Path) -> None:
    """The drafting dialog filled in, then the sent document's recipient table once one recipient has
    registered and finished it and the other has received it, at 1366×768."""
    window.resize(1366, 768)
    dialog = window.open_draft()
    _settle(app, window)
    dialog.doc_type.setCurrentIndex(dialog.doc_type.findData("KH"))
    dialog.subject.setText("V/v tổ chức tuyên truyền pháp luật về đất đai năm 2026")
    dialog.content.setPlainText("Kế hoạch tuyên truyền, phổ biến pháp luật về đất đai trên địa bàn phường.")
    dialog.signer_name.setText("Lê Văn Đức")
    dialog.signer_position.setText("KT. CHỦ TỊCH — PHÓ CHỦ TỊCH")
    dialog.choose_recipients(PARTNER_UNIT, "000.00.03.H29")
    dialog.recipient_search.setText("phuong")
    _wait(app, 400)
    dialog.grab().save(str(out / "08-soan-van-ban-di.png"))
    print(out / "08-soan-van-ban-di.png")
    saved = QEventLoop()
    dialog.saved.connect(lambda _id: saved.quit())
    QTimer.singleShot(20_000, saved.quit)
    dialog.submit()
    saved.exec()
    _settle(app, window)
    document_id = window.detail.detail.id if window.detail.detail is not None else 0
    for action in ("submit_for_signature", "sign", "issue", "send"):
        _synced(app, window)
        window.workbench.perform("document", document_id, action, {})
    _synced(app, window, rounds=2)
    edxml_id = str(window.workbench.item_detail("document", document_id).fields["edxml_document_id"])
    central = demo.start().central
    central.add_account(PARTNER_LOGIN, secrets.token_urlsafe(16), PARTNER_UNIT, "Trần Thị Lan")
    copy = central.incoming_copy(PARTNER_UNIT, edxml_id)
    for action, fields in (("register", {}), ("assign", {"assignee": "Trần Văn Bình"}), ("mark_done", {})):
        central.act_as(PARTNER_LOGIN, "document", int(copy or 0), action, fields)
    _synced(app, window)
    window.detail.show_item("document", document_id)
    _settle(app, window)
    _wait(app, 400)
    app.primaryScreen().grabWindow(window.winId()).save(str(out / "09-noi-nhan-van-ban-di.png"))
    print(out / "09-noi-nhan-van-ban-di.png")


def _signature_shots(app: QApplication, window: MainWindow, out: Path) -> None:
    """A letter whose signature checks valid, and one changed after signing, each with the
    signature dialog open over the window (the demo's newest letters come signed)."""
    window.navigator.setCurrentRow(ROWS["incoming"])
    _settle(app, window)
    model = window.documents
    for verdict, name in (("valid", "10-chu-ky-hop-le.png"), ("modified", "11-chu-ky-bi-sua.png")):
        rows = [row for row in range(model.rowCount()) if model.row_at(row).signature_verdict == verdict]
        if not rows:
            print(f"no {verdict} signature in the demo's first rows", file=sys.stderr)
            continue
        window.select_row("document", rows[0])
        _settle(app, window)
        detail = window.detail.detail
        signed = [line for line in detail.attachments if line.verdict] if detail is not None else []
        if not signed:
            continue
        window.detail.show_signatures(signed[0].id)
        _settle(app, window)
        _wait(app, 500)
        dialog = window.detail.signature_dialog
        if dialog is not None:
            dialog.move(window.x() + 380, window.y() + 120)
            _wait(app, 300)
        app.primaryScreen().grabWindow(0).copy(window.frameGeometry()).save(str(out / name))
        print(out / name)
        if dialog is not None:
            dialog.reject()


def _feedback_progress_shot(app: QApplication, window: MainWindow, out: Path) -> None:
    """An overdue 1022 report's progress note: the dialog asks for the committed date the rule requires."""
    from app.domain.workflow import FEEDBACK
    from ui.feedback_dialog import FeedbackDialog, ReportContext
    from ui.translation import domain_text

    window.navigator.setCurrentRow(ROWS["feedback_overdue"])
    _settle(app, window)
    if window.reports.rowCount() == 0:
        print("no overdue 1022 report in the demo", file=sys.stderr)
        return
    window.select_row("feedback", 0)
    _settle(app, window)
    detail = window.detail.detail
    if detail is None:
        return
    fields, today = detail.fields, window.workbench.clock.now().date()
    context = ReportContext(fields["code"], fields["unit_code"], fields["answer"] or "", True, today)
    title = domain_text(FEEDBACK.action("record_progress").label)
    dialog = FeedbackDialog("record_progress", title, context, window)
    dialog.text.setPlainText("Đã kiểm tra hiện trường cùng Công ty Chiếu sáng; chờ vật tư thay thế bóng đèn.")
    dialog.show()
    dialog.move(window.x() + 420, window.y() + 110)
    _grab(app, window, out, "19-phan-anh-tien-do.png")
    dialog.reject()


def _grab(app: QApplication, window: QWidget, out: Path, name: str) -> None:
    """The screen under the window (dialogs over it included), as the official sees it."""
    _wait(app, 400)
    app.primaryScreen().grabWindow(0).copy(window.frameGeometry()).save(str(out / name))
    print(out / name)


def _first_run_shot(app: QApplication, demo: DemoLauncher, folder: Path, out: Path) -> None:
    """A fresh profile: the first-run assistant asks for the server, signs in and syncs the first time."""
    central = demo.start()
    bench = Workbench.open(Profile(folder / "first-run"), SystemClock(), session_only=True)
    window = MainWindow(bench, SyncBridge())
    window.resize(1366, 768)
    window.show()
    wizard = window.open_first_run()
    wizard.server_page.address.setText(central.source.base_url)
    wizard.next()
    _until(app, lambda: wizard.currentPage() is wizard.sign_in_page)
    wizard.sign_in_page.login.setText(central.login)
    wizard.sign_in_page.password.setText(central.password)
    _grab(app, window, out, "00-thiet-lap-ban-dau.png")
    wizard.next()
    _until(app, lambda: wizard.currentPage() is wizard.sync_page and wizard.sync_page.isComplete(), 60_000)
    _grab(app, window, out, "00b-dong-bo-lan-dau.png")
    wizard.accept()
    window.close()
    bench.close()


def _until(app: QApplication, done: Callable[[], bool], limit_ms: int = 20_000) -> None:
    for _ in range(limit_ms // 50):
        if done():
            return
        _wait(app, 50)
    print("a screenshot's wait ran out", file=sys.stderr)


def _register_and_assign_shot(app: QApplication, window: MainWindow, out: Path) -> None:
    """An incoming letter registered and assigned: the number from the register, the trail."""
    window.navigator.setCurrentRow(ROWS["incoming"])
    _settle(app, window)
    model = window.documents
    received = [row for row in range(model.rowCount()) if model.row_at(row).state == "received"]
    if not received:
        print("no received document in the demo's first rows", file=sys.stderr)
        return
    document_id = model.row_at(received[0]).id
    window.workbench.perform("document", document_id, "register", {})
    _synced(app, window)
    window.workbench.perform("document", document_id, "assign", {"assignee": "Trần Văn Bình"})
    _synced(app, window)
    window.detail.show_item("document", document_id)
    _settle(app, window)
    _grab(app, window, out, "12-vao-so-phan-cong.png")


def _returned_dossier_shot(app: QApplication, window: MainWindow, out: Path) -> None:
    """The dossier taken in at the counter, processed and its result returned to the citizen."""
    detail = window.detail.detail
    if detail is None or detail.kind != "dossier":
        print("no dossier from the counter to follow", file=sys.stderr)
        return
    dossier_id = detail.id
    for action, fields in (("start_processing", {}), ("record_result", {"result": "Đã cấp Giấy khai sinh bản chính"}),
                           ("return_result", {})):  # fmt: skip
        _synced(app, window)
        window.workbench.perform("dossier", dossier_id, action, fields)
    _synced(app, window)
    window.navigator.setCurrentRow(ROWS["dossiers"])
    _settle(app, window)
    rows = [window.dossiers.row_at(row).id for row in range(window.dossiers.rowCount())]
    if dossier_id in rows:
        window.select_row("dossier", rows.index(dossier_id))
    _settle(app, window)
    _grab(app, window, out, "13-tra-ket-qua.png")


def _conflict_shot(app: QApplication, window: MainWindow, demo: DemoLauncher, out: Path) -> None:
    """A colleague registered a letter first; the official's own "refuse" came back refused: the
    server's truth beside what the official did, with the two ways out."""
    from sandbox.demo import DEMO_UNIT

    window.navigator.setCurrentRow(ROWS["incoming"])
    _settle(app, window)
    model = window.documents
    received = [row for row in range(model.rowCount()) if model.row_at(row).state == "received"]
    if not received:
        return
    row = model.row_at(received[0])
    central = demo.start().central
    central.add_account(COLLEAGUE_LOGIN, secrets.token_urlsafe(16), DEMO_UNIT, "Lê Văn Hùng")
    remote_id = window.workbench.item_detail("document", row.id).fields["remote_id"]
    central.act_as(COLLEAGUE_LOGIN, "document", int(str(remote_id)), "register", {})
    window.workbench.perform("document", row.id, "refuse", {"reason": "Gửi nhầm đơn vị"})
    _synced(app, window)
    window.navigator.setCurrentRow(ROWS["attention"])
    _settle(app, window)
    window.select_row("document", 0)
    _settle(app, window)
    _grab(app, window, out, "14-xu-ly-xung-dot.png")


def _dashboard_shot(app: QApplication, window: MainWindow, out: Path) -> None:
    dialog = window.show_dashboard()
    _settle(app, window)
    _wait(app, 800)
    dialog.move(window.x() + 40, window.y() + 40)
    _grab(app, window, out, "15-bang-tong-hop.png")
    tabs = dialog.findChild(QTabWidget, "dashboardTabs")
    if tabs is not None:  # the month's 1022 reports, by category
        tabs.setCurrentIndex(1)
        _grab(app, window, out, "15b-bang-tong-hop-1022.png")
    dialog.close()


def _training_shot(app: QApplication, folder: Path, out: Path) -> None:
    """The trainer's window on a projector: presentation mode, the scenario's steps beside the work."""
    from PySide6.QtCore import Qt

    from sandbox.training import TrainingSession, load_shipped_scenarios
    from ui import presentation
    from ui.training_panel import TrainingPanel

    scenario = next(s for s in load_shipped_scenarios() if s.id == "incoming-document")
    session = TrainingSession(scenario, folder / "training")
    try:
        window = MainWindow(session.start(), SyncBridge())
        window.show_banner(
            QCoreApplication.translate("MainWindow", "TRAINING MODE — practice data, nothing here is real work")
        )
        panel = TrainingPanel(session, window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
        window.resize(1366, 768)
        window.show()
        synced = QEventLoop()
        window.bridge.sync_finished.connect(lambda _report: synced.quit())
        window.start_services(interval=3600)
        QTimer.singleShot(30_000, synced.quit)
        synced.exec()
        session.play_solution("register")
        window.refresh_lists()  # the model answer synced behind the window's back
        panel.presentation.setChecked(True)
        _settle(app, window)
        window.select_row("document", 0)
        _settle(app, window)
        panel.refresh_steps()
        _wait(app, 1500)
        _grab(app, window, out, "16-tap-huan-trinh-chieu.png")
        window.close()
    finally:
        presentation.set_on(False)
        session.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--language", default="vi")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    install_translator(app, args.language)
    with tempfile.TemporaryDirectory() as folder:
        profile = Profile(Path(folder) / "demo")
        workbench = Workbench.open(profile, SystemClock(), session_only=True)
        demo = DemoLauncher(profile.root / "demo-central", workbench.clock, 2000)
        bridge = SyncBridge()
        window = MainWindow(workbench, bridge)
        window.resize(1366, 768)  # a ward office's usual screen
        window.show()
        synced = QEventLoop()
        bridge.sync_finished.connect(lambda _report: synced.quit())
        window.start_services(demo, interval=3600)
        QTimer.singleShot(60_000, synced.quit)
        synced.exec()
        _wait(app, 500)
        for key, kind, name in SHOTS:
            window.navigator.setCurrentRow(ROWS[key])
            _settle(app, window)
            if kind is not None:
                window.select_row(kind, 0)
                _settle(app, window)
            _wait(app, 400)
            screen = app.primaryScreen()
            screen.grabWindow(window.winId()).save(str(args.out / name))
            print(args.out / name)
        _signature_shots(app, window, args.out)
        _feedback_progress_shot(app, window, args.out)
        _register_and_assign_shot(app, window, args.out)
        _counter_shots(app, window, args.out)
        _returned_dossier_shot(app, window, args.out)
        _conflict_shot(app, window, demo, args.out)
        _dashboard_shot(app, window, args.out)
        _drafting_shots(app, window, demo, args.out)
        _first_run_shot(app, demo, Path(folder), args.out)
        window.close()
        workbench.close()
        demo.stop()
        _training_shot(app, Path(folder), args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
