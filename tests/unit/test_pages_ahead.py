"""The pull's pages fetched ahead: in order, a refetch in its place, the fetching error last, and
nothing more fetched once stopped."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from app.pages_ahead import Page, PagesAhead, Refetch


def pages_of(
    answers: dict[str | None, Page | Exception | None],
) -> tuple[Callable[[str | None], Page | None], list[str | None]]:
    asked: list[str | None] = []

    def fetch(cursor: str | None) -> Page | None:
        asked.append(cursor)
        answer = answers[cursor]
        if isinstance(answer, Exception):
            raise answer
        return answer

    return fetch, asked


def test_pages_arrive_in_order_and_the_fetching_ends_with_the_last() -> None:
    fetch, asked = pages_of({None: (["a"], "1", True), "1": (["b"], "2", True), "2": (["c"], "3", False)})
    ahead = PagesAhead(fetch, None)
    assert [ahead.take(), ahead.take(), ahead.take()] == [(["a"], "1", True), (["b"], "2", True), (["c"], "3", False)]
    ahead._thread.join(timeout=5)
    assert not ahead._thread.is_alive() and asked == [None, "1", "2"]


def test_a_cursor_the_server_no_longer_serves_is_followed_by_a_fresh_snapshot() -> None:
    fetch, asked = pages_of({"old": None, None: (["fresh"], "1", False)})
    ahead = PagesAhead(fetch, "old")
    assert isinstance(ahead.take(), Refetch)
    assert ahead.take() == (["fresh"], "1", False)
    assert asked == ["old", None]


def test_the_error_that_stops_the_fetching_comes_after_the_pages_before_it() -> None:
    fetch, _asked = pages_of({None: (["a"], "1", True), "1": ConnectionError("link dropped")})
    ahead = PagesAhead(fetch, None)
    assert ahead.take() == (["a"], "1", True)
    error = ahead.take()
    assert isinstance(error, ConnectionError)


def test_nothing_is_waiting_yet_without_blocking_and_nothing_is_fetched_after_stop() -> None:
    release = threading.Event()
    asked: list[str | None] = []

    def slow_fetch(cursor: str | None) -> Page:
        asked.append(cursor)
        release.wait(timeout=5)
        return ([cursor], f"{cursor}+", True)

    ahead = PagesAhead(slow_fetch, "0", depth=1)
    assert ahead.take(wait=False) is None  # the first page is still on its way
    ahead.stop()
    release.set()
    ahead._thread.join(timeout=5)
    assert not ahead._thread.is_alive() and asked == ["0"]


@pytest.mark.parametrize("depth", [1, 3])
def test_at_most_depth_pages_wait(depth: int) -> None:
    fetch_count = 0

    def endless(cursor: str | None) -> Page:
        nonlocal fetch_count
        fetch_count += 1
        return ([fetch_count], str(fetch_count), True)

    ahead = PagesAhead(endless, None, depth=depth)
    first = ahead.take()
    assert first == ([1], "1", True)
    ahead.stop()
    ahead._thread.join(timeout=5)
    assert fetch_count <= depth + 2  # the waiting pages, the one taken and one in the hand of _put
