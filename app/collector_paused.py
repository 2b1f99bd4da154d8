"""Pausing Python's cyclic garbage collector while a sync builds many short-lived objects.

A first sync decodes, checks and writes 100,000 items: millions of short-lived dicts, lists,
strings and datetimes, none of them in a cycle. Left on, the collector ran ~500 times during such
a sync (0.8 s of it, measured with gc.callbacks), scanning the pages in flight again and again,
and, as they passed into the older generations, the whole heap. Mercurial pauses it around its
large parses for the same reason. Cycles made meanwhile are collected once it is back on.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0  # threads inside collector_paused now
_was_enabled = False  # as the first of them found it


@contextmanager
def collector_paused() -> Iterator[None]:
    """Off while any thread is inside; back on when the last one leaves, if it was on when the
    first one entered (a collector someone else turned off stays off)."""
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()
