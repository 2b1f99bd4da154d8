"""Workflow state machines for incoming documents, outgoing documents and dossiers.

Both the client and the central service check every action here, so an action the client
allows offline is the action the server will accept if nobody else acted first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum, IntEnum, StrEnum
from typing import Any

from app.domain.errors import DomainError, tr_noop


class IncomingState(StrEnum):
    """Incoming documents (Decree 30/2020, Art. 20–24); the edXML status codes in comments."""

    RECEIVED = "received"  # 01 arrived
    REFUSED = "refused"  # 02 refused
    REGISTERED = "registered"  # 03 accepted and entered in the register
    SUBMITTED = "submitted"  # submitted to the leader for assignment
    ASSIGNED = "assigned"  # 04 assigned
    IN_PROGRESS = "in_progress"  # 05 in progress
    DONE = "done"  # 06 done
    # Set by packets from the issuer, never by an official's action here:
    RECALL_REQUESTED = "recall_requested"  # 13 the issuer asks for it back; agreeing answers 15, refusing 16
    WITHDRAWN = "withdrawn"  # revoked by the issuer (BussinessDocType 1), or recalled with our agreement
    REPLACED = "replaced"  # superseded by a later document (BussinessDocType 3); the link is kept both ways


class OutgoingState(StrEnum):
    DRAFT = "draft"
    AWAITING_SIGNATURE = "awaiting_signature"
    SIGNED = "signed"
    ISSUED = "issued"  # numbered and registered
    SENT = "sent"
    RECALLED = "recalled"


class DossierState(IntEnum):
    """The national public-service portal's ten dossier statuses."""

    SUBMITTED = 1
    ACCEPTED = 2
    NOT_ACCEPTED = 3
    IN_PROGRESS = 4
    SUPPLEMENT_REQUESTED = 5
    FINANCIAL_OBLIGATION = 6
    WITHDRAWAL_REQUESTED = 7
    STOPPED = 8
    PROCESSED = 9
    RETURNED = 10


class FeedbackState(StrEnum):
    """A citizens' report the 1022 system routed to the unit (a third queue beside documents and dossiers)."""

    ROUTED = "routed"  # mới chuyển đến: the unit has not yet taken it
    ACCEPTED = "accepted"  # the unit's competence: taken
    SENT_BACK = "sent_back"  # returned to 1022 as not the unit's competence, with the competent unit
    ASSIGNED = "assigned"  # an official of the unit handles it
    ANSWER_DRAFTED = "answer_drafted"  # the answer waits for the leader's approval
    ANSWER_APPROVED = "answer_approved"
    ANSWERED = "answered"  # the answer went back to 1022


STATE_LABELS: Mapping[Enum, str] = {
    IncomingState.RECEIVED: tr_noop("Received"),
    IncomingState.REFUSED: tr_noop("Refused"),
    IncomingState.REGISTERED: tr_noop("Registered"),
    IncomingState.SUBMITTED: tr_noop("Submitted to leader"),
    IncomingState.ASSIGNED: tr_noop("Assigned"),
    IncomingState.IN_PROGRESS: tr_noop("In progress"),
    IncomingState.DONE: tr_noop("Done"),
    IncomingState.RECALL_REQUESTED: tr_noop("Recall requested"),
    IncomingState.WITHDRAWN: tr_noop("Withdrawn"),
    IncomingState.REPLACED: tr_noop("Replaced"),
    OutgoingState.DRAFT: tr_noop("Draft"),
    OutgoingState.AWAITING_SIGNATURE: tr_noop("Awaiting signature"),
    OutgoingState.SIGNED: tr_noop("Signed"),
    OutgoingState.ISSUED: tr_noop("Issued"),
    OutgoingState.SENT: tr_noop("Sent"),
    OutgoingState.RECALLED: tr_noop("Recalled"),
    DossierState.SUBMITTED: tr_noop("Newly submitted"),
    DossierState.ACCEPTED: tr_noop("Accepted"),
    DossierState.NOT_ACCEPTED: tr_noop("Not accepted"),
    DossierState.IN_PROGRESS: tr_noop("In progress"),
    DossierState.SUPPLEMENT_REQUESTED: tr_noop("Supplement requested"),
    DossierState.FINANCIAL_OBLIGATION: tr_noop("Financial obligation requested"),
    DossierState.WITHDRAWAL_REQUESTED: tr_noop("Withdrawal requested"),
    DossierState.STOPPED: tr_noop("Processing stopped"),
    DossierState.PROCESSED: tr_noop("Result ready"),
    DossierState.RETURNED: tr_noop("Result returned"),
    FeedbackState.ROUTED: tr_noop("Newly routed"),
    FeedbackState.ACCEPTED: tr_noop("Accepted"),
    FeedbackState.SENT_BACK: tr_noop("Sent back to 1022"),
    FeedbackState.ASSIGNED: tr_noop("Assigned"),
    FeedbackState.ANSWER_DRAFTED: tr_noop("Answer awaiting approval"),
    FeedbackState.ANSWER_APPROVED: tr_noop("Answer approved"),
    FeedbackState.ANSWERED: tr_noop("Answered"),
}


