"""1022 reports on the real service over HTTP, on SQLite and on PostgreSQL: the operator routes, the ward
acts through the mutations, the change feed carries the kind "feedback", contacts reach only whom they may."""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from app.domain.feedback_deadline import FeedbackRule
from app.domain.rejections import SERVICE_REASONS
from app.domain.workflow import FeedbackState
from central.models import Attachment, Feedback
from central.seed import add_account, seed_demo_feedback
from tests.central.conftest import PASSWORD_A, REPORTS_PER_WARD, WARD_A, ApiClient, Central, mutation
from tests.conftest import DEMO_NOW

OPERATOR_PASSWORD = "tong-dai-1022-2026"
LEADER_PASSWORD = "Lanh-dao-2026!"
SUGGESTED = "000.00.30.H29"  # Phường Sài Gòn: a current unit of the shipped directory


@pytest.fixture
def hotline(central: Central) -> ApiClient:
    """The 1022 centre's operator, and a leader of WARD_A."""
    with central.service.sessions.begin() as session:
        add_account(session, "tongdai1022", OPERATOR_PASSWORD, "000.00.00.H29", "Tổng đài 1022", DEMO_NOW, "operator")
        add_account(session, "hung.tdm", LEADER_PASSWORD, WARD_A, "Nguyễn Văn Hùng", DEMO_NOW, "leader")
    return central.client("tongdai1022", OPERATOR_PASSWORD)


def report(code: str = "1022-260309-90001", **fields: Any) -> dict[str, Any]:
    body = {
        "code": code, "unit_code": WARD_A, "channel": "app", "category": "Sự cố hạ tầng",
        "address": "12 đường Yersin, Phường Thủ Dầu Một", "latitude": 10.98, "longitude": 106.65,
        "content": "Đèn đường hỏng ba ngày nay.", "reporter_name": "Phạm Thị Hoa", "reporter_phone": "0912345678",
        "received_at": (DEMO_NOW - timedelta(minutes=7)).isoformat(),
    }  # fmt: skip
    return body | fields


def feedback_changes(client: ApiClient) -> dict[str, dict[str, Any]]:
    changes, _ = client.all_changes(limit=500)
    return {change["id"]: change["item"] for change in changes if change["kind"] == "feedback"}


def test_the_operator_routes_a_report_once_and_it_is_due_by_the_rule(central: Central, hotline: ApiClient) -> None:
    photo = base64.b64encode(b"\xff\xd8\xff photo").decode()
    body = report(files=[{"file_name": "den-hong.jpg", "content_type": "image/jpeg", "content_base64": photo}])
    first = hotline.post("/v1/feedback", json=body)
    assert first.status_code == 201, first.text
    again = hotline.post("/v1/feedback", json=body)  # the answer was lost: 1022 sends it again
    assert again.json() == first.json()
    with central.service.sessions() as session:
        rows = session.scalars(select(Feedback).where(Feedback.code == body["code"])).all()
        assert len(rows) == 1
        files = session.scalars(select(Attachment).where(Attachment.item_kind == "feedback",
                                                         Attachment.item_id == rows[0].id)).all()  # fmt: skip
        assert [f.file_name for f in files] == ["den-hong.jpg"]
    # DEMO_NOW is Wednesday 2026-11-25 09:30: five working days later, at the same hour
    assert first.json()["due_at"] == "2026-12-02T09:30:00+07:00"
    assert (rows[0].answer_days, rows[0].answer_day_kind) == (5, "working")


def test_the_rule_is_the_service_s(central: Central, hotline: ApiClient) -> None:
    central.service.feedback_rule = FeedbackRule(4, "calendar")  # ends Sunday 29/11 → Monday 30/11 17:00
    answer = hotline.post("/v1/feedback", json=report())
    assert answer.json()["due_at"] == "2026-11-30T17:00:00+07:00"


