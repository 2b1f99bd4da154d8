"""Scenario files (``resources/scenarios/*.json``, format in that folder's README.md), checked strictly on
load: every error names the file, the JSON path and what is wrong, so a trainer can write new scenarios
without code."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import time
from pathlib import Path
from typing import Any

from app.domain.dossier_intake import Applicant, check_applicant
from app.domain.errors import DomainError
from app.domain.labels import CHANNEL_LABELS, CONFIDENTIALITY_LABELS, URGENCY_LABELS
from app.domain.statuses import AccountStatus
from app.domain.workflow import (
    DOSSIER,
    FEEDBACK,
    INCOMING,
    OUTGOING,
    DossierState,
    FeedbackState,
    IncomingState,
    OutgoingState,
    Workflow,
)
from central.in_process import LETTER_SIGNATURES, AgencyDirectory, shipped_directory, shipped_procedures
from kernel.resources import resources_dir
from sandbox.training.json_paths import JsonNode, one_of, optional
from sandbox.training.scenario import (
    EVENT_KINDS,
    LEGACY_SYSTEMS,
    AccountCheck,
    Accounts,
    AllCheck,
    Check,
    DocumentSeed,
    DossierSeed,
    Event,
    FeedbackSeed,
    ItemCheck,
    MeetingCheck,
    MeetingSeed,
    Move,
    OldAccount,
    OutboxCheck,
    Scenario,
    ScenarioError,
    Step,
    TrainingAccount,
    WalkIn,
)

FORMAT_VERSION = 1
DEFAULT_ISSUER = "000.00.00.H29"  # Ủy ban nhân dân Thành phố
DEFAULT_COLLEAGUE = ("dongnghiep.taphuan", "Lê Văn Hùng (đồng nghiệp)")
DEFAULT_LEADER = ("lanhdao.taphuan", "Trần Thị Mai (lãnh đạo)")


def scenarios_dir() -> Path:
    return resources_dir() / "scenarios"


_DOSSIER_STATES = tuple(state.name.lower() for state in DossierState)
_DOCUMENT_STATES = {
    "incoming": tuple(s.value for s in IncomingState),
    "outgoing": tuple(s.value for s in OutgoingState),
}
_PROCEDURES = shipped_procedures()
_FEEDBACK_STATES = tuple(state.value for state in FeedbackState)
# What a seeded report may already be: sending one back is the trainee's to learn, with its competent unit.
_SEEDED_FEEDBACK_STATES = tuple(state for state in _FEEDBACK_STATES if state != FeedbackState.SENT_BACK)
_F = FeedbackState
_DRAFTED = (_F.ANSWER_DRAFTED.value, _F.ANSWER_APPROVED.value, _F.ANSWERED.value)  # a seeded report with an answer
_ASSIGNED = (_F.ASSIGNED.value, *_DRAFTED)  # … with an assignee
_APPROVED = _DRAFTED[1:]  # … approved by a leader


@dataclass(frozen=True)
class _ItemInfo:
    kind: str  # "document", "dossier" or "feedback"
    direction: str | None
    system: str
    defined_at: str

    @property
    def workflow(self) -> Workflow:
        if self.kind == "dossier":
            return DOSSIER
        if self.kind == "feedback":
            return FEEDBACK
        return INCOMING if self.direction == "incoming" else OUTGOING

    @property
    def states(self) -> tuple[str, ...]:
        if self.kind == "feedback":
            return _FEEDBACK_STATES
        return _DOSSIER_STATES if self.kind == "dossier" else _DOCUMENT_STATES[self.direction or "incoming"]


@dataclass
class _Context:
    directory: AgencyDirectory
    unit: str
    invitations: dict[str, str] = field(default_factory=dict)  # key → "number/notation" of each invitation
    has_old: bool = False
    items: dict[str, _ItemInfo] = field(default_factory=dict)
    events: dict[str, str] = field(default_factory=dict)  # id → kind
    walk_ins: set[str] = field(default_factory=set)  # their keys are item keys too

    def add_item(self, node: JsonNode, key: str, info: _ItemInfo) -> None:
        if key in self.items:
            node.fail(
                f"khóa “{key}” bị trùng (đã dùng ở {self.items[key].defined_at})",
                f"duplicate key “{key}” (already used at {self.items[key].defined_at})",
            )
        self.items[key] = info

    def item(self, node: JsonNode) -> tuple[str, _ItemInfo]:
        key = node.text()
        if key not in self.items:
            known = ", ".join(self.items) or "—"
            node.fail(
                f"không có văn bản, hồ sơ hay phản ánh nào mang khóa “{key}” (các khóa: {known})",
                f"no document, dossier or report has the key “{key}” (keys: {known})",
            )
        return key, self.items[key]


def _system(node: JsonNode, ctx: _Context) -> str:
    system = node.choice(("new", "old"))
    if system == "old" and not ctx.has_old:
        node.fail("kịch bản không có tài khoản cũ (accounts.old)", "the scenario has no old account (accounts.old)")
    return system


def _action(node: JsonNode, info: _ItemInfo) -> str:
    names = [action.name for state in info.workflow.states for action in info.workflow.allowed_actions(state)]
    return node.choice(list(dict.fromkeys(names)))


def _account(node: JsonNode) -> TrainingAccount:
    parts = node.fields(("login", "display_name"))
    return TrainingAccount(parts["login"].text(), parts["display_name"].text())


def _old_account(node: JsonNode) -> OldAccount:
    parts = node.fields(("login", "display_name", "system", "parallel_until_days"))
    return OldAccount(
        parts["login"].text(),
        parts["display_name"].text(),
        parts["system"].choice(LEGACY_SYSTEMS),
        parts["parallel_until_days"].integer(minimum=0),
    )


def _accounts(node: JsonNode) -> Accounts:
    parts = node.fields(("new",), ("old", "colleague", "leader"))
    colleague = optional(parts, "colleague", _account, TrainingAccount(*DEFAULT_COLLEAGUE))
    return Accounts(_account(parts["new"]), colleague, optional(parts, "old", _old_account),
                    optional(parts, "leader", _account))  # fmt: skip


def _with_leader(node: JsonNode, accounts: Accounts, needed: bool) -> Accounts:
    """The accounts, with the default leader when the scenario needs one it does not name (a "leader_acts"
    event, a report seeded as approved or answered); every login distinct."""
    if needed and accounts.leader is None:
        accounts = replace(accounts, leader=TrainingAccount(*DEFAULT_LEADER))
    people = (accounts.new, accounts.colleague, accounts.old, accounts.leader)
    logins = [a.login for a in people if a is not None]
    if len(set(logins)) != len(logins):
        node.fail("các tài khoản phải có tên đăng nhập khác nhau", "the accounts must have different logins")
    return accounts


def _unit(node: JsonNode, directory: AgencyDirectory) -> str:
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
    "due_in_working_days", "signature", "meeting",
)  # fmt: skip


def _document(node: JsonNode, ctx: _Context, defined_at: str, urgency: str = "normal") -> DocumentSeed:
    parts = node.fields(("key", "subject"), _DOCUMENT_FIELDS)
    key = parts["key"].ident()
    direction = optional(parts, "direction", lambda n: n.choice(("incoming", "outgoing")), "incoming")
    info = _ItemInfo("document", direction, optional(parts, "system", lambda n: _system(n, ctx), "new"), defined_at)
    ctx.add_item(parts["key"], key, info)
    one_of(parts, "issued_on", "issued_days_ago")
    one_of(parts, "due_on", "due_in_working_days")
    return DocumentSeed(
        key=key, system=info.system, direction=direction, subject=parts["subject"].text(),
        state=optional(parts, "state", lambda n: n.choice(info.states), info.states[0]),
        issuing_agency=optional(parts, "issuing_agency", lambda n: _agency(n, ctx.directory), DEFAULT_ISSUER),
        number=optional(parts, "number", JsonNode.text), notation=optional(parts, "notation", JsonNode.text),
        doc_type=optional(parts, "doc_type", lambda n: n.value if n.value == "" else n.text(), ""),
        urgency=optional(parts, "urgency", lambda n: n.choice(tuple(URGENCY_LABELS)), urgency),
        confidentiality=optional(parts, "confidentiality", lambda n: n.choice(tuple(CONFIDENTIALITY_LABELS)),
                                  "normal"),
        signer_name=optional(parts, "signer_name", JsonNode.text),
        signer_position=optional(parts, "signer_position", JsonNode.text),
        assignee=optional(parts, "assignee", JsonNode.text),
        issued_on=optional(parts, "issued_on", JsonNode.iso_date),
        issued_days_ago=optional(parts, "issued_days_ago", lambda n: n.integer(minimum=0), 0),
        due_on=optional(parts, "due_on", JsonNode.iso_date),
        due_in_working_days=optional(parts, "due_in_working_days", JsonNode.integer),
        signature=optional(parts, "signature", lambda n: _signature(n, parts, direction)),
        meeting=optional(parts, "meeting", lambda n: _meeting(n, parts, ctx, key)),
    )  # fmt: skip


_MEETING_FIELDS = ("chair", "link", "room", "changes")


def _meeting(node: JsonNode, parts: dict[str, JsonNode], ctx: _Context, key: str) -> MeetingSeed:
    """An invitation's meeting (its letter needs a number and a GM notation, as change letters cite it), or a
    letter's change of an invitation defined before it."""
    fields = node.fields(("in_days", "at", "place"), _MEETING_FIELDS)
    changes = None
    if "changes" in fields:
        changes = _invitation_ref(fields["changes"], ctx)
    elif "number" not in parts or not (optional(parts, "notation", JsonNode.text) or "").startswith("GM-"):
        node.fail(
            "giấy mời phải có “number” và “notation” bắt đầu bằng “GM-” (ví dụ “GM-UBND”)",
            "an invitation needs a “number” and a “notation” starting with “GM-” (e.g. “GM-UBND”)",
        )
    else:
        ctx.invitations[key] = f"{parts['number'].text()}/{parts['notation'].text()}"
    at = fields["at"].text()
    try:
        time.fromisoformat(at)
    except ValueError:
        fields["at"].fail(f"“{at}” không phải giờ hợp lệ (HH:MM)", f"“{at}” is not a valid time (HH:MM)")
    return MeetingSeed(
        in_days=fields["in_days"].integer(minimum=0), at=at, place=fields["place"].text(),
        chair=optional(fields, "chair", JsonNode.text), link=optional(fields, "link", JsonNode.text),
        room=optional(fields, "room", JsonNode.text), changes=changes,
    )  # fmt: skip


