"""The dialogs that choose what the registers and reports cover before they are saved: a period for
the dossier register (form 07) and for the incoming-document register (from/to dates with this
month, last month, this quarter at a click) and a month for the monthly reports (dossiers by
procedure, 1022 reports by category). Each
saves (as Excel or as PDF, or to the print preview) through ``save``, a call of the window
(``ui.window_exports``) that asks for the file and writes it on the task pool; the dialog closes
once the writing has started."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QFormLayout, QHBoxLayout, QPushButton, QSpinBox, QWidget

from app.export_format import Period

DATE_DISPLAY = "dd/MM/yyyy"
FIRST_YEAR = 2018  # the one-stop rules reported on here date from Decree 61/2018
FORMATS = ("xlsx", "pdf")
PRINT = "print"  # the third choice: Qt's print preview, with its printer dialog


def month_of(day: date) -> Period:
    first = day.replace(day=1)
    return first, _next_month(first) - timedelta(days=1)


def previous_month(day: date) -> Period:
    return month_of(day.replace(day=1) - timedelta(days=1))


def quarter_of(day: date) -> Period:
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return first, _next_month(_next_month(_next_month(first))) - timedelta(days=1)


def _next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def _save_buttons(
    dialog: QDialog, save: Callable[[str], None], kinds: tuple[str, ...] = (PRINT, *FORMATS)
) -> QHBoxLayout:
    """Preview and print…, Save as Excel…, Save as PDF… (those of ``kinds``), Close (one translation
    context for every dialog); Enter saves the first file format offered."""
    texts = {
        PRINT: QCoreApplication.translate("ReportDialogs", "P&review and print…"),
        "xlsx": QCoreApplication.translate("ReportDialogs", "Save as &Excel…"),
        "pdf": QCoreApplication.translate("ReportDialogs", "Save as &PDF…"),
    }
    first_format = next(kind for kind in kinds if kind in FORMATS)
    row = QHBoxLayout()
    row.addStretch(1)
    for kind in kinds:
        button = QPushButton(texts[kind], objectName=f"save_{kind}", default=kind == first_format)
        button.setAutoDefault(kind == first_format)
        button.clicked.connect(lambda _checked=False, kind=kind: save(kind))
        row.addWidget(button)
    close = QPushButton(QCoreApplication.translate("ReportDialogs", "Close"), objectName="close")
    close.clicked.connect(dialog.reject)
    row.addWidget(close)
    return row


class RegisterDialog(QDialog):
    """The period of a register: the dossier register (sổ theo dõi hồ sơ, form 07) unless ``title``,
    ``name`` and ``kinds`` say another (the incoming-document register: PDF or paper only)."""

    def __init__(
        self,
        today: date,
        save: Callable[[Period, str], Path | None],
        parent: QWidget | None = None,
        title: str | None = None,
        name: str = "registerDialog",
        kinds: tuple[str, ...] = (PRINT, *FORMATS),
    ) -> None:
        super().__init__(parent, objectName=name)
        self.setWindowTitle(title or self.tr("Dossier register (form 07)"))
        self._today, self._save = today, save
        self.first = self._date_edit("firstDay")
        self.last = self._date_edit("lastDay")
        self.first.dateChanged.connect(lambda chosen: self.last.setMinimumDate(chosen))  # never an empty period
        quick = QHBoxLayout()
        for name, text, period in (
            ("thisMonth", self.tr("This month"), month_of(today)),
            ("lastMonth", self.tr("Last month"), previous_month(today)),
            ("thisQuarter", self.tr("This quarter"), quarter_of(today)),
        ):
            button = QPushButton(text, objectName=name, autoDefault=False)  # Enter saves, never re-chooses
            button.clicked.connect(lambda _checked=False, period=period: self.choose(period))
            quick.addWidget(button)
        form = QFormLayout(self)
        form.addRow(self.tr("From"), self.first)
        form.addRow(self.tr("To"), self.last)
        form.addRow("", quick)
        form.addRow(_save_buttons(self, self.save, kinds))
        self.choose(month_of(today))

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(objectName=name, calendarPopup=True)
        edit.setDisplayFormat(DATE_DISPLAY)
        edit.setMinimumDate(QDate(FIRST_YEAR, 1, 1))
        return edit

    def choose(self, period: Period) -> None:
        self.last.setMinimumDate(QDate(FIRST_YEAR, 1, 1))  # so the new last day is not held back by the old first
        self.first.setDate(QDate(period[0]))
        self.last.setDate(QDate(period[1]))

    def period(self) -> Period:
        return self.first.date().toPython(), self.last.date().toPython()  # type: ignore[return-value]

    def save(self, kind: str) -> None:
        if self._save(self.period(), kind) is not None:
            self.accept()


class MonthlyReportDialog(QDialog):
    """The month of a monthly report: a month and a year, up to this month. The report by procedure and
    result unless ``title`` and ``name`` say another (the 1022 reports by category)."""

    def __init__(
        self,
        today: date,
        save: Callable[[date, str], Path | None],
        parent: QWidget | None = None,
        title: str | None = None,
        name: str = "monthlyReportDialog",
    ) -> None:
        super().__init__(parent, objectName=name)
        self.setWindowTitle(title or self.tr("Monthly dossier report by procedure"))
        self._today, self._save = today, save
        self.month = QComboBox(objectName="month")
        for number in range(1, 13):
            self.month.addItem(self.tr("Month {number}").format(number=number), number)
        self.year = QSpinBox(objectName="year", minimum=FIRST_YEAR, maximum=today.year)
        self.month.setCurrentIndex(today.month - 1)
        self.year.setValue(today.year)
        chosen = QHBoxLayout()
        chosen.addWidget(self.month, 1)
        chosen.addWidget(self.year)
        form = QFormLayout(self)
        form.addRow(self.tr("Month"), chosen)
        form.addRow(_save_buttons(self, self.save))
        self.buttons = self.findChildren(QPushButton)
        self.month.currentIndexChanged.connect(self._allow)
        self.year.valueChanged.connect(self._allow)

    def chosen_month(self) -> date:
        return date(self.year.value(), int(self.month.currentData()), 1)

    def choose(self, month: date) -> None:
        self.year.setValue(month.year)
        self.month.setCurrentIndex(month.month - 1)

    def _allow(self) -> None:
        """A month that has not begun has no figures: it cannot be saved."""
        possible = self.chosen_month() <= self._today
        for button in self.buttons:
            if button.objectName().startswith("save_"):
                button.setEnabled(possible)

    def save(self, kind: str) -> None:
        if self.chosen_month() <= self._today and self._save(self.chosen_month(), kind) is not None:
            self.accept()
