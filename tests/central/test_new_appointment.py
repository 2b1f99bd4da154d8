"""A late dossier's apology (Mẫu 04): the new appointment is kept beside the statutory due time, on
the desk at once (offline too) and on the service once pushed; a time before the due is refused."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from app.domain.dossier_deadline import new_appointment
from app.domain.errors import DomainError
from app.domain.workflow import DossierState
from central import models as server
from central.operator_actions import act_as
from kernel.clock import VN_TZ
from local_db.models import Dossier, OutboxEntry
from tests.central import test_sync_engine
from tests.central.conftest import Central
from tests.central.test_sync_engine import Desk, server_dossiers

RECEIVED = datetime(2026, 9, 1, 9, 0, tzinfo=VN_TZ)
DUE = datetime(2026, 9, 8, 9, 0, tzinfo=VN_TZ)
desk = test_sync_engine.desk  # an official's desk synced with the real service (a fixture)


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        ("2026-09-07T09:00:00+07:00", "after the statutory due time"),
        ("2026-09-08T09:00:00+07:00", "after the statutory due time"),
        ("08/09/2026 10:00", "not a date and time"),
        ("2026-09-10T09:00:00", "not a date and time"),  # no offset: which 09:00?
        ("2027-10-10T09:00:00+07:00", "more than {days} days"),
        (None, "not a date and time"),
    ],
)
def test_a_new_appointment_must_be_a_time_after_the_due_time_and_within_reason(given: object, problem: str) -> None:
    with pytest.raises(DomainError) as raised:
        new_appointment({"new_due": given}, DUE, RECEIVED)
    assert problem in raised.value.message


def test_a_new_appointment_after_the_due_time_is_taken() -> None:
    assert new_appointment({"new_due": "2026-09-11T14:00:00+07:00"}, DUE, RECEIVED) == datetime(
        2026, 9, 11, 14, 0, tzinfo=VN_TZ
    )


def test_an_apology_keeps_the_statutory_due_time_and_adds_the_new_appointment(desk: Desk, central: Central) -> None:
    desk.sync()
    stored = server_dossiers(central, DossierState.IN_PROGRESS)[0]
    local = desk.local("dossier", stored.id)
    now = central.clock.now()
    later = (max(local.due_at, now) + timedelta(days=3)).astimezone(VN_TZ)
    for too_early in (local.due_at - timedelta(hours=1), now - timedelta(minutes=1)):  # before due; or past
        with pytest.raises(DomainError):
            desk.actions.perform("dossier", local.id, "apologise", {"new_due": too_early.isoformat(), "reason": "x"})
    assert desk.outbox() == []  # refused here: nothing written
    reason = "Cần xác minh thêm thông tin cư trú tại Công an phường"
    desk.actions.perform("dossier", local.id, "apologise", {"new_due": later.isoformat(), "reason": reason})
    with desk.cache.sessions() as session:
        offline = session.get_one(Dossier, local.id)
        assert (offline.due_at, offline.extended_due_at, offline.state) == (local.due_at, later, local.state)
    report = desk.sync()
    assert (report.problem, report.pushed, report.rejected) == (None, 1, 0)
    with central.service.sessions() as session:
        after = session.get_one(server.Dossier, stored.id)
    assert (after.due_at, after.extended_due_at, after.state) == (stored.due_at, later, stored.state)
    assert after.history[-1] | {"at": None} == {
        "at": None, "by": after.history[-1]["by"], "action": "apologise", "state": stored.state,
        "reason": reason, "new_due": later.isoformat(),
    }  # fmt: skip
    with desk.cache.sessions() as session:
        synced = session.get_one(Dossier, local.id)
        assert (synced.extended_due_at, synced.sync_state) == (later, "synced")
        assert session.scalars(select(OutboxEntry.status)).all() == ["applied"]
    earlier = {"new_due": (later - timedelta(hours=1)).isoformat(), "reason": "Lần hai"}
    with pytest.raises(DomainError):  # a second apology promises a time after the first one's
        desk.actions.perform("dossier", local.id, "apologise", earlier)


def test_an_apology_waiting_to_be_pushed_survives_a_pull_of_the_older_copy(desk: Desk, central: Central) -> None:
    desk.sync()
    stored = server_dossiers(central, DossierState.IN_PROGRESS)[1]
    local = desk.local("dossier", stored.id)
    later = (max(local.due_at, central.clock.now()) + timedelta(days=2)).astimezone(VN_TZ)
    desk.actions.perform("dossier", local.id, "apologise", {"new_due": later.isoformat(), "reason": "Chờ ý kiến"})
    colleague = {"text": "Đồng nghiệp ghi chú"}  # a newer copy to pull
    act_as(central.service.sessions, "thu.tdm", "dossier", stored.id, "comment", colleague, central.clock.now())
    desk.sync(push=False)
    with desk.cache.sessions() as session:
        assert session.get_one(Dossier, local.id).extended_due_at == later  # replayed over the pulled copy


def test_a_supplement_received_offline_keeps_the_desk_s_recount_through_a_pull(desk: Desk, central: Central) -> None:
    desk.sync()
    stored = server_dossiers(central, DossierState.IN_PROGRESS)[2]
    local = desk.local("dossier", stored.id)
    desk.actions.perform("dossier", local.id, "request_supplement", {"reason": "Thiếu bản sao giấy khai sinh"})
    central.clock.advance(timedelta(days=1))
    desk.actions.perform("dossier", local.id, "supplement_received", {})
    with desk.cache.sessions() as session:
        recounted = session.get_one(Dossier, local.id).due_at
    assert recounted != local.due_at  # counted again from the complete dossier, on the desk
    colleague = {"text": "Đồng nghiệp ghi chú"}  # the service's copy changes before the desk pushes
    act_as(central.service.sessions, "thu.tdm", "dossier", stored.id, "comment", colleague, central.clock.now())
    desk.sync(push=False)
    with desk.cache.sessions() as session:
        assert session.get_one(Dossier, local.id).due_at == recounted  # not the service's older due time
    assert desk.sync().problem is None
    with central.service.sessions() as session:
        assert session.get_one(server.Dossier, stored.id).due_at == recounted  # both sides count alike