@pytest.mark.parametrize(
    ("fields", "status", "code"),
    [
        ({"unit_code": "000.00.99.H29"}, 422, "feedback.unknown_unit"),
        ({"anonymous": True}, 422, "invalid_request"),  # with a contact
        ({"reporter_name": None}, 422, "invalid_request"),  # neither anonymous nor named
        ({"received_at": "2026-11-25T09:00:00"}, 422, "invalid_request"),  # no time zone
        ({"received_at": (DEMO_NOW + timedelta(hours=1)).isoformat()}, 422, "feedback.future"),
        ({"latitude": 91}, 422, "invalid_request"),
        ({"code": "../../etc"}, 422, "invalid_request"),
        ({"files": [{"file_name": "a.jpg", "content_type": "image/jpeg", "content_base64": "%%%"}]}, 422,
         "feedback.bad_file"),
    ],
)  # fmt: skip
def test_a_bad_report_is_refused_in_both_languages(hotline: ApiClient, fields, status, code) -> None:
    answer = hotline.post("/v1/feedback", json=report(**fields))
    assert (answer.status_code, answer.json()["code"]) == (status, code)
    assert answer.json()["message"]["vi"]


def test_only_the_operator_routes(thu: ApiClient, hotline: ApiClient) -> None:
    answer = thu.post("/v1/feedback", json=report())
    assert (answer.status_code, answer.json()["code"]) == (403, "not_operator")


def test_the_contact_reaches_the_assigned_official_and_the_leaders_only(
    central: Central, hotline: ApiClient, thu: ApiClient, lan: ApiClient
) -> None:
    report_id = hotline.post("/v1/feedback", json=report()).json()["id"]
    anonymous_id = hotline.post("/v1/feedback", json=report("1022-A", anonymous=True, reporter_name=None,
                                                            reporter_phone=None)).json()["id"]  # fmt: skip
    leader = central.client("hung.tdm", LEADER_PASSWORD)
    seen = feedback_changes(thu)[report_id]
    assert (seen["reporter_name"], seen["reporter_phone"], seen["contact_hidden"]) == (None, None, True)
    assert feedback_changes(leader)[report_id]["reporter_phone"] == "0912345678"
    anonymous = feedback_changes(leader)[anonymous_id]
    assert (anonymous["reporter_name"], anonymous["contact_hidden"]) == (None, False)
    assert report_id not in feedback_changes(lan)  # another ward sees nothing of it

    [accepted] = thu.mutate(mutation("feedback", report_id, "accept"))
    assert accepted["item"]["contact_hidden"] is True
    [assigned] = thu.mutate(mutation("feedback", report_id, "assign", 2, assignee="Nguyễn Thị Thu"))
    assert assigned["item"]["reporter_name"] == "Phạm Thị Hoa"  # now hers to handle
    _, cursor = thu.all_changes()
    [moved] = leader.mutate(mutation("feedback", report_id, "assign", 3, assignee="Lê Văn An"))
    assert moved["status"] == "applied"
    later, _ = thu.all_changes(cursor=cursor)
    [item] = [change["item"] for change in later if change["kind"] == "feedback"]
    assert (item["reporter_name"], item["contact_hidden"]) == (None, True)  # sent empty: her copy forgets it


