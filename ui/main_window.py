"""The workbench: a navigator of queues and views with live counts, the lists, the selected item,
and a status bar that says, per account, whether the server is reachable and what waits to sync.

Every read, write, export and server call runs on the window's task runner (``self.tasks``); the
UI thread only shows answers. A failure nobody else handles is told in the status bar's notice.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QProcess, Qt, QTimer, QTranslator, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.item_lists import DocumentFilter, DossierFilter
from app.workbench import AccountOverview, SearchResult, Workbench
from ui.detail_pane import DetailPane
from ui.filter_bar import FilterBar
from ui.item_models import DocumentTableModel, DossierTableModel, PagedTableModel, format_datetime
from ui.notifications import Notifier
from ui.sync_bridge import SyncBridge
from ui.tasks import CancelToken, TaskRunner
from ui.translation import domain_text, install_translator, user_text

if TYPE_CHECKING:  # dialogs and the sync code load when first used: the first rows come sooner
    from app.edxml_import import PacketPreview
    from app.local_cache import Recovery
    from app.sync_engine import SyncReport
    from sandbox.demo import DemoLauncher
    from ui.accounts_dialog import AccountsDialog

Row = TypeVar("Row")
SEARCH_DELAY_MS = 250  # wait for a pause in typing before searching
NOTICE_MS = 30_000  # how long a failure or an answer to F5 stays in the status bar
AGENCY_COLUMN_WIDTH = 200
WIDE_COLUMN_WIDTH = 340
DETAIL_MIN_WIDTH, DETAIL_MAX_WIDTH = 420, 540
# (key, shows documents of direction, shows dossiers, view)
NAVIGATION = (
    ("incoming", "incoming", False, "all"),
    ("outgoing", "outgoing", False, "all"),
    ("dossiers", None, True, "all"),
    ("due_today", "any", True, "due_today"),
    ("overdue", "any", True, "overdue"),
    ("urgent", "any", False, "urgent"),
    ("waiting", "any", True, "waiting"),
    ("attention", "any", True, "attention"),
)


class Services(Enum):
    """The background services (keyring, sync timer, demo service), as the window knows them."""

    NOT_ASKED = "not_asked"  # nothing started them (a window on the cache alone)
    OFFLINE = "offline"  # started with --offline: nothing is sent or fetched
    STARTING = "starting"
    RUNNING = "running"
    FAILED = "failed"


def _until_cancelled(rows: Iterable[Row], token: CancelToken) -> Iterator[Row]:
    """The rows an export writes, one at a time, stopping where the user pressed Cancel."""
    for row in rows:
        token.check()
        yield row


def _table(model: PagedTableModel, name: str, wide_column: int) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Fit the columns to the rows on screen only: measuring every loaded row asks the model for
    # thousands of cells through Python at each reload (~300 ms for 200 rows, the slowest part of
    # switching a view, measured with tests/bench/bench_window.py).
    header.setResizeContentsPrecision(0)
    # the subject or procedure gets room of its own; the last column takes what is left
    header.setSectionResizeMode(wide_column, QHeaderView.ResizeMode.Interactive)
    view.setColumnWidth(wide_column, WIDE_COLUMN_WIDTH)
    header.setStretchLastSection(True)
    # a click on a column's header sorts the whole list by it (in the database); no column at first
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    return view


class MainWindow(QMainWindow):
    closing = Signal()
    search_shown = Signal()  # the lists show the latest search's results
    exported = Signal(object)  # the Path of a list, register or report, once written
    edxml_opened = Signal(object)  # the EdxmlDialog showing a file open_edxml() read

    def __init__(
        self, workbench: Workbench, bridge: SyncBridge | None = None, translator: QTranslator | None = None
    ) -> None:
        super().__init__()
        self.workbench = workbench
        self.bridge = bridge or SyncBridge(self)
        self.tasks = TaskRunner(self)
        self.documents = DocumentTableModel(workbench, "incoming", self.tasks)
        self.dossiers = DossierTableModel(workbench, self.tasks)
        self._result: SearchResult | None = None
        self._search_waiting = False  # a search's answer is in: search_shown once both lists show it
        self._first_rows = True  # until the first page is shown, the counts and the status wait (cold start)
        self._translator = translator  # the one installed now, replaced when the language changes
        self.services = Services.NOT_ASKED
        self._services_problem = ""
        self._services_asked: tuple[DemoLauncher | None, float | None] = (None, None)  # demo, interval
        self._build()
        self.tasks.failed.connect(self.show_notice)
        self.tasks.cancelled.connect(lambda: self.show_notice(self.tr("Stopped; nothing was saved.")))
        self.tasks.busy_changed.connect(self._show_busy)
        self.documents.total_changed.connect(self._show_summary)
        self.dossiers.total_changed.connect(self._show_summary)
        self.documents.loaded.connect(self._list_loaded)
        self.dossiers.loaded.connect(self._list_loaded)
        self.notifier = Notifier(self, workbench, self.tasks)
        self.retranslate()
        self.navigator.setCurrentRow(0)
        self.bridge.sync_finished.connect(self.on_sync_finished)
        self.bridge.services_failed.connect(self.on_services_failed)
        self.bridge.cache_damaged.connect(self.on_cache_damaged)
        if workbench.cache.recovery is not None:
            self.show_recovery(workbench.cache.recovery)

    # -- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.navigator = QListWidget()
        self.navigator.setObjectName("navigator")
        for key, *_ in NAVIGATION:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.navigator.addItem(item)
        self.navigator.currentRowChanged.connect(lambda _row: self.refresh_lists())
        self.search = QLineEdit(objectName="search", clearButtonEnabled=True)
        self.filters = FilterBar()
        self.filters.changed.connect(self.refresh_lists)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.document_table = _table(self.documents, "documentTable", DocumentTableModel.SUBJECT_COLUMN)
        agency = DocumentTableModel.AGENCY_COLUMN
        self.document_table.horizontalHeader().setSectionResizeMode(agency, QHeaderView.ResizeMode.Interactive)
        self.document_table.setColumnWidth(agency, AGENCY_COLUMN_WIDTH)
        self.dossier_table = _table(self.dossiers, "dossierTable", DossierTableModel.PROCEDURE_COLUMN)
        for table, kind in ((self.document_table, "document"), (self.dossier_table, "dossier")):
            table.selectionModel().currentRowChanged.connect(
                lambda current, _previous, kind=kind: self._select(kind, current)
            )
        self.detail = DetailPane(self.workbench, self.tasks)
        self.detail.acted.connect(self.on_acted)
        lists = QSplitter(Qt.Orientation.Vertical)
        lists.addWidget(self.document_table)
        lists.addWidget(self.dossier_table)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.search)
        middle_layout.addWidget(self.filters)
        middle_layout.addWidget(lists)
        splitter = QSplitter()
        splitter.addWidget(self.navigator)
        splitter.addWidget(middle)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(1, 1)  # the lists take what the window gains
        self.banner = QLabel(objectName="banner", alignment=Qt.AlignmentFlag.AlignCenter)
        self.banner.setStyleSheet("background: #ffd400; color: #000; font-weight: bold; padding: 6px")
        self.banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.banner.hide()
        self.cache_notice = QLabel(objectName="cacheNotice", wordWrap=True)  # the cache file was damaged
        self.cache_notice.setStyleSheet("background: #fdecea; color: #5f2120; padding: 6px")
        self.cache_notice.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.cache_notice.hide()
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(self.banner)
        page_layout.addWidget(self.cache_notice)
        page_layout.addWidget(splitter)
        self.detail.setMinimumWidth(DETAIL_MIN_WIDTH)
        self.detail.setMaximumWidth(DETAIL_MAX_WIDTH)
        self.setCentralWidget(page)
        self._build_status_bar()
        self._build_menu()

    def _build_status_bar(self) -> None:
        self.summary = QLabel(objectName="summary")
        self.notice = QLabel(objectName="notice", wordWrap=True)  # a failure, or why F5 did not sync
        self.notice.setStyleSheet("color: #b3261e")
        self.notice.hide()
        self._notice_timer = QTimer(self, singleShot=True, interval=NOTICE_MS)
        self._notice_timer.timeout.connect(self.notice.hide)
        self.connection = QLabel(objectName="connection")
        self.progress = QProgressBar(objectName="syncProgress", maximumWidth=120)
        self.progress.setRange(0, 0)  # busy indicator while a sync runs
        self.progress.hide()
        self.busy = QProgressBar(objectName="busy", maximumWidth=120)  # work running for over BUSY_DELAY_MS
        self.busy.setRange(0, 0)
        self.busy.hide()
        self.cancel_button = QPushButton(objectName="cancelWork")
        self.cancel_button.clicked.connect(self.tasks.cancel_all)
        self.cancel_button.hide()
        self.sync_button = QPushButton(objectName="syncNow")
        self.sync_button.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.sync_button.clicked.connect(self.sync_now)
        bar = self.statusBar()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.notice, 2)
        bar.addPermanentWidget(self.busy)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.connection)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.sync_button)

    def show_notice(self, text: str) -> None:
        """Tell the user something in the status bar (a failure in their words), for a while."""
        self.notice.setText(text)
        self.notice.show()
        self._notice_timer.start()

    def _show_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.busy.setToolTip(self.tr("Working…"))
        self.cancel_button.setVisible(busy and self.tasks.can_cancel)

    def _build_menu(self) -> None:
        self.quit_action = QAction(self, shortcut=QKeySequence.StandardKey.Quit, triggered=self.close)
        self.find_action = QAction(self, shortcut=QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(lambda: self.search.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.settings_action = QAction(self, shortcut=QKeySequence.StandardKey.Preferences)
        self.settings_action.triggered.connect(self.edit_settings)
        self.open_edxml_action = QAction(self, shortcut=QKeySequence.StandardKey.Open)
        self.open_edxml_action.triggered.connect(lambda: self.open_edxml())
        self.export_action = QAction(self, shortcut=QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(lambda: self.export_list())
        self.register_action = QAction(self)
        self.register_action.triggered.connect(lambda: self.save_register_pdf())
        self.ontime_action = QAction(self)
        self.ontime_action.triggered.connect(lambda: self.save_ontime_report_pdf())
        self.training_action = QAction(self)
        self.training_action.triggered.connect(self.open_training)
        self.accounts_action = QAction(self)
        self.accounts_action.triggered.connect(self.show_accounts)
        self.dashboard_action = QAction(self, shortcut=QKeySequence("Ctrl+D"))
        self.dashboard_action.triggered.connect(self.show_dashboard)
        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.addAction(self.open_edxml_action)
        self.file_menu.addAction(self.export_action)
        self.file_menu.addAction(self.register_action)
        self.file_menu.addAction(self.ontime_action)
        self.file_menu.addAction(self.find_action)
        self.file_menu.addAction(self.dashboard_action)
        self.file_menu.addAction(self.accounts_action)
        self.file_menu.addAction(self.training_action)
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addAction(self.quit_action)
        self.language_menu = self.menuBar().addMenu("")
        self.language_actions = {}
        for code, name in (("vi", "Tiếng Việt"), ("en", "English")):
            action = QAction(name, self, checkable=True)
            action.triggered.connect(lambda _checked=False, code=code: self.switch_language(code))
            self.language_menu.addAction(action)
            self.language_actions[code] = action

    def switch_language(self, language: str) -> None:
        """Change the language at once, without a restart, and remember it."""
        app = QApplication.instance()
        if self._translator is not None:
            app.removeTranslator(self._translator)
        self._translator = install_translator(app, language)
        if language != self.workbench.settings.language:
            self.workbench.save_settings(replace(self.workbench.settings, language=language))
        self.retranslate()

    def show_banner(self, text: str) -> None:
        """A banner that stays: training mode must never be mistaken for real work."""
        self.banner.setText(text)
        self.banner.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        self.tasks.shutdown()  # no answer lands on a closed window; a write under way finishes
        super().closeEvent(event)

    def open_edxml(self, path: Path | None = None) -> None:
        """Show an edXML file (from a USB stick, an old system) and offer to import it. The file is read
        and checked on the task pool (it may carry its attachments); ``edxml_opened`` brings the dialog."""
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(self, self.tr("Open an edXML file"), "",
                                                          self.tr("edXML packets (*.edxml *.xml)"))  # fmt: skip
            if not chosen:
                return
            path = Path(chosen)
        chosen_path = path

        def read() -> tuple[PacketPreview, bool]:
            from app.edxml_import import open_packet

            return open_packet(chosen_path), self.workbench.import_target() is not None

        self.tasks.run(read, self._show_packet, self._packet_refused)

    def _show_packet(self, read: tuple[PacketPreview, bool]) -> None:
        from ui.edxml_dialog import EdxmlDialog

        preview, can_import = read
        dialog = EdxmlDialog(preview, self.workbench, self.tasks, can_import, self)
        dialog.show()
        self.edxml_opened.emit(dialog)

    def _packet_refused(self, error: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Open an edXML file"), user_text(error))

    def _save_path(self, title: str, suggested: str, pattern: str, path: Path | None) -> Path | None:
        if path is not None:
            return path
        chosen, _filter = QFileDialog.getSaveFileName(self, title, suggested, pattern)
        return Path(chosen) if chosen else None

    def export_list(self, path: Path | None = None) -> Path | None:
        """The list on screen (its view, search and filters) as an Excel file, written on the task pool
        (Cancel in the status bar stops it); returns the file it will be, ``exported`` says when."""
        target = self._save_path(self.tr("Export this list to Excel"), "danh-sach.xlsx", "Excel (*.xlsx)", path)
        if target is None:
            return None
        title = self._labels()[self._navigation()[0]]
        documents = self.document_table.isVisibleTo(self)
        chosen = (self.documents if documents else self.dossiers).current_filter()

        def write(token: CancelToken) -> Path:
            from app.excel_exports import export_documents_xlsx, export_dossiers_xlsx  # openpyxl only when exporting

            if documents:
                rows: list[Any] = self.workbench.all_documents(chosen)
                export_documents_xlsx(_until_cancelled(rows, token), target, domain_text, title)  # type: ignore[arg-type]
            else:
                rows = self.workbench.all_dossiers(chosen)
                export_dossiers_xlsx(_until_cancelled(rows, token), target, domain_text, title)  # type: ignore[arg-type]
            return target

        self._export(write)
        return target

    def save_register_pdf(self, path: Path | None = None) -> Path | None:
        """The incoming-document register in the layout of Decree 30/2020, Appendix IV (on the pool)."""
        target = self._save_path(self.tr("Incoming documents register"), "so-van-ban-den.pdf", "PDF (*.pdf)", path)
        if target is None:
            return None
        chosen = DocumentFilter("incoming", today=self.workbench.clock.now().date())

        def html(token: CancelToken) -> str:
            from app.printed_forms import incoming_register_html

            rows = self.workbench.all_documents(chosen)
            return incoming_register_html(_until_cancelled(rows, token), domain_text, self.workbench.unit_name())

        self._export_pdf(html, target, landscape=True)
        return target

    def save_ontime_report_pdf(self, path: Path | None = None) -> Path | None:
        target = self._save_path(self.tr("Dossier on-time report"), "bao-cao-ho-so.pdf", "PDF (*.pdf)", path)
        if target is None:
            return None
        now = self.workbench.clock.now()

        def html(token: CancelToken) -> str:
            from app.printed_forms import dossier_ontime_report_html

            rows = self.workbench.all_dossiers(DossierFilter(now=now))
            return dossier_ontime_report_html(_until_cancelled(rows, token), now, domain_text,
                                              self.workbench.unit_name())  # fmt: skip

        self._export_pdf(html, target)
        return target

    def _export_pdf(self, html: Callable[[CancelToken], str], target: Path, landscape: bool = False) -> None:
        from ui.printing import layout_dpi, save_html_as_pdf  # Qt's print support only when printing

        dpi = layout_dpi()  # the screens belong to the UI thread

        def write(token: CancelToken) -> Path:
            page = html(token)
            token.check()
            save_html_as_pdf(page, target, landscape=landscape, dpi=dpi)
            return target

        self._export(write)

    def _export(self, write: Callable[[CancelToken], Path]) -> None:
        self.tasks.run(write, self._exported, cancellable=True)

    def _exported(self, path: Path) -> None:
        self.statusBar().showMessage(self.tr("Saved {path}").format(path=path), 8000)
        self.exported.emit(path)

    def open_training(self) -> bool:
        """Training runs as its own process and profile: it can never touch this window's real data."""
        return QProcess.startDetached(sys.executable, ["-m", "ui", "--training"])[0]

    def show_accounts(self) -> AccountsDialog:
        from ui.accounts_dialog import AccountsDialog

        dialog = AccountsDialog(self.workbench, self.tasks, self)
        dialog.finished_call.connect(lambda _problem: self.refresh_status())
        dialog.show()
        return dialog

    def show_dashboard(self) -> QDialog:
        """This month's dossiers by outcome and documents by state, for a head of office."""
        from ui.dashboard import DashboardWidget  # QtCharts only when the dashboard opens

        dialog = QDialog(self)
        dialog.setObjectName("dashboardDialog")
        dialog.setWindowTitle(self.tr("Dashboard"))
        layout = QVBoxLayout(dialog)
        layout.addWidget(DashboardWidget(self.workbench, self.tasks, dialog))
        dialog.resize(1000, 640)
        dialog.show()
        return dialog

    def uninstall_translator(self) -> None:
        """Leave the application as it was (main() may run more than once in one process)."""
        if self._translator is not None:
            QApplication.instance().removeTranslator(self._translator)
            self._translator = None

    def edit_settings(self) -> bool:
        from ui.settings_dialog import SettingsDialog  # not on the way to the first rows

        dialog = SettingsDialog(self.workbench.settings, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_settings is None:
            return False
        language_changed = dialog.result_settings.language != self.workbench.settings.language
        self.workbench.save_settings(dialog.result_settings)
        if language_changed:
            self.switch_language(dialog.result_settings.language)
        return True

    def retranslate(self) -> None:
        """Every text of the window, again: called at start and when the language changes."""
        self.setWindowTitle(self.tr("Ward Desk — {profile}").format(profile=self.workbench.cache.profile.root.name))
        hint = self.tr("Search number, subject, agency, applicant, procedure (accents optional)")
        self.search.setPlaceholderText(hint)
        self.search.setAccessibleName(self.tr("Search"))
        self.navigator.setAccessibleName(self.tr("Queues and views"))
        self.document_table.setAccessibleName(self.tr("Documents"))
        self.dossier_table.setAccessibleName(self.tr("Dossiers"))
        self.sync_button.setText(self.tr("Sync now"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the export under way"))
        self.sync_button.setToolTip(self.tr("Send waiting actions and fetch what is new (F5)"))
        self.quit_action.setText(self.tr("&Quit"))
        self.find_action.setText(self.tr("&Find"))
        self.file_menu.setTitle(self.tr("&File"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.dashboard_action.setText(self.tr("&Dashboard"))
        self.accounts_action.setText(self.tr("&Accounts…"))
        self.training_action.setText(self.tr("Open &training mode (a separate sandbox)"))
        self.export_action.setText(self.tr("&Export this list to Excel…"))
        self.register_action.setText(self.tr("Incoming documents &register (PDF)…"))
        self.ontime_action.setText(self.tr("Dossier on-time &report (PDF)…"))
        self.open_edxml_action.setText(self.tr("&Open an edXML file…"))
        self.language_menu.setTitle(self.tr("&Language"))
        for code, action in self.language_actions.items():
            action.setChecked(code == self.workbench.settings.language)
        self.documents.retranslate()
        self.dossiers.retranslate()
        self.filters.retranslate()
        self.detail.show_item(*(self._current or (None, None)))
        self._show_counts(None)
        if not self._first_rows:
            self.refresh_counts()
            self.refresh_status()

    def _labels(self) -> dict[str, str]:
        return {
            "incoming": self.tr("Incoming documents"),
            "outgoing": self.tr("Outgoing documents"),
            "dossiers": self.tr("Dossiers"),
            "due_today": self.tr("Due today"),
            "overdue": self.tr("Overdue"),
            "urgent": self.tr("Urgent"),
            "waiting": self.tr("Waiting to sync"),
            "attention": self.tr("Needs attention"),
        }

    # -- lists -----------------------------------------------------------------------------------

    _current: tuple[str, int] | None = None
    _counts: list[int] | None = None  # the navigator's last counts

    def _navigation(self) -> tuple[str, str | None, bool, str]:
        row = max(0, self.navigator.currentRow())
        return NAVIGATION[row]

    def refresh_lists(self) -> None:
        key, direction, dossiers, view = self._navigation()
        self.filters.set_kind(key if key in ("incoming", "outgoing", "dossiers") else None)
        self.documents.direction = None if direction == "any" else direction
        self.documents.view = self.dossiers.view = view
        self.documents.narrowing = self.dossiers.narrowing = self.filters.narrowing()
        self.document_table.setVisible(direction is not None)
        self.dossier_table.setVisible(dossiers)
        # a list the view hides is emptied, not loaded: unordered by any index, it could cost ~80 ms
        self.documents.reload(None if self._result is None else self._result.document_ids, shown=direction is not None)
        self.dossiers.reload(None if self._result is None else self._result.dossier_ids, shown=dossiers)

    def apply_search(self) -> None:
        """Search for what is typed, on the task pool; the lists change when the answer arrives,
        unless the user has typed on since (the latest search wins)."""
        text = self.search.text()
        self.tasks.run(lambda: self.workbench.search(text), self._show_search, key="search")

    def _show_search(self, result: SearchResult | None) -> None:
        self._result = result
        self.refresh_lists()
        self._search_waiting = True  # after the reloads: a hidden list is emptied at once

    def _list_loaded(self) -> None:
        if self.documents.reading or self.dossiers.reading:
            return
        if self._first_rows:  # the first rows are in: now what can wait
            self._first_rows = False
            self.refresh_counts()
            self.refresh_status()
        if self._search_waiting:
            self._search_waiting = False
            self.search_shown.emit()

    def _show_summary(self) -> None:
        """Shown when either list's total changes; "…" while a count is still running."""

        def total(model: PagedTableModel, table: QTableView) -> str:
            if not table.isVisibleTo(self):
                return "0"
            return "…" if model.total is None else str(model.total)

        shown, dossiers = total(self.documents, self.document_table), total(self.dossiers, self.dossier_table)
        if self._result is None:
            text = self.tr("{documents} documents and {dossiers} dossiers in this list")
        else:
            text = self.tr("Found {documents} documents and {dossiers} dossiers")
        self.summary.setText(text.format(documents=shown, dossiers=dossiers))

    def refresh_counts(self) -> None:
        """The navigator's live counts, on the task pool (slow on a large cache); the labels change
        when the numbers arrive."""
        now = self.workbench.clock.now()
        self.tasks.run(lambda: self._count_views(now), self._show_counts, key="counts")

    def _count_views(self, now: datetime) -> list[int]:
        counts = []
        for _key, direction, dossiers, view in NAVIGATION:
            count = 0
            if direction is not None:
                chosen = None if direction == "any" else direction
                count += self.workbench.count_documents(DocumentFilter(chosen, None, view, now.date()))
            if dossiers:
                count += self.workbench.count_dossiers(DossierFilter(None, view, now))
            counts.append(count)
        return counts

    def _show_counts(self, counts: list[int] | None) -> None:
        """The navigator's labels with their counts (the last known ones when None: a language switch
        shows at once, the new counts follow)."""
        self._counts = counts if counts is not None else self._counts
        labels = self._labels()
        for row, (key, *_rest) in enumerate(NAVIGATION):
            text = labels[key] if self._counts is None else f"{labels[key]} ({self._counts[row]})"
            self.navigator.item(row).setText(text)
        # wide enough for the longest label with its count, in whichever language
        self.navigator.setMinimumWidth(self.navigator.sizeHintForColumn(0) + 2 * self.navigator.frameWidth() + 8)

    def _select(self, kind: str, index: QModelIndex) -> None:
        if not index.isValid():
            return
        model = self.documents if kind == "document" else self.dossiers
        self._current = (kind, model.row_at(index.row()).id)
        other = self.dossier_table if kind == "document" else self.document_table
        other.selectionModel().clearSelection()
        self.detail.show_item(kind, self._current[1])

    def select_row(self, kind: str, row: int) -> None:
        table = self.document_table if kind == "document" else self.dossier_table
        index = table.model().index(row, 0)
        table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )

    # -- events ------------------------------------------------------------------------------------

    def on_acted(self, _kind: str, _item_id: int) -> None:
        """An action was written: the lists, the counts and the status bar show it."""
        self.refresh_lists()
        self.refresh_counts()
        self.refresh_status()

    def on_sync_finished(self, report: SyncReport) -> None:
        self.progress.hide()
        self.notifier.check()
        if report.pulled or report.pushed or report.rejected:
            self.refresh_lists()
            self.refresh_counts()
            if self._current is not None:
                self.detail.show_item(*self._current)
        self.refresh_status()

    def show_recovery(self, recovery: Recovery) -> None:
        """Tell the user, in plain words, that the cache was rebuilt and what that means."""
        text = self.tr(
            "The data file on this computer was damaged ({reason}) and has been rebuilt: Ward Desk is "
            "downloading your documents and dossiers again from the server. {accounts} account(s) kept. "
            "The damaged file is kept in {path}."
        ).format(reason=recovery.reason, accounts=recovery.accounts, path=recovery.moved_to)
        if recovery.unsent_actions:
            text += " " + self.tr(
                "{count} action(s) had not reached the server and are only in the damaged file: "
                "please do them again, or ask IT to recover them."
            ).format(count=recovery.unsent_actions)
        self.cache_notice.setText(text)
        self.cache_notice.show()

    def on_cache_damaged(self, reason: str) -> None:
        self.cache_notice.setText(
            self.tr(
                "The data file on this computer is damaged ({reason}). Please restart Ward Desk: it will "
                "rebuild the file from the server and keep your accounts."
            ).format(reason=reason)
        )
        self.cache_notice.show()

    def on_services_failed(self, message: str) -> None:
        self.services, self._services_problem = Services.FAILED, message
        self.refresh_status()

    # -- background services and sync ---------------------------------------------------------------

    def start_services(self, demo: DemoLauncher | None = None, interval: float | None = None) -> None:
        """Keyring, demo service and sync timer start on the task pool: the window is usable meanwhile.
        With a demo, its service starts first and the desk signs in to it. The first time, SQLite's
        check of the cache file follows there."""
        first = self.services is Services.NOT_ASKED
        self.services, self._services_asked = Services.STARTING, (demo, interval)
        self.refresh_status()

        def start() -> None:
            self.workbench.stop_services()  # what a failed start left running
            if demo is not None:
                central = demo.start()
                self.workbench.add_account(central.source, central.login, central.password)
            self.workbench.start_services(on_report=self.bridge.report, interval=interval)

        def after(_answer: object = None) -> None:
            if first:
                self.tasks.run(self.workbench.check_cache_file, self._cache_checked, shows_busy=False)

        def started(_answer: object) -> None:
            self.services = Services.RUNNING
            self.refresh_status()
            after()

        def failed(error: BaseException) -> None:
            self.on_services_failed(user_text(error))
            after()

        self.tasks.run(start, started, failed, key="services", shows_busy=False)

    def _cache_checked(self, problem: str | None) -> None:
        if problem is not None:
            self.on_cache_damaged(problem)

    def work_offline(self) -> None:
        """Started with --offline: no service runs, and the status bar says so."""
        self.services = Services.OFFLINE
        self.refresh_status()

    def sync_now(self) -> None:
        """F5: a sync at once; where none can start, a word on why, at once (never a spinner)."""
        if self.workbench.sync_now():
            self.progress.show()
            return
        if self.services is Services.FAILED:
            self.show_notice(self.tr("Starting sync again…"))
            self.start_services(*self._services_asked)
        elif self.services is Services.OFFLINE:
            self.show_notice(self.tr("This desk works offline: it was started without sync, so nothing was sent. "
                                     "Start Ward Desk again without --offline to sync."))  # fmt: skip
        elif self.services is Services.STARTING:
            self.show_notice(self.tr("Sync is still starting; it runs by itself as soon as it is ready."))
        else:
            self.show_notice(self.tr("Nothing to sync: no account is signed in (File → Accounts…)."))

    def refresh_status(self) -> None:
        """The accounts' states, read on the task pool, then shown in the status bar."""
        self.tasks.run(self.workbench.account_statuses, self._show_status, key="status")

    def _show_status(self, statuses: list[AccountOverview]) -> None:
        parts = [self._account_state(status) for status in statuses]
        real_work = not self.workbench.desk.session_only and not self.banner.isVisibleTo(self)
        if parts and real_work and self.workbench.secrets_kept_for_session_only():
            parts.append(self.tr("no secure keyring: you will sign in again after a restart"))
        if self.services is Services.OFFLINE:
            parts.insert(0, self.tr("Working offline: started without sync"))
        elif self.services is Services.FAILED:
            parts.insert(0, self.tr("Background services stopped: {message}").format(message=self._services_problem))
        self.connection.setText("   |   ".join(parts) if parts else self.tr("No account: working from the cache"))

    def _account_state(self, status: AccountOverview) -> str:
        if status.status == "retired":
            state = self.tr("retired")
        elif self.services is Services.OFFLINE:
            state = self.tr("not syncing")
        elif status.reachable is None:
            state = self.tr("connecting…")
        elif status.reachable:
            state = self.tr("online")
        elif status.problem == "untrusted":
            state = self.tr("the server's certificate is not trusted (Settings: certificate authority)")
        else:
            state = self.tr("offline")
        part = f"{status.display_name}: {state}"
        if status.last_success_at is not None:
            part += " · " + self.tr("synced {when}").format(when=format_datetime(status.last_success_at))
        if status.pending:
            part += " · " + self.tr("{count} waiting").format(count=status.pending)
        if status.role == "old" and status.parallel_until is not None and status.status != "retired":
            until = status.parallel_until.strftime("%d/%m/%Y")
            part += " · " + self.tr("old account ends {date}").format(date=until)
        return part
