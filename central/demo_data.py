"""Deterministic demo data: realistic documents and dossiers of a post-merger city ward, as the
central service stores them (the desk gets them only by syncing).

The same seed and day give the same rows, so demos, tests and benchmarks are repeatable. Dates
are spread around ``today`` so that some items are urgent, some due today and some overdue.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any

from app.domain.document_types import by_code
from app.domain.dossier_code import DossierCode
from app.domain.dossier_deadline import due_at
from app.domain.procedures import PROCEDURE_CATALOGUE_RESOURCE, Procedure, procedure_from_fields
from app.domain.workflow import FINISHED_DOSSIER_STATES, DossierState, IncomingState, OutgoingState
from app.domain.working_calendar import GOVERNMENT_DAYS_RESOURCE, VN_TZ, WorkingCalendar, office_calendar
from central.agency_directory import AgencyDirectory, AgencyEntry, load_shipped_directory
from kernel.resources import load_json_resource

DEMO_UNIT_NAME = "Ủy ban nhân dân Phường Thủ Dầu Một"

# The procedures demo dossiers are drawn from, as often as listed (from the shipped catalogue).
DEMO_PROCEDURE_MIX = (
    "1.001193", "1.000894", "1.000656", "1.004873", "2.000815", "1.004227",
    "1.003583", "1.000605", "1.003005", "1.009994", "2.001263", "1.010781",
)  # fmt: skip
OFFICE_CUTOFF = time(15, 0)  # the demo ward's afternoon cut-off, as Settings ships it

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô")
MIDDLE = ("Văn", "Thị", "Minh", "Ngọc", "Thanh", "Quốc", "Hữu", "Đức", "Thu", "Kim", "Gia", "Bảo")
GIVEN = (
    "An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh",
    "Long", "Mai", "Nam", "Nga", "Ngân", "Nhung", "Phúc", "Phương", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo",
    "Thắng", "Trang", "Trí", "Tuấn", "Tùng", "Uyên", "Việt", "Vy", "Yến", "Ý", "Đạt", "Lực", "Thủy",
)  # fmt: skip
STREETS = ("Lê Lợi", "Nguyễn Huệ", "Đồng Khởi", "Yersin", "Cách Mạng Tháng Tám", "Võ Văn Tần", "Ba Cu", "Lê Hồng Phong")

# (type abbreviation, subject templates); Công văn has no abbreviation.
DOCUMENT_TYPES = (
    ("CV", ("V/v triển khai {topic}", "V/v báo cáo kết quả {topic}", "V/v góp ý dự thảo về {topic}")),
    ("QĐ", ("Quyết định ban hành quy chế {topic}", "Quyết định thành lập tổ công tác {topic}")),
    ("KH", ("Kế hoạch thực hiện {topic} năm {year}",)),
    ("TB", ("Thông báo kết luận của lãnh đạo về {topic}",)),
    ("GM", ("Giấy mời họp về {topic}",)),
    ("BC", ("Báo cáo tình hình {topic} tháng {month}",)),
    ("HD", ("Hướng dẫn thực hiện {topic}",)),
    ("CĐ", ("Công điện về việc chủ động ứng phó {topic}",)),
)
TOPICS = (
    "sắp xếp đơn vị hành chính cấp xã", "chuyển đổi số và Đề án 06", "cải cách thủ tục hành chính",
    "phòng, chống dịch sốt xuất huyết", "bầu cử đại biểu Quốc hội", "an toàn giao thông dịp Tết",
    "quản lý trật tự xây dựng", "chi trả trợ cấp xã hội", "kiểm tra công tác văn thư, lưu trữ",
    "tiếp công dân định kỳ", "triều cường và ngập úng", "thu gom rác thải sinh hoạt",
    "cấp Giấy chứng nhận quyền sử dụng đất", "tuyển dụng công chức cấp xã", "lưu trữ hồ sơ sau hợp nhất",
)  # fmt: skip
URGENCIES = (("normal", 80), ("urgent", 12), ("very_urgent", 5), ("flash", 3))
CONFIDENTIALITIES = (("normal", 96), ("confidential", 3), ("secret", 1))
SIGNERS = (("Chủ tịch", "Nguyễn Văn Hùng"), ("Phó Chủ tịch", "Trần Thị Mai"), ("Giám đốc", "Lê Quốc Việt"))


MEETING_PLACES = (
    "Hội trường A, Trụ sở Ủy ban nhân dân Thành phố, số 86 Lê Thánh Tôn, Phường Sài Gòn",
    "Phòng họp số 2, Ủy ban nhân dân Phường Thủ Dầu Một",
    "Hội trường Trung tâm Hành chính tỉnh Bình Dương cũ, Phường Thủ Dầu Một",
    "Phòng họp trực tuyến của Ủy ban nhân dân Phường",
)
MEETING_HOURS = ("08 giờ 00", "08 giờ 30", "09 giờ 00", "14 giờ 00", "14 giờ 30")


def invitation_text(issuer: str, number: str, issued_on: date) -> str:
    """An invitation's content (time, place, chair; a link for an online one), drawn from its own number
    so that the rest of the demo's rows stay as they were."""
    rng = random.Random(f"giay-moi:{issuer}:{number}:{issued_on.isoformat()}")
    day = issued_on + timedelta(days=rng.randint(2, 8))
    day += timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)  # a weekend's goes to Monday
    position, chair = rng.choice(SIGNERS)
    lines = [
        f"{issuer} trân trọng kính mời lãnh đạo Ủy ban nhân dân Phường dự họp.",
        f"Thời gian: {rng.choice(MEETING_HOURS)} ngày {day.strftime('%d/%m/%Y')}.",
        f"Địa điểm: {rng.choice(MEETING_PLACES)}.",
        f"Chủ trì: Đồng chí {chair} - {position}.",
    ]
    if rng.random() < 0.4:
        code = rng.randint(100_000_000, 999_999_999)
        lines.append(f"Hình thức: trực tuyến, đường dẫn: https://hop.tphcm.gov.vn/p/{code}, mã phòng: {code}.")
    return "\n".join(lines)


