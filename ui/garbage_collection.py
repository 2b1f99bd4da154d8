"""Python's cycle collector, run on the UI thread only.

The collector runs on whichever thread happens to allocate when a threshold is passed. When that is a
worker of the task runner and the garbage holds a Qt object (a dialog caught in a reference cycle with
its lambdas), Qt frees it on the wrong thread and the program crashes: seen as "Garbage-collecting"
in the worker's stack of a segmentation fault in tests/ui/test_report_dialogs.py, 2 runs in 15. So,
as Anki does, automatic collection is off and the UI thread collects on a timer, generation by
generation at the thresholds Python would have used.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

CHECK_MS = 1000


class GarbageCollector(QObject):
    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName("garbageCollector")
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self, interval=CHECK_MS)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start()

    def collect_due(self) -> None:
        first, second, third = gc.get_count()
        if first <= self.thresholds[0]:
            return
        gc.collect(0)
        if second > self.thresholds[1]:
            gc.collect(1)
            if third > self.thresholds[2]:
                gc.collect(2)


def collect_on_the_ui_thread() -> None:
    """Once per application (a second window, or a second test, finds it there)."""
    app = QCoreApplication.instance()
    if app is not None and app.findChild(GarbageCollector, "garbageCollector") is None:
        GarbageCollector(app)