@dataclass(frozen=True)
class Action:
    """An action allowed from ``sources``; ``target`` None keeps the state (comment, forward)."""

    name: str
    label: str
    sources: frozenset[Enum]
    target: Enum | None
    required: tuple[str, ...] = ()


class Workflow:
    def __init__(self, kind: str, states: type[Enum], actions: tuple[Action, ...]) -> None:
        self.kind = kind
        self.states = states
        self._actions = {action.name: action for action in actions}

    def allowed_actions(self, state: Enum) -> list[Action]:
        return [action for action in self._actions.values() if state in action.sources]

    def action(self, name: str) -> Action:
        try:
            return self._actions[name]
        except KeyError:
            raise DomainError(
                "workflow.unknown_action", tr_noop("“{action}” is not a known action."), action=name
            ) from None

    def has_action(self, name: str) -> bool:
        return name in self._actions

    def allows(self, state: Enum, action_name: str) -> bool:
        """Whether ``action_name`` may be done from ``state`` (an unknown action: no)."""
        action = self._actions.get(action_name)
        return action is not None and state in action.sources

    def apply(self, state: Enum, action_name: str, payload: Mapping[str, Any] | None = None) -> Enum:
        """The state after ``action_name``; DomainError if not allowed or its payload is incomplete."""
        action = self.action(action_name)
        if state not in action.sources:
            raise DomainError(
                "workflow.illegal_action",
                tr_noop("“{action}” is not possible while the item is “{state}”."),
                action=action.label,
                state=STATE_LABELS[state],
            )
        for field in action.required:
            value = (payload or {}).get(field)
            if value is None or (isinstance(value, str) and not value.strip()):
                raise DomainError(
                    "workflow.missing_field",
                    tr_noop("“{action}” needs a {field}."),
                    action=action.label,
                    field=FIELD_LABELS.get(field, field),
                )
        return state if action.target is None else action.target


FIELD_LABELS: Mapping[str, str] = {
    "reason": tr_noop("reason"),
    "assignee": tr_noop("person or unit to handle it"),
    "arrival_number": tr_noop("arrival number"),
    "number": tr_noop("document number"),
    "result": tr_noop("result"),
    "new_due": tr_noop("new appointment"),
    "text": tr_noop("comment text"),
    "suggested_unit": tr_noop("competent unit"),
    "answer": tr_noop("answer text"),
    "publish": tr_noop("choice whether to publish the answer"),
}


def _everywhere(states: type[Enum]) -> frozenset[Enum]:
    return frozenset(states)


