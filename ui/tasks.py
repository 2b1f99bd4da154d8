"""One task runner per window, after Anki's ``taskman``: work off the UI thread, answers back on it.

Cache writes go to one writer thread, in the order they were asked for; network calls and long
reads go to a small pool. ``on_done`` and ``on_failed`` always run on the UI thread (a queued
signal brings them there). A ``key`` makes "the latest answer wins": a newer task with the same
key drops the answer of an older one (and cancels it when it takes a ``CancelToken``). Every
failure is logged with its traceback and, unless the caller handles it, told to the user in their
language (``failed``). ``busy_changed`` says when some work has run for ``BUSY_DELAY_MS``, so fast
work never makes an indicator flicker.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ui.translation import user_text

log = logging.getLogger(__name__)

BUSY_DELAY_MS = 600
POOL_THREADS = 3
# A read under way finishes before the cache closes behind it (reads not yet started are dropped); a call
# that hangs (a keyring) is left to its daemon thread after this.
POOL_FINISH_SECONDS = 2.0
WRITER_FINISH_SECONDS = 10.0  # more than SQLite's 5 s busy timeout: a write under way may finish at close


class Cancelled(Exception):
    """Raised by work whose CancelToken was set: the user stopped it, which is no failure."""


class CancelToken:
    """Handed to cancellable work, which calls ``check()`` between rows or pages."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled


@dataclass(eq=False)
class Task:
    work: Callable[..., Any]
    on_done: Callable[[Any], object] | None
    on_failed: Callable[[BaseException], object] | None
    key: str | None
    token: CancelToken | None
    shows_busy: bool
    writes: bool = False
    result: Any = None
    error: BaseException | None = None
    dropped: bool = False  # a newer task took its key, or it was cancelled: its answer is not wanted
    name: str = field(init=False)

    def __post_init__(self) -> None:
        self.name = self.key or getattr(self.work, "__qualname__", repr(self.work))

    def drop(self) -> None:
        self.dropped = True
        if self.token is not None:
            self.token.cancel()


class _Lane:
    """Threads taking tasks from one queue, started when first needed. They are daemon threads: a
    call that hangs (a keyring can, on some Linux desktops) must not keep the program from quitting."""

    def __init__(self, name: str, size: int, execute: Callable[[Task], None]) -> None:
        self._name, self._size, self._execute = name, size, execute
        self._queue: queue.SimpleQueue[Task | None] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []

    def put(self, task: Task) -> None:
        if not self._threads:
            for number in range(self._size):
                thread = threading.Thread(target=self._loop, name=f"{self._name}-{number}", daemon=True)
                thread.start()
                self._threads.append(thread)
        self._queue.put(task)

    def _loop(self) -> None:
        while (task := self._queue.get()) is not None:
            self._execute(task)

    def stop(self, wait_seconds: float = 0.0) -> None:
        """Each thread ends after the tasks queued before this call; wait for them if asked."""
        for _thread in self._threads:
            self._queue.put(None)
        for thread in self._threads if wait_seconds else ():
            thread.join(wait_seconds)


