"""Taking back an action that still waits in the outbox: the item is as it was, nothing reaches the
service; once a push has taken the action (the service may have applied it) it stays. The real service
on loopback, a real cache file, the fault proxy for a lost answer, and the real window."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.domain.errors import DomainError
from app.domain.statuses import OutboxStatus
from app.domain.workflow import DossierState
from central.operator_actions import act_as
from central.seed import add_account
from local_db.models import AuditLog, Dossier, OutboxEntry
from tests.central import test_sync_engine, test_workbench_ui
from tests.central.conftest import WARD_A, Central
from tests.central.test_fault_proxy import Attempts, desk_via
from tests.central.test_sync_engine import Desk, server_dossiers
from tests.central.test_workbench_ui import click, select_remote, server_dossier
from tests.conftest import DEMO_NOW
from tests.fault_proxy import FaultProxy, FaultRates
from ui.main_window import MainWindow

desk = test_sync_engine.desk  # one official's real desk on the real service (fixtures)
window = test_workbench_ui.window


def waiting(desk: Desk) -> list[OutboxEntry]:
    return [entry for entry in desk.outbox() if entry.status == OutboxStatus.PENDING]


def undo_refused(desk: Desk, entry_id: int) -> str:
    with pytest.raises(DomainError) as refused:
        desk.actions.undo(entry_id)
    return refused.value.code


def test_an_action_undone_before_it_is_sent_never_reaches_the_service(desk: Desk, central: Central) -> None:
    desk.sync()
    dossier = server_dossiers(central, DossierState.SUBMITTED)[0]
    before = server_dossier(central, dossier.id)
    desk.act("dossier", dossier.id, "accept")
    assert desk.local("dossier", dossier.id).state == int(DossierState.ACCEPTED)
    [entry] = waiting(desk)
    desk.actions.undo(entry.id)
    local = desk.local("dossier", dossier.id)
    assert (local.state, local.sync_state) == (int(DossierState.SUBMITTED), "synced")
    assert [e.status for e in desk.outbox()] == [OutboxStatus.WITHDRAWN]
    assert undo_refused(desk, entry.id) == "undo.settled"  # taken back once only
    report = desk.sync()
    assert (report.problem, report.pushed) == (None, 0)
    after = server_dossier(central, dossier.id)
    assert (after.state, after.version, after.history) == (before.state, before.version, before.history)
    with desk.cache.sessions() as session:
        logged = session.scalar(select(func.count()).where(AuditLog.action == "undo"))
    assert logged == 1


def test_only_the_last_waiting_action_is_taken_back_and_then_the_one_before(desk: Desk, central: Central) -> None:
    desk.sync()
    dossier = server_dossiers(central, DossierState.SUBMITTED)[0]
    desk.act("dossier", dossier.id, "accept")
    desk.act("dossier", dossier.id, "start_processing")
    accepted, started = waiting(desk)
    assert undo_refused(desk, accepted.id) == "undo.not_last"  # "start processing" needs it
    desk.actions.undo(started.id)
    assert desk.local("dossier", dossier.id).state == int(DossierState.ACCEPTED)
    assert desk.local("dossier", dossier.id).sync_state == "pending"  # "accept" still waits
    desk.actions.undo(accepted.id)
    assert desk.local("dossier", dossier.id).state == int(DossierState.SUBMITTED)
    assert desk.sync().pushed == 0
    assert server_dossier(central, dossier.id).state == int(DossierState.SUBMITTED)


def test_a_comment_is_not_undone_here(desk: Desk, central: Central) -> None:
    desk.sync()
    dossier = server_dossiers(central, DossierState.SUBMITTED)[0]
    desk.act("dossier", dossier.id, "comment", text="Đã gọi điện cho người nộp")
    [entry] = waiting(desk)
    assert undo_refused(desk, entry.id) == "undo.not_undoable"
    assert desk.sync().pushed == 1


def test_after_a_pull_moved_the_item_undo_puts_back_the_services_newer_copy(desk: Desk, central: Central) -> None:
    """A colleague set a new appointment meanwhile: undoing my supplement request must not bring back
    the appointment as it was before theirs (what an undo keeps is renewed when the pull replays mine)."""
    with central.service.sessions.begin() as session:
        add_account(session, "minh.tdm", "Mk-Minh-2026", WARD_A, "Võ Quốc Minh", DEMO_NOW)
    desk.sync()
    dossier = server_dossiers(central, DossierState.IN_PROGRESS)[0]
    desk.act("dossier", dossier.id, "request_supplement", reason="Thiếu bản sao giấy khai sinh")
    new_due = (central.clock.now().replace(microsecond=0) + (dossier.due_at - dossier.received_at) * 2).isoformat()
    outcome = act_as(central.service.sessions, "minh.tdm", "dossier", dossier.id, "apologise",
                     {"new_due": new_due, "reason": "Chờ xác minh"}, central.clock.now())  # fmt: skip
    assert outcome["status"] == "applied", outcome
    assert desk.sync(push=False).problem is None  # the colleague's change arrives; mine is replayed over it
    assert desk.local("dossier", dossier.id).state == int(DossierState.SUPPLEMENT_REQUESTED)
    [entry] = waiting(desk)
    desk.actions.undo(entry.id)
    local = desk.local("dossier", dossier.id)
    assert local.state == int(DossierState.IN_PROGRESS)
    assert local.extended_due_at is not None
    assert local.extended_due_at == server_dossier(central, dossier.id).extended_due_at


def test_once_a_push_has_taken_it_it_stays_even_if_the_answer_was_lost(central: Central, tmp_path: Path) -> None:
    with FaultProxy(central.url, FaultRates(), seed=3) as proxy:
        desk = desk_via(central, tmp_path / "desk", proxy.url, Attempts())
        try:
            desk.sync()
            dossier = server_dossiers(central, DossierState.SUBMITTED)[0]
            desk.act("dossier", dossier.id, "accept")
            proxy.force("POST /v1/mutations", "drop_after")  # the service applies it; the desk never hears
            assert desk.sync().problem == "offline"
            assert server_dossier(central, dossier.id).state == int(DossierState.ACCEPTED)
            [entry] = waiting(desk)
            assert entry.sent_at is not None
            assert undo_refused(desk, entry.id) == "undo.sent"
            assert desk.local("dossier", dossier.id).state == int(DossierState.ACCEPTED)
            report = desk.sync()
            assert (report.problem, report.pushed) == (None, 1)  # settled as the duplicate it is
            assert [e.status for e in desk.outbox()] == [OutboxStatus.APPLIED]
        finally:
            desk.cache.close()


def test_a_push_that_could_not_connect_leaves_the_action_undoable(central: Central, tmp_path: Path) -> None:
    proxy = FaultProxy(central.url, FaultRates(), seed=4)
    desk = desk_via(central, tmp_path / "desk", proxy.url, Attempts())
    try:
        desk.sync()
        dossier = server_dossiers(central, DossierState.SUBMITTED)[0]
        desk.act("dossier", dossier.id, "accept")
        proxy.close()  # nothing listens there any more: the connection is refused, nothing was sent
        assert desk.sync().problem == "offline"
        [entry] = waiting(desk)
        assert entry.sent_at is None
        desk.actions.undo(entry.id)
        assert desk.local("dossier", dossier.id).state == int(DossierState.SUBMITTED)
    finally:
        desk.cache.close()
    assert server_dossier(central, dossier.id).state == int(DossierState.SUBMITTED)


def test_the_window_offers_undo_for_an_action_waiting_offline(
    window: MainWindow, central: Central, qtbot: QtBot
) -> None:
    central.server.stop()
    dossier = server_dossiers(central, DossierState.SUBMITTED)[0]
    select_remote(window, qtbot, "dossiers", dossier.id)
    click(window, qtbot, "accept")
    undo = window.detail.findChild(test_workbench_ui.QPushButton, "undo_action")
    assert undo is not None and undo.text() == "Hoàn tác “Tiếp nhận”"
    qtbot.waitUntil(lambda: "mất kết nối" in window.connection.text(), timeout=10000)  # a sync tried meanwhile
    qtbot.waitUntil(undo.isEnabled)
    with qtbot.waitSignal(window.detail.acted, timeout=5000):
        undo.click()
    qtbot.waitUntil(lambda: window.detail.findChild(test_workbench_ui.QPushButton, "action_accept") is not None)
    assert window.detail.findChild(test_workbench_ui.QPushButton, "undo_action") is None
    with window.workbench.cache.sessions() as session:
        state = session.scalar(select(Dossier.state).where(Dossier.remote_id == str(dossier.id)))
        statuses = list(session.scalars(select(OutboxEntry.status)))
    assert (state, statuses) == (int(DossierState.SUBMITTED), [OutboxStatus.WITHDRAWN])