_IN = IncomingState
INCOMING = Workflow(
    "incoming",
    IncomingState,
    (
        # The arrival number is given by the register's owner, the server, when the action reaches it.
        Action("register", tr_noop("Register"), frozenset({_IN.RECEIVED}), _IN.REGISTERED),
        Action("refuse", tr_noop("Refuse"), frozenset({_IN.RECEIVED}), _IN.REFUSED, ("reason",)),
        Action("submit", tr_noop("Submit to leader"), frozenset({_IN.REGISTERED}), _IN.SUBMITTED),
        Action(
            "assign",
            tr_noop("Assign"),
            frozenset({_IN.REGISTERED, _IN.SUBMITTED}),
            _IN.ASSIGNED,
            ("assignee",),
        ),
        Action(
            "forward",
            tr_noop("Forward"),
            frozenset({_IN.ASSIGNED, _IN.IN_PROGRESS}),
            _IN.ASSIGNED,
            ("assignee",),
        ),
        Action("start", tr_noop("Start handling"), frozenset({_IN.ASSIGNED}), _IN.IN_PROGRESS),
        Action("mark_done", tr_noop("Mark done"), frozenset({_IN.ASSIGNED, _IN.IN_PROGRESS}), _IN.DONE),
        # A refusal puts the document back where it was (recall_from_state): see effects on both sides.
        Action("agree_recall", tr_noop("Agree to the recall"), frozenset({_IN.RECALL_REQUESTED}), _IN.WITHDRAWN),
        Action("refuse_recall", tr_noop("Refuse the recall"), frozenset({_IN.RECALL_REQUESTED}), None, ("reason",)),
        Action("comment", tr_noop("Comment"), _everywhere(IncomingState), None, ("text",)),
    ),
)
# Actions that close an item or send it out of the unit: the window asks before doing them, since
# once synced nobody here can take them back (a recall or a new dossier is another procedure).
CONFIRMED_ACTIONS = frozenset(
    {"mark_done", "return_result", "issue", "send", "agree_recall", "stop_processing", "send_back", "send_answer"}
)

# Documents nobody here has to act on any more.
CLOSED_DOCUMENT_STATES = frozenset(
    {_IN.DONE, _IN.REFUSED, _IN.WITHDRAWN, _IN.REPLACED, OutgoingState.SENT, OutgoingState.RECALLED}
)

_OUT = OutgoingState
OUTGOING = Workflow(
    "outgoing",
    OutgoingState,
    (
        # The draft's fields travel in the payload (app.domain.outgoing_draft), checked on both sides.
        Action("edit_draft", tr_noop("Edit the draft"), frozenset({_OUT.DRAFT}), None),
        Action(
            "submit_for_signature", tr_noop("Submit for signature"), frozenset({_OUT.DRAFT}), _OUT.AWAITING_SIGNATURE
        ),
        Action(
            "return_to_drafter",
            tr_noop("Return to drafter"),
            frozenset({_OUT.AWAITING_SIGNATURE}),
            _OUT.DRAFT,
            ("reason",),
        ),
        Action("sign", tr_noop("Sign"), frozenset({_OUT.AWAITING_SIGNATURE}), _OUT.SIGNED),
        # The number comes from the unit's outgoing register, kept by the service: offline it waits.
        Action("issue", tr_noop("Number and issue"), frozenset({_OUT.SIGNED}), _OUT.ISSUED),
        Action("send", tr_noop("Send"), frozenset({_OUT.ISSUED}), _OUT.SENT),
        Action("recall", tr_noop("Recall"), frozenset({_OUT.SENT}), _OUT.RECALLED, ("reason",)),
        Action("comment", tr_noop("Comment"), _everywhere(OutgoingState), None, ("text",)),
    ),
)