@dataclass
class _Counters:
    arrival: dict[int, int] = field(default_factory=dict)  # year → last number
    issued: dict[tuple[str, int], int] = field(default_factory=dict)  # (issuer, year) → last number
    dossier: dict[tuple[str, date], int] = field(default_factory=dict)  # (unit, day) → last sequence

    def next(self, table: dict[Any, int], key: Any) -> int:
        table[key] = table.get(key, 0) + 1
        return table[key]


def weighted_choice(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


@cache
def shipped_procedures() -> dict[str, Procedure]:
    """The ward's procedure catalogue the demo and training services ship: code → procedure."""
    entries = load_json_resource(PROCEDURE_CATALOGUE_RESOURCE)["procedures"]
    return {procedure.code: procedure for procedure in map(procedure_from_fields, entries)}


def shipped_calendar() -> WorkingCalendar:
    """The office calendar the service counts deadlines with: holidays and the shipped Government days file."""
    return office_calendar(load_json_resource(GOVERNMENT_DAYS_RESOURCE))


class DemoGenerator:
    """Yields the rows of one unit's documents and dossiers (``home``: the unit, by default the demo ward)."""

    def __init__(
        self,
        today: datetime,
        seed: int = 2025,
        directory: AgencyDirectory | None = None,
        home: AgencyEntry | None = None,
    ) -> None:
        self.now = today.astimezone(VN_TZ)
        self.rng = random.Random(seed)
        self.directory = directory or load_shipped_directory()
        self.calendar = shipped_calendar()
        self.counters = _Counters()
        self.issuers = [a for a in self.directory.agencies if a.valid_to is None and not a.is_ward]
        self.wards = self.directory.wards()
        self.home = home or next(w for w in self.wards if w.name == DEMO_UNIT_NAME)

    @property
    def home_place(self) -> str:
        """ "Phường Thủ Dầu Một" from "Ủy ban nhân dân Phường Thủ Dầu Một", for addresses."""
        return self.home.name.removeprefix("Ủy ban nhân dân ")

    # -- documents ---------------------------------------------------------------------------

    def incoming_document(self) -> dict[str, Any]:
        rng, now = self.rng, self.now
        issuer = rng.choice(self.issuers)
        issued_on = now.date() - timedelta(days=int(rng.expovariate(1 / 25)))
        arrival = min(now.date(), issued_on + timedelta(days=rng.randint(0, 3)))
        doc_type, templates = rng.choice(DOCUMENT_TYPES)
        age = (now.date() - arrival).days
        state = self._incoming_state(age)
        urgency = weighted_choice(rng, URGENCIES)
        assigned = state in (IncomingState.ASSIGNED, IncomingState.IN_PROGRESS, IncomingState.DONE)
        common = self._document_common("incoming", issuer, doc_type, templates, issued_on)
        if doc_type == "GM":
            common["content"] = invitation_text(issuer.name, common["number"], issued_on)
        return {
            **common,
            "urgency": urgency,
            "arrival_date": arrival,
            "arrival_number": self.counters.next(self.counters.arrival, arrival.year),
            "recipients": [self.home.name],
            "assignee": person(rng) if assigned else None,
            "due_on": self._due_on(arrival, urgency) if assigned or rng.random() < 0.3 else None,
            "state": state.value,
            "trail": self._trail(arrival, state.value),
        }

    def outgoing_document(self) -> dict[str, Any]:
        rng, now = self.rng, self.now
        issued_on = now.date() - timedelta(days=int(rng.expovariate(1 / 20)))
        doc_type, templates = rng.choice(DOCUMENT_TYPES[:6])
        state = rng.choice(list(OutgoingState))
        numbered = state in (OutgoingState.ISSUED, OutgoingState.SENT, OutgoingState.RECALLED)
        row = self._document_common("outgoing", self.home, doc_type, templates, issued_on)
        if not numbered:
            row["number"] = None
        return {
            **row,
            "urgency": weighted_choice(rng, URGENCIES),
            "arrival_date": None,
            "arrival_number": None,
            "recipients": [a.name for a in rng.sample(self.issuers, 2)],
            "assignee": person(rng),
            "due_on": None,
            "state": state.value,
            "trail": self._trail(issued_on, state.value),
        }

    def _document_common(
        self,
        direction: str,
        issuer: AgencyEntry,
        doc_type: str,
        templates: tuple[str, ...],
        issued_on: date,
    ) -> dict[str, Any]:
        rng = self.rng
        number = self.counters.next(self.counters.issued, (issuer.code, issued_on.year))
        prefix = "UBND" if "Ủy ban" in issuer.name else "S" + "".join(w[0] for w in issuer.name.split()[1:3]).upper()
        entry = by_code(doc_type)
        abbreviation = entry.abbreviation if entry is not None else doc_type
        notation = f"{abbreviation}-{prefix}" if abbreviation else f"{prefix}-VP"
        subject = rng.choice(templates).format(
            topic=rng.choice(TOPICS), year=issued_on.year, month=f"{issued_on.month:02d}/{issued_on.year}"
        )
        position, signer = rng.choice(SIGNERS)
        return {
            "unit_code": self.home.code,
            "version": 1,
            "direction": direction,
            "number": str(number),
            "notation": notation,
            "doc_type": doc_type,
            "issuing_agency_code": issuer.code,
            "issuing_agency_name": issuer.name,
            "issued_on": issued_on,
            "subject": subject,
            "content": None,  # an invitation's says when and where (invitation_text)
            "confidentiality": weighted_choice(rng, CONFIDENTIALITIES),
            "signer_name": signer,
            "signer_position": position,
            "updated_at": self.now,
        }

    def _incoming_state(self, age_days: int) -> IncomingState:
        if age_days == 0:
            return self.rng.choice((IncomingState.RECEIVED, IncomingState.REGISTERED))
        if age_days < 5:
            return self.rng.choice(list(IncomingState)[2:6])
        return IncomingState.DONE if self.rng.random() < 0.8 else IncomingState.IN_PROGRESS

    def _due_on(self, arrival: date, urgency: str) -> date:
        days = 1 if urgency in ("very_urgent", "flash") else self.rng.choice((3, 5, 7, 10, 15))
        return self.calendar.add_working_days(arrival, days)

    def _trail(self, day: date, state: str) -> list[dict[str, Any]]:
        return [{"at": day.isoformat(), "by": person(self.rng), "state": state}]

    # -- dossiers ----------------------------------------------------------------------------

    def dossier(self) -> dict[str, Any]:
        rng = self.rng
        procedure = shipped_procedures()[rng.choice(DEMO_PROCEDURE_MIX)]
        received_at = self._receipt_time()
        cutoff = procedure.effective_cutoff(OFFICE_CUTOFF)
        due = due_at(received_at, procedure.statutory, self.calendar, cutoff)
        state = self._dossier_state(due)
        finished_at = None
        if state in FINISHED_DOSSIER_STATES:
            finished_at = min(self.now, due + timedelta(hours=rng.choice((-30, -20, -3, -1, 2, 30))))
            finished_at = max(finished_at, received_at + timedelta(minutes=30))
        day = received_at.date()
        sequence = self.counters.next(self.counters.dossier, (self.home.code, day))
        dossier_code = str(DossierCode(self.home.code, day, sequence))
        applicant = person(rng)
        return {
            "unit_code": self.home.code,
            "version": 1,
            "code": dossier_code,
            "procedure_code": procedure.code,
            "procedure_name": procedure.name,
            "applicant_name": applicant,
            "applicant_id_number": f"0{rng.randint(10, 99)}{rng.randint(0, 999999999):09d}",
            "applicant_address": f"{rng.randint(1, 300)} đường {rng.choice(STREETS)}, {self.home_place}",
            "applicant_phone": f"09{rng.randint(0, 99999999):08d}",
            "channel": rng.choice(("online", "online", "in_person", "in_person", "post")),
            "received_at": received_at,
            "statutory_amount": procedure.statutory.amount,
            "statutory_unit": procedure.statutory.unit,
            "cutoff": cutoff.strftime("%H:%M") if cutoff else None,
            "due_at": due,
            "finished_at": finished_at,
            "state": int(state),
            "history": [{"at": received_at.isoformat(), "state": int(DossierState.SUBMITTED), "by": applicant}],
            "updated_at": self.now,
        }

    def _receipt_time(self) -> datetime:
        day = self.now.date() - timedelta(days=int(self.rng.expovariate(1 / 40)))
        minutes = self.rng.randint(7 * 60 + 30, 17 * 60 + 30)
        moment = datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=VN_TZ)
        return min(moment, self.now - timedelta(minutes=5))

    def _dossier_state(self, due: datetime) -> DossierState:
        rng = self.rng
        if due < self.now:  # most finished on time; some still open and therefore overdue
            if rng.random() < 0.85:
                return rng.choice((DossierState.PROCESSED, DossierState.RETURNED, DossierState.RETURNED))
            return rng.choice((DossierState.IN_PROGRESS, DossierState.SUPPLEMENT_REQUESTED))
        return rng.choice(
            (DossierState.SUBMITTED, DossierState.ACCEPTED, DossierState.IN_PROGRESS, DossierState.IN_PROGRESS)
        )

    # -- writing -----------------------------------------------------------------------------

    def items(self, count: int) -> Iterator[tuple[str, dict[str, Any]]]:
        """``count`` rows, about 45% incoming, 15% outgoing documents and 40% dossiers."""
        for _ in range(count):
            roll = self.rng.random()
            if roll < 0.45:
                yield "document", self.incoming_document()
            elif roll < 0.60:
                yield "document", self.outgoing_document()
            else:
                yield "dossier", self.dossier()
