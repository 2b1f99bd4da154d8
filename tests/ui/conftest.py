"""The real window on a fresh real profile with demo data, in Vietnamese."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.workbench import Workbench
from tests.ui.waiting import settle
from ui.main_window import MainWindow
from ui.translation import install_translator


@pytest.fixture
def vietnamese(qapp: QApplication) -> Iterator[QTranslator]:
    translator = install_translator(qapp, "vi")
    assert translator is not None, "resources/i18n/ward_desk_vi.qm is missing: run `make translations`"
    yield translator
    QCoreApplication.removeTranslator(translator)


@pytest.fixture
def window(qtbot: QtBot, workbench: Workbench, vietnamese: QTranslator) -> MainWindow:
    """As ui.main runs it (lists, counts, searches and sorts on its task runner), once its first
    reads have answered; no background services: the cache alone."""
    workbench.seed_demo_if_empty(700)
    win = MainWindow(workbench, translator=vietnamese)
    qtbot.addWidget(win)
    win.resize(1280, 760)
    win.show()
    qtbot.waitExposed(win)
    settle(qtbot, win)
    return win
