"""The one-stop forms of Circular 03/2025/TT-VPCP, Appendix I (Mẫu 01 to 06; 07, the dossier
register, is made elsewhere), as printable HTML for ``ui.printing``.

The layouts and all their wording are Jinja2 templates in ``resources/forms`` (the circular leaves
fields open and the national portal's forms may change: an edit there needs no release of code);
this module only chooses the forms a dossier's state calls for and builds their context from the
dossier detail the window reads (``Workbench.dossier_for_forms``).

The forms are printed in Vietnamese whatever the UI language: they are legal papers handed to the
citizen and kept in the dossier. Only their names in the window's menu (``FORM_LABELS``) follow the
UI language. Every value is escaped by the template engine (names and reasons come from citizens
and other systems), and a value the template names but the context lacks is an error, never a blank.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from app.domain.dossier_deadline import deadline_status
from app.domain.errors import DomainError, tr_noop
from app.domain.workflow import DossierState
from app.domain.working_calendar import as_vn_time
from app.form_templates import render
from app.workbench import ItemDetail


class FormKind(StrEnum):
    """A form of Appendix I, by its number."""

    RECEIPT = "01"  # giấy tiếp nhận hồ sơ và hẹn trả kết quả
    SUPPLEMENT = "02"  # phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
    REFUSAL = "03"  # phiếu từ chối tiếp nhận giải quyết hồ sơ
    APOLOGY = "04"  # phiếu xin lỗi và hẹn lại ngày trả kết quả
    STOPPED = "05"  # thông báo về việc dừng giải quyết hồ sơ
    CONTROL = "06"  # phiếu kiểm soát quá trình giải quyết hồ sơ


TEMPLATES: Mapping[FormKind, str] = {
    FormKind.RECEIPT: "mau-01-tiep-nhan.html",
    FormKind.SUPPLEMENT: "mau-02-bo-sung.html",
    FormKind.REFUSAL: "mau-03-tu-choi.html",
    FormKind.APOLOGY: "mau-04-xin-loi.html",
    FormKind.STOPPED: "mau-05-dung-giai-quyet.html",
    FormKind.CONTROL: "mau-06-kiem-soat.html",
}

FORM_LABELS: Mapping[FormKind, str] = {
    FormKind.RECEIPT: tr_noop("Form 01: receipt and appointment slip"),
    FormKind.SUPPLEMENT: tr_noop("Form 02: request to supplement the dossier"),
    FormKind.REFUSAL: tr_noop("Form 03: refusal to accept the dossier"),
    FormKind.APOLOGY: tr_noop("Form 04: apology and new appointment"),
    FormKind.STOPPED: tr_noop("Form 05: notice that processing is stopped"),
    FormKind.CONTROL: tr_noop("Form 06: processing control slip"),
}

# The file name a saved form suggests, before the dossier code.
FILE_STEMS: Mapping[FormKind, str] = {
    FormKind.RECEIPT: "giay-tiep-nhan",
    FormKind.SUPPLEMENT: "phieu-bo-sung",
    FormKind.REFUSAL: "phieu-tu-choi",
    FormKind.APOLOGY: "phieu-xin-loi",
    FormKind.STOPPED: "thong-bao-dung",
    FormKind.CONTROL: "phieu-kiem-soat",
}

_D = DossierState
_NOT_RECEIVED = frozenset({_D.SUBMITTED, _D.NOT_ACCEPTED})  # not taken in: no control slip yet
# The form a state calls for besides the receipt and the control slip. Form 04 is in no menu: it needs
# a new appointment, which its caller passes (see ``form_html``).
_BY_STATE: Mapping[DossierState, FormKind] = {
    _D.SUPPLEMENT_REQUESTED: FormKind.SUPPLEMENT,
    _D.NOT_ACCEPTED: FormKind.REFUSAL,
    _D.STOPPED: FormKind.STOPPED,
}
# The history entry whose reason a form prints.
_REASON_ACTION: Mapping[FormKind, str] = {
    FormKind.SUPPLEMENT: "request_supplement",
    FormKind.REFUSAL: "refuse",
    FormKind.STOPPED: "stop_processing",
}


def forms_for(state: int, new_appointment: bool = False) -> list[FormKind]:
    """The forms that apply to a dossier in ``state``, the receipt first where there is one; the
    apology (04) once the dossier has a new appointment."""
    try:
        known = DossierState(state)
    except ValueError:  # a status from a newer server: nothing is known to print
        return []
    # a refused dossier gets form 03 instead of a receipt
    forms = [] if known is _D.NOT_ACCEPTED else [FormKind.RECEIPT]
    if known in _BY_STATE:
        forms.append(_BY_STATE[known])
    if new_appointment:
        forms.append(FormKind.APOLOGY)
    if known not in _NOT_RECEIVED:
        forms.append(FormKind.CONTROL)
    return forms


def form_html(kind: FormKind, detail: ItemDetail, unit_name: str, issued_at: datetime) -> str:
    """Form ``kind`` for the dossier of ``detail``, issued by ``unit_name`` at ``issued_at``; reasons
    come from the dossier's history, form 04's new appointment from ``extended_due_at``."""
    if detail.kind != "dossier":
        raise ValueError(f"a one-stop form is for a dossier, not a {detail.kind}")
    context = {**_common(kind, detail, unit_name, issued_at), **_specific(kind, detail)}
    return render(TEMPLATES[kind], **context)


# -- the context ----------------------------------------------------------------------------------


def qr_code_data_uri(text: str) -> str:
    """A QR code of ``text`` as an SVG data URI: QTextDocument draws ``<img>``, not inline ``<svg>``."""
    import segno

    return segno.make(text, error="m", micro=False).svg_data_uri(scale=4, border=2)


def _common(kind: FormKind, detail: ItemDetail, unit_name: str, issued_at: datetime) -> dict[str, Any]:
    fields = detail.fields
    code = str(fields.get("code") or "")
    parent, _, ward = unit_name.partition("Ủy ban nhân dân ")
    return {
        "form_number": kind.value,
        "unit": {"full": unit_name, "committee": bool(ward and not parent), "name": ward if ward else unit_name},
        "place": ward.strip() if ward and not parent else unit_name,
        "issued": as_vn_time(issued_at),
        "code": code,
        "qr": qr_code_data_uri(code) if code else "",
        "dossier": _dossier(fields),
        "applicant": _applicant(fields),
        "receiver": _first_by(detail.trail, ("register", "accept")),
    }


def _dossier(fields: Mapping[str, Any]) -> dict[str, Any]:
    procedure = str(fields.get("procedure_name") or "")
    if fields.get("procedure_code"):
        procedure = f"{procedure} ({fields['procedure_code']})"
    return {
        "procedure": procedure,
        "channel": fields.get("channel") or "",
        "statutory_amount": fields.get("statutory_amount") or "",
        "statutory_unit": fields.get("statutory_unit") or "days",
        "received_at": fields.get("received_at"),
        "due_at": fields.get("due_at"),
        "state": int(fields.get("state") or 0),
        "papers": [_paper(paper) for paper in fields.get("received_components") or []],
    }


def _paper(paper: Mapping[str, Any]) -> dict[str, Any]:
    """A paper received, with how many originals and copies (app.domain.procedures.DossierComponent)."""
    return {
        "name": str(paper.get("name") or ""),
        "originals": int(paper.get("originals") or 0),
        "copies": int(paper.get("copies") or 0),
    }


def _applicant(fields: Mapping[str, Any]) -> dict[str, Any]:
    return {
        key: str(fields.get(f"applicant_{key}") or "") for key in ("name", "id_number", "address", "phone", "email")
    } | {"organisation": fields.get("applicant_kind") == "organisation"}


def _specific(kind: FormKind, detail: ItemDetail) -> dict[str, Any]:
    if kind is FormKind.APOLOGY:
        return _apology(detail)
    if kind is FormKind.CONTROL:
        return {"steps": control_steps(detail)}
    if kind in _REASON_ACTION:
        entry = _last_entry(detail.trail, _REASON_ACTION[kind])
        context = {"reason": str(entry.get("reason") or ""), "by": str(entry.get("by") or "")}
        if kind is FormKind.SUPPLEMENT:
            context["requests"], context["reason"] = supplement_parts(context["reason"])
        return context
    return {}


def _apology(detail: ItemDetail) -> dict[str, Any]:
    new_due = _moment(detail.fields.get("extended_due_at"))
    if new_due is None:
        raise DomainError("forms.no_appointment", tr_noop("This dossier has no new appointment to apologise with."))
    return {"new_due": as_vn_time(new_due), "reason": str(_last_entry(detail.trail, "apologise").get("reason") or "")}


_REASON_MARK = re.compile(r"^\s*l[yý]\s+do\b\s*:?\s*", re.IGNORECASE)
_LIST_MARK = re.compile(r"^\s*(?:[-•*+]|\d+[.)](?!\d))\s*")  # "- ", "•", "1.", "2)" but not "1.001193"


def supplement_parts(text: str) -> tuple[list[str], str]:
    """A supplement request as the official typed it: one paper or point per line, then, from a line
    starting with "Lý do:", the reason. Without that line the reason is left to write by hand."""
    requests: list[str] = []
    lines = [unicodedata.normalize("NFC", line) for line in text.splitlines() if line.strip()]
    for index, line in enumerate(lines):
        mark = _REASON_MARK.match(line)
        if mark is not None:
            reason = " ".join([line[mark.end() :].strip(), *(rest.strip() for rest in lines[index + 1 :])])
            return requests, reason.strip()
        requests.append(_LIST_MARK.sub("", line).strip())
    return requests, ""


def _last_entry(trail: Sequence[Mapping[str, Any]], action: str) -> Mapping[str, Any]:
    return next((entry for entry in reversed(trail) if entry.get("action") == action), {})


def _first_by(trail: Sequence[Mapping[str, Any]], actions: tuple[str, ...]) -> str:
    return next((str(entry.get("by") or "") for entry in trail if entry.get("action") in actions), "")


# -- form 06: the hand-overs ---------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One line of the control slip: an entry of the dossier's history, who handed the dossier on and
    who took it (the next entry's author, or the applicant when the result is returned)."""

    at: datetime | None
    action: str  # the history's action code; "" for an entry of another system that has none
    state: int | None
    handed_by: str
    received_by: str
    due_at: datetime | None  # the step's due time, when the history knows one (a recount after a supplement)
    remark: str  # the reason or result written with the step
    timing: str  # for the step that records the result: a DeadlineStatus value against the dossier's due time


