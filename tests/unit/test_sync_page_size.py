"""The pull's page size: smaller after a lost page, back to the largest after pages arrive."""

from __future__ import annotations

from app.pull_page_size import SMALLEST_PULL_BATCH, PageSize


def test_a_lost_page_halves_the_next_request_down_to_a_floor() -> None:
    size = PageSize(500)
    sizes = []
    for _ in range(6):
        size.failed()
        sizes.append(size.now)
    assert sizes == [250, 125, 62, 31, SMALLEST_PULL_BATCH, SMALLEST_PULL_BATCH]


def test_pages_that_arrive_double_it_back_to_the_largest() -> None:
    size = PageSize(500)
    for _ in range(4):
        size.failed()
    grown = []
    for _ in range(5):
        size.succeeded()
        grown.append(size.now)
    assert grown == [62, 124, 248, 496, 500]


def test_an_engine_set_below_the_floor_keeps_its_own_size() -> None:
    size = PageSize(4)
    size.failed()
    assert size.now == 4
    size.succeeded()
    assert size.now == 4
