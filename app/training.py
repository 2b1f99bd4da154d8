"""Training mode: a scenario played on a profile of its own against central services it starts itself.

A scenario is a JSON file in ``resources/scenarios/`` (format in that folder's README.md): the unit,
the training accounts, the items to seed, the steps of a guided walkthrough and the live events a
trainer can fire. Files are checked strictly on load, and every error names the file, the JSON path
and what is wrong in Vietnamese and English, so a trainer can write new scenarios without code.

A ``TrainingSession`` owns a folder: the trainee's profile (``desk/``) and one SQLite file per
central system it serves on loopback (``central/``). Accounts get a random password at each start,
kept in memory, and sign in through a session-only CredentialStore on keyring's "fail" backend, so
the OS keyring is never read or written. Steps tick off from the real state (the local cache, the
outbox, the server's rows), never from a "next" button; ``reset`` wipes the folder and starts over.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, NoReturn

from keyring.backends import fail
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.accounts import AccountService, SourceInfo
from app.credentials import CredentialStore
from app.demo_data import PROCEDURES
from app.domain.dossier_code import next_dossier_code
from app.domain.dossier_deadline import StatutoryTime, due_at
from app.domain.errors import BilingualError
from app.domain.labels import CHANNEL_LABELS, CONFIDENTIALITY_LABELS, URGENCY_LABELS
from app.domain.workflow import (
    DOSSIER,
    FINISHED_DOSSIER_STATES,
    INCOMING,
    OUTGOING,
    DossierState,
    IncomingState,
    OutgoingState,
    Workflow,
)
from app.domain.working_calendar import VN_TZ, WorkingCalendar
from app.item_actions import ITEM_MODELS
from app.local_cache import open_local_cache
from app.profile import Profile
from app.sync_engine import SyncEngine, SyncReport
from app.transition import RetirementResult, Transition
from app.workbench import Workbench
from central import models as server
from central.agency_directory import AgencyDirectory, load_shipped_directory
from central.api import CentralService
from central.change_feed import record_change
from central.mutations import Mutation, apply_one
from central.seed import add_account, load_directory, seed_demo_items
from central.server import RunningServer, build_service, start_in_thread
from kernel.clock import Clock, SystemClock
from kernel.resources import resources_dir
from local_db.models import Account, Comment, OutboxEntry, Source, SyncCheckpoint

FORMAT_VERSION = 1
MARKER_FILE = "ward-desk-training.json"  # only a folder carrying it is ever wiped
LEGACY_SYSTEMS = ("legacy-binhduong", "legacy-brvt")
SYSTEM_NAMES = {
    "unified": "Hệ thống dùng chung Thành phố (tập huấn)",
    "legacy-binhduong": "Hệ thống tỉnh Bình Dương cũ (tập huấn)",
    "legacy-brvt": "Hệ thống tỉnh Bà Rịa – Vũng Tàu cũ (tập huấn)",
}
EVENT_KINDS = ("urgent_document", "network_down", "network_up", "colleague_acts", "days_pass")
DEFAULT_ISSUER = "000.00.00.H29"  # Ủy ban nhân dân Thành phố
DEFAULT_COLLEAGUE = ("dongnghiep.taphuan", "Lê Văn Hùng (đồng nghiệp)")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
_MISSING = object()


def scenarios_dir() -> Path:
    return resources_dir() / "scenarios"


def default_training_root() -> Path:
    """Beside the default profile, never inside it: training never touches real work."""
    return Profile.default_root().parent / "training"


# -- errors -----------------------------------------------------------------------------------------


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


# -- the scenario, as loaded ---------------------------------------------------------------------


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
class AllCheck:
    checks: tuple[Check, ...]


Check = ItemCheck | AccountCheck | OutboxCheck | AllCheck


@dataclass(frozen=True)
class Move:
    """One thing a trainee does, for "show me" and for the tests that play every scenario."""

    kind: str  # perform | sync | fire | dismiss | retire_due
    target: str | None = None  # item key (perform, dismiss) or event id (fire)
    action: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    id: str
    text: Text
    check: Check
    solution: tuple[Move, ...] = ()


@dataclass(frozen=True)
class Event:
    id: str
    title: Text
    kind: str
    document: DocumentSeed | None = None  # urgent_document
    item: str | None = None  # colleague_acts
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


# -- reading JSON with paths ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Node:
    value: Any
    path: str
    file: str

    def fail(self, vi: str, en: str) -> NoReturn:
        raise ScenarioError(self.file, self.path or "$", vi, en)

    def at(self, key: str | int) -> _Node:
        path = f"{self.path}[{key}]" if isinstance(key, int) else (f"{self.path}.{key}" if self.path else key)
        value = self.value[key] if isinstance(key, int) else self.value.get(key, _MISSING)
        return _Node(value, path, self.file)

    def fields(self, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict[str, _Node]:
        if not isinstance(self.value, dict):
            self.fail("phải là một đối tượng JSON { … }", "must be a JSON object { … }")
        allowed = required + optional
        for key in self.value:
            if key not in allowed:
                self.at(key).fail(
                    f"khóa “{key}” không được hỗ trợ ở đây (khóa hợp lệ: {', '.join(allowed)})",
                    f"unknown key “{key}” here (allowed: {', '.join(allowed)})",
                )
        for key in required:
            if key not in self.value:
                self.at(key).fail("thiếu trường bắt buộc", "required field is missing")
        return {key: self.at(key) for key in self.value}

    def text(self) -> str:
        if not isinstance(self.value, str) or not self.value.strip():
            self.fail("phải là một chuỗi văn bản không rỗng", "must be a non-empty text")
        return self.value.strip()

    def ident(self) -> str:
        value = self.text()
        if not _ID.match(value):
            self.fail(
                f"“{value}” không hợp lệ: chỉ dùng chữ thường không dấu, số, “-” và “_”",
                f"“{value}” is not valid: use lower-case ASCII letters, digits, “-” and “_” only",
            )
        return value

    def integer(self, minimum: int | None = None) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            self.fail("phải là một số nguyên", "must be a whole number")
        if minimum is not None and self.value < minimum:
            self.fail(f"phải lớn hơn hoặc bằng {minimum}", f"must be at least {minimum}")
        return self.value

    def boolean(self) -> bool:
        if not isinstance(self.value, bool):
            self.fail("phải là true hoặc false", "must be true or false")
        return self.value

    def choice(self, options: tuple[str, ...] | list[str]) -> str:
        value = self.text()
        if value not in options:
            listed = ", ".join(options)
            self.fail(f"“{value}” không hợp lệ; chọn một trong: {listed}", f"“{value}” is not valid; one of: {listed}")
        return value

    def bilingual(self) -> Text:
        parts = self.fields(("vi", "en"))
        return Text(parts["vi"].text(), parts["en"].text())

    def array(self, non_empty: bool = False) -> list[_Node]:
        if not isinstance(self.value, list):
            self.fail("phải là một danh sách [ … ]", "must be a JSON array [ … ]")
        if non_empty and not self.value:
            self.fail("danh sách không được rỗng", "the list must not be empty")
        return [self.at(index) for index in range(len(self.value))]

    def mapping(self) -> dict[str, Any]:
        if not isinstance(self.value, dict):
            self.fail("phải là một đối tượng JSON { … }", "must be a JSON object { … }")
        return dict(self.value)

    def iso_date(self) -> date:
        value = self.text()
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"“{value}” không phải ngày hợp lệ (YYYY-MM-DD)", f"“{value}” is not a valid date (YYYY-MM-DD)")

    def iso_datetime(self) -> datetime:
        value = self.text()
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            self.fail(
                f"“{value}” không phải thời điểm hợp lệ có múi giờ (vd. 2026-11-25T08:15:00+07:00)",
                f"“{value}” is not a valid time with its offset (e.g. 2026-11-25T08:15:00+07:00)",
            )
        return parsed


def _optional(fields: dict[str, _Node], name: str, read: Callable[[_Node], Any], default: Any = None) -> Any:
    return read(fields[name]) if name in fields else default


def _one_of(fields: dict[str, _Node], absolute: str, relative: str) -> None:
    if absolute in fields and relative in fields:
        fields[relative].fail(
            f"chỉ dùng một trong hai: “{absolute}” hoặc “{relative}”",
            f"use only one of “{absolute}” and “{relative}”",
        )


# -- parsing ------------------------------------------------------------------------------------------

_DOSSIER_STATES = tuple(state.name.lower() for state in DossierState)
_DOCUMENT_STATES = {
    "incoming": tuple(s.value for s in IncomingState),
    "outgoing": tuple(s.value for s in OutgoingState),
}
_PROCEDURES = {code: (name, amount, unit, cutoff) for code, name, amount, unit, cutoff in PROCEDURES}


@dataclass(frozen=True)
class _ItemInfo:
    kind: str  # "document" or "dossier"
    direction: str | None
    system: str
    defined_at: str

    @property
    def workflow(self) -> Workflow:
        if self.kind == "dossier":
            return DOSSIER
        return INCOMING if self.direction == "incoming" else OUTGOING

    @property
    def states(self) -> tuple[str, ...]:
        return _DOSSIER_STATES if self.kind == "dossier" else _DOCUMENT_STATES[self.direction or "incoming"]


@dataclass
class _Context:
    directory: AgencyDirectory
    has_old: bool = False
    items: dict[str, _ItemInfo] = field(default_factory=dict)
    events: dict[str, str] = field(default_factory=dict)  # id → kind

    def add_item(self, node: _Node, key: str, info: _ItemInfo) -> None:
        if key in self.items:
            node.fail(
                f"khóa “{key}” bị trùng (đã dùng ở {self.items[key].defined_at})",
                f"duplicate key “{key}” (already used at {self.items[key].defined_at})",
            )
        self.items[key] = info

    def item(self, node: _Node) -> tuple[str, _ItemInfo]:
        key = node.text()
        if key not in self.items:
            known = ", ".join(self.items) or "—"
            node.fail(
                f"không có văn bản hay hồ sơ nào mang khóa “{key}” (các khóa: {known})",
                f"no document or dossier has the key “{key}” (keys: {known})",
            )
        return key, self.items[key]


def _system(node: _Node, ctx: _Context) -> str:
    system = node.choice(("new", "old"))
    if system == "old" and not ctx.has_old:
        node.fail("kịch bản không có tài khoản cũ (accounts.old)", "the scenario has no old account (accounts.old)")
    return system


def _action(node: _Node, info: _ItemInfo) -> str:
    names = [action.name for state in info.workflow.states for action in info.workflow.allowed_actions(state)]
    return node.choice(list(dict.fromkeys(names)))


def _account(node: _Node) -> TrainingAccount:
    parts = node.fields(("login", "display_name"))
    return TrainingAccount(parts["login"].text(), parts["display_name"].text())


def _old_account(node: _Node) -> OldAccount:
    parts = node.fields(("login", "display_name", "system", "parallel_until_days"))
    return OldAccount(
        parts["login"].text(),
        parts["display_name"].text(),
        parts["system"].choice(LEGACY_SYSTEMS),
        parts["parallel_until_days"].integer(minimum=0),
    )


def _accounts(node: _Node) -> Accounts:
    parts = node.fields(("new",), ("old", "colleague"))
    colleague = _optional(parts, "colleague", _account, TrainingAccount(*DEFAULT_COLLEAGUE))
    accounts = Accounts(_account(parts["new"]), colleague, _optional(parts, "old", _old_account))
    logins = [a.login for a in (accounts.new, accounts.colleague, accounts.old) if a is not None]
    if len(set(logins)) != len(logins):
        node.fail("các tài khoản phải có tên đăng nhập khác nhau", "the accounts must have different logins")
    return accounts


def _unit(node: _Node, directory: AgencyDirectory) -> str:
    code = node.text()
    if code not in {ward.code for ward in directory.wards()}:
        node.fail(
            f"“{code}” không phải mã định danh của một phường, xã, đặc khu hiện hành trong danh mục",
            f"“{code}” is not the identification code of a current ward, commune or special zone in the directory",
        )
    return code


_DOCUMENT_FIELDS = (
    "system", "direction", "state", "number", "notation", "doc_type", "issuing_agency", "urgency",
    "confidentiality", "signer_name", "signer_position", "assignee", "issued_on", "issued_days_ago", "due_on",
    "due_in_working_days",
)  # fmt: skip


def _document(node: _Node, ctx: _Context, defined_at: str, urgency: str = "normal") -> DocumentSeed:
    parts = node.fields(("key", "subject"), _DOCUMENT_FIELDS)
    key = parts["key"].ident()
    direction = _optional(parts, "direction", lambda n: n.choice(("incoming", "outgoing")), "incoming")
    info = _ItemInfo("document", direction, _optional(parts, "system", lambda n: _system(n, ctx), "new"), defined_at)
    ctx.add_item(parts["key"], key, info)
    _one_of(parts, "issued_on", "issued_days_ago")
    _one_of(parts, "due_on", "due_in_working_days")
    return DocumentSeed(
        key=key, system=info.system, direction=direction, subject=parts["subject"].text(),
        state=_optional(parts, "state", lambda n: n.choice(info.states), info.states[0]),
        issuing_agency=_optional(parts, "issuing_agency", lambda n: _agency(n, ctx.directory), DEFAULT_ISSUER),
        number=_optional(parts, "number", _Node.text), notation=_optional(parts, "notation", _Node.text),
        doc_type=_optional(parts, "doc_type", lambda n: n.value if n.value == "" else n.text(), ""),
        urgency=_optional(parts, "urgency", lambda n: n.choice(tuple(URGENCY_LABELS)), urgency),
        confidentiality=_optional(parts, "confidentiality", lambda n: n.choice(tuple(CONFIDENTIALITY_LABELS)),
                                  "normal"),
        signer_name=_optional(parts, "signer_name", _Node.text),
        signer_position=_optional(parts, "signer_position", _Node.text),
        assignee=_optional(parts, "assignee", _Node.text),
        issued_on=_optional(parts, "issued_on", _Node.iso_date),
        issued_days_ago=_optional(parts, "issued_days_ago", lambda n: n.integer(minimum=0), 0),
        due_on=_optional(parts, "due_on", _Node.iso_date),
        due_in_working_days=_optional(parts, "due_in_working_days", _Node.integer),
    )  # fmt: skip


def _agency(node: _Node, directory: AgencyDirectory) -> str:
    code = node.text()
    if directory.name_of(code) is None:
        node.fail(
            f"“{code}” không có trong danh mục cơ quan (resources/data/agency_directory.json)",
            f"“{code}” is not in the agency directory (resources/data/agency_directory.json)",
        )
    return code


_DOSSIER_FIELDS = (
    "system", "state", "procedure_name", "statutory_amount", "statutory_unit", "cutoff", "applicant_id_number",
    "applicant_address", "applicant_phone", "channel", "received_at", "received_minutes_ago", "due_in_working_days",
)  # fmt: skip


def _dossier(node: _Node, ctx: _Context, defined_at: str) -> DossierSeed:
    parts = node.fields(("key", "procedure", "applicant_name"), _DOSSIER_FIELDS)
    key = parts["key"].ident()
    info = _ItemInfo("dossier", None, _optional(parts, "system", lambda n: _system(n, ctx), "new"), defined_at)
    ctx.add_item(parts["key"], key, info)
    _one_of(parts, "received_at", "received_minutes_ago")
    name, amount, unit, cutoff = _procedure(parts)
    return DossierSeed(
        key=key, system=info.system, procedure_code=parts["procedure"].text(), procedure_name=name,
        statutory_amount=amount, statutory_unit=unit, cutoff=cutoff,
        applicant_name=parts["applicant_name"].text(),
        state=_optional(parts, "state", lambda n: n.choice(_DOSSIER_STATES), "submitted"),
        applicant_id_number=_optional(parts, "applicant_id_number", _Node.text),
        applicant_address=_optional(parts, "applicant_address", _Node.text),
        applicant_phone=_optional(parts, "applicant_phone", _Node.text),
        channel=_optional(parts, "channel", lambda n: n.choice(tuple(CHANNEL_LABELS)), "in_person"),
        received_at=_optional(parts, "received_at", _Node.iso_datetime),
        received_minutes_ago=_optional(parts, "received_minutes_ago", lambda n: n.integer(minimum=0), 30),
        due_in_working_days=_optional(parts, "due_in_working_days", _Node.integer),
    )  # fmt: skip


def _procedure(parts: dict[str, _Node]) -> tuple[str, int, str, str | None]:
    """A known procedure gives its name and statutory time; an unknown one must state them."""
    code = parts["procedure"].text()
    known = _PROCEDURES.get(code)
    if known is None and ("procedure_name" not in parts or "statutory_amount" not in parts):
        parts["procedure"].fail(
            f"thủ tục “{code}” không có sẵn: hãy ghi thêm “procedure_name” và “statutory_amount” "
            f"(có sẵn: {', '.join(_PROCEDURES)})",
            f"procedure “{code}” is not built in: also give “procedure_name” and “statutory_amount” "
            f"(built in: {', '.join(_PROCEDURES)})",
        )
    name, amount, unit, has_cutoff = known or ("", 1, "days", False)
    return (
        _optional(parts, "procedure_name", _Node.text, name),
        _optional(parts, "statutory_amount", lambda n: n.integer(minimum=1), amount),
        _optional(parts, "statutory_unit", lambda n: n.choice(("days", "hours")), unit),
        _optional(parts, "cutoff", _cutoff, "15:00" if has_cutoff else None),
    )


def _cutoff(node: _Node) -> str:
    value = node.text()
    try:
        time.fromisoformat(value)
    except ValueError:
        node.fail(f"“{value}” không phải giờ hợp lệ (HH:MM)", f"“{value}” is not a valid time (HH:MM)")
    return value


def _seed(node: _Node, ctx: _Context) -> tuple[tuple[DocumentSeed, ...], tuple[DossierSeed, ...], int]:
    parts = node.fields((), ("documents", "dossiers", "filler_items"))
    documents = tuple(_document(n, ctx, n.path) for n in _optional(parts, "documents", _Node.array, []))
    dossiers = tuple(_dossier(n, ctx, n.path) for n in _optional(parts, "dossiers", _Node.array, []))
    return documents, dossiers, _optional(parts, "filler_items", lambda n: n.integer(minimum=0), 0)


_EVENT_PARAMS = {
    "urgent_document": (("document",), ()),
    "network_down": ((), ()),
    "network_up": ((), ()),
    "colleague_acts": (("item", "action"), ("payload",)),
    "days_pass": (("days",), ()),
}


def _event(node: _Node, ctx: _Context, seen: dict[str, str]) -> tuple[Event, dict[str, _Node]]:
    head = node.fields(("id", "title", "kind"), ("document", "item", "action", "payload", "days"))
    event_id = _unique(head["id"], seen)
    kind = head["kind"].choice(EVENT_KINDS)
    required, optional = _EVENT_PARAMS[kind]
    parts = node.fields(("id", "title", "kind", *required), optional)
    event = Event(event_id, parts["title"].bilingual(), kind)
    ctx.events[event_id] = kind
    if kind == "urgent_document":
        event = replace(event, document=_document(parts["document"], ctx, parts["document"].path, "urgent"))
    elif kind == "days_pass":
        event = replace(event, days=parts["days"].integer(minimum=1))
    return event, parts


def _events(node: _Node, ctx: _Context) -> tuple[Event, ...]:
    """Two passes: a colleague may act on a document that an urgent-document event brings later."""
    seen: dict[str, str] = {}
    parsed = [_event(n, ctx, seen) for n in node.array()]
    return tuple(_colleague(e, parts, ctx) if e.kind == "colleague_acts" else e for e, parts in parsed)


def _colleague(event: Event, parts: dict[str, _Node], ctx: _Context) -> Event:
    key, info = ctx.item(parts["item"])
    action = _action(parts["action"], info)
    return replace(event, item=key, action=action, payload=_checked_payload(parts, "payload", info, action))


def _checked_payload(parts: dict[str, _Node], name: str, info: _ItemInfo, action: str) -> dict[str, Any]:
    node = parts.get(name)
    payload = node.mapping() if node is not None else {}
    for needed in info.workflow.action(action).required:
        value = payload.get(needed)
        if not isinstance(value, str) or not value.strip():
            where = node.at(needed) if node is not None else parts["action"]
            where.fail(
                f"thao tác “{action}” cần “{needed}” (một chuỗi văn bản) trong “{name}”",
                f"the action “{action}” needs “{needed}” (a text) in “{name}”",
            )
    return payload


def _unique(node: _Node, seen: dict[str, str]) -> str:
    value = node.ident()
    if value in seen:
        node.fail(
            f"mã “{value}” bị trùng (đã dùng ở {seen[value]})", f"duplicate id “{value}” (already at {seen[value]})"
        )
    seen[value] = node.path
    return value


def _exactly_one(node: _Node, keys: tuple[str, ...], what_vi: str, what_en: str) -> str:
    """The one key of ``keys`` an object holds (a check's subject, a move's kind), or a clear error."""
    if not isinstance(node.value, dict):
        node.fail("phải là một đối tượng JSON { … }", "must be a JSON object { … }")
    present = [key for key in keys if key in node.value]
    if len(present) != 1:
        listed = ", ".join(keys)
        node.fail(f"{what_vi} cần đúng một trong các khóa: {listed}", f"{what_en} needs exactly one of: {listed}")
    return present[0]


_CHECK_SUBJECTS = ("item", "account", "outbox_pending", "outbox_rejected", "all")


def _check(node: _Node, ctx: _Context) -> Check:
    subject = _exactly_one(node, _CHECK_SUBJECTS, "một điều kiện", "a check")
    if subject == "all":
        parts = node.fields(("all",))
        return AllCheck(tuple(_check(n, ctx) for n in parts["all"].array(non_empty=True)))
    if subject.startswith("outbox_"):
        parts = node.fields((subject,))
        return OutboxCheck(subject.removeprefix("outbox_"), parts[subject].integer(minimum=0))
    return _item_check(node, ctx) if subject == "item" else _account_check(node, ctx)


def _item_check(node: _Node, ctx: _Context) -> ItemCheck:
    parts = node.fields(("item",), ("state", "action", "synced", "rejected", "dismissed", "assignee", "comments"))
    key, info = ctx.item(parts["item"])
    check = ItemCheck(
        item=key,
        state=_optional(parts, "state", lambda n: n.choice(info.states)),
        action=_optional(parts, "action", lambda n: _action(n, info)),
        synced=_optional(parts, "synced", _Node.boolean),
        rejected=_optional(parts, "rejected", _Node.boolean, False),
        dismissed=_optional(parts, "dismissed", _Node.boolean, False),
        assignee=_optional(parts, "assignee", _Node.text),
        comments=_optional(parts, "comments", lambda n: n.integer(minimum=1)),
    )
    if check.assignee is not None and info.kind != "document":
        parts["assignee"].fail("chỉ văn bản mới có người xử lý", "only documents have an assignee")
    if (check.rejected or check.dismissed) and check.synced is not None:
        parts["synced"].fail(
            "không dùng “synced” cùng “rejected” hoặc “dismissed”",
            "do not combine “synced” with “rejected”/“dismissed”",
        )
    return check


def _account_check(node: _Node, ctx: _Context) -> AccountCheck:
    parts = node.fields(("account",), ("status", "synced", "stranded"))
    role = parts["account"].choice(("new", "old"))
    if role == "old" and not ctx.has_old:
        parts["account"].fail("kịch bản không có tài khoản cũ (accounts.old)", "the scenario has no old account")
    return AccountCheck(
        role,
        _optional(parts, "status", lambda n: n.choice(("active", "signed_out", "retired"))),
        _optional(parts, "synced", _Node.boolean),
        _optional(parts, "stranded", lambda n: n.integer(minimum=0)),
    )


_MOVES = ("perform", "sync", "fire", "dismiss", "retire_due")


def _move(node: _Node, ctx: _Context) -> Move:
    kind = _exactly_one(node, _MOVES, "một bước giải", "a move")
    if kind == "perform":
        parts = node.fields(("perform", "action"), ("payload",))
        key, info = ctx.item(parts["perform"])
        action = _action(parts["action"], info)
        return Move("perform", key, action, _checked_payload(parts, "payload", info, action))
    parts = node.fields((kind,))
    if kind == "fire":
        return Move("fire", _event_ref(parts["fire"], ctx))
    if kind == "dismiss":
        return Move("dismiss", ctx.item(parts["dismiss"])[0])
    if parts[kind].boolean() is not True:
        parts[kind].fail("chỉ nhận giá trị true", "only true is accepted")
    return Move(kind)


def _event_ref(node: _Node, ctx: _Context) -> str:
    event_id = node.text()
    if event_id not in ctx.events:
        known = ", ".join(ctx.events) or "—"
        node.fail(f"không có sự kiện “{event_id}” (các sự kiện: {known})", f"no event “{event_id}” (events: {known})")
    return event_id


def _step(node: _Node, ctx: _Context, seen: dict[str, str]) -> Step:
    parts = node.fields(("id", "text", "check"), ("solution",))
    return Step(
        _unique(parts["id"], seen),
        parts["text"].bilingual(),
        _check(parts["check"], ctx),
        tuple(_move(n, ctx) for n in _optional(parts, "solution", _Node.array, [])),
    )


def _scenario(root: _Node, directory: AgencyDirectory) -> Scenario:
    parts = root.fields(("format", "id", "title", "unit", "accounts", "steps"), ("description", "seed", "events"))
    if parts["format"].integer() != FORMAT_VERSION:
        parts["format"].fail(
            f"phiên bản định dạng phải là {FORMAT_VERSION}", f"the format version must be {FORMAT_VERSION}"
        )
    accounts = _accounts(parts["accounts"])
    ctx = _Context(directory, has_old=accounts.old is not None)
    documents, dossiers, filler = _optional(parts, "seed", lambda n: _seed(n, ctx), ((), (), 0))
    events = _optional(parts, "events", lambda n: _events(n, ctx), ())
    step_ids: dict[str, str] = {}
    return Scenario(
        id=parts["id"].ident(), title=parts["title"].bilingual(),
        description=_optional(parts, "description", _Node.bilingual), unit=_unit(parts["unit"], directory),
        accounts=accounts, documents=documents, dossiers=dossiers, filler_items=filler,
        steps=tuple(_step(n, ctx, step_ids) for n in parts["steps"].array(non_empty=True)),
        events=events, file=root.file,
    )  # fmt: skip


def load_scenario(path: Path, directory: AgencyDirectory | None = None) -> Scenario:
    """Read and check one scenario file; ScenarioError says where and what is wrong."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise ScenarioError(path.name, "$", f"không đọc được tệp: {error}", f"cannot read the file: {error}") from None
    except UnicodeDecodeError:
        raise ScenarioError(path.name, "$", "tệp phải được lưu dạng UTF-8", "the file must be saved as UTF-8") from None
    except json.JSONDecodeError as error:
        where = f"dòng {error.lineno}, cột {error.colno}"
        raise ScenarioError(
            path.name, "$", f"không phải JSON hợp lệ ({where}): {error.msg}",
            f"not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}",
        ) from None  # fmt: skip
    return _scenario(_Node(data, "", path.name), directory or load_shipped_directory())


