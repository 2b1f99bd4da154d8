"""The head of office's dashboard: a month's one-stop dossiers by outcome and documents by state, and
the month's citizens' reports routed by 1022 by outcome and category.

Two charts and the same numbers as a table of figures, so the page reads at a glance even where a
slice or a bar is too small to see; above them, the running dossiers overdue, due today and due soon
right now, counted as the navigator's lists count them (app.domain.dossier_standing). The 1022
reports have a tab of their own (the dossiers' page already fills a small screen), its title saying
how many are overdue: their figures and a bar per category, the busiest first (TOP_CATEGORIES, the
rest together). The month is this one (the office's time) until the official picks another with the
buttons or the month and year above the tabs. The figures come from app.reports and the Workbench,
read on the window's task pool; ``refresh()`` reads them again and ``refreshed`` says when they are shown.

The outcome charts' legends are made of labels under them, not the charts' own: a chart elides its
legend's entries when narrow, and each entry carries a count the head of office must read. So
the whole page fits a 1366×768 screen at 125 % (1092×614 logical pixels, 592 under the title bar).
"""

from __future__ import annotations

from dataclasses import astuple
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
from PySide6.QtCore import QCoreApplication, QEvent, QMargins, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.item_lists import DossierFilter
from app.domain.labels import CHANNEL_LABELS
from app.domain.workflow import STATE_LABELS, DossierState, FeedbackState, IncomingState, OutgoingState
from app.domain.working_calendar import as_vn_time
from app.reports import (
    FEEDBACK_OUTCOMES,
    OUTCOMES,
    DocumentStateCount,
    DossierMonthReport,
    FeedbackCategoryMonth,
    FeedbackFigures,
    FeedbackMonthReport,
    documents_by_state,
    dossier_month_report,
    feedback_month_report,
)
from app.workbench import Workbench
from ui.report_dialogs import FIRST_YEAR
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
# The same colours for the same meanings in the 1022 chart; sent back (not the unit's) in grey.
FEEDBACK_COLORS = {
    "answered_on_time": "#66bb6a",
    "answered_late": "#c62828",
    "open_in_time": "#1e88e5",
    "open_overdue": "#fb8c00",
    "sent_back": "#9e9e9e",
}
TOP_CATEGORIES = 6  # bars of their own; the other categories share one (the city adds categories)
DIRECTION_COLORS = {"incoming": "#3949ab", "outgoing": "#00897b"}
DIRECTION_STATES = {"incoming": IncomingState, "outgoing": OutgoingState}
# Small enough that the figures and both charts fit 1092 logical pixels side by side.
PIE_MIN_SIZE, BARS_MIN_SIZE = (270, 200), (340, 300)
# Qt Charts elides a category label wider than the axes' share of the chart (at most 40 %), and
# hides one taller than its row: the bar chart is kept wide and tall enough for its labels.
AXIS_SHARE, AXIS_ROOM = 0.4, 16  # the share, and the ticks and padding beside the labels
ROW_ROOM = 10  # a label's box is its line and the text item's margins
BARS_FRAME = (12, 90)  # the chart's margins; its title, legend and count axis
WATCHED_VIEWS = ("overdue", "due_today", "due_soon")  # the navigator's views, in the order shown
SWATCH = 12  # the side of a legend entry's colour square


def state_label(direction: str, state: str) -> str:
    """The translated label of a document state; a state this client does not know shows its code."""
    try:
        return domain_text(STATE_LABELS[DIRECTION_STATES[direction](state)])
    except (KeyError, ValueError):
        return state


def dossier_state_label(state: DossierState) -> str:
    return domain_text(STATE_LABELS[state])


def month_title(month: date) -> str:
    """The month as the dashboard writes it: "Tháng 11/2026" in Vietnamese."""
    return QCoreApplication.translate("DashboardWidget", "Month {month}").format(month=f"{month:%m/%Y}")


