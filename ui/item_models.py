"""Table models over the cache that fetch rows a page at a time as the user scrolls."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from app.domain.dossier_standing import Standing, due_soon_until, standing, working_days_left
from app.domain.feedback_deadline import due_soon_limit
from app.domain.item_lists import (
    DocumentFilter,
    DocumentRow,
    DossierFilter,
    DossierRow,
    FeedbackFilter,
    FeedbackRow,
    Narrowing,
    SortOrder,
)
from app.domain.labels import CHANNEL_LABELS, FEEDBACK_CHANNEL_LABELS, SOURCE_KIND_LABELS, URGENCY_LABELS
from app.domain.signature_verdict import Verdict
from app.domain.workflow import (
    CLOSED_FEEDBACK_STATES,
    STATE_LABELS,
    DossierState,
    FeedbackState,
    IncomingState,
    OutgoingState,
)
from app.domain.working_calendar import VN_TZ
from app.workbench import Workbench
from ui.icons import icon
from ui.tasks import TaskRunner
from ui.translation import domain_text

PAGE_SIZE = 200
_TEXT_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole})
_ANSWERED_ROLES = _TEXT_ROLES | {
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.DecorationRole,
}
Row = TypeVar("Row")
AnyIndex = QModelIndex | QPersistentModelIndex
_URGENT = {"very_urgent", "flash"}


# dd/MM/yyyy by hand: strftime is ~4× slower, and a list formats thousands of dates as it fills.
def format_date(value: date | None) -> str:
    return "" if value is None else f"{value.day:02d}/{value.month:02d}/{value.year}"


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    local = value.astimezone(VN_TZ)
    return f"{local.day:02d}/{local.month:02d}/{local.year} {local.hour:02d}:{local.minute:02d}"


log = logging.getLogger(__name__)


class PagedTableModel(QAbstractTableModel, Generic[Row]):
    """Subclasses say how to count and load rows; ``ids`` narrows the list to search results.

    Every read runs on the window's task pool. A reload asks for the first page and shows it when it
    arrives, then counts the whole list (counting 100,000 rows takes ~100 ms that the UI thread must
    not spend): ``total`` is None until the count arrives, unless the first page held everything.
    Scrolling asks for the next page the same way. The rows' task key makes the latest request win:
    a page or a count of a list that has since been reloaded, sorted or filtered is dropped.
    """

    total_changed = Signal()
    loaded = Signal()  # the first page of the latest reload or sort is shown
    sorted = Signal()  # the first page of a sort is shown

    def __init__(self, tasks: TaskRunner, name: str) -> None:
        super().__init__()
        self._tasks = tasks
        self._rows_key, self._count_key = f"{name}.rows", f"{name}.count"
        self._rows: list[Row] = []
        self._total: int | None = 0
        self._more = False
        self._ids: Sequence[int] | None = None
        self._shown = True
        self._reading = False  # a page is on its way: no next page is asked for meanwhile
        self._recount = False  # the list changed (not just its order): count it once its first page is in
        self._filter_read: Any = None  # the filter of the rows shown or on their way: later pages use it
        self.sort_order: SortOrder | None = None
        self._texts: dict[int, list[str]] = {}  # row → its cells' texts, until a reload or language switch
        self._first_read = True

    COLUMNS = 0  # how many header_labels, as a constant
    SORT_KEYS: tuple[str, ...] = ()  # per column, the key of local_db.queries' sorts

    def header_labels(self) -> list[str]:
        raise NotImplementedError

    def retranslate(self) -> None:
        self._texts.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1))

    # What a subclass provides; the reads run on a worker, with a filter made on the UI thread.

    def make_filter(self, ids: Sequence[int] | None) -> Any:
        raise NotImplementedError

    def count_rows(self, chosen: Any) -> int:
        raise NotImplementedError

    def load_rows(self, chosen: Any, offset: int, limit: int) -> list[Row]:
        raise NotImplementedError

    def current_filter(self) -> Any:
        return self.make_filter(self._ids)

    @property
    def reading(self) -> bool:
        """A page is on its way."""
        return self._reading

    def reload(self, ids: Sequence[int] | None = None, shown: bool = True) -> None:
        """Ask for the first page of the list (narrowed to ``ids``); not ``shown``: empty it at once."""
        self._ids, self._shown, self._recount = ids, shown, True
        self._tasks.cancel(self._count_key)  # a count of the list as it was must not land
        if shown:
            self._read_first_page(sorting=False)
            return
        self._tasks.cancel(self._rows_key)
        self._reading = False
        self._show_first_page([], sorting=False)

    def _read_first_page(self, sorting: bool) -> None:
        chosen = self._filter_read = self.make_filter(self._ids)
        if self._first_read:
            self._first_read = False
            self._read_at_once(chosen, sorting)
            return
        self._reading = True
        # one more than a page: is there anything past it?
        self._tasks.run(lambda: self.load_rows(chosen, 0, PAGE_SIZE + 1),
                        lambda page: self._show_first_page(page, sorting), self._read_failed,
                        key=self._rows_key)  # fmt: skip

    def _show_first_page(self, page: list[Row], sorting: bool) -> None:
        self._reading = False
        self.beginResetModel()
        self._texts.clear()
        self._rows = self._page_of(page)
        recount, self._recount = self._recount, False
        if recount:  # a sort alone changes the order, not the total
            self._total = None if self._more else len(self._rows)
        self.endResetModel()
        if recount:
            if self._more:
                chosen = self._filter_read
                self._tasks.run(lambda: self.count_rows(chosen), self._take_count, key=self._count_key)
            self.total_changed.emit()
        self.loaded.emit()
        if sorting:
            self.sorted.emit()

    def _read_at_once(self, chosen: Any, sorting: bool) -> None:
        """The window's very first page, read here: one indexed query of ~10 ms that a reader never waits
        for (WAL), while on a worker it would wait for Python's lock behind the window being built (~40 ms
        of a cold start, tests/bench/bench_window.py). Later reads all go to the task pool."""
        try:
            page = self.load_rows(chosen, 0, PAGE_SIZE + 1)
        except Exception as error:
            log.exception("the first page of the list failed")
            self._read_failed(error)
            return
        self._show_first_page(page, sorting)

    def _read_failed(self, error: BaseException) -> None:
        self._reading = False  # the rows shown stay; the next reload or scroll asks again
        self._tasks.tell_user(error)

    def _page_of(self, page: list[Row]) -> list[Row]:
        """``page`` holds up to one row more than a page, to tell whether there is more: note that,
        and drop that row."""
        self._more = len(page) > PAGE_SIZE
        return page[:PAGE_SIZE]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A click on a column's header: that column's order, in the database (the whole list, not
        just the rows loaded; a full scan for an unindexed column at 100,000 rows is ~100 ms, on a
        worker); -1 goes back to the list's own order. The rows change when the first page arrives."""
        wanted = None
        if 0 <= column < len(self.SORT_KEYS):
            wanted = SortOrder(self.SORT_KEYS[column], order == Qt.SortOrder.DescendingOrder)
        if wanted == self.sort_order:
            return
        self.sort_order = wanted
        if self._shown:  # a hidden list is empty: it takes the order at its next reload
            self._read_first_page(sorting=True)

    def _take_count(self, total: int) -> None:
        self._total = total
        self.total_changed.emit()

    @property
    def total(self) -> int | None:
        """Rows in the whole list; None while a background count runs."""
        return self._total

    def current_ids(self) -> Sequence[int] | None:
        return self._ids

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and self._more and not self._reading

    def fetchMore(self, parent: AnyIndex) -> None:
        """Ask for the next page; its rows are added when it arrives."""
        if not self.canFetchMore(parent):
            return
        chosen, offset = self._filter_read, len(self._rows)
        self._reading = True
        self._tasks.run(lambda: self.load_rows(chosen, offset, PAGE_SIZE + 1), self._add_page, self._read_failed,
                        key=self._rows_key)  # fmt: skip

    def _add_page(self, page: list[Row]) -> None:
        self._reading = False
        page = self._page_of(page)
        if page:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.header_labels()[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED_ROLES or not index.isValid():  # Qt asks ~10 roles a cell at each paint
            return None
        row = self._rows[index.row()]
        if role in _TEXT_ROLES:
            # the tooltip shows what a narrow column cuts; a row's texts are made once, not per paint
            texts = self._texts.get(index.row())
            if texts is None:
                texts = self._texts[index.row()] = [self._cell_text(row, c) for c in range(self.columnCount())]
            return texts[index.column()]
        try:
            if role == Qt.ItemDataRole.DecorationRole:
                return self.icon(row, index.column())
            return self.decoration(row, role)
        except (KeyError, ValueError):  # a code no label knows (see _cell_text): no mark
            return None

    def _cell_text(self, row: Row, column: int) -> str:
        """The cell's text; empty where a code of the row is one no label knows (a cell a damaged cache file
        read wrong, until the sync's copy replaces it): the rest of the row and of the list still show."""
        try:
            return self.display(row, column)
        except (KeyError, ValueError):
            log.warning("row %s of the list holds a code no label knows (column %d)", getattr(row, "id", "?"), column)
            return ""

    def display(self, row: Row, column: int) -> str:
        raise NotImplementedError

    def with_sync_state(self, state: str, sync_state: str) -> str:
        """The state as shown: an action not yet confirmed by the server says so."""
        if sync_state == "pending":
            return QCoreApplication.translate("ItemModels", "{state} · waiting to sync").format(state=state)
        if sync_state == "rejected":
            return QCoreApplication.translate("ItemModels", "{state} · needs attention").format(state=state)
        return state

    def decoration(self, row: Row, role: int) -> Any:
        return None

    def icon(self, row: Row, column: int) -> Any:
        return None


class DocumentTableModel(PagedTableModel[DocumentRow]):
    COLUMNS = 10  # len(header_labels()), asked by Qt thousands of times: not translated each time
    SORT_KEYS = ("arrival_number", "arrival_date", "number", "issued_on", "issuing_agency_name", "subject", "urgency",
                 "due_on", "state", "source")  # fmt: skip
    ARRIVAL_COLUMNS = (0, 1)
    NUMBER_COLUMN = 2
    AGENCY_COLUMN = 4
    SUBJECT_COLUMN = 5
    DUE_COLUMN = 7

    def __init__(self, workbench: Workbench, direction: str | None, tasks: TaskRunner) -> None:
        super().__init__(tasks, "documents")
        self._workbench = workbench
        self.direction = direction
        self.view = "all"
        self.narrowing = Narrowing()
        self._today = workbench.clock.now().date()

    def header_labels(self) -> list[str]:
        return [
            self.tr("Arrival no."), self.tr("Arrival date"), self.tr("Number/notation"), self.tr("Issued on"),
            self.tr("Issuing agency"), self.tr("Subject"), self.tr("Urgency"), self.tr("Due"), self.tr("State"),
            self.tr("System"),
        ]  # fmt: skip

    def make_filter(self, ids: Sequence[int] | None) -> DocumentFilter:
        today = self._today = self._workbench.clock.now().date()  # the marks' today: the list's own
        return DocumentFilter(self.direction, ids, self.view, today, self.narrowing, self.sort_order)

    def count_rows(self, chosen: DocumentFilter) -> int:
        return self._workbench.count_documents(chosen)

    def load_rows(self, chosen: DocumentFilter, offset: int, limit: int) -> list[DocumentRow]:
        return self._workbench.document_page(chosen, offset, limit)

    def display(self, row: DocumentRow, column: int) -> str:
        states = IncomingState if row.direction == "incoming" else OutgoingState
        values = (
            "" if row.arrival_number is None else str(row.arrival_number),
            format_date(row.arrival_date),
            row.number_notation,
            format_date(row.issued_on),
            row.issuing_agency_name,
            row.subject,
            _label(URGENCY_LABELS, row.urgency),
            format_date(row.due_on),
            self.with_sync_state(_state_label(states, row.state), row.sync_state),
            " + ".join(_label(SOURCE_KIND_LABELS, kind) for kind in (row.source_kind, *row.copy_source_kinds)),
        )
        return values[column]

    def icon(self, row: DocumentRow, column: int) -> Any:
        """The mark of the document's signatures beside its number (see ui.signature_view), and a
        clock beside the due date of an overdue one (red bold already means urgent)."""
        if column == self.DUE_COLUMN:
            return icon("overdue") if row.overdue_on(self._today) else None
        if column != self.NUMBER_COLUMN or row.signature_verdict is None:
            return None
        from ui.signature_view import verdict_icon

        return verdict_icon(Verdict(row.signature_verdict))

    def decoration(self, row: DocumentRow, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and row.urgency in _URGENT:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and row.urgency in _URGENT:
            return QColor("#b3261e")
        return None


# the one meaning of each colour in the dossier lists (app.domain.dossier_standing)
_STANDING_COLOURS = {Standing.OVERDUE: "#b3261e", Standing.DUE_SOON: "#9a5b00", Standing.PAUSED: "#5f6368"}


class DossierTableModel(PagedTableModel[DossierRow]):
    COLUMNS = 9  # header_labels' length
    SORT_KEYS = (
        "code", "procedure_name", "applicant_name", "channel", "received_at", "due_at", "due_at", "state", "source",
    )  # fmt: skip
    PROCEDURE_COLUMN = 1
    LEFT_COLUMN = 6  # working days left

    def __init__(self, workbench: Workbench, tasks: TaskRunner) -> None:
        super().__init__(tasks, "dossiers")
        self._workbench = workbench
        self.view = "all"
        self.narrowing = Narrowing()
        self._standings_minute: datetime | None = None
        self._standings: dict[tuple[int, int, datetime, datetime | None], Standing] = {}
        self._soon_until: datetime | None = None
        self._days_left: dict[tuple[int, datetime], float] = {}

    def header_labels(self) -> list[str]:
        return [
            self.tr("Dossier code"), self.tr("Procedure"), self.tr("Applicant"), self.tr("Channel"),
            self.tr("Received"), self.tr("Due"), self.tr("Working days left"), self.tr("State"), self.tr("System"),
        ]  # fmt: skip

    def make_filter(self, ids: Sequence[int] | None) -> DossierFilter:
        return DossierFilter(ids, self.view, self._workbench.clock.now(), narrowing=self.narrowing,
                             sort=self.sort_order)  # fmt: skip

    def count_rows(self, chosen: DossierFilter) -> int:
        return self._workbench.count_dossiers(chosen)

    def load_rows(self, chosen: DossierFilter, offset: int, limit: int) -> list[DossierRow]:
        return self._workbench.dossier_page(chosen, offset, limit)

    def display(self, row: DossierRow, column: int) -> str:
        if column == self.LEFT_COLUMN:
            return self._left(row)
        values = (
            row.code,
            row.procedure_name,
            row.applicant_name,
            _label(CHANNEL_LABELS, row.channel),
            format_datetime(row.received_at),
            format_datetime(row.due_at),
            "",
            self.with_sync_state(_state_label(DossierState, row.state), row.sync_state),
            _label(SOURCE_KIND_LABELS, row.source_kind),
        )
        return values[column]

    def _standing(self, row: DossierRow) -> Standing:
        """Asked for every cell painted: worked out once a minute per row (it walks the working calendar)."""
        now = self._workbench.clock.now()
        minute = now.replace(second=0, microsecond=0)
        if minute != self._standings_minute:
            self._standings_minute, self._standings, self._days_left = minute, {}, {}
            self._soon_until = due_soon_until(now, self._workbench.calendar())
        key = (row.id, row.state, row.due_at, row.finished_at)
        found = self._standings.get(key)
        if found is None:
            found = self._standings[key] = standing(row.state, row.due_at, row.finished_at, now, self._soon_until)
        return found

    def _left(self, row: DossierRow) -> str:
        """Working days left, one decimal, Vietnamese style ("1,5"; "−0,5" when late); paused: why not."""
        shown = self._standing(row)
        if shown is Standing.FINISHED:
            return ""
        if shown is Standing.PAUSED:
            return self.tr("paused")
        key = (row.id, row.due_at)
        days = self._days_left.get(key)
        if days is None:  # worked out once a minute, like the standing (cleared together)
            days = self._days_left[key] = working_days_left(self._workbench.clock.now(), row.due_at,
                                                            self._workbench.calendar())  # fmt: skip
        return f"{days:.1f}".replace(".", ",").replace("-", "−")

    def decoration(self, row: DossierRow, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = _STANDING_COLOURS.get(self._standing(row))
            return QColor(colour) if colour else None
        return None


class FeedbackTableModel(PagedTableModel[FeedbackRow]):
    """The 1022 reports: red once past their due time, amber when due soon (Settings), as the dossiers."""

    COLUMNS = 10  # header_labels' length
    SORT_KEYS = ("code", "category", "content", "address", "channel", "routed_at", "due_at", "state", "assignee",
                 "source")  # fmt: skip
    CONTENT_COLUMN = 2
    DUE_COLUMN = 6

    def __init__(self, workbench: Workbench, tasks: TaskRunner) -> None:
        super().__init__(tasks, "feedback")
        self._workbench = workbench
        self.view = "all"
        self.narrowing = Narrowing()
        self._marks_minute: datetime | None = None
        self._soon_until: datetime | None = None

    def header_labels(self) -> list[str]:
        return [
            self.tr("Report code"), self.tr("Category"), self.tr("Content"), self.tr("Place"), self.tr("Channel"),
            self.tr("Routed"), self.tr("Answer due"), self.tr("State"), self.tr("Handled by"), self.tr("System"),
        ]  # fmt: skip

    def make_filter(self, ids: Sequence[int] | None) -> FeedbackFilter:
        return FeedbackFilter(ids, self.view, self._workbench.clock.now(), narrowing=self.narrowing,
                              sort=self.sort_order)  # fmt: skip

    def count_rows(self, chosen: FeedbackFilter) -> int:
        return self._workbench.count_feedback(chosen)

    def load_rows(self, chosen: FeedbackFilter, offset: int, limit: int) -> list[FeedbackRow]:
        return self._workbench.feedback_page(chosen, offset, limit)

    def display(self, row: FeedbackRow, column: int) -> str:
        values = (
            row.code,
            row.category,
            " ".join(row.content.split())[:200],  # one line: the whole text is in the detail pane
            row.address,
            _label(FEEDBACK_CHANNEL_LABELS, row.channel),
            format_datetime(row.routed_at),
            format_datetime(row.due_at),
            self.with_sync_state(_state_label(FeedbackState, row.state), row.sync_state),
            row.assignee or "",
            _label(SOURCE_KIND_LABELS, row.source_kind),
        )
        return values[column]

    def _standing(self, row: FeedbackRow) -> Standing | None:
        """Overdue or due soon, as app.domain.feedback_deadline counts it; the limit worked out once a minute."""
        if row.state in CLOSED_FEEDBACK_STATES:
            return None
        now = self._workbench.clock.now()
        minute = now.replace(second=0, microsecond=0)
        if minute != self._marks_minute:
            self._marks_minute = minute
            self._soon_until = due_soon_limit(now, self._workbench.feedback_rule(), self._workbench.calendar())
        if row.due_at < now:
            return Standing.OVERDUE
        return Standing.DUE_SOON if self._soon_until is not None and row.due_at <= self._soon_until else None

    def icon(self, row: FeedbackRow, column: int) -> Any:
        if column == self.DUE_COLUMN and self._standing(row) is Standing.OVERDUE:
            return icon("overdue")
        return None

    def decoration(self, row: FeedbackRow, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            standing = self._standing(row)
            return QColor(_STANDING_COLOURS[standing]) if standing is not None else None
        return None


def _label(labels: Mapping[str, str], code: str) -> str:
    """A code in words; as stored when no label knows it (a newer service's value, or a cell a damaged cache
    file read wrong until the sync's copy replaces it): the row still shows."""
    return domain_text(labels[code]) if code in labels else str(code)


def _state_label(states: type[Enum], value: Any) -> str:
    try:
        return domain_text(STATE_LABELS[states(value)])
    except (ValueError, KeyError):
        return str(value)
