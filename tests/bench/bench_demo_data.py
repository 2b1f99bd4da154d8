"""How long the demo generator takes to fill a fresh cache: ``make demo-bench`` (ITEMS=200000)."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from app.profile import Profile
from app.workbench import Workbench
from kernel.clock import SystemClock
from tests.demo_cache import fill_demo_cache


def main() -> None:
    items = int(os.environ.get("ITEMS", "200000"))
    with tempfile.TemporaryDirectory() as folder:
        profile = Profile(Path(folder) / "bench")
        started = time.perf_counter()
        bench = Workbench.open(profile, SystemClock())
        summary = fill_demo_cache(bench, items)
        elapsed = time.perf_counter() - started
        size = profile.database_path.stat().st_size / 1e6
        bench.close()
    print(f"demo data: {items} items ({summary}) in {elapsed:.1f} s, {items / elapsed:,.0f} items/s, {size:.0f} MB")


if __name__ == "__main__":
    main()