def _invitation_ref(node: JsonNode, ctx: _Context) -> str:
    key = node.text()
    if key not in ctx.invitations:
        known = ", ".join(ctx.invitations) or "—"
        node.fail(
            f"không có giấy mời nào mang khóa “{key}” được khai báo trước (các giấy mời: {known})",
            f"no invitation with the key “{key}” is defined before this (invitations: {known})",
        )
    return ctx.invitations[key]


def _signature(node: JsonNode, parts: dict[str, JsonNode], direction: str) -> str:
    """A signed letter needs a signer (the certificate names them) and comes from outside."""
    signature = node.choice(LETTER_SIGNATURES)
    if direction != "incoming":
        node.fail("chỉ văn bản đến mới có sẵn chữ ký số", "only incoming documents come signed")
    if "signer_name" not in parts:
        node.fail(
            "văn bản có chữ ký số phải ghi “signer_name” (người ký, ghi trên chứng thư số)",
            "a signed document needs “signer_name” (the signer, named in the certificate)",
        )
    return signature


def _agency(node: JsonNode, directory: AgencyDirectory) -> str:
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


def _dossier(node: JsonNode, ctx: _Context, defined_at: str) -> DossierSeed:
    parts = node.fields(("key", "procedure", "applicant_name"), _DOSSIER_FIELDS)
    key = parts["key"].ident()
    info = _ItemInfo("dossier", None, optional(parts, "system", lambda n: _system(n, ctx), "new"), defined_at)
    ctx.add_item(parts["key"], key, info)
    one_of(parts, "received_at", "received_minutes_ago")
    name, amount, unit, cutoff = _procedure(parts)
    return DossierSeed(
        key=key, system=info.system, procedure_code=parts["procedure"].text(), procedure_name=name,
        statutory_amount=amount, statutory_unit=unit, cutoff=cutoff,
        applicant_name=parts["applicant_name"].text(),
        state=optional(parts, "state", lambda n: n.choice(_DOSSIER_STATES), "submitted"),
        applicant_id_number=optional(parts, "applicant_id_number", JsonNode.text),
        applicant_address=optional(parts, "applicant_address", JsonNode.text),
        applicant_phone=optional(parts, "applicant_phone", JsonNode.text),
        channel=optional(parts, "channel", lambda n: n.choice(tuple(CHANNEL_LABELS)), "in_person"),
        received_at=optional(parts, "received_at", JsonNode.iso_datetime),
        received_minutes_ago=optional(parts, "received_minutes_ago", lambda n: n.integer(minimum=0), 30),
        due_in_working_days=optional(parts, "due_in_working_days", JsonNode.integer),
    )  # fmt: skip


