"""The kernel's clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kernel.clock import FixedClock, SystemClock


def test_the_kernel_clock_keeps_the_domain_time_zone() -> None:
    """The kernel imports nothing of ours, so it names Vietnam's zone itself: the two must agree."""
    from app.domain.working_calendar import VN_TZ as DOMAIN_ZONE
    from kernel.clock import VN_TZ as KERNEL_ZONE

    assert KERNEL_ZONE == DOMAIN_ZONE


def test_the_clocks_tell_vietnam_time_and_a_fixed_one_moves_only_when_told() -> None:
    assert SystemClock().now().utcoffset() == timedelta(hours=7)
    clock = FixedClock(datetime(2026, 12, 1, 1, 0, tzinfo=UTC))
    assert clock.now().hour == 8 and clock.now() == clock.now()
    clock.advance(timedelta(days=2))
    assert clock.now() == datetime(2026, 12, 3, 8, 0, tzinfo=clock.now().tzinfo)
    with pytest.raises(ValueError):
        FixedClock(datetime(2026, 12, 1))
