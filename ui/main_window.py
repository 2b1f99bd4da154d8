"""The workbench: a navigator of queues and views with live counts, the lists, the selected item,
and a status bar that says, per account, whether the server is reachable and what waits to sync
(``ui.window_status``), with the exports of ``ui.window_exports``.

Every read, write, export and server call runs on the window's task runner (``self.tasks``); the
UI thread only shows answers. A failure nobody else handles is told in the status bar's notice.

Longer than 500 lines on purpose: the navigator, the two lists, the detail pane and the menus share one
selection and one set of filters; the status bar and the exports already live apart.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, QProcess, Qt, QTimer, QTranslator, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.item_lists import DocumentFilter, DossierFilter, FeedbackFilter
from app.one_stop_forms import FormKind
from app.workbench import SearchResult, Workbench
from ui.cache_notices import damaged_text, recovery_text
from ui.detail_pane import DetailPane
from ui.file_dialogs import open_file
from ui.filter_bar import FilterBar
from ui.garbage_collection import collect_on_the_ui_thread
from ui.item_models import DocumentTableModel, DossierTableModel, FeedbackTableModel, PagedTableModel
from ui.notifications import Notifier
from ui.sync_bridge import SyncBridge
from ui.tasks import TaskRunner
from ui.translation import current_language, install_translator, user_text
from ui.window_exports import WindowExports
from ui.window_intake import WindowIntake
from ui.window_layout import decoded, encoded, fit_to_screen
from ui.window_meetings import WindowMeetings
from ui.window_status import Services, WindowStatus
from ui.window_toolbar import WindowToolbar

if TYPE_CHECKING:  # dialogs and the sync code load when first used: the first rows come sooner
    from app.edxml_import import PacketPreview
    from app.local_cache import Recovery
    from app.sync_engine import SyncReport
    from sandbox.demo import DemoLauncher
    from ui.accounts_dialog import AccountsDialog
    from ui.first_run import FirstRunWizard

log = logging.getLogger(__name__)
Row = TypeVar("Row")
SEARCH_DELAY_MS = 250  # wait for a pause in typing before searching
AGENCY_COLUMN_WIDTH = 200
WIDE_COLUMN_WIDTH = 340
DETAIL_MIN_WIDTH, DETAIL_MAX_WIDTH = 300, 540
NAVIGATOR_WIDTH, DETAIL_WIDTH = 170, 400  # the first layout's widths; the official's own are kept
# (key, shows documents of direction, shows dossiers, shows 1022 reports, view)
NAVIGATION = (
    ("incoming", "incoming", False, False, "all"),
    ("outgoing", "outgoing", False, False, "all"),
    ("dossiers", None, True, False, "all"),
    ("feedback", None, False, True, "all"),
    ("feedback_new", None, False, True, "new"),  # the 1022 queue's own views (issue 20)
    ("feedback_due", None, False, True, "due_soon"),
    ("feedback_overdue", None, False, True, "overdue"),
    ("due_today", "any", True, True, "due_today"),
    ("due_soon", None, True, True, "due_soon"),
    ("overdue", "any", True, True, "overdue"),
    ("urgent", "any", False, False, "urgent"),
    ("waiting", "any", True, True, "waiting"),
    ("attention", "any", True, True, "attention"),
    ("meetings", None, False, False, "meetings"),  # the week of meetings (ui.meetings_view), not a list
)
OWN_FILTERS = ("incoming", "outgoing", "dossiers")  # lists whose states the filters offer (mixed views: none)
FEEDBACK_KEYS = frozenset(key for key, _direction, dossiers, reports, _view in NAVIGATION if reports and not dossiers)


class FirstPaint(QObject):
    """Calls ``then`` once, after the first paint of the widget it is armed on (or after a moment,
    should that widget not paint, e.g. hidden)."""

    FALLBACK_MS = 1000

    def __init__(self, parent: QObject, then: Callable[[], None]) -> None:
        super().__init__(parent)
        self._then = then
        self._widget: QWidget | None = None
        self.armed = False

    def arm(self, widget: QWidget) -> None:
        self.armed, self._widget = True, widget
        widget.installEventFilter(self)
        QTimer.singleShot(self.FALLBACK_MS, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._fire)  # after the paint itself
        return False

    def _fire(self) -> None:
        if self._widget is not None:
            self._widget.removeEventFilter(self)
            self._widget = None
            self._then()


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


class MainWindow(WindowStatus, WindowExports, WindowIntake, WindowMeetings):
    closing = Signal()
    search_shown = Signal()  # the lists show the latest search's results
    exported = Signal(object)  # the Path of a list, register or report, once written
    export_failed = Signal(str)  # why a list, register or report was not written, as the user read it
    edxml_opened = Signal(object)  # the EdxmlDialog showing a file open_edxml() read
    receipt_previewed = Signal(object)  # the QPrintPreviewDialog showing a receipt slip (ui.window_intake)
    form_previewed = Signal(object, str)  # the QPrintPreviewDialog showing any one-stop form, and its FormKind value
    meeting_shown = Signal(object)  # the MeetingDialog open_meeting() opened (ui.window_meetings)
    meeting_saved = Signal(object)  # the MeetingView as written

    def __init__(
        self, workbench: Workbench, bridge: SyncBridge | None = None, translator: QTranslator | None = None
    ) -> None:
        collect_on_the_ui_thread()  # before any worker starts: see ui.garbage_collection
        super().__init__()
        self.workbench = workbench
        self.bridge = bridge or SyncBridge(self)
        self.tasks = TaskRunner(self)
        self.documents = DocumentTableModel(workbench, "incoming", self.tasks)
        self.dossiers = DossierTableModel(workbench, self.tasks)
        self.reports = FeedbackTableModel(workbench, self.tasks)
        self._result: SearchResult | None = None
        self._search_waiting = False  # a search's answer is in: search_shown once both lists show it
        self._first_rows = True  # until the first page has painted, the counts and the status wait (cold start)
        self._painted = FirstPaint(self, self._after_first_rows)
        self._translator = translator  # the one installed now, replaced when the language changes
        self.services = Services.NOT_ASKED
        self._services_problem = ""
        self._services_asked: tuple[DemoLauncher | None, float | None] = (None, None)  # demo, interval
        self._build()
        self.tasks.failed.connect(self.show_notice)
        self.tasks.cancelled.connect(lambda: self.show_notice(self.tr("Stopped; nothing was saved.")))
        self.tasks.busy_changed.connect(self._show_busy)
        for model in self._models():
            model.total_changed.connect(self._show_summary)
            model.loaded.connect(self._list_loaded)
        self.notifier = Notifier(self, workbench, self.tasks)
        self.retranslate()
        self.navigator.setCurrentRow(0)
        self.bridge.sync_finished.connect(self.on_sync_finished)
        self.bridge.services_failed.connect(self.on_services_failed)
        self.bridge.cache_damaged.connect(self.on_cache_damaged)
        if workbench.cache.recovery is not None:
            self.show_recovery(workbench.cache.recovery)
        self.watch_cache_damage()

    # -- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.navigator = QListWidget()
        self.navigator.setObjectName("navigator")
        for key, *_ in NAVIGATION:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.navigator.addItem(item)
        self.navigator.currentRowChanged.connect(self._navigated)
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
        # the arrival columns come and go with the outgoing list: a fixed width, so showing them again
        # measures no cells (~50 ms on 100,000 items with the widths fitted to the contents)
        for column in DocumentTableModel.ARRIVAL_COLUMNS:
            self.document_table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self._fit_arrival_columns()
        self.dossier_table = _table(self.dossiers, "dossierTable", DossierTableModel.PROCEDURE_COLUMN)
        self.report_table = _table(self.reports, "reportTable", FeedbackTableModel.CONTENT_COLUMN)
        for kind, table in self._tables().items():
            table.selectionModel().currentRowChanged.connect(
                lambda current, _previous, kind=kind: self._select(kind, current)
            )
        self.detail = DetailPane(self.workbench, self.tasks)
        self.detail.acted.connect(self.on_acted)
        self.detail.signatures_checked.connect(lambda _kind, _id: self.refresh_lists())  # the list's mark
        self.detail.receipt_wanted.connect(self.preview_receipt)
        self.detail.form_wanted.connect(lambda dossier_id, kind: self.preview_form(dossier_id, FormKind(kind)))
        self.detail.draft_edit_wanted.connect(lambda document_id, fields: self.open_draft(document_id, fields))
        lists = self.lists_splitter = QSplitter(Qt.Orientation.Vertical, objectName="listsSplitter")
        lists.addWidget(self.document_table)
        lists.addWidget(self.dossier_table)
        lists.addWidget(self.report_table)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.search)
        middle_layout.addWidget(self.filters)
        middle_layout.addWidget(lists)
        self.middle = QStackedWidget(objectName="middle")  # the lists, or the week of meetings
        self.middle.addWidget(middle)
        self.middle.addWidget(self.build_meetings())
        splitter = self.splitter = QSplitter(objectName="mainSplitter")
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.middle)
        splitter.addWidget(self.detail)
        for index, stretch in enumerate((0, 1, 0)):  # the lists take what the window gains
            splitter.setStretchFactor(index, stretch)
        splitter.setCollapsible(1, False)
        splitter.setSizes([NAVIGATOR_WIDTH, 10 * NAVIGATOR_WIDTH, DETAIL_WIDTH])  # until a kept layout says otherwise
        self.banner = QLabel(objectName="banner", alignment=Qt.AlignmentFlag.AlignCenter)
        self.banner.setStyleSheet("background: #ffd400; color: #000; font-weight: bold; padding: 6px")
        self.banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.banner.hide()
        self.cache_notice = QLabel(objectName="cacheNotice", wordWrap=True)  # the cache file was damaged
        self.settings_notice = QLabel(objectName="settingsNotice", wordWrap=True)  # the settings file was set aside
        for notice in (self.cache_notice, self.settings_notice):
            notice.setStyleSheet("background: #fdecea; color: #5f2120; padding: 6px")
            notice.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            notice.hide()
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(self.banner)
        page_layout.addWidget(self.cache_notice)
        page_layout.addWidget(self.settings_notice)
        page_layout.addWidget(splitter)
        self.detail.setMinimumWidth(DETAIL_MIN_WIDTH)
        self.detail.setMaximumWidth(DETAIL_MAX_WIDTH)
        self.setCentralWidget(page)
        self._build_status_bar()
        self._build_menu()
        self.toolbar = WindowToolbar(self)
        self.intake_button = self.toolbar.button("intake_action")  # the counter's first task of the day

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
        self.register_action.triggered.connect(lambda: self.open_incoming_register_dialog())
        self.dossier_register_action = QAction(self, objectName="dossierRegisterAction")
        self.dossier_register_action.triggered.connect(lambda: self.open_register_dialog())
        self.monthly_report_action = QAction(self, objectName="monthlyReportAction")
        self.monthly_report_action.triggered.connect(lambda: self.open_monthly_report_dialog())
        self.feedback_report_action = QAction(self, objectName="feedbackReportAction")
        self.feedback_report_action.triggered.connect(lambda: self.open_feedback_report_dialog())
        self.training_action = QAction(self)
        self.training_action.triggered.connect(self.open_training)
        self.accounts_action = QAction(self)
        self.accounts_action.triggered.connect(self.show_accounts)
        self.first_run_action = QAction(self, objectName="firstRunAction")
        self.first_run_action.triggered.connect(lambda: self.open_first_run())
        self.intake_action = QAction(self, shortcut=QKeySequence("Ctrl+N"), objectName="takeInDossier")
        self.intake_action.triggered.connect(lambda: self.open_intake())
        self.draft_action = QAction(self, shortcut=QKeySequence("Ctrl+Shift+N"), objectName="draftDocument")
        self.draft_action.triggered.connect(lambda: self.open_draft())
        self.dashboard_action = QAction(self, shortcut=QKeySequence("Ctrl+D"))
        self.dashboard_action.triggered.connect(self.show_dashboard)
        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.addAction(self.intake_action)
        self.file_menu.addAction(self.draft_action)
        self.file_menu.addAction(self.open_edxml_action)
        self.file_menu.addAction(self.export_action)
        self.file_menu.addAction(self.register_action)
        self.file_menu.addAction(self.dossier_register_action)
        self.file_menu.addAction(self.monthly_report_action)
        self.file_menu.addAction(self.feedback_report_action)
        self.file_menu.addAction(self.find_action)
        self.file_menu.addAction(self.dashboard_action)
        self.file_menu.addAction(self.accounts_action)
        self.file_menu.addAction(self.first_run_action)
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

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # presentation mode: the navigator widens with its type
            QTimer.singleShot(0, self._relabel_navigator)
        super().changeEvent(event)

    def _relabel_navigator(self) -> None:
        self._show_counts(None)
        self._fit_arrival_columns()

    def _fit_arrival_columns(self) -> None:
        """As wide as a date in the list's type (and the header's): it grows in presentation mode."""
        metrics = self.document_table.fontMetrics()
        header = self.document_table.horizontalHeader()
        for column in DocumentTableModel.ARRIVAL_COLUMNS:
            title = str(self.documents.headerData(column, Qt.Orientation.Horizontal) or "")
            wanted = max(metrics.horizontalAdvance("30/12/2026"), header.fontMetrics().horizontalAdvance(title))
            self.document_table.setColumnWidth(column, wanted + 2 * metrics.averageCharWidth() + 8)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.remember_layout()
        self.closing.emit()
        self.tasks.shutdown()  # no answer lands on a closed window; a write under way finishes
        super().closeEvent(event)

    def remember_layout(self) -> None:
        """Keep where the window, its dividers and its subject columns were left, for the next start."""
        layout = {
            "geometry": encoded(self.saveGeometry()),
            "splitter": encoded(self.splitter.saveState()),
            "lists": encoded(self.lists_splitter.saveState()),
            "subject_width": str(self.document_table.columnWidth(DocumentTableModel.SUBJECT_COLUMN)),
            "procedure_width": str(self.dossier_table.columnWidth(DossierTableModel.PROCEDURE_COLUMN)),
            "content_width": str(self.report_table.columnWidth(FeedbackTableModel.CONTENT_COLUMN)),
        }
        if self.keeps_layout:
            self.workbench.remember(window_layout=layout)

    def restore_layout(self) -> bool:
        """The window as it was left (True), or nothing to restore (False: the caller picks a size).
        The size first: the dividers are placed within it."""
        kept = self.workbench.settings.window_layout
        geometry = decoded(kept.get("geometry"))
        restored = geometry is not None and self.restoreGeometry(geometry)
        for splitter, name in ((self.splitter, "splitter"), (self.lists_splitter, "lists")):
            state = decoded(kept.get(name))
            if state is not None:
                splitter.restoreState(state)
        columns = (
            (self.document_table, DocumentTableModel.SUBJECT_COLUMN, "subject_width"),
            (self.dossier_table, DossierTableModel.PROCEDURE_COLUMN, "procedure_width"),
            (self.report_table, FeedbackTableModel.CONTENT_COLUMN, "content_width"),
        )
        for table, column, name in columns:
            width = kept.get(name, "")
            if width.isdecimal() and width.isascii() and 40 <= int(width) <= 2000:
                table.setColumnWidth(column, int(width))
        return restored

    def open_edxml(self, path: Path | None = None) -> None:
        """Show an edXML file (from a USB stick, an old system) and offer to import it. The file is read
        and checked on the task pool (it may carry its attachments); ``edxml_opened`` brings the dialog."""
        if path is None:
            title, filters = self.tr("Open an edXML file"), self.tr("edXML packets (*.edxml *.xml)")
            path = open_file(self, self.workbench, title, filters)
            if path is None:
                return
        chosen_path = path

        def read() -> tuple[PacketPreview, bool]:
            from app.edxml_import import open_packet

            today = self.workbench.clock.now().date()
            preview = self.workbench.check_envelope(open_packet(chosen_path, today))
            return preview, self.workbench.import_target() is not None

        self.tasks.run(read, self._show_packet, self._packet_refused)

    def _show_packet(self, read: tuple[PacketPreview, bool]) -> None:
        from ui.edxml_dialog import EdxmlDialog

        preview, can_import = read
        dialog = EdxmlDialog(preview, self.workbench, self.tasks, can_import, self)
        dialog.show()
        self.edxml_opened.emit(dialog)

    def _packet_refused(self, error: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Open an edXML file"), user_text(error))

    def open_training(self) -> bool:
        """Training runs as its own process and profile: it can never touch this window's real data."""
        arguments = ["-m", "ui", "--training", "--language", current_language()]  # the chooser speaks as this window
        return QProcess.startDetached(sys.executable, arguments)[0]

    def show_accounts(self) -> AccountsDialog:
        from ui.accounts_dialog import AccountsDialog

        dialog = AccountsDialog(self.workbench, self.tasks, self)
        dialog.finished_call.connect(lambda _problem: self.refresh_status())
        dialog.show()
        return dialog

    def open_first_run(self) -> FirstRunWizard:
        from ui.first_run import open_first_run

        return open_first_run(self)

    def show_dashboard(self) -> QDialog:
        """This month's dossiers by outcome and documents by state, for a head of office."""
        from ui.dashboard import DashboardWidget  # QtCharts only when the dashboard opens

        dialog = QDialog(self)
        dialog.setObjectName("dashboardDialog")
        dialog.setWindowTitle(self.tr("Dashboard"))
        layout = QVBoxLayout(dialog)
        layout.addWidget(DashboardWidget(self.workbench, self.tasks, dialog))
        fit_to_screen(dialog, 1000, 640)
        dialog.show()
        return dialog

    def uninstall_translator(self) -> None:
        """Leave the application as it was (main() may run more than once in one process)."""
        if self._translator is not None:
            QApplication.instance().removeTranslator(self._translator)
            self._translator = None

    def edit_settings(self) -> bool:
        from ui.settings_dialog import SettingsDialog  # not on the way to the first rows

        dialog = SettingsDialog(self.workbench.settings, self, self.workbench)
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
        hint = self.tr("Search number, subject, agency, applicant, procedure, report (accents optional)")
        self.search.setPlaceholderText(hint)
        self.search.setAccessibleName(self.tr("Search"))
        self.navigator.setAccessibleName(self.tr("Queues and views"))
        self.document_table.setAccessibleName(self.tr("Documents"))
        self.dossier_table.setAccessibleName(self.tr("Dossiers"))
        self.report_table.setAccessibleName(self.tr("1022 reports"))
        self.sync_button.setText(self.tr("Sync now"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the export under way"))
        self.sync_button.setToolTip(self.tr("Send waiting actions and fetch what is new (F5)"))
        self.quit_action.setText(self.tr("&Quit"))
        self.find_action.setText(self.tr("&Find"))
        self.file_menu.setTitle(self.tr("&File"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.dashboard_action.setText(self.tr("&Dashboard"))
        self.intake_action.setText(self.tr("&Take in a dossier…"))
        self.draft_action.setText(self.tr("&Draft an outgoing document…"))
        self.accounts_action.setText(self.tr("&Accounts…"))
        self.first_run_action.setText(self.tr("First-run set&up…"))
        self.training_action.setText(self.tr("Open &training mode (a separate sandbox)"))
        self.export_action.setText(self.tr("&Export this list to Excel…"))
        self.register_action.setText(self.tr("Incoming documents &register (PDF)…"))
        self.dossier_register_action.setText(self.tr("Dossier re&gister (form 07)…"))
        self.monthly_report_action.setText(self.tr("&Monthly dossier report by procedure…"))
        self.feedback_report_action.setText(self.tr("Monthly 1022 report by &category…"))
        self.open_edxml_action.setText(self.tr("&Open an edXML file…"))
        self.language_menu.setTitle(self.tr("&Language"))
        for code, action in self.language_actions.items():
            action.setChecked(code == self.workbench.settings.language)
        self.toolbar.retranslate()
        self.documents.retranslate()
        self._fit_arrival_columns()  # their titles' width in this language
        self.dossiers.retranslate()
        self.reports.retranslate()
        self.filters.retranslate()
        self.detail.show_item(*(self._current or (None, None)))
        self._show_counts(None)
        self._show_summary()  # "… documents and … dossiers in this list" in the new language
        self._show_settings_set_aside()
        if not self._first_rows:
            self.refresh_counts()
            self.refresh_status()

    def _labels(self) -> dict[str, str]:
        return {
            "incoming": self.tr("Incoming documents"),
            "outgoing": self.tr("Outgoing documents"),
            "dossiers": self.tr("Dossiers"),
            "feedback": self.tr("1022 reports"),
            "feedback_new": self.tr("1022: newly routed"),
            "feedback_due": self.tr("1022: due"),
            "feedback_overdue": self.tr("1022: overdue"),
            "due_today": self.tr("Due today"),
            "due_soon": self.tr("Due soon"),
            "overdue": self.tr("Overdue"),
            "urgent": self.tr("Urgent"),
            "waiting": self.tr("Waiting to sync"),
            "attention": self.tr("Needs attention"),
            "meetings": self.tr("Meetings"),
        }

    # -- lists -----------------------------------------------------------------------------------

    _current: tuple[str, int] | None = None
    # whether closing keeps the window's layout in the profile (a training window's profile is wiped
    # at each start, and a replaced one must not write its settings over the new session's)
    keeps_layout = True
    _counts: list[int] | None = None  # the navigator's last counts

    def _navigation(self) -> tuple[str, str | None, bool, bool, str]:
        row = max(0, self.navigator.currentRow())
        return NAVIGATION[row]

    def _navigated(self, _row: int) -> None:
        """Another list: the item of the last one leaves the detail pane, and columns that mean
        nothing in this list (an outgoing document has no arrival) are hidden."""
        self._current = None
        self.detail.show_item(None, None)
        self.refresh_lists()  # first: a list it hides relays its columns out only when shown again
        key = self._navigation()[0]
        for column in DocumentTableModel.ARRIVAL_COLUMNS:
            self.document_table.setColumnHidden(column, key == "outgoing")

    def _models(self) -> tuple[PagedTableModel, ...]:
        return self.documents, self.dossiers, self.reports

    def _tables(self) -> dict[str, QTableView]:
        """Each kind of item's list, by the kind's name."""
        return {"document": self.document_table, "dossier": self.dossier_table, "feedback": self.report_table}

    def refresh_lists(self) -> None:
        key, direction, dossiers, reports, view = self._navigation()
        self.toolbar.show_for(key)
        meetings = key == "meetings"
        self.middle.setCurrentIndex(1 if meetings else 0)
        self.detail.setVisible(not meetings)  # the week takes the room; a meeting opens in its dialog
        if meetings:
            self.meetings_week.show_week()
        self.filters.set_kind("feedback" if key in FEEDBACK_KEYS else key if key in OWN_FILTERS else None)
        self.documents.direction = None if direction == "any" else direction
        self.documents.view = self.dossiers.view = self.reports.view = view
        self.documents.narrowing = self.dossiers.narrowing = self.reports.narrowing = self.filters.narrowing()
        self.document_table.setVisible(direction is not None)
        self.dossier_table.setVisible(dossiers)
        self.report_table.setVisible(reports)
        # a list the view hides is emptied, not loaded: unordered by any index, it could cost ~80 ms
        found = self._result
        self.documents.reload(None if found is None else found.document_ids, shown=direction is not None)
        self.dossiers.reload(None if found is None else found.dossier_ids, shown=dossiers)
        self.reports.reload(None if found is None else found.feedback_ids, shown=reports)

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
        if any(model.reading for model in self._models()):
            return
        if self._first_rows and not self._painted.armed:  # the first rows are in: what can wait follows their paint
            self._painted.arm(self.document_table.viewport())
        if self._search_waiting:
            self._search_waiting = False
            self.search_shown.emit()

    def _after_first_rows(self) -> None:
        """Once the first rows have painted: work on the pool would have competed with that paint for
        Python's lock (the counts and status took ~30 ms of the cold start, tests/bench/bench_window.py)."""
        self._first_rows = False
        self.refresh_counts()
        self.refresh_status()
        self.tasks.run(self.workbench.calendar, shows_busy=False)  # the dossier list's colours need it soon

    def _show_summary(self) -> None:
        """Shown when either list's total changes; "…" while a count is still running."""

        def total(model: PagedTableModel, table: QTableView) -> str:
            if not table.isVisibleTo(self):
                return "0"
            return "…" if model.total is None else str(model.total)

        shown, dossiers = total(self.documents, self.document_table), total(self.dossiers, self.dossier_table)
        reports = total(self.reports, self.report_table)
        found = self._result is not None
        if not self.report_table.isVisibleTo(self):
            text = self.tr("Found {documents} documents and {dossiers} dossiers") if found else self.tr(
                "{documents} documents and {dossiers} dossiers in this list")  # fmt: skip
        elif not (self.document_table.isVisibleTo(self) or self.dossier_table.isVisibleTo(self)):
            text = self.tr("Found {reports} 1022 reports") if found else self.tr("{reports} 1022 reports in this list")
        else:
            text = (
                self.tr("Found {documents} documents, {dossiers} dossiers and {reports} 1022 reports")
                if found
                else self.tr("{documents} documents, {dossiers} dossiers and {reports} 1022 reports in this list")
            )
        self.summary.setText(text.format(documents=shown, dossiers=dossiers, reports=reports))

    def refresh_counts(self) -> None:
        """The navigator's live counts, on the task pool (slow on a large cache); the labels change
        when the numbers arrive."""
        now = self.workbench.clock.now()
        self.tasks.run(lambda: self._count_views(now), self._show_counts, key="counts")

    def _count_views(self, now: datetime) -> list[int]:
        counts = []
        for key, direction, dossiers, reports, view in NAVIGATION:
            count = self.workbench.count_coming_meetings() if key == "meetings" else 0
            if direction is not None:
                chosen = None if direction == "any" else direction
                count += self.workbench.count_documents(DocumentFilter(chosen, None, view, now.date()))
            if dossiers:
                count += self.workbench.count_dossiers(DossierFilter(None, view, now))
            if reports:
                count += self.workbench.count_feedback(FeedbackFilter(None, view, now))
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
        tables = self._tables()
        model: PagedTableModel = tables[kind].model()  # type: ignore[assignment]
        self._current = (kind, model.row_at(index.row()).id)
        for other_kind, other in tables.items():
            if other_kind != kind:
                other.selectionModel().clearSelection()
        self.detail.show_item(kind, self._current[1])

    def select_row(self, kind: str, row: int) -> None:
        table = self._tables()[kind]
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
        self.remind_of_meetings()
        if report.unsendable:
            self.show_notice(self.tr(
                "Not sent to the service: {files}. The copy on this computer is missing or has changed since it "
                "was taken in; keep the paper the citizen handed in and tell IT."
            ).format(files=", ".join(report.unsendable)))  # fmt: skip
        if report.pulled or report.pushed or report.rejected or report.uploaded:
            self.refresh_lists()  # the week of meetings too, when shown
            self.refresh_counts()
            if self._current is not None:
                self.detail.show_item(*self._current)
        self.refresh_status()

    def show_recovery(self, recovery: Recovery) -> None:
        """Tell the user, in plain words, that the cache was rebuilt, what was rescued and what was lost."""
        self.cache_notice.setText(recovery_text(recovery))
        self.cache_notice.show()

    def _show_settings_set_aside(self) -> None:
        """A settings file start-up could not take as it was: what now applies, and where the file is."""
        set_aside = self.workbench.settings_set_aside
        if set_aside is None:
            return
        if set_aside.fields:
            text = self.tr(
                "Some settings in the settings file could not be used, so their defaults apply: {names}. The "
                "file as it was is kept at {path}; please tell your IT staff."
            ).format(names=", ".join(set_aside.fields), path=set_aside.kept_at)
        else:
            text = self.tr(
                "The settings file could not be used (it is damaged or not in the expected form), so Ward Desk "
                "started with the default settings. The file as it was is kept at {path}; please tell your IT staff."
            ).format(path=set_aside.kept_at)
        self.settings_notice.setText(text)
        self.settings_notice.show()

    def watch_cache_damage(self) -> None:
        """Damage met while the cache is in use (a read, a sync) is told at once, from whichever thread met it."""
        self.workbench.cache.damage.listen(self.bridge.damaged)

    def on_cache_damaged(self, reason: str) -> None:
        """SQLite's complaint (English, technical) is in the log; the user reads what it means."""
        self.cache_notice.setText(damaged_text(reason))
        self.cache_notice.show()