def _procedure(parts: dict[str, JsonNode]) -> tuple[str, int, str, str | None]:
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
    name, amount, unit, has_cutoff = ("", 1, "days", False)
    if known is not None:
        name, amount, unit, has_cutoff = known.name, known.statutory.amount, known.statutory.unit, known.has_cutoff
    return (
        optional(parts, "procedure_name", JsonNode.text, name),
        optional(parts, "statutory_amount", lambda n: n.integer(minimum=1), amount),
        optional(parts, "statutory_unit", lambda n: n.choice(("days", "hours")), unit),
        optional(parts, "cutoff", _cutoff, "15:00" if has_cutoff else None),
    )


def _cutoff(node: JsonNode) -> str:
    value = node.text()
    try:
        time.fromisoformat(value)
    except ValueError:
        node.fail(f"“{value}” không phải giờ hợp lệ (HH:MM)", f"“{value}” is not a valid time (HH:MM)")
    return value


_REPORT_FIELDS = ("channel", "anonymous", "reporter_name", "reporter_phone", "reporter_email", "latitude", "longitude")
_SEEDED_REPORT_FIELDS = (*_REPORT_FIELDS, "state", "routed_minutes_ago", "assignee", "answer")
_CONTACT_LIMITS = {"reporter_name": 200, "reporter_phone": 30, "reporter_email": 200}