def test_the_whole_way_of_a_report_and_its_refusals(central: Central, hotline: ApiClient, thu: ApiClient) -> None:
    """Thu handles the report; approving her answer is the leader's (Hùng); then she sends it."""
    report_id = hotline.post("/v1/feedback", json=report()).json()["id"]
    leader = central.client("hung.tdm", LEADER_PASSWORD)
    steps = [
        ("assign", {"assignee": "Nguyễn Thị Thu"}, "rejected", "workflow.illegal_action"),  # accept first
        ("accept", {}, "applied", None),
        ("send_back", {"reason": "x", "suggested_unit": "000.00.99.H29"}, "rejected", "feedback.unknown_unit"),
        ("send_back", {"reason": "x", "suggested_unit": WARD_A}, "rejected", "feedback.own_unit"),
        ("assign", {"assignee": "Nguyễn Thị Thu"}, "applied", None),
        ("record_progress", {"text": "đã kiểm tra", "committed_on": "2026-11-20"}, "rejected",
         "feedback.bad_commitment"),
        ("record_progress", {"text": "đã kiểm tra hiện trường"}, "applied", None),
        ("draft_answer", {"answer": "Đã thay bóng đèn."}, "applied", None),
        ("approve_answer", {}, "rejected", "feedback.leader_only"),  # Thu is an official
        ("return_answer", {"reason": "x"}, "rejected", "feedback.leader_only"),
        ("approve_answer", {}, "applied", None, leader),
        ("send_answer", {"publish": "yes"}, "rejected", "feedback.bad_publish"),
        ("send_answer", {"publish": True}, "applied", None),  # once approved, whoever handles it sends it
    ]  # fmt: skip
    version = 1
    for action, payload, status, code, *by in steps:
        [outcome] = (by or [thu])[0].mutate(mutation("feedback", report_id, action, version, **payload))
        assert (outcome["status"], outcome.get("code")) == (status, code), (action, outcome)
        version = outcome["version"] if status == "applied" else version
    with central.service.sessions() as session:
        row = session.get_one(Feedback, int(report_id))
        assert (row.state, row.publish, row.answer, row.finished_at) == (
            "answered",
            True,
            "Đã thay bóng đèn.",
            DEMO_NOW,
        )
        assert [entry["action"] for entry in row.history] == [
            "route",
            "accept",
            "assign",
            "record_progress",
            "draft_answer",
            "approve_answer",
            "send_answer",
        ]


def test_a_leader_returns_an_answer_for_revision(central: Central, hotline: ApiClient, thu: ApiClient) -> None:
    report_id = hotline.post("/v1/feedback", json=report()).json()["id"]
    leader = central.client("hung.tdm", LEADER_PASSWORD)
    version = 1
    for action, payload in (("accept", {}), ("assign", {"assignee": "Nguyễn Thị Thu"}),
                            ("draft_answer", {"answer": "Đã xử lý."})):  # fmt: skip
        [outcome] = thu.mutate(mutation("feedback", report_id, action, version, **payload))
        version = outcome["version"]
    [approved] = leader.mutate(mutation("feedback", report_id, "approve_answer", version))
    [refused] = thu.mutate(mutation("feedback", report_id, "return_answer", approved["version"], reason="x"))
    assert (refused["status"], refused["code"], refused["item"]["state"]) == ("rejected", "feedback.leader_only",
                                                                               "answer_approved")  # fmt: skip
    assert refused["message"] == SERVICE_REASONS["feedback.leader_only"]
    reason = "Cần nêu rõ thời gian sửa chữa."
    [returned] = leader.mutate(mutation("feedback", report_id, "return_answer", approved["version"], reason=reason))
    assert (returned["status"], returned["item"]["state"]) == ("applied", "assigned")
    last = returned["item"]["history"][-1]
    assert (last["by"], last["action"], last["state"], last["reason"]) == (
        "Nguyễn Văn Hùng", "return_answer", "assigned", reason)  # fmt: skip


def test_sending_back_names_the_competent_unit(central: Central, hotline: ApiClient, thu: ApiClient) -> None:
    report_id = hotline.post("/v1/feedback", json=report()).json()["id"]
    payload = {"reason": "Tuyến đường thuộc Phường Sài Gòn", "suggested_unit": SUGGESTED}
    [outcome] = thu.mutate(mutation("feedback", report_id, "send_back", **payload))
    assert outcome["status"] == "applied"
    assert (outcome["item"]["state"], outcome["item"]["suggested_unit_code"]) == ("sent_back", SUGGESTED)


