"""The first Ward Desk window: the cached documents and dossiers, with as-you-type search."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.workbench import Workbench
from ui.item_models import DocumentTableModel, DossierTableModel, PagedTableModel

SEARCH_DELAY_MS = 250  # wait for a pause in typing before searching


AGENCY_COLUMN_WIDTH = 230


def _table(model: PagedTableModel, name: str, stretch_column: int) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    return view


class MainWindow(QMainWindow):
    def __init__(self, workbench: Workbench) -> None:
        super().__init__()
        self.workbench = workbench
        self.setWindowTitle(self.tr("Ward Desk — {profile}").format(profile=workbench.cache.profile.root.name))
        self.incoming = DocumentTableModel(workbench, "incoming")
        self.outgoing = DocumentTableModel(workbench, "outgoing")
        self.dossiers = DossierTableModel(workbench)

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("Search number, subject, agency, applicant, procedure (accents optional)")
        )
        self.search.setAccessibleName(self.tr("Search"))
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._search_timer.start)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._document_table(self.incoming, "incomingTable"), "")
        outgoing = self._document_table(self.outgoing, "outgoingTable")
        for column in DocumentTableModel.ARRIVAL_COLUMNS:
            outgoing.setColumnHidden(column, True)
        self.tabs.addTab(outgoing, "")
        self.tabs.addTab(_table(self.dossiers, "dossierTable", DossierTableModel.PROCEDURE_COLUMN), "")

        layout = QVBoxLayout()
        layout.addWidget(self.search)
        layout.addWidget(self.tabs)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        self.summary = QLabel()
        self.statusBar().addWidget(self.summary)
        self._add_menu()
        self.apply_search()

    @staticmethod
    def _document_table(model: DocumentTableModel, name: str) -> QTableView:
        view = _table(model, name, DocumentTableModel.SUBJECT_COLUMN)
        agency = DocumentTableModel.AGENCY_COLUMN
        view.horizontalHeader().setSectionResizeMode(agency, QHeaderView.ResizeMode.Interactive)
        view.setColumnWidth(agency, AGENCY_COLUMN_WIDTH)
        return view

    def _add_menu(self) -> None:
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        find_action = QAction(self.tr("&Find"), self)
        find_action.setShortcut(QKeySequence.StandardKey.Find)
        find_action.triggered.connect(lambda: self.search.setFocus(Qt.FocusReason.ShortcutFocusReason))
        menu = self.menuBar().addMenu(self.tr("&File"))
        menu.addAction(find_action)
        menu.addAction(quit_action)

    def apply_search(self) -> None:
        result = self.workbench.search(self.search.text())
        document_ids = None if result is None else result.document_ids
        self.incoming.reload(document_ids)
        self.outgoing.reload(document_ids)
        self.dossiers.reload(None if result is None else result.dossier_ids)
        self.tabs.setTabText(0, self.tr("Incoming ({count})").format(count=self.incoming.total))
        self.tabs.setTabText(1, self.tr("Outgoing ({count})").format(count=self.outgoing.total))
        self.tabs.setTabText(2, self.tr("Dossiers ({count})").format(count=self.dossiers.total))
        if result is None:
            text = self.tr("{documents} documents and {dossiers} dossiers in the local cache")
        else:
            text = self.tr("Found {documents} documents and {dossiers} dossiers")
        documents = self.incoming.total + self.outgoing.total
        self.summary.setText(text.format(documents=documents, dossiers=self.dossiers.total))