def _feedback(node: JsonNode, ctx: _Context, defined_at: str, routed_now: bool = False) -> FeedbackSeed:
    """A citizens' report 1022 routed to the unit (``routed_now``: an event's, routed when fired, so it has
    no state, age, assignee or answer of its own). Its texts fit what ``POST /v1/feedback`` takes."""
    parts = node.fields(("key", "category", "address", "content"), _REPORT_FIELDS if routed_now
                        else _SEEDED_REPORT_FIELDS)  # fmt: skip
    key = parts["key"].ident()
    ctx.add_item(parts["key"], key, _ItemInfo("feedback", None, "new", defined_at))
    anonymous = optional(parts, "anonymous", JsonNode.boolean, False)
    contact = {name: optional(parts, name, lambda n, most=most: _bounded(n, most))
               for name, most in _CONTACT_LIMITS.items()}  # fmt: skip
    _check_contact(node, parts, anonymous, contact)
    state = optional(parts, "state", lambda n: n.choice(_SEEDED_FEEDBACK_STATES), FeedbackState.ROUTED.value)
    _needs_state(parts, "assignee", state, _ASSIGNED, "đã phân công", "assigned")
    _needs_state(parts, "answer", state, _DRAFTED, "đã có dự thảo trả lời", "answer_drafted")
    return FeedbackSeed(
        key=key, category=_bounded(parts["category"], 100), address=_bounded(parts["address"], 500),
        content=_bounded(parts["content"], 4000),
        channel=optional(parts, "channel", lambda n: n.choice(("hotline", "web", "app")), "hotline"),
        anonymous=anonymous, **contact, state=state,
        latitude=optional(parts, "latitude", lambda n: _coordinate(n, 90)),
        longitude=optional(parts, "longitude", lambda n: _coordinate(n, 180)),
        routed_minutes_ago=optional(parts, "routed_minutes_ago", lambda n: n.integer(minimum=0), 15),
        assignee=optional(parts, "assignee", lambda n: _bounded(n, 200)),
        answer=optional(parts, "answer", lambda n: _bounded(n, 4000)),
    )  # fmt: skip


def _check_contact(node: JsonNode, parts: dict[str, JsonNode], anonymous: bool, contact: dict[str, Any]) -> None:
    """1022 leaves an anonymous report without contact, and a named one names its reporter."""
    given = [name for name, value in contact.items() if value is not None]
    if anonymous and given:
        parts[given[0]].fail(
            "phản ánh ẩn danh không có thông tin người phản ánh (bỏ “anonymous” hoặc khóa này)",
            "an anonymous report carries no contact of its reporter (drop “anonymous” or this key)",
        )
    if not anonymous and contact["reporter_name"] is None:
        node.at("reporter_name").fail(
            "phản ánh không ẩn danh phải có họ tên người phản ánh (hoặc ghi “anonymous”: true)",
            "a report that is not anonymous names its reporter (or say “anonymous”: true)",
        )


def _needs_state(parts: dict[str, JsonNode], name: str, state: str, states: tuple[str, ...], vi: str, en: str) -> None:
    if name in parts and state not in states:
        parts[name].fail(
            f"chỉ ghi “{name}” cho phản ánh {vi} trở đi (state: {', '.join(states)})",
            f"“{name}” is only for a report {en} or further on (state: {', '.join(states)})",
        )


def _bounded(node: JsonNode, most: int) -> str:
    value = node.text()
    if len(value) > most:
        node.fail(f"dài quá {most} ký tự", f"longer than {most} characters")
    return value


def _coordinate(node: JsonNode, limit: int) -> float:
    value = node.value
    if isinstance(value, bool) or not isinstance(value, int | float) or not -limit <= value <= limit:
        node.fail(
            f"phải là một số từ -{limit} đến {limit} (độ)", f"must be a number from -{limit} to {limit} (degrees)"
        )
    return float(value)


