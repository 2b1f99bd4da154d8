"""The main window's toolbar: the frequent actions of the list shown, with icons and short labels
(the same actions as the File menu, so shortcuts and menus stay one set)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar, QToolButton, QWidget

from ui.icons import icon

if TYPE_CHECKING:
    from ui.main_window import MainWindow

# which list shows which of the window's actions (by attribute name); "*" is every list
SHOWN_WITH = {
    "sync_action": "*",
    "intake_action": "*",  # the counter takes citizens in whatever list is open
    "draft_action": ("outgoing",),
    "open_edxml_action": ("incoming",),
    "register_action": ("incoming",),
    "dossier_register_action": ("dossiers",),
    "monthly_report_action": ("dossiers",),
    "export_action": "*",
    "dashboard_action": "*",
}
ICONS = {
    "sync_action": "sync", "intake_action": "intake", "draft_action": "draft", "open_edxml_action": "edxml",
    "register_action": "register", "dossier_register_action": "dossier_register", "monthly_report_action": "report",
    "export_action": "export", "dashboard_action": "dashboard", "find_action": "find", "accounts_action": "accounts",
    "settings_action": "settings",
}  # fmt: skip


class WindowToolbar:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.bar = QToolBar(objectName="mainToolbar", movable=False)
        self.bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.bar.setIconSize(QSize(24, 24))
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.bar)
        # the toolbar's own actions trigger the menu's: hiding one here never hides it in the menu
        self.actions: dict[str, QAction] = {}
        for name in SHOWN_WITH:
            action = QAction("", self.bar, objectName=f"toolbar_{name}")
            if name == "sync_action":
                action.triggered.connect(window.sync_now)
            else:
                action.triggered.connect(getattr(window, name).trigger)
            self.bar.addAction(action)
            self.actions[name] = action
        self.button("intake_action").setObjectName("intakeButton")  # the counter's first task of the day
        self.refresh_icons()

    def refresh_icons(self) -> None:
        """The icons in the palette's colours (presentation mode has light ones on dark)."""
        for name, meaning in ICONS.items():
            if hasattr(self.window, name):
                getattr(self.window, name).setIcon(icon(meaning))
        for name, action in self.actions.items():
            action.setIcon(icon(ICONS[name]))

    def button(self, name: str) -> QToolButton:
        widget: QWidget | None = self.bar.widgetForAction(self.actions[name])
        assert isinstance(widget, QToolButton)
        return widget

    def retranslate(self) -> None:
        """Short labels under the icons; the tooltips say the menu's whole text and the shortcut."""
        translate = QCoreApplication.translate  # the window's context: lupdate reads these calls
        short = {
            "sync_action": translate("MainWindow", "Sync"), "intake_action": translate("MainWindow", "Take in"),
            "draft_action": translate("MainWindow", "Draft"),
            "open_edxml_action": translate("MainWindow", "Open edXML"),
            "register_action": translate("MainWindow", "Register book"),
            "dossier_register_action": translate("MainWindow", "Form 07"),
            "monthly_report_action": translate("MainWindow", "Monthly report"),
            "export_action": translate("MainWindow", "Excel"), "dashboard_action": translate("MainWindow", "Dashboard"),
        }  # fmt: skip
        for name, text in short.items():
            self.actions[name].setText(text)
            if name == "sync_action":
                tip = translate("MainWindow", "Send waiting actions and fetch what is new (F5)")
                self.actions[name].setToolTip(tip)
            else:
                menu = getattr(self.window, name)
                self.actions[name].setToolTip(menu.text().replace("&", "").rstrip("…") + _shortcut(menu))
        self.bar.setWindowTitle(translate("MainWindow", "Toolbar"))

    def show_for(self, list_key: str) -> None:
        """Only the actions that belong with the list shown."""
        for name, action in self.actions.items():
            lists = SHOWN_WITH[name]
            action.setVisible(lists == "*" or list_key in lists)


def _shortcut(action: QAction) -> str:
    keys = action.shortcut().toString()
    return f" ({keys})" if keys else ""
