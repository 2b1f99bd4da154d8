"""Cycles are collected on the UI thread only (ui.garbage_collection): a worker that allocates never
frees a Qt object on its own thread."""

from __future__ import annotations

import gc
import threading

from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow

FREED_ON: list[bool] = []  # for each cycle freed: whether on the main (UI) thread


class _Cycle:
    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        FREED_ON.append(threading.current_thread() is threading.main_thread())


def test_garbage_in_cycles_is_freed_on_the_ui_thread_even_when_a_worker_allocates(
    window: MainWindow, qtbot: QtBot
) -> None:
    assert not gc.isenabled()
    FREED_ON.clear()
    for _ in range(gc.get_threshold()[0] + 100):
        _Cycle()

    def allocate() -> None:  # what made the worker collect before: allocations past the threshold
        for _ in range(50_000):
            [object() for _ in range(3)].append([])

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(FREED_ON) >= gc.get_threshold()[0], timeout=5000)
    assert all(FREED_ON)
