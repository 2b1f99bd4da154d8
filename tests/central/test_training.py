"""Training mode: scenario files checked on load, every shipped scenario played through the real desk
and its own loopback services, steps ticked only by what really happened, a reset that leaves
nothing behind, and no keyring or file outside the training folder ever touched."""

from __future__ import annotations

import copy
import json
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.core
import pytest
from keyring.backends import fail
from sqlalchemy import create_engine, func, select

from app.domain.workflow import DossierState
from central import models as server
from kernel.clock import FixedClock
from local_db.models import Account, AuditLog, Document, OutboxEntry
from sandbox.training import (
    ScenarioError,
    TrainingError,
    TrainingSession,
    load_scenario,
    load_shipped_scenarios,
    scenarios_dir,
)
from sandbox.training.session import MARKER_FILE
from tests.conftest import DEMO_NOW

SHIPPED = {scenario.id: scenario for scenario in load_shipped_scenarios()}
BASE_FILE = scenarios_dir() / "01-van-ban-den.json"


# -- isolation: no keyring, no file outside the training folder -----------------------------------


@pytest.fixture
def keyring_calls(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[str]]:
    """Every keyring entry point records and raises; user folders point inside tmp_path."""
    calls: list[str] = []

    def guard(name: str) -> Callable[..., Any]:
        def refuse(*_args: Any, **_kwargs: Any) -> Any:
            calls.append(name)
            raise AssertionError(f"training touched the keyring: {name}")

        return refuse

    names = ("get_keyring", "set_keyring", "get_password", "set_password", "delete_password", "get_credential")
    for module in (keyring, keyring.core):
        for name in names:
            monkeypatch.setattr(module, name, guard(f"{module.__name__}.{name}"))
    for name in ("get_password", "set_password", "delete_password"):
        monkeypatch.setattr(fail.Keyring, name, guard(f"fail.Keyring.{name}"))
    for variable in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(variable, str(tmp_path / "home" / variable.lower()))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    yield calls
    assert calls == []


@pytest.fixture
def sessions(keyring_calls: list[str], tmp_path: Path) -> Iterator[Callable[[str], TrainingSession]]:
    opened: list[TrainingSession] = []

    def start(scenario_id: str) -> TrainingSession:
        session = TrainingSession(SHIPPED[scenario_id], tmp_path / "training", FixedClock(DEMO_NOW))
        session.start()
        opened.append(session)
        return session

    yield start
    for session in opened:
        session.close()


def done(session: TrainingSession) -> dict[str, bool]:
    return {status.step_id: status.done for status in session.check_steps()}


def listing(folder: Path) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()}


def server_row(session: TrainingSession, key: str) -> dict[str, Any]:
    """The central service's copy of a scenario item, as it sends it."""
    remote = session.remote_item(key)
    assert remote is not None
    row = session.server_item(remote)
    assert row is not None
    return row


def central_count(root: Path, model: type) -> int:
    """Rows of the city system's own database file (read apart from the running service)."""
    engine = create_engine(f"sqlite:///{root / 'central' / 'unified.sqlite3'}")
    try:
        with engine.connect() as db:
            return db.scalar(select(func.count()).select_from(model)) or 0
    finally:
        engine.dispose()


def local_count(session: TrainingSession, model: type, *where: Any) -> int:
    with session.workbench.cache.sessions() as db:
        return db.scalar(select(func.count()).select_from(model).where(*where)) or 0


# -- loading -----------------------------------------------------------------------------------------


def test_every_shipped_scenario_loads() -> None:
    assert set(SHIPPED) == {
        "incoming-document", "birth-registration", "two-accounts", "con-dao-offline", "colleague-first",
        "citizen-at-the-counter", "digital-signatures", "meeting-invitation", "feedback-1022",
    }  # fmt: skip
    for scenario in SHIPPED.values():
        assert scenario.title.vi and scenario.title.en and scenario.steps
        assert all(step.text.vi and step.text.en for step in scenario.steps)
        assert all(bool(step.solution) == (step.check is not None) for step in scenario.steps)
    kinds = {event.kind for scenario in SHIPPED.values() for event in scenario.events}
    assert {
        "urgent_document",
        "network_down",
        "network_up",
        "colleague_acts",
        "feedback_routed",
        "leader_acts",
    } <= kinds


