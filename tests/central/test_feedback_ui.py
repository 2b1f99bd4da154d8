"""The 1022 queue on the real window (offscreen, in Vietnamese) against the real service on loopback: the
views list what their names say, a report is handled from "newly routed" to its answer back at 1022 with the
step dialogs an official fills in, and a report sent back offline reaches the service once it is back."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.domain.workflow import FeedbackState
from central import models as server
from central.seed import add_account
from central.server import start_in_thread
from local_db.models import Feedback
from tests.central.conftest import REPORTS_PER_WARD, WARD_A, Central
from tests.central.test_workbench_ui import ROW, click, wait_synced, window
from tests.conftest import DEMO_NOW
from tests.ui.waiting import settle
from ui.feedback_dialog import FeedbackDialog, ReportContext, ReportStep
from ui.main_window import MainWindow

_ = window  # the fixture: a desk signed in as Thu (an official of WARD_A), synced once
LEADER_PASSWORD = "Lanh-dao-phuong-2026!"


def server_reports(central: Central, *states: FeedbackState) -> list[server.Feedback]:
    with central.service.sessions() as session:
        query = select(server.Feedback).where(server.Feedback.unit_code == WARD_A,
                                              server.Feedback.state.in_([s.value for s in states]))  # fmt: skip
        return list(session.scalars(query.order_by(server.Feedback.id)))


def server_report(central: Central, report_id: int) -> server.Feedback:
    with central.service.sessions() as session:
        return session.get_one(server.Feedback, report_id)


def answer_dialogs(window: MainWindow, answers: list[dict[str, Any]]) -> list[FeedbackDialog]:
    """Each step's dialog opened for real and filled in as the official would; the dialogs are kept."""
    opened: list[FeedbackDialog] = []

    def fill(parent: Any, action: str, title: str, context: ReportContext) -> ReportStep | None:
        dialog = FeedbackDialog(action, title, context, parent)
        opened.append(dialog)
        given = answers.pop(0)
        if "text" in given:
            dialog.text.setPlainText(given["text"])
        if "unit" in given:
            dialog.choose_unit(given["unit"])
        if "committed_days" in given:
            dialog.commits.setChecked(True)
            dialog.committed_on.setDate(dialog.committed_on.minimumDate().addDays(given["committed_days"]))
        if "photos" in given:
            dialog.add_photos(given["photos"])
        if "publish" in given:
            dialog.publish.setChecked(given["publish"])
        return dialog.step()

    window.detail._ask_report = fill
    return opened


def select_report(window: MainWindow, qtbot: QtBot, key: str, remote_id: int) -> None:
    window.navigator.setCurrentRow(ROW[key])
    settle(qtbot, window)
    with window.workbench.cache.sessions() as session:
        local_id = session.scalar(select(Feedback.id).where(Feedback.remote_id == str(remote_id)))
    rows = [window.reports.row_at(r).id for r in range(window.reports.rowCount())]
    window.select_row("feedback", rows.index(local_id))
    qtbot.waitUntil(lambda: window.detail.detail is not None and window.detail.detail.id == local_id)
    settle(qtbot, window)


def navigator_count(window: MainWindow, key: str) -> int:
    return int(window.navigator.item(ROW[key]).text().rsplit("(", 1)[1].rstrip(")"))


def test_the_queue_s_views_list_what_their_names_say(window: MainWindow, central: Central, qtbot: QtBot) -> None:
    now = central.clock.now()
    routed = server_reports(central, FeedbackState.ROUTED)
    still_open = [r for r in server_reports(central, *FeedbackState) if r.finished_at is None]
    overdue = [r for r in still_open if r.due_at < now]
    assert routed and overdue  # the seeded reports hold both
    expected = {"feedback": REPORTS_PER_WARD, "feedback_new": len(routed), "feedback_overdue": len(overdue)}
    for key, count in expected.items():
        window.navigator.setCurrentRow(ROW[key])
        settle(qtbot, window)
        assert window.reports.total == navigator_count(window, key) == count, key
        assert window.report_table.isVisibleTo(window) and not window.dossier_table.isVisibleTo(window)
    shown = [window.reports.data(window.reports.index(r, 7)) for r in range(window.reports.rowCount())]
    assert shown and all(state != "" for state in shown)
    assert window.summary.text() == f"{len(overdue)} phản ánh 1022 trong danh sách"
    window.navigator.setCurrentRow(ROW["overdue"])  # the office's overdue view counts reports too
    settle(qtbot, window)
    assert window.reports.total == len(overdue) and window.report_table.isVisibleTo(window)


