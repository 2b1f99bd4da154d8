"""1022 reports at the desk against the real service on loopback (SQLite and PostgreSQL): the pull brings
the third queue, actions go through the outbox offline and land once, contacts follow the assignment."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.errors import DomainError
from app.domain.workflow import FEEDBACK, FeedbackState
from app.item_actions import acting_account
from app.workbench import _refusals
from central import models as server
from central.change_feed import record_change
from central.seed import add_account
from central.server import start_in_thread
from local_db.models import Account, Attachment, Feedback
from local_db.search import search_items
from tests.central.conftest import REPORTS_PER_WARD, WARD_A, Central
from tests.central.test_sync_engine import Desk, desk, open_desk
from tests.conftest import DEMO_NOW
from ui.translation import rejection_text

_ = desk  # the fixture, shared with the sync engine's tests
LEADER_PASSWORD = "Lanh-dao-2026!"
APPROVAL = {"approve_answer", "return_answer"}
LEADER_ONLY_VI = "Chỉ lãnh đạo đơn vị mới được duyệt nội dung trả lời phản ánh 1022 hoặc trả lại dự thảo để chỉnh sửa."


def server_reports(central: Central, state: FeedbackState) -> list[server.Feedback]:
    with central.service.sessions() as session:
        query = select(server.Feedback).where(server.Feedback.unit_code == WARD_A,
                                              server.Feedback.state == state.value)  # fmt: skip
        return list(session.scalars(query.order_by(server.Feedback.id)))


def local_report(desk: Desk, remote_id: int) -> Feedback:
    with desk.cache.sessions() as session:
        return session.scalars(select(Feedback).where(Feedback.remote_id == str(remote_id))).one()


def act(desk: Desk, remote_id: int, action: str, **payload: object) -> str:
    return desk.actions.perform("feedback", local_report(desk, remote_id).id, action, payload)


def test_the_pull_brings_the_reports_with_contacts_only_where_allowed(desk: Desk, central: Central) -> None:
    assert desk.sync().problem is None
    assert desk.count(Feedback) == REPORTS_PER_WARD
    with desk.cache.sessions() as session:
        reports = list(session.scalars(select(Feedback)))
    # Thu is assigned none of the demo reports: every named reporter is hidden from her, anonymous ones empty
    assert all(r.reporter_name is None and r.reporter_phone is None for r in reports)
    assert {r.contact_hidden for r in reports if r.anonymous} == {False}
    assert {r.contact_hidden for r in reports if not r.anonymous} == {True}
    assert all(r.due_at.tzinfo is not None and r.answer_day_kind == "working" for r in reports)


def test_report_actions_taken_offline_sync_once_when_the_service_comes_back(desk: Desk, central: Central) -> None:
    desk.sync()
    new, other = server_reports(central, FeedbackState.ROUTED)[:2]
    port = int(central.url.rsplit(":", 1)[1])
    central.server.stop()
    act(desk, new.id, "accept")
    act(desk, new.id, "assign", assignee="Nguyễn Thị Thu")
    act(desk, new.id, "record_progress", text="Đã kiểm tra hiện trường", committed_on="2026-12-10")
    act(desk, new.id, "draft_answer", answer="Đã thay bóng đèn chiếu sáng.")
    act(desk, other.id, "send_back", reason="Tuyến đường do Phường Sài Gòn quản lý", suggested_unit="000.00.30.H29")
    shown = local_report(desk, new.id)
    assert (shown.state, shown.assignee, str(shown.committed_on), shown.sync_state) == (
        "answer_drafted", "Nguyễn Thị Thu", "2026-12-10", "pending")  # fmt: skip
    assert desk.sync().problem == "offline"
    assert [e.status for e in desk.outbox()] == ["pending"] * 5

    central.server = start_in_thread(central.service, port=port)
    back = desk.sync()
    assert back.problem is None and back.pushed == 5
    assert desk.sync().pushed == 0  # nothing sent twice
    with central.service.sessions() as session:
        handled = session.get_one(server.Feedback, new.id)
        assert (handled.state, handled.answer, handled.version) == ("answer_drafted", "Đã thay bóng đèn chiếu sáng.", 5)
        assert session.get_one(server.Feedback, other.id).suggested_unit_code == "000.00.30.H29"
    mine = local_report(desk, new.id)
    assert (mine.sync_state, mine.version) == ("synced", 5)
    assert mine.reporter_name == handled.reporter_name  # assigned to her: the contact came with it
    if not handled.anonymous:
        assert mine.contact_hidden is False and mine.reporter_name


def found(desk: Desk, typed: str) -> list[int]:
    with desk.cache.sessions() as session:
        return [hit.id for hit in search_items(session, typed, 500) if hit.kind == "feedback"]


def test_the_reports_a_sync_brings_are_searched_as_the_service_has_them(desk: Desk, central: Central) -> None:
    """Found without diacritics after a first download (its pages indexed in bulk); by the reporter's name
    once the assignment brings the contact; by the new text only once the service changed it."""
    report = next(r for r in server_reports(central, FeedbackState.ROUTED) if not r.anonymous)
    assert report.reporter_name
    assert desk.sync().problem is None
    mine = local_report(desk, report.id)
    assert found(desk, report.code) == [mine.id]
    assert mine.id in found(desk, report.content) and mine.id in found(desk, report.address)
    assert mine.id not in found(desk, report.reporter_name)  # hidden from Thu: not in her cache
    act(desk, report.id, "accept")
    act(desk, report.id, "assign", assignee="Nguyễn Thị Thu")
    assert desk.sync().problem is None
    assert mine.id in found(desk, report.reporter_name)
    with central.service.sessions.begin() as session:
        row = session.get_one(server.Feedback, report.id)
        row.content, row.version = "Cống thoát nước bị nghẹt, nước tràn vào nhà dân", row.version + 1
        record_change(session, WARD_A, "feedback", row)
    assert desk.sync().problem is None
    assert found(desk, "cong thoat nuoc bi nghet") == [mine.id]
    assert mine.id not in found(desk, report.content)


def test_a_late_report_cannot_note_progress_without_a_date_even_offline(desk: Desk, central: Central) -> None:
    desk.sync()
    report = server_reports(central, FeedbackState.ROUTED)[0]
    act(desk, report.id, "accept")
    central.clock.advance(report.due_at - DEMO_NOW + timedelta(hours=1))
    with pytest.raises(DomainError) as caught:
        act(desk, report.id, "record_progress", text="đang chờ vật tư")
    assert caught.value.code == "feedback.commitment_needed"
    assert len(desk.outbox()) == 1  # nothing written for the refused note


def test_an_undone_report_action_is_never_sent(desk: Desk, central: Central) -> None:
    desk.sync()
    report = server_reports(central, FeedbackState.ROUTED)[0]
    act(desk, report.id, "accept")
    [entry] = desk.outbox()
    desk.actions.undo(entry.id)
    assert local_report(desk, report.id).state == "routed"
    desk.sync()
    with central.service.sessions() as session:
        assert session.get_one(server.Feedback, report.id).state == "routed"


def test_the_citizen_s_photos_come_as_the_report_s_attachments(central: Central, tmp_path: Path) -> None:
    report = server_reports(central, FeedbackState.ROUTED)[0]
    with central.service.sessions.begin() as session:
        add_account(session, "hung.tdm", "Lanh-dao-2026!", WARD_A, "Nguyễn Văn Hùng", DEMO_NOW, "leader")
        session.add(server.Attachment(unit_code=WARD_A, item_kind="feedback", item_id=report.id,
                                      file_name="anh-hien-truong.jpg", content_type="image/jpeg", size=3,
                                      sha256="0" * 64, content=b"abc"))  # fmt: skip
        session.flush()
        attachment = session.scalars(select(server.Attachment).where(server.Attachment.item_kind == "feedback")).one()
        record_change(session, WARD_A, "attachment", attachment)
    leader = open_desk(central, tmp_path / "leader", "hung.tdm", "Lanh-dao-2026!")
    try:
        assert leader.sync().problem is None
        mine = local_report(leader, report.id)
        with leader.cache.sessions() as session:
            files = list(session.scalars(select(Attachment).where(Attachment.item_kind == "feedback")))
        assert [(f.item_id, f.file_name) for f in files] == [(mine.id, "anh-hien-truong.jpg")]
        if not mine.anonymous:  # a leader sees every named reporter
            assert mine.reporter_name and mine.contact_hidden is False
    finally:
        leader.cache.close()


def offered(desk: Desk, remote_id: int) -> set[str]:
    """The actions the desk offers on the report (app.workbench.Workbench.item_detail's)."""
    report = local_report(desk, remote_id)
    return {a.name for a in desk.actions.offered("feedback", report.source_id, FEEDBACK.allowed_actions(report.state))}


def can_redo(desk: Desk, remote_id: int) -> list[bool]:
    """Whether each refused action on the report may be done again (item_detail's refusals)."""
    with desk.cache.sessions() as session:
        report = session.scalars(select(Feedback).where(Feedback.remote_id == str(remote_id))).one()
        account = acting_account(session, report.source_id)
        return [refusal.can_redo for refusal in _refusals(session, report, "feedback", FEEDBACK.allows, account)]


def set_role_unknown(desk: Desk) -> None:
    """As a cache from before the desk kept the role (migration 0020) has it."""
    with desk.cache.sessions.begin() as session:
        session.get_one(Account, desk.account_id).service_role = None


def test_only_a_leader_approves_the_answer_and_the_desk_offers_it_accordingly(
    desk: Desk, central: Central, tmp_path: Path, vietnamese: object
) -> None:
    """Thu (an official) drafts the answer: her desk does not offer its approval; one that does not know
    her role yet does, and the service refuses it: the refusal waits for her in Vietnamese. Hùng (the
    leader) approves it from his desk, then Thu sends it."""
    with central.service.sessions.begin() as session:
        add_account(session, "hung.tdm", LEADER_PASSWORD, WARD_A, "Nguyễn Văn Hùng", DEMO_NOW, "leader")
    desk.sync()
    report = server_reports(central, FeedbackState.ROUTED)[0]
    act(desk, report.id, "accept")
    act(desk, report.id, "assign", assignee="Nguyễn Thị Thu")
    act(desk, report.id, "draft_answer", answer="Đã thay bóng đèn chiếu sáng.")
    assert desk.sync().pushed == 3
    assert "record_progress" in offered(desk, report.id) and not APPROVAL & offered(desk, report.id)

    set_role_unknown(desk)
    assert offered(desk, report.id) >= APPROVAL  # not known: offered, the service decides
    act(desk, report.id, "approve_answer")
    assert desk.sync().problem is None
    [refused] = [e for e in desk.outbox() if e.action == "approve_answer"]
    assert (refused.status, refused.reject_code) == ("rejected", "feedback.leader_only")
    shown = local_report(desk, report.id)
    assert (shown.state, shown.sync_state) == ("answer_drafted", "rejected")  # under "Needs attention"
    assert rejection_text(refused.reject_code, refused.reject_reason, refused.reject_params) == LEADER_ONLY_VI
    assert can_redo(desk, report.id) == [True]
    central.clock.advance(timedelta(minutes=16))  # her access token expires: the sync renews it, and the
    assert desk.sync().problem is None  # service's answer says she is an official
    assert not APPROVAL & offered(desk, report.id)
    assert can_redo(desk, report.id) == [False]  # it would only be refused again
    desk.actions.discard(refused.id)

    leader = open_desk(central, tmp_path / "leader", "hung.tdm", LEADER_PASSWORD)
    try:
        assert leader.sync().problem is None
        assert offered(leader, report.id) >= APPROVAL
        act(leader, report.id, "approve_answer")
        assert leader.sync().pushed == 1
        assert [e.status for e in leader.outbox()] == ["applied"]
    finally:
        leader.cache.close()
    desk.sync()
    assert "send_answer" in offered(desk, report.id)  # approved: anyone of the unit sends it
    act(desk, report.id, "send_answer", publish=True)
    desk.sync()
    with central.service.sessions() as session:
        assert session.get_one(server.Feedback, report.id).state == "answered"