def load_shipped_scenarios(folder: Path | None = None) -> list[Scenario]:
    """Every ``*.json`` of the scenarios folder, in file-name order; scenario ids must be unique."""
    directory = load_shipped_directory()
    scenarios: list[Scenario] = []
    for path in sorted((folder or scenarios_dir()).glob("*.json")):
        scenario = load_scenario(path, directory)
        clash = next((s for s in scenarios if s.id == scenario.id), None)
        if clash is not None:
            raise ScenarioError(path.name, "id", f"mã “{scenario.id}” đã dùng trong {clash.file}",
                                f"the id “{scenario.id}” is already used by {clash.file}")  # fmt: skip
        scenarios.append(scenario)
    return scenarios


# -- the clock -----------------------------------------------------------------------------------------


class TrainingClock:
    """Real time (or a test's clock) moved forward by "days pass" events; shared by desk and services."""

    def __init__(self, base: Clock) -> None:
        self._base = base
        self._offset = timedelta()
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._base.now() + self._offset

    def advance(self, delta: timedelta) -> None:
        with self._lock:
            self._offset += delta


# -- seeding the central services ----------------------------------------------------------------


@dataclass
class _System:
    """One central system of the scenario: its service, where it listens, and who may sign in."""

    name: str
    service: CentralService
    port: int = 0
    server: RunningServer | None = None
    passwords: dict[str, str] = field(default_factory=dict)  # login → password, in memory only

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.server = start_in_thread(self.service, port=self.port)
        self.port = int(self.server.url.rsplit(":", 1)[1])

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None


