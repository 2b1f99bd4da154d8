"""1022 reports: answer due times across holidays, due soon and overdue, the workflow.

2026 days used (holidays package, VN): Tết 16–20/02 (Mon–Fri); Hùng Kings observed 27/04 (Mon);
30/04 (Thu); 01/05 (Fri). Office hours 07:30–11:30 and 13:00–17:00.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.domain.errors import DomainError
from app.domain.feedback_approval import offered_to_role, refused_for_role
from app.domain.feedback_deadline import (
    FeedbackRule,
    FeedbackStanding,
    answer_due_at,
    committed_date,
    due_soon_limit,
    feedback_standing,
)
from app.domain.workflow import FEEDBACK, FIELD_LABELS, STATE_LABELS, FeedbackState
from app.domain.working_calendar import VN_TZ, WorkingCalendar

WORKING = FeedbackRule(5, "working")
CALENDAR = FeedbackRule(5, "calendar")


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar()


def vn(mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(2026, mo, d, h, mi, tzinfo=VN_TZ)


# -- the answer's due time ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("routed", "due"),
    [
        (vn(3, 9, 10), vn(3, 16, 10)),  # Monday 10:00 → the next Monday 10:00
        (vn(2, 13, 10), vn(2, 27, 10)),  # Friday before Tết: the five days of Tết and a weekend skipped
        (vn(2, 14, 10), vn(2, 27, 17)),  # a Saturday: counted from Monday 23/02 07:30, ends at a period's end
        (vn(2, 17, 9), vn(2, 27, 17)),  # during Tết
        (vn(4, 29, 10), vn(5, 8, 10)),  # before 30/04 and 01/05
        (vn(3, 9, 18, 30), vn(3, 16, 17)),  # evening: counted from Tuesday 07:30
        (vn(3, 9, 12), vn(3, 16, 11, 30)),  # lunch break: counted from 13:00, ends at the morning's end
    ],
)
def test_working_days_skip_weekends_and_holidays(cal, routed, due):
    assert answer_due_at(routed, WORKING, cal) == due


@pytest.mark.parametrize(
    ("routed", "due"),
    [
        (vn(3, 5, 10), vn(3, 10, 17)),  # Thursday + 5 days = Tuesday, at the close of office
        (vn(3, 10, 9), vn(3, 16, 17)),  # ends on Sunday 15/03 → Monday
        (vn(2, 11, 9), vn(2, 23, 17)),  # ends on Monday 16/02, Tết → the first working day after it
        (vn(4, 29, 9), vn(5, 4, 17)),  # the holidays 30/04 and 01/05 count as calendar days
        (vn(4, 27, 9), vn(5, 4, 17)),  # routed on a holiday, ends on Saturday 02/05 → Monday
        (vn(3, 5, 23, 50), vn(3, 10, 17)),  # late at night: the day of routing is not counted
    ],
)
def test_calendar_days_end_on_a_working_day(cal, routed, due):
    assert answer_due_at(routed, CALENDAR, cal) == due


def test_extra_days_off_of_the_office_count_as_holidays():
    office = WorkingCalendar(extra_days_off={date(2026, 3, 16): "storm"})
    assert answer_due_at(vn(3, 10, 9), CALENDAR, office) == vn(3, 17, 17)
    assert answer_due_at(vn(3, 9, 10), WORKING, office) == vn(3, 17, 10)


def test_the_rule_is_configurable(cal):
    assert answer_due_at(vn(3, 9, 10), FeedbackRule(2, "working"), cal) == vn(3, 11, 10)
    assert answer_due_at(vn(3, 9, 10), FeedbackRule(10, "calendar"), cal) == vn(3, 19, 17)


def test_a_naive_time_is_refused(cal):
    with pytest.raises(DomainError) as caught:
        answer_due_at(datetime(2026, 3, 9, 10), WORKING, cal)
    assert caught.value.code == "datetime.naive"


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"answer_days": 0}, "feedback_rule.bad_days"),
        ({"answer_days": 91}, "feedback_rule.bad_days"),
        ({"answer_days": True}, "feedback_rule.bad_days"),
        ({"answer_days": "5"}, "feedback_rule.bad_days"),
        ({"day_kind": "business"}, "feedback_rule.bad_day_kind"),
        ({"due_soon_days": -1}, "feedback_rule.bad_due_soon"),
    ],
)
def test_a_rule_out_of_range_is_refused(fields, code):
    with pytest.raises(DomainError) as caught:
        FeedbackRule(**fields)
    assert caught.value.code == code


# -- due soon, overdue, answered ---------------------------------------------------------------------


def test_due_soon_reaches_over_holidays(cal):
    # On Friday before Tết, the next working day is Monday 23/02: a report due then is due soon.
    assert due_soon_limit(vn(2, 13, 9), WORKING, cal) == vn(2, 23, 17)
    assert due_soon_limit(vn(2, 14, 9), WORKING, cal) == vn(2, 24, 17)  # on Saturday: Monday + 1
    assert due_soon_limit(vn(3, 10, 9), FeedbackRule(due_soon_days=0), cal) == vn(3, 10, 17)


@pytest.mark.parametrize(
    ("now", "due", "standing"),
    [
        (vn(2, 13, 9), vn(2, 23, 10), FeedbackStanding.DUE_SOON),
        (vn(2, 13, 9), vn(2, 24, 10), FeedbackStanding.IN_TIME),
        (vn(2, 26, 10), vn(2, 27, 10), FeedbackStanding.DUE_SOON),
        (vn(2, 27, 10), vn(2, 27, 10), FeedbackStanding.DUE_SOON),  # the due instant itself is not late
        (vn(2, 27, 10, 1), vn(2, 27, 10), FeedbackStanding.OVERDUE),
        (vn(3, 2, 8), vn(2, 27, 17), FeedbackStanding.OVERDUE),
    ],
)
def test_standing_of_an_unanswered_report(cal, now, due, standing):
    assert feedback_standing(now, due, WORKING, cal) is standing


def test_standing_of_an_answered_report(cal):
    due, now = vn(2, 27, 10), vn(3, 9)
    assert feedback_standing(now, due, WORKING, cal, answered_at=vn(2, 27, 10)) is FeedbackStanding.ANSWERED_ON_TIME
    assert feedback_standing(now, due, WORKING, cal, answered_at=vn(2, 27, 11)) is FeedbackStanding.ANSWERED_LATE


# -- progress notes and the committed date -----------------------------------------------------------


def test_a_late_report_needs_a_committed_date():
    due, now = vn(3, 6, 10), vn(3, 9, 9)
    with pytest.raises(DomainError) as caught:
        committed_date({"text": "đang xử lý"}, due, now)
    assert caught.value.code == "feedback.commitment_needed"
    assert committed_date({"text": "x", "committed_on": "2026-03-12"}, due, now) == date(2026, 3, 12)


def test_a_report_in_time_may_note_progress_without_a_date():
    assert committed_date({"text": "đã kiểm tra hiện trường"}, vn(3, 16, 10), vn(3, 9, 9)) is None


@pytest.mark.parametrize("text", ["2026-03-08", "12/03/2026", "2027-06-01"])
def test_a_committed_date_in_the_past_or_far_away_is_refused(text):
    with pytest.raises(DomainError) as caught:
        committed_date({"committed_on": text}, vn(3, 6, 10), vn(3, 9, 9))
    assert caught.value.code == "feedback.bad_commitment"


# -- the workflow ------------------------------------------------------------------------------------

F = FeedbackState


def test_the_whole_way_of_a_report():
    state = F.ROUTED
    for action, payload in [
        ("accept", {}),
        ("assign", {"assignee": "Lê Văn An"}),
        ("record_progress", {"text": "đã kiểm tra hiện trường"}),
        ("draft_answer", {"answer": "Đã sửa đèn."}),
        ("return_answer", {"reason": "thiếu ảnh"}),
        ("draft_answer", {"answer": "Đã sửa đèn, ảnh kèm theo."}),
        ("approve_answer", {}),
        ("send_answer", {"publish": False}),
    ]:
        state = FEEDBACK.apply(state, action, payload)
    assert state is F.ANSWERED
    assert FEEDBACK.allowed_actions(F.ANSWERED) == [FEEDBACK.action("comment")]


def test_sending_back_needs_a_reason_and_the_competent_unit():
    with pytest.raises(DomainError) as caught:
        FEEDBACK.apply(F.ROUTED, "send_back", {"reason": "thuộc thẩm quyền Sở Xây dựng"})
    assert caught.value.code == "workflow.missing_field"
    assert caught.value.params["field"] == FIELD_LABELS["suggested_unit"]
    payload = {"reason": "đường do Sở quản lý", "suggested_unit": "000.00.05.H29"}
    assert FEEDBACK.apply(F.ROUTED, "send_back", payload) is F.SENT_BACK
    assert FEEDBACK.apply(F.ASSIGNED, "send_back", payload) is F.SENT_BACK


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (F.ROUTED, "assign"),  # taken first
        (F.ROUTED, "draft_answer"),
        (F.ASSIGNED, "send_answer"),  # approved first
        (F.ANSWER_DRAFTED, "send_answer"),
        (F.ANSWERED, "send_back"),
        (F.SENT_BACK, "accept"),
    ],
)
def test_steps_out_of_order_are_refused(state, action):
    payload = {"assignee": "x", "answer": "x", "publish": True, "reason": "x", "suggested_unit": "x"}
    with pytest.raises(DomainError) as caught:
        FEEDBACK.apply(state, action, payload)
    assert caught.value.code == "workflow.illegal_action"


def test_publishing_is_a_choice_either_way():
    assert FEEDBACK.apply(F.ANSWER_APPROVED, "send_answer", {"publish": False}) is F.ANSWERED
    with pytest.raises(DomainError):
        FEEDBACK.apply(F.ANSWER_APPROVED, "send_answer", {})


def test_every_report_state_has_a_label():
    for state in FeedbackState:
        assert STATE_LABELS[state]


# -- approving the answer is a leader's act (app.domain.feedback_approval) ---------------------------------


def _names(actions: list) -> list[str]:
    return [action.name for action in actions]


@pytest.mark.parametrize(
    ("state", "role", "left_out"),
    [
        (F.ANSWER_DRAFTED, "official", {"approve_answer", "return_answer"}),
        (F.ANSWER_APPROVED, "official", {"return_answer"}),
        (F.ANSWER_DRAFTED, "leader", set()),
        (F.ANSWER_APPROVED, "leader", set()),
        (F.ANSWER_DRAFTED, None, set()),  # not known yet: offered, the service decides
        (F.ANSWER_DRAFTED, "operator", {"approve_answer", "return_answer"}),
    ],
)  # fmt: skip
def test_an_answer_s_approval_is_offered_to_a_leader_or_an_unknown_role(state, role, left_out) -> None:
    allowed = FEEDBACK.allowed_actions(state)
    offered = offered_to_role("feedback", allowed, role)
    assert set(_names(allowed)) - set(_names(offered)) == left_out
    assert _names(offered) == [name for name in _names(allowed) if name not in left_out]  # in order


def test_sending_the_approved_answer_is_not_a_leader_s_act() -> None:
    assert "send_answer" in _names(offered_to_role("feedback", FEEDBACK.allowed_actions(F.ANSWER_APPROVED), "official"))
    assert not refused_for_role("feedback", "send_answer", "official")
    assert refused_for_role("feedback", "approve_answer", "official")
    assert not refused_for_role("dossier", "approve_answer", "official")  # only a report's answer
