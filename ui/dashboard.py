"""The head of office's dashboard: this month's one-stop dossiers by outcome and documents by state.

Two charts and the same numbers as a table of figures, so the page reads at a glance even where a
slice or a bar is too small to see; above them, the running dossiers overdue, due today and due soon
right now, counted as the navigator's lists count them (app.domain.dossier_standing). The figures
come from app.reports and the Workbench, read on the window's task pool; ``refresh()`` reads them
again and ``refreshed`` says when they are shown.
"""

from __future__ import annotations

from datetime import date, datetime
from html import escape
from typing import NamedTuple

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QPieSeries,
    QPieSlice,
    QValueAxis,
)
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.domain.item_lists import DossierFilter
from app.domain.labels import CHANNEL_LABELS
from app.domain.workflow import STATE_LABELS, DossierState, IncomingState, OutgoingState
from app.reports import OUTCOMES, DocumentStateCount, DossierMonthReport, documents_by_state, dossier_month_report
from app.workbench import Workbench
from ui.tasks import TaskRunner
from ui.translation import domain_text

# Green for finished in time, red and orange for what is late, blue for work on track, grey for paused.
OUTCOME_COLORS = {
    "finished_early": "#2e7d32",
    "finished_on_time": "#66bb6a",
    "finished_late": "#c62828",
    "in_progress_in_time": "#1e88e5",
    "in_progress_overdue": "#fb8c00",
    "paused": "#9e9e9e",
}
DIRECTION_COLORS = {"incoming": "#3949ab", "outgoing": "#00897b"}
DIRECTION_STATES = {"incoming": IncomingState, "outgoing": OutgoingState}
CHART_MIN_WIDTH, CHART_MIN_HEIGHT = 420, 340
WATCHED_VIEWS = ("overdue", "due_today", "due_soon")  # the navigator's views, in the order shown
LEGEND_MARKER_ROOM = 40  # the colour marker, its spacing and the legend's margins


def state_label(direction: str, state: str) -> str:
    """The translated label of a document state; a state this client does not know shows its code."""
    try:
        return domain_text(STATE_LABELS[DIRECTION_STATES[direction](state)])
    except (KeyError, ValueError):
        return state


def dossier_state_label(state: DossierState) -> str:
    return domain_text(STATE_LABELS[state])


def month_title(month: date) -> str:
    """The month as the dashboard writes it, MM/yyyy."""
    return f"{month:%m/%Y}"


class Figures(NamedTuple):
    month: date
    report: DossierMonthReport
    documents: list[DocumentStateCount]
    watched: dict[str, int]  # running dossiers in each of WATCHED_VIEWS right now


def _chart_view(chart: QChart) -> QChartView:
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumSize(CHART_MIN_WIDTH, CHART_MIN_HEIGHT)
    return view