class _Seeder:
    """Scenario items as server rows, with dates relative to the training clock's now."""

    def __init__(self, scenario: Scenario, now: datetime, directory: AgencyDirectory) -> None:
        self.scenario = scenario
        self.now = now.astimezone(VN_TZ)
        self.directory = directory
        self.calendar = WorkingCalendar()

    def document(self, session: Session, seed: DocumentSeed) -> server.Document:
        unit = self.scenario.unit
        issuer = unit if seed.direction == "outgoing" else seed.issuing_agency
        issued_on = seed.issued_on or self.now.date() - timedelta(days=seed.issued_days_ago)
        document = server.Document(
            unit_code=unit, direction=seed.direction, number=seed.number, notation=seed.notation,
            doc_type=seed.doc_type, issuing_agency_code=issuer, issuing_agency_name=self.directory.name_of(issuer),
            issued_on=issued_on, subject=seed.subject, urgency=seed.urgency, confidentiality=seed.confidentiality,
            signer_name=seed.signer_name, signer_position=seed.signer_position, assignee=seed.assignee,
            due_on=self._due_on(seed), state=seed.state, recipients=[self.directory.name_of(unit) or unit],
            trail=[{"at": self.now.isoformat(), "by": "Văn thư", "state": seed.state}], updated_at=self.now,
        )  # fmt: skip
        if seed.direction == "incoming" and seed.state != IncomingState.RECEIVED:
            document.arrival_date = self.now.date()
            document.arrival_number = _take_arrival_number(session, unit, self.now.year)
        session.add(document)
        session.flush()
        record_change(session, unit, "document", document)
        return document

    def _due_on(self, seed: DocumentSeed) -> date | None:
        if seed.due_in_working_days is None:
            return seed.due_on
        return self.calendar.add_working_days(self.now.date(), seed.due_in_working_days)

    def dossier(self, session: Session, seed: DossierSeed) -> server.Dossier:
        unit = self.scenario.unit
        received = seed.received_at or self.now - timedelta(minutes=seed.received_minutes_ago)
        existing = session.scalars(select(server.Dossier.code).where(server.Dossier.unit_code == unit))
        state = DossierState[seed.state.upper()]
        dossier = server.Dossier(
            unit_code=unit, code=str(next_dossier_code(unit, received.astimezone(VN_TZ).date(), existing)),
            procedure_code=seed.procedure_code, procedure_name=seed.procedure_name,
            applicant_name=seed.applicant_name, applicant_id_number=seed.applicant_id_number,
            applicant_address=seed.applicant_address, applicant_phone=seed.applicant_phone, channel=seed.channel,
            received_at=received, statutory_amount=seed.statutory_amount, statutory_unit=seed.statutory_unit,
            cutoff=seed.cutoff, due_at=self._due_at(seed, received), state=int(state),
            finished_at=self.now if state in FINISHED_DOSSIER_STATES else None,
            history=_dossier_history(received, state, seed.applicant_name), updated_at=self.now,
        )  # fmt: skip
        session.add(dossier)
        session.flush()
        record_change(session, unit, "dossier", dossier)
        return dossier

    def _due_at(self, seed: DossierSeed, received: datetime) -> datetime:
        if seed.due_in_working_days is not None:  # the end of that working day
            day = self.calendar.add_working_days(self.now.date(), seed.due_in_working_days)
            return self.calendar.working_periods_on(self.calendar.working_day_on_or_after(day))[-1][1]
        cutoff = time.fromisoformat(seed.cutoff) if seed.cutoff else None
        statutory = StatutoryTime(seed.statutory_amount, seed.statutory_unit)  # type: ignore[arg-type]
        return due_at(received, statutory, self.calendar, cutoff)


