"""Database work off the UI thread, its answer delivered back on it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def on_worker(work: Callable[[], T], deliver: Callable[[T], object]) -> None:
    """Run ``work`` on a daemon thread and pass its result to ``deliver`` there: give it a Qt signal's
    ``emit`` (or a function that emits one), so the answer arrives, queued, on the UI thread."""
    threading.Thread(target=lambda: deliver(work()), daemon=True).start()