def shift_month(month: date, step: int) -> date:
    """The first day of the month ``step`` months after (or before) ``month``'s."""
    index = month.year * 12 + month.month - 1 + step
    return date(index // 12, index % 12 + 1, 1)


class Figures(NamedTuple):
    month: date
    report: DossierMonthReport
    documents: list[DocumentStateCount]
    watched: dict[str, int]  # running dossiers in each of WATCHED_VIEWS right now
    feedback: FeedbackMonthReport


def chart_categories(report: FeedbackMonthReport) -> list[FeedbackCategoryMonth]:
    """The 1022 chart's rows: the TOP_CATEGORIES busiest categories, then one for the rest (its name
    empty) when more than one is left over."""
    if len(report.categories) <= TOP_CATEGORIES + 1:
        return list(report.categories)
    rest = [astuple(item.figures) for item in report.categories[TOP_CATEGORIES:]]
    summed = FeedbackFigures(*(sum(column) for column in zip(*rest, strict=True)))
    return [*report.categories[:TOP_CATEGORIES], FeedbackCategoryMonth("", summed)]


def _chart_view(chart: QChart, minimum: tuple[int, int]) -> QChartView:
    chart.setMargins(QMargins(2, 2, 2, 2))  # the room goes to the pie and the bars' labels
    chart.layout().setContentsMargins(0, 0, 0, 0)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumSize(*minimum)
    return view


class OutcomeLegend(QWidget):
    """A chart's legend: per outcome a colour square and "label: count", wrapped rather than elided
    (the dossiers' pie unless ``colors``, by outcome in order, and ``name`` say another)."""

    def __init__(
        self, parent: QWidget | None = None, colors: dict[str, str] = OUTCOME_COLORS, name: str = "outcomeLegend"
    ) -> None:
        super().__init__(parent, objectName=name)
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 0, 6, 0)
        grid.setColumnStretch(1, 1)
        self.entries: dict[str, QLabel] = {}
        for row, (name, color) in enumerate(colors.items()):
            swatch = QLabel(objectName=f"swatch_{name}")
            swatch.setFixedSize(SWATCH, SWATCH)
            swatch.setStyleSheet(f"background-color: {color}; border: 1px solid #607d8b;")
            entry = QLabel(objectName=f"legend_{name}", wordWrap=True)
            entry.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
            grid.addWidget(swatch, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(entry, row, 1)
            self.entries[name] = entry

    def show_counts(self, texts: dict[str, str]) -> None:
        for name, text in texts.items():
            self.entries[name].setText(text)


class DashboardWidget(QWidget):
    refreshed = Signal()  # the figures read by the latest refresh() are shown

    def __init__(self, workbench: Workbench, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self._tasks = tasks
        self.month = self.this_month()  # the month whose figures are shown
        self.chosen = self.month  # the month picked, whose figures are being read
        self.report = DossierMonthReport(self.month, workbench.clock.now())  # zeros until refresh() below
        self.feedback = FeedbackMonthReport(self.month, workbench.clock.now(), [], FeedbackFigures())
        self.documents: list[DocumentStateCount] = []
        self.watched = dict.fromkeys(WATCHED_VIEWS, 0)
        self._build()
        self.retranslate()  # the picker and the headings at once; the figures once read
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
        self.outcome_view = _chart_view(self._build_outcome_chart(), PIE_MIN_SIZE)
        self.outcome_legend = OutcomeLegend(self)
        self.document_view = _chart_view(self._build_document_chart(), BARS_MIN_SIZE)
        pie = QVBoxLayout()
        pie.addWidget(self.outcome_view, 1)
        pie.addWidget(self.outcome_legend)
        self.dossier_page = QWidget(objectName="dossierPage")
        charts = QHBoxLayout(self.dossier_page)
        charts.setContentsMargins(0, 6, 0, 0)
        charts.addWidget(self.figures)
        charts.addLayout(pie, 1)
        charts.addWidget(self.document_view, 1)
        self.tabs = QTabWidget(objectName="dashboardTabs", documentMode=True)
        self.tabs.addTab(self.dossier_page, "")
        self.tabs.addTab(self._build_feedback_page(), "")
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addLayout(self._build_month_picker())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # the dialog has its own
        layout.addLayout(heading)
        layout.addWidget(self.tabs, 1)

    def _build_feedback_page(self) -> QWidget:
        """The month's 1022 reports: their figures, and a stacked bar per category coloured by outcome."""
        self.feedback_page = QWidget(objectName="feedbackPage")
        self.feedback_figures = QLabel(objectName="feedbackFigures")
        self.feedback_figures.setTextFormat(Qt.TextFormat.RichText)
        self.feedback_figures.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.feedback_sets = {name: QBarSet("") for name in FEEDBACK_OUTCOMES}
        self.feedback_series = QHorizontalStackedBarSeries()
        for name, bars in self.feedback_sets.items():
            bars.setColor(QColor(FEEDBACK_COLORS[name]))
            self.feedback_series.append(bars)
        self.category_axis = QBarCategoryAxis()
        self.feedback_count_axis = QValueAxis()
        self.feedback_count_axis.setLabelFormat("%d")
        self.feedback_chart = QChart()
        self.feedback_chart.addSeries(self.feedback_series)
        self.feedback_chart.addAxis(self.category_axis, Qt.AlignmentFlag.AlignLeft)
        self.feedback_chart.addAxis(self.feedback_count_axis, Qt.AlignmentFlag.AlignBottom)
        self.feedback_series.attachAxis(self.category_axis)
        self.feedback_series.attachAxis(self.feedback_count_axis)
        self.feedback_chart.legend().hide()  # the legend below: this one elides its entries
        self.feedback_view = _chart_view(self.feedback_chart, BARS_MIN_SIZE)
        self.feedback_legend = OutcomeLegend(self.feedback_page, FEEDBACK_COLORS, "feedbackLegend")
        chart = QVBoxLayout()
        chart.addWidget(self.feedback_view, 1)
        chart.addWidget(self.feedback_legend)
        row = QHBoxLayout(self.feedback_page)
        row.setContentsMargins(0, 6, 0, 0)
        row.addWidget(self.feedback_figures)
        row.addLayout(chart, 1)
        return self.feedback_page

    def _build_month_picker(self) -> QHBoxLayout:
        """Previous month, a month and a year, next month; never past this month (it has no figures yet)."""
        self.previous_button = QPushButton(objectName="previousMonth", autoDefault=False)
        self.previous_button.clicked.connect(lambda: self.show_month(shift_month(self.chosen, -1)))
        self.month_box = QComboBox(objectName="month")
        for number in range(1, 13):
            self.month_box.addItem("", number)  # named by retranslate()
        self.year_box = QSpinBox(objectName="year", minimum=FIRST_YEAR, maximum=self.month.year)
        self.next_button = QPushButton(objectName="nextMonth", autoDefault=False)
        self.next_button.clicked.connect(lambda: self.show_month(shift_month(self.chosen, 1)))
        self.month_box.currentIndexChanged.connect(self._picked)
        self.year_box.valueChanged.connect(self._picked)
        row = QHBoxLayout()
        for widget in (self.previous_button, self.month_box, self.year_box, self.next_button):
            row.addWidget(widget)
        self._show_chosen()
        return row

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
        self.outcome_chart.legend().hide()  # OutcomeLegend instead: this one elides its entries
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

    def this_month(self) -> date:
        """The first day of the current month, in the office's time zone."""
        return as_vn_time(self.workbench.clock.now()).date().replace(day=1)

    def show_month(self, month: date) -> None:
        """Pick ``month`` (kept between January of FIRST_YEAR and this month) and read its figures."""
        self.chosen = min(max(month.replace(day=1), date(FIRST_YEAR, 1, 1)), self.this_month())
        self._show_chosen()
        self.refresh()

    def _picked(self) -> None:
        self.show_month(date(self.year_box.value(), int(self.month_box.currentData()), 1))

    def _show_chosen(self) -> None:
        """The picker says the chosen month; the buttons go no further than the months with figures."""
        for box in (self.month_box, self.year_box):
            box.blockSignals(True)  # setting them is not picking
        self.year_box.setMaximum(self.this_month().year)
        self.year_box.setValue(self.chosen.year)
        self.month_box.setCurrentIndex(self.chosen.month - 1)
        for box in (self.month_box, self.year_box):
            box.blockSignals(False)
        self.previous_button.setEnabled(self.chosen > date(FIRST_YEAR, 1, 1))
        self.next_button.setEnabled(self.chosen < self.this_month())

    def refresh(self) -> None:
        """Read the chosen month's figures again on the task pool (they count a month of dossiers and
        every document), then show them."""
        month, now = self.chosen, self.workbench.clock.now()
        self._tasks.run(lambda: self._read(month, now), self._show_figures, key=f"dashboard-{id(self)}")

    def _read(self, month: date, now: datetime) -> Figures:
        sessions = self.workbench.cache.sessions
        # The navigator's own counts: overdue, due today and due soon have one definition (dossier_standing).
        watched = {view: self.workbench.count_dossiers(DossierFilter(None, view, now=now)) for view in WATCHED_VIEWS}
        report, documents = dossier_month_report(sessions, month, now), documents_by_state(sessions)
        return Figures(month, report, documents, watched, feedback_month_report(sessions, month, now))

    def _show_figures(self, figures: Figures) -> None:
        self.month, self.report, self.documents, self.watched, self.feedback = figures
        self._show_documents()
        self._show_feedback_bars()
        self.retranslate()
        self.refreshed.emit()

    def retranslate(self) -> None:
        """Every text of the dashboard, again: after refresh() and when the language changes."""
        self.title.setText(self.tr("Dashboard — {month}").format(month=month_title(self.month)))
        self.previous_button.setText("◀ " + self.tr("Previous month"))
        self.next_button.setText(self.tr("Next month") + " ▶")
        for index in range(self.month_box.count()):
            self.month_box.setItemText(index, self.tr("Month {number}").format(number=index + 1))
        self.outcome_chart.setTitle(self.tr("Dossiers of the month by outcome"))
        self.document_chart.setTitle(self.tr("Documents by state"))
        self._show_outcomes()
        self.document_sets["incoming"].setLabel(self.tr("Incoming documents"))
        self.document_sets["outgoing"].setLabel(self.tr("Outgoing documents"))
        self.state_axis.clear()
        self.state_axis.append(self._state_categories())
        _fit_bar_chart(self.document_view, self.state_axis)
        self.figures.setText(self._figures_html())
        self._retranslate_feedback()

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
        texts = {name: f"{labels[name]}: {count}" for name, count in self.report.outcome_counts().items()}
        for name, count in self.report.outcome_counts().items():
            self.outcome_slices[name].setValue(count)
            self.outcome_slices[name].setLabel(texts[name])  # what a screen reader says of the slice
        self.outcome_legend.show_counts(texts)

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

    # -- the 1022 reports --------------------------------------------------------------------------

    def _feedback_labels(self) -> dict[str, str]:
        return {
            "answered_on_time": self.tr("Answered on time"),
            "answered_late": self.tr("Answered late"),
            "open_in_time": self.tr("In progress, within the due time"),
            "open_overdue": self.tr("In progress, past the due time"),
            "sent_back": domain_text(STATE_LABELS[FeedbackState.SENT_BACK]),
        }

    def _show_feedback_bars(self) -> None:
        rows = self.feedback_rows()
        for name, bars in self.feedback_sets.items():
            bars.remove(0, bars.count())
            bars.append([getattr(row.figures, name) for row in rows])
        highest = max((sum(row.figures.outcome_counts().values()) for row in rows), default=0)
        self.feedback_count_axis.setRange(0, max(highest, 1))
        self.feedback_count_axis.applyNiceNumbers()

    def _retranslate_feedback(self) -> None:
        overdue = self.feedback.total.open_overdue
        title = self.tr("1022 reports ({count} overdue)").format(count=overdue) if overdue else self.tr("1022 reports")
        self.tabs.setTabText(0, self.tr("Dossiers and documents"))
        self.tabs.setTabText(1, title)
        self.feedback_chart.setTitle(self.tr("1022 reports of the month by category"))
        labels = self._feedback_labels()
        counts = self.feedback.total.outcome_counts()
        self.feedback_legend.show_counts({name: f"{labels[name]}: {count}" for name, count in counts.items()})
        for name, bars in self.feedback_sets.items():
            bars.setLabel(labels[name])  # what a screen reader says of the bars
        self.category_axis.clear()
        self.category_axis.append(self._feedback_categories())
        _fit_bar_chart(self.feedback_view, self.category_axis)
        self.feedback_figures.setText(_figures_table(self._feedback_figure_rows()))

    def feedback_rows(self) -> list[FeedbackCategoryMonth]:
        """The chart's categories bottom-up, as it draws them, so the busiest is on top."""
        return chart_categories(self.feedback)[::-1]

    def _feedback_categories(self) -> list[str]:
        """ "Category (reports)" per row, the reports of the month and carried over; made unique as
        the category axis drops repeated names."""
        others = len(self.feedback.categories) - TOP_CATEGORIES
        categories: list[str] = []
        for row in self.feedback_rows():
            name = row.category or self.tr("{count} other categories").format(count=others)
            text = f"{name} ({row.figures.received_with_carried_over})"
            while text in categories:
                text += " "
            categories.append(text)
        return categories

    def _feedback_figure_rows(self) -> list[tuple[str, int | None, bool]]:
        f = self.feedback.total
        return [
            (month_title(self.month), None, True),
            (self.tr("Reports received"), f.received, True),
            (self.tr("Carried over from earlier months"), f.carried_over, False),
            (self.tr("Reports answered"), f.answered, True),
            (self.tr("On time"), f.answered_on_time, False),
            (self.tr("Late"), f.answered_late, False),
            (self.tr("Reports in progress"), f.in_progress, True),
            (self.tr("Within the deadline"), f.open_in_time, False),
            (self.tr("Past the deadline"), f.open_overdue, False),
            (domain_text(STATE_LABELS[FeedbackState.SENT_BACK]), f.sent_back, True),
        ]

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
            (month_title(self.month), None, True),  # the chosen month's dossiers
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
        return _figures_table(self._figure_rows())


def _figures_table(figures: list[tuple[str, int | None, bool]]) -> str:
    """(label, number, is a total) rows as the dashboard's table of figures; a heading has no number."""
    rows = []
    for label, number, total in figures:
        style = "font-weight:bold; padding-top:6px" if total else "padding-left:14px"
        if number is None:  # a heading: what the figures under it describe
            style = "font-weight:bold; font-style:italic; padding-top:12px; color:#37474f"
        rows.append(
            f'<tr><td style="{style}">{escape(label)}</td>'
            f'<td align="right" style="{style}; padding-left:12px">{"" if number is None else number}</td></tr>'
        )
    return f"<table cellspacing=0>{''.join(rows)}</table>"


def _fit_bar_chart(view: QChartView, axis: QBarCategoryAxis) -> None:
    """Room for every category's label, whole, in any language (see AXIS_SHARE)."""
    metrics, categories = QFontMetrics(axis.labelsFont()), axis.categories()
    widest = max((metrics.horizontalAdvance(text) for text in categories), default=0)
    width = max(BARS_MIN_SIZE[0], round((widest + AXIS_ROOM) / AXIS_SHARE) + BARS_FRAME[0])
    height = max(BARS_MIN_SIZE[1], len(categories) * (metrics.height() + ROW_ROOM) + BARS_FRAME[1])
    view.setMinimumSize(width, height)
