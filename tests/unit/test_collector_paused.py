"""Pausing the cyclic garbage collector around the sync's large decodes."""

from __future__ import annotations

import gc
import threading

import pytest

from app.collector_paused import collector_paused


@pytest.fixture(autouse=True)
def collector_enabled():
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_off_inside_and_on_after() -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_still_turns_it_back_on() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a truncated page")
    assert gc.isenabled()


def test_a_collector_someone_else_turned_off_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


@pytest.mark.parametrize("first_out", ["outer", "inner"])
def test_two_threads_overlapping_leave_it_on(first_out: str) -> None:
    """The fetching thread and another one pause it at overlapping times, either leaving first."""
    inner_in, inner_may_leave, inner_out = threading.Event(), threading.Event(), threading.Event()

    def inner() -> None:
        with collector_paused():
            inner_in.set()
            inner_may_leave.wait(5)
        inner_out.set()

    with collector_paused():
        thread = threading.Thread(target=inner)
        thread.start()
        assert inner_in.wait(5)
        if first_out == "inner":
            inner_may_leave.set()
            assert inner_out.wait(5)
    inner_may_leave.set()
    thread.join(5)
    assert gc.isenabled()


def test_it_stays_off_while_any_thread_is_inside() -> None:
    """The sync's two threads pause it over overlapping spans: the first to leave must not turn it on."""
    inner_in, outer_out, inner_may_leave = threading.Event(), threading.Event(), threading.Event()
    seen_inside: list[bool] = []

    def inner() -> None:
        with collector_paused():
            inner_in.set()
            outer_out.wait(5)
            seen_inside.append(gc.isenabled())
            inner_may_leave.wait(5)

    thread = threading.Thread(target=inner)
    with collector_paused():
        thread.start()
        assert inner_in.wait(5)
    outer_out.set()
    inner_may_leave.set()
    thread.join(5)
    assert seen_inside == [False]
    assert gc.isenabled()