def test_a_report_is_handled_in_the_window_from_routed_to_answered(
    window: MainWindow, central: Central, qtbot: QtBot, tmp_path: Path
) -> None:
    report = server_reports(central, FeedbackState.ROUTED)[0]
    select_report(window, qtbot, "feedback_new", report.id)
    body = window.detail.body.toPlainText()
    assert report.content in body and report.address in body
    assert "Mới chuyển đến" in body and "Hạn trả lời" in body
    assert ("ẩn danh" if report.anonymous else "Chỉ người được giao xử lý") in body  # Thu sees no contact yet
    photo = tmp_path / "den-da-sua.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 a photo of the repaired lamp")
    dialogs = answer_dialogs(window, [
        {"text": "Đã kiểm tra hiện trường, thay bóng đèn ngày 03/12.", "photos": [photo]},
        {"text": "Phường đã thay bóng đèn chiếu sáng tại vị trí phản ánh."},
    ])  # fmt: skip
    click(window, qtbot, "accept")
    click(window, qtbot, "assign", "thu")
    click(window, qtbot, "record_progress")
    click(window, qtbot, "draft_answer")
    assert [d.action for d in dialogs] == ["record_progress", "draft_answer"]
    assert window.detail.findChild(QPushButton, "undo_action") is not None  # the draft can still be taken back
    wait_synced(window, qtbot)
    handled = server_report(central, report.id)
    assert (handled.state, handled.assignee) == ("answer_drafted", "Nguyễn Thị Thu")
    progress = next(entry for entry in handled.history if entry["action"] == "record_progress")
    assert progress["photos"] == "den-da-sua.jpg" and progress["text"].startswith("Đã kiểm tra")
    qtbot.waitUntil(lambda: "den-da-sua.jpg" in report_files(central, report.id), timeout=20000)  # after the push

    approve_as_leader(central, report.id)
    with qtbot.waitSignal(window.bridge.sync_finished, timeout=20000):
        window.workbench.sync_now()
    select_report(window, qtbot, "feedback", report.id)
    assert "Trả lời đã được duyệt" in window.detail.body.toPlainText()
    answer_dialogs(window, [{"publish": False}])
    click(window, qtbot, "send_answer")
    assert window.confirmed == ["Gửi kết quả trả lời về 1022"]  # type: ignore[attr-defined]
    wait_synced(window, qtbot)
    answered = server_report(central, report.id)
    assert (answered.state, answered.publish, answered.finished_at is not None) == ("answered", False, True)
    assert "Mới chuyển đến" not in window.detail.body.toPlainText()


def report_files(central: Central, report_id: int) -> list[str]:
    with central.service.sessions() as session:
        return list(session.scalars(select(server.Attachment.file_name).where(
            server.Attachment.item_kind == "feedback", server.Attachment.item_id == report_id)))  # fmt: skip


def approve_as_leader(central: Central, report_id: int) -> None:
    """The ward's leader approves the answer from their own desk (through the service's actions)."""
    with central.service.sessions.begin() as session:
        add_account(session, "hung.tdm", LEADER_PASSWORD, WARD_A, "Nguyễn Văn Hùng", DEMO_NOW, "leader")
    leader = central.client("hung.tdm", LEADER_PASSWORD)
    drafted = server_report(central, report_id)
    mutation = {"mutation_id": "00000000-0000-4000-8000-00000000a001", "seq": 1, "kind": "feedback",
                "item_id": str(report_id), "base_version": drafted.version, "action": "approve_answer",
                "payload": {}}  # fmt: skip
    answer = leader.post("/v1/mutations", json={"mutations": [mutation]})
    assert answer.status_code == 200 and answer.json()["results"][0]["status"] == "applied", answer.text


def test_a_report_sent_back_offline_reaches_1022_when_the_service_is_back(
    window: MainWindow, central: Central, qtbot: QtBot
) -> None:
    report = server_reports(central, FeedbackState.ROUTED)[-1]
    select_report(window, qtbot, "feedback_new", report.id)
    qtbot.waitUntil(lambda: bool(window.detail._units))  # the directory, read on the pool as the report showed
    port = int(central.url.rsplit(":", 1)[1])
    central.server.stop()
    dialogs = answer_dialogs(window, [{"text": "Tuyến đường do Phường Sài Gòn quản lý.", "unit": "000.00.30.H29"}])
    click(window, qtbot, "send_back")
    dialogs[0].choose_unit(WARD_A)
    assert dialogs[0].units.count() == 0  # the unit itself is not offered as the competent one
    shown = window.detail.detail
    assert shown is not None and (shown.fields["state"], shown.fields["sync_state"]) == ("sent_back", "pending")
    assert "Đã trả lại 1022" in window.detail.body.toPlainText()
    central.server = start_in_thread(central.service, port=port)
    window.workbench.sync_now()
    wait_synced(window, qtbot)
    sent_back = server_report(central, report.id)
    assert (sent_back.state, sent_back.suggested_unit_code) == ("sent_back", "000.00.30.H29")
    assert sent_back.sent_back_reason == "Tuyến đường do Phường Sài Gòn quản lý."