_Seeds = tuple[tuple[DocumentSeed, ...], tuple[DossierSeed, ...], tuple[FeedbackSeed, ...], int]


def _seed(node: JsonNode, ctx: _Context) -> _Seeds:
    parts = node.fields((), ("documents", "dossiers", "feedback", "filler_items"))
    documents = tuple(_document(n, ctx, n.path) for n in optional(parts, "documents", JsonNode.array, []))
    dossiers = tuple(_dossier(n, ctx, n.path) for n in optional(parts, "dossiers", JsonNode.array, []))
    reports = tuple(_feedback(n, ctx, n.path) for n in optional(parts, "feedback", JsonNode.array, []))
    return documents, dossiers, reports, optional(parts, "filler_items", lambda n: n.integer(minimum=0), 0)


_WALK_IN_FIELDS = (
    "applicant_id_number", "applicant_born_on", "applicant_address", "applicant_phone", "channel", "papers",
)  # fmt: skip
_APPLICANT_ERRORS = {  # the intake's own check of an applicant: the field it names, in Vietnamese
    "applicant.no_name": ("applicant_name", "họ tên phải có, tối đa 200 ký tự"),
    "applicant.bad_id": ("applicant_id_number", "số định danh cá nhân không hợp lệ (12 chữ số, mã tỉnh đầu)"),
    "applicant.id_birth_year": ("applicant_id_number", "số định danh cá nhân không khớp năm sinh"),
    "applicant.bad_phone": ("applicant_phone", "số điện thoại không hợp lệ"),
    "applicant.long_address": ("applicant_address", "địa chỉ dài quá 300 ký tự"),
}


def _walk_in(node: JsonNode, ctx: _Context) -> WalkIn:
    """A citizen the trainee takes in at the counter; the intake's own rules check the applicant now,
    so the model answer cannot be refused at the counter."""
    parts = node.fields(("key", "procedure", "applicant_name"), _WALK_IN_FIELDS)
    key = parts["key"].ident()
    ctx.add_item(parts["key"], key, _ItemInfo("dossier", None, "new", node.path))
    procedure = parts["procedure"].choice(tuple(_PROCEDURES))
    walk_in = WalkIn(
        key=key, procedure_code=procedure, applicant_name=parts["applicant_name"].text(),
        applicant_id_number=optional(parts, "applicant_id_number", JsonNode.text),
        applicant_born_on=optional(parts, "applicant_born_on", JsonNode.iso_date),
        applicant_address=optional(parts, "applicant_address", JsonNode.text),
        applicant_phone=optional(parts, "applicant_phone", JsonNode.text),
        channel=optional(parts, "channel", lambda n: n.choice(tuple(CHANNEL_LABELS)), "in_person"),
        papers=optional(parts, "papers", lambda n: _papers(n, procedure)),
    )  # fmt: skip
    _check_applicant(node, walk_in)
    return walk_in


def _papers(node: JsonNode, procedure: str) -> tuple[str, ...]:
    names = tuple(part.name for part in _PROCEDURES[procedure].components)
    return tuple(dict.fromkeys(n.choice(names) for n in node.array(non_empty=True)))


def _check_applicant(node: JsonNode, walk_in: WalkIn) -> None:
    applicant = Applicant(
        walk_in.applicant_name, id_number=walk_in.applicant_id_number, born_on=walk_in.applicant_born_on,
        address=walk_in.applicant_address, phone=walk_in.applicant_phone,
    )  # fmt: skip
    try:
        check_applicant(applicant)
    except DomainError as error:
        field_name, vi = _APPLICANT_ERRORS.get(error.code, ("applicant_name", "thông tin người nộp không hợp lệ"))
        node.at(field_name).fail(vi, error.english())


_EVENT_PARAMS = {
    "urgent_document": (("document",), ()),
    "network_down": ((), ()),
    "network_up": ((), ()),
    "colleague_acts": (("item", "action"), ("payload",)),
    "days_pass": (("days",), ()),
    "feedback_routed": (("feedback",), ()),
    "leader_acts": (("item", "action"), ("payload",)),
}
_SOMEONE_ACTS = ("colleague_acts", "leader_acts")


def _event(node: JsonNode, ctx: _Context, seen: dict[str, str]) -> tuple[Event, dict[str, JsonNode]]:
    head = node.fields(("id", "title", "kind"), ("document", "feedback", "item", "action", "payload", "days"))
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
    elif kind == "feedback_routed":
        event = replace(event, feedback=_feedback(parts["feedback"], ctx, parts["feedback"].path, routed_now=True))
    return event, parts


