"""The real window on a fresh real profile with demo data, in Vietnamese."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.workbench import Workbench
from tests.demo_cache import fill_demo_cache
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
    return _shown_window(qtbot, workbench, vietnamese, background_counts=False)


@pytest.fixture
def app_window(qtbot: QtBot, workbench: Workbench, vietnamese: QTranslator) -> MainWindow:
    """As ui.main runs it: totals, counts, searches and sorts on workers."""
    return _shown_window(qtbot, workbench, vietnamese, background_counts=True)


def _shown_window(qtbot: QtBot, workbench: Workbench, translator: QTranslator, background_counts: bool) -> MainWindow:
    fill_demo_cache(workbench, 700)
    # no background services: the cache alone
    win = MainWindow(workbench, translator=translator, background_counts=background_counts)
    qtbot.addWidget(win)
    win.resize(1280, 760)
    win.show()
    qtbot.waitExposed(win)
    return win
