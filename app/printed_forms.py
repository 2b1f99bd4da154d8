"""Printable HTML forms made from the cache (the incoming-document register, the dossier receipt
slip); ``ui.printing`` turns them into PDF or paper. The one-stop register and monthly report are
templates (``app.dossier_register``, ``app.procedure_report``). Every value that reaches HTML is
escaped: subjects, names and addresses come from other systems and from citizens."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

import segno

from app.domain.errors import tr_noop
from app.domain.item_lists import DocumentRow
from app.domain.labels import CHANNEL_LABELS, URGENCY_LABELS
from app.domain.working_calendar import as_vn_time
from app.export_format import Period, Translate, format_date, format_datetime, label, same_text
from app.workbench import ItemDetail

_CSS = """
body { font-size: 11pt; }
h1 { font-size: 13pt; font-weight: bold; text-align: center; margin: 6pt 0 2pt 0; }
p.center { text-align: center; margin: 0; }
p.unit { font-weight: bold; margin: 0; }
table.grid { border-collapse: collapse; width: 100%; margin-top: 8pt; }
table.grid th, table.grid td { border: 1px solid #000; padding: 3px; font-size: 9.5pt; vertical-align: top; }
table.grid th { font-weight: bold; text-align: center; background-color: #eeeeee; }
td.number { text-align: right; }
td.center, th.index { text-align: center; }
td.date { text-align: center; white-space: nowrap; }
th.index { font-weight: normal; font-style: italic; }
td.label { font-weight: normal; }
table.heading td { text-align: center; vertical-align: top; font-size: 10pt; }
.signature td { text-align: center; vertical-align: top; padding-top: 18pt; }
"""


def _e(value: Any) -> str:
    """Escape anything for HTML text or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>{body}</body></html>"
    )


def _period_line(period: Period | None, translate: Translate) -> str:
    if period is None:
        return ""
    text = translate(tr_noop("From {start} to {end}")).format(start=format_date(period[0]), end=format_date(period[1]))
    return f'<p class="center"><i>{_e(text)}</i></p>'


def _in_period(moment: date | datetime | None, period: Period | None) -> bool:
    if moment is None:
        return False
    day = as_vn_time(moment).date() if isinstance(moment, datetime) else moment
    return period is None or period[0] <= day <= period[1]


def _header_cells(headers: Sequence[tuple[str, int]], translate: Translate) -> str:
    """One header row (with widths in %) and the numbered row (1), (2)… of the Decree's forms."""
    titles = "".join(f'<th width="{width}%">{_e(translate(text))}</th>' for text, width in headers)
    numbers = "".join(f'<th class="index">({number})</th>' for number in range(1, len(headers) + 1))
    return f"<thead><tr>{titles}</tr><tr>{numbers}</tr></thead>"


# -- the incoming-document register (Decree 30/2020, Appendix IV) --------------------------------

_REGISTER_COLUMNS: tuple[tuple[str, int], ...] = (
    (tr_noop("Arrival date"), 8),
    (tr_noop("Arrival no."), 5),
    (tr_noop("Author"), 15),
    (tr_noop("Number/notation"), 10),
    (tr_noop("Document date"), 8),
    (tr_noop("Type and subject"), 24),
    (tr_noop("Receiving unit or person"), 10),
    (tr_noop("Date forwarded"), 7),
    (tr_noop("Signature"), 6),
    (tr_noop("Notes"), 7),
)


def register_rows(rows: Iterable[DocumentRow], period: Period | None = None) -> list[DocumentRow]:
    """The rows a register lists: registered incoming documents arrived in ``period``, by arrival number."""
    chosen = [
        row
        for row in rows
        if row.direction == "incoming" and row.arrival_number is not None and _in_period(row.arrival_date, period)
    ]
    return sorted(chosen, key=lambda row: (row.arrival_date or date.min, row.arrival_number or 0, row.id))


def incoming_register_html(
    rows: Iterable[DocumentRow],
    translate: Translate = same_text,
    unit_name: str = "",
    period: Period | None = None,
) -> str:
    """The incoming-document register (sổ đăng ký văn bản đến) as printable HTML, for landscape A4.

    The receiving unit or person, date forwarded and signature columns are left for the handwritten
    book (a row does not carry the assignment); urgent documents say so in the notes.
    """
    title = translate(tr_noop("INCOMING DOCUMENTS REGISTER"))
    body_rows = "".join(_register_row(row, translate) for row in register_rows(rows, period))
    body = (
        f'<p class="unit">{_e(unit_name)}</p><h1>{_e(title)}</h1>{_period_line(period, translate)}'
        f'<table class="grid" cellspacing="0" cellpadding="3">'
        f"{_header_cells(_REGISTER_COLUMNS, translate)}<tbody>{body_rows}</tbody></table>"
    )
    return _page(title, body)


def _register_row(row: DocumentRow, translate: Translate) -> str:
    notes = "" if row.urgency == "normal" else label(URGENCY_LABELS, row.urgency, translate)
    cells = (
        ("date", format_date(row.arrival_date)),
        ("center", row.arrival_number),
        ("", row.issuing_agency_name),
        ("", row.number_notation),
        ("date", format_date(row.issued_on)),
        ("", row.subject),
        ("", ""),
        ("", ""),
        ("", ""),
        ("", notes),
    )
    return "<tr>" + "".join(f'<td class="{css}">{_e(value)}</td>' for css, value in cells) + "</tr>"


# -- the dossier receipt slip -------------------------------------------------------------------


def qr_code_data_uri(text: str) -> str:
    """A QR code of ``text`` as an SVG data URI: QTextDocument draws ``<img>``, not inline ``<svg>``."""
    return segno.make(text, error="m", micro=False).svg_data_uri(scale=4, border=2)


def _statutory_time(fields: Mapping[str, Any], translate: Translate) -> str:
    amount = fields.get("statutory_amount")
    if amount is None:
        return ""
    if fields.get("statutory_unit") == "hours":
        return translate(tr_noop("{amount} working hours")).format(amount=amount)
    return translate(tr_noop("{amount} working days")).format(amount=amount)


def _slip_lines(fields: Mapping[str, Any], unit_name: str, translate: Translate) -> list[tuple[str, str]]:
    procedure = fields.get("procedure_name") or ""
    if fields.get("procedure_code"):
        procedure = f"{procedure} ({fields['procedure_code']})"
    organisation = fields.get("applicant_kind") == "organisation"
    return [
        (tr_noop("Receiving unit"), unit_name),
        (tr_noop("Received from"), fields.get("applicant_name") or ""),
        (tr_noop("Tax code") if organisation else tr_noop("ID number"), fields.get("applicant_id_number") or ""),
        (tr_noop("Address"), fields.get("applicant_address") or ""),
        (tr_noop("Phone"), fields.get("applicant_phone") or ""),
        (tr_noop("E-mail"), fields.get("applicant_email") or ""),
        (tr_noop("Request"), procedure),
        (tr_noop("Channel"), label(CHANNEL_LABELS, fields.get("channel"), translate)),
        (tr_noop("Statutory processing time"), _statutory_time(fields, translate)),
        (tr_noop("Time received"), format_datetime(fields.get("received_at"))),
        (tr_noop("Promised return time"), format_datetime(fields.get("due_at"))),
        (tr_noop("Where to collect the result"), translate(tr_noop("The one-stop counter of the receiving unit"))),
    ]


def _papers_table(papers: Sequence[Mapping[str, Any]], translate: Translate) -> str:
    """The papers received, with originals and copies, and the number of sets."""
    if not papers:
        return ""
    headers = (tr_noop("No."), tr_noop("Paper"), tr_noop("Originals"), tr_noop("Copies"))
    head = "".join(f"<th>{_e(translate(text))}</th>" for text in headers)
    rows = "".join(
        f'<tr><td class="center">{index}</td><td>{_e(paper.get("name"))}</td>'
        f'<td class="center">{_e(paper.get("originals", 0))}</td>'
        f'<td class="center">{_e(paper.get("copies", 0))}</td></tr>'
        for index, paper in enumerate(papers, start=1)
    )
    caption = translate(tr_noop("Papers received (1 set)"))
    return f'<p><b>{_e(caption)}:</b></p><table class="grid"><tr>{head}</tr>{rows}</table>'


def _place_and_date(unit_name: str, day: date, translate: Translate) -> str:
    """ "Phường Thủ Dầu Một, ngày 25 tháng 11 năm 2026", right-aligned above the signatures."""
    place = unit_name.removeprefix("Ủy ban nhân dân ").strip()
    text = translate(tr_noop("{place}, day {day} month {month} year {year}")).format(
        place=place, day=f"{day.day:02d}", month=f"{day.month:02d}", year=day.year
    )
    return f'<p align="right"><i>{_e(text)}</i></p>'


def receipt_slip_html(
    detail: ItemDetail, unit_name: str = "", translate: Translate = same_text, issued_at: datetime | None = None
) -> str:
    """Form 01 of Circular 03/2025/TT-VPCP: the receipt and appointment slip (giấy tiếp nhận hồ sơ và
    hẹn trả kết quả), with the dossier code as a QR code, the papers received, place and date, and
    both signature lines. ``issued_at``: when the slip is printed (default: the receipt time)."""
    if detail.kind != "dossier":
        raise ValueError(f"a receipt slip is for a dossier, not a {detail.kind}")
    fields = detail.fields
    code = str(fields.get("code") or "")
    title = translate(tr_noop("RECEIPT OF DOSSIER AND APPOINTMENT TO RETURN THE RESULT"))
    lines = "".join(
        f'<tr><td class="label" width="34%">{_e(translate(label))}:</td><td><b>{_e(value)}</b></td></tr>'
        for label, value in _slip_lines(fields, unit_name, translate)
        if value
    )
    issued = as_vn_time(issued_at or fields["received_at"]).date()
    papers = fields.get("received_components") or []
    body = (
        f'{_slip_heading(unit_name, translate)}<p align="center" style="font-size: 12pt; font-weight: bold; '
        f'margin-top: 10pt">{_e(title)}</p><table width="100%"><tr>'
        f'<td width="78%">{_e(translate(tr_noop("Dossier code")))}: <b>{_e(code)}</b></td>'
        f'<td align="right"><img src="{_e(qr_code_data_uri(code))}" width="96" height="96" alt="{_e(code)}"></td>'
        f'</tr></table><table width="100%" cellpadding="2">{lines}</table>'
        f"{_papers_table(papers, translate)}{_place_and_date(unit_name, issued, translate)}"
        f"{_slip_signatures(translate)}"
    )
    return _page(title, body)


def _slip_heading(unit_name: str, translate: Translate) -> str:
    """The national heading: the unit on the left ("ỦY BAN NHÂN DÂN" over the ward, as the forms
    print it), the country's name and motto on the right."""
    country = translate(tr_noop("SOCIALIST REPUBLIC OF VIETNAM"))
    motto = translate(tr_noop("Independence – Freedom – Happiness"))
    committee, _, ward = unit_name.partition("Ủy ban nhân dân ")
    unit = (
        f"{_e('ỦY BAN NHÂN DÂN')}<br><b>{_e(ward.upper())}</b>" if ward and not committee else f"<b>{_e(unit_name)}</b>"
    )
    return (
        '<table class="heading" width="100%"><tr>'
        f'<td width="40%">{unit}</td>'
        f"<td><b>{_e(country)}</b><br><b><u>{_e(motto)}</u></b></td>"
        "</tr></table>"
    )


def _slip_signatures(translate: Translate) -> str:
    hint = _e(translate(tr_noop("(sign and write the full name)")))
    submitter = _e(translate(tr_noop("SUBMITTED BY")))
    receiver = _e(translate(tr_noop("RECEIVED BY")))
    return (
        '<table class="signature" width="100%"><tr>'
        f"<td width='50%'><b>{submitter}</b><br><i>{hint}</i></td><td><b>{receiver}</b><br><i>{hint}</i></td>"
        "</tr></table>"
    )
