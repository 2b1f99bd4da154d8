"""The 1022 training scenario: its reports routed by the service's own code, an event that routes one
while the trainee works, the leader's approval done on the server by the scenario's leader, each step
ticked only by what the service applied, and scenario files that say where a report is written wrong."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import create_engine, select

from app.domain.feedback_deadline import DEFAULT_FEEDBACK_RULE, answer_due_at
from central import models as server
from central.demo_data import shipped_calendar
from kernel.clock import FixedClock
from local_db.models import Feedback
from sandbox.training import ScenarioError, TrainingError, TrainingSession, load_scenario, scenarios_dir
from sandbox.training.scenario import FeedbackSeed
from tests.central.test_training import _chain, _drop, _set, done, keyring_calls, server_row
from tests.conftest import DEMO_NOW

_ = keyring_calls  # the fixture: training touches no keyring
FILE = scenarios_dir() / "09-phan-anh-1022.json"
BUILDING_DEPARTMENT = "000.00.05.H29"  # Sở Xây dựng


@pytest.fixture
def session(keyring_calls: list[str], tmp_path: Path) -> Iterator[TrainingSession]:
    started = TrainingSession(load_scenario(FILE), tmp_path / "training", FixedClock(DEMO_NOW))
    started.start()
    yield started
    started.close()


def central_rows(root: Path, model: type, *where: Any) -> list[Any]:
    engine = create_engine(f"sqlite:///{root / 'central' / 'unified.sqlite3'}")
    try:
        with engine.connect() as db:
            return list(db.execute(select(model).where(*where)))
    finally:
        engine.dispose()


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def local_report(session: TrainingSession, key: str) -> Feedback | None:
    ref = session.item_ref(key)
    if ref is None:
        return None
    with session.workbench.cache.sessions() as db:
        return db.get(Feedback, ref[1])


def test_the_scenario_loads_its_reports_events_and_leader() -> None:
    scenario = load_scenario(FILE)
    assert [report.key for report in scenario.feedback] == ["pa-den", "pa-an-danh"]
    assert scenario.feedback[1].anonymous and scenario.feedback[1].reporter_name is None
    assert [event.kind for event in scenario.events] == ["feedback_routed", "leader_acts"]
    routed = scenario.events[0].feedback
    assert isinstance(routed, FeedbackSeed) and routed.key == "pa-tin-hieu" and routed.state == "routed"
    assert scenario.accounts.leader is not None and scenario.accounts.leader.display_name == "Trần Thị Mai"


def test_the_seeded_reports_are_routed_by_the_service_and_taken_to_their_state(
    session: TrainingSession, tmp_path: Path
) -> None:
    fresh, anonymous = server_row(session, "pa-den"), server_row(session, "pa-an-danh")
    routed_at = DEMO_NOW.replace(minute=10)  # 20 minutes before 09:30
    assert (fresh["state"], moment(fresh["routed_at"]), fresh["reporter_name"]) == (
        "routed", routed_at, "Trương Thị Bích Ngọc")  # fmt: skip
    assert moment(fresh["due_at"]) == answer_due_at(routed_at, DEFAULT_FEEDBACK_RULE, shipped_calendar())
    assert (anonymous["state"], anonymous["assignee"], anonymous["reporter_name"]) == ("assigned", "Lê Văn An", None)
    assert [(e["action"], e["by"]) for e in anonymous["history"]] == [
        ("route", "Tổng đài 1022"), ("accept", "Lê Văn An"), ("assign", "Lê Văn An")]  # fmt: skip
    accounts = {row.login: row.role for row in central_rows(tmp_path / "training", server.Account)}
    assert accounts["mai.tdm.taphuan"] == "leader" and accounts["tongdai1022"] == "operator"
    assert accounts["khoa.tdm.taphuan"] == "official"


def test_the_event_routes_a_report_that_the_trainee_s_desk_receives(session: TrainingSession) -> None:
    session.sync()
    assert session.remote_item("pa-tin-hieu") is None and local_report(session, "pa-tin-hieu") is None
    session.clock.advance(DEMO_NOW.replace(hour=10) - DEMO_NOW)
    session.fire("new-report")
    routed = server_row(session, "pa-tin-hieu")
    assert (routed["state"], moment(routed["routed_at"])) == ("routed", DEMO_NOW.replace(hour=10))
    assert routed["code"] != server_row(session, "pa-den")["code"]
    session.sync()
    mine = local_report(session, "pa-tin-hieu")
    assert mine is not None and mine.category == "Giao thông" and mine.state == "routed"
    assert mine.reporter_name is None and mine.contact_hidden  # not hers: the contact stays hidden
    with pytest.raises(TrainingError) as again:
        session.fire("new-report")
    assert again.value.message_vi == "Phản ánh này đã được chuyển đến rồi."


def test_each_step_ticks_by_the_service_s_actions_and_1022_reads_the_answer_back(session: TrainingSession) -> None:
    steps = [step.id for step in session.scenario.steps]
    session.play_solution("accept")
    session.play_solution("assign")
    mine = local_report(session, "pa-den")
    assert mine is not None and mine.reporter_phone == "0908123456"  # assigned to her: the contact shows
    with pytest.raises(TrainingError):  # nothing drafted yet: the leader has nothing to approve
        session.fire("leader-approves")
    for step_id in steps[2:]:
        session.play_solution(step_id)
        assert done(session)[step_id], step_id  # the window checks after each move, as here
    assert all(done(session).values())
    answered, sent_back = server_row(session, "pa-den"), server_row(session, "pa-tin-hieu")
    assert [(e["action"], e["by"]) for e in answered["history"]][-2:] == [
        ("approve_answer", "Trần Thị Mai"), ("send_answer", "Đặng Minh Khoa")]  # fmt: skip
    assert (answered["state"], answered["publish"], answered["assignee"]) == ("answered", True, "Đặng Minh Khoa")
    assert (sent_back["state"], sent_back["suggested_unit_code"]) == ("sent_back", BUILDING_DEPARTMENT)
    central = session._systems["new"].central
    central.add_account("tongdai.doc", "Tong-dai-1022-doc!", "000.00.00.H29", "Tổng đài 1022", role="operator")
    operator = {"login": "tongdai.doc", "password": "Tong-dai-1022-doc!"}
    token = requests.post(f"{central.url}/v1/auth/token", json=operator, timeout=10)
    read = requests.get(f"{central.url}/v1/feedback/{answered['code']}", timeout=10,
                        headers={"Authorization": f"Bearer {token.json()['access_token']}"})  # fmt: skip
    assert read.status_code == 200, read.text
    assert (read.json()["state"], read.json()["publish"]) == ("answered", True)
    assert read.json()["answer"].startswith("Ủy ban nhân dân Phường Thủ Dầu Một đã phối hợp")
    assert [note["text"] for note in read.json()["progress"]] == [
        "Đã kiểm tra hiện trường, đã báo đơn vị quản lý chiếu sáng thay bóng đèn."
    ]


def test_a_pending_action_does_not_tick_its_step(session: TrainingSession) -> None:
    session.sync()
    session.workbench.perform(*session.item_ref("pa-den"), "accept", {})
    assert not done(session)["accept"]  # waiting in the outbox is not done
    session.sync()
    assert done(session)["accept"] and not done(session)["assign"]


BROKEN = [
    ("a seeded report sent back", _set("seed.feedback[0].state", "sent_back"), "seed.feedback[0].state"),
    ("a named report without its reporter", _drop("seed.feedback[0].reporter_name"), "seed.feedback[0].reporter_name"),
    ("an anonymous report with a contact", _set("seed.feedback[0].anonymous", True), "seed.feedback[0].reporter_name"),
    ("a latitude off the globe", _set("seed.feedback[0].latitude", 200), "seed.feedback[0].latitude"),
    ("a text where a coordinate goes", _set("seed.feedback[0].longitude", "106.6"), "seed.feedback[0].longitude"),
    ("an assignee of a report not assigned", _set("seed.feedback[0].assignee", "Lê Văn An"),
     "seed.feedback[0].assignee"),
    ("an answer of a report not drafted", _set("seed.feedback[1].answer", "Đã xử lý."), "seed.feedback[1].answer"),
    ("a content too long for 1022", _set("seed.feedback[0].content", "x" * 4001), "seed.feedback[0].content"),
    ("an unknown channel", _set("seed.feedback[0].channel", "zalo"), "seed.feedback[0].channel"),
    ("a duplicate report key", _set("seed.feedback[1].key", "pa-den"), "seed.feedback[1].key"),
    ("a state for a report routed live", _set("events[0].feedback.state", "accepted"), "events[0].feedback.state"),
    ("a leader acting on nothing", _set("events[1].item", "pa-9"), "events[1].item"),
    ("a document state on a report", _set("steps[0].check.state", "registered"), "steps[0].check.state"),
    ("a competent unit not in the directory", _set("steps[3].solution[2].payload.suggested_unit", "000.00.99.H29"),
     "steps[3].solution[2].payload.suggested_unit"),
    ("sent back to the ward itself", _set("steps[3].solution[2].payload.suggested_unit", "000.00.57.H29"),
     "steps[3].solution[2].payload.suggested_unit"),
    ("publish as a text", _set("steps[6].solution[0].payload.publish", "yes"), "steps[6].solution[0].payload.publish"),
    ("an impossible committed date", _set("steps[2].solution[0].payload.committed_on", "2026-13-01"),
     "steps[2].solution[0].payload.committed_on"),
    ("the leader with the trainee's login", _set("accounts.leader.login", "khoa.tdm.taphuan"), "accounts"),
    ("a default leader with a taken login", _chain(_drop("accounts.leader"),
     _set("accounts.colleague.login", "lanhdao.taphuan")), "accounts"),
]  # fmt: skip


@pytest.mark.parametrize(("what", "change", "json_path"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_report_written_wrong_names_the_file_and_the_json_path(
    what: str, change: Callable[[dict], None], json_path: str, tmp_path: Path
) -> None:
    data = copy.deepcopy(json.loads(FILE.read_text(encoding="utf-8")))
    change(data)
    path = tmp_path / "phan-anh-cua-giang-vien.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    error = caught.value
    assert (error.file, error.json_path) == ("phan-anh-cua-giang-vien.json", json_path), str(error)
    assert error.message_vi and error.message_en and error.message_vi != error.message_en
    assert str(error).startswith(f"phan-anh-cua-giang-vien.json: {json_path}: ")


def test_a_leader_is_given_when_the_scenario_needs_one_and_not_named(tmp_path: Path) -> None:
    data = json.loads(FILE.read_text(encoding="utf-8"))
    del data["accounts"]["leader"]
    path = tmp_path / "khong-ten-lanh-dao.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert load_scenario(path).accounts.leader is not None  # leader_acts needs one: the default
    data["events"] = data["events"][:1]
    data["steps"] = data["steps"][:5]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert load_scenario(path).accounts.leader is None  # none asked for, none made


def test_a_report_seeded_answered_went_the_whole_way_with_the_default_leader_s_approval(
    keyring_calls: list[str], tmp_path: Path
) -> None:
    data = json.loads(FILE.read_text(encoding="utf-8"))
    del data["accounts"]["leader"]
    data["seed"]["feedback"][1] |= {"state": "answered", "answer": "Đã lập biên bản, yêu cầu cơ sở khắc phục."}
    path = tmp_path / "da-tra-loi.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    started = TrainingSession(load_scenario(path), tmp_path / "training", FixedClock(DEMO_NOW))
    try:
        started.start()
        row = server_row(started, "pa-an-danh")
        assert (row["state"], row["answer"], row["publish"]) == (
            "answered", "Đã lập biên bản, yêu cầu cơ sở khắc phục.", False)  # fmt: skip
        assert [(e["action"], e["by"]) for e in row["history"]] == [
            ("route", "Tổng đài 1022"), ("accept", "Lê Văn An"), ("assign", "Lê Văn An"),
            ("draft_answer", "Lê Văn An"), ("approve_answer", "Trần Thị Mai (lãnh đạo)"),
            ("send_answer", "Lê Văn An"),
        ]  # fmt: skip
    finally:
        started.close()
