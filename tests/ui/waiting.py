"""Waiting for the window's task runner, as the user waits for the window: on the app's own path."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow

WAIT_MS = 15_000


def settle(qtbot: QtBot, window: MainWindow, timeout: int = WAIT_MS) -> None:
    """Until every read, write and count the window asked for has answered."""
    qtbot.waitUntil(lambda: window.tasks.idle, timeout=timeout)


def load_all(qtbot: QtBot, window: MainWindow, model: Any) -> list[Any]:
    """Scroll a list to its end, a page at a time as the view would, and return its rows."""
    settle(qtbot, window)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        settle(qtbot, window)
    return [model.row_at(row) for row in range(model.rowCount())]
