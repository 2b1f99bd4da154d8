"""The dossier register for a period (sổ theo dõi hồ sơ, form 07 of Circular 03/2025/TT-VPCP): one
line per dossier received in the period, in the order received, with where it stands when printed.

A legal paper: it is written in Vietnamese whatever the window's language. Its layout is the
template ``resources/forms/mau-07-so-theo-doi.html``; the Excel copy is ``app.report_workbooks``.
No Qt and no database here: the caller passes the records (``Workbench.dossiers_received``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from app.domain.dossier_deadline import DeadlineStatus, deadline_status
from app.domain.dossier_record import DossierRecord
from app.domain.dossier_standing import Standing, standing
from app.domain.workflow import DossierState
from app.export_format import Period
from app.form_templates import day_text, hour_text, render

TEMPLATE = "mau-07-so-theo-doi.html"
TITLE = "SỔ THEO DÕI HỒ SƠ"
FORM_NAME = "Mẫu số 07 – Thông tư số 03/2025/TT-VPCP"

_RESULT_STATES = frozenset({DossierState.PROCESSED, DossierState.RETURNED})
# What the notes say of a dossier that is not simply being processed or finished.
_STATE_NOTES = {
    DossierState.NOT_ACCEPTED: "Không tiếp nhận",
    DossierState.SUPPLEMENT_REQUESTED: "Chờ bổ sung hồ sơ",
    DossierState.FINANCIAL_OBLIGATION: "Chờ thực hiện nghĩa vụ tài chính",
    DossierState.WITHDRAWAL_REQUESTED: "Xin rút hồ sơ",
    DossierState.STOPPED: "Dừng xử lý",
}
_CHANNEL_NOTES = {"online": "Nộp trực tuyến", "post": "Nộp qua bưu chính"}
_STANDING_NOTES = {Standing.OVERDUE: "Quá hạn", Standing.DUE_SOON: "Sắp đến hạn"}
LATE_NOTE = "Trễ hạn"


@dataclass(frozen=True)
class RegisterLine:
    number: int  # STT, from 1
    record: DossierRecord
    result_at: datetime | None  # when the result was recorded (not a refusal or a stop)
    notes: tuple[str, ...]

    @property
    def contact(self) -> str:
        """The applicant's address and phone, as the register writes them on one line."""
        return ", ".join(part for part in (self.record.applicant_address, self.record.applicant_phone) if part)


def register_lines(records: Iterable[DossierRecord], now: datetime, soon_until: datetime) -> list[RegisterLine]:
    """The register's lines, numbered in the order received; ``now`` and ``soon_until``
    (``dossier_standing.due_soon_until``) say which open dossiers are overdue or due soon."""
    ordered = sorted(records, key=lambda record: (record.received_at, record.id))
    return [_line(number, record, now, soon_until) for number, record in enumerate(ordered, start=1)]


def _line(number: int, record: DossierRecord, now: datetime, soon_until: datetime) -> RegisterLine:
    state = _known_state(record.state)
    result_at = record.finished_at if state in _RESULT_STATES else None
    return RegisterLine(number, record, result_at, _notes(record, state, now, soon_until))


def _known_state(value: int) -> DossierState | None:
    try:
        return DossierState(value)
    except ValueError:  # a status newer than this client: no note rather than a wrong one
        return None


def _notes(record: DossierRecord, state: DossierState | None, now: datetime, soon_until: datetime) -> tuple[str, ...]:
    notes = [_CHANNEL_NOTES[record.channel]] if record.channel in _CHANNEL_NOTES else []
    if state is None:
        return tuple(notes)
    if state in _STATE_NOTES:
        when = f" ngày {day_text(record.finished_at)}" if state is DossierState.STOPPED and record.finished_at else ""
        notes.append(_STATE_NOTES[state] + when)
    if state in _RESULT_STATES and record.finished_at is not None:
        graded = deadline_status(record.finished_at, record.due_at, record.finished_at)
        notes.extend([LATE_NOTE] if graded is DeadlineStatus.FINISHED_LATE else [])
    else:  # a running dossier (a withdrawal asked for too) is overdue or due soon as the lists say
        place = standing(state, record.due_at, record.finished_at, now, soon_until)
        notes.extend([_STANDING_NOTES[place]] if place in _STANDING_NOTES else [])
    return tuple(notes)


def period_text(period: Period) -> str:
    return f"Từ ngày {day_text(period[0])} đến ngày {day_text(period[1])}"


def footer_text(count: int, printed_at: datetime) -> str:
    return f"Tổng số: {count} hồ sơ. In lúc {hour_text(printed_at)} ngày {day_text(printed_at)}."


def register_html(lines: list[RegisterLine], unit_name: str, period: Period, printed_at: datetime) -> str:
    """The register as HTML for ``ui.printing`` (landscape A4)."""
    return render(
        TEMPLATE,
        title=TITLE,
        form_name=FORM_NAME,
        unit=unit_heading(unit_name),
        period=period_text(period),
        lines=lines,
        footer=footer_text(len(lines), printed_at),
    )


def unit_heading(unit_name: str) -> tuple[str, str]:
    """ "Ủy ban nhân dân phường Sài Gòn" as the forms head a page: ("ỦY BAN NHÂN DÂN", "PHƯỜNG SÀI GÒN")."""
    committee, _, ward = unit_name.partition("Ủy ban nhân dân ")
    if ward and not committee:
        return "ỦY BAN NHÂN DÂN", ward.upper()
    return "", unit_name.upper()
