"""Sizes that fit the screen, and where the official left the window and its dividers.

A ward PC's screen is most often 1366×768, often at 125 %: a window or dialog is never opened
larger than the screen's free area. The main window's geometry, its dividers and the width of the
subject columns are kept in the profile's one settings object and restored at the next start.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to ``width``×``height``, or to the screen's free area when that is smaller."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        widget.resize(width, height)
        return
    free = screen.availableGeometry()
    widget.resize(min(width, free.width()), min(height, free.height()))


def encoded(state: QByteArray) -> str:
    return bytes(state.toBase64().data()).decode("ascii")


def decoded(text: str | None) -> QByteArray | None:
    if not text or not text.isascii():  # a hand-edited or damaged settings file: nothing to restore
        return None
    state = QByteArray.fromBase64(text.encode("ascii"))
    return state if not state.isEmpty() else None