class TaskRunner(QObject):
    busy_changed = Signal(bool)  # some work has run for BUSY_DELAY_MS (or can_cancel changed) / all such work is over
    failed = Signal(str)  # a failure no caller handled, in the user's language
    cancelled = Signal()  # work stopped at the user's request
    _finished = Signal(object)  # a Task, emitted on a worker: queued to the UI thread

    def __init__(self, parent: QObject | None = None, busy_delay_ms: int = BUSY_DELAY_MS) -> None:
        super().__init__(parent)
        self._busy_delay_ms = busy_delay_ms
        self._pool = _Lane("ward-desk-pool", POOL_THREADS, self._execute)
        self._writer = _Lane("ward-desk-writer", 1, self._execute)
        self._latest: dict[str, Task] = {}
        self._pending: set[Task] = set()
        self._slow: set[Task] = set()
        self._shown: tuple[bool, bool] = (False, False)  # busy, can cancel: as last signalled
        self._closed = False
        self._finished.connect(self._deliver)

    # -- asking (UI thread) ------------------------------------------------------------------------

    def run(
        self,
        work: Callable[..., Any],
        on_done: Callable[[Any], object] | None = None,
        on_failed: Callable[[BaseException], object] | None = None,
        key: str | None = None,
        cancellable: bool = False,
        shows_busy: bool = True,
    ) -> Task:
        """Network or a long read, on the pool. ``cancellable`` work is called with a CancelToken."""
        return self._start(self._pool, Task(work, on_done, on_failed, key, CancelToken() if cancellable else None,
                                            shows_busy))  # fmt: skip

    def run_write(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], object] | None = None,
        on_failed: Callable[[BaseException], object] | None = None,
    ) -> Task:
        """A cache write, on the one writer thread: writes never overlap and keep their order."""
        return self._start(self._writer, Task(work, on_done, on_failed, None, None, True, writes=True))

    def cancel(self, key: str) -> None:
        """Drop the answer of the task under ``key`` (and stop it, if it can be stopped)."""
        task = self._latest.pop(key, None)
        if task is not None:
            self._forget(task)

    def cancel_all(self) -> None:
        """The user's Cancel: stop every cancellable task."""
        for task in [t for t in self._pending if t.token is not None]:
            task.token.cancel()  # type: ignore[union-attr]

    def tell_user(self, error: BaseException) -> None:
        """What a handler that cleaned up after a failure calls to still show it the usual way."""
        self.failed.emit(user_text(error))

    @property
    def idle(self) -> bool:
        """No task is queued, running, or waiting to deliver its answer."""
        return not self._pending

    @property
    def can_cancel(self) -> bool:
        return any(task.token is not None for task in self._slow)

    def shutdown(self) -> None:
        """At window close: drop every answer, stop what can stop, let a write under way finish."""
        self._closed = True
        for task in list(self._pending):
            task.drop()
        self._pool.stop(POOL_FINISH_SECONDS)
        self._writer.stop(WRITER_FINISH_SECONDS)

    def _start(self, lane: _Lane, task: Task) -> Task:
        if self._closed:  # a closed window asks for nothing more
            task.dropped = True
            return task
        if task.key is not None:
            older = self._latest.get(task.key)
            if older is not None:
                self._forget(older)
            self._latest[task.key] = task
        self._pending.add(task)
        if task.shows_busy:
            QTimer.singleShot(self._busy_delay_ms, self, lambda: self._mark_slow(task))
        lane.put(task)
        return task

    def _forget(self, task: Task) -> None:
        task.drop()
        self._slow.discard(task)
        self._update_busy()

    # -- working (worker threads) ----------------------------------------------------------------

    def _execute(self, task: Task) -> None:
        if task.token is not None and task.token.cancelled:
            task.error = Cancelled()
        elif not task.dropped or task.writes:  # an unwanted read is not even started; a write always runs
            try:
                task.result = task.work(task.token) if task.token is not None else task.work()
            except Exception as error:  # delivered, logged and shown on the UI thread
                task.error = error
        with contextlib.suppress(RuntimeError):  # RuntimeError: the window, and this runner with it, is gone
            self._finished.emit(task)

    # -- answering (UI thread) -------------------------------------------------------------------

    def _deliver(self, task: Task) -> None:
        self._pending.discard(task)
        self._slow.discard(task)
        if task.key is not None and self._latest.get(task.key) is task:
            del self._latest[task.key]
        try:
            self._answer(task)
        except Exception as error:  # a fault in a handler is a failure like any other
            log.exception("%s: the handler of its answer failed", task.name)
            if not self._closed:
                self.tell_user(error)
        finally:
            self._update_busy()

    def _answer(self, task: Task) -> None:
        error = task.error
        if error is None:
            if not (task.dropped or self._closed) and task.on_done is not None:
                task.on_done(task.result)
            return
        if isinstance(error, Cancelled):  # the user's Cancel, or a newer task took the key: no failure
            log.info("%s: cancelled", task.name)
            if not (task.dropped or self._closed):
                self.cancelled.emit()
            return
        log.error("%s failed", task.name, exc_info=(type(error), error, error.__traceback__))
        if task.dropped or self._closed:
            return
        if task.on_failed is not None:
            task.on_failed(error)
        else:
            self.tell_user(error)

    def _mark_slow(self, task: Task) -> None:
        if task in self._pending and not task.dropped:
            self._slow.add(task)
            self._update_busy()

    def _update_busy(self) -> None:
        shown = (bool(self._slow), self.can_cancel)
        if shown != self._shown:  # a Cancel button may come or go while the indicator stays
            self._shown = shown
            self.busy_changed.emit(shown[0])
