"""The incoming-document register as printable HTML made from the cache; ``ui.printing`` turns it into
PDF or paper. Every value that reaches HTML is escaped: subjects and names come from other systems.
The one-stop forms (Mẫu 01-06), the dossier register (Mẫu 07) and the monthly report are templates,
rendered by ``app.one_stop_forms``, ``app.dossier_register`` and ``app.procedure_report``."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from app.domain.errors import tr_noop
from app.domain.incoming_register import RegisterLine
from app.domain.item_lists import DocumentRow
from app.domain.labels import URGENCY_LABELS
from app.domain.working_calendar import as_vn_time
from app.export_format import Period, Translate, format_date, label, same_text

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
    (tr_noop("Type and subject"), 22),
    (tr_noop("Receiving unit or person"), 10),
    (tr_noop("Date forwarded"), 7),
    (tr_noop("Signature"), 6),
    (tr_noop("Notes"), 9),  # "Thượng khẩn" on one line
)


def register_rows(rows: Iterable[DocumentRow | RegisterLine], period: Period | None = None) -> list[RegisterLine]:
    """The lines a register lists: registered incoming documents arrived in ``period``, by arrival number
    (a bare list row has no assignee nor date forwarded: those columns stay for the pen)."""
    lines = [row if isinstance(row, RegisterLine) else RegisterLine(row) for row in rows]
    chosen = [
        line
        for line in lines
        if line.document.direction == "incoming"
        and line.document.arrival_number is not None
        and _in_period(line.document.arrival_date, period)
    ]
    return sorted(
        chosen, key=lambda line: (line.document.arrival_date or date.min, line.document.arrival_number or 0,
                                  line.document.id)
    )  # fmt: skip


def incoming_register_html(
    rows: Iterable[DocumentRow | RegisterLine],
    translate: Translate = same_text,
    unit_name: str = "",
    period: Period | None = None,
) -> str:
    """The incoming-document register (sổ đăng ký văn bản đến) as printable HTML, for landscape A4.

    The receiving unit or person (column 7) and the date forwarded (8) come from a RegisterLine, when
    the document was assigned; the signature (9) is left for the pen; urgent documents say so in the notes.
    """
    title = translate(tr_noop("INCOMING DOCUMENTS REGISTER"))
    body_rows = "".join(_register_row(row, translate) for row in register_rows(rows, period))
    body = (
        f'<p class="unit">{_e(unit_name)}</p><h1>{_e(title)}</h1>{_period_line(period, translate)}'
        f'<table class="grid" cellspacing="0" cellpadding="3">'
        f"{_header_cells(_REGISTER_COLUMNS, translate)}<tbody>{body_rows}</tbody></table>"
    )
    return _page(title, body)


def _register_row(line: RegisterLine, translate: Translate) -> str:
    row = line.document
    notes = "" if row.urgency == "normal" else label(URGENCY_LABELS, row.urgency, translate)
    cells = (
        ("date", format_date(row.arrival_date)),
        ("center", row.arrival_number),
        ("", row.issuing_agency_name),
        ("", row.number_notation),
        ("date", format_date(row.issued_on)),
        ("", row.subject),
        ("", line.assignee),
        ("date", format_date(line.forwarded_on)),
        ("", ""),
        ("", notes),
    )
    return "<tr>" + "".join(f'<td class="{css}">{_e(value)}</td>' for css, value in cells) + "</tr>"