def control_steps(detail: ItemDetail) -> list[Step]:
    """The dossier's steps, oldest first, one per entry of its history."""
    trail, fields = detail.trail, detail.fields
    steps = []
    for index, entry in enumerate(trail):
        following = trail[index + 1] if index + 1 < len(trail) else {}
        steps.append(_step(entry, following, fields))
    return steps


def _step(entry: Mapping[str, Any], following: Mapping[str, Any], fields: Mapping[str, Any]) -> Step:
    at, action = _moment(entry.get("at")), str(entry.get("action") or "")
    received_by = str(entry.get("assignee") or following.get("by") or "")
    if action == "return_result":
        received_by = str(fields.get("applicant_name") or "")
    return Step(
        at=at,
        action=action,
        state=_integer(entry.get("state")),
        handed_by=str(entry.get("by") or ""),
        received_by=received_by,
        due_at=_moment(entry.get("due_at")),
        remark=str(entry.get("reason") or entry.get("result") or ""),
        timing=_timing(action, at, fields.get("due_at")),
    )


def _timing(action: str, at: datetime | None, due: Any) -> str:
    """Early, on time or late: said of the step that records the result, against the dossier's due time."""
    if action != "record_result" or at is None or not isinstance(due, datetime):
        return ""
    return deadline_status(at, due, at).value


def _moment(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return as_vn_time(value)
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return as_vn_time(moment) if moment.tzinfo else None


def _integer(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