def _events(node: JsonNode, ctx: _Context) -> tuple[Event, ...]:
    """Two passes: a colleague or the leader may act on an item that an event brings later."""
    seen: dict[str, str] = {}
    parsed = [_event(n, ctx, seen) for n in node.array()]
    return tuple(_someone_acts(e, parts, ctx) if e.kind in _SOMEONE_ACTS else e for e, parts in parsed)


def _someone_acts(event: Event, parts: dict[str, JsonNode], ctx: _Context) -> Event:
    key, info = ctx.item(parts["item"])
    action = _action(parts["action"], info)
    return replace(event, item=key, action=action, payload=_checked_payload(parts, "payload", info, action, ctx))


def _checked_payload(
    parts: dict[str, JsonNode], name: str, info: _ItemInfo, action: str, ctx: _Context
) -> dict[str, Any]:
    """The action's payload with what the service will ask of it: its required texts (publishing an
    answer: true or false), a report's competent unit and a committed date that can be."""
    node = parts.get(name)
    payload = node.mapping() if node is not None else {}
    for needed in info.workflow.action(action).required:
        where = node.at(needed) if node is not None else parts["action"]
        if needed == "publish":  # whether 1022 publishes the answer
            if not isinstance(payload.get(needed), bool):
                where.fail(
                    f"thao tác “{action}” cần “publish” (true: công bố câu trả lời, false: không) trong “{name}”",
                    f"the action “{action}” needs “publish” (true to publish the answer, false not to) in “{name}”",
                )
        elif not isinstance(payload.get(needed), str) or not payload[needed].strip():
            where.fail(
                f"thao tác “{action}” cần “{needed}” (một chuỗi văn bản) trong “{name}”",
                f"the action “{action}” needs “{needed}” (a text) in “{name}”",
            )
    if node is not None and info.kind == "feedback" and action == "send_back":
        _competent_unit(node.at("suggested_unit"), ctx)
    if node is not None and "committed_on" in payload:
        node.at("committed_on").iso_date()
    return payload


def _competent_unit(node: JsonNode, ctx: _Context) -> str:
    """The unit a report is sent back to: a current agency of the directory, not the scenario's own unit."""
    code = node.text()
    entry = next((agency for agency in ctx.directory.agencies if agency.code == code), None)
    if entry is None or entry.valid_to is not None:
        node.fail(
            f"“{code}” không phải mã của một cơ quan, đơn vị hiện hành trong danh mục "
            "(resources/data/agency_directory.json)",
            f"“{code}” is not the code of a current agency or unit of the directory "
            "(resources/data/agency_directory.json)",
        )
    if code == ctx.unit:
        node.fail(
            "phản ánh trả lại 1022 không thể đề xuất chính đơn vị của kịch bản",
            "a report is not sent back naming the scenario's own unit",
        )
    return code


def _unique(node: JsonNode, seen: dict[str, str]) -> str:
    value = node.ident()
    if value in seen:
        node.fail(
            f"mã “{value}” bị trùng (đã dùng ở {seen[value]})", f"duplicate id “{value}” (already at {seen[value]})"
        )
    seen[value] = node.path
    return value


def _exactly_one(node: JsonNode, keys: tuple[str, ...], what_vi: str, what_en: str) -> str:
    """The one key of ``keys`` an object holds (a check's subject, a move's kind), or a clear error."""
    if not isinstance(node.value, dict):
        node.fail("phải là một đối tượng JSON { … }", "must be a JSON object { … }")
    present = [key for key in keys if key in node.value]
    if len(present) != 1:
        listed = ", ".join(keys)
        node.fail(f"{what_vi} cần đúng một trong các khóa: {listed}", f"{what_en} needs exactly one of: {listed}")
    return present[0]


_CHECK_SUBJECTS = ("item", "registered", "account", "outbox_pending", "outbox_rejected", "meeting", "all")


def _check(node: JsonNode, ctx: _Context) -> Check:
    subject = _exactly_one(node, _CHECK_SUBJECTS, "một điều kiện", "a check")
    if subject == "all":
        parts = node.fields(("all",))
        return AllCheck(tuple(_check(n, ctx) for n in parts["all"].array(non_empty=True)))
    if subject.startswith("outbox_"):
        parts = node.fields((subject,))
        return OutboxCheck(subject.removeprefix("outbox_"), parts[subject].integer(minimum=0))
    if subject == "registered":
        return _registered_check(node, ctx)
    if subject == "meeting":
        parts = node.fields(("meeting",), ("confirmed", "changed", "cancelled"))
        return MeetingCheck(
            _invitation_key(parts["meeting"], ctx), optional(parts, "confirmed", JsonNode.boolean),
            optional(parts, "changed", JsonNode.boolean), optional(parts, "cancelled", JsonNode.boolean),
        )  # fmt: skip
    return _item_check(node, ctx) if subject == "item" else _account_check(node, ctx)


