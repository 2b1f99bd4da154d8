"""Guards against a broken Qt binding: PySide6 6.12.0 on Python 3.11 drops a reference to None
on every call of a void method, and the interpreter aborts once None's count reaches zero."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer


def test_void_qt_calls_keep_none_alive() -> None:
    timer = QTimer()
    holder = QObject()
    before = sys.getrefcount(None)
    for _ in range(500):
        timer.start(1000)
        timer.stop()
        holder.setObjectName("ward-desk")
    assert sys.getrefcount(None) - before > -50
