"""Presentation mode, for a trainer on a projector: large type everywhere, a high-contrast palette
(alternating rows stay readable), a large mouse pointer and a yellow frame that flashes around
whatever is clicked, so the room sees where the trainer went.

Application-wide and kept across the training window's resets: ``is_on`` tells a new window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QCursor, QFont, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from ui import icons

POINT_SIZE = 15
CLICK_FLASH_MS = 700
YELLOW = "#ffd400"
STYLE = f"""
QWidget {{ background: #000; color: #fff; font-size: {POINT_SIZE}pt; }}
QAbstractItemView {{ background: #000; alternate-background-color: #1f1f1f; color: #fff; gridline-color: #666;
    selection-background-color: {YELLOW}; selection-color: #000; }}
QHeaderView::section {{ background: #1f1f1f; color: #fff; border: 1px solid #666; padding: 4px; font-weight: bold; }}
QPushButton, QComboBox, QLineEdit, QDateEdit, QTextBrowser {{ border: 2px solid #bbb; padding: 4px; }}
QPushButton:focus, QComboBox:focus, QLineEdit:focus, QDateEdit:focus {{ border: 3px solid {YELLOW}; }}
QPushButton:disabled {{ color: #888; border-color: #555; }}
QMenuBar::item:selected, QMenu::item:selected {{ background: {YELLOW}; color: #000; }}
QListWidget::item:selected {{ background: {YELLOW}; color: #000; }}
a {{ color: {YELLOW}; }}
"""

_state: dict[str, object] = {}  # "font": the normal font, "flash": the click highlighter, while on


def is_on() -> bool:
    return "font" in _state


def set_on(on: bool) -> None:
    """Switch presentation mode for the whole application (every window, and those opened later)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication) or on == is_on():
        return
    if on:
        _state["font"] = QFont(app.font())
        large = QFont(app.font())
        large.setPointSize(POINT_SIZE)
        app.setFont(large)
        app.setStyleSheet(STYLE)
        QApplication.setOverrideCursor(_large_pointer())
        flash = ClickFlash(app)
        app.installEventFilter(flash)
        _state["flash"] = flash
    else:
        app.setFont(_state.pop("font"))  # type: ignore[arg-type]
        app.setStyleSheet("")
        QApplication.restoreOverrideCursor()
        flash = _state.pop("flash")
        app.removeEventFilter(flash)  # type: ignore[arg-type]
        flash.deleteLater()  # type: ignore[attr-defined]
    icons.set_light(on)
    for widget in app.topLevelWidgets():
        fit_rows(widget)
        toolbar = getattr(widget, "toolbar", None)
        if toolbar is not None:
            toolbar.refresh_icons()


def fit_rows(window: QWidget) -> None:
    """Item views keep the row height they were built with: give them the new type's height."""
    for view in window.findChildren(QAbstractItemView):
        header = getattr(view, "verticalHeader", None)
        if header is not None:
            header().setDefaultSectionSize(view.fontMetrics().height() + 10)


def _large_pointer() -> QCursor:
    """A 48-pixel arrow, black with a yellow outline: visible on a projected screen."""
    pixmap = QPixmap(48, 48)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    arrow = QPainterPath(QPointF(3, 3))
    for x, y in ((3, 40), (13, 31), (20, 46), (27, 43), (20, 28), (33, 28)):
        arrow.lineTo(x, y)
    arrow.closeSubpath()
    painter.setPen(QPen(QColor(YELLOW), 3))
    painter.setBrush(QColor("#000"))
    painter.drawPath(arrow)
    painter.end()
    return QCursor(pixmap, 3, 3)


class ClickFlash(QObject):
    """Frames the clicked widget in yellow for a moment (an overlay that lets every click through)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.frame = QWidget(objectName="clickFlash")
        self.frame.setWindowFlags(
            Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowTransparentForInput
        )
        self.frame.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.frame.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.frame.setStyleSheet(f"QWidget#clickFlash {{ border: 4px solid {YELLOW}; background: transparent; }}")
        self.timer = QTimer(self, singleShot=True, interval=CLICK_FLASH_MS)
        self.timer.timeout.connect(self.frame.hide)
        self.flashed: QWidget | None = None  # the last widget framed (tests look at it)
        self._last_press = -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # the first widget a press reaches is the one clicked; parents see the same press after it
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(watched, QWidget) and watched is not self.frame:
            stamp = event.timestamp()  # type: ignore[attr-defined]
            if stamp != self._last_press:
                self._last_press = stamp
                self._flash(watched)
        return False

    def _flash(self, target: QWidget) -> None:
        self.flashed = target
        corner = target.mapToGlobal(QPoint(0, 0))
        self.frame.setGeometry(corner.x() - 4, corner.y() - 4, target.width() + 8, target.height() + 8)
        self.frame.show()
        self.frame.raise_()
        self.timer.start()
