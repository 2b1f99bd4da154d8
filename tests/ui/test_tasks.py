"""The window's task runner with real threads: answers on the UI thread, failures logged and told,
the latest answer wins, a busy signal only for slow work, cancelling, one writer."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.tasks import BUSY_DELAY_MS, CancelToken, TaskRunner
from ui.translation import user_text

WAIT_MS = 5000


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


def test_the_answer_arrives_on_the_ui_thread_and_the_work_ran_elsewhere(
    runner: TaskRunner, qtbot: QtBot, qapp: QApplication
) -> None:
    answers: list[tuple[int, QThread]] = []
    runner.run(threading.get_ident, lambda ident: answers.append((ident, QThread.currentThread())))
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT_MS)
    [(worker, delivered_on)] = answers
    assert worker != threading.get_ident()
    assert delivered_on is qapp.thread()
    assert runner.idle


def test_a_failure_is_logged_with_its_traceback_and_told_in_the_user_s_words(
    runner: TaskRunner, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> None:
        raise RuntimeError("the disk controller said no")

    with qtbot.waitSignal(runner.failed, timeout=WAIT_MS) as told:
        runner.run(broken, lambda _result: pytest.fail("no answer from a failure"))
    assert told.args[0] == user_text(RuntimeError())  # "Something went wrong …", in the UI language
    assert "disk controller" not in told.args[0] and "RuntimeError" not in told.args[0]
    [record] = [r for r in caplog.records if r.name == "ui.tasks"]
    assert record.levelno == logging.ERROR and record.exc_info is not None
    assert "the disk controller said no" in caplog.text and "in broken" in caplog.text  # the traceback


def test_a_caller_that_handles_the_failure_gets_it_and_nothing_else_is_shown(
    runner: TaskRunner, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    handled: list[BaseException] = []
    told: list[str] = []
    runner.failed.connect(told.append)
    runner.run(lambda: 1 / 0, on_failed=handled.append)
    qtbot.waitUntil(lambda: bool(handled), timeout=WAIT_MS)
    assert isinstance(handled[0], ZeroDivisionError) and told == []
    assert "ZeroDivisionError" in caplog.text  # logged all the same


def test_a_fault_in_the_answer_s_handler_is_logged_and_told(
    runner: TaskRunner, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    def show(_answer: int) -> None:
        raise KeyError("a column the model does not know")

    with qtbot.waitSignal(runner.failed, timeout=WAIT_MS):
        runner.run(lambda: 1, show)
    assert "a column the model does not know" in caplog.text
    assert runner.idle


def test_with_a_key_only_the_latest_answer_is_taken(runner: TaskRunner, qtbot: QtBot) -> None:
    release, first_started = threading.Event(), threading.Event()
    answers: list[str] = []

    def slow_first(token: CancelToken) -> str:
        first_started.set()
        release.wait(WAIT_MS / 1000)
        return "old"

    stopped: list[None] = []
    runner.cancelled.connect(lambda: stopped.append(None))
    first = runner.run(slow_first, answers.append, key="search", cancellable=True)
    assert first_started.wait(WAIT_MS / 1000)
    runner.run(lambda: "new", answers.append, key="search")
    qtbot.waitUntil(lambda: answers == ["new"], timeout=WAIT_MS)
    assert first.token is not None and first.token.cancelled  # the older one was told to stop
    release.set()
    qtbot.waitUntil(lambda: runner.idle, timeout=WAIT_MS)
    assert answers == ["new"]  # the older answer, arriving late, was dropped
    gate = threading.Event()

    def replaced_while_running(token: CancelToken) -> str:
        gate.wait(WAIT_MS / 1000)
        token.check()  # raises Cancelled: a newer task took the key meanwhile
        return "replaced"

    replaced = runner.run(replaced_while_running, answers.append, key="search", cancellable=True)
    runner.run(lambda: "newest", answers.append, key="search")
    gate.set()
    qtbot.waitUntil(lambda: runner.idle, timeout=WAIT_MS)
    assert replaced.dropped and answers == ["new", "newest"]
    assert stopped == []  # being replaced is not the user's Cancel


def test_other_keys_and_no_key_do_not_drop_each_other(runner: TaskRunner, qtbot: QtBot) -> None:
    answers: list[str] = []
    for key in ("documents", "dossiers", None, None):
        runner.run(lambda key=key: str(key), answers.append, key=key)
    qtbot.waitUntil(lambda: runner.idle, timeout=WAIT_MS)
    assert sorted(answers) == ["None", "None", "documents", "dossiers"]


def test_busy_shows_only_once_work_has_run_for_the_delay(runner: TaskRunner, qtbot: QtBot) -> None:
    changes: list[tuple[bool, float]] = []
    runner.busy_changed.connect(lambda busy: changes.append((busy, time.monotonic())))
    runner.run(lambda: "quick")
    qtbot.waitUntil(lambda: runner.idle, timeout=WAIT_MS)
    qtbot.wait(BUSY_DELAY_MS + 200)
    assert changes == []  # fast work never shows the indicator

    release = threading.Event()
    started = time.monotonic()
    runner.run(lambda: release.wait(WAIT_MS / 1000))
    qtbot.wait(BUSY_DELAY_MS // 2)
    assert changes == []
    qtbot.waitUntil(lambda: bool(changes), timeout=WAIT_MS)
    assert changes[0][0] is True and changes[0][1] - started >= BUSY_DELAY_MS / 1000 * 0.9
    release.set()
    qtbot.waitUntil(lambda: len(changes) == 2, timeout=WAIT_MS)
    assert changes[1][0] is False


def test_cancelled_work_stops_between_rows_and_is_not_a_failure(
    runner: TaskRunner, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    rows_done: list[int] = []
    told: list[str] = []
    runner.failed.connect(told.append)

    def export(token: CancelToken) -> int:
        for row in range(1_000_000):
            token.check()
            rows_done.append(row)
            time.sleep(0.002)
        return len(rows_done)

    with qtbot.waitSignal(runner.busy_changed, timeout=WAIT_MS):
        runner.run(export, lambda _rows: pytest.fail("a cancelled export has no answer"), cancellable=True)
    assert runner.can_cancel
    with qtbot.waitSignal(runner.cancelled, timeout=WAIT_MS):
        runner.cancel_all()
    qtbot.waitUntil(lambda: runner.idle, timeout=WAIT_MS)
    assert 0 < len(rows_done) < 1_000_000 and told == []
    assert not any(r.levelno >= logging.WARNING for r in caplog.records if r.name == "ui.tasks")


def test_writes_run_one_at_a_time_in_order_on_one_thread(runner: TaskRunner, qtbot: QtBot) -> None:
    threads: set[int] = set()
    order: list[int] = []
    inside = [0, 0]  # now, most at once

    def write(number: int) -> int:
        threads.add(threading.get_ident())
        inside[0] += 1
        inside[1] = max(inside)
        time.sleep(0.01)  # long enough for another writer thread, if there were one, to come in
        order.append(number)
        inside[0] -= 1
        return number

    answers: list[int] = []
    for number in range(8):
        runner.run_write(lambda number=number: write(number), answers.append)
    qtbot.waitUntil(lambda: len(answers) == 8, timeout=WAIT_MS)
    assert len(threads) == 1 and threading.get_ident() not in threads
    assert order == answers == list(range(8)) and inside[1] == 1


def test_at_shutdown_a_write_under_way_finishes_and_no_answer_arrives(qapp: QApplication, qtbot: QtBot) -> None:
    runner = TaskRunner()
    entered, release = threading.Event(), threading.Event()
    written: list[str] = []
    answers: list[str] = []

    def write() -> str:
        entered.set()
        release.wait(WAIT_MS / 1000)
        written.append("saved")
        return "saved"

    runner.run_write(write, answers.append)
    assert entered.wait(WAIT_MS / 1000)
    threading.Timer(0.1, release.set).start()
    runner.shutdown()  # waits for the writer
    assert written == ["saved"]
    qtbot.wait(100)
    assert answers == []


def test_closing_waits_for_a_read_under_way_but_not_for_one_that_hangs(runner: TaskRunner) -> None:
    """The window closes, then the cache: a read still running would use a closed cache (it crashed a test
    run). It is waited for; a call that hangs (a keyring) is not, beyond POOL_FINISH_SECONDS a thread."""
    from ui import tasks

    started, finished, hanging, never = threading.Event(), threading.Event(), threading.Event(), threading.Event()

    def read() -> None:
        started.set()
        time.sleep(0.3)
        finished.set()

    runner.run(read)
    runner.run(lambda: (hanging.set(), never.wait(30)))
    assert started.wait(WAIT_MS / 1000) and hanging.wait(WAIT_MS / 1000)
    before = time.monotonic()
    runner.shutdown()
    took = time.monotonic() - before
    never.set()
    assert finished.is_set()
    assert took < tasks.POOL_THREADS * tasks.POOL_FINISH_SECONDS + 1
