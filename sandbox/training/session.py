"""One training scenario played on a profile of its own against central services it starts itself.

A ``TrainingSession`` owns a folder: the trainee's profile (``desk/``) and one SQLite file per
central system it serves on loopback (``central/``). Accounts get a random password at each start,
kept in memory, and sign in through the desk's session-only credential store, so the OS keyring is
never read or written. Steps tick off from the real state (``step_checker``); ``reset`` wipes the
folder and starts over. Only one session runs in a process at a time: a second ``start`` is refused.
"""

from __future__ import annotations

import json
import secrets
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from app.accounts import SourceInfo
from app.counter_intake import IntakeForm, Registered
from app.desk import Desk
from app.domain.dossier_intake import Applicant
from app.domain.statuses import MutationOutcome
from app.meetings import MeetingView, OwnChanges, meeting_view
from app.profile import Profile
from app.sync_engine import SyncReport
from app.transition import RetirementResult, Transition
from app.workbench import Workbench
from central.in_process import (
    AgencyDirectory,
    DemoSignatures,
    InProcessCentral,
    LetterSigner,
    shipped_directory,
    start_letter_pki,
)
from kernel.clock import Clock, SystemClock
from sandbox.training.clock import TrainingClock
from sandbox.training.folder_lock import FolderLock
from sandbox.training.scenario import (
    DocumentSeed,
    Event,
    FeedbackSeed,
    Move,
    OldAccount,
    Scenario,
    StepStatus,
    TrainingAccount,
    TrainingError,
    WalkIn,
)
from sandbox.training.seeding import ScenarioItems, feedback_steps
from sandbox.training.step_checker import RemoteItem, StepChecker, local_item, local_meeting, walk_in_dossier

MARKER_FILE = "ward-desk-training.json"  # only a folder carrying it is ever wiped
LOCK_FILE = ".ward-desk-training.lock"  # held by the program running in the folder; a wipe keeps it
PKI_FOLDER = "pki"  # the test PKI's keys: slow to make, so a wipe keeps them (the certificates are remade)
SYSTEM_NAMES = {
    "unified": "Hệ thống dùng chung Thành phố (tập huấn)",
    "legacy-binhduong": "Hệ thống tỉnh Bình Dương cũ (tập huấn)",
    "legacy-brvt": "Hệ thống tỉnh Bà Rịa – Vũng Tàu cũ (tập huấn)",
}


def default_training_root() -> Path:
    """Beside the default profile, never inside it: training never touches real work."""
    return Profile.default_root().parent / "training"


@dataclass
class _System:
    """One central system of the scenario and who may sign in to it (passwords in memory only)."""

    central: InProcessCentral
    passwords: dict[str, str] = field(default_factory=dict)  # login → password


@dataclass(frozen=True)
class ScenarioChange:
    """What ``change_scenario`` left running: the session to use now, its desk, and why the chosen
    scenario did not start (None when it did; else ``session`` is the one that was running)."""

    session: TrainingSession
    workbench: Workbench
    problem: Exception | None = None