def test_a_late_report_needs_a_committed_date(central: Central, hotline: ApiClient, thu: ApiClient) -> None:
    report_id = hotline.post("/v1/feedback", json=report()).json()["id"]
    thu.mutate(mutation("feedback", report_id, "accept"))
    central.clock.advance(timedelta(days=8))  # past Wednesday 02/12 09:30
    thu.login("thu.tdm", PASSWORD_A)  # the access token expired meanwhile
    [refused] = thu.mutate(mutation("feedback", report_id, "record_progress", 2, text="đang chờ vật tư"))
    assert refused["code"] == "feedback.commitment_needed"
    [noted] = thu.mutate(mutation("feedback", report_id, "record_progress", 2, text="chờ vật tư",
                                  committed_on="2026-12-05"))  # fmt: skip
    assert noted["item"]["committed_on"] == "2026-12-05"


def test_demo_reports_include_anonymous_ones_and_every_open_state(central: Central, hotline: ApiClient) -> None:
    with central.service.sessions() as session:
        rows = session.scalars(select(Feedback).where(Feedback.unit_code == WARD_A)).all()
    assert len(rows) == len({row.code for row in rows}) == REPORTS_PER_WARD
    assert any(row.anonymous and row.reporter_name is None for row in rows)
    assert {FeedbackState(row.state) for row in rows} >= {FeedbackState.ROUTED, FeedbackState.ASSIGNED}
    with central.service.sessions.begin() as session:  # seeding again adds only new codes
        assert seed_demo_feedback(session, WARD_A, 3, DEMO_NOW) == 3


def test_another_ward_cannot_act_on_the_report(hotline: ApiClient, lan: ApiClient) -> None:
    report_id = hotline.post("/v1/feedback", json=report()).json()["id"]
    [outcome] = lan.mutate(mutation("feedback", report_id, "accept"))
    assert (outcome["status"], outcome["code"], outcome.get("item")) == ("rejected", "not_found", None)


# -- the operator reads back what the ward did (GET /v1/feedback/{code}) ------------------------------

HANDLING_KEYS = {"code", "unit_code", "state", "routed_at", "due_at", "committed_on", "progress", "answer", "publish",
                 "sent_back_reason", "suggested_unit_code", "finished_at"}  # fmt: skip


def handled(hotline: ApiClient, code: str) -> dict[str, Any]:
    answer = hotline.get(f"/v1/feedback/{code}")
    assert answer.status_code == 200, answer.text
    assert set(answer.json()) == HANDLING_KEYS
    return answer.json()


def test_the_operator_reads_back_the_progress_and_the_answer_once_sent(
    central: Central, hotline: ApiClient, thu: ApiClient
) -> None:
    report_id = hotline.post("/v1/feedback", json=report()).json()["id"]
    routed = handled(hotline, "1022-260309-90001")
    assert (routed["state"], routed["due_at"], routed["progress"], routed["answer"]) == (
        "routed", "2026-12-02T09:30:00+07:00", [], None)  # fmt: skip
    steps = [
        ("accept", {}), ("assign", {"assignee": "Nguyễn Thị Thu"}),
        ("comment", {"text": "Ghi chú nội bộ: gọi điện lại cho Điện lực"}),
        ("record_progress", {"text": "Đã kiểm tra hiện trường, chờ vật tư", "committed_on": "2026-11-30"}),
        ("draft_answer", {"answer": "Đã thay bóng đèn."}),
    ]  # fmt: skip
    for version, (action, payload) in enumerate(steps, start=1):
        [outcome] = thu.mutate(mutation("feedback", report_id, action, version, **payload))
        assert outcome["status"] == "applied", outcome
    leader = central.client("hung.tdm", LEADER_PASSWORD)  # the answer's approval is a leader's act
    [outcome] = leader.mutate(mutation("feedback", report_id, "approve_answer", len(steps) + 1))
    assert outcome["status"] == "applied", outcome
    approved = handled(hotline, "1022-260309-90001")
    assert (approved["state"], approved["committed_on"], approved["answer"], approved["publish"]) == (
        "answer_approved", "2026-11-30", None, None)  # not sent yet: still the ward's own  # fmt: skip
    assert approved["progress"] == [
        {"text": "Đã kiểm tra hiện trường, chờ vật tư", "at": "2026-11-25T09:30:00+07:00", "committed_on": "2026-11-30"}
    ]
    thu.mutate(mutation("feedback", report_id, "send_answer", 7, publish=True))
    answered = hotline.get("/v1/feedback/1022-260309-90001")
    body = answered.json()
    assert (body["state"], body["answer"], body["publish"], body["finished_at"]) == (
        "answered", "Đã thay bóng đèn.", True, "2026-11-25T09:30:00+07:00")  # fmt: skip
    assert body["sent_back_reason"] is None and body["suggested_unit_code"] is None
    # the ward's own workings stay with it: who handles it, the officials' names, comments, the reporter
    for internal in ("Nguyễn Thị Thu", "Ghi chú nội bộ", "Phạm Thị Hoa", "0912345678", "assignee", "history"):
        assert internal not in answered.text


