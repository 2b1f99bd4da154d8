"""A training scenario as loaded: the unit, the training accounts, the items to seed, the steps of a
guided walkthrough and the live events a trainer can fire. Plain values; ``scenario_file`` reads them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from app.domain.errors import BilingualError

EVENT_KINDS = (
    "urgent_document", "network_down", "network_up", "colleague_acts", "days_pass", "feedback_routed", "leader_acts",
)  # fmt: skip
LEGACY_SYSTEMS = ("legacy-binhduong", "legacy-brvt")


class ScenarioError(BilingualError):
    """A scenario file a trainer must fix: which file, where in it (JSON path), and what is wrong."""

    def __init__(self, file: str, json_path: str, message_vi: str, message_en: str) -> None:
        self.file = file
        self.json_path = json_path
        super().__init__(
            "training.bad_scenario", f"{file}: {json_path}: {message_vi}", f"{file}: {json_path}: {message_en}"
        )


class TrainingError(BilingualError):
    """Something a trainer asked for cannot be done now (message in Vietnamese and English)."""

    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__("training.refused", message_vi, message_en)


@dataclass(frozen=True)
class Text:
    vi: str
    en: str


@dataclass(frozen=True)
class TrainingAccount:
    login: str
    display_name: str


@dataclass(frozen=True)
class OldAccount(TrainingAccount):
    system: str
    parallel_until_days: int  # its last day, counted from the day the scenario starts


@dataclass(frozen=True)
class Accounts:
    new: TrainingAccount
    colleague: TrainingAccount  # server only: acts in "colleague_acts" events
    old: OldAccount | None = None
    leader: TrainingAccount | None = None  # server only, a leader of the unit: acts in "leader_acts" events


@dataclass(frozen=True)
class MeetingSeed:
    """The meeting an invitation (or a letter changing one) announces; its text is written from this."""

    in_days: int  # its day, counted from the day the scenario starts
    at: str  # "HH:MM"
    place: str
    chair: str | None = None
    link: str | None = None
    room: str | None = None
    changes: str | None = None  # a change letter: the number and notation of the invitation it changes


@dataclass(frozen=True)
class DocumentSeed:
    key: str
    system: str  # "new" or "old"
    direction: str
    state: str
    subject: str
    issuing_agency: str
    number: str | None = None
    notation: str | None = None
    doc_type: str = ""
    urgency: str = "normal"
    confidentiality: str = "normal"
    signer_name: str | None = None
    signer_position: str | None = None
    assignee: str | None = None
    issued_on: date | None = None
    issued_days_ago: int = 0
    due_on: date | None = None
    due_in_working_days: int | None = None
    signature: str | None = None  # its letter comes signed: one of central.letter_signers.LETTER_SIGNATURES
    meeting: MeetingSeed | None = None  # an invitation, or a letter that changes one


@dataclass(frozen=True)
class DossierSeed:
    key: str
    system: str
    procedure_code: str
    procedure_name: str
    statutory_amount: int
    statutory_unit: str
    cutoff: str | None
    applicant_name: str
    state: str = "submitted"
    applicant_id_number: str | None = None
    applicant_address: str | None = None
    applicant_phone: str | None = None
    channel: str = "in_person"
    received_at: datetime | None = None
    received_minutes_ago: int = 30
    due_in_working_days: int | None = None


@dataclass(frozen=True)
class FeedbackSeed:
    """A citizens' report the 1022 centre routed to the unit (``state`` beyond "routed": the colleague,
    and the leader for an approval, took it there with the service's own actions when seeding)."""

    key: str
    category: str
    address: str
    content: str
    channel: str = "hotline"
    anonymous: bool = False
    reporter_name: str | None = None
    reporter_phone: str | None = None
    reporter_email: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    state: str = "routed"
    routed_minutes_ago: int = 15
    assignee: str | None = None  # assigned and later: the colleague by default
    answer: str | None = None  # answer_drafted and later


@dataclass(frozen=True)
class WalkIn:
    """A citizen who comes to the counter during the session: no dossier exists until the trainee
    registers one. The desk's dossier for ``procedure_code`` and ``applicant_name`` becomes item ``key``."""

    key: str
    procedure_code: str
    applicant_name: str
    applicant_id_number: str | None = None
    applicant_born_on: date | None = None
    applicant_address: str | None = None
    applicant_phone: str | None = None
    channel: str = "in_person"
    papers: tuple[str, ...] | None = None  # the procedure's papers handed in, by name; None: all of them


@dataclass(frozen=True)
class ItemCheck:
    item: str
    state: str | None = None
    action: str | None = None
    synced: bool | None = None
    rejected: bool = False
    dismissed: bool = False
    assignee: str | None = None
    comments: int | None = None


@dataclass(frozen=True)
class AccountCheck:
    account: str  # "new" or "old"
    status: str | None = None
    synced: bool | None = None
    stranded: int | None = None


@dataclass(frozen=True)
class OutboxCheck:
    status: str  # "pending" or "rejected"
    count: int  # at least this many; 0 means none at all


@dataclass(frozen=True)
class MeetingCheck:
    """The meeting an invitation (``meeting``: its key) brought is in the trainee's Lịch họp."""

    meeting: str
    confirmed: bool | None = None
    changed: bool | None = None  # a letter changed it
    cancelled: bool | None = None


@dataclass(frozen=True)
class AllCheck:
    checks: tuple[Check, ...]


Check = ItemCheck | AccountCheck | OutboxCheck | MeetingCheck | AllCheck


@dataclass(frozen=True)
class Move:
    """One thing a trainee does, for "show me" and for the tests that play every scenario."""

    kind: str  # perform | sync | fire | dismiss | retire_due | register | confirm_meeting
    # item key (perform, dismiss), walk-in key (register), event id (fire) or invitation key (confirm_meeting)
    target: str | None = None
    action: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    id: str
    text: Text
    check: Check | None  # None: an instruction, for what no check could honestly see (never ticked)
    solution: tuple[Move, ...] = ()


@dataclass(frozen=True)
class Event:
    id: str
    title: Text
    kind: str
    document: DocumentSeed | None = None  # urgent_document
    feedback: FeedbackSeed | None = None  # feedback_routed: the report the 1022 centre routes now
    item: str | None = None  # colleague_acts, leader_acts
    action: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)
    days: int = 0  # days_pass


@dataclass(frozen=True)
class Scenario:
    id: str
    title: Text
    description: Text | None
    unit: str
    accounts: Accounts
    documents: tuple[DocumentSeed, ...]
    dossiers: tuple[DossierSeed, ...]
    filler_items: int
    steps: tuple[Step, ...]
    events: tuple[Event, ...]
    file: str
    walk_ins: tuple[WalkIn, ...] = ()
    feedback: tuple[FeedbackSeed, ...] = ()

    def walk_in(self, key: str) -> WalkIn | None:
        return next((walk_in for walk_in in self.walk_ins if walk_in.key == key), None)

    def step(self, step_id: str) -> Step:
        found = next((step for step in self.steps if step.id == step_id), None)
        if found is None:
            raise TrainingError(f"Không có bước “{step_id}”.", f"No step “{step_id}”.")
        return found

    def event(self, event_id: str) -> Event:
        found = next((event for event in self.events if event.id == event_id), None)
        if found is None:
            raise TrainingError(f"Không có sự kiện “{event_id}”.", f"No event “{event_id}”.")
        return found


@dataclass(frozen=True)
class StepStatus:
    step_id: str
    done: bool