class TrainingSession:
    """Call ``start``, ``fire``, ``reset``, ``play_solution`` from a worker thread (they start and stop
    services and talk to them); ``check_steps`` is a few short queries."""

    def __init__(self, scenario: Scenario, root: Path, clock: Clock | None = None) -> None:
        self.scenario = scenario
        self.root = Path(root)
        self._base_clock = clock or SystemClock()
        self.clock = TrainingClock(self._base_clock)
        self.profile = Profile(self.root / "desk")
        self.desk: Desk | None = None
        self.account_ids: dict[str, int] = {}  # "new" / "old" → the desk's account id
        self.fired: list[str] = []
        self._systems: dict[str, _System] = {}  # "new" / "old"
        self._signatures: DemoSignatures | None = None  # the test PKI, when the scenario has signed letters
        self._remote: dict[str, RemoteItem] = {}
        self.walk_in_ids: dict[str, int] = {}  # walk-in key → the dossier the trainee registered for it
        self._done: set[str] = set()
        self._lock = threading.RLock()
        self._folder_lock = FolderLock(self.root / LOCK_FILE)

    @property
    def workbench(self) -> Workbench | None:
        return None if self.desk is None else self.desk.workbench

    # -- life cycle ---------------------------------------------------------------------------------

    def start(self) -> Workbench:
        """Wipe the training folder, start the services seeded from the scenario, open the desk.
        Refused (TrainingError) while another session, in this program or another, runs in the same folder:
        it would wipe that one's data under it."""
        with self._lock:
            self.close()
            self._check_is_training_folder()
            self._claim()
            self._wipe()
            self.clock = TrainingClock(self._base_clock)
            try:
                self._start_systems()
                self._open_desk()
            except Exception:
                self.close()  # no service left listening after a failed start
                raise
            assert self.workbench is not None
            return self.workbench

    def reset(self) -> Workbench:
        """Back to the scenario's start: nothing of the last run is left. Rebuild the window on the result."""
        return self.start()

    def change_scenario(self, scenario: Scenario) -> ScenarioChange:
        """Close this session and start ``scenario`` in the same folder (a worker thread, as ``start``).
        When the chosen one cannot start, this one's scenario starts again from its beginning, so the
        room keeps a window to work in; the change then carries why (raised only if that fails too)."""
        with self._lock:
            self.close()
            chosen = TrainingSession(scenario, self.root, self._base_clock)
            try:
                return ScenarioChange(chosen, chosen.start())
            except Exception as error:  # a bad seed, a port refused: any failure falls back
                return ScenarioChange(self, self.start(), error)

    def close(self) -> None:
        """Stop the desk's services and the central services; the files stay until the next start."""
        with self._lock:
            if self.desk is not None:
                self.desk.close()
            for system in self._systems.values():
                system.central.close()
            if self._signatures is not None:
                self._signatures.stop()
                self._signatures = None
            self.desk = None
            self._systems, self._remote, self.account_ids, self.walk_in_ids = {}, {}, {}, {}
            self._done, self.fired = set(), []
            self._folder_lock.release()

    def _claim(self) -> None:
        if not self._folder_lock.acquire():
            raise TrainingError(
                "Chế độ tập huấn đang mở trong một cửa sổ khác; hãy dùng cửa sổ đó (hoặc đóng nó trước).",
                "Training mode is already open in another window; use that one (or close it first).",
            )

    @property
    def online(self) -> bool:
        return all(system.central.running for system in self._systems.values())

    def _contents(self) -> list[Path]:
        if not self.root.exists():
            return []
        kept = (self._folder_lock.path, self.root / PKI_FOLDER)
        return [path for path in self.root.iterdir() if path not in kept]

    def _check_is_training_folder(self) -> None:
        """Only a folder this module made (it holds the marker) or an empty one is ever wiped."""
        if self._contents() and not (self.root / MARKER_FILE).is_file():
            raise TrainingError(
                f"Thư mục {self.root} có dữ liệu nhưng không phải thư mục tập huấn; không xóa.",
                f"The folder {self.root} holds data but is not a training folder; it is left alone.",
            )

    def _wipe(self) -> None:
        for path in self._contents():
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
        (self.root / "central").mkdir(parents=True)
        marker = {"scenario": self.scenario.id, "note": "Ward Desk training folder: wiped at every start."}
        (self.root / MARKER_FILE).write_text(json.dumps(marker, ensure_ascii=False), encoding="utf-8")

    def _start_systems(self) -> None:
        signers = self._letter_signers()
        if signers:
            self._signatures = start_letter_pki(self.root / PKI_FOLDER, signers)
        accounts = self.scenario.accounts
        plan: dict[str, tuple[str, TrainingAccount]] = {"new": ("unified", accounts.new)}
        if accounts.old is not None:
            plan["old"] = (accounts.old.system, accounts.old)
        for role, (name, account) in plan.items():
            system = _System(InProcessCentral(name, self.root / "central" / f"{name}.sqlite3", self.clock))
            self._systems[role] = system  # closed with the others if anything below fails
            self._seed(system, role, account)
            system.central.start()

    def _seed(self, system: _System, role: str, account: TrainingAccount) -> None:
        now, unit, central = self.clock.now(), self.scenario.unit, system.central
        until = now.date() + timedelta(days=account.parallel_until_days) if isinstance(account, OldAccount) else None
        directory = central.load_shipped_directory()
        people = [(account, until, "official"), (self.scenario.accounts.colleague, None, "official")]
        if role == "new" and self.scenario.accounts.leader is not None:  # 1022 answers wait for a leader here
            people.append((self.scenario.accounts.leader, None, "leader"))
        for person, ends, kind in people:
            system.passwords[person.login] = secrets.token_urlsafe(16)
            central.add_account(person.login, system.passwords[person.login], unit, person.display_name, ends, kind)
        if role == "new" and self.scenario.filler_items:
            central.seed_demo_items(unit, self.scenario.filler_items)
        self._seed_items(central, role, directory)

    def _seed_items(self, central: InProcessCentral, role: str, directory: AgencyDirectory) -> None:
        items = ScenarioItems(self.scenario.unit, self.clock.now(), directory)
        for document in (d for d in self.scenario.documents if d.system == role):
            self._add_document(central, items, document)
        for dossier in (d for d in self.scenario.dossiers if d.system == role):
            self._remote[dossier.key] = RemoteItem(role, "dossier", str(central.add_dossier(items.dossier(dossier))))
        if role == "new":  # 1022 routes to the City's system
            for report in self.scenario.feedback:
                self._route(central, items, report, report.routed_minutes_ago)
                self._advance(central, report)

    def _open_desk(self) -> None:
        self.desk = Desk(self.profile, self.clock, session_only=True)  # no keyring is ever asked
        plan = {"new": self.scenario.accounts.new, "old": self.scenario.accounts.old}
        for role, system in self._systems.items():
            login = plan[role].login  # type: ignore[union-attr]
            name = system.central.system
            kind = "unified" if name == "unified" else "legacy"
            source = SourceInfo(self.source_code(role), SYSTEM_NAMES[name], kind, system.central.url)
            result = self.desk.accounts.add_account(source, login, system.passwords[login])
            self.account_ids[role] = result.account_id
        if self._signatures is not None:  # the trainee's desk trusts the scenario's test root
            signatures = self._signatures
            self.desk.workbench.use_demo_signatures(str(signatures.trust_anchors), signatures.timestamp_url)

    # -- what the trainee did -------------------------------------------------------------------------

    def check_steps(self) -> list[StepStatus]:
        """Each step, done or not; once done it stays ticked until reset. While a reset or an event
        holds the session (a worker thread), the last known ticks are returned at once."""
        if not self._lock.acquire(blocking=False):
            return self._statuses()
        try:
            if self.desk is not None:
                with self.desk.cache.sessions() as session:
                    checker = StepChecker(self, session)
                    self._done.update(
                        s.id
                        for s in self.scenario.steps
                        if s.id not in self._done and s.check is not None and checker.holds(s.check)
                    )
            return self._statuses()
        finally:
            self._lock.release()

    def _statuses(self) -> list[StepStatus]:
        return [StepStatus(step.id, step.id in self._done) for step in self.scenario.steps]

    def item_ref(self, key: str) -> tuple[str, int] | None:
        """(kind, local id) of the scenario's item ``key`` in the trainee's cache, None if not there yet
        (a walk-in's dossier: until the trainee registers it)."""
        walk_in = self.scenario.walk_in(key)
        remote = self._remote.get(key)
        if self.desk is None or (remote is None and walk_in is None):
            return None
        with self.desk.cache.sessions() as session:
            if walk_in is not None:
                dossier = walk_in_dossier(session, walk_in, self.walk_in_ids)
                return None if dossier is None else ("dossier", dossier.id)
            assert remote is not None
            local = local_item(session, self.source_code(remote.system), remote)
            return None if local is None else (remote.kind, local.id)

    # What the step checker asks of a running session (step_checker.ScenarioPlaces).

    def remote_item(self, key: str) -> RemoteItem | None:
        """Where a seeded or sent item is on its server; a walk-in's dossier once the service took it in."""
        walk_in = self.scenario.walk_in(key)
        if walk_in is None:
            return self._remote.get(key)
        with self._desk().cache.sessions() as session:
            dossier = walk_in_dossier(session, walk_in, self.walk_in_ids)
            remote_id = None if dossier is None else dossier.remote_id
        return None if remote_id is None else RemoteItem("new", "dossier", remote_id)

    def walk_in(self, key: str) -> WalkIn | None:
        return self.scenario.walk_in(key)

    def source_code(self, role: str) -> str:
        return f"training-{self._systems[role].central.system}"

    def server_item(self, remote: RemoteItem) -> dict[str, Any] | None:
        """The central service's copy of a scenario item, as it would send it."""
        return self._systems[remote.system].central.read_item(remote.kind, int(remote.remote_id))

    # -- the trainer's events --------------------------------------------------------------------------

    def fire(self, event_id: str) -> None:
        """Fire a live event. Steps are checked first, so what the trainee did before it is ticked."""
        with self._lock:
            event = self.scenario.event(event_id)
            self.check_steps()
            handlers: dict[str, Callable[[Event], None]] = {
                "urgent_document": self._urgent_document, "network_down": self._network_down,
                "network_up": self._network_up, "colleague_acts": self._colleague_acts, "days_pass": self._days_pass,
                "feedback_routed": self._feedback_routed, "leader_acts": self._leader_acts,
            }  # fmt: skip
            handlers[event.kind](event)
            self.fired.append(event_id)

    def _urgent_document(self, event: Event) -> None:
        seed = event.document
        assert seed is not None
        if seed.key in self._remote:
            raise TrainingError("Văn bản này đã đến rồi.", "This document has already arrived.")
        central = self._systems[seed.system].central
        self._add_document(
            central, ScenarioItems(self.scenario.unit, self.clock.now(), central.load_shipped_directory()), seed
        )

    def _add_document(self, central: InProcessCentral, items: ScenarioItems, seed: DocumentSeed) -> None:
        """The document on its server, its letter signed as the scenario says."""
        document_id = central.add_document(items.document(seed))
        if seed.signature is not None and self._signatures is not None:
            central.sign_letter(self._signatures, document_id, _letter_signer(seed, items.directory))
        self._remote[seed.key] = RemoteItem(seed.system, "document", str(document_id))

    def _letter_signers(self) -> list[LetterSigner]:
        """A certificate for every signed letter of the scenario, those of its events too: the PKI's
        hierarchy is made once, at the start."""
        seeds = [*self.scenario.documents, *(event.document for event in self.scenario.events if event.document)]
        directory = shipped_directory()
        return [_letter_signer(seed, directory) for seed in seeds if seed.signature is not None]

    def _network_down(self, _event: Event) -> None:
        for system in self._systems.values():
            system.central.stop()
        if self._signatures is not None:
            self._signatures.unreachable()  # no revocation check or timestamp either

    def _network_up(self, _event: Event) -> None:
        for system in self._systems.values():
            system.central.start()  # the same port: the desk's saved address still works
        if self._signatures is not None:
            self._signatures.reachable()

    def _days_pass(self, event: Event) -> None:
        self.clock.advance(timedelta(days=event.days))

    def _colleague_acts(self, event: Event) -> None:
        self._acts_as(self.scenario.accounts.colleague, event, ("đồng nghiệp", "colleague"))

    def _leader_acts(self, event: Event) -> None:
        leader = self.scenario.accounts.leader
        assert leader is not None  # the scenario file gives one to a scenario with leader_acts
        self._acts_as(leader, event, ("lãnh đạo", "leader"))

    def _acts_as(self, account: TrainingAccount, event: Event, who: tuple[str, str]) -> None:
        remote = self.remote_item(event.item or "")
        if remote is None:
            raise TrainingError("Mục này chưa có trên máy chủ.", "That item is not on the server yet.")
        central = self._systems[remote.system].central
        outcome = central.act_as(account.login, remote.kind, int(remote.remote_id), event.action or "", event.payload)
        if outcome["status"] != MutationOutcome.APPLIED:
            raise TrainingError(
                f"Máy chủ không nhận thao tác của {who[0]}: {outcome.get('message', '')}",
                f"The server refused the {who[1]}'s action: {outcome.get('message', '')}",
            )

    def _feedback_routed(self, event: Event) -> None:
        """The 1022 centre routes the event's report now; the trainee syncs to get it."""
        report = event.feedback
        assert report is not None
        if report.key in self._remote:
            raise TrainingError("Phản ánh này đã được chuyển đến rồi.", "This report has already been routed.")
        central = self._systems["new"].central
        self._route(central, ScenarioItems(self.scenario.unit, self.clock.now(), shipped_directory()), report, 0)

    def _route(self, central: InProcessCentral, items: ScenarioItems, report: FeedbackSeed, minutes_ago: int) -> None:
        """The report routed by the service's own code, ``minutes_ago`` (its due time counts from then)."""
        number = 1 + sum(1 for remote in self._remote.values() if remote.kind == "feedback")
        routed_at = self.clock.now() - timedelta(minutes=minutes_ago)
        report_id = central.route_feedback(items.feedback(report, number, routed_at), routed_at)
        self._remote[report.key] = RemoteItem("new", "feedback", str(report_id))

    def _advance(self, central: InProcessCentral, report: FeedbackSeed) -> None:
        """A report seeded past "routed": the colleague (and the leader) take it there on the server."""
        accounts = self.scenario.accounts
        remote = self._remote[report.key]
        for login, action, payload in feedback_steps(report, accounts.colleague, accounts.leader):
            outcome = central.act_as(login, "feedback", int(remote.remote_id), action, payload)
            if outcome["status"] != MutationOutcome.APPLIED:
                raise TrainingError(
                    f"Không nạp được phản ánh “{report.key}”: {outcome.get('message', '')}",
                    f"The report “{report.key}” could not be seeded: {outcome.get('message', '')}",
                )

    # -- "show me" and the desk's sync ---------------------------------------------------------------

    def sync(self) -> list[SyncReport]:
        """Sync every account of the desk now, as the sync button does (its files and their
        signatures follow)."""
        desk = self._desk()
        reports = [desk.engine.sync_account(account_id) for account_id in self.account_ids.values()]
        for report in reports:
            desk.workbench.follow_sync(report)
        return reports

    def play_solution(self, step_id: str) -> None:
        """Do what the step asks, through the same code the window uses (for a trainer's "show me")."""
        for move in self.scenario.step(step_id).solution:
            self._play(move)

    def _play(self, move: Move) -> None:
        bench = self._desk().workbench
        if move.kind == "sync":
            self.sync()
        elif move.kind == "fire":
            self.fire(move.target or "")
        elif move.kind == "retire_due":
            self.retire_due_accounts()
        elif move.kind == "register":
            self.register_walk_in(move.target or "")
        elif move.kind == "confirm_meeting":
            self.confirm_meeting(move.target or "")
        else:
            ref = self.item_ref(move.target or "")
            if ref is None:
                raise TrainingError("Mục này chưa có trên máy: hãy đồng bộ.", "The item is not here yet: sync first.")
            if move.kind == "dismiss":
                bench.dismiss_rejections(*ref)
            else:
                bench.perform(ref[0], ref[1], move.action or "", dict(move.payload))

    def confirm_meeting(self, key: str) -> MeetingView:
        """Confirm the meeting of invitation ``key`` as its dialog's Save does, as it stands."""
        invitation = self._remote.get(key)
        bench = self._desk().workbench
        with bench.cache.sessions() as session:
            found = None if invitation is None else local_meeting(session, self.source_code(invitation.system),
                                                                  invitation)  # fmt: skip
            meeting = None if found is None else meeting_view(session, found.id)
        if meeting is None:
            raise TrainingError("Cuộc họp chưa có trên máy: hãy đồng bộ.", "The meeting is not here yet: sync first.")
        changes = OwnChanges(meeting.starts_at, meeting.ends_at, meeting.place, meeting.link, meeting.room,
                             meeting.attendees, meeting.note, confirmed=True)  # fmt: skip
        return bench.save_meeting(meeting.id, changes)

    def register_walk_in(self, key: str) -> Registered:
        """Take the walk-in's dossier in as the counter's dialog does (``Workbench.register_dossier``):
        its procedure from the synced catalogue, the papers the citizen handed in."""
        walk_in, bench = self.scenario.walk_in(key), self._desk().workbench
        if walk_in is None:
            raise TrainingError(f"Không có người dân “{key}”.", f"No walk-in “{key}”.")
        procedure = next((p for p in bench.intake.procedures() if p.code == walk_in.procedure_code), None)
        if procedure is None:
            raise TrainingError(
                "Chưa có danh mục thủ tục trên máy: hãy đồng bộ.",
                "The procedure catalogue is not here yet: sync first.",
            )
        papers = tuple(p for p in procedure.components if walk_in.papers is None or p.name in walk_in.papers)
        applicant = Applicant(
            walk_in.applicant_name, id_number=walk_in.applicant_id_number, born_on=walk_in.applicant_born_on,
            address=walk_in.applicant_address, phone=walk_in.applicant_phone,
        )  # fmt: skip
        return bench.register_dossier(IntakeForm(procedure.code, applicant, walk_in.channel, papers))

    def retire_due_accounts(self) -> RetirementResult | None:
        """What the app does on an old account's last day: push its last actions, then retire it.
        Call after a "days_pass" event (or on a timer); None when the scenario has no old account."""
        if "old" not in self.account_ids or self.desk is None:
            return None
        desk = self.desk
        transition = Transition(desk.cache, desk.accounts, desk.engine, self.clock)
        return transition.retire_if_due(self.account_ids["old"])

    def _desk(self) -> Desk:
        if self.desk is None:
            raise TrainingError("Buổi tập huấn chưa bắt đầu.", "The training session has not started.")
        return self.desk


def _letter_signer(seed: DocumentSeed, directory: AgencyDirectory) -> LetterSigner:
    organisation = directory.name_of(seed.issuing_agency) or seed.issuing_agency
    return LetterSigner(f"letter-{seed.key}", seed.signer_name or "", organisation, seed.signer_position or "",
                        seed.signature or "valid")  # fmt: skip
