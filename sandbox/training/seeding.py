"""A scenario's items as the columns the central service stores, with dates relative to the training
clock's now; ``central.in_process`` adds them through the service's own code."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from app.domain.dossier_deadline import StatutoryTime, due_at
from app.domain.workflow import FINISHED_DOSSIER_STATES, DossierState
from app.domain.working_calendar import VN_TZ
from central.in_process import AgencyDirectory, shipped_calendar
from sandbox.training.scenario import DocumentSeed, DossierSeed, FeedbackSeed, MeetingSeed, TrainingAccount

DEFAULT_ANSWER = "Ủy ban nhân dân phường đã kiểm tra, xử lý nội dung phản ánh."


class ScenarioItems:
    def __init__(self, unit: str, now: datetime, directory: AgencyDirectory) -> None:
        self.unit = unit
        self.now = now.astimezone(VN_TZ)
        self.directory = directory
        self.calendar = shipped_calendar()

    def document(self, seed: DocumentSeed) -> dict[str, Any]:
        """An incoming document not left "received" gets today's arrival and the server's next number."""
        issuer = self.unit if seed.direction == "outgoing" else seed.issuing_agency
        issued_on = seed.issued_on or self.now.date() - timedelta(days=seed.issued_days_ago)
        return {
            "unit_code": self.unit, "direction": seed.direction, "number": seed.number, "notation": seed.notation,
            "doc_type": seed.doc_type, "issuing_agency_code": issuer,
            "issuing_agency_name": self.directory.name_of(issuer), "issued_on": issued_on, "subject": seed.subject,
            "urgency": seed.urgency, "confidentiality": seed.confidentiality, "signer_name": seed.signer_name,
            "signer_position": seed.signer_position, "assignee": seed.assignee, "due_on": self._due_on(seed),
            "content": self._meeting_text(seed.meeting, issuer) if seed.meeting is not None else None,
            "state": seed.state, "recipients": [self.directory.name_of(self.unit) or self.unit],
            "trail": [{"at": self.now.isoformat(), "by": "Văn thư", "state": seed.state}], "updated_at": self.now,
        }  # fmt: skip

    def _meeting_text(self, meeting: MeetingSeed, issuer: str) -> str:
        """The letter's content as agencies write it (the desk reads the meeting back from it, app.meetings)."""
        day = self.now.date() + timedelta(days=meeting.in_days)
        hour, minute = meeting.at.split(":")
        lines = [
            f"Thời gian: {hour} giờ {minute} phút, ngày {day.strftime('%d/%m/%Y')}.",
            f"Địa điểm: {meeting.place}.",
        ]
        if meeting.chair:
            lines.append(f"Chủ trì: {meeting.chair}.")
        if meeting.link or meeting.room:
            online = [
                f"đường dẫn: {meeting.link}" if meeting.link else "",
                f"mã phòng: {meeting.room}" if meeting.room else "",
            ]
            lines.append("Hình thức: trực tuyến qua Hệ thống hội nghị truyền hình của Thành phố, "
                         + ", ".join(part for part in online if part) + ".")  # fmt: skip
        if meeting.changes:
            opening = f"Thông báo thay đổi thời gian, địa điểm họp tại Giấy mời số {meeting.changes} như sau:"
        else:
            opening = f"{self.directory.name_of(issuer) or issuer} trân trọng kính mời lãnh đạo Ủy ban nhân dân dự họp."
        return "\n".join([opening, *lines])

    def dossier(self, seed: DossierSeed) -> dict[str, Any]:
        """Without a code: the service gives the unit's next one for the day it was received."""
        received = seed.received_at or self.now - timedelta(minutes=seed.received_minutes_ago)
        state = DossierState[seed.state.upper()]
        return {
            "unit_code": self.unit, "procedure_code": seed.procedure_code, "procedure_name": seed.procedure_name,
            "applicant_name": seed.applicant_name, "applicant_id_number": seed.applicant_id_number,
            "applicant_address": seed.applicant_address, "applicant_phone": seed.applicant_phone,
            "channel": seed.channel, "received_at": received, "statutory_amount": seed.statutory_amount,
            "statutory_unit": seed.statutory_unit, "cutoff": seed.cutoff, "due_at": self._due_at(seed, received),
            "state": int(state), "finished_at": self.now if state in FINISHED_DOSSIER_STATES else None,
            "history": _dossier_history(received, state, seed.applicant_name), "updated_at": self.now,
        }  # fmt: skip

    def feedback(self, seed: FeedbackSeed, number: int, routed_at: datetime) -> dict[str, Any]:
        """The report as the 1022 centre sends it (``POST /v1/feedback``), the ``number``-th of the session."""
        contact = {} if seed.anonymous else {"reporter_name": seed.reporter_name,
                                             "reporter_phone": seed.reporter_phone,
                                             "reporter_email": seed.reporter_email}  # fmt: skip
        return {
            "code": f"1022-{routed_at:%y%m%d}-{number:05d}", "unit_code": self.unit, "channel": seed.channel,
            "category": seed.category, "address": seed.address, "latitude": seed.latitude,
            "longitude": seed.longitude, "content": seed.content, "anonymous": seed.anonymous, **contact,
            "received_at": routed_at - timedelta(minutes=4),
        }  # fmt: skip

    def _due_on(self, seed: DocumentSeed) -> date | None:
        if seed.due_in_working_days is None:
            return seed.due_on
        return self.calendar.add_working_days(self.now.date(), seed.due_in_working_days)

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


def feedback_steps(
    seed: FeedbackSeed, colleague: TrainingAccount, leader: TrainingAccount | None
) -> list[tuple[str, str, dict[str, Any]]]:
    """The actions (login, action, payload) that take a routed report to its seeded state: the colleague
    accepts, assigns (to ``assignee``, by default to themself) and drafts; the leader approves; the colleague
    sends the answer, not to be published."""
    approver = leader or colleague
    plan = [
        ("accepted", colleague.login, "accept", {}),
        ("assigned", colleague.login, "assign", {"assignee": seed.assignee or colleague.display_name}),
        ("answer_drafted", colleague.login, "draft_answer", {"answer": seed.answer or DEFAULT_ANSWER}),
        ("answer_approved", approver.login, "approve_answer", {}),
        ("answered", colleague.login, "send_answer", {"publish": False}),
    ]
    reached = [state for state, *_ in plan]
    if seed.state not in reached:
        return []
    return [(login, action, payload) for _state, login, action, payload in plan[: reached.index(seed.state) + 1]]