_D = DossierState
_OPEN_FOR_WITHDRAWAL = frozenset(
    {_D.SUBMITTED, _D.ACCEPTED, _D.IN_PROGRESS, _D.SUPPLEMENT_REQUESTED, _D.FINANCIAL_OBLIGATION}
)
DOSSIER = Workflow(
    "dossier",
    DossierState,
    (
        Action("accept", tr_noop("Accept"), frozenset({_D.SUBMITTED}), _D.ACCEPTED),
        Action("refuse", tr_noop("Refuse"), frozenset({_D.SUBMITTED}), _D.NOT_ACCEPTED, ("reason",)),
        Action("start_processing", tr_noop("Start processing"), frozenset({_D.ACCEPTED}), _D.IN_PROGRESS),
        Action(
            "request_supplement",
            tr_noop("Request a supplement"),
            frozenset({_D.ACCEPTED, _D.IN_PROGRESS}),
            _D.SUPPLEMENT_REQUESTED,
            ("reason",),
        ),
        Action(
            "supplement_received",
            tr_noop("Supplement received"),
            frozenset({_D.SUPPLEMENT_REQUESTED}),
            _D.IN_PROGRESS,
        ),
        Action(
            "request_financial_obligation",
            tr_noop("Request fees"),
            frozenset({_D.IN_PROGRESS}),
            _D.FINANCIAL_OBLIGATION,
            ("reason",),
        ),
        Action(
            "financial_obligation_met",
            tr_noop("Fees paid"),
            frozenset({_D.FINANCIAL_OBLIGATION}),
            _D.IN_PROGRESS,
        ),
        Action(
            "request_withdrawal",
            tr_noop("Applicant withdraws"),
            _OPEN_FOR_WITHDRAWAL,
            _D.WITHDRAWAL_REQUESTED,
            ("reason",),
        ),
        Action(
            "cancel_withdrawal",
            tr_noop("Withdrawal cancelled"),
            frozenset({_D.WITHDRAWAL_REQUESTED}),
            _D.IN_PROGRESS,
        ),
        Action(
            "stop_processing",
            tr_noop("Stop processing"),
            frozenset({_D.IN_PROGRESS, _D.SUPPLEMENT_REQUESTED, _D.FINANCIAL_OBLIGATION, _D.WITHDRAWAL_REQUESTED}),
            _D.STOPPED,
            ("reason",),
        ),
        Action(
            "apologise",
            tr_noop("Apologise, new appointment"),
            frozenset({_D.ACCEPTED, _D.IN_PROGRESS}),
            None,  # the dossier goes on; its statutory due time stays, the new appointment beside it
            ("new_due", "reason"),
        ),
        Action("record_result", tr_noop("Record the result"), frozenset({_D.IN_PROGRESS}), _D.PROCESSED, ("result",)),
        Action("return_result", tr_noop("Return the result"), frozenset({_D.PROCESSED}), _D.RETURNED),
        Action("comment", tr_noop("Comment"), _everywhere(DossierState), None, ("text",)),
    ),
)

# Dossier states in which the statutory clock is paused (reports count them apart).
PAUSED_DOSSIER_STATES = frozenset({_D.SUPPLEMENT_REQUESTED, _D.FINANCIAL_OBLIGATION, _D.STOPPED})
FINISHED_DOSSIER_STATES = frozenset({_D.NOT_ACCEPTED, _D.STOPPED, _D.PROCESSED, _D.RETURNED})

_F = FeedbackState
_HANDLING = frozenset({_F.ACCEPTED, _F.ASSIGNED})
FEEDBACK = Workflow(
    "feedback",
    FeedbackState,
    (
        Action("accept", tr_noop("Accept"), frozenset({_F.ROUTED}), _F.ACCEPTED),
        # Not the unit's competence: back to 1022 with the reason and the unit that is (agency directory).
        Action(
            "send_back",
            tr_noop("Send back to 1022"),
            frozenset({_F.ROUTED, *_HANDLING}),
            _F.SENT_BACK,
            ("reason", "suggested_unit"),
        ),
        Action("assign", tr_noop("Assign"), _HANDLING, _F.ASSIGNED, ("assignee",)),
        # A progress note keeps the state; past the due time it must carry a committed date
        # (app.domain.feedback_deadline.committed_date, checked on both sides).
        Action(
            "record_progress",
            tr_noop("Record progress"),
            frozenset({*_HANDLING, _F.ANSWER_DRAFTED, _F.ANSWER_APPROVED}),
            None,
            ("text",),
        ),
        Action("draft_answer", tr_noop("Draft the answer"), _HANDLING, _F.ANSWER_DRAFTED, ("answer",)),
        Action("approve_answer", tr_noop("Approve the answer"), frozenset({_F.ANSWER_DRAFTED}), _F.ANSWER_APPROVED),
        Action(
            "return_answer",
            tr_noop("Return the answer for revision"),
            frozenset({_F.ANSWER_DRAFTED, _F.ANSWER_APPROVED}),
            _F.ASSIGNED,
            ("reason",),
        ),
        Action(
            "send_answer",
            tr_noop("Send the answer to 1022"),
            frozenset({_F.ANSWER_APPROVED}),
            _F.ANSWERED,
            ("publish",),
        ),
        Action("comment", tr_noop("Comment"), _everywhere(FeedbackState), None, ("text",)),
    ),
)
# Reports nobody here has to act on any more (they count in the report, not in the queue's views).
CLOSED_FEEDBACK_STATES = frozenset({_F.SENT_BACK, _F.ANSWERED})