def test_a_late_report_s_progress_note_must_commit_to_a_date(
    window: MainWindow, central: Central, qtbot: QtBot
) -> None:
    report = server_reports(central, FeedbackState.ROUTED)[0]
    select_report(window, qtbot, "feedback_new", report.id)
    click(window, qtbot, "accept")
    central.clock.advance(report.due_at - DEMO_NOW + timedelta(hours=1))
    window.detail.show_item("feedback", window.detail.detail.id)  # type: ignore[union-attr]
    settle(qtbot, window)
    dialogs = answer_dialogs(window, [{"text": "Đang chờ vật tư thay thế."}])
    click(window, qtbot, "record_progress")
    dialog = dialogs[0]
    assert dialog.commits.isChecked()  # the rule, not a choice: unticked, the note is not taken
    dialog.commits.setChecked(False)
    assert dialog.step() is None and "quá hạn" in dialog.problem.text()
    dialog.commits.setChecked(True)
    wait_synced(window, qtbot)
    assert server_report(central, report.id).committed_on == dialog.committed_on.date().toPython()


def test_reports_are_found_typed_without_diacritics(window: MainWindow, central: Central, qtbot: QtBot) -> None:
    from app.domain.vietnamese_text import fold

    report = server_reports(central, FeedbackState.ROUTED)[0]
    window.navigator.setCurrentRow(ROW["feedback"])
    settle(qtbot, window)
    typed = " ".join(fold(report.address).split()[:4])  # e.g. "12 duong yersin phuong": no marks
    assert typed != report.address
    with qtbot.waitSignal(window.search_shown, timeout=10000):
        window.search.setText(typed)
    shown = [window.reports.row_at(r) for r in range(window.reports.rowCount())]
    assert report.code in [row.code for row in shown]
    assert all(fold(typed).split()[0] in fold(f"{row.address} {row.content} {row.code}") for row in shown)
    assert window.summary.text().startswith("Tìm thấy ")


def test_a_view_of_reports_goes_to_excel(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    import openpyxl

    window.navigator.setCurrentRow(ROW["feedback_overdue"])
    settle(qtbot, window)
    with qtbot.waitSignal(window.exported, timeout=10000) as written:
        window.export_list(tmp_path / "phan-anh.xlsx")
    rows = list(openpyxl.load_workbook(written.args[0]).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Mã phản ánh", "Lĩnh vực", "Nội dung")
    assert len(rows) - 1 == window.reports.total > 0
    assert {row[0] for row in rows[1:]} == {window.reports.row_at(r).code for r in range(window.reports.rowCount())}


def test_a_report_newly_routed_is_told_to_the_official(window: MainWindow, central: Central, qtbot: QtBot) -> None:
    from tests.central.test_feedback_service import OPERATOR_PASSWORD, report

    window.notifier.check()  # what is there at start is not news
    qtbot.waitUntil(lambda: window.notifier._seen_routed is not None)
    with central.service.sessions.begin() as session:
        add_account(session, "tongdai1022", OPERATOR_PASSWORD, "000.00.00.H29", "Tổng đài 1022", DEMO_NOW, "operator")
    routed = central.client("tongdai1022", OPERATOR_PASSWORD).post("/v1/feedback", json=report("1022-261203-00077"))
    assert routed.status_code == 201, routed.text
    with qtbot.waitSignal(window.bridge.sync_finished, timeout=20000):
        window.workbench.sync_now()
    qtbot.waitUntil(lambda: "1022-261203-00077" in window.notifier.last_message)
    assert window.notifier.last_message.startswith("Phản ánh 1022 mới: 1022-261203-00077 — Sự cố hạ tầng")
    routed_now = len(server_reports(central, FeedbackState.ROUTED))
    qtbot.waitUntil(lambda: navigator_count(window, "feedback_new") == routed_now)