def _registered_check(node: JsonNode, ctx: _Context) -> ItemCheck:
    """The trainee registered the walk-in's dossier at the counter: its "register" action, so "synced"
    means what it means for any action (the service took the dossier in, or it still waits)."""
    parts = node.fields(("registered",), ("synced",))
    return ItemCheck(_walk_in_ref(parts["registered"], ctx), action="register",
                     synced=optional(parts, "synced", JsonNode.boolean))  # fmt: skip


def _walk_in_ref(node: JsonNode, ctx: _Context) -> str:
    key = node.text()
    if key not in ctx.walk_ins:
        known = ", ".join(ctx.walk_ins) or "—"
        node.fail(
            f"không có người dân nào trong “walk_ins” mang khóa “{key}” (các khóa: {known})",
            f"no citizen in “walk_ins” has the key “{key}” (keys: {known})",
        )
    return key


def _item_check(node: JsonNode, ctx: _Context) -> ItemCheck:
    parts = node.fields(("item",), ("state", "action", "synced", "rejected", "dismissed", "assignee", "comments"))
    key, info = ctx.item(parts["item"])
    check = ItemCheck(
        item=key,
        state=optional(parts, "state", lambda n: n.choice(info.states)),
        action=optional(parts, "action", lambda n: _action(n, info)),
        synced=optional(parts, "synced", JsonNode.boolean),
        rejected=optional(parts, "rejected", JsonNode.boolean, False),
        dismissed=optional(parts, "dismissed", JsonNode.boolean, False),
        assignee=optional(parts, "assignee", JsonNode.text),
        comments=optional(parts, "comments", lambda n: n.integer(minimum=1)),
    )
    if check.assignee is not None and info.kind == "dossier":
        parts["assignee"].fail(
            "chỉ văn bản và phản ánh mới có người xử lý", "only documents and reports have an assignee"
        )
    if (check.rejected or check.dismissed) and check.synced is not None:
        parts["synced"].fail(
            "không dùng “synced” cùng “rejected” hoặc “dismissed”",
            "do not combine “synced” with “rejected”/“dismissed”",
        )
    return check


def _account_check(node: JsonNode, ctx: _Context) -> AccountCheck:
    parts = node.fields(("account",), ("status", "synced", "stranded"))
    role = parts["account"].choice(("new", "old"))
    if role == "old" and not ctx.has_old:
        parts["account"].fail("kịch bản không có tài khoản cũ (accounts.old)", "the scenario has no old account")
    return AccountCheck(
        role,
        optional(parts, "status", lambda n: n.choice(tuple(AccountStatus))),
        optional(parts, "synced", JsonNode.boolean),
        optional(parts, "stranded", lambda n: n.integer(minimum=0)),
    )


_MOVES = ("perform", "sync", "fire", "dismiss", "retire_due", "register", "confirm_meeting")


def _move(node: JsonNode, ctx: _Context) -> Move:
    kind = _exactly_one(node, _MOVES, "một bước giải", "a move")
    if kind == "perform":
        parts = node.fields(("perform", "action"), ("payload",))
        key, info = ctx.item(parts["perform"])
        action = _action(parts["action"], info)
        return Move("perform", key, action, _checked_payload(parts, "payload", info, action, ctx))
    parts = node.fields((kind,))
    if kind == "fire":
        return Move("fire", _event_ref(parts["fire"], ctx))
    if kind == "dismiss":
        return Move("dismiss", ctx.item(parts["dismiss"])[0])
    if kind == "register":
        return Move("register", _walk_in_ref(parts["register"], ctx))
    if kind == "confirm_meeting":
        return Move("confirm_meeting", _invitation_key(parts["confirm_meeting"], ctx))
    if parts[kind].boolean() is not True:
        parts[kind].fail("chỉ nhận giá trị true", "only true is accepted")
    return Move(kind)


def _invitation_key(node: JsonNode, ctx: _Context) -> str:
    """An invitation's key: its meeting is what a check or a move names."""
    _invitation_ref(node, ctx)
    return node.text()


def _event_ref(node: JsonNode, ctx: _Context) -> str:
    event_id = node.text()
    if event_id not in ctx.events:
        known = ", ".join(ctx.events) or "—"
        node.fail(f"không có sự kiện “{event_id}” (các sự kiện: {known})", f"no event “{event_id}” (events: {known})")
    return event_id