class DashboardWidget(QWidget):
    refreshed = Signal()  # the figures read by the latest refresh() are shown

    def __init__(self, workbench: Workbench, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self._tasks = tasks
        self.month = workbench.clock.now().date().replace(day=1)
        self.report = DossierMonthReport(self.month, workbench.clock.now())  # zeros until refresh() below
        self.documents: list[DocumentStateCount] = []
        self.watched = dict.fromkeys(WATCHED_VIEWS, 0)
        self._build()
        self.refresh()

    # -- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(objectName="dashboardTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.figures = QLabel(objectName="dashboardFigures")
        self.figures.setTextFormat(Qt.TextFormat.RichText)
        self.figures.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.outcome_view = _chart_view(self._build_outcome_chart())
        self.document_view = _chart_view(self._build_document_chart())
        charts = QHBoxLayout()
        charts.addWidget(self.figures)
        charts.addWidget(self.outcome_view, 1)
        charts.addWidget(self.document_view, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(charts, 1)

    def _build_outcome_chart(self) -> QChart:
        # One slice per outcome, kept for the widget's life: refresh() only changes values and labels.
        self.outcome_series = QPieSeries()
        self.outcome_slices: dict[str, QPieSlice] = {}
        for name in OUTCOMES:
            piece = self.outcome_series.append("", 0)
            piece.setColor(QColor(OUTCOME_COLORS[name]))
            self.outcome_slices[name] = piece
        self.outcome_chart = QChart()
        self.outcome_chart.addSeries(self.outcome_series)
        self.outcome_chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        return self.outcome_chart

    def _build_document_chart(self) -> QChart:
        # Stacked so each state's row shows one bar, coloured by direction (the other set is 0 there).
        self.document_sets = {direction: QBarSet("") for direction in DIRECTION_STATES}
        self.document_series = QHorizontalStackedBarSeries()
        for direction, bars in self.document_sets.items():
            bars.setColor(QColor(DIRECTION_COLORS[direction]))
            self.document_series.append(bars)
        self.state_axis = QBarCategoryAxis()
        self.count_axis = QValueAxis()
        self.count_axis.setLabelFormat("%d")
        self.document_chart = QChart()
        self.document_chart.addSeries(self.document_series)
        self.document_chart.addAxis(self.state_axis, Qt.AlignmentFlag.AlignLeft)
        self.document_chart.addAxis(self.count_axis, Qt.AlignmentFlag.AlignBottom)
        self.document_series.attachAxis(self.state_axis)
        self.document_series.attachAxis(self.count_axis)
        self.document_chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        return self.document_chart

    # -- showing ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the figures again on the task pool (they count a month of dossiers and every
        document), then show them."""
        now = self.workbench.clock.now()
        self._tasks.run(lambda: self._read(now), self._show_figures, key=f"dashboard-{id(self)}")

    def _read(self, now: datetime) -> Figures:
        month, sessions = now.date().replace(day=1), self.workbench.cache.sessions
        # The navigator's own counts: overdue, due today and due soon have one definition (dossier_standing).
        watched = {view: self.workbench.count_dossiers(DossierFilter(None, view, now=now)) for view in WATCHED_VIEWS}
        return Figures(month, dossier_month_report(sessions, month, now), documents_by_state(sessions), watched)

    def _show_figures(self, figures: Figures) -> None:
        self.month, self.report, self.documents, self.watched = figures
        self._show_documents()
        self.retranslate()
        self.refreshed.emit()

    def retranslate(self) -> None:
        """Every text of the dashboard, again: after refresh() and when the language changes."""
        self.title.setText(self.tr("Dashboard — {month}").format(month=month_title(self.month)))
        self.outcome_chart.setTitle(self.tr("Dossiers this month by outcome"))
        self.document_chart.setTitle(self.tr("Documents by state"))
        self._show_outcomes()
        self.document_sets["incoming"].setLabel(self.tr("Incoming documents"))
        self.document_sets["outgoing"].setLabel(self.tr("Outgoing documents"))
        self.state_axis.clear()
        self.state_axis.append(self._state_categories())
        self.figures.setText(self._figures_html())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _outcome_labels(self) -> dict[str, str]:
        return {
            "finished_early": self.tr("Finished early"),
            "finished_on_time": self.tr("Finished on time"),
            "finished_late": self.tr("Finished late"),
            "in_progress_in_time": self.tr("In progress, within the deadline"),
            "in_progress_overdue": self.tr("In progress, past the deadline"),
            "paused": self.tr("Paused"),
        }

    def _show_outcomes(self) -> None:
        labels = self._outcome_labels()
        for name, count in self.report.outcome_counts().items():
            piece = self.outcome_slices[name]
            piece.setValue(count)
            piece.setLabel(f"{labels[name]}: {count}")  # the legend shows the slice labels
        self._fit_legend()

    def _fit_legend(self) -> None:
        # The chart gives the legend little room and elides its labels; the head of office needs them whole.
        legend = self.outcome_chart.legend()
        metrics = QFontMetrics(legend.font())
        widest = max(metrics.horizontalAdvance(piece.label()) for piece in self.outcome_slices.values())
        legend.setMinimumWidth(widest + LEGEND_MARKER_ROOM)

    def _show_documents(self) -> None:
        for direction, bars in self.document_sets.items():
            bars.remove(0, bars.count())
            bars.append([row.count if row.direction == direction else 0 for row in self.chart_rows()])
        highest = max((row.count for row in self.documents), default=0)
        self.count_axis.setRange(0, max(highest, 1))
        self.count_axis.applyNiceNumbers()

    def chart_rows(self) -> list[DocumentStateCount]:
        """The documents' rows bottom-up, as the chart draws its categories, so the first state is on top
        (a category axis cannot be reversed)."""
        return self.documents[::-1]

    def _state_categories(self) -> list[str]:
        """ "Label (count)" per row; made unique because the category axis drops repeated names."""
        categories: list[str] = []
        for row in self.chart_rows():
            text = f"{state_label(row.direction, row.state)} ({row.count})"
            while text in categories:
                text += " "
            categories.append(text)
        return categories

    # -- the figures as text -----------------------------------------------------------------------

    def _figure_rows(self) -> list[tuple[str, int | None, bool]]:
        """(label, number, is a total) in reading order; a heading has no number."""
        r = self.report
        labels = self._outcome_labels()
        incoming = sum(row.count for row in self.documents if row.direction == "incoming")
        outgoing = sum(row.count for row in self.documents if row.direction == "outgoing")
        return [
            (self.tr("Dossiers in progress, right now"), None, True),  # not this month's: the lists' counts
            (self.tr("Overdue"), self.watched["overdue"], False),
            (self.tr("Due today"), self.watched["due_today"], False),
            (self.tr("Due soon (one working day left)"), self.watched["due_soon"], False),
            (self.tr("This month ({month})").format(month=month_title(self.month)), None, True),
            (self.tr("Dossiers received"), r.received_total, True),
            (domain_text(CHANNEL_LABELS["online"]), r.received_online, False),
            (domain_text(CHANNEL_LABELS["in_person"]), r.received_in_person, False),
            (domain_text(CHANNEL_LABELS["post"]), r.received_post, False),
            (self.tr("Dossiers finished"), r.finished, True),
            (labels["finished_early"], r.finished_early, False),
            (labels["finished_on_time"], r.finished_on_time, False),
            (labels["finished_late"], r.finished_late, False),
            (self.tr("Dossiers in progress"), r.in_progress, True),
            (self.tr("Within the deadline"), r.in_progress_in_time, False),
            (self.tr("Past the deadline"), r.in_progress_overdue, False),
            (self.tr("Dossiers paused"), r.paused, True),
            (dossier_state_label(DossierState.SUPPLEMENT_REQUESTED), r.paused_supplement, False),
            (dossier_state_label(DossierState.FINANCIAL_OBLIGATION), r.paused_financial, False),
            (dossier_state_label(DossierState.STOPPED), r.paused_stopped, False),
            (self.tr("Documents, all of them"), None, True),  # by state, not by month
            (self.tr("Incoming documents"), incoming, True),
            (self.tr("Outgoing documents"), outgoing, True),
        ]

    def _figures_html(self) -> str:
        rows = []
        for label, number, total in self._figure_rows():
            style = "font-weight:bold; padding-top:6px" if total else "padding-left:14px"
            if number is None:  # a heading: what the figures under it describe
                style = "font-weight:bold; font-style:italic; padding-top:12px; color:#37474f"
            rows.append(
                f'<tr><td style="{style}">{escape(label)}</td>'
                f'<td align="right" style="{style}; padding-left:12px">{"" if number is None else number}</td></tr>'
            )
        return f"<table cellspacing=0>{''.join(rows)}</table>"