def test_the_operator_reads_why_a_report_was_sent_back_and_where_to(hotline: ApiClient, thu: ApiClient) -> None:
    report_id = hotline.post("/v1/feedback", json=report("1022/2026/17")).json()["id"]  # 1022 codes may hold "/"
    payload = {"reason": "Tuyến đường thuộc Phường Sài Gòn", "suggested_unit": SUGGESTED}
    thu.mutate(mutation("feedback", report_id, "send_back", **payload))
    for path in ("/v1/feedback/1022/2026/17", "/v1/feedback/1022%2F2026%2F17"):
        body = hotline.get(path).json()
        assert (body["code"], body["state"], body["sent_back_reason"], body["suggested_unit_code"]) == (
            "1022/2026/17", "sent_back", "Tuyến đường thuộc Phường Sài Gòn", SUGGESTED)  # fmt: skip
        assert body["finished_at"] == "2026-11-25T09:30:00+07:00" and body["answer"] is None


def test_a_late_report_s_committed_date_reaches_the_operator(
    central: Central, hotline: ApiClient, thu: ApiClient
) -> None:
    report_id = hotline.post("/v1/feedback", json=report()).json()["id"]
    thu.mutate(mutation("feedback", report_id, "accept"))
    central.clock.advance(timedelta(days=8))
    for client, login, password in ((thu, "thu.tdm", PASSWORD_A), (hotline, "tongdai1022", OPERATOR_PASSWORD)):
        client.login(login, password)  # the access tokens expired meanwhile
    thu.mutate(mutation("feedback", report_id, "record_progress", 2, text="Chờ vật tư", committed_on="2026-12-07"))
    body = handled(hotline, "1022-260309-90001")
    assert body["committed_on"] == "2026-12-07" and body["progress"][0]["committed_on"] == "2026-12-07"
    assert body["progress"][0]["at"] == "2026-12-03T09:30:00+07:00"


@pytest.mark.parametrize(
    ("path", "who", "status", "code"),
    [
        ("/v1/feedback/1022-260309-90001", "official", 403, "not_operator"),  # the ward reads its queue instead
        ("/v1/feedback/1022-999999-00000", "operator", 404, "feedback.not_found"),
        ("/v1/feedback/-bad-", "operator", 422, "invalid_request"),
        ("/v1/feedback/" + "9" * 41, "operator", 422, "invalid_request"),
    ],
)
def test_reading_back_is_the_operator_s_and_refused_in_both_languages(
    hotline: ApiClient, thu: ApiClient, path: str, who: str, status: int, code: str
) -> None:
    hotline.post("/v1/feedback", json=report())
    answer = (thu if who == "official" else hotline).get(path)
    assert (answer.status_code, answer.json()["code"]) == (status, code), answer.text
    assert answer.json()["message"]["vi"] and answer.json()["message"]["en"]
