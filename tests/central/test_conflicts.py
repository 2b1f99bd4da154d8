"""A colleague acted first: the desk keeps the server's reason whole (code, template, values), and the
official settles the refused action by doing it again on the item as it is now, or by discarding it.
The real service on loopback, a real cache file; the colleague acts as the operator's CLI would."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.domain.errors import DomainError
from app.domain.statuses import OutboxStatus
from app.domain.workflow import DossierState
from central.operator_actions import act_as
from central.seed import add_account
from local_db.models import AuditLog, OutboxEntry
from tests.central import test_sync_engine
from tests.central.conftest import WARD_A, Central
from tests.central.test_sync_engine import Desk, server_dossiers
from tests.central.test_workbench_ui import server_dossier
from tests.conftest import DEMO_NOW

COLLEAGUE = "minh.tdm"
desk = test_sync_engine.desk  # one official's real desk on the real service (a fixture)


@pytest.fixture
def colleague(central: Central) -> str:
    with central.service.sessions.begin() as session:
        add_account(session, COLLEAGUE, "Mk-Minh-2026", WARD_A, "Võ Quốc Minh", DEMO_NOW)
    return COLLEAGUE


def colleague_acts(central: Central, dossier_id: int, action: str, **fields: str) -> None:
    outcome = act_as(central.service.sessions, COLLEAGUE, "dossier", dossier_id, action, fields, central.clock.now())
    assert outcome["status"] == "applied", outcome


def refused_entry(desk: Desk) -> OutboxEntry:
    [entry] = [entry for entry in desk.outbox() if entry.status == OutboxStatus.REJECTED]
    return entry


@pytest.mark.usefixtures("colleague")
def test_the_reason_is_kept_whole_and_a_discard_leaves_the_server_as_it_is(desk: Desk, central: Central) -> None:
    desk.sync()
    dossier = server_dossiers(central, DossierState.PROCESSED)[0]
    desk.act("dossier", dossier.id, "return_result")
    colleague_acts(central, dossier.id, "return_result")
    assert desk.sync().rejected == 1
    entry = refused_entry(desk)
    assert entry.reject_code == "workflow.illegal_action"
    assert entry.reject_reason == "“{action}” is not possible while the item is “{state}”."
    assert entry.reject_params == {"action": "Return the result", "state": "Result returned"}
    before = server_dossier(central, dossier.id)
    local_id = desk.local("dossier", dossier.id).id
    with pytest.raises(DomainError):  # the workflow does not allow it from "returned": nothing written
        desk.actions.redo(entry.id)
    assert [e.status for e in desk.outbox()] == [OutboxStatus.REJECTED]
    desk.actions.discard(entry.id)
    assert [e.status for e in desk.outbox()] == [OutboxStatus.DISMISSED]
    assert desk.local("dossier", dossier.id).sync_state == "synced"
    with pytest.raises(DomainError):  # settled once only
        desk.actions.discard(entry.id)
    assert desk.sync().pushed == 0
    after = server_dossier(central, dossier.id)
    assert (after.state, after.version, after.history) == (before.state, before.version, before.history)
    with desk.cache.sessions() as session:
        logged = session.scalar(select(func.count()).where(AuditLog.action == "discard_refused",
                                                           AuditLog.item_id == local_id))  # fmt: skip
    assert logged == 1


@pytest.mark.usefixtures("colleague")
def test_done_again_once_the_state_allows_it_the_server_applies_it(desk: Desk, central: Central) -> None:
    desk.sync()
    dossier = server_dossiers(central, DossierState.IN_PROGRESS)[0]
    desk.act("dossier", dossier.id, "request_supplement", reason="Thiếu bản sao giấy khai sinh")
    colleague_acts(central, dossier.id, "request_financial_obligation", reason="Nộp lệ phí")
    assert desk.sync().rejected == 1
    entry = refused_entry(desk)
    with pytest.raises(DomainError):  # "financial obligation requested": no supplement asked from there
        desk.actions.redo(entry.id)
    colleague_acts(central, dossier.id, "financial_obligation_met")
    desk.sync()
    again = desk.actions.redo(entry.id)
    statuses = {e.mutation_id: e.status for e in desk.outbox()}
    assert statuses == {entry.mutation_id: OutboxStatus.REDONE, again: OutboxStatus.PENDING}
    [pending] = [e for e in desk.outbox() if e.mutation_id == again]
    assert (pending.action, pending.payload) == ("request_supplement", {"reason": "Thiếu bản sao giấy khai sinh"})
    with pytest.raises(DomainError):  # the refused one is settled: a second click does nothing
        desk.actions.redo(entry.id)
    assert desk.sync().pushed == 1
    after = server_dossier(central, dossier.id)
    assert after.state == int(DossierState.SUPPLEMENT_REQUESTED)
    assert after.history[-1]["reason"] == "Thiếu bản sao giấy khai sinh" and after.history[-1]["by"] == "Nguyễn Thị Thu"
    assert desk.local("dossier", dossier.id).sync_state == "synced"