def _dossier_history(received: datetime, state: DossierState, applicant: str) -> list[dict[str, Any]]:
    history = [{"at": received.isoformat(), "state": int(DossierState.SUBMITTED), "by": applicant}]
    if state is not DossierState.SUBMITTED:
        history.append({"at": received.isoformat(), "state": int(state), "by": "Bộ phận một cửa"})
    return history


def _take_arrival_number(session: Session, unit: str, year: int) -> int:
    """From the same counter the server numbers registrations with, so numbers never repeat."""
    query = select(server.ArrivalCounter).where(
        server.ArrivalCounter.unit_code == unit, server.ArrivalCounter.year == year
    )
    counter = session.scalar(query)
    if counter is None:
        counter = server.ArrivalCounter(unit_code=unit, year=year, value=0)
        session.add(counter)
    counter.value += 1
    return counter.value


# -- the session ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Remote:
    system: str  # "new" or "old"
    kind: str
    remote_id: str


class TrainingSession:
    """One scenario played in ``root``. Call ``start``, ``fire``, ``reset``, ``play_solution`` from a worker
    thread (they start and stop services and talk to them); ``check_steps`` is a few short queries."""

    def __init__(self, scenario: Scenario, root: Path, clock: Clock | None = None) -> None:
        self.scenario = scenario
        self.root = Path(root)
        self._base_clock = clock or SystemClock()
        self.clock = TrainingClock(self._base_clock)
        self.profile = Profile(self.root / "desk")
        self.workbench: Workbench | None = None
        self.accounts: AccountService | None = None
        self.account_ids: dict[str, int] = {}  # "new" / "old" → local account id
        self.fired: list[str] = []
        self._systems: dict[str, _System] = {}  # "new" / "old"
        self._remote: dict[str, _Remote] = {}
        self._done: set[str] = set()
        self._engine: SyncEngine | None = None
        self._lock = threading.RLock()

    # -- life cycle ---------------------------------------------------------------------------------

    def start(self) -> Workbench:
        """Wipe the training folder, start the services seeded from the scenario, open the desk.
        Use the returned Workbench (not ``Workbench.open``): it holds the session-only credentials."""
        with self._lock:
            self.close()
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

    def close(self) -> None:
        """Stop the desk's services and the central services; the files stay until the next start."""
        with self._lock:
            if self.workbench is not None:
                self.workbench.close()
            for system in self._systems.values():
                system.stop()
                system.service.engine.dispose()  # Windows cannot delete an open SQLite file
            self.workbench, self.accounts, self._engine = None, None, None
            self._systems, self._remote, self.account_ids = {}, {}, {}
            self._done, self.fired = set(), []

    @property
    def online(self) -> bool:
        return all(system.server is not None for system in self._systems.values())

    def _wipe(self) -> None:
        """Only a folder this module made (it holds the marker) or an empty one is ever deleted."""
        if self.root.exists() and any(self.root.iterdir()):
            if not (self.root / MARKER_FILE).is_file():
                raise TrainingError(
                    f"Thư mục {self.root} có dữ liệu nhưng không phải thư mục tập huấn; không xóa.",
                    f"The folder {self.root} holds data but is not a training folder; it is left alone.",
                )
            shutil.rmtree(self.root)
        (self.root / "central").mkdir(parents=True)
        marker = {"scenario": self.scenario.id, "note": "Ward Desk training folder: wiped at every start."}
        (self.root / MARKER_FILE).write_text(json.dumps(marker, ensure_ascii=False), encoding="utf-8")

    def _start_systems(self) -> None:
        accounts, directory = self.scenario.accounts, load_shipped_directory()
        plan = {"new": ("unified", accounts.new)}
        if accounts.old is not None:
            plan["old"] = (accounts.old.system, accounts.old)
        for role, (name, account) in plan.items():
            url = f"sqlite:///{self.root / 'central' / f'{name}.sqlite3'}"
            system = _System(name, build_service(name, url, self.clock))
            self._seed(system, role, account, directory)
            system.start()
            self._systems[role] = system

    def _seed(self, system: _System, role: str, account: TrainingAccount, directory: AgencyDirectory) -> None:
        now, unit = self.clock.now(), self.scenario.unit
        until = None
        if isinstance(account, OldAccount):
            until = now.date() + timedelta(days=account.parallel_until_days)
        with system.service.sessions.begin() as session:
            load_directory(session, directory)
            for person, ends in ((account, until), (self.scenario.accounts.colleague, None)):
                system.passwords[person.login] = secrets.token_urlsafe(16)
                add_account(session, person.login, system.passwords[person.login], unit, person.display_name, now,
                            parallel_until=ends)  # fmt: skip
            if role == "new" and self.scenario.filler_items:
                seed_demo_items(session, unit, self.scenario.filler_items, now)
            self._seed_items(session, role, _Seeder(self.scenario, now, directory))

    def _seed_items(self, session: Session, role: str, seeder: _Seeder) -> None:
        for document in (d for d in self.scenario.documents if d.system == role):
            self._remote[document.key] = _Remote(role, "document", str(seeder.document(session, document).id))
        for dossier in (d for d in self.scenario.dossiers if d.system == role):
            self._remote[dossier.key] = _Remote(role, "dossier", str(seeder.dossier(session, dossier).id))

    def _open_desk(self) -> None:
        credentials = CredentialStore(fail.Keyring())  # session only: no keyring is ever asked
        cache = open_local_cache(self.profile)
        self.accounts = AccountService(cache, credentials, self.clock)
        plan = {"new": self.scenario.accounts.new, "old": self.scenario.accounts.old}
        for role, system in self._systems.items():
            login = plan[role].login  # type: ignore[union-attr]
            kind = "unified" if system.name == "unified" else "legacy"
            source = SourceInfo(f"training-{system.name}", SYSTEM_NAMES[system.name], kind, system.url)
            self.account_ids[role] = self.accounts.add_account(source, login, system.passwords[login]).account_id
        self.workbench = Workbench(cache, self.clock, credentials)
        self._engine = SyncEngine(cache, self.accounts, self.clock)

    # -- what the trainee did -------------------------------------------------------------------------

    def check_steps(self) -> list[StepStatus]:
        """Each step, done or not; once done it stays ticked until reset. While a reset or an event
        holds the session (a worker thread), the last known ticks are returned at once."""
        if not self._lock.acquire(blocking=False):
            return self._statuses()
        try:
            if self.workbench is not None:
                with self.workbench.cache.sessions() as session:
                    judge = _Judge(self, session)
                    self._done.update(
                        s.id for s in self.scenario.steps if s.id not in self._done and judge.holds(s.check)
                    )
            return self._statuses()
        finally:
            self._lock.release()

    def _statuses(self) -> list[StepStatus]:
        return [StepStatus(step.id, step.id in self._done) for step in self.scenario.steps]

    def item_ref(self, key: str) -> tuple[str, int] | None:
        """(kind, local id) of the scenario's item ``key`` in the trainee's cache, None if not there yet."""
        remote = self._remote.get(key)
        if remote is None or self.workbench is None:
            return None
        with self.workbench.cache.sessions() as session:
            local = _local_item(session, self._source_code(remote.system), remote)
            return None if local is None else (remote.kind, local.id)

    def _source_code(self, role: str) -> str:
        return f"training-{self._systems[role].name}"

    # -- the trainer's events --------------------------------------------------------------------------

    def fire(self, event_id: str) -> None:
        """Fire a live event. Steps are checked first, so what the trainee did before it is ticked."""
        with self._lock:
            event = self.scenario.event(event_id)
            self.check_steps()
            handlers: dict[str, Callable[[Event], None]] = {
                "urgent_document": self._urgent_document, "network_down": self._network_down,
                "network_up": self._network_up, "colleague_acts": self._colleague_acts, "days_pass": self._days_pass,
            }  # fmt: skip
            handlers[event.kind](event)
            self.fired.append(event_id)

    def _urgent_document(self, event: Event) -> None:
        seed = event.document
        assert seed is not None
        if seed.key in self._remote:
            raise TrainingError("Văn bản này đã đến rồi.", "This document has already arrived.")
        system = self._systems[seed.system]
        seeder = _Seeder(self.scenario, self.clock.now(), load_shipped_directory())
        with system.service.sessions.begin() as session:
            document = seeder.document(session, seed)
        self._remote[seed.key] = _Remote(seed.system, "document", str(document.id))

    def _network_down(self, _event: Event) -> None:
        for system in self._systems.values():
            system.stop()

    def _network_up(self, _event: Event) -> None:
        for system in self._systems.values():
            if system.server is None:
                system.start()  # the same port: the desk's saved address still works

    def _days_pass(self, event: Event) -> None:
        self.clock.advance(timedelta(days=event.days))

    def _colleague_acts(self, event: Event) -> None:
        remote = self._remote.get(event.item or "")
        if remote is None:
            raise TrainingError("Mục này chưa có trên máy chủ.", "That item is not on the server yet.")
        system = self._systems[remote.system]
        colleague = self.scenario.accounts.colleague.login
        with system.service.sessions() as session:
            account_id = session.scalar(select(server.Account.id).where(server.Account.login == colleague))
            model = server.Document if remote.kind == "document" else server.Dossier
            version = session.get_one(model, int(remote.remote_id)).version
        action, payload = event.action or "", event.payload
        mutation = Mutation(str(uuid.uuid4()), remote.kind, remote.remote_id, version, action, payload)
        outcome = apply_one(system.service.sessions, account_id, mutation, self.clock.now())
        if outcome["status"] != "applied":
            raise TrainingError(
                f"Máy chủ không nhận thao tác của đồng nghiệp: {outcome.get('message', '')}",
                f"The server refused the colleague's action: {outcome.get('message', '')}",
            )

    # -- "show me" and the desk's sync ---------------------------------------------------------------

    def sync(self) -> list[SyncReport]:
        """Sync every account of the desk now, as the sync button does."""
        engine = self._sync_engine()
        return [engine.sync_account(account_id) for account_id in self.account_ids.values()]

    def play_solution(self, step_id: str) -> None:
        """Do what the step asks, through the same code the window uses (for a trainer's "show me")."""
        for move in self.scenario.step(step_id).solution:
            self._play(move)

    def _play(self, move: Move) -> None:
        bench = self._bench()
        if move.kind == "sync":
            self.sync()
        elif move.kind == "fire":
            self.fire(move.target or "")
        elif move.kind == "retire_due":
            self.retire_due_accounts()
        else:
            ref = self.item_ref(move.target or "")
            if ref is None:
                raise TrainingError("Mục này chưa có trên máy: hãy đồng bộ.", "The item is not here yet: sync first.")
            if move.kind == "dismiss":
                bench.dismiss_rejections(*ref)
            else:
                bench.perform(ref[0], ref[1], move.action or "", dict(move.payload))

    def retire_due_accounts(self) -> RetirementResult | None:
        """What the app does on an old account's last day: push its last actions, then retire it.
        Call after a "days_pass" event (or on a timer); None when the scenario has no old account."""
        if "old" not in self.account_ids or self.accounts is None:
            return None
        transition = Transition(self._bench().cache, self.accounts, self._sync_engine(), self.clock)
        return transition.retire_if_due(self.account_ids["old"])

    def _bench(self) -> Workbench:
        if self.workbench is None:
            raise TrainingError("Buổi tập huấn chưa bắt đầu.", "The training session has not started.")
        return self.workbench

    def _sync_engine(self) -> SyncEngine:
        bench = self._bench()
        engine = bench.engine or self._engine  # the window's engine once its services run
        assert engine is not None
        return engine

    # -- for the judge ------------------------------------------------------------------------------

    def _server_item(self, remote: _Remote) -> server.Document | server.Dossier | None:
        service = self._systems[remote.system].service
        with service.reads() as session:
            model = server.Document if remote.kind == "document" else server.Dossier
            return session.get(model, int(remote.remote_id))


