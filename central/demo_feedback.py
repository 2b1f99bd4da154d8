"""Deterministic demo 1022 reports of a unit, each where the demo's "now" finds it: every twenty of them
three routed in the last hours (mới chuyển đến), two in time, three due soon, two overdue (most with a
progress note that commits a date), one approved and awaiting its sending, eight answered (two late) and
one sent back as another ward's; one in six anonymous. Their histories are the actions that brought them there.

Due times are the service's default rule (5 working days, app.domain.feedback_deadline), so a report's
standing on the desk is the one its situation names whatever the day the demo runs.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from app.domain.feedback_deadline import DEFAULT_FEEDBACK_RULE, answer_due_at
from app.domain.working_calendar import VN_TZ, WorkingCalendar
from central.agency_directory import AgencyEntry
from central.demo_data import STREETS, person, weighted_choice

# The categories the city lists (it adds others), and what citizens write about.
FEEDBACK_CATEGORIES = (
    "Sự cố hạ tầng", "Giao thông", "Trật tự đô thị", "Vệ sinh môi trường", "Y tế", "Du lịch",
    "Góp ý lãnh đạo Thành phố", "Khác",
)  # fmt: skip
FEEDBACK_TEXTS = {
    "Sự cố hạ tầng": ("Đèn chiếu sáng công cộng bị hỏng nhiều ngày", "Nắp cống bị vỡ, nguy hiểm cho người đi đường",
                      "Mặt đường sụt lún sau mưa lớn"),
    "Giao thông": ("Đèn tín hiệu giao thông không hoạt động", "Xe tải đậu chiếm làn đường giờ cao điểm"),
    "Trật tự đô thị": ("Lấn chiếm vỉa hè để buôn bán", "Công trình xây dựng không che chắn, gây bụi"),
    "Vệ sinh môi trường": ("Rác thải tồn đọng nhiều ngày chưa thu gom", "Nước thải chảy tràn ra đường gây mùi hôi"),
    "Y tế": ("Phát hiện ổ lăng quăng, đề nghị phun thuốc diệt muỗi",),
    "Du lịch": ("Bảng chỉ dẫn điểm tham quan bị mờ, khó đọc",),
    "Góp ý lãnh đạo Thành phố": ("Kiến nghị mở rộng giờ tiếp nhận hồ sơ vào thứ Bảy",),
    "Khác": ("Tiếng ồn karaoke kéo dài sau 22 giờ",),
}  # fmt: skip
FEEDBACK_ANSWERS = {
    "Sự cố hạ tầng": "Ủy ban nhân dân phường đã phối hợp đơn vị quản lý kiểm tra, khắc phục xong sự cố; "
                     "khu vực đã bảo đảm an toàn cho người đi đường.",
    "Giao thông": "Công an phường đã kiểm tra, xử lý phương tiện vi phạm và phối hợp đơn vị quản lý khắc phục "
                  "đèn tín hiệu.",
    "Trật tự đô thị": "Tổ quản lý trật tự đô thị phường đã kiểm tra, lập biên bản, yêu cầu chấm dứt vi phạm và "
                      "tiếp tục theo dõi.",
    "Vệ sinh môi trường": "Phường đã chỉ đạo đơn vị thu gom xử lý dứt điểm rác tồn đọng và khơi thông cống "
                          "thoát nước tại khu vực.",
    "Y tế": "Trạm Y tế phường đã xử lý ổ lăng quăng và phun hóa chất diệt muỗi tại khu vực phản ánh.",
    "Du lịch": "Phường đã phối hợp đơn vị quản lý thay mới bảng chỉ dẫn tại điểm tham quan.",
    "Góp ý lãnh đạo Thành phố": "Ủy ban nhân dân phường ghi nhận ý kiến và đã báo cáo Ủy ban nhân dân Thành phố "
                                "xem xét.",
    "Khác": "Công an phường đã kiểm tra, nhắc nhở hộ gia đình và xử lý theo quy định về tiếng ồn.",
}  # fmt: skip
PROGRESS_NOTES = (
    "Đã kiểm tra hiện trường, đang phối hợp đơn vị chức năng xử lý.",
    "Đơn vị quản lý đang bố trí vật tư để sửa chữa.",
    "Đã mời các hộ liên quan làm việc, đang chờ kết quả khắc phục.",
)
FEEDBACK_CHANNELS = (("hotline", 50), ("app", 35), ("web", 15))
OPERATOR = "Tổng đài 1022"
# The ward's officials who handle reports, and the leader who approves answers (none a demo login: a desk
# signed in as one of those sees the reporters' contacts only of the reports assigned to it).
HANDLERS = ("Lê Văn An", "Phạm Thị Hồng", "Võ Minh Tuấn", "Huỳnh Ngọc Hạnh")
CLERK, LEADER = "Đỗ Thị Kim Chi", "Trần Thị Mai"
# Where each report stands, in turn (see the module's docstring).
FEEDBACK_MIX = (
    "fresh", "answered", "due_soon", "answered", "overdue", "fresh", "answered_late", "in_time", "answered",
    "due_soon", "sent_back", "fresh", "answered", "overdue", "approved", "answered", "in_time", "answered",
    "due_soon", "answered_late",
)  # fmt: skip


class DemoReports:
    """The rows of one unit's demo 1022 reports (``neighbours``: the wards a report may be sent back to)."""

    def __init__(
        self, now: datetime, seed: int, home: AgencyEntry, neighbours: Sequence[AgencyEntry], calendar: WorkingCalendar
    ) -> None:
        self.now = now.astimezone(VN_TZ)
        self.rng = random.Random(seed)
        self.home = home
        self.neighbours = [ward for ward in neighbours if ward.code != home.code]
        self.calendar = calendar

    def report(self, number: int) -> dict[str, Any]:
        """The ``number``-th report (from 1): its situation is the mix's, in turn."""
        rng = self.rng
        situation = FEEDBACK_MIX[(number - 1) % len(FEEDBACK_MIX)]
        routed_at = self._routed_at(situation)
        due = answer_due_at(routed_at, DEFAULT_FEEDBACK_RULE, self.calendar)  # the service's default rule
        category = rng.choice(FEEDBACK_CATEGORIES)
        anonymous = number % 6 == 2  # one in six, the city's app allows it for sensitive matters
        place = self.home.name.removeprefix("Ủy ban nhân dân ")
        handling = self._handling(situation, routed_at, due, category)
        if situation == "sent_back":
            place = handling["competent"].name.removeprefix("Ủy ban nhân dân ")
        located = rng.random() < 0.6
        return {
            "unit_code": self.home.code, "version": len(handling["history"]),
            "code": f"1022-{routed_at:%y%m%d}-{number:05d}",
            "channel": weighted_choice(rng, FEEDBACK_CHANNELS), "category": category,
            "address": f"{rng.randint(1, 300)} đường {rng.choice(STREETS)}, {place}",
            "latitude": round(10.98 + rng.random() / 50, 6) if located else None,
            "longitude": round(106.65 + rng.random() / 50, 6) if located else None,
            "content": rng.choice(FEEDBACK_TEXTS[category]) + f" tại khu phố {rng.randint(1, 12)}.",
            "anonymous": anonymous, **self._contact(anonymous),
            "received_at": routed_at - timedelta(minutes=rng.randint(2, 30)), "routed_at": routed_at,
            "due_at": due, "answer_days": DEFAULT_FEEDBACK_RULE.answer_days,
            "answer_day_kind": DEFAULT_FEEDBACK_RULE.day_kind,
            **{key: value for key, value in handling.items() if key != "competent"},
            "updated_at": self.now,
        }  # fmt: skip

    def _contact(self, anonymous: bool) -> dict[str, str | None]:
        rng = self.rng
        if anonymous:
            return {"reporter_name": None, "reporter_phone": None, "reporter_email": None}
        return {
            "reporter_name": person(rng),
            "reporter_phone": f"09{rng.randint(0, 99999999):08d}",
            "reporter_email": None if rng.random() < 0.6 else f"nguoidan{rng.randint(1, 9999)}@example.vn",
        }

    # -- when -------------------------------------------------------------------------------------

    def _routed_at(self, situation: str) -> datetime:
        """Routed so that, 5 working days later, the report is due where its situation says."""
        rng, today = self.rng, self.now.date()
        if situation == "fresh":  # 1022 routes at any hour: within the last hours, today
            midnight = datetime.combine(today, time(0, 0), tzinfo=VN_TZ)
            return max(self.now - timedelta(minutes=rng.randint(3, 150)), midnight)
        working_days_ago = {
            "in_time": rng.randint(1, 2), "approved": 3, "due_soon": 4, "overdue": rng.randint(7, 9),
            "sent_back": rng.randint(1, 10), "answered": rng.randint(6, 40), "answered_late": rng.randint(7, 40),
        }[situation]  # fmt: skip
        return self._office_moment(self.calendar.add_working_days(today, -working_days_ago))

    def _office_moment(self, day: date) -> datetime:
        start, end = self.rng.choice(self.calendar.working_periods_on(day))
        return start + (end - start) * self.rng.uniform(0.05, 0.95)

    def _spread(self, start: datetime, end: datetime, count: int) -> list[datetime]:
        """``count`` moments between ``start`` and ``end``, in order, to the minute."""
        moments = sorted(start + (end - start) * self.rng.uniform(0.05, 0.95) for _ in range(count))
        return [moment.replace(second=0, microsecond=0) for moment in moments]

    # -- what was done ----------------------------------------------------------------------------

    def _handling(self, situation: str, routed_at: datetime, due: datetime, category: str) -> dict[str, Any]:
        """The columns the actions set, and the history of those actions (route first)."""
        rng, now = self.rng, self.now
        handler = rng.choice(HANDLERS)
        row: dict[str, Any] = {
            "assignee": None, "answer": None, "publish": None, "committed_on": None, "suggested_unit_code": None,
            "sent_back_reason": None, "finished_at": None, "competent": None,
        }  # fmt: skip
        history = [_entry(routed_at, OPERATOR, "route", "routed")]
        if situation == "sent_back":
            competent = rng.choice(self.neighbours)
            finished = min(now, routed_at + timedelta(minutes=rng.randint(40, 300)))
            reason = f"Địa điểm phản ánh thuộc địa bàn {competent.name.removeprefix('Ủy ban nhân dân ')}."
            history.append(_entry(finished, handler, "send_back", "sent_back", reason=reason,
                                  suggested_unit=competent.code))  # fmt: skip
            row |= {"competent": competent, "suggested_unit_code": competent.code, "sent_back_reason": reason,
                    "finished_at": finished}  # fmt: skip
        elif situation != "fresh":
            history += self._worked(situation, routed_at, due, category, handler, row)
        row["state"] = history[-1]["state"]
        row["history"] = history
        return row

    def _worked(
        self, situation: str, routed_at: datetime, due: datetime, category: str, handler: str, row: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Accepted and (mostly) assigned, then as far as the situation goes; ``row`` gets the columns."""
        rng, now = self.rng, self.now
        answered = situation.startswith("answered")
        late = situation in ("answered_late", "overdue")
        finished = self._answered_at(situation, routed_at, due) if answered else None
        taken_by = min(due, now) if late else (finished or now)
        accepted, assigned = self._spread(routed_at, taken_by, 2)
        entries = [_entry(accepted, CLERK, "accept", "accepted")]
        if situation == "in_time" and rng.random() < 0.5:
            return entries
        row["assignee"] = handler
        entries.append(_entry(assigned, LEADER, "assign", "assigned", assignee=handler))
        last = assigned
        if late and (answered or rng.random() < 0.8):  # past its due time: progress, with a committed date
            noted = last = due + ((finished or now) - due) / 3
            committed = (finished or now + timedelta(days=rng.randint(1, 5))).date()
            row["committed_on"] = committed
            entries.append(_entry(noted, handler, "record_progress", "assigned", text=rng.choice(PROGRESS_NOTES),
                                  committed_on=committed.isoformat()))  # fmt: skip
        if situation in ("in_time", "overdue") or (situation == "due_soon" and rng.random() < 0.6):
            return entries
        answer = FEEDBACK_ANSWERS[category]
        row["answer"] = answer
        drafted, approved = self._spread(last, finished or now, 2)
        entries.append(_entry(drafted, handler, "draft_answer", "answer_drafted", answer=answer))
        if situation == "due_soon":
            return entries
        entries.append(_entry(approved, LEADER, "approve_answer", "answer_approved"))
        if finished is not None:
            row["publish"] = rng.random() < 0.6
            row["finished_at"] = finished
            entries.append(_entry(finished, handler, "send_answer", "answered", publish=row["publish"]))
        return entries

    def _answered_at(self, situation: str, routed_at: datetime, due: datetime) -> datetime:
        hours = self.rng.choice((3, 8, 30)) if situation == "answered_late" else -self.rng.choice((2, 20, 40))
        answered = min(self.now - timedelta(minutes=10), due + timedelta(hours=hours))
        return max(answered, routed_at + timedelta(hours=2)).replace(second=0, microsecond=0)


def _entry(moment: datetime, by: str, action: str, state: str, **fields: Any) -> dict[str, Any]:
    """A history line as central.mutations writes it (the action's fields with it)."""
    return {"at": moment.isoformat(), "by": by, "action": action, "state": state, **fields}