def _set(path: str, value: Any) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        *parents, last = _parse(path)
        target = data
        for part in parents:
            target = target[part]
        target[last] = value

    return change


def _drop(path: str) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        *parents, last = _parse(path)
        target = data
        for part in parents:
            target = target[part]
        del target[last]

    return change


def _chain(*changes: Callable[[dict], None]) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        for one in changes:
            one(data)

    return change


def _parse(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for piece in path.replace("]", "").split("."):
        name, *indexes = piece.split("[")
        parts += [name, *(int(i) for i in indexes)]
    return parts


BROKEN = [
    ("unknown top-level key", _set("titel", "x"), "titel"),
    ("missing check on a step with a solution", _drop("steps[0].check"), "steps[0].solution"),
    ("unknown action in a check", _set("steps[2].check.action", "chuyen"), "steps[2].check.action"),
    ("unknown action in a solution", _set("steps[0].solution[1].action", "accept"), "steps[0].solution[1].action"),
    ("impossible date", _chain(_drop("seed.documents[0].issued_days_ago"), _set("seed.documents[0].issued_on",
     "2026-02-30")), "seed.documents[0].issued_on"),
    ("duplicate step id", _set("steps[1].id", "register"), "steps[1].id"),
    ("duplicate event id", _set("events[2].id", "network-down"), "events[2].id"),
    ("unknown event kind", _set("events[1].kind", "earthquake"), "events[1].kind"),
    ("check on an unknown item", _set("steps[0].check.item", "doc-9"), "steps[0].check.item"),
    ("dossier state on a document", _set("steps[0].check.state", "accepted"), "steps[0].check.state"),
    ("firing an unknown event", _set("steps[3].solution[0].fire", "storm"), "steps[3].solution[0].fire"),
    ("bad unit code", _set("unit", "000.00.99.H29"), "unit"),
    ("missing Vietnamese title", _drop("title.vi"), "title.vi"),
    ("wrong format version", _set("format", 2), "format"),
    ("an old-system item without an old account", _set("seed.documents[0].system", "old"), "seed.documents[0].system"),
    ("two main keys in a check", _set("steps[0].check.account", "new"), "steps[0].check"),
    ("a text where a number goes", _set("seed.documents[0].due_in_working_days", "5"),
     "seed.documents[0].due_in_working_days"),
    ("both a date and a relative date", _set("seed.documents[0].issued_on", "2026-11-20"),
     "seed.documents[0].issued_days_ago"),
    ("payload missing a required field", _set("steps[1].solution[0].payload", {}),
     "steps[1].solution[0].payload.assignee"),
    ("unknown key inside a step", _set("steps[4].hint", "x"), "steps[4].hint"),
    ("an unknown kind of signature", _set("seed.documents[0].signature", "forged"), "seed.documents[0].signature"),
    ("a signed letter with no signer", _chain(_set("seed.documents[0].signature", "valid"),
     _drop("seed.documents[0].signer_name")), "seed.documents[0].signature"),
    ("a signed outgoing document", _chain(_set("seed.documents[0].signature", "valid"),
     _set("seed.documents[0].direction", "outgoing"), _set("seed.documents[0].state", "draft")),
     "seed.documents[0].signature"),
]  # fmt: skip


def load_changed(source: Path, change: Callable[[dict], None], path: Path) -> ScenarioError:
    """The error loading a copy of ``source`` changed by ``change`` (written at ``path``) gives."""
    data = json.loads(source.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    return caught.value


@pytest.mark.parametrize(("what", "change", "json_path"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_scenario_file_names_the_file_and_the_json_path(
    what: str, change: Callable[[dict], None], json_path: str, tmp_path: Path
) -> None:
    error = load_changed(BASE_FILE, change, tmp_path / "cua-giang-vien.json")
    assert (error.file, error.json_path) == ("cua-giang-vien.json", json_path), str(error)
    assert error.message_vi and error.message_en and error.message_vi != error.message_en
    assert str(error).startswith(f"cua-giang-vien.json: {json_path}: ")


def _naive_receipt(data: dict) -> None:
    dossier = data["seed"]["dossiers"][0]
    del dossier["received_minutes_ago"]
    dossier["received_at"] = "2026-11-25T08:15:00"  # no offset: ambiguous


def test_more_broken_files_colleague_dates_and_json(tmp_path: Path) -> None:
    colleague = json.loads((scenarios_dir() / "05-dong-nghiep-lam-truoc.json").read_text(encoding="utf-8"))
    cases = [
        (_set("events[1].action", "refuse"), "events[1].action"),  # refuse needs a reason
        (_naive_receipt, "seed.dossiers[0].received_at"),
        (_set("seed.dossiers[0].procedure", "9.999999"), "seed.dossiers[0].procedure"),
        (_set("steps[3].check.synced", True), "steps[3].check.synced"),  # dismissed and synced
        (_set("accounts.colleague.login", "hoa.saigon.taphuan"), "accounts"),
    ]
    for index, (change, json_path) in enumerate(cases):
        data = copy.deepcopy(colleague)
        change(data)
        path = tmp_path / f"hong-{index}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(ScenarioError) as caught:
            load_scenario(path)
        assert caught.value.json_path == json_path, str(caught.value)
    bad = tmp_path / "khong-phai-json.json"
    bad.write_text('{"format": 1,\n  "id": "x",,}', encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(bad)
    assert caught.value.json_path == "$" and "dòng 2" in caught.value.message_vi and "line 2" in caught.value.message_en
    assert "Expecting" not in caught.value.message_vi  # Python's English stays in the English message


def test_broken_meetings_name_their_place(tmp_path: Path) -> None:
    invitation = json.loads((scenarios_dir() / "08-giay-moi-hop.json").read_text(encoding="utf-8"))
    cases = [
        (_set("events[0].document.meeting.changes", "gm-9"), "events[0].document.meeting.changes"),
        (_set("seed.documents[0].notation", "UBND-VP"), "seed.documents[0].meeting"),  # an invitation is a GM
        (_set("seed.documents[0].meeting.at", "8 giờ"), "seed.documents[0].meeting.at"),
        (_set("steps[1].check.meeting", "tb-1"), "steps[1].check.meeting"),  # a letter, not an invitation
    ]
    for index, (change, json_path) in enumerate(cases):
        data = copy.deepcopy(invitation)
        change(data)
        path = tmp_path / f"hong-{index}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(ScenarioError) as caught:
            load_scenario(path)
        assert caught.value.json_path == json_path, str(caught.value)


def test_two_files_with_one_scenario_id_are_refused(tmp_path: Path) -> None:
    for name in ("a.json", "b.json"):
        (tmp_path / name).write_bytes(BASE_FILE.read_bytes())
    with pytest.raises(ScenarioError) as caught:
        load_shipped_scenarios(tmp_path)
    assert (caught.value.file, caught.value.json_path) == ("b.json", "id")


# -- playing every shipped scenario ----------------------------------------------------------------


@pytest.mark.parametrize("scenario_id", sorted(SHIPPED))
def test_every_step_ticks_only_after_it_is_really_done(
    scenario_id: str, sessions: Callable[[str], TrainingSession]
) -> None:
    session = sessions(scenario_id)
    steps = [step.id for step in session.scenario.steps if step.check is not None]  # instructions never tick
    for index, step_id in enumerate(steps):
        before = done(session)
        assert [before[s] for s in steps[index:]] == [False] * (len(steps) - index), f"{step_id} ticked too early"
        session.play_solution(step_id)
        after = done(session)
        assert [after[s] for s in steps[: index + 1]] == [True] * (index + 1), f"{step_id} not detected"
    assert session.online
    assert not any(done(session)[step.id] for step in session.scenario.steps if step.check is None)


def test_an_action_ticks_only_once_the_server_has_applied_it(sessions: Callable[[str], TrainingSession]) -> None:
    session = sessions("incoming-document")
    session.sync()
    kind, local_id = session.item_ref("doc-1")
    session.fire("network-down")
    session.workbench.perform(kind, local_id, "register", {})  # the real desk, not the scenario's solution
    assert [report.problem for report in session.sync()] == ["offline"]
    assert not done(session)["register"]  # waiting in the outbox is not done
    assert server_row(session, "doc-1")["state"] == "received"
    session.fire("network-up")
    session.sync()
    assert done(session)["register"]
    row = server_row(session, "doc-1")
    assert row["state"] == "registered" and row["arrival_number"] is not None
    assert not done(session)["assign"] and not done(session)["urgent-arrives"]


def test_a_wrong_action_does_not_tick_the_step(sessions: Callable[[str], TrainingSession]) -> None:
    session = sessions("incoming-document")
    session.sync()
    session.workbench.perform(*session.item_ref("doc-1"), "refuse", {"reason": "Gửi nhầm đơn vị"})
    session.sync()
    assert server_row(session, "doc-1")["state"] == "refused"
    assert not any(done(session).values())


def test_the_colleague_s_action_really_wins_on_the_server(sessions: Callable[[str], TrainingSession]) -> None:
    session = sessions("colleague-first")
    for step in ("first-sync", "return-offline", "see-rejection"):
        session.play_solution(step)
    row = server_row(session, "ds-1")
    assert row["state"] == int(DossierState.RETURNED) and row["history"][-1]["by"] == "Võ Quốc Minh"
    with session.workbench.cache.sessions() as db:
        [entry] = db.scalars(select(OutboxEntry)).all()
    assert (entry.status, entry.reject_code) == ("rejected", "workflow.illegal_action")
    detail = session.workbench.item_detail(*session.item_ref("ds-1"))
    assert detail.rejections and detail.fields["sync_state"] == "rejected"


def test_the_trainee_is_an_official_and_a_leader_approves(sessions: Callable[[str], TrainingSession]) -> None:
    """As in a ward: the trainee handles reports, the answer's approval is the scenario's leader's act
    (a "leader_acts" event), so the trainee's desk does not offer it once it knows the role."""
    session = sessions("two-accounts")
    with session.workbench.cache.sessions() as db:
        assert sorted(db.scalars(select(Account.service_role))) == ["official", "official"]  # the new and the old


def test_the_old_account_retires_with_nothing_left_behind(sessions: Callable[[str], TrainingSession]) -> None:
    session = sessions("two-accounts")
    for step in session.scenario.steps:
        session.play_solution(step.id)
    assert server_row(session, "old-ds-1")["state"] == int(DossierState.IN_PROGRESS)
    with session.workbench.cache.sessions() as db:
        old = db.get_one(Account, session.account_ids["old"])
        assert (old.role, old.status) == ("old", "retired")
    problems = [report.problem for report in session.sync()]
    assert problems == [None, "retired"]
    assert session.item_ref("old-ds-1") is not None  # its items stay readable


def test_events_that_cannot_happen_say_so(sessions: Callable[[str], TrainingSession]) -> None:
    session = sessions("incoming-document")
    with pytest.raises(TrainingError):
        session.fire("no-such-event")
    session.fire("urgent-dispatch")
    with pytest.raises(TrainingError):
        session.fire("urgent-dispatch")


# -- reset and isolation ----------------------------------------------------------------------------


def test_reset_leaves_nothing_of_the_last_run(sessions: Callable[[str], TrainingSession], tmp_path: Path) -> None:
    session = sessions("incoming-document")
    root = tmp_path / "training"
    fresh_files = listing(root)
    fresh_documents = central_count(root, server.Document)
    for step in ("register", "assign", "forward", "urgent-arrives"):
        session.play_solution(step)
    (session.profile.attachments_dir / "cong-dien.pdf").write_bytes(b"%PDF-1.7 left over")

    session.reset()

    assert listing(root) == fresh_files  # same files, none left over (the attachment is gone)
    assert not any(done(session).values()) and session.fired == [] and session.remote_item("urgent-1") is None
    assert local_count(session, Document) == 0 and local_count(session, OutboxEntry) == 0
    assert local_count(session, AuditLog, AuditLog.action != "account_added") == 0
    assert central_count(root, server.Document) == fresh_documents
    assert central_count(root, server.MutationRecord) == 0
    assert server_row(session, "doc-1")["state"] == "received"
    session.sync()
    assert session.workbench.item_detail(*session.item_ref("doc-1")).fields["state"] == "received"


def test_the_scenario_s_items_come_with_their_papers(
    sessions: Callable[[str], TrainingSession], tmp_path: Path
) -> None:
    """Its dossier with the applicant's form, every document with its letter (demo PDFs, as a real
    system's would come), in the central system for the desk to fetch."""
    session = sessions("birth-registration")
    remote = session.remote_item("ds-1")
    assert remote is not None
    engine = create_engine(f"sqlite:///{tmp_path / 'training' / 'central' / 'unified.sqlite3'}")
    try:
        with engine.connect() as db:
            columns = (server.Attachment.item_kind, server.Attachment.item_id, server.Attachment.content)
            papers = db.execute(select(*columns, server.Attachment.file_name)).all()
            documents = set(db.scalars(select(server.Document.id)))
    finally:
        engine.dispose()
    form = next(row for row in papers if row[:2] == ("dossier", int(remote.remote_id)))
    assert form.file_name == "Tờ khai đăng ký khai sinh.pdf" and form.content.startswith(b"%PDF")
    assert {item_id for kind, item_id, *_ in papers if kind == "document"} == documents
    text = subprocess.run(["pdftotext", "-", "-"], input=form.content, capture_output=True, check=True).stdout
    assert "Phạm Thị Hồng Nhung" in text.decode() and "TỜ KHAI ĐĂNG KÝ KHAI SINH" in text.decode()


def test_no_keyring_and_no_file_outside_the_training_folder(keyring_calls: list[str], tmp_path: Path) -> None:
    (tmp_path / "home").mkdir()
    before = listing(tmp_path)
    session = TrainingSession(SHIPPED["two-accounts"], tmp_path / "training", FixedClock(DEMO_NOW))
    secrets: set[str] = set()
    try:
        session.start()
        for step in session.scenario.steps[:-1]:
            session.play_solution(step.id)
        secrets |= _secrets_of(session)
        session.play_solution(session.scenario.steps[-1].id)  # retirement: its secret is forgotten
        session.workbench.start_services(on_report=lambda _report: None, interval=3600)
        session.reset()
        session.sync()
        secrets |= _secrets_of(session)
    finally:
        session.close()
    added = listing(tmp_path) - before
    assert added and all(name.startswith("training/") for name in added), sorted(added)
    assert keyring_calls == []
    files = [path.read_bytes() for path in (tmp_path / "training").rglob("*") if path.is_file()]
    assert len(secrets) >= 6 and not [s for s in secrets if any(s.encode() in data for data in files)]


def _secrets_of(session: TrainingSession) -> set[str]:
    """Passwords and tokens of the run: held in memory only, never in a file."""
    assert session.desk is not None
    store = session.desk.credentials
    found = {p for system in session._systems.values() for p in system.passwords.values()}
    return found | set(store._session_secrets.values()) | set(store._access_tokens.values())


def test_a_folder_that_is_not_a_training_folder_is_never_wiped(keyring_calls: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "real-work"
    folder.mkdir()
    (folder / "ward-desk.sqlite3").write_bytes(b"real work")
    session = TrainingSession(SHIPPED["birth-registration"], folder, FixedClock(DEMO_NOW))
    with pytest.raises(TrainingError):
        session.start()
    assert listing(folder) == {"ward-desk.sqlite3"} and not (folder / MARKER_FILE).exists()


# -- signed letters --------------------------------------------------------------------------------


def _verdicts(session: TrainingSession) -> dict[str, str | None]:
    """Each signed letter's verdict as the trainee's desk judged it after checking what it synced."""
    session.workbench.signatures.check_waiting(online=session.online)
    keys = ("doc-valid", "doc-changed", "doc-expired", "doc-untrusted")
    refs = {key: session.item_ref(key) for key in keys}
    with session.workbench.cache.sessions() as db:
        return {key: db.get_one(Document, ref[1]).signature_verdict for key, ref in refs.items() if ref is not None}


def test_signed_letters_check_on_the_trainee_s_desk_as_the_scenario_says(
    sessions: Callable[[str], TrainingSession], tmp_path: Path
) -> None:
    """The scenario's test PKI signs its letters (and its event's) with certificates named after their
    signers; the trainee's desk trusts that root and judges each one as the steps describe."""
    session = sessions("digital-signatures")
    session.sync()
    assert _verdicts(session) == {
        "doc-valid": "valid", "doc-changed": "modified", "doc-expired": "expired",
    }  # fmt: skip
    session.play_solution("untrusted-arrives")
    assert _verdicts(session)["doc-untrusted"] == "untrusted"
    kind, local_id = session.item_ref("doc-valid")
    attachment = session.workbench.item_detail(kind, local_id).attachments[0]
    finding = session.workbench.signature_check(attachment.id).findings[0]
    assert (finding.signer, finding.organisation) == ("Huỳnh Thị Lan", "Sở Nội vụ")
    assert finding.timestamped  # long-term: a trusted timestamp and the revocation data inside


def test_the_training_pki_keeps_its_keys_across_resets_and_goes_offline_with_the_network(
    sessions: Callable[[str], TrainingSession], tmp_path: Path
) -> None:
    import requests

    session = sessions("digital-signatures")
    keys = tmp_path / "training" / "pki"
    made = {path.name: path.stat().st_mtime_ns for path in keys.glob("*.key.pem")}
    assert "letter-doc-untrusted.key.pem" in made  # the event's signer too: the hierarchy is made at the start
    timestamps = session.workbench.settings.timestamp_url
    assert requests.post(timestamps, data=b"", timeout=5).status_code != 503
    session.fire("network-down")
    assert requests.post(timestamps, data=b"", timeout=5).status_code == 503
    session.fire("network-up")
    session.reset()
    assert {path.name: path.stat().st_mtime_ns for path in keys.glob("*.key.pem")} == made
    assert session.workbench.settings.signature_anchors == str(keys / "root.pem")
    session.sync()
    assert _verdicts(session)["doc-valid"] == "valid"


def test_a_step_that_quotes_a_button_quotes_the_one_the_window_shows(vietnamese: Any) -> None:
    """“Chuyển tiếp” where the button says “Chuyển xử lý” sends a trainee looking for nothing."""
    from app.domain.workflow import DOSSIER, FEEDBACK, INCOMING, OUTGOING
    from sandbox.training.scenario import AllCheck, ItemCheck
    from ui.translation import domain_text

    checked = 0
    for scenario in SHIPPED.values():
        workflows = {seed.key: INCOMING if seed.direction == "incoming" else OUTGOING for seed in scenario.documents}
        workflows |= {seed.key: DOSSIER for seed in scenario.dossiers}
        routed = [event.feedback for event in scenario.events if event.feedback is not None]
        workflows |= {seed.key: FEEDBACK for seed in (*scenario.feedback, *routed)}
        for step in scenario.steps:
            parts = step.check.checks if isinstance(step.check, AllCheck) else (step.check,)
            for check in parts:
                if not (isinstance(check, ItemCheck) and check.action and check.synced and "“" in step.text.vi):
                    continue
                workflow = workflows.get(check.item)
                if workflow is None or check.action not in {
                    a.name for s in workflow.states for a in workflow.allowed_actions(s)
                }:
                    continue  # a walk-in's registration: the counter's dialog, not a workflow button
                label = domain_text(workflow.action(check.action).label)
                assert f"“{label}”" in step.text.vi, (scenario.id, step.id, label)
                checked += 1
    assert checked >= 16  # the 1022 scenario's six among them