def _local_item(session: Session, source_code: str, remote: _Remote) -> Any:
    model = ITEM_MODELS[remote.kind]
    return session.scalar(
        select(model)
        .join(Source, Source.id == model.source_id)
        .where(Source.code == source_code, model.remote_id == remote.remote_id)
    )


def _state_name(kind: str, state: Any) -> str:
    return DossierState(state).name.lower() if kind == "dossier" else str(state)


class _Judge:
    """Evaluates a step's check against the local cache, the outbox and the server's rows."""

    def __init__(self, training: TrainingSession, session: Session) -> None:
        self.training = training
        self.session = session

    def holds(self, check: Check) -> bool:
        if isinstance(check, AllCheck):
            return all(self.holds(part) for part in check.checks)
        if isinstance(check, OutboxCheck):
            return self._outbox(check)
        if isinstance(check, AccountCheck):
            return self._account(check)
        return self._item(check)

    def _outbox(self, check: OutboxCheck) -> bool:
        statuses = ("pending",) if check.status == "pending" else ("rejected", "dismissed")
        query = select(func.count()).select_from(OutboxEntry).where(OutboxEntry.status.in_(statuses))
        count = self.session.scalar(query) or 0
        return count == 0 if check.count == 0 else count >= check.count

    def _account(self, check: AccountCheck) -> bool:
        account_id = self.training.account_ids.get(check.account)
        account = None if account_id is None else self.session.get(Account, account_id)
        if account is None or (check.status is not None and account.status != check.status):
            return False
        if check.synced is not None:
            checkpoint = self.session.get(SyncCheckpoint, account.id)
            if (checkpoint is not None and checkpoint.last_success_at is not None) != check.synced:
                return False
        return check.stranded is None or self._stranded(account.id) == check.stranded

    def _stranded(self, account_id: int) -> int:
        query = select(func.count()).where(OutboxEntry.account_id == account_id, OutboxEntry.status == "stranded")
        return self.session.scalar(query) or 0

    def _item(self, check: ItemCheck) -> bool:
        remote = self.training._remote.get(check.item)
        if remote is None:  # an event's document that has not arrived
            return False
        item = _local_item(self.session, self.training._source_code(remote.system), remote)
        if item is None:
            return False
        tests: list[Callable[[], bool]] = [
            lambda: check.state is None or _state_name(remote.kind, item.state) == check.state,
            lambda: check.assignee is None or item.assignee == check.assignee,
            lambda: self._entries_ok(check, remote.kind, item.id),
            lambda: self._sync_ok(check, remote, item),
            lambda: check.comments is None or self._comments(check, remote.kind, item.id) >= check.comments,
        ]
        return all(test() for test in tests)

    def _entries_ok(self, check: ItemCheck, kind: str, item_id: int) -> bool:
        if check.action is None and not (check.rejected or check.dismissed):
            return True
        statuses = _entry_statuses(check)
        query = select(func.count()).where(
            OutboxEntry.item_kind == kind, OutboxEntry.item_id == item_id, OutboxEntry.status.in_(statuses)
        )
        if check.action is not None:
            query = query.where(OutboxEntry.action == check.action)
        return (self.session.scalar(query) or 0) > 0

    def _sync_ok(self, check: ItemCheck, remote: _Remote, item: Any) -> bool:
        """With an action, "synced" is that action's outcome; otherwise the item's own sync state."""
        if check.synced is None or check.action is not None:
            return True
        if not check.synced:
            return item.sync_state == "pending"
        if item.sync_state != "synced":
            return False
        truth = self.training._server_item(remote)
        if truth is None or truth.version != item.version:
            return False
        return check.state is None or _state_name(remote.kind, truth.state) == check.state

    def _comments(self, check: ItemCheck, kind: str, item_id: int) -> int:
        query = select(func.count()).where(Comment.item_kind == kind, Comment.item_id == item_id)
        if check.synced:
            query = query.where(Comment.remote_id.is_not(None))
        return self.session.scalar(query) or 0


def _entry_statuses(check: ItemCheck) -> tuple[str, ...]:
    if check.dismissed:
        return ("dismissed",)
    if check.rejected:
        return ("rejected", "dismissed")
    return {True: ("applied",), False: ("pending",), None: ("pending", "applied")}[check.synced]


__all__ = [
    "EVENT_KINDS",
    "AccountCheck",
    "AllCheck",
    "Event",
    "ItemCheck",
    "Move",
    "OutboxCheck",
    "Scenario",
    "ScenarioError",
    "Step",
    "StepStatus",
    "Text",
    "TrainingClock",
    "TrainingError",
    "TrainingSession",
    "default_training_root",
    "load_scenario",
    "load_shipped_scenarios",
    "scenarios_dir",
]
