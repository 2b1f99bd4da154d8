"""The real window on a fresh real profile with demo data, in Vietnamese."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTranslator
from pytestqt.qtbot import QtBot

from app.workbench import Workbench
from tests.demo_cache import fill_demo_cache
from tests.ui.waiting import settle
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, workbench: Workbench, vietnamese: QTranslator) -> Iterator[MainWindow]:
    """As ui.main runs it (lists, counts, searches and sorts on its task runner), once its first
    reads have answered; no background services: the cache alone."""
    fill_demo_cache(workbench, 700)
    win = MainWindow(workbench, translator=vietnamese)
    qtbot.addWidget(win)
    win.resize(1280, 760)
    win.show()
    qtbot.waitExposed(win)
    # the counts and the status are asked for once the first rows have painted: wait for that too
    qtbot.waitUntil(lambda: not win._first_rows, timeout=15_000)
    settle(qtbot, win)
    yield win
    win.close()  # its reads end before the workbench fixture closes the cache (ui.tasks.TaskRunner.shutdown)
    win.uninstall_translator()  # a language switch installed one of its own: none is left for the next test