def _step(node: JsonNode, ctx: _Context, seen: dict[str, str]) -> Step:
    """A step without a check is an instruction: nothing could tick it, so nothing may claim to do it."""
    parts = node.fields(("id", "text"), ("check", "solution"))
    if "check" not in parts and "solution" in parts:
        parts["solution"].fail(
            "bước không có “check” là lời hướng dẫn, không có “solution”",
            "a step without a “check” is an instruction and has no “solution”",
        )
    return Step(
        _unique(parts["id"], seen),
        parts["text"].bilingual(),
        optional(parts, "check", lambda n: _check(n, ctx)),
        tuple(_move(n, ctx) for n in optional(parts, "solution", JsonNode.array, [])),
    )


def _scenario(root: JsonNode, directory: AgencyDirectory) -> Scenario:
    parts = root.fields(
        ("format", "id", "title", "unit", "accounts", "steps"), ("description", "seed", "walk_ins", "events")
    )
    if parts["format"].integer() != FORMAT_VERSION:
        parts["format"].fail(
            f"phiên bản định dạng phải là {FORMAT_VERSION}", f"the format version must be {FORMAT_VERSION}"
        )
    accounts = _accounts(parts["accounts"])
    unit = _unit(parts["unit"], directory)
    ctx = _Context(directory, unit, has_old=accounts.old is not None)
    documents, dossiers, reports, filler = optional(parts, "seed", lambda n: _seed(n, ctx), ((), (), (), 0))
    walk_ins = tuple(_walk_in(n, ctx) for n in optional(parts, "walk_ins", JsonNode.array, []))
    ctx.walk_ins.update(walk_in.key for walk_in in walk_ins)
    events = optional(parts, "events", lambda n: _events(n, ctx), ())
    leader_needed = any(e.kind == "leader_acts" for e in events) or any(r.state in _APPROVED for r in reports)
    accounts = _with_leader(parts["accounts"], accounts, leader_needed)
    step_ids: dict[str, str] = {}
    return Scenario(
        id=parts["id"].ident(), title=parts["title"].bilingual(),
        description=optional(parts, "description", JsonNode.bilingual), unit=unit,
        accounts=accounts, documents=documents, dossiers=dossiers, filler_items=filler,
        steps=tuple(_step(n, ctx, step_ids) for n in parts["steps"].array(non_empty=True)),
        events=events, file=root.file, walk_ins=walk_ins, feedback=reports,
    )  # fmt: skip


def load_scenario(path: Path, directory: AgencyDirectory | None = None) -> Scenario:
    """Read and check one scenario file; ScenarioError says where and what is wrong."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        # the system's own words (English) only in the English message: the Vietnamese one stays Vietnamese
        raise ScenarioError(path.name, "$", "không đọc được tệp", f"cannot read the file: {error}") from None
    except UnicodeDecodeError:
        raise ScenarioError(path.name, "$", "tệp phải được lưu dạng UTF-8", "the file must be saved as UTF-8") from None
    except json.JSONDecodeError as error:
        where = f"dòng {error.lineno}, cột {error.colno}"
        raise ScenarioError(
            path.name, "$", f"không phải JSON hợp lệ ({where})",
            f"not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}",
        ) from None  # fmt: skip
    return _scenario(JsonNode(data, "", path.name), directory or shipped_directory())


def scan_scenarios(folder: Path | None = None) -> list[Scenario | ScenarioError]:
    """Every ``*.json`` of the scenarios folder, in file-name order, each loaded on its own: a file that
    fails is its ScenarioError in the list, so one broken file hides none of the others (the trainer's
    chooser lists both). A scenario id already used by an earlier file is that later file's error."""
    directory = shipped_directory()
    found: list[Scenario | ScenarioError] = []
    owners: dict[str, str] = {}  # scenario id → the file that has it
    for path in sorted((folder or scenarios_dir()).glob("*.json")):
        try:
            scenario = load_scenario(path, directory)
            if scenario.id in owners:
                raise ScenarioError(path.name, "id", f"mã “{scenario.id}” đã dùng trong {owners[scenario.id]}",
                                    f"the id “{scenario.id}” is already used by {owners[scenario.id]}")  # fmt: skip
        except ScenarioError as error:
            found.append(error)
            continue
        owners[scenario.id] = scenario.file
        found.append(scenario)
    return found


def load_shipped_scenarios(folder: Path | None = None) -> list[Scenario]:
    """Every ``*.json`` of the scenarios folder, in file-name order; the first file that fails raises
    its ScenarioError (the shipped set must load whole; ``scan_scenarios`` goes on past it)."""
    found = scan_scenarios(folder)
    broken = next((entry for entry in found if isinstance(entry, ScenarioError)), None)
    if broken is not None:
        raise broken
    return [entry for entry in found if isinstance(entry, Scenario)]
