"""Printable HTML reports made from the cache (the incoming-document register, the one-stop on-time
report); ``ui.printing`` turns them into PDF or paper. Every value that reaches HTML is escaped:
subjects and names come from other systems. The one-stop forms handed to citizens (Mẫu 01-06) are
templates, rendered by ``app.one_stop_forms``."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.domain.dossier_deadline import DeadlineStatus, deadline_status
from app.domain.errors import tr_noop
from app.domain.item_lists import DocumentRow, DossierRow
from app.domain.labels import CHANNEL_LABELS, URGENCY_LABELS
from app.domain.workflow import FINISHED_DOSSIER_STATES, PAUSED_DOSSIER_STATES, STATE_LABELS, DossierState
from app.domain.working_calendar import as_vn_time
from app.export_format import Period, Translate, dossier_state, format_date, format_datetime, label, same_text

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


# -- the one-stop on-time report ----------------------------------------------------------------

# Dossiers whose result was decided (a refusal at the desk or a stop is not a result).
_RESOLVED_STATES = frozenset({DossierState.PROCESSED, DossierState.RETURNED})
# Dossiers whose statutory clock is running.
_RUNNING_STATES = frozenset(DossierState) - FINISHED_DOSSIER_STATES - PAUSED_DOSSIER_STATES


@dataclass(frozen=True)
class OnTimeCounts:
    """The figures of the one-stop report: received in the period by channel, resolved in the
    period against the due time, and, at the report's moment, running dossiers and paused ones."""

    received: Mapping[str, int]  # channel → count
    resolved: Mapping[DeadlineStatus, int]  # FINISHED_EARLY / FINISHED_ON_TIME / FINISHED_LATE
    within_deadline: int
    past_deadline: int
    paused: Mapping[DossierState, int]
    not_accepted: int  # refused at the desk, received in the period

    @property
    def received_total(self) -> int:
        return sum(self.received.values())

    @property
    def resolved_total(self) -> int:
        return sum(self.resolved.values())

    @property
    def in_progress_total(self) -> int:
        return self.within_deadline + self.past_deadline

    @property
    def paused_total(self) -> int:
        return sum(self.paused.values())


def dossier_ontime_counts(rows: Iterable[DossierRow], now: datetime, period: Period | None = None) -> OnTimeCounts:
    """Count ``rows`` for the report; running and paused dossiers are those received by the period's end."""
    rows = list(rows)
    received_by_end = [row for row in rows if period is None or as_vn_time(row.received_at).date() <= period[1]]
    running = Counter(
        deadline_status(now, row.due_at) == DeadlineStatus.OVERDUE
        for row in received_by_end
        if dossier_state(row.state) in _RUNNING_STATES
    )
    return OnTimeCounts(
        received=Counter(row.channel for row in rows if _in_period(row.received_at, period)),
        resolved=Counter(
            deadline_status(now, row.due_at, row.finished_at)
            for row in rows
            if dossier_state(row.state) in _RESOLVED_STATES and _in_period(row.finished_at, period)
        ),
        within_deadline=running[False],
        past_deadline=running[True],
        paused=Counter(
            DossierState(row.state) for row in received_by_end if dossier_state(row.state) in PAUSED_DOSSIER_STATES
        ),
        not_accepted=sum(
            1 for row in rows if row.state == DossierState.NOT_ACCEPTED and _in_period(row.received_at, period)
        ),
    )


def _report_groups(counts: OnTimeCounts) -> list[tuple[str, list[tuple[str, int]]]]:
    """(group, [(column, figure)…]) in the order printed."""
    return [
        (tr_noop("Dossiers received"), [
            (tr_noop("Total"), counts.received_total),
            *((CHANNEL_LABELS[channel], counts.received.get(channel, 0)) for channel in CHANNEL_LABELS),
        ]),
        (tr_noop("Dossiers resolved"), [
            (tr_noop("Total"), counts.resolved_total),
            (tr_noop("Early"), counts.resolved.get(DeadlineStatus.FINISHED_EARLY, 0)),
            (tr_noop("On time"), counts.resolved.get(DeadlineStatus.FINISHED_ON_TIME, 0)),
            (tr_noop("Late"), counts.resolved.get(DeadlineStatus.FINISHED_LATE, 0)),
        ]),
        (tr_noop("Dossiers in progress"), [
            (tr_noop("Total"), counts.in_progress_total),
            (tr_noop("Within the deadline"), counts.within_deadline),
            (tr_noop("Past the deadline"), counts.past_deadline),
        ]),
        (tr_noop("Dossiers paused"), [
            (tr_noop("Total"), counts.paused_total),
            *((STATE_LABELS[state], counts.paused.get(state, 0)) for state in sorted(PAUSED_DOSSIER_STATES)),
        ]),
        (tr_noop("Not accepted"), [("", counts.not_accepted)]),
    ]  # fmt: skip


def dossier_ontime_report_html(
    rows: Iterable[DossierRow],
    now: datetime,
    translate: Translate = same_text,
    unit_name: str = "",
    period: Period | None = None,
) -> str:
    """The one-stop on-time report as printable HTML (landscape A4); figures from :func:`dossier_ontime_counts`."""
    groups = _report_groups(dossier_ontime_counts(rows, now, period))
    title = translate(tr_noop("REPORT ON THE HANDLING OF ADMINISTRATIVE DOSSIERS"))
    as_of = translate(tr_noop("Figures as of {moment}")).format(moment=format_datetime(now))
    body = (
        f'<p class="unit">{_e(unit_name)}</p><h1>{_e(title)}</h1>{_period_line(period, translate)}'
        f'<p class="center"><i>{_e(as_of)}</i></p>'
        f'<table class="grid" cellspacing="0" cellpadding="3">{_report_header(groups, translate)}'
        f"<tbody><tr>{_report_figures(groups)}</tr></tbody></table>"
    )
    return _page(title, body)


def _report_header(groups: list[tuple[str, list[tuple[str, int]]]], translate: Translate) -> str:
    top, bottom = [], []
    for group, columns in groups:
        if len(columns) == 1:  # a single figure: its group title spans both header rows
            top.append(f'<th rowspan="2">{_e(translate(group))}</th>')
            continue
        top.append(f'<th colspan="{len(columns)}">{_e(translate(group))}</th>')
        bottom.extend(f"<th>{_e(translate(column))}</th>" for column, _ in columns)
    return f"<thead><tr>{''.join(top)}</tr><tr>{''.join(bottom)}</tr></thead>"


def _report_figures(groups: list[tuple[str, list[tuple[str, int]]]]) -> str:
    return "".join(f'<td class="center">{figure}</td>' for _, columns in groups for _, figure in columns)
