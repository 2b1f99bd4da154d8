import pytest

from app.domain.errors import DomainError
from app.domain.workflow import (
    DOSSIER,
    INCOMING,
    OUTGOING,
    STATE_LABELS,
    DossierState,
    IncomingState,
    OutgoingState,
    Workflow,
)

D = DossierState


def run(workflow: Workflow, state, *steps):
    for action, payload in steps:
        state = workflow.apply(state, action, payload)
    return state


def test_incoming_document_path_of_decree_30() -> None:
    final = run(
        INCOMING,
        IncomingState.RECEIVED,
        ("register", {"arrival_number": 125}),
        ("submit", {}),
        ("assign", {"assignee": "Trần Thị Mai"}),
        ("start", {}),
        ("forward", {"assignee": "Lê Văn Hùng"}),
        ("mark_done", {}),
    )
    assert final is IncomingState.DONE


def test_forward_goes_back_to_assigned() -> None:
    assert INCOMING.apply(IncomingState.IN_PROGRESS, "forward", {"assignee": "Văn phòng"}) is IncomingState.ASSIGNED


def test_dossier_supplement_then_result_then_return() -> None:
    final = run(
        DOSSIER,
        D.SUBMITTED,
        ("accept", {}),
        ("start_processing", {}),
        ("request_supplement", {"reason": "Thiếu bản sao giấy chứng sinh"}),
        ("supplement_received", {}),
        ("request_financial_obligation", {"reason": "Lệ phí trước bạ"}),
        ("financial_obligation_met", {}),
        ("record_result", {"result": "Đã cấp Giấy khai sinh"}),
        ("return_result", {}),
    )
    assert final is D.RETURNED


def test_withdrawal_and_stop() -> None:
    assert run(DOSSIER, D.IN_PROGRESS, ("request_withdrawal", {"reason": "Công dân xin rút"})) is D.WITHDRAWAL_REQUESTED
    assert DOSSIER.apply(D.WITHDRAWAL_REQUESTED, "stop_processing", {"reason": "Đã rút"}) is D.STOPPED
    assert DOSSIER.apply(D.WITHDRAWAL_REQUESTED, "cancel_withdrawal", {}) is D.IN_PROGRESS


def test_outgoing_document_path_and_return_to_drafter() -> None:
    state = run(
        OUTGOING,
        OutgoingState.DRAFT,
        ("submit_for_signature", {}),
        ("return_to_drafter", {"reason": "Sửa trích yếu"}),
        ("submit_for_signature", {}),
        ("sign", {}),
        ("issue", {"number": "45"}),
        ("send", {}),
    )
    assert state is OutgoingState.SENT


@pytest.mark.parametrize(
    ("workflow", "state", "action", "payload"),
    [
        (DOSSIER, D.RETURNED, "return_result", {}),  # returned twice
        (DOSSIER, D.SUBMITTED, "record_result", {"result": "x"}),  # result before processing
        (DOSSIER, D.NOT_ACCEPTED, "accept", {}),
        (DOSSIER, D.STOPPED, "start_processing", {}),
        (DOSSIER, D.PROCESSED, "request_supplement", {"reason": "x"}),
        (INCOMING, IncomingState.DONE, "register", {"arrival_number": 1}),
        (INCOMING, IncomingState.RECEIVED, "mark_done", {}),
        (INCOMING, IncomingState.REFUSED, "assign", {"assignee": "x"}),
        (OUTGOING, OutgoingState.DRAFT, "send", {}),
        (OUTGOING, OutgoingState.SENT, "sign", {}),
    ],
)
def test_illegal_transitions_are_refused_with_a_translatable_reason(workflow, state, action, payload) -> None:
    with pytest.raises(DomainError) as raised:
        workflow.apply(state, action, payload)
    error = raised.value
    assert error.code == "workflow.illegal_action"
    assert error.params["state"] == STATE_LABELS[state]
    assert error.params["action"] == workflow.action(action).label
    assert error.params["state"] in error.english()


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_a_supplement_request_needs_a_reason(reason) -> None:
    with pytest.raises(DomainError) as raised:
        DOSSIER.apply(D.IN_PROGRESS, "request_supplement", {"reason": reason})
    assert raised.value.code == "workflow.missing_field"
    assert raised.value.params["field"] == "reason"


def test_unknown_action_is_refused() -> None:
    with pytest.raises(DomainError) as raised:
        DOSSIER.apply(D.IN_PROGRESS, "approve_everything", {})
    assert raised.value.code == "workflow.unknown_action"


def test_allowed_actions_match_what_apply_accepts() -> None:
    for workflow in (INCOMING, OUTGOING, DOSSIER):
        for state in workflow.states:
            allowed = {action.name for action in workflow.allowed_actions(state)}
            for action in workflow.allowed_actions(state):
                payload = dict.fromkeys(action.required, "x")
                workflow.apply(state, action.name, payload)  # must not raise
            assert "comment" in allowed


def test_comment_keeps_the_state() -> None:
    assert DOSSIER.apply(D.PROCESSED, "comment", {"text": "Gọi điện báo công dân"}) is D.PROCESSED


def test_dossier_states_are_the_portal_s_ten_statuses() -> None:
    assert [int(state) for state in DossierState] == list(range(1, 11))


def test_every_state_has_a_label() -> None:
    for states in (IncomingState, OutgoingState, DossierState):
        for state in states:
            assert STATE_LABELS[state]


def test_returned_dossier_allows_only_comments() -> None:
    assert [action.name for action in DOSSIER.allowed_actions(D.RETURNED)] == ["comment"]
