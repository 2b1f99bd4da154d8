"""The counter scenario: the dossier does not exist when training starts, so its steps follow the one
the trainee registers for the scenario's citizen (a walk-in), found by procedure and name, bound once,
through the real desk and the training service. Also the walk-in's part of the file format."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.counter_intake import IntakeForm
from app.domain.dossier_intake import Applicant
from app.domain.workflow import DossierState
from kernel.clock import FixedClock
from sandbox.training import TrainingError, TrainingSession, load_scenario, scenarios_dir
from tests.central import test_training
from tests.central.test_training import done, load_changed, server_row
from tests.conftest import DEMO_NOW

keyring_calls, sessions = test_training.keyring_calls, test_training.sessions  # fixtures: no keyring, a session

COUNTER_FILE = scenarios_dir() / "06-tiep-nhan-tai-quay.json"
HA = "Trần Thị Thu Hà"


def take_in(session: TrainingSession, procedure_code: str, name: str, id_number: str | None = None) -> int:
    """What the counter's dialog sends: every paper of the procedure ticked."""
    bench = session.workbench
    procedure = next(p for p in bench.intake.procedures() if p.code == procedure_code)
    form = IntakeForm(procedure_code, Applicant(name, id_number=id_number), "in_person", procedure.components)
    return bench.register_dossier(form).dossier_id


def due(row: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(row["due_at"]) if isinstance(row["due_at"], str) else row["due_at"]


def test_the_steps_follow_the_citizen_s_dossier_the_trainee_registered(
    sessions: Callable[[str], TrainingSession],
) -> None:
    session = sessions("citizen-at-the-counter")
    session.sync()  # the catalogue and the blocks of numbers
    take_in(session, "1.001193", "Trần Thị Thu Hằng")  # another citizen
    take_in(session, "2.000815", HA)  # the right citizen, another procedure
    session.sync()
    assert not any(done(session).values()) and session.item_ref("ds-ha") is None

    session.fire("network-down")
    typed = unicodedata.normalize("NFD", "  trần thị   THU hà ")  # as an input method may compose it
    first = take_in(session, "1.001193", typed, "079195004321")
    assert session.item_ref("ds-ha") == ("dossier", first)
    assert not done(session)["take-in"]  # on the desk only: the service has not taken it in
    session.fire("network-up")
    session.sync()
    assert done(session)["take-in"] and not done(session)["start-processing"]
    take_in(session, "1.001193", HA)  # registered twice by mistake: the steps stay on the first
    assert session.item_ref("ds-ha") == ("dossier", first)

    promised = due(server_row(session, "ds-ha"))
    for step in ("start-processing", "request-supplement"):
        session.play_solution(step)
    session.clock.advance(timedelta(days=1))  # she comes back with the original the next morning
    session.play_solution("supplement-received")
    assert due(server_row(session, "ds-ha")) == promised + timedelta(days=1)  # recounted from her return
    for step in ("record-result", "return-result"):
        session.play_solution(step)
    row = server_row(session, "ds-ha")
    assert row["state"] == int(DossierState.RETURNED) and row["applicant_id_number"] == "079195004321"
    assert [entry["action"] for entry in row["history"]] == [
        "register", "start_processing", "request_supplement", "supplement_received", "record_result", "return_result"
    ]  # fmt: skip
    assert not done(session)["print-receipt"]  # an instruction: nothing could see the paper come out


def test_the_model_answer_registers_the_papers_the_citizen_handed_in(
    sessions: Callable[[str], TrainingSession],
) -> None:
    session = sessions("citizen-at-the-counter")
    with pytest.raises(TrainingError):  # nothing synced yet: no catalogue on the desk
        session.register_walk_in("ds-ha")
    session.play_solution("take-in")
    detail = session.workbench.item_detail(*session.item_ref("ds-ha"))
    assert detail.fields["applicant_name"] == HA
    papers = [part["name"] for part in server_row(session, "ds-ha")["received_components"]]
    assert papers == ["Tờ khai đăng ký khai sinh theo mẫu", "Giấy chứng sinh hoặc văn bản xác nhận việc sinh"]


def test_a_colleague_can_act_on_a_walk_in_s_dossier_once_the_service_has_it(tmp_path: Path) -> None:
    data = json.loads(COUNTER_FILE.read_text(encoding="utf-8"))
    data["events"].append({"id": "colleague-starts", "title": {"vi": "Đồng nghiệp xử lý", "en": "A colleague"},
                           "kind": "colleague_acts", "item": "ds-ha", "action": "start_processing"})  # fmt: skip
    path = tmp_path / "dong-nghiep.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    session = TrainingSession(load_scenario(path), tmp_path / "training", FixedClock(DEMO_NOW))
    session.start()
    try:
        with pytest.raises(TrainingError):
            session.fire("colleague-starts")  # nobody has registered it yet
        session.play_solution("take-in")
        session.fire("colleague-starts")
        assert server_row(session, "ds-ha")["state"] == int(DossierState.IN_PROGRESS)
    finally:
        session.close()


def _walk_in(**changes: Any) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        data["walk_ins"][0].update(changes)

    return change


def _seed_dossier(key: str) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        data["seed"]["dossiers"] = [{"key": key, "procedure": "1.001193", "applicant_name": "Lê Văn An"}]

    return change


def _step(index: int, **changes: Any) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        data["steps"][index].update(changes)

    return change


BROKEN = [
    ("ID number of another birth year", _walk_in(applicant_born_on="1996-03-14"), "walk_ins[0].applicant_id_number"),
    ("ID number too short", _walk_in(applicant_id_number="07919500432"), "walk_ins[0].applicant_id_number"),
    ("a paper the procedure does not ask for", _walk_in(papers=["Sổ hộ khẩu"]), "walk_ins[0].papers[0]"),
    ("an unknown procedure", _walk_in(procedure="9.999999"), "walk_ins[0].procedure"),
    ("a seeded dossier's key", _seed_dossier("ds-ha"), "walk_ins[0].key"),
    ("registered: not a walk-in", _step(0, check={"registered": "ds-1"}), "steps[0].check.registered"),
    ("register move: not a walk-in", _step(0, solution=[{"register": "ds-9"}]), "steps[0].solution[0].register"),
    ("an instruction with a solution", _step(1, solution=[{"sync": True}]), "steps[1].solution"),
    ("registered with an action", _step(0, check={"registered": "ds-ha", "action": "accept"}),
     "steps[0].check.action"),
]  # fmt: skip


@pytest.mark.parametrize(("what", "change", "json_path"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_walk_in_names_the_json_path(
    what: str, change: Callable[[dict], None], json_path: str, tmp_path: Path
) -> None:
    error = load_changed(COUNTER_FILE, change, tmp_path / "quay.json")
    assert error.json_path == json_path, str(error)
    assert error.message_vi != error.message_en
