"""Pausing Python's cyclic garbage collector while a sync builds many short-lived objects.

A page of 500 changes decodes into ~15,000 dicts and lists. Each 700 new ones start a collection,
which scans every young object that survived (all of them: the page still holds them) and, as
they pile up in the older generations, whole-heap collections follow. None of them can be in a
cycle. Mercurial pauses the collector around its large parses for the same reason.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Whatever the interleaving of threads, the collector ends enabled if it was enabled before
    the first of them entered (each re-enables only what it found enabled)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
