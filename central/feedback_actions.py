"""1022 reports on the service: the operator routes a report to a unit (POST /v1/feedback), and the
unit's officials act on it through the mutations like on any item (central.mutations calls
``apply_feedback_effects`` once app.domain.workflow.FEEDBACK allowed the action).

Routing is idempotent by 1022's report code: a retried request (a lost answer) finds the report it
made and changes nothing, so a report is never doubled.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.feedback_approval import refused_for_role
from app.domain.feedback_deadline import FeedbackRule, answer_due_at, committed_date
from app.domain.rejections import refusal
from app.domain.workflow import FeedbackState
from app.domain.working_calendar import VN_TZ
from central.change_feed import record_change
from central.demo_data import shipped_calendar
from central.errors import ApiError
from central.models import Account, Agency, Attachment, Feedback, Unit
from central.schemas import FeedbackIn

_ENTRY_FIELDS = ("reason", "assignee", "text", "answer", "suggested_unit", "committed_on", "publish", "photos")


def apply_feedback_effects(
    session: Session,
    account: Account,
    report: Feedback,
    action: str,
    payload: dict[str, Any],
    new_state: Enum,
    now: datetime,
    entry: dict[str, Any],
) -> None:
    """What an allowed action changes on the report, and its line in the history. Approving the answer
    and returning it for revision are a leader's (app.domain.feedback_approval)."""
    if refused_for_role("feedback", action, account.role):
        raise refusal("feedback.leader_only")
    entry.update({key: payload[key] for key in _ENTRY_FIELDS if payload.get(key) not in (None, "")})
    if action == "send_back":
        report.suggested_unit_code = _competent_unit(session, report, str(payload["suggested_unit"]))
        report.sent_back_reason = str(payload["reason"])[:1000]
        report.finished_at = now
    elif action == "assign":
        report.assignee = str(payload["assignee"])[:200]
    elif action == "record_progress":
        committed = committed_date(payload, report.due_at, now)
        if committed is not None:
            report.committed_on = committed
    elif action == "draft_answer":
        report.answer = str(payload["answer"])[:4000]
    elif action == "send_answer":
        if type(payload.get("publish")) is not bool:
            raise refusal("feedback.bad_publish")
        report.publish = payload["publish"]
        report.finished_at = now
    report.state = str(new_state.value)
    report.history = [*report.history, entry]


def _competent_unit(session: Session, report: Feedback, code: str) -> str:
    """The unit named as competent: a current agency of the directory, not this unit itself."""
    code = code.strip()
    agency = session.get(Agency, code[:35])
    if agency is None or agency.valid_to is not None:
        raise refusal("feedback.unknown_unit", unit=code[:40])
    if agency.code == report.unit_code:
        raise refusal("feedback.own_unit")
    return agency.code


def route_report(session: Session, operator: Account, body: FeedbackIn, rule: FeedbackRule, now: datetime) -> Feedback:
    """The report ``body`` routed to its unit now, due by ``rule``; the one already routed under its code
    when 1022 sends it again (its answer to the first request was lost)."""
    existing = session.scalar(select(Feedback).where(Feedback.code == body.code))
    if existing is not None:
        return existing
    if session.get(Unit, body.unit_code) is None:
        raise ApiError(422, "feedback.unknown_unit", f"No unit {body.unit_code} on this system.",
                       f"Không có đơn vị {body.unit_code} trên hệ thống.")  # fmt: skip
    if body.received_at > now:
        raise ApiError(422, "feedback.future", "The report's receipt time is in the future.",
                       "Thời điểm tiếp nhận phản ánh ở tương lai.")  # fmt: skip
    contact = {} if body.anonymous else {"reporter_name": body.reporter_name, "reporter_phone": body.reporter_phone,
                                         "reporter_email": body.reporter_email}  # fmt: skip
    report = Feedback(
        unit_code=body.unit_code, code=body.code, channel=body.channel, category=body.category,
        address=body.address, latitude=body.latitude, longitude=body.longitude, content=body.content,
        anonymous=body.anonymous, **contact, received_at=body.received_at, routed_at=now,
        due_at=answer_due_at(now, rule, shipped_calendar()), answer_days=rule.answer_days,
        answer_day_kind=rule.day_kind, state=FeedbackState.ROUTED.value,
        history=[{"at": now.isoformat(), "by": operator.display_name, "action": "route",
                  "state": FeedbackState.ROUTED.value}],
        updated_at=now,
    )  # fmt: skip
    session.add(report)
    session.flush()
    for photo in body.files:
        _add_file(session, report, photo.file_name, photo.content_type, photo.content_base64)
    record_change(session, report.unit_code, "feedback", report)
    return report


def _add_file(session: Session, report: Feedback, file_name: str, content_type: str, encoded: str) -> None:
    try:
        content = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise ApiError(422, "feedback.bad_file", f"The file {file_name} is not base64.",
                       f"Tệp {file_name} không đúng định dạng base64.") from None  # fmt: skip
    attachment = Attachment(
        unit_code=report.unit_code, item_kind="feedback", item_id=report.id, file_name=file_name,
        content_type=content_type, size=len(content), sha256=hashlib.sha256(content).hexdigest(), content=content,
    )  # fmt: skip
    session.add(attachment)
    record_change(session, report.unit_code, "attachment", attachment)


def routed_report(session: Session, code: str) -> Feedback:
    """The report 1022 routed under ``code``, to whichever unit; 404 when there is none."""
    report = session.scalar(select(Feedback).where(Feedback.code == code))
    if report is None:
        raise ApiError(404, "feedback.not_found", f"No report {code} was routed on this system.",
                       f"Không có phản ánh {code} nào được chuyển trên hệ thống.")  # fmt: skip
    return report


def handling_json(report: Feedback) -> dict[str, Any]:
    """What 1022 reads back of a report (central.schemas.FeedbackHandling): the progress notes the unit
    reported, its answer and the publish flag once sent, a sending back with its reason and competent unit.
    A drafted or approved answer is still the unit's own, so it is left out until the answer is sent."""
    sent = report.state == FeedbackState.ANSWERED.value
    progress = [{"text": entry.get("text", ""), "at": entry["at"], "committed_on": entry.get("committed_on")}
                for entry in report.history if entry.get("action") == "record_progress"]  # fmt: skip
    return {
        "code": report.code, "unit_code": report.unit_code, "state": report.state,
        "routed_at": report.routed_at.astimezone(VN_TZ), "due_at": report.due_at.astimezone(VN_TZ),
        "committed_on": report.committed_on, "progress": progress,
        "answer": report.answer if sent else None, "publish": report.publish if sent else None,
        "sent_back_reason": report.sent_back_reason, "suggested_unit_code": report.suggested_unit_code,
        "finished_at": report.finished_at.astimezone(VN_TZ) if report.finished_at else None,
    }  # fmt: skip


def report_json(report: Feedback) -> dict[str, Any]:
    """What the operator learns back: where the report went and by when it is due."""
    return {"id": str(report.id), "code": report.code, "unit_code": report.unit_code, "state": report.state,
            "routed_at": report.routed_at.astimezone(VN_TZ), "due_at": report.due_at.astimezone(VN_TZ),
            "version": report.version}  # fmt: skip
